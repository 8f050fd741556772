/* batch.c: `zerocad render --batch`: lists the items, refuses an OUTDIR drawn with another
 * view spec, skips the ids recorded in this process's record file or the job's others, and
 * renders the rest (every one, or those a zrb_share hands out) one after another, each
 * followed by its durable record line. An item that fails gets an error record; only a
 * failure of the batch itself (inputs, OUTDIR) stops it. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cq.h"
#include "renderbatch_internal.h"

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Ctrl-C stops the batch after the item being drawn (a second one ends it at once). The
 * embedded Python is started first when programs are among the items: its own handler would
 * turn Ctrl-C into a KeyboardInterrupt inside the program, recorded as the item's error. */
static void catch_interrupt(const zrb_items *items)
{
    for (size_t i = 0; i < items->n; i++) {
        const char *dot = strrchr(items->v[i].source, '.');
        if (items->v[i].shard < 0 && dot && !strcasecmp(dot, ".py")) {
            zc_python_start();
            break;
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

void zrb_records_path(const char *outdir, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s/%s", outdir, ZRB_RECORDS_NAME);
}

typedef struct {
    const zrb_opts *o;
    zrb_items items;
    unsigned char *done;       /* per item: recorded */
    size_t ndone;
    size_t *todo, ntodo, next;
    zrb_records records;
    zrb_cursor cursor;
    zrb_progress progress;
} batch;

static int fail(const char *err)
{
    fprintf(stderr, "zerocad render: %s\n", err);
    return 1;
}

/* Items, the spec guard, the record file and the ids recorded anywhere in the job. */
static int prepare(batch *b, char *err, size_t errlen)
{
    const zrb_opts *o = b->o;
    char own[4200];
    if (o->records)
        snprintf(own, sizeof own, "%s", o->records);
    else
        zrb_records_path(o->outdir, own, sizeof own);
    if (zrb_items_list(o->inputs, o->ninputs, &b->items, err, errlen) < 0 || zrb_make_dirs(o->outdir, err, errlen) ||
        zrb_spec_guard(o->outdir, o->spec, err, errlen) || zrb_records_open(&b->records, own, err, errlen))
        return -1;
    b->done = calloc(b->items.n ? b->items.n : 1, 1);
    b->todo = malloc((b->items.n ? b->items.n : 1) * sizeof *b->todo);
    if (!b->done || !b->todo) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (zrb_records_mark(own, &b->items, b->done, &b->ndone, err, errlen))
        return -1;
    for (size_t i = 0; i < o->nseen; i++)
        if (zrb_records_mark(o->seen[i], &b->items, b->done, &b->ndone, err, errlen))
            return -1;
    for (size_t i = 0; i < b->items.n; i++)
        if (!b->done[i])
            b->todo[b->ntodo++] = i;
    return 0;
}

/* The next position: the next not recorded, or the one the share hands out. */
static int next_item(batch *b, size_t *pos)
{
    const zrb_share *s = b->o->share;
    if (!s) {
        if (b->next >= b->ntodo)
            return 0;
        *pos = b->todo[b->next++];
        return 1;
    }
    return s->next(s->ctx, pos) == 1 && *pos < b->items.n;
}

/* Renders and records one item. 0, or -1 when the batch must stop. */
static int run_item(batch *b, size_t pos, char *err, size_t errlen)
{
    const zrb_item *it = &b->items.v[pos];
    if (b->done[pos])   /* recorded since the plan was made: nothing to do */
        return 0;
    double t0 = zrb_now();
    json_t *files = NULL;
    char why[4096];
    int rc = zrb_item_render(b->o, &b->items, it, &b->cursor, &files, why, sizeof why);
    if (rc == -2) {
        snprintf(err, errlen, "%s", why);
        return -1;
    }
    if (zrb_records_append(&b->records, it, rc ? why : NULL, files, zrb_now() - t0, err, errlen))
        return -1;
    b->done[pos] = 1;
    zrb_progress_add(&b->progress, rc == 0);
    if (b->o->share && b->o->share->done)
        b->o->share->done(b->o->share->ctx, pos);
    return 0;
}

static int render_all(batch *b, char *err, size_t errlen)
{
    const zrb_share *s = b->o->share;
    if (s && s->plan(s->ctx, b->items.n, b->todo, b->ntodo) < 0)
        return -1;
    zrb_progress_start(&b->progress, s ? 0 : b->ntodo, s ? 0 : b->ndone, b->o->quiet, b->o->label);
    catch_interrupt(&b->items);
    size_t pos;
    int rc = 0;
    while (!rc && !interrupted && next_item(b, &pos) == 1)
        rc = run_item(b, pos, err, errlen);
    zrb_progress_summary(&b->progress);
    if (!rc && interrupted) {
        snprintf(err, errlen, "interrupted; run the same command again to resume");
        rc = -1;
    }
    return rc;
}

int zrb_run(const zrb_opts *o)
{
    batch b;
    memset(&b, 0, sizeof b);
    b.o = o;
    b.records.fd = -1;
    b.cursor.shard = -1;
    char err[8192] = "";
    int rc = prepare(&b, err, sizeof err);
    if (!rc)
        rc = render_all(&b, err, sizeof err);
    if (rc && *err)
        fail(err);
    zrb_cursor_close(&b.cursor);
    zrb_records_close(&b.records);
    zrb_items_free(&b.items);
    free(b.done);
    free(b.todo);
    return rc ? 1 : 0;
}
