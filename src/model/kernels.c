/* kernels.c: weight-matrix products of the decoder. Up to ZC_SMALL_N rows (decoding, speculative
 * verification, batched decoding) use the small-n product: blocks of four weight rows (q8/q4 panels:
 * one panel of 16), dynamically shared between OpenMP threads, each block multiplied with every
 * activation row while it is in cache (AVX-512: simd_small.c, panels simd_panel.c; otherwise one row
 * dot product per pair, same blocking). Longer
 * prefills convert blocks of weight rows to fp32 and multiply them with our AVX-512 kernel
 * (gemm_avx512.c) or, on other CPUs, with OpenBLAS sgemm (one single-threaded sgemm per OpenMP
 * thread, so the two thread pools never compete). Debian's OpenBLAS 0.3.21 takes recent Xeons for
 * "Prescott" and runs sgemm at a fifth of the machine's peak, hence the own kernel. */
#include "kernels.h"
#include "gemm_avx512.h"
#include "gemm_bf16.h"
#include "gemm_int8.h"
#include "quant.h"
#include "simd_dot.h"
#include "simd_panel.h"
#include "simd_small.h"

#include <cblas.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#define GEMM_ROWS 128 /* weight rows converted per sgemm call */
/* At least this many blocks of four rows (or the same rows in panels) per chunk of the small-n product. Its chunks are guided
 * (each a share of what is left, then down to this size): a thread's rows then are long runs of
 * memory that the kernels' stream prefetch (simd_small.c) can follow. With chunks of 16 blocks
 * throughout, threads took turns through each matrix and fetched each other's rows: two-thread
 * q4 decode on a Zen 4 21.0 -> 29.4 tok/s, q8 16.7 -> 19.0, bf16 11.5 -> 12.0 (medians of 3-4
 * alternating runs of bench_model_forward). */
#define MATVEC_CHUNK 16

void zc_kernels_init(void)
{
    (void)zc_simd();
    openblas_set_num_threads(1);
}

const char *zc_kernels_simd(void)
{
    return zc_simd()->name;
}

float zc_bf16_to_f32(uint16_t h)
{
    uint32_t u = (uint32_t)h << 16;
    float f;
    memcpy(&f, &u, 4);
    return f;
}

float zc_f16_to_f32(uint16_t h)
{
    uint32_t sign = (uint32_t)(h >> 15) << 31, exp = (h >> 10) & 31, man = h & 1023;
    float f;
    if (exp == 0) {
        f = ldexpf((float)man, -24);
        return sign ? -f : f;
    }
    uint32_t u = exp == 31 ? sign | 0x7f800000u | (man << 13) : sign | ((exp + 112) << 23) | (man << 13);
    memcpy(&f, &u, 4);
    return f;
}

float zc_dot_f32(const float *a, const float *b, int n)
{
    return zc_simd()->dot_f32(a, b, n);
}

void zc_axpy_f32(float a, const float *x, float *y, int n)
{
    zc_simd()->axpy_f32(a, x, y, n);
}

/* Row r of w . activation row j (the row-by-row path). */
static float row_dot(const zc_simd_ops *ops, const zc_mat *w, int r, const zc_act *a, int j)
{
    size_t off = (size_t)r * (size_t)w->cols, xo = (size_t)j * (size_t)w->cols;
    switch (w->kind) {
    case ZC_W_BF16:
        return ops->dot_bf16((const uint16_t *)w->data + off, a->x + xo, w->cols);
    case ZC_W_Q8:
        return ops->dot_q8((const int8_t *)w->data + off, w->scales + off / ZC_Q8_BLOCK, a->q->q + xo,
                           a->q->dx + xo / ZC_Q8_BLOCK, w->cols);
    case ZC_W_Q4:
        return ops->dot_q4((const uint8_t *)w->data + off / 2, w->scales + off / ZC_Q8_BLOCK, a->q->q + xo,
                           a->q->dx + xo / ZC_Q8_BLOCK, a->q->sum + xo / ZC_Q8_BLOCK, w->cols);
    case ZC_W_Q4P:
    case ZC_W_Q8P:
        return zc_panel_dot(w, r, a->q, j);
    default:
        return ops->dot_f32((const float *)w->data + off, a->x + xo, w->cols);
    }
}

/* Rows r0..r0+nr-1 (a block: nr <= rows_per_block(w)) of w against every activation row. */
static void rows_block(const zc_simd_ops *ops, const zc_mat *w, int r0, int nr, const zc_act *a, float *y)
{
    if (zc_wkind_panel(w->kind) && ops->fused_q4) {
        zc_panel_rows_avx512(w, r0 / ZC_PANEL_ROWS, a->q, y, w->rows);
        return;
    }
    if (w->kind == ZC_W_Q4 || w->kind == ZC_W_Q8 ? ops->fused_q4 : !zc_wkind_panel(w->kind) && ops->fused) {
        zc_small_rows_avx512(w, r0, nr, a, y, w->rows);
        return;
    }
    for (int j = 0; j < a->n; j++)
        for (int r = r0; r < r0 + nr; r++)
            y[(size_t)j * w->rows + r] = row_dot(ops, w, r, a, j);
}

/* Weight rows per block of the small-n product: a panel, or four rows. */
static int rows_per_block(const zc_mat *w)
{
    return zc_wkind_panel(w->kind) ? ZC_PANEL_ROWS : 4;
}

/* The small-n product of nw matrices of the same width with the same n rows x, in one parallel
 * region: blocks of rows (rows_per_block) numbered across the matrices. */
static int small_multi(const zc_mat *const *w, int nw, const float *x, int n, float *const *y)
{
    const zc_simd_ops *ops = zc_simd();
    zc_qact q = {0};
    int need_q = 0, need_q4 = 0, need_q8 = 0, need_bf16 = 0, start[ZC_MATVEC_MAX + 1], chunk = MATVEC_CHUNK;
    start[0] = 0;
    for (int i = 0; i < nw; i++) {
        int br = rows_per_block(w[i]);
        need_q |= w[i]->kind == ZC_W_Q4 || w[i]->kind == ZC_W_Q8 || zc_wkind_panel(w[i]->kind);
        need_q4 |= w[i]->kind == ZC_W_Q4 && ops->fused_q4;
        need_q8 |= w[i]->kind == ZC_W_Q8 && ops->fused_q4;
        need_bf16 |= w[i]->kind == ZC_W_BF16;
        start[i + 1] = start[i] + (w[i]->rows + br - 1) / br;
        if (br > 4)
            chunk = MATVEC_CHUNK * 4 / br; /* the same rows per chunk */
    }
    if (need_q && zc_qact_alloc(&q, n, w[0]->cols, need_q8, need_q4))
        return -1;
    int pieces = need_q ? zc_qact_pieces(&q) : 0;
    uint32_t *xb = NULL;
    if (need_bf16 && ops->fused && w[0]->cols % 2 == 0 && zc_gemm_bf16_enabled()) {
        xb = malloc((size_t)n * (size_t)(w[0]->cols / 2) * sizeof(uint32_t));
        if (!xb) {
            zc_qact_free(&q);
            return -1;
        }
        zc_bf16_round_rows(x, n, w[0]->cols, xb, w[0]->cols / 2);
    }
    zc_act a = {n, x, &q, xb};
#pragma omp parallel
    {
        /* the activations' int8 pieces first (the loop's end waits for all of them); pieces is the
         * same for every thread, so all or none meet the loop */
        if (pieces) {
#pragma omp for schedule(static)
            for (int p = 0; p < pieces; p++)
                zc_qact_fill(&q, x, p);
        }
#pragma omp for schedule(guided, chunk)
        for (int b = 0; b < start[nw]; b++) {
            int i = 0;
            while (b >= start[i + 1])
                i++;
            int br = rows_per_block(w[i]), r0 = br * (b - start[i]), nr = w[i]->rows - r0 < br ? w[i]->rows - r0 : br;
            rows_block(ops, w[i], r0, nr, &a, y[i]);
        }
    }
    zc_qact_free(&q);
    free(xb);
    return 0;
}

void zc_matvec(const zc_mat *w, const float *x, float *y)
{
    zc_matmul(w, x, 1, y);
}

void zc_matmul_multi(const zc_mat *const *w, int nw, const float *x, int n, float *const *y)
{
    if (n <= ZC_SMALL_N && nw <= ZC_MATVEC_MAX && !small_multi(w, nw, x, n, y))
        return;
    if (n > ZC_SMALL_N && !zc_gemm_int8_multi(w, nw, x, n, y)) /* the activations quantized once */
        return;
    for (int i = 0; i < nw; i++)
        zc_matmul(w[i], x, n, y[i]);
}

void zc_mat_row_part(const zc_mat *w, int r, int c0, int nc, float *out)
{
    size_t off = (size_t)r * (size_t)w->cols + (size_t)c0;
    if (w->kind == ZC_W_BF16) {
        zc_simd()->cvt_bf16((const uint16_t *)w->data + off, out, nc);
    } else if (w->kind == ZC_W_Q8) {
        zc_q8_row_part(w, r, c0, nc, out);
    } else if (w->kind == ZC_W_Q4) {
        zc_q4_row_part(w, r, c0, nc, out);
    } else if (zc_wkind_panel(w->kind)) {
        zc_panel_row_part(w, r, c0, nc, out);
    } else {
        memcpy(out, (const float *)w->data + off, (size_t)nc * sizeof(float));
    }
}

void zc_mat_row(const zc_mat *w, int r, float *out)
{
    zc_mat_row_part(w, r, 0, w->cols, out);
}

void zc_matmul(const zc_mat *w, const float *x, int n, float *y)
{
    if (n <= ZC_SMALL_N && !small_multi(&w, 1, x, n, &y))
        return;
    if (n > ZC_SMALL_N && zc_gemm_int8_takes(w) && !zc_gemm_int8(w, x, n, y))
        return;
    if (n >= ZC_GEMM_BF16_MIN_N && zc_gemm_bf16_takes(w) && !zc_gemm_bf16(w, x, n, y))
        return;
    if (!strcmp(zc_simd()->name, "avx512")) {
        zc_gemm_avx512(w, x, n, y);
        return;
    }
    int nblk = (w->rows + GEMM_ROWS - 1) / GEMM_ROWS;
#pragma omp parallel
    {
        float *buf = malloc((size_t)GEMM_ROWS * (size_t)w->cols * sizeof(float));
#pragma omp for schedule(dynamic, 1)
        for (int b = 0; b < nblk; b++) {
            int r0 = b * GEMM_ROWS, nr = w->rows - r0 < GEMM_ROWS ? w->rows - r0 : GEMM_ROWS;
            const float *wb = buf;
            if (w->kind == ZC_W_F32)
                wb = (const float *)w->data + (size_t)r0 * w->cols;
            else
                for (int r = 0; r < nr; r++)
                    zc_mat_row(w, r0 + r, buf + (size_t)r * w->cols);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, nr, w->cols, 1.0f, x, w->cols, wb,
                        w->cols, 0.0f, y + r0, w->rows);
        }
        free(buf);
    }
}

void zc_mat_free(zc_mat *w)
{
    free(w->owned);
    free(w->owned_scales);
    memset(w, 0, sizeof *w);
}

size_t zc_mat_bytes(const zc_mat *w)
{
    size_t n = (size_t)w->rows * (size_t)w->cols;
    switch (w->kind) {
    case ZC_W_BF16:
        return n * 2;
    case ZC_W_Q8:
        return n + n / ZC_Q8_BLOCK * sizeof(uint16_t);
    case ZC_W_Q4:
        return n / 2 + n / ZC_Q8_BLOCK * sizeof(uint16_t);
    case ZC_W_Q4P:
    case ZC_W_Q8P:
        return zc_panel_bytes(w->kind, w->rows, w->cols);
    default:
        return n * 4;
    }
}
