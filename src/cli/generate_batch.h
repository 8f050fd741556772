/* generate_batch.h: `zerocad generate --batch B`: several --tokens prompts decoded together with
 * the model's continuous batching (zc_batch), one line of generated ids per prompt. */
#ifndef ZC_CLI_GENERATE_BATCH_H
#define ZC_CLI_GENERATE_BATCH_H

#include "model.h"

typedef struct {
    const char *dir;             /* the checkpoint (vision tower for images) */
    const char *const *lists;    /* comma-separated prompt ids, one per sequence */
    int nlists;
    const char *const *images;   /* PNGs: the same images for every prompt (one pad each) */
    int nimages;
    int batch, n_new, ignore_eos, quiet;
    zc_sampler_params sp;
} cli_batch_gen;

/* Prints each prompt's generated ids (comma separated) on its own line, in prompt order. Returns the
 * exit status (0, 1 failure, 2 bad input). */
int cli_generate_batch(const zc_model *m, const cli_batch_gen *g);

#endif
