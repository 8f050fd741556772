/* exec_step.c: the one place where metrics executes programs (untrusted model outputs): through
 * the executor (src/exec, zx_run: forked, sandboxed workers with rlimits, seccomp, Landlock and
 * audit hooks). The programs go to the executor as a JSONL file; each result comes back as the
 * executor's record and its exported STEP file, read back here. Nothing runs in this process. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "exec.h"
#include "metrics_internal.h"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

static void remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[len] = 0;
    fclose(f);
    return buf;
}

/* Writes the programs as {"id","code"} lines; ids are the index (unique whatever the caller's). */
static int write_jobs(const zm_program *progs, size_t n, const char *path, zm_exec_result *out)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *owned = NULL;
        const char *code = progs[i].code;
        if (!code) {
            owned = read_text(progs[i].path);
            code = owned;
        }
        if (!code) {
            snprintf(out[i].status, sizeof out[i].status, "error");
            snprintf(out[i].error, sizeof out[i].error, "%s: cannot read: %s", progs[i].path, strerror(errno));
            continue;
        }
        json_t *rec = json_pack("{s:I,s:s}", "id", (json_int_t)i, "code", code);
        if (!rec) {   /* not valid UTF-8 */
            snprintf(out[i].status, sizeof out[i].status, "error");
            snprintf(out[i].error, sizeof out[i].error, "the program is not valid UTF-8");
            free(owned);
            continue;
        }
        if (json_dumpf(rec, f, JSON_COMPACT) || fputc('\n', f) == EOF)
            rc = -1;
        json_decref(rec);
        free(owned);
    }
    if (fclose(f))
        rc = -1;
    return rc;
}

static void read_records(const char *path, size_t n, zm_exec_result *out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        json_t *rec = json_loads(line, 0, NULL);
        const char *sid = json_string_value(json_object_get(rec, "id"));
        char *end;
        long long i = sid ? strtoll(sid, &end, 10) : -1;
        if (!rec || !sid || *end || i < 0 || (size_t)i >= n) {
            json_decref(rec);
            continue;
        }
        zm_exec_result *r = &out[i];
        const char *status = json_string_value(json_object_get(rec, "status"));
        const char *error = json_string_value(json_object_get(rec, "error"));
        snprintf(r->status, sizeof r->status, "%s", status ? status : "crashed");
        snprintf(r->error, sizeof r->error, "%s", error ? error : "");
        r->seconds = json_number_value(json_object_get(rec, "seconds"));
        const char *step = json_string_value(json_object_get(json_object_get(rec, "exports"), "step"));
        if (!strcmp(r->status, "ok")) {
            r->shape = step ? zk_read_step(step) : NULL;
            if (!r->shape) {
                snprintf(r->status, sizeof r->status, "error");
                snprintf(r->error, sizeof r->error, "the result could not be exported and read back%s%s",
                         step ? ": " : "", step ? zk_error_message() : "");
            }
        }
        json_decref(rec);
    }
    free(line);
    fclose(f);
}

void zm_exec_result_clear(zm_exec_result *r)
{
    zk_unref(r->shape);
    memset(r, 0, sizeof *r);
}

int zm_exec_programs(const zm_program *progs, size_t n, const zm_options *o, zm_exec_result *out,
                     void (*progress)(size_t done, size_t total, void *arg), void *arg)
{
    memset(out, 0, n * sizeof *out);
    if (n == 0)
        return 0;
    const char *tmp = getenv("TMPDIR");
    char dir[4096], jobs[4200], results[4200], outdir[4200];
    snprintf(dir, sizeof dir, "%s/zerocad-eval-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "zerocad: cannot create a temporary directory in %s: %s\n", tmp ? tmp : "/tmp",
                strerror(errno));
        return -1;
    }
    snprintf(jobs, sizeof jobs, "%s/programs.jsonl", dir);
    snprintf(results, sizeof results, "%s/results.jsonl", dir);
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    int rc = -1;
    if (write_jobs(progs, n, jobs, out)) {
        fprintf(stderr, "zerocad: cannot write %s\n", jobs);
        goto done;
    }
    const char *inputs[1] = {jobs};
    zx_options xo = {
        .inputs = inputs,
        .ninputs = 1,
        .output = results,
        .jobs = o->jobs > 0 ? o->jobs : 1,
        .timeout = o->timeout > 0 ? o->timeout : 10,
        .memory_mb = o->memory_mb,
        .exports = ZX_EXPORT_STEP,
        .out_dir = outdir,
    };
    if (mkdir(outdir, 0700) && errno != EEXIST) {
        fprintf(stderr, "zerocad: cannot create %s\n", outdir);
        goto done;
    }
    fflush(stdout);
    fflush(stderr);
    int saved = -1;
    if (o->quiet) {   /* the executor prints its summary on stderr */
        int devnull = open("/dev/null", O_WRONLY);
        saved = devnull >= 0 ? dup(2) : -1;
        if (saved >= 0)
            dup2(devnull, 2);
        if (devnull >= 0)
            close(devnull);
    }
    int xrc = zx_run(&xo);
    if (saved >= 0) {
        fflush(stderr);
        dup2(saved, 2);
        close(saved);
    }
    if (xrc != 0) {
        /* A failure, or SIGINT/SIGTERM (a user's Ctrl-C, or mpirun ending the job): the programs
         * without a record did not run to an end, so none of them may be reported (as crashed);
         * the caller stops and a rerun runs them. */
        fprintf(stderr, "zerocad: the executor %s (exit %d)\n", xrc == 1 ? "failed or was interrupted" : "failed",
                xrc);
        goto done;
    }
    read_records(results, n, out);
    for (size_t i = 0; i < n; i++) {
        if (!out[i].status[0]) {
            snprintf(out[i].status, sizeof out[i].status, "crashed");
            snprintf(out[i].error, sizeof out[i].error, "the executor returned no record for this program");
        }
        if (progress)
            progress(i + 1, n, arg);
    }
    rc = 0;
done:
    remove_tree(dir);
    return rc;
}
