/* vision_ops.c: the building blocks of the vision encoder in fp32: linear layers with bias (the
 * decoder's GEMM kernels), LayerNorm with bias, the two GELUs (tanh approximation for the blocks'
 * MLP, exact erf for the mergers, as nn.GELU()), and bidirectional multi-head attention within one
 * image with the 2D rotary embedding applied to q and k (rotate-half over each head): blocked
 * AVX-512 products (gemm_attention.c) where available, else OpenBLAS per head. */
#include "gemm_attention.h"
#include "model_state.h"
#include "simd_math.h"
#include "vision_state.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void zc_vlinear_apply(const zc_vlinear *l, const float *x, int n, float *y)
{
    zc_matmul(&l->w, x, n, y);
    int rows = l->w.rows;
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++)
        for (int r = 0; r < rows; r++)
            y[(size_t)i * rows + r] += l->b[r];
}

void zc_layernorm_rows(float *out, const float *x, const zc_vnorm *nrm, int rows, int dim, float eps)
{
#pragma omp parallel for schedule(static)
    for (int i = 0; i < rows; i++) {
        const float *xi = x + (size_t)i * dim;
        float *oi = out + (size_t)i * dim;
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
}

void zc_gelu_tanh(float *x, size_t n)
{
    zc_vec_gelu_tanh(x, n);
}

void zc_gelu_erf(float *x, size_t n)
{
#pragma omp parallel for schedule(static)
    for (size_t i = 0; i < n; i++)
        x[i] = 0.5f * x[i] * (1.0f + erff(x[i] * 0.7071067811865476f));
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

int zc_vision_attention(const float *qkv, int n, int heads, int hd, const float *cosv, const float *sinv,
                        float *out)
{
    int H = heads * hd, ld = 3 * H;
    float *w = malloc((size_t)n * ld * sizeof(float));
    if (!w)
        return -1;
    memcpy(w, qkv, (size_t)n * ld * sizeof(float));
    rotate_qk(w, n, heads, hd, cosv, sinv);
    float scale = (float)pow((double)hd, -0.5);
    if (!strcmp(zc_kernels_simd(), "avx512")) {
        zc_attn_shape sh = {n, 0, heads, heads, hd, ld, ld, H, 0, scale};
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
