/* exec_step.c: the one place where metrics executes programs (untrusted model outputs): through
 * the executor's in-memory front end (src/exec, zx_batch_run: forked, sandboxed workers with
 * rlimits, seccomp, Landlock and audit hooks). The program texts go to the executor from memory and
 * each result solid comes back as BRep text from a worker hook (zx_hook_brep), read back here; no
 * files in between, and nothing runs in this process. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "exec.h"
#include "metrics_internal.h"

typedef struct {
    const zm_program *progs;
    size_t n, pos, ended;
    zm_exec_result *out;
    void (*progress)(size_t done, size_t total, void *arg);
    void *arg;
} runner;

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    long len = fseek(f, 0, SEEK_END) ? -1 : ftell(f);
    if (len >= 0 && !fseek(f, 0, SEEK_SET) && (buf = malloc((size_t)len + 1))) {
        if (fread(buf, 1, (size_t)len, f) == (size_t)len) {
            buf[len] = 0;
        } else {
            free(buf);
            buf = NULL;
        }
    }
    int saved = errno;
    fclose(f);
    errno = saved;
    return buf;
}

/* A result that never reaches the executor (its file cannot be read, or it is not UTF-8). */
static void refuse(runner *r, size_t i, const char *fmt, const char *a, const char *b)
{
    snprintf(r->out[i].status, sizeof r->out[i].status, "error");
    snprintf(r->out[i].error, sizeof r->out[i].error, fmt, a, b);
    r->ended++;
    if (r->progress)
        r->progress(r->ended, r->n, r->arg);
}

/* The program's text, malloc'd, or NULL with out[i] set to why. */
static char *program_text(runner *r, size_t i)
{
    const zm_program *p = &r->progs[i];
    char *code = p->code ? strdup(p->code) : read_text(p->path);
    if (!code) {
        refuse(r, i, "%s: cannot read: %s", p->code ? "(program)" : p->path, strerror(errno));
        return NULL;
    }
    json_t *probe = json_string(code);   /* NULL when the text is not valid UTF-8 */
    if (!probe) {
        refuse(r, i, "%s%sthe program is not valid UTF-8", p->path && !p->code ? p->path : "",
               p->path && !p->code ? ": " : "");
        free(code);
        return NULL;
    }
    json_decref(probe);
    return code;
}

static int next_prog(void *ctx, size_t *index, char **id, char **source)
{
    runner *r = ctx;
    while (r->pos < r->n) {
        size_t i = r->pos++;
        char *code = program_text(r, i);
        if (!code)
            continue;
        char name[32];
        snprintf(name, sizeof name, "%zu", i);   /* unique whatever the caller's ids */
        *id = strdup(name);
        if (!*id) {
            free(code);
            return -1;
        }
        *index = i;
        *source = code;
        return 1;
    }
    return -1;
}

static int prog_done(void *ctx, size_t index, const zx_result *res)
{
    runner *r = ctx;
    zm_exec_result *o = &r->out[index];
    snprintf(o->status, sizeof o->status, "%s", res->status);
    snprintf(o->error, sizeof o->error, "%s", res->error ? res->error : "");
    o->seconds = res->seconds;
    if (!strcmp(o->status, "ok")) {
        o->shape = res->payload ? zk_brep_from_text((const char *)res->payload, res->payload_len) : NULL;
        if (!o->shape) {
            snprintf(o->status, sizeof o->status, "error");
            snprintf(o->error, sizeof o->error, "the result could not be sent back and read");
        }
    }
    r->ended++;
    if (r->progress)
        r->progress(r->ended, r->n, r->arg);
    return 0;
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
    runner r = {progs, n, 0, 0, out, progress, arg};
    zx_batch b = {.jobs = o->jobs > 0 ? o->jobs : 1, .timeout = o->timeout > 0 ? o->timeout : 10,
                  .memory_mb = o->memory_mb, .hook = zx_hook_brep, .payload_cap = ZX_BREP_CAP, .ctx = &r,
                  .next = next_prog, .done = prog_done};
    int xrc = zx_batch_run(&b);
    if (xrc != 0) {
        /* A failure, or SIGINT/SIGTERM (a user's Ctrl-C, or mpirun ending the job): the programs
         * that did not run to an end may not be reported (as crashed), so none is; the caller
         * stops and a rerun runs them. */
        fprintf(stderr, "zerocad: the executor %s\n", xrc == 3 ? "was interrupted" : "failed");
        for (size_t i = 0; i < n; i++)
            zm_exec_result_clear(&out[i]);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (!out[i].status[0]) {
            snprintf(out[i].status, sizeof out[i].status, "crashed");
            snprintf(out[i].error, sizeof out[i].error, "the executor returned no record for this program");
        }
    return 0;
}
