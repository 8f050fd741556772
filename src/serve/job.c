/* job.c: a request's job: allocation, and the generated text with the request's stop strings
 * (the text is cut before the first occurrence; while its tail could still become a stop string,
 * those bytes are held back from streaming). */
#include <stdlib.h>
#include <string.h>

#include "serve_internal.h"

srv_job *srv_job_new(void)
{
    srv_job *j = calloc(1, sizeof *j);
    if (j && pthread_cond_init(&j->cv, NULL)) {
        free(j);
        return NULL;
    }
    return j;
}

void srv_job_free(srv_job *j)
{
    if (!j)
        return;
    srv_engine_end(j);
    zc_sampler_free(j->sampler);
    zc_detok_free(j->detok);
    free(j->hist);
    for (int i = 0; j->imgs && i < j->nimg; i++)
        zc_image_patches_free(&j->imgs[i]);
    free(j->imgs);
    free(j->ids);
    for (int i = 0; i < j->nstop; i++)
        free(j->stop[i]);
    free(j->text);
    pthread_cond_destroy(&j->cv);
    free(j);
}

/* Longest k < |stop| such that the text ends with the stop's first k bytes. */
static size_t held_back(const srv_job *j)
{
    size_t hold = 0;
    for (int i = 0; i < j->nstop; i++) {
        size_t sl = strlen(j->stop[i]);
        for (size_t k = sl - 1 < j->len ? sl - 1 : j->len; k > hold; k--)
            if (!memcmp(j->text + j->len - k, j->stop[i], k)) {
                hold = k;
                break;
            }
    }
    return hold;
}

/* Cuts the text at the earliest stop string that starts at or after `from`; 1 if cut. */
static int cut_at_stop(srv_job *j, size_t from)
{
    size_t best = j->len + 1;
    for (int i = 0; i < j->nstop; i++) {
        size_t sl = strlen(j->stop[i]);
        for (size_t p = from; p + sl <= j->len && p < best; p++)
            if (!memcmp(j->text + p, j->stop[i], sl)) {
                best = p;
                break;
            }
    }
    if (best > j->len)
        return 0;
    j->len = best;
    j->text[best] = 0;
    return 1;
}

int srv_job_append(srv_job *j, const char *s, size_t n)
{
    if (j->len + n + 1 > j->cap) {
        size_t cap = j->cap ? j->cap : 256;
        while (cap < j->len + n + 1)
            cap *= 2;
        char *t = realloc(j->text, cap);
        if (!t)
            return -1;
        j->text = t;
        j->cap = cap;
    }
    size_t old = j->len;
    memcpy(j->text + j->len, s, n);
    j->len += n;
    j->text[j->len] = 0;
    size_t maxstop = 0;
    for (int i = 0; i < j->nstop; i++)
        if (strlen(j->stop[i]) > maxstop)
            maxstop = strlen(j->stop[i]);
    size_t from = old + 1 > maxstop ? old + 1 - maxstop : 0;
    if (cut_at_stop(j, from)) {
        j->safe = j->len;
        return 1;
    }
    j->safe = j->len - held_back(j);
    return 0;
}

void srv_job_times(const srv_job *j, double *queue_ms, double *model_ms)
{
    *queue_ms = 1000.0 * (j->t_start - j->t_submit);
    *model_ms = 1000.0 * (j->t_end - j->t_start);
}
