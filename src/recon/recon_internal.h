/* recon_internal.h: what the files of src/recon/ share and nothing outside them uses. */
#ifndef ZC_RECON_INTERNAL_H
#define ZC_RECON_INTERNAL_H

#include "recon.h"
#include "shard.h"

#include <stddef.h>
#include <ucontext.h>

/* Calls fn for every row of IN (a shard file or a folder of *.parquet, in name order) with the
 * column groups cols; fn returns 0 to go on, -1 (err set) to stop. 0 or -1 + err. */
typedef int (*zrc_row_fn)(void *ctx, const zd_row *row, const char *path, char *err, size_t errlen);
int zrc_scan_rows(const char *in, unsigned cols, zrc_row_fn fn, void *ctx, char *err, size_t errlen);

/* One training row as a candidate program: whether it is to run, and what running it gave. */
typedef struct {
    int want;                    /* 1: some test row has it among its k nearest */
    int ok;                      /* 1: it ran and its 8 views were rendered */
    char status[32], error[512];
    unsigned char *png[ZRC_VIEWS];
    size_t len[ZRC_VIEWS];
} zrc_cand;

/* Executes the wanted candidates (c has zrc_index_rows(x) entries) in the sandbox, rendering the
 * 8 views of each in the worker. 0, or -1 + err when the executor failed or was interrupted. */
int zrc_run_candidates(const zrc_index *x, zrc_cand *c, const zrc_retrieval_opts *o, char *err, size_t errlen);
void zrc_cand_free(zrc_cand *c, size_t n);

/* ---- a candidate's payload from its worker (cand_payload.c) ---- */
/* Appends a blob behind its 64-bit length to buf (cap bytes, *at used). 0, or -1 when it is full. */
int zrc_payload_put(unsigned char *buf, size_t cap, size_t *at, const void *p, size_t n);
/* STEP, STL, header {views, side} and the views from a worker's payload into c (malloc'd; freed by
 * zrc_candidate_clear, also after a failure). 0, or -1 at a malformed payload. */
int zrc_payload_read(zrc_candidate *c, const unsigned char *p, size_t len);

/* ---- refinement: one item's optimizer, run as a coroutine (refine_job.c) ----
 * NLopt calls its objective and waits for the value; the executor hands programs out and their
 * outcomes back through callbacks. So each item's optimizer runs on its own stack (ucontext): its
 * objective writes the program to run, yields to the batch, and continues when the outcome is
 * in. One thread throughout (the executor forks workers from it). */
#define ZRC_MAX_PARAMS 64

typedef enum { ZRC_JOB_BUSY, ZRC_JOB_PENDING, ZRC_JOB_WAITING, ZRC_JOB_DONE } zrc_job_state;

typedef struct {
    zrc_refine_item *it;
    size_t item;                 /* its index */
    const zrc_refine_opts *o;
    zrc_literals lits;
    size_t idx[ZRC_MAX_PARAMS];
    int k;                       /* literals tuned */
    zrc_job_state state;
    ucontext_t self, *caller;
    char *stack;
    size_t stack_size;
    char *pending;               /* PENDING / WAITING: the program to run (owned) */
    double result;               /* delivered with the outcome */
    unsigned char *res_png[ZRC_VIEWS];
    size_t res_len[ZRC_VIEWS];
    char **seen;                 /* programs already scored, and their scores */
    double *seen_iou;
    int nseen;
    void *opt;                   /* the nlopt_opt */
    int oom;
} zrc_job;

/* Sets up job j for item it (the literals to tune) and its coroutine; 0 or -1 out of memory. */
int zrc_job_start(zrc_job *j, zrc_refine_item *it, size_t item, const zrc_refine_opts *o);
/* Runs j's coroutine until it asks for a program (PENDING) or ends (DONE). */
void zrc_job_resume(zrc_job *j);
void zrc_job_free(zrc_job *j);

#endif
