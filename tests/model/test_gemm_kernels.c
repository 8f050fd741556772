/* test_gemm_kernels.c: the prefill matrix products (zc_matmul: fp32 GEMM and the AVX512-BF16 GEMM)
 * against plain double-precision sums on random data of odd sizes (rows, columns and positions that
 * are not multiples of any tile or slice). The bf16 path is checked against a reference that rounds
 * the inputs to bf16 itself (round to nearest even on the float bits); on a CPU without AVX512-BF16
 * the test checks that the product falls back to fp32 instead. Run again with ZC_SIMD=avx2 by ctest. */
#include "gemm_bf16.h"
#include "kernels.h"
#include "model.h"

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

int main(void)
{
    zc_kernels_init();
    const int shapes[][3] = {{77, 301, 45}, {300, 64, 33}, {33, 1031, 50}, {273, 515, 37}, {40, 17, 12},
                             {64, 530, 96}, {31, 2, 40}, {96, 32, 536}, {32, 1536, 536}, {128, 128, 134}};
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        test_shape(shapes[i][0], shapes[i][1], shapes[i][2]);
    zc_model_set_gemm_bf16(1);
    printf("gemm kernels (%s, bf16 %s): %d failures\n", zc_kernels_simd(), zc_gemm_bf16_enabled() ? "on" : "off",
           failures);
    return failures ? 1 : 0;
}
