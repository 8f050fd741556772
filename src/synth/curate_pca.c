/* curate_pca.c: an optional principal-component projection of the descriptors before k-means
 * (`--pca M`), the usual way to make k-means on long descriptors cheaper: the covariance by blocks
 * of rows with OpenBLAS ssyrk (accumulated in double), its eigenvectors with LAPACK dsyev, and the
 * centred rows projected on the M leading ones with sgemm, in place (row i's M floats end up at
 * x + i M). Each eigenvector's sign is fixed (largest-magnitude component positive), so the result
 * is deterministic. */
#include "curate.h"

#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_ROWS 1024

extern void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
                   double *work, const int *lwork, int *info, size_t jobz_len, size_t uplo_len);

static void column_means(const float *x, size_t n, int d, double *mean)
{
    memset(mean, 0, (size_t)d * sizeof *mean);
    for (size_t i = 0; i < n; i++)
        for (int j = 0; j < d; j++)
            mean[j] += x[i * d + j];
    for (int j = 0; j < d; j++)
        mean[j] /= (double)n;
}

static void centre_block(const float *x, size_t rows, int d, const double *mean, float *out)
{
    for (size_t i = 0; i < rows; i++)
        for (int j = 0; j < d; j++)
            out[i * d + j] = (float)(x[i * d + j] - mean[j]);
}

/* cov (d x d, upper triangle in row-major = lower in LAPACK's column-major) = sum of centred x x^T / n */
static void covariance(const float *x, size_t n, int d, const double *mean, float *blk, float *part, double *cov)
{
    memset(cov, 0, (size_t)d * d * sizeof *cov);
    for (size_t i0 = 0; i0 < n; i0 += BLOCK_ROWS) {
        size_t rows = n - i0 < BLOCK_ROWS ? n - i0 : BLOCK_ROWS;
        centre_block(x + i0 * d, rows, d, mean, blk);
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, d, (int)rows, 1.0f, blk, d, 0.0f, part, d);
        for (int a = 0; a < d; a++)
            for (int b = a; b < d; b++)
                cov[(size_t)a * d + b] += part[(size_t)a * d + b];
    }
    for (int a = 0; a < d; a++)
        for (int b = a; b < d; b++)
            cov[(size_t)a * d + b] /= (double)n;
}

/* Eigen-decomposes cov in place: eigenvalues ascending in w, eigenvector j at cov + j d. */
static int eigen(double *cov, int d, double *w)
{
    int lwork = -1, info = 0;
    double query;
    dsyev_("V", "L", &d, cov, &d, w, &query, &lwork, &info, 1, 1);
    if (info)
        return -1;
    lwork = (int)query;
    double *work = malloc((size_t)lwork * sizeof *work);
    if (!work)
        return -1;
    dsyev_("V", "L", &d, cov, &d, w, work, &lwork, &info, 1, 1);
    free(work);
    return info ? -1 : 0;
}

/* basis (m x d floats): the m leading eigenvectors, largest first, signs fixed. */
static double leading_basis(const double *vec, const double *w, int d, int m, float *basis)
{
    double total = 0, kept = 0;
    for (int j = 0; j < d; j++)
        total += w[j] > 0 ? w[j] : 0;
    for (int q = 0; q < m; q++) {
        const double *v = vec + (size_t)(d - 1 - q) * d;
        kept += w[d - 1 - q] > 0 ? w[d - 1 - q] : 0;
        int big = 0;
        for (int j = 1; j < d; j++)
            if (fabs(v[j]) > fabs(v[big]))
                big = j;
        double sign = v[big] < 0 ? -1.0 : 1.0;
        for (int j = 0; j < d; j++)
            basis[(size_t)q * d + j] = (float)(sign * v[j]);
    }
    return total > 0 ? kept / total : 1.0;
}

static void project(float *x, size_t n, int d, int m, const double *mean, const float *basis, float *blk,
                    float *out)
{
    for (size_t i0 = 0; i0 < n; i0 += BLOCK_ROWS) {
        size_t rows = n - i0 < BLOCK_ROWS ? n - i0 : BLOCK_ROWS;
        centre_block(x + i0 * d, rows, d, mean, blk);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)rows, m, d, 1.0f, blk, d, basis, d, 0.0f, out, m);
        /* rows before i0 are done; this block's input is in blk: writing x[i0 m .. (i0+rows) m) only
         * touches floats already read ((i0 + rows) m <= (i0 + rows) d). */
        memcpy(x + i0 * m, out, rows * (size_t)m * sizeof *out);
    }
}

int zcur_pca(float *x, size_t n, int d, int m, double *explained, char *err, size_t errlen)
{
    if (m < 1 || m >= d || n < 2) {
        snprintf(err, errlen, "PCA: %d components of %d-float descriptors over %zu rows (need 1 <= M < %d, "
                 "2 rows or more)", m, d, n, d);
        return -1;
    }
    double *mean = malloc((size_t)d * sizeof *mean), *cov = malloc((size_t)d * d * sizeof *cov);
    double *w = malloc((size_t)d * sizeof *w);
    float *blk = malloc((size_t)BLOCK_ROWS * d * sizeof *blk), *part = malloc((size_t)d * d * sizeof *part);
    float *basis = malloc((size_t)m * d * sizeof *basis), *out = malloc((size_t)BLOCK_ROWS * m * sizeof *out);
    int rc = mean && cov && w && blk && part && basis && out ? 0 : -1;
    if (rc)
        snprintf(err, errlen, "PCA: out of memory (%d x %d covariance)", d, d);
    if (!rc) {
        column_means(x, n, d, mean);
        covariance(x, n, d, mean, blk, part, cov);
        if ((rc = eigen(cov, d, w)))
            snprintf(err, errlen, "PCA: the eigen decomposition of the %d x %d covariance failed", d, d);
    }
    if (!rc) {
        double ex = leading_basis(cov, w, d, m, basis);
        if (explained)
            *explained = ex;
        project(x, n, d, m, mean, basis, blk, out);
    }
    free(mean), free(cov), free(w), free(blk), free(part), free(basis), free(out);
    return rc;
}
