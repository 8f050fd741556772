/* fuzz_model_config.c: libFuzzer target for the checkpoint config readers: an input is split at
 * its first NUL byte; the part before is written as config.json and the part after, if there is a
 * NUL, as generation_config.json, in a fresh private temporary directory (the readers take a
 * folder). Both must be read or rejected with a message, never crash; a config that is read must
 * hold the sizes the reader promises. */
#define _GNU_SOURCE
#include "config.h"
#include "fuzz_files.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void check_text_config(const zc_text_config *c)
{
    if (c->hidden <= 0 || c->n_layers <= 0 || c->n_heads <= 0 || c->n_kv_heads <= 0 || c->inter <= 0 ||
        c->vocab <= 0 || !(c->eps > 0))
        abort();
    if (c->n_heads % c->n_kv_heads || c->head_dim % 2 || c->mrope[0] + c->mrope[1] + c->mrope[2] != c->head_dim / 2)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[512], config[600], gen[600];
    if (zf_make_dir(dir, sizeof dir, "model-config"))
        abort();
    snprintf(config, sizeof config, "%s/config.json", dir);
    snprintf(gen, sizeof gen, "%s/generation_config.json", dir);
    const uint8_t *nul = memchr(data, 0, size);
    size_t first = nul ? (size_t)(nul - data) : size;
    if (zf_write_file(config, data, first) || (nul && zf_write_file(gen, nul + 1, size - first - 1)))
        abort();
    zc_text_config c;
    zc_gen_config g;
    char err[1024];
    err[0] = 0;
    if (zc_config_load(dir, &c, err, sizeof err) == 0)
        check_text_config(&c);
    else if (!err[0])
        abort();   /* a rejection must say why */
    err[0] = 0;
    if (zc_gen_config_load(dir, &g, err, sizeof err) == 0) {
        if (g.n_eos < 0 || g.n_eos > ZC_MAX_EOS)
            abort();
    } else if (!err[0]) {
        abort();
    }
    unlink(config);
    unlink(gen);
    rmdir(dir);
    return 0;
}
