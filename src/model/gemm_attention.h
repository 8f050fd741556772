/* gemm_attention.h: internal to zc_model. Causal prefill attention (GQA) computed per head as two
 * blocked matrix products, Q K^T and P V, over the whole prompt, on CPUs with AVX-512. */
#ifndef ZC_MODEL_GEMM_ATTENTION_H
#define ZC_MODEL_GEMM_ATTENTION_H

#include <stddef.h>

typedef struct {
    int n;          /* new positions (queries) */
    int past;       /* positions already in the cache before them */
    int n_heads, n_kv_heads, head_dim;
    int kv_ld;      /* row stride of K and V */
    size_t head_ld; /* where KV head g starts: g * head_ld */
    int q_ld;       /* row stride of q */
    int out_ld;     /* row stride of out */
    int causal;     /* 1: query i sees keys 0..past+i; 0: every query sees all past+n keys */
    float scale;    /* applied to q.k before the softmax */
    int kv_f16;     /* 1: K and V are IEEE half (uint16_t, the decoder's KV cache); 0: float */
} zc_attn_shape;

/* out[n][n_heads*head_dim] = softmax(q K^T * scale, masked) V for the n queries q[n][n_heads*head_dim]
 * (head h at column h*head_dim); K and V hold past + n rows (the new positions included) of each KV
 * head, float or half (kv_f16). Multi-threaded with OpenMP. Returns 0, or -1 when out of memory. */
int zc_attention_prefill_avx512(const zc_attn_shape *s, const float *q, const void *K, const void *V, float *out);

#endif
