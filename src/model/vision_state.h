/* vision_state.h: internal to zc_model. The loaded vision encoder (config, mapped weights) shared
 * by vision_load.c, vision_encoder.c and vision_ops.c. */
#ifndef ZC_MODEL_VISION_STATE_H
#define ZC_MODEL_VISION_STATE_H

#include "kernels.h"
#include "safetensors.h"
#include "vision.h"

typedef struct {
    float *w, *b; /* LayerNorm weight and bias */
} zc_vnorm;

typedef struct {
    zc_mat w;
    float *b;     /* bias [w.rows] */
} zc_vlinear;

typedef struct {
    zc_vnorm norm1, norm2;
    zc_vlinear qkv, proj, fc1, fc2;
} zc_vblock;

typedef struct {
    zc_vnorm norm;      /* over hidden (final merger) or hidden*merge^2 (DeepStack) */
    int postshuffle;    /* 1: norm after grouping 4 patches (DeepStack mergers) */
    zc_vlinear fc1, fc2;
} zc_vmerger;

struct zc_vision {
    zc_vision_config cfg;
    zc_image_proc proc;
    zc_st_set st;
    zc_vlinear patch;   /* [hidden][C*T*P*P] */
    float *pos_embed;   /* [num_pos][hidden] fp32 */
    zc_vblock *blocks;
    zc_vmerger merger;
    zc_vmerger deepstack[ZC_VISION_MAX_DEEPSTACK];
};

int zc_vision_config_load(const char *dir, zc_vision_config *c, char *err, size_t errlen);

/* ---- operations of the encoder (vision_ops.c) ---- */
/* y[n][rows] = x W^T + b */
void zc_vlinear_apply(const zc_vlinear *l, const float *x, int n, float *y);
/* y[n][rows] = x W^T, the bias left to the pass that follows */
void zc_vlinear_nobias(const zc_vlinear *l, const float *x, int n, float *y);
/* x[i][j] += y[i][j] + b[j] (b may be NULL) */
void zc_add_bias_rows(float *x, const float *y, const float *b, int n, int dim);
void zc_layernorm_rows(float *out, const float *x, const zc_vnorm *nrm, int rows, int dim, float eps);
/* x[i][j] = gelu(x[i][j] + b[j]), tanh form / exact erf */
void zc_bias_gelu_tanh(float *x, const float *b, int rows, int cols);
void zc_bias_gelu_erf(float *x, const float *b, int rows, int cols);
/* Bidirectional multi-head attention of one image segment: qkv rows [n][3*heads*hd] (q | k | v) to
 * which bias [3*heads*hd] (may be NULL) is added, rotary cos/sin [n][hd/2]; out [n][heads*hd]. */
int zc_vision_attention(const float *qkv, const float *bias, int n, int heads, int hd, const float *cosv,
                        const float *sinv, float *out);

#endif
