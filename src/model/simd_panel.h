/* simd_panel.h: internal to zc_model. The AVX-512 VNNI small-n product of a q4 or q8 matrix in
 * panels (ZC_W_Q4P, ZC_W_Q8P; quant_panel.c): one panel of 16 weight rows against every activation
 * row. */
#ifndef ZC_MODEL_SIMD_PANEL_H
#define ZC_MODEL_SIMD_PANEL_H

#include "quant.h"

/* y[j * ldy + r] = row r of w . activation row j of a (codes, scales and block sums) for the rows r
 * of panel p inside w and j < a->n (1 to ZC_SMALL_N); each the value zc_panel_dot gives, bit for bit,
 * whatever a->n.
 * Needs AVX-512 VNNI (zc_simd()->fused_q4). */
void zc_panel_rows_avx512(const zc_mat *w, int p, const zc_qact *a, float *y, int ldy);

#endif
