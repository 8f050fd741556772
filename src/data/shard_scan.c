/* shard_scan.c: what a resumed run needs: the *.parquet files of a folder (sorted, temporary
 * files ignored) and the uuids of finished shards, reading only their uuid column. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parquet.h"
#include "shard.h"

static int scan_one(const char *path, void (*fn)(void *, const char *, size_t), void *ctx,
                    char *err, size_t errlen)
{
    pq_file *f = pq_open(path, err, errlen);
    if (!f)
        return -1;
    int col = pq_find_column(f, "uuid");
    if (col < 0 || pq_column_at(f, col)->max_rep > 0) {
        snprintf(err, errlen, "%s: not a Zero-to-CAD shard: missing required column uuid", path);
        pq_close(f);
        return -1;
    }
    const pq_column *pc = pq_column_at(f, col);
    if (pc->physical != PQ_BYTE_ARRAY && pc->physical != PQ_FIXED_LEN_BYTE_ARRAY) {
        snprintf(err, errlen, "%s: column uuid is not a string", path);
        pq_close(f);
        return -1;
    }
    for (int g = 0; g < pq_num_row_groups(f); g++) {
        pq_chunk c;
        if (pq_read_chunk(f, g, col, &c, err, errlen) < 0) {
            pq_close(f);
            return -1;
        }
        for (int64_t i = 0; i < c.n_values; i++)
            fn(ctx, (const char *)c.bytes[i].ptr, c.bytes[i].len);
        pq_chunk_free(&c);
    }
    pq_close(f);
    return 0;
}

int zd_scan_uuids(const char *const *paths, int n, void (*fn)(void *ctx, const char *uuid, size_t len),
                  void *ctx, char *err, size_t errlen)
{
    for (int i = 0; i < n; i++)
        if (scan_one(paths[i], fn, ctx, err, errlen) < 0)
            return -1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_shard_name(const char *name)
{
    size_t n = strlen(name);
    return n > 8 && !strcmp(name + n - 8, ".parquet") && !strstr(name, ".tmp-") && name[0] != '.';
}

int zd_list_shards(const char *dir, char ***paths, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    *paths = NULL;
    if (!d) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    char **list = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_shard_name(e->d_name))
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(len);
        if (!p)
            goto oom;
        snprintf(p, len, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) < 0 || !S_ISREG(st.st_mode)) {
            free(p);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nl = realloc(list, (size_t)cap * sizeof *nl);
            if (!nl) {
                free(p);
                goto oom;
            }
            list = nl;
        }
        list[n++] = p;
    }
    closedir(d);
    if (n)
        qsort(list, (size_t)n, sizeof *list, cmp_str);
    *paths = list;
    return n;
oom:
    closedir(d);
    zd_free_list(list, n);
    snprintf(err, errlen, "%s: out of memory", dir);
    return -1;
}

void zd_free_list(char **paths, int n)
{
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}
