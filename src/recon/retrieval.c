/* retrieval.c: the retrieval reconstructor over a test shard: every test row's 8 views are
 * embedded, its k nearest training rows become candidates, the candidates run once each in the
 * sandbox (candidates.c), and per test row the candidate whose rendered views best match the
 * input views (mean silhouette IoU; ties: the nearer in the embedding) wins; with o->refine the
 * winners' numbers are then tuned against the input views (refine.c). Writes PRED.jsonl for
 * `zerocad eval` and, optionally, a shard of the winners' views for `zerocad report`. */
#define _GNU_SOURCE
#include "recon_internal.h"
#include "vision.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    char *uuid;
    unsigned char *png[ZRC_VIEWS];
    size_t len[ZRC_VIEWS];
    size_t *cand;
    int ncand;
    long best;                   /* winning training row, -1: none ran */
    double iou;
    zrc_refine_item *refined;    /* NULL, or the winner's refinement (--refine) */
} test_row;

typedef struct {
    test_row *t;
    size_t n, cap;
    const zrc_index *x;
    int k;
    float *desc;
} tests;

static int add_test(void *ctx, const zd_row *row, const char *path, char *err, size_t errlen)
{
    tests *ts = ctx;
    if (ts->n == ts->cap) {
        size_t cap = ts->cap ? 2 * ts->cap : 64;
        test_row *t = realloc(ts->t, cap * sizeof *t);
        if (!t) {
            snprintf(err, errlen, "%s: out of memory", path);
            return -1;
        }
        ts->t = t;
        ts->cap = cap;
    }
    test_row *t = &ts->t[ts->n];
    memset(t, 0, sizeof *t);
    t->best = -1;
    t->uuid = strdup(row->uuid);
    t->cand = malloc((size_t)ts->k * sizeof *t->cand);
    ts->n++;   /* owned from here: freed with the others */
    for (int v = 0; v < ZRC_VIEWS; v++)
        if (row->image[v] && (t->png[v] = malloc(row->image_len[v] ? row->image_len[v] : 1))) {
            memcpy(t->png[v], row->image[v], row->image_len[v]);
            t->len[v] = row->image_len[v];
        }
    if (!t->uuid || !t->cand) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    char name[512];
    snprintf(name, sizeof name, "%s: row %s", path, row->uuid);
    if (zrc_describe_views(row->image, row->image_len, name, ts->desc, err, errlen))
        return -1;
    t->ncand = zrc_index_nearest(ts->x, ts->desc, ts->k, t->cand, NULL);
    return 0;
}

static void free_tests(tests *ts)
{
    for (size_t i = 0; i < ts->n; i++) {
        free(ts->t[i].uuid);
        ts->t[i].refined = NULL;   /* owned by the refinement's array */
        free(ts->t[i].cand);
        for (int v = 0; v < ZRC_VIEWS; v++)
            free(ts->t[i].png[v]);
    }
    free(ts->t);
    free(ts->desc);
}

/* The winner of one test row among its candidates that ran. */
static int choose(test_row *t, const zrc_cand *c, char *err, size_t errlen)
{
    for (int j = 0; j < t->ncand; j++) {
        const zrc_cand *cj = &c[t->cand[j]];
        if (!cj->ok)
            continue;
        double iou = zrc_png_views_iou((const unsigned char *const *)t->png, t->len,
                                       (const unsigned char *const *)cj->png, cj->len, ZRC_VIEWS, err, errlen);
        if (iou < 0)
            return -1;
        if (t->best < 0 || iou > t->iou) {
            t->best = (long)t->cand[j];
            t->iou = iou;
        }
    }
    return 0;
}

static int write_line(FILE *f, const test_row *t, const zrc_index *x, const zrc_cand *c)
{
    long w = t->best >= 0 ? t->best : (t->ncand > 0 ? (long)t->cand[0] : -1);
    json_t *o = json_object();
    int ok = 0;
    for (int j = 0; j < t->ncand; j++)
        ok += c[t->cand[j]].ok;
    const char *code = w >= 0 ? zrc_index_code(x, (size_t)w) : "";
    const zrc_refine_item *r = t->refined;
    json_object_set_new(o, "id", json_string(t->uuid));
    json_object_set_new(o, "code", json_string(r ? r->refined : code));
    json_object_set_new(o, "retrieved", w >= 0 ? json_string(zrc_index_uuid(x, (size_t)w)) : json_null());
    json_object_set_new(o, "view_iou", t->best >= 0 ? json_real(r ? r->iou_after : t->iou) : json_null());
    json_object_set_new(o, "candidates", json_integer(t->ncand));
    json_object_set_new(o, "candidates_ran", json_integer(ok));
    if (r) {
        json_object_set_new(o, "code_before", json_string(code));
        json_object_set_new(o, "view_iou_before", json_real(t->iou));
        json_object_set_new(o, "refine_evals", json_integer(r->evals));
        json_object_set_new(o, "refine_params", json_integer(r->nparams));
    }
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    int rc = s && fprintf(f, "%s\n", s) > 0 ? 0 : -1;
    free(s);
    return rc;
}

static int write_preds(const char *out, const tests *ts, const zrc_index *x, const zrc_cand *c, char *err,
                       size_t errlen)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", out, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(err, errlen, "%s: cannot write", out);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < ts->n && rc == 0; i++)
        rc = write_line(f, &ts->t[i], x, c);
    if (fflush(f) || fsync(fileno(f)))
        rc = -1;
    if (fclose(f))
        rc = -1;
    if (rc == 0 && rename(tmp, out))
        rc = -1;
    if (rc) {
        unlink(tmp);
        snprintf(err, errlen, "%s: cannot write", out);
    }
    return rc;
}

static int write_views(const char *out, const tests *ts, const zrc_index *x, const zrc_cand *c, char *err,
                       size_t errlen)
{
    zd_writer *w = zd_writer_open(out, NULL, err, errlen);
    if (!w)
        return -1;
    for (size_t i = 0; i < ts->n; i++) {
        const test_row *t = &ts->t[i];
        if (t->best < 0)
            continue;
        zd_row row;
        zd_row_clear(&row);
        row.uuid = t->uuid;
        row.uuid_len = strlen(t->uuid);
        const zrc_refine_item *r = t->refined;
        int mine = r && r->png[0];   /* the refined program's own views */
        row.code = r ? r->refined : zrc_index_code(x, (size_t)t->best);
        row.code_len = strlen(row.code);
        for (int v = 0; v < ZRC_VIEWS; v++) {
            row.image[v] = mine ? r->png[v] : c[t->best].png[v];
            row.image_len[v] = mine ? r->len[v] : c[t->best].len[v];
        }
        if (zd_write(w, &row, err, errlen)) {
            zd_writer_abort(w);
            return -1;
        }
    }
    return zd_writer_close(w, err, errlen);
}

/* The winners' numbers tuned against the input views (zrc_refine_run); items[i] is the
 * refinement of the i-th test row that has a winner. */
static int refine(const zrc_retrieval_opts *o, const zrc_index *x, tests *ts, zrc_refine_item **out, char *err,
                  size_t errlen)
{
    zrc_refine_item *items = calloc(ts->n ? ts->n : 1, sizeof *items);
    size_t n = 0;
    int rc = items ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < ts->n; i++) {
        test_row *t = &ts->t[i];
        if (t->best < 0)
            continue;
        zrc_refine_item *it = &items[n++];
        it->code = zrc_index_code(x, (size_t)t->best);
        it->known_iou = t->iou;
        it->nviews = ZRC_VIEWS;
        for (int v = 0; v < ZRC_VIEWS && rc == 0; v++) {
            int w = 0, h = 0;
            if (t->png[v] && zc_image_decode_png(t->png[v], t->len[v], "view", (uint8_t **)&it->rgb[v], &w, &h,
                                                 err, errlen))
                rc = -1;
            if (v == 0)
                it->w = w, it->h = h;
            else if (w != it->w || h != it->h)
                it->nviews = it->nviews < v ? it->nviews : v;   /* compare the views of one size only */
        }
        t->refined = it;
    }
    if (rc == 0) {
        zrc_refine_opts ro = o->refine_opts;
        ro.jobs = o->jobs, ro.timeout = o->timeout, ro.memory_mb = o->memory_mb;
        ro.progress = o->quiet ? NULL : stderr;
        if (ro.progress)
            fprintf(stderr, "refine: %zu winners, at most %d runs and %d numbers each (%s)\n", n, ro.evals,
                    ro.max_params, ro.method == ZRC_REFINE_BOBYQA ? "BOBYQA" : "Nelder-Mead");
        rc = zrc_refine_run(items, n, &ro, err, errlen);
    } else if (!items) {
        snprintf(err, errlen, "out of memory");
    }
    *out = items;
    return rc;
}

static void free_refined(zrc_refine_item *items, size_t n)
{
    for (size_t i = 0; items && i < n; i++) {
        zrc_refine_item_clear(&items[i]);
        for (int v = 0; v < ZRC_VIEWS; v++)
            free((void *)items[i].rgb[v]);
    }
    free(items);
}

static int reconstruct(const zrc_retrieval_opts *o, const zrc_index *x, tests *ts, char *err, size_t errlen)
{
    FILE *progress = o->quiet ? NULL : stderr;
    size_t n = zrc_index_rows(x);
    zrc_cand *c = calloc(n, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < ts->n; i++)
        for (int j = 0; j < ts->t[i].ncand; j++)
            c[ts->t[i].cand[j]].want = 1;
    int rc = zrc_run_candidates(x, c, o, err, errlen);
    double sum = 0;
    size_t won = 0;
    for (size_t i = 0; i < ts->n && rc == 0; i++) {
        rc = choose(&ts->t[i], c, err, errlen);
        if (rc == 0 && ts->t[i].best >= 0)
            sum += ts->t[i].iou, won++;
    }
    zrc_refine_item *items = NULL;
    if (rc == 0 && o->refine)
        rc = refine(o, x, ts, &items, err, errlen);
    if (rc == 0)
        rc = write_preds(o->out, ts, x, c, err, errlen);
    if (rc == 0 && o->views_out)
        rc = write_views(o->views_out, ts, x, c, err, errlen);
    if (rc == 0 && progress)
        fprintf(progress, "retrieval: %zu of %zu test rows reconstructed (a candidate ran), mean view IoU %.4f; "
                "wrote %s\n", won, ts->n, won ? sum / (double)won : 0.0, o->out);
    free_refined(items, ts->n);
    zrc_cand_free(c, n);
    return rc;
}

int zrc_retrieval_run(const zrc_retrieval_opts *o, char *err, size_t errlen)
{
    FILE *progress = o->quiet ? NULL : stderr;
    zrc_index *x = zrc_index_open(o->train, o->ntrain, progress, err, errlen);
    if (!x)
        return -1;
    tests ts = {.x = x, .k = o->k > 0 ? o->k : 5};
    ts.desc = malloc((size_t)zrc_dim() * sizeof *ts.desc);
    int rc = ts.desc ? zrc_scan_rows(o->test, ZD_COL_UUID | ZD_COL_IMAGES, add_test, &ts, err, errlen) : -1;
    if (!ts.desc)
        snprintf(err, errlen, "out of memory");
    if (rc == 0 && ts.n == 0) {
        snprintf(err, errlen, "%s: no test rows", o->test);
        rc = -1;
    }
    if (rc == 0 && progress)
        fprintf(progress, "retrieval: %zu test rows embedded, %d nearest training rows each\n", ts.n, ts.k);
    if (rc == 0)
        rc = reconstruct(o, x, &ts, err, errlen);
    free_tests(&ts);
    zrc_index_free(x);
    return rc;
}
