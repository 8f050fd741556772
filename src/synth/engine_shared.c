/* engine_shared.c: the data engine as one part of a job shared among processes (MPI ranks,
 * --shard slices; the coordination is src/scale/'s, behind zs_share). The process runs the
 * program ids it is handed in its sandboxed workers, validates them as zs_engine_run does,
 * and records each outcome as it ends, in its own files: one line in
 * DIR's work/synth-log.part-TAG.jsonl ("valid" or "rejected" with the reason, and the dedup
 * keys) and, valid, its row in DIR's work/part-TAG-NNNNN.parquet (the log is flushed to disk
 * before a shard is renamed into place). Dedup and the row target wait for zs_shared_finish:
 * nothing recorded here depends on which process ran an id or when. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "engine_internal.h"
#include "exec.h"
#include "generator.h"
#include "lineappend.h"

typedef struct {
    const zs_engine_opts *opts;
    const zs_source *src;
    const zs_share *share;
    const char *tag;
    char work[4096];
    int log_fd;
    zd_writer *writer;
    int next_part;
    zs_pending *slots;         /* the programs running, found by id */
    size_t nslots;
    long ran, valid;
    int failed;
} shared_run;

static zs_pending *free_slot(shared_run *s)
{
    for (size_t i = 0; i < s->nslots; i++)
        if (!s->slots[i].live)
            return &s->slots[i];
    return NULL;
}

static zs_pending *slot_of(shared_run *s, size_t id)
{
    for (size_t i = 0; i < s->nslots; i++)
        if (s->slots[i].live && s->slots[i].index == id)
            return &s->slots[i];
    return NULL;
}

static void slot_clear(zs_pending *p)
{
    free(p->code);
    free(p->uuid);
    free(p->description);
    memset(p, 0, sizeof *p);
}

static int log_outcome(shared_run *s, const zs_pending *p, const char *reason, const zs_made *m, int parsed);

/* An id with no program (share->absent_rejected): its "rejected" line, the reason the
 * source's. 0, or -1 (the run stops). */
static int record_absent(shared_run *s, size_t job, const char *why)
{
    zs_pending p;
    memset(&p, 0, sizeof p);
    char uuid[37];
    uint64_t salt = job;
    zs_uuid_of_bytes("no program", 10, salt, uuid);
    p.index = job;
    p.uuid = uuid;
    if (log_outcome(s, &p, why[0] ? why : "no program", NULL, 0) < 0)
        return -1;
    s->ran++;
    s->share->done(s->share->ctx, job);
    return 0;
}

static int shared_next(void *ctx, size_t *index, char **id, char **source)
{
    shared_run *s = ctx;
    zs_pending *p = free_slot(s);
    if (!p)
        return 0;
    size_t job;
    char err[512];
    int got;
    do {
        if (s->failed || s->share->next(s->share->ctx, &job) != 1)
            return -1;
        err[0] = '\0';
        got = s->src->program(s->src->ctx, job, &p->code, &p->uuid, &p->family, &p->category, err, sizeof err);
        if (got == 0 && s->share->absent_rejected && record_absent(s, job, err) < 0) {
            s->failed = 1;
            return -1;
        }
    } while (got == 0 && s->share->absent_rejected);
    if (got <= 0) {
        fprintf(stderr, "%s: program %zu: %s\n", s->opts->label, job, got < 0 ? err : "the source has no such program");
        s->failed = 1;
        slot_clear(p);
        return -1;
    }
    if (s->src->description)
        p->description = s->src->description(s->src->ctx, job);
    p->index = job;
    p->live = 1;
    *index = job;
    *id = strdup(p->uuid);
    *source = strdup(p->code);
    return *id && *source ? 1 : -1;
}

static int open_shard(shared_run *s)
{
    char path[4200], err[1024];
    snprintf(path, sizeof path, "%s/part-%s-%05d.parquet", s->work, s->tag, s->next_part);
    zd_write_opts wo;
    zd_write_opts_default(&wo);
    wo.description_column = s->src->description != NULL;
    s->writer = zd_writer_open(path, &wo, err, sizeof err);
    if (!s->writer) {
        fprintf(stderr, "%s: %s\n", s->opts->label, err);
        return -1;
    }
    s->next_part++;
    return 0;
}

static int close_shard(shared_run *s)
{
    if (!s->writer)
        return 0;
    zd_writer *w = s->writer;
    s->writer = NULL;
    char err[1024] = "";
    if (zd_writer_rows(w) == 0) {
        zd_writer_abort(w);
        s->next_part--;
        return 0;
    }
    if (fdatasync(s->log_fd) != 0 || zd_writer_close(w, err, sizeof err) < 0) {
        fprintf(stderr, "%s: %s\n", s->opts->label, err[0] ? err : strerror(errno));
        return -1;
    }
    return 0;
}

static int write_row(shared_run *s, const zs_pending *p, const zs_made *m)
{
    if (!s->writer && open_shard(s) < 0)
        return -1;
    zd_row row;
    zs_row_fill(&row, p, m);
    char err[1024];
    if (zd_write(s->writer, &row, err, sizeof err) < 0) {
        fprintf(stderr, "%s: %s\n", s->opts->label, err);
        return -1;
    }
    return zd_writer_rows(s->writer) >= s->opts->rows_per_shard ? close_shard(s) : 0;
}

static int log_outcome(shared_run *s, const zs_pending *p, const char *reason, const zs_made *m, int parsed)
{
    char k[3][17];
    json_t *o = json_pack("{s:I, s:s, s:s?, s:s?, s:s, s:s?, s:s?, s:f}", "i", (json_int_t)p->index, "uuid", p->uuid,
                          "family", p->family, "category", p->category, "status", reason ? "rejected" : "valid",
                          "reason", reason, "error", p->error && p->error[0] ? p->error : NULL, "seconds", p->seconds);
    if (o && parsed) {
        snprintf(k[0], 17, "%016llx", (unsigned long long)zs_code_key(p->code, strlen(p->code)));
        snprintf(k[1], 17, "%016llx", (unsigned long long)m->facts.geo_key);
        snprintf(k[2], 17, "%016llx", (unsigned long long)m->facts.view_key);
        json_object_set_new(o, "faces", json_integer(m->facts.faces));
        json_object_set_new(o, "code_key", json_string(k[0]));
        json_object_set_new(o, "geo_key", json_string(k[1]));
        json_object_set_new(o, "view_key", json_string(k[2]));
    }
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    char *line = text ? realloc(text, strlen(text) + 2) : NULL;
    if (!line) {
        free(text);
        return -1;
    }
    size_t len = strlen(line);
    line[len] = '\n';
    int rc = zc_append_line(s->log_fd, line, len + 1);
    free(line);
    if (rc < 0)
        fprintf(stderr, "%s: %s/synth-log.part-%s.jsonl: cannot write: %s\n", s->opts->label, s->work, s->tag,
                strerror(errno));
    return rc;
}

static int shared_done(void *ctx, size_t index, const zx_result *res)
{
    shared_run *s = ctx;
    zs_pending *p = slot_of(s, index);
    if (!p)
        return 0;
    snprintf(p->status, sizeof p->status, "%s", res->status);
    p->error = strdup(res->error ? res->error : "");
    p->seconds = res->seconds;
    zs_made made;
    memset(&made, 0, sizeof made);
    int parsed = res->payload && zs_rowmake_parse(res->payload, res->payload_len, &made) == 0;
    char buf[128];
    const char *reason = zs_reject_reason(p->status, p->error ? p->error : "", &made, parsed, buf, sizeof buf);
    int rc = log_outcome(s, p, reason, &made, parsed);
    if (rc == 0 && !reason) {
        rc = write_row(s, p, &made);
        s->valid++;
    }
    free(p->error);
    p->error = NULL;
    slot_clear(p);
    s->ran++;
    if (rc < 0) {
        s->failed = 1;
        return -1;
    }
    s->share->done(s->share->ctx, index);
    return 0;
}

/* Opens the log for appending; a torn last line (a killed process) is cut off first. */
static int open_log(shared_run *s)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/synth-log.part-%s.jsonl", s->work, s->tag);
    s->log_fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (s->log_fd < 0) {
        fprintf(stderr, "%s: %s: %s\n", s->opts->label, path, strerror(errno));
        return -1;
    }
    off_t end = lseek(s->log_fd, 0, SEEK_END), keep = end;
    char c;
    while (keep > 0 && pread(s->log_fd, &c, 1, keep - 1) == 1 && c != '\n')
        keep--;
    if (keep != end && ftruncate(s->log_fd, keep) != 0)
        return -1;
    return 0;
}

/* Unfinished shards this process left when it was killed (part-TAG-NNNNN.parquet.tmp-PID);
 * the other processes' are theirs. */
static void remove_unfinished(const char *work, const char *tag)
{
    DIR *d = opendir(work);
    if (!d)
        return;
    char prefix[300];
    snprintf(prefix, sizeof prefix, "part-%s-", tag);
    struct dirent *e;
    while ((e = readdir(d))) {
        char *tmp = strstr(e->d_name, ".parquet.tmp-");
        char t[256], name[300];
        if (!tmp || strncmp(e->d_name, prefix, strlen(prefix)) != 0 || (size_t)(tmp - e->d_name) + 8 >= sizeof name)
            continue;
        snprintf(name, sizeof name, "%.*s", (int)(tmp - e->d_name) + 8, e->d_name);
        if (zs_work_shard_tag(name, t, sizeof t) == 0 && !strcmp(t, tag))
            unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
}

/* The next shard number: one past the highest this process has (finished or not). */
static int first_part(const char *work, const char *tag)
{
    char **paths = NULL, err[512];
    int n = zd_list_shards(work, &paths, err, sizeof err), next = 0;
    for (int i = 0; i < n; i++) {
        const char *base = strrchr(paths[i], '/');
        char t[256];
        base = base ? base + 1 : paths[i];
        if (zs_work_shard_tag(base, t, sizeof t) == 0 && !strcmp(t, tag)) {
            int part = atoi(base + strlen(base) - 13);
            if (part + 1 > next)
                next = part + 1;
        }
    }
    zd_free_list(paths, n > 0 ? n : 0);
    return next;
}

/* The ids of 0..programs-1 not recorded yet go to the share's plan. */
static int plan(shared_run *s, long programs)
{
    return zs_jobs_plan(s->opts->out_dir, s->opts->label, programs, s->share);
}

static int run_jobs(shared_run *s)
{
    zx_batch b = {.jobs = s->opts->jobs, .timeout = s->opts->timeout, .memory_mb = s->opts->memory_mb,
                  .hook = zs_rowmake_hook, .ctx = s, .next = shared_next, .done = shared_done};
    int brc = zx_batch_run(&b);
    int crc = close_shard(s);
    if (brc == 3)
        fprintf(stderr, "%s: stopped; run the same command again to resume\n", s->opts->label);
    return brc || crc < 0 || s->failed ? 1 : 0;
}

int zs_shared_run(const zs_engine_opts *o, const zs_source *src, const char *tag, long programs,
                  const zs_share *share)
{
    shared_run s;
    memset(&s, 0, sizeof s);
    s.opts = o;
    s.src = src;
    s.share = share;
    s.tag = tag;
    s.log_fd = -1;
    zs_work_dir(o->out_dir, s.work, sizeof s.work);
    if ((mkdir(o->out_dir, 0755) != 0 && errno != EEXIST) || (mkdir(s.work, 0755) != 0 && errno != EEXIST)) {
        fprintf(stderr, "%s: %s: %s\n", o->label, s.work, strerror(errno));
        return 2;
    }
    s.nslots = (size_t)(o->jobs > 0 ? o->jobs : 1) + 1;
    s.slots = calloc(s.nslots, sizeof *s.slots);
    int rc = 1;
    if (s.slots && open_log(&s) == 0 && plan(&s, programs) == 0) {
        remove_unfinished(s.work, tag);
        s.next_part = first_part(s.work, tag);
        rc = run_jobs(&s);
        fprintf(stderr, "%s: part %s: %ld programs run, %ld valid\n", o->label, tag, s.ran, s.valid);
    }
    for (size_t i = 0; s.slots && i < s.nslots; i++)
        slot_clear(&s.slots[i]);
    free(s.slots);
    if (s.writer)
        zd_writer_abort(s.writer);
    if (s.log_fd >= 0)
        close(s.log_fd);
    return rc;
}
