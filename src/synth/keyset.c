/* keyset.c: a set of 64-bit keys with linear probing; keys are hashes already, so the low
 * bits index the table directly. */
#include <stdlib.h>

#include "keyset.h"

void zs_keyset_init(zs_keyset *s)
{
    s->slots = NULL;
    s->cap = s->count = 0;
    s->has_zero = 0;
}

static size_t slot_of(const zs_keyset *s, uint64_t key)
{
    size_t i = (size_t)(key * 0x9E3779B97F4A7C15ull) & (s->cap - 1);
    while (s->slots[i] && s->slots[i] != key)
        i = (i + 1) & (s->cap - 1);
    return i;
}

static int grow(zs_keyset *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    uint64_t *old = s->slots;
    size_t oldcap = s->cap;
    s->slots = calloc(cap, sizeof *s->slots);
    if (!s->slots) {
        s->slots = old;
        return -1;
    }
    s->cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i])
            s->slots[slot_of(s, old[i])] = old[i];
    free(old);
    return 0;
}

int zs_keyset_add(zs_keyset *s, uint64_t key)
{
    if (key == 0) {
        int added = !s->has_zero;
        s->has_zero = 1;
        return added;
    }
    if ((s->count + 1) * 2 > s->cap && grow(s) < 0)
        return -1;
    size_t i = slot_of(s, key);
    if (s->slots[i])
        return 0;
    s->slots[i] = key;
    s->count++;
    return 1;
}

int zs_keyset_has(const zs_keyset *s, uint64_t key)
{
    if (key == 0)
        return s->has_zero;
    return s->cap && s->slots[slot_of(s, key)] == key;
}

void zs_keyset_free(zs_keyset *s)
{
    free(s->slots);
    zs_keyset_init(s);
}
