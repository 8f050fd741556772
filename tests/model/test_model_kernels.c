/* test_model_kernels.c: the weight formats and products of zc_model against independent
 * double-precision references on random data, for every SIMD path this CPU runs (scalar, AVX2,
 * AVX-512): fp16 rounding against the CPU's own conversion instruction; q8/q4 quantization error
 * bounds (|w - w'| <= d/2, d = the block's step); products of f32/bf16/q8/q4 matrices with odd row
 * counts, bf16/f32 column tails and n = 1..20 rows (small-n product up to 16, packed GEMM above)
 * against sums in double of the dequantized weights (q4: times the int8 activations as the test
 * quantizes them itself; q8 likewise); n rows bit for bit equal to n one-row products; all paths agreeing; with
 * the bf16 products on, the small-n product of bf16 weights against bf16-rounded activations. */
#include "attention_decode.h"
#include "check.h"
#include "gemm_bf16.h"
#include "kernels.h"
#include "model.h"
#include "quant.h"
#include "simd_dot.h"

#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static double urand(void) /* [0, 1) */
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}
static float nrand(void)
{
    double u = urand() + 1e-12, v = urand();
    return (float)(sqrt(-2 * log(u)) * cos(6.283185307179586 * v));
}

static double half_to_double(uint16_t h)
{
    int e = (h >> 10) & 31, m = h & 1023;
    double v = e == 0 ? ldexp(m, -24) : e == 31 ? INFINITY : ldexp(1024 + m, e - 25);
    return (h >> 15) ? -v : v;
}

__attribute__((target("f16c"))) static uint16_t hw_f16(float f)
{
    return (uint16_t)_cvtss_sh(f, _MM_FROUND_TO_NEAREST_INT);
}

static void test_f16(void)
{
    float special[] = {0.0f, -0.0f, 1.0f, 65504.0f, 65520.0f, 1e6f, 6.1e-5f, 5.96e-8f, 2.98e-8f, 2.99e-8f, 1e-10f,
                       3.0517578e-5f, -7.5f, 0.1f};
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        CHECKF(zc_f32_to_f16(special[i]) == hw_f16(special[i]), "%g: %04x vs %04x", special[i],
               zc_f32_to_f16(special[i]), hw_f16(special[i]));
    int bad = 0;
    for (int i = 0; i < 200000; i++) {
        float f = nrand() * (float)ldexp(1.0, (int)(urand() * 50) - 30);
        if (zc_f32_to_f16(f) != hw_f16(f))
            bad++;
        if (half_to_double(zc_f32_to_f16(f)) != (double)zc_f16_to_f32(zc_f32_to_f16(f)))
            bad++;
    }
    CHECKF(bad == 0, "%d of 200000 random values differ from vcvtps2ph", bad);
}

/* Rows of halves (half.c, the KV cache) on every SIMD path: fp32 -> half as vcvtps2ph rounds, over
 * an odd count (vector steps and a tail), and every finite half back to its value. */
static void test_f16_rows(const char *path)
{
    enum { N = 1001 };
    float x[N], back[N];
    uint16_t h[N];
    int bad = 0;
    for (int i = 0; i < N; i++)
        x[i] = nrand() * (float)ldexp(1.0, (int)(urand() * 40) - 24);
    x[0] = 70000.0f, x[1] = -3e-8f, x[2] = 65519.0f, x[3] = 65520.0f; /* overflow, a subnormal, just below and
                                                                          at the tie that rounds to inf */
    zc_f32_to_f16_row(x, h, N);
    for (int i = 0; i < N; i++)
        bad += h[i] != hw_f16(x[i]);
    for (int b0 = 0; b0 < 65536; b0 += N) {
        int n = 65536 - b0 < N ? 65536 - b0 : N;
        for (int i = 0; i < n; i++)
            h[i] = (uint16_t)(b0 + i);
        zc_f16_to_f32_row(h, back, n);
        for (int i = 0; i < n; i++)
            bad += ((h[i] >> 10) & 31) != 31 && (double)back[i] != half_to_double(h[i]);
    }
    CHECKF(bad == 0, "%s: %d halves converted wrongly", path, bad);
}

typedef struct {
    zc_mat m;
    double *deq; /* [rows][cols] dequantized by the test */
    float *src;
    uint16_t *bf;
} testmat;

/* Dequantizes w independently of quant.c: q8 int8 x fp16; q4 nibble layout of docs/model.md. */
static double deq_weight(const zc_mat *w, int r, int c)
{
    size_t i = (size_t)r * w->cols + c;
    double d = w->scales ? half_to_double(w->scales[i / 32]) : 0;
    if (w->kind == ZC_W_Q8)
        return ((const int8_t *)w->data)[i] * d;
    const uint8_t *row = (const uint8_t *)w->data + (size_t)r * w->cols / 2;
    int b = c / 32, k = c % 32;
    uint8_t byte = row[b * 16 + k % 16];
    return ((k < 16 ? byte & 15 : byte >> 4) - 8) * d;
}

/* Weight (r, c) of a Q4P / Q8P matrix, read as docs/model.md lays panels out (independently of
 * quant_panel.c): panels of 16 rows, per block of 32 columns the code bytes (q4 256, q8 512) then 16
 * fp16 scales; q4: byte 64 i + 4 l + t holds row l's weight 4 i + t (low nibble) and 16 + 4 i + t
 * (high), code + 8; q8: byte 64 g + 4 l + t holds row l's weight 4 g + t, code + 128. */
static double deq_panel(const zc_mat *w, int r, int c)
{
    int q8 = w->kind == ZC_W_Q8P, l = r % 16, k = c % 32, g = k % 16;
    size_t bb = q8 ? 544 : 288;
    const uint8_t *blk = (const uint8_t *)w->data + ((size_t)(r / 16) * (w->cols / 32) + (size_t)(c / 32)) * bb;
    uint16_t h;
    memcpy(&h, blk + (q8 ? 512 : 256) + 2 * l, 2);
    if (q8)
        return (blk[64 * (k / 4) + 4 * l + k % 4] - 128) * half_to_double(h);
    uint8_t byte = blk[64 * (g / 4) + 4 * l + g % 4];
    return ((k < 16 ? byte & 15 : byte >> 4) - 8) * half_to_double(h);
}

/* t's q4 / q8 matrix (row layout, deq already from it) into the panel layout: the same weights, read
 * back from the panels as laid out (deq_panel) and through zc_mat_row_part; a row count that is not a
 * multiple of 16 leaves zero weights in the last panel. */
static void to_panels(testmat *t)
{
    zc_mat p;
    CHECKF(zc_mat_panel(&t->m, &p) == 0, "panels %dx%d", t->m.rows, t->m.cols);
    zc_mat_free(&t->m);
    t->m = p;
    int bad = 0, rows = p.rows, cols = p.cols;
    float *row = malloc((size_t)cols * sizeof(float));
    for (int r = 0; r < (rows + 15) / 16 * 16; r++) {
        if (r < rows)
            zc_mat_row_part(&p, r, 0, cols, row);
        for (int c = 0; c < cols; c++) {
            double want = r < rows ? t->deq[(size_t)r * cols + c] : 0.0;
            bad += deq_panel(&p, r, c) != want || (r < rows && row[c] != want);
        }
    }
    free(row);
    CHECKF(bad == 0, "panels %dx%d: %d weights differ from the row layout's", rows, cols, bad);
    CHECKF(zc_mat_bytes(&p) == (size_t)(rows + 15) / 16 * (size_t)(cols / 32) * (p.kind == ZC_W_Q8P ? 544 : 288),
           "panel bytes %zu", zc_mat_bytes(&p));
}

static void make_mat(testmat *t, zc_wkind kind, int rows, int cols)
{
    memset(t, 0, sizeof *t);
    size_t n = (size_t)rows * cols;
    t->src = malloc(n * sizeof(float));
    t->bf = malloc(n * 2);
    t->deq = malloc(n * sizeof(double));
    for (size_t i = 0; i < n; i++) {
        float v = nrand() * 0.05f;
        if (urand() < 0.01)
            v *= 20; /* outliers */
        uint32_t u;
        memcpy(&u, &v, 4);
        t->bf[i] = (uint16_t)((u + 0x7fff + ((u >> 16) & 1)) >> 16);
        u = (uint32_t)t->bf[i] << 16;
        memcpy(&t->src[i], &u, 4);
    }
    zc_mat src = {rows, cols, ZC_W_F32, t->src, NULL, NULL, NULL};
    if (kind == ZC_W_F32)
        t->m = src;
    else if (kind == ZC_W_BF16)
        t->m = (zc_mat){rows, cols, ZC_W_BF16, t->bf, NULL, NULL, NULL};
    else if (kind == ZC_W_Q8 || kind == ZC_W_Q8P)
        CHECKF(zc_mat_quantize_q8(&src, &t->m) == 0, "q8 %dx%d", rows, cols);
    else
        CHECKF(zc_mat_quantize_q4(&src, &t->m) == 0, "q4 %dx%d", rows, cols);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            size_t i = (size_t)r * cols + c;
            t->deq[i] = kind == ZC_W_F32 || kind == ZC_W_BF16 ? (double)t->src[i] : deq_weight(&t->m, r, c);
        }
    if (kind == ZC_W_Q4P || kind == ZC_W_Q8P)
        to_panels(t);
}

static void free_mat(testmat *t)
{
    if (t->m.owned)
        zc_mat_free(&t->m);
    free(t->src);
    free(t->bf);
    free(t->deq);
}

/* Quantization error: each weight within half a step (q4: a full step for the clamped +8d code),
 * the step being max|w| / 127 (q8) or max|w| / 8 (q4) up to fp16 rounding of the scale. */
static void test_quant_bounds(zc_wkind kind)
{
    testmat t;
    make_mat(&t, kind, 13, 320);
    int bad = 0;
    for (size_t b = 0; b < 13 * 320 / 32; b++) {
        double amax = 0;
        for (int i = 0; i < 32; i++)
            amax = fmax(amax, fabs(t.src[b * 32 + i]));
        double step = amax / (kind == ZC_W_Q8 ? 127.0 : 8.0);
        double d = fabs(half_to_double(t.m.scales[b]));
        if (fabs(d - step) > step * 1e-3)
            bad++;
        for (int i = 0; i < 32; i++) {
            double e = fabs(t.deq[b * 32 + i] - t.src[b * 32 + i]);
            double lim = (kind == ZC_W_Q4 && t.src[b * 32 + i] * half_to_double(t.m.scales[b]) > 0 ? 1.0 : 0.5) * d;
            if (e > lim * (1 + 1e-3) + 1e-12)
                bad++;
        }
    }
    CHECKF(bad == 0, "%s: %d bound violations", kind == ZC_W_Q8 ? "q8" : "q4", bad);
    CHECKF(zc_mat_bytes(&t.m) == (kind == ZC_W_Q8 ? 13 * 320 + 13 * 10 * 2 : 13 * 160 + 13 * 10 * 2), "bytes %zu",
           zc_mat_bytes(&t.m));
    free_mat(&t);
}

/* Reference of row r of t . activation row x: double sums; q8 and q4 with the activations
 * quantized by the test (int8 per 32, scale max|x| / 127, round half to even). */
static double ref_dot(const testmat *t, int r, const float *x, double *mag)
{
    int cols = t->m.cols;
    double s = 0, a = 0;
    for (int b = 0; b * 32 < cols; b++) {
        int nb = cols - b * 32 < 32 ? cols - b * 32 : 32;
        double amax = 0, xs[32];
        for (int i = 0; i < nb; i++)
            amax = fmax(amax, fabs(x[b * 32 + i]));
        float id = amax > 0 ? 127.0f / (float)amax : 0.0f;
        for (int i = 0; i < nb; i++)
            xs[i] = t->m.kind != ZC_W_F32 && t->m.kind != ZC_W_BF16 ? nearbyintf(x[b * 32 + i] * id) * (amax / 127.0) : (double)x[b * 32 + i];
        for (int i = 0; i < nb; i++) {
            s += t->deq[(size_t)r * cols + b * 32 + i] * xs[i];
            a += fabs(t->deq[(size_t)r * cols + b * 32 + i] * xs[i]);
        }
    }
    *mag = a;
    return s;
}

#define NPATH 4
static const char *const PATHS[NPATH] = {"scalar", "avx2", "avx512", "avx512-novnni"};

static void test_products(zc_wkind kind, int rows, int cols)
{
    static const int NS[] = {1, 2, 3, 4, 5, 8, 9, 16, 17, 20};
    const char *kn[] = {"f32", "bf16", "q8", "q4", "q4 panels", "q8 panels"};
    int quant = kind != ZC_W_F32 && kind != ZC_W_BF16, panels = kind == ZC_W_Q4P || kind == ZC_W_Q8P;
    testmat t;
    make_mat(&t, kind, rows, cols);
    int nmax = 20;
    float *x = malloc((size_t)nmax * cols * sizeof(float));
    for (int i = 0; i < nmax * cols; i++)
        x[i] = nrand() * (urand() < 0.02 ? 10.0f : 1.0f);
    float *y = malloc((size_t)nmax * rows * sizeof(float)), *y1 = malloc((size_t)rows * sizeof(float));
    double *mags = malloc((size_t)nmax * rows * sizeof(double)); /* sum of |w x| of each output */
    float *first[sizeof NS / sizeof NS[0]] = {0};
    for (int p = 0; p < NPATH; p++) {
        if (zc_simd_set(PATHS[p]))
            continue;
        for (size_t ni = 0; ni < sizeof NS / sizeof NS[0]; ni++) {
            int n = NS[ni];
            zc_matmul(&t.m, x, n, y);
            int bad = 0, diff1 = 0, cross = 0;
            for (int j = 0; j < n; j++)
                for (int r = 0; r < rows; r++) {
                    double mag, ref;
                    /* above the small-n limit the GEMM takes fp32 activations, also for q8 and q4 */
                    if (quant && n > ZC_SMALL_N) {
                        testmat f = t;
                        f.m.kind = ZC_W_F32;
                        ref = ref_dot(&f, r, x + (size_t)j * cols, &mag);
                    } else {
                        ref = ref_dot(&t, r, x + (size_t)j * cols, &mag);
                    }
                    if (fabs(y[(size_t)j * rows + r] - ref) > 1e-5 * mag + 1e-7)
                        bad++;
                    mags[(size_t)j * rows + r] = mag;
                }
            if (n <= ZC_SMALL_N)
                for (int j = 0; j < n; j++) {
                    zc_matvec(&t.m, x + (size_t)j * cols, y1);
                    diff1 += memcmp(y1, y + (size_t)j * rows, (size_t)rows * sizeof(float)) != 0;
                }
            if (!first[ni]) {
                first[ni] = malloc((size_t)n * rows * sizeof(float));
                memcpy(first[ni], y, (size_t)n * rows * sizeof(float));
            } else if (panels && n <= ZC_SMALL_N) { /* every path sums as zc_panel_dot: bit for bit */
                cross = memcmp(first[ni], y, (size_t)n * rows * sizeof(float)) != 0;
            } else { /* two paths each within 1e-5 x magnitude of the reference, in another order */
                for (int i = 0; i < n * rows; i++)
                    cross += fabs((double)first[ni][i] - y[i]) > 2e-5 * mags[i] + 2e-7;
            }
            CHECKF(bad == 0, "%s %s %dx%d n=%d: %d outputs off the double reference", PATHS[p], kn[kind], rows, cols,
                   n, bad);
            CHECKF(diff1 == 0, "%s %s %dx%d n=%d: %d rows differ from one-row products", PATHS[p], kn[kind], rows,
                   cols, n, diff1);
            CHECKF(cross == 0, "%s %s %dx%d n=%d: %d outputs differ from the scalar path", PATHS[p], kn[kind], rows,
                   cols, n, cross);
        }
    }
    for (size_t ni = 0; ni < sizeof NS / sizeof NS[0]; ni++)
        free(first[ni]);
    free(x);
    free(y);
    free(y1);
    free(mags);
    free_mat(&t);
}

/* bf16 of v, round to nearest even, computed here from the bits (finite inputs). */
static double bf16_round(float v)
{
    uint32_t u;
    memcpy(&u, &v, 4);
    u = (u + 0x7fffu + ((u >> 16) & 1u)) & 0xffff0000u;
    float r;
    memcpy(&r, &u, 4);
    return r;
}

/* With the bf16 products on (AVX512-BF16 CPUs), bf16 weights of even width meet activation rows
 * rounded to bf16 in the small-n product too: every output equals the double sum over the rounded
 * activations; the rounding is real (the unrounded sums are further off than fp32 summing); n rows
 * still equal n one-row products bit for bit. Odd widths keep fp32 activations. */
static void test_products_bf16_rounded(int rows, int cols)
{
    zc_simd_set("avx512");
    zc_model_set_gemm_bf16(1);
    if (strcmp(zc_simd()->name, "avx512") || !zc_gemm_bf16_enabled()) {
        zc_model_set_gemm_bf16(0);
        printf("bf16 small-n products: this CPU has no AVX512-BF16, fp32 products checked only\n");
        return;
    }
    testmat t;
    make_mat(&t, ZC_W_BF16, rows, cols);
    float *x = malloc((size_t)ZC_SMALL_N * cols * sizeof(float)), *xr = malloc((size_t)cols * sizeof(float));
    for (int i = 0; i < ZC_SMALL_N * cols; i++)
        x[i] = nrand() * (urand() < 0.02 ? 10.0f : 1.0f);
    float *y = malloc((size_t)ZC_SMALL_N * rows * sizeof(float)), *y1 = malloc((size_t)rows * sizeof(float));
    for (int n = 1; n <= ZC_SMALL_N; n++) {
        zc_matmul(&t.m, x, n, y);
        int bad = 0, diff1 = 0;
        double unrounded = 0;
        for (int j = 0; j < n; j++) {
            const float *xj = x + (size_t)j * cols;
            for (int c = 0; c < cols; c++)
                xr[c] = cols % 2 ? xj[c] : (float)bf16_round(xj[c]);
            for (int r = 0; r < rows; r++) {
                double mag, mag0, ref = ref_dot(&t, r, xr, &mag), ref0 = ref_dot(&t, r, xj, &mag0);
                double got = y[(size_t)j * rows + r];
                bad += fabs(got - ref) > 1e-5 * mag + 1e-7;
                unrounded = fmax(unrounded, fabs(got - ref0) / (mag0 + 1e-30));
            }
            zc_matvec(&t.m, xj, y1);
            diff1 += memcmp(y1, y + (size_t)j * rows, (size_t)rows * sizeof(float)) != 0;
        }
        CHECKF(bad == 0, "bf16 small-n %dx%d n=%d: %d outputs off the rounded double reference", rows, cols, n, bad);
        CHECKF(diff1 == 0, "bf16 small-n %dx%d n=%d: %d rows differ from one-row products", rows, cols, n, diff1);
        if (cols % 2 == 0)
            CHECKF(unrounded > 1e-5, "bf16 small-n %dx%d n=%d: activations not rounded (%g)", rows, cols, n,
                   unrounded);
    }
    zc_model_set_gemm_bf16(0);
    free(x);
    free(xr);
    free(y);
    free(y1);
    free_mat(&t);
}

/* The AVX-512 quantizers (weights and activations) give the scalar ones' bytes exactly. */
static void test_quantizers_agree(void)
{
    if (zc_simd_set("avx512"))
        return;
    int rows = 7, cols = 192;
    float *w = malloc((size_t)rows * cols * sizeof(float));
    for (int i = 0; i < rows * cols; i++)
        w[i] = nrand() * (urand() < 0.05 ? 3.0f : 0.02f);
    for (int c = 0; c < 64; c++)
        w[c] = 0.0f; /* an all-zero group */
    w[70] = 0.5f, w[71] = -0.5f; /* a tie of magnitudes */
    zc_mat src = {rows, cols, ZC_W_F32, w, NULL, NULL, NULL};
    for (int k = 0; k < 2; k++) {
        zc_mat a, b;
        zc_simd_set("avx512");
        int ra = k ? zc_mat_quantize_q4(&src, &a) : zc_mat_quantize_q8(&src, &a);
        zc_simd_set("scalar");
        int rb = k ? zc_mat_quantize_q4(&src, &b) : zc_mat_quantize_q8(&src, &b);
        size_t db = (size_t)rows * cols / (k ? 2 : 1), sb = (size_t)rows * cols / 32 * 2;
        CHECKF(ra == 0 && rb == 0 && !memcmp(a.data, b.data, db) && !memcmp(a.scales, b.scales, sb), "%s quantizers",
               k ? "q4" : "q8");
        zc_mat_free(&a);
        zc_mat_free(&b);
    }
    zc_qact qa, qb;
    zc_simd_set("avx512");
    zc_qact_init(&qa, w, rows, cols);
    zc_simd_set("scalar");
    zc_qact_init(&qb, w, rows, cols);
    size_t n = (size_t)rows * cols;
    CHECKF(!memcmp(qa.q, qb.q, n) && !memcmp(qa.dx, qb.dx, n / 32 * 4) && !memcmp(qa.sum, qb.sum, n / 32 * 4) &&
              !memcmp(qa.corr, qb.corr, n / 4 * 4) && !memcmp(qa.dxl, qb.dxl, n / 4 * 4),
           "activation quantizers");
    zc_qact_free(&qa);
    zc_qact_free(&qb);
    free(w);
}

/* The activation order of the q8 and q4 products (zc_qact_order), from its definition in quant.h:
 * position p of a whole 128 holds the weight at byte (p % 64) of operand A (p < 64) or B. q8: A and
 * B are the 64-bit unpacks of V0 (its byte b: weight b) and V1 (b + 64). q4: byte b of A is the low
 * nibble of byte b of the load, which is weight b % 16 of block b / 16; B the high nibble (+ 16). */
static int order_weight(zc_wkind kind, int p)
{
    int half = p / 64, x = (p % 64) / 16, t = p % 16;
    if (kind == ZC_W_Q4)
        return 32 * x + 16 * half + t;
    int b = 16 * x + 8 * half + t % 8; /* the byte of the first vector (t < 8) or the second */
    return t < 8 ? b : b + 64;
}

static void test_qact_order(zc_wkind kind, int n, int cols)
{
    float *x = malloc((size_t)n * cols * sizeof(float));
    for (int i = 0; i < n * cols; i++)
        x[i] = nrand();
    zc_qact a;
    CHECK(zc_qact_init(&a, x, n, cols) == 0 && zc_qact_order(&a, kind) == 0);
    const zc_qorder *d = kind == ZC_W_Q8 ? &a.q8 : &a.q4;
    int bad = 0, offset = kind == ZC_W_Q8 ? 128 : 8; /* the codes' offset: the corrections' factor */
    for (int j = 0; j < n; j++) {
        size_t o = (size_t)j * cols;
        int c0 = 0;
        for (; c0 + 128 <= cols; c0 += 128) {
            for (int p = 0; p < 128; p++)
                bad += d->q[o + c0 + p] != a.q[o + c0 + order_weight(kind, p)];
            for (int m = 0; m < 16; m++) { /* lane m of A and of B: one block, one correction */
                int wa = order_weight(kind, 4 * m), wb = order_weight(kind, 64 + 4 * m), sum = 0;
                bad += wa / 32 != wb / 32;
                for (int u = 0; u < 4; u++)
                    sum += a.q[o + c0 + order_weight(kind, 4 * m + u)] + a.q[o + c0 + order_weight(kind, 64 + 4 * m + u)];
                size_t e = (o + c0) / 8 + m;
                bad += d->corr[e] != -offset * sum || d->dxl[e] != a.dx[(o + c0 + wa) / 32];
            }
        }
        for (int c = c0; c < cols; c++) /* a last 64 or 32 */
            bad += d->q[o + c] != a.q[o + c];
    }
    CHECKF(bad == 0, "%s order %dx%d: %d misplaced", kind == ZC_W_Q8 ? "q8" : "q4", n, cols, bad);
    /* the products' way (kernels.c): the order allocated first, then every piece filled, in reverse */
    zc_qact b;
    CHECK(zc_qact_alloc(&b, n, cols, kind == ZC_W_Q8, kind == ZC_W_Q4) == 0);
    for (int p = zc_qact_pieces(&b) - 1; p >= 0; p--)
        zc_qact_fill(&b, x, p);
    const zc_qorder *e = kind == ZC_W_Q8 ? &b.q8 : &b.q4;
    size_t N = (size_t)n * cols, whole = (size_t)cols / 128 * 16; /* ordered lanes of a row's whole 128s */
    int diff = memcmp(a.q, b.q, N) || memcmp(a.dx, b.dx, N / 32 * 4) || memcmp(a.sum, b.sum, N / 32 * 4) ||
               memcmp(a.corr, b.corr, N / 4 * 4) || memcmp(a.dxl, b.dxl, N / 4 * 4) || memcmp(d->q, e->q, N);
    for (int j = 0; j < n; j++) /* the lanes after the whole 128s are never written (nor read) */
        diff |= memcmp(d->corr + (size_t)j * cols / 8, e->corr + (size_t)j * cols / 8, whole * 4) ||
                memcmp(d->dxl + (size_t)j * cols / 8, e->dxl + (size_t)j * cols / 8, whole * 4);
    CHECKF(!diff, "%s pieces %dx%d differ from zc_qact_init + zc_qact_order", kind == ZC_W_Q8 ? "q8" : "q4", n,
           cols);
    zc_qact_free(&b);
    zc_qact_free(&a);
    free(x);
}

/* A random half of magnitude 2^-4 to 2^3 (normal, so every bit pattern of the mantissa is a value). */
static uint16_t rand_half(void)
{
    int e = 11 + (int)(urand() * 7), m = (int)(urand() * 1024);
    return (uint16_t)((urand() < 0.5 ? 0x8000 : 0) | e << 10 | m);
}

/* softmax(q . K[j] x scale over j < len) V in double for one query: its hd values at want. */
static void attention_reference(const float *q, int hd, const uint16_t *K, const uint16_t *V, int kv_dim, int len,
                                float scale, double *p, double *want)
{
    double mx = -1e300, sum = 0;
    for (int j = 0; j < len; j++) {
        double d = 0;
        for (int c = 0; c < hd; c++)
            d += (double)q[c] * half_to_double(K[(size_t)j * kv_dim + c]);
        p[j] = d * scale;
        mx = p[j] > mx ? p[j] : mx;
    }
    for (int j = 0; j < len; j++)
        sum += p[j] = exp(p[j] - mx);
    for (int c = 0; c < hd; c++) {
        double o = 0;
        for (int j = 0; j < len; j++)
            o += p[j] / sum * half_to_double(V[(size_t)j * kv_dim + c]);
        want[c] = o;
    }
}

/* Grouped decode attention (attention_decode.h): nq queries in one call against softmax(q.K x scale) V
 * in double, for head sizes that take one, four and eight vectors of values per pass (eight: head
 * sizes that are multiples of 128, up to two queries), every number of queries, and cache lengths
 * around its steps of four keys. With spread set the queries see different lengths (len, len + 1,
 * ...: the positions of a verification pass), and each query's values must be bit for bit those of
 * a call of its own (what makes a verification pass give the one-row results). K and V are halves
 * (the KV cache), read by the test's own decoder; their rows are wider than a head (kv_dim), the
 * head at an offset. */
static void test_attention_group(int hd, int nq, int len, int spread)
{
    int kv_dim = 3 * hd, off = hd, maxlen = len + (spread ? nq - 1 : 0); /* the head is the middle one of three */
    float *q = malloc((size_t)nq * hd * sizeof(float)), *out = malloc((size_t)nq * hd * sizeof(float));
    float *solo = malloc((size_t)hd * sizeof(float)), *sc = malloc((size_t)nq * maxlen * sizeof(float));
    uint16_t *K = malloc((size_t)maxlen * kv_dim * sizeof(uint16_t));
    uint16_t *V = malloc((size_t)maxlen * kv_dim * sizeof(uint16_t));
    double *p = malloc((size_t)maxlen * sizeof(double)), *want = malloc((size_t)hd * sizeof(double));
    for (int i = 0; i < nq * hd; i++)
        q[i] = nrand();
    for (int i = 0; i < maxlen * kv_dim; i++)
        K[i] = rand_half(), V[i] = rand_half();
    float scale = 1.0f / sqrtf((float)hd);
    zc_attn_queries aq = {.n = nq};
    for (int r = 0; r < nq; r++)
        aq.q[r] = q + (size_t)r * hd, aq.out[r] = out + (size_t)r * hd, aq.len[r] = len + (spread ? r : 0);
    int rc = zc_attention_group(&aq, hd, K + off, V + off, kv_dim, scale, sc), bad = 0, differ = 0;
    CHECKF(rc == 0, "attention hd %d queries %d len %d: path not taken", hd, nq, len);
    for (int r = 0; r < nq && rc == 0; r++) {
        attention_reference(aq.q[r], hd, K + off, V + off, kv_dim, aq.len[r], scale, p, want);
        for (int c = 0; c < hd; c++)
            bad += fabs(want[c] - aq.out[r][c]) > 1e-5 * (1 + fabs(want[c]));
        zc_attn_queries one = {.q = {aq.q[r]}, .out = {solo}, .len = {aq.len[r]}, .n = 1};
        CHECK(zc_attention_group(&one, hd, K + off, V + off, kv_dim, scale, sc) == 0);
        differ += memcmp(solo, aq.out[r], (size_t)hd * sizeof(float)) != 0;
    }
    CHECKF(bad == 0, "attention hd %d queries %d len %d spread %d: %d values off the double reference", hd, nq, len,
           spread, bad);
    CHECKF(differ == 0, "attention hd %d queries %d len %d spread %d: %d queries differ from a call of their own", hd,
           nq, len, spread, differ);
    free(q), free(K), free(V), free(out), free(solo), free(sc), free(p), free(want);
}

/* A call of no queries, five, or one with an empty cache does not apply. */
static void test_attention_group_limits(void)
{
    float q[16] = {0}, out[16];
    uint16_t kv[16] = {0};
    float sc[8];
    zc_attn_queries none = {.n = 0}, five = {.n = ZC_ATTN_MAX_Q + 1}, empty = {.q = {q}, .out = {out}, .len = {0}, .n = 1};
    CHECK(zc_attention_group(&none, 16, kv, kv, 16, 1.0f, sc) == -1);
    CHECK(zc_attention_group(&five, 16, kv, kv, 16, 1.0f, sc) == -1);
    CHECK(zc_attention_group(&empty, 16, kv, kv, 16, 1.0f, sc) == -1);
}

/* Quantizing straight into panels (what the loader does) gives the bytes of quantizing rows and then
 * laying them out in panels, for q4 and q8, from fp32 and from bf16, with a partial last panel. */
static void test_quantize_panels(void)
{
    for (int q8 = 0; q8 < 2; q8++)
        for (int bf = 0; bf < 2; bf++) {
            testmat t;
            make_mat(&t, ZC_W_F32, 37, 96);
            zc_mat src = bf ? (zc_mat){37, 96, ZC_W_BF16, t.bf, NULL, NULL, NULL} : t.m, rows, want, got;
            CHECK((q8 ? zc_mat_quantize_q8(&src, &rows) : zc_mat_quantize_q4(&src, &rows)) == 0);
            CHECK(zc_mat_panel(&rows, &want) == 0);
            CHECK(zc_mat_quantize_panels(&src, q8 ? ZC_W_Q8P : ZC_W_Q4P, &got) == 0);
            CHECKF(got.kind == want.kind && zc_mat_bytes(&got) == zc_mat_bytes(&want) &&
                       !memcmp(got.data, want.data, zc_mat_bytes(&want)),
                   "%s from %s: panels quantized directly differ", q8 ? "q8" : "q4", bf ? "bf16" : "f32");
            zc_mat_free(&rows);
            zc_mat_free(&want);
            zc_mat_free(&got);
            free_mat(&t);
        }
}

/* Several matrices in one call give the results of separate calls. */
static void test_multi(void)
{
    testmat a, b, c;
    make_mat(&a, ZC_W_Q4, 37, 128);
    make_mat(&b, ZC_W_BF16, 12, 128);
    make_mat(&c, ZC_W_Q8P, 21, 128);
    float x[3 * 128], ya[3 * 37], yb[3 * 12], yc[3 * 21], ra[3 * 37], rb[3 * 12], rc[3 * 21];
    for (int i = 0; i < 3 * 128; i++)
        x[i] = nrand();
    const zc_mat *w[3] = {&a.m, &b.m, &c.m};
    float *y[3] = {ya, yb, yc};
    zc_matmul_multi(w, 3, x, 3, y);
    zc_matmul(&a.m, x, 3, ra);
    zc_matmul(&b.m, x, 3, rb);
    zc_matmul(&c.m, x, 3, rc);
    CHECKF(!memcmp(ya, ra, sizeof ra) && !memcmp(yb, rb, sizeof rb) && !memcmp(yc, rc, sizeof rc), "multi differs");
    free_mat(&a);
    free_mat(&b);
    free_mat(&c);
}

int main(void)
{
    test_f16();
    test_quant_bounds(ZC_W_Q8);
    test_quant_bounds(ZC_W_Q4);
    test_quantizers_agree();
    test_quantize_panels();
    for (int k = 0; k < 2; k++) {
        zc_wkind kind = k ? ZC_W_Q8 : ZC_W_Q4;
        test_qact_order(kind, 3, 320);
        test_qact_order(kind, 2, 4160);
        test_qact_order(kind, 1, 64);
        test_qact_order(kind, 2, 224); /* a last 64 and 32 */
    }
    zc_model_set_gemm_bf16(0); /* exact fp32 products, except where a test turns bf16 on */
    test_products(ZC_W_F32, 37, 77);
    test_products(ZC_W_BF16, 37, 77);
    test_products(ZC_W_BF16, 6, 300);
    test_products(ZC_W_Q8, 37, 96);
    test_products(ZC_W_Q8, 9, 288);
    test_products(ZC_W_Q8, 7, 224); /* steps of 128, 64 and 32 */
    test_products(ZC_W_Q4, 37, 128);
    test_products(ZC_W_Q4, 5, 320);
    test_products(ZC_W_Q4, 64, 64);
    test_products(ZC_W_Q4, 7, 224); /* steps of 128, 64 and 32 */
    test_products(ZC_W_Q4, 5, 96);
    test_products(ZC_W_Q4P, 37, 128); /* a last panel of 5 rows */
    test_products(ZC_W_Q4P, 64, 64);
    test_products(ZC_W_Q4P, 16, 4160);
    test_products(ZC_W_Q4P, 300, 96);
    test_products(ZC_W_Q8P, 37, 96);
    test_products(ZC_W_Q8P, 16, 2080);
    test_products(ZC_W_Q8P, 300, 64);
    /* rows several chunks wide (simd_small.c: 1 KB of each weight row per chunk when n spans more than
     * one pass), with a partial last chunk */
    test_products(ZC_W_BF16, 6, 1100);
    test_products(ZC_W_Q8, 5, 2080);
    test_products(ZC_W_Q4, 5, 4160);
    for (int p = 0; p < NPATH; p++)
        if (!zc_simd_set(PATHS[p])) {
            test_multi();
            test_f16_rows(PATHS[p]);
        }
    if (!zc_simd_set("avx512")) {
        static const int hds[] = {16, 48, 64, 128, 256}, lens[] = {1, 3, 4, 5, 37};
        for (int h = 0; h < 5; h++)
            for (int nq = 1; nq <= ZC_ATTN_MAX_Q; nq++)
                for (int l = 0; l < 5; l++)
                    for (int spread = 0; spread < 2; spread++)
                        test_attention_group(hds[h], nq, lens[l], spread);
        test_attention_group_limits();
    } else {
        printf("grouped decode attention: this CPU has no AVX-512, not checked here\n");
    }
    test_products_bf16_rounded(6, 300);  /* 150 pairs: 9 full groups of 16 and a masked tail of 6 */
    test_products_bf16_rounded(9, 2048); /* the model's width */
    test_products_bf16_rounded(5, 77);   /* odd width: fp32 activations */
    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    else
        printf("kernel tests passed\n");
    return failures != 0;
}
