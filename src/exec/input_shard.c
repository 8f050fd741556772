/* input_shard.c: a parquet shard as executor input: one program per row, its id the row's
 * uuid, its code the cadquery_file column (read with projection: only uuid and code). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec_internal.h"
#include "shard.h"

static int add_row(const char *path, long rowno, const zd_row *row, zx_jobs *jobs, zx_idset *ids, char *err,
                   size_t errlen)
{
    char *id = strndup(row->uuid, row->uuid_len);
    char *code = row->code ? strndup(row->code, row->code_len) : NULL;
    int rc = id && code ? 0 : -1;
    if (rc < 0)
        snprintf(err, errlen, "%s: row %ld: %s", path, rowno, id && !row->code ? "no cadquery_file" : "out of memory");
    if (rc == 0 && (strlen(id) != row->uuid_len || strlen(code) != row->code_len)) {
        snprintf(err, errlen, "%s: row %ld: the uuid or the code holds a NUL byte", path, rowno);
        rc = -1;
    }
    if (rc == 0)
        rc = zx_jobs_add(jobs, ids, id, path, rowno, -1, err, errlen);
    if (rc == 0)
        jobs->items[jobs->count - 1].code = code;
    else
        free(code);
    free(id);
    return rc;
}

int zx_scan_shard(const char *path, zx_jobs *jobs, zx_idset *ids, char *err, size_t errlen)
{
    zd_reader *r = zd_open(path, ZD_COL_UUID | ZD_COL_CODE, err, errlen);
    if (!r)
        return -1;
    zd_row row;
    long rowno = 0;
    int got, rc = 0;
    while (rc == 0 && (got = zd_next(r, &row, err, errlen)) == 1)
        rc = add_row(path, ++rowno, &row, jobs, ids, err, errlen);
    if (rc == 0 && got < 0)
        rc = -1;
    zd_close(r);
    return rc;
}
