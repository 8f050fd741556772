/* simd_math.c: element-wise exponentials for activations and softmax. The AVX-512 exp reduces
 * x = n ln2 + r (|r| <= ln2/2, ln2 split in two parts), evaluates e^r by its Taylor polynomial to
 * degree 7 (truncation below 1e-8 relative, under one fp32 ulp) and scales by 2^n with vscalefps,
 * which also gives 0 and inf past the fp32 range. Other CPUs use libm's expf. Long vectors are split
 * between OpenMP threads. */
#include "simd_math.h"
#include "simd_dot.h"

#include <immintrin.h>
#include <math.h>
#include <omp.h>
#include <string.h>

#define TGT __attribute__((target("avx512f,avx512bw,avx512vl")))
#define PAR_MIN 16384 /* elements below which the activations stay on one thread */

static int has_avx512(void)
{
    return !strcmp(zc_simd()->name, "avx512");
}

TGT static inline __m512 exp16(__m512 x)
{
    x = _mm512_max_ps(_mm512_min_ps(x, _mm512_set1_ps(100.0f)), _mm512_set1_ps(-110.0f));
    __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)),
                                    _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145751953125f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.428606765330187045e-06f), r);
    __m512 p = _mm512_set1_ps(1.0f / 5040);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 720));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    return _mm512_scalef_ps(p, n);
}

/* GELU (tanh form) of 16 values: x / (1 + exp(-2k (x + c x^3))). */
TGT static inline __m512 gelu16(__m512 v)
{
    const __m512 m2k = _mm512_set1_ps(-2.0f * 0.7978845608028654f), c = _mm512_set1_ps(0.044715f);
    __m512 z = _mm512_mul_ps(_mm512_fmadd_ps(_mm512_mul_ps(c, v), _mm512_mul_ps(v, v), v), m2k);
    return _mm512_div_ps(v, _mm512_add_ps(_mm512_set1_ps(1.0f), exp16(z)));
}

TGT static void gelu_tanh_avx512(float *x, size_t n)
{
    size_t i = 0;
    for (; i + 16 <= n; i += 16)
        _mm512_storeu_ps(x + i, gelu16(_mm512_loadu_ps(x + i)));
    if (i < n) {
        __mmask16 m = (__mmask16)((1u << (n - i)) - 1);
        _mm512_mask_storeu_ps(x + i, m, gelu16(_mm512_maskz_loadu_ps(m, x + i)));
    }
}

/* 0.5 v (1 + erf(v / sqrt 2)): erfc(z) = t exp(-z^2 + P(t)), t = 1 / (1 + z/2), z = |v| / sqrt 2. */
TGT static inline __m512 gelu_erf16(__m512 v)
{
    static const float c[10] = {-1.26551223f, 1.00002368f, 0.37409196f, 0.09678418f, -0.18628806f,
                                0.27886807f, -1.13520398f, 1.48851587f, -0.82215223f, 0.17087277f};
    __m512 z = _mm512_mul_ps(_mm512_abs_ps(v), _mm512_set1_ps(0.7071067811865476f));
    __m512 t = _mm512_div_ps(_mm512_set1_ps(1.0f), _mm512_fmadd_ps(z, _mm512_set1_ps(0.5f), _mm512_set1_ps(1.0f)));
    __m512 p = _mm512_set1_ps(c[9]);
    for (int i = 8; i >= 0; i--)
        p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(c[i]));
    __m512 erfc = _mm512_mul_ps(t, exp16(_mm512_fnmadd_ps(z, z, p)));
    /* 1 + erf(v/sqrt2) = 2 - erfc for v >= 0, erfc(|v|/sqrt2) for v < 0 */
    __mmask16 neg = _mm512_cmp_ps_mask(v, _mm512_setzero_ps(), _CMP_LT_OQ);
    __m512 one_plus = _mm512_mask_blend_ps(neg, _mm512_sub_ps(_mm512_set1_ps(2.0f), erfc), erfc);
    return _mm512_mul_ps(_mm512_mul_ps(_mm512_set1_ps(0.5f), v), one_plus);
}

/* x[j] = f(x[j] + b[j]) for j < n (b NULL: no bias). */
TGT static void bias_act_avx512(float *x, const float *b, size_t n, int erf)
{
    for (size_t i = 0; i < n; i += 16) {
        __mmask16 m = n - i >= 16 ? 0xffff : (__mmask16)((1u << (n - i)) - 1);
        __m512 v = _mm512_maskz_loadu_ps(m, x + i);
        if (b)
            v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(m, b + i));
        _mm512_mask_storeu_ps(x + i, m, erf ? gelu_erf16(v) : gelu16(v));
    }
}

static void bias_act_scalar(float *x, const float *b, size_t n, int erf)
{
    const float k = 0.7978845608028654f;
    for (size_t i = 0; i < n; i++) {
        float v = x[i] + (b ? b[i] : 0.0f);
        x[i] = erf ? 0.5f * v * (1.0f + erff(v * 0.7071067811865476f))
                   : 0.5f * v * (1.0f + tanhf(k * (v + 0.044715f * v * v * v)));
    }
}

static void bias_act_rows(float *x, const float *b, size_t rows, size_t cols, int erf)
{
    int v = has_avx512();
#pragma omp parallel for schedule(static) if (rows * cols >= PAR_MIN)
    for (size_t i = 0; i < rows; i++) {
        if (v)
            bias_act_avx512(x + i * cols, b, cols, erf);
        else
            bias_act_scalar(x + i * cols, b, cols, erf);
    }
}

void zc_vec_bias_gelu_tanh(float *x, const float *b, size_t rows, size_t cols)
{
    bias_act_rows(x, b, rows, cols, 0);
}

void zc_vec_bias_gelu_erf(float *x, const float *b, size_t rows, size_t cols)
{
    bias_act_rows(x, b, rows, cols, 1);
}

TGT static inline __m512 silu_mul16(__m512 g, __m512 u)
{
    __m512 e = exp16(_mm512_sub_ps(_mm512_setzero_ps(), g));
    return _mm512_mul_ps(_mm512_div_ps(g, _mm512_add_ps(_mm512_set1_ps(1.0f), e)), u);
}

TGT static void silu_mul_avx512(float *g, const float *u, size_t n)
{
    size_t i = 0;
    for (; i + 16 <= n; i += 16)
        _mm512_storeu_ps(g + i, silu_mul16(_mm512_loadu_ps(g + i), _mm512_loadu_ps(u + i)));
    if (i < n) {
        __mmask16 m = (__mmask16)((1u << (n - i)) - 1);
        _mm512_mask_storeu_ps(g + i, m, silu_mul16(_mm512_maskz_loadu_ps(m, g + i), _mm512_maskz_loadu_ps(m, u + i)));
    }
}

TGT static float exp_shift_sum_avx512(float *s, int n, float mx)
{
    __m512 m = _mm512_set1_ps(mx), acc = _mm512_setzero_ps();
    int j = 0;
    for (; j + 16 <= n; j += 16) {
        __m512 e = exp16(_mm512_sub_ps(_mm512_loadu_ps(s + j), m));
        _mm512_storeu_ps(s + j, e);
        acc = _mm512_add_ps(acc, e);
    }
    if (j < n) {
        __mmask16 k = (__mmask16)((1u << (n - j)) - 1);
        __m512 e = exp16(_mm512_sub_ps(_mm512_maskz_loadu_ps(k, s + j), m));
        _mm512_mask_storeu_ps(s + j, k, e);
        acc = _mm512_add_ps(acc, _mm512_maskz_mov_ps(k, e));
    }
    return _mm512_reduce_add_ps(acc);
}

/* Splits [0, n) into one contiguous part per thread, cut at multiples of 16. */
static void part_of(size_t n, int t, int nt, size_t *lo, size_t *hi)
{
    size_t per = (n / (size_t)nt + 15) & ~(size_t)15;
    *lo = per * (size_t)t < n ? per * (size_t)t : n;
    *hi = *lo + per < n ? *lo + per : n;
}

void zc_vec_gelu_tanh(float *x, size_t n)
{
    int v = has_avx512();
#pragma omp parallel if (n >= PAR_MIN)
    {
        size_t lo, hi;
        part_of(n, omp_get_thread_num(), omp_get_num_threads(), &lo, &hi);
        if (v) {
            gelu_tanh_avx512(x + lo, hi - lo);
        } else {
            const float k = 0.7978845608028654f;
            for (size_t i = lo; i < hi; i++)
                x[i] = 0.5f * x[i] * (1.0f + tanhf(k * (x[i] + 0.044715f * x[i] * x[i] * x[i])));
        }
    }
}

void zc_vec_silu_mul(float *g, const float *u, size_t n)
{
    int v = has_avx512();
#pragma omp parallel if (n >= PAR_MIN)
    {
        size_t lo, hi;
        part_of(n, omp_get_thread_num(), omp_get_num_threads(), &lo, &hi);
        if (v)
            silu_mul_avx512(g + lo, u + lo, hi - lo);
        else
            for (size_t i = lo; i < hi; i++)
                g[i] = g[i] / (1.0f + expf(-g[i])) * u[i];
    }
}

float zc_vec_exp_shift_sum(float *s, int n, float mx)
{
    if (has_avx512())
        return exp_shift_sum_avx512(s, n, mx);
    float sum = 0;
    for (int j = 0; j < n; j++)
        sum += s[j] = expf(s[j] - mx);
    return sum;
}
