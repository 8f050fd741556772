/* llm_shared.c: `zerocad synth --llm` as one part of a job shared among processes (MPI ranks,
 * --shard slices; the coordination is src/scale/'s, behind zs_share). The job is the
 * descriptions of the job list (llm_joblist.c), one position each. The process that plans
 * (rank 0, or a slice's own process) makes the catalog first when there is no --descriptions
 * FILE and it may, writes the job list, and plans the positions no process has recorded in
 * DIR's work/. Every process then holds its own conversations (its own state file
 * DIR/llm-state.part-TAG.sqlite, its own HTTP transfers and sandbox) for the positions it is
 * handed, a position whose conversation ended in an earlier run taking that end instead of
 * asking the server again; then it records every ended position through the data engine
 * (engine_shared.c: the accepted program's row, or "rejected" with the agent's reason), in
 * its own files. Dedup and the row target are decided once every position is recorded
 * (zs_shared_finish, by the caller), in position order. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "agent_internal.h"
#include "engine_internal.h"

/* A round takes this many positions per request in flight (--in-flight) before it records. */
#define ZS_LLM_ROUND_PER_FLIGHT 4

typedef struct {
    size_t pos;
    int accepted;
    char *code, *reason, *description;
} outcome;

typedef struct {
    const zs_llm_opts *o;
    const zs_share *share;
    zs_agent *agent;
    zs_joblist *jobs;
    int have_first;
    size_t first;
    size_t *handed;            /* positions whose conversation runs here */
    size_t nhanded, caphanded;
    outcome *out;              /* positions ended, for the engine */
    size_t nout, capout, next_out;
    size_t taken, round;       /* positions taken this round, and a round's size */
    int ended;                 /* the share has no more positions */
} part_run;

static int push_outcome(part_run *r, size_t pos, int accepted, char *code, char *reason, char *description)
{
    if (r->nout == r->capout) {
        size_t cap = r->capout ? 2 * r->capout : 64;
        outcome *n = realloc(r->out, cap * sizeof *n);
        if (!n)
            return -1;
        r->out = n;
        r->capout = cap;
    }
    r->out[r->nout++] = (outcome){pos, accepted, code, reason, description};
    return 0;
}

static int push_handed(part_run *r, size_t pos)
{
    if (r->nhanded == r->caphanded) {
        size_t cap = r->caphanded ? 2 * r->caphanded : 64;
        size_t *n = realloc(r->handed, cap * sizeof *n);
        if (!n)
            return -1;
        r->handed = n;
        r->caphanded = cap;
    }
    r->handed[r->nhanded++] = pos;
    return 0;
}

/* The agent's feed: the next position handed to this process that needs a conversation;
 * positions that ended earlier go straight to the engine's list. */
static int feed(void *ctx, int64_t *job, char **description)
{
    part_run *r = ctx;
    for (;;) {
        size_t pos;
        if (r->ended || r->taken >= r->round)
            return 0;
        if (r->have_first) {
            pos = r->first;
            r->have_first = 0;
        } else if (r->share->next(r->share->ctx, &pos) != 1) {
            r->ended = 1;
            return 0;
        }
        r->taken++;
        char *desc, *code, *reason;
        int finished;
        if (zs_joblist_get(r->jobs, pos, &desc, &finished, &code, &reason) != 1) {
            fprintf(stderr, "%s: job %zu is not in the job list\n", r->o->engine.label, pos);
            return -1;
        }
        if (finished) {
            if (push_outcome(r, pos, finished == 1, code, reason, desc) < 0)
                return -1;
            continue;
        }
        free(code);
        free(reason);
        if (zs_state_add_job(r->agent->st, (int64_t)pos + 1, desc) < 0 || push_handed(r, pos) < 0) {
            fprintf(stderr, "%s: job %zu: cannot store it in this process's state\n", r->o->engine.label, pos);
            free(desc);
            return -1;
        }
        *job = (int64_t)pos + 1;
        *description = desc;
        return 1;
    }
}

/* The ends of the conversations held here. 0 or -1. */
static int collect(part_run *r)
{
    for (size_t i = 0; i < r->nhanded; i++) {
        size_t pos = r->handed[i];
        int accepted = 0, fin;
        char *code, *reason, *desc, *c2, *r2;
        int got = zs_state_job_result(r->agent->st, (int64_t)pos + 1, &accepted, &code, &reason);
        if (got < 0)
            return -1;
        if (got == 0)
            continue;   /* not ended (interrupted): it runs again */
        if (zs_joblist_get(r->jobs, pos, &desc, &fin, &c2, &r2) != 1 ||
            push_outcome(r, pos, accepted, code, reason, desc) < 0)
            return -1;
        free(c2);
        free(r2);
    }
    return 0;
}

static int by_pos(const void *a, const void *b)
{
    size_t x = ((const outcome *)a)->pos, y = ((const outcome *)b)->pos;
    return x < y ? -1 : x > y;
}

static const outcome *find(part_run *r, uint64_t pos)
{
    outcome key = {.pos = (size_t)pos};
    return bsearch(&key, r->out, r->nout, sizeof *r->out, by_pos);
}

/* ---- the engine's view: the ended positions as a source and a share ---- */

static int program(void *ctx, uint64_t index, char **code, char **uuid, const char **family, const char **category,
                   char *err, size_t errlen)
{
    const outcome *o = find(ctx, index);
    if (!o || !o->accepted) {
        snprintf(err, errlen, "agent: %s", o && o->reason ? o->reason : "no valid program");
        return 0;
    }
    *code = strdup(o->code);
    *uuid = malloc(37);
    if (!*code || !*uuid) {
        free(*code);
        free(*uuid);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    zs_uuid_of_bytes(o->code, strlen(o->code), (uint64_t)index + 1, *uuid);   /* as a one-process run names it */
    *family = "llm";
    *category = NULL;
    return 1;
}

static char *description(void *ctx, uint64_t index)
{
    const outcome *o = find(ctx, index);
    return o && o->description ? strdup(o->description) : NULL;
}

static int local_plan(void *ctx, size_t total, const size_t *todo, size_t ntodo)
{
    (void)ctx, (void)total, (void)todo, (void)ntodo;
    return 0;
}

static int local_next(void *ctx, size_t *id)
{
    part_run *r = ctx;
    if (r->next_out >= r->nout)
        return -1;
    *id = r->out[r->next_out++].pos;
    return 1;
}

static void local_done(void *ctx, size_t id)
{
    part_run *r = ctx;
    r->share->done(r->share->ctx, id);
}

static void clear_round(part_run *r)
{
    for (size_t i = 0; i < r->nout; i++) {
        free(r->out[i].code);
        free(r->out[i].reason);
        free(r->out[i].description);
    }
    r->nout = r->next_out = r->nhanded = r->taken = 0;
}

/* The round's ended positions through the data engine, then forgotten. */
static int record(part_run *r, const char *tag, long programs)
{
    if (!r->nout)
        return 0;
    qsort(r->out, r->nout, sizeof *r->out, by_pos);
    zs_source src = {.program = program, .ctx = r, .description = description};
    zs_share local = {.ctx = r, .plan = local_plan, .next = local_next, .done = local_done, .absent_rejected = 1};
    int rc = zs_shared_run(&r->o->engine, &src, tag, programs, &local);
    clear_round(r);
    return rc;
}

/* ---- the planning process ---- */

/* Rank 0 under mpirun without --descriptions: catalog calls until P descriptions wait. */
static int make_catalog(const zs_llm_opts *o, char *err, size_t errlen)
{
    zs_agent a;
    memset(&a, 0, sizeof a);
    a.o = o;
    zs_name_list cats = {0};
    char path[4200];
    snprintf(path, sizeof path, "%s/llm-catalog.sqlite", o->engine.out_dir);
    int rc = zs_agent_setup(&a, o, path, 0, &cats, err, errlen);
    if (rc == 0) {
        long want = o->programs > 0 ? o->programs : o->engine.target + o->engine.target / 4 + 4;
        rc = zs_agent_catalog(&a, want);
        if (rc)
            snprintf(err, errlen, "%s", rc == 3 ? "stopped while making the catalog; run the same command again"
                                                : "the catalog stage failed");
        else
            fprintf(stderr, "%s: catalog: %ld descriptions (%s)\n", o->engine.label,
                    zs_state_count(a.st, NULL), path);
        rc = rc ? 1 : 0;
    }
    zs_agent_teardown(&a, &cats);
    return rc;
}

/* The positions not recorded in DIR's work/ go to the share's plan. */
static int plan(part_run *r, long programs)
{
    return zs_jobs_plan(r->o->engine.out_dir, r->o->engine.label, programs, r->share);
}

/* The job list: made (the planning process) or read. 0, 1 or 2 (message printed). */
static int job_list(part_run *r, const zs_llm_part *part, long *programs)
{
    const zs_llm_opts *o = r->o;
    char path[4200], err[1024] = "";
    snprintf(path, sizeof path, "%s/%s/llm-jobs.%s.sqlite", o->engine.out_dir, "work", part->lead_tag);
    if (part->lead) {
        if (!o->descriptions_file && part->make_catalog) {
            int rc = make_catalog(o, err, sizeof err);
            if (rc) {
                fprintf(stderr, "%s: %s\n", o->engine.label, err);
                return rc;
            }
        }
        long n = zs_joblist_build(o, path, err, sizeof err);
        if (n < 0) {
            fprintf(stderr, "%s: %s\n", o->engine.label, err);
            return n == -2 ? 2 : 1;
        }
    } else if (r->share->next(r->share->ctx, &r->first) == 1) {
        r->have_first = 1;   /* the plan is made: the list is there */
    } else {
        return 0;            /* nothing for this process */
    }
    if (!(r->jobs = zs_joblist_open(path, err, sizeof err))) {
        fprintf(stderr, "%s: %s\n", o->engine.label, err);
        return 1;
    }
    *programs = zs_joblist_count(r->jobs);
    return part->lead && plan(r, *programs) < 0 ? 1 : 0;
}

/* The conversations of the positions handed here, then their records. */
static int converse_and_record(part_run *r, const zs_llm_part *part, long programs)
{
    const zs_llm_opts *o = r->o;
    zs_agent a;
    memset(&a, 0, sizeof a);
    a.o = o;
    a.feed = feed;
    a.feed_ctx = r;
    r->agent = &a;
    zs_name_list cats = {0};
    char path[4200], err[1024] = "";
    snprintf(path, sizeof path, "%s/llm-state.part-%s.sqlite", o->engine.out_dir, part->tag);
    int rc = zs_agent_setup(&a, o, path, 1, &cats, err, sizeof err), ready = rc == 0;
    if (rc)
        fprintf(stderr, "%s: %s\n", o->engine.label, err[0] ? err : "out of memory");
    /* Rounds: up to `round` positions are taken and their conversations held (the agent's
     * loop), then the ended ones are recorded (the sandbox runs their programs again with the
     * row hook), so rows reach the disk as the job goes. */
    r->round = (size_t)(o->in_flight > 0 ? o->in_flight : 1) * ZS_LLM_ROUND_PER_FLIGHT;
    size_t held = 0, carried = 0;
    while (rc == 0 && !r->ended) {
        r->taken = 0;
        int lrc = zs_agent_loop(&a, LONG_MAX, 0);
        held += r->nhanded;
        carried += r->nout;
        if (lrc == 3)
            fprintf(stderr, "%s: stopped; run the same command again to resume\n", o->engine.label);
        rc = lrc ? 1 : 0;
        if (collect(r) < 0) {
            fprintf(stderr, "%s: %s: cannot read the jobs' ends\n", o->engine.label, path);
            rc = 1;
        }
        if (rc == 0)
            rc = record(r, part->tag, programs);
    }
    if (ready) {
        fprintf(stderr, "%s: part %s: %zu conversations held here, %zu ended in an earlier run\n", o->engine.label,
                part->tag, held, carried);
        zs_agent_print_overhead(&a);
    }
    zs_agent_teardown(&a, &cats);
    r->agent = NULL;
    return rc;
}

int zs_llm_shared_run(const zs_llm_opts *o, const zs_llm_part *part, const zs_share *share, long *programs)
{
    char work[4200];
    snprintf(work, sizeof work, "%s/%s", o->engine.out_dir, "work");
    *programs = 0;
    if ((mkdir(o->engine.out_dir, 0755) != 0 && errno != EEXIST) || (mkdir(work, 0755) != 0 && errno != EEXIST)) {
        fprintf(stderr, "%s: %s: %s\n", o->engine.label, work, strerror(errno));
        return 2;
    }
    part_run r;
    memset(&r, 0, sizeof r);
    r.o = o;
    r.share = share;
    int rc = job_list(&r, part, programs);
    if (rc == 0 && r.jobs)
        rc = converse_and_record(&r, part, *programs);
    clear_round(&r);
    free(r.out);
    free(r.handed);
    zs_joblist_close(r.jobs);
    return rc;
}
