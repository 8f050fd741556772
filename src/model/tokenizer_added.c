/* tokenizer_added.c: splits text on added tokens before the normalizer and BPE see it: scanning
 * left to right, the longest added token starting at the leftmost position wins (the
 * leftmost-longest rule of the tokenizers library), honouring single_word, lstrip and rstrip. */
#include <string.h>

#include "tokenizer_internal.h"

/* Code point ending right before s[pos] (pos > 0), and where it starts. */
static int32_t cp_before(const char *s, size_t pos, size_t *start)
{
    size_t i = pos - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && pos - i < 4)
        i--;
    int32_t cp;
    tok_utf8_decode((const unsigned char *)s + i, pos - i, &cp);
    *start = i;
    return cp;
}

static int32_t cp_at(const char *s, size_t n, size_t pos, size_t *len)
{
    int32_t cp;
    *len = tok_utf8_decode((const unsigned char *)s + pos, n - pos, &cp);
    return cp;
}

/* Longest added token of the requested kind at s[i], or -1. */
static int longest_at(const zc_tokenizer *t, const char *s, size_t n, size_t i, int normalized)
{
    int best = -1;
    for (size_t k = 0; k < t->n_added; k++) {
        const tok_added *a = &t->added[k];
        if ((a->normalized != 0) != (normalized != 0) || a->len > n - i)
            continue;
        if (a->content[0] != s[i] || memcmp(a->content, s + i, a->len) != 0)
            continue;
        if (best < 0 || a->len > t->added[best].len)
            best = (int)k;
    }
    return best;
}

static int single_word_ok(const char *s, size_t n, size_t start, size_t end)
{
    size_t at, len;
    if (start > 0 && tok_is_word_char(cp_before(s, start, &at)))
        return 0;
    if (end < n && tok_is_word_char(cp_at(s, n, end, &len)))
        return 0;
    return 1;
}

int tok_split_added(const zc_tokenizer *t, const char *s, size_t n, int normalized,
                    tok_piece_fn text_fn, void *ctx, tok_ids *out)
{
    unsigned char first[256] = {0};
    int any = 0;
    for (size_t k = 0; k < t->n_added; k++)
        if ((t->added[k].normalized != 0) == (normalized != 0))
            first[(unsigned char)t->added[k].content[0]] = 1, any = 1;
    if (!any)
        return text_fn(ctx, s, n);
    size_t done = 0; /* end of the last piece handed on */
    size_t i = 0;
    while (i < n) {
        if (!first[(unsigned char)s[i]]) {
            i++;
            continue;
        }
        int k = longest_at(t, s, n, i, normalized);
        if (k < 0) {
            i++;
            continue;
        }
        const tok_added *a = &t->added[k];
        size_t start = i, end = i + a->len;
        if (a->single_word && !single_word_ok(s, n, start, end)) {
            i = end;
            continue;
        }
        while (a->lstrip && start > done) {
            size_t at;
            if (!tok_is_whitespace(cp_before(s, start, &at)))
                break;
            start = at < done ? done : at;
        }
        while (a->rstrip && end < n) {
            size_t len;
            if (!tok_is_whitespace(cp_at(s, n, end, &len)))
                break;
            end += len;
        }
        if (start > done && text_fn(ctx, s + done, start - done) < 0)
            return -1;
        if (tok_ids_push(out, a->id) < 0)
            return -1;
        done = i = end;
    }
    if (done < n && text_fn(ctx, s + done, n - done) < 0)
        return -1;
    return 0;
}
