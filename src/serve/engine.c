/* engine.c: the model under the scheduler: a job's prefill (text, or images through the vision
 * tower with the M-RoPE rope delta) into its own KV cache, and one decode step for a set of jobs.
 * This backend decodes the set one sequence after the other (zc_model_forward_tokens); the
 * scheduler sees only begin / advance / end, so a batched backend replaces this file alone. */
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
    int rc = 0;
    for (int i = 0; i < n; i++) {
        srv_seq *q = jobs[i]->seq;
        if (zc_model_forward_tokens(M->model, q->kv, &tokens[i], 1, q->delta, ZC_LOGITS_LAST, q->logits))
            rc = -1;
    }
    return rc;
}
