/* idset.c: a set of strings (program ids) as an open-addressing hash table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exec_internal.h"

static uint64_t hash_string(const char *s)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

void zx_idset_init(zx_idset *s)
{
    memset(s, 0, sizeof *s);
}

static size_t find_slot(char **slots, size_t cap, const char *id)
{
    size_t i = hash_string(id) & (cap - 1);
    while (slots[i] && strcmp(slots[i], id))
        i = (i + 1) & (cap - 1);
    return i;
}

static int grow(zx_idset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    char **slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i])
            slots[find_slot(slots, cap, s->slots[i])] = s->slots[i];
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return 0;
}

int zx_idset_add(zx_idset *s, const char *id)
{
    if ((s->count + 1) * 2 > s->cap && grow(s) < 0)
        return -1;
    size_t i = find_slot(s->slots, s->cap, id);
    if (s->slots[i])
        return 0;
    s->slots[i] = strdup(id);
    if (!s->slots[i])
        return -1;
    s->count++;
    return 1;
}

int zx_idset_has(const zx_idset *s, const char *id)
{
    return s->cap && s->slots[find_slot(s->slots, s->cap, id)] != NULL;
}

void zx_idset_free(zx_idset *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->slots[i]);
    free(s->slots);
    memset(s, 0, sizeof *s);
}
