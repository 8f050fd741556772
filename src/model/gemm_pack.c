/* gemm_pack.c: packs weight rows into the GEMM's panels. fp32 panels: tiles of 16 rows x 16 columns
 * are loaded and converted in registers (bf16: shift; int8: convert and scale; fp32: load),
 * transposed with the usual unpack / shuffle / lane-shuffle sequence and stored as 16 panel rows,
 * instead of one scalar store per weight. bf16 pair panels (for vdpbf16ps): the same 32-bit
 * transpose moves pairs of adjacent bf16 weights, 16 rows x 32 columns per tile; q8 and q4 weights
 * are dequantized to fp32 (exact: code x fp16 scale) and rounded to bf16 pairs first (round to
 * nearest even). Column tails (kc not a multiple of the tile) go element by element. int8 code
 * panels (for vpdpbusd): each row's codes as unsigned bytes, 64 at a time, through the same 32-bit
 * transpose, so that a panel word holds 4 consecutive k of one row; the block scales beside. A q8/q4
 * matrix stored in panels (quant_panel.c) is already 16 rows x 4 k per 64 bytes: copied (q4: masked
 * and shifted) without a transpose. */
#include "gemm_pack.h"
#include "quant.h"

#include <immintrin.h>
#include <string.h>

#define PANEL 32
#define TGT __attribute__((target("avx512f,avx512bw,avx512vl,f16c")))
#define TGTB __attribute__((target("avx512f,avx512bw,avx512vl,f16c,avx512bf16")))

/* W[r][k..k+16) of a Q4P / Q8P matrix as fp32 (k a multiple of 16; quant_panel.c): row r's 4-byte
 * lane in the block's loads of column groups 4h..4h+3 (h = which half of the block), so four dword
 * loads; q4 keeps groups i and 4 + i in the low and high nibbles of load i. */
TGT static inline __m512 load16_panel(const zc_mat *w, int r, int k)
{
    const int q8 = w->kind == ZC_W_Q8P, h = (k % 32) / 16;
    const size_t bb = zc_panel_block_bytes(w->kind);
    const uint8_t *o = (const uint8_t *)w->data + ((size_t)(r / ZC_PANEL_ROWS) * (size_t)(w->cols / 32) + (size_t)(k / 32)) * bb;
    const uint8_t *lane = o + 4 * (r % ZC_PANEL_ROWS) + (q8 ? 256 * (size_t)h : 0);
    int32_t d[4];
    for (int i = 0; i < 4; i++)
        memcpy(&d[i], lane + 64 * i, 4);
    __m128i v = _mm_loadu_si128((const __m128i *)d);
    __m512 f;
    if (q8) {
        f = _mm512_sub_ps(_mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(v)), _mm512_set1_ps(128.0f));
    } else {
        v = _mm_and_si128(h ? _mm_srli_epi16(v, 4) : v, _mm_set1_epi8(0x0f));
        f = _mm512_sub_ps(_mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(v)), _mm512_set1_ps(8.0f));
    }
    uint16_t sc;
    memcpy(&sc, o + (q8 ? 512 : 256) + 2 * (r % ZC_PANEL_ROWS), 2);
    return _mm512_mul_ps(f, _mm512_set1_ps(_cvtsh_ss(sc)));
}

/* W[r][k..k+16) as fp32 (k a multiple of 16, so q8/q4 stay in one 32-block; q4 as (code - 8) * d,
 * the same products as zc_q4_row_part: a block's low nibbles, then its high ones). */
TGT static inline __m512 load16(const zc_mat *w, int r, int k)
{
    size_t off = (size_t)r * (size_t)w->cols + (size_t)k;
    if (w->kind == ZC_W_BF16) {
        __m256i h = _mm256_loadu_si256((const __m256i *)((const uint16_t *)w->data + off));
        return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
    }
    if (w->kind == ZC_W_Q8) {
        __m128i q = _mm_loadu_si128((const __m128i *)((const int8_t *)w->data + off));
        __m512 f = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(q));
        return _mm512_mul_ps(f, _mm512_set1_ps(_cvtsh_ss(w->scales[off / ZC_Q8_BLOCK])));
    }
    if (w->kind == ZC_W_Q4) {
        size_t row = (size_t)r * (size_t)w->cols;
        __m128i v = _mm_loadu_si128((const __m128i *)((const uint8_t *)w->data + row / 2 + (size_t)(k / 32) * 16));
        if (k % 32)
            v = _mm_srli_epi16(v, 4);
        v = _mm_and_si128(v, _mm_set1_epi8(0x0f));
        __m512 f = _mm512_sub_ps(_mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(v)), _mm512_set1_ps(8.0f));
        return _mm512_mul_ps(f, _mm512_set1_ps(_cvtsh_ss(w->scales[off / ZC_Q8_BLOCK])));
    }
    if (zc_wkind_panel(w->kind))
        return load16_panel(w, r, k);
    return _mm512_loadu_ps((const float *)w->data + off);
}

/* In place: r[i][j] -> r[j][i] for a 16 x 16 tile. */
TGT static inline void transpose16(__m512 r[16])
{
    __m512 t[16], u[16];
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    for (int g = 0; g < 4; g++) {
        __m512 a = t[4 * g], b = t[4 * g + 1], c = t[4 * g + 2], d = t[4 * g + 3];
        u[4 * g] = _mm512_shuffle_ps(a, c, _MM_SHUFFLE(1, 0, 1, 0));
        u[4 * g + 1] = _mm512_shuffle_ps(a, c, _MM_SHUFFLE(3, 2, 3, 2));
        u[4 * g + 2] = _mm512_shuffle_ps(b, d, _MM_SHUFFLE(1, 0, 1, 0));
        u[4 * g + 3] = _mm512_shuffle_ps(b, d, _MM_SHUFFLE(3, 2, 3, 2));
    }
    /* u[4g+e], 128-bit lane l = rows 4g..4g+3 of column 4l+e */
    for (int e = 0; e < 4; e++) {
        __m512 v0 = _mm512_shuffle_f32x4(u[e], u[4 + e], 0x88), v1 = _mm512_shuffle_f32x4(u[e], u[4 + e], 0xdd);
        __m512 w0 = _mm512_shuffle_f32x4(u[8 + e], u[12 + e], 0x88);
        __m512 w1 = _mm512_shuffle_f32x4(u[8 + e], u[12 + e], 0xdd);
        r[e] = _mm512_shuffle_f32x4(v0, w0, 0x88);
        r[4 + e] = _mm512_shuffle_f32x4(v1, w1, 0x88);
        r[8 + e] = _mm512_shuffle_f32x4(v0, w0, 0xdd);
        r[12 + e] = _mm512_shuffle_f32x4(v1, w1, 0xdd);
    }
}

/* Rows r0..r0+15 (all inside W), columns k0..k0+kc16 into the panel half at dst (stride PANEL). */
TGT static void pack16(const zc_mat *w, int r0, int k0, int kc16, float *dst)
{
    __m512 t[16];
    for (int kk = 0; kk < kc16; kk += 16) {
        for (int i = 0; i < 16; i++)
            t[i] = load16(w, r0 + i, k0 + kk);
        transpose16(t);
        for (int j = 0; j < 16; j++)
            _mm512_store_ps(dst + (size_t)(kk + j) * PANEL, t[j]);
    }
}

/* The 16 rows' weights at column c (0..31) of a panel block o as fp32: byte c % 4 of every lane of the
 * block's load of c's column group (q8: group c / 4; q4: load (c % 16) / 4, its high nibbles from
 * column 16 on), less the code offset, times the rows' scales (exact: the products load16 gives). */
TGT static inline __m512 panel_column(const uint8_t *o, int q8, int c, __m512 scale)
{
    __m512i v = _mm512_loadu_si512((const void *)(o + 64 * (q8 ? c / 4 : (c % 16) / 4)));
    __m512i code = _mm512_and_si512(_mm512_srli_epi32(v, 8 * (c % 4)), _mm512_set1_epi32(0xff));
    if (!q8)
        code = _mm512_and_si512(c >= 16 ? _mm512_srli_epi32(code, 4) : code, _mm512_set1_epi32(0x0f));
    __m512 f = _mm512_sub_ps(_mm512_cvtepi32_ps(code), _mm512_set1_ps(q8 ? 128.0f : 8.0f));
    return _mm512_mul_ps(f, scale);
}

/* Column k of the panel of rows r0.. (a multiple of 16) of a Q4P / Q8P W as 16 fp32 rows; *b and
 * *scale cache the block whose scales were converted last (start *b at -1). */
TGT static inline __m512 panel_column_at(const zc_mat *w, int r0, int k, int *b, __m512 *scale)
{
    const int q8 = w->kind == ZC_W_Q8P;
    const size_t bb = zc_panel_block_bytes(w->kind);
    const uint8_t *o = (const uint8_t *)w->data + ((size_t)(r0 / ZC_PANEL_ROWS) * (size_t)(w->cols / 32) + (size_t)(k / 32)) * bb;
    if (*b != k / 32) {
        *b = k / 32;
        *scale = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(o + (q8 ? 512 : 256))));
    }
    return panel_column(o, q8, k % 32, *scale);
}

/* pack16 for a panel (rows r0..r0+15 all inside W): no transpose, a column at a time. */
TGT static void pack16_panel(const zc_mat *w, int r0, int k0, int kc16, float *dst)
{
    int b = -1;
    __m512 scale = _mm512_setzero_ps();
    for (int kk = 0; kk < kc16; kk++)
        _mm512_store_ps(dst + (size_t)kk * PANEL, panel_column_at(w, r0, k0 + kk, &b, &scale));
}

void zc_gemm_pack_block(const zc_mat *w, int r0, int nb, int k0, int kc, float *packed, float *seg)
{
    int kc16 = kc & ~15;
    for (int r = 0; r < nb; r += 16) {
        float *dst = packed + (size_t)(r / PANEL) * kc * PANEL + (r % PANEL);
        int full = r0 + r + 16 <= w->rows;
        if (full && kc16 && zc_wkind_panel(w->kind))
            pack16_panel(w, r0 + r, k0, kc16, dst);
        else if (full && kc16)
            pack16(w, r0 + r, k0, kc16, dst);
        for (int i = 0; i < 16; i++) {
            int from = full ? kc16 : 0;
            if (from == kc)
                continue;
            if (r0 + r + i < w->rows)
                zc_mat_row_part(w, r0 + r + i, k0 + from, kc - from, seg);
            else
                memset(seg, 0, (size_t)(kc - from) * sizeof(float));
            for (int kk = from; kk < kc; kk++)
                dst[(size_t)kk * PANEL + i] = seg[kk - from];
        }
    }
}

/* Rows r0..r0+15 (all inside W), pairs kp0..kp0+np16 (np16 a multiple of 16) into dst (stride PANEL). */
TGT static void pack16_pairs(const zc_mat *w, int r0, int k0, int np16, uint32_t *dst)
{
    const uint16_t *src = (const uint16_t *)w->data;
    __m512 t[16];
    for (int kk = 0; kk < np16; kk += 16) {
        for (int i = 0; i < 16; i++)
            t[i] = _mm512_loadu_ps((const float *)(src + (size_t)(r0 + i) * (size_t)w->cols + k0 + 2 * kk));
        transpose16(t);
        for (int j = 0; j < 16; j++)
            _mm512_store_ps((float *)(dst + (size_t)(kk + j) * PANEL), t[j]);
    }
}

/* The same for q8 or q4 rows: each tile row is 32 weights as fp32 (load16), rounded to 32 bf16
 * (vcvtne2ps2bf16: the lower 16 from lo, the upper from hi), i.e. 16 pairs. */
TGTB static void pack16_pairs_q(const zc_mat *w, int r0, int k0, int np16, uint32_t *dst)
{
    __m512 t[16];
    for (int kk = 0; kk < np16; kk += 16) {
        for (int i = 0; i < 16; i++) {
            __m512 lo = load16(w, r0 + i, k0 + 2 * kk), hi = load16(w, r0 + i, k0 + 2 * kk + 16);
            t[i] = _mm512_castsi512_ps((__m512i)_mm512_cvtne2ps_pbh(hi, lo));
        }
        transpose16(t);
        for (int j = 0; j < 16; j++)
            _mm512_store_ps((float *)(dst + (size_t)(kk + j) * PANEL), t[j]);
    }
}

/* pack16_pairs_q for a panel (rows r0..r0+15 all inside W): each pair word from two columns of 16
 * rows, rounded to bf16 (vcvtneps2bf16: to nearest even, as vcvtne2ps2bf16) and interleaved. */
TGTB static void pack16_pairs_panel(const zc_mat *w, int r0, int k0, int np16, uint32_t *dst)
{
    int b = -1;
    __m512 scale = _mm512_setzero_ps();
    for (int kk = 0; kk < np16; kk++) {
        __m512 lo = panel_column_at(w, r0, k0 + 2 * kk, &b, &scale);
        __m512 hi = panel_column_at(w, r0, k0 + 2 * kk + 1, &b, &scale);
        __m512i l = _mm512_cvtepu16_epi32((__m256i)_mm512_cvtneps_pbh(lo));
        __m512i h = _mm512_cvtepu16_epi32((__m256i)_mm512_cvtneps_pbh(hi));
        _mm512_store_si512((void *)(dst + (size_t)kk * PANEL), _mm512_or_si512(l, _mm512_slli_epi32(h, 16)));
    }
}

/* The bf16 bits of f, rounded to nearest even (finite f), as vcvtne2ps2bf16 rounds. */
static uint32_t bf16_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return (u + 0x7fffu + ((u >> 16) & 1u)) >> 16;
}

/* W[r][k] as bf16 bits, zero outside W. */
static uint32_t bf16_at(const zc_mat *w, int r, int k)
{
    if (r >= w->rows || k >= w->cols)
        return 0;
    if (w->kind == ZC_W_BF16)
        return ((const uint16_t *)w->data)[(size_t)r * (size_t)w->cols + (size_t)k];
    float v;
    zc_mat_row_part(w, r, k, 1, &v);
    return bf16_bits(v);
}

/* Pair (W[r][k], W[r][k+1]) as one 32-bit word, zero outside W. */
static uint32_t pair_at(const zc_mat *w, int r, int k)
{
    return bf16_at(w, r, k) | bf16_at(w, r, k + 1) << 16;
}

void zc_gemm_pack_block_bf16(const zc_mat *w, int r0, int nb, int k0, int np, uint32_t *packed)
{
    int inside = (w->cols - k0) / 2, np16 = (np < inside ? np : inside) & ~15;
    for (int r = 0; r < nb; r += 16) {
        uint32_t *dst = packed + (size_t)(r / PANEL) * np * PANEL + (r % PANEL);
        int full = r0 + r + 16 <= w->rows;
        if (full && np16 && w->kind == ZC_W_BF16)
            pack16_pairs(w, r0 + r, k0, np16, dst);
        else if (full && np16 && zc_wkind_panel(w->kind))
            pack16_pairs_panel(w, r0 + r, k0, np16, dst);
        else if (full && np16)
            pack16_pairs_q(w, r0 + r, k0, np16, dst);
        int from = full ? np16 : 0;
        for (int i = 0; i < 16; i++)
            for (int kk = from; kk < np; kk++)
                dst[(size_t)kk * PANEL + i] = pair_at(w, r0 + r + i, k0 + 2 * kk);
    }
}

/* 64 codes of row r from column k (a multiple of 32) as unsigned bytes in column order, the last 32
 * zero when only one block is left (two: k + 32 < end). */
TGT static __m512i codes64_u8(const zc_mat *w, int r, int k, int two)
{
    __m256i c[2] = {_mm256_setzero_si256(), _mm256_setzero_si256()};
    for (int h = 0; h < 1 + two; h++) {
        size_t off = (size_t)r * (size_t)w->cols + (size_t)(k + 32 * h);
        if (w->kind == ZC_W_Q8) {
            __m256i v = _mm256_loadu_si256((const __m256i *)((const int8_t *)w->data + off));
            c[h] = _mm256_xor_si256(v, _mm256_set1_epi8((char)0x80));
        } else {
            __m128i v = _mm_loadu_si128((const __m128i *)((const uint8_t *)w->data + off / 2));
            __m128i lo = _mm_and_si128(v, _mm_set1_epi8(0x0f));
            __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), _mm_set1_epi8(0x0f));
            c[h] = _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1);
        }
    }
    return _mm512_inserti64x4(_mm512_castsi256_si512(c[0]), c[1], 1);
}

/* Rows r0..r0+15 (those below w->rows; zero past it), columns k0..k0+kc into the panel half at
 * codes (stride PANEL words) and scales (stride PANEL floats). */
TGT static void pack16_int8(const zc_mat *w, int r0, int k0, int kc, uint32_t *codes, float *scales)
{
    __m512 t[16];
    for (int kk = 0; kk < kc; kk += 64) {
        int two = kk + 32 < kc;
        for (int i = 0; i < 16; i++)
            t[i] = r0 + i < w->rows ? _mm512_castsi512_ps(codes64_u8(w, r0 + i, k0 + kk, two)) : _mm512_setzero_ps();
        transpose16(t);
        for (int j = 0; j < (two ? 16 : 8); j++)
            _mm512_store_ps((float *)(codes + (size_t)(kk / 4 + j) * PANEL), t[j]);
    }
    for (int b = 0; b < kc / 32; b++)
        for (int i = 0; i < 16; i++)
            scales[(size_t)b * PANEL + i] =
                r0 + i < w->rows ? _cvtsh_ss(w->scales[((size_t)(r0 + i) * (size_t)w->cols + (size_t)k0) / 32 + (size_t)b])
                                 : 0.0f;
}

/* The same from a panel of a Q4P / Q8P matrix (r0 a multiple of 16: one panel): no transpose, as a
 * block's 64-byte loads are already 16 rows x 4 columns; q8: load g is column group g; q4: masked,
 * load i is group i, shifted and masked group 4 + i. Rows past W: codes and scales zero, as the row
 * layouts give. */
TGT static void pack16_int8_panel(const zc_mat *w, int r0, int k0, int kc, uint32_t *codes, float *scales)
{
    const __m512i m4 = _mm512_set1_epi8(0x0f);
    const int q8 = w->kind == ZC_W_Q8P;
    const size_t bb = zc_panel_block_bytes(w->kind);
    const uint8_t *pp = (const uint8_t *)w->data + (size_t)(r0 / ZC_PANEL_ROWS) * (size_t)(w->cols / 32) * bb;
    __mmask16 live = zc_gemm_mask(w->rows - r0);
    for (int b = 0; b < kc / 32; b++) {
        const uint8_t *o = pp + (size_t)(k0 / 32 + b) * bb;
        for (int i = 0; i < (q8 ? 8 : 4); i++) {
            __m512i v = _mm512_loadu_si512((const void *)(o + 64 * i));
            if (q8) {
                _mm512_store_si512((void *)(codes + (size_t)(8 * b + i) * PANEL), _mm512_maskz_mov_epi32(live, v));
                continue;
            }
            _mm512_store_si512((void *)(codes + (size_t)(8 * b + i) * PANEL), _mm512_maskz_and_epi32(live, v, m4));
            _mm512_store_si512((void *)(codes + (size_t)(8 * b + 4 + i) * PANEL),
                               _mm512_maskz_and_epi32(live, _mm512_srli_epi16(v, 4), m4));
        }
        __m512 sc = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(o + (q8 ? 512 : 256))));
        _mm512_store_ps(scales + (size_t)b * PANEL, _mm512_maskz_mov_ps(live, sc));
    }
}

void zc_gemm_pack_block_int8(const zc_mat *w, int r0, int nb, int k0, int kc, uint32_t *codes, float *scales)
{
    for (int r = 0; r < nb; r += 16) {
        size_t p = (size_t)(r / PANEL), half = (size_t)(r % PANEL);
        uint32_t *c = codes + p * (size_t)(kc / 4) * PANEL + half;
        float *s = scales + p * (size_t)(kc / 32) * PANEL + half;
        if (zc_wkind_panel(w->kind) && r0 + r < w->rows)
            pack16_int8_panel(w, r0 + r, k0, kc, c, s);
        else
            pack16_int8(w, r0 + r, k0, kc, c, s);
    }
}
