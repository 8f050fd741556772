/* job_build.c: a parsed request -> a job, on the HTTP thread (the scheduler only runs the model):
 * the chat prompt tokenized, each image's PNG decoded (its size checked first) and preprocessed,
 * its <|image_pad|> expanded to the image's token count, the sampling parameters (the request's,
 * else generation_config.json's) and the completion budget within the context. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <spng.h>

#include "serve_internal.h"

static int oom(zc_serve_error *e)
{
    return zc_serve_fail(e, 500, "server_error", NULL, NULL, "out of memory");
}

static int bad_image(zc_serve_error *e, int k, const char *msg)
{
    return zc_serve_fail(e, 400, "invalid_request_error", "invalid_image", NULL, "image %d: %s", k + 1, msg);
}

/* The PNG's size from its header, before anything is allocated for its pixels. */
static int check_png_size(const uint8_t *data, size_t len, long max_pixels, int k, zc_serve_error *e)
{
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (len < 8 || memcmp(data, sig, 8))
        return bad_image(e, k, "not a PNG (only PNG images are supported)");
    spng_ctx *ctx = spng_ctx_new(0);
    struct spng_ihdr ihdr;
    int rc = ctx ? spng_set_png_buffer(ctx, data, len) : SPNG_EMEM;
    if (!rc)
        rc = spng_get_ihdr(ctx, &ihdr);
    spng_ctx_free(ctx);
    if (rc)
        return zc_serve_fail(e, 400, "invalid_request_error", "invalid_image", NULL, "image %d: not a readable PNG (%s)",
                             k + 1, spng_strerror(rc));
    if ((double)ihdr.width * ihdr.height > (double)max_pixels)
        return zc_serve_fail(e, 400, "invalid_request_error", "image_too_large", NULL,
                             "image %d: %ux%u pixels, more than the limit of %ld", k + 1, ihdr.width, ihdr.height,
                             max_pixels);
    return 0;
}

static int load_image(const srv_model *M, const zc_serve_part *p, int k, zc_image_patches *out, zc_serve_error *e)
{
    if (check_png_size(p->data, p->len, M->limits.max_image_pixels, k, e))
        return -1;
    uint8_t *rgb = NULL;
    int w = 0, h = 0;
    char err[512];
    if (zc_image_decode_png(p->data, p->len, "PNG", &rgb, &w, &h, err, sizeof err))
        return bad_image(e, k, err);
    int rc = zc_image_preprocess(zc_vision_image_proc(M->vision), rgb, w, h, out, err, sizeof err);
    free(rgb);
    return rc ? bad_image(e, k, err) : 0;
}

static int load_images(const srv_model *M, const zc_serve_request *r, srv_job *j, zc_serve_error *e)
{
    if (!r->nimages)
        return 0;
    if (!M->vision)
        return zc_serve_fail(e, 400, "invalid_request_error", "images_not_supported", "messages",
                             "the model %s has no vision tower: it takes no images", M->name);
    if (!(j->imgs = calloc((size_t)r->nimages, sizeof *j->imgs)))
        return oom(e);
    for (size_t i = 0; i < r->nmsgs; i++)
        for (size_t k = 0; k < r->msgs[i].nparts; k++)
            if (r->msgs[i].parts[k].is_image) {
                if (load_image(M, &r->msgs[i].parts[k], j->nimg, &j->imgs[j->nimg], e))
                    return -1;
                j->nimg++;
            }
    return 0;
}

/* Tokenized prompt with every image's pad expanded. */
static int tokenize(const srv_model *M, const zc_serve_request *r, srv_job *j, zc_serve_error *e)
{
    char *text = zc_serve_render_prompt(r), err[512];
    int32_t *ids = NULL;
    size_t n = 0;
    if (!text)
        return oom(e);
    int rc = zc_tokenizer_encode(M->tok, text, strlen(text), &ids, &n, err, sizeof err);
    free(text);
    if (rc)
        return zc_serve_fail(e, 400, "invalid_request_error", "invalid_value", "messages", "%s", err);
    const zc_text_config *c = zc_model_config(M->model);
    int pads = 0;
    for (size_t i = 0; i < n; i++) {
        pads += ids[i] == c->image_token_id;
        if (ids[i] < 0 || ids[i] >= c->vocab) {
            free(ids);
            return zc_serve_fail(e, 400, "invalid_request_error", "invalid_value", "messages",
                                 "the prompt has token id %d, outside the model's vocabulary (%d)", ids[i], c->vocab);
        }
    }
    if (pads != j->nimg) {
        free(ids);
        return zc_serve_fail(e, 400, "invalid_request_error", "invalid_value", "messages",
                             "the message text holds <|image_pad|> tokens of its own (%d pads for %d images)",
                             pads, j->nimg);
    }
    int *counts = malloc((size_t)(j->nimg ? j->nimg : 1) * sizeof *counts);
    for (int k = 0; counts && k < j->nimg; k++)
        counts[k] = zc_image_tokens(&j->imgs[k], zc_vision_get_config(M->vision)->merge);
    j->ids = counts ? zc_expand_image_pads(ids, (int)n, c->image_token_id, counts, j->nimg, &j->nids) : NULL;
    free(counts);
    free(ids);
    return j->ids ? 0 : oom(e);
}

static uint64_t fresh_seed(void)
{
    static uint64_t counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ((uint64_t)ts.tv_sec * 1000000007u) ^ (uint64_t)ts.tv_nsec ^
           (__atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED) << 40);
}

static void sampling(const srv_model *M, const zc_serve_request *r, srv_job *j)
{
    const zc_gen_config *g = zc_model_gen_config(M->model);
    j->sp.temperature = r->has_temperature ? r->temperature : g->do_sample ? g->temperature : 0.0f;
    j->sp.top_p = r->has_top_p ? r->top_p : g->top_p;
    j->sp.top_k = r->has_top_k ? r->top_k : g->top_k;
    j->sp.repetition_penalty = r->has_rep ? r->repetition_penalty : g->repetition_penalty;
    j->sp.seed = r->has_seed ? r->seed : fresh_seed();
}

static int budget(const srv_model *M, const zc_serve_request *r, srv_job *j, zc_serve_error *e)
{
    long room = (long)M->ctx - j->nids;
    if (room < 1)
        return zc_serve_fail(e, 400, "invalid_request_error", "context_length_exceeded", "messages",
                             "the prompt is %d tokens: the context is %d (zerocad serve --ctx)", j->nids, M->ctx);
    if (r->max_tokens > room)
        return zc_serve_fail(e, 400, "invalid_request_error", "context_length_exceeded", "max_tokens",
                             "prompt (%d tokens) + max_tokens (%ld) exceed the context of %d tokens", j->nids,
                             r->max_tokens, M->ctx);
    j->max_new = (int)(r->max_tokens > 0 ? r->max_tokens : (M->default_max_tokens < room ? M->default_max_tokens : room));
    return 0;
}

int srv_job_build(const srv_model *M, const zc_serve_request *r, srv_job **out, zc_serve_error *e)
{
    srv_job *j = srv_job_new();
    if (!j)
        return oom(e);
    int rc = load_images(M, r, j, e);
    if (!rc)
        rc = tokenize(M, r, j, e);
    if (!rc)
        rc = budget(M, r, j, e);
    for (int i = 0; !rc && i < r->nstop; i++) {
        if (!(j->stop[i] = strdup(r->stop[i])))
            rc = oom(e);
        j->nstop = i + 1;
    }
    if (rc) {
        srv_job_free(j);
        return -1;
    }
    sampling(M, r, j);
    *out = j;
    return 0;
}
