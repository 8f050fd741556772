/* server.c: zc_serve_run: loads the checkpoint (decoder, tokenizer, the vision tower when there
 * is one), starts the scheduler thread and the HTTP daemon, waits for SIGINT/SIGTERM, then shuts
 * down gracefully: no new connections or requests (queued ones get 503), the running ones finish
 * (a second signal cancels them), then every thread is joined. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve_internal.h"

static void model_name(const zc_serve_opts *o, char *out, size_t n)
{
    if (o->model_name) {
        snprintf(out, n, "%s", o->model_name);
        return;
    }
    size_t len = strlen(o->dir);
    while (len > 1 && o->dir[len - 1] == '/')
        len--;
    size_t start = len;
    while (start > 0 && o->dir[start - 1] != '/')
        start--;
    snprintf(out, n, "%.*s", (int)(len - start), o->dir + start);
}

static void model_free(srv_model *M)
{
    zc_vision_free(M->vision);
    zc_tokenizer_free(M->tok);
    zc_model_free(M->model);
}

static int model_load(const zc_serve_opts *o, srv_model *M)
{
    char err[1024];
    memset(M, 0, sizeof *M);
    if (!(M->tok = zc_tokenizer_load(o->dir, err, sizeof err)) ||
        !(M->model = zc_model_load(o->dir, o->quant, err, sizeof err))) {
        fprintf(stderr, "zerocad serve: %s\n", err);
        model_free(M);
        return -1;
    }
    if (zc_model_config(M->model)->image_token_id >= 0 && !(M->vision = zc_vision_load(o->dir, err, sizeof err)))
        fprintf(stderr, "zerocad serve: no vision tower (%s): requests with images will be refused\n", err);
    model_name(o, M->name, sizeof M->name);
    M->ctx = o->ctx > 0 ? o->ctx : 8192;
    M->default_max_tokens = o->default_max_tokens > 0 ? o->default_max_tokens : 1024;
    M->limits = o->limits;
    if (!M->limits.max_body)
        M->limits.max_body = ZC_SERVE_DEFAULT_MAX_BODY;
    if (M->limits.max_images <= 0)
        M->limits.max_images = ZC_SERVE_DEFAULT_MAX_IMAGES;
    if (M->limits.max_image_pixels <= 0)
        M->limits.max_image_pixels = ZC_SERVE_DEFAULT_MAX_IMAGE_PIXELS;
    M->api_key = o->api_key;
    return 0;
}

/* Waits for the first signal, drains (a second signal cancels the running jobs). */
static void wait_and_drain(const sigset_t *set, srv_http *h, srv_sched *S)
{
    int sig = 0;
    sigwait(set, &sig);
    fprintf(stderr, "serve: %s: finishing the running requests (again to cancel them)\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    srv_http_quiesce(h);
    srv_sched_drain(S, 0);
    struct timespec tick = {0, 100 * 1000000L};
    while (!srv_sched_idle(S)) {
        if (sigtimedwait(set, NULL, &tick) > 0) {
            fprintf(stderr, "serve: cancelling the running requests\n");
            srv_sched_drain(S, 1);
        }
    }
}

int zc_serve_run(const zc_serve_opts *o)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* every thread started below inherits the mask */
    signal(SIGPIPE, SIG_IGN);
    srv_model M;
    if (model_load(o, &M))
        return 1;
    srv_sched S;
    int batch = o->max_batch > 0 ? o->max_batch : 8, queue = o->max_queue > 0 ? o->max_queue : 256;
    if (srv_sched_start(&S, &M, batch, queue, o->threads)) {
        fprintf(stderr, "zerocad serve: cannot start the scheduler thread\n");
        model_free(&M);
        return 1;
    }
    char err[512];
    const char *host = o->host ? o->host : "127.0.0.1";
    int port = o->port > 0 ? o->port : 8000;
    srv_http *h = srv_http_start(host, port, &M, &S, err, sizeof err);
    if (!h) {
        fprintf(stderr, "zerocad serve: %s\n", err);
        srv_sched_stop(&S);
        model_free(&M);
        return 1;
    }
    fprintf(stderr, "serve: listening on http://%s:%d/v1 (model %s%s, batch %d, context %d, simd %s)\n", host, port,
            M.name, M.vision ? " with vision" : "", batch, M.ctx, zc_model_simd_name());
    wait_and_drain(&set, h, &S);
    srv_http_stop(h);
    srv_sched_stop(&S);
    fprintf(stderr, "serve: stopped after %ld requests, %ld completion tokens\n", S.served, S.tokens);
    model_free(&M);
    return 0;
}
