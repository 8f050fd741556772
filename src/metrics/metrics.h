/* metrics.h: the public way into src/metrics/: shape similarity by named protocol (voxel IoU over
 * the 24 cube rotations, exact B-rep IoU, Chamfer distance) and the evaluation of a set of
 * predicted CadQuery programs against ground truth (success rate, IoU statistics, report).
 * See docs/metrics.md for each protocol's definition and source. */
#ifndef ZC_METRICS_H
#define ZC_METRICS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kernel.h"

/* ---- protocols ---- */
typedef enum {
    ZM_PROTO_ZEROCAD = 0, /* bbox-normalized voxel IoU at 64^3, max over the 24 cube rotations */
    ZM_PROTO_CADRILLE,    /* prediction and GT to [0,1]^3 by own bbox; volume IoU; CD x1000 (8192) */
    ZM_PROTO_CADCODER,    /* centroid, radius of gyration, principal axes (4 flips); exact IoU */
    ZM_PROTO_EXACT,       /* no normalization: exact IoU; CD x1000 on raw coordinates */
    ZM_PROTO_COUNT
} zm_protocol;

typedef struct {
    zm_protocol protocol;
    int grid;            /* voxel grid side for the zerocad protocol (default 64) */
    int rotations;       /* 24 (the cube's rotation group) or 1 (identity only) */
    int samples;         /* surface samples per shape for Chamfer distance (default 8192) */
    uint64_t seed;       /* sampling seed (default 0): results are reproducible */
    int chamfer;         /* 1: compute CD (default: the protocol's own choice) */
    double timeout;      /* seconds per program (default 10) */
    double memory_mb;    /* address-space limit per program (default 4096) */
    int jobs;            /* programs executed at a time (default 1) */
} zm_options;

void zm_options_default(zm_options *o, zm_protocol p);
/* Name <-> protocol ("zerocad", "cadrille", "cadcoder", "exact"); returns 0 or -1 if unknown. */
int zm_protocol_parse(const char *name, zm_protocol *out);
const char *zm_protocol_name(zm_protocol p);
const char *zm_protocol_names(void);  /* "zerocad|cadrille|cadcoder|exact" */

/* ---- shapes to compare ---- */
/* A shape as a B-rep (program result, STEP, BREP) or a triangle mesh (STL), whichever it came
 * as; the other form is derived on demand (meshing, or an OCCT solid built from the STL). */
typedef struct zm_geom zm_geom;

/* Load a .step/.stp/.brep/.stl file. NULL with a one-line message in err on failure. */
zm_geom *zm_geom_load(const char *path, char *err, size_t errlen);
/* STEP (is_stl 0) or STL (is_stl 1) bytes in memory, e.g. a shard's step_file or stl_file;
 * name is used in messages. NULL with a one-line message in err on failure. */
zm_geom *zm_geom_from_bytes(const char *name, const void *data, size_t len, int is_stl, char *err, size_t errlen);
/* Wrap a B-rep (takes a new reference). */
zm_geom *zm_geom_from_shape(zk_shape *s);
void zm_geom_free(zm_geom *g);

/* ---- scoring one pair ---- */
typedef struct {
    double iou;          /* NaN when not computed */
    double cd;           /* Chamfer distance x1000, NaN when the protocol has none */
    int rotation;        /* zerocad: index of the best of the 24 rotations; cadcoder: best flip */
    double seconds;      /* wall time of the scoring */
    char error[512];     /* why the pair could not be scored ("" when it was) */
} zm_score;

/* Scores pred against gt under o->protocol. Returns 0, or -1 with out->error set. */
int zm_score_pair(zm_geom *pred, zm_geom *gt, const zm_options *o, zm_score *out);

/* ---- executing programs (untrusted code) ---- */
typedef struct {
    const char *id;
    const char *path;    /* program file, or NULL when code is given */
    const char *code;    /* program source, or NULL to read path */
} zm_program;

typedef struct {
    char status[16];     /* "ok", "error", "timeout", "memory", "crashed", "denied" */
    char error[512];     /* one line, "" when ok */
    zk_shape *shape;     /* the result (new reference) when ok */
    double seconds;
} zm_exec_result;

/* Executes n programs in isolation (sandboxed worker processes; never in this process; the texts
 * and result solids pass in memory) and fills out[i] for each; progress(done, total, arg) is called
 * after each when not NULL. Returns 0 (per-program failures are in out[]), -1 if the executor
 * failed or was interrupted (out[] then holds nothing). */
int zm_exec_programs(const zm_program *progs, size_t n, const zm_options *o, zm_exec_result *out,
                     void (*progress)(size_t done, size_t total, void *arg), void *arg);
void zm_exec_result_clear(zm_exec_result *r);

/* ---- evaluation of a set ---- */
/* Sharing the items among processes (src/scale, docs/scale.md): the items are positions
 * 0..total-1 in id order; plan gets the positions recorded nowhere yet (0, or -1 to stop), next
 * hands this process a position (1, or -1: no more), done reports one recorded. */
typedef struct {
    void *ctx;
    int (*plan)(void *ctx, size_t total, const size_t *todo, size_t ntodo);
    int (*next)(void *ctx, size_t *pos);
    void (*done)(void *ctx, size_t pos);
} zm_share;

typedef struct {
    const char *pred;    /* JSONL of {"id","code"} or a folder of .py programs */
    const char *gt;      /* folder of .step/.stp/.brep/.stl/.py keyed by file stem */
    const char *out;     /* report prefix: OUT.jsonl, OUT.md, OUT.json (NULL: "eval-report") */
    int quiet;           /* no progress on stderr */
    /* One part of a job shared among processes (src/scale, docs/scale.md); NULL/0 alone. The
     * positions are the items in id order (the order of OUT.jsonl). */
    const zm_share *share;   /* the positions this process takes; its records, no table */
    const char *records;     /* with share: this process's part file, appended and fsync'd */
    char *const *seen;       /* with share: the job's other files; their ids count as done */
    size_t nseen;
} zm_eval_args;

/* Runs the evaluation; prints the markdown table on stdout. Returns 0, 1 (failure) or 2
 * (bad input, message on stderr naming the file). With a->share: only the positions handed
 * to this process, one record line each appended to a->records, no table. */
int zm_eval(const zm_eval_args *a, const zm_options *o);
/* The table over the records of every file of a shared job (deduplicated by id, in id order),
 * as a one-process run prints and writes it (OUT.json, OUT.md; seconds: this run's). 0, 1
 * failure, 2 a file is not a record file (message printed). */
int zm_eval_table(const zm_eval_args *a, const zm_options *o, char *const *files, size_t n, double seconds);

/* ---- statistics (exposed for tests and reports) ---- */
double zm_mean(const double *v, size_t n);
/* Percentile q in [0,100] with linear interpolation between order statistics (numpy's default).
 * v is sorted in place. NaN for n == 0. */
double zm_percentile(double *v, size_t n, double q);
/* Sets PREFIX_mean, PREFIX_median and PREFIX_p90 of v (sorted in place; null when n == 0) in
 * the JSON object dst (a json_t *), and PREFIX_count when with_count. */
void zm_stats_json(void *dst, const char *prefix, double *v, size_t n, int with_count);

#endif
