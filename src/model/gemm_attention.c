/* gemm_attention.c: GQA attention over a whole sequence as blocked matrix products (causal for the
 * decoder's prefill over its fp16 KV cache, full for the vision encoder's fp32 K and V). The keys of
 * each KV head are packed once into 32-key panels [head_dim][32], widened to fp32; then every (head,
 * block of 48 queries) task computes its score block S = Q K^T with the AVX-512 tiles of
 * gemm_avx512.c, takes the softmax of each row (causal: query i sees keys 0..past+i, the rest weigh
 * 0), and accumulates S V from V packed the same way into [keys][32] panels of head_dim columns
 * (fp32, and contiguous where the vision encoder's rows lie kilobytes apart, which would alias in
 * L1). Blocks run from the last (longest) to the first so that OpenMP's dynamic schedule balances
 * the threads. */
#include "gemm_attention.h"
#include "gemm_avx512.h"
#include "kernels.h"
#include "simd_math.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define QBLK 48   /* queries per task */
#define KPAN 32   /* keys per packed panel */
#define PV_KC 256 /* keys per slice of the P V product */

#define PIECE 64 /* values of a half row converted at a time */

/* dst[0..n) = values c.. of row j of KV head g in K or V (float or half, s->kv_f16). */
static void cached_values(const zc_attn_shape *s, const void *X, int g, int j, int c, int n, float *dst)
{
    size_t at = (size_t)g * s->head_ld + (size_t)j * (size_t)s->kv_ld + (size_t)c;
    if (s->kv_f16)
        zc_f16_to_f32_row((const uint16_t *)X + at, dst, n);
    else
        memcpy(dst, (const float *)X + at, (size_t)n * sizeof(float));
}

/* kp[g][pan][d][jj] = value d of key pan*32 + jj of KV head g (cached_values()), zero past the last key. */
static void pack_keys(const zc_attn_shape *s, const void *K, int total, int npan, float *kp)
{
    int hd = s->head_dim;
#pragma omp parallel for collapse(2) schedule(static)
    for (int g = 0; g < s->n_kv_heads; g++)
        for (int pan = 0; pan < npan; pan++) {
            float *dst = kp + ((size_t)g * npan + pan) * (size_t)hd * KPAN, piece[PIECE];
            for (int jj = 0; jj < KPAN; jj++) {
                int j = pan * KPAN + jj;
                for (int d0 = 0; d0 < hd; d0 += PIECE) {
                    int nd = hd - d0 < PIECE ? hd - d0 : PIECE;
                    if (j < total)
                        cached_values(s, K, g, j, d0, nd, piece);
                    for (int d = 0; d < nd; d++)
                        dst[(size_t)(d0 + d) * KPAN + jj] = j < total ? piece[d] : 0.0f;
                }
            }
        }
}

/* vp[g][cp][j][c] = value cp*32 + c of row j of KV head g (cached_values()), zero past head_dim. */
static void pack_values(const zc_attn_shape *s, const void *V, int total, int ncp, float *vp)
{
    int hd = s->head_dim;
#pragma omp parallel for collapse(2) schedule(static)
    for (int g = 0; g < s->n_kv_heads; g++)
        for (int cp = 0; cp < ncp; cp++) {
            float *dst = vp + ((size_t)g * ncp + cp) * (size_t)total * 32;
            int nc = hd - cp * 32 < 32 ? hd - cp * 32 : 32;
            for (int j = 0; j < total; j++) {
                cached_values(s, V, g, j, cp * 32, nc, dst + (size_t)j * 32);
                memset(dst + (size_t)j * 32 + nc, 0, (size_t)(32 - nc) * sizeof(float));
            }
        }
}

/* Row i of the score block: scaled, masked to its first `valid` keys, softmax; zeros up to `width`. */
static void softmax_row(float *row, int valid, int width, float scale)
{
    float mx = -INFINITY;
    for (int j = 0; j < valid; j++) {
        row[j] *= scale;
        mx = row[j] > mx ? row[j] : mx;
    }
    float sum = zc_vec_exp_shift_sum(row, valid, mx);
    float inv = 1.0f / sum;
    for (int j = 0; j < valid; j++)
        row[j] *= inv;
    for (int j = valid; j < width; j++)
        row[j] = 0.0f;
}

/* One task: queries [i0, i0+rows) of head h. S is [rows][ldS] scratch. */
static void head_block(const zc_attn_shape *s, const float *q, const float *kp, int npan, const float *vp, int total,
                       float *out, int h, int i0, int rows, float *S, int ldS)
{
    int hd = s->head_dim, g = h / (s->n_heads / s->n_kv_heads);
    int kend = s->causal ? s->past + i0 + rows : total; /* keys the last query of the block sees */
    const float *qb = q + (size_t)i0 * s->q_ld + (size_t)h * hd;
    for (int pan = 0; pan * KPAN < kend; pan++) {
        int nc = kend - pan * KPAN < KPAN ? kend - pan * KPAN : KPAN;
        const float *pp = kp + ((size_t)g * npan + pan) * (size_t)hd * KPAN;
        zc_gemm_panel_avx512(qb, s->q_ld, rows, hd, pp, nc, S + pan * KPAN, ldS, 0);
    }
    for (int r = 0; r < rows; r++)
        softmax_row(S + (size_t)r * ldS, s->causal ? s->past + i0 + r + 1 : total, kend, s->scale);
    float *ob = out + (size_t)i0 * s->out_ld + (size_t)h * hd;
    int ncp = (hd + 31) / 32;
    for (int cp = 0; cp < ncp; cp++) {
        int nc = hd - cp * 32 < 32 ? hd - cp * 32 : 32;
        const float *pp = vp + ((size_t)g * ncp + cp) * (size_t)total * 32;
        for (int k0 = 0; k0 < kend; k0 += PV_KC) {
            int kc = kend - k0 < PV_KC ? kend - k0 : PV_KC;
            zc_gemm_panel_avx512(S + k0, ldS, rows, kc, pp + (size_t)k0 * 32, nc, ob + cp * 32, s->out_ld, k0 > 0);
        }
    }
}

int zc_attention_prefill_avx512(const zc_attn_shape *s, const float *q, const void *K, const void *V, float *out)
{
    int total = s->past + s->n, npan = (total + KPAN - 1) / KPAN;
    int nqb = (s->n + QBLK - 1) / QBLK, tasks = nqb * s->n_heads, ldS = npan * KPAN, fail = 0;
    int ncp = (s->head_dim + 31) / 32;
    float *kp = aligned_alloc(64, (size_t)s->n_kv_heads * npan * (size_t)s->head_dim * KPAN * sizeof(float));
    float *vp = aligned_alloc(64, (size_t)s->n_kv_heads * ncp * (size_t)total * 32 * sizeof(float));
    if (!kp || !vp) {
        free(kp);
        free(vp);
        return -1;
    }
    pack_keys(s, K, total, npan, kp);
    pack_values(s, V, total, ncp, vp);
#pragma omp parallel
    {
        float *S = malloc((size_t)QBLK * ldS * sizeof(float));
        if (!S) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (int t = 0; t < tasks; t++) {
            int qb = nqb - 1 - t / s->n_heads, h = t % s->n_heads, i0 = qb * QBLK;
            int rows = s->n - i0 < QBLK ? s->n - i0 : QBLK;
            if (S)
                head_block(s, q, kp, npan, vp, total, out, h, i0, rows, S, ldS);
        }
        free(S);
    }
    free(kp);
    free(vp);
    return fail ? -1 : 0;
}
