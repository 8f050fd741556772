/* test_metrics_units.c: unit tests of zc_metrics internals with independently computed values:
 * the 24 cube rotations form a group; a cube and a tetrahedron whose vertices and edges lie exactly
 * on ray rows voxelize to brute-force point-in-solid counts; a rotated grid equals the voxelization
 * of the rotated mesh; percentiles match numpy's; eigenvectors and Chamfer of known inputs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "metrics_internal.h"

static void matrix_of(const zm_rotation *r, int M[3][3])
{
    memset(M, 0, 9 * sizeof(int));
    for (int d = 0; d < 3; d++)
        M[r->axis[d]][d] = r->sign[d];
}

static int det(int M[3][3])
{
    return M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) - M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) +
           M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
}

static int find(int M[3][3])
{
    const zm_rotation *rots = zm_rotations();
    for (int r = 0; r < 24; r++) {
        int N[3][3];
        matrix_of(&rots[r], N);
        if (!memcmp(M, N, sizeof N))
            return r;
    }
    return -1;
}

static void test_rotation_group(void)
{
    const zm_rotation *rots = zm_rotations();
    int I[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    CHECKF(find(I) == 0, "identity is rotation 0");
    for (int a = 0; a < 24; a++) {
        int A[3][3];
        matrix_of(&rots[a], A);
        CHECKF(det(A) == 1, "rotation %d has det %d", a, det(A));
        for (int b = 0; b < 24; b++) {
            int B[3][3], C[3][3] = {{0}};
            matrix_of(&rots[b], B);
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    for (int k = 0; k < 3; k++)
                        C[i][j] += A[i][k] * B[k][j];
            CHECKF(find(C) >= 0, "product of %d and %d is not in the set", a, b);
            if (b != a) {
                CHECKF(memcmp(A, B, sizeof A) != 0, "rotations %d and %d are equal", a, b);
            }
        }
    }
}

static double centre(int i, int n)
{
    return -0.5 + (i + 0.5) / n;
}

/* A closed tetrahedron mesh with outward (counter-clockwise) triangles. */
static void tetra_mesh(const double P[4][3], zm_mesh *m)
{
    static const int faces[4][3] = {{0, 2, 1}, {0, 1, 3}, {1, 2, 3}, {0, 3, 2}};
    m->nv = 4;
    m->nt = 4;
    m->v = malloc(12 * sizeof(double));
    m->t = malloc(12 * sizeof(uint32_t));
    memcpy(m->v, P, 12 * sizeof(double));
    for (int f = 0; f < 4; f++)
        for (int c = 0; c < 3; c++)
            m->t[3 * f + c] = (uint32_t)faces[f][c];
    /* orient outward: make the signed volume positive */
    if (zm_mesh_volume(m) < 0)
        for (int f = 0; f < 4; f++) {
            uint32_t t = m->t[3 * f + 1];
            m->t[3 * f + 1] = m->t[3 * f + 2];
            m->t[3 * f + 2] = t;
        }
}

static double orient(const double *a, const double *b, const double *c, const double *p)
{
    double u[3], v[3], w[3];
    for (int d = 0; d < 3; d++) {
        u[d] = b[d] - a[d];
        v[d] = c[d] - a[d];
        w[d] = p[d] - a[d];
    }
    return u[0] * (v[1] * w[2] - v[2] * w[1]) - u[1] * (v[0] * w[2] - v[2] * w[0]) + u[2] * (v[0] * w[1] - v[1] * w[0]);
}

static int in_tetra(const double P[4][3], const double *p)
{
    double s0 = orient(P[1], P[2], P[3], p) * orient(P[1], P[2], P[3], P[0]);
    double s1 = orient(P[0], P[2], P[3], p) * orient(P[0], P[2], P[3], P[1]);
    double s2 = orient(P[0], P[1], P[3], p) * orient(P[0], P[1], P[3], P[2]);
    double s3 = orient(P[0], P[1], P[2], p) * orient(P[0], P[1], P[2], P[3]);
    return s0 > 0 && s1 > 0 && s2 > 0 && s3 > 0;
}

static int get_bit(const zm_grid *g, int i, int j, int k)
{
    return (int)((g->bits[((size_t)k * g->n + j) * g->words + (i >> 6)] >> (i & 63)) & 1);
}

static void test_cube_exact_fill(void)
{
    /* the cube [-0.5, 0.5]^3: its face diagonals pass exactly through the rows with y == +-z */
    static const double V[8][3] = {{-.5, -.5, -.5}, {.5, -.5, -.5}, {.5, .5, -.5}, {-.5, .5, -.5},
                                   {-.5, -.5, .5},  {.5, -.5, .5},  {.5, .5, .5},  {-.5, .5, .5}};
    static const uint32_t T[12][3] = {{0, 3, 2}, {0, 2, 1}, {4, 5, 6}, {4, 6, 7}, {0, 1, 5}, {0, 5, 4},
                                      {2, 3, 7}, {2, 7, 6}, {1, 2, 6}, {1, 6, 5}, {0, 4, 7}, {0, 7, 3}};
    zm_mesh m = {(double *)V, (uint32_t *)T, 8, 12};
    for (int n = 8; n <= 128; n *= 2) {
        zm_grid g;
        zm_grid_init(&g, n);
        double lo[3] = {-0.5, -0.5, -0.5};
        zm_voxelize(&m, lo, 1.0 / n, &g);
        CHECKF(zm_grid_count(&g) == (size_t)n * n * n, "cube at n=%d: %zu voxels", n, zm_grid_count(&g));
        zm_grid_free(&g);
    }
    CHECKF(fabs(zm_mesh_volume(&m) - 1) < 1e-12, "cube volume");
    CHECKF(fabs(zm_mesh_area(&m) - 6) < 1e-12, "cube area");
}

static void test_tetra_vertex_hits_and_rotations(void)
{
    int n = 32;
    /* vertices exactly on row centres (y, z), x generic */
    double P[4][3] = {{-0.41, centre(3, n), centre(5, n)},
                      {0.37, centre(20, n), centre(4, n)},
                      {0.05, centre(10, n), centre(28, n)},
                      {0.21, centre(12, n), centre(12, n)}};
    zm_mesh m;
    tetra_mesh(P, &m);
    zm_grid g;
    zm_grid_init(&g, n);
    double lo[3] = {-0.5, -0.5, -0.5};
    zm_voxelize(&m, lo, 1.0 / n, &g);
    size_t expected = 0, mismatches = 0;
    for (int k = 0; k < n; k++)
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) {
                double p[3] = {centre(i, n), centre(j, n), centre(k, n)};
                int in = in_tetra(P, p);
                expected += (size_t)in;
                mismatches += (size_t)(in != get_bit(&g, i, j, k));
            }
    CHECKF(expected > 100, "tetra too small (%zu)", expected);
    CHECKF(mismatches == 0, "tetra voxelization differs from brute force at %zu voxels (of %zu)", mismatches,
           expected);
    /* rotating the grid == voxelizing the rotated mesh (M^T p: exact for signed permutations) */
    const zm_rotation *rots = zm_rotations();
    for (int r = 0; r < 24; r++) {
        zm_mesh mr;
        zm_mesh_copy(&m, &mr);
        for (size_t v = 0; v < mr.nv; v++) {
            double q[3];
            for (int d = 0; d < 3; d++)
                q[d] = rots[r].sign[d] * m.v[3 * v + rots[r].axis[d]];
            memcpy(mr.v + 3 * v, q, sizeof q);
        }
        zm_grid gr;
        zm_grid_init(&gr, n);
        zm_voxelize(&mr, lo, 1.0 / n, &gr);
        size_t inter = zm_grid_and_count_rotated(&gr, &g, r);
        CHECKF(zm_grid_count(&gr) == expected && inter == expected,
               "rotation %d: rotated mesh %zu voxels, overlap with rotated grid %zu, expected %zu", r,
               zm_grid_count(&gr), inter, expected);
        int best;
        double iou = zm_grid_best_iou(&gr, &g, 24, &best);
        CHECKF(iou == 1.0, "rotation %d: best IoU %g", r, iou);
        zm_grid_free(&gr);
        zm_mesh_free(&mr);
    }
    zm_grid_free(&g);
    zm_mesh_free(&m);
}

static void test_stats(void)
{
    double v[] = {4, 1, 3, 2};
    CHECKF(fabs(zm_mean(v, 4) - 2.5) < 1e-15, "mean");
    CHECKF(fabs(zm_percentile(v, 4, 90) - 3.7) < 1e-12, "p90 of 1..4 is 3.7 (numpy)");
    CHECKF(fabs(zm_percentile(v, 4, 50) - 2.5) < 1e-12, "median");
    double w[] = {0.2, 0.9, 0.5, 1.0, 0.0};
    CHECKF(fabs(zm_percentile(w, 5, 90) - 0.96) < 1e-12, "p90 of 5 values (numpy 0.96)");
    CHECKF(isnan(zm_percentile(w, 0, 50)), "empty percentile is NaN");
}

static void test_eigen(void)
{
    /* A = R diag(1, 2, 3) R^T with R a rotation by 30 degrees about z then 45 about x */
    double c1 = cos(M_PI / 6), s1 = sin(M_PI / 6), c2 = cos(M_PI / 4), s2 = sin(M_PI / 4);
    double Rz[9] = {c1, -s1, 0, s1, c1, 0, 0, 0, 1}, Rx[9] = {1, 0, 0, 0, c2, -s2, 0, s2, c2}, R[9], A[9];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            R[3 * i + j] = 0;
            for (int k = 0; k < 3; k++)
                R[3 * i + j] += Rx[3 * i + k] * Rz[3 * k + j];
        }
    double D[3] = {1, 2, 3};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            A[3 * i + j] = 0;
            for (int k = 0; k < 3; k++)
                A[3 * i + j] += R[3 * i + k] * D[k] * R[3 * j + k];
        }
    double w[3], V[9];
    zm_eigen_sym3(A, w, V);
    for (int c = 0; c < 3; c++) {
        CHECKF(fabs(w[c] - D[c]) < 1e-12, "eigenvalue %d: %g", c, w[c]);
        double dot = 0;
        for (int r = 0; r < 3; r++)
            dot += V[3 * r + c] * R[3 * r + c];
        CHECKF(fabs(fabs(dot) - 1) < 1e-12, "eigenvector %d", c);
    }
}

static void test_chamfer(void)
{
    double a[] = {0, 0, 0};
    double b[] = {1, 0, 0, 3, 0, 0};
    /* a->b: 1; b->a: (1 + 9) / 2 = 5 */
    CHECKF(fabs(zm_chamfer(a, 1, b, 2) - 6) < 1e-12, "chamfer of known sets: %g", zm_chamfer(a, 1, b, 2));
    /* k-d tree against brute force on random points */
    zm_rng r;
    zm_rng_seed(&r, 42, 0);
    enum { NA = 700, NB = 900 };
    static double pa[3 * NA], pb[3 * NB];
    for (int i = 0; i < 3 * NA; i++)
        pa[i] = zm_rng_uniform(&r);
    for (int i = 0; i < 3 * NB; i++)
        pb[i] = zm_rng_uniform(&r) * 0.5;
    double brute = 0;
    for (int pass = 0; pass < 2; pass++) {
        const double *x = pass ? pb : pa, *y = pass ? pa : pb;
        int nx = pass ? NB : NA, ny = pass ? NA : NB;
        double sum = 0;
        for (int i = 0; i < nx; i++) {
            double best = INFINITY;
            for (int j = 0; j < ny; j++) {
                double d = 0;
                for (int k = 0; k < 3; k++)
                    d += (x[3 * i + k] - y[3 * j + k]) * (x[3 * i + k] - y[3 * j + k]);
                best = fmin(best, d);
            }
            sum += best;
        }
        brute += sum / nx;
    }
    CHECKF(fabs(zm_chamfer(pa, NA, pb, NB) - brute) < 1e-12, "k-d tree vs brute force");
}

int main(void)
{
    test_rotation_group();
    test_cube_exact_fill();
    test_tetra_vertex_hits_and_rotations();
    test_stats();
    test_eigen();
    test_chamfer();
    if (failures) {
        fprintf(stderr, "%d failure(s)\n", failures);
        return 1;
    }
    printf("metrics units: ok\n");
    return 0;
}
