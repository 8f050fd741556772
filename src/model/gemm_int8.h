/* gemm_int8.h: internal to zc_model. The prefill matrix product Y = X W^T for q8 and q4 weights on
 * CPUs with AVX512-VNNI: each activation row quantized to int8 per block of 32 (zc_qact_codes, the
 * quantization the small-n q8/q4 products use), block products summed exactly in int32 by vpdpbusd
 * (64 multiply-adds per instruction, twice vdpbf16ps's 32), then scaled by the weight and activation
 * block scales in fp32. */
#ifndef ZC_MODEL_GEMM_INT8_H
#define ZC_MODEL_GEMM_INT8_H

#include "kernels.h"

/* 1 when the int8 path is on: the bf16 products are on (gemm_bf16.h: AVX-512 with AVX512-BF16 and
 * ZC_GEMM not f32), the SIMD level in use has the AVX512-VNNI q8/q4 products (ZC_SIMD=avx512-novnni
 * has not), and the setting is on: ZC_GEMM=bf16 in the environment (read once) turns it off,
 * zc_model_set_gemm_int8 sets it. */
int zc_gemm_int8_enabled(void);

/* 1 when zc_gemm_int8 takes w: the path is on and w is q8 or q4. zc_matmul (and zc_matmul_multi,
 * through zc_gemm_int8_multi) sends it every product of more than ZC_SMALL_N positions (its quantization is the small-n product's, so there is no
 * rounding reason to wait for ZC_GEMM_BF16_MIN_N as the bf16 GEMM does). */
int zc_gemm_int8_takes(const zc_mat *w);

/* Y[n][w->rows] = X[n][w->cols] W^T with X's rows quantized as above, multi-threaded over blocks of
 * weight rows. Returns -1 (Y unspecified) when !zc_gemm_int8_takes(w) or memory runs out. */
int zc_gemm_int8(const zc_mat *w, const float *x, int n, float *y);
/* The same for nw matrices of one kind and width with the same X (quantized once): Y[i] = X W[i]^T.
 * -1 (Y unspecified) when any is not taken, kinds or widths differ, or memory runs out. */
int zc_gemm_int8_multi(const zc_mat *const *w, int nw, const float *x, int n, float *const *y);

#endif
