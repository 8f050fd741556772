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

/* Weight formats (docs/model.md): bf16/f32 as stored; q8 = int8 + fp16 scale per 32 weights;
 * q4 = 4-bit + fp16 scale per 32 for the layer matrices, q8 for lm_head. */
typedef enum { ZC_QUANT_NONE = 0, ZC_QUANT_Q8 = 1, ZC_QUANT_Q4 = 2 } zc_quant;
#define ZC_QUANT_NAMES "none|q8|q4"
/* "none", "q8" or "q4" -> *q; 0, or -1 for anything else. */
int zc_quant_parse(const char *s, zc_quant *q);
/* "q8", "q4", or "as stored" for ZC_QUANT_NONE (for messages). */
const char *zc_quant_label(zc_quant q);

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
/* A new cache of max_tokens (>= src's length) holding a copy of src's rows; NULL when too small
 * or out of memory. */
zc_kv *zc_kv_clone(const zc_model *m, const zc_kv *src, int max_tokens);
int zc_kv_len(const zc_kv *kv);      /* tokens already in the cache */
void zc_kv_reset(zc_kv *kv);
/* Drops the positions from len on (speculation rolls back rejected drafts): the next forward
 * writes, and positions its tokens, from len. 0, or -1 when len is outside [0, zc_kv_len]. */
int zc_kv_truncate(zc_kv *kv, int len);
int zc_kv_capacity(const zc_kv *kv); /* max_tokens given to zc_kv_new */

/* out[n][hidden] = embedding rows of tokens (fp32). Returns 0, or -1 for an id outside vocab or when
 * the checkpoint file cannot be read (quantized models read the table's rows from the file). */
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

/* The most positions a forward pass takes while giving every row's logits (and cache entries) the
 * exact bits of one-position passes: speculation verifies at most this many ids when it must be
 * token-for-token lossless. */
int zc_model_exact_batch(const zc_model *m);

/* Convenience for text: embeds tokens, positions = cache index (+ delta on all 3 axes). */
int zc_model_forward_tokens(const zc_model *m, zc_kv *kv, const int32_t *tokens, int n,
                            int pos_delta, zc_logits_mode mode, float *logits);

/* One decode step of B independent sequences: row i (embeds[i][hidden], pos[i][3]) is appended to
 * kvs[i] (B distinct caches of any lengths) and attends over kvs[i] only; the weight products run
 * once over the B rows. logits receives B*vocab floats. 0, or -1 when a cache is full. */
int zc_model_forward_batch(const zc_model *m, zc_kv *const *kvs, const float *embeds, const int32_t *pos, int B,
                           float *logits);

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
/* 1 when the sampler picks the argmax (temperature <= 0): a deterministic function of logits and history. */
int zc_sampler_is_greedy(const zc_sampler *s);

/* ---- the decoding loop, with lossless speculation (speculate.c, draft_lookup.c) ---- */
#define ZC_SPEC_MAX_DRAFT 16
#define ZC_SPEC_DEFAULT_DRAFT 8
#define ZC_SPEC_DEFAULT_NGRAM 3

/* Prompt lookup: for g from ngram_max down to 1, finds the last g ids of hist[0..n) earlier in hist
 * (the most recent occurrence followed by kmax ids, else the one followed by the most), then in
 * corpus (may be NULL), and copies up to kmax of the ids that followed it into draft. The first g
 * with a match wins. Returns how many (0: no match). */
int zc_draft_lookup_corpus(const int32_t *hist, int n, const int32_t *corpus, int n_corpus, int ngram_max,
                           int32_t *draft, int kmax);
int zc_draft_lookup(const int32_t *hist, int n, int ngram_max, int32_t *draft, int kmax); /* no corpus */
/* The built-in drafting corpus: a page of CadQuery idioms (draft_corpus.c). */
const char *zc_draft_corpus_builtin(void);
/* Ids of the text of the file at path (NULL: the built-in corpus), malloc'd, *n set; NULL with a
 * one-line message naming the file in err. */
int32_t *zc_draft_corpus_ids(const zc_tokenizer *tok, const char *path, int *n, char *err, size_t errlen);

/* A drafter: up to kmax proposed next ids after hist[0..n) into draft; returns how many. */
typedef int (*zc_draft_fn)(void *ctx, const int32_t *hist, int n, int32_t *draft, int kmax);

typedef struct {
    int max_new;        /* ids to emit at most */
    int ignore_eos;     /* 0: an EOS id of generation_config.json ends decoding (it is not emitted) */
    int pos_delta;      /* rope delta after a multimodal prefill (0 for text) */
    int speculate;      /* draft and verify in one forward pass; only when the sampler is greedy */
    int max_draft;      /* drafted ids per step, 1..ZC_SPEC_MAX_DRAFT (<= 0: ZC_SPEC_DEFAULT_DRAFT) */
    int ngram_max;      /* <= 0: ZC_SPEC_DEFAULT_NGRAM */
    int inexact;        /* 1: verify passes wider than zc_model_exact_batch too (faster with today's kernels;
                         * an id may then differ where two logits tie within rounding) */
    int adaptive;       /* 1: verify only as many of the drafts as pay, from the measured time of a pass
                         * of each size and the acceptance so far (the ids do not depend on it) */
    const int32_t *corpus; /* ids the default drafter looks in after hist (may be NULL) */
    int n_corpus;
    zc_draft_fn draft;  /* NULL: zc_draft_lookup_corpus; tests force drafts here */
    void *draft_ctx;
    int (*on_token)(void *ctx, int32_t id, int index); /* each emitted id in order; nonzero stops */
    void *ctx;
} zc_decode_opts;

typedef struct {
    int generated;      /* ids emitted */
    int steps;          /* forward passes after the prefill */
    long drafted;       /* ids proposed by the drafter and checked */
    long accepted;      /* drafted ids that equalled the greedy choice */
} zc_decode_stats;

/* Decodes after a prefill: kv holds the prompt, hist[0..n_prompt) its ids (room for max_new more,
 * appended as they are emitted), logits the vocab logits of the prompt's last position (clobbered).
 * With speculation each step runs the pending id and the drafted ids through one forward pass,
 * keeps the drafts up to the first that differs from the greedy choice, emits that choice and
 * rolls the cache back: the emitted ids are the ones one-id-at-a-time decoding emits. Returns 0,
 * or -1 when the cache is full or memory runs out (the ids emitted so far stay emitted). */
int zc_decode(const zc_model *m, zc_kv *kv, zc_sampler *s, int32_t *hist, int n_prompt, float *logits,
              const zc_decode_opts *o, zc_decode_stats *st);

/* Deterministic PRNG (splitmix64 seeding + xoshiro256**); uniform double in [0, 1). */
typedef struct { uint64_t s[4]; } zc_rng;
void zc_rng_seed(zc_rng *r, uint64_t seed);
double zc_rng_uniform(zc_rng *r);

/* ---- batched generation with continuous batching (batch.c; docs/model.md) ----
 * Up to max_batch sequences decode together: each step runs one forward over one new token of
 * every active sequence (zc_model_forward_batch), each sequence with its own KV cache, length,
 * positions and sampler. Finished sequences leave at once and waiting ones join at the next step
 * (a joining sequence's prefill is its own forward call). Greedy tokens are the same as decoding
 * each sequence alone. Not thread-safe: one thread calls everything. */
typedef struct zc_batch zc_batch;

typedef enum { ZC_FINISH_EOS = 0, ZC_FINISH_LENGTH = 1, ZC_FINISH_CANCEL = 2, ZC_FINISH_ERROR = 3 } zc_finish;

/* One request. Everything is copied by zc_batch_add. */
typedef struct {
    const int32_t *tokens;     /* [n] prompt ids (image pads expanded): the repetition-penalty history */
    int n;
    const float *embeds;       /* NULL: the embeddings of tokens; else [n][hidden] (images in place) */
    const int32_t *pos;        /* NULL: 0..n-1 on all three axes; else [n][3] M-RoPE positions */
    int n_ds;                  /* DeepStack layers (0: none) */
    const float *const *ds_feats; /* [n_ds] of [rows with ds_mask set][hidden] */
    const unsigned char *ds_mask; /* [n] */
    int rope_delta;            /* decode positions: cache index + rope_delta (zc_mm_prefill's delta) */
    int max_new;               /* tokens generated at most (>= 1) */
    int ignore_eos;            /* 1: only max_new stops it */
    zc_sampler_params sp;
    /* Called with each generated token (not the EOS) as it is accepted; may be NULL. */
    void (*on_token)(void *user, int id, int32_t token);
    void *user;
    /* A prompt prefilled once for several sequences (candidates of one prompt): when prefix is
     * set, the sequence starts from a copy of that cache (its length must be n) and samples its
     * first token from prefix_logits [vocab], with no prefill of its own (embeds, pos and the
     * DeepStack fields are ignored; rope_delta still applies). Not copied: the caller keeps both
     * until the sequence's result is taken. */
    const zc_kv *prefix;
    const float *prefix_logits;
} zc_batch_req;

/* A finished sequence, from zc_batch_take. */
typedef struct {
    int id;                    /* zc_batch_add's number */
    int32_t *tokens;           /* [n] generated ids (EOS excluded), malloc'd: the caller frees it */
    int n;
    int n_prompt;
    zc_finish finish;
    double prefill_s, decode_s; /* seconds in its own prefill; from joining the batch to the end */
    void *user;
} zc_batch_result;

zc_batch *zc_batch_new(const zc_model *m, int max_batch);
void zc_batch_free(zc_batch *b);
/* Queues a request; returns its id (>= 0, in order of addition), or -1 for a bad request
 * (n < 1, max_new < 1, a token outside the vocabulary) or out of memory. */
int zc_batch_add(zc_batch *b, const zc_batch_req *r);
/* Admits waiting sequences up to max_batch (prefilling each), then decodes one token for every
 * active sequence in one forward. Returns the number of tokens generated in this step, or -1 on
 * out of memory (the sequences that could not go on finish with ZC_FINISH_ERROR). */
int zc_batch_step(zc_batch *b);
/* 1 with the oldest finished sequence moved into out, 0 when none has finished. */
int zc_batch_take(zc_batch *b, zc_batch_result *out);
/* Ends a waiting or active sequence now (finish ZC_FINISH_CANCEL, its tokens so far kept). 0, or -1
 * when id is unknown or already finished. */
int zc_batch_cancel(zc_batch *b, int id);
int zc_batch_active(const zc_batch *b);   /* sequences decoding now */
int zc_batch_waiting(const zc_batch *b);  /* queued, not yet admitted */

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
/* Products of q8/q4 weights with at least 32 positions while the bf16 products are on: 1 =
 * activations quantized to int8 per block of 32 and multiplied with AVX512-VNNI (the default on CPUs
 * that have it; ZC_GEMM=bf16 in the environment turns it off), 0 = the bf16 products. Ignored on
 * other CPUs. Returns the previous setting. */
int zc_model_set_gemm_int8(int on);
/* 1 when those products use int8 activations now. */
int zc_model_gemm_int8(void);

/* Safetensors header parsing on a buffer (used by the loader and by the fuzzer): checks the
 * header of a file of file_size bytes whose first len bytes are buf. 0 ok, -1 error in err. */
int zc_safetensors_check(const uint8_t *buf, size_t len, size_t file_size, const char *name,
                         char *err, size_t errlen);

#endif
