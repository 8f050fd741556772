/* attention_decode.h: internal to zc_model. Attention of one query position over the KV cache for
 * all the query heads of one KV head at once (decoding, speculative verification, batched decode
 * steps), on CPUs with AVX-512: each cached key and value is read once for the group. */
#ifndef ZC_MODEL_ATTENTION_DECODE_H
#define ZC_MODEL_ATTENTION_DECODE_H

#include <stdint.h>

/* out[r][hd] = softmax(q[r] . K[j] x scale over j < len) V for the rep query heads q[rep][hd]
 * (consecutive) of one KV group; K and V hold IEEE halves (the KV cache), rows kv_dim values
 * apart, the group's head at their start. sc is scratch of rep x len floats. Returns 0, or -1 where this path does not apply (no
 * AVX-512, hd not a multiple of 16, rep not 1 to 4, len < 1): then nothing is written. */
int zc_attention_group(const float *q, int rep, int hd, const uint16_t *K, const uint16_t *V, int kv_dim, int len,
                       float scale, float *sc, float *out);

#endif
