/* render_scaled.c: `zerocad render --batch` as one part of a job shared among MPI ranks and/or
 * --shard slices. The coordinator and client are exec's (coord.c, client.c): the positions are
 * the items in the inputs' order, rank 0 plans those recorded in no file of the job, and every
 * rank draws the items it is handed (zrb_run), appending its records to its own part file
 * OUTDIR/render.part-RRRRR.jsonl. At the end OUTDIR/render.manifest.json lists the files. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "renderbatch.h"
#include "scale_internal.h"

/* Items a rank holds at a time: the one drawn and a few queued (items take about a second;
 * the coordinator's guided sizes shrink batches at the end). */
#define RENDER_HOLD 4

static void write_manifest(const char *base, long items)
{
    char path[PATH_MAX];
    size_t n;
    zsc_manifest_name(base, path, sizeof path);
    char **files = zsc_parts_list(base, &n);
    zsc_manifest_write(path, "render", items, files, n);
    zsc_parts_free(files, n);
}

/* One process, as always, except that ids recorded in parts of an earlier shared run of the
 * same job count as recorded (a job begun under mpirun can be finished without it). */
static int run_alone(const zrb_opts *opts, const char *base)
{
    size_t nseen;
    char **seen = zsc_parts_others(base, base, &nseen);
    zrb_opts o = *opts;
    o.seen = seen;
    o.nseen = nseen;
    int rc = zrb_run(&o);
    zsc_parts_free(seen, nseen);
    return rc;
}

int zsc_render_run(const zrb_opts *opts, const zsc_slice *slice)
{
    char base[PATH_MAX];
    zrb_records_path(opts->outdir, base, sizeof base);
    int mpi = zsc_under_mpi();
    if (!mpi && slice->n <= 0)
        return run_alone(opts, base);
    zsc_client client;
    if (zsc_client_open(&client, slice, RENDER_HOLD) < 0)
        return 1;
    char part[PATH_MAX], label[64];
    zsc_part_name(base, mpi ? client.rank : -1, slice, part, sizeof part);
    if (mpi)
        snprintf(label, sizeof label, "(rank %d)", client.rank);
    else
        snprintf(label, sizeof label, "(shard %ld/%ld)", slice->k, slice->n);
    size_t nseen;
    char **seen = zsc_parts_others(base, part, &nseen);
    zrb_share share = {.ctx = &client, .plan = zsc_client_plan, .next = zsc_client_next, .done = zsc_client_done};
    zrb_opts o = *opts;
    o.records = part;
    o.seen = seen;
    o.nseen = nseen;
    o.share = &share;
    o.label = label;
    int rc = zrb_run(&o);
    int worst = zsc_client_finish(&client, rc);
    if (worst == 0 && client.rank == 0 && client.total > 0)
        write_manifest(base, (long)client.total);
    zsc_parts_free(seen, nseen);
    zsc_client_close(&client);
    return rc ? rc : worst;
}
