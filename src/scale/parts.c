/* parts.c: the names of a job's part files. For -o DIR/RESULTS.jsonl, MPI rank R writes
 * DIR/RESULTS.part-RRRRR.jsonl, slice K/N writes DIR/RESULTS.shard-K-of-N.jsonl (both:
 * DIR/RESULTS.shard-K-of-N.part-RRRRR.jsonl); the manifest is DIR/RESULTS.manifest.json. */
#define _GNU_SOURCE
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scale_internal.h"

/* Splits base into directory ("." when none), stem (file name without .jsonl/.ndjson) and
 * extension (".jsonl" when none). */
static void split(const char *base, char *dir, char *stem, char *ext, size_t len)
{
    const char *slash = strrchr(base, '/');
    const char *name = slash ? slash + 1 : base;
    if (!slash)
        snprintf(dir, len, ".");
    else if (slash == base)
        snprintf(dir, len, "/");
    else
        snprintf(dir, len, "%.*s", (int)(slash - base), base);
    const char *dot = strrchr(name, '.');
    if (dot && (!strcmp(dot, ".jsonl") || !strcmp(dot, ".ndjson"))) {
        snprintf(stem, len, "%.*s", (int)(dot - name), name);
        snprintf(ext, len, "%s", dot);
    } else {
        snprintf(stem, len, "%s", name);
        snprintf(ext, len, ".jsonl");
    }
}

/* dir + "/" + name, without doubling the slash of the root. */
static void join(const char *dir, const char *name, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", name);
}

void zsc_part_name(const char *base, int rank, const zsc_slice *slice, char *out, size_t outlen)
{
    char dir[PATH_MAX], stem[PATH_MAX], ext[PATH_MAX], tag[96] = "";
    split(base, dir, stem, ext, sizeof dir);
    size_t o = 0;
    if (slice && slice->n > 0)
        o += (size_t)snprintf(tag + o, sizeof tag - o, ".shard-%ld-of-%ld", slice->k, slice->n);
    if (rank >= 0)
        snprintf(tag + o, sizeof tag - o, ".part-%05d", rank);
    char name[2 * PATH_MAX + 128];
    snprintf(name, sizeof name, "%s%s%s", stem, tag, ext);
    join(dir, name, out, outlen);
}

void zsc_manifest_name(const char *base, char *out, size_t outlen)
{
    char dir[PATH_MAX], stem[PATH_MAX], ext[PATH_MAX];
    split(base, dir, stem, ext, sizeof dir);
    char name[PATH_MAX + 32];
    snprintf(name, sizeof name, "%s.manifest.json", stem);
    join(dir, name, out, outlen);
}

/* A part of the job: STEM.part-* or STEM.shard-* ending in the extension. */
static int is_part(const char *name, const char *stem, const char *ext)
{
    size_t ls = strlen(stem), le = strlen(ext), ln = strlen(name);
    if (ln <= ls + le || strncmp(name, stem, ls) != 0 || strcmp(name + ln - le, ext) != 0)
        return 0;
    return !strncmp(name + ls, ".part-", 6) || !strncmp(name + ls, ".shard-", 7);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **zsc_parts_list(const char *base, size_t *n)
{
    char dir[PATH_MAX], stem[PATH_MAX], ext[PATH_MAX];
    split(base, dir, stem, ext, sizeof dir);
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **list = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        char *slash = strrchr(base, '/');
        int whole_base = !strcmp(e->d_name, slash ? slash + 1 : base);
        if (!whole_base && !is_part(e->d_name, stem, ext))
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            char **grown = realloc(list, cap * sizeof *list);
            if (!grown)
                break;
            list = grown;
        }
        char path[2 * PATH_MAX];
        join(dir, e->d_name, path, sizeof path);
        if (!(list[*n] = strdup(path)))
            break;
        (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(list, *n, sizeof *list, by_name);
    return list;
}

void zsc_parts_free(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

static const char *file_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char **zsc_parts_others(const char *base, const char *own, size_t *n)
{
    char **list = zsc_parts_list(base, n);
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        if (!strcmp(file_name(list[i]), file_name(own)))
            free(list[i]);
        else
            list[kept++] = list[i];
    }
    *n = kept;
    return list;
}
