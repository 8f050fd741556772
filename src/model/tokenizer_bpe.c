/* tokenizer_bpe.c: BPE of one pre-token. Symbols start as the byte-level characters of the
 * piece's bytes (or its UTF-8 characters without ByteLevel); the adjacent pair with the lowest
 * merge rank is merged first, the leftmost among equal ranks, using a binary heap of candidate
 * pairs with lazy invalidation: O(n log n) per piece. */
#include <stdlib.h>
#include <string.h>

#include "tokenizer_internal.h"

typedef struct {
    int32_t rank;
    int32_t pos;      /* index of the left symbol */
    int32_t left_id;  /* ids when the candidate was made: a changed symbol makes it stale */
    int32_t right_id;
} cand;

typedef struct {
    cand *v;
    size_t n, cap;
} cand_heap;

static int cand_less(const cand *a, const cand *b)
{
    return a->rank != b->rank ? a->rank < b->rank : a->pos < b->pos;
}

static int heap_push(cand_heap *h, cand c)
{
    if (h->n == h->cap) {
        size_t ncap = h->cap ? h->cap * 2 : 64;
        cand *v = realloc(h->v, ncap * sizeof *v);
        if (!v)
            return -1;
        h->v = v;
        h->cap = ncap;
    }
    size_t i = h->n++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!cand_less(&c, &h->v[p]))
            break;
        h->v[i] = h->v[p];
        i = p;
    }
    h->v[i] = c;
    return 0;
}

static cand heap_pop(cand_heap *h)
{
    cand top = h->v[0], last = h->v[--h->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && cand_less(&h->v[c + 1], &h->v[c]))
            c++;
        if (!cand_less(&h->v[c], &last))
            break;
        h->v[i] = h->v[c];
        i = c;
    }
    if (h->n)
        h->v[i] = last;
    return top;
}

typedef struct {
    int32_t *id, *prev, *next;
    size_t n;
} symbols;

static int sym_push(symbols *s, int32_t id)
{
    s->id[s->n] = id;
    s->prev[s->n] = (int32_t)s->n - 1;
    s->next[s->n] = -1;
    if (s->n)
        s->next[s->n - 1] = (int32_t)s->n;
    s->n++;
    return 0;
}

/* A character (its bytes) missing from the vocabulary: byte_fallback tokens, else unk. */
static void push_unknown(const zc_tokenizer *t, symbols *s, const unsigned char *b, size_t len,
                         int *last_unk)
{
    if (t->byte_fallback) {
        int ok = 1;
        for (size_t i = 0; i < len; i++)
            ok &= t->fallback_ids[b[i]] >= 0;
        if (ok) {
            for (size_t i = 0; i < len; i++)
                sym_push(s, t->fallback_ids[b[i]]);
            *last_unk = 0;
            return;
        }
    }
    if (t->unk_id < 0)
        return; /* no unk token: the character is dropped, as tokenizers does */
    if (!(t->fuse_unk && *last_unk))
        sym_push(s, t->unk_id);
    *last_unk = 1;
}

static void initial_symbols(const zc_tokenizer *t, const unsigned char *p, size_t n, symbols *s)
{
    int last_unk = 0;
    for (size_t i = 0; i < n;) {
        size_t len = 1;
        int32_t id;
        if (t->byte_level) {
            id = t->byte_ids[p[i]];
        } else {
            size_t bad;
            len = tok_utf8_seq(p + i, n - i, &bad, 0);
            if (!len)
                len = bad ? bad : 1;
            id = tok_strmap_get(&t->vocab, (const char *)p + i, len);
        }
        if (id >= 0) {
            sym_push(s, id);
            last_unk = 0;
        } else {
            push_unknown(t, s, p + i, len, &last_unk);
        }
        i += len;
    }
}

static int push_pair(const zc_tokenizer *t, cand_heap *h, const symbols *s, int32_t l)
{
    if (l < 0 || s->next[l] < 0)
        return 0;
    int32_t r = s->next[l], rank, merged;
    if (!tok_pairmap_get(&t->merges, s->id[l], s->id[r], &rank, &merged))
        return 0;
    return heap_push(h, (cand){rank, l, s->id[l], s->id[r]});
}

/* With ignore_merges, a piece that is itself a token is not split. */
static int whole_piece_id(const zc_tokenizer *t, const unsigned char *p, size_t n)
{
    if (!t->byte_level)
        return tok_strmap_get(&t->vocab, (const char *)p, n);
    char *mapped = malloc(n * 2 + 1);
    if (!mapped)
        return -1;
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        o += tok_utf8_encode(tok_byte_to_cp(p[i]), mapped + o);
    int32_t id = tok_strmap_get(&t->vocab, mapped, o);
    free(mapped);
    return id;
}

int tok_bpe(const zc_tokenizer *t, const char *str, size_t n, tok_ids *out)
{
    const unsigned char *p = (const unsigned char *)str;
    if (n == 0)
        return 0;
    if (t->ignore_merges) {
        int32_t id = whole_piece_id(t, p, n);
        if (id >= 0)
            return tok_ids_push(out, id);
    }
    /* byte_fallback may make up to one symbol per byte; unk fewer. */
    symbols s = {0};
    s.id = malloc(n * sizeof *s.id);
    s.prev = malloc(n * sizeof *s.prev);
    s.next = malloc(n * sizeof *s.next);
    cand_heap h = {0};
    int rc = -1;
    if (!s.id || !s.prev || !s.next)
        goto done;
    initial_symbols(t, p, n, &s);
    for (size_t i = 0; i + 1 < s.n; i++)
        if (push_pair(t, &h, &s, (int32_t)i) < 0)
            goto done;
    while (h.n) {
        cand c = heap_pop(&h);
        int32_t l = c.pos, r = s.next[l];
        if (s.id[l] != c.left_id || r < 0 || s.id[r] != c.right_id)
            continue; /* stale: one side has changed since */
        int32_t rank, merged;
        if (!tok_pairmap_get(&t->merges, s.id[l], s.id[r], &rank, &merged))
            continue;
        s.id[l] = merged;
        s.next[l] = s.next[r];
        if (s.next[r] >= 0)
            s.prev[s.next[r]] = l;
        s.id[r] = -1; /* dead */
        if (push_pair(t, &h, &s, s.prev[l]) < 0 || push_pair(t, &h, &s, l) < 0)
            goto done;
    }
    rc = 0;
    for (int32_t i = s.n ? 0 : -1; i >= 0 && rc == 0; i = s.next[i])
        rc = tok_ids_push(out, s.id[i]);
done:
    free(s.id), free(s.prev), free(s.next), free(h.v);
    return rc;
}
