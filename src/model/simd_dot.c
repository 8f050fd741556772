/* simd_dot.c: the inner loops of every weight product: dot products of a weight row (fp32 or
 * bf16) with an fp32 vector, of a q8 or q4 row with int8 activations, bf16 -> fp32 row
 * conversion, and the
 * y += a x of attention while decoding. Each exists in scalar, AVX2+FMA and AVX-512 form (function
 * target attributes, so no -march flag is needed); zc_simd() picks one with __builtin_cpu_supports. */
#include "simd_dot.h"
#include "kernels.h"

#include <cpuid.h>
#include <immintrin.h>
#include <stdlib.h>
#include <string.h>

static inline float bf16f(uint16_t h)
{
    uint32_t u = (uint32_t)h << 16;
    float f;
    memcpy(&f, &u, 4);
    return f;
}

/* ---- scalar ---- */
static float dot_f32_scalar(const float *w, const float *x, int n)
{
    float s = 0;
    for (int i = 0; i < n; i++)
        s += w[i] * x[i];
    return s;
}

static float dot_bf16_scalar(const uint16_t *w, const float *x, int n)
{
    float s = 0;
    for (int i = 0; i < n; i++)
        s += bf16f(w[i]) * x[i];
    return s;
}

/* Exact integer sum per block, then one scaled float addition per block (as the q4 product). */
static float dot_q8_scalar(const int8_t *w, const uint16_t *sc, const int8_t *xq, const float *dx, int n)
{
    float s = 0;
    for (int b = 0; b < n / 32; b++) {
        int32_t is = 0;
        for (int i = 0; i < 32; i++)
            is += w[b * 32 + i] * xq[b * 32 + i];
        s += zc_f16_to_f32(sc[b]) * dx[b] * (float)is;
    }
    return s;
}

/* Exact integer sum per block, then one scaled float addition per block. */
static float dot_q4_scalar(const uint8_t *w, const uint16_t *sc, const int8_t *xq, const float *dx,
                           const int32_t *xs, int n)
{
    (void)xs;
    float s = 0;
    for (int b = 0; b < n / 32; b++) {
        int32_t is = 0;
        for (int i = 0; i < 32; i++) {
            uint8_t byte = w[b * 16 + (i & 15)];
            int code = i < 16 ? byte & 15 : byte >> 4;
            is += (code - 8) * xq[b * 32 + i];
        }
        s += zc_f16_to_f32(sc[b]) * dx[b] * (float)is;
    }
    return s;
}

static void cvt_bf16_scalar(const uint16_t *w, float *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = bf16f(w[i]);
}

static void axpy_f32_scalar(float a, const float *x, float *y, int n)
{
    for (int i = 0; i < n; i++)
        y[i] += a * x[i];
}

/* ---- AVX2 + FMA ---- */
__attribute__((target("avx2,fma"))) static float hsum256(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

__attribute__((target("avx2,fma"))) static float dot_f32_avx2(const float *w, const float *x, int n)
{
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        a0 = _mm256_fmadd_ps(_mm256_loadu_ps(w + i), _mm256_loadu_ps(x + i), a0);
        a1 = _mm256_fmadd_ps(_mm256_loadu_ps(w + i + 8), _mm256_loadu_ps(x + i + 8), a1);
    }
    float s = hsum256(_mm256_add_ps(a0, a1));
    for (; i < n; i++)
        s += w[i] * x[i];
    return s;
}

__attribute__((target("avx2,fma"))) static __m256 load_bf16x8(const uint16_t *p)
{
    __m128i h = _mm_loadu_si128((const __m128i *)p);
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
}

__attribute__((target("avx2,fma"))) static float dot_bf16_avx2(const uint16_t *w, const float *x, int n)
{
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        a0 = _mm256_fmadd_ps(load_bf16x8(w + i), _mm256_loadu_ps(x + i), a0);
        a1 = _mm256_fmadd_ps(load_bf16x8(w + i + 8), _mm256_loadu_ps(x + i + 8), a1);
    }
    float s = hsum256(_mm256_add_ps(a0, a1));
    for (; i < n; i++)
        s += bf16f(w[i]) * x[i];
    return s;
}

/* One block: |w| (u8) x activations carrying w's sign (s8) in 16-bit pairs (at most 2 * 127 * 127,
 * no saturation), pairs summed to 32-bit, scaled. Weights are in [-127, 127] (quant.c). */
__attribute__((target("avx2,fma,f16c"))) static float dot_q8_avx2(const int8_t *w, const uint16_t *sc,
                                                                  const int8_t *xq, const float *dx, int n)
{
    const __m256i ones = _mm256_set1_epi16(1);
    __m256 acc = _mm256_setzero_ps();
    for (int b = 0; b < n / 32; b++) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(w + b * 32));
        __m256i x = _mm256_loadu_si256((const __m256i *)(xq + b * 32));
        __m256i l = _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_sign_epi8(v, v), _mm256_sign_epi8(x, v)), ones);
        float d = _cvtsh_ss(sc[b]) * dx[b];
        acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(l), _mm256_set1_ps(d), acc);
    }
    return hsum256(acc);
}

/* One block: u8 codes x s8 activations in 16-bit pairs (at most 2 * 15 * 127, no saturation),
 * pairs summed to 32-bit, scaled; the -8 offset is applied once per block with the block sum. A
 * block's 16 bytes give its codes in order as their low nibbles then their high ones. */
__attribute__((target("avx2,fma,f16c"))) static float dot_q4_avx2(const uint8_t *w, const uint16_t *sc,
                                                                  const int8_t *xq, const float *dx,
                                                                  const int32_t *xs, int n)
{
    const __m128i m4 = _mm_set1_epi8(0x0f);
    const __m256i ones = _mm256_set1_epi16(1);
    __m256 acc = _mm256_setzero_ps();
    float corr = 0;
    for (int b = 0; b < n / 32; b++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(w + b * 16));
        __m256i c = _mm256_set_m128i(_mm_and_si128(_mm_srli_epi16(v, 4), m4), _mm_and_si128(v, m4));
        __m256i x = _mm256_loadu_si256((const __m256i *)(xq + b * 32));
        __m256i l = _mm256_madd_epi16(_mm256_maddubs_epi16(c, x), ones);
        float d = _cvtsh_ss(sc[b]) * dx[b];
        acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(l), _mm256_set1_ps(d), acc);
        corr += d * (float)(-8 * xs[b]);
    }
    return hsum256(acc) + corr;
}

__attribute__((target("avx2,fma"))) static void cvt_bf16_avx2(const uint16_t *w, float *out, int n)
{
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(out + i, load_bf16x8(w + i));
    for (; i < n; i++)
        out[i] = bf16f(w[i]);
}

__attribute__((target("avx2,fma"))) static void axpy_f32_avx2(float a, const float *x, float *y, int n)
{
    __m256 va = _mm256_set1_ps(a);
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_fmadd_ps(va, _mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i)));
    for (; i < n; i++)
        y[i] += a * x[i];
}

/* ---- AVX-512 ---- */
#define AVX512 "avx512f,avx512bw,avx512vl,f16c"

__attribute__((target(AVX512))) static float dot_f32_avx512(const float *w, const float *x, int n)
{
    __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
    int i = 0;
    for (; i + 32 <= n; i += 32) {
        a0 = _mm512_fmadd_ps(_mm512_loadu_ps(w + i), _mm512_loadu_ps(x + i), a0);
        a1 = _mm512_fmadd_ps(_mm512_loadu_ps(w + i + 16), _mm512_loadu_ps(x + i + 16), a1);
    }
    float s = _mm512_reduce_add_ps(_mm512_add_ps(a0, a1));
    for (; i < n; i++)
        s += w[i] * x[i];
    return s;
}

__attribute__((target(AVX512))) static __m512 load_bf16x16(const uint16_t *p)
{
    __m256i h = _mm256_loadu_si256((const __m256i *)p);
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
}

__attribute__((target(AVX512))) static float dot_bf16_avx512(const uint16_t *w, const float *x, int n)
{
    __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
    int i = 0;
    for (; i + 32 <= n; i += 32) {
        a0 = _mm512_fmadd_ps(load_bf16x16(w + i), _mm512_loadu_ps(x + i), a0);
        a1 = _mm512_fmadd_ps(load_bf16x16(w + i + 16), _mm512_loadu_ps(x + i + 16), a1);
    }
    float s = _mm512_reduce_add_ps(_mm512_add_ps(a0, a1));
    for (; i < n; i++)
        s += bf16f(w[i]) * x[i];
    return s;
}

__attribute__((target(AVX512))) static void cvt_bf16_avx512(const uint16_t *w, float *out, int n)
{
    int i = 0;
    for (; i + 16 <= n; i += 16)
        _mm512_storeu_ps(out + i, load_bf16x16(w + i));
    for (; i < n; i++)
        out[i] = bf16f(w[i]);
}

__attribute__((target(AVX512))) static void axpy_f32_avx512(float a, const float *x, float *y, int n)
{
    __m512 va = _mm512_set1_ps(a);
    int i = 0;
    for (; i + 16 <= n; i += 16)
        _mm512_storeu_ps(y + i, _mm512_fmadd_ps(va, _mm512_loadu_ps(x + i), _mm512_loadu_ps(y + i)));
    for (; i < n; i++)
        y[i] += a * x[i];
}

static const zc_simd_ops OPS_SCALAR = {"scalar", dot_f32_scalar, dot_bf16_scalar, dot_q8_scalar, dot_q4_scalar,
                                       cvt_bf16_scalar, 0, 0, axpy_f32_scalar};
static const zc_simd_ops OPS_AVX2 = {"avx2", dot_f32_avx2, dot_bf16_avx2, dot_q8_avx2, dot_q4_avx2, cvt_bf16_avx2, 0, 0,
                                     axpy_f32_avx2};
/* AVX-512 without VNNI: the q8 and q4 products row by row with the AVX2 kernels. */
static const zc_simd_ops OPS_AVX512 = {"avx512", dot_f32_avx512, dot_bf16_avx512, dot_q8_avx2, dot_q4_avx2,
                                       cvt_bf16_avx512, 1, 0, axpy_f32_avx512};
static const zc_simd_ops OPS_AVX512_VNNI = {"avx512", dot_f32_avx512, dot_bf16_avx512, dot_q8_avx2, dot_q4_avx2,
                                            cvt_bf16_avx512, 1, 1, axpy_f32_avx512};

/* F16C from CPUID leaf 1 (ECX bit 29): clang's __builtin_cpu_supports does not know "f16c". */
static int cpu_has_f16c(void)
{
    unsigned a, b, c, d;
    return __get_cpuid(1, &a, &b, &c, &d) && (c & bit_F16C);
}

static const zc_simd_ops *pick(void)
{
    const char *force = getenv("ZC_SIMD");
    __builtin_cpu_init();
    int has512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                 __builtin_cpu_supports("avx512vl");
    int has2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && cpu_has_f16c();
    if (force && !strcmp(force, "scalar"))
        return &OPS_SCALAR;
    if (force && !strcmp(force, "avx2") && has2)
        return &OPS_AVX2;
    if (has512 && has2)
        return __builtin_cpu_supports("avx512vnni") && !(force && !strcmp(force, "avx512-novnni")) ? &OPS_AVX512_VNNI
                                                                                                  : &OPS_AVX512;
    return has2 ? &OPS_AVX2 : &OPS_SCALAR;
}

static const zc_simd_ops *current;

const zc_simd_ops *zc_simd(void)
{
    if (!current)
        current = pick();
    return current;
}

int zc_simd_set(const char *name)
{
    const zc_simd_ops *best = pick();
    if (!strcmp(name, "scalar"))
        current = &OPS_SCALAR;
    else if (!strcmp(name, "avx2") && best != &OPS_SCALAR)
        current = &OPS_AVX2;
    else if (!strcmp(name, "avx512") && !strcmp(best->name, "avx512"))
        current = best;
    else if (!strcmp(name, "avx512-novnni") && !strcmp(best->name, "avx512"))
        current = &OPS_AVX512;
    else
        return -1;
    return 0;
}
