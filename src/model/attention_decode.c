/* attention_decode.c: attention of up to four query vectors over one cached KV head
 * (attention_decode.h): the query heads of a KV group, and in a verification pass several positions'
 * (so a pass of five positions reads each cached row twice or three times, not five). The row-by-row
 * path (decoder.c) took one query head at a time, one function call per cached key for its dot
 * product and one per value for its multiply-add into an output in memory, and read each key and
 * value once per query head. Here the scores of all the queries come from one pass over the keys
 * (four keys a step, so that sixteen independent sums hide the multiply-add latency), and the values
 * are summed in registers, 128 columns of every query at a time for up to two queries (a Qwen3-VL
 * group), else 64 (16 where the head size is not a multiple of 64), in one pass over the values per
 * such slice. The cache holds halves, widened to fp32 as they are loaded (vcvtph2ps). */
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

/* The sums of v0, v1, v2 and v3 in lanes 0, 1, 2 and 3 (the others undefined), each added in the
 * order of _mm512_reduce_add_ps (lane i + lane i + 8, then + the sum 4 lanes on, then pairs), so
 * that a key's score has the same bits here as in the one-key path; 9 operations for four sums,
 * where four reduce_add_ps take 28. */
TGT static INLINE __m128 reduce4(__m512 v0, __m512 v1, __m512 v2, __m512 v3)
{
    __m512 a = _mm512_add_ps(_mm512_shuffle_f32x4(v0, v1, 0x44), _mm512_shuffle_f32x4(v0, v1, 0xee));
    __m512 b = _mm512_add_ps(_mm512_shuffle_f32x4(v2, v3, 0x44), _mm512_shuffle_f32x4(v2, v3, 0xee));
    __m512 c = _mm512_add_ps(_mm512_shuffle_f32x4(a, b, 0x88), _mm512_shuffle_f32x4(a, b, 0xdd));
    __m512 d = _mm512_add_ps(c, _mm512_permute_ps(c, 0x4e));
    __m512 e = _mm512_add_ps(d, _mm512_permute_ps(d, 0xb1));
    return _mm512_castps512_ps128(_mm512_permutexvar_ps(_mm512_set_epi32(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12, 8,
                                                                         4, 0), e));
}

/* sc[r][j] = q[r] . K[j] x scale for j < len (rows of sc len apart). */
TGT static INLINE void scores(const zc_attn_queries *aq, int nq, int hd, const uint16_t *K, int kv_dim, int len,
                              float scale, float *sc)
{
    int j = 0;
    for (; j + 4 <= len; j += 4) {
        __m512 acc[4][ZC_ATTN_MAX_Q];
        #pragma GCC unroll 4
        for (int u = 0; u < 4; u++)
            #pragma GCC unroll 4
            for (int r = 0; r < nq; r++)
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
            for (int r = 0; r < nq; r++) {
                __m512 qv = _mm512_loadu_ps(aq->q[r] + c);
                #pragma GCC unroll 4
                for (int u = 0; u < 4; u++)
                    acc[u][r] = _mm512_fmadd_ps(qv, k[u], acc[u][r]);
            }
        }
        #pragma GCC unroll 4
        for (int r = 0; r < nq; r++)
            _mm_storeu_ps(sc + (size_t)r * len + j,
                          _mm_mul_ps(reduce4(acc[0][r], acc[1][r], acc[2][r], acc[3][r]), _mm_set1_ps(scale)));
    }
    for (; j < len; j++)
        for (int r = 0; r < nq; r++) {
            __m512 acc = _mm512_setzero_ps();
            for (int c = 0; c < hd; c += 16)
                acc = _mm512_fmadd_ps(_mm512_loadu_ps(aq->q[r] + c), load_half16(K + (size_t)j * (size_t)kv_dim + c),
                                      acc);
            sc[(size_t)r * len + j] = _mm512_reduce_add_ps(acc) * scale;
        }
}

/* out[r][c0..c0+16*nc) = sum over j < len of p[r][j] V[j][c0..] (rows of p len apart): nc (1, 4 or
 * 8; nq x nc <= 16) vectors of every query in registers. */
TGT static INLINE void mix(const float *p, const zc_attn_queries *aq, int nq, const uint16_t *V, int kv_dim, int len,
                           int c0, int nc)
{
    __m512 o[ZC_ATTN_MAX_Q][8];
    #pragma GCC unroll 4
    for (int r = 0; r < nq; r++)
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
            for (int r = 0; r < nq; r++)
                o[r][v] = _mm512_fmadd_ps(_mm512_set1_ps(p[(size_t)r * len + j]), x, o[r][v]);
        }
    }
    #pragma GCC unroll 4
    for (int r = 0; r < nq; r++)
        #pragma GCC unroll 8
        for (int v = 0; v < nc; v++)
            _mm512_storeu_ps(aq->out[r] + c0 + 16 * v, o[r][v]);
}

/* Scores up to the longest len, each query's softmax over its own len and zeros after it, so that
 * the pass over the values adds exact zeros (never -0: a sum that starts at +0 cannot become -0)
 * for the rows a query does not see: its values are those of a call of its own. */
TGT static INLINE void group(const zc_attn_queries *aq, int nq, int hd, const uint16_t *K, const uint16_t *V,
                             int kv_dim, float scale, float *sc)
{
    int len = 0;
    for (int r = 0; r < nq; r++)
        len = aq->len[r] > len ? aq->len[r] : len;
    scores(aq, nq, hd, K, kv_dim, len, scale, sc);
    for (int r = 0; r < nq; r++) {
        float *s = sc + (size_t)r * len, mx = -INFINITY;
        int n = aq->len[r];
        for (int j = 0; j < n; j++)
            mx = s[j] > mx ? s[j] : mx;
        float inv = 1.0f / zc_vec_exp_shift_sum(s, n, mx);
        for (int j = 0; j < n; j++)
            s[j] *= inv;
        for (int j = n; j < len; j++)
            s[j] = 0;
    }
    if (hd % 128 == 0 && nq <= 2) /* one pass over the values */
        for (int c0 = 0; c0 < hd; c0 += 128)
            mix(sc, aq, nq, V, kv_dim, len, c0, 8);
    else if (hd % 64 == 0)
        for (int c0 = 0; c0 < hd; c0 += 64)
            mix(sc, aq, nq, V, kv_dim, len, c0, 4);
    else
        for (int c0 = 0; c0 < hd; c0 += 16)
            mix(sc, aq, nq, V, kv_dim, len, c0, 1);
}

/* nq as a constant, so that the accumulator arrays stay in registers */
TGT static void group_any(const zc_attn_queries *aq, int hd, const uint16_t *K, const uint16_t *V, int kv_dim,
                          float scale, float *sc)
{
    switch (aq->n) {
    case 1: group(aq, 1, hd, K, V, kv_dim, scale, sc); break;
    case 2: group(aq, 2, hd, K, V, kv_dim, scale, sc); break;
    case 3: group(aq, 3, hd, K, V, kv_dim, scale, sc); break;
    default: group(aq, 4, hd, K, V, kv_dim, scale, sc); break;
    }
}

int zc_attention_group(const zc_attn_queries *aq, int hd, const uint16_t *K, const uint16_t *V, int kv_dim,
                       float scale, float *sc)
{
    if (strcmp(zc_kernels_simd(), "avx512") || hd % 16 || aq->n < 1 || aq->n > ZC_ATTN_MAX_Q)
        return -1;
    for (int r = 0; r < aq->n; r++)
        if (aq->len[r] < 1)
            return -1;
    group_any(aq, hd, K, V, kv_dim, scale, sc);
    return 0;
}
