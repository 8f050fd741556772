/* kernels.c: weight-matrix products of the decoder. Decode uses matrix-vector products split
 * over rows between OpenMP threads; prefill converts blocks of weight rows to fp32 and calls
 * multiply them with our AVX-512 kernel (gemm_avx512.c) or, on other CPUs, with OpenBLAS sgemm
 * (one single-threaded sgemm per OpenMP thread, so the two thread pools never compete). Debian's
 * OpenBLAS 0.3.21 takes recent Xeons for "Prescott" and runs sgemm at a fifth of the machine's
 * peak, hence the own kernel. Also int8 quantization with one fp32 scale per block of 32 weights. */
#include "kernels.h"
#include "gemm_avx512.h"
#include "gemm_bf16.h"
#include "simd_dot.h"

#include <cblas.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#define GEMM_ROWS 128 /* weight rows converted per sgemm call */
#define GEMM_MIN_N 4  /* fewer positions than this: use matrix-vector products */
#define MATVEC_CHUNK 16 /* groups of four rows per dynamically scheduled chunk */

void zc_kernels_init(void)
{
    (void)zc_simd();
    openblas_set_num_threads(1);
}

const char *zc_kernels_simd(void)
{
    return zc_simd()->name;
}

float zc_bf16_to_f32(uint16_t h)
{
    uint32_t u = (uint32_t)h << 16;
    float f;
    memcpy(&f, &u, 4);
    return f;
}

float zc_f16_to_f32(uint16_t h)
{
    uint32_t sign = (uint32_t)(h >> 15) << 31, exp = (h >> 10) & 31, man = h & 1023;
    float f;
    if (exp == 0) {
        f = ldexpf((float)man, -24);
        return sign ? -f : f;
    }
    uint32_t u = exp == 31 ? sign | 0x7f800000u | (man << 13) : sign | ((exp + 112) << 23) | (man << 13);
    memcpy(&f, &u, 4);
    return f;
}

float zc_dot_f32(const float *a, const float *b, int n)
{
    return zc_simd()->dot_f32(a, b, n);
}

void zc_axpy_f32(float a, const float *x, float *y, int n)
{
    zc_simd()->axpy_f32(a, x, y, n);
}

static float row_dot(const zc_simd_ops *ops, const zc_mat *w, int r, const float *x)
{
    size_t off = (size_t)r * (size_t)w->cols;
    switch (w->kind) {
    case ZC_W_BF16:
        return ops->dot_bf16((const uint16_t *)w->data + off, x, w->cols);
    case ZC_W_Q8:
        return ops->dot_q8((const int8_t *)w->data + off, w->scales + off / ZC_Q8_BLOCK, x, w->cols);
    default:
        return ops->dot_f32((const float *)w->data + off, x, w->cols);
    }
}

/* Rows r..r+3, with the four-row bf16 kernel where the CPU has it. */
static void rows4_dot(const zc_simd_ops *ops, const zc_mat *w, int r, const float *x, float *y)
{
    size_t off = (size_t)r * (size_t)w->cols;
    if (w->kind == ZC_W_BF16 && ops->dot4_bf16)
        ops->dot4_bf16((const uint16_t *)w->data + off, (size_t)w->cols, x, w->cols, y + r);
    else
        for (int i = 0; i < 4; i++)
            y[r + i] = row_dot(ops, w, r + i, x);
}

/* Dynamic chunks of rows, so that a thread delayed by other work on a shared machine does not hold
 * the others at the end of the product. */
void zc_matvec(const zc_mat *w, const float *x, float *y)
{
    const zc_simd_ops *ops = zc_simd();
    int n4 = w->rows / 4;
#pragma omp parallel for schedule(dynamic, MATVEC_CHUNK)
    for (int b = 0; b < n4; b++)
        rows4_dot(ops, w, 4 * b, x, y);
    for (int r = 4 * n4; r < w->rows; r++)
        y[r] = row_dot(ops, w, r, x);
}

/* Several matrices of the same width applied to one x in a single parallel region (one barrier):
 * chunks of four rows numbered across the matrices. */
static void matvec_multi(const zc_mat *const *w, int nw, const float *x, float *const *y)
{
    const zc_simd_ops *ops = zc_simd();
    int start[ZC_MATVEC_MAX + 1];
    start[0] = 0;
    for (int i = 0; i < nw; i++)
        start[i + 1] = start[i] + w[i]->rows / 4;
#pragma omp parallel for schedule(dynamic, MATVEC_CHUNK)
    for (int b = 0; b < start[nw]; b++) {
        int i = 0;
        while (b >= start[i + 1])
            i++;
        rows4_dot(ops, w[i], 4 * (b - start[i]), x, y[i]);
    }
    for (int i = 0; i < nw; i++)
        for (int r = w[i]->rows / 4 * 4; r < w[i]->rows; r++)
            y[i][r] = row_dot(ops, w[i], r, x);
}

void zc_matmul_multi(const zc_mat *const *w, int nw, const float *x, int n, float *const *y)
{
    if (n >= GEMM_MIN_N || nw > ZC_MATVEC_MAX) {
        for (int i = 0; i < nw; i++)
            zc_matmul(w[i], x, n, y[i]);
        return;
    }
    for (int p = 0; p < n; p++) {
        float *yp[ZC_MATVEC_MAX];
        for (int i = 0; i < nw; i++)
            yp[i] = y[i] + (size_t)p * w[i]->rows;
        matvec_multi(w, nw, x + (size_t)p * w[0]->cols, yp);
    }
}

void zc_mat_row_part(const zc_mat *w, int r, int c0, int nc, float *out)
{
    size_t off = (size_t)r * (size_t)w->cols + (size_t)c0;
    if (w->kind == ZC_W_BF16) {
        zc_simd()->cvt_bf16((const uint16_t *)w->data + off, out, nc);
    } else if (w->kind == ZC_W_Q8) {
        const int8_t *q = (const int8_t *)w->data + off;
        for (int c = 0; c < nc; c++)
            out[c] = (float)q[c] * w->scales[(off + (size_t)c) / ZC_Q8_BLOCK];
    } else {
        memcpy(out, (const float *)w->data + off, (size_t)nc * sizeof(float));
    }
}

void zc_mat_row(const zc_mat *w, int r, float *out)
{
    size_t off = (size_t)r * (size_t)w->cols;
    if (w->kind == ZC_W_BF16) {
        zc_simd()->cvt_bf16((const uint16_t *)w->data + off, out, w->cols);
    } else if (w->kind == ZC_W_Q8) {
        const int8_t *q = (const int8_t *)w->data + off;
        const float *sc = w->scales + off / ZC_Q8_BLOCK;
        for (int c = 0; c < w->cols; c++)
            out[c] = (float)q[c] * sc[c / ZC_Q8_BLOCK];
    } else {
        memcpy(out, (const float *)w->data + off, (size_t)w->cols * sizeof(float));
    }
}

void zc_matmul(const zc_mat *w, const float *x, int n, float *y)
{
    if (n < GEMM_MIN_N) {
        for (int i = 0; i < n; i++)
            zc_matvec(w, x + (size_t)i * w->cols, y + (size_t)i * w->rows);
        return;
    }
    if (n >= ZC_GEMM_BF16_MIN_N && w->kind == ZC_W_BF16 && zc_gemm_bf16_enabled() && !zc_gemm_bf16(w, x, n, y))
        return;
    if (!strcmp(zc_simd()->name, "avx512")) {
        zc_gemm_avx512(w, x, n, y);
        return;
    }
    int nblk = (w->rows + GEMM_ROWS - 1) / GEMM_ROWS;
#pragma omp parallel
    {
        float *buf = malloc((size_t)GEMM_ROWS * (size_t)w->cols * sizeof(float));
#pragma omp for schedule(dynamic, 1)
        for (int b = 0; b < nblk; b++) {
            int r0 = b * GEMM_ROWS, nr = w->rows - r0 < GEMM_ROWS ? w->rows - r0 : GEMM_ROWS;
            const float *wb = buf;
            if (w->kind == ZC_W_F32)
                wb = (const float *)w->data + (size_t)r0 * w->cols;
            else
                for (int r = 0; r < nr; r++)
                    zc_mat_row(w, r0 + r, buf + (size_t)r * w->cols);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, nr, w->cols, 1.0f, x, w->cols, wb,
                        w->cols, 0.0f, y + r0, w->rows);
        }
        free(buf);
    }
}

int zc_mat_quantize_q8(const zc_mat *src, zc_mat *dst)
{
    if (src->cols % ZC_Q8_BLOCK)
        return -1;
    size_t n = (size_t)src->rows * (size_t)src->cols;
    int8_t *q = malloc(n);
    float *sc = malloc(n / ZC_Q8_BLOCK * sizeof(float));
    if (!q || !sc) {
        free(q);
        free(sc);
        return -1;
    }
#pragma omp parallel
    {
        float *row = malloc((size_t)src->cols * sizeof(float));
#pragma omp for schedule(static)
        for (int r = 0; r < src->rows; r++) {
            zc_mat_row(src, r, row);
            for (int b = 0; b < src->cols / ZC_Q8_BLOCK; b++) {
                const float *v = row + b * ZC_Q8_BLOCK;
                float amax = 0;
                for (int i = 0; i < ZC_Q8_BLOCK; i++)
                    amax = fmaxf(amax, fabsf(v[i]));
                float d = amax / 127.0f, id = d > 0 ? 1.0f / d : 0.0f;
                size_t o = (size_t)r * src->cols + (size_t)b * ZC_Q8_BLOCK;
                sc[o / ZC_Q8_BLOCK] = d;
                for (int i = 0; i < ZC_Q8_BLOCK; i++)
                    q[o + i] = (int8_t)lrintf(v[i] * id);
            }
        }
        free(row);
    }
    memset(dst, 0, sizeof *dst);
    dst->rows = src->rows;
    dst->cols = src->cols;
    dst->kind = ZC_W_Q8;
    dst->data = dst->owned = q;
    dst->scales = dst->owned_scales = sc;
    return 0;
}

void zc_mat_free(zc_mat *w)
{
    free(w->owned);
    free(w->owned_scales);
    memset(w, 0, sizeof *w);
}

size_t zc_mat_bytes(const zc_mat *w)
{
    size_t n = (size_t)w->rows * (size_t)w->cols;
    switch (w->kind) {
    case ZC_W_BF16:
        return n * 2;
    case ZC_W_Q8:
        return n + n / ZC_Q8_BLOCK * sizeof(float);
    default:
        return n * 4;
    }
}
