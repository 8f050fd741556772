/* reconstruct_generate.c: the model side of `zerocad reconstruct`: the Zero-to-CAD chat prompt with
 * one <|vision_start|><|image_pad|>..<|vision_end|> run per view, one multimodal prefill, then
 * n candidate answers from the same prompt cache, stopping at an EOS id or after max_new tokens:
 * sampled candidates decode together (zc_batch, each from a copy of the cache), greedy ones one after
 * another (its length restored before each; zc_decode: they speculate unless no_speculate);
 * progress on stderr. */
#include "model_state.h"
#include "vision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Prompt ids with every view's pads expanded. */
int32_t *zc_reconstruct_prompt(const zc_model *m, const zc_vision *v, const zc_tokenizer *tok,
                           const zc_image_patches *views, int nviews, const zc_recon_gen *g, int *n, char *err,
                           size_t errlen)
{
    const char *sys = g->system ? g->system : ZC_CAD_SYSTEM;
    char *text = zc_chat_render_cad(*sys ? sys : NULL, (size_t)nviews, 1, g->user ? g->user : ZC_CAD_USER);
    int32_t *ids = NULL, *full = NULL;
    size_t nids = 0;
    int *counts = malloc((size_t)nviews * sizeof(int));
    if (!text || !counts) {
        snprintf(err, errlen, "out of memory");
    } else if (!zc_tokenizer_encode(tok, text, strlen(text), &ids, &nids, err, errlen)) {
        for (int i = 0; i < nviews; i++)
            counts[i] = zc_image_tokens(&views[i], zc_vision_get_config(v)->merge);
        full = zc_expand_image_pads(ids, (int)nids, zc_model_config(m)->image_token_id, counts, nviews, n);
        if (!full)
            snprintf(err, errlen, "out of memory");
    }
    free(text);
    free(ids);
    free(counts);
    return full;
}

typedef struct {
    int idx, quiet;
    double t0;
} progress;

static int on_token(void *ctx, int32_t id, int index)
{
    (void)id;
    progress *p = ctx;
    if (!p->quiet && (index + 1) % 64 == 0)
        fprintf(stderr, "reconstruct: candidate %d: %d tokens (%.1f tok/s)\n", p->idx + 1, index + 1,
                (index + 1) / (now() - p->t0));
    return 0;
}

/* One candidate from the prefilled cache (length plen, last logits in first). */
static char *sample_one(const zc_model *m, const zc_tokenizer *tok, zc_kv *kv, const int32_t *prompt, int plen,
                        const float *first, int delta, const zc_recon_gen *g, int idx, const int32_t *corpus,
                        int n_corpus)
{
    int V = zc_model_config(m)->vocab;
    zc_sampler_params sp = g->sp;
    sp.seed += (uint64_t)idx;
    zc_sampler *s = zc_sampler_new(&sp, V);
    float *logits = malloc((size_t)V * 4);
    int32_t *hist = malloc((size_t)(plen + g->max_new + 1) * sizeof *hist);
    char *text = NULL;
    if (s && logits && hist) {
        memcpy(hist, prompt, (size_t)plen * sizeof *hist);
        memcpy(logits, first, (size_t)V * 4);
        zc_kv_truncate(kv, plen);
        progress p = {idx, g->quiet, now()};
        zc_decode_opts o = {.max_new = g->max_new, .pos_delta = delta, .speculate = !g->no_speculate, .adaptive = 1,
                            .corpus = corpus, .n_corpus = n_corpus, .on_token = on_token, .ctx = &p};
        zc_decode_stats st;
        zc_decode(m, kv, s, hist, plen, logits, &o, &st); /* a full cache ends the candidate early */
        text = zc_tokenizer_decode(tok, hist + plen, (size_t)st.generated, 1);
        if (!g->quiet)
            fprintf(stderr, "reconstruct: candidate %d: %d tokens in %.1f s (%d steps, %ld of %ld drafted accepted)\n",
                    idx + 1, st.generated, now() - p.t0, st.steps, st.accepted, st.drafted);
    }
    zc_sampler_free(s);
    free(logits);
    free(hist);
    return text;
}

#define RECON_MAX_BATCH 8

typedef struct {
    int quiet, tokens, n;
    double t0;
} batch_progress;

static void on_batch_token(void *user, int id, int32_t token)
{
    (void)id, (void)token;
    batch_progress *p = user;
    if (!p->quiet && ++p->tokens % 64 == 0)
        fprintf(stderr, "reconstruct: %d candidates together: %d tokens (%.1f tok/s)\n", p->n, p->tokens,
                p->tokens / (now() - p->t0));
}

/* Every candidate from the prefilled cache at once: a zc_batch of requests that start from kv and
 * first; candidate i samples with seed sp.seed + i, as one after another would. */
static int sample_batched(const zc_model *m, const zc_tokenizer *tok, const zc_kv *kv, const int32_t *prompt,
                          int plen, const float *first, int delta, const zc_recon_gen *g, char **out)
{
    int K = g->n_candidates, B = g->max_batch > 0 ? g->max_batch : RECON_MAX_BATCH, rc = 0;
    zc_batch *b = zc_batch_new(m, B < K ? B : K);
    batch_progress p = {g->quiet, 0, B < K ? B : K, now()};
    for (int i = 0; b && !rc && i < K; i++) {
        zc_batch_req r = {.tokens = prompt, .n = plen, .rope_delta = delta, .max_new = g->max_new, .sp = g->sp,
                          .on_token = on_batch_token, .user = &p, .prefix = kv, .prefix_logits = first};
        r.sp.seed += (uint64_t)i;
        rc = zc_batch_add(b, &r) == i ? 0 : -1;
    }
    rc = b ? rc : -1;
    while (!rc && (zc_batch_active(b) || zc_batch_waiting(b)))
        rc = zc_batch_step(b) < 0 ? -1 : 0;
    zc_batch_result res;
    while (b && zc_batch_take(b, &res)) {
        if (res.finish == ZC_FINISH_ERROR || !(out[res.id] = zc_tokenizer_decode(tok, res.tokens, (size_t)res.n, 1)))
            rc = -1;
        if (!g->quiet && out[res.id])
            fprintf(stderr, "reconstruct: candidate %d: %d tokens\n", res.id + 1, res.n);
        free(res.tokens);
    }
    for (int i = 0; !rc && i < K; i++)
        rc = out[i] ? 0 : -1;
    if (!g->quiet && !rc)
        fprintf(stderr, "reconstruct: %d candidates, %d tokens in %.1f s (%.1f tok/s, %d at a time)\n", K, p.tokens,
                now() - p.t0, p.tokens / (now() - p.t0 + 1e-9), p.n);
    zc_batch_free(b);
    return rc;
}

int zc_reconstruct_generate(const zc_model *m, const zc_vision *v, const zc_tokenizer *tok,
                            const zc_image_patches *views, int nviews, const zc_recon_gen *g, char ***texts,
                            char *err, size_t errlen)
{
    int n = 0, delta = 0, rc = -1;
    int32_t *ids = zc_reconstruct_prompt(m, v, tok, views, nviews, g, &n, err, errlen);
    zc_kv *kv = ids ? zc_kv_new(m, n + g->max_new + 1) : NULL;
    float *first = malloc((size_t)zc_model_config(m)->vocab * 4);
    char **out = calloc((size_t)g->n_candidates, sizeof *out);
    int32_t *corpus = NULL;
    int n_corpus = 0;
    if (ids && !g->no_speculate && !g->no_draft_corpus && g->sp.temperature <= 0 &&
        !(corpus = zc_draft_corpus_ids(tok, g->draft_corpus, &n_corpus, err, errlen))) {
        free(ids);
        ids = NULL; /* err holds the message */
    }
    if (ids && (!kv || !first || !out))
        snprintf(err, errlen, "out of memory for a %d-token cache", n + g->max_new + 1);
    if (ids && kv && first && out) {
        double t0 = now();
        if (!g->quiet)
            fprintf(stderr, "reconstruct: prefill of %d tokens with %d views\n", n, nviews);
        rc = zc_mm_prefill(m, v, kv, ids, n, views, nviews, ZC_LOGITS_LAST, first, &delta, err, errlen);
        if (!rc && !g->quiet)
            fprintf(stderr, "reconstruct: prefill took %.1f s\n", now() - t0);
    }
    int batched = g->n_candidates > 1 && g->sp.temperature > 0 && g->max_batch != 1;
    if (!rc && batched && sample_batched(m, tok, kv, ids, n, first, delta, g, out)) {
        snprintf(err, errlen, "out of memory generating %d candidates together", g->n_candidates);
        rc = -1;
    }
    for (int i = 0; !rc && !batched && i < g->n_candidates; i++)
        if (!(out[i] = sample_one(m, tok, kv, ids, n, first, delta, g, i, corpus, n_corpus))) {
            snprintf(err, errlen, "out of memory generating candidate %d", i + 1);
            rc = -1;
        }
    if (rc && out)
        for (int i = 0; i < g->n_candidates; i++)
            free(out[i]);
    *texts = rc ? (free(out), NULL) : out;
    free(ids);
    free(corpus);
    free(first);
    zc_kv_free(kv);
    return rc;
}
