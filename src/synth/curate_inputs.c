/* curate_inputs.c: the shard files named on the command line (a file, or every *.parquet of a
 * folder in name order as zd_list_shards lists them) and the output folder (created when missing;
 * refused when it already holds shards, so nothing is overwritten). */
#define _GNU_SOURCE
#include "curate_internal.h"
#include "shard.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static int push(zcur_files *f, char *path, char *err, size_t errlen)
{
    if (!path) {
        snprintf(err, errlen, "out of memory listing the shards");
        return -1;
    }
    if (f->n == f->cap) {
        size_t nc = f->cap ? 2 * f->cap : 16;
        char **np = realloc(f->path, nc * sizeof *np);
        if (!np) {
            free(path);
            snprintf(err, errlen, "out of memory listing the shards");
            return -1;
        }
        f->path = np;
        f->cap = nc;
    }
    f->path[f->n++] = path;
    return 0;
}

static int add_folder(zcur_files *f, const char *dir, char *err, size_t errlen)
{
    char **paths = NULL;
    int n = zd_list_shards(dir, &paths, err, errlen);
    if (n < 0)
        return -1;
    int rc = 0;
    for (int i = 0; !rc && i < n; i++)
        rc = push(f, strdup(paths[i]), err, errlen);
    zd_free_list(paths, n);
    if (!rc && n == 0) {
        snprintf(err, errlen, "%s: the folder holds no *.parquet shard", dir);
        rc = -1;
    }
    return rc;
}

/* A shard named twice (directly or through a folder) would be described twice and could be copied
 * twice: an error naming it. */
static int check_unique(const zcur_files *f, char *err, size_t errlen)
{
    char **real = calloc(f->n ? f->n : 1, sizeof *real);
    int rc = real ? 0 : -1;
    if (!real)
        snprintf(err, errlen, "out of memory listing the shards");
    for (size_t i = 0; !rc && i < f->n; i++) {
        if (!(real[i] = realpath(f->path[i], NULL))) {
            snprintf(err, errlen, "%s: %s", f->path[i], strerror(errno));
            rc = -1;
        }
        for (size_t j = 0; !rc && j < i; j++)
            if (!strcmp(real[i], real[j])) {
                snprintf(err, errlen, "%s: the same shard is named twice (also as %s)", f->path[i], f->path[j]);
                rc = -1;
            }
    }
    for (size_t i = 0; real && i < f->n; i++)
        free(real[i]);
    free(real);
    return rc;
}

int zcur_files_expand(const char *const *inputs, int n, zcur_files *f, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < n; i++) {
        struct stat st;
        int rc;
        if (stat(inputs[i], &st)) {
            snprintf(err, errlen, "%s: %s", inputs[i], strerror(errno));
            rc = -1;
        } else if (S_ISDIR(st.st_mode))
            rc = add_folder(f, inputs[i], err, errlen);
        else
            rc = push(f, strdup(inputs[i]), err, errlen);
        if (rc) {
            zcur_files_free(f);
            return -1;
        }
    }
    if (check_unique(f, err, errlen)) {
        zcur_files_free(f);
        return -1;
    }
    return 0;
}

void zcur_files_free(zcur_files *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->path[i]);
    free(f->path);
    memset(f, 0, sizeof *f);
}

int zcur_out_prepare(const char *out, char *err, size_t errlen)
{
    struct stat st;
    if (stat(out, &st)) {
        if (errno != ENOENT || mkdir(out, 0777)) {
            snprintf(err, errlen, "%s: cannot create the output folder (%s)", out, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: exists and is not a folder", out);
        return -1;
    }
    DIR *d = opendir(out);
    if (!d) {
        snprintf(err, errlen, "%s: cannot read the folder (%s)", out, strerror(errno));
        return -1;
    }
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(d)))
        found = ends_with(e->d_name, ".parquet");
    closedir(d);
    if (found) {
        snprintf(err, errlen, "%s: already holds *.parquet shards; give an empty or new folder", out);
        return -1;
    }
    return 0;
}
