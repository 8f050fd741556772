/* spec_guard.c: OUTDIR/render.spec.json, the view spec an output folder is drawn with. A
 * rerun skips the ids already recorded, so a rerun with another spec (views, sizes, look)
 * would mix two kinds of images: it is refused. The first process writes the file (a
 * temporary file linked into place, so processes starting together agree on one). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "renderbatch_internal.h"

/* The file's bytes (NUL-terminated, malloc'd), or NULL with errno. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    char chunk[4096];
    size_t n;
    while (mem && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, mem);
    int bad = ferror(f);
    fclose(f);
    if (mem)
        fclose(mem);
    if (bad) {
        free(buf);
        return NULL;
    }
    return buf;
}

static int compare(const char *path, const char *want, char *err, size_t errlen)
{
    char *have = slurp(path);
    if (!have) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    int same = !strcmp(have, want);
    free(have);
    if (!same)
        snprintf(err, errlen, "%s: the folder was drawn with another view spec; give the same --views, --view and "
                 "--size, or another -o", path);
    return same ? 0 : -1;
}

/* Writes text to a temporary file and links it to path; 1 linked, 0 path existed, -1 error. */
static int publish(const char *path, const char *text, char *err, size_t errlen)
{
    char *tmp = NULL;
    if (asprintf(&tmp, "%s.tmp-%ld", path, (long)getpid()) < 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    size_t len = strlen(text);
    int ok = fd >= 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
    if (fd >= 0 && close(fd) != 0)
        ok = 0;
    int rc = ok ? (link(tmp, path) == 0 ? 1 : errno == EEXIST ? 0 : -1) : -1;
    if (rc < 0)
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
    unlink(tmp);
    free(tmp);
    return rc;
}

int zrb_spec_guard(const char *outdir, const zr_spec *spec, char *err, size_t errlen)
{
    char path[4200], *json = zr_spec_to_json(spec), *text = NULL;
    snprintf(path, sizeof path, "%s/%s", outdir, ZRB_SPEC_NAME);
    if (!json || asprintf(&text, "%s\n", json) < 0) {
        free(json);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    free(json);
    int rc = access(path, F_OK) == 0 ? 0 : publish(path, text, err, errlen);
    if (rc == 1)
        rc = zrb_sync_path(outdir, err, errlen);
    else if (rc == 0)
        rc = compare(path, text, err, errlen);
    free(text);
    return rc;
}
