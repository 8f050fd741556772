/* client.c: the command's side of sharing work. Without MPI it keeps the positions of its
 * slice; under MPI rank 0 sends the plan (the positions not yet recorded, in its slice) to
 * the coordinator and every rank asks for batches, reporting what it finished with each
 * request. Plugged into the executor as a zx_share. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scale_internal.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int zsc_client_open(zsc_client *c, const zsc_slice *slice, size_t want)
{
    memset(c, 0, sizeof *c);
    c->fd = zsc_link_fd();
    c->slice = *slice;
    c->want = want ? want : 1;
    c->size = 1;
    if (c->fd < 0)
        return 0;
    zsc_frame f;
    if (zsc_frame_recv(c->fd, &f) != 1 || f.type != ZSC_HELLO || f.n < 2) {
        fprintf(stderr, "zerocad: no word from this rank's MPI process (did MPI_Init fail?)\n");
        free(f.words);
        return -1;
    }
    c->rank = (int)f.words[0];
    c->size = (int)f.words[1];
    free(f.words);
    return 0;
}

int zsc_client_plan(void *ctx, size_t total, const size_t *todo, size_t ntodo)
{
    zsc_client *c = ctx;
    c->total = total;
    uint64_t *words = malloc((ntodo + 1) * sizeof *words);
    if (!words) {
        fprintf(stderr, "zerocad: out of memory\n");
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < ntodo; i++)
        if (zsc_slice_has(&c->slice, todo[i]))
            words[1 + n++] = todo[i];
    if (c->fd < 0) {   /* a slice alone: this process runs its positions itself */
        memmove(words, words + 1, n * sizeof *words);
        c->queue.pos = words;
        c->queue.count = n;
        return 0;
    }
    int rc = 0;
    if (c->rank == 0) {
        words[0] = total;
        rc = zsc_frame_send(c->fd, ZSC_PLAN, words, n + 1);
        if (rc < 0)
            fprintf(stderr, "zerocad: cannot send the plan to the coordinator: %s\n", strerror(errno));
    }
    free(words);
    return rc;
}

/* Asks for more (without waiting for the answer): {total, how many, finished...}. */
static int ask(zsc_client *c, size_t left)
{
    size_t n = 2 + c->nfinished;
    uint64_t *w = malloc(n * sizeof *w);
    if (!w)
        return -1;
    w[0] = c->total;
    w[1] = c->want > left ? c->want - left : 1;
    if (c->nfinished)
        memcpy(w + 2, c->finished, c->nfinished * sizeof *w);
    int rc = zsc_frame_send(c->fd, ZSC_WANT, w, n);
    free(w);
    if (rc == 0) {
        c->nfinished = 0;
        c->asked = 1;
    }
    return rc;
}

/* Reads the answer to the last ask: its positions go after those still queued; none: the
 * end. Counts the time spent blocked (block: the queue is empty). 0, or -1. */
static int receive(zsc_client *c, int block)
{
    double t0 = now_s();
    zsc_frame f = {0};
    int rc = zsc_frame_recv(c->fd, &f) == 1 && f.type == ZSC_JOBS ? 0 : -1;
    if (block && c->requests)
        c->wait_s += now_s() - t0;
    else if (block)   /* the first waits for rank 0's plan: start-up, not per program */
        c->first_wait_s = now_s() - t0;
    c->requests++;
    c->asked = 0;
    if (rc < 0) {
        free(f.words);
        return -1;
    }
    size_t left = c->queue.count - c->queue.head;
    uint64_t *q = malloc((left + f.n + 1) * sizeof *q);
    if (!q) {
        free(f.words);
        return -1;
    }
    memcpy(q, c->queue.pos + c->queue.head, left * sizeof *q);
    if (f.n)
        memcpy(q + left, f.words, f.n * sizeof *q);
    free(f.words);
    free(c->queue.pos);
    c->queue.pos = q;
    c->queue.head = 0;
    c->queue.count = left + f.n;
    if (!f.n)
        c->ended = 1;
    return 0;
}

static int answer_waiting(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, 0) > 0;
}

/* Keeps the queue filled ahead: asks when half of what it may hold is left, and reads the
 * answer when it is there (or, queue empty, waits for it). 0, or -1 (link lost). */
static int refill(zsc_client *c)
{
    size_t left = c->queue.count - c->queue.head;
    if (!c->asked && !c->ended && left <= c->want / 2 && ask(c, left) < 0)
        return -1;
    if (c->asked && (left == 0 || answer_waiting(c->fd)))
        return receive(c, left == 0);
    return 0;
}

int zsc_client_next(void *ctx, size_t *pos)
{
    zsc_client *c = ctx;
    if (c->fd >= 0 && refill(c) < 0) {
        fprintf(stderr, "zerocad: rank %d: lost the link to its MPI process; run the same command again to "
                "resume\n", c->rank);
        c->lost = c->ended = 1;
        c->asked = 0;
    }
    if (c->queue.head >= c->queue.count)
        return -1;
    *pos = (size_t)c->queue.pos[c->queue.head++];
    c->taken++;
    return 1;
}

void zsc_client_done(void *ctx, size_t pos)
{
    zsc_client *c = ctx;
    if (c->fd < 0)
        return;
    if (c->nfinished == c->capfinished) {
        size_t cap = c->capfinished ? 2 * c->capfinished : 64;
        uint64_t *grown = realloc(c->finished, cap * sizeof *grown);
        if (!grown)
            return;   /* only the coordinator's count of completions suffers */
        c->finished = grown;
        c->capfinished = cap;
    }
    c->finished[c->nfinished++] = pos;
}

int zsc_client_finish(zsc_client *c, int rc)
{
    if (c->lost && rc == 0)
        rc = 1;
    if (c->fd < 0)
        return rc;
    /* {exit status, programs taken, the finished positions not reported yet...} */
    uint64_t *w = malloc((2 + c->nfinished) * sizeof *w);
    if (!w)
        return rc ? rc : 1;
    w[0] = (uint64_t)rc;
    w[1] = (uint64_t)c->taken;
    if (c->nfinished)
        memcpy(w + 2, c->finished, c->nfinished * sizeof *w);
    int sent = zsc_frame_send(c->fd, ZSC_FINISH, w, 2 + c->nfinished);
    free(w);
    zsc_frame f = {0};
    if (sent < 0)
        return rc ? rc : 1;
    int got;
    while ((got = zsc_frame_recv(c->fd, &f)) == 1 && f.type == ZSC_JOBS) {   /* an answer still on its way */
        free(f.words);
        f.words = NULL;
    }
    if (got != 1 || f.type != ZSC_FINAL || f.n < 1) {
        free(f.words);
        return rc ? rc : 1;
    }
    int worst = (int)f.words[0];
    free(f.words);
    return worst > rc ? worst : rc;
}

void zsc_client_close(zsc_client *c)
{
    free(c->queue.pos);
    free(c->finished);
    memset(c, 0, sizeof *c);
    c->fd = -1;
}
