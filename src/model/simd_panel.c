/* simd_panel.c: the AVX-512 VNNI small-n product of q4 and q8 panels (decoding, speculative
 * verification, batched decoding). Per block of 32 columns of a panel the eight unsigned operands
 * (16 rows x 4 columns each, quant_panel.c) come from four 64-byte loads, masked and shifted (q4),
 * or eight loads (q8); for each activation row the int32 sum of a row's block starts at -offset x
 * the block's activation-code sum (q4: 8, q8: 128; which removes the code offset) and takes eight
 * vpdpbusd with the block's activation codes broadcast 4 at a time, in two chains of four; one
 * conversion and one multiply-add by (weight scale x activation scale) then scale the 16 rows' sums.
 * Per block and activation row that is 8 vpdpbusd and 4 other operations for 512 products; the row
 * layouts (simd_small.c) need 2 vpdpbusd and 3 others per 128. Up to PASS activation rows share one
 * pass over the panel (each row's accumulator in a register); more take further passes, CHUNK
 * blocks of the panel at a time, so that the later passes find the blocks in L1 while the first
 * pass's fetches run ahead. (Whole-panel passes read the later passes from L2 with nothing in flight
 * from memory meanwhile: a 9-row q8 verification cost 1.2x the 8-row one; chunked it costs about the
 * same.) The panel is one contiguous stream, fetched ahead in software at the panels' own distances,
 * for one activation row or several (zc_panel_prefetch). */
#include "simd_panel.h"
#include "simd_small.h"

#include <immintrin.h>

#define TGTV __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni,f16c")))
#define INLINE inline __attribute__((always_inline))
#define PASS 8       /* activation rows per pass */
#define CHUNK 16     /* blocks of the panel per step when there are several passes */

/* One pass of nj activation rows (codes q [nj][cols], block scales dx and sums [nj][ld]) over nb
 * blocks of the panel from pp (a q8 panel when q8, else q4), fetching l1 bytes ahead into L1 and l2
 * (when not 0) into L2; io[j] holds the 16 rows' sums of the blocks before and takes them after. */
TGTV static INLINE void panel_pass(int q8, const uint8_t *pp, int nb, const int8_t *q, const float *dx,
                                   const int32_t *sum, int cols, int ld, int nj, size_t l1, size_t l2,
                                   __m512 io[PASS])
{
    const __m512i m4 = _mm512_set1_epi8(0x0f);
    const size_t bb = q8 ? 544 : 288, codes = q8 ? 512 : 256;
    const int32_t offset = q8 ? -128 : -8;
    __m512 acc[PASS]; /* local: io could alias the int8 codes, which would keep acc in memory */
    #pragma GCC unroll 8
    for (int j = 0; j < nj; j++)
        acc[j] = io[j];
    for (int b = 0; b < nb; b++) {
        const uint8_t *o = pp + (size_t)b * bb;
        #pragma GCC unroll 9
        for (size_t l = 0; l < bb; l += 64) {
            _mm_prefetch((const char *)o + l1 + l, _MM_HINT_T0);
            if (l2)
                _mm_prefetch((const char *)o + l2 + l, _MM_HINT_T1);
        }
        __m512i op[8]; /* op[g]: the 16 rows' codes of columns 4g..4g+3 */
        #pragma GCC unroll 4
        for (int i = 0; i < 4; i++) {
            if (q8) {
                op[i] = _mm512_loadu_si512((const void *)(o + 64 * i));
                op[4 + i] = _mm512_loadu_si512((const void *)(o + 256 + 64 * i));
            } else {
                __m512i v = _mm512_loadu_si512((const void *)(o + 64 * i));
                op[i] = _mm512_and_si512(v, m4);
                op[4 + i] = _mm512_and_si512(_mm512_srli_epi16(v, 4), m4);
            }
        }
        __m512 ws = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(o + codes)));
        #pragma GCC unroll 8
        for (int j = 0; j < nj; j++) {
            const int32_t *aq = (const int32_t *)(const void *)(q + (size_t)j * (size_t)cols + 32 * (size_t)b);
            size_t jb = (size_t)j * (size_t)ld + (size_t)b;
            __m512i s0 = _mm512_set1_epi32(offset * sum[jb]), s1 = _mm512_setzero_si512();
            #pragma GCC unroll 4
            for (int i = 0; i < 4; i++) {
                s0 = _mm512_dpbusd_epi32(s0, op[i], _mm512_set1_epi32(aq[i]));
                s1 = _mm512_dpbusd_epi32(s1, op[4 + i], _mm512_set1_epi32(aq[4 + i]));
            }
            __m512 d = _mm512_mul_ps(ws, _mm512_set1_ps(dx[jb]));
            acc[j] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_add_epi32(s0, s1)), d, acc[j]);
        }
    }
    #pragma GCC unroll 8
    for (int j = 0; j < nj; j++)
        io[j] = acc[j];
}

/* panel_pass with nj a constant, so that each row's accumulator stays in a register; inlined into
 * one function per kind below, so that q8 is a constant too. */
TGTV static INLINE void panel_pass_n(int q8, const uint8_t *pp, int nb, const int8_t *q, const float *dx,
                                     const int32_t *sum, int cols, int ld, int nj, size_t l1, size_t l2,
                                     __m512 io[PASS])
{
    switch (nj) {
    case 1: panel_pass(q8, pp, nb, q, dx, sum, cols, ld, 1, l1, l2, io); break;
    case 2: panel_pass(q8, pp, nb, q, dx, sum, cols, ld, 2, l1, l2, io); break;
    case 3: panel_pass(q8, pp, nb, q, dx, sum, cols, ld, 3, l1, l2, io); break;
    case 4: panel_pass(q8, pp, nb, q, dx, sum, cols, ld, 4, l1, l2, io); break;
    case 5: panel_pass(q8, pp, nb, q, dx, sum, cols, ld, 5, l1, l2, io); break;
    case 6: panel_pass(q8, pp, nb, q, dx, sum, cols, ld, 6, l1, l2, io); break;
    case 7: panel_pass(q8, pp, nb, q, dx, sum, cols, ld, 7, l1, l2, io); break;
    default: panel_pass(q8, pp, nb, q, dx, sum, cols, ld, PASS, l1, l2, io); break;
    }
}

TGTV static void panel_pass_q4(const uint8_t *pp, int nb, const int8_t *q, const float *dx, const int32_t *sum,
                               int cols, int ld, int nj, size_t l1, size_t l2, __m512 io[PASS])
{
    panel_pass_n(0, pp, nb, q, dx, sum, cols, ld, nj, l1, l2, io);
}

TGTV static void panel_pass_q8(const uint8_t *pp, int nb, const int8_t *q, const float *dx, const int32_t *sum,
                               int cols, int ld, int nj, size_t l1, size_t l2, __m512 io[PASS])
{
    panel_pass_n(1, pp, nb, q, dx, sum, cols, ld, nj, l1, l2, io);
}

TGTV void zc_panel_rows_avx512(const zc_mat *w, int p, const zc_qact *a, float *y, int ldy)
{
    int nb = w->cols / ZC_Q8_BLOCK, rows = w->rows - p * ZC_PANEL_ROWS;
    size_t bb = zc_panel_block_bytes(w->kind);
    const uint8_t *pp = (const uint8_t *)w->data + (size_t)p * (size_t)nb * bb;
    __mmask16 m = (__mmask16)(rows >= 16 ? 0xffff : (1u << rows) - 1);
    /* passes of equal size: 9 rows as 5 + 4, not 8 + 1; several passes take the panel CHUNK blocks
     * at a time, so that the later passes read those blocks from L1 while the first pass's fetches
     * of the next ones are under way */
    int passes = (a->n + PASS - 1) / PASS, step = passes > 1 ? CHUNK : nb, first[ZC_SMALL_N / PASS + 1];
    size_t l1, l2;
    zc_panel_prefetch(a->n, &l1, &l2);
    __m512 acc[ZC_SMALL_N];
    for (int j = 0; j < a->n; j++)
        acc[j] = _mm512_setzero_ps();
    for (int j0 = 0, k = 0; k < passes; k++) {
        first[k] = j0;
        j0 += (a->n - j0 + (passes - k) - 1) / (passes - k);
    }
    first[passes] = a->n;
    for (int b0 = 0; b0 < nb; b0 += step) {
        int nbc = nb - b0 < step ? nb - b0 : step;
        for (int k = 0; k < passes; k++) {
            int j0 = first[k], nj = first[k + 1] - j0;
            const int8_t *q = a->q + (size_t)j0 * (size_t)w->cols + (size_t)ZC_Q8_BLOCK * (size_t)b0;
            const float *dx = a->dx + (size_t)j0 * (size_t)nb + (size_t)b0;
            const int32_t *sum = a->sum + (size_t)j0 * (size_t)nb + (size_t)b0;
            const uint8_t *pc = pp + (size_t)b0 * bb;
            if (w->kind == ZC_W_Q8P)
                panel_pass_q8(pc, nbc, q, dx, sum, w->cols, nb, nj, l1, l2, acc + j0);
            else
                panel_pass_q4(pc, nbc, q, dx, sum, w->cols, nb, nj, l1, l2, acc + j0);
        }
    }
    for (int j = 0; j < a->n; j++)
        _mm512_mask_storeu_ps(y + (size_t)j * (size_t)ldy + (size_t)p * ZC_PANEL_ROWS, m, acc[j]);
}
