/* tokenizer_maps.c: the open-addressing hash maps of the tokenizer: token string -> id and
 * (left id, right id) -> (merge rank, merged id). */
#include <stdlib.h>
#include <string.h>

#include "tokenizer_internal.h"

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static uint64_t hash_u64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

static size_t strmap_find(const tok_strmap *m, const char *key, size_t len)
{
    size_t mask = m->cap - 1;
    size_t i = hash_bytes(key, len) & mask;
    while (m->keys[i]) {
        if (m->lens[i] == len && memcmp(m->keys[i], key, len) == 0)
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

static int strmap_grow(tok_strmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 1024;
    tok_strmap n = {0};
    n.cap = ncap;
    n.keys = calloc(ncap, sizeof *n.keys);
    n.lens = calloc(ncap, sizeof *n.lens);
    n.vals = calloc(ncap, sizeof *n.vals);
    if (!n.keys || !n.lens || !n.vals) {
        free(n.keys), free(n.lens), free(n.vals);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = strmap_find(&n, m->keys[i], m->lens[i]);
        n.keys[j] = m->keys[i];
        n.lens[j] = m->lens[i];
        n.vals[j] = m->vals[i];
    }
    n.count = m->count;
    free(m->keys), free(m->lens), free(m->vals);
    *m = n;
    return 0;
}

int tok_strmap_put(tok_strmap *m, const char *key, size_t len, int32_t val)
{
    if (len > UINT32_MAX)
        return -1;
    if ((m->count + 1) * 2 > m->cap && strmap_grow(m) < 0)
        return -1;
    size_t i = strmap_find(m, key, len);
    if (m->keys[i]) {
        m->vals[i] = val;
        return 0;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, key, len);
    copy[len] = 0;
    m->keys[i] = copy;
    m->lens[i] = (uint32_t)len;
    m->vals[i] = val;
    m->count++;
    return 0;
}

int32_t tok_strmap_get(const tok_strmap *m, const char *key, size_t len)
{
    if (!m->cap)
        return -1;
    size_t i = strmap_find(m, key, len);
    return m->keys[i] ? m->vals[i] : -1;
}

void tok_strmap_free(tok_strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys), free(m->lens), free(m->vals);
    memset(m, 0, sizeof *m);
}

static size_t pairmap_find(const tok_pairmap *m, uint64_t key)
{
    size_t mask = m->cap - 1;
    size_t i = hash_u64(key) & mask;
    while (m->keys[i] != UINT64_MAX && m->keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

static int pairmap_grow(tok_pairmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 1024;
    tok_pairmap n = {0};
    n.cap = ncap;
    n.keys = malloc(ncap * sizeof *n.keys);
    n.ranks = malloc(ncap * sizeof *n.ranks);
    n.merged = malloc(ncap * sizeof *n.merged);
    if (!n.keys || !n.ranks || !n.merged) {
        free(n.keys), free(n.ranks), free(n.merged);
        return -1;
    }
    memset(n.keys, 0xff, ncap * sizeof *n.keys);
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] == UINT64_MAX)
            continue;
        size_t j = pairmap_find(&n, m->keys[i]);
        n.keys[j] = m->keys[i];
        n.ranks[j] = m->ranks[i];
        n.merged[j] = m->merged[i];
    }
    n.count = m->count;
    free(m->keys), free(m->ranks), free(m->merged);
    *m = n;
    return 0;
}

int tok_pairmap_put(tok_pairmap *m, int32_t left, int32_t right, int32_t rank, int32_t merged)
{
    if ((m->count + 1) * 2 > m->cap && pairmap_grow(m) < 0)
        return -1;
    uint64_t key = ((uint64_t)(uint32_t)left << 32) | (uint32_t)right;
    size_t i = pairmap_find(m, key);
    if (m->keys[i] == UINT64_MAX)
        m->count++;
    m->keys[i] = key;
    m->ranks[i] = rank;
    m->merged[i] = merged;
    return 0;
}

int tok_pairmap_get(const tok_pairmap *m, int32_t left, int32_t right, int32_t *rank,
                    int32_t *merged)
{
    if (!m->cap)
        return 0;
    uint64_t key = ((uint64_t)(uint32_t)left << 32) | (uint32_t)right;
    size_t i = pairmap_find(m, key);
    if (m->keys[i] == UINT64_MAX)
        return 0;
    *rank = m->ranks[i];
    *merged = m->merged[i];
    return 1;
}

void tok_pairmap_free(tok_pairmap *m)
{
    free(m->keys), free(m->ranks), free(m->merged);
    memset(m, 0, sizeof *m);
}

int tok_ids_push(tok_ids *a, int32_t id)
{
    if (a->n == a->cap) {
        size_t ncap = a->cap ? a->cap * 2 : 64;
        int32_t *v = realloc(a->v, ncap * sizeof *v);
        if (!v)
            return -1;
        a->v = v;
        a->cap = ncap;
    }
    a->v[a->n++] = id;
    return 0;
}
