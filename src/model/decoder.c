/* decoder.c: the Qwen3-VL text decoder forward pass over a batch of input embeddings with
 * explicit (t, h, w) rotary positions, following transformers' Qwen3VLTextModel: per layer
 * RMSNorm -> q/k/v -> per-head q/k RMSNorm -> M-RoPE -> causal GQA over the KV cache -> o_proj ->
 * residual -> RMSNorm -> down(silu(gate) * up) -> residual, optional DeepStack additions after the
 * first layers, final RMSNorm, lm_head. All activations fp32; the KV cache holds keys and values
 * as IEEE half (llama.cpp's default; transformers keeps a bf16 model's cache in bf16). */
#include "attention_decode.h"
#include "gemm_attention.h"
#include "model_state.h"
#include "simd_math.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#define PREFILL_CHUNK 1024 /* positions per forward pass: a 600-token prompt packs the weights once */
#define ATTN_GEMM_MIN_N 17 /* fewer new positions: attention row by row (the bits of one-row passes) */

zc_kv *zc_kv_new(const zc_model *m, int max_tokens)
{
    zc_kv *kv = calloc(1, sizeof *kv);
    if (!kv || max_tokens <= 0)
        return free(kv), NULL;
    kv->max_tokens = max_tokens;
    kv->n_layers = m->cfg.n_layers;
    kv->n_kv_heads = m->cfg.n_kv_heads;
    kv->head_dim = m->cfg.head_dim;
    size_t n = (size_t)kv->n_layers * (size_t)kv->n_kv_heads * (size_t)max_tokens * (size_t)kv->head_dim;
    kv->k = malloc(n * sizeof(uint16_t));
    kv->v = malloc(n * sizeof(uint16_t));
    if (!kv->k || !kv->v) {
        zc_kv_free(kv);
        return NULL;
    }
    return kv;
}

/* Where the cached keys (or values) of KV head g in a layer start: max_tokens rows of head_dim. */
static size_t head_at(const zc_kv *kv, int layer, int g)
{
    return ((size_t)layer * (size_t)kv->n_kv_heads + (size_t)g) * (size_t)kv->max_tokens * (size_t)kv->head_dim;
}

zc_kv *zc_kv_clone(const zc_model *m, const zc_kv *src, int max_tokens)
{
    if (max_tokens < src->len)
        return NULL;
    zc_kv *kv = zc_kv_new(m, max_tokens);
    if (!kv)
        return NULL;
    size_t n = (size_t)src->len * (size_t)src->head_dim * sizeof(uint16_t);
    for (int l = 0; l < src->n_layers; l++)
        for (int g = 0; g < src->n_kv_heads; g++) {
            memcpy(kv->k + head_at(kv, l, g), src->k + head_at(src, l, g), n);
            memcpy(kv->v + head_at(kv, l, g), src->v + head_at(src, l, g), n);
        }
    kv->len = src->len;
    return kv;
}

void zc_kv_free(zc_kv *kv)
{
    if (!kv)
        return;
    free(kv->k);
    free(kv->v);
    free(kv);
}

int zc_kv_len(const zc_kv *kv)
{
    return kv->len;
}

void zc_kv_reset(zc_kv *kv)
{
    kv->len = 0;
}

int zc_kv_truncate(zc_kv *kv, int len)
{
    if (len < 0 || len > kv->len)
        return -1;
    kv->len = len;
    return 0;
}

int zc_kv_capacity(const zc_kv *kv)
{
    return kv->max_tokens;
}

/* zc_matmul runs up to ZC_SMALL_N positions through the small-n product, whose every row has the
 * bits of a one-row product (kernels.c), and attention goes row by row below ATTN_GEMM_MIN_N: up to
 * EXACT_BATCH positions every row of a forward pass has the bits of a one-position pass. */
#define EXACT_BATCH ZC_SMALL_N

int zc_model_exact_batch(const zc_model *m)
{
    (void)m;
    return EXACT_BATCH < ATTN_GEMM_MIN_N - 1 ? EXACT_BATCH : ATTN_GEMM_MIN_N - 1;
}

/* Row r of the mapped table, read with pread straight into out and widened there. A read through
 * the mapping would map the whole cached folio around the row (fault-around, large page-cache
 * folios): 200 MB of RSS for 600 random tokens of the 2B table before they could be dropped. Only
 * where lm_head is its own matrix: a tied table is read by every decode step anyway. bf16 rows land
 * in the upper half of out's bytes and widen upwards from element 0: element i is read from bytes
 * 2h + 2i before anything at or past 4i + 4 <= 2h + 2i + 2 (h the width, i < h) is written. */
static int embed_row_read(const zc_model *m, int r, float *out)
{
    const zc_mat *e = &m->embed;
    size_t h = (size_t)e->cols;
    if (e->kind != ZC_W_BF16)
        return zc_st_read(&m->st, m->embed_t, (size_t)r * h * 4, out, h * 4);
    uint8_t *half = (uint8_t *)out + h * 2;
    if (zc_st_read(&m->st, m->embed_t, (size_t)r * h * 2, half, h * 2))
        return -1;
    for (size_t i = 0; i < h; i++) { /* through memcpy: the bytes are read as uint16_t, written as float */
        uint16_t b;
        memcpy(&b, half + 2 * i, 2);
        float f = zc_bf16_to_f32(b);
        memcpy(out + i, &f, 4);
    }
    return 0;
}

int zc_model_embed(const zc_model *m, const int32_t *tokens, int n, float *out)
{
    int unmapped = m->embed_t && !m->embed.owned && m->lm_head.data != m->embed.data;
    for (int i = 0; i < n; i++) {
        float *o = out + (size_t)i * m->cfg.hidden;
        if (tokens[i] < 0 || tokens[i] >= m->cfg.vocab)
            return -1;
        if (!unmapped)
            zc_mat_row(&m->embed, tokens[i], o);
        else if (embed_row_read(m, tokens[i], o))
            return -1;
    }
    return 0;
}

/* out = w * x * rsqrt(mean(x^2) + eps), all fp32 */
static void rmsnorm(float *out, const float *x, const float *w, int n, float eps)
{
    float ss = 0;
    for (int i = 0; i < n; i++)
        ss += x[i] * x[i];
    float r = 1.0f / sqrtf(ss / (float)n + eps);
    for (int i = 0; i < n; i++)
        out[i] = w[i] * (x[i] * r);
}

static void rmsnorm_rows(float *out, const float *x, const float *w, int rows, int n, float eps)
{
#pragma omp parallel for schedule(static) if (rows > 1)
    for (int i = 0; i < rows; i++)
        rmsnorm(out + (size_t)i * n, x + (size_t)i * n, w, n, eps);
}

/* A layer's working rows. q, k, v and att (attention, up to o_proj) and gate, up (the MLP) are
 * never alive at once, so they share one allocation (phase): for a 600-token prefill of the 2B
 * model 29 MB instead of 44. The projections back to the residual (o_proj, down_proj) write into
 * xn, whose normed rows are dead by then. x is the caller's when x_given is set (a buffer of its
 * own that the forward may overwrite: the embeddings of zc_model_forward_tokens). */
typedef struct {
    float *x, *xn, *q, *k, *v, *att, *gate, *up, *cosv, *sinv, *phase;
    int x_given;
} scratch;

static void scratch_free(scratch *s)
{
    float **p[] = {&s->xn, &s->cosv, &s->sinv, &s->phase};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        free(*p[i]);
    if (!s->x_given)
        free(s->x);
}

static int scratch_alloc(scratch *s, const zc_text_config *c, int n)
{
    size_t N = (size_t)n, qd = (size_t)c->n_heads * c->head_dim, kvd = (size_t)c->n_kv_heads * c->head_dim;
    size_t hd = (size_t)c->hidden, half = (size_t)c->head_dim / 2, in = (size_t)c->inter;
    size_t attn = 2 * qd + 2 * kvd, mlp = 2 * in;
    if (!s->x_given)
        s->x = malloc(N * hd * 4);
    s->xn = malloc(N * hd * 4);
    s->cosv = malloc(N * half * 4);
    s->sinv = malloc(N * half * 4);
    s->phase = malloc(N * (attn > mlp ? attn : mlp) * 4);
    if (!s->x || !s->xn || !s->cosv || !s->sinv || !s->phase)
        return -1;
    s->q = s->phase;
    s->k = s->q + N * qd;
    s->v = s->k + N * kvd;
    s->att = s->v + N * kvd;
    s->gate = s->phase;
    s->up = s->gate + N * in;
    return 0;
}

/* Where the new rows go: one cache for all n rows (positions len, len+1, ...), or in a batched
 * decode step one cache per row (row i at kvs[i]'s own length). */
typedef struct {
    zc_kv *const *kvs;
    int batched;
} kv_rows;

static zc_kv *row_kv(const kv_rows *r, int i)
{
    return r->batched ? r->kvs[i] : r->kvs[0];
}

static int row_slot(const kv_rows *r, int i)
{
    return r->batched ? r->kvs[i]->len : r->kvs[0]->len + i;
}

/* q/k head norms and rotary for n positions, then k and v appended to the cache. */
static void qk_norm_rope(const zc_model *m, const zc_layer *L, const kv_rows *kr, int layer, scratch *s, int n)
{
    const zc_text_config *c = &m->cfg;
    int hd = c->head_dim, half = hd / 2, nh = c->n_heads, nkv = c->n_kv_heads;
#pragma omp parallel for schedule(static) if (n > 1)
    for (int i = 0; i < n; i++) {
        const float *cv = s->cosv + (size_t)i * half, *sv = s->sinv + (size_t)i * half;
        zc_kv *kv = row_kv(kr, i);
        for (int h = 0; h < nh; h++) {
            float *q = s->q + ((size_t)i * nh + h) * hd;
            rmsnorm(q, q, L->q_norm, hd, c->eps);
            zc_rope_apply(q, cv, sv, hd);
        }
        size_t slot = (size_t)row_slot(kr, i) * hd;
        for (int h = 0; h < nkv; h++) {
            float *k = s->k + ((size_t)i * nkv + h) * hd;
            rmsnorm(k, k, L->k_norm, hd, c->eps);
            zc_rope_apply(k, cv, sv, hd);
            zc_f32_to_f16_row(k, kv->k + head_at(kv, layer, h) + slot, hd);
            zc_f32_to_f16_row(s->v + ((size_t)i * nkv + h) * hd, kv->v + head_at(kv, layer, h) + slot, hd);
        }
    }
}

#define HALF_PIECE 64 /* cached values converted to fp32 at a time on the stack */

/* q . k for a cached key k of hd halves, HALF_PIECE values at a time. */
static float dot_half(const float *q, const uint16_t *k, int hd)
{
    float buf[HALF_PIECE], sum = 0;
    for (int c = 0; c < hd; c += HALF_PIECE) {
        int nc = hd - c < HALF_PIECE ? hd - c : HALF_PIECE;
        zc_f16_to_f32_row(k + c, buf, nc);
        sum += zc_dot_f32(q + c, buf, nc);
    }
    return sum;
}

/* out += a v for a cached value v of hd halves. */
static void axpy_half(float a, const uint16_t *v, float *out, int hd)
{
    float buf[HALF_PIECE];
    for (int c = 0; c < hd; c += HALF_PIECE) {
        int nc = hd - c < HALF_PIECE ? hd - c : HALF_PIECE;
        zc_f16_to_f32_row(v + c, buf, nc);
        zc_axpy_f32(a, buf, out + c, nc);
    }
}

/* One query head over the first len cached positions, key by key (CPUs without AVX-512, and where
 * the grouped path's scratch could not be allocated): the softmax taken online, the output rescaled
 * whenever a larger score turns up, so no scratch is needed. */
static void attention_head_online(const float *q, const uint16_t *K, const uint16_t *V, int len, int hd, float scale,
                                  float *out)
{
    float mx = -INFINITY, sum = 0;
    memset(out, 0, (size_t)hd * 4);
    for (int j = 0; j < len; j++) {
        float sj = dot_half(q, K + (size_t)j * hd, hd) * scale;
        if (sj > mx) {
            float f = expf(mx - sj);
            for (int c = 0; c < hd; c++)
                out[c] *= f;
            sum *= f;
            mx = sj;
        }
        float e = expf(sj - mx);
        sum += e;
        axpy_half(e, V + (size_t)j * hd, out, hd);
    }
    for (int c = 0; c < hd; c++)
        out[c] /= sum;
}

/* Causal attention of the n new positions over the cache (which already holds them), one query at
 * a time (head by head where the grouped path does not apply): decoding, short prompts, verification
 * passes, batched decode steps, and CPUs without AVX-512. The query vectors that read the same cached
 * KV head go to the grouped path four at a time (attention_decode.h): with one cache, those of every
 * position and head of a KV group, taken position by position (a Qwen3-VL group of two heads: two
 * positions a call); in a batched step each row has its own cache, so only its own heads. A query's
 * values do not depend on which others share its call, so a verification pass of n rows gives the
 * n one-row results. */
static void attention_rows(const zc_model *m, const kv_rows *kr, int layer, scratch *s, int n)
{
    const zc_text_config *c = &m->cfg;
    int hd = c->head_dim, nh = c->n_heads, nkv = c->n_kv_heads, rep = nh / nkv, maxlen = 0;
    float scale = (float)pow((double)hd, -0.5);
    for (int i = 0; i < n; i++)
        maxlen = row_slot(kr, i) + 1 > maxlen ? row_slot(kr, i) + 1 : maxlen;
    int caches = kr->batched ? n : 1, per = rep * (kr->batched ? 1 : n); /* query vectors per cached head */
    int calls = (per + ZC_ATTN_MAX_Q - 1) / ZC_ATTN_MAX_Q;
#pragma omp parallel
    {
        float *sc = malloc((size_t)ZC_ATTN_MAX_Q * (size_t)maxlen * sizeof(float));
#pragma omp for collapse(3) schedule(dynamic, 1)
        for (int b = 0; b < caches; b++)
            for (int g = 0; g < nkv; g++)
                for (int k = 0; k < calls; k++) {
                    const zc_kv *kv = row_kv(kr, b);
                    const uint16_t *K = kv->k + head_at(kv, layer, g), *V = kv->v + head_at(kv, layer, g);
                    zc_attn_queries aq = {.n = 0};
                    for (int v = k * ZC_ATTN_MAX_Q; v < per && aq.n < ZC_ATTN_MAX_Q; v++, aq.n++) {
                        int i = kr->batched ? b : v / rep; /* the query's row, and its head in the group */
                        size_t h = (size_t)i * nh + (size_t)g * rep + (size_t)(v % rep);
                        aq.q[aq.n] = s->q + h * hd;
                        aq.out[aq.n] = s->att + h * hd;
                        aq.len[aq.n] = row_slot(kr, i) + 1;
                    }
                    if (sc && !zc_attention_group(&aq, hd, K, V, hd, scale, sc))
                        continue;
                    for (int r = 0; r < aq.n; r++)
                        attention_head_online(aq.q[r], K, V, aq.len[r], hd, scale, aq.out[r]);
                }
        free(sc);
    }
}

/* Prefill attention as blocked products on AVX-512 CPUs (gemm_attention.c), else row by row. */
static void attention(const zc_model *m, const kv_rows *kr, int layer, scratch *s, int n)
{
    const zc_text_config *c = &m->cfg;
    const zc_kv *kv = kr->kvs[0];
    if (!kr->batched && n >= ATTN_GEMM_MIN_N && !strcmp(zc_kernels_simd(), "avx512")) {
        int qd = c->n_heads * c->head_dim;
        zc_attn_shape sh = {n, kv->len, c->n_heads, c->n_kv_heads, c->head_dim, c->head_dim,
                            (size_t)kv->max_tokens * (size_t)c->head_dim, qd, qd, 1,
                            (float)pow((double)c->head_dim, -0.5), 1};
        size_t off = head_at(kv, layer, 0);
        if (!zc_attention_prefill_avx512(&sh, s->q, kv->k + off, kv->v + off, s->att))
            return;
    }
    attention_rows(m, kr, layer, s, n);
}

static void add_rows(float *x, const float *y, size_t n)
{
#pragma omp parallel for schedule(static) if (n > 65536)
    for (size_t i = 0; i < n; i++)
        x[i] += y[i];
}

static void deepstack_add(const zc_model *m, const zc_deepstack *ds, int layer, float *x, int n)
{
    if (!ds || layer >= ds->n_layers || !ds->mask)
        return;
    int H = m->cfg.hidden, r = 0;
    for (int i = 0; i < n; i++)
        if (ds->mask[i]) {
            const float *f = ds->feats[layer] + (size_t)r++ * H;
            for (int j = 0; j < H; j++)
                x[(size_t)i * H + j] += f[j];
        }
}

static void layer_forward(const zc_model *m, const kv_rows *kr, int l, scratch *s, int n)
{
    const zc_text_config *c = &m->cfg;
    const zc_layer *L = &m->layers[l];
    size_t H = (size_t)c->hidden;
    rmsnorm_rows(s->xn, s->x, L->attn_norm, n, c->hidden, c->eps);
    const zc_mat *qkv[3] = {&L->q, &L->k, &L->v}, *gu[2] = {&L->gate, &L->up};
    float *qkv_out[3] = {s->q, s->k, s->v}, *gu_out[2] = {s->gate, s->up};
    zc_matmul_multi(qkv, 3, s->xn, n, qkv_out);
    qk_norm_rope(m, L, kr, l, s, n);
    attention(m, kr, l, s, n);
    zc_matmul(&L->o, s->att, n, s->xn);
    add_rows(s->x, s->xn, (size_t)n * H);
    rmsnorm_rows(s->xn, s->x, L->ffn_norm, n, c->hidden, c->eps);
    zc_matmul_multi(gu, 2, s->xn, n, gu_out);
    zc_vec_silu_mul(s->gate, s->up, (size_t)n * c->inter);
    zc_matmul(&L->down, s->gate, n, s->xn);
    add_rows(s->x, s->xn, (size_t)n * H);
}

/* zc_model_forward with the residual rows in x (n rows of embeddings in, overwritten) when x_given,
 * else in a copy of embeds. */
static int forward(const zc_model *m, zc_kv *kv, const float *embeds, float *x, const int32_t *pos, int n,
                   const zc_deepstack *ds, zc_logits_mode mode, float *logits)
{
    if (n <= 0 || kv->len + n > kv->max_tokens)
        return -1;
    const zc_text_config *c = &m->cfg;
    scratch s = {.x = x, .x_given = x != NULL};
    if (scratch_alloc(&s, c, n)) {
        scratch_free(&s);
        return -1;
    }
    int half = c->head_dim / 2;
    if (!x)
        memcpy(s.x, embeds, (size_t)n * c->hidden * 4);
    for (int i = 0; i < n; i++)
        zc_rope_angles(m, pos + 3 * i, s.cosv + (size_t)i * half, s.sinv + (size_t)i * half);
    kv_rows kr = {&kv, 0};
    for (int l = 0; l < c->n_layers; l++) {
        layer_forward(m, &kr, l, &s, n);
        deepstack_add(m, ds, l, s.x, n);
    }
    kv->len += n;
    if (mode == ZC_LOGITS_LAST) {
        rmsnorm(s.xn, s.x + (size_t)(n - 1) * c->hidden, m->final_norm, c->hidden, c->eps);
        zc_matvec(&m->lm_head, s.xn, logits);
    } else if (mode == ZC_LOGITS_ALL) {
        rmsnorm_rows(s.xn, s.x, m->final_norm, n, c->hidden, c->eps);
        zc_matmul(&m->lm_head, s.xn, n, logits);
    }
    scratch_free(&s);
    return 0;
}

int zc_model_forward(const zc_model *m, zc_kv *kv, const float *embeds, const int32_t *pos, int n,
                     const zc_deepstack *ds, zc_logits_mode mode, float *logits)
{
    return forward(m, kv, embeds, NULL, pos, n, ds, mode, logits);
}

int zc_model_forward_rows(const zc_model *m, zc_kv *kv, float *x, const int32_t *pos, int n, const zc_deepstack *ds,
                          zc_logits_mode mode, float *logits)
{
    return forward(m, kv, NULL, x, pos, n, ds, mode, logits);
}

/* One decode step of B sequences (decoder_batch in model.h): the same layers with row i's k/v
 * appended to kvs[i] and attending over kvs[i] only; the products run once over the B rows. */
int zc_model_forward_batch(const zc_model *m, zc_kv *const *kvs, const float *embeds, const int32_t *pos, int B,
                           float *logits)
{
    if (B <= 0)
        return -1;
    for (int i = 0; i < B; i++)
        if (kvs[i]->len + 1 > kvs[i]->max_tokens)
            return -1;
    const zc_text_config *c = &m->cfg;
    scratch s = {0};
    if (scratch_alloc(&s, c, B)) {
        scratch_free(&s);
        return -1;
    }
    int half = c->head_dim / 2;
    memcpy(s.x, embeds, (size_t)B * c->hidden * 4);
    for (int i = 0; i < B; i++)
        zc_rope_angles(m, pos + 3 * i, s.cosv + (size_t)i * half, s.sinv + (size_t)i * half);
    kv_rows kr = {kvs, 1};
    for (int l = 0; l < c->n_layers; l++)
        layer_forward(m, &kr, l, &s, B);
    for (int i = 0; i < B; i++)
        kvs[i]->len++;
    rmsnorm_rows(s.xn, s.x, m->final_norm, B, c->hidden, c->eps);
    zc_matmul(&m->lm_head, s.xn, B, logits);
    scratch_free(&s);
    return 0;
}

int zc_model_forward_tokens(const zc_model *m, zc_kv *kv, const int32_t *tokens, int n, int pos_delta,
                            zc_logits_mode mode, float *logits)
{
    if (n <= 0 || kv->len + n > kv->max_tokens)
        return -1;
    int chunk = n < PREFILL_CHUNK ? n : PREFILL_CHUNK;
    float *emb = malloc((size_t)chunk * m->cfg.hidden * 4);
    int32_t *pos = malloc((size_t)chunk * 3 * sizeof(int32_t));
    int rc = emb && pos ? 0 : -1;
    for (int done = 0; !rc && done < n; done += chunk) {
        int k = n - done < chunk ? n - done : chunk;
        for (int i = 0; i < k; i++)
            pos[3 * i] = pos[3 * i + 1] = pos[3 * i + 2] = kv->len + i + pos_delta;
        zc_logits_mode md = mode == ZC_LOGITS_ALL ? ZC_LOGITS_ALL : done + k == n ? mode : ZC_LOGITS_NONE;
        float *out = mode == ZC_LOGITS_ALL ? logits + (size_t)done * m->cfg.vocab : logits;
        rc = zc_model_embed(m, tokens + done, k, emb) ||
             zc_model_forward_rows(m, kv, emb, pos, k, NULL, md, out) ? -1 : 0;
    }
    free(emb);
    free(pos);
    return rc;
}

void zc_model_set_threads(int n)
{
    if (n > 0)
        omp_set_num_threads(n);
}

const char *zc_model_simd_name(void)
{
    return zc_kernels_simd();
}
