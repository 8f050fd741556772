/* test_curate_kmeans.c: k-means++ and k-means of src/synth on data whose answer is known without
 * them: the nearest centroid against a brute-force double-precision search, four points on a line
 * (analytic centroids and inertia), and planted Gaussian clusters (the representatives are one per
 * planted cluster, the clusters are recovered exactly, the same seed gives the same result),
 * duplicate rows (still k distinct representatives) and bad k. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curate.h"

#include "check.h"

/* Box-Muller normal from the test's own generator (a 64-bit LCG, unrelated to the library's). */
static uint64_t lcg_state = 12345;
static double lcg_uniform(void)
{
    lcg_state = lcg_state * 6364136223846793005ull + 1442695040888963407ull;
    return ((double)(lcg_state >> 11) + 0.5) / 9007199254740992.0;
}
static double normal(void)
{
    return sqrt(-2.0 * log(lcg_uniform())) * cos(2 * M_PI * lcg_uniform());
}

static void test_assign_brute_force(void)
{
    enum { N = 1500, D = 37, K = 13 };
    float *x = malloc(sizeof(float) * N * D), *c = malloc(sizeof(float) * K * D), *dist = malloc(sizeof(float) * N);
    int *assign = malloc(sizeof(int) * N);
    for (int i = 0; i < N * D; i++)
        x[i] = (float)normal();
    for (int i = 0; i < K * D; i++)
        c[i] = (float)normal();
    char err[256];
    CHECK(zcur_assign(x, NULL, N, D, c, K, assign, dist, err, sizeof err) == 0);
    int mismatches = 0;
    for (int i = 0; i < N; i++) {
        double best = INFINITY, second = INFINITY;
        int bj = -1;
        for (int j = 0; j < K; j++) {
            double s = 0;
            for (int t = 0; t < D; t++)
                s += ((double)x[i * D + t] - c[j * D + t]) * ((double)x[i * D + t] - c[j * D + t]);
            if (s < best) {
                second = best;
                best = s;
                bj = j;
            } else if (s < second)
                second = s;
        }
        /* a float near-tie may go either way; anything else must agree */
        if (assign[i] != bj && second - best > 1e-3 * best)
            mismatches++;
        if (fabs(dist[i] - best) > 1e-4 * (1 + best))
            mismatches++;
    }
    CHECK(mismatches == 0);
    free(x), free(c), free(dist), free(assign);
}

static void test_line(void)
{
    const float x[4] = {0, 1, 10, 11};
    size_t reps[2];
    int assign[4];
    zcur_kmeans_info info;
    char err[256];
    zcur_kmeans_opts o = {.seed = 7};
    CHECK(zcur_kmeans(x, 4, 1, 2, &o, reps, assign, &info, err, sizeof err) == 0);
    CHECK(assign[0] == assign[1] && assign[2] == assign[3] && assign[0] != assign[2]);
    CHECK(fabs(info.inertia - 1.0) < 1e-9); /* four points 0.5 from their centroid */
    CHECK(info.converged);
    /* ties 0/1 and 10/11 resolve to the lower row */
    size_t lo = reps[0] < reps[1] ? reps[0] : reps[1], hi = reps[0] < reps[1] ? reps[1] : reps[0];
    CHECK(lo == 0 && hi == 2);
}

typedef struct {
    float *x;
    int *label;
    size_t n;
} planted;

/* k clusters in d dimensions, centres 100 apart at least, unit spread, sizes 20 + 7j, rows shuffled. */
static planted make_clusters(int k, int d)
{
    planted p = {0};
    double *centre = malloc(sizeof(double) * k * d);
    for (int j = 0; j < k; j++) {
        for (;;) {
            for (int t = 0; t < d; t++)
                centre[j * d + t] = 400 * (lcg_uniform() - 0.5);
            int ok = 1;
            for (int q = 0; q < j && ok; q++) {
                double s = 0;
                for (int t = 0; t < d; t++)
                    s += (centre[j * d + t] - centre[q * d + t]) * (centre[j * d + t] - centre[q * d + t]);
                ok = sqrt(s) >= 100;
            }
            if (ok)
                break;
        }
        p.n += 20 + 7 * (size_t)j;
    }
    p.x = malloc(sizeof(float) * p.n * d);
    p.label = malloc(sizeof(int) * p.n);
    size_t r = 0;
    for (int j = 0; j < k; j++)
        for (int m = 0; m < 20 + 7 * j; m++, r++) {
            p.label[r] = j;
            for (int t = 0; t < d; t++)
                p.x[r * d + t] = (float)(centre[j * d + t] + normal());
        }
    for (size_t i = p.n - 1; i > 0; i--) { /* Fisher-Yates */
        size_t q = (size_t)(lcg_uniform() * (double)(i + 1));
        int tl = p.label[i];
        p.label[i] = p.label[q];
        p.label[q] = tl;
        for (int t = 0; t < d; t++) {
            float tv = p.x[i * d + t];
            p.x[i * d + t] = p.x[q * d + t];
            p.x[q * d + t] = tv;
        }
    }
    free(centre);
    return p;
}

static void test_planted_clusters(void)
{
    enum { K = 9, D = 16 };
    planted p = make_clusters(K, D);
    char err[256];
    for (uint64_t seed = 0; seed < 12; seed++) {
        size_t reps[K], reps2[K], pprows[K];
        int *assign = malloc(sizeof(int) * p.n), *assign2 = malloc(sizeof(int) * p.n);
        float c[K * D];
        /* k-means++ alone already draws one row per planted cluster at this separation */
        CHECK(zcur_kmeanspp(p.x, p.n, D, K, seed, c, pprows, err, sizeof err) == 0);
        int seen[K] = {0};
        for (int j = 0; j < K; j++)
            seen[p.label[pprows[j]]]++;
        for (int j = 0; j < K; j++)
            CHECK(seen[j] == 1);
        zcur_kmeans_opts o = {.seed = seed};
        zcur_kmeans_info info;
        CHECK(zcur_kmeans(p.x, p.n, D, K, &o, reps, assign, &info, err, sizeof err) == 0);
        memset(seen, 0, sizeof seen);
        for (int j = 0; j < K; j++) {
            seen[p.label[reps[j]]]++;
            CHECK(assign[reps[j]] == j);
        }
        for (int j = 0; j < K; j++)
            CHECK(seen[j] == 1);
        /* the found clusters are the planted ones: same label <=> same cluster */
        int map[K];
        for (int j = 0; j < K; j++)
            map[j] = -1;
        int impure = 0;
        for (size_t i = 0; i < p.n; i++) {
            if (map[p.label[i]] < 0)
                map[p.label[i]] = assign[i];
            else if (map[p.label[i]] != assign[i])
                impure++;
        }
        CHECK(impure == 0);
        CHECK(info.converged && info.empty_repairs == 0);
        /* deterministic */
        CHECK(zcur_kmeans(p.x, p.n, D, K, &o, reps2, assign2, NULL, err, sizeof err) == 0);
        CHECK(memcmp(reps, reps2, sizeof reps) == 0);
        CHECK(memcmp(assign, assign2, sizeof(int) * p.n) == 0);
        free(assign), free(assign2);
    }
    free(p.x), free(p.label);
}

static void test_duplicates_and_limits(void)
{
    enum { N = 10, D = 3 };
    float x[N * D];
    for (int i = 0; i < N * D; i++)
        x[i] = 2.5f; /* every row the same */
    size_t reps[N];
    int assign[N];
    zcur_kmeans_info info;
    char err[256];
    zcur_kmeans_opts o = {.seed = 3};
    CHECK(zcur_kmeans(x, N, D, 4, &o, reps, assign, &info, err, sizeof err) == 0);
    for (int a = 0; a < 4; a++)
        for (int b = a + 1; b < 4; b++)
            CHECK(reps[a] != reps[b]);
    CHECK(info.empty_repairs > 0);
    /* k = n: every row is its own cluster */
    CHECK(zcur_kmeans(x, N, D, N, &o, reps, assign, &info, err, sizeof err) == 0);
    int seen[N] = {0};
    for (int j = 0; j < N; j++)
        seen[reps[j]]++;
    for (int j = 0; j < N; j++)
        CHECK(seen[j] == 1);
    /* bad k */
    err[0] = 0;
    CHECK(zcur_kmeans(x, N, D, N + 1, &o, reps, assign, &info, err, sizeof err) == -1 && strstr(err, "11"));
    CHECK(zcur_kmeans(x, N, D, 0, &o, reps, assign, &info, err, sizeof err) == -1);
}

static void test_rng(void)
{
    /* splitmix64 reference values (seed 0): the published first outputs */
    zcur_rng r;
    zcur_rng_seed(&r, 0);
    CHECK(zcur_rng_next(&r) == 0xE220A8397B1DCDAFull);
    CHECK(zcur_rng_next(&r) == 0x6E789E6AA1B965F4ull);
}

int main(void)
{
    test_rng();
    test_assign_brute_force();
    test_line();
    test_planted_clusters();
    test_duplicates_and_limits();
    if (failures)
        fprintf(stderr, "test_curate_kmeans: %d check(s) failed\n", failures);
    else
        printf("test_curate_kmeans: ok\n");
    return failures != 0;
}
