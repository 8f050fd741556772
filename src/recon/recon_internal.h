/* recon_internal.h: what the files of src/recon/ share and nothing outside them uses. */
#ifndef ZC_RECON_INTERNAL_H
#define ZC_RECON_INTERNAL_H

#include "recon.h"
#include "shard.h"

#include <stddef.h>

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

#endif
