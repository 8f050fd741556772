/* eval_shards.c: `zerocad eval --gt SHARDS`: the ground truth of an evaluation read from
 * Zero-to-CAD parquet shards (a .parquet file or a folder of them), keyed by uuid. Only the
 * uuid, step_file and stl_file columns are read; the bytes are kept in memory for the rows that
 * have a prediction (B-rep from step_file, else the stl_file mesh), none are written to files. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "metrics_internal.h"
#include "shard.h"

int zm_gt_is_shards(const char *gt)
{
    size_t n = strlen(gt);
    if (n > 8 && !strcmp(gt + n - 8, ".parquet"))
        return 1;
    struct stat st;
    if (stat(gt, &st) != 0 || !S_ISDIR(st.st_mode))
        return 0;
    char **paths = NULL, err[256];
    int count = zd_list_shards(gt, &paths, err, sizeof err);
    zd_free_list(paths, count > 0 ? count : 0);
    return count > 0;
}

static int keep_row(const char *shard, const zd_row *row, void *items)
{
    char *uuid = strndup(row->uuid, row->uuid_len);
    zm_item *it = uuid ? zm_items_find_or_add(items, uuid) : NULL;
    free(uuid);
    if (!it)
        return -1;
    free(it->gt_path);
    free(it->gt_bytes);
    it->gt_bytes = NULL;
    it->gt_program = 0;
    if (asprintf(&it->gt_path, "%s#%.*s", shard, (int)row->uuid_len, row->uuid) < 0) {
        it->gt_path = NULL;
        return -1;
    }
    int has_pred = it->pred_path || it->pred_code;
    const unsigned char *data = row->step ? row->step : row->stl;
    size_t len = row->step ? row->step_len : row->stl_len;
    if (!has_pred || !data)
        return 0;
    it->gt_bytes = malloc(len);
    if (!it->gt_bytes)
        return -1;
    memcpy(it->gt_bytes, data, len);
    it->gt_len = len;
    it->gt_stl = row->step == NULL;
    return 0;
}

static int scan_shard(const char *path, void *items)
{
    char err[1024];
    zd_reader *r = zd_open(path, ZD_COL_UUID | ZD_COL_STEP | ZD_COL_STL, err, sizeof err);
    if (!r) {
        fprintf(stderr, "zerocad eval: %s\n", err);
        return 2;
    }
    zd_row row;
    int got, rc = 0;
    while (rc == 0 && (got = zd_next(r, &row, err, sizeof err)) == 1)
        if (keep_row(path, &row, items) < 0) {
            fprintf(stderr, "zerocad eval: out of memory\n");
            rc = 1;
        }
    if (rc == 0 && got < 0) {
        fprintf(stderr, "zerocad eval: %s\n", err);
        rc = 2;
    }
    zd_close(r);
    return rc;
}

int zm_scan_gt_shards(const char *gt, void *items)
{
    char **paths = NULL, err[1024];
    int n;
    size_t len = strlen(gt);
    if (len > 8 && !strcmp(gt + len - 8, ".parquet")) {
        paths = malloc(sizeof *paths);
        n = paths && (paths[0] = strdup(gt)) ? 1 : -1;
    } else {
        n = zd_list_shards(gt, &paths, err, sizeof err);
    }
    if (n < 0) {
        fprintf(stderr, "zerocad eval: %s\n", n == -1 && paths ? err : "out of memory");
        zd_free_list(paths, 0);
        return 2;
    }
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++)
        rc = scan_shard(paths[i], items);
    zd_free_list(paths, n);
    return rc;
}
