/* gemm_pack.h: internal to zc_model. Packing a block of weight rows (fp32, bf16 or q8) into the
 * fp32 [k][32] panels that the AVX-512 GEMM tiles read, or into [k/2][32] panels of bf16 pairs for
 * the AVX512-BF16 GEMM, or into panels of 4-byte code groups for the AVX512-VNNI GEMM. */
#ifndef ZC_MODEL_GEMM_PACK_H
#define ZC_MODEL_GEMM_PACK_H

#include "kernels.h"

#include <immintrin.h>

/* packed[p][kk][j] = W[r0 + p*32 + j][k0 + kk] for rows r0..r0+nb-1 (nb a multiple of 32) and kc
 * columns, zero past the last row of W. AVX-512 only; seg is scratch for kc floats. */
void zc_gemm_pack_block(const zc_mat *w, int r0, int nb, int k0, int kc, float *packed, float *seg);

/* For vdpbf16ps: packed[p][kk][j] = W[r][k0+2kk] | W[r][k0+2kk+1] << 16 with r = r0 + p*32 + j, for np
 * pairs (k0 even) of a bf16, q8 or q4 W (q8/q4: the fp32 weight rounded to bf16, round to nearest
 * even; k0 a multiple of 32), zero past the last row or column. AVX512-BF16 only. */
void zc_gemm_pack_block_bf16(const zc_mat *w, int r0, int nb, int k0, int np, uint32_t *packed);

/* For vpdpbusd: codes[p][kk/4][j] = the four codes W[r][k0+kk..k0+kk+3] as unsigned bytes (q8: code
 * + 128; q4: the stored nibble, code + 8) and scales[p][kk/32][j] = the fp16 block scale as fp32,
 * with r = r0 + p*32 + j, for kc columns (k0 and kc multiples of 32) of a q8 or q4 W, rows or panels (r0 a
 * multiple of 16); codes and scales zero past the last row. AVX-512 only. */
void zc_gemm_pack_block_int8(const zc_mat *w, int r0, int nb, int k0, int kc, uint32_t *codes, float *scales);

/* The lanes of a 16-wide store that hold columns 0..cols-1 (all 16 from cols >= 16, none at <= 0). */
static inline __mmask16 zc_gemm_mask(int cols)
{
    return (__mmask16)(cols >= 16 ? 0xffff : cols <= 0 ? 0 : (1u << cols) - 1);
}

#endif
