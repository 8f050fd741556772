/* cmd_logits.c: `zerocad logits`: runs token ids through the text decoder of a checkpoint and
 * prints the logits as JSON, for checking numerics against a reference. */
#include "commands.h"
#include "model.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void logits_usage(FILE *f)
{
    fprintf(f, "usage: zerocad logits -m DIR --tokens ID,ID,... [--all] [--quant none|q8] [-t THREADS]\n"
               "Prints {\"tokens\": [...], \"logits\": [...]}: the last position's logits, or a list per\n"
               "position with --all. DIR is a Hugging Face Qwen3-VL (or Qwen3) checkpoint folder.\n");
}

/* Parses "1,2,3" into a malloc'd array. -1 on a bad list. */
static int parse_ids(const char *s, int32_t **out, int *n)
{
    int32_t *ids = malloc((strlen(s) / 2 + 1) * sizeof *ids);
    int k = 0;
    const char *p = s;
    for (;;) {
        char *end;
        errno = 0;
        long v = ids ? strtol(p, &end, 10) : -1;
        if (!ids || end == p || errno || v < 0 || v > INT32_MAX || (*end && *end != ',')) {
            free(ids);
            return -1;
        }
        ids[k++] = (int32_t)v;
        if (!*end)
            break;
        p = end + 1;
    }
    *out = ids;
    *n = k;
    return 0;
}

static void print_row(const float *l, int n)
{
    putchar('[');
    for (int i = 0; i < n; i++)
        printf(i ? ",%.9g" : "%.9g", (double)l[i]);
    putchar(']');
}

static int run_logits(const char *dir, const int32_t *ids, int n, int all, zc_quant q)
{
    char err[1024];
    zc_model *m = zc_model_load(dir, q, err, sizeof err);
    if (!m) {
        fprintf(stderr, "zerocad logits: %s\n", err);
        return 1;
    }
    const zc_text_config *c = zc_model_config(m);
    for (int i = 0; i < n; i++)
        if (ids[i] >= c->vocab) {
            fprintf(stderr, "zerocad logits: token id %d is outside the vocabulary (%d)\n", ids[i], c->vocab);
            zc_model_free(m);
            return 1;
        }
    zc_kv *kv = zc_kv_new(m, n);
    float *logits = malloc((size_t)(all ? n : 1) * (size_t)c->vocab * sizeof(float));
    int rc = !kv || !logits ||
             zc_model_forward_tokens(m, kv, ids, n, 0, all ? ZC_LOGITS_ALL : ZC_LOGITS_LAST, logits);
    if (rc) {
        fprintf(stderr, "zerocad logits: out of memory\n");
    } else {
        printf("{\"tokens\":[");
        for (int i = 0; i < n; i++)
            printf(i ? ",%d" : "%d", ids[i]);
        printf("],\"logits\":");
        if (all) {
            putchar('[');
            for (int i = 0; i < n; i++) {
                if (i)
                    putchar(',');
                print_row(logits + (size_t)i * c->vocab, c->vocab);
            }
            putchar(']');
        } else {
            print_row(logits, c->vocab);
        }
        printf("}\n");
    }
    free(logits);
    zc_kv_free(kv);
    zc_model_free(m);
    return rc ? 1 : 0;
}

int cmd_logits(int argc, char **argv)
{
    const char *dir = NULL, *toks = NULL;
    int all = 0;
    zc_quant q = ZC_QUANT_NONE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            logits_usage(stdout);
            return 0;
        } else if (!strcmp(a, "--all")) {
            all = 1;
        } else if ((!strcmp(a, "-m") || !strcmp(a, "--model")) && v) {
            dir = v, i++;
        } else if (!strcmp(a, "--tokens") && v) {
            toks = v, i++;
        } else if (!strcmp(a, "--quant") && v && (!strcmp(v, "none") || !strcmp(v, "q8"))) {
            q = !strcmp(v, "q8") ? ZC_QUANT_Q8 : ZC_QUANT_NONE, i++;
        } else if ((!strcmp(a, "-t") || !strcmp(a, "--threads")) && v && atoi(v) > 0) {
            zc_model_set_threads(atoi(v)), i++;
        } else {
            fprintf(stderr, "zerocad logits: bad argument '%s'\n", a);
            logits_usage(stderr);
            return 2;
        }
    }
    int32_t *ids = NULL;
    int n = 0;
    if (!dir || !toks || parse_ids(toks, &ids, &n)) {
        fprintf(stderr, "zerocad logits: need -m DIR and --tokens ID,ID,... (non-negative integers)\n");
        return 2;
    }
    int rc = run_logits(dir, ids, n, all, q);
    free(ids);
    return rc;
}
