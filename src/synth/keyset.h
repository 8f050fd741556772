/* keyset.h: a set of 64-bit keys (open addressing), for the engine's dedup keys and uuids. */
#ifndef ZS_KEYSET_H
#define ZS_KEYSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t *slots;           /* 0 marks a free slot; key 0 is kept in has_zero */
    size_t cap, count;
    int has_zero;
} zs_keyset;

void zs_keyset_init(zs_keyset *s);
/* 1 added, 0 already there, -1 out of memory. */
int zs_keyset_add(zs_keyset *s, uint64_t key);
int zs_keyset_has(const zs_keyset *s, uint64_t key);
void zs_keyset_free(zs_keyset *s);

#endif
