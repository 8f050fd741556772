/* exec_internal.h: declarations shared by the files of src/exec/ (not a public header; the
 * way in is exec.h). */
#ifndef ZC_EXEC_INTERNAL_H
#define ZC_EXEC_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "exec.h"

/* ---- statuses (status.c) ---- */
typedef enum {
    ZX_OK,
    ZX_ERROR,
    ZX_TIMEOUT,
    ZX_MEMORY,
    ZX_CRASHED,
    ZX_DENIED,
    ZX_NSTATUS
} zx_status;

const char *zx_status_name(zx_status s);

/* ---- what a worker reports, in memory shared with the supervisor ---- */
#define ZX_ERROR_LEN 2048
typedef struct {
    int written;               /* 1 once the worker filled it in */
    int status;                /* zx_status */
    int measured;              /* 1 when the fields below describe a shape */
    int exported;              /* ZX_EXPORT_* bits actually written */
    char error[ZX_ERROR_LEN];  /* one line; empty when none */
    double volume, area, bbox[6];
    int solids, faces, edges, valid;
    double seconds;            /* the program's own run time */
    size_t payload_len;        /* bytes the worker hook left in the slot's payload area */
} zx_outcome;

/* ---- a set of strings (idset.c) ---- */
typedef struct {
    char **slots;
    size_t cap, count;
} zx_idset;

void zx_idset_init(zx_idset *s);
/* Returns 1 when added, 0 when already present, -1 out of memory. */
int zx_idset_add(zx_idset *s, const char *id);
int zx_idset_has(const zx_idset *s, const char *id);
void zx_idset_free(zx_idset *s);

/* ---- inputs (input.c) ---- */
typedef struct {
    char *id;
    const char *file;          /* the .py file, or the JSONL file */
    long line;                 /* JSONL: 1-based line number; 0 for a .py file */
    long offset;               /* JSONL: byte offset of the line */
    char *code;                /* a shard's program (malloc'd), NULL for files */
} zx_job;

typedef struct {
    zx_job *items;
    size_t count, cap;
    char **files;              /* owned copies of the file names the jobs point at */
    size_t nfiles;
} zx_jobs;

/* Collects the programs named by the inputs. Returns 0, or -1 with a one-line message in
 * err ("FILE:LINE: what is wrong"). Ids must be unique across all inputs. */
int zx_inputs_scan(const char *const *inputs, int n, zx_jobs *jobs, char *err, size_t errlen);
/* Loads a job's source and the name Python should give it. Returns a malloc'd string or NULL
 * with a message in err. */
char *zx_input_source(const zx_job *job, char *name, size_t namelen, char *err, size_t errlen);
void zx_jobs_free(zx_jobs *jobs);
/* Adds a job (input.c); the id must be new across all inputs. 0 or -1 with err. */
int zx_jobs_add(zx_jobs *jobs, zx_idset *ids, const char *id, const char *file, long line, long offset,
                char *err, size_t errlen);
/* A parquet shard of the Zero-to-CAD schema (input_shard.c): one job per row, id = uuid, the
 * cadquery_file column read once (the only column read). 0 or -1 with err. */
int zx_scan_shard(const char *path, zx_jobs *jobs, zx_idset *ids, char *err, size_t errlen);

/* ---- the results file (records.c) ---- */
typedef struct {
    int fd;
    const char *path;
    double last_sync;
} zx_records;

/* Opens (creating) the results file, drops a torn last line, and adds every recorded id to
 * done. Returns 0, or -1 with a message in err. */
int zx_records_open(zx_records *r, const char *path, zx_idset *done, char *err, size_t errlen);
/* Appends one record line and flushes it to the kernel (fdatasync at most every second). */
int zx_records_append(zx_records *r, const char *id, const zx_outcome *o, zx_status status,
                      double peak_rss_mb, const char *const export_paths[2]);
int zx_records_close(zx_records *r);
/* Adds the ids recorded in another results file (read only; missing: none; a torn last line
 * is not counted). 0, or -1 with a message in err (a file that is not ours). */
int zx_records_read(const char *path, zx_idset *done, char *err, size_t errlen);

/* ---- progress and summary (progress.c) ---- */
typedef struct {
    size_t total, done, skipped;
    size_t counts[ZX_NSTATUS];
    double t0, last_print;
    int tty, drawn;
} zx_progress;

void zx_progress_start(zx_progress *p, size_t total, size_t skipped);
void zx_progress_add(zx_progress *p, zx_status s);
void zx_progress_tick(zx_progress *p, int force);
void zx_progress_summary(zx_progress *p, int interrupted);

/* ---- the sandbox (sandbox.c, landlock.c, seccomp.c) ---- */
/* Resource limits: address space (memory_mb above the current size; 0 = none), CPU seconds,
 * processes, file size (at most max_file_bytes and 1 GiB), no core files. Returns 0 or -1. */
int zx_sandbox_rlimits(double memory_mb, double timeout, double max_file_bytes);
/* Landlock: read-only system directories, read-write scratch. Returns 1 applied, 0 not
 * available on this kernel, -1 failure. */
int zx_sandbox_landlock(const char *scratch);
/* The seccomp filter. Returns 0 or -1. */
int zx_sandbox_seccomp(void);
/* The read-only places (NULL-terminated; entries ending in '/' are directories). */
const char *const *zx_sandbox_read_places(void);
/* Is `path` (absolute, resolved) a place a program may read? */
int zx_sandbox_readable(const char *path, const char *scratch);

/* ---- the audit hook (audit.c) ---- */
typedef void (*zx_deny_fn)(const char *what);
/* Installs the PEP 578 hook that confines the program to `scratch`; on_deny is called with
 * the attempted action and must not return. Returns 0 or -1. */
int zx_audit_install(const char *scratch, zx_deny_fn on_deny);

/* ---- file-taking cadquery functions raise the "open" audit event (guard.c) ---- */
int zx_guard_install(void);

/* ---- one program in a forked worker (worker.c) ---- */
typedef struct {
    const char *name;          /* the program's file name for Python */
    const char *source;
    const char *scratch;       /* existing directory: cwd and the only writable place */
    const char *export_paths[2];  /* step, stl (NULL when not wanted) */
    double memory_mb, timeout;
    double disk_mb;            /* the disk budget, for the message and the file-size limit */
    long files;
    zx_outcome *out;           /* shared with the supervisor */
    zx_hook_fn hook;           /* NULL, or run after a program that left a solid */
    void *hook_ctx;
    unsigned char *payload;    /* shared with the supervisor: payload_cap bytes for the hook */
    size_t payload_cap;
} zx_worker_args;

/* Runs in the child after fork; never returns. */
void zx_worker_main(const zx_worker_args *a) __attribute__((noreturn));

/* ---- scratch directories (scratch.c) ---- */
/* A file-system-safe form of an id, unique per id. */
void zx_safe_name(const char *id, char *out, size_t outlen);
/* Removes a directory tree (not following symlinks). */
int zx_remove_tree(const char *path);

/* ---- the per-program disk budget (disk.c) ---- */
typedef enum { ZX_DISK_TMPFS, ZX_DISK_POLL } zx_disk_mode;
typedef struct {
    zx_disk_mode mode;
    unsigned long long bytes;  /* --disk, in bytes */
    long files;                /* --files: files and directories */
} zx_disk;

/* Chooses the mechanism: tmpfs in a private mount namespace, entered here (before Python
 * starts: a new user namespace needs a single thread), or polling where that is impossible
 * or ZEROCAD_EXEC_DISK=poll. Returns 0, or -1 with errno when ZEROCAD_EXEC_DISK=tmpfs and
 * tmpfs is impossible, or the namespace is half set up. */
int zx_disk_setup(zx_disk *d, double disk_mb, long files, const char *scratch_root);
/* The budget asked for, or the defaults (1024 MB, 10,000 files) where it is 0 (unset). */
double zx_disk_mb(double asked);
long zx_disk_files(long asked);
const char *zx_disk_mechanism(const zx_disk *d);
/* Covers an existing, empty scratch directory with the budget (tmpfs mode); *under_fd gets
 * the directory underneath (for zx_disk_keep). Returns 0 or -1 with errno. */
int zx_disk_attach(const zx_disk *d, const char *scratch, int *under_fd);
/* 1 when the program has reached its budget (tmpfs full / poll: over it). */
int zx_disk_over(const zx_disk *d, const char *scratch);
/* Copies an ok program's files out of its tmpfs into the directory underneath. Returns 0 or
 * -1 with errno. */
int zx_disk_keep(const zx_disk *d, const char *scratch, int under_fd);
/* Unmounts (tmpfs) and, unless keep, removes the scratch directory. */
void zx_disk_release(const zx_disk *d, const char *scratch, int under_fd, int keep);

/* ---- once, before the first fork (prewarm.c) ---- */
void zx_prewarm(void);

/* ---- the supervisor loop (supervisor.c) ---- */
/* What the supervisor runs and where each outcome goes: zx_run fills it from files and a
 * results file, zx_batch_run from the caller's callbacks. */
typedef struct zx_plan zx_plan;
struct zx_plan {
    int jobs;                  /* workers at a time */
    double timeout, memory_mb;
    int exports;               /* ZX_EXPORT_* bits */
    const char *scratch_root;  /* per-program directories go here */
    int keep_scratch;          /* 1: left in place (--out-dir) */
    const zx_disk *disk;       /* the per-program disk budget */
    double disk_mb;            /* its size, for messages and the file-size limit */
    long files;
    zx_hook_fn hook;           /* may be NULL */
    void *hook_ctx;
    size_t payload_cap;        /* bytes of payload area per worker (0 without a hook) */
    void *ctx;                 /* for take and record */
    /* The next program: 1 filled (*id and *name malloc'd, *source malloc'd or NULL when it
     * could not be read, with the reason in err: recorded as an error), 0 none right now
     * (asked again after a program ends), -1 no more. */
    int (*take)(zx_plan *p, size_t *index, char **id, char **name, char **source, char *err, size_t errlen);
    /* One program ended: exactly one call per program taken. Returns 0, or -1 to stop the run
     * (the callback printed why). */
    int (*record)(zx_plan *p, size_t index, const char *id, const zx_outcome *o, zx_status status,
                  double peak_rss_mb, const char *const export_paths[2], const unsigned char *payload);
    /* Called after each wake-up of the loop (progress); may be NULL. */
    void (*tick)(zx_plan *p);
};

/* Runs the plan. Returns 0 done, 1 executor failure, 3 interrupted by SIGINT/SIGTERM. */
int zx_supervise(zx_plan *plan);

/* A new temporary directory for scratch directories (under $TMPDIR or /tmp), resolved. */
int zx_temp_root(char *out, size_t outlen);

double zx_now(void);

#endif
