/* cmd_generate.c: `zerocad generate`: renders a chat prompt with the checkpoint's template,
 * tokenizes it, runs the text decoder (prefill, then one token at a time with the KV cache),
 * samples with transformers' semantics and streams the decoded text to stdout. Timings go to
 * stderr. --tokens/--ids allow runs without a tokenizer (tests, benchmarks). With --image, the
 * images go through the vision encoder into the <|image_pad|> places (multimodal prefill) and
 * decoding continues with the rope delta of the 3-axis positions. Greedy decoding speculates by
 * default (zc_decode: prompt-lookup drafts verified in one forward pass, the same ids). */
#include "commands.h"
#include "generate_batch.h"
#include "token_list.h"
#include "image_prompt.h"
#include "model.h"
#include "vision.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    const char *dir, *prompt, *prompt_file, *system, *tokens, *draft_corpus;
    int n_new, raw, print_ids, ignore_eos, quiet, no_speculate, max_draft, no_corpus, inexact;
    zc_quant quant;
    zc_sampler_params sp;
    int set_temp, set_k, set_p, set_rep;
    const char **images; /* argc entries */
    int nimages;
    const char **lists;  /* every --tokens (argc entries; several with --batch) */
    int nlists, batch;
} gen_opts;

static void gen_usage(FILE *f)
{
    fprintf(f,
            "usage: zerocad generate -m DIR [--prompt TEXT | --prompt-file F | --tokens ID,...] [--system TEXT]\n"
            "         [--image FILE]... [-n MAX_NEW] [--temp T] [--top-k K] [--top-p P] [--repeat-penalty R]\n"
            "         [--seed S] [-t THREADS] [--quant none|q8|q4] [--raw] [--ids] [--ignore-eos] [--quiet]\n"
            "         [--speculate | --no-speculate] [--draft K] [--draft-corpus FILE | --no-draft-corpus]\n"
            "         [--inexact-verify]\n"
            "Generates text with a Qwen3-VL checkpoint folder on the CPU and streams it to stdout.\n"
            "Sampling defaults come from generation_config.json; --temp 0 is greedy decoding.\n"
            "  --image FILE  a PNG (repeatable). With the chat template each image adds an image part\n"
            "                (<|vision_start|><|image_pad|><|vision_end|>) to the user message, before the\n"
            "                text, in order. With --raw or --tokens, each <|image_pad|> id (config.json\n"
            "                image_token_id) in the prompt stands for one image, in order; the counts must\n"
            "                match. Every pad is then expanded to its image's token count.\n"
            "  --raw         tokenize the prompt as is, without the chat template\n"
            "  --tokens      prompt given as token ids (no tokenizer needed with --ids)\n"
            "  --ids         print the generated token ids (comma separated) instead of text\n"
            "  --ignore-eos  do not stop at the EOS ids (benchmarks)\n"
            "  --quiet       no timings on stderr\n"
            "  --batch B     decode every --tokens prompt (repeatable; with --ids) together, at most B at a\n"
            "                time (continuous batching); one line of ids per prompt, in order\n"
            "  --speculate   (default) greedy decoding drafts up to K ids from earlier text (prompt lookup)\n"
            "                and checks them in one forward pass: the same ids, fewer passes. Ignored when\n"
            "                sampling (--temp > 0). --no-speculate: one forward pass per id\n"
            "  --draft K     drafted ids per step at most (1..16, default 8)\n"
            "  --draft-corpus FILE  text the drafter also looks in (default: a built-in page of CadQuery\n"
            "                idioms; none without a tokenizer); --no-draft-corpus: only the text so far\n"
            "  --inexact-verify  verify more ids per pass than the kernels compute with one-id numerics\n"
            "                (faster today; an id may differ where two logits tie within rounding)\n");
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *g = realloc(buf, cap *= 2);
            if (!g) {
                free(buf);
                buf = NULL;
            }
            buf = g;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = 0;
    return buf;
}

static int parse_args(int argc, char **argv, gen_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int has = v != NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            return 1;
        else if (!strcmp(a, "--raw"))
            o->raw = 1;
        else if (!strcmp(a, "--ids"))
            o->print_ids = 1;
        else if (!strcmp(a, "--ignore-eos"))
            o->ignore_eos = 1;
        else if (!strcmp(a, "--quiet"))
            o->quiet = 1;
        else if (!strcmp(a, "--speculate"))
            o->no_speculate = 0;
        else if (!strcmp(a, "--no-speculate"))
            o->no_speculate = 1;
        else if (!strcmp(a, "--inexact-verify"))
            o->inexact = 1;
        else if (!strcmp(a, "--no-draft-corpus"))
            o->no_corpus = 1;
        else if (!strcmp(a, "--draft-corpus") && has)
            o->draft_corpus = argv[++i];
        else if (!strcmp(a, "--draft") && has && atoi(v) >= 1 && atoi(v) <= ZC_SPEC_MAX_DRAFT)
            o->max_draft = atoi(argv[++i]);
        else if ((!strcmp(a, "-m") || !strcmp(a, "--model")) && has)
            o->dir = argv[++i];
        else if ((!strcmp(a, "-p") || !strcmp(a, "--prompt")) && has)
            o->prompt = argv[++i];
        else if ((!strcmp(a, "-f") || !strcmp(a, "--prompt-file")) && has)
            o->prompt_file = argv[++i];
        else if (!strcmp(a, "--system") && has)
            o->system = argv[++i];
        else if (!strcmp(a, "--tokens") && has)
            o->tokens = o->lists[o->nlists++] = argv[++i];
        else if (!strcmp(a, "--batch") && has && atoi(v) > 0)
            o->batch = atoi(argv[++i]);
        else if (!strcmp(a, "--image") && has)
            o->images[o->nimages++] = argv[++i];
        else if ((!strcmp(a, "-n") || !strcmp(a, "--n-predict")) && has && atoi(v) > 0)
            o->n_new = atoi(argv[++i]);
        else if ((!strcmp(a, "--temp") || !strcmp(a, "--temperature")) && has)
            o->sp.temperature = strtof(argv[++i], NULL), o->set_temp = 1;
        else if (!strcmp(a, "--top-k") && has)
            o->sp.top_k = atoi(argv[++i]), o->set_k = 1;
        else if (!strcmp(a, "--top-p") && has)
            o->sp.top_p = strtof(argv[++i], NULL), o->set_p = 1;
        else if (!strcmp(a, "--repeat-penalty") && has && strtof(v, NULL) > 0)
            o->sp.repetition_penalty = strtof(argv[++i], NULL), o->set_rep = 1;
        else if (!strcmp(a, "--seed") && has)
            o->sp.seed = strtoull(argv[++i], NULL, 10);
        else if ((!strcmp(a, "-t") || !strcmp(a, "--threads")) && has && atoi(v) > 0)
            zc_model_set_threads(atoi(argv[++i]));
        else if (!strcmp(a, "--quant") && has && !zc_quant_parse(v, &o->quant))
            i++;
        else {
            fprintf(stderr, "zerocad generate: bad argument '%s'\n", a);
            return 2;
        }
    }
    int inputs = (o->prompt != NULL) + (o->prompt_file != NULL) + (o->tokens != NULL);
    if (o->batch && (!o->tokens || !o->print_ids || inputs != 1)) {
        fprintf(stderr, "zerocad generate: --batch needs --ids and prompts as --tokens (repeatable)\n");
        return 2;
    }
    if (!o->dir || inputs != 1 || (o->nlists > 1 && !o->batch)) {
        fprintf(stderr, "zerocad generate: need -m DIR and exactly one of --prompt, --prompt-file, --tokens "
                        "(several --tokens with --batch)\n");
        return 2;
    }
    return 0;
}

/* Sampling parameters: generation_config.json unless given on the command line. */
static void resolve_sampling(gen_opts *o, const zc_gen_config *g)
{
    if (!o->set_temp)
        o->sp.temperature = g->do_sample ? g->temperature : 0.0f;
    if (!o->set_k)
        o->sp.top_k = g->top_k;
    if (!o->set_p)
        o->sp.top_p = g->top_p;
    if (!o->set_rep)
        o->sp.repetition_penalty = g->repetition_penalty;
}

/* The chat prompt: optional system message, then the user message with one image part per
 * --image (in order) followed by the text, then the generation prompt. Malloc'd. */
static char *render_chat(const gen_opts *o, const char *text)
{
    zc_chat_part *parts = calloc((size_t)o->nimages + 1, sizeof *parts);
    if (!parts)
        return NULL;
    for (int i = 0; i < o->nimages; i++)
        parts[i].kind = ZC_CHAT_IMAGE;
    parts[o->nimages] = (zc_chat_part){.kind = ZC_CHAT_TEXT, .text = text};
    zc_chat_msg msgs[2];
    size_t k = 0;
    if (o->system)
        msgs[k++] = (zc_chat_msg){.role = "system", .text = o->system};
    msgs[k++] = (zc_chat_msg){.role = "user", .parts = parts, .nparts = (size_t)o->nimages + 1};
    char *out = zc_chat_render(msgs, k, 1);
    free(parts);
    return out;
}

/* Prompt token ids from --tokens, or the rendered and tokenized text. */
static int prompt_ids(const gen_opts *o, const zc_tokenizer *tok, int32_t **ids, int *n)
{
    if (o->tokens) {
        if (cli_parse_token_list(o->tokens, ids, n)) {
            fprintf(stderr, "zerocad generate: --tokens needs ID,ID,... (non-negative integers)\n");
            return -1;
        }
        return 0;
    }
    char *text = o->prompt_file ? read_file(o->prompt_file) : strdup(o->prompt);
    if (!text) {
        fprintf(stderr, "zerocad generate: %s: cannot read: %s\n", o->prompt_file, strerror(errno));
        return -1;
    }
    char *rendered = o->raw ? text : render_chat(o, text);
    if (!o->raw)
        free(text);
    char err[1024];
    size_t nn = 0;
    int rc = rendered ? zc_tokenizer_encode(tok, rendered, strlen(rendered), ids, &nn, err, sizeof err) : -1;
    if (rc)
        fprintf(stderr, "zerocad generate: %s\n", rendered ? err : "out of memory");
    free(rendered);
    *n = (int)nn;
    return rc;
}

static void emit(const gen_opts *o, zc_detok *d, int32_t id, int first)
{
    if (o->print_ids) {
        printf(first ? "%d" : ",%d", id);
    } else if (d) {
        char buf[256];
        size_t k = zc_detok_push(d, id, buf, sizeof buf);
        fwrite(buf, 1, k, stdout);
        while (k == sizeof buf && (k = zc_detok_push(d, -1, buf, sizeof buf)) > 0)
            fwrite(buf, 1, k, stdout);
    }
    fflush(stdout);
}

static void finish_output(const gen_opts *o, zc_detok *d)
{
    if (d && !o->print_ids) {
        char buf[256];
        size_t k;
        while ((k = zc_detok_flush(d, buf, sizeof buf)) > 0)
            fwrite(buf, 1, k, stdout);
    }
    putchar('\n');
    fflush(stdout);
}

/* Prefill of the prompt: text only, or with the images (then *delta is the rope delta). */
static int prefill(const zc_model *m, const cli_images *ci, zc_kv *kv, const int32_t *prompt, int np, float *logits,
                   int *delta)
{
    char err[1024];
    *delta = 0;
    if (!ci->n)
        return zc_model_forward_tokens(m, kv, prompt, np, 0, ZC_LOGITS_LAST, logits);
    if (zc_mm_prefill(m, ci->vision, kv, prompt, np, ci->imgs, ci->n, ZC_LOGITS_LAST, logits, delta, err, sizeof err)) {
        fprintf(stderr, "zerocad generate: %s\n", err);
        return -2;
    }
    return 0;
}

typedef struct {
    const gen_opts *o;
    zc_detok *d;
} emit_ctx;

static int on_token(void *ctx, int32_t id, int index)
{
    emit_ctx *e = ctx;
    emit(e->o, e->d, id, index == 0);
    return 0;
}

/* Ids of the drafting corpus (*corpus NULL when none is used). -1 when --draft-corpus cannot be read. */
static int load_corpus(const gen_opts *o, const zc_tokenizer *tok, const zc_sampler *s, int32_t **corpus, int *n)
{
    char err[1024];
    *corpus = NULL;
    *n = 0;
    if (o->no_speculate || o->no_corpus || !zc_sampler_is_greedy(s) || (!tok && !o->draft_corpus))
        return 0;
    if (!tok) {
        fprintf(stderr, "zerocad generate: --draft-corpus needs the checkpoint's tokenizer\n");
        return -1;
    }
    if (!(*corpus = zc_draft_corpus_ids(tok, o->draft_corpus, n, err, sizeof err))) {
        fprintf(stderr, "zerocad generate: %s\n", err);
        return -1;
    }
    return 0;
}

/* Up to n_new tokens after the prefill (last logits in logits), streamed as they come. */
static int decode(const gen_opts *o, const zc_model *m, zc_kv *kv, zc_sampler *s, zc_detok *d, int32_t *hist, int np,
                  float *logits, int delta, const int32_t *corpus, int n_corpus, zc_decode_stats *st)
{
    emit_ctx e = {o, d};
    zc_decode_opts dopt = {.max_new = o->n_new, .ignore_eos = o->ignore_eos, .pos_delta = delta,
                           .speculate = !o->no_speculate, .max_draft = o->max_draft, .inexact = o->inexact, .adaptive = 1, .corpus = corpus,
                           .n_corpus = n_corpus, .on_token = on_token, .ctx = &e};
    return zc_decode(m, kv, s, hist, np, logits, &dopt, st);
}

/* The speculation counters on stderr, when it was on. */
static void report_speculation(const gen_opts *o, const zc_sampler *s, const zc_decode_stats *st)
{
    if (o->no_speculate || !zc_sampler_is_greedy(s))
        return;
    fprintf(stderr, "zerocad generate: speculation: %d steps for %d tokens (%.2f tokens/step), drafted %ld, "
                    "accepted %ld (%.1f%%)\n",
            st->steps, st->generated, st->steps ? (double)st->generated / st->steps : 0.0, st->drafted, st->accepted,
            st->drafted ? 100.0 * (double)st->accepted / (double)st->drafted : 0.0);
}

static int generate(const gen_opts *o, const zc_model *m, const zc_tokenizer *tok, const cli_images *ci,
                    const int32_t *prompt, int np)
{
    const zc_text_config *c = zc_model_config(m);
    int32_t *hist = malloc((size_t)(np + o->n_new) * sizeof *hist);
    float *logits = malloc((size_t)c->vocab * sizeof(float));
    zc_kv *kv = zc_kv_new(m, np + o->n_new);
    zc_sampler *s = zc_sampler_new(&o->sp, c->vocab);
    zc_detok *d = tok && !o->print_ids ? zc_detok_new_opts(tok, 1) : NULL;
    int delta = 0, rc = -2, n_corpus = 0;
    int32_t *corpus = NULL;
    zc_decode_stats st = {0};
    double t0 = now_s(), t1 = t0, t2 = t0;
    if (!hist || !logits || !kv || !s || (tok && !o->print_ids && !d)) {
        fprintf(stderr, "zerocad generate: out of memory for a %d-token cache\n", np + o->n_new);
    } else if (!load_corpus(o, tok, s, &corpus, &n_corpus)) {
        memcpy(hist, prompt, (size_t)np * sizeof *hist);
        rc = prefill(m, ci, kv, prompt, np, logits, &delta);
        t1 = now_s();
        if (rc != -2)
            rc = decode(o, m, kv, s, d, hist, np, logits, delta, corpus, n_corpus, &st);
        t2 = now_s();
    }
    if (rc != -2)
        finish_output(o, d);
    int n = st.generated;
    if (!o->quiet && rc != -2)
        fprintf(stderr, "zerocad generate: prompt %d tokens (%d images) in %.3f s (%.2f tok/s), generated %d tokens "
                        "in %.3f s (%.2f tok/s), simd %s\n",
                np, ci->n, t1 - t0, np / (t1 - t0), n, t2 - t1, n > 1 ? (n - 1) / (t2 - t1) : 0.0,
                zc_model_simd_name());
    if (!o->quiet && rc != -2)
        report_speculation(o, s, &st);
    free(corpus);
    zc_detok_free(d);
    zc_sampler_free(s);
    zc_kv_free(kv);
    free(logits);
    free(hist);
    return rc ? 1 : 0;
}

static int check_vocab(const zc_model *m, const int32_t *ids, int n)
{
    int vocab = zc_model_config(m)->vocab;
    for (int i = 0; i < n; i++)
        if (ids[i] >= vocab) {
            fprintf(stderr, "zerocad generate: token id %d is outside the vocabulary (%d)\n", ids[i], vocab);
            return -1;
        }
    return 0;
}

/* With --image: checks one pad per image, loads the images into ci and replaces *prompt by the
 * prompt with every pad expanded. */
static int add_images(const gen_opts *o, const zc_model *m, cli_images *ci, int32_t **prompt, int *np)
{
    char err[1024];
    if (!o->nimages)
        return 0;
    if (cli_images_check_pads(m, *prompt, *np, o->images, o->nimages, err, sizeof err) ||
        cli_images_load(o->dir, o->images, o->nimages, ci, err, sizeof err)) {
        fprintf(stderr, "zerocad generate: %s\n", err);
        return -1;
    }
    int n = 0;
    int32_t *full = cli_images_expand(ci, m, *prompt, *np, &n);
    if (!full) {
        fprintf(stderr, "zerocad generate: out of memory\n");
        return -1;
    }
    free(*prompt);
    *prompt = full;
    *np = n;
    return 0;
}

static int run(gen_opts *o)
{
    char err[1024];
    zc_tokenizer *tok = NULL;
    if (!(o->tokens && o->print_ids && !o->draft_corpus) && !(tok = zc_tokenizer_load(o->dir, err, sizeof err))) {
        fprintf(stderr, "zerocad generate: %s\n", err);
        return 1;
    }
    zc_model *m = zc_model_load(o->dir, o->quant, err, sizeof err);
    if (!m) {
        fprintf(stderr, "zerocad generate: %s\n", err);
        zc_tokenizer_free(tok);
        return 1;
    }
    resolve_sampling(o, zc_model_gen_config(m));
    if (o->batch) {
        cli_batch_gen g = {o->dir, o->lists, o->nlists, o->images, o->nimages, o->batch, o->n_new, o->ignore_eos,
                           o->quiet, o->sp};
        int brc = cli_generate_batch(m, &g);
        zc_model_free(m);
        return brc;
    }
    int32_t *prompt = NULL;
    int np = 0, rc = 1;
    cli_images ci = {0};
    if (!prompt_ids(o, tok, &prompt, &np)) {
        if (np == 0)
            fprintf(stderr, "zerocad generate: empty prompt\n");
        else if (!check_vocab(m, prompt, np) && !add_images(o, m, &ci, &prompt, &np))
            rc = generate(o, m, tok, &ci, prompt, np);
    }
    cli_images_free(&ci);
    free(prompt);
    zc_model_free(m);
    zc_tokenizer_free(tok);
    return rc;
}

int cmd_generate(int argc, char **argv)
{
    gen_opts o = {.n_new = 256,
                  .sp = {.temperature = 0, .top_k = 0, .top_p = 1, .repetition_penalty = 1},
                  .images = calloc((size_t)argc, sizeof(char *)),
                  .lists = calloc((size_t)argc, sizeof(char *))};
    if (!o.images || !o.lists) {
        free(o.images), free(o.lists);
        fprintf(stderr, "zerocad generate: out of memory\n");
        return 1;
    }
    int pr = parse_args(argc, argv, &o);
    if (pr)
        gen_usage(pr == 1 ? stdout : stderr);
    int rc = pr ? (pr == 1 ? 0 : 2) : run(&o);
    free(o.images);
    free(o.lists);
    return rc;
}
