/* curate_kmeanspp.c: greedy k-means++ seeding (Arthur and Vassilvitskii 2007; the greedy variant
 * scikit-learn uses): the first centroid a uniformly drawn row; at each next step 2 + ln(k)
 * candidate rows are drawn with probability proportional to D(x)^2, the squared distance of a row
 * to its nearest centroid so far, and the candidate that lowers the sum of D(x)^2 most is kept.
 * The distances to the candidates are one sgemm (rows x candidates) plus the norms. */
#include "curate.h"

#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TRIALS 32

typedef struct {
    const float *x;
    size_t n;
    int d;
    float *xnorm, *mind; /* n */
    float *dots;         /* n x trials */
    float *cand;         /* trials x d */
    double total;        /* sum of mind */
} pp_state;

/* Row drawn with probability mind[i] / total; uniform when every distance is 0. */
static size_t draw_row(const pp_state *s, zcur_rng *rng)
{
    double u = zcur_rng_uniform(rng);
    if (!(s->total > 0))
        return (size_t)(u * (double)s->n);
    double target = u * s->total, acc = 0;
    size_t last = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->mind[i] <= 0)
            continue;
        acc += s->mind[i];
        last = i;
        if (acc > target)
            return i;
    }
    return last; /* rounding left target at the very end */
}

static float sqdist_of(const pp_state *s, size_t i, double cn, float dot)
{
    float v = s->xnorm[i] + (float)cn - 2.0f * dot;
    return v < 0 ? 0 : v;
}

/* dots[i * t + c] = x_i . cand_c for the t candidates; cn[c] = ||cand_c||^2. */
static void candidate_dots(pp_state *s, int t, double *cn)
{
    for (int c = 0; c < t; c++) {
        double v = 0;
        for (int j = 0; j < s->d; j++)
            v += (double)s->cand[(size_t)c * s->d + j] * s->cand[(size_t)c * s->d + j];
        cn[c] = v;
    }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)s->n, t, s->d, 1.0f, s->x, s->d, s->cand, s->d,
                0.0f, s->dots, t);
}

/* The candidate whose addition gives the lowest sum of min(mind, distance); then mind updated. */
static int keep_best(pp_state *s, int t, const double *cn)
{
    int best = 0;
    double best_pot = 0;
    for (int c = 0; c < t; c++) {
        double pot = 0;
        for (size_t i = 0; i < s->n; i++) {
            float v = sqdist_of(s, i, cn[c], s->dots[i * t + c]);
            pot += v < s->mind[i] ? v : s->mind[i];
        }
        if (c == 0 || pot < best_pot) {
            best = c;
            best_pot = pot;
        }
    }
    s->total = 0;
    for (size_t i = 0; i < s->n; i++) {
        float v = sqdist_of(s, i, cn[best], s->dots[i * t + best]);
        if (v < s->mind[i])
            s->mind[i] = v;
        s->total += s->mind[i];
    }
    return best;
}

static int pp_alloc(pp_state *s, int trials, char *err, size_t errlen)
{
    s->xnorm = malloc(s->n * sizeof *s->xnorm);
    s->mind = malloc(s->n * sizeof *s->mind);
    s->dots = malloc(s->n * (size_t)trials * sizeof *s->dots);
    s->cand = malloc((size_t)trials * s->d * sizeof *s->cand);
    if (!s->xnorm || !s->mind || !s->dots || !s->cand) {
        snprintf(err, errlen, "k-means++: out of memory for %zu rows", s->n);
        return -1;
    }
    for (size_t i = 0; i < s->n; i++) {
        double v = 0;
        for (int j = 0; j < s->d; j++)
            v += (double)s->x[i * s->d + j] * s->x[i * s->d + j];
        s->xnorm[i] = (float)v;
        s->mind[i] = INFINITY;
    }
    return 0;
}

int zcur_kmeanspp(const float *x, size_t n, int d, int k, uint64_t seed, float *c, size_t *rows, char *err,
                  size_t errlen)
{
    if (k < 1 || (size_t)k > n) {
        snprintf(err, errlen, "k-means++: %d centroids for %zu rows", k, n);
        return -1;
    }
    if (n > (size_t)2147483647 / MAX_TRIALS) {
        snprintf(err, errlen, "k-means++: %zu rows exceed the BLAS index range", n);
        return -1;
    }
    int trials = 2 + (int)log((double)k);
    if (trials > MAX_TRIALS)
        trials = MAX_TRIALS;
    pp_state s = {.x = x, .n = n, .d = d};
    int rc = pp_alloc(&s, trials, err, errlen);
    zcur_rng rng;
    zcur_rng_seed(&rng, seed);
    for (int j = 0; !rc && j < k; j++) {
        int t = j == 0 ? 1 : trials;
        size_t pick[MAX_TRIALS];
        double cn[MAX_TRIALS];
        for (int q = 0; q < t; q++) {
            pick[q] = j == 0 ? (size_t)(zcur_rng_uniform(&rng) * (double)n) : draw_row(&s, &rng);
            memcpy(s.cand + (size_t)q * d, x + pick[q] * d, (size_t)d * sizeof *c);
        }
        candidate_dots(&s, t, cn);
        int best = keep_best(&s, t, cn);
        memcpy(c + (size_t)j * d, x + pick[best] * d, (size_t)d * sizeof *c);
        if (rows)
            rows[j] = pick[best];
    }
    free(s.xnorm), free(s.mind), free(s.dots), free(s.cand);
    return rc;
}
