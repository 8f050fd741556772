/* synth_llm_scaled.c: `zerocad synth --llm` as one part of a job shared among MPI ranks and/or
 * --shard slices. The coordinator and client are exec's (coord.c, client.c): the positions
 * are the job list's descriptions; rank 0 (a slice's process) makes the job list and plans
 * the descriptions no process has recorded yet; every rank holds its own conversations and
 * records through the data engine (zs_llm_shared_run); at the end the dataset is decided as
 * for the generator's shared synth (zsc_synth_finish). */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "scale_internal.h"
#include "scale_llm.h"

static int exists(const char *dir, const char *name)
{
    char path[4200];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

int zsc_dir_has(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(d)))
        found = !strncmp(e->d_name, prefix, strlen(prefix));
    closedir(d);
    return found;
}

/* A folder holds one kind of dataset: a one-process run's (llm-state.sqlite, synth-log.jsonl),
 * a shared job's (work/, llm-state.part-*), not the generator's shared job (work/ with records
 * and no job list). 0, or 2 with a message. */
static int same_kind(const zs_llm_opts *o, int shared)
{
    const char *dir = o->engine.out_dir;
    char work[4200];
    snprintf(work, sizeof work, "%s/work", dir);
    if (shared && (exists(dir, "llm-state.sqlite") || exists(dir, "synth-log.jsonl"))) {
        fprintf(stderr, "%s: %s holds a one-process run's dataset (llm-state.sqlite): a job shared among processes "
                "needs its own folder\n", o->engine.label, dir);
        return 2;
    }
    if (shared && zsc_dir_has(work, "synth-log.part-") && !zsc_dir_has(work, "llm-jobs.")) {
        fprintf(stderr, "%s: %s holds a shared job of the generator (`zerocad synth` without --llm): use another "
                "folder\n", o->engine.label, dir);
        return 2;
    }
    if (!shared && (exists(dir, "work") || zsc_dir_has(dir, "llm-state.part-"))) {
        fprintf(stderr, "%s: %s holds a job shared among processes (work/, llm-state.part-*): run it again the same "
                "way (mpirun or --shard), or use another folder\n", o->engine.label, dir);
        return 2;
    }
    return 0;
}

int zsc_synth_llm_run(const zs_llm_opts *o, const zsc_slice *slice)
{
    int mpi = zsc_under_mpi();
    int rc = same_kind(o, mpi || slice->n > 0);
    if (rc)
        return rc;
    if (!mpi && slice->n <= 0)
        return zs_llm_run(o);
    zsc_client client;
    size_t hold = (size_t)(o->in_flight > 0 ? o->in_flight : 1);
    if (zsc_client_open(&client, slice, hold) < 0)
        return 1;
    char tag[96], lead_tag[96];
    int lead = !mpi || client.rank == 0;
    zsc_synth_part_tag(mpi ? client.rank : -1, slice, tag, sizeof tag);
    zsc_synth_part_tag(mpi ? 0 : -1, slice, lead_tag, sizeof lead_tag);
    if (!lead)
        client.total = ZSC_TOTAL_UNKNOWN;   /* rank 0 makes the job list */
    zs_llm_part part = {.tag = tag, .lead_tag = lead_tag, .lead = lead, .make_catalog = mpi && slice->n <= 0};
    zs_share share = {.ctx = &client, .plan = zsc_client_plan, .next = zsc_client_next, .done = zsc_client_done};
    long programs = 0;
    rc = zs_llm_shared_run(o, &part, &share, &programs);
    int worst = zsc_client_finish(&client, rc);
    if (worst == 0 && lead)
        worst = zsc_synth_finish(&o->engine, programs, o->descriptions_file ? "more descriptions (appended to "
                                 "--descriptions FILE)" : "a larger --programs (the catalog grows)");
    if (mpi && client.requests)
        fprintf(stderr, "%s: rank %d: %zu descriptions, %zu requests\n", o->engine.label, client.rank, client.taken,
                client.requests);
    zsc_client_close(&client);
    return rc ? rc : worst;
}
