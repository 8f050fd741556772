/* run.c: zx_run, the executor from start to end: inputs scanned, the results file opened
 * for resuming, Python started once, the supervisor run, the summary printed. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cq.h"
#include "exec_internal.h"

static int make_dirs(const char *path)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

int zx_temp_root(char *out, size_t outlen)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(out, outlen, "%s/zerocad-exec-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    char real[PATH_MAX];
    if (!mkdtemp(out) || !realpath(out, real)) {
        fprintf(stderr, "zerocad exec: cannot create a temporary directory in %s: %s\n", tmp ? tmp : "/tmp",
                strerror(errno));
        return -1;
    }
    snprintf(out, outlen, "%s", real);
    return 0;
}

/* The directory scratch directories go in: --out-dir (kept), or a new temporary one. */
static int scratch_root(const zx_options *o, char *out, size_t outlen)
{
    if (o->out_dir) {
        if (make_dirs(o->out_dir) != 0 || !realpath(o->out_dir, out)) {
            fprintf(stderr, "zerocad exec: %s: %s\n", o->out_dir, strerror(errno));
            return -1;
        }
        return 0;
    }
    return zx_temp_root(out, outlen);
}

/* The jobs whose ids are not recorded yet, in input order. */
static size_t *jobs_to_do(const zx_jobs *jobs, const zx_idset *done, size_t *n)
{
    size_t *todo = malloc((jobs->count ? jobs->count : 1) * sizeof *todo);
    *n = 0;
    for (size_t i = 0; todo && i < jobs->count; i++)
        if (!zx_idset_has(done, jobs->items[i].id))
            todo[(*n)++] = i;
    return todo;
}

/* The file front end of the supervisor: programs from the scanned inputs, outcomes to the
 * results file and the progress line. */
typedef struct {
    zx_jobs *jobs;
    size_t *todo, ntodo, next;
    zx_records *records;
    zx_progress *progress;
    const zx_share *share;     /* NULL: every position of todo, in order */
    size_t *taken;             /* with a share: the position of each program taken */
} zx_files_run;

/* The next job: the next of todo, or the one the share hands this process. */
static int next_job(zx_files_run *f, size_t *index, size_t *pos)
{
    if (!f->share) {
        if (f->next >= f->ntodo)
            return -1;
        *index = f->next;
        *pos = f->todo[f->next++];
        return 1;
    }
    if (f->next >= f->jobs->count || f->share->next(f->share->ctx, pos) != 1 || *pos >= f->jobs->count)
        return -1;
    *index = f->next;
    f->taken[f->next++] = *pos;
    return 1;
}

static int files_take(zx_plan *p, size_t *index, char **id, char **name, char **source, char *err, size_t errlen)
{
    zx_files_run *f = p->ctx;
    size_t pos;
    if (next_job(f, index, &pos) != 1)
        return -1;
    const zx_job *job = &f->jobs->items[pos];
    char buf[PATH_MAX + 32];
    *source = zx_input_source(job, buf, sizeof buf, err, errlen);
    *id = strdup(job->id);
    *name = strdup(buf);
    if (!*id || !*name) {
        free(*id);
        free(*name);
        free(*source);
        *id = *name = *source = NULL;
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 1;
}

static int files_record(zx_plan *p, size_t index, const char *id, const zx_outcome *o, zx_status status,
                        double peak_rss_mb, const char *const export_paths[2], const unsigned char *payload)
{
    (void)payload;
    zx_files_run *f = p->ctx;
    if (zx_records_append(f->records, id, o, status, peak_rss_mb, export_paths) < 0)
        return -1;
    zx_progress_add(f->progress, status);
    if (f->share && f->share->done)
        f->share->done(f->share->ctx, f->taken[index]);
    return 0;
}

static void files_tick(zx_plan *p)
{
    zx_files_run *f = p->ctx;
    zx_progress_tick(f->progress, 0);
}

static int execute(const zx_options *opts, zx_jobs *jobs, zx_records *records, size_t *todo, size_t ntodo)
{
    char root[PATH_MAX];
    if (scratch_root(opts, root, sizeof root) < 0)
        return 1;
    zx_disk disk;
    if (zx_disk_setup(&disk, opts->disk_mb, opts->files, root) != 0) {
        fprintf(stderr, "zerocad exec: cannot set up the disk budget (a tmpfs in a private mount namespace): %s\n",
                strerror(errno));
        if (!opts->out_dir)
            zx_remove_tree(root);
        return 1;
    }
    int rc = 1;
    size_t *taken = opts->share ? malloc((jobs->count ? jobs->count : 1) * sizeof *taken) : NULL;
    if (opts->share && (!taken || opts->share->plan(opts->share->ctx, jobs->count, todo, ntodo) < 0)) {
        free(taken);
        if (!opts->out_dir)
            zx_remove_tree(root);
        return 1;
    }
    if (zc_python_start() == 0) {
        zx_prewarm();
        zx_progress progress;
        /* Sharing, the total this process runs is not known in advance. */
        zx_progress_start(&progress, opts->share ? 0 : ntodo, opts->share ? 0 : jobs->count - ntodo);
        zx_files_run f = {.jobs = jobs, .todo = todo, .ntodo = ntodo, .records = records, .progress = &progress,
                          .share = opts->share, .taken = taken};
        zx_plan plan = {.jobs = opts->jobs, .timeout = opts->timeout, .memory_mb = opts->memory_mb,
                        .exports = opts->exports, .scratch_root = root, .keep_scratch = opts->out_dir != NULL,
                        .disk = &disk, .disk_mb = opts->disk_mb, .files = opts->files, .ctx = &f,
                        .take = files_take, .record = files_record, .tick = files_tick};
        rc = zx_supervise(&plan);
        if (opts->share)
            progress.total = progress.done;
        zx_progress_summary(&progress, rc == 3);
        if (rc == 3)
            fprintf(stderr, "zerocad exec: stopped; run the same command again to resume\n");
    }
    free(taken);
    if (!opts->out_dir)
        zx_remove_tree(root);
    return rc == 0 ? 0 : 1;
}

int zx_run(const zx_options *given)
{
    zx_options o = *given;   /* callers that leave the disk budget at 0 get the defaults */
    if (o.disk_mb <= 0)
        o.disk_mb = ZX_DEFAULT_DISK_MB;
    if (o.files <= 0)
        o.files = ZX_DEFAULT_FILES;
    const zx_options *opts = &o;
    char err[PATH_MAX + 512];
    zx_jobs jobs;
    if (zx_inputs_scan(opts->inputs, opts->ninputs, &jobs, err, sizeof err) < 0) {
        fprintf(stderr, "zerocad exec: %s\n", err);
        zx_jobs_free(&jobs);
        return 2;
    }
    zx_idset done;
    zx_idset_init(&done);
    zx_records records;
    if (zx_records_open(&records, opts->output, &done, err, sizeof err) < 0) {
        fprintf(stderr, "zerocad exec: %s\n", err);
        zx_idset_free(&done);
        zx_jobs_free(&jobs);
        return 2;
    }
    for (int i = 0; i < opts->nseen; i++)
        if (zx_records_read(opts->seen[i], &done, err, sizeof err) < 0) {
            fprintf(stderr, "zerocad exec: %s\n", err);
            zx_records_close(&records);
            zx_idset_free(&done);
            zx_jobs_free(&jobs);
            return 2;
        }
    size_t ntodo;
    size_t *todo = jobs_to_do(&jobs, &done, &ntodo);
    int rc = 1;
    if (!todo)
        fprintf(stderr, "zerocad exec: out of memory\n");
    else
        rc = execute(opts, &jobs, &records, todo, ntodo);
    if (zx_records_close(&records) < 0)
        rc = 1;
    free(todo);
    zx_idset_free(&done);
    zx_jobs_free(&jobs);
    return rc;
}
