/* test_gemm_kernels.c: the prefill matrix products (zc_matmul: fp32 GEMM and the AVX512-BF16 GEMM)
 * against plain double-precision sums on random data of odd sizes (rows, columns and positions that
 * are not multiples of any tile or slice). The bf16 path is checked against a reference that rounds
 * the inputs to bf16 itself (round to nearest even on the float bits); on a CPU without AVX512-BF16
 * the test checks that the product falls back to fp32 instead. q8 and q4 weights are dequantized here
 * from their codes (and, for the bf16 path, rounded to bf16 here too); the int8 path (AVX512-VNNI) is
 * checked against activations quantized here from the definition. Run again with ZC_SIMD=avx2 by ctest. */
#include "gemm_bf16.h"
#include "gemm_int8.h"
#include "gemm_pack.h"
#include "kernels.h"
#include "model.h"
#include "quant.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static double uniform(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

/* bf16 of f by round to nearest even (finite inputs), as a float. */
static float round_bf16(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    u = (u + 0x7fffu + ((u >> 16) & 1u)) & 0xffff0000u;
    memcpy(&f, &u, 4);
    return f;
}

static float bf16_value(uint16_t h)
{
    uint32_t u = (uint32_t)h << 16;
    float f;
    memcpy(&f, &u, 4);
    return f;
}

/* Largest |got - ref| / (sum_k |x w| + 1e-30) over all outputs, ref and the scale in double. */
static double worst_error(const zc_mat *w, const float *x, int n, const float *got, int round_x)
{
    double worst = 0;
    for (int i = 0; i < n; i++)
        for (int r = 0; r < w->rows; r++) {
            double s = 0, mag = 0;
            for (int k = 0; k < w->cols; k++) {
                size_t o = (size_t)r * w->cols + k;
                double wv = w->kind == ZC_W_BF16 ? bf16_value(((const uint16_t *)w->data)[o])
                                                 : ((const float *)w->data)[o];
                double xv = round_x ? round_bf16(x[(size_t)i * w->cols + k]) : x[(size_t)i * w->cols + k];
                s += xv * wv;
                mag += fabs(xv * wv);
            }
            double e = fabs(got[(size_t)i * w->rows + r] - s) / (mag + 1e-30);
            worst = e > worst ? e : worst;
        }
    return worst;
}

static void check(int ok, const char *what, int rows, int cols, int n, double err)
{
    if (!ok) {
        fprintf(stderr, "FAIL %s rows=%d cols=%d n=%d: relative error %.3g\n", what, rows, cols, n, err);
        failures++;
    }
}

static void test_shape(int rows, int cols, int n)
{
    uint16_t *wb = malloc((size_t)rows * cols * sizeof *wb);
    float *wf = malloc((size_t)rows * cols * sizeof *wf), *x = malloc((size_t)n * cols * sizeof *x);
    float *y = malloc((size_t)n * rows * sizeof *y);
    for (size_t i = 0; i < (size_t)rows * cols; i++) {
        float v = (float)uniform();
        uint32_t u;
        memcpy(&u, &v, 4);
        wb[i] = (uint16_t)(u >> 16);
        wf[i] = bf16_value(wb[i]);
    }
    for (size_t i = 0; i < (size_t)n * cols; i++)
        x[i] = (float)(uniform() * 3.0);
    zc_mat w = {rows, cols, ZC_W_BF16, wb, NULL, NULL, NULL}, w32 = {rows, cols, ZC_W_F32, wf, NULL, NULL, NULL};

    zc_model_set_gemm_bf16(0);
    zc_matmul(&w, x, n, y);
    double e = worst_error(&w, x, n, y, 0);
    check(e < 1e-5, "fp32 GEMM, bf16 weights", rows, cols, n, e);

    int on = (zc_model_set_gemm_bf16(1), zc_gemm_bf16_enabled());
    zc_matmul(&w, x, n, y);
    e = worst_error(&w, x, n, y, on && n >= ZC_GEMM_BF16_MIN_N);
    check(e < 1e-5, on ? "bf16 GEMM" : "bf16 requested, fp32 fallback", rows, cols, n, e);
    if (on && n >= ZC_GEMM_BF16_MIN_N) {
        /* the rounding is real: the unrounded sum differs by more than fp32 accumulation would */
        double eu = worst_error(&w, x, n, y, 0);
        check(eu > 1e-5, "bf16 GEMM rounds its inputs", rows, cols, n, eu);
    }

    zc_matmul(&w32, x, n, y); /* fp32 weights never take the bf16 path */
    e = worst_error(&w32, x, n, y, 0);
    check(e < 1e-5, "fp32 GEMM, fp32 weights, bf16 on", rows, cols, n, e);
    free(wb);
    free(wf);
    free(x);
    free(y);
}

/* A q8 or q4 weight dequantized from its codes and fp16 scale, independently of the library (the
 * layouts of docs/model.md: q8 int8 codes; q4 nibbles, a block of 32 weights per 16 bytes, byte i
 * holding weight i low and weight 16 + i high). */
static double q_weight(const zc_mat *w, int r, int c)
{
    size_t i = (size_t)r * w->cols + c;
    uint16_t h = w->scales[i / 32];
    double d = ldexp((double)((h & 0x3ff) | ((h >> 10 & 0x1f) ? 0x400 : 0)), (h >> 10 & 0x1f) ? (h >> 10 & 0x1f) - 25 : -24);
    d = h & 0x8000 ? -d : d;
    if (w->kind == ZC_W_Q8)
        return ((const int8_t *)w->data)[i] * d;
    uint8_t byte = ((const uint8_t *)w->data)[(size_t)r * w->cols / 2 + (size_t)(c / 32) * 16 + (size_t)(c % 16)];
    return (((c % 32) < 16 ? byte & 15 : byte >> 4) - 8) * d;
}

/* Worst |got - ref| / sum |terms| over the outputs, ref summing q_weight (rounded to bf16 with
 * round_w) times x (rounded with round_x) in double. */
static double worst_error_q(const zc_mat *w, const float *x, int n, const float *got, int round_w, int round_x)
{
    double worst = 0;
    for (int i = 0; i < n; i++)
        for (int r = 0; r < w->rows; r++) {
            double s = 0, mag = 0;
            for (int k = 0; k < w->cols; k++) {
                double wv = q_weight(w, r, k), xv = x[(size_t)i * w->cols + k];
                wv = round_w ? round_bf16((float)wv) : wv;
                xv = round_x ? round_bf16((float)xv) : xv;
                s += wv * xv;
                mag += fabs(wv * xv);
            }
            worst = fmax(worst, fabs(got[(size_t)i * w->rows + r] - s) / (mag + 1e-30));
        }
    return worst;
}

/* x quantized as the int8 GEMM's definition says (docs/model.md), written here from it: per block of
 * 32, amax = max |x| (fp32), id = 127 / amax (one fp32 division), code = x * id (one fp32 product)
 * rounded half to even, value = code * (amax / 127) with that scale rounded to fp32 once. */
static void quantize_act(const float *x, int n, int cols, double *out)
{
    for (int i = 0; i < n; i++)
        for (int b = 0; b < cols / 32; b++) {
            const float *v = x + (size_t)i * cols + 32 * b;
            float amax = 0;
            for (int j = 0; j < 32; j++)
                amax = fabsf(v[j]) > amax ? fabsf(v[j]) : amax;
            float id = amax > 0 ? 127.0f / amax : 0.0f, dx = amax / 127.0f;
            for (int j = 0; j < 32; j++) {
                float t = v[j] * id;
                out[(size_t)i * cols + 32 * b + j] = nearbyint(t) * (double)dx;
            }
        }
}

/* Worst |got - ref| / sum |terms| with ref summing q_weight times the quantized x in double. */
static double worst_error_int8(const zc_mat *w, const float *x, int n, const float *got)
{
    double *xq = malloc((size_t)n * w->cols * sizeof *xq), worst = 0;
    quantize_act(x, n, w->cols, xq);
    for (int i = 0; i < n; i++)
        for (int r = 0; r < w->rows; r++) {
            double s = 0, mag = 0;
            for (int k = 0; k < w->cols; k++) {
                double t = q_weight(w, r, k) * xq[(size_t)i * w->cols + k];
                s += t;
                mag += fabs(t);
            }
            worst = fmax(worst, fabs(got[(size_t)i * w->rows + r] - s) / (mag + 1e-30));
        }
    free(xq);
    return worst;
}

/* This CPU runs the AVX-512 packing functions (whatever ZC_SIMD says). */
static int simd_has_avx512(void)
{
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("f16c");
}

/* The int8 GEMM's packing of a panel matrix wp is the packing of its row layout w, byte for byte,
 * rows past the matrix included (zero codes and scales), for every 256-row block and 512-column slice. */
static void same_packing(const zc_mat *w, const zc_mat *wp)
{
    uint32_t *ca = aligned_alloc(64, 256 * 512), *cb = aligned_alloc(64, 256 * 512);
    float *sa = aligned_alloc(64, 256 * 16 * sizeof(float)), *sb = aligned_alloc(64, 256 * 16 * sizeof(float));
    int bad = 0;
    for (int r0 = 0; r0 < w->rows; r0 += 256)
        for (int k0 = 0; k0 < w->cols; k0 += 512) {
            int kc = w->cols - k0 < 512 ? w->cols - k0 : 512;
            zc_gemm_pack_block_int8(w, r0, 256, k0, kc, ca, sa);
            zc_gemm_pack_block_int8(wp, r0, 256, k0, kc, cb, sb);
            bad += memcmp(ca, cb, (size_t)256 * (size_t)kc) != 0 ||
                   memcmp(sa, sb, (size_t)256 * (size_t)(kc / 32) * sizeof(float)) != 0;
        }
    check(bad == 0, "int8 packing of panels = of rows", w->rows, w->cols, 0, bad);
    free(ca), free(cb), free(sa), free(sb);
}

/* The product of wp (a Q4P / Q8P matrix) equals want, the row layout's, bit for bit: the GEMMs pack
 * a panel into the codes and scales the row layout gives. */
static void same_from_panels(const zc_mat *wp, const float *x, int n, const float *want, const char *what)
{
    float *y = malloc((size_t)n * wp->rows * sizeof *y);
    zc_matmul(wp, x, n, y);
    int ok = !memcmp(y, want, (size_t)n * wp->rows * sizeof *y);
    check(ok, what, wp->rows, wp->cols, n, ok ? 0 : 1);
    free(y);
}

/* q8 and q4 weights: fp32 products of the dequantized weights with the bf16 path off; with it on (n
 * >= ZC_GEMM_BF16_MIN_N), on AVX512-VNNI CPUs the int8 products (activations quantized per block, the
 * quantization real: the unquantized reference is further off), and with the int8 path off products
 * of the dequantized weights and the inputs both rounded to bf16, the weight rounding real. */
static void test_quant_shape(zc_wkind kind, int rows, int cols, int n)
{
    float *wf = malloc((size_t)rows * cols * sizeof *wf), *x = malloc((size_t)n * cols * sizeof *x);
    float *y = malloc((size_t)n * rows * sizeof *y);
    for (size_t i = 0; i < (size_t)rows * cols; i++)
        wf[i] = (float)uniform();
    for (size_t i = 0; i < (size_t)n * cols; i++)
        x[i] = (float)(uniform() * 3.0);
    zc_mat src = {rows, cols, ZC_W_F32, wf, NULL, NULL, NULL}, w;
    const char *name = kind == ZC_W_Q8 ? "q8" : "q4";
    if ((kind == ZC_W_Q8 ? zc_mat_quantize_q8(&src, &w) : zc_mat_quantize_q4(&src, &w)) != 0) {
        fprintf(stderr, "FAIL %s quantization %dx%d\n", name, rows, cols);
        failures++;
        return;
    }
    char what[64];
    zc_mat wp = {0}; /* the same weights in panels, whose products must be the row layout's */
    if (zc_mat_panel(&w, &wp)) {
        fprintf(stderr, "FAIL %s panels %dx%d\n", name, rows, cols);
        failures++;
    }
    if (wp.kind != ZC_W_F32 && simd_has_avx512())
        same_packing(&w, &wp);
    zc_model_set_gemm_bf16(0);
    zc_matmul(&w, x, n, y);
    double e = worst_error_q(&w, x, n, y, 0, 0);
    snprintf(what, sizeof what, "fp32 GEMM, %s weights", name);
    check(e < 1e-5, what, rows, cols, n, e);
    same_from_panels(&wp, x, n, y, "fp32 GEMM, panels = rows");

    int on = (zc_model_set_gemm_bf16(1), zc_gemm_bf16_enabled()) && n >= ZC_GEMM_BF16_MIN_N;
    if (zc_gemm_int8_enabled() && n > ZC_SMALL_N) {
        zc_matmul(&w, x, n, y);
        e = worst_error_int8(&w, x, n, y);
        snprintf(what, sizeof what, "int8 GEMM, %s weights", name);
        check(e < 1e-5, what, rows, cols, n, e);
        double eu = worst_error_q(&w, x, n, y, 0, 0);
        snprintf(what, sizeof what, "int8 GEMM quantizes the activations (%s)", name);
        check(eu > 1e-5 && eu < 2e-2, what, rows, cols, n, eu);
        same_from_panels(&wp, x, n, y, "int8 GEMM, panels = rows");
    }
    zc_model_set_gemm_int8(0);
    zc_matmul(&w, x, n, y);
    same_from_panels(&wp, x, n, y, "bf16 GEMM, panels = rows");
    zc_model_set_gemm_int8(1);
    e = worst_error_q(&w, x, n, y, on, on);
    snprintf(what, sizeof what, "%s GEMM, %s weights", on ? "bf16" : "fp32", name);
    check(e < 1e-5, what, rows, cols, n, e);
    if (on) {
        double eu = worst_error_q(&w, x, n, y, 0, 1);
        snprintf(what, sizeof what, "bf16 GEMM rounds the %s weights", name);
        check(eu > 1e-5, what, rows, cols, n, eu);
    }
    zc_mat_free(&w);
    zc_mat_free(&wp);
    free(wf);
    free(x);
    free(y);
}

/* zc_matmul_multi over more than ZC_SMALL_N positions (the int8 GEMM quantizes the activations once
 * for matrices of one kind and width) gives each matrix's zc_matmul bit for bit; so does a mix of q8
 * and q4, which goes one matrix at a time. */
static void test_multi_int8(void)
{
    const int cols = 544, n = 40, rows[3] = {70, 33, 64};
    zc_mat w[3];
    float *x = malloc((size_t)n * cols * sizeof *x), *y[3], *r = malloc((size_t)n * 70 * sizeof *r);
    for (size_t i = 0; i < (size_t)n * cols; i++)
        x[i] = (float)(uniform() * 2.0);
    for (int m = 0; m < 3; m++) {
        float *wf = malloc((size_t)rows[m] * cols * sizeof *wf);
        for (size_t i = 0; i < (size_t)rows[m] * cols; i++)
            wf[i] = (float)uniform();
        zc_mat src = {rows[m], cols, ZC_W_F32, wf, NULL, NULL, NULL};
        if ((m == 2 ? zc_mat_quantize_q8(&src, &w[m]) : zc_mat_quantize_q4(&src, &w[m])) != 0)
            failures++;
        y[m] = malloc((size_t)n * rows[m] * sizeof *y[m]);
        free(wf);
    }
    const zc_mat *same[2] = {&w[0], &w[1]}, *mixed[2] = {&w[0], &w[2]};
    float *ys[2] = {y[0], y[1]}, *ym[2] = {y[0], y[2]};
    for (int c = 0; c < 2; c++) {
        const zc_mat *const *ws = c ? mixed : same;
        float *const *yy = c ? ym : ys;
        zc_matmul_multi(ws, 2, x, n, yy);
        for (int m = 0; m < 2; m++) {
            zc_matmul(ws[m], x, n, r);
            int ok = !memcmp(r, yy[m], (size_t)n * ws[m]->rows * sizeof *r);
            check(ok, c ? "multi of q4 and q8 = separate products" : "multi of two q4 = separate products",
                  ws[m]->rows, cols, n, ok ? 0 : 1);
        }
    }
    for (int m = 0; m < 3; m++) {
        zc_mat_free(&w[m]);
        free(y[m]);
    }
    free(x);
    free(r);
}

int main(void)
{
    zc_kernels_init();
    const int shapes[][3] = {{77, 301, 45}, {300, 64, 33}, {33, 1031, 50}, {273, 515, 37}, {40, 17, 12},
                             {64, 530, 96}, {31, 2, 40}, {96, 32, 536}, {32, 1536, 536}, {128, 128, 134}};
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        test_shape(shapes[i][0], shapes[i][1], shapes[i][2]);
    const int qshapes[][3] = {{77, 320, 45}, {273, 576, 37}, {40, 64, 33}, {33, 1088, 50}, {64, 512, 96}, {35, 96, 40},
                              {300, 1056, 61}, {70, 544, 20}};
    for (size_t i = 0; i < sizeof qshapes / sizeof qshapes[0]; i++) {
        test_quant_shape(ZC_W_Q8, qshapes[i][0], qshapes[i][1], qshapes[i][2]);
        test_quant_shape(ZC_W_Q4, qshapes[i][0], qshapes[i][1], qshapes[i][2]);
    }
    zc_model_set_gemm_bf16(1);
    test_multi_int8();
    printf("gemm kernels (%s, bf16 %s, int8 %s): %d failures\n", zc_kernels_simd(),
           zc_gemm_bf16_enabled() ? "on" : "off", zc_gemm_int8_enabled() ? "on" : "off", failures);
    return failures ? 1 : 0;
}
