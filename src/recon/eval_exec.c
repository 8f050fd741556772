/* eval_exec.c: the generated programs of `zerocad eval --model` run in the executor's sandbox from
 * memory (zx_batch_run): a worker hook sends the result solid back as BRep text, which is scored
 * here against the item's ground truth (STEP or STL bytes) under the chosen protocol (src/metrics).
 * Success: the program ran and made a valid solid of positive volume, as `zerocad eval --pred`. */
#define _GNU_SOURCE
#include "eval_internal.h"
#include "exec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    ev_item *const *items;
    int n, pos;
    const zm_options *mo;
    ev_score *out;
} runner;

static int next_prog(void *ctx, size_t *index, char **id, char **source)
{
    runner *r = ctx;
    if (r->pos >= r->n)
        return -1;
    const ev_item *it = r->items[r->pos];
    *index = (size_t)r->pos++;
    *id = strdup(it->id);
    *source = strdup(it->code ? it->code : "");
    if (!*id || !*source) {
        free(*id);
        free(*source);
        return -1;
    }
    return 1;
}

static void score(const ev_item *it, zk_shape *shape, const zm_options *mo, ev_score *s)
{
    char err[512] = "";
    if (zk_is_valid(shape) != 1 || !(zk_volume(shape) > 0)) {
        snprintf(s->status, sizeof s->status, "invalid");
        snprintf(s->error, sizeof s->error, "the result is not a valid solid");
        return;
    }
    s->success = 1;
    if (!it->gt) {
        snprintf(s->error, sizeof s->error, "not scored: %.200s has no step_file or stl_file", it->gt_name);
        return;
    }
    zm_geom *g = zm_geom_from_bytes(it->gt_name, it->gt, it->gt_len, it->gt_stl, err, sizeof err);
    zm_geom *p = g ? zm_geom_from_shape(shape) : NULL;
    zm_score sc;
    if (!g || !p) {
        snprintf(s->error, sizeof s->error, "not scored: %.480s", err);
    } else if (zm_score_pair(p, g, mo, &sc) == 0) {
        s->scored = 1, s->iou = sc.iou, s->cd = sc.cd, s->score_s = sc.seconds;
    } else {
        snprintf(s->error, sizeof s->error, "not scored: %.480s", sc.error);
        s->score_s = sc.seconds;
    }
    zm_geom_free(p);
    zm_geom_free(g);
}

static int prog_done(void *ctx, size_t index, const zx_result *res)
{
    runner *r = ctx;
    ev_score *s = &r->out[index];
    snprintf(s->status, sizeof s->status, "%s", res->status);
    snprintf(s->error, sizeof s->error, "%s", res->error ? res->error : "");
    s->exec_s = res->seconds;
    if (strcmp(res->status, "ok") || !res->payload)
        return 0;
    zk_shape *shape = zk_brep_from_text((const char *)res->payload, res->payload_len);
    if (!shape) {
        snprintf(s->status, sizeof s->status, "error");
        snprintf(s->error, sizeof s->error, "the worker's BRep text could not be read back");
        return 0;
    }
    score(r->items[index], shape, r->mo, s);
    zk_unref(shape);
    return 0;
}

int ev_exec_score(ev_item *const *items, int n, const zm_options *mo, ev_score *out, char *err, size_t errlen)
{
    for (int i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        out[i].iou = out[i].cd = NAN;
        snprintf(out[i].status, sizeof out[i].status, "not run");
    }
    if (n == 0)
        return 0;
    runner r = {items, n, 0, mo, out};
    zx_batch b = {.jobs = mo->jobs > 0 ? mo->jobs : 1, .timeout = mo->timeout > 0 ? mo->timeout : 10,
                  .memory_mb = mo->memory_mb, .hook = zx_hook_brep, .payload_cap = ZX_BREP_CAP, .ctx = &r,
                  .next = next_prog, .done = prog_done};
    int rc = zx_batch_run(&b);
    if (rc)
        snprintf(err, errlen, rc == 3 ? "interrupted while running the programs" : "the executor failed");
    return rc ? -1 : 0;
}
