/* rows.c: walking the rows of a shard file or of a folder of shards, for the index and the
 * test rows of the retrieval reconstructor. */
#include "recon_internal.h"

#include <stdio.h>
#include <sys/stat.h>

static int scan_shard(const char *path, unsigned cols, zrc_row_fn fn, void *ctx, char *err, size_t errlen)
{
    zd_reader *r = zd_open(path, cols, err, errlen);
    if (!r)
        return -1;
    zd_row row;
    int rc;
    while ((rc = zd_next(r, &row, err, errlen)) == 1)
        if (fn(ctx, &row, path, err, errlen)) {
            rc = -1;
            break;
        }
    zd_close(r);
    return rc;
}

int zrc_scan_rows(const char *in, unsigned cols, zrc_row_fn fn, void *ctx, char *err, size_t errlen)
{
    struct stat st;
    if (stat(in, &st)) {
        snprintf(err, errlen, "%s: no such shard or folder", in);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return scan_shard(in, cols, fn, ctx, err, errlen);
    char **paths = NULL;
    int n = zd_list_shards(in, &paths, err, errlen);
    if (n < 0)
        return -1;
    if (n == 0)
        snprintf(err, errlen, "%s: no *.parquet shards in the folder", in);
    int rc = n == 0 ? -1 : 0;
    for (int i = 0; i < n && rc == 0; i++)
        rc = scan_shard(paths[i], cols, fn, ctx, err, errlen);
    zd_free_list(paths, n);
    return rc;
}
