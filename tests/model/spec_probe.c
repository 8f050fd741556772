/* spec_probe.c: test driver for zc_decode (speculative decoding) and zc_kv_truncate; prints JSON
 * for tests/model/test_model_speculate.py.
 * A first argument --q8 loads the weights as q8.
 *   spec_probe gen DIR IDS N [--spec K] [--rep R] [--ignore-eos] [--cap C] [--image PNG]...
 *                            [--oracle IDS [--wrong M]]
 *       greedy decoding of up to N ids after IDS (with --image: each image_token_id in IDS is one
 *       image, expanded); --spec 0 (default) one id per pass, K > 0 speculation with up to K drafts;
 *       --oracle forces the drafts to come from IDS2 (the ids expected after the prompt), with every
 *       M-th of them (by position) made wrong; --cap C: a cache of prompt + C positions; --exact:
 *       passes no wider than zc_model_exact_batch (else any width: the protocol is what is tested).
 *       {"ids":[...],"rc":0,"steps":S,"drafted":D,"accepted":A}
 *   spec_probe truncate DIR IDS A KEEP B
 *       logits of the ids B after IDS + A, where A ran as one batch and the cache was truncated to
 *       keep its first KEEP ids, and the same from a fresh cache where only A[:KEEP] ran.
 *       {"truncated":[[...]...],"scratch":[[...]...]}
 *   spec_probe clone DIR IDS B
 *       logits of the ids B after IDS in a clone (zc_kv_clone, a larger capacity) of a cache that
 *       held exactly IDS, and the same in one cache: {"cloned":[[...]...],"direct":[[...]...]}; fails
 *       unless a clone smaller than the cached length is refused
 *   spec_probe lookup HIST CORPUS NGRAM KMAX   (no checkpoint; CORPUS "-": none)
 *       the drafter's proposal after HIST: {"draft":[...]}
 *   spec_probe rows DIR IDS B
 *       the ids B after IDS as one forward pass (all logits) and one at a time: {"max_abs_diff":x,"equal":0|1} */
#include "vision.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IMAGES 8

static int32_t *parse_ids(const char *s, int *n)
{
    int32_t *ids = malloc((strlen(s) + 1) * sizeof *ids);
    int k = 0;
    for (const char *p = s; ids && *p;) {
        char *end;
        ids[k++] = (int32_t)strtol(p, &end, 10);
        p = *end ? end + 1 : end;
    }
    *n = k;
    return ids;
}

static int fail(const char *msg)
{
    fprintf(stderr, "spec_probe: %s\n", msg);
    return 1;
}

static void print_ids(const int32_t *ids, int n)
{
    putchar('[');
    for (int i = 0; i < n; i++)
        printf(i ? ",%d" : "%d", ids[i]);
    putchar(']');
}

static void print_rows(const float *v, int rows, int cols)
{
    putchar('[');
    for (int r = 0; r < rows; r++) {
        printf(r ? ",[" : "[");
        for (int c = 0; c < cols; c++)
            printf(c ? ",%.9g" : "%.9g", (double)v[(size_t)r * cols + c]);
        putchar(']');
    }
    putchar(']');
}

typedef struct {
    const int32_t *script; /* ids expected after the prompt */
    int n_script, n_prompt, wrong, vocab;
} oracle;

/* Drafts script[g..g+kmax) where g = ids generated so far; every wrong-th (by position g+j) is
 * replaced by another id. */
static int oracle_draft(void *ctx, const int32_t *hist, int n, int32_t *draft, int kmax)
{
    (void)hist;
    const oracle *o = ctx;
    int g = n - o->n_prompt, k = 0;
    for (; k < kmax && g + k < o->n_script; k++) {
        draft[k] = o->script[g + k];
        if (o->wrong > 0 && (g + k) % o->wrong == 0)
            draft[k] = (draft[k] + 1) % o->vocab;
    }
    return k;
}

typedef struct {
    int n_new, spec, ignore_eos, cap, nimg, exact;
    float rep;
    const char *images[MAX_IMAGES];
    oracle orc;
    int use_oracle;
} gen_args;

static int parse_gen(int argc, char **argv, gen_args *a)
{
    for (int i = 5; i < argc; i++) {
        const char *s = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(s, "--ignore-eos"))
            a->ignore_eos = 1;
        else if (!strcmp(s, "--exact"))
            a->exact = 1;
        else if (!v)
            return -1;
        else if (!strcmp(s, "--spec"))
            a->spec = atoi(argv[++i]);
        else if (!strcmp(s, "--rep"))
            a->rep = strtof(argv[++i], NULL);
        else if (!strcmp(s, "--cap"))
            a->cap = atoi(argv[++i]);
        else if (!strcmp(s, "--wrong"))
            a->orc.wrong = atoi(argv[++i]);
        else if (!strcmp(s, "--oracle"))
            a->orc.script = parse_ids(argv[++i], &a->orc.n_script), a->use_oracle = 1;
        else if (!strcmp(s, "--image") && a->nimg < MAX_IMAGES)
            a->images[a->nimg++] = argv[++i];
        else
            return -1;
    }
    return 0;
}

/* Prefill of ids (text, or with the images: pads expanded, *ids replaced); kv made for cap more. */
static int prefill(const zc_model *m, const gen_args *a, const char *dir, int32_t **ids, int *n, zc_kv **kv,
                   float *logits, int *delta)
{
    char err[1024];
    *delta = 0;
    if (!a->nimg) {
        *kv = zc_kv_new(m, *n + a->cap);
        return *kv ? zc_model_forward_tokens(m, *kv, *ids, *n, 0, ZC_LOGITS_LAST, logits) : -1;
    }
    zc_vision *v = zc_vision_load(dir, err, sizeof err);
    zc_image_patches imgs[MAX_IMAGES] = {{0}};
    int counts[MAX_IMAGES], rc = v ? 0 : -1, nfull = 0;
    for (int i = 0; !rc && i < a->nimg; i++) {
        rc = zc_image_preprocess_png(zc_vision_image_proc(v), a->images[i], &imgs[i], err, sizeof err);
        counts[i] = rc ? 0 : zc_image_tokens(&imgs[i], zc_vision_get_config(v)->merge);
    }
    int32_t *full = rc ? NULL : zc_expand_image_pads(*ids, *n, zc_model_config(m)->image_token_id, counts, a->nimg,
                                                     &nfull);
    if (full) {
        free(*ids);
        *ids = full;
        *n = nfull;
        *kv = zc_kv_new(m, nfull + a->cap);
        rc = zc_mm_prefill(m, v, *kv, full, nfull, imgs, a->nimg, ZC_LOGITS_LAST, logits, delta, err, sizeof err);
    } else if (!rc) {
        snprintf(err, sizeof err, "image pads do not match the images");
        rc = -1;
    }
    if (rc)
        fprintf(stderr, "spec_probe: %s\n", err);
    for (int i = 0; i < a->nimg; i++)
        zc_image_patches_free(&imgs[i]);
    zc_vision_free(v);
    return rc;
}

static int cmd_gen(int argc, char **argv, const zc_model *m)
{
    gen_args a = {.rep = 1.0f};
    if (argc < 5 || parse_gen(argc, argv, &a))
        return fail("usage: gen DIR IDS N [--spec K] [--rep R] [--ignore-eos] [--cap C] [--image PNG]... "
                    "[--oracle IDS [--wrong M]]");
    a.n_new = atoi(argv[4]);
    a.cap = a.cap > 0 ? a.cap : a.n_new;
    int np = 0, delta = 0, V = zc_model_config(m)->vocab;
    int32_t *ids = parse_ids(argv[3], &np);
    float *logits = malloc((size_t)V * sizeof(float));
    zc_kv *kv = NULL;
    zc_sampler_params sp = {.temperature = 0, .top_p = 1, .repetition_penalty = a.rep};
    zc_sampler *s = zc_sampler_new(&sp, V);
    int rc = ids && logits && s ? prefill(m, &a, argv[2], &ids, &np, &kv, logits, &delta) : -1;
    int32_t *hist = rc ? NULL : malloc((size_t)(np + a.n_new) * sizeof *hist);
    if (hist) {
        memcpy(hist, ids, (size_t)np * sizeof *hist);
        a.orc.n_prompt = np;
        a.orc.vocab = V;
        zc_decode_opts o = {.max_new = a.n_new, .ignore_eos = a.ignore_eos, .pos_delta = delta, .speculate = a.spec > 0,
                            .max_draft = a.spec, .inexact = !a.exact, .draft = a.use_oracle ? oracle_draft : NULL, .draft_ctx = &a.orc};
        zc_decode_stats st;
        int drc = zc_decode(m, kv, s, hist, np, logits, &o, &st);
        printf("{\"ids\":");
        print_ids(hist + np, st.generated);
        printf(",\"rc\":%d,\"steps\":%d,\"drafted\":%ld,\"accepted\":%ld,\"kv_len\":%d,\"exact_batch\":%d}\n", drc,
               st.steps, st.drafted, st.accepted, zc_kv_len(kv), zc_model_exact_batch(m));
    }
    free(hist);
    zc_sampler_free(s);
    zc_kv_free(kv);
    free(logits);
    free(ids);
    free((void *)a.orc.script);
    return hist ? 0 : fail("generation failed");
}

static int cmd_truncate(int argc, char **argv, const zc_model *m)
{
    if (argc != 7)
        return fail("usage: truncate DIR IDS A KEEP B");
    int np, na, nb, keep = atoi(argv[5]), V = zc_model_config(m)->vocab;
    int32_t *p = parse_ids(argv[3], &np), *a = parse_ids(argv[4], &na), *b = parse_ids(argv[6], &nb);
    float *last = malloc((size_t)V * 4), *t = malloc((size_t)nb * V * 4), *f = malloc((size_t)nb * V * 4);
    zc_kv *k1 = zc_kv_new(m, np + na + nb), *k2 = zc_kv_new(m, np + na + nb);
    int rc = !p || !a || !b || !last || !t || !f || !k1 || !k2 || keep < 1 || keep > na;
    rc = rc || zc_model_forward_tokens(m, k1, p, np, 0, ZC_LOGITS_LAST, last) ||
         zc_model_forward_tokens(m, k1, a, na, 0, ZC_LOGITS_LAST, last) || zc_kv_truncate(k1, np + keep) ||
         zc_kv_len(k1) != np + keep || zc_model_forward_tokens(m, k1, b, nb, 0, ZC_LOGITS_ALL, t);
    rc = rc || zc_model_forward_tokens(m, k2, p, np, 0, ZC_LOGITS_LAST, last) ||
         zc_model_forward_tokens(m, k2, a, keep, 0, ZC_LOGITS_LAST, last) ||
         zc_model_forward_tokens(m, k2, b, nb, 0, ZC_LOGITS_ALL, f);
    rc = rc || !zc_kv_truncate(k1, zc_kv_len(k1) + 1) || !zc_kv_truncate(k1, -1); /* both out of range */
    if (!rc) {
        printf("{\"truncated\":");
        print_rows(t, nb, V);
        printf(",\"scratch\":");
        print_rows(f, nb, V);
        printf("}\n");
    }
    zc_kv_free(k1);
    zc_kv_free(k2);
    free(p), free(a), free(b), free(last), free(t), free(f);
    return rc ? fail("truncate failed") : 0;
}

static int cmd_clone(int argc, char **argv, const zc_model *m)
{
    if (argc != 5)
        return fail("usage: clone DIR IDS B");
    int np, nb, V = zc_model_config(m)->vocab;
    int32_t *p = parse_ids(argv[3], &np), *b = parse_ids(argv[4], &nb);
    float *last = malloc((size_t)V * 4), *c = malloc((size_t)nb * V * 4), *d = malloc((size_t)nb * V * 4);
    zc_kv *src = zc_kv_new(m, np), *one = zc_kv_new(m, np + nb + 5), *cl = NULL, *small = NULL;
    int rc = !p || !b || !last || !c || !d || !src || !one;
    rc = rc || zc_model_forward_tokens(m, src, p, np, 0, ZC_LOGITS_LAST, last);
    if (!rc) {
        cl = zc_kv_clone(m, src, np + nb + 3);
        small = zc_kv_clone(m, src, np - 1);
    }
    rc = rc || !cl || small || zc_kv_len(cl) != np || zc_kv_capacity(cl) != np + nb + 3 ||
         zc_model_forward_tokens(m, cl, b, nb, 0, ZC_LOGITS_ALL, c) ||
         zc_model_forward_tokens(m, one, p, np, 0, ZC_LOGITS_LAST, last) ||
         zc_model_forward_tokens(m, one, b, nb, 0, ZC_LOGITS_ALL, d);
    if (!rc) {
        printf("{\"cloned\":");
        print_rows(c, nb, V);
        printf(",\"direct\":");
        print_rows(d, nb, V);
        printf("}\n");
    }
    zc_kv_free(src), zc_kv_free(one), zc_kv_free(cl), zc_kv_free(small);
    free(p), free(b), free(last), free(c), free(d);
    return rc ? fail("clone failed") : 0;
}

static int cmd_rows(int argc, char **argv, const zc_model *m)
{
    if (argc != 5)
        return fail("usage: rows DIR IDS B");
    int np, nb, V = zc_model_config(m)->vocab;
    int32_t *p = parse_ids(argv[3], &np), *b = parse_ids(argv[4], &nb);
    float *batch = malloc((size_t)nb * V * 4), *one = malloc((size_t)nb * V * 4);
    zc_kv *k1 = zc_kv_new(m, np + nb), *k2 = zc_kv_new(m, np + nb);
    int rc = !p || !b || !batch || !one || !k1 || !k2;
    rc = rc || zc_model_forward_tokens(m, k1, p, np, 0, ZC_LOGITS_LAST, one) ||
         zc_model_forward_tokens(m, k1, b, nb, 0, ZC_LOGITS_ALL, batch) ||
         zc_model_forward_tokens(m, k2, p, np, 0, ZC_LOGITS_LAST, one);
    for (int i = 0; !rc && i < nb; i++)
        rc = zc_model_forward_tokens(m, k2, b + i, 1, 0, ZC_LOGITS_LAST, one + (size_t)i * V);
    if (!rc) {
        double mx = 0;
        for (size_t i = 0; i < (size_t)nb * V; i++)
            mx = fmax(mx, fabs((double)batch[i] - (double)one[i]));
        printf("{\"max_abs_diff\":%.9g,\"equal\":%d}\n", mx, !memcmp(batch, one, (size_t)nb * V * 4));
    }
    zc_kv_free(k1);
    zc_kv_free(k2);
    free(p), free(b), free(batch), free(one);
    return rc ? fail("rows failed") : 0;
}

static int cmd_lookup(int argc, char **argv)
{
    if (argc != 6)
        return fail("usage: lookup HIST CORPUS NGRAM KMAX");
    int nh, nc = 0, kmax = atoi(argv[5]);
    int32_t *h = parse_ids(argv[2], &nh), *c = strcmp(argv[3], "-") ? parse_ids(argv[3], &nc) : NULL;
    int32_t *d = malloc((size_t)(kmax > 0 ? kmax : 1) * sizeof *d);
    int n = h && d ? zc_draft_lookup_corpus(h, nh, c, nc, atoi(argv[4]), d, kmax) : -1;
    if (n >= 0) {
        printf("{\"draft\":");
        print_ids(d, n);
        printf("}\n");
    }
    free(h), free(c), free(d);
    return n < 0 ? fail("lookup failed") : 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "lookup"))
        return cmd_lookup(argc, argv);
    char err[1024];
    zc_quant q = argc > 1 && !strcmp(argv[1], "--q8") ? ZC_QUANT_Q8 : ZC_QUANT_NONE;
    argc -= q != ZC_QUANT_NONE, argv += q != ZC_QUANT_NONE;
    if (argc < 3)
        return fail("usage: spec_probe [--q8] gen|truncate|rows DIR ...");
    zc_model *m = zc_model_load(argv[2], q, err, sizeof err);
    if (!m)
        return fail(err);
    int rc = !strcmp(argv[1], "gen")        ? cmd_gen(argc, argv, m)
             : !strcmp(argv[1], "truncate") ? cmd_truncate(argc, argv, m)
             : !strcmp(argv[1], "clone")    ? cmd_clone(argc, argv, m)
             : !strcmp(argv[1], "rows")     ? cmd_rows(argc, argv, m)
                                            : fail("unknown mode");
    zc_model_free(m);
    return rc;
}
