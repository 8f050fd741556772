/* ids.c: the ids of a batch's items: the index sorted by id (an id twice, or one that is not
 * UTF-8, fails the batch: ids name folders and records), lookup by id, and whether an id can
 * name a folder of OUTDIR. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "renderbatch_internal.h"

static int by_id(const void *a, const void *b, void *ctx)
{
    const zrb_items *items = ctx;
    return strcmp(items->v[*(const size_t *)a].id, items->v[*(const size_t *)b].id);
}

int zrb_items_index(zrb_items *items, char *err, size_t errlen)
{
    for (size_t i = 0; i < items->n; i++)
        if (!zrb_utf8_valid(items->v[i].id)) {
            snprintf(err, errlen, "%s: the item's id (file stem or uuid) is not UTF-8", items->v[i].source);
            return -1;
        }
    items->by_id = malloc((items->n ? items->n : 1) * sizeof *items->by_id);
    if (!items->by_id) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < items->n; i++)
        items->by_id[i] = i;
    qsort_r(items->by_id, items->n, sizeof *items->by_id, by_id, items);
    for (size_t i = 1; i < items->n; i++) {
        const zrb_item *a = &items->v[items->by_id[i - 1]], *b = &items->v[items->by_id[i]];
        if (!strcmp(a->id, b->id)) {
            snprintf(err, errlen, "%s and %s: the same id '%s' twice (ids name the output folders)", a->source,
                     b->source, a->id);
            return -1;
        }
    }
    return 0;
}

long zrb_items_find(const zrb_items *items, const char *id)
{
    size_t lo = 0, hi = items->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(items->v[items->by_id[mid]].id, id);
        if (!c)
            return (long)items->by_id[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int zrb_id_usable(const char *id)
{
    if (!*id || !strcmp(id, ".") || !strcmp(id, ".."))
        return 0;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        if (*p == '/' || *p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}
