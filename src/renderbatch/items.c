/* items.c: the items of a render batch, listed from its inputs in a fixed order (inputs as
 * given; a folder's .py/.step/.stp/.stl/.parquet files sorted by name; a shard's rows in
 * order), so that every process of a shared job sees the same positions. An item's id is its
 * file's stem or its row's uuid, unique in the batch. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "dataset.h"
#include "renderbatch_internal.h"

static const char *const FILE_TYPES[] = {".py", ".step", ".stp", ".stl"};

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot : "";
}

static int is_shard(const char *path)
{
    return !strcasecmp(extension(path), ".parquet");
}

static int is_shape_file(const char *path)
{
    for (size_t i = 0; i < sizeof FILE_TYPES / sizeof *FILE_TYPES; i++)
        if (!strcasecmp(extension(path), FILE_TYPES[i]))
            return 1;
    return 0;
}

/* Takes id and source (malloc'd, freed on failure). 0, or -1 out of memory. */
static int add_item(zrb_items *items, char *id, char *source, long shard, long row)
{
    if (id && source && items->n == items->cap) {
        size_t cap = items->cap ? 2 * items->cap : 256;
        zrb_item *v = realloc(items->v, cap * sizeof *v);
        if (v) {
            items->v = v;
            items->cap = cap;
        }
    }
    if (!id || !source || items->n == items->cap) {
        free(id);
        free(source);
        return -1;
    }
    items->v[items->n++] = (zrb_item){id, source, shard, row};
    return 0;
}

/* The file name without its folder and extension. */
static char *stem(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *ext = extension(name);
    return strndup(name, *ext ? (size_t)(ext - name) : strlen(name));
}

static int add_shard_path(zrb_items *items, const char *path, long *index)
{
    if (items->nshards == items->capshards) {
        size_t cap = items->capshards ? 2 * items->capshards : 16;
        char **v = realloc(items->shards, cap * sizeof *v);
        if (!v)
            return -1;
        items->shards = v;
        items->capshards = cap;
    }
    if (!(items->shards[items->nshards] = strdup(path)))
        return -1;
    *index = (long)items->nshards++;
    return 0;
}

/* Every row of a shard: id = uuid, source = SHARD#UUID. */
static int add_shard(zrb_items *items, const char *path, char *err, size_t errlen)
{
    long index;
    zd_reader *r = zd_open(path, ZD_COL_UUID, err, errlen);
    if (!r)
        return -1;
    if (add_shard_path(items, path, &index) < 0) {
        zd_close(r);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    zd_row row;
    int got;
    long n = 0;
    while ((got = zd_next(r, &row, err, errlen)) == 1) {
        char *source = NULL;
        if (asprintf(&source, "%s#%.*s", path, (int)row.uuid_len, row.uuid) < 0)
            source = NULL;
        if (add_item(items, strndup(row.uuid, row.uuid_len), source, index, n++) < 0) {
            snprintf(err, errlen, "out of memory");
            got = -1;
            break;
        }
    }
    zd_close(r);
    return got == 0 ? 0 : -1;
}

static int add_file(zrb_items *items, const char *path, char *err, size_t errlen)
{
    if (is_shard(path))
        return add_shard(items, path, err, errlen);
    if (zs_is_row_ref(path))   /* one row, SHARD.parquet#UUID */
        return add_item(items, strdup(strstr(path, ".parquet#") + 9), strdup(path), -1, 0) < 0 ? -1 : 0;
    if (!is_shape_file(path)) {
        snprintf(err, errlen, "%s: unknown input type (use a folder, .py, .step, .stp, .stl or .parquet)", path);
        return -1;
    }
    if (add_item(items, stem(path), strdup(path), -1, 0) < 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's regular files of the types rendered (hidden ones left out), sorted by name. */
static char **folder_files(const char *dir, size_t *n, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    *n = 0;
    if (!d) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return NULL;
    }
    char **list = NULL;
    size_t cap = 0;
    struct dirent *e;
    int failed = 0;
    while (!failed && (e = readdir(d))) {
        char *path = NULL;
        struct stat st;
        if (e->d_name[0] == '.' || !(is_shape_file(e->d_name) || is_shard(e->d_name)))
            continue;
        if (asprintf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name) < 0) {
            failed = 1;
            break;
        }
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            char **grown = realloc(list, cap * sizeof *list);
            if (!grown) {
                free(path);
                failed = 1;
                break;
            }
            list = grown;
        }
        list[(*n)++] = path;
    }
    closedir(d);
    if (failed) {
        for (size_t i = 0; i < *n; i++)
            free(list[i]);
        free(list);
        *n = 0;
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (*n)
        qsort(list, *n, sizeof *list, by_name);
    else
        snprintf(err, errlen, "%s: no .py, .step, .stp, .stl or .parquet files in the folder", dir);
    return list;
}

static int add_folder(zrb_items *items, const char *dir, char *err, size_t errlen)
{
    size_t n;
    char **files = folder_files(dir, &n, err, errlen);
    int rc = files ? 0 : -1;
    for (size_t i = 0; i < n; i++) {
        if (!rc)
            rc = add_file(items, files[i], err, errlen);
        free(files[i]);
    }
    free(files);
    return rc;
}

static int add_input(zrb_items *items, const char *input, char *err, size_t errlen)
{
    struct stat st;
    if (zs_is_row_ref(input))
        return add_file(items, input, err, errlen);
    if (stat(input, &st) != 0) {
        snprintf(err, errlen, "%s: %s", input, strerror(errno));
        return -1;
    }
    return S_ISDIR(st.st_mode) ? add_folder(items, input, err, errlen) : add_file(items, input, err, errlen);
}

int zrb_items_list(const char *const *inputs, int n, zrb_items *items, char *err, size_t errlen)
{
    memset(items, 0, sizeof *items);
    for (int i = 0; i < n; i++)
        if (add_input(items, inputs[i], err, errlen) < 0)
            return -1;
    return zrb_items_index(items, err, errlen);
}

void zrb_items_free(zrb_items *items)
{
    for (size_t i = 0; i < items->n; i++) {
        free(items->v[i].id);
        free(items->v[i].source);
    }
    free(items->v);
    for (size_t i = 0; i < items->nshards; i++)
        free(items->shards[i]);
    free(items->shards);
    free(items->by_id);
    memset(items, 0, sizeof *items);
}
