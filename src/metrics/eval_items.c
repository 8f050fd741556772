/* eval_items.c: the items of `zerocad eval --pred` as a list with an index by id (open
 * addressing): found or added while the predictions and ground truth are scanned, sorted by id
 * (the order every run scores and reports them in), and freed. Also holds the records read back
 * from the part files of a shared run (eval_records.c). */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metrics_internal.h"

static size_t hash_id(const char *id)
{
    size_t h = 1469598103934665603ULL;
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 1099511628211ULL;
    return h;
}

static int rehash(zm_item_list *l, size_t nslots)
{
    size_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < l->n; i++) {
        size_t h = hash_id(l->v[i].id) & (nslots - 1);
        while (slots[h])
            h = (h + 1) & (nslots - 1);
        slots[h] = i + 1;
    }
    free(l->slots);
    l->slots = slots;
    l->nslots = nslots;
    return 0;
}

zm_item *zm_items_find(const zm_item_list *l, const char *id)
{
    if (!l->nslots)
        return NULL;
    for (size_t h = hash_id(id) & (l->nslots - 1); l->slots[h]; h = (h + 1) & (l->nslots - 1))
        if (!strcmp(l->v[l->slots[h] - 1].id, id))
            return &l->v[l->slots[h] - 1];
    return NULL;
}

zm_item *zm_items_find_or_add(void *list, const char *id)
{
    zm_item_list *l = list;
    if (2 * (l->n + 1) > l->nslots && rehash(l, l->nslots ? 2 * l->nslots : 256))
        return NULL;
    zm_item *found = zm_items_find(l, id);
    if (found)
        return found;
    if (l->n == l->cap) {
        size_t nc = l->cap ? 2 * l->cap : 64;
        zm_item *p = realloc(l->v, nc * sizeof *p);
        if (!p)
            return NULL;
        l->v = p;
        l->cap = nc;
    }
    zm_item *it = &l->v[l->n];
    memset(it, 0, sizeof *it);
    it->id = strdup(id);
    if (!it->id)
        return NULL;
    it->iou = it->cd = it->iou_before = NAN;
    it->exec_seconds = it->score_seconds = NAN;
    size_t h = hash_id(id) & (l->nslots - 1);
    while (l->slots[h])
        h = (h + 1) & (l->nslots - 1);
    l->slots[h] = ++l->n;
    return it;
}

static int cmp_items(const void *a, const void *b)
{
    return strcmp(((const zm_item *)a)->id, ((const zm_item *)b)->id);
}

int zm_items_sort(zm_item_list *l)
{
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, cmp_items);
    return l->nslots ? rehash(l, l->nslots) : 0;
}

void zm_items_free(zm_item_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].id);
        free(l->v[i].pred_path);
        free(l->v[i].pred_code);
        free(l->v[i].pred_before);
        free(l->v[i].gt_path);
        free(l->v[i].gt_bytes);
    }
    free(l->v);
    free(l->slots);
    memset(l, 0, sizeof *l);
}
