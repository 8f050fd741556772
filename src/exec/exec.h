/* exec.h: the public way into src/exec/, the executor behind `zerocad exec`: it runs many
 * untrusted CadQuery programs in forked, sandboxed workers and writes one JSON record per
 * program to a durable, resumable JSONL file. */
#ifndef ZC_EXEC_H
#define ZC_EXEC_H

#include <stddef.h>

#include "kernel.h"

#define ZX_EXPORT_STEP 1
#define ZX_DEFAULT_DISK_MB 1024.0
#define ZX_DEFAULT_FILES 10000
#define ZX_EXPORT_STL 2

/* Sharing a job's programs with other processes (src/scale: MPI ranks, --shard K/N). A
 * position is a program's place in the inputs' order (0 .. total-1). */
typedef struct {
    void *ctx;
    /* Once, with the positions not recorded yet (in this file or the seen ones). 0, or -1
     * to stop (a message was printed). */
    int (*plan)(void *ctx, size_t total, const size_t *todo, size_t ntodo);
    /* The next position this process runs: 1 with *pos, -1 when there are no more. */
    int (*next)(void *ctx, size_t *pos);
    /* A position's record was written. */
    void (*done)(void *ctx, size_t pos);
} zx_share;

typedef struct {
    const char *const *inputs; /* directories of .py, .py files, JSONL files of {"id","code"} */
    int ninputs;
    const char *output;        /* RESULTS.jsonl: appended to; ids already there are skipped */
    int jobs;                  /* workers at a time (>= 1) */
    double timeout;            /* wall-clock seconds per program (> 0) */
    double memory_mb;          /* address space a program may add (0: no limit) */
    int exports;               /* ZX_EXPORT_* bits; needs out_dir */
    const char *out_dir;       /* per-program directories kept here; NULL: temporary */
    double disk_mb;            /* disk budget per program, exports included (0: 1024 MB) */
    long files;                /* files and directories per program (0: 10,000) */
    const char *const *seen;   /* other results files of the same job (read only): their ids are skipped too */
    int nseen;
    const zx_share *share;     /* NULL: this process runs every program not recorded */
} zx_options;

/* Runs the whole job and prints the summary on stderr. Returns the exit status: 0 when the
 * run completed (whatever the programs did), 1 on an executor failure or an interruption,
 * 2 for bad input (the one-line error names the file and line). */
int zx_run(const zx_options *opts);

/* ---- programs from memory, outcomes to a callback (synthesis, import, evaluation) ----
 * The same sandboxed workers and guarantees as zx_run (one outcome per program taken, a
 * per-program deadline, SIGINT/SIGTERM stop the run cleanly), with no files in between:
 * the caller hands over program texts and gets each outcome, and optionally bytes made in
 * the worker by a hook, in memory. */

/* What a worker hook sees: the program and the solid it left. */
typedef struct {
    const char *source;        /* the program text */
    const zk_shape *shape;     /* the result solid */
    double seconds;            /* the program's own run time */
    const char *scratch;       /* the worker's scratch directory (cwd; writable) */
} zx_hook_input;

/* Runs inside the sandboxed worker after a program that left a solid: writes at most cap
 * bytes into buf and returns how many, or -1 with a one-line message in err (the program's
 * status becomes "error" with that message). */
typedef long (*zx_hook_fn)(void *ctx, const zx_hook_input *in, unsigned char *buf, size_t cap, char *err,
                           size_t errlen);

/* One program's outcome, valid during the done callback only. */
typedef struct {
    const char *status;        /* "ok", "error", "timeout", "memory", "crashed", "denied" */
    const char *error;         /* one line ("ExceptionType: message (line N)"); "" when none */
    int measured;              /* 1: the fields below describe the program's solid */
    double volume, area, bbox[6];
    int solids, faces, edges, valid;
    double seconds;            /* the program's run time */
    double peak_rss_mb;
    const unsigned char *payload;   /* what the hook wrote (status "ok" only), else NULL */
    size_t payload_len;
} zx_result;

typedef struct {
    int jobs;                  /* workers at a time (>= 1) */
    double timeout;            /* wall-clock seconds per program (> 0) */
    double memory_mb;          /* address space a program may add (0: no limit) */
    double disk_mb;            /* disk budget per program, hook's files included (0: 1024) */
    long files;                /* files and directories per program (0: 10000) */
    zx_hook_fn hook;           /* NULL: no hook */
    void *hook_ctx;
    size_t payload_cap;        /* bytes a hook may write per program (default 64 MiB when 0) */
    void *ctx;                 /* passed to next and done */
    /* The next program: return 1 with *index (the caller's number for it), *id (unique,
     * names its scratch directory) and *source set, both malloc'd and taken over; 0 when
     * there is none right now (asked again after a program ends); -1 when there are no more. */
    int (*next)(void *ctx, size_t *index, char **id, char **source);
    /* In the supervisor, once per program, in the order they end. Return 0 to go on, -1 to
     * stop the run (the callback says why). */
    int (*done)(void *ctx, size_t index, const zx_result *res);
} zx_batch;

/* A hook (zx_batch.hook) that writes the result solid as BRep text (zk_brep_text; read it back
 * with zk_brep_from_text). ZX_BREP_CAP: the payload_cap its callers give; a larger text makes the
 * program's status "error", naming the size. */
#define ZX_BREP_CAP (256u << 20)
long zx_hook_brep(void *ctx, const zx_hook_input *in, unsigned char *buf, size_t cap, char *err, size_t errlen);

/* Starts Python (once per process), runs programs until next() says there are no more and
 * all have ended. Returns 0 done, 1 failure (a message was printed), 3 interrupted by
 * SIGINT/SIGTERM (programs still running were killed and not reported). */
int zx_batch_run(const zx_batch *batch);

#endif
