/* half.c: rows of IEEE half-precision values to and from fp32, for the KV cache (decoder.c keeps
 * keys and values as fp16). With F16C (every CPU the avx2 and avx512 kernels run on) eight values
 * an instruction, else the scalar conversions of quant.c and kernels.c; both round to nearest even,
 * so both give the same bits for every number (a NaN stays a NaN, its payload may differ). */
#include "kernels.h"
#include "quant.h"

#include <immintrin.h>
#include <string.h>

#define F16C __attribute__((target("avx,f16c")))

F16C static void to_f16_f16c(const float *x, uint16_t *h, int n)
{
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128((__m128i *)(h + i),
                         _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    for (; i < n; i++)
        h[i] = zc_f32_to_f16(x[i]);
}

F16C static void to_f32_f16c(const uint16_t *h, float *x, int n)
{
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(x + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(h + i))));
    for (; i < n; i++)
        x[i] = zc_f16_to_f32(h[i]);
}

static int use_f16c(void)
{
    return strcmp(zc_kernels_simd(), "scalar") != 0;
}

void zc_f32_to_f16_row(const float *x, uint16_t *h, int n)
{
    if (use_f16c()) {
        to_f16_f16c(x, h, n);
        return;
    }
    for (int i = 0; i < n; i++)
        h[i] = zc_f32_to_f16(x[i]);
}

void zc_f16_to_f32_row(const uint16_t *h, float *x, int n)
{
    if (use_f16c()) {
        to_f32_f16c(h, x, n);
        return;
    }
    for (int i = 0; i < n; i++)
        x[i] = zc_f16_to_f32(h[i]);
}
