/* gemm_avx512.h: internal to zc_model. The prefill matrix product Y = X W^T on CPUs with
 * AVX-512: GotoBLAS-style blocking (256 weight rows x 256 k packed to fp32 per step, reused by
 * every 6-position tile) around a 6 x 32 register-blocked kernel. */
#ifndef ZC_MODEL_GEMM_AVX512_H
#define ZC_MODEL_GEMM_AVX512_H

#include "kernels.h"

/* Y[n][w->rows] = X[n][w->cols] W^T, multi-threaded over blocks of weight rows. */
void zc_gemm_avx512(const zc_mat *w, const float *x, int n, float *y);

/* One panel product, single-threaded: y[m][ncols] (+ when acc) = x[m][kc] (row stride ldx) times the
 * packed panel p[kc][32] (64-byte aligned, all 32 columns readable); ncols <= 32 columns are stored. */
void zc_gemm_panel_avx512(const float *x, int ldx, int m, int kc, const float *p, int ncols, float *y, int ldy,
                          int acc);

#endif
