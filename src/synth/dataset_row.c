/* dataset_row.c: one row of a shard by name, SHARD.parquet#UUID, for the commands that take a
 * single shape or set of views (render, reconstruct). The shard is read front to back with
 * only the columns asked for until the uuid is found. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"

int zs_is_row_ref(const char *text)
{
    const char *hash = strstr(text, ".parquet#");
    return hash && hash[9] != '\0';
}

int zs_find_row(const char *ref, unsigned cols, zd_reader **reader, zd_row *row, char *err, size_t errlen)
{
    const char *hash = strstr(ref, ".parquet#");
    if (!hash || !hash[9]) {
        snprintf(err, errlen, "%s: not a shard row (SHARD.parquet#UUID)", ref);
        return -1;
    }
    char *path = strndup(ref, (size_t)(hash - ref) + 8);
    const char *uuid = hash + 9;
    zd_reader *r = path ? zd_open(path, cols, err, errlen) : NULL;
    int got = r ? 1 : -1;
    while (r && (got = zd_next(r, row, err, errlen)) == 1)
        if (row->uuid_len == strlen(uuid) && !memcmp(row->uuid, uuid, row->uuid_len))
            break;
    if (got == 0)
        snprintf(err, errlen, "%s: no row has uuid %s", path, uuid);
    free(path);
    if (got != 1) {
        if (r)
            zd_close(r);
        return -1;
    }
    *reader = r;
    return 0;
}
