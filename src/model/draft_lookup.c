/* draft_lookup.c: the drafter of speculative decoding: prompt lookup over the ids so far (prompt
 * and generated), then over an optional corpus (CadQuery code, draft_corpus.c). CadQuery programs
 * repeat names, selectors and numbers, and every program uses the same API, so the ids that followed
 * an earlier occurrence of the last few ids are a good guess for the next ones. */
#include "model.h"

/* 1 when a[0..g) == b[0..g) */
static int same_run(const int32_t *a, const int32_t *b, int g)
{
    for (int i = 0; i < g; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* In src[0..ns), the most recent occurrence of pat[0..g) that is followed by kmax ids, else the one
 * followed by the most (the earliest); *len = how many ids follow it (capped at kmax). -1: none. */
static int find_match(const int32_t *src, int ns, const int32_t *pat, int g, int kmax, int *len)
{
    int best = -1;
    *len = 0;
    for (int j = ns - g - 1; j >= 0 && *len < kmax; j--) {
        if (src[j + g - 1] != pat[g - 1] || !same_run(src + j, pat, g))
            continue;
        int follow = ns - (j + g) < kmax ? ns - (j + g) : kmax;
        if (follow > *len) {
            best = j;
            *len = follow;
        }
    }
    return best;
}

static int copy_follow(const int32_t *src, int j, int len, int32_t *draft)
{
    for (int i = 0; i < len; i++)
        draft[i] = src[j + i];
    return len;
}

int zc_draft_lookup_corpus(const int32_t *hist, int n, const int32_t *corpus, int n_corpus, int ngram_max,
                           int32_t *draft, int kmax)
{
    if (kmax <= 0 || n <= 0)
        return 0;
    for (int g = ngram_max < n ? ngram_max : n; g >= 1; g--) {
        const int32_t *pat = hist + n - g;
        int len, j = find_match(hist, n, pat, g, kmax, &len);
        if (j >= 0)
            return copy_follow(hist, j + g, len, draft);
        if (corpus && (j = find_match(corpus, n_corpus, pat, g, kmax, &len)) >= 0)
            return copy_follow(corpus, j + g, len, draft);
    }
    return 0;
}

int zc_draft_lookup(const int32_t *hist, int n, int ngram_max, int32_t *draft, int kmax)
{
    return zc_draft_lookup_corpus(hist, n, NULL, 0, ngram_max, draft, kmax);
}
