/* tokenizer_split.c: the pre-tokenizer: each Split step cuts every current piece at the matches
 * of its regex (PCRE2, UTF + Unicode properties) following the step's behavior, exactly as the
 * tokenizers library's SplitDelimiterBehavior does; a ByteLevel add_prefix_space step prepends a
 * space to pieces that lack one. Pieces are handed on depth-first, so they come out in order. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "tokenizer_internal.h"

typedef struct {
    size_t start, end;
    int match;
} span;

typedef struct {
    span *v;
    size_t n, cap;
} span_list;

typedef struct {
    const zc_tokenizer *t;
    pcre2_match_data *md[8];
    tok_piece_fn fn;
    void *ctx;
} split_run;

static int push_span(span_list *l, size_t start, size_t end, int match)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 32;
        span *v = realloc(l->v, ncap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = ncap;
    }
    l->v[l->n++] = (span){start, end, match};
    return 0;
}

/* Matches and the gaps between them, covering s[0..n). */
static int find_matches(const tok_pretok_step *st, pcre2_match_data *md, const char *s, size_t n,
                        span_list *out)
{
    size_t off = 0, prev = 0;
    while (off <= n) {
        int rc = pcre2_match((const pcre2_code *)st->re, (PCRE2_SPTR)s, n, off,
                             PCRE2_NO_UTF_CHECK, md, NULL);
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        if (rc < 0)
            return -1;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        size_t start = ov[0], end = ov[1];
        if (start > prev && push_span(out, prev, start, 0) < 0)
            return -1;
        if (push_span(out, start, end, 1) < 0)
            return -1;
        prev = end;
        if (end > start) {
            off = end;
        } else {
            if (end >= n)
                break;
            size_t bad, len = tok_utf8_seq((const unsigned char *)s + end, n - end, &bad, 0);
            off = end + (len ? len : 1);
        }
    }
    if (prev < n && push_span(out, prev, n, 0) < 0)
        return -1;
    return 0;
}

/* Rewrites the list in place following the behavior (tokenizers' SplitDelimiterBehavior). */
static void apply_behavior(span_list *l, int behavior)
{
    size_t o = 0;
    int prev_match = 0, have_prev = 0;
    switch (behavior) {
    case TOK_SPLIT_REMOVED:
        for (size_t i = 0; i < l->n; i++)
            if (!l->v[i].match)
                l->v[o++] = l->v[i];
        break;
    case TOK_SPLIT_ISOLATED:
        o = l->n;
        break;
    case TOK_SPLIT_MERGED_WITH_PREVIOUS:
        for (size_t i = 0; i < l->n; i++) {
            int m = l->v[i].match;
            if (m && !prev_match && o > 0)
                l->v[o - 1].end = l->v[i].end;
            else
                l->v[o++] = l->v[i];
            prev_match = m;
        }
        break;
    case TOK_SPLIT_MERGED_WITH_NEXT:
        /* Walk backwards, merging a match into the piece after it. */
        o = l->n;
        for (size_t k = l->n; k-- > 0;) {
            int m = l->v[k].match;
            if (m && !prev_match && o < l->n)
                l->v[o].start = l->v[k].start;
            else
                l->v[--o] = l->v[k];
            prev_match = m;
        }
        memmove(l->v, l->v + o, (l->n - o) * sizeof *l->v);
        o = l->n - o;
        break;
    default: /* TOK_SPLIT_CONTIGUOUS */
        for (size_t i = 0; i < l->n; i++) {
            int m = l->v[i].match;
            if (have_prev && m == prev_match && o > 0)
                l->v[o - 1].end = l->v[i].end;
            else
                l->v[o++] = l->v[i];
            prev_match = m;
            have_prev = 1;
        }
        break;
    }
    l->n = o;
}

static int run_step(split_run *r, size_t k, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (k == r->t->n_steps)
        return r->fn(r->ctx, s, n);
    const tok_pretok_step *st = &r->t->steps[k];
    if (st->add_prefix_space) {
        if (s[0] == ' ')
            return run_step(r, k + 1, s, n);
        char *p = malloc(n + 1);
        if (!p)
            return -1;
        p[0] = ' ';
        memcpy(p + 1, s, n);
        int rc = run_step(r, k + 1, p, n + 1);
        free(p);
        return rc;
    }
    span_list l = {0};
    int rc = find_matches(st, r->md[k], s, n, &l);
    if (rc == 0) {
        if (st->invert)
            for (size_t i = 0; i < l.n; i++)
                l.v[i].match = !l.v[i].match;
        apply_behavior(&l, st->behavior);
        for (size_t i = 0; i < l.n && rc == 0; i++)
            rc = run_step(r, k + 1, s + l.v[i].start, l.v[i].end - l.v[i].start);
    }
    free(l.v);
    return rc;
}

int tok_pretokenize(const zc_tokenizer *t, const char *s, size_t n, tok_piece_fn fn, void *ctx)
{
    split_run r = {.t = t, .fn = fn, .ctx = ctx};
    int rc = 0;
    for (size_t k = 0; k < t->n_steps; k++) {
        if (!t->steps[k].re)
            continue;
        r.md[k] = pcre2_match_data_create_from_pattern((const pcre2_code *)t->steps[k].re, NULL);
        if (!r.md[k])
            rc = -1;
    }
    if (rc == 0)
        rc = run_step(&r, 0, s, n);
    for (size_t k = 0; k < t->n_steps; k++)
        pcre2_match_data_free(r.md[k]);
    return rc;
}
