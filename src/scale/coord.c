/* coord.c: the coordinator, in rank 0's rank process. It holds the positions still to run
 * (the plan rank 0's command made after reading what every part already recorded), hands
 * them out in batches as ranks ask (guided sizes: a slow rank or program holds back at most
 * its own batch), counts the completions each rank reports, and when every rank has ended
 * tells rank 0's command the worst exit status (rank 0 then writes the manifest). It serves
 * its own command's socket and MPI alternately; with nothing to do it sleeps, 0.2 ms at first,
 * twice as long each idle turn up to 20 ms (ranks ask ahead of need, so a late answer costs
 * nothing; polling MPI costs CPU the workers could use). */
#define _GNU_SOURCE
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mpi.h>

#include "scale_internal.h"

typedef struct {
    int size, fd, command_open, have_plan, worst, left_ranks;
    uint64_t total;
    zsc_queue q;
    int *waiting, *finished;
    uint64_t *wanted, *given, *completed;
} coord;

static int setup(coord *c, int fd, int size)
{
    memset(c, 0, sizeof *c);
    c->size = size;
    c->fd = fd;
    c->command_open = 1;
    c->left_ranks = size;
    c->waiting = calloc((size_t)size, sizeof *c->waiting);
    c->finished = calloc((size_t)size, sizeof *c->finished);
    c->wanted = calloc((size_t)size, sizeof *c->wanted);
    c->given = calloc((size_t)size, sizeof *c->given);
    c->completed = calloc((size_t)size, sizeof *c->completed);
    return c->waiting && c->finished && c->wanted && c->given && c->completed ? 0 : -1;
}

static void teardown(coord *c)
{
    free(c->waiting);
    free(c->finished);
    free(c->wanted);
    free(c->given);
    free(c->completed);
    free(c->q.pos);
}

static void send_jobs(coord *c, int rank, const uint64_t *pos, size_t n)
{
    if (rank == 0) {
        if (c->command_open)
            zsc_frame_send(c->fd, ZSC_JOBS, pos, n);
    } else {
        MPI_Send(pos, (int)n, MPI_UINT64_T, rank, ZSC_TAG_JOBS, MPI_COMM_WORLD);
    }
}

/* Answers every rank waiting for work, once the plan is known. */
static void serve(coord *c)
{
    if (!c->have_plan)
        return;
    for (int r = 0; r < c->size; r++) {
        if (!c->waiting[r])
            continue;
        size_t left = c->q.count - c->q.head;
        size_t k = zsc_batch_size(left, c->left_ranks, (size_t)c->wanted[r]);
        send_jobs(c, r, c->q.pos + c->q.head, k);
        c->q.head += k;
        c->given[r] += k;
        c->waiting[r] = 0;
    }
}

static void on_plan(coord *c, const zsc_frame *f)
{
    if (c->have_plan || f->n < 1)
        return;
    c->total = f->words[0];
    c->q.count = f->n - 1;
    c->q.pos = malloc((c->q.count ? c->q.count : 1) * sizeof *c->q.pos);
    if (!c->q.pos)
        c->q.count = 0;
    else
        memcpy(c->q.pos, f->words + 1, c->q.count * sizeof *c->q.pos);
    c->have_plan = 1;
}

/* {total, want, finished positions...} from rank r. */
static void on_want(coord *c, int r, const uint64_t *w, size_t n)
{
    if (n < 2)
        return;
    c->completed[r] += (uint64_t)(n - 2);
    if (c->have_plan && w[0] != c->total && w[0] != ZSC_TOTAL_UNKNOWN) {
        fprintf(stderr, "zerocad: rank %d sees %llu programs, rank 0 sees %llu: every rank must see the same inputs\n",
                r, (unsigned long long)w[0], (unsigned long long)c->total);
        if (c->worst < 1)
            c->worst = 1;
        send_jobs(c, r, NULL, 0);
        return;
    }
    c->waiting[r] = 1;
    c->wanted[r] = w[1];
}

static void on_finish(coord *c, int r, const uint64_t *w, size_t n)
{
    if (c->finished[r])
        return;
    c->finished[r] = 1;
    c->left_ranks--;
    int rc = n >= 1 ? (int)w[0] : 1;
    if (n > 2)
        c->completed[r] += (uint64_t)(n - 2);
    if (rc > c->worst)
        c->worst = rc;
    if (r == 0 && !c->have_plan)   /* rank 0 ended before it had a plan: nothing to hand out */
        c->have_plan = 1;
}

static void from_command(coord *c)
{
    zsc_frame f;
    if (zsc_frame_recv(c->fd, &f) != 1) {
        c->command_open = 0;
        uint64_t gone[2] = {1, 0};
        on_finish(c, 0, gone, 2);
        return;
    }
    if (f.type == ZSC_PLAN)
        on_plan(c, &f);
    else if (f.type == ZSC_WANT)
        on_want(c, 0, f.words, f.n);
    else if (f.type == ZSC_FINISH)
        on_finish(c, 0, f.words, f.n);
    free(f.words);
}

/* Every message waiting from the other ranks; returns 1 when there was one. */
static int from_ranks(coord *c)
{
    for (int got = 0;; got = 1) {
        int flag = 0;
        MPI_Status st;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
        if (!flag)
            return got;
        int n = 0;
        MPI_Get_count(&st, MPI_UINT64_T, &n);
        uint64_t *w = malloc((size_t)(n > 0 ? n : 1) * sizeof *w);
        if (!w)
            return got;
        MPI_Recv(w, n, MPI_UINT64_T, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (st.MPI_TAG == ZSC_TAG_WANT)
            on_want(c, st.MPI_SOURCE, w, (size_t)n);
        else if (st.MPI_TAG == ZSC_TAG_FINISH)
            on_finish(c, st.MPI_SOURCE, w, (size_t)n);
        free(w);
    }
}

static void report(const coord *c)
{
    uint64_t given = 0, completed = 0;
    for (int r = 0; r < c->size; r++) {
        given += c->given[r];
        completed += c->completed[r];
    }
    if (completed < given)
        fprintf(stderr, "zerocad: %llu of the %llu programs handed out were not finished; they run on the next run\n",
                (unsigned long long)(given - completed), (unsigned long long)given);
    fprintf(stderr, "zerocad: %d ranks ran %llu programs (", c->size, (unsigned long long)completed);
    for (int r = 0; r < c->size; r++)
        fprintf(stderr, "%s%llu", r ? ", " : "", (unsigned long long)c->completed[r]);
    const char *why = c->worst == 2 ? "; a rank stopped on bad usage or input (above)"
                      : c->worst ? "; not every rank finished: run the same command again to resume" : "";
    fprintf(stderr, " by rank)%s\n", why);
}

int zsc_coordinate(int fd, int size)
{
    coord c;
    if (setup(&c, fd, size) < 0) {
        fprintf(stderr, "zerocad: the coordinator is out of memory\n");
        teardown(&c);
        return 1;
    }
    long nap_ns = ZSC_NAP_MIN_NS;
    while (c.left_ranks > 0) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        struct timespec nap = {0, nap_ns};
        int busy = 0;
        if (c.command_open && ppoll(&p, 1, &nap, NULL) > 0) {
            from_command(&c);
            busy = 1;
        } else if (!c.command_open) {
            nanosleep(&nap, NULL);
        }
        busy |= from_ranks(&c);
        serve(&c);
        nap_ns = busy ? ZSC_NAP_MIN_NS : (nap_ns * 2 > ZSC_NAP_MAX_NS ? ZSC_NAP_MAX_NS : nap_ns * 2);
    }
    report(&c);
    uint64_t worst = (uint64_t)c.worst;
    if (c.command_open)
        zsc_frame_send(fd, ZSC_FINAL, &worst, 1);
    int rc = c.worst;
    teardown(&c);
    return rc;
}
