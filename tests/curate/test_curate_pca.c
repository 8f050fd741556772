/* test_curate_pca.c: the PCA projection of src/synth/curate_pca.c on data with a known structure:
 * points in a 3-dimensional affine subspace of R^20 (plus 1e-4 noise) keep their pairwise distances
 * (computed here from the original rows) and nearly all the variance once projected on 3
 * components; the components come out largest variance first; bad sizes are refused. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curate.h"

#include "check.h"

static uint64_t lcg_state = 99;
static double lcg_uniform(void)
{
    lcg_state = lcg_state * 6364136223846793005ull + 1442695040888963407ull;
    return ((double)(lcg_state >> 11) + 0.5) / 9007199254740992.0;
}
static double normal(void)
{
    return sqrt(-2.0 * log(lcg_uniform())) * cos(2 * M_PI * lcg_uniform());
}

enum { N = 600, D = 20, M = 3 };

/* Three orthonormal directions of R^D by Gram-Schmidt on random vectors. */
static void directions(double u[M][D])
{
    for (int i = 0; i < M; i++) {
        for (int j = 0; j < D; j++)
            u[i][j] = normal();
        for (int q = 0; q < i; q++) {
            double dot = 0;
            for (int j = 0; j < D; j++)
                dot += u[i][j] * u[q][j];
            for (int j = 0; j < D; j++)
                u[i][j] -= dot * u[q][j];
        }
        double nrm = 0;
        for (int j = 0; j < D; j++)
            nrm += u[i][j] * u[i][j];
        for (int j = 0; j < D; j++)
            u[i][j] /= sqrt(nrm);
    }
}

static double dist(const float *a, const float *b, int d)
{
    double s = 0;
    for (int j = 0; j < d; j++)
        s += ((double)a[j] - b[j]) * ((double)a[j] - b[j]);
    return sqrt(s);
}

static void test_subspace(void)
{
    double u[M][D], scale[M] = {10, 5, 2};
    directions(u);
    float *x = malloc(sizeof(float) * N * D), *orig = malloc(sizeof(float) * N * D);
    for (int i = 0; i < N; i++) {
        double z[M];
        for (int q = 0; q < M; q++)
            z[q] = normal() * scale[q];
        for (int j = 0; j < D; j++) {
            double v = 3.0 + j * 0.5 + 1e-4 * normal();
            for (int q = 0; q < M; q++)
                v += z[q] * u[q][j];
            x[i * D + j] = (float)v;
        }
    }
    memcpy(orig, x, sizeof(float) * N * D);
    double explained = 0;
    char err[256];
    CHECK(zcur_pca(x, N, D, M, &explained, err, sizeof err) == 0);
    CHECK(explained > 0.99999 && explained <= 1.0 + 1e-9);
    double worst = 0;
    for (int i = 0; i < N; i += 7)
        for (int k = i + 1; k < N; k += 13) {
            double want = dist(orig + i * D, orig + k * D, D), got = dist(x + i * M, x + k * M, M);
            double e = fabs(got - want) / (want + 1e-9);
            worst = e > worst ? e : worst;
        }
    CHECK(worst < 1e-3);
    /* components come largest variance first, centred */
    double var[M] = {0}, mean[M] = {0};
    for (int i = 0; i < N; i++)
        for (int q = 0; q < M; q++) {
            mean[q] += x[i * M + q] / (double)N;
            var[q] += (double)x[i * M + q] * x[i * M + q] / N;
        }
    CHECK(var[0] > var[1] && var[1] > var[2]);
    for (int q = 0; q < M; q++)
        CHECK(fabs(mean[q]) < 1e-3 * sqrt(var[q]));
    free(x), free(orig);
}

static void test_line_and_errors(void)
{
    /* points on y = 2x: one component, coordinate differences = distances along the line */
    float x[2 * 5] = {0, 0, 1, 2, 2, 4, -1, -2, 3, 6};
    float orig[10];
    memcpy(orig, x, sizeof x);
    double explained = 0;
    char err[256];
    CHECK(zcur_pca(x, 5, 2, 1, &explained, err, sizeof err) == 0);
    CHECK(fabs(explained - 1.0) < 1e-9);
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 5; k++)
            CHECK(fabs(fabs(x[i] - x[k]) - dist(orig + 2 * i, orig + 2 * k, 2)) < 1e-5);
    /* the sign is fixed: the largest-magnitude component of (1, 2)/sqrt(5) is positive, so the point
     * (3, 6) projects above (0, 0) */
    CHECK(x[4] > x[0]);
    CHECK(zcur_pca(x, 5, 2, 2, NULL, err, sizeof err) == -1 && strstr(err, "PCA"));
    CHECK(zcur_pca(x, 5, 2, 0, NULL, err, sizeof err) == -1);
    CHECK(zcur_pca(x, 1, 2, 1, NULL, err, sizeof err) == -1);
}

int main(void)
{
    test_subspace();
    test_line_and_errors();
    if (failures)
        fprintf(stderr, "test_curate_pca: %d check(s) failed\n", failures);
    else
        printf("test_curate_pca: ok\n");
    return failures != 0;
}
