/* curate_vision.c: the `-m DIR` descriptor: the views of a row through the vision encoder of a
 * Qwen3-VL checkpoint (the patches as the model's image processor makes them), the merged patch
 * embeddings of all views averaged into one out_hidden vector, scaled to unit L2 norm. */
#include "curate.h"
#include "vision.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct zcur_vision {
    zc_vision *v;
    int dim, merge;
};

zcur_vision *zcur_vision_open(const char *dir, char *err, size_t errlen)
{
    zcur_vision *z = calloc(1, sizeof *z);
    if (!z) {
        snprintf(err, errlen, "%s: out of memory", dir);
        return NULL;
    }
    if (!(z->v = zc_vision_load(dir, err, errlen))) {
        free(z);
        return NULL;
    }
    z->dim = zc_vision_get_config(z->v)->out_hidden;
    z->merge = zc_vision_get_config(z->v)->merge;
    return z;
}

int zcur_vision_dim(const zcur_vision *v)
{
    return v->dim;
}

void zcur_vision_close(zcur_vision *v)
{
    if (!v)
        return;
    zc_vision_free(v->v);
    free(v);
}

/* Decodes and preprocesses the present views into imgs; *nimg and *tokens count them. */
static int prepare(zcur_vision *z, const unsigned char *const *png, const size_t *png_len, const char *name,
                   zc_image_patches *imgs, int *nimg, long *tokens, char *err, size_t errlen)
{
    for (int v = 0; v < ZCUR_VIEWS; v++) {
        if (!png[v])
            continue;
        char what[160];
        snprintf(what, sizeof what, "%s image_%d", name, v);
        uint8_t *rgb = NULL;
        int w = 0, h = 0;
        if (zc_image_decode_png(png[v], png_len[v], what, &rgb, &w, &h, err, errlen))
            return -1;
        char why[512];
        int rc = zc_image_preprocess(zc_vision_image_proc(z->v), rgb, w, h, &imgs[*nimg], why, sizeof why);
        free(rgb);
        if (rc) {
            snprintf(err, errlen, "%s: %s", what, why);
            return -1;
        }
        *tokens += zc_image_tokens(&imgs[*nimg], z->merge);
        (*nimg)++;
    }
    return 0;
}

static void mean_unit(const float *emb, long tokens, int dim, float *desc)
{
    double norm = 0;
    for (int j = 0; j < dim; j++) {
        double s = 0;
        for (long t = 0; t < tokens; t++)
            s += emb[(size_t)t * dim + j];
        desc[j] = (float)(s / (double)tokens);
        norm += (double)desc[j] * desc[j];
    }
    if (norm > 0)
        for (int j = 0; j < dim; j++)
            desc[j] = (float)(desc[j] / sqrt(norm));
}

int zcur_vision_describe(zcur_vision *z, const unsigned char *const *png, const size_t *png_len, const char *name,
                         float *desc, char *err, size_t errlen)
{
    zc_image_patches imgs[ZCUR_VIEWS];
    memset(imgs, 0, sizeof imgs);
    int nimg = 0;
    long tokens = 0;
    memset(desc, 0, (size_t)z->dim * sizeof *desc);
    int rc = prepare(z, png, png_len, name, imgs, &nimg, &tokens, err, errlen);
    if (!rc && nimg == 0) {
        snprintf(err, errlen, "%s: no views (image_0..7) to embed with the vision encoder", name);
        rc = -1;
    }
    float *emb = rc ? NULL : malloc((size_t)tokens * z->dim * sizeof *emb);
    if (!rc && !emb) {
        snprintf(err, errlen, "%s: out of memory for %ld image tokens", name, tokens);
        rc = -1;
    }
    if (!rc) {
        char why[512];
        rc = zc_vision_encode(z->v, imgs, nimg, emb, NULL, why, sizeof why);
        if (rc)
            snprintf(err, errlen, "%s: vision encoder: %s", name, why);
        else
            mean_unit(emb, tokens, z->dim, desc);
    }
    free(emb);
    for (int i = 0; i < nimg; i++)
        zc_image_patches_free(&imgs[i]);
    return rc;
}
