/* pipeline_run.c: the executor and choice stages of the reconstruct pipeline (zrc_candidates_*
 * in recon.h). Candidate programs go to the executor's sandbox from memory (zx_batch_run); a
 * worker hook exports the solid as STEP and STL exactly as `zerocad exec --export` does, renders
 * the STL's views with the default view spec at the input views' size, and sends all of it back
 * in one payload; the candidate whose views best match the input views (mean silhouette IoU)
 * wins. No files between the stages: the outputs are written from memory by the caller. */
#define _GNU_SOURCE
#include "exec.h"
#include "recon_internal.h"
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAYLOAD_CAP (512u << 20)

typedef struct {
    int size, views;           /* hook: views wanted and their side (0: none) */
} hook_args;

typedef struct {
    zrc_candidate *c;
    int n, pos;
} runner;

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *b = NULL;
    long n = -1;
    if (f && !fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET) &&
        (b = malloc((size_t)n + 1)) && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (f)
        fclose(f);
    *len = b ? (size_t)n : 0;
    return b;
}

/* The STL's views at the asked size (the same rendering `reconstruct` always compared). */
static int render_views(const char *stl, const hook_args *a, uint8_t **rgb, int *nv, char *err, size_t errlen)
{
    zr_spec spec;
    zr_scene sc;
    zr_framing fr;
    memset(&spec, 0, sizeof spec);
    *nv = 0;
    if (zr_spec_default(&spec))
        return snprintf(err, errlen, "no default view spec"), -1;
    zr_spec_set_size(&spec, a->size);
    int rc = zr_scene_from_stl_file(stl, &spec, &sc, err, errlen);
    if (!rc) {
        rc = zr_framing_of(&sc, &fr, err, errlen) || zr_render_all(&sc, &fr, &spec, 1, rgb, err, errlen) ? -1 : 0;
        zr_scene_free(&sc);
    }
    *nv = (int)spec.nviews < ZRC_MAX_VIEWS ? (int)spec.nviews : ZRC_MAX_VIEWS;
    zr_spec_free(&spec);
    return rc;
}

static long cand_hook(void *ctx, const zx_hook_input *in, unsigned char *buf, size_t cap, char *err, size_t errlen)
{
    const hook_args *a = ctx;
    size_t step_len = 0, stl_len = 0, at = 0;
    if (zk_write_step(in->shape, "cand.step") || zk_write_stl(in->shape, "cand.stl", 0.1, 0.1, 0, 0))
        return snprintf(err, errlen, "the result could not be exported"), -1;
    unsigned char *step = slurp("cand.step", &step_len), *stl = slurp("cand.stl", &stl_len);
    uint8_t *rgb[ZRC_MAX_VIEWS] = {0};
    int nv = 0, rc = step && stl ? 0 : -1;
    if (rc)
        snprintf(err, errlen, "the exports could not be read back");
    if (!rc && a->views > 0 && render_views("cand.stl", a, rgb, &nv, err, errlen))
        rc = -1;
    if (!rc && (zrc_payload_put(buf, cap, &at, step, step_len) || zrc_payload_put(buf, cap, &at, stl, stl_len)))
        rc = -1, snprintf(err, errlen, "the exports are over %zu bytes", cap);
    uint64_t hdr[2] = {(uint64_t)(a->views > 0 ? nv : 0), (uint64_t)a->size};
    if (!rc && zrc_payload_put(buf, cap, &at, hdr, sizeof hdr))
        rc = -1;
    for (int i = 0; !rc && a->views > 0 && i < nv; i++)
        if (zrc_payload_put(buf, cap, &at, rgb[i], (size_t)a->size * a->size * 3))
            rc = -1, snprintf(err, errlen, "the views are over %zu bytes", cap);
    for (int i = 0; i < ZRC_MAX_VIEWS; i++)
        free(rgb[i]);
    free(step);
    free(stl);
    return rc ? -1 : (long)at;
}

static int next_cand(void *ctx, size_t *index, char **id, char **source)
{
    runner *r = ctx;
    if (r->pos >= r->n)
        return -1;
    *index = (size_t)r->pos;
    if (asprintf(id, "cand_%d", r->pos + 1) < 0)
        return -1;
    *source = strdup(r->c[r->pos].code ? r->c[r->pos].code : "");
    r->pos++;
    return *source ? 1 : (free(*id), -1);
}

static int cand_done(void *ctx, size_t index, const zx_result *res)
{
    zrc_candidate *c = &((runner *)ctx)->c[index];
    snprintf(c->status, sizeof c->status, "%s", res->status);
    snprintf(c->error, sizeof c->error, "%s", res->error ? res->error : "");
    if (!strcmp(res->status, "ok") && (!res->payload || zrc_payload_read(c, res->payload, res->payload_len))) {
        snprintf(c->status, sizeof c->status, "error");
        snprintf(c->error, sizeof c->error, "the worker's exports could not be read back");
    }
    return 0;
}

int zrc_candidates_run(zrc_candidate *c, int n, int view_size, int views, double timeout, char *err, size_t errlen)
{
    for (int i = 0; i < n; i++)
        snprintf(c[i].status, sizeof c[i].status, "not run");
    hook_args a = {view_size, view_size > 0 ? views : 0};
    runner r = {c, n, 0};
    zx_batch b = {.jobs = n < 2 ? 1 : 2, .timeout = timeout, .hook = cand_hook, .hook_ctx = &a,
                  .payload_cap = PAYLOAD_CAP, .ctx = &r, .next = next_cand, .done = cand_done};
    int rc = n > 0 ? zx_batch_run(&b) : 0;
    if (rc)
        snprintf(err, errlen, rc == 3 ? "interrupted while running the candidates" : "the executor failed");
    return rc ? -1 : 0;
}

/* Mean silhouette IoU of a candidate's views against the input views (a view of another size: 0). */
static double views_iou(const zrc_candidate *c, const zrc_views *in)
{
    int n = in->n < c->nviews ? in->n : c->nviews;
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += in->w[i] == c->size && in->h[i] == c->size
                   ? zrc_silhouette_iou(in->rgb[i], c->views[i], c->size, c->size) : 0;
    return c->nviews ? sum / (n > 0 ? n : 1) : -1;
}

int zrc_candidates_choose(zrc_candidate *c, int n, const zrc_views *in, int quiet)
{
    int best = -1, ok = 0;
    for (int i = 0; i < n; i++)
        ok += !strcmp(c[i].status, "ok");
    for (int i = 0; i < n; i++) {
        if (strcmp(c[i].status, "ok"))
            continue;
        c[i].iou = ok > 1 ? views_iou(&c[i], in) : 1.0;
        if (!quiet && ok > 1)
            fprintf(stderr, "reconstruct: candidate %d: silhouette IoU %.4f\n", i + 1, c[i].iou);
        if (best < 0 || c[i].iou > c[best].iou)
            best = i;
    }
    return best;
}

void zrc_candidate_clear(zrc_candidate *c)
{
    free(c->code);
    free(c->step);
    free(c->stl);
    for (int i = 0; i < ZRC_MAX_VIEWS; i++)
        free(c->views[i]);
    memset(c, 0, sizeof *c);
}
