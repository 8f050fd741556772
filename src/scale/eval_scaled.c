/* eval_scaled.c: `zerocad eval --model` as one part of a job shared among MPI ranks and/or
 * --shard slices. The coordinator and client are exec's (coord.c, client.c): the positions are
 * the test items in source order, rank 0 plans those recorded in no file of the job, and every
 * rank runs the items it is handed through its own model, batch and sandbox (zrc_eval_model),
 * appending its records to its own part file. At the end the table is computed over every file
 * of the job, as a one-process run would print it, and OUT.manifest.json lists the files. */
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
static int finish(const zrc_eval_opts *o, const zm_options *mo, const char *base, long total, double seconds,
                  long recorded)
{
    size_t n;
    char **files = zsc_parts_list(base, &n);
    int rc = zrc_eval_model_table(o, mo, files, n, seconds, recorded);
    char path[PATH_MAX];
    zsc_manifest_name(base, path, sizeof path);
    if (rc == 0 && zsc_manifest_write(path, "eval", total, files, n) < 0)
        rc = 1;
    zsc_parts_free(files, n);
    return rc;
}

int zsc_eval_run(const zrc_eval_opts *o, const zm_options *mo, const zsc_slice *slice)
{
    int mpi = zsc_under_mpi();
    if (!mpi && slice->n <= 0)
        return zrc_eval_model(o, mo);
    char *base = NULL;
    if (asprintf(&base, "%s.jsonl", o->out ? o->out : "eval-report") < 0)
        return 1;
    zsc_client client;
    /* Two batches' worth at a time: a rank's batch refills from its queue while it asks for more. */
    if (zsc_client_open(&client, slice, 2 * (size_t)(o->batch > 0 ? o->batch : 1)) < 0) {
        free(base);
        return 1;
    }
    double t0 = now_s();
    long before = client.rank == 0 ? job_rows(base) : 0;
    char part[PATH_MAX];
    zsc_part_name(base, mpi ? client.rank : -1, slice, part, sizeof part);
    size_t nseen;
    char **seen = zsc_parts_others(base, part, &nseen);
    zrc_share share = {.ctx = &client, .plan = zsc_client_plan, .next = zsc_client_next, .done = zsc_client_done};
    zrc_eval_opts eo = *o;
    eo.share = &share;
    eo.records = part;
    eo.seen = seen;
    eo.nseen = nseen;
    int rc = zrc_eval_model(&eo, mo);
    int worst = zsc_client_finish(&client, rc);
    if (worst == 0 && client.rank == 0)
        worst = finish(o, mo, base, (long)client.total, now_s() - t0, job_rows(base) - before);
    if (mpi && client.requests && !o->quiet)
        fprintf(stderr, "eval: rank %d: %zu items, %zu requests, %.3f s waiting for the first batch\n", client.rank,
                client.taken, client.requests, client.first_wait_s);
    zsc_parts_free(seen, nseen);
    zsc_client_close(&client);
    free(base);
    return rc ? rc : worst;
}
