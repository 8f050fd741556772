/* model_state.h: internal to zc_model. The loaded model (config, mapped weights, per-layer
 * matrices and norms) and the KV cache, shared by the loader and the decoder. */
#ifndef ZC_MODEL_MODEL_STATE_H
#define ZC_MODEL_MODEL_STATE_H

#include "kernels.h"
#include "model.h"
#include "safetensors.h"

typedef struct {
    float *attn_norm, *ffn_norm, *q_norm, *k_norm;
    zc_mat q, k, v, o, gate, up, down;
} zc_layer;

struct zc_model {
    zc_text_config cfg;
    zc_gen_config gen;
    zc_st_set st;
    char *errfile;      /* file named in "missing tensor" errors */
    zc_mat embed;       /* [vocab][hidden], in place (bf16/f32) for row lookups */
    zc_mat lm_head;     /* [vocab][hidden]; == embed (not owned) when tied and unquantized */
    const zc_st_tensor *embed_t; /* embed's tensor: lookups read its rows with pread (never through
                                    the mapping) unless lm_head is the mapped table itself */
    int tied;
    float *final_norm;
    zc_layer *layers;
    float *inv_freq;    /* [head_dim/2] */
};

struct zc_kv {
    int max_tokens, len;
    int n_layers, n_kv_heads, head_dim;
    /* [layer][kv head][max_tokens][head_dim], IEEE half (rounded to nearest even): each head's
     * keys and values are one contiguous stream for decode attention */
    uint16_t *k, *v;
};

/* Rotary cos/sin for one position triple: cos,sin[head_dim/2]. */
void zc_rope_angles(const zc_model *m, const int32_t pos[3], float *cos_out, float *sin_out);
/* Rotates one head of head_dim values in place (rotate-half form). */
void zc_rope_apply(float *x, const float *cos_v, const float *sin_v, int head_dim);
/* zc_model_forward with the residual rows kept in x, the caller's n rows of embeddings, which the
 * pass overwrites (no copy of them: a 600-token prompt of the 2B model saves 4.9 MB). */
int zc_model_forward_rows(const zc_model *m, zc_kv *kv, float *x, const int32_t *pos, int n, const zc_deepstack *ds,
                          zc_logits_mode mode, float *logits);
float *zc_rope_inv_freq(const zc_text_config *c);

#endif
