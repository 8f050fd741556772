/* exec_scaled.c: `zerocad exec` as one part of a job shared among MPI ranks and/or --shard
 * slices: this process writes its own part file, skips the ids any part already recorded,
 * takes its programs from the coordinator (MPI) or its slice, and at the end the manifest
 * is written (MPI: by rank 0 once every rank is done; slices: by each, listing what exists). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scale_internal.h"

static void write_manifest(const char *base, long programs)
{
    char path[PATH_MAX];
    size_t n;
    zsc_manifest_name(base, path, sizeof path);
    char **files = zsc_parts_list(base, &n);
    zsc_manifest_write(path, "exec", programs, files, n);
    zsc_parts_free(files, n);
}

/* One process, as always, except that ids recorded in parts of an earlier shared run of the
 * same job count as recorded (a job begun under mpirun can be finished without it). */
static int run_alone(const zx_options *opts)
{
    size_t nseen;
    char **seen = zsc_parts_others(opts->output, opts->output, &nseen);
    zx_options o = *opts;
    o.seen = (const char *const *)seen;
    o.nseen = (int)nseen;
    int rc = zx_run(&o);
    zsc_parts_free(seen, nseen);
    return rc;
}

int zsc_exec_run(const zx_options *opts, const zsc_slice *slice)
{
    int mpi = zsc_under_mpi();
    if (!mpi && slice->n <= 0)
        return run_alone(opts);
    zsc_client client;
    /* A rank asks for up to ZSC_HOLD_PER_WORKER programs per worker at a time: fewer round trips, and the
     * coordinator's guided sizes still shrink batches to one at the end. */
    if (zsc_client_open(&client, slice, ZSC_HOLD_PER_WORKER * (size_t)opts->jobs) < 0)
        return 1;
    char part[PATH_MAX];
    zsc_part_name(opts->output, mpi ? client.rank : -1, slice, part, sizeof part);
    size_t nseen;
    char **seen = zsc_parts_others(opts->output, part, &nseen);
    zx_share share = {.ctx = &client, .plan = zsc_client_plan, .next = zsc_client_next, .done = zsc_client_done};
    zx_options o = *opts;
    o.output = part;
    o.seen = (const char *const *)seen;
    o.nseen = (int)nseen;
    o.share = &share;
    int rc = zx_run(&o);
    int worst = zsc_client_finish(&client, rc);
    if (worst == 0 && client.rank == 0 && client.total > 0)
        write_manifest(opts->output, (long)client.total);
    if (mpi && client.requests)
        fprintf(stderr, "zerocad exec: rank %d: %zu programs, %zu requests, %.3f ms waiting for the coordinator "
                "per program (%.3f s for the first batch)\n", client.rank, client.taken, client.requests,
                client.taken ? 1e3 * client.wait_s / (double)client.taken : 0.0, client.first_wait_s);
    zsc_parts_free(seen, nseen);
    zsc_client_close(&client);
    return rc ? rc : worst;
}
