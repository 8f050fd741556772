/* spec_bench.c: measurements for speculative decoding (bench/spec/bench_spec.py).
 *   spec_bench verify DIR QUANT THREADS PROMPT KMAX REPS
 *       prefills PROMPT random ids, then REPS rounds of: one decode step (1 id, last logits) and one
 *       verify pass of 1 + k ids (all logits) for k = 1..KMAX, in alternating order, the cache truncated
 *       back after each so every pass sees the same context. Prints the median seconds per k:
 *       {"decode_s":x,"verify_s":[k=1,..],"ratio":[...]}
 *   spec_bench lookup K NGRAM  (stdin: lines "PROMPT_IDS;ANSWER_IDS[;CORPUS_IDS]", ids comma-separated)
 *       replays zc_decode's speculation (fixed k) with a model that answers ANSWER exactly: per line
 *       the steps, drafted and accepted ids of the prompt-lookup drafter (with the corpus when given).
 *       One JSON object per line.
 *   spec_bench corpus
 *       prints the built-in drafting corpus (text). */
#define _POSIX_C_SOURCE 200809L
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Seconds of one forward pass of 1 + k ids at the current cache length (then truncated back). */
static double timed_pass(const zc_model *m, zc_kv *kv, const int32_t *ids, int k, float *logits)
{
    int len = zc_kv_len(kv);
    double t0 = now_s();
    if (zc_model_forward_tokens(m, kv, ids, k + 1, 0, k ? ZC_LOGITS_ALL : ZC_LOGITS_LAST, logits))
        return -1;
    double t = now_s() - t0;
    zc_kv_truncate(kv, len);
    return t;
}

static int cmd_verify(int argc, char **argv)
{
    zc_quant quant;
    if (argc != 8 || zc_quant_parse(argv[3], &quant))
        return fprintf(stderr, "usage: spec_bench verify DIR none|q8|q4 THREADS PROMPT KMAX REPS\n"), 2;
    char err[1024];
    int np = atoi(argv[5]), kmax = atoi(argv[6]), reps = atoi(argv[7]);
    zc_model_set_threads(atoi(argv[4]));
    zc_model *m = zc_model_load(argv[2], quant, err, sizeof err);
    if (!m || np < 1 || kmax < 1 || kmax > ZC_SPEC_MAX_DRAFT || reps < 1)
        return fprintf(stderr, "spec_bench: %s\n", m ? "bad arguments" : err), 2;
    int V = zc_model_config(m)->vocab;
    int32_t *ids = malloc((size_t)(np + kmax + 1) * sizeof *ids);
    float *logits = malloc((size_t)(kmax + 1) * V * sizeof(float));
    double *t = malloc((size_t)(kmax + 1) * reps * sizeof *t);
    zc_kv *kv = zc_kv_new(m, np + kmax + 1);
    srand(1);
    for (int i = 0; ids && i < np + kmax + 1; i++)
        ids[i] = rand() % V;
    if (!ids || !logits || !t || !kv || zc_model_forward_tokens(m, kv, ids, np, 0, ZC_LOGITS_LAST, logits))
        return fprintf(stderr, "spec_bench: prefill failed\n"), 1;
    timed_pass(m, kv, ids + np, 0, logits); /* warm up */
    for (int r = 0; r < reps; r++)
        for (int j = 0; j <= kmax; j++) {
            int k = r % 2 ? kmax - j : j; /* alternate the order between rounds */
            t[k * reps + r] = timed_pass(m, kv, ids + np, k, logits);
        }
    double med[ZC_SPEC_MAX_DRAFT + 1];
    for (int k = 0; k <= kmax; k++)
        med[k] = median(t + k * reps, reps);
    printf("{\"decode_s\":%.6f,\"verify_s\":[", med[0]);
    for (int k = 1; k <= kmax; k++)
        printf(k > 1 ? ",%.6f" : "%.6f", med[k]);
    printf("],\"ratio\":[");
    for (int k = 1; k <= kmax; k++)
        printf(k > 1 ? ",%.4f" : "%.4f", med[k] / med[0]);
    printf("]}\n");
    zc_kv_free(kv);
    zc_model_free(m);
    free(ids), free(logits), free(t);
    return 0;
}

static int parse_ids(char *s, int32_t *out, int cap)
{
    int n = 0;
    for (char *p = strtok(s, ","); p && n < cap; p = strtok(NULL, ","))
        out[n++] = (int32_t)atoi(p);
    return n;
}

/* The loop of zc_decode with a model whose greedy choices are answer[]: the first id comes from the
 * prefill, each step then drafts up to k ids and keeps the prefix that equals the answer, + 1 id. */
static void replay(const int32_t *hist, int np, int na, const int32_t *corpus, int nc, int k, int ngram)
{
    int g = 1, steps = 0;
    long drafted = 0, accepted = 0;
    int32_t d[ZC_SPEC_MAX_DRAFT];
    while (g < na) {
        int kk = k < na - g - 1 ? k : na - g - 1;
        int nd = kk > 0 ? zc_draft_lookup_corpus(hist, np + g, corpus, nc, ngram, d, kk) : 0, a = 0;
        while (a < nd && d[a] == hist[np + g + a])
            a++;
        drafted += nd;
        accepted += a;
        g += a + 1;
        steps++;
    }
    printf("{\"answer_ids\":%d,\"steps\":%d,\"drafted\":%ld,\"accepted\":%ld}\n", na, steps, drafted, accepted);
}

static int cmd_lookup(int argc, char **argv)
{
    if (argc != 4)
        return fprintf(stderr, "usage: spec_bench lookup K NGRAM < lines\n"), 2;
    int k = atoi(argv[2]), ngram = atoi(argv[3]);
    size_t cap = 1 << 20;
    char *line = malloc(cap);
    int32_t *hist = malloc(cap * sizeof *hist), *corpus = malloc(cap * sizeof *corpus);
    while (line && hist && corpus && fgets(line, (int)cap, stdin)) {
        char *semi = strchr(line, ';'), *semi2 = semi ? strchr(semi + 1, ';') : NULL;
        if (!semi)
            continue;
        *semi = 0;
        if (semi2)
            *semi2 = 0;
        int np = parse_ids(line, hist, (int)cap);
        int na = parse_ids(semi + 1, hist + np, (int)cap - np);
        int nc = semi2 ? parse_ids(semi2 + 1, corpus, (int)cap) : 0;
        replay(hist, np, na, nc ? corpus : NULL, nc, k < ZC_SPEC_MAX_DRAFT ? k : ZC_SPEC_MAX_DRAFT, ngram);
    }
    free(line);
    free(hist);
    free(corpus);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "verify"))
        return cmd_verify(argc, argv);
    if (argc > 1 && !strcmp(argv[1], "lookup"))
        return cmd_lookup(argc, argv);
    if (argc > 1 && !strcmp(argv[1], "corpus"))
        return fputs(zc_draft_corpus_builtin(), stdout) < 0;
    fprintf(stderr, "usage: spec_bench verify|lookup|corpus ...\n");
    return 2;
}
