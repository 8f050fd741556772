/* loader.c: builds a zc_model from a checkpoint folder: reads the configs, maps the safetensors,
 * checks every tensor's presence, dtype and shape against config.json, reads bf16/f32 matrices as
 * stored into weight memory (f16 converted to f32; zc_weights_alloc: huge pages), or quantizes them
 * from the mapping (--quant q8: int8; --quant q4: 4-bit layer matrices and an int8 lm_head) and
 * drops the mapped pages. Uses embed_tokens as lm_head when lm_head.weight is absent. */
#include "config.h"
#include "model_state.h"
#include "quant.h"
#include "simd_dot.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PFX "model.language_model."

typedef struct {
    zc_model *m;
    zc_quant quant;
    char *err;
    size_t errlen;
} load_ctx;

/* Finds a tensor under the Qwen3-VL name, or the plain Qwen3 name (without "language_model."). */
static const zc_st_tensor *find_tensor(const zc_model *m, const char *suffix)
{
    char name[256];
    snprintf(name, sizeof name, PFX "%s", suffix);
    const zc_st_tensor *t = zc_st_find(&m->st, name);
    if (!t) {
        snprintf(name, sizeof name, "model.%s", suffix);
        t = zc_st_find(&m->st, name);
    }
    return t;
}

static int check_shape(load_ctx *c, const zc_st_tensor *t, int ndim, int64_t d0, int64_t d1)
{
    const char *file = zc_st_file_of(&c->m->st, t);
    if (t->dtype == ZC_DT_OTHER) {
        snprintf(c->err, c->errlen, "%s: tensor '%s' has an unsupported dtype (need BF16, F16 or F32)", file, t->name);
        return -1;
    }
    int ok = t->ndim == ndim && t->shape[0] == d0 && (ndim == 1 || t->shape[1] == d1);
    if (!ok) {
        char got[128] = "", *p = got;
        for (int i = 0; i < t->ndim && p < got + 100; i++)
            p += snprintf(p, 16, i ? ",%lld" : "%lld", (long long)t->shape[i]);
        if (ndim == 1)
            snprintf(c->err, c->errlen, "%s: tensor '%s' has shape [%s], config.json needs [%lld]", file, t->name, got,
                     (long long)d0);
        else
            snprintf(c->err, c->errlen, "%s: tensor '%s' has shape [%s], config.json needs [%lld,%lld]", file, t->name,
                     got, (long long)d0, (long long)d1);
        return -1;
    }
    return 0;
}

static const zc_st_tensor *need(load_ctx *c, const char *suffix)
{
    const zc_st_tensor *t = find_tensor(c->m, suffix);
    if (!t)
        snprintf(c->err, c->errlen, "%s: missing tensor '" PFX "%s'", c->m->errfile, suffix);
    return t;
}

/* out[n] = the n values at p (F32, BF16 or F16) as fp32. */
static void widen(const uint8_t *p, zc_dtype dt, size_t n, float *out)
{
    for (size_t i = 0; i < n; i++) {
        uint16_t h;
        if (dt == ZC_DT_F32)
            memcpy(&out[i], p + 4 * i, 4);
        else {
            memcpy(&h, p + 2 * i, 2);
            out[i] = dt == ZC_DT_BF16 ? zc_bf16_to_f32(h) : zc_f16_to_f32(h);
        }
    }
}

/* fp32 copy of a 1-D tensor of length n, read with pread: a read through the mapping would map the
 * pages around it too (the kernel's fault-around), pages of the neighbouring matrices that are
 * never released. */
static float *load_vec(load_ctx *c, const char *suffix, int n)
{
    const zc_st_tensor *t = need(c, suffix);
    if (!t || check_shape(c, t, 1, n, 0))
        return NULL;
    float *v = malloc((size_t)n * sizeof(float));
    uint8_t *p = malloc(t->nbytes ? t->nbytes : 1);
    if (!v || !p || zc_st_read(&c->m->st, t, 0, p, t->nbytes)) {
        snprintf(c->err, c->errlen, v && p ? "%s: tensor '%s': read error" : "%s: out of memory",
                 zc_st_file_of(&c->m->st, t), t->name);
        free(v);
        free(p);
        return NULL;
    }
    widen(p, t->dtype, (size_t)n, v);
    free(p);
    return v;
}

/* Wraps a mapped tensor as a matrix: bf16/f32 in place when aligned, else an fp32 copy. */
static int wrap_tensor(const zc_st_tensor *t, int rows, int cols, zc_mat *w)
{
    memset(w, 0, sizeof *w);
    w->rows = rows;
    w->cols = cols;
    size_t n = (size_t)rows * (size_t)cols;
    uintptr_t addr = (uintptr_t)t->data;
    if (t->dtype == ZC_DT_BF16 && addr % 2 == 0) {
        w->kind = ZC_W_BF16;
        w->data = t->data;
        return 0;
    }
    if (t->dtype == ZC_DT_F32 && addr % 4 == 0) {
        w->kind = ZC_W_F32;
        w->data = t->data;
        return 0;
    }
    float *f = zc_weights_alloc(n * sizeof(float));
    if (!f)
        return -1;
    widen(t->data, t->dtype, n, f);
    w->kind = ZC_W_F32;
    w->data = w->owned = f;
    return 0;
}

int zc_quant_parse(const char *s, zc_quant *q)
{
    if (!s)
        return -1;
    if (!strcmp(s, "none"))
        *q = ZC_QUANT_NONE;
    else if (!strcmp(s, "q8"))
        *q = ZC_QUANT_Q8;
    else if (!strcmp(s, "q4"))
        *q = ZC_QUANT_Q4;
    else
        return -1;
    return 0;
}

const char *zc_quant_label(zc_quant q)
{
    return q == ZC_QUANT_Q4 ? "q4" : q == ZC_QUANT_Q8 ? "q8" : "as stored";
}

/* q8 and q4 matrices take the panel layout (quant_panel.c) where the SIMD level has its product
 * (AVX-512 VNNI), unless ZC_PANELS=0 (the row layouts everywhere, to compare). */
static int want_panels(void)
{
    const char *e = getenv("ZC_PANELS");
    return zc_simd()->fused_q4 && !(e && !strcmp(e, "0"));
}

/* q (new) = src quantized to q8, or q4 when q4 is set, in panels when they are wanted. */
static int quantize(const zc_mat *src, int q4, zc_mat *q)
{
    if (want_panels())
        return zc_mat_quantize_panels(src, q4 ? ZC_W_Q4P : ZC_W_Q8P, q);
    return q4 ? zc_mat_quantize_q4(src, q) : zc_mat_quantize_q8(src, q);
}

/* The error of a quantization of tensor t that failed. */
static void quantize_error(load_ctx *c, const zc_st_tensor *t, int cols, const char *quant)
{
    if (cols % ZC_Q8_BLOCK)
        snprintf(c->err, c->errlen, "%s: tensor '%s': --quant %s needs widths that are multiples of %d",
                 zc_st_file_of(&c->m->st, t), t->name, quant, ZC_Q8_BLOCK);
    else
        snprintf(c->err, c->errlen, "%s: out of memory", zc_st_file_of(&c->m->st, t));
}

/* Quantizes w (the matrix of tensor t) to q8, or to q4 when q4 is set, and releases t's pages. */
static int quantize_in_place(load_ctx *c, const zc_st_tensor *t, zc_mat *w, int q4)
{
    zc_mat q;
    if (quantize(w, q4, &q)) {
        quantize_error(c, t, w->cols, q4 ? "q4" : "q8");
        return -1;
    }
    zc_mat_free(w);
    *w = q;
    zc_st_release(&c->m->st, t);
    return 0;
}

/* Moves matrix w of tensor t, when it is still the mapped tensor (bf16/f32 as stored), into weight
 * memory (huge pages: the mapping's page-cache pages are 4 KB, and decoding streams every matrix
 * once per token), read with pread so that no page of the mapping is touched, and releases t's
 * pages. An f16 tensor, already widened into weight memory, stays. */
static int own_tensor(load_ctx *c, const zc_st_tensor *t, zc_mat *w)
{
    if (w->owned)
        return 0;
    void *d = zc_weights_alloc(t->nbytes);
    if (!d) {
        snprintf(c->err, c->errlen, "%s: out of memory", zc_st_file_of(&c->m->st, t));
        return -1;
    }
    if (zc_st_read(&c->m->st, t, 0, d, t->nbytes)) {
        free(d);
        snprintf(c->err, c->errlen, "%s: tensor '%s': read error", zc_st_file_of(&c->m->st, t), t->name);
        return -1;
    }
    w->data = w->owned = d;
    zc_st_release(&c->m->st, t);
    return 0;
}

static int load_mat(load_ctx *c, const char *suffix, int rows, int cols, zc_mat *w)
{
    const zc_st_tensor *t = need(c, suffix);
    if (!t || check_shape(c, t, 2, rows, cols))
        return -1;
    if (wrap_tensor(t, rows, cols, w)) {
        snprintf(c->err, c->errlen, "%s: out of memory", zc_st_file_of(&c->m->st, t));
        return -1;
    }
    return c->quant != ZC_QUANT_NONE ? quantize_in_place(c, t, w, c->quant == ZC_QUANT_Q4) : own_tensor(c, t, w);
}

static int load_layer(load_ctx *c, int l, zc_layer *L)
{
    const zc_text_config *k = &c->m->cfg;
    char s[160];
    int qd = k->n_heads * k->head_dim, kvd = k->n_kv_heads * k->head_dim;
#define N(x) (snprintf(s, sizeof s, "layers.%d.%s", l, x), s)
    if (!(L->attn_norm = load_vec(c, N("input_layernorm.weight"), k->hidden)) ||
        !(L->ffn_norm = load_vec(c, N("post_attention_layernorm.weight"), k->hidden)) ||
        !(L->q_norm = load_vec(c, N("self_attn.q_norm.weight"), k->head_dim)) ||
        !(L->k_norm = load_vec(c, N("self_attn.k_norm.weight"), k->head_dim)))
        return -1;
    if (load_mat(c, N("self_attn.q_proj.weight"), qd, k->hidden, &L->q) ||
        load_mat(c, N("self_attn.k_proj.weight"), kvd, k->hidden, &L->k) ||
        load_mat(c, N("self_attn.v_proj.weight"), kvd, k->hidden, &L->v) ||
        load_mat(c, N("self_attn.o_proj.weight"), k->hidden, qd, &L->o) ||
        load_mat(c, N("mlp.gate_proj.weight"), k->inter, k->hidden, &L->gate) ||
        load_mat(c, N("mlp.up_proj.weight"), k->inter, k->hidden, &L->up) ||
        load_mat(c, N("mlp.down_proj.weight"), k->hidden, k->inter, &L->down))
        return -1;
#undef N
    return 0;
}

static int load_heads(load_ctx *c)
{
    zc_model *m = c->m;
    const zc_st_tensor *e = need(c, "embed_tokens.weight");
    if (!e || check_shape(c, e, 2, m->cfg.vocab, m->cfg.hidden) ||
        wrap_tensor(e, m->cfg.vocab, m->cfg.hidden, &m->embed))
        return -1;
    m->embed_t = e;
    if (!(m->final_norm = load_vec(c, "norm.weight", m->cfg.hidden)))
        return -1;
    const zc_st_tensor *h = zc_st_find(&m->st, "lm_head.weight");
    m->tied = h == NULL;
    if (h) {
        if (check_shape(c, h, 2, m->cfg.vocab, m->cfg.hidden) ||
            wrap_tensor(h, m->cfg.vocab, m->cfg.hidden, &m->lm_head))
            return -1;
        return c->quant != ZC_QUANT_NONE ? quantize_in_place(c, h, &m->lm_head, 0) : own_tensor(c, h, &m->lm_head);
    }
    if (c->quant == ZC_QUANT_NONE) {
        /* tied: one copy in weight memory, which embedding lookups then read as well */
        if (own_tensor(c, e, &m->embed))
            return -1;
        m->lm_head = m->embed;
        m->lm_head.owned = NULL; /* shared with embed */
        return 0;
    }
    if (quantize(&m->embed, 0, &m->lm_head)) {
        quantize_error(c, e, m->cfg.hidden, c->quant == ZC_QUANT_Q4 ? "q4" : "q8");
        return -1;
    }
    zc_st_release(&m->st, e);
    return 0;
}

static void set_errfile(zc_model *m, const char *dir)
{
    char buf[4096];
    if (m->st.n_files == 1 && strstr(m->st.files[0].path, "model.safetensors") &&
        !strstr(m->st.files[0].path, "-of-"))
        snprintf(buf, sizeof buf, "%s", m->st.files[0].path);
    else
        snprintf(buf, sizeof buf, "%s/model.safetensors.index.json", dir);
    m->errfile = strdup(buf);
}

zc_model *zc_model_load(const char *dir, zc_quant quant, char *err, size_t errlen)
{
    zc_kernels_init();
    zc_model *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errlen, "%s: out of memory", dir);
        return NULL;
    }
    load_ctx c = {m, quant, err, errlen};
    if (zc_config_load(dir, &m->cfg, err, errlen) || zc_gen_config_load(dir, &m->gen, err, errlen) ||
        zc_st_open_dir(&m->st, dir, err, errlen)) {
        zc_model_free(m);
        return NULL;
    }
    set_errfile(m, dir);
    m->layers = calloc((size_t)m->cfg.n_layers, sizeof *m->layers);
    m->inv_freq = zc_rope_inv_freq(&m->cfg);
    int rc = !m->layers || !m->inv_freq ? -1 : load_heads(&c);
    for (int l = 0; !rc && l < m->cfg.n_layers; l++)
        rc = load_layer(&c, l, &m->layers[l]);
    if (rc) {
        zc_model_free(m);
        return NULL;
    }
    /* nothing reads through the mapping from here on (matrices live in weight memory, embedding
     * rows come by pread): drop the pages that reads of tensors left mapped around them */
    zc_st_release_all(&m->st);
    return m;
}

static void free_layer(zc_layer *L)
{
    free(L->attn_norm);
    free(L->ffn_norm);
    free(L->q_norm);
    free(L->k_norm);
    zc_mat *mats[] = {&L->q, &L->k, &L->v, &L->o, &L->gate, &L->up, &L->down};
    for (size_t i = 0; i < sizeof mats / sizeof mats[0]; i++)
        zc_mat_free(mats[i]);
}

void zc_model_free(zc_model *m)
{
    if (!m)
        return;
    for (int l = 0; m->layers && l < m->cfg.n_layers; l++)
        free_layer(&m->layers[l]);
    free(m->layers);
    if (m->lm_head.owned != m->embed.owned || m->lm_head.owned_scales)
        zc_mat_free(&m->lm_head);
    zc_mat_free(&m->embed);
    free(m->final_norm);
    free(m->inv_freq);
    free(m->errfile);
    zc_st_close(&m->st);
    free(m);
}

const zc_text_config *zc_model_config(const zc_model *m)
{
    return &m->cfg;
}

const zc_gen_config *zc_model_gen_config(const zc_model *m)
{
    return &m->gen;
}

size_t zc_model_weight_bytes(const zc_model *m)
{
    size_t b = zc_mat_bytes(&m->lm_head);
    for (int l = 0; l < m->cfg.n_layers; l++) {
        const zc_layer *L = &m->layers[l];
        b += zc_mat_bytes(&L->q) + zc_mat_bytes(&L->k) + zc_mat_bytes(&L->v) + zc_mat_bytes(&L->o) +
             zc_mat_bytes(&L->gate) + zc_mat_bytes(&L->up) + zc_mat_bytes(&L->down);
    }
    return b;
}
