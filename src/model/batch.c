/* batch.c: continuous batching (zc_batch in model.h). Requests wait in arrival order; each step
 * admits waiting ones up to max_batch (a joining sequence's prefill is its own forward call, with
 * its embeddings, M-RoPE positions and DeepStack features), then runs one zc_model_forward_batch
 * over the newest token of every active sequence and samples each row with that sequence's own
 * sampler and history. A sequence that ends (EOS, max_new, cancel) leaves the batch at once, its
 * cache freed, and its result waits for zc_batch_take. */
#include "model_state.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PREFILL_CHUNK 1024

typedef struct {
    int id;
    int32_t *hist;             /* prompt, then the generated ids */
    int n_prompt, n_new, max_new, ignore_eos;
    float *embeds;             /* NULL: embed hist */
    const zc_kv *prefix;       /* a prefilled cache to start from (not owned), or NULL */
    const float *prefix_logits;
    int32_t *pos;              /* NULL: text positions */
    unsigned char *mask;
    float **ds;
    int n_ds, rope_delta;
    zc_sampler_params sp;
    zc_sampler *s;
    zc_kv *kv;
    int32_t next;              /* the last accepted token: input of the next step */
    zc_finish finish;
    double t_join, prefill_s;
    void (*on_token)(void *user, int id, int32_t token);
    void *user;
} seq;

typedef struct {
    seq **v;
    int n, cap;
} seq_list;

struct zc_batch {
    const zc_model *m;
    int max_batch, next_id;
    seq_list wait, act;
    zc_batch_result *done;
    int ndone, capdone;
    float *logits, *emb;       /* [max_batch][vocab], [max_batch][hidden] */
    int32_t *pos;              /* [max_batch][3] */
    zc_kv **kvs;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int list_push(seq_list *l, seq *q)
{
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 16;
        seq **v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v, l->cap = cap;
    }
    l->v[l->n++] = q;
    return 0;
}

static void list_remove(seq_list *l, int i)
{
    memmove(l->v + i, l->v + i + 1, (size_t)(l->n - i - 1) * sizeof *l->v);
    l->n--;
}

static void seq_free(seq *q)
{
    if (!q)
        return;
    for (int i = 0; q->ds && i < q->n_ds; i++)
        free(q->ds[i]);
    free(q->ds);
    free(q->hist);
    free(q->embeds);
    free(q->pos);
    free(q->mask);
    zc_sampler_free(q->s);
    zc_kv_free(q->kv);
    free(q);
}

zc_batch *zc_batch_new(const zc_model *m, int max_batch)
{
    if (max_batch < 1)
        return NULL;
    zc_batch *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    const zc_text_config *c = zc_model_config(m);
    b->m = m;
    b->max_batch = max_batch;
    b->logits = malloc((size_t)max_batch * c->vocab * sizeof(float));
    b->emb = malloc((size_t)max_batch * c->hidden * sizeof(float));
    b->pos = malloc((size_t)max_batch * 3 * sizeof(int32_t));
    b->kvs = malloc((size_t)max_batch * sizeof *b->kvs);
    if (!b->logits || !b->emb || !b->pos || !b->kvs) {
        zc_batch_free(b);
        return NULL;
    }
    return b;
}

void zc_batch_free(zc_batch *b)
{
    if (!b)
        return;
    for (int i = 0; i < b->wait.n; i++)
        seq_free(b->wait.v[i]);
    for (int i = 0; i < b->act.n; i++)
        seq_free(b->act.v[i]);
    for (int i = 0; i < b->ndone; i++)
        free(b->done[i].tokens);
    free(b->wait.v);
    free(b->act.v);
    free(b->done);
    free(b->logits);
    free(b->emb);
    free(b->pos);
    free(b->kvs);
    free(b);
}

static void *dup_mem(const void *p, size_t n)
{
    void *d = p && n ? malloc(n) : NULL;
    if (d)
        memcpy(d, p, n);
    return d;
}

/* Copies of the request's arrays; 0, or -1 out of memory. */
static int copy_request(const zc_model *m, seq *q, const zc_batch_req *r)
{
    size_t n = (size_t)r->n, H = (size_t)zc_model_config(m)->hidden, rows = 0;
    if (!(q->hist = malloc((n + (size_t)r->max_new) * sizeof(int32_t))))
        return -1;
    memcpy(q->hist, r->tokens, n * sizeof(int32_t));
    if (r->prefix)
        return 0; /* no prefill of its own */
    if (r->embeds && !(q->embeds = dup_mem(r->embeds, n * H * sizeof(float))))
        return -1;
    if (r->pos && !(q->pos = dup_mem(r->pos, n * 3 * sizeof(int32_t))))
        return -1;
    if (r->n_ds <= 0 || !r->ds_mask)
        return 0;
    for (size_t i = 0; i < n; i++)
        rows += r->ds_mask[i] != 0;
    if (!(q->mask = dup_mem(r->ds_mask, n)) || !(q->ds = calloc((size_t)r->n_ds, sizeof *q->ds)))
        return -1;
    q->n_ds = r->n_ds;
    for (int l = 0; l < r->n_ds && rows; l++)
        if (!(q->ds[l] = dup_mem(r->ds_feats[l], rows * H * sizeof(float))))
            return -1;
    return 0;
}

int zc_batch_add(zc_batch *b, const zc_batch_req *r)
{
    const zc_text_config *c = zc_model_config(b->m);
    if (!r || r->n < 1 || !r->tokens || r->max_new < 1)
        return -1;
    for (int i = 0; i < r->n; i++)
        if (r->tokens[i] < 0 || r->tokens[i] >= c->vocab)
            return -1;
    seq *q = calloc(1, sizeof *q);
    if (!q || copy_request(b->m, q, r) || list_push(&b->wait, q)) {
        seq_free(q);
        return -1;
    }
    q->id = b->next_id++;
    q->n_prompt = r->n;
    q->max_new = r->max_new;
    q->ignore_eos = r->ignore_eos;
    q->rope_delta = r->rope_delta;
    q->sp = r->sp;
    q->prefix = r->prefix;
    q->prefix_logits = r->prefix_logits;
    q->on_token = r->on_token;
    q->user = r->user;
    return q->id;
}

/* Moves q's result to the done queue and frees q. */
static void finish(zc_batch *b, seq *q, zc_finish why)
{
    zc_batch_result res = {.id = q->id, .n = q->n_new, .n_prompt = q->n_prompt, .finish = why,
                           .prefill_s = q->prefill_s, .decode_s = q->t_join > 0 ? now() - q->t_join : 0,
                           .user = q->user};
    res.tokens = malloc((size_t)(q->n_new > 0 ? q->n_new : 1) * sizeof(int32_t));
    if (res.tokens)
        memcpy(res.tokens, q->hist + q->n_prompt, (size_t)q->n_new * sizeof(int32_t));
    else
        res.n = 0, res.finish = ZC_FINISH_ERROR;
    if (b->ndone == b->capdone) {
        int cap = b->capdone ? 2 * b->capdone : 16;
        zc_batch_result *d = realloc(b->done, (size_t)cap * sizeof *d);
        if (d)
            b->done = d, b->capdone = cap;
    }
    if (b->ndone < b->capdone)
        b->done[b->ndone++] = res;
    else
        free(res.tokens);
    seq_free(q);
}

static int is_eos(const zc_model *m, int32_t id)
{
    const zc_gen_config *g = zc_model_gen_config(m);
    for (int i = 0; i < g->n_eos; i++)
        if (g->eos[i] == id)
            return 1;
    return 0;
}

/* Samples q's next token from its logits. 1 when a token was accepted, 0 when q ended (EOS);
 * *ended is set when q must leave the batch (EOS or max_new reached). */
static int accept(zc_batch *b, seq *q, float *logits, int *ended)
{
    int32_t id = zc_sampler_next(q->s, logits, q->hist, q->n_prompt + q->n_new);
    *ended = 0;
    if (!q->ignore_eos && is_eos(b->m, id)) {
        *ended = 1;
        return 0;
    }
    q->hist[q->n_prompt + q->n_new++] = id;
    q->next = id;
    if (q->on_token)
        q->on_token(q->user, q->id, id);
    *ended = q->n_new >= q->max_new;
    return 1;
}

/* The prompt's rows [done, done+k) as embeddings and positions (text: 0..n-1 on all axes). */
static int prompt_rows(const zc_model *m, const seq *q, int done, int k, float *emb, int32_t *pos)
{
    size_t H = (size_t)zc_model_config(m)->hidden;
    if (q->embeds)
        memcpy(emb, q->embeds + (size_t)done * H, (size_t)k * H * sizeof(float));
    else if (zc_model_embed(m, q->hist + done, k, emb))
        return -1;
    for (int i = 0; i < k; i++)
        for (int a = 0; a < 3; a++)
            pos[3 * i + a] = q->pos ? q->pos[3 * (size_t)(done + i) + a] : done + i;
    return 0;
}

/* A copy of the request's prefilled cache, sized for q, and the prompt's last logits. */
static int from_prefix(zc_batch *b, seq *q, float *logits)
{
    const zc_model *m = b->m;
    if (zc_kv_len(q->prefix) != q->n_prompt)
        return -1;
    q->kv = zc_kv_clone(m, q->prefix, q->n_prompt + q->max_new);
    q->s = zc_sampler_new(&q->sp, zc_model_config(m)->vocab);
    if (!q->kv || !q->s)
        return -1;
    memcpy(logits, q->prefix_logits, (size_t)zc_model_config(m)->vocab * sizeof(float));
    return 0;
}

/* The prompt through the decoder into q's new cache, chunk by chunk; the last row's logits. */
static int prefill(zc_batch *b, seq *q, float *logits)
{
    const zc_model *m = b->m;
    if (q->prefix)
        return from_prefix(b, q, logits);
    size_t H = (size_t)zc_model_config(m)->hidden;
    int chunk = q->n_prompt < PREFILL_CHUNK ? q->n_prompt : PREFILL_CHUNK, rows = 0, rc = 0;
    q->kv = zc_kv_new(m, q->n_prompt + q->max_new);
    q->s = zc_sampler_new(&q->sp, zc_model_config(m)->vocab);
    float *emb = malloc((size_t)chunk * H * sizeof(float));
    int32_t *pos = malloc((size_t)chunk * 3 * sizeof(int32_t));
    const float **feats = q->n_ds ? malloc((size_t)q->n_ds * sizeof *feats) : NULL;
    if (!q->kv || !q->s || !emb || !pos || (q->n_ds && !feats))
        rc = -1;
    for (int done = 0; !rc && done < q->n_prompt; done += chunk) {
        int k = q->n_prompt - done < chunk ? q->n_prompt - done : chunk;
        for (int l = 0; l < q->n_ds; l++)
            feats[l] = q->ds[l] ? q->ds[l] + (size_t)rows * H : NULL;
        zc_deepstack ds = {q->n_ds, (const float *const *)feats, q->mask ? q->mask + done : NULL};
        zc_logits_mode md = done + k == q->n_prompt ? ZC_LOGITS_LAST : ZC_LOGITS_NONE;
        rc = prompt_rows(m, q, done, k, emb, pos) ||
             zc_model_forward_rows(m, q->kv, emb, pos, k, q->n_ds ? &ds : NULL, md, logits) ? -1 : 0;
        for (int i = 0; q->mask && i < k; i++)
            rows += q->mask[done + i] != 0;
    }
    free(emb);
    free(pos);
    free(feats);
    return rc;
}

/* Admits waiting sequences while there is room; returns the tokens they made (their first). */
static int admit(zc_batch *b, int *failed)
{
    int made = 0;
    while (b->act.n < b->max_batch && b->wait.n) {
        seq *q = b->wait.v[0];
        list_remove(&b->wait, 0);
        double t0 = now();
        int ended = 0;
        if (prefill(b, q, b->logits)) {
            *failed = 1;
            finish(b, q, ZC_FINISH_ERROR);
            continue;
        }
        q->prefill_s = now() - t0;
        q->t_join = now();
        made += accept(b, q, b->logits, &ended);
        if (ended)
            finish(b, q, q->n_new >= q->max_new ? ZC_FINISH_LENGTH : ZC_FINISH_EOS);
        else if (list_push(&b->act, q))
            *failed = 1, finish(b, q, ZC_FINISH_ERROR);
    }
    return made;
}

/* One forward over the active sequences' newest tokens, then a token for each. */
static int decode(zc_batch *b, int *failed)
{
    const zc_text_config *c = zc_model_config(b->m);
    int B = b->act.n, made = 0, bad = 0;
    for (int i = 0; i < B; i++) {
        seq *q = b->act.v[i];
        b->kvs[i] = q->kv;
        bad |= zc_model_embed(b->m, &q->next, 1, b->emb + (size_t)i * c->hidden) != 0;
        b->pos[3 * i] = b->pos[3 * i + 1] = b->pos[3 * i + 2] = q->kv->len + q->rope_delta;
    }
    if (bad || zc_model_forward_batch(b->m, b->kvs, b->emb, b->pos, B, b->logits)) {
        *failed = 1;
        while (b->act.n) {
            seq *q = b->act.v[0];
            list_remove(&b->act, 0);
            finish(b, q, ZC_FINISH_ERROR);
        }
        return 0;
    }
    seq **rows = b->act.v;
    int kept = 0;
    for (int i = 0; i < B; i++) {
        int ended = 0;
        made += accept(b, rows[i], b->logits + (size_t)i * c->vocab, &ended);
        if (ended)
            finish(b, rows[i], rows[i]->n_new >= rows[i]->max_new ? ZC_FINISH_LENGTH : ZC_FINISH_EOS);
        else
            rows[kept++] = rows[i];
    }
    b->act.n = kept;
    return made;
}

int zc_batch_step(zc_batch *b)
{
    int failed = 0, made = admit(b, &failed);
    if (b->act.n)
        made += decode(b, &failed);
    return failed ? -1 : made;
}

int zc_batch_take(zc_batch *b, zc_batch_result *out)
{
    if (!b->ndone)
        return 0;
    *out = b->done[0];
    memmove(b->done, b->done + 1, (size_t)(b->ndone - 1) * sizeof *b->done);
    b->ndone--;
    return 1;
}

int zc_batch_cancel(zc_batch *b, int id)
{
    seq_list *lists[2] = {&b->wait, &b->act};
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < lists[k]->n; i++)
            if (lists[k]->v[i]->id == id) {
                seq *q = lists[k]->v[i];
                list_remove(lists[k], i);
                finish(b, q, ZC_FINISH_CANCEL);
                return 0;
            }
    return -1;
}

int zc_batch_active(const zc_batch *b)
{
    return b->act.n;
}

int zc_batch_waiting(const zc_batch *b)
{
    return b->wait.n;
}
