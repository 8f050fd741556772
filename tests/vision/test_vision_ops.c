/* test_vision_ops.c: the row operations of the vision encoder (vision_ops.c, simd_math.c) against
 * plain double-precision formulas on random data of odd sizes: LayerNorm with weight and bias, the
 * bias + GELU passes (tanh form and exact erf, erf from libm's double erf), the bias + residual
 * addition, and the attention of one image (bias folded into q/k/v, 2D rotary, softmax) against a
 * direct double-precision evaluation. ctest runs it on the best SIMD path and with ZC_SIMD=avx2. */
#include "kernels.h"
#include "vision_state.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static double uniform(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

static float *randv(size_t n, double scale, double offset)
{
    float *v = malloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (float)(offset + scale * uniform());
    return v;
}

static void expect(const char *what, double err, double tol)
{
    if (!(err <= tol)) {
        fprintf(stderr, "FAIL %s: error %.3g > %.3g\n", what, err, tol);
        failures++;
    }
}

static void test_layernorm(int rows, int dim)
{
    float *x = randv((size_t)rows * dim, 3.0, 0.7), *w = randv((size_t)dim, 1.0, 1.0), *b = randv((size_t)dim, 0.5, 0);
    float *o = malloc((size_t)rows * dim * sizeof *o);
    zc_vnorm nrm = {w, b};
    zc_layernorm_rows(o, x, &nrm, rows, dim, 1e-6f);
    double worst = 0;
    for (int i = 0; i < rows; i++) {
        const float *xi = x + (size_t)i * dim;
        double mean = 0, var = 0;
        for (int j = 0; j < dim; j++)
            mean += xi[j];
        mean /= dim;
        for (int j = 0; j < dim; j++)
            var += (xi[j] - mean) * (xi[j] - mean);
        double r = 1.0 / sqrt(var / dim + 1e-6);
        for (int j = 0; j < dim; j++) {
            double want = (xi[j] - mean) * r * w[j] + b[j];
            worst = fmax(worst, fabs(o[(size_t)i * dim + j] - want) / (1.0 + fabs(want)));
        }
    }
    expect("layernorm", worst, 2e-6);
    free(x), free(w), free(b), free(o);
}

static void test_gelu(int rows, int cols, int use_erf)
{
    float *x = randv((size_t)rows * cols, 6.0, 0), *b = randv((size_t)cols, 1.0, 0);
    float *y = malloc((size_t)rows * cols * sizeof *y);
    memcpy(y, x, (size_t)rows * cols * sizeof *y);
    if (use_erf)
        zc_bias_gelu_erf(y, b, rows, cols);
    else
        zc_bias_gelu_tanh(y, b, rows, cols);
    double worst = 0;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            double v = (double)x[(size_t)i * cols + j] + b[j];
            double want = use_erf ? 0.5 * v * (1.0 + erf(v / sqrt(2.0)))
                                  : 0.5 * v * (1.0 + tanh(sqrt(2.0 / M_PI) * (v + 0.044715 * v * v * v)));
            worst = fmax(worst, fabs(y[(size_t)i * cols + j] - want) / (1.0 + fabs(v)));
        }
    expect(use_erf ? "bias + gelu (erf)" : "bias + gelu (tanh)", worst, 2e-6);
    free(x), free(b), free(y);
}

static void test_add_bias(int rows, int dim)
{
    float *x = randv((size_t)rows * dim, 2.0, 0), *y = randv((size_t)rows * dim, 2.0, 0), *b = randv((size_t)dim, 1, 0);
    float *x0 = malloc((size_t)rows * dim * sizeof *x0);
    memcpy(x0, x, (size_t)rows * dim * sizeof *x0);
    zc_add_bias_rows(x, y, b, rows, dim);
    double worst = 0;
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < dim; j++) {
            size_t o = (size_t)i * dim + j;
            worst = fmax(worst, fabs(x[o] - ((double)x0[o] + y[o] + b[j])));
        }
    expect("bias + residual", worst, 1e-5);
    free(x), free(y), free(b), free(x0);
}

/* Attention of n positions, heads x hd, with bias and rotary, against a direct evaluation. */
static void test_attention(int n, int heads, int hd)
{
    int H = heads * hd, half = hd / 2;
    float *qkv = randv((size_t)n * 3 * H, 1.5, 0), *bias = randv((size_t)3 * H, 0.5, 0);
    float *cosv = malloc((size_t)n * half * sizeof(float)), *sinv = malloc((size_t)n * half * sizeof(float));
    float *out = malloc((size_t)n * H * sizeof(float));
    for (int i = 0; i < n * half; i++) {
        double a = 3.0 * uniform();
        cosv[i] = (float)cos(a), sinv[i] = (float)sin(a);
    }
    if (zc_vision_attention(qkv, bias, n, heads, hd, cosv, sinv, out)) {
        expect("attention ran", 1, 0);
        return;
    }
    double *q = malloc((size_t)n * H * sizeof(double)), *k = malloc((size_t)n * H * sizeof(double));
    double *s = malloc((size_t)n * sizeof(double)), worst = 0;
    for (int i = 0; i < n; i++)
        for (int h = 0; h < heads; h++)
            for (int d = 0; d < hd; d++) {
                size_t row = (size_t)i * 3 * H;
                int e = d < half ? d : d - half, o = d < half ? d + half : d - half;
                double c = cosv[(size_t)i * half + e], sn = sinv[(size_t)i * half + e], sign = d < half ? -1 : 1;
                double qd = qkv[row + h * hd + d] + bias[h * hd + d], qo = qkv[row + h * hd + o] + bias[h * hd + o];
                double kd = qkv[row + H + h * hd + d] + bias[H + h * hd + d];
                double ko = qkv[row + H + h * hd + o] + bias[H + h * hd + o];
                q[(size_t)i * H + h * hd + d] = qd * c + sign * qo * sn;
                k[(size_t)i * H + h * hd + d] = kd * c + sign * ko * sn;
            }
    for (int h = 0; h < heads; h++)
        for (int i = 0; i < n; i++) {
            double mx = -1e300, sum = 0;
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int d = 0; d < hd; d++)
                    dot += q[(size_t)i * H + h * hd + d] * k[(size_t)j * H + h * hd + d];
                s[j] = dot / sqrt((double)hd);
                mx = fmax(mx, s[j]);
            }
            for (int j = 0; j < n; j++)
                sum += s[j] = exp(s[j] - mx);
            for (int d = 0; d < hd; d++) {
                double want = 0;
                for (int j = 0; j < n; j++)
                    want += s[j] / sum * (qkv[(size_t)j * 3 * H + 2 * H + h * hd + d] + bias[2 * H + h * hd + d]);
                worst = fmax(worst, fabs(out[(size_t)i * H + h * hd + d] - want));
            }
        }
    expect("attention", worst, 2e-5);
    free(qkv), free(bias), free(cosv), free(sinv), free(out), free(q), free(k), free(s);
}

int main(void)
{
    zc_kernels_init();
    test_layernorm(37, 1031);
    test_layernorm(5, 17);
    test_layernorm(9, 4096);
    test_gelu(13, 301, 0);
    test_gelu(13, 301, 1);
    test_gelu(3, 4099, 1);
    test_add_bias(11, 1027);
    test_attention(77, 3, 64);
    test_attention(256, 2, 32);
    test_attention(13, 1, 16);
    printf("vision ops (%s): %d failures\n", zc_kernels_simd(), failures);
    return failures ? 1 : 0;
}
