/* synth_scaled.c: `zerocad synth` as one part of a job shared among MPI ranks and/or --shard
 * slices. The coordinator and client are exec's (coord.c, client.c): the positions are the
 * job's program ids, rank 0 plans the ids no process has recorded yet, and every rank runs the
 * ids it is handed through the data engine (zs_shared_run), recording into its own files.
 * At the end the dataset is decided from all the records (zs_shared_finish) and the manifest
 * DIR/synth.manifest.json lists its shards and their rows. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "scale_internal.h"

void zsc_synth_part_tag(int rank, const zsc_slice *slice, char *out, size_t len)
{
    if (slice->n > 0 && rank >= 0)
        snprintf(out, len, "shard-%ld-of-%ld-%05d", slice->k, slice->n, rank);
    else if (slice->n > 0)
        snprintf(out, len, "shard-%ld-of-%ld", slice->k, slice->n);
    else
        snprintf(out, len, "%05d", rank);
}

int zsc_synth_finish(const zs_engine_opts *o, long programs, const char *more)
{
    zs_shared_result res;
    int rc = zs_shared_finish(o, programs, &res);
    if (rc == 3) {
        fprintf(stderr, "%s: %ld of %ld programs recorded; the dataset is written when the last part ends\n",
                o->label, res.recorded, programs);
        return 0;
    }
    if (rc != 0)
        return rc;
    char path[4200];
    snprintf(path, sizeof path, "%s/synth.manifest.json", o->out_dir);
    rc = zsc_manifest_write_rows(path, "synth", programs, o->target, res.files, res.rows, res.n) < 0 ? 1 : 0;
    fprintf(stderr, "%s: %ld rows of %ld wanted from %ld programs, in %zu shards (%s)\n", o->label, res.accepted,
            o->target, programs, res.n, path);
    if (rc == 0 && o->target > 0 && res.accepted < o->target) {
        fprintf(stderr, "%s: %ld programs gave %ld rows, fewer than %ld: run again with %s\n", o->label, programs,
                res.accepted, o->target, more);
        rc = 1;
    }
    zs_shared_result_free(&res);
    return rc;
}

static int exists(const char *dir, const char *name)
{
    char path[4200];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

/* A folder holds one kind of dataset: a one-process run's (synth-log.jsonl) or a shared
 * job's (work/). 0, or 2 with a message. */
static int same_kind(const zs_engine_opts *o, int shared)
{
    if (shared && exists(o->out_dir, "synth-log.jsonl")) {
        fprintf(stderr, "%s: %s holds a one-process run's dataset (synth-log.jsonl): a job shared among processes "
                "needs its own folder\n", o->label, o->out_dir);
        return 2;
    }
    char work[4200];
    snprintf(work, sizeof work, "%s/work", o->out_dir);
    if (shared && zsc_dir_has(work, "llm-jobs.")) {
        fprintf(stderr, "%s: %s holds a shared job of the LLM agent (synth --llm): use another folder\n", o->label,
                o->out_dir);
        return 2;
    }
    if (!shared && exists(o->out_dir, "work")) {
        fprintf(stderr, "%s: %s holds a job shared among processes (work/): run it again the same way (mpirun or "
                "--shard), or use another folder\n", o->label, o->out_dir);
        return 2;
    }
    return 0;
}

int zsc_synth_run(const zs_engine_opts *o, const zs_source *src, const zsc_slice *slice, long programs)
{
    int mpi = zsc_under_mpi();
    int rc = same_kind(o, mpi || slice->n > 0);
    if (rc)
        return rc;
    if (!mpi && slice->n <= 0)
        return zs_engine_run(o, src);
    zsc_client client;
    if (zsc_client_open(&client, slice, ZSC_HOLD_PER_WORKER * (size_t)(o->jobs > 0 ? o->jobs : 1)) < 0)
        return 1;
    char tag[96];
    zsc_synth_part_tag(mpi ? client.rank : -1, slice, tag, sizeof tag);
    zs_share share = {.ctx = &client, .plan = zsc_client_plan, .next = zsc_client_next, .done = zsc_client_done};
    rc = zs_shared_run(o, src, tag, programs, &share);
    int worst = zsc_client_finish(&client, rc);
    if (worst == 0 && client.rank == 0)
        worst = zsc_synth_finish(o, programs, "a larger --programs");
    if (mpi && client.requests)
        fprintf(stderr, "%s: rank %d: %zu programs, %zu requests, %.3f ms waiting for the coordinator per program\n",
                o->label, client.rank, client.taken, client.requests,
                client.taken ? 1e3 * client.wait_s / (double)client.taken : 0.0);
    zsc_client_close(&client);
    return rc ? rc : worst;
}
