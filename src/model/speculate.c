/* speculate.c: the decoding loop every command that generates shares (zc_decode): one id per
 * forward pass, or, with greedy sampling and speculation on, the pending id plus up to k drafted
 * ids (draft_lookup.c, or a drafter the caller gives) run through the decoder in one forward pass
 * with the logits of every position. The drafts are kept up to the first one that differs from the
 * greedy choice at its position; that choice is emitted in its place and the cache is truncated to
 * drop the rejected positions. Each row's choice sees the same history as one-at-a-time decoding
 * (repetition penalty included), and EOS, max_new and a full cache end decoding at the same id.
 * Unless inexact, a pass holds at most zc_model_exact_batch ids, so that every row has the bits of
 * one-at-a-time decoding and the ids are exactly the same.
 * Adaptive mode verifies only the first k drafts, k chosen to maximize the expected ids per second
 * (spec_tuner.c). */
#include "model.h"
#include "spec_tuner.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { GO_ON = 0, EMITTED_LAST = 1, STOPPED = 2 };

typedef struct {
    const zc_model *m;
    zc_sampler *s;
    int32_t *hist;
    int np;
    const zc_decode_opts *o;
    zc_decode_stats *st;
    zc_spec_tuner tu;
} loop;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int is_eos(const zc_model *m, int32_t id)
{
    const zc_gen_config *g = zc_model_gen_config(m);
    for (int i = 0; i < g->n_eos; i++)
        if (g->eos[i] == id)
            return 1;
    return 0;
}

/* Chooses the next id from row (clobbered), appends and emits it. GO_ON, EMITTED_LAST (it was the
 * last one: max_new reached or the callback said stop) or STOPPED (EOS, not emitted). */
static int take(loop *L, float *row, int32_t *id)
{
    *id = zc_sampler_next(L->s, row, L->hist, L->np + L->st->generated);
    if (!L->o->ignore_eos && is_eos(L->m, *id))
        return STOPPED;
    L->hist[L->np + L->st->generated] = *id;
    int idx = L->st->generated++;
    if (L->o->on_token && L->o->on_token(L->o->ctx, *id, idx))
        return EMITTED_LAST;
    return L->st->generated >= L->o->max_new ? EMITTED_LAST : GO_ON;
}

/* Drafted ids after the pending one into d: at most kmax, no more than the ids still allowed after
 * it, none past the end of the cache, none outside the vocabulary. */
static int draft(loop *L, const zc_kv *kv, int kmax, int32_t *d)
{
    int left = L->o->max_new - L->st->generated - 1, room = zc_kv_capacity(kv) - zc_kv_len(kv) - 1;
    int k = kmax < left ? kmax : left;
    k = k < room ? k : room;
    if (k <= 0)
        return 0;
    int n = L->np + L->st->generated, got;
    if (L->o->draft)
        got = L->o->draft(L->o->draft_ctx, L->hist, n, d, k);
    else
        got = zc_draft_lookup_corpus(L->hist, n, L->o->corpus, L->o->n_corpus,
                                     L->o->ngram_max > 0 ? L->o->ngram_max : ZC_SPEC_DEFAULT_NGRAM, d, k);
    got = got < k ? got : k;
    int vocab = zc_model_config(L->m)->vocab;
    for (int i = 0; i < got; i++)
        if (d[i] < 0 || d[i] >= vocab)
            return i;
    return got > 0 ? got : 0;
}

static int draft_limit(const zc_model *m, const zc_decode_opts *o, const zc_sampler *s)
{
    if (!o->speculate || !zc_sampler_is_greedy(s))
        return 0;
    int k = o->max_draft > 0 ? o->max_draft : ZC_SPEC_DEFAULT_DRAFT;
    k = k < ZC_SPEC_MAX_DRAFT ? k : ZC_SPEC_MAX_DRAFT;
    int exact = zc_model_exact_batch(m) - 1;
    return o->inexact || k < exact ? k : exact;
}

/* One forward pass of batch[0..k] (the pending id, then k drafts) and the choices it yields. The cache
 * keeps the positions of the ids emitted. Returns GO_ON / EMITTED_LAST / STOPPED, or -1 (cache full). */
static int step(loop *L, zc_kv *kv, int32_t *batch, int k, float *rows, int32_t *pending)
{
    int V = zc_model_config(L->m)->vocab, len0 = zc_kv_len(kv), i = 0, r;
    double t0 = now_s();
    if (zc_model_forward_tokens(L->m, kv, batch, k + 1, L->o->pos_delta, k ? ZC_LOGITS_ALL : ZC_LOGITS_LAST, rows))
        return -1;
    double secs = now_s() - t0;
    long acc0 = L->st->accepted;
    L->st->steps++;
    L->st->drafted += k;
    for (;; i++) {
        r = take(L, rows + (size_t)i * V, pending);
        if (r == STOPPED || i == k || *pending != batch[i + 1])
            break;
        L->st->accepted++;
        if (r == EMITTED_LAST)
            break;
    }
    zc_kv_truncate(kv, len0 + i + 1);
    zc_spec_tuner_update(&L->tu, k + 1, secs, k, (int)(L->st->accepted - acc0));
    return r;
}

int zc_decode(const zc_model *m, zc_kv *kv, zc_sampler *s, int32_t *hist, int n_prompt, float *logits,
              const zc_decode_opts *o, zc_decode_stats *st)
{
    zc_decode_stats local;
    st = st ? st : &local;
    memset(st, 0, sizeof *st);
    if (o->max_new <= 0)
        return 0;
    int kmax = draft_limit(m, o, s), V = zc_model_config(m)->vocab;
    float *rows = kmax ? malloc((size_t)(kmax + 1) * (size_t)V * sizeof(float)) : logits;
    if (!rows)
        return -1;
    loop L = {m, s, hist, n_prompt, o, st, {{0}, 0, 0}};
    int32_t batch[ZC_SPEC_MAX_DRAFT + 1];
    int r = take(&L, logits, &batch[0]);
    while (r == GO_ON) {
        int k = draft(&L, kv, kmax, batch + 1);
        if (o->adaptive)
            k = zc_spec_tuner_choose(&L.tu, k);
        r = step(&L, kv, batch, k, k ? rows : logits, &batch[0]);
    }
    if (rows != logits)
        free(rows);
    return r < 0 ? -1 : 0;
}
