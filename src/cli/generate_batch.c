/* generate_batch.c: `zerocad generate --batch B --tokens A --tokens B ...`: every prompt (with the
 * same --image files in its pads, when given) is queued in a zc_batch of at most B sequences and
 * decoded together; then one line of generated ids per prompt, in prompt order. Used by the tests
 * (batched greedy = unbatched greedy) and the batch benchmark. */
#include "generate_batch.h"
#include "image_prompt.h"
#include "token_list.h"
#include "vision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Queues prompt k (pads expanded with the images when there are any). 0, or 1/2 on failure. */
static int queue_prompt(const zc_model *m, const cli_batch_gen *g, const cli_images *ci, zc_batch *b, int k)
{
    int32_t *ids = NULL, *full = NULL;
    int n = 0, nfull = 0, rc = 2;
    char err[1024];
    zc_mm_inputs in = {0};
    if (cli_parse_token_list(g->lists[k], &ids, &n) || n < 1) {
        fprintf(stderr, "zerocad generate: --tokens needs ID,ID,... (non-negative integers): '%s'\n", g->lists[k]);
        return 2;
    }
    zc_batch_req r = {.tokens = ids, .n = n, .max_new = g->n_new, .ignore_eos = g->ignore_eos, .sp = g->sp};
    if (ci->n) {
        if (cli_images_check_pads(m, ids, n, g->images, g->nimages, err, sizeof err) ||
            !(full = cli_images_expand(ci, m, ids, n, &nfull)) ||
            zc_mm_inputs_make(m, ci->vision, full, nfull, ci->imgs, ci->n, &in, err, sizeof err)) {
            fprintf(stderr, "zerocad generate: prompt %d: %s\n", k + 1, full ? err : "out of memory");
            goto out;
        }
        r.tokens = full, r.n = nfull;
        zc_mm_inputs_request(&in, &r);
    }
    if (zc_batch_add(b, &r) < 0)
        fprintf(stderr, "zerocad generate: prompt %d: a token id is outside the vocabulary (%d)\n", k + 1,
                zc_model_config(m)->vocab);
    else
        rc = 0;
out:
    zc_mm_inputs_free(&in);
    free(full);
    free(ids);
    return rc;
}

static int decode_all(zc_batch *b, zc_batch_result *res, int n, long *tokens, double *prefill)
{
    int got = 0, rc = 0;
    while (got < n) {
        if (zc_batch_step(b) < 0)
            rc = 1;
        zc_batch_result r;
        while (zc_batch_take(b, &r)) {
            res[r.id] = r;
            *tokens += r.n;
            *prefill += r.prefill_s;
            got++;
        }
    }
    return rc;
}

int cli_generate_batch(const zc_model *m, const cli_batch_gen *g)
{
    char err[1024];
    cli_images ci = {0};
    if (g->nimages && cli_images_load(g->dir, g->images, g->nimages, &ci, err, sizeof err)) {
        fprintf(stderr, "zerocad generate: %s\n", err);
        return 1;
    }
    zc_batch *b = zc_batch_new(m, g->batch);
    zc_batch_result *res = calloc((size_t)g->nlists, sizeof *res);
    int rc = b && res ? 0 : 1;
    for (int k = 0; !rc && k < g->nlists; k++)
        rc = queue_prompt(m, g, &ci, b, k);
    long tokens = 0;
    double t0 = now_s(), prefill = 0;
    if (!rc)
        rc = decode_all(b, res, g->nlists, &tokens, &prefill);
    double t = now_s() - t0, dec = t - prefill;
    for (int k = 0; !rc && k < g->nlists; k++) {
        for (int i = 0; i < res[k].n; i++)
            printf(i ? ",%d" : "%d", res[k].tokens[i]);
        putchar('\n');
    }
    if (!rc && !g->quiet)
        fprintf(stderr, "zerocad generate: %d sequences, batch %d: prefill %.3f s, generated %ld tokens in %.3f s "
                        "(decode %.2f tok/s), simd %s\n",
                g->nlists, g->batch, prefill, tokens, t, tokens / (dec > 0 ? dec : 1), zc_model_simd_name());
    if (rc == 1 && b && res)
        fprintf(stderr, "zerocad generate: batched generation failed (out of memory)\n");
    for (int k = 0; res && k < g->nlists; k++)
        free(res[k].tokens);
    free(res);
    zc_batch_free(b);
    cli_images_free(&ci);
    return rc;
}
