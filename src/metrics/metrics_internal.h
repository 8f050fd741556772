/* metrics_internal.h: types and functions shared between the files of src/metrics/ (not part of
 * the public API): triangle meshes, bit-packed voxel grids, the cube rotations, sampling. */
#ifndef ZC_METRICS_INTERNAL_H
#define ZC_METRICS_INTERNAL_H

#include "metrics.h"

/* ---- triangle meshes (double precision) ---- */
typedef struct {
    double *v;           /* 3 * nv */
    uint32_t *t;         /* 3 * nt, counter-clockwise seen from outside */
    size_t nv, nt;
} zm_mesh;

void zm_mesh_free(zm_mesh *m);
int zm_mesh_copy(const zm_mesh *src, zm_mesh *dst);
/* Axis-aligned bounds: lo[3], hi[3]. */
void zm_mesh_bounds(const zm_mesh *m, double lo[3], double hi[3]);
/* p -> scale * R * p + t for every vertex (R row-major 3x3, NULL = identity). */
void zm_mesh_transform(zm_mesh *m, const double *R, double scale, const double t[3]);
double zm_mesh_area(const zm_mesh *m);
double zm_mesh_volume(const zm_mesh *m);   /* signed, divergence theorem */
/* Mesh a B-rep (BRepMesh, in place on the shape) into m. Returns 0 or -1 (err set). */
int zm_mesh_from_shape(const zk_shape *s, double lin_tol, double ang_tol, int relative, zm_mesh *m,
                       char *err, size_t errlen);
/* Read a binary or ASCII STL. Returns 0 or -1 (err names the file). */
int zm_stl_read(const char *path, zm_mesh *m, char *err, size_t errlen);
/* The same from bytes in memory; name is used in messages. */
int zm_stl_parse(const void *data, size_t len, const char *name, zm_mesh *m, char *err, size_t errlen);

/* ---- geometry holder (behind the public zm_geom) ---- */
struct zm_geom {
    zk_shape *shape;     /* B-rep, or NULL until built from an STL */
    char *stl_path;      /* set for STL input */
    zm_mesh mesh;        /* cached mesh of the last kind requested */
    int mesh_kind;       /* 0 none, 1 metrics mesh (fine), 2 STL as read */
    char shape_error[256];
};
/* The mesh to score with: the STL's triangles or the B-rep meshed with linear deflection lin_tol
 * (relative to the edges' size when relative, OCCT's isRelative mode; else in model units) and
 * angular deflection ang_tol (radians). Cached: the first request's tolerances win. */
const zm_mesh *zm_geom_mesh(zm_geom *g, double lin_tol, double ang_tol, int relative, char *err, size_t errlen);
/* Longest side of the B-rep's exact bounding box (or of the STL's), or -1 with err. */
double zm_geom_extent(zm_geom *g, char *err, size_t errlen);
/* The B-rep (built from the STL triangles when the input was an STL). */
zk_shape *zm_geom_shape(zm_geom *g, char *err, size_t errlen);

/* ---- voxel grids: n^3 bits, rows along x, bit i of row (j,k) = voxel (i,j,k) ---- */
typedef struct {
    int n;               /* cells per side */
    int words;           /* uint64 words per row: (n + 63) / 64 */
    uint64_t *bits;      /* n * n * words words; row (j,k) starts at (k * n + j) * words */
} zm_grid;

int zm_grid_init(zm_grid *g, int n);
void zm_grid_free(zm_grid *g);
size_t zm_grid_count(const zm_grid *g);
/* Voxelize a closed mesh into the grid covering the cube [lo, lo + n*h]^3 (cell size h): a voxel
 * is inside when its centre is, by signed ray crossings along x (nonzero winding rule) with
 * consistent tie-breaking on edges and vertices (see voxel.c). Returns 0 or -1 (no memory). */
int zm_voxelize(const zm_mesh *m, const double lo[3], double h, zm_grid *g);

/* ---- the 24 rotations of the cube ---- */
typedef struct {
    int axis[3];         /* output axis d reads input axis axis[d] */
    int sign[3];         /* ... with this sign (+1 or -1) */
} zm_rotation;
/* The rotations as signed permutations with determinant +1; index 0 is the identity. */
const zm_rotation *zm_rotations(void);
/* max over rotations r of |a AND r(b)| / |a OR r(b)| (r(b): b rotated about the grid centre);
 * *best gets the maximizing rotation index. nrot 24 or 1. */
double zm_grid_best_iou(const zm_grid *a, const zm_grid *b, int nrot, int *best);
/* |a AND r(b)| for one rotation (exposed for tests). */
size_t zm_grid_and_count_rotated(const zm_grid *a, const zm_grid *b, int rot);

/* ---- exact IoU and normalizations ---- */
/* vol(common) / vol(fuse) of two B-reps. Returns 0 or -1 (err). */
int zm_exact_iou(const zk_shape *a, const zk_shape *b, double *iou, char *err, size_t errlen);
/* A similarity transform (scale * R * p + t) as a kernel transform. */
void zm_similarity_trsf(const double *R, double scale, const double t[3], zk_trsf *out);
/* Eigen decomposition of a symmetric 3x3 matrix (Jacobi): ascending eigenvalues w, eigenvectors as
 * the columns of V (row-major), det(V) = +1. */
void zm_eigen_sym3(const double A[9], double w[3], double V[9]);

/* ---- sampling and Chamfer distance ---- */
typedef struct { uint64_t s[4]; } zm_rng;
void zm_rng_seed(zm_rng *r, uint64_t seed, uint64_t stream);
double zm_rng_uniform(zm_rng *r);   /* [0, 1) */
/* n area-weighted uniform samples on the mesh surface into pts (3n). Returns 0 or -1. */
int zm_sample_surface(const zm_mesh *m, size_t n, zm_rng *rng, double *pts);
/* Mean squared nearest-neighbour distance from a to b plus from b to a (not scaled). */
double zm_chamfer(const double *a, size_t na, const double *b, size_t nb);


/* ---- evaluation items and reports (eval.c, report.c) ---- */
typedef struct {
    char *id;
    char *pred_path, *pred_code;   /* the prediction (file or JSONL code); both NULL: missing */
    char *gt_path;                 /* ground-truth file (or SHARD#uuid); NULL: none */
    int gt_program;                /* the ground truth is a .py program */
    unsigned char *gt_bytes;       /* a shard row's step_file (or stl_file when gt_stl) */
    size_t gt_len;
    int gt_stl;
    char status[16];               /* executor status, "missing", or "no_gt" */
    char error[512];
    int success;                   /* executed and made a valid solid */
    int scored;                    /* success and an IoU was computed */
    int valid;
    double iou, cd;                /* NaN when not computed */
    double exec_seconds, score_seconds;
    char *pred_before;             /* JSONL "code_before": the prediction before refinement, or NULL */
    int has_before;                /* the fields below are set (pred_before was given) */
    int success_before, scored_before;
    double iou_before;             /* NaN when not computed */
} zm_item;

/* The evaluation's item list (eval_items.c), indexed by id. */
typedef struct {
    zm_item *v;
    size_t n, cap;
    size_t *slots;       /* open-addressing table of item index + 1 (0: empty) */
    size_t nslots;       /* a power of two, at least twice n */
} zm_item_list;

/* The item of an id, added when new (items: a zm_item_list); NULL out of memory. */
zm_item *zm_items_find_or_add(void *items, const char *id);
/* The item of an id, or NULL. */
zm_item *zm_items_find(const zm_item_list *l, const char *id);
/* Sorts the items by id (strcmp), the index kept. 0, or -1 out of memory. */
int zm_items_sort(zm_item_list *l);
void zm_items_free(zm_item_list *l);

/* ---- the evaluation's steps (eval.c), shared by the one-process run and a shared one ---- */
/* Every item of the predictions and the ground truth, sorted by id. 0, 1 failure, 2 bad input
 * (printed). */
int zm_eval_load(const zm_eval_args *a, zm_item_list *items);
/* Executes the programs of the n items in one executor run and scores each; after each item is
 * scored, each(it, arg) (when not NULL; non-zero stops). 0, or 1 (the executor failed or was
 * interrupted; a message was printed; or each stopped it). */
int zm_eval_score(zm_item *const *its, size_t n, const zm_options *o, int (*each)(zm_item *it, void *arg),
                  void *arg);
/* The shared run (eval_shared.c): a->share set. */
int zm_eval_shared(const zm_eval_args *a, const zm_options *o);

/* ---- the per-item records of a shared run (eval_records.c) ---- */
/* Reads the whole record lines of path (a torn last line is left alone) into items: an id already
 * there keeps its first record; *rows (when not NULL) gets the lines read. 0, or -1 with err
 * naming the file and line (a line that is not a record of `zerocad eval --pred`). */
int zm_records_read(const char *path, zm_item_list *items, long *rows, char *err, size_t errlen);
/* Opens (creates) path for appending and cuts a torn last line off. The descriptor, or -1 with
 * err. */
int zm_records_open(const char *path, char *err, size_t errlen);
/* Appends the record (a json_t *) as one whole line and fsyncs. 0, or -1 with err. */
int zm_records_append(int fd, const char *path, const void *record, char *err, size_t errlen);
/* Ground truth from Zero-to-CAD shards (eval_shards.c): is GT a .parquet file or a folder of
 * them? Then every row becomes an item keyed by uuid; the step_file (else stl_file) bytes are
 * kept for rows that have a prediction. Returns 0, 1 failure, 2 bad input (printed). */
int zm_gt_is_shards(const char *gt);
int zm_scan_gt_shards(const char *gt, void *items);

/* One JSON object per item (the per-item JSONL line). */
void *zm_report_item_json(const zm_item *it);   /* json_t * */
/* The summary (success rate, IoU statistics, CD, invalidity) as a JSON object (json_t *). */
void *zm_report_summary(const zm_item *items, size_t n, const zm_options *o, double seconds);
/* The markdown report of a summary. */
void zm_report_markdown(const void *summary, FILE *out);
/* PREFIX.json (the summary) and PREFIX.md (its table). 0, or 1 (a message was printed). */
int zm_report_write(const char *prefix, const void *summary);

double zm_now(void);   /* monotonic seconds */

#endif
