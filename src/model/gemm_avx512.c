/* gemm_avx512.c: prefill GEMM for CPUs with AVX-512. Each OpenMP thread takes blocks of 256 weight
 * rows; for every 256-wide slice of k it packs the block to fp32 as 8 panels [k][32] (from bf16,
 * int8 or fp32; gemm_pack.c), then sweeps the positions 6 at a time: 12 zmm accumulators hold 6 x 32 outputs,
 * each k step broadcasts 6 inputs against two 16-wide weight loads. The 6 x 256 input slice stays
 * in L1 across the 8 panels, the packed block in L2. Outputs accumulate over k slices in order, so
 * the sum over k is sequential as in a plain dot product (up to FMA rounding). Compiled with
 * function target attributes; kernels.c calls it only when the CPU has AVX-512. */
#include "gemm_avx512.h"
#include "gemm_pack.h"

#include <immintrin.h>
#include <stdlib.h>
#include <string.h>

#define PANEL 32
#define NB 256 /* weight rows per block (8 panels) */
#define KC 256 /* k slice */
#define TGT __attribute__((target("avx512f,avx512bw,avx512vl")))

#define FMA_ROW(r, xr)                                   \
    a = _mm512_set1_ps(xr[kk]);                          \
    c[r][0] = _mm512_fmadd_ps(a, b0, c[r][0]);           \
    c[r][1] = _mm512_fmadd_ps(a, b1, c[r][1])

/* y[6][32] (+)= x[6][kc] p[kc][32] (p 64-byte aligned); only the columns in m0|m1 are stored. */
TGT static void tile6(const float *x, int ldx, int kc, const float *p, float *y, int ldy, int acc, __mmask16 m0,
                      __mmask16 m1)
{
    __m512 c[6][2];
    for (int r = 0; r < 6; r++) {
        c[r][0] = acc ? _mm512_maskz_loadu_ps(m0, y + (size_t)r * ldy) : _mm512_setzero_ps();
        c[r][1] = acc ? _mm512_maskz_loadu_ps(m1, y + (size_t)r * ldy + 16) : _mm512_setzero_ps();
    }
    const float *x0 = x, *x1 = x + ldx, *x2 = x + 2 * (size_t)ldx, *x3 = x + 3 * (size_t)ldx;
    const float *x4 = x + 4 * (size_t)ldx, *x5 = x + 5 * (size_t)ldx;
    for (int kk = 0; kk < kc; kk++) {
        __m512 b0 = _mm512_load_ps(p + (size_t)kk * PANEL), b1 = _mm512_load_ps(p + (size_t)kk * PANEL + 16), a;
        FMA_ROW(0, x0);
        FMA_ROW(1, x1);
        FMA_ROW(2, x2);
        FMA_ROW(3, x3);
        FMA_ROW(4, x4);
        FMA_ROW(5, x5);
    }
    for (int r = 0; r < 6; r++) {
        _mm512_mask_storeu_ps(y + (size_t)r * ldy, m0, c[r][0]);
        _mm512_mask_storeu_ps(y + (size_t)r * ldy + 16, m1, c[r][1]);
    }
}

/* y[12][32] (+)= x[12][kc] p[kc][32]: 24 accumulators, 14 loads per 24 FMAs. */
TGT static void tile12(const float *x, int ldx, int kc, const float *p, float *y, int ldy, int acc, __mmask16 m0,
                       __mmask16 m1)
{
    __m512 c[12][2];
    for (int r = 0; r < 12; r++) {
        c[r][0] = acc ? _mm512_maskz_loadu_ps(m0, y + (size_t)r * ldy) : _mm512_setzero_ps();
        c[r][1] = acc ? _mm512_maskz_loadu_ps(m1, y + (size_t)r * ldy + 16) : _mm512_setzero_ps();
    }
    const float *x0 = x, *x1 = x + ldx, *x2 = x + 2 * (size_t)ldx, *x3 = x + 3 * (size_t)ldx;
    const float *x4 = x + 4 * (size_t)ldx, *x5 = x + 5 * (size_t)ldx, *x6 = x + 6 * (size_t)ldx;
    const float *x7 = x + 7 * (size_t)ldx, *x8 = x + 8 * (size_t)ldx, *x9 = x + 9 * (size_t)ldx;
    const float *x10 = x + 10 * (size_t)ldx, *x11 = x + 11 * (size_t)ldx;
    for (int kk = 0; kk < kc; kk++) {
        __m512 b0 = _mm512_load_ps(p + (size_t)kk * PANEL), b1 = _mm512_load_ps(p + (size_t)kk * PANEL + 16), a;
        FMA_ROW(0, x0);
        FMA_ROW(1, x1);
        FMA_ROW(2, x2);
        FMA_ROW(3, x3);
        FMA_ROW(4, x4);
        FMA_ROW(5, x5);
        FMA_ROW(6, x6);
        FMA_ROW(7, x7);
        FMA_ROW(8, x8);
        FMA_ROW(9, x9);
        FMA_ROW(10, x10);
        FMA_ROW(11, x11);
    }
    for (int r = 0; r < 12; r++) {
        _mm512_mask_storeu_ps(y + (size_t)r * ldy, m0, c[r][0]);
        _mm512_mask_storeu_ps(y + (size_t)r * ldy + 16, m1, c[r][1]);
    }
}

TGT static void tile1(const float *x, int kc, const float *p, float *y, int acc, __mmask16 m0, __mmask16 m1)
{
    __m512 c0 = acc ? _mm512_maskz_loadu_ps(m0, y) : _mm512_setzero_ps();
    __m512 c1 = acc ? _mm512_maskz_loadu_ps(m1, y + 16) : _mm512_setzero_ps();
    for (int kk = 0; kk < kc; kk++) {
        __m512 a = _mm512_set1_ps(x[kk]);
        c0 = _mm512_fmadd_ps(a, _mm512_load_ps(p + (size_t)kk * PANEL), c0);
        c1 = _mm512_fmadd_ps(a, _mm512_load_ps(p + (size_t)kk * PANEL + 16), c1);
    }
    _mm512_mask_storeu_ps(y, m0, c0);
    _mm512_mask_storeu_ps(y + 16, m1, c1);
}

void zc_gemm_panel_avx512(const float *x, int ldx, int m, int kc, const float *p, int ncols, float *y, int ldy,
                          int acc)
{
    __mmask16 m0 = zc_gemm_mask(ncols), m1 = zc_gemm_mask(ncols - 16);
    int i = 0;
    for (; i + 12 <= m; i += 12)
        tile12(x + (size_t)i * ldx, ldx, kc, p, y + (size_t)i * ldy, ldy, acc, m0, m1);
    for (; i + 6 <= m; i += 6)
        tile6(x + (size_t)i * ldx, ldx, kc, p, y + (size_t)i * ldy, ldy, acc, m0, m1);
    for (; i < m; i++)
        tile1(x + (size_t)i * ldx, kc, p, y + (size_t)i * ldy, acc, m0, m1);
}

/* One k slice of one row block for all n positions. */
static void block_slice(const zc_mat *w, const float *x, int n, float *y, int r0, int k0, int kc, const float *packed)
{
    int K = w->cols, acc = k0 > 0;
    for (int i = 0; i < n;) {
        int step = i + 12 <= n ? 12 : i + 6 <= n ? 6 : n - i;
        for (int p = 0; p < NB / PANEL && r0 + p * PANEL < w->rows; p++) {
            int nr = w->rows - (r0 + p * PANEL);
            __mmask16 m0 = zc_gemm_mask(nr), m1 = zc_gemm_mask(nr - 16);
            const float *pp = packed + (size_t)p * kc * PANEL;
            float *yp = y + (size_t)i * w->rows + r0 + p * PANEL;
            if (step == 12)
                tile12(x + (size_t)i * K + k0, K, kc, pp, yp, w->rows, acc, m0, m1);
            else if (step == 6)
                tile6(x + (size_t)i * K + k0, K, kc, pp, yp, w->rows, acc, m0, m1);
            else
                for (int j = i; j < n; j++)
                    tile1(x + (size_t)j * K + k0, kc, pp, yp + (size_t)(j - i) * w->rows, acc, m0, m1);
        }
        i += step;
    }
}

void zc_gemm_avx512(const zc_mat *w, const float *x, int n, float *y)
{
    int nblk = (w->rows + NB - 1) / NB;
#pragma omp parallel
    {
        float *packed = aligned_alloc(64, (size_t)NB * KC * sizeof(float));
        float *seg = malloc(KC * sizeof(float));
#pragma omp for schedule(dynamic, 1)
        for (int b = 0; b < nblk; b++)
            for (int k0 = 0; k0 < w->cols; k0 += KC) {
                int kc = w->cols - k0 < KC ? w->cols - k0 : KC;
                zc_gemm_pack_block(w, b * NB, NB, k0, kc, packed, seg);
                block_slice(w, x, n, y, b * NB, k0, kc, packed);
            }
        free(seg);
        free(packed);
    }
}
