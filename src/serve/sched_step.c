/* sched_step.c: one decode step of the running jobs: each samples its next token from its logits
 * (EOS ends it with "stop"), the token's text is appended (a stop string ends it with "stop",
 * max_tokens with "length"), and the jobs that go on run through the engine together. Outputs
 * are published under the scheduler's mutex; a cancelled job (client gone) just ends. */
#include <stdlib.h>
#include <time.h>

#include "serve_internal.h"

static int is_eos(const zc_model *m, int32_t id)
{
    const zc_gen_config *g = zc_model_gen_config(m);
    for (int i = 0; i < g->n_eos; i++)
        if (g->eos[i] == id)
            return 1;
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The detokenizer's bytes for id (-1: what it still holds, at the end) appended; 1 if a stop
 * string was met, -1 out of memory. */
static int push_text(srv_job *j, int32_t id, int final)
{
    char buf[256];
    size_t k;
    int rc = 0;
    if (final) {
        while (rc == 0 && (k = zc_detok_flush(j->detok, buf, sizeof buf)) > 0)
            rc = srv_job_append(j, buf, k);
        return rc;
    }
    k = zc_detok_push(j->detok, id, buf, sizeof buf);
    while (rc == 0 && k > 0) {
        rc = srv_job_append(j, buf, k);
        k = k == sizeof buf ? zc_detok_push(j->detok, -1, buf, sizeof buf) : 0;
    }
    return rc;
}

static void finish(srv_job *j, const char *reason)
{
    if (reason && push_text(j, -1, 1) == 1)
        reason = "stop";
    j->finish = reason ? reason : "stop";
    j->safe = j->len;
    j->done = 1;
    j->t_end = now_s();
}

/* Samples and publishes one token of j (mutex held for the publishing); 1 if j goes on. */
static int step_one(srv_sched *s, srv_job *j, int32_t *next)
{
    const zc_model *m = s->M->model;
    int32_t id = zc_sampler_next(j->sampler, srv_engine_logits(j), j->hist, j->nhist);
    int eos = is_eos(m, id), goes_on = 0;
    pthread_mutex_lock(&s->mu);
    if (j->cancelled) {
        finish(j, NULL);
    } else if (eos) {
        finish(j, "stop");
    } else {
        j->hist[j->nhist++] = id;
        j->ngen++;
        int r = push_text(j, id, 0);
        if (r < 0) {
            zc_serve_fail(&j->err, 500, "server_error", NULL, NULL, "out of memory");
            j->failed = 1;
            finish(j, NULL);
        } else if (r == 1) {
            finish(j, "stop");
        } else if (j->ngen >= j->max_new) {
            finish(j, "length");
        } else {
            *next = id;
            goes_on = 1;
        }
    }
    pthread_cond_broadcast(&j->cv);
    pthread_mutex_unlock(&s->mu);
    return goes_on;
}

void srv_sched_step(srv_sched *s)
{
    srv_job *go[s->nactive > 0 ? s->nactive : 1];
    int32_t tokens[s->nactive > 0 ? s->nactive : 1];
    int n = 0;
    for (int i = 0; i < s->nactive; i++)
        if (step_one(s, s->active[i], &tokens[n]))
            go[n++] = s->active[i];
    if (n && srv_engine_advance(s->M, go, tokens, n)) {
        pthread_mutex_lock(&s->mu);
        for (int i = 0; i < n; i++) { /* out of memory: the caches hold nids + max_new + 1 */
            zc_serve_fail(&go[i]->err, 500, "server_error", NULL, NULL, "out of memory in the decode step");
            go[i]->failed = 1;
            finish(go[i], NULL);
            pthread_cond_broadcast(&go[i]->cv);
        }
        pthread_mutex_unlock(&s->mu);
    }
}
