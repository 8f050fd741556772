/* fuzz_exec_input.c: libFuzzer target for the executor's JSONL input reader: every input is
 * written to a fresh NAME.jsonl in a private temporary directory (zx_inputs_scan reads files by
 * path) and scanned. It must be accepted or rejected with a message, never crash; every job of
 * an accepted file must load its source again (zx_input_source re-reads the line by offset). */
#define _GNU_SOURCE
#include "exec_internal.h"
#include "fuzz_files.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void load_every_source(const zx_jobs *jobs)
{
    for (size_t i = 0; i < jobs->count; i++) {
        char name[256], err[512];
        if (!jobs->items[i].id[0] || jobs->items[i].line <= 0)
            abort();
        err[0] = 0;
        char *code = zx_input_source(&jobs->items[i], name, sizeof name, err, sizeof err);
        if (!code)
            abort();   /* the file did not change: every scanned line must load again */
        free(code);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[512], path[600];
    if (zf_make_dir(dir, sizeof dir, "exec-input"))
        abort();
    snprintf(path, sizeof path, "%s/programs.jsonl", dir);
    if (zf_write_file(path, data, size))
        abort();
    const char *inputs[1] = {path};
    zx_jobs jobs;
    char err[2048];
    err[0] = 0;
    if (zx_inputs_scan(inputs, 1, &jobs, err, sizeof err) == 0)
        load_every_source(&jobs);
    else if (!err[0])
        abort();   /* a rejection must say why */
    zx_jobs_free(&jobs);
    unlink(path);
    rmdir(dir);
    return 0;
}
