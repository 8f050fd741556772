/* bench_ttft.c: time to first token of the reconstruct prompt, in one process so that the paths can
 * alternate: for each thread count and each repetition, the fp32 path ("old": zc_model_set_gemm_bf16(0))
 * and the bf16 path ("new") measure in turn
 *   vision  - zc_vision_encode of the views' patches,
 *   text    - the decoder prefill of the expanded prompt's ids (zc_model_forward_tokens, last logits),
 *   ttft    - PNG files -> patches -> prompt ids -> zc_mm_prefill -> greedy first token,
 * and the fastest of the repetitions is printed as JSON for bench_vision.py, with the process CPU
 * seconds of that run (on a machine shared with other jobs, CPU seconds / threads estimates the
 * wall time of a quiet machine) and how far the bf16 results are from the fp32 ones (relative RMS
 * difference of the vision embeddings and of the first token's logits, and whether that token agrees).
 *   bench_ttft DIR THREADS[,THREADS...] REPS PNG... */
#include "model.h"
#include "vision.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* User + system CPU seconds of the process so far. */
static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_sec +
           1e-6 * (double)ru.ru_stime.tv_usec;
}

typedef struct {
    double wall, cpu;
} span;

static span span_since(double w0, double c0)
{
    return (span){now() - w0, cpu_now() - c0};
}

/* sqrt(sum (a-b)^2 / sum b^2) */
static double rms_rel(const float *a, const float *b, size_t n)
{
    double d = 0, r = 0;
    for (size_t i = 0; i < n; i++) {
        d += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
        r += (double)b[i] * b[i];
    }
    return r > 0 ? sqrt(d / r) : 0;
}

typedef struct {
    zc_model *m;
    zc_vision *v;
    zc_tokenizer *tok;
    char **pngs;
    int nviews;
    int32_t *ids; /* expanded prompt */
    int n;
    float *logits;
    zc_kv *kv;
    float *emb_out[2], *logits_out[2]; /* per path: vision embeddings and first-token logits, first run */
    size_t emb_len;
} bench;

static int die(const char *msg)
{
    fprintf(stderr, "bench_ttft: %s\n", msg);
    exit(1);
}

static int load_views(bench *b, zc_image_patches *imgs, char *err, size_t errlen)
{
    for (int i = 0; i < b->nviews; i++)
        if (zc_image_preprocess_png(zc_vision_image_proc(b->v), b->pngs[i], &imgs[i], err, errlen))
            return -1;
    return 0;
}

/* The reconstruct prompt (default system and user text) with every view's pads expanded. */
static int32_t *prompt_ids(bench *b, const zc_image_patches *imgs, int *n)
{
    char err[512], *text = zc_chat_render_cad(ZC_CAD_SYSTEM, (size_t)b->nviews, 1, ZC_CAD_USER);
    int32_t *ids = NULL, *full = NULL;
    size_t nids = 0;
    int counts[64];
    if (text && b->nviews <= 64 && !zc_tokenizer_encode(b->tok, text, strlen(text), &ids, &nids, err, sizeof err)) {
        for (int i = 0; i < b->nviews; i++)
            counts[i] = zc_image_tokens(&imgs[i], zc_vision_get_config(b->v)->merge);
        full = zc_expand_image_pads(ids, (int)nids, zc_model_config(b->m)->image_token_id, counts, b->nviews, n);
    }
    free(text);
    free(ids);
    return full;
}

static int argmax(const float *l, int n)
{
    int best = 0;
    for (int i = 1; i < n; i++)
        best = l[i] > l[best] ? i : best;
    return best;
}

static span time_vision(bench *b, const zc_image_patches *imgs, int path)
{
    const zc_vision_config *c = zc_vision_get_config(b->v);
    int ntok = 0;
    char err[512];
    for (int i = 0; i < b->nviews; i++)
        ntok += zc_image_tokens(&imgs[i], c->merge);
    float *emb = malloc((size_t)ntok * c->out_hidden * 4), *ds[ZC_VISION_MAX_DEEPSTACK] = {0};
    for (int i = 0; i < c->n_deepstack; i++)
        ds[i] = malloc((size_t)ntok * c->out_hidden * 4);
    double w0 = now(), c0 = cpu_now();
    if (zc_vision_encode(b->v, imgs, b->nviews, emb, ds, err, sizeof err))
        die(err);
    span t = span_since(w0, c0);
    b->emb_len = (size_t)ntok * c->out_hidden;
    if (!b->emb_out[path])
        b->emb_out[path] = emb;
    else
        free(emb);
    for (int i = 0; i < c->n_deepstack; i++)
        free(ds[i]);
    return t;
}

static span time_text(bench *b)
{
    zc_kv_reset(b->kv);
    double w0 = now(), c0 = cpu_now();
    if (zc_model_forward_tokens(b->m, b->kv, b->ids, b->n, 0, ZC_LOGITS_LAST, b->logits))
        die("text prefill failed");
    return span_since(w0, c0);
}

/* Everything from the PNG files to the first token; returns its id in *first. */
static span time_ttft(bench *b, int path, int *first)
{
    char err[512];
    zc_image_patches imgs[64];
    int n, delta;
    double w0 = now(), c0 = cpu_now();
    if (load_views(b, imgs, err, sizeof err))
        die(err);
    int32_t *ids = prompt_ids(b, imgs, &n);
    if (!ids)
        die("prompt");
    zc_kv_reset(b->kv);
    if (zc_mm_prefill(b->m, b->v, b->kv, ids, n, imgs, b->nviews, ZC_LOGITS_LAST, b->logits, &delta, err, sizeof err))
        die(err);
    int V = zc_model_config(b->m)->vocab;
    *first = argmax(b->logits, V);
    span t = span_since(w0, c0);
    if (!b->logits_out[path] && (b->logits_out[path] = malloc((size_t)V * 4)))
        memcpy(b->logits_out[path], b->logits, (size_t)V * 4);
    for (int i = 0; i < b->nviews; i++)
        zc_image_patches_free(&imgs[i]);
    free(ids);
    return t;
}

static void print_path(const char *name, const span *best, int tok)
{
    printf(",\"%s\":{\"vision_s\":%.4f,\"vision_cpu_s\":%.4f,\"text_prefill_s\":%.4f,\"text_prefill_cpu_s\":%.4f,"
           "\"ttft_s\":%.4f,\"ttft_cpu_s\":%.4f,\"first_token\":%d}",
           name, best[0].wall, best[0].cpu, best[1].wall, best[1].cpu, best[2].wall, best[2].cpu, tok);
}

static void run_threads(bench *b, int threads, int reps, const zc_image_patches *imgs, int first_row)
{
    span best[2][3];
    int tok[2] = {-1, -1};
    for (int p = 0; p < 2; p++)
        for (int k = 0; k < 3; k++)
            best[p][k] = (span){1e30, 1e30};
    zc_model_set_threads(threads);
    for (int r = 0; r < reps; r++)
        for (int p = 0; p < 2; p++) {
            zc_model_set_gemm_bf16(p);
            span t[3];
            t[0] = time_vision(b, imgs, p);
            t[1] = time_text(b);
            t[2] = time_ttft(b, p, &tok[p]);
            for (int k = 0; k < 3; k++)
                if (t[k].wall < best[p][k].wall)
                    best[p][k] = t[k];
            fprintf(stderr, "bench_ttft: %d threads, %s, rep %d: vision %.2f s (cpu %.2f), text %.2f s (cpu %.2f), "
                    "ttft %.2f s (cpu %.2f)\n", threads, p ? "bf16" : "f32", r + 1, t[0].wall, t[0].cpu, t[1].wall,
                    t[1].cpu, t[2].wall, t[2].cpu);
        }
    printf("%s{\"threads\":%d", first_row ? "" : ",", threads);
    print_path("f32", best[0], tok[0]);
    print_path("bf16", best[1], tok[1]);
    printf("}");
}

int main(int argc, char **argv)
{
    char err[1024];
    bench b = {0};
    if (argc < 5)
        return die("usage: bench_ttft DIR THREADS[,THREADS...] REPS PNG...");
    int reps = atoi(argv[3]);
    b.pngs = argv + 4;
    b.nviews = argc - 4;
    if (b.nviews > 64 || reps < 1)
        return die("at most 64 views, at least one repetition");
    if (!(b.m = zc_model_load(argv[1], ZC_QUANT_NONE, err, sizeof err)) ||
        !(b.v = zc_vision_load(argv[1], err, sizeof err)) || !(b.tok = zc_tokenizer_load(argv[1], err, sizeof err)))
        return die(err);
    zc_image_patches imgs[64];
    if (load_views(&b, imgs, err, sizeof err) || !(b.ids = prompt_ids(&b, imgs, &b.n)))
        return die("views or prompt");
    b.kv = zc_kv_new(b.m, b.n);
    b.logits = malloc((size_t)zc_model_config(b.m)->vocab * 4);
    int bf16_default = zc_model_set_gemm_bf16(1), bf16_available = zc_model_set_gemm_bf16(bf16_default);
    printf("{\"prompt_tokens\":%d,\"views\":%d,\"simd\":\"%s\",\"bf16_available\":%d,\"runs\":[", b.n, b.nviews,
           zc_model_simd_name(), bf16_available);
    char *list = strdup(argv[2]);
    int first = 1;
    for (char *s = strtok(list, ","); s; s = strtok(NULL, ","), first = 0)
        run_threads(&b, atoi(s), reps, imgs, first);
    int V = zc_model_config(b.m)->vocab;
    printf("],\"bf16_vs_f32\":{\"vision_embeds_rms_rel\":%.3g,\"first_logits_rms_rel\":%.3g,\"same_first_token\":%d}}\n",
           b.emb_out[0] && b.emb_out[1] ? rms_rel(b.emb_out[1], b.emb_out[0], b.emb_len) : -1.0,
           b.logits_out[0] && b.logits_out[1] ? rms_rel(b.logits_out[1], b.logits_out[0], (size_t)V) : -1.0,
           b.logits_out[0] && b.logits_out[1] && argmax(b.logits_out[0], V) == argmax(b.logits_out[1], V));
    for (int p = 0; p < 2; p++) {
        free(b.emb_out[p]);
        free(b.logits_out[p]);
    }
    free(list);
    for (int i = 0; i < b.nviews; i++)
        zc_image_patches_free(&imgs[i]);
    free(b.ids);
    free(b.logits);
    zc_kv_free(b.kv);
    zc_tokenizer_free(b.tok);
    zc_vision_free(b.v);
    zc_model_free(b.m);
    return 0;
}
