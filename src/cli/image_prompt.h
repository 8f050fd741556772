/* image_prompt.h: `--image FILE` support shared by `zerocad logits` and `zerocad generate`: the
 * vision tower and the preprocessed images of a checkpoint folder, and the prompt ids with each
 * image's single <|image_pad|> expanded to that image's token count. See docs/model.md. */
#ifndef ZC_CLI_IMAGE_PROMPT_H
#define ZC_CLI_IMAGE_PROMPT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "vision.h"

typedef struct {
    zc_vision *vision;
    zc_image_patches *imgs;
    int n;
} cli_images;

/* Checks that ids hold exactly n <|image_pad|> tokens (one per image file of paths, in order). 0,
 * or -1 with a one-line message in err (naming the first image without a pad). */
int cli_images_check_pads(const zc_model *m, const int32_t *ids, int nids, const char *const *paths, int n,
                          char *err, size_t errlen);

/* Loads the vision tower of dir and preprocesses the n PNG files. 0, or -1 with a one-line
 * message naming the file in err (out is then empty). */
int cli_images_load(const char *dir, const char *const *paths, int n, cli_images *out, char *err, size_t errlen);
void cli_images_free(cli_images *c);

/* ids with the k-th <|image_pad|> repeated as many times as the k-th image has tokens.
 * Malloc'd (*n_out set); NULL on out of memory. */
int32_t *cli_images_expand(const cli_images *c, const zc_model *m, const int32_t *ids, int nids, int *n_out);

#endif
