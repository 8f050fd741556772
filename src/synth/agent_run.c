/* agent_run.c: the agent's loop. HTTP answers (libcurl multi) and sandbox runs (zx_batch_run)
 * interleave on one thread: while programs wait for the sandbox, a batch runs them and its
 * next() callback keeps the HTTP transfers moving; otherwise the loop waits on the transfers.
 * Conversations are started while fewer than `need` jobs are accepted or under way. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent_internal.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

void zs_agent_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static void overhead_add(zs_agent *a, double ms)
{
    if (a->nover == a->capover) {
        size_t cap = a->capover ? a->capover * 2 : 1024;
        double *n = realloc(a->over, cap * sizeof *n);
        if (!n)
            return;
        a->over = n;
        a->capover = cap;
    }
    a->over[a->nover++] = ms;
}

/* The HTTP done callback: the tag's first field says which stage it belongs to. */
void zs_agent_http_done(void *ctx, void *tag, const zs_http_result *res)
{
    zs_agent *a = ctx;
    double t = zs_now();
    if (*(int *)tag == ZS_TAG_CATALOG)
        zs_catalog_on_http(tag, res);
    else
        zs_conv_on_http(tag, res);
    overhead_add(a, (zs_now() - t) * 1000.0);
}

/* ---- the sandbox ---- */

static void start_jobs(zs_agent *a);
static void progress(zs_agent *a, int force);

static int batch_next(void *ctx, size_t *index, char **id, char **source)
{
    zs_agent *a = ctx;
    if (!a->nchecks && !interrupted) {
        zs_http_step(a->http, 0);   /* keep transfers moving while programs run */
        start_jobs(a);
        progress(a, 0);
    }
    if (!a->nchecks || interrupted || a->fatal)
        return 0;
    if (a->nrunning == a->caprunning) {
        size_t cap = a->caprunning ? a->caprunning * 2 : 64;
        zs_check *n = realloc(a->running, cap * sizeof *n);
        if (!n)
            return 0;
        a->running = n;
        a->caprunning = cap;
    }
    *source = strdup(a->checks[0].code);
    if (!*source || asprintf(id, "check-%zu", a->nrunning) < 0) {
        free(*source);
        return 0;
    }
    a->running[a->nrunning] = a->checks[0];
    memmove(a->checks, a->checks + 1, (a->nchecks - 1) * sizeof *a->checks);
    a->nchecks--;
    *index = a->nrunning++;
    return 1;
}

static int batch_done(void *ctx, size_t index, const zx_result *res)
{
    zs_agent *a = ctx;
    zs_check *c = &a->running[index];
    char *feedback;
    const char *reason;
    double t = zs_now();
    int ok = zs_check_feedback(res, &feedback, &reason);
    zs_conv_on_check(c->conv, c->slot, c->code, ok, feedback ? feedback : "FAILED: out of memory", reason);
    overhead_add(a, (zs_now() - t) * 1000.0);
    free(feedback);
    free(c->code);
    c->code = NULL;
    return a->fatal ? -1 : 0;
}

/* Runs the waiting programs (and any that arrive meanwhile) until the sandbox is idle. */
static int run_checks(zs_agent *a)
{
    a->nrunning = 0;
    zx_batch b = {.jobs = a->o->engine.jobs, .timeout = a->o->engine.timeout, .memory_mb = a->o->engine.memory_mb,
                  .ctx = a, .next = batch_next, .done = batch_done};
    int rc = zx_batch_run(&b);
    zs_agent_signals();   /* the executor's handlers stay installed otherwise */
    for (size_t i = 0; i < a->nrunning; i++)
        free(a->running[i].code);   /* interrupted: programs that never reported */
    a->nrunning = 0;
    return rc == 0 ? 0 : rc == 3 ? 3 : 1;
}

/* ---- the stages ---- */

int zs_agent_catalog(zs_agent *a, long need)
{
    int n = zs_state_catalog_calls(a->st), stale = 0;
    for (int round = 0; !interrupted && !a->fatal; round++) {
        long pending = zs_state_count(a->st, "pending");
        long want = need - a->accepted - a->active - pending;
        if (want <= 0 || stale >= 2)
            break;
        long before = zs_state_count(a->st, NULL);
        int calls = (int)((want + a->o->per_call - 1) / a->o->per_call);
        for (int k = 0; k < n + calls; k++)   /* failed calls of earlier runs first */
            if (!zs_state_catalog_done(a->st, k) && zs_catalog_submit(a, k) < 0)
                return 1;
        n += calls;
        while (a->catalog_in_flight && !interrupted && !a->fatal)
            zs_http_step(a->http, 200);
        stale = zs_state_count(a->st, NULL) > before ? 0 : stale + 1;
    }
    return interrupted ? 3 : a->fatal ? 1 : 0;
}

/* Starts conversations while fewer than `need` jobs are accepted or under way. */
static void start_jobs(zs_agent *a)
{
    while (a->accepted + a->active < a->need && a->active < a->o->in_flight && !a->fatal && !interrupted) {
        char *desc = NULL;
        int64_t id = 0;
        if (a->feed) {
            int got = a->feed(a->feed_ctx, &id, &desc);
            id = got == 1 ? id : got;
        } else {
            id = zs_state_next_pending(a->st, a->after, &desc);
        }
        if (id <= 0) {
            if (id < 0)
                a->fatal = 1;
            return;
        }
        a->after = id;
        if (zs_conv_start(a, id, desc) < 0)
            a->fatal = 1;
    }
}

/* A progress line on stderr every 10 s (and at the end). */
static void progress(zs_agent *a, int force)
{
    double t = zs_now();
    if (!force && t - a->last_progress < 10.0)
        return;
    a->last_progress = t;
    fprintf(stderr, "zerocad synth: agent: %ld accepted of %ld wanted, %ld under way, %zu requests in flight or "
            "waiting, %zu programs waiting for the sandbox\n", a->accepted, a->need, a->active,
            zs_http_pending(a->http), a->nchecks);
}

int zs_agent_loop(zs_agent *a, long need, int catalog)
{
    zs_agent_signals();
    if (catalog) {
        int rc = zs_agent_catalog(a, need);
        if (rc)
            return rc;
    }
    a->need = need;
    a->after = 0;
    a->last_progress = zs_now();
    while (!interrupted && !a->fatal) {
        start_jobs(a);
        progress(a, 0);
        if (a->nchecks) {
            int rc = run_checks(a);
            if (rc)
                return rc;
        } else if (zs_http_pending(a->http)) {
            zs_http_step(a->http, 200);
        } else if (a->active) {
            fprintf(stderr, "zerocad synth: internal error: %ld conversations stalled\n", a->active);
            return 1;
        } else {
            break;
        }
    }
    return interrupted ? 3 : a->fatal ? 1 : 0;
}
