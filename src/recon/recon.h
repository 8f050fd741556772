/* recon.h: the only way into src/recon/ (module zc_recon), the embedded reconstructor that needs
 * no model weights: 8 views -> the curation descriptor's view blocks -> the k nearest training
 * rows -> each candidate program executed in the sandbox and its own 8 views rendered -> the
 * candidate whose views best match the input views (mean silhouette IoU) wins. Also the
 * silhouette IoU that `zerocad reconstruct -n` uses to choose among candidates, and refinement:
 * a program's numeric literals tuned by NLopt so that its views match the input views better.
 * See docs/reconstruct-retrieval.md and docs/refine.md.
 *
 * Errors: functions returning int give 0 on success and -1 with a one-line message in err. */
#ifndef ZC_RECON_H
#define ZC_RECON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "metrics.h"
#include "model.h"
#include "vision.h"

#define ZRC_VIEWS 8
#define ZRC_MAX_VIEWS 64

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


/* ---- numeric literals of a program (literals.c) ---- */
typedef struct {
    size_t start, len;         /* the NUMBER token's bytes in the source (never its sign) */
    double value;              /* its value (0 for hex/octal/binary and imaginary literals) */
    int is_int;                /* written as an integer (no point, no exponent) */
    int tunable;               /* decimal, finite, nonzero, below 1e15, under 48 characters */
    int param;                 /* in the parameters block: a top-level `a, b = 1.5, -2` statement */
} zrc_literal;

typedef struct {
    zrc_literal *v;
    size_t n, cap;
} zrc_literals;

/* Every NUMBER token of the Python source, in source order (as Python's tokenize finds them:
 * none inside strings or comments). 0, or -1 out of memory. */
int zrc_literals_scan(const char *src, zrc_literals *out);
void zrc_literals_free(zrc_literals *l);
/* The tunable literals in the order refinement takes them (the parameters block, then the other
 * floats, then the other integers, each in source order), at most max: their indices in idx. */
int zrc_literals_pick(const zrc_literals *l, int max, size_t *idx);
/* A positive value written as a literal of the kind given (integers: nearest, at least 1). */
void zrc_literal_format(double v, int is_int, char *buf, size_t len);
/* The source with literal idx[j] replaced by values[j] (j < k; a value equal to the literal's
 * keeps it as written); the rest byte for byte. NULL: out of memory. */
char *zrc_literals_rewrite(const char *src, const zrc_literals *l, const size_t *idx, const double *values, int k);

/* ---- refinement: the numbers of a program tuned to match the input views (refine*.c) ---- */
typedef enum { ZRC_REFINE_NELDERMEAD, ZRC_REFINE_BOBYQA } zrc_refine_method;

typedef struct {
    int evals;                 /* budget: runs of a program in the sandbox per item (>= 1) */
    int max_params;            /* numbers tuned at most per program (default 8) */
    zrc_refine_method method;  /* NLopt's LN_NELDERMEAD (default) or LN_BOBYQA */
    double scale;              /* bounds: [value / scale, value * scale] (default 2) */
    int jobs;                  /* programs run at a time (items are refined side by side) */
    double timeout;            /* seconds per program run */
    double memory_mb;          /* address space a program may add */
    FILE *progress;            /* NULL, or where progress lines go */
    FILE *log;                 /* NULL, or a JSON line per evaluation: {"item","eval","view_iou","values"} */
} zrc_refine_opts;

/* One program to refine against input views (w x h RGB, n of them, compared with the first n
 * views of the default view spec). */
typedef struct {
    const char *code;
    const uint8_t *rgb[ZRC_VIEWS];
    int w, h, nviews;
    double known_iou;          /* >= 0: code's view IoU is already known (not run again) */
    /* results */
    char *refined;             /* malloc'd: the best program seen (a copy of code when none beat it) */
    unsigned char *png[ZRC_VIEWS];   /* the refined program's views when one beat code, else NULL */
    size_t len[ZRC_VIEWS];
    double iou_before, iou_after;    /* mean silhouette IoU of code and of refined (-1: did not run) */
    int evals;                 /* runs spent */
    int nparams;               /* numbers tuned */
} zrc_refine_item;

/* Refines every item (items side by side, o->jobs programs running at a time, one zx_batch_run).
 * 0, or -1 + err when the executor failed or was interrupted. */
int zrc_refine_run(zrc_refine_item *items, size_t n, const zrc_refine_opts *o, char *err, size_t errlen);
void zrc_refine_item_clear(zrc_refine_item *it);
void zrc_refine_opts_default(zrc_refine_opts *o);

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
    int refine;                /* 1: the winners are refined (refine_opts; its jobs, timeout, memory from here) */
    zrc_refine_opts refine_opts;
} zrc_retrieval_opts;

int zrc_retrieval_run(const zrc_retrieval_opts *o, char *err, size_t errlen);

/* ---- the model stage of the pipeline (model_views.c): views -> prompt -> batched generation ---- */
/* A view set: n RGB images (borrowed). */
typedef struct {
    const uint8_t *rgb[ZRC_MAX_VIEWS];
    int w[ZRC_MAX_VIEWS], h[ZRC_MAX_VIEWS];
    int n;
} zrc_views;

/* Where the input views come from (one of them set). */
typedef struct {
    const char *const *files;  /* PNG files, in order */
    int nfiles;
    const char *dir;           /* a folder of .png views (name order) */
    const char *shape;         /* a CadQuery program, STEP or STL: its default-spec views rendered */
    const char *row;           /* SHARD.parquet#UUID: the row's own image_0..7 */
} zrc_view_source;
/* Loads the views (out owns its images: zrc_views_free). 0, or -1 with a one-line err naming the
 * file. */
int zrc_views_load(const zrc_view_source *s, zrc_views *out, char *err, size_t errlen);
void zrc_views_free(zrc_views *v);

typedef struct zrc_model zrc_model;
/* The checkpoint folder's decoder (its matrices in the weight format quant, docs/model.md; the vision
 * tower stays as stored), vision tower and tokenizer, loaded once. NULL + err. */
zrc_model *zrc_model_open(const char *dir, zc_quant quant, char *err, size_t errlen);
void zrc_model_close(zrc_model *z);
const zc_model *zrc_model_lm(const zrc_model *z);
/* Fills the fields of sp left negative from generation_config.json (sample: several candidates:
 * the checkpoint's temperature, else 0.7; else greedy), as `zerocad reconstruct` does. */
void zrc_model_sampling(const zrc_model *z, int sample, zc_sampler_params *sp);
/* Preprocesses the views, builds the Zero-to-CAD prompt (g: system/user text, max_new, sampler)
 * and queues it in b (user is handed back in its result). The batch id, or -1 with err. */
int zrc_model_queue(const zrc_model *z, zc_batch *b, const zrc_views *views, const zc_recon_gen *g, void *user,
                    char *err, size_t errlen);
/* n_candidates answers for one view set sharing one prefill of the prompt (candidate i samples
 * with seed sp.seed + i): zc_reconstruct_generate after preprocessing the views. 0 or -1 + err. */
int zrc_model_generate(const zrc_model *z, const zrc_views *views, const zc_recon_gen *g, char ***texts, char *err,
                       size_t errlen);
/* A finished sequence's answer text (special tokens skipped), malloc'd; the program in it:
 * zc_reconstruct_extract_code. */
char *zrc_model_answer(const zrc_model *z, const int32_t *tokens, int n);

/* ---- the executor and choice stages of the pipeline (pipeline_run.c) ---- */
typedef struct {
    char *code;                /* the program (malloc'd; the caller sets it) */
    /* results */
    char status[32], error[1024];
    unsigned char *step, *stl; /* the solid exported in the worker (STEP; STL at 0.1 deflection) */
    size_t step_len, stl_len;
    uint8_t *views[ZRC_MAX_VIEWS];  /* its STL's views (default spec), size x size RGB */
    int nviews, size;
    double iou;                /* mean silhouette IoU against the input views (zrc_candidates_choose) */
} zrc_candidate;

/* Runs the n programs in the executor's sandbox from memory (two at a time when n > 1, timeout
 * seconds each); for each that ran: STEP and STL bytes and, when view_size > 0, its first `views`
 * views of the default spec at that size. 0, or -1 with err (the executor failed). */
int zrc_candidates_run(zrc_candidate *c, int n, int view_size, int views, double timeout, char *err, size_t errlen);
/* The winner: among the candidates that ran, the one whose views best match in (mean silhouette
 * IoU; with one that ran, that one, IoU 1). -1 when none ran. Progress lines unless quiet. */
int zrc_candidates_choose(zrc_candidate *c, int n, const zrc_views *in, int quiet);
void zrc_candidate_clear(zrc_candidate *c);

/* ---- the model card's evaluation (eval_*.c; docs/eval.md) ---- */
/* Sharing the items among processes (src/scale, docs/scale.md): the items are positions
 * 0..total-1 in source order; plan gets the positions recorded nowhere yet, next hands this
 * process a position (1, or -1: no more), done reports one recorded. */
typedef struct {
    void *ctx;
    int (*plan)(void *ctx, size_t total, const size_t *todo, size_t ntodo);
    int (*next)(void *ctx, size_t *pos);
    void (*done)(void *ctx, size_t pos);
} zrc_share;

typedef struct {
    const char *model_dir;
    zc_quant quant;            /* the decoder's weight format (default ZC_QUANT_NONE: as stored) */
    const char *const *data;   /* test shards (files or folders of *.parquet); or */
    int ndata;
    const char *gt_dir;        /* a folder of STEP files, rendered to the default views here */
    const char *out;           /* report prefix: OUT.jsonl (records, appended, resumable), OUT.json, OUT.md */
    long limit;                /* rows at most (0: all), counted in source order, done ones included */
    int batch;                 /* sequences decoded together (>= 1) */
    int max_new;               /* new tokens per program (default 4096) */
    int threads;               /* 0: OpenMP's default */
    const char *card;          /* "test", "abc" or NULL (test for --data, abc for --gt) */
    int quiet;
    /* one part of a shared job (src/scale); all NULL/0 for a one-process run */
    const zrc_share *share;    /* the positions this process takes; no table at the end */
    const char *records;       /* with share: this process's part file (not OUT.jsonl) */
    char *const *seen;         /* with share: the job's other files; their ids count as done */
    size_t nseen;
} zrc_eval_opts;

/* Runs the evaluation (resuming OUT.jsonl), prints the table beside the card's figures on stdout.
 * Returns the exit status: 0 done, 1 failure, 2 bad input (a one-line message was printed). */
int zrc_eval_model(const zrc_eval_opts *o, const zm_options *mo);
/* The table (stdout, OUT.json, OUT.md) over the records of every file of a shared job, as a
 * one-process run prints it (seconds and recorded: this run's, all processes together). 0, 1 failure, 2 a file is not a record file (message printed). */
int zrc_eval_model_table(const zrc_eval_opts *o, const zm_options *mo, char *const *files, size_t n,
                         double seconds, long recorded);

#endif
