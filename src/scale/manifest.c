/* manifest.c: the manifest written when a job's parts are all done: every output file with
 * its row count, the job's programs and whether the rows cover them all. Written to a
 * temporary name and renamed, so a reader sees the old manifest or the new one. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "scale_internal.h"

long zsc_count_lines(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    long rows = 0;
    while ((len = getline(&buf, &cap, f)) > 0)
        if (buf[len - 1] == '\n' && len > 1)
            rows++;
    free(buf);
    fclose(f);
    return rows;
}

static const char *file_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* counts: the rows of each file, or NULL to count the lines of JSONL files. wanted: the rows
 * that make the job complete. */
static json_t *build(const char *command, long programs, long wanted, char *const *files, const long *counts,
                     size_t n)
{
    json_t *outputs = json_array();
    long rows = 0;
    for (size_t i = 0; outputs && i < n; i++) {
        long r = counts ? counts[i] : zsc_count_lines(files[i]);
        if (r < 0) {
            fprintf(stderr, "zerocad %s: %s: cannot read for the manifest: %s\n", command, files[i], strerror(errno));
            json_decref(outputs);
            return NULL;
        }
        rows += r;
        json_array_append_new(outputs, json_pack("{s:s, s:I}", "file", file_name(files[i]), "rows", (json_int_t)r));
    }
    if (!outputs)
        return NULL;
    return json_pack("{s:s, s:I, s:I, s:b, s:o}", "command", command, "programs", (json_int_t)programs, "rows",
                     (json_int_t)rows, "complete", rows == wanted, "outputs", outputs);
}

static int write_json(const char *path, const char *command, json_t *m);

int zsc_manifest_write(const char *path, const char *command, long programs, char *const *files, size_t n)
{
    return write_json(path, command, build(command, programs, programs, files, NULL, n));
}

int zsc_manifest_write_rows(const char *path, const char *command, long programs, long wanted,
                            char *const *files, const long *rows, size_t n)
{
    return write_json(path, command, build(command, programs, wanted, files, rows, n));
}

static int write_json(const char *path, const char *command, json_t *m)
{
    char *tmp = NULL;
    if (!m || asprintf(&tmp, "%s.tmp-%ld", path, (long)getpid()) < 0) {
        json_decref(m);
        return -1;
    }
    int rc = json_dump_file(m, tmp, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1;
    if (rc != 0) {
        fprintf(stderr, "zerocad %s: %s: cannot write the manifest: %s\n", command, path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    json_decref(m);
    return rc;
}
