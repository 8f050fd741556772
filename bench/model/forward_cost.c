/* forward_cost.c: times zc_model on one checkpoint and weight format: decode (one token per
 * forward after a prompt) and forwards of n = 1, 2, 4, 8, 9, 16 rows at the same cache position
 * (what a speculative verification or a batched step costs against one decode step), alternating
 * the n values over several rounds and keeping each one's fastest time. Prints one JSON object
 * with the weight bytes read per token and the process's peak RSS. Besides wall-clock figures it
 * reports CPU-time ones (process CPU seconds / threads): on a shared, oversubscribed machine they
 * estimate the time with the cores to ourselves (stalls on memory count as CPU time).
 * usage: bench_model_forward DIR none|q8|q4 THREADS [GEN] [ROUNDS] */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#define PROMPT 64
#define PREFIX 16
#define MAXN 16

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int argmax(const float *l, int n)
{
    int b = 0;
    for (int i = 1; i < n; i++)
        if (l[i] > l[b])
            b = i;
    return b;
}

int main(int argc, char **argv)
{
    zc_quant q;
    if (argc < 4 || zc_quant_parse(argv[2], &q) || atoi(argv[3]) <= 0) {
        fprintf(stderr, "usage: bench_model_forward DIR " ZC_QUANT_NAMES " THREADS [GEN] [ROUNDS]\n");
        return 2;
    }
    int gen = argc > 4 ? atoi(argv[4]) : 32, rounds = argc > 5 ? atoi(argv[5]) : 5;
    zc_model_set_threads(atoi(argv[3]));
    char err[512];
    double t0 = now_s();
    zc_model *m = zc_model_load(argv[1], q, err, sizeof err);
    if (!m) {
        fprintf(stderr, "bench_model_forward: %s\n", err);
        return 1;
    }
    double load_s = now_s() - t0;
    int vocab = zc_model_config(m)->vocab;
    zc_kv *kv = zc_kv_new(m, PROMPT + gen + MAXN + 8);
    float *logits = malloc((size_t)MAXN * vocab * sizeof(float));
    int32_t toks[PROMPT];
    srand(1);
    for (int i = 0; i < PROMPT; i++)
        toks[i] = rand() % (vocab < 150000 ? vocab : 150000);
    if (!kv || !logits || zc_model_forward_tokens(m, kv, toks, PROMPT, 0, ZC_LOGITS_LAST, logits))
        return 1;
    int32_t next = argmax(logits, vocab), threads = atoi(argv[3]);
    t0 = now_s();
    double c0 = cpu_s();
    for (int i = 0; i < gen; i++) {
        zc_model_forward_tokens(m, kv, &next, 1, 0, ZC_LOGITS_LAST, logits);
        next = argmax(logits, vocab);
    }
    double decode_tok_s = gen / (now_s() - t0), decode_tok_s_cpu = gen * threads / (cpu_s() - c0);

    static const int NS[] = {1, 2, 4, 8, 9, 16};
    enum { NN = sizeof NS / sizeof NS[0] };
    double best[NN], bestc[NN];
    for (int k = 0; k < NN; k++)
        best[k] = bestc[k] = 1e30;
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < NN; k++) {
            zc_kv_reset(kv);
            zc_model_forward_tokens(m, kv, toks, PREFIX, 0, ZC_LOGITS_NONE, logits);
            t0 = now_s();
            double c1 = cpu_s();
            zc_model_forward_tokens(m, kv, toks + PREFIX, NS[k], 0, ZC_LOGITS_ALL, logits);
            double t = now_s() - t0, c = (cpu_s() - c1) / threads;
            best[k] = t < best[k] ? t : best[k];
            bestc[k] = c < bestc[k] ? c : bestc[k];
        }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("{\"quant\": \"%s\", \"threads\": %s, \"simd\": \"%s\", \"weight_bytes\": %zu, \"load_s\": %.2f, "
           "\"decode_tok_s\": %.3f, \"decode_tok_s_cpu\": %.3f, \"peak_rss_bytes\": %ld, \"forward_ms\": {",
           argv[2], argv[3], zc_model_simd_name(), zc_model_weight_bytes(m), load_s, decode_tok_s, decode_tok_s_cpu,
           ru.ru_maxrss * 1024L);
    for (int k = 0; k < NN; k++)
        printf("%s\"%d\": %.2f", k ? ", " : "", NS[k], best[k] * 1e3);
    printf("}, \"forward_ms_cpu\": {");
    for (int k = 0; k < NN; k++)
        printf("%s\"%d\": %.2f", k ? ", " : "", NS[k], bestc[k] * 1e3);
    printf("}}\n");
    zc_kv_free(kv);
    free(logits);
    zc_model_free(m);
    return 0;
}
