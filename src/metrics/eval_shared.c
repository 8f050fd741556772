/* eval_shared.c: `zerocad eval --pred` as one part of a job shared among processes (src/scale:
 * MPI ranks, --shard K/N). Every process reads the same predictions and ground truth; the
 * positions are the items in id order. This process plans the positions recorded in no file of
 * the job, runs those it is handed a few at a time (the executor's sandbox, then the score, as
 * the one-process run does) and appends one fsync'd record line per item to its own part file.
 * zm_eval_table computes the one-process run's summary and table from every file of the job. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "metrics_internal.h"

typedef struct {
    const zm_eval_args *a;
    zm_item_list items;
    int fd;                /* the part file */
    size_t recorded;
} shared_run;

/* Items run per executor run: the executor's workers, twice over (a rank holds more, asked
 * ahead: src/scale). */
static size_t share_chunk(const zm_options *o)
{
    return 2 * (size_t)(o->jobs > 0 ? o->jobs : 1);
}

/* After an item is scored: its record, durably, then the share told. */
static int record(zm_item *it, void *arg)
{
    shared_run *r = arg;
    char err[1024];
    json_t *rec = zm_report_item_json(it);
    int rc = rec ? zm_records_append(r->fd, r->a->records, rec, err, sizeof err) : -1;
    json_decref(rec);
    if (rc) {
        fprintf(stderr, "zerocad eval: %s\n", rec ? err : "out of memory");
        return 1;
    }
    r->recorded++;
    if (!r->a->quiet)
        fprintf(stderr, "eval: %s: %s%s, IoU %.4f\n", it->id, it->status, it->success && !it->scored ? " (not scored)" : "",
                it->scored ? it->iou : 0.0);
    r->a->share->done(r->a->share->ctx, (size_t)(it - r->items.v));
    return 0;
}

/* The positions recorded in no file of the job (the seen ones, then this process's part, opened
 * for appending only once the others have been read) go to the share's plan. 0, 1 failure, 2 a
 * file is not a record file. */
static int plan(shared_run *r)
{
    zm_item_list done = {0};
    char err[1024] = "";
    int rc = 0;
    for (size_t i = 0; !rc && i < r->a->nseen; i++)
        rc = zm_records_read(r->a->seen[i], &done, NULL, err, sizeof err) ? 2 : 0;
    if (!rc && (r->fd = zm_records_open(r->a->records, err, sizeof err)) < 0)
        rc = 1;
    if (!rc && zm_records_read(r->a->records, &done, NULL, err, sizeof err))
        rc = 2;
    if (rc)
        fprintf(stderr, "zerocad eval: %s\n", err);
    size_t *todo = rc ? NULL : malloc((r->items.n + 1) * sizeof *todo), ntodo = 0;
    for (size_t i = 0; todo && i < r->items.n; i++)
        if (!zm_items_find(&done, r->items.v[i].id))
            todo[ntodo++] = i;
    if (!rc && !r->a->quiet)
        fprintf(stderr, "eval: %zu items, %zu recorded in the job's files already\n", r->items.n, r->items.n - ntodo);
    if (!rc && (!todo || r->a->share->plan(r->a->share->ctx, r->items.n, todo, ntodo)))
        rc = 1;
    free(todo);
    zm_items_free(&done);
    return rc;
}

static int run(shared_run *r, const zm_options *o)
{
    size_t chunk = share_chunk(o), n = 0, pos;
    zm_item **its = malloc(chunk * sizeof *its);
    if (!its)
        return 1;
    int rc = 0;
    for (int more = 1; rc == 0 && more;) {
        n = 0;
        while (n < chunk && (more = r->a->share->next(r->a->share->ctx, &pos) == 1)) {
            if (pos >= r->items.n) {
                fprintf(stderr, "zerocad eval: item %zu is past the end of the %zu items\n", pos, r->items.n);
                rc = 1;
                break;
            }
            its[n++] = &r->items.v[pos];
        }
        if (rc == 0 && n)
            rc = zm_eval_score(its, n, o, record, r);
    }
    free(its);
    return rc;
}

int zm_eval_shared(const zm_eval_args *a, const zm_options *o)
{
    shared_run r = {.a = a, .fd = -1};
    int rc = zm_eval_load(a, &r.items);
    if (!rc)
        rc = plan(&r);
    if (!rc)
        rc = run(&r, o);
    if (r.fd >= 0)
        close(r.fd);
    zm_items_free(&r.items);
    return rc;
}

int zm_eval_table(const zm_eval_args *a, const zm_options *o, char *const *files, size_t n, double seconds)
{
    zm_item_list all = {0};
    char err[1024] = "";
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++)
        rc = zm_records_read(files[i], &all, NULL, err, sizeof err) ? 2 : 0;
    if (rc)
        fprintf(stderr, "zerocad eval: %s\n", err);
    if (!rc && zm_items_sort(&all)) {
        fprintf(stderr, "zerocad eval: out of memory\n");
        rc = 1;
    }
    if (!rc) {
        json_t *summary = zm_report_summary(all.v, all.n, o, seconds);
        rc = zm_report_write(a->out ? a->out : "eval-report", summary);
        if (!rc)
            zm_report_markdown(summary, stdout);
        json_decref(summary);
    }
    zm_items_free(&all);
    return rc;
}
