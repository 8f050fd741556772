/* image_prompt.c: `--image FILE` support shared by `zerocad logits` and `zerocad generate`:
 * loading the vision tower and the images, checking that the prompt has one <|image_pad|> per
 * image, and expanding each pad to the image's token count (grid_t*grid_h*grid_w / merge^2). */
#include "image_prompt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_images_check_pads(const zc_model *m, const int32_t *ids, int nids, const char *const *paths, int n,
                          char *err, size_t errlen)
{
    int pad = zc_model_config(m)->image_token_id, have = 0;
    if (pad < 0) {
        snprintf(err, errlen, "config.json has no image_token_id: the checkpoint takes no images");
        return -1;
    }
    for (int i = 0; i < nids; i++)
        have += ids[i] == pad;
    if (have < n) {
        snprintf(err, errlen, "%s: no <|image_pad|> (id %d) left in the prompt for this image: the prompt has %d, "
                              "%d --image file(s) were given", paths[have], pad, have, n);
        return -1;
    }
    if (have > n) {
        snprintf(err, errlen, "the prompt has %d <|image_pad|> tokens (id %d) but only %d --image file(s) were given: "
                              "one pad per image", have, pad, n);
        return -1;
    }
    return 0;
}

void cli_images_free(cli_images *c)
{
    for (int i = 0; c->imgs && i < c->n; i++)
        zc_image_patches_free(&c->imgs[i]);
    free(c->imgs);
    zc_vision_free(c->vision);
    memset(c, 0, sizeof *c);
}

int cli_images_load(const char *dir, const char *const *paths, int n, cli_images *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!(out->vision = zc_vision_load(dir, err, errlen)))
        return -1;
    if (!(out->imgs = calloc((size_t)n, sizeof *out->imgs))) {
        snprintf(err, errlen, "out of memory");
        cli_images_free(out);
        return -1;
    }
    for (; out->n < n; out->n++)
        if (zc_image_preprocess_png(zc_vision_image_proc(out->vision), paths[out->n], &out->imgs[out->n], err,
                                    errlen)) {
            cli_images_free(out);
            return -1;
        }
    return 0;
}

int32_t *cli_images_expand(const cli_images *c, const zc_model *m, const int32_t *ids, int nids, int *n_out)
{
    int *counts = malloc((size_t)(c->n > 0 ? c->n : 1) * sizeof *counts);
    if (!counts)
        return NULL;
    for (int i = 0; i < c->n; i++)
        counts[i] = zc_image_tokens(&c->imgs[i], zc_vision_get_config(c->vision)->merge);
    int32_t *out = zc_expand_image_pads(ids, nids, zc_model_config(m)->image_token_id, counts, c->n, n_out);
    free(counts);
    return out;
}
