/* attention_decode.c: one query position's attention over the KV cache, a KV group at a time
 * (attention_decode.h). The row-by-row path (decoder.c) took one query head at a time, one function
 * call per cached key for its dot product and one per value for its multiply-add into an output in
 * memory, and read each key and value once per query head of its group. Here the scores of all the
 * group's heads come from one pass over the keys (four keys a step, so that sixteen independent
 * sums hide the multiply-add latency), and the values are summed in registers, 128 columns of every
 * head at a time for groups of up to two heads (Qwen3-VL), else 64 (16 where the head size is not a
 * multiple of 64), in one pass over the values per such slice. The cache holds halves, widened to
 * fp32 as they are loaded (vcvtph2ps). */
#include "attention_decode.h"

#include "kernels.h"
#include "simd_math.h"

#include <immintrin.h>
#include <math.h>
#include <string.h>

#define TGT __attribute__((target("avx512f")))
#define AHEAD 16 /* cached rows fetched ahead: a head's cached keys and values stream from memory */
#define INLINE inline __attribute__((always_inline))

/* 16 cached halves as fp32 */
TGT static INLINE __m512 load_half16(const uint16_t *p)
{
    return _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)p));
}

/* sc[r][j] = q[r] . K[j] x scale for j < len. */
TGT static INLINE void scores(const float *q, int rep, int hd, const uint16_t *K, int kv_dim, int len, float scale,
                              float *sc)
{
    int j = 0;
    for (; j + 4 <= len; j += 4) {
        __m512 acc[4][4];
        #pragma GCC unroll 4
        for (int u = 0; u < 4; u++)
            #pragma GCC unroll 4
            for (int r = 0; r < rep; r++)
                acc[u][r] = _mm512_setzero_ps();
        for (int c = 0; c < hd; c += 16) {
            __m512 k[4];
            #pragma GCC unroll 4
            for (int u = 0; u < 4; u++) {
                const uint16_t *row = K + (size_t)(j + u) * (size_t)kv_dim + c;
                _mm_prefetch((const char *)(row + (size_t)AHEAD * (size_t)kv_dim), _MM_HINT_T0);
                k[u] = load_half16(row);
            }
            #pragma GCC unroll 4
            for (int r = 0; r < rep; r++) {
                __m512 qv = _mm512_loadu_ps(q + (size_t)r * hd + c);
                #pragma GCC unroll 4
                for (int u = 0; u < 4; u++)
                    acc[u][r] = _mm512_fmadd_ps(qv, k[u], acc[u][r]);
            }
        }
        #pragma GCC unroll 4
        for (int u = 0; u < 4; u++)
            #pragma GCC unroll 4
            for (int r = 0; r < rep; r++)
                sc[(size_t)r * len + j + u] = _mm512_reduce_add_ps(acc[u][r]) * scale;
    }
    for (; j < len; j++)
        for (int r = 0; r < rep; r++) {
            __m512 acc = _mm512_setzero_ps();
            for (int c = 0; c < hd; c += 16)
                acc = _mm512_fmadd_ps(_mm512_loadu_ps(q + (size_t)r * hd + c),
                                      load_half16(K + (size_t)j * (size_t)kv_dim + c), acc);
            sc[(size_t)r * len + j] = _mm512_reduce_add_ps(acc) * scale;
        }
}

/* out[r][c0..c0+16*nc) = sum over j of p[r][j] V[j][c0..]: nc (1, 4 or 8; rep x nc <= 16) vectors of
 * every head in registers. */
TGT static INLINE void mix(const float *p, int rep, int hd, const uint16_t *V, int kv_dim, int len, int c0, int nc,
                           float *out)
{
    __m512 o[4][8];
    #pragma GCC unroll 4
    for (int r = 0; r < rep; r++)
        #pragma GCC unroll 8
        for (int v = 0; v < nc; v++)
            o[r][v] = _mm512_setzero_ps();
    for (int j = 0; j < len; j++) {
        const uint16_t *vr = V + (size_t)j * (size_t)kv_dim + c0;
        #pragma GCC unroll 8
        for (int v = 0; v < nc; v++) {
            if (v % 2 == 0) /* a line holds 32 halves */
                _mm_prefetch((const char *)(vr + (size_t)AHEAD * (size_t)kv_dim + 16 * v), _MM_HINT_T0);
            __m512 x = load_half16(vr + 16 * v);
            #pragma GCC unroll 4
            for (int r = 0; r < rep; r++)
                o[r][v] = _mm512_fmadd_ps(_mm512_set1_ps(p[(size_t)r * len + j]), x, o[r][v]);
        }
    }
    #pragma GCC unroll 4
    for (int r = 0; r < rep; r++)
        #pragma GCC unroll 8
        for (int v = 0; v < nc; v++)
            _mm512_storeu_ps(out + (size_t)r * hd + c0 + 16 * v, o[r][v]);
}

TGT static INLINE void group(const float *q, int rep, int hd, const uint16_t *K, const uint16_t *V, int kv_dim, int len,
                             float scale, float *sc, float *out)
{
    scores(q, rep, hd, K, kv_dim, len, scale, sc);
    for (int r = 0; r < rep; r++) {
        float *s = sc + (size_t)r * len, mx = -INFINITY;
        for (int j = 0; j < len; j++)
            mx = s[j] > mx ? s[j] : mx;
        float inv = 1.0f / zc_vec_exp_shift_sum(s, len, mx);
        for (int j = 0; j < len; j++)
            s[j] *= inv;
    }
    if (hd % 128 == 0 && rep <= 2) /* Qwen3-VL: one pass over the values */
        for (int c0 = 0; c0 < hd; c0 += 128)
            mix(sc, rep, hd, V, kv_dim, len, c0, 8, out);
    else if (hd % 64 == 0)
        for (int c0 = 0; c0 < hd; c0 += 64)
            mix(sc, rep, hd, V, kv_dim, len, c0, 4, out);
    else
        for (int c0 = 0; c0 < hd; c0 += 16)
            mix(sc, rep, hd, V, kv_dim, len, c0, 1, out);
}

/* rep as a constant, so that the accumulator arrays stay in registers */
TGT static void group_any(const float *q, int rep, int hd, const uint16_t *K, const uint16_t *V, int kv_dim, int len,
                          float scale, float *sc, float *out)
{
    switch (rep) {
    case 1: group(q, 1, hd, K, V, kv_dim, len, scale, sc, out); break;
    case 2: group(q, 2, hd, K, V, kv_dim, len, scale, sc, out); break;
    case 3: group(q, 3, hd, K, V, kv_dim, len, scale, sc, out); break;
    default: group(q, 4, hd, K, V, kv_dim, len, scale, sc, out); break;
    }
}

int zc_attention_group(const float *q, int rep, int hd, const uint16_t *K, const uint16_t *V, int kv_dim, int len,
                       float scale, float *sc, float *out)
{
    if (strcmp(zc_kernels_simd(), "avx512") || hd % 16 || rep < 1 || rep > 4 || len < 1)
        return -1;
    group_any(q, rep, hd, K, V, kv_dim, len, scale, sc, out);
    return 0;
}
