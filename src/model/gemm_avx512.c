/* gemm_avx512.c: prefill GEMM kernel for CPUs with AVX-512: for a packed panel of 32 weight rows
 * (fp32, k-major) it computes 6 positions x 32 outputs per inner step with 12 zmm accumulators
 * (broadcast X, two 16-wide weight loads, 12 FMAs per k). Compiled with a function target
 * attribute; callers check AVX-512 support first. Accumulation order over k is sequential, so
 * results equal a plain fp32 dot product up to FMA rounding. */
#include "gemm_avx512.h"

#include <immintrin.h>
#include <string.h>

void zc_gemm_pack_panel(const zc_mat *w, int r0, float *panel, float *rowbuf)
{
    int K = w->cols;
    for (int j = 0; j < ZC_GEMM_PANEL; j++) {
        int r = r0 + j;
        if (r < w->rows)
            zc_mat_row(w, r, rowbuf);
        else
            memset(rowbuf, 0, (size_t)K * sizeof(float));
        for (int k = 0; k < K; k++)
            panel[(size_t)k * ZC_GEMM_PANEL + j] = rowbuf[k];
    }
}

#define TGT __attribute__((target("avx512f,avx512bw,avx512vl")))

TGT static void tile6(const float *x, int k, const float *p, float *y, int ldy, __mmask16 m0, __mmask16 m1)
{
    __m512 c[6][2];
    for (int r = 0; r < 6; r++)
        c[r][0] = c[r][1] = _mm512_setzero_ps();
    const float *x0 = x, *x1 = x + k, *x2 = x + 2 * (size_t)k, *x3 = x + 3 * (size_t)k;
    const float *x4 = x + 4 * (size_t)k, *x5 = x + 5 * (size_t)k;
    for (int kk = 0; kk < k; kk++) {
        __m512 b0 = _mm512_load_ps(p + (size_t)kk * 32), b1 = _mm512_load_ps(p + (size_t)kk * 32 + 16);
        __m512 a;
        a = _mm512_set1_ps(x0[kk]);
        c[0][0] = _mm512_fmadd_ps(a, b0, c[0][0]);
        c[0][1] = _mm512_fmadd_ps(a, b1, c[0][1]);
        a = _mm512_set1_ps(x1[kk]);
        c[1][0] = _mm512_fmadd_ps(a, b0, c[1][0]);
        c[1][1] = _mm512_fmadd_ps(a, b1, c[1][1]);
        a = _mm512_set1_ps(x2[kk]);
        c[2][0] = _mm512_fmadd_ps(a, b0, c[2][0]);
        c[2][1] = _mm512_fmadd_ps(a, b1, c[2][1]);
        a = _mm512_set1_ps(x3[kk]);
        c[3][0] = _mm512_fmadd_ps(a, b0, c[3][0]);
        c[3][1] = _mm512_fmadd_ps(a, b1, c[3][1]);
        a = _mm512_set1_ps(x4[kk]);
        c[4][0] = _mm512_fmadd_ps(a, b0, c[4][0]);
        c[4][1] = _mm512_fmadd_ps(a, b1, c[4][1]);
        a = _mm512_set1_ps(x5[kk]);
        c[5][0] = _mm512_fmadd_ps(a, b0, c[5][0]);
        c[5][1] = _mm512_fmadd_ps(a, b1, c[5][1]);
    }
    for (int r = 0; r < 6; r++) {
        _mm512_mask_storeu_ps(y + (size_t)r * ldy, m0, c[r][0]);
        _mm512_mask_storeu_ps(y + (size_t)r * ldy + 16, m1, c[r][1]);
    }
}

TGT static void tile1(const float *x, int k, const float *p, float *y, __mmask16 m0, __mmask16 m1)
{
    __m512 c0 = _mm512_setzero_ps(), c1 = _mm512_setzero_ps();
    for (int kk = 0; kk < k; kk++) {
        __m512 a = _mm512_set1_ps(x[kk]);
        c0 = _mm512_fmadd_ps(a, _mm512_load_ps(p + (size_t)kk * 32), c0);
        c1 = _mm512_fmadd_ps(a, _mm512_load_ps(p + (size_t)kk * 32 + 16), c1);
    }
    _mm512_mask_storeu_ps(y, m0, c0);
    _mm512_mask_storeu_ps(y + 16, m1, c1);
}

TGT void zc_gemm_panel_avx512(const float *x, int n, int k, const float *panel, int nr, float *y, int ldy)
{
    __mmask16 m0 = (__mmask16)(nr >= 16 ? 0xffff : (1u << nr) - 1);
    __mmask16 m1 = (__mmask16)(nr >= 32 ? 0xffff : nr <= 16 ? 0 : (1u << (nr - 16)) - 1);
    int i = 0;
    for (; i + 6 <= n; i += 6)
        tile6(x + (size_t)i * k, k, panel, y + (size_t)i * ldy, ldy, m0, m1);
    for (; i < n; i++)
        tile1(x + (size_t)i * k, k, panel, y + (size_t)i * ldy, m0, m1);
}
