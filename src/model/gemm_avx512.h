/* gemm_avx512.h: internal to zc_model. The prefill matrix product Y = X W^T with an AVX-512
 * register-blocked kernel (6 positions x 32 output features), weights packed per panel. */
#ifndef ZC_MODEL_GEMM_AVX512_H
#define ZC_MODEL_GEMM_AVX512_H

#include "kernels.h"

#define ZC_GEMM_PANEL 32

/* Packs weight rows [r0, r0+32) into panel[k][32] (fp32, zero rows past the end). */
void zc_gemm_pack_panel(const zc_mat *w, int r0, float *panel, float *rowbuf);
/* Y[i][r0 + j] = sum_k X[i][k] panel[k][j] for i < n, j < nr (nr <= 32). */
void zc_gemm_panel_avx512(const float *x, int n, int k, const float *panel, int nr, float *y, int ldy);

#endif
