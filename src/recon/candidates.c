/* candidates.c: running the candidate programs of the retrieval reconstructor: every training row
 * that is among some test row's k nearest runs once in the executor's sandbox (zx_batch_run), and
 * a worker hook (zs_views_hook of the data engine) renders its 8 views of the default view spec. */
#define _GNU_SOURCE
#include "exec.h"
#include "recon_internal.h"
#include "rowmake.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const zrc_index *x;
    zrc_cand *c;
    size_t pos, total, ended;
    FILE *progress;
    char *err;
    size_t errlen;
} runner;

static int next_cand(void *ctx, size_t *index, char **id, char **source)
{
    runner *r = ctx;
    size_t n = zrc_index_rows(r->x);
    while (r->pos < n && !r->c[r->pos].want)
        r->pos++;
    if (r->pos >= n)
        return -1;
    *index = r->pos;
    *id = strdup(zrc_index_uuid(r->x, r->pos));
    *source = strdup(zrc_index_code(r->x, r->pos));
    r->pos++;
    if (!*id || !*source) {
        free(*id);
        free(*source);
        return -1;
    }
    return 1;
}

static int keep_views(zrc_cand *c, const zx_result *res)
{
    zs_made m;
    if (zs_rowmake_parse(res->payload, res->payload_len, &m)) {
        snprintf(c->error, sizeof c->error, "the worker's views could not be read back");
        return 0;
    }
    for (int v = 0; v < ZRC_VIEWS; v++) {
        c->len[v] = m.blob_len[ZS_BLOB_VIEW0 + v];
        c->png[v] = malloc(c->len[v] ? c->len[v] : 1);
        if (!c->png[v])
            return -1;
        memcpy(c->png[v], m.blob[ZS_BLOB_VIEW0 + v], c->len[v]);
    }
    c->ok = 1;
    return 0;
}

static int cand_done(void *ctx, size_t index, const zx_result *res)
{
    runner *r = ctx;
    zrc_cand *c = &r->c[index];
    snprintf(c->status, sizeof c->status, "%s", res->status);
    snprintf(c->error, sizeof c->error, "%s", res->error ? res->error : "");
    if (!strcmp(res->status, "ok") && res->payload && keep_views(c, res)) {
        snprintf(r->err, r->errlen, "out of memory keeping the candidates' views");
        return -1;
    }
    r->ended++;
    if (r->progress && (r->ended % 10 == 0 || r->ended == r->total))
        fprintf(r->progress, "retrieval: ran %zu of %zu candidate programs\n", r->ended, r->total);
    return 0;
}

int zrc_run_candidates(const zrc_index *x, zrc_cand *c, const zrc_retrieval_opts *o, char *err, size_t errlen)
{
    runner r = {.x = x, .c = c, .progress = o->quiet ? NULL : stderr, .err = err, .errlen = errlen};
    for (size_t i = 0; i < zrc_index_rows(x); i++)
        r.total += c[i].want != 0;
    if (r.total == 0)
        return 0;
    err[0] = 0;
    zx_batch b = {.jobs = o->jobs > 0 ? o->jobs : 1, .timeout = o->timeout > 0 ? o->timeout : 30,
                  .memory_mb = o->memory_mb, .hook = zs_views_hook, .payload_cap = 8u << 20, .ctx = &r,
                  .next = next_cand, .done = cand_done};
    int rc = zx_batch_run(&b);
    if (rc && !err[0])
        snprintf(err, errlen, rc == 3 ? "interrupted while running the candidates"
                                      : "the executor failed while running the candidates");
    return rc ? -1 : 0;
}

void zrc_cand_free(zrc_cand *c, size_t n)
{
    if (!c)
        return;
    for (size_t i = 0; i < n; i++)
        for (int v = 0; v < ZRC_VIEWS; v++)
            free(c[i].png[v]);
    free(c);
}
