/* quant.h: internal to zc_model. Block quantization of weight matrices (q8: int8 + fp16 scale per
 * 32 weights; q4: 4-bit + fp16 scale per 32 weights, each block's nibbles in 16 bytes), fp16
 * conversion, and the int8 quantization of activation rows that the q8 and q4 products use. */
#ifndef ZC_MODEL_QUANT_H
#define ZC_MODEL_QUANT_H

#include "kernels.h"

/* fp32 -> fp16 bits, round to nearest even (overflow -> inf). */
uint16_t zc_f32_to_f16(float f);

/* Memory for a weight matrix, a quantized matrix's codes or a bf16/f32 one's values (weight_alloc.c):
 * 64-byte aligned, from 2 MB on aligned to 2 MB with its whole 2 MB pages advised for transparent
 * huge pages (ZC_THP=0: never); free() frees it. NULL when out of memory. */
void *zc_weights_alloc(size_t bytes);

/* Quantizes a bf16/f32 matrix into a new Q8 / Q4 matrix. -1 when cols is not a multiple of
 * ZC_Q8_BLOCK, or out of memory. */
int zc_mat_quantize_q8(const zc_mat *src, zc_mat *dst);
int zc_mat_quantize_q4(const zc_mat *src, zc_mat *dst);

/* Weights [c0, c0+nc) of row r of a Q4 / Q8 matrix as fp32. */
void zc_q4_row_part(const zc_mat *w, int r, int c0, int nc, float *out);
void zc_q8_row_part(const zc_mat *w, int r, int c0, int nc, float *out);

/* Activation rows in the order in which an AVX-512 q8 or q4 product pairs them with codes
 * (zc_qact_order): q [n][cols]; per 128 weights 16 lane corrections and lane scales. */
typedef struct {
    int8_t *q;
    int32_t *corr;
    float *dxl;
} zc_qorder;

/* Activation rows quantized to int8 with one fp32 scale per block of 32 (dx = max|x| / 127),
 * as the q8 and q4 products consume them. For row j and block b: q[j*cols + i], dx[j*cols/32 + b],
 * sum[j*cols/32 + b] = sum of the block's q, and per group of four values (one 32-bit lane of
 * the VNNI product) corr = -8 * their sum and dxl = their block's dx. */
typedef struct {
    int n, cols;
    int8_t *q;
    float *dx;
    int32_t *sum;
    int32_t *corr;
    float *dxl;
    zc_qorder q8, q4; /* NULL unless zc_qact_alloc or zc_qact_order allocated them */
} zc_qact;

int zc_qact_init(zc_qact *a, const float *x, int n, int cols);
/* Only the codes and scales of one row (cols a multiple of 32), the same as zc_qact's q and dx. */
void zc_qact_codes(const float *x, int cols, int8_t *q, float *dx);
/* The same in pieces that threads can share: zc_qact_alloc sizes a for n rows of cols (with the
 * q8 and/or q4 orders when asked; -1 when out of memory, a then empty), and zc_qact_fill(a, x, p)
 * quantizes piece p (0 <= p < zc_qact_pieces(a)): 128 columns of one row, or what is left of the
 * row after its whole 128s, with its part of the orders allocated. Every piece filled gives what
 * zc_qact_init and zc_qact_order give. */
int zc_qact_alloc(zc_qact *a, int n, int cols, int q8_order, int q4_order);
int zc_qact_pieces(const zc_qact *a);
void zc_qact_fill(zc_qact *a, const float *x, int p);
/* Adds the activations in the order in which the AVX-512 product of q8 or q4 weights (kind)
 * pairs them with codes (simd_small.c). A step takes 128 weights of a row as two 64-byte operands
 * A and B, and every 4-byte lane of A covers 4 weights of the same block as the lane of B at its
 * place, so both accumulate into one lane. q4: A the low nibbles of one 64-byte load (for each of
 * the step's 4 blocks its weights 0-15), B the high ones (weights 16-31). q8: A and B are the
 * unpack by 64-bit halves, within each 16 bytes, of V0 (weights 0-63) and V1 (64-127): A = V0[0-7]
 * V1[0-7] V0[16-23] V1[16-23] ..., B = V0[8-15] V1[8-15] V0[24-31] V1[24-31] .... The order holds
 * each whole 128 as A then B (what is left of a row after its whole 128s, up to 96 weights, is
 * unchanged), corr per 128 the 16 lanes' corrections (-8 x the sum of their 8 activations for q4,
 * -128 x for q8) and dxl their block's scale. -1 when out of memory (then the order is absent, as
 * before the call). */
int zc_qact_order(zc_qact *a, zc_wkind kind);
void zc_qact_free(zc_qact *a);

/* The panel layouts of q4 and q8 (quant_panel.c): rows in panels of ZC_PANEL_ROWS, each block of 32
 * columns of a panel as its code bytes and the rows' fp16 scales. */
#define ZC_PANEL_ROWS 16
/* Q4P or Q8P. */
int zc_wkind_panel(zc_wkind kind);
/* Bytes of one block of a panel (q4: 288, q8: 544). */
size_t zc_panel_block_bytes(zc_wkind kind);
/* A new Q4P / Q8P matrix with the codes and scales of the Q4 / Q8 matrix src. -1 (dst empty) when
 * src is neither, its width is not a multiple of 32, or out of memory. */
int zc_mat_panel(const zc_mat *src, zc_mat *dst);
/* src (bf16 or fp32) quantized as zc_mat_quantize_q4 / _q8 do, straight into a new Q4P / Q8P
 * (kind) matrix, 16 rows at a time (no row-layout copy of the whole matrix). -1 when cols is not a
 * multiple of 32, src is of another kind, or out of memory. */
int zc_mat_quantize_panels(const zc_mat *src, zc_wkind kind, zc_mat *dst);
/* Weights [c0, c0+nc) of row r of a panel matrix as fp32. */
void zc_panel_row_part(const zc_mat *w, int r, int c0, int nc, float *out);
/* Row r of a panel matrix . activation row j of a (its codes and scales): per block the exact
 * integer sum of weight code x activation code, then acc = fma(sum, weight scale x activation
 * scale, acc), block after block: what the AVX-512 panel product computes for each row, bit for
 * bit. */
float zc_panel_dot(const zc_mat *w, int r, const zc_qact *a, int j);
/* Bytes of a panel matrix (its last panel whole). */
size_t zc_panel_bytes(zc_wkind kind, int rows, int cols);

#endif
