/* curate_mesh.c: the mesh blocks of the default descriptor: the D2 shape distribution (Osada et
 * al. 2002: distances between random pairs of surface points, area-weighted, divided by their mean)
 * and the normalized eigenvalues of the surface's second-moment (inertia) matrix, computed with
 * LAPACK's dsyev from OpenBLAS. Both are invariant to translation, rotation and scale. */
#include "curate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define D2_SEED 0x44325f7368617065ull /* fixed: the same mesh always gives the same histogram */
#define D2_RANGE 3.0                  /* histogram over [0, 3) mean distances, last bin open */

/* LAPACK (Fortran ABI, as shipped in libopenblas): symmetric eigenvalues, ascending. */
extern void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
                   double *work, const int *lwork, int *info, size_t jobz_len, size_t uplo_len);

static const float *vtx(const float *points, const uint32_t *tris, size_t t, int k)
{
    return points + 3 * (size_t)tris[3 * t + k];
}

static double tri_area(const float *a, const float *b, const float *c)
{
    double u[3], v[3];
    for (int i = 0; i < 3; i++) {
        u[i] = (double)b[i] - a[i];
        v[i] = (double)c[i] - a[i];
    }
    double x = u[1] * v[2] - u[2] * v[1], y = u[2] * v[0] - u[0] * v[2], z = u[0] * v[1] - u[1] * v[0];
    return 0.5 * sqrt(x * x + y * y + z * z);
}

/* Uniform point of the surface: a triangle drawn by area (binary search in cum), then a uniform
 * point inside it. */
static void sample_point(const float *points, const uint32_t *tris, const double *cum, size_t ntris,
                         zcur_rng *rng, double p[3])
{
    double u = zcur_rng_uniform(rng) * cum[ntris - 1];
    size_t lo = 0, hi = ntris - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cum[mid] > u)
            hi = mid;
        else
            lo = mid + 1;
    }
    const float *a = vtx(points, tris, lo, 0), *b = vtx(points, tris, lo, 1), *c = vtx(points, tris, lo, 2);
    double r1 = sqrt(zcur_rng_uniform(rng)), r2 = zcur_rng_uniform(rng);
    for (int i = 0; i < 3; i++)
        p[i] = (1 - r1) * a[i] + r1 * (1 - r2) * b[i] + r1 * r2 * c[i];
}

static void d2_histogram(const float *points, const uint32_t *tris, const double *cum, size_t ntris, float *d2)
{
    double dist[ZCUR_D2_PAIRS];
    double mean = 0;
    zcur_rng rng;
    zcur_rng_seed(&rng, D2_SEED);
    for (int i = 0; i < ZCUR_D2_PAIRS; i++) {
        double p[3], q[3];
        sample_point(points, tris, cum, ntris, &rng, p);
        sample_point(points, tris, cum, ntris, &rng, q);
        dist[i] = sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
        mean += dist[i];
    }
    mean /= ZCUR_D2_PAIRS;
    memset(d2, 0, ZCUR_D2_BINS * sizeof *d2);
    for (int i = 0; i < ZCUR_D2_PAIRS; i++) {
        int b = mean > 0 ? (int)(dist[i] / mean / D2_RANGE * ZCUR_D2_BINS) : 0;
        d2[b < ZCUR_D2_BINS ? b : ZCUR_D2_BINS - 1] += 1.0f / ZCUR_D2_PAIRS;
    }
}

/* Second moments of the surface about its area centroid: for a triangle (a, b, c) of area A with
 * s = a + b + c, the integral of x x^T over it is A/12 (a a^T + b b^T + c c^T + s s^T). */
static int inertia_eigen(const float *points, const uint32_t *tris, size_t ntris, double area, float *out)
{
    double m1[3] = {0}, m2[9] = {0};
    for (size_t t = 0; t < ntris; t++) {
        const float *v[3] = {vtx(points, tris, t, 0), vtx(points, tris, t, 1), vtx(points, tris, t, 2)};
        double a = tri_area(v[0], v[1], v[2]), s[3];
        for (int i = 0; i < 3; i++)
            s[i] = (double)v[0][i] + v[1][i] + v[2][i];
        for (int i = 0; i < 3; i++) {
            m1[i] += a * s[i] / 3.0;
            for (int j = 0; j < 3; j++) {
                double vv = (double)v[0][i] * v[0][j] + (double)v[1][i] * v[1][j] + (double)v[2][i] * v[2][j];
                m2[3 * i + j] += a / 12.0 * (vv + s[i] * s[j]);
            }
        }
    }
    double cov[9];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            cov[3 * i + j] = m2[3 * i + j] / area - (m1[i] / area) * (m1[j] / area);
    double w[3], work[64];
    int n = 3, lwork = 64, info = 0;
    dsyev_("N", "U", &n, cov, &n, w, work, &lwork, &info, 1, 1);
    if (info != 0)
        return -1;
    double sum = fabs(w[0]) + fabs(w[1]) + fabs(w[2]);
    for (int i = 0; i < 3; i++)
        out[i] = sum > 0 ? (float)(fabs(w[2 - i]) / sum) : 0.0f;
    return 0;
}

int zcur_mesh_features(const float *points, size_t npoints, const uint32_t *tris, size_t ntris, float *d2,
                       float *inertia, char *err, size_t errlen)
{
    for (size_t i = 0; i < 3 * ntris; i++)
        if (tris[i] >= npoints) {
            snprintf(err, errlen, "mesh: triangle vertex %u out of %zu points", tris[i], npoints);
            return -1;
        }
    double *cum = ntris ? malloc(ntris * sizeof *cum) : NULL;
    if (ntris && !cum) {
        snprintf(err, errlen, "mesh: out of memory for %zu triangles", ntris);
        return -1;
    }
    double area = 0;
    for (size_t t = 0; t < ntris; t++)
        cum[t] = (area += tri_area(vtx(points, tris, t, 0), vtx(points, tris, t, 1), vtx(points, tris, t, 2)));
    if (!(area > 0) || !isfinite(area)) {
        free(cum);
        snprintf(err, errlen, "mesh: the surface has no area");
        return -1;
    }
    d2_histogram(points, tris, cum, ntris, d2);
    free(cum);
    if (inertia_eigen(points, tris, ntris, area, inertia)) {
        snprintf(err, errlen, "mesh: the inertia eigenvalues did not converge");
        return -1;
    }
    return 0;
}
