/* quant.c: block quantization. Weights: q8 = int8 with an fp16 scale per 32 (max|w| / 127);
 * q4 = 4-bit codes q in [-8, 7] stored as q + 8, fp16 scale d per 32 with d = m / -8 where m is
 * the block's value of largest magnitude (so m is exact and 16 levels are used). Nibble layout per
 * block of 32 weights (16 bytes): byte i holds weight i in its low nibble and weight 16 + i in its
 * high nibble (the order of llama.cpp's Q4_0), so the low and high nibbles of one load cover the
 * same blocks, and a block's low 16 bytes then its high 16 are its weights in order. Activations:
 * int8 per 32 with fp32 scale max|x| / 127 (round half to even), plus the per-lane sums that the
 * AVX-512 VNNI product adds. */
#include "quant.h"
#include "simd_dot.h"

#include <immintrin.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

uint16_t zc_f32_to_f16(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    uint32_t sign = (u >> 16) & 0x8000u, e = (u >> 23) & 0xff, man = u & 0x7fffffu;
    if (e == 0xff)
        return (uint16_t)(sign | 0x7c00u | (man ? 0x200u : 0));
    int ex = (int)e - 127 + 15;
    if (ex >= 31)
        return (uint16_t)(sign | 0x7c00u);
    if (ex <= 0) { /* subnormal half (or zero) */
        if (ex < -10)
            return (uint16_t)sign;
        man |= 0x800000u;
        int shift = 14 - ex;
        uint32_t h = man >> shift, rem = man & ((1u << shift) - 1), half = 1u << (shift - 1);
        if (rem > half || (rem == half && (h & 1)))
            h++;
        return (uint16_t)(sign | h);
    }
    uint32_t h = ((uint32_t)ex << 10) | (man >> 13), rem = man & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1)))
        h++; /* may carry into the exponent: still correct, up to inf */
    return (uint16_t)(sign | h);
}

static int alloc_quant(const zc_mat *src, zc_mat *dst, zc_wkind kind, size_t data_bytes)
{
    size_t n = (size_t)src->rows * (size_t)src->cols;
    memset(dst, 0, sizeof *dst);
    dst->owned = zc_weights_alloc(data_bytes);
    dst->owned_scales = malloc(n / ZC_Q8_BLOCK * sizeof(uint16_t));
    if (!dst->owned || !dst->owned_scales) {
        zc_mat_free(dst);
        return -1;
    }
    dst->rows = src->rows;
    dst->cols = src->cols;
    dst->kind = kind;
    dst->data = dst->owned;
    dst->scales = dst->owned_scales;
    return 0;
}

static void quant_block_q8(const float *v, int8_t *q, uint16_t *sc)
{
    float amax = 0;
    for (int i = 0; i < ZC_Q8_BLOCK; i++)
        amax = fmaxf(amax, fabsf(v[i]));
    *sc = zc_f32_to_f16(amax / 127.0f);
    float d = zc_f16_to_f32(*sc), id = d > 0 ? 1.0f / d : 0.0f;
    for (int i = 0; i < ZC_Q8_BLOCK; i++) {
        long r = lrintf(v[i] * id);
        q[i] = (int8_t)(r > 127 ? 127 : r < -127 ? -127 : r);
    }
}

/* Codes (q + 8, 0..15) of one block of 32 into c, its fp16 scale into sc. */
static void quant_block_q4(const float *v, uint8_t *c, uint16_t *sc)
{
    float m = 0;
    for (int i = 0; i < ZC_Q8_BLOCK; i++)
        if (fabsf(v[i]) > fabsf(m))
            m = v[i];
    *sc = zc_f32_to_f16(m / -8.0f);
    float d = zc_f16_to_f32(*sc), id = d != 0 ? 1.0f / d : 0.0f;
    for (int i = 0; i < ZC_Q8_BLOCK; i++) {
        long r = lrintf(v[i] * id);
        c[i] = (uint8_t)((r > 7 ? 7 : r < -8 ? -8 : r) + 8);
    }
}

/* AVX-512 versions of the loops above and below, with the same results: max and products are
 * exact or single IEEE operations, vcvtps2dq rounds half to even as lrintf does in the default
 * rounding mode, and the scale goes through the same fp16 rounding. */
#define TGT __attribute__((target("avx512f,avx512bw,avx512vl")))

TGT static float absmax32(const float *v, __m512 *a, __m512 *b)
{
    *a = _mm512_loadu_ps(v);
    *b = _mm512_loadu_ps(v + 16);
    return _mm512_reduce_max_ps(_mm512_max_ps(_mm512_abs_ps(*a), _mm512_abs_ps(*b)));
}

/* 32 int32 codes of round(v * id) clamped to [lo, hi] plus add, as bytes. */
TGT static __m256i codes32(__m512 a, __m512 b, float id, int lo, int hi, int add)
{
    __m512 vid = _mm512_set1_ps(id);
    __m512i l = _mm512_set1_epi32(lo), h = _mm512_set1_epi32(hi), k = _mm512_set1_epi32(add);
    __m512i qa = _mm512_add_epi32(_mm512_min_epi32(_mm512_max_epi32(_mm512_cvtps_epi32(_mm512_mul_ps(a, vid)), l), h), k);
    __m512i qb = _mm512_add_epi32(_mm512_min_epi32(_mm512_max_epi32(_mm512_cvtps_epi32(_mm512_mul_ps(b, vid)), l), h), k);
    return _mm256_inserti128_si256(_mm256_castsi128_si256(_mm512_cvtepi32_epi8(qa)), _mm512_cvtepi32_epi8(qb), 1);
}

TGT static void quant_row_q8_avx512(const float *row, int cols, int8_t *q, uint16_t *sc)
{
    for (int b = 0; b < cols / 32; b++) {
        __m512 va, vb;
        float amax = absmax32(row + 32 * b, &va, &vb);
        sc[b] = zc_f32_to_f16(amax / 127.0f);
        float d = zc_f16_to_f32(sc[b]), id = d > 0 ? 1.0f / d : 0.0f;
        _mm256_storeu_si256((__m256i *)(q + 32 * b), codes32(va, vb, id, -127, 127, 0));
    }
}

TGT static float signed_max32(const float *v, float amax, __m512 a, __m512 b)
{
    uint32_t m = (uint32_t)_mm512_cmp_ps_mask(_mm512_abs_ps(a), _mm512_set1_ps(amax), _CMP_EQ_OQ) |
                 ((uint32_t)_mm512_cmp_ps_mask(_mm512_abs_ps(b), _mm512_set1_ps(amax), _CMP_EQ_OQ) << 16);
    return m && amax > 0 ? v[__builtin_ctz(m)] : 0.0f;
}

/* 32 codes of a block (bytes 0..15) as 16 bytes of nibbles: code i low, code 16 + i high. */
TGT static __m128i pack_nibbles(__m256i c)
{
    return _mm_or_si128(_mm256_castsi256_si128(c), _mm_slli_epi16(_mm256_extracti128_si256(c, 1), 4));
}

TGT static void quant_row_q4_avx512(const float *row, int cols, uint8_t *q, uint16_t *sc)
{
    for (int b = 0; b < cols / 32; b++) {
        const float *v = row + 32 * b;
        __m512 va, vb;
        float amax = absmax32(v, &va, &vb), m = signed_max32(v, amax, va, vb);
        sc[b] = zc_f32_to_f16(m / -8.0f);
        float d = zc_f16_to_f32(sc[b]), id = d != 0 ? 1.0f / d : 0.0f;
        _mm_storeu_si128((__m128i *)(q + 16 * b), pack_nibbles(codes32(va, vb, id, -8, 7, 8)));
    }
}

int zc_mat_quantize_q8(const zc_mat *src, zc_mat *dst)
{
    size_t n = (size_t)src->rows * (size_t)src->cols;
    if (src->cols % ZC_Q8_BLOCK || alloc_quant(src, dst, ZC_W_Q8, n))
        return -1;
    int8_t *q = dst->owned;
#pragma omp parallel
    {
        float *row = malloc((size_t)src->cols * sizeof(float));
#pragma omp for schedule(static)
        for (int r = 0; r < src->rows; r++) {
            zc_mat_row(src, r, row);
            if (zc_simd()->fused) {
                size_t o = (size_t)r * src->cols;
                quant_row_q8_avx512(row, src->cols, q + o, dst->owned_scales + o / ZC_Q8_BLOCK);
                continue;
            }
            for (int b = 0; b < src->cols / ZC_Q8_BLOCK; b++) {
                size_t o = (size_t)r * src->cols + (size_t)b * ZC_Q8_BLOCK;
                quant_block_q8(row + b * ZC_Q8_BLOCK, q + o, dst->owned_scales + o / ZC_Q8_BLOCK);
            }
        }
        free(row);
    }
    return 0;
}

int zc_mat_quantize_q4(const zc_mat *src, zc_mat *dst)
{
    size_t n = (size_t)src->rows * (size_t)src->cols;
    if (src->cols % ZC_Q8_BLOCK || alloc_quant(src, dst, ZC_W_Q4, n / 2))
        return -1;
    uint8_t *q = dst->owned;
#pragma omp parallel
    {
        float *row = malloc((size_t)src->cols * sizeof(float));
#pragma omp for schedule(static)
        for (int r = 0; r < src->rows; r++) {
            zc_mat_row(src, r, row);
            if (zc_simd()->fused) {
                size_t o = (size_t)r * src->cols;
                quant_row_q4_avx512(row, src->cols, q + o / 2, dst->owned_scales + o / ZC_Q8_BLOCK);
                continue;
            }
            for (int b = 0; b < src->cols / ZC_Q8_BLOCK; b++) {
                size_t o = (size_t)r * src->cols + (size_t)b * ZC_Q8_BLOCK;
                uint8_t c[ZC_Q8_BLOCK];
                quant_block_q4(row + b * ZC_Q8_BLOCK, c, dst->owned_scales + o / ZC_Q8_BLOCK);
                for (int i = 0; i < 16; i++)
                    q[o / 2 + (size_t)i] = (uint8_t)(c[i] | (c[16 + i] << 4));
            }
        }
        free(row);
    }
    return 0;
}

void zc_q4_row_part(const zc_mat *w, int r, int c0, int nc, float *out)
{
    size_t row = (size_t)r * (size_t)w->cols;
    const uint8_t *q = (const uint8_t *)w->data + row / 2;
    const uint16_t *sc = w->scales + row / ZC_Q8_BLOCK;
    for (int c = c0; c < c0 + nc; c++) {
        int b = c / ZC_Q8_BLOCK, i = c % ZC_Q8_BLOCK;
        uint8_t byte = q[b * 16 + (i & 15)];
        int code = i < 16 ? byte & 15 : byte >> 4;
        out[c - c0] = (float)(code - 8) * zc_f16_to_f32(sc[c / ZC_Q8_BLOCK]);
    }
}

void zc_q8_row_part(const zc_mat *w, int r, int c0, int nc, float *out)
{
    size_t off = (size_t)r * (size_t)w->cols + (size_t)c0;
    const int8_t *q = (const int8_t *)w->data + off;
    for (int c = 0; c < nc; c++)
        out[c] = (float)q[c] * zc_f16_to_f32(w->scales[(off + (size_t)c) / ZC_Q8_BLOCK]);
}

/* One row: codes, scale and sums per block (same results as the SIMD-free loop on every CPU:
 * max is exact, x * (127 / max) is one IEEE product, rounding is to nearest even). */
static void qact_sums(const int8_t *q, const float *dx, int cols, int32_t *sum, int32_t *corr, float *dxl)
{
    for (int b = 0; b < cols / ZC_Q8_BLOCK; b++) {
        int32_t s = 0;
        for (int l = 0; l < ZC_Q8_BLOCK / 4; l++) {
            const int8_t *c = q + b * ZC_Q8_BLOCK + 4 * l;
            int32_t s4 = c[0] + c[1] + c[2] + c[3];
            s += s4;
            corr[b * 8 + l] = -8 * s4;
            dxl[b * 8 + l] = dx[b];
        }
        sum[b] = s;
    }
}

static void qact_codes_scalar(const float *x, int cols, int8_t *q, float *dx)
{
    for (int b = 0; b < cols / ZC_Q8_BLOCK; b++) {
        const float *v = x + b * ZC_Q8_BLOCK;
        float amax = 0;
        for (int i = 0; i < ZC_Q8_BLOCK; i++)
            amax = fmaxf(amax, fabsf(v[i]));
        float id = amax > 0 ? 127.0f / amax : 0.0f;
        for (int i = 0; i < ZC_Q8_BLOCK; i++)
            q[b * ZC_Q8_BLOCK + i] = (int8_t)lrintf(v[i] * id);
        dx[b] = amax / 127.0f;
    }
}

static void qact_row(const float *x, int cols, int8_t *q, float *dx, int32_t *sum, int32_t *corr, float *dxl)
{
    qact_codes_scalar(x, cols, q, dx);
    qact_sums(q, dx, cols, sum, corr, dxl);
}

TGT static void qact_codes_avx512(const float *x, int cols, int8_t *q, float *dx)
{
    for (int b = 0; b < cols / ZC_Q8_BLOCK; b++) {
        __m512 va, vb;
        float amax = absmax32(x + 32 * b, &va, &vb);
        float id = amax > 0 ? 127.0f / amax : 0.0f;
        _mm256_storeu_si256((__m256i *)(q + 32 * b), codes32(va, vb, id, -127, 127, 0));
        dx[b] = amax / 127.0f;
    }
}

void zc_qact_codes(const float *x, int cols, int8_t *q, float *dx)
{
    if (zc_simd()->fused)
        qact_codes_avx512(x, cols, q, dx);
    else
        qact_codes_scalar(x, cols, q, dx);
}

/* Where the 16 runs of 8 bytes of a step's order come from in its 128 natural weights (in runs of
 * 8; quant.h): q8 unpacks V0 = runs 0-7 with V1 = runs 8-15; q4 takes the low nibbles (the first 16
 * weights of each block: runs 0-1, 4-5, 8-9, 12-13) then the high ones (the last 16). */
static const int q8_run_src[16] = {0, 8, 2, 10, 4, 12, 6, 14, 1, 9, 3, 11, 5, 13, 7, 15};
static const int q4_run_src[16] = {0, 1, 4, 5, 8, 9, 12, 13, 2, 3, 6, 7, 10, 11, 14, 15};

/* The piece of row j of a from column c in the order of the table src: a whole 128 reordered, with
 * its 16 lane corrections (the two natural lanes' sum, times mult) and lane scales; what is left
 * of a row after its whole 128s (up to 96 weights) copied unchanged (unused by the products). */
static void order_piece(const zc_qact *a, int j, size_t c, const int *src, int mult, zc_qorder *d)
{
    size_t o = (size_t)j * (size_t)a->cols;
    if (c + 128 > (size_t)a->cols) {
        memcpy(d->q + o + c, a->q + o + c, (size_t)a->cols - c);
        return;
    }
    for (int r = 0; r < 16; r++)
        memcpy(d->q + o + c + 8 * r, a->q + o + c + 8 * src[r], 8);
    size_t l = (o + c) / 4, e = (o + c) / 8; /* natural lanes of 4 weights; ordered lanes of 8 */
    for (int m = 0; m < 16; m++) {
        int la = 2 * src[m / 2] + m % 2, lb = 2 * src[8 + m / 2] + m % 2;
        d->corr[e + m] = mult * (a->corr[l + la] + a->corr[l + lb]);
        d->dxl[e + m] = a->dxl[l + la];
    }
}

/* The piece of row j from column c in the order of kind's products (q8 or q4), into a's order. */
static void order_piece_of(zc_qact *a, int j, size_t c, zc_wkind kind)
{
    if (kind == ZC_W_Q8)
        order_piece(a, j, c, q8_run_src, 16, &a->q8);
    else
        order_piece(a, j, c, q4_run_src, 1, &a->q4);
}

/* Frees an order and marks it absent. */
static void order_free(zc_qorder *d)
{
    free(d->q);
    free(d->corr);
    free(d->dxl);
    memset(d, 0, sizeof *d);
}

static int order_alloc(zc_qorder *d, size_t N)
{
    d->q = aligned_alloc(64, (N + 63) / 64 * 64 + 64);
    d->corr = aligned_alloc(64, (N / 2 + 63) / 64 * 64 + 64);
    d->dxl = aligned_alloc(64, (N / 2 + 63) / 64 * 64 + 64);
    if (!d->q || !d->corr || !d->dxl) {
        order_free(d);
        return -1;
    }
    return 0;
}

int zc_qact_alloc(zc_qact *a, int n, int cols, int q8_order, int q4_order)
{
    size_t N = (size_t)n * (size_t)cols;
    memset(a, 0, sizeof *a);
    a->n = n;
    a->cols = cols;
    a->q = aligned_alloc(64, (N + 63) / 64 * 64);
    a->dx = malloc(N / ZC_Q8_BLOCK * sizeof(float) + 4);
    a->sum = malloc(N / ZC_Q8_BLOCK * sizeof(int32_t) + 4);
    a->corr = aligned_alloc(64, ((N / 4 * 4) + 63) / 64 * 64 + 64);
    a->dxl = aligned_alloc(64, ((N / 4 * 4) + 63) / 64 * 64 + 64);
    if (!a->q || !a->dx || !a->sum || !a->corr || !a->dxl || (q8_order && order_alloc(&a->q8, N)) ||
        (q4_order && order_alloc(&a->q4, N))) {
        zc_qact_free(a);
        return -1;
    }
    return 0;
}

int zc_qact_pieces(const zc_qact *a)
{
    return a->n * ((a->cols + 127) / 128);
}

void zc_qact_fill(zc_qact *a, const float *x, int p)
{
    int per_row = (a->cols + 127) / 128, j = p / per_row;
    size_t c = (size_t)(p % per_row) * 128, o = (size_t)j * (size_t)a->cols + c;
    int w = a->cols - (int)c < 128 ? a->cols - (int)c : 128;
    if (zc_simd()->fused) {
        qact_codes_avx512(x + o, w, a->q + o, a->dx + o / ZC_Q8_BLOCK);
        qact_sums(a->q + o, a->dx + o / ZC_Q8_BLOCK, w, a->sum + o / ZC_Q8_BLOCK, a->corr + o / 4, a->dxl + o / 4);
    } else {
        qact_row(x + o, w, a->q + o, a->dx + o / ZC_Q8_BLOCK, a->sum + o / ZC_Q8_BLOCK, a->corr + o / 4,
                 a->dxl + o / 4);
    }
    if (a->q8.q)
        order_piece_of(a, j, c, ZC_W_Q8);
    if (a->q4.q)
        order_piece_of(a, j, c, ZC_W_Q4);
}

int zc_qact_init(zc_qact *a, const float *x, int n, int cols)
{
    if (zc_qact_alloc(a, n, cols, 0, 0))
        return -1;
    for (int p = 0; p < zc_qact_pieces(a); p++)
        zc_qact_fill(a, x, p);
    return 0;
}

int zc_qact_order(zc_qact *a, zc_wkind kind)
{
    zc_qorder *d = kind == ZC_W_Q8 ? &a->q8 : &a->q4;
    if (d->q)
        return 0;
    if (order_alloc(d, (size_t)a->n * (size_t)a->cols))
        return -1;
    for (int j = 0; j < a->n; j++)
        for (size_t c = 0; c < (size_t)a->cols; c += 128)
            order_piece_of(a, j, c, kind);
    return 0;
}

void zc_qact_free(zc_qact *a)
{
    order_free(&a->q8);
    order_free(&a->q4);
    free(a->q);
    free(a->dx);
    free(a->sum);
    free(a->corr);
    free(a->dxl);
    memset(a, 0, sizeof *a);
}
