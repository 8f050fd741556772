/* eval_model.c: `zerocad eval --model` (zrc_eval_model): every test item's views -> the model
 * (zrc_model_queue into one zc_batch: --batch items decode together, finished ones make room for
 * the next) -> the program in the answer -> the sandbox and the score (eval_exec.c) -> one durable
 * record per item (eval_records.c), so a killed run resumes where it stopped; at the end the
 * model card's table (eval_table.c) over every record of OUT.jsonl. */
#define _GNU_SOURCE
#include "eval_internal.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    const zrc_eval_opts *o;
    const zm_options *mo;
    zrc_model *z;
    zc_batch *b;
    ev_source *src;
    ev_records rec;
    ev_records others;         /* shared runs: the records of the job's other files */
    zc_recon_gen g;
    int eof, queued;           /* queued: batch ids handed out (0..queued-1) */
    long recorded;
} evrun;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* The item's record, appended durably. 0 or -1 (err). */
static int record(evrun *e, const ev_item *it, const ev_score *s, const char *finish, char *err, size_t errlen)
{
    json_t *j = json_object();
    double total = it->gen_s + s->exec_s + s->score_s;
    json_object_set_new(j, "id", json_string(it->id));
    json_object_set_new(j, "code", it->code ? json_string(it->code) : json_null());
    json_object_set_new(j, "status", json_string(s->status));
    json_object_set_new(j, "error", json_string(s->error));
    json_object_set_new(j, "success", json_boolean(s->success));
    json_object_set_new(j, "scored", json_boolean(s->scored));
    json_object_set_new(j, "iou", num(s->iou));
    json_object_set_new(j, "cd", num(s->cd));
    json_object_set_new(j, "seconds", json_real(total));
    json_object_set_new(j, "gen_seconds", json_real(it->gen_s));
    json_object_set_new(j, "exec_seconds", json_real(s->exec_s));
    json_object_set_new(j, "tokens", json_integer(it->tokens));
    json_object_set_new(j, "finish", json_string(finish));
    json_object_set_new(j, "decoder_weights", json_string(zc_quant_label(e->o->quant)));
    int rc = ev_records_append(&e->rec, j, err, errlen);
    json_decref(j);
    if (!rc && !e->o->quiet)
        fprintf(stderr, "eval: %s: %s%s, IoU %.4f, %d tokens, %.1f s\n", it->id, s->status,
                s->success && !s->scored ? " (not scored)" : "", s->scored ? s->iou : 0.0, it->tokens, total);
    e->recorded += !rc;
    if (!rc && e->o->share && e->o->share->done)
        e->o->share->done(e->o->share->ctx, it->pos);
    return rc;
}

/* An item without views (a row without images, a STEP file that does not render): a failure. */
static int record_unprepared(evrun *e, ev_item *it, const char *why, char *err, size_t errlen)
{
    ev_score s = {.iou = NAN, .cd = NAN};
    snprintf(s.status, sizeof s.status, "no_views");
    snprintf(s.error, sizeof s.error, "%s", why[0] ? why : "no views");
    return record(e, it, &s, "none", err, errlen);
}

/* The next item: the next not recorded in source order, or (shared) the one at the position the
 * share hands this process. 1, 0 no more, -1 with why. */
static int next_item(evrun *e, ev_item *it, char *why, size_t len)
{
    if (!e->o->share)
        return ev_source_next(e->src, &e->rec, it, why, len);
    size_t pos;
    if (e->o->share->next(e->o->share->ctx, &pos) != 1)
        return 0;
    int k = ev_source_at(e->src, pos, it, why, len);
    if (k == 0)
        snprintf(why, len, "item %zu is past the end of the source", pos), k = -1;
    return k;
}

/* Queues items until the batch has --batch sequences waiting or running, or the source ends. */
static int fill(evrun *e, char *err, size_t errlen)
{
    while (!e->eof && zc_batch_waiting(e->b) + zc_batch_active(e->b) < e->o->batch) {
        if (!e->o->share && e->o->limit > 0 && ev_source_seen(e->src) >= e->o->limit) {
            e->eof = 1;
            break;
        }
        ev_item *it = calloc(1, sizeof *it);
        char why[1024] = "";
        int k = it ? next_item(e, it, why, sizeof why) : -1;
        if (k <= 0) {
            free(it);
            if (k < 0)
                return snprintf(err, errlen, "%s", it ? why : "out of memory"), -2;
            e->eof = 1;
            break;
        }
        it->t0 = now();
        int rc = 0;
        if (it->nviews == 0) {
            rc = record_unprepared(e, it, why, err, errlen);
        } else {
            zrc_views v = {.n = it->nviews};
            for (int i = 0; i < it->nviews; i++)
                v.rgb[i] = it->rgb[i], v.w[i] = it->w[i], v.h[i] = it->h[i];
            int id = zrc_model_queue(e->z, e->b, &v, &e->g, it, why, sizeof why);
            if (id >= 0) {
                e->queued = id + 1;
                for (int i = 0; i < ZRC_VIEWS; i++)
                    free(it->rgb[i]), it->rgb[i] = NULL;
                continue;
            }
            rc = record_unprepared(e, it, why, err, errlen);
        }
        ev_item_free(it);
        free(it);
        if (rc)
            return -1;
    }
    return 0;
}

static const char *finish_name(zc_finish f)
{
    return f == ZC_FINISH_EOS ? "eos" : f == ZC_FINISH_LENGTH ? "length" : f == ZC_FINISH_CANCEL ? "cancel" : "error";
}

/* The sequences that finished in this step: programs extracted, run, scored, recorded. */
static int drain(evrun *e, char *err, size_t errlen)
{
    ev_item *items[256];
    const char *fin[256];
    zc_batch_result r;
    int n = 0, rc = 0;
    while (n < 256 && zc_batch_take(e->b, &r)) {
        ev_item *it = r.user;
        char *answer = zrc_model_answer(e->z, r.tokens, r.n);
        it->code = answer ? zc_reconstruct_extract_code(answer) : NULL;
        it->tokens = r.n;
        it->gen_s = now() - it->t0;
        fin[n] = finish_name(r.finish);
        items[n++] = it;
        free(answer);
        free(r.tokens);
    }
    ev_score *s = calloc((size_t)(n ? n : 1), sizeof *s);
    if (!s)
        rc = -1, snprintf(err, errlen, "out of memory");
    else if (n)
        rc = ev_exec_score(items, n, e->mo, s, err, errlen);
    for (int i = 0; !rc && i < n; i++)
        rc = record(e, items[i], &s[i], fin[i], err, errlen);
    for (int i = 0; i < n; i++) {
        ev_item_free(items[i]);
        free(items[i]);
    }
    free(s);
    return rc;
}

static void free_pending(evrun *e)
{
    zc_batch_result r;
    for (int id = 0; e->b && id < e->queued; id++)
        zc_batch_cancel(e->b, id);
    while (e->b && zc_batch_take(e->b, &r)) {
        ev_item_free(r.user);
        free(r.user);
        free(r.tokens);
    }
}

static int run(evrun *e, char *err, size_t errlen)
{
    for (;;) {
        int rc = fill(e, err, errlen);
        if (rc)
            return rc;
        if (!zc_batch_active(e->b) && !zc_batch_waiting(e->b))
            return 0;
        if (zc_batch_step(e->b) < 0 && !e->o->quiet)
            fprintf(stderr, "eval: out of memory in a decode step: its sequences are recorded as failures\n");
        if (drain(e, err, errlen))
            return -1;
    }
}

static int open_all(evrun *e, const char *jsonl, char *err, size_t errlen)
{
    if (!(e->src = ev_source_open(e->o, err, errlen)))
        return -1;
    if (!(e->z = zrc_model_open(e->o->model_dir, e->o->quant, err, errlen)))
        return -1;
    const char *weights = zc_quant_label(e->o->quant);
    if (ev_records_open(&e->rec, e->o->share ? e->o->records : jsonl, weights, err, errlen))
        return -1;
    e->others.weights = weights;
    for (size_t i = 0; e->o->share && i < e->o->nseen; i++)
        if (ev_records_load(&e->others, e->o->seen[i], err, errlen))
            return -1;
    if (!(e->b = zc_batch_new(zrc_model_lm(e->z), e->o->batch)))
        return snprintf(err, errlen, "out of memory"), -1;
    e->g = (zc_recon_gen){.max_new = e->o->max_new > 0 ? e->o->max_new : 4096, .n_candidates = 1, .quiet = 1,
                          .sp = {.temperature = 0, .top_k = 0, .top_p = 1, .repetition_penalty = 1}};
    if (!e->o->quiet) /* once everything opened, so that a refused input stays a one-line error */
        fprintf(stderr, "eval: decoder weights %s, %zu bytes read per token\n", zc_quant_label(e->o->quant),
                zc_model_weight_bytes(zrc_model_lm(e->z)));
    return 0;
}

/* Shared runs: the positions of the items recorded in no file of the job go to the share's plan. */
static int plan(evrun *e, char *err, size_t errlen)
{
    char **ids;
    size_t n;
    if (ev_source_ids(e->src, e->o->limit, &ids, &n, err, errlen))
        return -2;
    size_t *todo = malloc((n ? n : 1) * sizeof *todo), ntodo = 0;
    for (size_t i = 0; todo && i < n; i++)
        if (!ev_records_has(&e->rec, ids[i]) && !ev_records_has(&e->others, ids[i]))
            todo[ntodo++] = i;
    int rc = todo ? e->o->share->plan(e->o->share->ctx, n, todo, ntodo) : -1;
    if (rc)
        snprintf(err, errlen, todo ? "cannot hand out the items" : "out of memory");
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    free(todo);
    return rc ? -1 : 0;
}

int zrc_eval_model(const zrc_eval_opts *o, const zm_options *mo)
{
    evrun e = {.o = o, .mo = mo};
    e.rec.fd = -1;
    e.others.fd = -1;
    char err[1024] = "", *jsonl = NULL;
    const char *prefix = o->out ? o->out : "eval-report";
    if (asprintf(&jsonl, "%s.jsonl", prefix) < 0)
        return 1;
    zc_model_set_threads(o->threads);
    int rc = open_all(&e, jsonl, err, sizeof err) ? 2 : 0;
    if (!rc && !o->quiet)
        fprintf(stderr, "eval: %zu items already recorded in %s; batch %d\n", e.rec.n + e.others.n,
                o->share ? o->records : jsonl, o->batch);
    double t0 = now();
    if (!rc && o->share) {
        int k = plan(&e, err, sizeof err);
        rc = k == -2 ? 2 : k ? 1 : 0;
    }
    if (!rc) {
        int k = run(&e, err, sizeof err);
        rc = k == -2 ? 2 : k ? 1 : 0;
    }
    if (rc)
        fprintf(stderr, "zerocad eval: %s\n", err);
    else if (!o->share)
        rc = zrc_eval_table(&e.rec, o, mo, prefix, now() - t0, e.recorded) ? 1 : 0;
    free_pending(&e);
    zc_batch_free(e.b);
    ev_records_close(&e.rec);
    ev_records_close(&e.others);
    zrc_model_close(e.z);
    ev_source_close(e.src);
    free(jsonl);
    return rc;
}

int zrc_eval_model_table(const zrc_eval_opts *o, const zm_options *mo, char *const *files, size_t n,
                         double seconds, long recorded)
{
    ev_records all = {.fd = -1, .weights = zc_quant_label(o->quant)};
    char err[1024] = "";
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++)
        rc = ev_records_load(&all, files[i], err, sizeof err) ? 2 : 0;
    if (rc)
        fprintf(stderr, "zerocad eval: %s\n", err);
    else
        rc = zrc_eval_table(&all, o, mo, o->out ? o->out : "eval-report", seconds, recorded) ? 1 : 0;
    ev_records_close(&all);
    return rc;
}
