/* draft_lookup.c: the drafter of speculative decoding: prompt lookup over the ids so far (prompt
 * and generated). CadQuery programs repeat names, selectors and numbers, so the ids that followed
 * an earlier occurrence of the last few ids are a good guess for the next ones. */
#include "model.h"

/* 1 when hist[a..a+g) == hist[b..b+g) */
static int same_run(const int32_t *hist, int a, int b, int g)
{
    for (int i = 0; i < g; i++)
        if (hist[a + i] != hist[b + i])
            return 0;
    return 1;
}

/* The most recent match of the last g ids that is followed by kmax ids, else the match followed by
 * the most (the earliest); *len = how many ids follow it (capped at kmax). -1: no match. */
static int find_match(const int32_t *hist, int n, int g, int kmax, int *len)
{
    int best = -1;
    *len = 0;
    for (int j = n - g - 1; j >= 0 && *len < kmax; j--) {
        if (!same_run(hist, j, n - g, g))
            continue;
        int follow = n - (j + g) < kmax ? n - (j + g) : kmax;
        if (follow > *len) {
            best = j;
            *len = follow;
        }
    }
    return best;
}

int zc_draft_lookup(const int32_t *hist, int n, int ngram_max, int32_t *draft, int kmax)
{
    if (kmax <= 0)
        return 0;
    for (int g = ngram_max < n - 1 ? ngram_max : n - 1; g >= 1; g--) {
        int len, j = find_match(hist, n, g, kmax, &len);
        if (j < 0)
            continue;
        for (int i = 0; i < len; i++)
            draft[i] = hist[j + g + i];
        return len;
    }
    return 0;
}
