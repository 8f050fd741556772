/* renderbatch.h: the public way into src/renderbatch/, rendering shapes from files and shards:
 * reading one input into a scene and writing its views as PNG files (what `zerocad render
 * INPUT` does), and the batch behind `zerocad render --batch`: many inputs (folders, files,
 * parquet shards' rows), each item's views in OUTDIR/<id>/, one durable record line per item
 * in OUTDIR/render.jsonl, ids already recorded skipped on a rerun. Programs (.py) run in this
 * process with the embedded Python, as `zerocad render` runs them; nothing is forked.
 *
 * Errors: functions returning int give 0 on success and -1 on failure with a one-line
 * message naming the input in the caller's err buffer (errlen bytes). */
#ifndef ZRB_RENDERBATCH_H
#define ZRB_RENDERBATCH_H

#include <stddef.h>
#include <stdint.h>

#include "render.h"

/* ---- one input (load.c) ---- */
typedef struct {
    double load;               /* reading the file / running the program (0 for STL) */
    double tessellate;         /* tessellating the B-rep, or parsing and welding the STL */
} zrb_times;

/* A CadQuery program (.py, run in-process, its prints sent to stderr), a STEP file (.step,
 * .stp), an STL file (.stl) or a shard row SHARD.parquet#UUID (its step_file), tessellated with
 * the spec's deflections into *scene (zeroed by the caller; zr_scene_free after). */
int zrb_scene_from_input(const char *input, const zr_spec *spec, zr_scene *scene, zrb_times *t, char *err,
                         size_t errlen);
/* STEP bytes in memory (a shard row's step_file); name is used in messages. */
int zrb_scene_from_step(const char *name, const void *step, size_t len, const zr_spec *spec, zr_scene *scene,
                        zrb_times *t, char *err, size_t errlen);

/* ---- views as files (views_out.c) ---- */
/* DIR/<view name>.png, characters other than [A-Za-z0-9._-] (and a leading '.') as '_'. */
void zrb_view_path(const char *dir, const char *view_name, char *out, size_t outlen);
/* Creates dir (and its parents) and writes one PNG per view of the spec (rgbs[i]: view i, as
 * zr_render_all makes them; tEXt: the spec version and the view name). durable: each file and
 * the folder are fsync'd before it returns. */
int zrb_write_views(const char *dir, const zr_spec *spec, uint8_t *const *rgbs, int durable, char *err,
                    size_t errlen);

/* ---- the batch (batch.c) ---- */
/* Sharing the batch's items with other processes (src/scale: MPI ranks, --shard K/N). A
 * position is an item's place in the inputs' order (0 .. total-1), as zx_share. */
typedef struct {
    void *ctx;
    int (*plan)(void *ctx, size_t total, const size_t *todo, size_t ntodo);   /* 0, or -1 to stop */
    int (*next)(void *ctx, size_t *pos);                                      /* 1 with *pos, -1: no more */
    void (*done)(void *ctx, size_t pos);                                      /* its record was written */
} zrb_share;

#define ZRB_RECORDS_NAME "render.jsonl"
#define ZRB_SPEC_NAME "render.spec.json"

typedef struct zrb_opts {
    const char *const *inputs; /* folders of .py/.step/.stp/.stl/.parquet, such files, shards */
    int ninputs;
    const char *outdir;        /* OUTDIR/<id>/<view>.png, OUTDIR/render.jsonl, OUTDIR/render.spec.json */
    const zr_spec *spec;
    int threads;               /* threads drawing one item's views (the bytes do not change) */
    int quiet;                 /* no progress line, no summary */
    const char *records;       /* the record file this process appends to; NULL: OUTDIR/render.jsonl */
    char *const *seen;         /* other record files of the same job: their ids count as done */
    size_t nseen;
    const zrb_share *share;    /* NULL: this process renders every item not recorded */
    const char *label;         /* in the summary ("rank 2"); NULL: none */
} zrb_opts;

/* OUTDIR/render.jsonl. */
void zrb_records_path(const char *outdir, char *out, size_t outlen);
/* Renders the batch and prints a summary on stderr (unless quiet). Returns the exit status:
 * 0 when every item taken has a record (ok or error), 1 when the batch itself failed (an
 * input that cannot be listed, duplicate ids, OUTDIR drawn with another view spec, a record
 * that cannot be written); the one-line message names the file. */
int zrb_run(const zrb_opts *o);

#endif
