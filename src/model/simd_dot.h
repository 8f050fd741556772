/* simd_dot.h: internal to zc_model. Row dot products (fp32 x fp32/bf16/q8 weights) in scalar,
 * AVX2+FMA and AVX-512 variants, with the best one picked at run time. */
#ifndef ZC_MODEL_SIMD_DOT_H
#define ZC_MODEL_SIMD_DOT_H

#include <stddef.h>
#include <stdint.h>

typedef float (*zc_dot_f32_fn)(const float *w, const float *x, int n);
typedef float (*zc_dot_bf16_fn)(const uint16_t *w, const float *x, int n);
/* n is a multiple of 32; one scale per 32 weights. */
typedef float (*zc_dot_q8_fn)(const int8_t *w, const float *scales, const float *x, int n);
/* out[i] = fp32 of w[i] */
typedef void (*zc_cvt_bf16_fn)(const uint16_t *w, float *out, int n);

/* out[r] = row r of w (rows ld elements apart) . x, for r < 4. */
typedef void (*zc_dot4_bf16_fn)(const uint16_t *w, size_t ld, const float *x, int n, float out[4]);

/* y[i] += a * x[i] */
typedef void (*zc_axpy_f32_fn)(float a, const float *x, float *y, int n);

typedef struct {
    const char *name;
    zc_dot_f32_fn dot_f32;
    zc_dot_bf16_fn dot_bf16;
    zc_dot_q8_fn dot_q8;
    zc_cvt_bf16_fn cvt_bf16;
    zc_dot4_bf16_fn dot4_bf16; /* NULL where there is no four-row kernel */
    zc_axpy_f32_fn axpy_f32;
} zc_simd_ops;

/* The ops for this CPU (ZC_SIMD=scalar|avx2|avx512 in the environment forces a lower path). */
const zc_simd_ops *zc_simd(void);

#endif
