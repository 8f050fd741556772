/* vision_ops.c: the building blocks of the vision encoder in fp32: linear layers with bias (the
 * decoder's GEMM kernels; the bias can instead be folded into the pass that follows: GELU, the
 * residual addition, the copy attention makes of q/k/v), LayerNorm with bias, the two GELUs (tanh
 * approximation for the blocks' MLP, exact erf for the mergers, as nn.GELU()), and bidirectional
 * multi-head attention within one image with the 2D rotary embedding applied to q and k
 * (rotate-half over each head): blocked AVX-512 products (gemm_attention.c) where available, else
 * OpenBLAS per head. Row loops use AVX-512 where the CPU has it. */
#include "gemm_attention.h"
#include "model_state.h"
#include "simd_math.h"
#include "vision_state.h"

#include <cblas.h>
#include <immintrin.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TGT __attribute__((target("avx512f,avx512bw,avx512vl")))

static int has_avx512(void)
{
    return !strcmp(zc_kernels_simd(), "avx512");
}

static __mmask16 tail_mask(int left)
{
    return left >= 16 ? 0xffff : (__mmask16)((1u << left) - 1);
}

/* y[j] += a[j] (+ b[j]) for j < n (b may be NULL). */
TGT static void add_row_avx512(float *y, const float *a, const float *b, int n)
{
    for (int j = 0; j < n; j += 16) {
        __mmask16 m = tail_mask(n - j);
        __m512 v = _mm512_add_ps(_mm512_maskz_loadu_ps(m, y + j), _mm512_maskz_loadu_ps(m, a + j));
        if (b)
            v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(m, b + j));
        _mm512_mask_storeu_ps(y + j, m, v);
    }
}

static void add_row(float *y, const float *a, const float *b, int n, int v512)
{
    if (v512) {
        add_row_avx512(y, a, b, n);
        return;
    }
    for (int j = 0; j < n; j++)
        y[j] += a[j] + (b ? b[j] : 0.0f);
}

void zc_vlinear_apply(const zc_vlinear *l, const float *x, int n, float *y)
{
    zc_matmul(&l->w, x, n, y);
    int rows = l->w.rows, v = has_avx512();
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++)
        add_row(y + (size_t)i * rows, l->b, NULL, rows, v);
}

void zc_vlinear_nobias(const zc_vlinear *l, const float *x, int n, float *y)
{
    zc_matmul(&l->w, x, n, y);
}

void zc_add_bias_rows(float *x, const float *y, const float *b, int n, int dim)
{
    int v = has_avx512();
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++)
        add_row(x + (size_t)i * dim, y + (size_t)i * dim, b, dim, v);
}

/* One row: two passes in 16 fp32 lanes (mean, then the mean square deviation), then the affine map. */
TGT static void layernorm_row_avx512(float *o, const float *x, const float *w, const float *b, int dim, float eps)
{
    __m512 s = _mm512_setzero_ps();
    for (int j = 0; j < dim; j += 16)
        s = _mm512_add_ps(s, _mm512_maskz_loadu_ps(tail_mask(dim - j), x + j));
    float mean = _mm512_reduce_add_ps(s) / (float)dim;
    __m512 mv = _mm512_set1_ps(mean), q = _mm512_setzero_ps();
    for (int j = 0; j < dim; j += 16) {
        __mmask16 m = tail_mask(dim - j);
        __m512 d = _mm512_maskz_sub_ps(m, _mm512_maskz_loadu_ps(m, x + j), mv);
        q = _mm512_fmadd_ps(d, d, q);
    }
    __m512 r = _mm512_set1_ps(1.0f / sqrtf(_mm512_reduce_add_ps(q) / (float)dim + eps));
    for (int j = 0; j < dim; j += 16) {
        __mmask16 m = tail_mask(dim - j);
        __m512 d = _mm512_mul_ps(_mm512_sub_ps(_mm512_maskz_loadu_ps(m, x + j), mv), r);
        _mm512_mask_storeu_ps(o + j, m,
                              _mm512_fmadd_ps(d, _mm512_maskz_loadu_ps(m, w + j), _mm512_maskz_loadu_ps(m, b + j)));
    }
}

static void layernorm_row(float *oi, const float *xi, const zc_vnorm *nrm, int dim, float eps)
{
    double mean = 0, var = 0;
    for (int j = 0; j < dim; j++)
        mean += xi[j];
    mean /= dim;
    for (int j = 0; j < dim; j++)
        var += (xi[j] - mean) * (xi[j] - mean);
    float r = (float)(1.0 / sqrt(var / dim + (double)eps));
    for (int j = 0; j < dim; j++)
        oi[j] = ((float)(xi[j] - mean) * r) * nrm->w[j] + nrm->b[j];
}

void zc_layernorm_rows(float *out, const float *x, const zc_vnorm *nrm, int rows, int dim, float eps)
{
    int v = has_avx512();
#pragma omp parallel for schedule(static)
    for (int i = 0; i < rows; i++) {
        if (v)
            layernorm_row_avx512(out + (size_t)i * dim, x + (size_t)i * dim, nrm->w, nrm->b, dim, eps);
        else
            layernorm_row(out + (size_t)i * dim, x + (size_t)i * dim, nrm, dim, eps);
    }
}

void zc_bias_gelu_tanh(float *x, const float *b, int rows, int cols)
{
    zc_vec_bias_gelu_tanh(x, b, (size_t)rows, (size_t)cols);
}

void zc_bias_gelu_erf(float *x, const float *b, int rows, int cols)
{
    zc_vec_bias_gelu_erf(x, b, (size_t)rows, (size_t)cols);
}

static void softmax_row(float *s, int n)
{
    float mx = -INFINITY, sum = 0;
    for (int j = 0; j < n; j++)
        mx = s[j] > mx ? s[j] : mx;
    for (int j = 0; j < n; j++)
        sum += s[j] = expf(s[j] - mx);
    for (int j = 0; j < n; j++)
        s[j] /= sum;
}

/* q and k of every head rotated in place in a copy of qkv. */
static void rotate_qk(float *qkv, int n, int heads, int hd, const float *cosv, const float *sinv)
{
    int H = heads * hd, half = hd / 2;
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++)
        for (int part = 0; part < 2; part++)
            for (int h = 0; h < heads; h++)
                zc_rope_apply(qkv + (size_t)i * 3 * H + (size_t)part * H + (size_t)h * hd, cosv + (size_t)i * half,
                              sinv + (size_t)i * half, hd);
}

int zc_vision_attention(const float *qkv, const float *bias, int n, int heads, int hd, const float *cosv,
                        const float *sinv, float *out)
{
    int H = heads * hd, ld = 3 * H, v512 = has_avx512();
    float *w = malloc((size_t)n * ld * sizeof(float));
    if (!w)
        return -1;
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++) {
        memcpy(w + (size_t)i * ld, qkv + (size_t)i * ld, (size_t)ld * sizeof(float));
        if (bias)
            add_row(w + (size_t)i * ld, bias, NULL, ld, v512);
    }
    rotate_qk(w, n, heads, hd, cosv, sinv);
    float scale = (float)pow((double)hd, -0.5);
    if (v512) {
        zc_attn_shape sh = {n, 0, heads, heads, hd, ld, (size_t)hd, ld, H, 0, scale, 0};
        int rc = zc_attention_prefill_avx512(&sh, w, w + H, w + 2 * H, out);
        free(w);
        return rc;
    }
    int fail = 0;
#pragma omp parallel
    {
        float *s = malloc((size_t)n * n * sizeof(float));
        if (!s) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (int h = 0; h < heads; h++) {
            if (!s)
                continue;
            const float *q = w + (size_t)h * hd, *k = w + H + (size_t)h * hd, *v = w + 2 * H + (size_t)h * hd;
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, hd, 1.0f, q, ld, k, ld, 0.0f, s, n);
            for (int i = 0; i < n; i++) {
                float *si = s + (size_t)i * n;
                for (int j = 0; j < n; j++)
                    si[j] *= scale;
                softmax_row(si, n);
            }
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, hd, n, 1.0f, s, n, v, ld, 0.0f,
                        out + (size_t)h * hd, H);
        }
        free(s);
    }
    free(w);
    return fail ? -1 : 0;
}
