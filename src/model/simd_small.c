/* simd_small.c: AVX-512 kernels of the small-n product (decoding: n = 1; speculative verification
 * and batched decoding: a few rows). A block of four weight rows is converted to fp32 (bf16: shift;
 * f32: load) 16 weights at a time and multiplied into up to 4 x 4 accumulators; more activation
 * rows take further passes over the same four rows, which are then in L1/L2, so each weight is read
 * from memory once for all rows. q8 and q4 weights meet int8 activations in VNNI dot products
 * (vpdpbusd: unsigned codes times signed activations; q4 codes are 0..15 = w + 8, q8 codes are
 * w + 128 (the sign bit flipped); the accumulator starts at -8 or -128 x the lane's activation
 * sum, which removes the offset), 128 weights a step with the activations in the order in which
 * the codes are paired (zc_qact_order), one fp32 multiply-add per 128 weights with the lanes'
 * weight x activation scales. With the bf16 products on (gemm_bf16.h), bf16 weights meet
 * activations rounded to bf16 pairs in vdpbf16ps. */
#include "simd_small.h"

#include "kernels.h"

#include <cpuid.h>
#include <immintrin.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TGT __attribute__((target("avx512f,avx512bw,avx512vl,f16c")))
#define TGTV __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni,f16c")))
#define TGTB __attribute__((target("avx512f,avx512bw,avx512vl,avx512bf16,f16c")))
#define INLINE inline __attribute__((always_inline))

static inline float bf16f(uint16_t h)
{
    uint32_t u = (uint32_t)h << 16;
    float f;
    memcpy(&f, &u, 4);
    return f;
}

/* How many of the n activation rows from row j0 on the next pass over a block of weight rows
 * takes: the passes (n / 4 rounded up) share the rows evenly (9 rows: 3 + 3 + 3, not 4 + 4 + 1),
 * since a pass of one or two rows has too few independent accumulators to hide the latency of
 * its multiply-adds. The order of each (weight row, activation row) sum does not change. */
static int pass_rows(int n, int j0)
{
    int passes = (n - j0 + 3) / 4;
    return (n - j0 + passes - 1) / passes;
}

/* Where the small-n kernels prefetch a weight row while they read it at byte `at`: pf bytes further
 * on in the same row, continuing into the same row of the next block of four once the row ends (a
 * block's rows are contiguous, so that is four rows on); rows shorter than pf are fetched one block
 * ahead. A fixed distance suits short and long rows alike: a whole block ahead is 48 KB for a bf16
 * row of 6144 and evicted what L1 held. */
static inline const char *ahead(const void *row, size_t rowbytes, size_t at, size_t pf)
{
    size_t d = rowbytes < pf ? rowbytes : pf, t = at + d;
    /* an address only (past the last block it is outside the matrix; a prefetch never faults) */
    return (const char *)((uintptr_t)row + (t < rowbytes ? t : 3 * rowbytes + t));
}

/* The prefetch distances, chosen once per process (prefetch_distances()): each step fetches its rows
 * l1 bytes ahead into L1 and, into L2, either each row l2 bytes ahead (when l2 is not 0) or, when
 * lin is not 0, the block of rows as one stream lin bytes ahead (fetch_step()). Measured on the CPUs
 * at hand, decode with 1 and 2 threads, alternating runs: Zen 5 (AMD family 26) is fastest at l1 =
 * 2 KB alone (one block ahead was up to 20% slower for bf16; an L2 fetch 4 or 8 blocks ahead gained
 * nothing). Zen 4 (family 25) left the row streams waiting on memory with that: l1 = 512 bytes with
 * l2 = 2 KB took one-thread decode from 3.8-4.8 to 5.9-6.2 tok/s for bf16, 6.0-7.0 to 10.6-11.5 for
 * q8, 7.9-9.8 to 11.8-15.3 for q4 (two threads: 7.6 to 8.0, 12.4 to 15.2, 15.3 to 21.8). The
 * row-wise L2 fetch still reached only one block of four rows ahead (4 KB of a q4 matrix 2048 wide):
 * a q4 product over a 311 MB matrix read 17.5 GB/s of the 22-26 the core reads; the stream fetched
 * 16 KB ahead (lin) read 25 (q8: 22 to 27). bf16 rows have their own plan: on a Zen 4 whose core
 * read 30-32 GB/s, one-thread bf16 decode read 21-22, and l1 = 128 bytes with the stream fetch took
 * it from 6.34-6.51 to 7.01-7.07 tok/s (alternating runs; two threads: medians 8.2 -> 8.7; q8 was
 * slower with l1 = 128). Panels (simd_panel.c, one contiguous stream per thread) have two more, by
 * the activation rows of the product. One row: on Zen 4 the rows' plan left a one-thread q4 panel
 * product over 28 matrices 6144 x 2048 at 22-24 GB/s and q8 at 20; l1 = 3 KB with the stream 4 KB
 * ahead read 28-29 and 25-27 (longer streams, 6-16 KB, were slower again: 21-22 and 19-21), and
 * one-thread decode went from 17.3-18.3 to 18.3-22.4 tok/s (q4) and 10.2-10.8 to 12.8-13.7 (q8).
 * Several rows (verification, batched decoding) read that stream slower: on the same matrices q8
 * 4 rows 22.4 ms against 15.6 with the rows' plan, 9 rows 34.6 against 22.8 (q4: 11.0 / 8.9 and
 * 22.5 / 19.5); the L1 distance made no difference there, the stream's did (16 KB), so several rows
 * keep the rows' plan. Other CPUs get Zen 5's plan for all. ZC_PREFETCH=BYTES, ZC_PREFETCH_L2=BYTES
 * and ZC_PREFETCH_LIN=BYTES (64..65536; L2 and LIN: 0 = none) override every plan. */
typedef struct {
    size_t l1, l2, lin;
} prefetch_plan;

enum { PLAN_ROWS, PLAN_BF16, PLAN_PANEL_ONE, PLAN_PANELS, N_PLANS };
static prefetch_plan pf_plans[N_PLANS] = {{2048, 0, 0}, {2048, 0, 0}, {2048, 0, 0}, {2048, 0, 0}};
static pthread_once_t pf_once = PTHREAD_ONCE_INIT;

static int amd_family(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(0, &a, &b, &c, &d) || b != 0x68747541u) /* "Auth"enticAMD */
        return -1;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return -1;
    unsigned base = (a >> 8) & 0xf, ext = (a >> 20) & 0xff;
    return (int)(base == 0xf ? base + ext : base);
}

/* An environment override of a distance in bytes, or def when unset or out of range. */
static size_t env_bytes(const char *name, size_t def, int zero_ok)
{
    const char *e = getenv(name);
    char *end;
    long v = e ? strtol(e, &end, 10) : -1;
    if (!e || *end || !((v >= 64 && v <= 65536) || (zero_ok && v == 0)))
        return def;
    return (size_t)v;
}

static void pick_prefetch_plan(void)
{
    if (amd_family() == 0x19) {
        pf_plans[PLAN_ROWS] = (prefetch_plan){512, 2048, 16384};
        pf_plans[PLAN_BF16] = (prefetch_plan){128, 2048, 16384};
        pf_plans[PLAN_PANEL_ONE] = (prefetch_plan){3072, 0, 4096};
        pf_plans[PLAN_PANELS] = pf_plans[PLAN_ROWS];
    }
    for (int i = 0; i < N_PLANS; i++) {
        prefetch_plan *p = &pf_plans[i];
        p->l1 = env_bytes("ZC_PREFETCH", p->l1, 0);
        p->l2 = env_bytes("ZC_PREFETCH_L2", p->l2, 1);
        p->lin = env_bytes("ZC_PREFETCH_LIN", p->lin, 1);
    }
}

/* The plan for bf16 weight rows (bf16) or the others. */
static prefetch_plan prefetch_distances(int bf16)
{
    pthread_once(&pf_once, pick_prefetch_plan);
    return pf_plans[bf16 ? PLAN_BF16 : PLAN_ROWS];
}

void zc_panel_prefetch(int rows, size_t *l1, size_t *l2)
{
    pthread_once(&pf_once, pick_prefetch_plan);
    prefetch_plan p = pf_plans[rows == 1 ? PLAN_PANEL_ONE : PLAN_PANELS];
    *l1 = p.l1;
    *l2 = p.lin ? p.lin : p.l2;
}

/* The prefetches of one step over a block of four weight rows w (rows of rowbytes bytes, contiguous
 * in memory but for the spare lanes of a last block, which repeat a row) that reads the 64 bytes at
 * byte `at` of each row: each row l1 bytes ahead into L1 (ahead()); then into L2 either each row l2
 * bytes ahead or, with a linear distance, the block as one stream: the four rows advance together,
 * so the step's share of the matrix is the 256 bytes at 4 x at from the first row's start, fetched
 * 3 x rowbytes + lin further on (three rows further, so that the stream is at least lin ahead of
 * the last row, which is read furthest on), and the scales (sc: the first row's, scale_div times
 * fewer bytes than codes; NULL: none) likewise. The steps of a row's last 64 or 32 weights fetch
 * nothing (the model's widths are multiples of 128). */
static INLINE void fetch_step(const char *const w[4], size_t rowbytes, size_t at, prefetch_plan pf, const char *sc,
                              size_t scale_div)
{
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++)
        _mm_prefetch(ahead(w[r], rowbytes, at, pf.l1), _MM_HINT_T0);
    if (pf.lin) {
        size_t d = 4 * at + 3 * rowbytes + pf.lin;
        const char *p = w[0] + d;
        _mm_prefetch(p, _MM_HINT_T1);
        _mm_prefetch(p + 64, _MM_HINT_T1);
        _mm_prefetch(p + 128, _MM_HINT_T1);
        _mm_prefetch(p + 192, _MM_HINT_T1);
        if (sc)
            _mm_prefetch(sc + d / scale_div, _MM_HINT_T1);
    } else if (pf.l2) {
        #pragma GCC unroll 4
        for (int r = 0; r < 4; r++)
            _mm_prefetch(ahead(w[r], rowbytes, at, pf.l2), _MM_HINT_T1);
    }
}

/* 16 weights of a row from column k as fp32. */
TGT static INLINE __m512 wload(zc_wkind kind, const void *w, int k)
{
    if (kind == ZC_W_BF16) {
        __m256i h = _mm256_loadu_si256((const __m256i *)((const uint16_t *)w + k));
        return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
    }
    return _mm512_loadu_ps((const float *)w + k);
}

static INLINE float wscalar(zc_wkind kind, const void *w, int k)
{
    return kind == ZC_W_BF16 ? bf16f(((const uint16_t *)w)[k]) : ((const float *)w)[k];
}

/* The 4 x nj accumulators of a block, zeroed. */
TGT static INLINE void zero_acc(__m512 acc[4][4], int nj)
{
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++)
        #pragma GCC unroll 4
        for (int j = 0; j < nj; j++)
            acc[r][j] = _mm512_setzero_ps();
}

/* out[r][j] = w[r] . x[j], r < 4, j < nj; nj and kind are constants after inlining. */
TGT static INLINE void fused_f(zc_wkind kind, const void *const w[4], int cols, const float *const x[4], int nj,
                               float out[4][4])
{
    __m512 acc[4][4];
    zero_acc(acc, nj);
    int k = 0;
    for (; k + 16 <= cols; k += 16) {
        __m512 xv[4];
        #pragma GCC unroll 4
        for (int j = 0; j < nj; j++)
            xv[j] = _mm512_loadu_ps(x[j] + k);
        #pragma GCC unroll 4
        for (int r = 0; r < 4; r++) {
            __m512 wv = wload(kind, w[r], k);
            #pragma GCC unroll 4
            for (int j = 0; j < nj; j++)
                acc[r][j] = _mm512_fmadd_ps(wv, xv[j], acc[r][j]);
        }
    }
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++)
        #pragma GCC unroll 4
        for (int j = 0; j < nj; j++) {
            float s = _mm512_reduce_add_ps(acc[r][j]);
            for (int t = k; t < cols; t++)
                s += wscalar(kind, w[r], t) * x[j][t];
            out[r][j] = s;
        }
}

TGT static void fused_f_any(zc_wkind kind, const void *const w[4], int cols, const float *const x[4], int nj,
                            float out[4][4])
{
#define CASE_NJ(K)                                  \
    switch (nj) {                                   \
    case 1: fused_f(K, w, cols, x, 1, out); break; \
    case 2: fused_f(K, w, cols, x, 2, out); break; \
    case 3: fused_f(K, w, cols, x, 3, out); break; \
    default: fused_f(K, w, cols, x, 4, out); break; \
    }
    if (kind == ZC_W_BF16)
        CASE_NJ(ZC_W_BF16)
    else
        CASE_NJ(ZC_W_F32)
#undef CASE_NJ
}

/* 16 pairs from p of every weight row against every activation row into the accumulators;
 * masked: only the pairs in m are loaded (the row's tail). */
TGTB static INLINE void bb_step(__m512 acc[4][4], const uint32_t *const w[4], const uint32_t *const xb[4], int p,
                                __mmask16 m, int masked, int nj)
{
    __m512bh xv[4];
    #pragma GCC unroll 4
    for (int j = 0; j < nj; j++)
        xv[j] = (__m512bh)(masked ? _mm512_maskz_loadu_epi32(m, xb[j] + p)
                                  : _mm512_loadu_si512((const void *)(xb[j] + p)));
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++) {
        __m512bh wv = (__m512bh)(masked ? _mm512_maskz_loadu_epi32(m, w[r] + p)
                                        : _mm512_loadu_si512((const void *)(w[r] + p)));
        #pragma GCC unroll 4
        for (int j = 0; j < nj; j++)
            acc[r][j] = _mm512_dpbf16_ps(acc[r][j], wv, xv[j]);
    }
}

/* The 4 x nj accumulators of a pass kept in memory between chunks (rows_bb): loaded before a
 * chunk, stored after it; the per-lane sums go on in the same order as in one sweep of the row. */
typedef struct {
    float v[4][4][16];
} acc_mem;

/* The accumulators at the start of a chunk: zero for the first, else as the last chunk left them. */
TGT static INLINE void acc_begin(__m512 acc[4][4], const acc_mem *m, int first, int nj)
{
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++)
        #pragma GCC unroll 4
        for (int j = 0; j < nj; j++)
            acc[r][j] = first ? _mm512_setzero_ps() : _mm512_loadu_ps(m->v[r][j]);
}

/* At the end of a chunk: out[r][j] = the sum of the 16 lanes of accumulator (r, j) after the last
 * chunk (out not NULL), else the accumulators kept in m for the next. */
TGT static INLINE void acc_end(acc_mem *m, __m512 acc[4][4], int nj, float out[4][4])
{
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++)
        #pragma GCC unroll 4
        for (int j = 0; j < nj; j++) {
            if (out)
                out[r][j] = _mm512_reduce_add_ps(acc[r][j]);
            else
                _mm512_storeu_ps(m->v[r][j], acc[r][j]);
        }
}

/* bf16 weights against activation rows rounded to bf16 pairs (zc_act.xb, when the bf16 products
 * are on): each vdpbf16ps multiplies 16 pairs of a weight row with 16 pairs of an activation row
 * exactly and adds both products to 16 fp32 lanes, straight from the loaded weights (no conversion)
 * at twice the rate of fp32 FMAs. Pairs [p0, p1) of a row of `pairs` (even cols) go into the
 * accumulators in m; only the last pairs of the row (under 16) are loaded masked: masked loads
 * throughout made a one-row product ~15% slower on the AMD Zen 5 we measured.
 * Every pass also fetches its rows ahead into L1 (ahead()): without it the first pass waited on the
 * four row streams (one-thread decode ~17% faster with it, and 8 rows ~13%, on Zen 5; fetching into
 * L2 only on the last pass was slower). */
TGTB static INLINE void fused_bb(const uint32_t *const w[4], int p0, int p1, int pairs, prefetch_plan pf,
                                 const uint32_t *const xb[4], int nj, acc_mem *m, float out[4][4])
{
    __m512 acc[4][4];
    acc_begin(acc, m, p0 == 0, nj);
    const char *wc[4] = {(const char *)w[0], (const char *)w[1], (const char *)w[2], (const char *)w[3]};
    int p = p0;
    for (; p + 16 <= p1; p += 16) {
        fetch_step(wc, (size_t)pairs * 4, (size_t)p * 4, pf, NULL, 1);
        bb_step(acc, w, xb, p, 0xffff, 0, nj);
    }
    if (p < p1) { /* the last pairs, masked loads */
        __mmask16 mk = (__mmask16)((1u << (p1 - p)) - 1);
        bb_step(acc, w, xb, p, mk, 1, nj);
    }
    acc_end(m, acc, nj, out);
}

TGTB static void fused_bb_any(const uint32_t *const w[4], int p0, int p1, int pairs, prefetch_plan pf,
                              const uint32_t *const xb[4], int nj, acc_mem *m, float out[4][4])
{
    switch (nj) {
    case 1: fused_bb(w, p0, p1, pairs, pf, xb, 1, m, out); break;
    case 2: fused_bb(w, p0, p1, pairs, pf, xb, 2, m, out); break;
    case 3: fused_bb(w, p0, p1, pairs, pf, xb, 3, m, out); break;
    default: fused_bb(w, p0, p1, pairs, pf, xb, 4, m, out); break;
    }
}

/* The passes over a block of weight rows (pass_rows) go chunk by chunk of the rows (CHUNK_BYTES of
 * each weight row), every pass over one chunk before the next chunk: the weights stream from memory
 * while all the passes compute, instead of during the first pass only (one sweep per pass left the
 * later passes' arithmetic on top of the memory time). A single pass sweeps the whole row. */
#define CHUNK_BYTES 1024
#define MAX_PASSES ((ZC_SMALL_N + 3) / 4)

/* The passes of n activation rows: first row and row count of each; returns their number. */
static int plan_passes(int n, int j0s[MAX_PASSES], int njs[MAX_PASSES])
{
    int np = 0;
    for (int j0 = 0; j0 < n && np < MAX_PASSES; j0 += njs[np++]) {
        j0s[np] = j0;
        njs[np] = pass_rows(n, j0);
    }
    return np;
}

/* y[j][r0 + r] for the activation rows j of every pass and the block's nr weight rows. */
static void store_out(int np, const int *j0s, const int *njs, float out[][4][4], int nr, int r0, float *y, int ldy)
{
    for (int q = 0; q < np; q++)
        for (int j = 0; j < njs[q]; j++)
            for (int r = 0; r < nr; r++)
                y[(size_t)(j0s[q] + j) * (size_t)ldy + (size_t)(r0 + r)] = out[q][r][j];
}

/* Rows r0..r0+nr-1 (nr <= 4) of bf16 w against every activation row of a (bf16 pairs). */
static void rows_bb(const zc_mat *w, int r0, int nr, const zc_act *a, float *y, int ldy)
{
    int pairs = w->cols / 2, j0s[MAX_PASSES], njs[MAX_PASSES];
    int np = plan_passes(a->n, j0s, njs), chunk = np == 1 ? pairs : CHUNK_BYTES / 4;
    prefetch_plan pf = prefetch_distances(1);
    const uint32_t *wr[4], *xr[MAX_PASSES][4];
    acc_mem acc[MAX_PASSES];
    float out[MAX_PASSES][4][4];
    for (int r = 0; r < 4; r++) /* spare lanes repeat the last row */
        wr[r] = (const uint32_t *)w->data + (size_t)(r0 + (r < nr ? r : nr - 1)) * (size_t)pairs;
    for (int q = 0; q < np; q++)
        for (int j = 0; j < njs[q]; j++)
            xr[q][j] = a->xb + (size_t)(j0s[q] + j) * (size_t)pairs;
    int p0 = 0;
    do { /* at least once: an empty row gives zeros */
        int p1 = p0 + chunk < pairs ? p0 + chunk : pairs;
        for (int q = 0; q < np; q++)
            fused_bb_any(wr, p0, p1, pairs, pf, xr[q], njs[q], &acc[q], p1 == pairs ? out[q] : NULL);
        p0 = p1;
    } while (p0 < pairs);
    store_out(np, j0s, njs, out, nr, r0, y, ldy);
}

/* 32 codes of a q4 (nibbles, quant.c) or q8 (int8 with the sign bit flipped: w + 128) row from
 * weight k (one block), as unsigned bytes in order: q4 a block's low nibbles, then its high ones. */
TGTV static INLINE __m256i codes32(zc_wkind kind, const uint8_t *w, int k)
{
    if (kind == ZC_W_Q8)
        return _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(w + k)), _mm256_set1_epi8((char)0x80));
    const __m128i m4 = _mm_set1_epi8(0x0f);
    __m128i v = _mm_loadu_si128((const __m128i *)(w + k / 2));
    return _mm256_set_m128i(_mm_and_si128(_mm_srli_epi16(v, 4), m4), _mm_and_si128(v, m4));
}

/* The same for 64 codes (two blocks). */
TGTV static INLINE __m512i codes64(zc_wkind kind, const uint8_t *w, int k)
{
    if (kind == ZC_W_Q8)
        return _mm512_xor_si512(_mm512_loadu_si512((const void *)(w + k)), _mm512_set1_epi8((char)0x80));
    return _mm512_inserti64x4(_mm512_castsi256_si512(codes32(kind, w, k)), codes32(kind, w, k + 32), 1);
}

/* One step of 64 weights of a q8 or q4 row block: acc[r][j] += row r . activation row j0 + j over
 * weights k..k+63 (lanes 0-7 the first block of 32, lanes 8-15 the second). The lanes' correction
 * a->corr is -8 x their activation sum; q8 codes carry an offset of 128, 16 times q4's. */
TGTV static INLINE void qv_step64(zc_wkind kind, const uint8_t *const w[4], const uint16_t *const sc[4], int cols,
                                  const zc_qact *a, int j0, int nj, int k, __m512 acc[4][4])
{
    const __m512i half = _mm512_set_epi32(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++) {
        __m512i codes = codes64(kind, w[r], k);
        uint32_t s2;
        memcpy(&s2, sc[r] + k / 32, 4);
        __m512 dw = _mm512_permutexvar_ps(half, _mm512_castps128_ps512(_mm_cvtph_ps(_mm_cvtsi32_si128((int)s2))));
        #pragma GCC unroll 4
        for (int j = 0; j < nj; j++) {
            size_t o = (size_t)(j0 + j) * (size_t)cols + (size_t)k;
            __m512i corr = _mm512_loadu_si512(a->corr + o / 4);
            if (kind == ZC_W_Q8)
                corr = _mm512_slli_epi32(corr, 4);
            __m512i l = _mm512_dpbusd_epi32(corr, codes, _mm512_loadu_si512(a->q + o));
            __m512 s = _mm512_mul_ps(dw, _mm512_loadu_ps(a->dxl + o / 4));
            acc[r][j] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(l), s, acc[r][j]);
        }
    }
}

/* The sums of the accumulators into out. */
TGT static INLINE void reduce_acc(__m512 acc[4][4], int nj, float out[4][4])
{
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++)
        #pragma GCC unroll 4
        for (int j = 0; j < nj; j++)
            out[r][j] = _mm512_reduce_add_ps(acc[r][j]);
}

/* Rows of an odd number of blocks: acc[r][j] += the last 32 weights (from k) in plain order. */
TGTV static INLINE void q_tail32(zc_wkind kind, const uint8_t *const w[4], const uint16_t *const sc[4], int cols,
                                 const zc_qact *a, int j0, int nj, int k, __m512 acc[4][4])
{
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++) {
        __m512i codes = _mm512_zextsi256_si512(codes32(kind, w[r], k));
        __m512 dw = _mm512_set1_ps(_cvtsh_ss(sc[r][k / 32]));
        #pragma GCC unroll 4
        for (int j = 0; j < nj; j++) {
            size_t o = (size_t)(j0 + j) * (size_t)cols + (size_t)k;
            __m512i corr = _mm512_maskz_loadu_epi32(0x00ff, a->corr + o / 4);
            if (kind == ZC_W_Q8)
                corr = _mm512_slli_epi32(corr, 4);
            __m512i x = _mm512_zextsi256_si512(_mm256_loadu_si256((const __m256i *)(a->q + o)));
            __m512i l = _mm512_dpbusd_epi32(corr, codes, x);
            __m512 s = _mm512_mul_ps(dw, _mm512_maskz_loadu_ps(0x00ff, a->dxl + o / 4));
            acc[r][j] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(l), s, acc[r][j]);
        }
    }
}

TGT static INLINE __m512i ld64(const char *p)
{
    return _mm512_loadu_si512((const void *)p);
}

/* One step of 128 weights of a q8 or q4 row block. Its codes come as two 64-byte operands A and B
 * whose 32-bit lanes cover one block at each place, so one accumulator takes both dot products and
 * one fp32 multiply-add per 128 weights scales it (zc_qact_order gives the activations in the same
 * order). q4: the low and high nibbles of one load (quant.c: a block's 16 bytes hold its weights
 * 0-15 in the low nibbles and 16-31 in the high ones), three operations for 128 codes; the lanes
 * hold blocks 0 0 0 0 1 1 1 1 2 2 2 2 3 3 3 3 of the step's four. q8: two loads (sign bits
 * flipped) paired by two unpacks of 64-bit halves; the lanes hold blocks 0 0 2 2 0 0 2 2 1 1 3 3 1
 * 1 3 3. Every address is a base plus one of a few offsets (kw into the codes, ks = k / 16 into
 * the scales, xo[j] = j x cols + k into the activations, half that into their corrections and
 * scales), which keeps them in registers: with arrays of pointers indexed afresh, GCC spilled them
 * and the step ran slower than the one it replaced. */
TGTV static INLINE void q_step128(zc_wkind kind, const char *const w[4], const char *const sc[4], const zc_qorder *o,
                                  const size_t xo[4], int nj, size_t kw, size_t ks, __m512 acc[4][4])
{
    const __m512i m4 = _mm512_set1_epi8(0x0f), flip = _mm512_set1_epi8((char)0x80);
    const __m512i blk = kind == ZC_W_Q8 ? _mm512_set_epi32(3, 3, 1, 1, 3, 3, 1, 1, 2, 2, 0, 0, 2, 2, 0, 0)
                                        : _mm512_set_epi32(3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0);
    const char *aq = (const char *)o->q, *ac = (const char *)o->corr, *ad = (const char *)o->dxl;
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++) {
        __m512i ca, cb;
        if (kind == ZC_W_Q8) {
            __m512i v0 = _mm512_xor_si512(ld64(w[r] + kw), flip), v1 = _mm512_xor_si512(ld64(w[r] + kw + 64), flip);
            ca = _mm512_unpacklo_epi64(v0, v1);
            cb = _mm512_unpackhi_epi64(v0, v1);
        } else {
            __m512i v = ld64(w[r] + kw);
            ca = _mm512_and_si512(v, m4);
            cb = _mm512_and_si512(_mm512_srli_epi16(v, 4), m4);
        }
        __m512 d4 = _mm512_castps128_ps512(_mm_cvtph_ps(_mm_loadl_epi64((const __m128i *)(sc[r] + ks))));
        __m512 dw = _mm512_permutexvar_ps(blk, d4);
        #pragma GCC unroll 4
        for (int j = 0; j < nj; j++) {
            __m512i l = _mm512_dpbusd_epi32(ld64(ac + xo[j] / 2), ca, ld64(aq + xo[j]));
            l = _mm512_dpbusd_epi32(l, cb, ld64(aq + xo[j] + 64));
            __m512 s = _mm512_mul_ps(dw, _mm512_loadu_ps((const float *)(ad + xo[j] / 2)));
            acc[r][j] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(l), s, acc[r][j]);
        }
    }
}

/* q8/q4: out[r][j] for activation rows j0..j0+nj-1 of a (which needs the order of the kind),
 * 128 weights a step, then what is left of a row 64 and 32 weights at a time in plain order. Every
 * row count takes the same steps in the same order, so n rows still give the n one-row results bit
 * for bit. Each step also prefetches (fetch_step(); on their own the hardware prefetchers left the
 * four short row streams waiting on memory). A 512 x 2048 q4 product from L2, one row: 23 GB/s
 * with the earlier steps of 64 weights, 33 with these (three rows 13 -> 18 GB/s), 34.3-34.6 once
 * q4 blocks kept their nibbles in their own 16 bytes (quant.c). */
TGTV static INLINE void fused_q(zc_wkind kind, const uint8_t *const w[4], const uint16_t *const sc[4], int cols,
                                prefetch_plan pf, const zc_qact *a, int j0, int nj, float out[4][4])
{
    const int q8 = kind == ZC_W_Q8;
    const size_t rb = q8 ? (size_t)cols : (size_t)cols / 2, base = (size_t)j0 * (size_t)cols;
    const zc_qorder *src = q8 ? &a->q8 : &a->q4;
    const zc_qorder o = {src->q + base, src->corr + base / 8, src->dxl + base / 8};
    const char *wc[4], *sb[4];
    size_t xo[4];
    for (int r = 0; r < 4; r++) {
        wc[r] = (const char *)w[r];
        sb[r] = (const char *)sc[r];
    }
    __m512 acc[4][4];
    zero_acc(acc, nj);
    int k = 0;
    for (; k + 128 <= cols; k += 128) {
        size_t kw = q8 ? (size_t)k : (size_t)k / 2;
        fetch_step(wc, rb, kw, pf, sb[0], q8 ? 16 : 8);
        if (q8)
            fetch_step(wc, rb, kw + 64, pf, sb[0], 16);
        #pragma GCC unroll 4
        for (int j = 0; j < nj; j++)
            xo[j] = (size_t)j * (size_t)cols + (size_t)k;
        q_step128(kind, wc, sb, &o, xo, nj, kw, (size_t)k / 16, acc);
    }
    for (; k + 64 <= cols; k += 64)
        qv_step64(kind, w, sc, cols, a, j0, nj, k, acc);
    if (k < cols)
        q_tail32(kind, w, sc, cols, a, j0, nj, k, acc);
    reduce_acc(acc, nj, out);
}

TGTV static void fused_qv_any(zc_wkind kind, const uint8_t *const w[4], const uint16_t *const sc[4], int cols,
                              prefetch_plan pf, const zc_qact *a, int j0, int nj, float out[4][4])
{
#define CASE_NJ(K)                                             \
    switch (nj) {                                              \
    case 1: fused_q(K, w, sc, cols, pf, a, j0, 1, out); break; \
    case 2: fused_q(K, w, sc, cols, pf, a, j0, 2, out); break; \
    case 3: fused_q(K, w, sc, cols, pf, a, j0, 3, out); break; \
    default: fused_q(K, w, sc, cols, pf, a, j0, 4, out); break; \
    }
    if (kind == ZC_W_Q8)
        CASE_NJ(ZC_W_Q8)
    else
        CASE_NJ(ZC_W_Q4)
#undef CASE_NJ
}

void zc_small_rows_avx512(const zc_mat *w, int r0, int nr, const zc_act *a, float *y, int ldy)
{
    if (w->kind == ZC_W_BF16 && a->xb) {
        rows_bb(w, r0, nr, a, y, ldy);
        return;
    }
    const void *wr[4];
    const uint16_t *sr[4] = {NULL, NULL, NULL, NULL};
    size_t esz = w->kind == ZC_W_F32 ? 4 : w->kind == ZC_W_BF16 ? 2 : 1;
    for (int r = 0; r < 4; r++) {
        size_t row = (size_t)(r0 + (r < nr ? r : nr - 1)) * (size_t)w->cols; /* spare lanes repeat the last row */
        wr[r] = w->kind == ZC_W_Q4 ? (const uint8_t *)w->data + row / 2 : (const uint8_t *)w->data + row * esz;
        if (w->scales)
            sr[r] = w->scales + row / ZC_Q8_BLOCK;
    }
    for (int j0 = 0, nj; j0 < a->n; j0 += nj) {
        nj = pass_rows(a->n, j0);
        float out[4][4];
        if (w->kind == ZC_W_Q4 || w->kind == ZC_W_Q8) {
            fused_qv_any(w->kind, (const uint8_t *const *)wr, sr, w->cols, prefetch_distances(0), a->q, j0, nj, out);
        } else {
            const float *xr[4];
            for (int j = 0; j < nj; j++)
                xr[j] = a->x + (size_t)(j0 + j) * (size_t)w->cols;
            fused_f_any(w->kind, wr, w->cols, xr, nj, out);
        }
        for (int j = 0; j < nj; j++)
            for (int r = 0; r < nr; r++)
                y[(size_t)(j0 + j) * (size_t)ldy + (size_t)(r0 + r)] = out[r][j];
    }
}
