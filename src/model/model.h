/* model.h: the public interface of zc_model: loading a Qwen3-VL checkpoint folder (config,
 * safetensors), running its text decoder on CPU, and sampling. This header (plus tokenizer.h and
 * chat.h, which it includes) is the only way into the module. See docs/model.md. */
#ifndef ZC_MODEL_MODEL_H
#define ZC_MODEL_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "chat.h"
#include "tokenizer.h"

#define ZC_MAX_EOS 8

/* Sizes of the text decoder, all read from config.json (text_config or flat). */
typedef struct {
    int hidden;          /* hidden_size */
    int n_layers;        /* num_hidden_layers */
    int n_heads;         /* num_attention_heads */
    int n_kv_heads;      /* num_key_value_heads */
    int head_dim;        /* head_dim (hidden/heads when absent) */
    int inter;           /* intermediate_size */
    int vocab;           /* vocab_size */
    float eps;           /* rms_norm_eps */
    double rope_theta;   /* rope_theta */
    int mrope[3];        /* mrope_section: frequency pairs of T, H, W */
    int mrope_interleaved;
    int image_token_id, video_token_id, vision_start_token_id, vision_end_token_id; /* -1 if absent */
} zc_text_config;

/* generation_config.json (defaults when the file or a key is absent). */
typedef struct {
    int n_eos;
    int32_t eos[ZC_MAX_EOS];
    int do_sample;
    float temperature, top_p, repetition_penalty;
    int top_k;
} zc_gen_config;

typedef enum { ZC_QUANT_NONE = 0, ZC_QUANT_Q8 = 1 } zc_quant;

typedef struct zc_model zc_model;

/* Load DIR (config.json, generation_config.json, model.safetensors or the sharded index).
 * NULL on failure with a one-line message naming the file in err. */
zc_model *zc_model_load(const char *dir, zc_quant quant, char *err, size_t errlen);
void zc_model_free(zc_model *m);
const zc_text_config *zc_model_config(const zc_model *m);
const zc_gen_config *zc_model_gen_config(const zc_model *m);
/* Bytes of weights read per decoded token (matrices + lm_head), for roofline reports. */
size_t zc_model_weight_bytes(const zc_model *m);

/* KV cache for up to max_tokens positions. */
typedef struct zc_kv zc_kv;
zc_kv *zc_kv_new(const zc_model *m, int max_tokens);
void zc_kv_free(zc_kv *kv);
int zc_kv_len(const zc_kv *kv);      /* tokens already in the cache */
void zc_kv_reset(zc_kv *kv);

/* out[n][hidden] = embedding rows of tokens (fp32). Returns 0, or -1 for an id outside vocab. */
int zc_model_embed(const zc_model *m, const int32_t *tokens, int n, float *out);

/* Optional DeepStack input (part 2): after decoder layer l < n_layers, feats[l] (rows in order of
 * the positions where mask[i] != 0, hidden wide) are added to those positions' hidden states. */
typedef struct {
    int n_layers;
    const float *const *feats;
    const unsigned char *mask; /* [n] of the current forward call */
} zc_deepstack;

typedef enum { ZC_LOGITS_NONE = 0, ZC_LOGITS_LAST = 1, ZC_LOGITS_ALL = 2 } zc_logits_mode;

/* Runs n new positions through the decoder, appending to kv. embeds[n][hidden]; pos[n][3] are
 * the (t, h, w) rotary positions (all equal for text); ds may be NULL. logits receives vocab
 * floats (LAST) or n*vocab floats (ALL). Returns 0, or -1 if the cache is full. */
int zc_model_forward(const zc_model *m, zc_kv *kv, const float *embeds, const int32_t *pos, int n,
                     const zc_deepstack *ds, zc_logits_mode mode, float *logits);

/* Convenience for text: embeds tokens, positions = cache index (+ delta on all 3 axes). */
int zc_model_forward_tokens(const zc_model *m, zc_kv *kv, const int32_t *tokens, int n,
                            int pos_delta, zc_logits_mode mode, float *logits);

/* Sampling (transformers' order: repetition penalty, temperature, top-k, top-p, softmax, draw). */
typedef struct {
    float temperature;        /* <= 0: greedy */
    int top_k;                /* <= 0: off */
    float top_p;              /* >= 1: off */
    float repetition_penalty; /* 1: off */
    uint64_t seed;
} zc_sampler_params;

typedef struct zc_sampler zc_sampler;
zc_sampler *zc_sampler_new(const zc_sampler_params *p, int vocab);
void zc_sampler_free(zc_sampler *s);
/* Picks the next token. logits (vocab) are modified in place. history = every id so far
 * (prompt + generated), used by the repetition penalty. */
int32_t zc_sampler_next(zc_sampler *s, float *logits, const int32_t *history, int n_history);

/* Deterministic PRNG (splitmix64 seeding + xoshiro256**); uniform double in [0, 1). */
typedef struct { uint64_t s[4]; } zc_rng;
void zc_rng_seed(zc_rng *r, uint64_t seed);
double zc_rng_uniform(zc_rng *r);

/* Number of worker threads for the kernels (OpenMP); n <= 0 keeps the default. */
void zc_model_set_threads(int n);
/* Which SIMD path the matrix kernels use: "avx512", "avx2" or "scalar". */
const char *zc_model_simd_name(void);
/* Products of bf16 weights with at least 32 positions (prefill, vision encoder): 1 = activations
 * rounded to bf16 and multiplied with AVX512-BF16, sums in fp32 (the default on CPUs that have it;
 * ZC_GEMM=f32 in the environment turns it off), 0 = fp32 activations. Ignored on other CPUs.
 * Returns the previous setting. */
int zc_model_set_gemm_bf16(int on);
/* 1 when those products use bf16 activations now. */
int zc_model_gemm_bf16(void);

/* Safetensors header parsing on a buffer (used by the loader and by the fuzzer): checks the
 * header of a file of file_size bytes whose first len bytes are buf. 0 ok, -1 error in err. */
int zc_safetensors_check(const uint8_t *buf, size_t len, size_t file_size, const char *name,
                         char *err, size_t errlen);

#endif
