/* simd_dot.h: internal to zc_model. Row dot products (fp32 x fp32/bf16 weights, int8 x q8/q4) in scalar,
 * AVX2+FMA and AVX-512 variants, with the best one picked at run time. */
#ifndef ZC_MODEL_SIMD_DOT_H
#define ZC_MODEL_SIMD_DOT_H

#include <stddef.h>
#include <stdint.h>

typedef float (*zc_dot_f32_fn)(const float *w, const float *x, int n);
typedef float (*zc_dot_bf16_fn)(const uint16_t *w, const float *x, int n);
/* q8 row (int8, one fp16 scale per 32) . int8 activations xq with scales dx (one per 32); n is a
 * multiple of 32. */
typedef float (*zc_dot_q8_fn)(const int8_t *w, const uint16_t *scales, const int8_t *xq, const float *dx, int n);
/* q4 row (16 bytes of nibbles per block of 32, quant.c) . int8 activations xq with scales dx and
 * block sums xs (one per 32); n is a multiple of 32. */
typedef float (*zc_dot_q4_fn)(const uint8_t *w, const uint16_t *scales, const int8_t *xq, const float *dx,
                              const int32_t *xs, int n);
/* out[i] = fp32 of w[i] */
typedef void (*zc_cvt_bf16_fn)(const uint16_t *w, float *out, int n);

/* y[i] += a * x[i] */
typedef void (*zc_axpy_f32_fn)(float a, const float *x, float *y, int n);

typedef struct {
    const char *name;
    zc_dot_f32_fn dot_f32;
    zc_dot_bf16_fn dot_bf16;
    zc_dot_q8_fn dot_q8;
    zc_dot_q4_fn dot_q4;
    zc_cvt_bf16_fn cvt_bf16;
    int fused;    /* 1: the small-n product of f32/bf16 uses the AVX-512 kernels of simd_small.c */
    int fused_q4; /* 1: the q8 and q4 ones too (AVX-512 VNNI) */
    zc_axpy_f32_fn axpy_f32;
} zc_simd_ops;

/* The ops for this CPU (ZC_SIMD=scalar|avx2 in the environment forces a lower path). */
const zc_simd_ops *zc_simd(void);
/* Tests: switches every later product to the named path ("scalar", "avx2", "avx512",
 * "avx512-novnni": AVX-512 with the AVX2 q8 and q4 products); 0, or -1
 * when this CPU cannot run it. Not for use while products run on other threads. */
int zc_simd_set(const char *name);

#endif
