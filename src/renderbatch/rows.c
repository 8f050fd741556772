/* rows.c: the step_file of a shard row, read through a cursor that keeps the shard open: the
 * rows a process takes come in increasing order, so each is read once; a row before the
 * cursor (or another shard) opens the shard again. */
#include <stdio.h>
#include <string.h>

#include "renderbatch_internal.h"

static int open_shard(zrb_cursor *c, const zrb_items *items, long shard, char *err, size_t errlen)
{
    zrb_cursor_close(c);
    c->reader = zd_open(items->shards[shard], ZD_COL_STEP, err, errlen);
    if (!c->reader)
        return -1;
    c->shard = shard;
    c->next = 0;
    return 0;
}

int zrb_cursor_step(zrb_cursor *c, const zrb_items *items, const zrb_item *it, const unsigned char **step,
                    size_t *len, char *err, size_t errlen)
{
    if ((!c->reader || c->shard != it->shard || c->next > it->row) &&
        open_shard(c, items, it->shard, err, errlen) < 0)
        return -1;
    zd_row row;
    int got = 1;
    while (c->next <= it->row && (got = zd_next(c->reader, &row, err, errlen)) == 1)
        c->next++;
    if (got != 1) {
        if (got == 0)
            snprintf(err, errlen, "%s: the shard has no row %ld any more", items->shards[it->shard], it->row);
        zrb_cursor_close(c);
        return -1;
    }
    if (row.uuid_len != strlen(it->id) || memcmp(row.uuid, it->id, row.uuid_len)) {
        snprintf(err, errlen, "%s: row %ld is no longer %s (the shard changed)", items->shards[it->shard], it->row,
                 it->id);
        return -1;
    }
    if (!row.step) {
        snprintf(err, errlen, "%s: the row has no step_file", it->source);
        return -1;
    }
    *step = row.step;
    *len = row.step_len;
    return 0;
}

void zrb_cursor_close(zrb_cursor *c)
{
    if (c->reader)
        zd_close(c->reader);
    c->reader = NULL;
    c->shard = -1;
    c->next = 0;
}
