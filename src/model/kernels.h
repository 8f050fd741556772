/* kernels.h: internal to zc_model. Weight matrices (fp32, bf16, int8 or 4-bit with one fp16 scale
 * per block of 32; quant.c) and the products the decoder needs: a small-n product (1..ZC_SMALL_N
 * rows, decoding and speculative verification: each weight read once for all rows) and the packed
 * GEMM for prefill, multi-threaded with OpenMP, SIMD chosen at run time. */
#ifndef ZC_MODEL_KERNELS_H
#define ZC_MODEL_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#define ZC_Q8_BLOCK 32 /* weights per scale (q8 and q4) */
#define ZC_SMALL_N 16  /* up to this many rows: the small-n product; more: the packed GEMM */

/* Q4P, Q8P: q4 and q8 in panels of 16 rows (quant_panel.c), their form on AVX-512 VNNI CPUs. */
typedef enum { ZC_W_F32 = 0, ZC_W_BF16 = 1, ZC_W_Q8 = 2, ZC_W_Q4 = 3, ZC_W_Q4P = 4, ZC_W_Q8P = 5 } zc_wkind;

typedef struct {
    int rows, cols;
    zc_wkind kind;
    const void *data;       /* F32: float; BF16: uint16_t; Q8: int8_t [rows][cols]; Q4: uint8_t [rows][cols/2];
                               Q4P, Q8P: panels with their scales (quant_panel.c) */
    const uint16_t *scales; /* Q8, Q4: fp16 [rows][cols/32]; Q4P, Q8P: NULL */
    void *owned;            /* storage behind data (zc_weights_alloc or malloc; NULL when data is not the
                               matrix's own: in the mmap, or shared) */
    uint16_t *owned_scales;
} zc_mat;

/* y[rows] = W x */
void zc_matvec(const zc_mat *w, const float *x, float *y);
/* Y[n][rows] = X[n][cols] W^T (prefill). */
void zc_matmul(const zc_mat *w, const float *x, int n, float *y);
#define ZC_MATVEC_MAX 4
/* y[i][n][w[i]->rows] = X W[i]^T for nw matrices of the same width; for a few positions (decoding)
 * all of them in one parallel region per position; for more, q8/q4 matrices of one kind on the
 * int8 GEMM share one quantization of X (zc_gemm_int8_multi). */
void zc_matmul_multi(const zc_mat *const *w, int nw, const float *x, int n, float *const *y);
/* Columns [c0, c0+nc) of row r of W as fp32. */
void zc_mat_row_part(const zc_mat *w, int r, int c0, int nc, float *out);
/* Row r of W as fp32. */
void zc_mat_row(const zc_mat *w, int r, float *out);
void zc_mat_free(zc_mat *w);
size_t zc_mat_bytes(const zc_mat *w);

/* fp32 dot product with the best SIMD path. */
float zc_dot_f32(const float *a, const float *b, int n);
/* y += a * x */
void zc_axpy_f32(float a, const float *x, float *y, int n);

float zc_bf16_to_f32(uint16_t h);
float zc_f16_to_f32(uint16_t h);
/* n values between fp32 and IEEE half (round to nearest even; F16C where the CPU has it; half.c). */
void zc_f32_to_f16_row(const float *x, uint16_t *h, int n);
void zc_f16_to_f32_row(const uint16_t *h, float *x, int n);

const char *zc_kernels_simd(void);
void zc_kernels_init(void);

#endif
