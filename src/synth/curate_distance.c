/* curate_distance.c: nearest centroid of every row, squared Euclidean distances computed as
 * ||x||^2 + ||c||^2 - 2 x.c with one OpenBLAS sgemm per block of rows (the block of distances is
 * kept at a few MiB whatever n and k are). */
#include "curate.h"

#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>

#define BLOCK_FLOATS (1u << 20) /* distances held at once: 4 MiB */

static float row_norm2(const float *v, int d)
{
    double s = 0;
    for (int j = 0; j < d; j++)
        s += (double)v[j] * v[j];
    return (float)s;
}

/* Nearest centroid of each row of one block from the sgemm output g = -2 x.c^T (rows x k). */
static void block_argmin(const float *g, size_t rows, int k, const float *xn, const float *cn, int *assign,
                         float *dist)
{
    for (size_t i = 0; i < rows; i++) {
        const float *gi = g + i * (size_t)k;
        int best = 0;
        float bd = 0;
        for (int j = 0; j < k; j++) {
            float v = xn[i] + cn[j] + gi[j];
            if (v < 0)
                v = 0;
            if (j == 0 || v < bd) {
                bd = v;
                best = j;
            }
        }
        assign[i] = best;
        if (dist)
            dist[i] = bd;
    }
}

int zcur_assign(const float *x, const float *xnorm, size_t n, int d, const float *c, int k, int *assign,
                float *dist, char *err, size_t errlen)
{
    if (k < 1 || d < 1) {
        snprintf(err, errlen, "k-means: %d centroids of dimension %d", k, d);
        return -1;
    }
    size_t block = BLOCK_FLOATS / (size_t)k;
    if (block < 1)
        block = 1;
    if (block > n)
        block = n ? n : 1;
    float *g = malloc(block * (size_t)k * sizeof *g);
    float *cn = malloc((size_t)k * sizeof *cn);
    float *xn = xnorm ? NULL : malloc(block * sizeof *xn);
    if (!g || !cn || (!xnorm && !xn)) {
        free(g), free(cn), free(xn);
        snprintf(err, errlen, "k-means: out of memory for the distance block (%zu x %d)", block, k);
        return -1;
    }
    for (int j = 0; j < k; j++)
        cn[j] = row_norm2(c + (size_t)j * d, d);
    for (size_t i0 = 0; i0 < n; i0 += block) {
        size_t rows = n - i0 < block ? n - i0 : block;
        const float *xb = x + i0 * (size_t)d;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)rows, k, d, -2.0f, xb, d, c, d, 0.0f, g, k);
        const float *xnb = xnorm ? xnorm + i0 : xn;
        if (!xnorm)
            for (size_t i = 0; i < rows; i++)
                xn[i] = row_norm2(xb + i * (size_t)d, d);
        block_argmin(g, rows, k, xnb, cn, assign + i0, dist ? dist + i0 : NULL);
    }
    free(g), free(cn), free(xn);
    return 0;
}
