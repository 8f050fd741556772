/* peak.c: measures this machine's memory read bandwidth (OpenMP threads streaming a buffer much
 * larger than the caches, on transparent huge pages where the kernel gives them, as the model's
 * quantized weights are: on a Zen 4 one core read 25-27 GB/s on 4 KB pages, 29-30 on huge pages)
 * and fp32 GEMM peak (OpenBLAS sgemm), for the model benchmark's roofline figures; the bandwidth
 * also per CPU time (bytes / (process CPU seconds / threads)), the figure to compare with CPU-time
 * decode rates on a shared machine. Usage: peak THREADS; prints one JSON object. Built by
 * bench/model/bench_model.py. */
#include <cblas.h>
#include <immintrin.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

__attribute__((target("avx2"))) static double read_pass(const __m256i *p, size_t n)
{
    __m256i acc = _mm256_setzero_si256();
    uint64_t sum = 0;
#pragma omp parallel for schedule(static) reduction(+ : sum)
    for (size_t i = 0; i < n; i += 4) {
        __m256i a = _mm256_xor_si256(_mm256_load_si256(p + i), _mm256_load_si256(p + i + 1));
        __m256i b = _mm256_xor_si256(_mm256_load_si256(p + i + 2), _mm256_load_si256(p + i + 3));
        a = _mm256_xor_si256(a, b);
        sum += (uint64_t)_mm256_extract_epi64(a, 0);
    }
    (void)acc;
    return (double)sum;
}

static double cpu_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double bandwidth(int threads, double *per_cpu)
{
    size_t bytes = (size_t)1 << 30;
    __m256i *buf = aligned_alloc((size_t)2 << 20, bytes);
    madvise(buf, bytes, MADV_HUGEPAGE); /* advice: without THP the pages stay 4 KB */
    memset(buf, 1, bytes);
    double best = 0, bestc = 0, sink = 0;
    for (int r = 0; r < 6; r++) {
        double t0 = now_s(), c0 = cpu_now_s();
        sink += read_pass(buf, bytes / 32);
        double gbs = bytes / (now_s() - t0) / 1e9, gbc = bytes / ((cpu_now_s() - c0) / threads) / 1e9;
        best = gbs > best ? gbs : best;
        bestc = gbc > bestc ? gbc : bestc;
    }
    free(buf);
    *per_cpu = bestc;
    return best + 0 * sink;
}

static double gemm_peak(int threads)
{
    int n = 2048;
    float *a = malloc((size_t)n * n * 4), *b = malloc((size_t)n * n * 4), *c = malloc((size_t)n * n * 4);
    for (size_t i = 0; i < (size_t)n * n; i++)
        a[i] = b[i] = (float)(i % 7) * 0.1f;
    openblas_set_num_threads(threads);
    double best = 0;
    for (int r = 0; r < 4; r++) {
        double t0 = now_s();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, n, 1.0f, a, n, b, n, 0.0f, c, n);
        double gf = 2.0 * n * n * (double)n / (now_s() - t0) / 1e9;
        best = gf > best ? gf : best;
    }
    free(a);
    free(b);
    free(c);
    return best;
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 2;
    omp_set_num_threads(threads);
    double bwc, bw = bandwidth(threads, &bwc);
    double gf = gemm_peak(threads);
    printf("{\"threads\": %d, \"read_bandwidth_GBs\": %.2f, \"read_bandwidth_cpu_GBs\": %.2f, "
           "\"sgemm_peak_GFLOPs\": %.1f}\n", threads, bw, bwc, gf);
    return 0;
}
