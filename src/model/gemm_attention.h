/* gemm_attention.h: internal to zc_model. Causal prefill attention (GQA) computed per head as two
 * blocked matrix products, Q K^T and P V, over the whole prompt, on CPUs with AVX-512. */
#ifndef ZC_MODEL_GEMM_ATTENTION_H
#define ZC_MODEL_GEMM_ATTENTION_H

typedef struct {
    int n;          /* new positions (queries) */
    int past;       /* positions already in the cache before them */
    int n_heads, n_kv_heads, head_dim;
    int kv_dim;     /* row stride of K and V (n_kv_heads * head_dim in the KV cache) */
    int q_ld;       /* row stride of q */
    int out_ld;     /* row stride of out */
    int causal;     /* 1: query i sees keys 0..past+i; 0: every query sees all past+n keys */
    float scale;    /* applied to q.k before the softmax */
} zc_attn_shape;

/* out[n][n_heads*head_dim] = softmax(q K^T * scale, masked) V for the n queries q[n][n_heads*head_dim]
 * (head h at column h*head_dim); K and V hold past + n rows (the new positions included), head g at
 * column g*head_dim. Multi-threaded with OpenMP. Returns 0, or -1 when out of memory. */
int zc_attention_prefill_avx512(const zc_attn_shape *s, const float *q, const float *K, const float *V, float *out);

#endif
