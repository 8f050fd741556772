/* vision_load.c: builds a zc_vision from a checkpoint folder: vision_config, the image processor
 * settings, and the model.visual.* tensors (checked for presence, dtype and shape against the
 * config; bf16/f32 matrices used in place from the mapping, f16 converted; vectors copied to fp32). */
#include "vision_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VPFX "model.visual."

typedef struct {
    zc_vision *v;
    char *err;
    size_t errlen;
} vload;

static const zc_st_tensor *need(vload *c, const char *suffix, int ndim, const int64_t *shape)
{
    char name[256];
    snprintf(name, sizeof name, VPFX "%s", suffix);
    const zc_st_tensor *t = zc_st_find(&c->v->st, name);
    if (!t) {
        snprintf(c->err, c->errlen, "%s: missing tensor '%s'", c->v->st.n_files ? c->v->st.files[0].path : "?",
                 name);
        return NULL;
    }
    int ok = t->dtype != ZC_DT_OTHER && t->ndim == ndim;
    for (int i = 0; ok && i < ndim; i++)
        ok = t->shape[i] == shape[i];
    if (!ok) {
        char want[128] = "", *p = want;
        for (int i = 0; i < ndim; i++)
            p += snprintf(p, 20, i ? ",%lld" : "%lld", (long long)shape[i]);
        snprintf(c->err, c->errlen, "%s: tensor '%s' must be BF16/F16/F32 of shape [%s] (config.json)",
                 zc_st_file_of(&c->v->st, t), name, want);
        return NULL;
    }
    return t;
}

static float value_at(const zc_st_tensor *t, size_t i)
{
    const uint8_t *p = t->data;
    uint16_t h;
    float f;
    if (t->dtype == ZC_DT_F32) {
        memcpy(&f, p + 4 * i, 4);
        return f;
    }
    memcpy(&h, p + 2 * i, 2);
    return t->dtype == ZC_DT_BF16 ? zc_bf16_to_f32(h) : zc_f16_to_f32(h);
}

static float *copy_f32(const zc_st_tensor *t, size_t n)
{
    float *v = malloc(n * sizeof(float));
    for (size_t i = 0; v && i < n; i++)
        v[i] = value_at(t, i);
    return v;
}

static float *load_vec(vload *c, const char *suffix, int n)
{
    int64_t shape[1] = {n};
    const zc_st_tensor *t = need(c, suffix, 1, shape);
    return t ? copy_f32(t, (size_t)n) : NULL;
}

/* Matrix [rows][cols] from a tensor of the given shape (its trailing dims flattened). */
static int wrap(const zc_st_tensor *t, int rows, int cols, zc_mat *w)
{
    memset(w, 0, sizeof *w);
    w->rows = rows;
    w->cols = cols;
    uintptr_t a = (uintptr_t)t->data;
    if ((t->dtype == ZC_DT_BF16 && a % 2 == 0) || (t->dtype == ZC_DT_F32 && a % 4 == 0)) {
        w->kind = t->dtype == ZC_DT_BF16 ? ZC_W_BF16 : ZC_W_F32;
        w->data = t->data;
        return 0;
    }
    float *f = copy_f32(t, (size_t)rows * cols);
    w->kind = ZC_W_F32;
    w->data = w->owned = f;
    return f ? 0 : -1;
}

static int load_linear(vload *c, const char *name, int rows, int cols, zc_vlinear *l)
{
    char s[200];
    int64_t shape[2] = {rows, cols};
    snprintf(s, sizeof s, "%s.weight", name);
    const zc_st_tensor *t = need(c, s, 2, shape);
    if (!t || wrap(t, rows, cols, &l->w))
        return -1;
    snprintf(s, sizeof s, "%s.bias", name);
    return (l->b = load_vec(c, s, rows)) ? 0 : -1;
}

static int load_norm(vload *c, const char *name, int n, zc_vnorm *nrm)
{
    char s[200];
    snprintf(s, sizeof s, "%s.weight", name);
    if (!(nrm->w = load_vec(c, s, n)))
        return -1;
    snprintf(s, sizeof s, "%s.bias", name);
    return (nrm->b = load_vec(c, s, n)) ? 0 : -1;
}

static int load_block(vload *c, int i, zc_vblock *b)
{
    const zc_vision_config *k = &c->v->cfg;
    char p[64], s[128];
    snprintf(p, sizeof p, "blocks.%d.", i);
#define N(x) (snprintf(s, sizeof s, "%s%s", p, x), s)
    return load_norm(c, N("norm1"), k->hidden, &b->norm1) || load_norm(c, N("norm2"), k->hidden, &b->norm2) ||
                   load_linear(c, N("attn.qkv"), 3 * k->hidden, k->hidden, &b->qkv) ||
                   load_linear(c, N("attn.proj"), k->hidden, k->hidden, &b->proj) ||
                   load_linear(c, N("mlp.linear_fc1"), k->inter, k->hidden, &b->fc1) ||
                   load_linear(c, N("mlp.linear_fc2"), k->hidden, k->inter, &b->fc2)
               ? -1 : 0;
#undef N
}

static int load_merger(vload *c, const char *name, int postshuffle, zc_vmerger *mg)
{
    const zc_vision_config *k = &c->v->cfg;
    int wide = k->hidden * k->merge * k->merge;
    char s[128];
    mg->postshuffle = postshuffle;
    snprintf(s, sizeof s, "%s.norm", name);
    if (load_norm(c, s, postshuffle ? wide : k->hidden, &mg->norm))
        return -1;
    snprintf(s, sizeof s, "%s.linear_fc1", name);
    if (load_linear(c, s, wide, wide, &mg->fc1))
        return -1;
    snprintf(s, sizeof s, "%s.linear_fc2", name);
    return load_linear(c, s, k->out_hidden, wide, &mg->fc2);
}

static int load_embeddings(vload *c)
{
    const zc_vision_config *k = &c->v->cfg;
    int64_t pshape[5] = {k->hidden, k->in_channels, k->temporal, k->patch, k->patch};
    const zc_st_tensor *t = need(c, "patch_embed.proj.weight", 5, pshape);
    if (!t || wrap(t, k->hidden, k->in_channels * k->temporal * k->patch * k->patch, &c->v->patch.w) ||
        !(c->v->patch.b = load_vec(c, "patch_embed.proj.bias", k->hidden)))
        return -1;
    int64_t eshape[2] = {k->num_pos, k->hidden};
    const zc_st_tensor *e = need(c, "pos_embed.weight", 2, eshape);
    return e && (c->v->pos_embed = copy_f32(e, (size_t)k->num_pos * k->hidden)) ? 0 : -1;
}

static int check_proc(vload *c, const char *dir)
{
    const zc_vision_config *k = &c->v->cfg;
    const zc_image_proc *p = &c->v->proc;
    if (p->patch == k->patch && p->temporal == k->temporal && p->merge == k->merge)
        return 0;
    snprintf(c->err, c->errlen, "%s/preprocessor_config.json: patch/temporal/merge sizes %d/%d/%d differ from "
             "config.json's vision_config (%d/%d/%d)", dir, p->patch, p->temporal, p->merge, k->patch, k->temporal,
             k->merge);
    return -1;
}

static int load_all(vload *c, const char *dir)
{
    zc_vision *v = c->v;
    if (zc_vision_config_load(dir, &v->cfg, c->err, c->errlen) ||
        zc_image_proc_load(dir, &v->proc, c->err, c->errlen) || check_proc(c, dir) ||
        zc_st_open_dir(&v->st, dir, c->err, c->errlen) || load_embeddings(c))
        return -1;
    if (!(v->blocks = calloc((size_t)v->cfg.depth, sizeof *v->blocks)))
        return -1;
    for (int i = 0; i < v->cfg.depth; i++)
        if (load_block(c, i, &v->blocks[i]))
            return -1;
    if (load_merger(c, "merger", 0, &v->merger))
        return -1;
    for (int i = 0; i < v->cfg.n_deepstack; i++) {
        char s[64];
        snprintf(s, sizeof s, "deepstack_merger_list.%d", i);
        if (load_merger(c, s, 1, &v->deepstack[i]))
            return -1;
    }
    return 0;
}

zc_vision *zc_vision_load(const char *dir, char *err, size_t errlen)
{
    zc_kernels_init();
    zc_vision *v = calloc(1, sizeof *v);
    if (!v) {
        snprintf(err, errlen, "%s: out of memory", dir);
        return NULL;
    }
    vload c = {v, err, errlen};
    err[0] = 0;
    if (load_all(&c, dir)) {
        if (!err[0])
            snprintf(err, errlen, "%s: out of memory loading the vision encoder", dir);
        zc_vision_free(v);
        return NULL;
    }
    return v;
}

static void free_linear(zc_vlinear *l)
{
    zc_mat_free(&l->w);
    free(l->b);
}

static void free_norm(zc_vnorm *n)
{
    free(n->w);
    free(n->b);
}

static void free_merger(zc_vmerger *m)
{
    free_norm(&m->norm);
    free_linear(&m->fc1);
    free_linear(&m->fc2);
}

void zc_vision_free(zc_vision *v)
{
    if (!v)
        return;
    for (int i = 0; v->blocks && i < v->cfg.depth; i++) {
        zc_vblock *b = &v->blocks[i];
        free_norm(&b->norm1);
        free_norm(&b->norm2);
        free_linear(&b->qkv);
        free_linear(&b->proj);
        free_linear(&b->fc1);
        free_linear(&b->fc2);
    }
    free(v->blocks);
    free_merger(&v->merger);
    for (int i = 0; i < ZC_VISION_MAX_DEEPSTACK; i++)
        free_merger(&v->deepstack[i]);
    free_linear(&v->patch);
    free(v->pos_embed);
    zc_st_close(&v->st);
    free(v);
}

const zc_vision_config *zc_vision_get_config(const zc_vision *v)
{
    return &v->cfg;
}

const zc_image_proc *zc_vision_image_proc(const zc_vision *v)
{
    return &v->proc;
}
