/* engine.c: the model under the scheduler: a job's prefill (text, or images through the vision
 * tower with the M-RoPE rope delta) into its own KV cache, and one decode step for a set of jobs:
 * one zc_model_forward_batch over a row per job (each weight read once for all of them; each row
 * with its own cache and position = cache length + its rope delta on the three axes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_internal.h"

struct srv_seq {
    zc_kv *kv;
    int delta;      /* rope delta of the image positions (0 for text) */
    float *logits;  /* vocab floats: the next token's */
};

float *srv_engine_logits(srv_job *j)
{
    return j->seq ? j->seq->logits : NULL;
}

void srv_engine_end(srv_job *j)
{
    if (!j->seq)
        return;
    zc_kv_free(j->seq->kv);
    free(j->seq->logits);
    free(j->seq);
    j->seq = NULL;
}

int srv_engine_begin(const srv_model *M, srv_job *j, char *err, size_t errlen)
{
    const zc_text_config *c = zc_model_config(M->model);
    srv_seq *q = calloc(1, sizeof *q);
    j->seq = q;
    if (!q || !(q->kv = zc_kv_new(M->model, j->nids + j->max_new + 1)) ||
        !(q->logits = malloc((size_t)c->vocab * sizeof(float)))) {
        snprintf(err, errlen, "out of memory for a %d-token cache", j->nids + j->max_new + 1);
        srv_engine_end(j);
        return -1;
    }
    int rc;
    if (j->nimg)
        rc = zc_mm_prefill(M->model, M->vision, q->kv, j->ids, j->nids, j->imgs, j->nimg, ZC_LOGITS_LAST, q->logits,
                           &q->delta, err, errlen);
    else if ((rc = zc_model_forward_tokens(M->model, q->kv, j->ids, j->nids, 0, ZC_LOGITS_LAST, q->logits)))
        snprintf(err, errlen, "the prompt (%d tokens) does not fit the KV cache", j->nids);
    if (rc)
        srv_engine_end(j);
    return rc;
}

int srv_engine_advance(const srv_model *M, srv_job **jobs, const int32_t *tokens, int n)
{
    const zc_text_config *c = zc_model_config(M->model);
    float *emb = malloc((size_t)n * c->hidden * sizeof(float));
    float *logits = malloc((size_t)n * c->vocab * sizeof(float));
    int32_t *pos = malloc((size_t)n * 3 * sizeof *pos);
    zc_kv **kvs = malloc((size_t)n * sizeof *kvs);
    int rc = emb && logits && pos && kvs ? zc_model_embed(M->model, tokens, n, emb) : -1;
    for (int i = 0; !rc && i < n; i++) {
        srv_seq *q = jobs[i]->seq;
        kvs[i] = q->kv;
        pos[3 * i] = pos[3 * i + 1] = pos[3 * i + 2] = zc_kv_len(q->kv) + q->delta;
    }
    if (!rc)
        rc = zc_model_forward_batch(M->model, kvs, emb, pos, n, logits);
    for (int i = 0; !rc && i < n; i++)
        memcpy(jobs[i]->seq->logits, logits + (size_t)i * c->vocab, (size_t)c->vocab * sizeof(float));
    free(emb);
    free(logits);
    free(pos);
    free(kvs);
    return rc;
}
