/* source_files.c: CadQuery programs from .py files (and folders of them) as a source of the
 * data engine, for `zerocad data import`. Each row's uuid is derived from the program's bytes:
 * importing the same file again names the same row, and a resumed import finds it. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static int push(zs_files_source *s, const char *path)
{
    char **paths = realloc(s->paths, (s->n + 1) * sizeof *paths);
    if (!paths)
        return -1;
    s->paths = paths;
    s->paths[s->n] = strdup(path);
    return s->paths[s->n] ? (int)(s->n++, 0) : -1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_dir(zs_files_source *s, const char *dir, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    size_t first = s->n;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".py"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        rc = push(s, path);
    }
    closedir(d);
    if (rc < 0)
        snprintf(err, errlen, "out of memory");
    else
        qsort(s->paths + first, s->n - first, sizeof *s->paths, by_name);
    return rc;
}

int zs_files_source_init(zs_files_source *s, const char *const *inputs, int n, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(inputs[i], &st) != 0) {
            snprintf(err, errlen, "%s: %s", inputs[i], strerror(errno));
            return -1;
        }
        int rc;
        if (S_ISDIR(st.st_mode)) {
            rc = add_dir(s, inputs[i], err, errlen);
        } else if (ends_with(inputs[i], ".py")) {
            rc = push(s, inputs[i]);
            if (rc < 0)
                snprintf(err, errlen, "out of memory");
        } else {
            snprintf(err, errlen, "%s: not a .py file or a folder of them", inputs[i]);
            rc = -1;
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

void zs_files_source_free(zs_files_source *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->paths[i]);
    free(s->paths);
    memset(s, 0, sizeof *s);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 16384;
            char *nb = realloc(buf, cap);
            if (!nb)
                break;
            buf = nb;
        }
        size_t got = fread(buf + *len, 1, cap - *len - 1, f);
        *len += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f) || !buf || *len + 1 > cap;
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    buf[*len] = '\0';
    return buf;
}

int zs_files_program(void *ctx, uint64_t index, char **code, char **uuid, const char **family,
                     const char **category, char *err, size_t errlen)
{
    const zs_files_source *s = ctx;
    if (index >= s->n)
        return 0;
    size_t len;
    *code = read_file(s->paths[index], &len);
    if (!*code) {
        snprintf(err, errlen, "%s: cannot read: %s", s->paths[index], strerror(errno ? errno : EIO));
        return -1;
    }
    if (strlen(*code) != len) {
        snprintf(err, errlen, "%s: holds a NUL byte: not a program", s->paths[index]);
        free(*code);
        return -1;
    }
    *uuid = malloc(37);
    if (!*uuid) {
        free(*code);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    zs_uuid_of_bytes(*code, len, 0, *uuid);
    *family = "import";
    *category = NULL;
    return 1;
}
