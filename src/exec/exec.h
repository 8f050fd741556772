/* exec.h: the public way into src/exec/, the executor behind `zerocad exec`: it runs many
 * untrusted CadQuery programs in forked, sandboxed workers and writes one JSON record per
 * program to a durable, resumable JSONL file. */
#ifndef ZC_EXEC_H
#define ZC_EXEC_H

#define ZX_EXPORT_STEP 1
#define ZX_DEFAULT_DISK_MB 1024.0
#define ZX_DEFAULT_FILES 10000
#define ZX_EXPORT_STL 2

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
} zx_options;

/* Runs the whole job and prints the summary on stderr. Returns the exit status: 0 when the
 * run completed (whatever the programs did), 1 on an executor failure or an interruption,
 * 2 for bad input (the one-line error names the file and line). */
int zx_run(const zx_options *opts);

#endif
