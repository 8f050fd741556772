/* gemm_bf16.c: prefill GEMM for bf16 weights on CPUs with AVX512-BF16, and for q8/q4 weights where
 * the int8 GEMM (gemm_int8.c) does not take them (no VNNI, ZC_GEMM=bf16). X is rounded to
 * bf16 (round to nearest even) once per call, q8/q4 weights as they are packed; vdpbf16ps then multiplies pairs of adjacent bf16 values exactly and
 * accumulates them in fp32, 32 products per instruction against 16 for an fp32 FMA. Blocking as in
 * gemm_avx512.c: each OpenMP thread takes blocks of 256 weight rows; for every slice of 256 k pairs
 * the block is packed into 8 panels [pairs][32] (gemm_pack.c), then the positions are swept 12 at a
 * time: 24 zmm accumulators hold 12 x 32 outputs, each pair step broadcasts 12 input pairs against
 * two 16-wide panel loads. Outputs accumulate over the k slices in order. Only products with at
 * least ZC_GEMM_BF16_MIN_N positions come here (kernels.c), so decoding and short batches keep
 * fp32 activations. */
#include "gemm_bf16.h"
#include "gemm_pack.h"
#include "model.h"
#include "quant.h"
#include "simd_dot.h"

#include <immintrin.h>
#include <stdlib.h>
#include <string.h>

#define PANEL 32
#define NB 256  /* weight rows per block (8 panels) */
#define KCP 256 /* k pairs per slice */
#define TGT __attribute__((target("avx512f,avx512bw,avx512vl,avx512bf16")))

static int bf16_mode = -1; /* -1: not decided yet */

static int cpu_has_bf16(void)
{
    __builtin_cpu_init();
    return !strcmp(zc_simd()->name, "avx512") && __builtin_cpu_supports("avx512bf16");
}

int zc_gemm_bf16_takes(const zc_mat *w)
{
    return (w->kind == ZC_W_BF16 || w->kind == ZC_W_Q8 || w->kind == ZC_W_Q4 || zc_wkind_panel(w->kind)) &&
           zc_gemm_bf16_enabled();
}

int zc_gemm_bf16_enabled(void)
{
    if (bf16_mode < 0) {
        const char *e = getenv("ZC_GEMM");
        bf16_mode = cpu_has_bf16() && !(e && !strcmp(e, "f32"));
    }
    return bf16_mode;
}

int zc_model_gemm_bf16(void)
{
    return zc_gemm_bf16_enabled();
}

int zc_model_set_gemm_bf16(int on)
{
    int prev = zc_gemm_bf16_enabled();
    bf16_mode = on && cpu_has_bf16();
    return prev;
}

/* One row: xb[p] = bf16(x[2p]) | bf16(x[2p+1]) << 16 for p < ceil(k/2), zero for the odd tail. */
TGT static void round_row(const float *xi, int k, uint32_t *oi)
{
    for (int c = 0; c < k; c += 32) {
        __m512 lo = _mm512_maskz_loadu_ps(zc_gemm_mask(k - c), xi + c);
        __m512 hi = _mm512_maskz_loadu_ps(zc_gemm_mask(k - c - 16), xi + c + 16);
        int pairs = (k - c + 1) / 2;
        _mm512_mask_storeu_epi32(oi + c / 2, zc_gemm_mask(pairs), (__m512i)_mm512_cvtne2ps_pbh(hi, lo));
    }
}

/* Every row of x rounded by round_row. The OpenMP loop stays outside the AVX-512 function: clang
 * does not carry a target attribute into the region it outlines. */
void zc_bf16_round_rows(const float *x, int n, int k, uint32_t *xb, int ldx)
{
#pragma omp parallel for schedule(static) if (n > 4)
    for (int i = 0; i < n; i++)
        round_row(x + (size_t)i * k, k, xb + (size_t)i * ldx);
}

#define DP_ROW(r)                                                         \
    a = (__m512bh)_mm512_set1_epi32((int)x[(size_t)(r) * ldx + kk]);       \
    c[r][0] = _mm512_dpbf16_ps(c[r][0], a, b0);                           \
    c[r][1] = _mm512_dpbf16_ps(c[r][1], a, b1)

/* y[m][32] (+)= x[m][np pairs] p[np][32 pairs] for m <= 12: x has 12 readable rows (zero past m);
 * only the first m rows and the columns in m0|m1 are stored. */
TGT static void tile12(const uint32_t *x, size_t ldx, int m, int np, const uint32_t *p, float *y, int ldy, int acc,
                       __mmask16 m0, __mmask16 m1)
{
    __m512 c[12][2];
    for (int r = 0; r < 12; r++) {
        c[r][0] = acc && r < m ? _mm512_maskz_loadu_ps(m0, y + (size_t)r * ldy) : _mm512_setzero_ps();
        c[r][1] = acc && r < m ? _mm512_maskz_loadu_ps(m1, y + (size_t)r * ldy + 16) : _mm512_setzero_ps();
    }
    for (int kk = 0; kk < np; kk++) {
        __m512bh b0 = (__m512bh)_mm512_load_si512(p + (size_t)kk * PANEL);
        __m512bh b1 = (__m512bh)_mm512_load_si512(p + (size_t)kk * PANEL + 16), a;
        DP_ROW(0);
        DP_ROW(1);
        DP_ROW(2);
        DP_ROW(3);
        DP_ROW(4);
        DP_ROW(5);
        DP_ROW(6);
        DP_ROW(7);
        DP_ROW(8);
        DP_ROW(9);
        DP_ROW(10);
        DP_ROW(11);
    }
    for (int r = 0; r < m; r++) {
        _mm512_mask_storeu_ps(y + (size_t)r * ldy, m0, c[r][0]);
        _mm512_mask_storeu_ps(y + (size_t)r * ldy + 16, m1, c[r][1]);
    }
}

/* One k slice of one row block for all n positions (xb has 12 zero rows past n, so the last,
 * partial group of positions goes through the same 12-row tile). */
static void block_slice(const zc_mat *w, const uint32_t *xb, int ldx, int n, float *y, int r0, int kp0, int np,
                        const uint32_t *packed)
{
    int acc = kp0 > 0;
    for (int i = 0; i < n; i += 12) {
        int m = n - i < 12 ? n - i : 12;
        for (int p = 0; p < NB / PANEL && r0 + p * PANEL < w->rows; p++) {
            int nr = w->rows - (r0 + p * PANEL);
            const uint32_t *pp = packed + (size_t)p * np * PANEL, *xi = xb + (size_t)i * ldx + kp0;
            tile12(xi, (size_t)ldx, m, np, pp, y + (size_t)i * w->rows + r0 + p * PANEL, w->rows, acc, zc_gemm_mask(nr),
                   zc_gemm_mask(nr - 16));
        }
    }
}

int zc_gemm_bf16(const zc_mat *w, const float *x, int n, float *y)
{
    if (!zc_gemm_bf16_takes(w))
        return -1;
    int kp = (w->cols + 1) / 2, ldx = (kp + 15) & ~15, nblk = (w->rows + NB - 1) / NB, fail = 0;
    uint32_t *xb = aligned_alloc(64, (size_t)(n + 12) * ldx * sizeof(uint32_t));
    if (!xb)
        return -1;
    zc_bf16_round_rows(x, n, w->cols, xb, ldx);
    memset(xb + (size_t)n * ldx, 0, (size_t)12 * ldx * sizeof(uint32_t));
#pragma omp parallel
    {
        uint32_t *packed = aligned_alloc(64, (size_t)NB * KCP * sizeof(uint32_t));
        if (!packed) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (int b = 0; b < nblk; b++)
            for (int kp0 = 0; packed && kp0 < kp; kp0 += KCP) {
                int np = kp - kp0 < KCP ? kp - kp0 : KCP;
                zc_gemm_pack_block_bf16(w, b * NB, NB, 2 * kp0, np, packed);
                block_slice(w, xb, ldx, n, y, b * NB, kp0, np, packed);
            }
        free(packed);
    }
    free(xb);
    return fail ? -1 : 0;
}
