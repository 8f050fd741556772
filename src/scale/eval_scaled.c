/* eval_scaled.c: an evaluation (`zerocad eval --model`, `zerocad eval --pred`) as one part of a
 * job shared among MPI ranks and/or --shard slices. The coordinator and client are exec's
 * (coord.c, client.c): the positions are the evaluation's items in its own order, rank 0 plans
 * those recorded in no file of the job, and every rank runs the items it is handed, appending its
 * records to its own part file. At the end the table is computed over every file of the job, as
 * a one-process run would print it, and OUT.manifest.json lists the files. The model's
 * evaluation plugs in here; eval --pred's is in eval_pred_scaled.c. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "scale_eval.h"
#include "scale_internal.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whole record lines in every file of the job. */
static long job_rows(const char *base)
{
    size_t n;
    char **files = zsc_parts_list(base, &n);
    long rows = 0;
    for (size_t i = 0; i < n; i++) {
        long k = zsc_count_lines(files[i]);
        rows += k > 0 ? k : 0;
    }
    zsc_parts_free(files, n);
    return rows;
}

/* The table over every file of the job and the manifest listing them; the exit status. */
static int finish(const zsc_eval_job *job, const char *base, long total, double seconds, long recorded)
{
    size_t n;
    char **files = zsc_parts_list(base, &n);
    int rc = job->table(job->ctx, files, n, seconds, recorded);
    char path[PATH_MAX];
    zsc_manifest_name(base, path, sizeof path);
    if (rc == 0 && zsc_manifest_write(path, "eval", total, files, n) < 0)
        rc = 1;
    zsc_parts_free(files, n);
    return rc;
}

int zsc_eval_job_run(const zsc_eval_job *job, const zsc_slice *slice)
{
    int mpi = zsc_under_mpi();
    char *base = NULL;
    if (asprintf(&base, "%s.jsonl", job->out ? job->out : "eval-report") < 0)
        return 1;
    zsc_client client;
    if (zsc_client_open(&client, slice, job->want) < 0) {
        free(base);
        return 1;
    }
    double t0 = now_s();
    long before = client.rank == 0 ? job_rows(base) : 0;
    char part[PATH_MAX];
    zsc_part_name(base, mpi ? client.rank : -1, slice, part, sizeof part);
    size_t nseen;
    char **seen = zsc_parts_others(base, part, &nseen);
    int rc = job->run(job->ctx, &client, part, seen, nseen);
    int worst = zsc_client_finish(&client, rc);
    if (worst == 0 && client.rank == 0)
        worst = finish(job, base, (long)client.total, now_s() - t0, job_rows(base) - before);
    if (mpi && client.requests && !job->quiet)
        fprintf(stderr, "eval: rank %d: %zu items, %zu requests, %.3f s waiting for the first batch\n", client.rank,
                client.taken, client.requests, client.first_wait_s);
    zsc_parts_free(seen, nseen);
    zsc_client_close(&client);
    free(base);
    return rc ? rc : worst;
}

/* ---- eval --model ---- */
typedef struct {
    const zrc_eval_opts *o;
    const zm_options *mo;
} model_job;

static int model_run(void *ctx, zsc_client *client, const char *part, char *const *seen, size_t nseen)
{
    const model_job *m = ctx;
    zrc_share share = {.ctx = client, .plan = zsc_client_plan, .next = zsc_client_next, .done = zsc_client_done};
    zrc_eval_opts eo = *m->o;
    eo.share = &share;
    eo.records = part;
    eo.seen = seen;
    eo.nseen = nseen;
    return zrc_eval_model(&eo, m->mo);
}

static int model_table(void *ctx, char *const *files, size_t n, double seconds, long recorded)
{
    const model_job *m = ctx;
    return zrc_eval_model_table(m->o, m->mo, files, n, seconds, recorded);
}

int zsc_eval_run(const zrc_eval_opts *o, const zm_options *mo, const zsc_slice *slice)
{
    if (!zsc_under_mpi() && slice->n <= 0)
        return zrc_eval_model(o, mo);
    model_job m = {o, mo};
    /* Two batches' worth at a time: a rank's batch refills from its queue while it asks for more. */
    zsc_eval_job job = {.out = o->out, .want = 2 * (size_t)(o->batch > 0 ? o->batch : 1), .quiet = o->quiet,
                        .ctx = &m, .run = model_run, .table = model_table};
    return zsc_eval_job_run(&job, slice);
}
