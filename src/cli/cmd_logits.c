/* cmd_logits.c: `zerocad logits`: runs token ids (optionally with images in the <|image_pad|>
 * places) through a checkpoint's decoder and prints the logits as JSON, for checking numerics
 * against a reference. */
#include "commands.h"
#include "token_list.h"
#include "image_prompt.h"
#include "model.h"
#include "vision.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *dir, *toks;
    int all;
    zc_quant quant;
    const char **images; /* argc entries */
    int nimages;
} logits_opts;

static void logits_usage(FILE *f)
{
    fprintf(f, "usage: zerocad logits -m DIR --tokens ID,ID,... [--image FILE]... [--all] [--quant none|q8|q4]\n"
               "         [-t THREADS]\n"
               "Prints {\"tokens\": [...], \"logits\": [...]}: the last position's logits, or a list per\n"
               "position with --all. DIR is a Hugging Face Qwen3-VL (or Qwen3) checkpoint folder.\n"
               "  --image FILE  a PNG (repeatable). Each <|image_pad|> id (config.json image_token_id) in\n"
               "                --tokens stands for one image, in order (their counts must match); it is\n"
               "                expanded to the image's token count and filled by the vision encoder.\n"
               "                \"tokens\" then shows the expanded ids and --all prints every position.\n");
}

static void print_row(const float *l, int n)
{
    putchar('[');
    for (int i = 0; i < n; i++)
        printf(i ? ",%.9g" : "%.9g", (double)l[i]);
    putchar(']');
}

static void print_json(const int32_t *ids, int n, const float *logits, int all, int vocab)
{
    printf("{\"tokens\":[");
    for (int i = 0; i < n; i++)
        printf(i ? ",%d" : "%d", ids[i]);
    printf("],\"logits\":");
    if (all)
        putchar('[');
    for (int i = 0; i < (all ? n : 1); i++) {
        if (i)
            putchar(',');
        print_row(logits + (size_t)i * vocab, vocab);
    }
    if (all)
        putchar(']');
    printf("}\n");
}

/* Prompt ids with each image's pad expanded (the images loaded into ci), or a copy of ids. */
static int32_t *full_ids(const logits_opts *o, const zc_model *m, const int32_t *ids, int n, cli_images *ci,
                         int *n_full, char *err, size_t errlen)
{
    if (!o->nimages) {
        int32_t *out = malloc((size_t)n * sizeof *out);
        if (out)
            memcpy(out, ids, (size_t)n * sizeof *out);
        else
            snprintf(err, errlen, "out of memory");
        *n_full = n;
        return out;
    }
    if (cli_images_check_pads(m, ids, n, o->images, o->nimages, err, errlen) ||
        cli_images_load(o->dir, o->images, o->nimages, ci, err, errlen))
        return NULL;
    int32_t *out = cli_images_expand(ci, m, ids, n, n_full);
    if (!out)
        snprintf(err, errlen, "out of memory");
    return out;
}

static int run_logits(const logits_opts *o, const int32_t *ids0, int n0)
{
    char err[1024];
    zc_model *m = zc_model_load(o->dir, o->quant, err, sizeof err);
    if (!m) {
        fprintf(stderr, "zerocad logits: %s\n", err);
        return 1;
    }
    const zc_text_config *c = zc_model_config(m);
    for (int i = 0; i < n0; i++)
        if (ids0[i] >= c->vocab) {
            fprintf(stderr, "zerocad logits: token id %d is outside the vocabulary (%d)\n", ids0[i], c->vocab);
            zc_model_free(m);
            return 1;
        }
    cli_images ci = {0};
    int n = 0, delta = 0;
    int32_t *ids = full_ids(o, m, ids0, n0, &ci, &n, err, sizeof err);
    zc_kv *kv = ids ? zc_kv_new(m, n) : NULL;
    float *logits = ids ? malloc((size_t)(o->all ? n : 1) * (size_t)c->vocab * sizeof(float)) : NULL;
    zc_logits_mode mode = o->all ? ZC_LOGITS_ALL : ZC_LOGITS_LAST;
    int rc = 1;
    if (ids && (!kv || !logits))
        snprintf(err, sizeof err, "out of memory for %d positions", n);
    else if (ids && o->nimages)
        rc = zc_mm_prefill(m, ci.vision, kv, ids, n, ci.imgs, ci.n, mode, logits, &delta, err, sizeof err) ? 1 : 0;
    else if (ids && zc_model_forward_tokens(m, kv, ids, n, 0, mode, logits))
        snprintf(err, sizeof err, "out of memory");
    else if (ids)
        rc = 0;
    if (rc)
        fprintf(stderr, "zerocad logits: %s\n", err);
    else
        print_json(ids, n, logits, o->all, c->vocab);
    free(logits);
    zc_kv_free(kv);
    free(ids);
    cli_images_free(&ci);
    zc_model_free(m);
    return rc;
}

int cmd_logits(int argc, char **argv)
{
    logits_opts o = {.quant = ZC_QUANT_NONE, .images = calloc((size_t)argc, sizeof(char *))};
    if (!o.images) {
        fprintf(stderr, "zerocad logits: out of memory\n");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            logits_usage(stdout);
            free(o.images);
            return 0;
        } else if (!strcmp(a, "--all")) {
            o.all = 1;
        } else if ((!strcmp(a, "-m") || !strcmp(a, "--model")) && v) {
            o.dir = v, i++;
        } else if (!strcmp(a, "--tokens") && v) {
            o.toks = v, i++;
        } else if (!strcmp(a, "--image") && v) {
            o.images[o.nimages++] = v, i++;
        } else if (!strcmp(a, "--quant") && v && !zc_quant_parse(v, &o.quant)) {
            i++;
        } else if ((!strcmp(a, "-t") || !strcmp(a, "--threads")) && v && atoi(v) > 0) {
            zc_model_set_threads(atoi(v)), i++;
        } else {
            fprintf(stderr, "zerocad logits: bad argument '%s'\n", a);
            logits_usage(stderr);
            free(o.images);
            return 2;
        }
    }
    int32_t *ids = NULL;
    int n = 0, rc = 2;
    if (!o.dir || !o.toks || cli_parse_token_list(o.toks, &ids, &n))
        fprintf(stderr, "zerocad logits: need -m DIR and --tokens ID,ID,... (non-negative integers)\n");
    else
        rc = run_logits(&o, ids, n);
    free(ids);
    free(o.images);
    return rc;
}
