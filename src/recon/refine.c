/* refine.c: render-and-compare refinement of many programs in one executor run: up to o->jobs
 * items are refined side by side, each by its optimizer coroutine (refine_job.c); the batch's
 * next() hands out the programs the optimizers ask for, and done() scores each outcome (the
 * worker hook renders the 8 views of the default view spec in memory; their silhouettes are
 * compared with the item's input views) and resumes the optimizer that asked. */
#define _GNU_SOURCE
#include "exec.h"
#include "recon_internal.h"
#include "rowmake.h"
#include "vision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    zrc_refine_item *items;
    size_t n, next_item, ended;
    const zrc_refine_opts *o;
    zrc_job *slot;               /* o->jobs of them */
    int *active;
    int nslots;
    double sum_before, sum_after;
    int failed;                  /* out of memory */
} engine;

void zrc_refine_opts_default(zrc_refine_opts *o)
{
    memset(o, 0, sizeof *o);
    o->evals = 24;
    o->max_params = 8;
    o->method = ZRC_REFINE_NELDERMEAD;
    o->scale = 2;
    o->jobs = 1;
    o->timeout = 30;
    o->memory_mb = 2048;
}

void zrc_refine_item_clear(zrc_refine_item *it)
{
    free(it->refined);
    it->refined = NULL;
    for (int v = 0; v < ZRC_VIEWS; v++) {
        free(it->png[v]);
        it->png[v] = NULL;
    }
}

/* Mean silhouette IoU of the rendered views (PNG) against the item's input views. */
static double views_score(const zrc_refine_item *it, unsigned char *const *png, const size_t *len)
{
    double sum = 0;
    int n = it->nviews < ZRC_VIEWS ? it->nviews : ZRC_VIEWS;
    for (int v = 0; v < n; v++) {
        uint8_t *rgb = NULL;
        int w = 0, h = 0;
        char err[256];
        if (png[v] && it->rgb[v] &&
            !zc_image_decode_png(png[v], len[v], "view", &rgb, &w, &h, err, sizeof err) && w == it->w && h == it->h)
            sum += zrc_silhouette_iou(it->rgb[v], rgb, w, h);
        free(rgb);
    }
    return n > 0 ? sum / n : 0;
}

static void finish(engine *e, int s)
{
    zrc_job *j = &e->slot[s];
    zrc_refine_item *it = j->it;
    if (j->oom || !it->refined)
        e->failed = 1;
    zrc_job_free(j);
    e->active[s] = 0;
    e->ended++;
    e->sum_before += it->iou_before > 0 ? it->iou_before : 0;
    e->sum_after += it->iou_after > 0 ? it->iou_after : 0;
    if (e->o->progress && (e->ended % 5 == 0 || e->ended == e->n))
        fprintf(e->o->progress, "refine: %zu of %zu programs refined (at most %d runs each), mean view IoU "
                "%.4f -> %.4f\n", e->ended, e->n, e->o->evals, e->sum_before / (double)e->ended,
                e->sum_after / (double)e->ended);
}

/* Starts the next item in free slot s; it may end at once (nothing to tune, nothing to run). */
static void start(engine *e, int s)
{
    size_t i = e->next_item++;
    e->active[s] = 1;
    if (zrc_job_start(&e->slot[s], &e->items[i], i, e->o))
        e->slot[s].oom = 1;
    if (e->slot[s].oom || e->slot[s].state == ZRC_JOB_DONE)
        finish(e, s);
}

static int next_eval(void *ctx, size_t *index, char **id, char **source)
{
    engine *e = ctx;
    while (!e->failed) {
        int free_slot = -1, waiting = 0;
        for (int s = 0; s < e->nslots; s++) {
            zrc_job *j = &e->slot[s];
            if (e->active[s] && j->state == ZRC_JOB_PENDING) {
                j->state = ZRC_JOB_WAITING;
                *index = (size_t)s;
                *source = strdup(j->pending);
                if (asprintf(id, "refine-%zu-%d", j->item, j->it->evals + 1) < 0)
                    *id = NULL;
                return 1;
            }
            waiting += e->active[s];
            if (!e->active[s] && free_slot < 0)
                free_slot = s;
        }
        if (free_slot >= 0 && e->next_item < e->n) {
            start(e, free_slot);
            continue;
        }
        return waiting ? 0 : -1;
    }
    return -1;
}

static int eval_done(void *ctx, size_t index, const zx_result *res)
{
    engine *e = ctx;
    zrc_job *j = &e->slot[index];
    zs_made m;
    j->result = 0;
    if (!strcmp(res->status, "ok") && res->payload && !zs_rowmake_parse(res->payload, res->payload_len, &m)) {
        for (int v = 0; v < ZRC_VIEWS; v++) {
            j->res_len[v] = m.blob_len[ZS_BLOB_VIEW0 + v];
            j->res_png[v] = malloc(j->res_len[v] ? j->res_len[v] : 1);
            if (!j->res_png[v])
                j->oom = 1;
            else
                memcpy(j->res_png[v], m.blob[ZS_BLOB_VIEW0 + v], j->res_len[v]);
        }
        j->result = j->oom ? 0 : views_score(j->it, j->res_png, j->res_len);
    }
    zrc_job_resume(j);
    if (j->state == ZRC_JOB_DONE)
        finish(e, (int)index);
    return e->failed ? -1 : 0;
}

int zrc_refine_run(zrc_refine_item *items, size_t n, const zrc_refine_opts *o, char *err, size_t errlen)
{
    if (n == 0)
        return 0;
    engine e = {.items = items, .n = n, .o = o, .nslots = o->jobs > 0 ? o->jobs : 1};
    e.slot = calloc((size_t)e.nslots, sizeof *e.slot);
    e.active = calloc((size_t)e.nslots, sizeof *e.active);
    int rc = -1;
    err[0] = 0;
    if (e.slot && e.active) {
        zx_batch b = {.jobs = e.nslots, .timeout = o->timeout > 0 ? o->timeout : 30, .memory_mb = o->memory_mb,
                      .hook = zs_views_hook, .payload_cap = 8u << 20, .ctx = &e, .next = next_eval,
                      .done = eval_done};
        rc = zx_batch_run(&b);
        if (rc || e.failed)
            snprintf(err, errlen, e.failed ? "out of memory while refining"
                                  : rc == 3 ? "interrupted while refining"
                                            : "the executor failed while refining");
        rc = rc || e.failed ? -1 : 0;
    }
    if (!e.slot || !e.active)
        snprintf(err, errlen, "out of memory");
    for (int s = 0; e.slot && s < e.nslots; s++) {
        if (e.active && e.active[s])
            zrc_job_free(&e.slot[s]);
        free(e.slot[s].stack);
    }
    free(e.slot);
    free(e.active);
    return rc;
}
