/* gemm_attention.c: GQA attention over a whole sequence as blocked matrix products (causal for the
 * decoder's prefill, full for the vision encoder). The keys of each
 * KV head are packed once into 32-key panels [head_dim][32]; then every (head, block of 48
 * queries) task computes its score block S = Q K^T with the AVX-512 tiles of gemm_avx512.c, takes
 * the softmax of each row (causal: query i sees keys 0..past+i, the rest weigh 0), and
 * accumulates S V from V packed the same way into [keys][32] panels of head_dim columns (cache
 * rows are 4 KB apart, which would alias in L1). Blocks run from the last (longest) to the first so
 * that OpenMP's dynamic schedule balances the threads. */
#include "gemm_attention.h"
#include "gemm_avx512.h"
#include "simd_math.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define QBLK 48   /* queries per task */
#define KPAN 32   /* keys per packed panel */
#define PV_KC 256 /* keys per slice of the P V product */

/* kp[g][pan][d][jj] = K[pan*32 + jj][g*hd + d], zero past the last key. */
static void pack_keys(const zc_attn_shape *s, const float *K, int total, int npan, float *kp)
{
    int hd = s->head_dim;
#pragma omp parallel for collapse(2) schedule(static)
    for (int g = 0; g < s->n_kv_heads; g++)
        for (int pan = 0; pan < npan; pan++) {
            float *dst = kp + ((size_t)g * npan + pan) * (size_t)hd * KPAN;
            for (int jj = 0; jj < KPAN; jj++) {
                int j = pan * KPAN + jj;
                const float *src = K + (size_t)j * s->kv_dim + (size_t)g * hd;
                for (int d = 0; d < hd; d++)
                    dst[(size_t)d * KPAN + jj] = j < total ? src[d] : 0.0f;
            }
        }
}

/* vp[g][cp][j][c] = V[j][g*hd + cp*32 + c], zero past head_dim. */
static void pack_values(const zc_attn_shape *s, const float *V, int total, int ncp, float *vp)
{
    int hd = s->head_dim;
#pragma omp parallel for collapse(2) schedule(static)
    for (int g = 0; g < s->n_kv_heads; g++)
        for (int cp = 0; cp < ncp; cp++) {
            float *dst = vp + ((size_t)g * ncp + cp) * (size_t)total * 32;
            int nc = hd - cp * 32 < 32 ? hd - cp * 32 : 32;
            for (int j = 0; j < total; j++) {
                const float *src = V + (size_t)j * s->kv_dim + (size_t)g * hd + cp * 32;
                memcpy(dst + (size_t)j * 32, src, (size_t)nc * sizeof(float));
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

int zc_attention_prefill_avx512(const zc_attn_shape *s, const float *q, const float *K, const float *V, float *out)
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
