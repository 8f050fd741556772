/* recon.h: the only way into src/recon/ (module zc_recon), the embedded reconstructor that needs
 * no model weights: 8 views -> the curation descriptor's view blocks -> the k nearest training
 * rows -> each candidate program executed in the sandbox and its own 8 views rendered -> the
 * candidate whose views best match the input views (mean silhouette IoU) wins. Also the
 * silhouette IoU that `zerocad reconstruct -n` uses to choose among candidates. See
 * docs/reconstruct-retrieval.md.
 *
 * Errors: functions returning int give 0 on success and -1 with a one-line message in err. */
#ifndef ZC_RECON_H
#define ZC_RECON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ZRC_VIEWS 8

/* ---- silhouettes ---- */
/* Silhouette IoU of two w x h RGB views: a pixel is foreground when one of its channels differs
 * by more than 16 from the image's top-left pixel (the background). 1 when both are empty. */
double zrc_silhouette_iou(const uint8_t *a, const uint8_t *b, int w, int h);

/* Mean silhouette IoU of the n views of a against those of b (PNG bytes, decoded here); a pair
 * of views of different sizes counts 0. -1 with err when a PNG does not decode. */
double zrc_png_views_iou(const unsigned char *const *a, const size_t *alen, const unsigned char *const *b,
                         const size_t *blen, int n, char *err, size_t errlen);

/* ---- embedding ---- */
/* The view part of the curation descriptor (zcur_describe with no mesh): ZRC_DIM floats. */
int zrc_dim(void);
int zrc_describe_views(const unsigned char *const *png, const size_t *png_len, const char *name, float *desc,
                       char *err, size_t errlen);

/* ---- the training index ---- */
typedef struct zrc_index zrc_index;
/* Reads uuid, code and the 8 views of every row of the shards (files or folders of *.parquet)
 * and embeds the views. progress: NULL or where a line per shard goes. */
zrc_index *zrc_index_open(const char *const *shards, int n, FILE *progress, char *err, size_t errlen);
size_t zrc_index_rows(const zrc_index *x);
const char *zrc_index_uuid(const zrc_index *x, size_t i);
const char *zrc_index_code(const zrc_index *x, size_t i);
/* The k rows nearest desc (squared Euclidean distance; ties: lower row first), nearest first:
 * their indices in out and distances in dist (may be NULL). Returns how many (min(k, rows)). */
int zrc_index_nearest(const zrc_index *x, const float *desc, int k, size_t *out, float *dist);
void zrc_index_free(zrc_index *x);

/* ---- the retrieval reconstructor over a test shard ---- */
typedef struct {
    const char *const *train;  /* training shards (files or folders) */
    int ntrain;
    const char *test;          /* the shard (file or folder) whose rows are reconstructed */
    const char *out;           /* PRED.jsonl: {"id", "code", "retrieved", "view_iou", ...} lines */
    const char *views_out;     /* NULL, or a shard receiving per test uuid the winner's code and views */
    int k;                     /* candidates per test row (default 5) */
    int jobs;                  /* programs executed at a time (>= 1) */
    double timeout;            /* seconds per program */
    double memory_mb;          /* address space a program may add */
    int quiet;                 /* no progress on stderr */
} zrc_retrieval_opts;

int zrc_retrieval_run(const zrc_retrieval_opts *o, char *err, size_t errlen);

#endif
