/* sched.c: the scheduler: a FIFO queue of jobs and the thread that owns the model. Between decode
 * steps it admits queued jobs (oldest first) while fewer than max_batch run, prefills them, then
 * runs one step for all running jobs (sched_step.c). HTTP threads wait on their job's condition
 * variable, checking every 200 ms that their client is still connected. */
#define _GNU_SOURCE /* POLLRDHUP */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve_internal.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Drops one reference (mutex held); frees the job at zero. */
static void unref(srv_job *j)
{
    if (--j->refs == 0)
        srv_job_free(j);
}

static void fail_job(srv_job *j, int status, const char *type, const char *msg)
{
    zc_serve_fail(&j->err, status, type, NULL, NULL, "%s", msg);
    j->failed = j->done = j->started = 1;
    j->t_end = now_s();
    pthread_cond_broadcast(&j->cv);
}

/* Pops the oldest queued job and prefills it (mutex held on entry and exit). */
static void admit_one(srv_sched *s)
{
    srv_job *j = s->qhead;
    s->qhead = j->next;
    if (!s->qhead)
        s->qtail = NULL;
    s->nqueued--;
    j->next = NULL;
    if (j->cancelled) {
        j->done = 1;
        unref(j);
        return;
    }
    j->t_start = now_s();
    pthread_mutex_unlock(&s->mu);
    char err[512];
    int rc = srv_engine_begin(s->M, j, err, sizeof err);
    const zc_text_config *c = zc_model_config(s->M->model);
    if (!rc) {
        j->sampler = zc_sampler_new(&j->sp, c->vocab);
        j->detok = zc_detok_new_opts(s->M->tok, 1);
        j->hist = malloc((size_t)(j->nids + j->max_new + 1) * sizeof *j->hist);
        if (!j->sampler || !j->detok || !j->hist) {
            snprintf(err, sizeof err, "out of memory");
            rc = -1;
        } else {
            memcpy(j->hist, j->ids, (size_t)j->nids * sizeof *j->hist);
            j->nhist = j->nids;
        }
    }
    for (int i = 0; i < j->nimg; i++) /* the pixels are in the cache now */
        zc_image_patches_free(&j->imgs[i]);
    pthread_mutex_lock(&s->mu);
    if (rc) {
        fail_job(j, 500, "server_error", err);
        unref(j);
        return;
    }
    j->started = 1;
    pthread_cond_broadcast(&j->cv);
    s->active[s->nactive++] = j;
}

/* Fails every queued job with 503 (mutex held). */
static void flush_queue(srv_sched *s)
{
    while (s->qhead) {
        srv_job *j = s->qhead;
        s->qhead = j->next;
        s->nqueued--;
        fail_job(j, 503, "server_error", "the server is shutting down");
        unref(j);
    }
    s->qtail = NULL;
}

static void *sched_main(void *arg)
{
    srv_sched *s = arg;
    zc_model_set_threads(s->threads);
    pthread_mutex_lock(&s->mu);
    for (;;) {
        if (s->draining)
            flush_queue(s);
        while (s->qhead && s->nactive < s->max_batch)
            admit_one(s);
        if (s->nactive == 0) {
            if (s->quit)
                break;
            pthread_cond_wait(&s->wake, &s->mu);
            continue;
        }
        pthread_mutex_unlock(&s->mu);
        srv_sched_step(s);
        pthread_mutex_lock(&s->mu);
        int k = 0;
        for (int i = 0; i < s->nactive; i++) {
            srv_job *j = s->active[i];
            if (j->done) {
                s->served++;
                s->tokens += j->ngen;
                srv_engine_end(j);
                unref(j);
            } else {
                s->active[k++] = j;
            }
        }
        s->nactive = k;
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

int srv_sched_start(srv_sched *s, const srv_model *M, int max_batch, int max_queue, int threads)
{
    memset(s, 0, sizeof *s);
    s->M = M;
    s->max_batch = max_batch;
    s->max_queue = max_queue;
    s->threads = threads;
    if (!(s->active = calloc((size_t)max_batch, sizeof *s->active)))
        return -1;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->wake, NULL);
    if (pthread_create(&s->thread, NULL, sched_main, s)) {
        free(s->active);
        return -1;
    }
    return 0;
}

int srv_sched_submit(srv_sched *s, srv_job *j, zc_serve_error *e)
{
    pthread_mutex_lock(&s->mu);
    int rc = 0;
    if (s->draining)
        rc = zc_serve_fail(e, 503, "server_error", NULL, NULL, "the server is shutting down");
    else if (s->nqueued >= s->max_queue)
        rc = zc_serve_fail(e, 429, "rate_limit_exceeded", "queue_full", NULL,
                           "%d requests are already waiting (zerocad serve --max-queue): retry later", s->nqueued);
    if (!rc) {
        j->refs = 2;
        j->t_submit = now_s();
        if (s->qtail)
            s->qtail->next = j;
        else
            s->qhead = j;
        s->qtail = j;
        s->nqueued++;
        pthread_cond_signal(&s->wake);
    }
    pthread_mutex_unlock(&s->mu);
    return rc;
}

static int client_gone(int fd)
{
    if (fd < 0)
        return 0;
    struct pollfd p = {.fd = fd, .events = POLLRDHUP};
    return poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR));
}

/* Waits (mutex held) for a signal or 200 ms; -1 when the client has gone (j is cancelled). */
static int wait_tick(srv_sched *s, srv_job *j, int fd)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 200 * 1000000L;
    if (ts.tv_nsec >= 1000000000L)
        ts.tv_sec++, ts.tv_nsec -= 1000000000L;
    if (pthread_cond_timedwait(&j->cv, &s->mu, &ts) == ETIMEDOUT && client_gone(fd)) {
        j->cancelled = 1;
        return -1;
    }
    return 0;
}

int srv_sched_wait(srv_sched *s, srv_job *j, int stage, int fd)
{
    pthread_mutex_lock(&s->mu);
    int rc = 0;
    while (!rc && !(stage == 0 ? j->started : j->done))
        rc = wait_tick(s, j, fd);
    pthread_mutex_unlock(&s->mu);
    return rc;
}

int srv_sched_take_text(srv_sched *s, srv_job *j, size_t sent, char **text, size_t *len, int *done, int fd)
{
    pthread_mutex_lock(&s->mu);
    int rc = 0;
    while (!rc && !j->done && j->safe <= sent)
        rc = wait_tick(s, j, fd);
    *text = NULL;
    *len = j->safe > sent ? j->safe - sent : 0;
    *done = j->done;
    if (!rc && *len && !(*text = malloc(*len)))
        rc = -1;
    if (*text)
        memcpy(*text, j->text + sent, *len);
    pthread_mutex_unlock(&s->mu);
    return rc;
}

void srv_sched_release(srv_sched *s, srv_job *j)
{
    pthread_mutex_lock(&s->mu);
    if (!j->done)
        j->cancelled = 1;
    unref(j);
    pthread_mutex_unlock(&s->mu);
}

void srv_sched_drain(srv_sched *s, int cancel)
{
    pthread_mutex_lock(&s->mu);
    s->draining = 1;
    if (cancel)
        for (int i = 0; i < s->nactive; i++)
            s->active[i]->cancelled = 1;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->mu);
}

int srv_sched_idle(srv_sched *s)
{
    pthread_mutex_lock(&s->mu);
    int idle = s->nactive == 0 && s->nqueued == 0;
    pthread_mutex_unlock(&s->mu);
    return idle;
}

void srv_sched_stop(srv_sched *s)
{
    pthread_mutex_lock(&s->mu);
    s->quit = s->draining = 1;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->mu);
    pthread_join(s->thread, NULL);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->wake);
    free(s->active);
}
