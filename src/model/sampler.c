/* sampler.c: next-token choice with transformers' semantics and order: repetition penalty (on
 * every id seen, prompt included; also in greedy mode), then temperature, top-k, top-p, softmax
 * and a draw from the resulting distribution with our own deterministic PRNG (xoshiro256**
 * seeded by splitmix64). Temperature <= 0 means greedy (first maximal id). */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct zc_sampler {
    zc_sampler_params p;
    int vocab;
    zc_rng rng;
    unsigned char *seen;
    int *idx;
};

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void zc_rng_seed(zc_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(zc_rng *r)
{
    uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

double zc_rng_uniform(zc_rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

zc_sampler *zc_sampler_new(const zc_sampler_params *p, int vocab)
{
    zc_sampler *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->p = *p;
    s->vocab = vocab;
    s->seen = calloc((size_t)vocab, 1);
    s->idx = malloc((size_t)vocab * sizeof(int));
    if (!s->seen || !s->idx) {
        zc_sampler_free(s);
        return NULL;
    }
    zc_rng_seed(&s->rng, p->seed);
    return s;
}

void zc_sampler_free(zc_sampler *s)
{
    if (!s)
        return;
    free(s->seen);
    free(s->idx);
    free(s);
}

static void repetition_penalty(zc_sampler *s, float *l, const int32_t *hist, int n)
{
    float pen = s->p.repetition_penalty;
    if (pen == 1.0f || pen <= 0)
        return;
    memset(s->seen, 0, (size_t)s->vocab);
    for (int i = 0; i < n; i++) {
        int t = hist[i];
        if (t < 0 || t >= s->vocab || s->seen[t])
            continue;
        s->seen[t] = 1;
        l[t] = l[t] < 0 ? l[t] * pen : l[t] / pen;
    }
}

static int32_t argmax(const float *l, int n)
{
    int32_t best = 0;
    for (int i = 1; i < n; i++)
        if (l[i] > l[best])
            best = i;
    return best;
}

static const float *cmp_base;
static int cmp_asc(const void *a, const void *b)
{
    float x = cmp_base[*(const int *)a], y = cmp_base[*(const int *)b];
    if (x != y)
        return x < y ? -1 : 1;
    return *(const int *)a - *(const int *)b;
}

/* Keeps the ids whose value is >= the k-th largest. */
static void top_k(zc_sampler *s, float *l)
{
    int k = s->p.top_k;
    if (k <= 0 || k >= s->vocab)
        return;
    for (int i = 0; i < s->vocab; i++)
        s->idx[i] = i;
    cmp_base = l;
    qsort(s->idx, (size_t)s->vocab, sizeof(int), cmp_asc);
    float kth = l[s->idx[s->vocab - k]];
    for (int i = 0; i < s->vocab; i++)
        if (l[i] < kth)
            l[i] = -INFINITY;
}

/* Ascending sort, softmax, cumulative sum; ids whose cumulative mass <= 1 - top_p go, the
 * largest always stays. */
static void top_p(zc_sampler *s, float *l)
{
    if (s->p.top_p >= 1.0f)
        return;
    int n = 0;
    for (int i = 0; i < s->vocab; i++)
        if (l[i] > -INFINITY)
            s->idx[n++] = i;
    cmp_base = l;
    qsort(s->idx, (size_t)n, sizeof(int), cmp_asc);
    double mx = l[s->idx[n - 1]], z = 0, cum = 0;
    for (int i = 0; i < n; i++)
        z += exp((double)l[s->idx[i]] - mx);
    for (int i = 0; i < n - 1; i++) {
        cum += exp((double)l[s->idx[i]] - mx) / z;
        if (cum <= 1.0 - (double)s->p.top_p)
            l[s->idx[i]] = -INFINITY;
    }
}

static int32_t draw(zc_sampler *s, const float *l)
{
    int32_t best = argmax(l, s->vocab);
    double mx = l[best], z = 0;
    for (int i = 0; i < s->vocab; i++)
        z += l[i] > -INFINITY ? exp((double)l[i] - mx) : 0.0;
    double u = zc_rng_uniform(&s->rng) * z, cum = 0;
    for (int i = 0; i < s->vocab; i++) {
        if (l[i] == -INFINITY)
            continue;
        cum += exp((double)l[i] - mx);
        if (u < cum)
            return i;
    }
    return best;
}

int zc_sampler_is_greedy(const zc_sampler *s)
{
    return s->p.temperature <= 0;
}

int32_t zc_sampler_next(zc_sampler *s, float *logits, const int32_t *history, int n_history)
{
    repetition_penalty(s, logits, history, n_history);
    if (s->p.temperature <= 0)
        return argmax(logits, s->vocab);
    if (s->p.temperature != 1.0f)
        for (int i = 0; i < s->vocab; i++)
            logits[i] /= s->p.temperature;
    top_k(s, logits);
    top_p(s, logits);
    return draw(s, logits);
}
