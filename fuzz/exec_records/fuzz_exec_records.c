/* fuzz_exec_records.c: libFuzzer target for the results reader used on resume: every input is
 * written as an existing RESULTS.jsonl in a private temporary directory and opened with
 * zx_records_open. It must be accepted or rejected with a message, never crash. When accepted,
 * one record is appended and the file opened again: that must succeed and find the new id. */
#define _GNU_SOURCE
#include "exec_internal.h"
#include "fuzz_files.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Appends one record to the accepted file, then reads it all again. */
static void append_and_reopen(zx_records *r, const char *path)
{
    static const char *const no_exports[2] = {NULL, NULL};
    zx_outcome o;
    memset(&o, 0, sizeof o);
    o.written = 1;
    o.seconds = 0.5;
    if (zx_records_append(r, "fuzz-appended", &o, ZX_OK, 1.0, no_exports) || zx_records_close(r))
        abort();
    zx_idset again;
    zx_idset_init(&again);
    char err[2048];
    err[0] = 0;
    if (zx_records_open(r, path, &again, err, sizeof err) || !zx_idset_has(&again, "fuzz-appended"))
        abort();   /* what the writer appends, the reader must read */
    zx_records_close(r);
    zx_idset_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[512], path[600];
    if (zf_make_dir(dir, sizeof dir, "exec-records"))
        abort();
    snprintf(path, sizeof path, "%s/results.jsonl", dir);
    if (zf_write_file(path, data, size))
        abort();
    zx_idset done;
    zx_idset_init(&done);
    zx_records r;
    char err[2048];
    err[0] = 0;
    if (zx_records_open(&r, path, &done, err, sizeof err) == 0)
        append_and_reopen(&r, path);
    else if (!err[0])
        abort();   /* a rejection must say why */
    zx_idset_free(&done);
    unlink(path);
    rmdir(dir);
    return 0;
}
