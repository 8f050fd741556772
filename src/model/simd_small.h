/* simd_small.h: internal to zc_model. The AVX-512 kernels of the small-n product: four weight rows
 * against up to four activation rows at a time, each weight converted once in registers for all of
 * them. Every (weight row, activation row) pair is accumulated in the same order whatever the number
 * of activation rows, so n rows give bit for bit the results of n one-row products. */
#ifndef ZC_MODEL_SIMD_SMALL_H
#define ZC_MODEL_SIMD_SMALL_H

#include "quant.h"

/* n activation rows: fp32 x [n][cols]; for q8 and q4 weights their int8 form; for bf16 weights, when the
 * bf16 products are on, the rows rounded to bf16 pairs xb [n][cols / 2] (NULL: fp32 products). */
typedef struct {
    int n;
    const float *x;
    const zc_qact *q;
    const uint32_t *xb;
} zc_act;

/* y[j * ldy + r] = row r of w . activation row j for r0 <= r < r0 + nr (nr <= 4), j < a->n.
 * f32/bf16 need AVX-512 (zc_simd()->fused), q8/q4 AVX-512 VNNI (zc_simd()->fused_q4) and a->q with
 * the order of w's kind filled (zc_qact_alloc with it, then zc_qact_fill; or zc_qact_order), bf16
 * with a->xb AVX512-BF16. */
void zc_small_rows_avx512(const zc_mat *w, int r0, int nr, const zc_act *a, float *y, int ldy);
/* The prefetch distances of a q8/q4 panel product of `rows` activation rows (simd_small.c: per CPU
 * and for one row or several, ZC_PREFETCH* overrides): bytes ahead into L1, and into L2 as one
 * stream (the linear distance, else the per-row one; 0: none). */
void zc_panel_prefetch(int rows, size_t *l1, size_t *l2);

#endif
