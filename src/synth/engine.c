/* engine.c: zs_engine_run, the data engine's main loop. Programs are numbered by the source;
 * the executor runs them out of order in sandboxed workers, but each outcome is committed
 * strictly in program order (a small window of pending outcomes), so the accepted rows, the
 * duplicates dropped and the shard contents do not depend on -j. Every committed program
 * gets one line in synth-log.jsonl; accepted rows go to part-NNNNN.parquet shards, each
 * renamed into place only when complete. A rerun reads the finished shards and the log,
 * cuts the log back to the last row a finished shard holds, and goes on from there: no row
 * is lost or written twice. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "engine.h"
#include "engine_internal.h"
#include "exec.h"
#include "rowmake.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the pending window ---- */

static zs_pending *slot_of(zs_run *r, uint64_t index)
{
    return &r->window[index % r->wsize];
}

static void pending_clear(zs_pending *p)
{
    free(p->code);
    free(p->uuid);
    free(p->description);
    free(p->error);
    free(p->payload);
    memset(p, 0, sizeof *p);
}

static int engine_next(void *ctx, size_t *index, char **id, char **source)
{
    zs_run *r = ctx;
    if (r->stop_issuing)
        return -1;
    if (r->issued - r->committed >= r->wsize)
        return 0;
    if (r->opts->max_programs > 0 && (long)r->issued >= r->opts->max_programs) {
        r->hit_max = 1;
        r->stop_issuing = 1;
        return -1;
    }
    zs_pending *p = slot_of(r, r->issued);
    pending_clear(p);
    char err[512] = "";
    int got = r->src->program(r->src->ctx, r->issued, &p->code, &p->uuid, &p->family, &p->category, err, sizeof err);
    if (got <= 0) {
        if (got < 0) {
            fprintf(stderr, "%s: %s\n", r->opts->label, err);
            r->failed = 1;
        }
        r->stop_issuing = 1;
        pending_clear(p);
        return -1;
    }
    if (r->src->description)
        p->description = r->src->description(r->src->ctx, r->issued);
    p->index = r->issued;
    p->live = 1;
    *index = (size_t)r->issued++;
    *id = strdup(p->uuid);
    *source = strdup(p->code);
    return 1;
}

static int engine_done(void *ctx, size_t index, const zx_result *res)
{
    zs_run *r = ctx;
    zs_pending *p = slot_of(r, index);
    if (!p->live || p->index != index)
        return 0;
    snprintf(p->status, sizeof p->status, "%s", res->status);
    p->error = strdup(res->error ? res->error : "");
    p->seconds = res->seconds;
    if (res->payload && res->payload_len) {
        p->payload = malloc(res->payload_len);
        if (p->payload) {
            memcpy(p->payload, res->payload, res->payload_len);
            p->payload_len = res->payload_len;
        }
    }
    p->ended = 1;
    while (r->committed < r->issued && slot_of(r, r->committed)->ended) {
        zs_pending *q = slot_of(r, r->committed);
        int rc = r->done_target ? 0 : zs_commit(r, q);
        pending_clear(q);
        r->committed++;
        if (rc < 0)
            return -1;
        if (r->opts->target > 0 && r->accepted >= r->opts->target) {
            r->done_target = 1;
            r->stop_issuing = 1;
        }
    }
    zs_progress_draw(r, 0);
    return 0;
}

/* ---- the run ---- */

static int make_dir(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

static void free_run(zs_run *r)
{
    for (size_t i = 0; r->window && i < r->wsize; i++)
        pending_clear(&r->window[i]);
    free(r->window);
    if (r->writer)
        zd_writer_abort(r->writer);
    if (r->log_fd >= 0)
        close(r->log_fd);
    if (r->lock_fd >= 0)
        close(r->lock_fd);
    zs_keyset_free(&r->code_keys);
    zs_keyset_free(&r->geo_keys);
    zs_keyset_free(&r->view_keys);
    zs_tally_free(&r->reasons);
    zs_tally_free(&r->families);
    zs_tally_free(&r->families_ok);
}

static int run_batch(zs_run *r)
{
    zx_batch b = {.jobs = r->opts->jobs, .timeout = r->opts->timeout, .memory_mb = r->opts->memory_mb,
                  .hook = zs_rowmake_hook, .ctx = r, .next = engine_next, .done = engine_done};
    int rc = zx_batch_run(&b);
    zs_progress_draw(r, 1);
    if (r->progress_drawn)
        fputc('\n', stderr);
    return rc;
}

int zs_engine_run(const zs_engine_opts *o, const zs_source *src)
{
    zs_run r;
    memset(&r, 0, sizeof r);
    r.opts = o;
    r.src = src;
    r.log_fd = -1;
    r.lock_fd = -1;
    r.t0 = now_s();
    r.wsize = (size_t)(o->jobs > 0 ? o->jobs : 1) * 4 + 4;
    r.window = calloc(r.wsize, sizeof *r.window);
    if (!r.window) {
        fprintf(stderr, "%s: out of memory\n", o->label);
        return 1;
    }
    if (make_dir(o->out_dir) != 0) {
        fprintf(stderr, "%s: %s: %s\n", o->label, o->out_dir, strerror(errno));
        free_run(&r);
        return 2;
    }
    int rc = zs_resume(&r);
    if (rc != 0) {
        free_run(&r);
        return rc;
    }
    if (o->target > 0 && r.accepted >= o->target) {
        fprintf(stderr, "%s: %s already holds %ld accepted rows (target %ld): nothing to do\n", o->label,
                o->out_dir, r.accepted, o->target);
        zs_write_stats(&r, 0);
        free_run(&r);
        return 0;
    }
    r.issued = r.committed = r.start_index;
    r.run_start_index = r.start_index;
    int brc = run_batch(&r);
    int close_rc = zs_shard_close(&r);
    int interrupted = brc == 3;
    zs_write_stats(&r, interrupted);
    zs_print_summary(&r, interrupted);
    rc = 0;
    if (brc == 1 || r.failed || close_rc < 0)
        rc = 1;
    if (interrupted) {
        fprintf(stderr, "%s: stopped; run the same command again to resume\n", o->label);
        rc = 1;
    }
    if (r.hit_max && !(o->target > 0 && r.accepted >= o->target) && o->target > 0) {
        fprintf(stderr, "%s: stopped after %ld programs with %ld of %ld rows accepted (see synth-stats.json)\n",
                o->label, (long)r.issued, r.accepted, o->target);
        rc = 1;
    }
    free_run(&r);
    return rc;
}
