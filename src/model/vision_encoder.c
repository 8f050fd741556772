/* vision_encoder.c: the Qwen3-VL vision tower (transformers' Qwen3VLVisionModel) in fp32 on a
 * batch of images: patch embedding (Conv3d with kernel = stride = one matmul), learned position
 * embeddings interpolated bilinearly from the square table (fast_pos_embed_interpolate), 2D rotary
 * embedding from each patch's (row, col), pre-norm blocks with full attention within each image
 * frame, DeepStack mergers after the configured blocks and the final merger. */
#include "vision_state.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LN_EPS 1e-6f

/* torch.linspace(0, end, steps) in fp32: the first half counts up from 0, the rest down from end. */
static float linspace_at(int i, int steps, float end)
{
    if (steps == 1)
        return 0.0f;
    float step = end / (float)(steps - 1);
    return i < steps / 2 ? step * (float)i : end - step * (float)(steps - 1 - i);
}

/* Interpolated position embedding of patch (r, c) of a gh x gw grid into out[hidden]. */
static void pos_embed_at(const zc_vision *v, int r, int c, int gh, int gw, float *out)
{
    int side = (int)lround(sqrt((double)v->cfg.num_pos)), H = v->cfg.hidden;
    float hi = linspace_at(r, gh, (float)(side - 1)), wi = linspace_at(c, gw, (float)(side - 1));
    int hf = (int)hi, wf = (int)wi, hc = hf + 1 < side ? hf + 1 : side - 1, wc = wf + 1 < side ? wf + 1 : side - 1;
    float dh = hi - (float)hf, dw = wi - (float)wf;
    float wt[4] = {(1 - dh) * (1 - dw), (1 - dh) * dw, dh * (1 - dw), dh * dw};
    const float *t[4] = {v->pos_embed + (size_t)(hf * side + wf) * H, v->pos_embed + (size_t)(hf * side + wc) * H,
                         v->pos_embed + (size_t)(hc * side + wf) * H, v->pos_embed + (size_t)(hc * side + wc) * H};
    for (int j = 0; j < H; j++)
        out[j] = t[0][j] * wt[0] + t[1][j] * wt[1] + t[2][j] * wt[2] + t[3][j] * wt[3];
}

/* (row, col) of the i-th patch row of an image in merge-block order. */
static void patch_rc(int i, int gh, int gw, int m, int *r, int *c)
{
    int per_frame = gh * gw, j = i % per_frame, blk = j / (m * m), in = j % (m * m);
    (void)gh;
    *r = (blk / (gw / m)) * m + in / m;
    *c = (blk % (gw / m)) * m + in % m;
}

/* Adds position embeddings and fills rotary cos/sin [N][hd/2] for every patch row. */
static void positions(const zc_vision *v, const zc_image_patches *imgs, int nimg, float *x, float *cosv,
                      float *sinv)
{
    const zc_vision_config *k = &v->cfg;
    int hd = k->hidden / k->heads, half = hd / 2, q = hd / 4, base = 0;
    float inv[64];
    for (int j = 0; j < q && j < 64; j++) {
        float e = (float)(2 * j) / (float)half;
        inv[j] = 1.0f / (float)pow(10000.0, (double)e);
    }
    for (int g = 0; g < nimg; g++) {
        const zc_image_patches *im = &imgs[g];
        int n = im->grid_t * im->grid_h * im->grid_w;
#pragma omp parallel
        {
            float *pe = malloc((size_t)k->hidden * sizeof(float));
#pragma omp for schedule(static)
            for (int i = 0; i < n; i++) {
                int r, c;
                patch_rc(i, im->grid_h, im->grid_w, k->merge, &r, &c);
                float *xi = x + (size_t)(base + i) * k->hidden;
                if (pe) {
                    pos_embed_at(v, r, c, im->grid_h, im->grid_w, pe);
                    for (int j = 0; j < k->hidden; j++)
                        xi[j] += pe[j];
                }
                float *cs = cosv + (size_t)(base + i) * half, *sn = sinv + (size_t)(base + i) * half;
                for (int j = 0; j < q; j++) {
                    float ar = (float)r * inv[j], ac = (float)c * inv[j];
                    cs[j] = (float)cos((double)ar), sn[j] = (float)sin((double)ar);
                    cs[q + j] = (float)cos((double)ac), sn[q + j] = (float)sin((double)ac);
                }
            }
            free(pe);
        }
        base += n;
    }
}

typedef struct {
    float *x, *xn, *qkv, *att, *tmp, *mlp, *cosv, *sinv, *mg, *mg2;
} vscratch;

static void vscratch_free(vscratch *s)
{
    float **p[] = {&s->x, &s->xn, &s->qkv, &s->att, &s->tmp, &s->mlp, &s->cosv, &s->sinv, &s->mg, &s->mg2};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        free(*p[i]);
}

static int vscratch_alloc(vscratch *s, const zc_vision_config *k, size_t N)
{
    size_t H = (size_t)k->hidden, hd = H / (size_t)k->heads, wide = H * (size_t)(k->merge * k->merge);
    size_t nm = N / (size_t)(k->merge * k->merge);
    s->x = malloc(N * H * 4);
    s->xn = malloc(N * H * 4);
    s->qkv = malloc(N * 3 * H * 4);
    s->att = malloc(N * H * 4);
    s->tmp = malloc(N * H * 4);
    s->mlp = malloc(N * (size_t)k->inter * 4);
    s->cosv = malloc(N * hd / 2 * 4);
    s->sinv = malloc(N * hd / 2 * 4);
    s->mg = malloc(nm * wide * 4);
    s->mg2 = malloc(nm * wide * 4);
    return s->x && s->xn && s->qkv && s->att && s->tmp && s->mlp && s->cosv && s->sinv && s->mg && s->mg2 ? 0 : -1;
}

static int attention_all(const zc_vision *v, const zc_vblock *b, const zc_image_patches *imgs, int nimg,
                         vscratch *s)
{
    const zc_vision_config *k = &v->cfg;
    int hd = k->hidden / k->heads, base = 0;
    for (int g = 0; g < nimg; g++) {
        int per = imgs[g].grid_h * imgs[g].grid_w;
        for (int t = 0; t < imgs[g].grid_t; t++, base += per) {
            size_t o = (size_t)base;
            if (zc_vision_attention(s->qkv + o * 3 * k->hidden, b->qkv.b, per, k->heads, hd, s->cosv + o * (hd / 2),
                                    s->sinv + o * (hd / 2), s->att + o * k->hidden))
                return -1;
        }
    }
    return 0;
}

static int block_forward(const zc_vision *v, const zc_vblock *b, const zc_image_patches *imgs, int nimg, int N,
                         vscratch *s)
{
    const zc_vision_config *k = &v->cfg;
    zc_layernorm_rows(s->xn, s->x, &b->norm1, N, k->hidden, LN_EPS);
    zc_vlinear_nobias(&b->qkv, s->xn, N, s->qkv);
    if (attention_all(v, b, imgs, nimg, s))
        return -1;
    zc_vlinear_nobias(&b->proj, s->att, N, s->tmp);
    zc_add_bias_rows(s->x, s->tmp, b->proj.b, N, k->hidden);
    zc_layernorm_rows(s->xn, s->x, &b->norm2, N, k->hidden, LN_EPS);
    zc_vlinear_nobias(&b->fc1, s->xn, N, s->mlp);
    if (k->act_tanh)
        zc_bias_gelu_tanh(s->mlp, b->fc1.b, N, k->inter);
    else
        zc_bias_gelu_erf(s->mlp, b->fc1.b, N, k->inter);
    zc_vlinear_nobias(&b->fc2, s->mlp, N, s->tmp);
    zc_add_bias_rows(s->x, s->tmp, b->fc2.b, N, k->hidden);
    return 0;
}

/* Merger: (norm per patch | norm per group of merge^2 patches), fc1, exact GELU, fc2 -> out. */
static void merger_forward(const zc_vision *v, const zc_vmerger *mg, int N, vscratch *s, float *out)
{
    const zc_vision_config *k = &v->cfg;
    int m2 = k->merge * k->merge, nm = N / m2, wide = k->hidden * m2;
    if (mg->postshuffle)
        zc_layernorm_rows(s->mg, s->x, &mg->norm, nm, wide, LN_EPS);
    else
        zc_layernorm_rows(s->mg, s->x, &mg->norm, N, k->hidden, LN_EPS); /* rows of N x hidden == nm x wide */
    zc_vlinear_nobias(&mg->fc1, s->mg, nm, s->mg2);
    zc_bias_gelu_erf(s->mg2, mg->fc1.b, nm, wide);
    zc_vlinear_apply(&mg->fc2, s->mg2, nm, out);
}

static int check_images(const zc_vision *v, const zc_image_patches *imgs, int nimg, int *N, char *err,
                        size_t errlen)
{
    const zc_vision_config *k = &v->cfg;
    int row = k->in_channels * k->temporal * k->patch * k->patch;
    *N = 0;
    for (int g = 0; g < nimg; g++) {
        const zc_image_patches *im = &imgs[g];
        if (im->row != row || im->grid_h % k->merge || im->grid_w % k->merge || im->grid_t < 1) {
            snprintf(err, errlen, "image %d: patches of %d values in a %dx%d grid do not fit the vision encoder", g,
                     im->row, im->grid_h, im->grid_w);
            return -1;
        }
        *N += im->grid_t * im->grid_h * im->grid_w;
    }
    return 0;
}

static int encode(const zc_vision *v, const zc_image_patches *imgs, int nimg, int N, float *embeds,
                  float **deepstack, vscratch *s)
{
    const zc_vision_config *k = &v->cfg;
    int row = imgs[0].row, base = 0;
    float *px = malloc((size_t)N * row * sizeof(float));
    if (!px)
        return -1;
    for (int g = 0; g < nimg; g++) {
        size_t n = (size_t)imgs[g].grid_t * imgs[g].grid_h * imgs[g].grid_w;
        memcpy(px + (size_t)base * row, imgs[g].pixels, n * row * sizeof(float));
        base += (int)n;
    }
    zc_vlinear_apply(&v->patch, px, N, s->x);
    free(px);
    positions(v, imgs, nimg, s->x, s->cosv, s->sinv);
    for (int l = 0; l < k->depth; l++) {
        if (block_forward(v, &v->blocks[l], imgs, nimg, N, s))
            return -1;
        for (int d = 0; d < k->n_deepstack; d++)
            if (k->deepstack[d] == l && deepstack && deepstack[d])
                merger_forward(v, &v->deepstack[d], N, s, deepstack[d]);
    }
    merger_forward(v, &v->merger, N, s, embeds);
    return 0;
}

int zc_vision_encode(const zc_vision *v, const zc_image_patches *imgs, int nimg, float *embeds, float **deepstack,
                     char *err, size_t errlen)
{
    int N;
    if (nimg <= 0 || check_images(v, imgs, nimg, &N, err, errlen))
        return nimg <= 0 ? (snprintf(err, errlen, "no images"), -1) : -1;
    vscratch s = {0};
    int rc = vscratch_alloc(&s, &v->cfg, (size_t)N) ? -1 : encode(v, imgs, nimg, N, embeds, deepstack, &s);
    if (rc)
        snprintf(err, errlen, "out of memory encoding %d image patches", N);
    vscratch_free(&s);
    return rc;
}
