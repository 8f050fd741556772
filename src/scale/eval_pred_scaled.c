/* eval_pred_scaled.c: `zerocad eval --pred` across processes: the evaluation of given
 * predictions plugged into the shared evaluation of eval_scaled.c. The positions are the items
 * in id order; each process scores those it is handed into its own part file (src/metrics,
 * eval_shared.c), and the table at the end is the one-process run's, computed from every part.
 * A one-process run writes OUT.jsonl whole at its end (it does not resume), so the two kinds of
 * run keep apart: each refuses the other's records under the same -o. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

#include "scale_eval.h"
#include "scale_internal.h"

typedef struct {
    const zm_eval_args *a;
    const zm_options *o;
} pred_job;

static int pred_run(void *ctx, zsc_client *client, const char *part, char *const *seen, size_t nseen)
{
    const pred_job *p = ctx;
    zm_share share = {.ctx = client, .plan = zsc_client_plan, .next = zsc_client_next, .done = zsc_client_done};
    zm_eval_args a = *p->a;
    a.share = &share;
    a.records = part;
    a.seen = seen;
    a.nseen = nseen;
    return zm_eval(&a, p->o);
}

static int pred_table(void *ctx, char *const *files, size_t n, double seconds, long recorded)
{
    (void)recorded;
    const pred_job *p = ctx;
    return zm_eval_table(p->a, p->o, files, n, seconds);
}

/* A one-process run: refused when a shared run's parts are there (it would not read them, and
 * its OUT.jsonl would join their job). */
static int run_alone(const zm_eval_args *a, const zm_options *o, const char *base)
{
    size_t n;
    char **parts = zsc_parts_others(base, base, &n);
    if (n > 0 && n != (size_t)-1) {
        fprintf(stderr, "zerocad eval: %s is a part of a job shared among processes (mpirun or --shard): finish "
                "it the same way, or write to another -o\n", parts[0]);
        zsc_parts_free(parts, n);
        return 2;
    }
    zsc_parts_free(parts, n);
    return zm_eval(a, o);
}

int zsc_eval_pred_run(const zm_eval_args *a, const zm_options *o, const zsc_slice *slice)
{
    char base[PATH_MAX];
    snprintf(base, sizeof base, "%s.jsonl", a->out ? a->out : "eval-report");
    if (!zsc_under_mpi() && slice->n <= 0)
        return run_alone(a, o, base);
    if (!a->out) {
        fprintf(stderr, "zerocad eval: -o REPORT is required under mpirun or with --shard (the job's parts are "
                "named after it)\n");
        return 2;
    }
    if (access(base, F_OK) == 0) {
        fprintf(stderr, "zerocad eval: %s is a one-process run's records: a shared run (mpirun or --shard) "
                "writes its own parts; use another -o, or remove it\n", base);
        return 2;
    }
    pred_job p = {a, o};
    size_t jobs = (size_t)(o->jobs > 0 ? o->jobs : 1);
    /* A rank holds up to ZSC_HOLD_PER_WORKER items per worker, as exec does; it runs two per worker at a
     * time (src/metrics, eval_shared.c). */
    zsc_eval_job job = {.out = a->out, .want = ZSC_HOLD_PER_WORKER * jobs, .quiet = a->quiet, .ctx = &p,
                        .run = pred_run, .table = pred_table};
    return zsc_eval_job_run(&job, slice);
}
