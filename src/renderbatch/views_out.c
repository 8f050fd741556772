/* views_out.c: a shape's views as PNG files in one folder, DIR/<view name>.png, with the view
 * spec's version and the view's name in each file; durably (each file and the folder
 * fsync'd) when a record will say they were written. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "renderbatch_internal.h"

int zrb_make_dirs(const char *dir, char *err, size_t errlen)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf) {
        snprintf(err, errlen, "%.200s...: the folder name is too long", dir);
        return -1;
    }
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || !*p) {
            char saved = *p;
            *p = 0;
            if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
                snprintf(err, errlen, "%s: cannot create the directory: %s", buf, strerror(errno));
                return -1;
            }
            *p = saved;
            if (!saved)
                break;
        }
    }
    return 0;
}

void zrb_view_path(const char *dir, const char *view_name, char *out, size_t outlen)
{
    char safe[ZR_NAME_MAX];
    size_t i = 0;
    for (; view_name[i] && i + 1 < sizeof safe; i++) {
        char ch = view_name[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                 ch == '_' || ch == '-';
        safe[i] = ok && !(i == 0 && ch == '.') ? ch : '_';
    }
    safe[i] = 0;
    snprintf(out, outlen, "%s/%s.png", dir, safe);
}

int zrb_sync_path(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int rc = fd >= 0 ? fsync(fd) : -1;
    if (rc != 0)
        snprintf(err, errlen, "%s: cannot sync: %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
    return rc ? -1 : 0;
}

static int write_file(const char *path, const uint8_t *data, size_t len, int durable, char *err, size_t errlen)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;
    if (f && ok && durable)
        ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok)
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
    return ok ? 0 : -1;
}

static int write_view(const char *dir, const zr_spec *spec, size_t i, const uint8_t *rgb, int durable, char *err,
                      size_t errlen)
{
    const zr_view *v = &spec->views[i];
    const char *text[4] = {"zerocad-view-spec", spec->version, "zerocad-view", v->name};
    uint8_t *png;
    size_t len;
    char path[4200];
    zrb_view_path(dir, v->name, path, sizeof path);
    if (zr_png_encode(rgb, v->width, v->height, text, 2, &png, &len, err, errlen))
        return -1;
    int rc = write_file(path, png, len, durable, err, errlen);
    free(png);
    return rc;
}

int zrb_write_views(const char *dir, const zr_spec *spec, uint8_t *const *rgbs, int durable, char *err,
                    size_t errlen)
{
    if (zrb_make_dirs(dir, err, errlen))
        return -1;
    for (size_t i = 0; i < spec->nviews; i++)
        if (write_view(dir, spec, i, rgbs[i], durable, err, errlen))
            return -1;
    return durable ? zrb_sync_path(dir, err, errlen) : 0;
}
