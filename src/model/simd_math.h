/* simd_math.h: internal to zc_model. Element-wise activations and the softmax exponentials of the
 * decoder, the vision encoder and prefill attention, with an AVX-512 exp where the CPU has it. */
#ifndef ZC_MODEL_SIMD_MATH_H
#define ZC_MODEL_SIMD_MATH_H

#include <stddef.h>

/* x = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), computed as x / (1 + exp(-2 sqrt(2/pi) (...))). */
void zc_vec_gelu_tanh(float *x, size_t n);
/* x[i][j] = gelu_tanh(x[i][j] + b[j]) for rows x cols values (b NULL: no bias). */
void zc_vec_bias_gelu_tanh(float *x, const float *b, size_t rows, size_t cols);
/* x[i][j] = gelu_erf(x[i][j] + b[j]) = 0.5 v (1 + erf(v / sqrt 2)), v = x + b (b NULL: no bias); the
 * AVX-512 erf has a relative error below 2e-7 (erfc by Numerical Recipes' Chebyshev fit). */
void zc_vec_bias_gelu_erf(float *x, const float *b, size_t rows, size_t cols);
/* g = silu(g) * u = g / (1 + exp(-g)) * u. */
void zc_vec_silu_mul(float *g, const float *u, size_t n);
/* s[j] = exp(s[j] - mx) for j < n; returns the sum. Single-threaded (called per row). */
float zc_vec_exp_shift_sum(float *s, int n, float mx);

#endif
