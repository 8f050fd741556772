/* inputs.c: reading what the pipeline left in DIR: JSON summaries, JSONL records and the rows
 * (uuid, code, 8 views) of shards. */
#define _GNU_SOURCE
#include "report_internal.h"
#include "shard.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

json_t *zrp_load_json(const char *path)
{
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (j && !json_is_object(j)) {
        json_decref(j);
        return NULL;
    }
    return j;
}

json_t *zrp_load_jsonl(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    json_t *a = json_array();
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        if (json_is_object(o))
            json_array_append_new(a, o);
        else
            json_decref(o);
    }
    free(line);
    fclose(f);
    return a;
}

static int keep_row(zrp_row *r, const zd_row *row)
{
    memset(r, 0, sizeof *r);
    r->uuid = strdup(row->uuid);
    r->code = strndup(row->code ? row->code : "", row->code ? row->code_len : 0);
    if (!r->uuid || !r->code)
        return -1;
    for (int v = 0; v < 8; v++) {
        if (!row->image[v])
            continue;
        if (!(r->png[v] = malloc(row->image_len[v] ? row->image_len[v] : 1)))
            return -1;
        memcpy(r->png[v], row->image[v], row->image_len[v]);
        r->len[v] = row->image_len[v];
    }
    return 0;
}

static int load_shard(const char *path, long max, zrp_row **rows, size_t *n, size_t *cap, char *err,
                      size_t errlen)
{
    zd_reader *r = zd_open(path, ZD_COL_UUID | ZD_COL_CODE | ZD_COL_IMAGES, err, errlen);
    if (!r)
        return -1;
    zd_row row;
    int rc;
    while ((max < 0 || (long)*n < max) && (rc = zd_next(r, &row, err, errlen)) == 1) {
        if (*n == *cap) {
            size_t c = *cap ? 2 * *cap : 64;
            zrp_row *g = realloc(*rows, c * sizeof *g);
            if (!g) {
                rc = -1;
                break;
            }
            *rows = g;
            *cap = c;
        }
        if (keep_row(&(*rows)[(*n)++], &row)) {
            rc = -1;
            break;
        }
    }
    if (max >= 0 && (long)*n >= max)
        rc = 0;
    if (rc < 0 && !err[0])
        snprintf(err, errlen, "%s: out of memory", path);
    zd_close(r);
    return rc < 0 ? -1 : 0;
}

int zrp_load_rows(const char *in, long max, zrp_row **rows, size_t *n, char *err, size_t errlen)
{
    *rows = NULL;
    *n = 0;
    size_t cap = 0;
    err[0] = 0;
    struct stat st;
    if (stat(in, &st)) {
        snprintf(err, errlen, "%s: not found", in);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return load_shard(in, max, rows, n, &cap, err, errlen);
    char **paths = NULL;
    int np = zd_list_shards(in, &paths, err, errlen);
    if (np < 0)
        return -1;
    int rc = 0;
    for (int i = 0; i < np && rc == 0; i++)
        rc = load_shard(paths[i], max, rows, n, &cap, err, errlen);
    zd_free_list(paths, np);
    return rc;
}

void zrp_free_rows(zrp_row *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++) {
        free(rows[i].uuid);
        free(rows[i].code);
        for (int v = 0; v < 8; v++)
            free(rows[i].png[v]);
    }
    free(rows);
}

const zrp_row *zrp_find_row(const zrp_row *rows, size_t n, const char *uuid)
{
    for (size_t i = 0; uuid && i < n; i++)
        if (!strcmp(rows[i].uuid, uuid))
            return &rows[i];
    return NULL;
}
