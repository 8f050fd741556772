/* model_views.c: the model stage of the reconstruct pipeline (zrc_model in recon.h): the checkpoint
 * (decoder, vision tower, tokenizer) loaded once; a view set -> preprocessed images -> the
 * Zero-to-CAD prompt with the images in place (embeddings, M-RoPE positions, DeepStack) -> one
 * request of a zc_batch; a finished sequence's tokens -> answer text -> the CadQuery program. */
#include "recon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct zrc_model {
    zc_model *m;
    zc_vision *v;
    zc_tokenizer *tok;
};

zrc_model *zrc_model_open(const char *dir, zc_quant quant, char *err, size_t errlen)
{
    zrc_model *z = calloc(1, sizeof *z);
    if (!z) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (!(z->m = zc_model_load(dir, quant, err, errlen)) || !(z->v = zc_vision_load(dir, err, errlen)) ||
        !(z->tok = zc_tokenizer_load(dir, err, errlen))) {
        zrc_model_close(z);
        return NULL;
    }
    return z;
}

void zrc_model_close(zrc_model *z)
{
    if (!z)
        return;
    zc_tokenizer_free(z->tok);
    zc_vision_free(z->v);
    zc_model_free(z->m);
    free(z);
}

const zc_model *zrc_model_lm(const zrc_model *z)
{
    return z->m;
}

void zrc_model_sampling(const zrc_model *z, int sample, zc_sampler_params *sp)
{
    const zc_gen_config *gc = zc_model_gen_config(z->m);
    if (sp->temperature < 0)
        sp->temperature = sample && gc->do_sample ? gc->temperature : sample ? 0.7f : 0.0f;
    if (sp->top_k < 0)
        sp->top_k = gc->top_k;
    if (sp->top_p < 0)
        sp->top_p = gc->top_p;
    if (sp->repetition_penalty < 0)
        sp->repetition_penalty = gc->repetition_penalty;
}

int zrc_model_queue(const zrc_model *z, zc_batch *b, const zrc_views *views, const zc_recon_gen *g, void *user,
                    char *err, size_t errlen)
{
    zc_image_patches imgs[ZRC_MAX_VIEWS] = {{0}};
    zc_mm_inputs in = {0};
    int32_t *ids = NULL;
    int n = 0, id = -1, rc = views->n < 1 || views->n > ZRC_MAX_VIEWS ? -1 : 0;
    if (rc)
        snprintf(err, errlen, "%d views (1 to %d)", views->n, ZRC_MAX_VIEWS);
    for (int i = 0; !rc && i < views->n; i++)
        rc = zc_image_preprocess(zc_vision_image_proc(z->v), views->rgb[i], views->w[i], views->h[i], &imgs[i], err,
                                 errlen);
    if (!rc && (!(ids = zc_reconstruct_prompt(z->m, z->v, z->tok, imgs, views->n, g, &n, err, errlen)) ||
                zc_mm_inputs_make(z->m, z->v, ids, n, imgs, views->n, &in, err, errlen)))
        rc = -1;
    if (!rc) {
        zc_batch_req r = {.tokens = ids, .n = n, .max_new = g->max_new, .sp = g->sp, .user = user};
        zc_mm_inputs_request(&in, &r);
        if ((id = zc_batch_add(b, &r)) < 0)
            snprintf(err, errlen, "out of memory queueing a %d-token prompt", n);
    }
    zc_mm_inputs_free(&in);
    free(ids);
    for (int i = 0; i < views->n && i < ZRC_MAX_VIEWS; i++)
        zc_image_patches_free(&imgs[i]);
    return id;
}

char *zrc_model_answer(const zrc_model *z, const int32_t *tokens, int n)
{
    return zc_tokenizer_decode(z->tok, tokens, (size_t)(n > 0 ? n : 0), 1);
}

int zrc_model_generate(const zrc_model *z, const zrc_views *views, const zc_recon_gen *g, char ***texts, char *err,
                       size_t errlen)
{
    zc_image_patches imgs[ZRC_MAX_VIEWS] = {{0}};
    int rc = views->n < 1 || views->n > ZRC_MAX_VIEWS ? -1 : 0;
    if (rc)
        snprintf(err, errlen, "%d views (1 to %d)", views->n, ZRC_MAX_VIEWS);
    for (int i = 0; !rc && i < views->n; i++)
        rc = zc_image_preprocess(zc_vision_image_proc(z->v), views->rgb[i], views->w[i], views->h[i], &imgs[i], err,
                                 errlen);
    if (!rc)
        rc = zc_reconstruct_generate(z->m, z->v, z->tok, imgs, views->n, g, texts, err, errlen);
    for (int i = 0; i < views->n && i < ZRC_MAX_VIEWS; i++)
        zc_image_patches_free(&imgs[i]);
    return rc;
}
