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
void zc_vlinear_apply(const zc_vlinear *l, const float *x, int n, float *y);
void zc_layernorm_rows(float *out, const float *x, const zc_vnorm *nrm, int rows, int dim, float eps);
void zc_gelu_tanh(float *x, size_t n);
void zc_gelu_erf(float *x, size_t n);
/* Bidirectional multi-head attention of one image segment: qkv rows [n][3*heads*hd] (q | k | v),
 * rotary cos/sin [n][hd/2]; out [n][heads*hd]. */
int zc_vision_attention(const float *qkv, int n, int heads, int hd, const float *cosv, const float *sinv,
                        float *out);

#endif
