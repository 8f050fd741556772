/* gemm_int8.c: prefill GEMM for q8 and q4 weights on CPUs with AVX512-VNNI. Each activation row is
 * quantized to int8 per block of 32 (zc_qact_codes: scale max|x| / 127, the small-n products' own
 * quantization) and the weights' codes are packed as unsigned bytes (q8 code + 128, q4 code + 8:
 * the stored nibble) into panels of 32 weight rows x 4-byte groups of k (gemm_pack.c). vpdpbusd
 * multiplies the 4 unsigned weight bytes of each lane by 4 broadcast signed activation bytes and adds
 * the 4 products into an int32: a block of 32 k is 8 instructions per 16 outputs, exact. The offset
 * is taken out by starting each block's sums at -offset x (sum of the row's codes in the block), and
 * each block's sum enters the fp32 result times (weight scale x activation scale). Blocking as in
 * gemm_bf16.c: each OpenMP thread takes blocks of 256 weight rows; for every slice of 512 k the block
 * is packed into 8 panels, then the positions are swept 6 at a time: 12 int32 and 12 fp32 zmm
 * accumulators hold 6 x 32 outputs. Per block of 32 k and position this is 16 vpdpbusd and 6 scaling
 * operations for 32 outputs, against 32 vdpbf16ps on the bf16 path. */
#include "gemm_int8.h"
#include "gemm_bf16.h"
#include "gemm_pack.h"
#include "quant.h"
#include "simd_dot.h"

#include <immintrin.h>
#include <stdlib.h>
#include <string.h>

#define PANEL 32
#define NB 256 /* weight rows per block (8 panels) */
#define KC 512 /* k per slice (16 blocks of 32) */
#define MR 6   /* positions per tile */
#define TGT __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni")))

static int int8_mode = -1; /* -1: not decided yet */

/* The SIMD level in use runs the AVX512-VNNI q8/q4 products (not ZC_SIMD=avx512-novnni or lower). */
static int simd_has_vnni(void)
{
    return !strcmp(zc_simd()->name, "avx512") && zc_simd()->fused_q4;
}

int zc_gemm_int8_enabled(void)
{
    if (int8_mode < 0) {
        const char *e = getenv("ZC_GEMM");
        int8_mode = !(e && !strcmp(e, "bf16"));
    }
    return int8_mode && simd_has_vnni() && zc_gemm_bf16_enabled();
}

int zc_gemm_int8_takes(const zc_mat *w)
{
    return (w->kind == ZC_W_Q8 || w->kind == ZC_W_Q4 || zc_wkind_panel(w->kind)) && zc_gemm_int8_enabled();
}

int zc_model_set_gemm_int8(int on)
{
    int prev = zc_gemm_int8_enabled();
    int8_mode = on != 0;
    return prev;
}

int zc_model_gemm_int8(void)
{
    return zc_gemm_int8_enabled();
}

/* The activations: codes q[npad][cols], and per row and block of 32 the scale dx and the start of
 * the int32 sums, cb = -offset x the sum of the block's codes. Rows n..npad-1 are zero. */
typedef struct {
    int npad, cols, nblk;
    int8_t *q;
    float *dx;
    int32_t *cb;
} acts;

static void acts_free(acts *a)
{
    free(a->q);
    free(a->dx);
    free(a->cb);
}

static void acts_row(acts *a, const float *x, int i, int n, int offset)
{
    int8_t *q = a->q + (size_t)i * a->cols;
    float *dx = a->dx + (size_t)i * a->nblk;
    int32_t *cb = a->cb + (size_t)i * a->nblk;
    if (i >= n) {
        memset(q, 0, (size_t)a->cols);
        memset(dx, 0, (size_t)a->nblk * sizeof *dx);
        memset(cb, 0, (size_t)a->nblk * sizeof *cb);
        return;
    }
    zc_qact_codes(x + (size_t)i * a->cols, a->cols, q, dx);
    for (int b = 0; b < a->nblk; b++) {
        int32_t s = 0;
        for (int j = 0; j < 32; j++)
            s += q[32 * b + j];
        cb[b] = -offset * s;
    }
}

static int acts_init(acts *a, const float *x, int n, int cols, int offset)
{
    a->npad = (n + MR - 1) / MR * MR;
    a->cols = cols;
    a->nblk = cols / 32;
    a->q = malloc((size_t)a->npad * (size_t)cols);
    a->dx = malloc((size_t)a->npad * (size_t)a->nblk * sizeof *a->dx);
    a->cb = malloc((size_t)a->npad * (size_t)a->nblk * sizeof *a->cb);
    if (!a->q || !a->dx || !a->cb) {
        acts_free(a);
        return -1;
    }
#pragma omp parallel for schedule(static) if (n > 4)
    for (int i = 0; i < a->npad; i++)
        acts_row(a, x, i, n, offset);
    return 0;
}

/* y[m][32] (+)= the MR positions from i0 times one panel over nb blocks from block b0: pc the
 * panel's codes [nb*8][32], ps its scales [nb][32]. Only the first m rows and the columns in m0|m1
 * are stored. */
TGT static void tile6(const acts *a, int i0, int b0, int nb, const uint32_t *pc, const float *ps, float *y, int ldy,
                      int m, int acc, __mmask16 m0, __mmask16 m1)
{
    const int8_t *q = a->q + (size_t)i0 * a->cols + (size_t)b0 * 32;
    const float *dx = a->dx + (size_t)i0 * a->nblk + b0;
    const int32_t *cb = a->cb + (size_t)i0 * a->nblk + b0;
    size_t ldq = (size_t)a->cols, lds = (size_t)a->nblk;
    __m512 f0[MR], f1[MR];
#pragma GCC unroll 8
    for (int r = 0; r < MR; r++) {
        f0[r] = acc && r < m ? _mm512_maskz_loadu_ps(m0, y + (size_t)r * ldy) : _mm512_setzero_ps();
        f1[r] = acc && r < m ? _mm512_maskz_loadu_ps(m1, y + (size_t)r * ldy + 16) : _mm512_setzero_ps();
    }
    for (int b = 0; b < nb; b++) {
        __m512i c0[MR], c1[MR];
#pragma GCC unroll 8
        for (int r = 0; r < MR; r++)
            c0[r] = c1[r] = _mm512_set1_epi32(cb[r * lds + b]);
#pragma GCC unroll 8
        for (int t = 0; t < 8; t++) {
            const uint32_t *pp = pc + (size_t)(b * 8 + t) * PANEL;
            __m512i w0 = _mm512_load_si512(pp), w1 = _mm512_load_si512(pp + 16);
#pragma GCC unroll 8
            for (int r = 0; r < MR; r++) {
                int32_t v;
                memcpy(&v, q + r * ldq + (size_t)b * 32 + 4 * t, 4);
                __m512i av = _mm512_set1_epi32(v);
                c0[r] = _mm512_dpbusd_epi32(c0[r], w0, av);
                c1[r] = _mm512_dpbusd_epi32(c1[r], w1, av);
            }
        }
        __m512 s0 = _mm512_load_ps(ps + (size_t)b * PANEL), s1 = _mm512_load_ps(ps + (size_t)b * PANEL + 16);
#pragma GCC unroll 8
        for (int r = 0; r < MR; r++) {
            __m512 d = _mm512_set1_ps(dx[r * lds + b]);
            f0[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(c0[r]), _mm512_mul_ps(s0, d), f0[r]);
            f1[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(c1[r]), _mm512_mul_ps(s1, d), f1[r]);
        }
    }
    for (int r = 0; r < m; r++) {
        _mm512_mask_storeu_ps(y + (size_t)r * ldy, m0, f0[r]);
        _mm512_mask_storeu_ps(y + (size_t)r * ldy + 16, m1, f1[r]);
    }
}

/* One k slice (kc columns from k0) of the row block from r0, packed, for all n positions. */
static void block_slice(const zc_mat *w, const acts *a, int n, float *y, int r0, int k0, int kc,
                        const uint32_t *codes, const float *scales)
{
    for (int i = 0; i < n; i += MR) {
        int m = n - i < MR ? n - i : MR;
        for (int p = 0; p < NB / PANEL && r0 + p * PANEL < w->rows; p++) {
            int nr = w->rows - (r0 + p * PANEL);
            tile6(a, i, k0 / 32, kc / 32, codes + (size_t)p * (kc / 4) * PANEL, scales + (size_t)p * (kc / 32) * PANEL,
                  y + (size_t)i * w->rows + r0 + p * PANEL, w->rows, m, k0 > 0, zc_gemm_mask(nr), zc_gemm_mask(nr - 16));
        }
    }
}

/* Y = X W^T for activations already quantized (a, n rows). */
static int product(const zc_mat *w, const acts *a, int n, float *y)
{
    int nblk = (w->rows + NB - 1) / NB, fail = 0;
#pragma omp parallel
    {
        uint32_t *codes = aligned_alloc(64, (size_t)NB * KC);
        float *scales = aligned_alloc(64, (size_t)NB * (KC / 32) * sizeof(float));
        if (!codes || !scales) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (int b = 0; b < nblk; b++)
            for (int k0 = 0; codes && scales && k0 < w->cols; k0 += KC) {
                int kc = w->cols - k0 < KC ? w->cols - k0 : KC;
                zc_gemm_pack_block_int8(w, b * NB, NB, k0, kc, codes, scales);
                block_slice(w, a, n, y, b * NB, k0, kc, codes, scales);
            }
        free(codes);
        free(scales);
    }
    return fail ? -1 : 0;
}

int zc_gemm_int8_multi(const zc_mat *const *w, int nw, const float *x, int n, float *const *y)
{
    if (nw <= 0 || n <= 0 || w[0]->cols % 32)
        return -1;
    for (int i = 0; i < nw; i++)
        if (!zc_gemm_int8_takes(w[i]) || w[i]->kind != w[0]->kind || w[i]->cols != w[0]->cols)
            return -1;
    acts a;
    if (acts_init(&a, x, n, w[0]->cols, w[0]->kind == ZC_W_Q8 || w[0]->kind == ZC_W_Q8P ? 128 : 8))
        return -1;
    int rc = 0;
    for (int i = 0; !rc && i < nw; i++)
        rc = product(w[i], &a, n, y[i]);
    acts_free(&a);
    return rc;
}

int zc_gemm_int8(const zc_mat *w, const float *x, int n, float *y)
{
    return zc_gemm_int8_multi(&w, 1, x, n, &y);
}
