/* gemm_bf16.h: internal to zc_model. The prefill matrix product Y = X W^T for bf16, q8 and q4
 * weights with AVX512-BF16 (vdpbf16ps): X rounded to bf16 (and q8/q4 weights, dequantized, too),
 * products summed in fp32. Twice the arithmetic rate of the fp32 kernel (gemm_avx512.c), at the cost
 * of rounding the activations that enter each weight product to bf16 (what a bf16 transformers run
 * does too; see docs/model.md). */
#ifndef ZC_MODEL_GEMM_BF16_H
#define ZC_MODEL_GEMM_BF16_H

#include "kernels.h"

/* Products with at least this many positions take zc_gemm_bf16; fewer take the small-n product
 * (kernels.c), which with the bf16 products on also rounds its rows to bf16 (simd_small.c). */
#define ZC_GEMM_BF16_MIN_N 32

/* 1 when the bf16 path is on: the CPU has AVX512-BF16 (and ZC_SIMD does not force a lower path)
 * and ZC_GEMM=f32 is not set in the environment (read once). */
int zc_gemm_bf16_enabled(void);
/* zc_model_set_gemm_bf16 (model.h) turns it on (where the CPU has it) or off. */

/* 1 when zc_gemm_bf16 takes w: the path is on and w is bf16, q8 or q4. */
int zc_gemm_bf16_takes(const zc_mat *w);

/* xb[i][p] = bf16(x[i][2p]) | bf16(x[i][2p+1]) << 16 for p < ceil(k/2) (round to nearest even,
 * zero for an odd k's last high half), rows ldx pairs apart. Needs AVX512-BF16: call only when
 * zc_gemm_bf16_enabled(). */
void zc_bf16_round_rows(const float *x, int n, int k, uint32_t *xb, int ldx);

/* Y[n][w->rows] = bf16(X[n][w->cols]) bf16(W)^T, multi-threaded over blocks of weight rows (bf16(W)
 * is W itself for bf16 weights). Returns -1 (Y unspecified) when !zc_gemm_bf16_takes(w) or memory
 * runs out. */
int zc_gemm_bf16(const zc_mat *w, const float *x, int n, float *y);

#endif
