/* curate.h: `zerocad curate`, the only way into the curation code of src/synth/curate*.c.
 * A diverse subset of Zero-to-CAD shards: every row is embedded (a descriptor of its 8 views and
 * mesh, or the mean-pooled vision-encoder embedding of its views), the descriptors are clustered
 * with k-means (k-means++ initialisation, OpenBLAS sgemm for the distance products) and the row
 * nearest each centroid is kept. Coverage (op frequencies, faces histogram, category counts) is
 * reported before and after. See docs/curate.md.
 *
 * Errors: functions returning int give 0 on success and -1 with a one-line message in err. */
#ifndef ZC_SYNTH_CURATE_H
#define ZC_SYNTH_CURATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- deterministic random numbers (splitmix64) ---- */
typedef struct {
    uint64_t s;
} zcur_rng;
void zcur_rng_seed(zcur_rng *r, uint64_t seed);
uint64_t zcur_rng_next(zcur_rng *r);
double zcur_rng_uniform(zcur_rng *r);          /* [0, 1) with 53 random bits */

/* ---- k-means ---- */
/* x: n rows of d floats (row-major). Squared Euclidean distances of every row to the k centroids
 * c (k x d) by blocks of rows with one cblas_sgemm each: ||x||^2 + ||c||^2 - 2 x.c (clamped at 0).
 * assign[i] receives the nearest centroid (lowest index on ties), dist[i] (may be NULL) its squared
 * distance. xnorm (n, may be NULL: computed) holds ||x_i||^2. */
int zcur_assign(const float *x, const float *xnorm, size_t n, int d, const float *c, int k, int *assign,
                float *dist, char *err, size_t errlen);

/* k-means++ initialisation: the first centroid a uniformly drawn row, each next one a row drawn with
 * probability proportional to its squared distance to the nearest centroid so far. c receives k x d
 * floats, rows[j] (may be NULL) the row each centroid was drawn from. Deterministic for a seed. */
int zcur_kmeanspp(const float *x, size_t n, int d, int k, uint64_t seed, float *c, size_t *rows, char *err,
                  size_t errlen);

typedef struct {
    int max_iter;            /* Lloyd iterations at most (default 50) */
    uint64_t seed;
    FILE *progress;          /* NULL, or where a line goes per Lloyd iteration (and seeding's end) */
} zcur_kmeans_opts;

typedef struct {
    int iterations;          /* Lloyd iterations run */
    int converged;           /* 1: the last iteration changed no assignment */
    double inertia;          /* sum of squared distances of the rows to their centroids */
    int empty_repairs;       /* clusters left empty and refilled with the farthest row */
} zcur_kmeans_info;

/* k-means++ then Lloyd iterations; an empty cluster takes the row farthest from its centroid among
 * clusters of two rows or more, so every cluster keeps at least one row (n >= k required).
 * reps[j] receives the member of cluster j nearest its centroid: k distinct row indices.
 * assign (n, may be NULL) receives the final clusters. Deterministic for a seed. */
int zcur_kmeans(const float *x, size_t n, int d, int k, const zcur_kmeans_opts *o, size_t *reps, int *assign,
                zcur_kmeans_info *info, char *err, size_t errlen);

/* Principal components: the n x d rows of x are centred and projected in place on the m leading
 * eigenvectors of their covariance (row i's m floats at x + i m). *explained (may be NULL) receives
 * the fraction of the variance kept. 1 <= m < d, n >= 2. */
int zcur_pca(float *x, size_t n, int d, int m, double *explained, char *err, size_t errlen);

/* ---- descriptors ---- */
#define ZCUR_VIEWS 8
#define ZCUR_THUMB 8                              /* thumbnail side per view */
#define ZCUR_ORIENT_BINS 8                        /* edge-orientation histogram bins per view */
#define ZCUR_D2_BINS 32                           /* D2 shape distribution bins */
#define ZCUR_D2_PAIRS 4096                        /* point pairs sampled on the surface */
#define ZCUR_DIM_THUMB (ZCUR_VIEWS * ZCUR_THUMB * ZCUR_THUMB)
#define ZCUR_DIM_ORIENT (ZCUR_VIEWS * ZCUR_ORIENT_BINS)
#define ZCUR_DIM_INERTIA 3
#define ZCUR_DIM (ZCUR_DIM_THUMB + ZCUR_DIM_ORIENT + ZCUR_D2_BINS + ZCUR_DIM_INERTIA)

/* The view blocks of one decoded view (8-bit RGB, w x h): thumb (ZCUR_THUMB^2 values, darkness
 * 1 - grey/255 averaged over each cell) and orient (ZCUR_ORIENT_BINS values: gradient-magnitude
 * weighted histogram of edge orientations modulo 180 degrees, summing to 1, or all 0 on a flat image). */
void zcur_view_features(const uint8_t *rgb, int w, int h, float *thumb, float *orient);

/* The mesh blocks of a triangle mesh (points 3 x npoints, tris 3 x ntris): d2 (ZCUR_D2_BINS values:
 * histogram of distances between ZCUR_D2_PAIRS pairs of area-weighted random surface points, divided
 * by their mean, over [0, 3), summing to 1; a fixed seed) and inertia (3 values: eigenvalues of the
 * surface's second-moment matrix about its area centroid, descending, divided by their sum).
 * Translation, rotation and scale invariant. -1 when the mesh has no area. */
int zcur_mesh_features(const float *points, size_t npoints, const uint32_t *tris, size_t ntris, float *d2,
                       float *inertia, char *err, size_t errlen);

/* Blocks present in a descriptor (missing parts of a row are left as zero blocks). */
enum { ZCUR_HAS_VIEWS = 1, ZCUR_HAS_MESH = 2 };

/* The default descriptor of one row (ZCUR_DIM floats): from the PNG views (NULL entries absent)
 * and the STL bytes (NULL: absent). Each block (thumbnails, orientations, D2, inertia) is scaled
 * to unit L2 norm. *has receives ZCUR_HAS_* flags. name names the row in messages. */
int zcur_describe(const unsigned char *const *png, const size_t *png_len, const unsigned char *stl,
                  size_t stl_len, const char *name, float *desc, unsigned *has, char *err, size_t errlen);

/* ---- vision-encoder descriptor (-m DIR) ---- */
typedef struct zcur_vision zcur_vision;
zcur_vision *zcur_vision_open(const char *dir, char *err, size_t errlen);
int zcur_vision_dim(const zcur_vision *v);     /* out_hidden of the checkpoint */
/* Mean of the patch embeddings of all present views (merged tokens), scaled to unit L2 norm. */
int zcur_vision_describe(zcur_vision *v, const unsigned char *const *png, const size_t *png_len,
                         const char *name, float *desc, char *err, size_t errlen);
void zcur_vision_close(zcur_vision *v);

/* ---- coverage ---- */
typedef struct zcur_coverage zcur_coverage;
zcur_coverage *zcur_coverage_new(void);
void zcur_coverage_free(zcur_coverage *c);
/* Adds one row: ops_json (NULL: absent), num_faces (< 0: absent), code (first line
 * "# Title (category)" gives the category, else "unknown"). -1 only when out of memory. */
int zcur_coverage_add(zcur_coverage *c, const char *ops_json, size_t ops_len, int64_t num_faces, const char *code,
                      size_t code_len);
int64_t zcur_coverage_rows(const zcur_coverage *c);
/* The category of a program's first line ("unknown" when it has none); copies at most cap-1 bytes. */
void zcur_category_of(const char *code, size_t len, char *out, size_t cap);
/* Markdown tables comparing two coverages (op frequencies, faces histogram, category counts). */
void zcur_coverage_report(FILE *f, const zcur_coverage *before, const zcur_coverage *after);

/* ---- the command ---- */
typedef struct {
    const char *const *inputs;   /* shard files or folders of *.parquet */
    int ninputs;
    int k;                       /* rows to keep */
    const char *out;             /* output folder */
    uint64_t seed;
    const char *model_dir;       /* NULL: the default descriptor */
    const char *report;          /* NULL: stdout only */
    const char *descriptors;     /* NULL, or a file receiving the n x d float32 descriptors */
    int64_t rows_per_shard;      /* rows per output file (default 10000) */
    int max_iter;                /* k-means iterations at most */
    int threads;                 /* threads describing rows (default descriptor; <= 1: one) */
    int pca;                     /* > 0: k-means on the descriptors projected on this many components */
    int quiet;                   /* no progress on stderr */
} zcur_opts;

/* Reads the shards (pass 1: descriptors and coverage), clusters, copies the chosen rows byte for
 * byte to out/part-00000.parquet ... (pass 2) and prints the report on stdout (and to o->report). */
int zcur_run(const zcur_opts *o, char *err, size_t errlen);

#endif
