/* rowmake.h: making a dataset row from a program that ran, in the executor's sandboxed
 * worker (a zx_hook_fn), and reading what the worker made back in the supervisor. Shared by
 * `zerocad synth` and `zerocad data import`: both sources end in the same rows. */
#ifndef ZS_ROWMAKE_H
#define ZS_ROWMAKE_H

#include <stddef.h>
#include <stdint.h>

#include "exec.h"

enum { ZS_BLOB_STEP, ZS_BLOB_STL, ZS_BLOB_OPS, ZS_BLOB_VIEW0, ZS_NBLOBS = ZS_BLOB_VIEW0 + 8 };

/* Facts about the solid, measured in the worker. */
typedef struct {
    int32_t solids, shells, faces, edges, valid;
    double volume, area;
    double inertia_eig[3];     /* principal moments about the centre of mass, ascending */
    double ops_latency_ms;     /* the program's own run time */
    double face_latency_ms;    /* tessellating the solid's faces for the views */
    long ops_count;
    uint64_t geo_key;          /* rounded invariants (volume, area, faces, edges, inertia) */
    uint64_t view_key;         /* the 8 views' pixels */
} zs_facts;

/* What a worker made: facts and blobs (STEP, STL, ops JSON, 8 PNG views), pointing into the
 * payload it was parsed from. */
typedef struct {
    zs_facts facts;
    const unsigned char *blob[ZS_NBLOBS];
    size_t blob_len[ZS_NBLOBS];
} zs_made;

/* The executor hook (ctx unused): measures, exports STEP and STL, renders the 8 views of the
 * default view spec, traces the CadQuery calls. */
long zs_rowmake_hook(void *ctx, const zx_hook_input *in, unsigned char *buf, size_t cap, char *err, size_t errlen);

/* A lighter hook (ctx unused): only the 8 views of the default view spec, the same pixels as the
 * rows of zs_rowmake_hook (blobs ZS_BLOB_VIEW0..,
 * the others empty; facts hold only the latencies and view_key). Read back with zs_rowmake_parse. */
long zs_views_hook(void *ctx, const zx_hook_input *in, unsigned char *buf, size_t cap, char *err, size_t errlen);

/* Reads a payload the hook wrote. Returns 0, or -1 when it is malformed. */
int zs_rowmake_parse(const unsigned char *payload, size_t len, zs_made *out);

/* cadquery_ops_json of a program (ops_trace.c): malloc'd JSON text (a list of {"op_name",
 * "function"}) and the number of calls, or NULL when the source does not parse. Needs the
 * interpreter with `cadquery` importable. */
char *zs_ops_trace(const char *source, long *count);

/* The validation of the paper for a program that ran: NULL when the row is accepted, else
 * the reason ("not a single solid", "fewer than 7 faces", "invalid solid"). */
const char *zs_validate(const zs_facts *f);

#endif
