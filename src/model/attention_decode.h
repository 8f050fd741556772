/* attention_decode.h: internal to zc_model. Attention of a few query vectors over the KV cache of
 * one KV head at once (decoding, speculative verification, batched decode steps), on CPUs with
 * AVX-512: each cached key and value is read once for all of them. */
#ifndef ZC_MODEL_ATTENTION_DECODE_H
#define ZC_MODEL_ATTENTION_DECODE_H

#include <stdint.h>

#define ZC_ATTN_MAX_Q 4 /* query vectors per call */

/* Up to ZC_ATTN_MAX_Q query vectors of head size hd over one cached KV head: query r attends to the
 * first len[r] cached rows and writes its hd outputs at out[r]. The queries of a KV group's heads,
 * and in a verification pass those of several positions (each position its own len), share one
 * pass over the cached keys and values. */
typedef struct {
    const float *q[ZC_ATTN_MAX_Q];
    float *out[ZC_ATTN_MAX_Q];
    int len[ZC_ATTN_MAX_Q];
    int n;
} zc_attn_queries;

/* out[r] = softmax(q[r] . K[j] x scale over j < len[r]) V for the queries of aq; K and V hold IEEE
 * halves (the KV cache), rows kv_dim values apart, the head at their start. sc is scratch of n x
 * (the largest len) floats. Each query's result is the same whichever queries share its call.
 * Returns 0, or -1 where this path does not apply (no AVX-512, hd not a multiple of 16, n not 1 to
 * ZC_ATTN_MAX_Q, a len < 1): then nothing is written. */
int zc_attention_group(const zc_attn_queries *aq, int hd, const uint16_t *K, const uint16_t *V, int kv_dim,
                       float scale, float *sc);

#endif
