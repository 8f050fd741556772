/* quant_panel.c: the q4 panel layout (ZC_W_Q4P), the form a q4 matrix takes on CPUs with AVX-512
 * VNNI. The same codes and scales as the row layout (quant.c), so the same weights, arranged for
 * products over 16 rows at once: rows in panels of ZC_PANEL_ROWS (16), each panel's blocks of 32
 * columns in turn, a block as 256 code bytes followed by the 16 rows' fp16 scales (288 bytes). Code
 * byte 64 i + 4 r + t holds, for row r of the panel, weight 4 i + t of the block in its low nibble
 * and weight 16 + 4 i + t in its high one. A 64-byte load of the block, masked (or shifted and
 * masked), is then the unsigned operand of one vpdpbusd whose 32-bit lanes are the 16 rows at four
 * consecutive columns: a block's eight products add up in one lane per row, and one conversion and
 * one multiply-add per 16 rows scale them (simd_panel.c), where the row layout needs one per 8
 * weights of a row. Rows past the matrix in the last panel are zero (code 8, scale 0). */
#include "quant.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static size_t panel_bytes(int cols)
{
    return (size_t)(cols / ZC_Q8_BLOCK) * ZC_PANEL_BLOCK_BYTES;
}

/* Row r of a Q4P matrix: its block b's code bytes and scale. */
static const uint8_t *block_of(const zc_mat *w, int r, int b)
{
    const uint8_t *p = (const uint8_t *)w->data + (size_t)(r / ZC_PANEL_ROWS) * panel_bytes(w->cols);
    return p + (size_t)b * ZC_PANEL_BLOCK_BYTES;
}

/* The code (0..15) of weight i of block b of row r. */
static int code_at(const zc_mat *w, int r, int b, int i)
{
    const uint8_t *blk = block_of(w, r, b);
    int lane = r % ZC_PANEL_ROWS, g = i % 16;
    uint8_t byte = blk[64 * (g / 4) + 4 * lane + g % 4];
    return i < 16 ? byte & 15 : byte >> 4;
}

static float scale_at(const zc_mat *w, int r, int b)
{
    uint16_t h;
    memcpy(&h, block_of(w, r, b) + 256 + 2 * (r % ZC_PANEL_ROWS), 2);
    return zc_f16_to_f32(h);
}

int zc_mat_panel_q4(const zc_mat *src, zc_mat *dst)
{
    if (src->kind != ZC_W_Q4 || src->cols % ZC_Q8_BLOCK)
        return -1;
    int nb = src->cols / ZC_Q8_BLOCK, np = (src->rows + ZC_PANEL_ROWS - 1) / ZC_PANEL_ROWS;
    size_t bytes = (size_t)np * panel_bytes(src->cols);
    uint8_t *d = aligned_alloc(64, (bytes + 63) / 64 * 64); /* a size aligned_alloc accepts */
    if (!d)
        return -1;
    memset(d, 0x88, bytes); /* code 8 (zero) past the last row */
#pragma omp parallel for schedule(static)
    for (int p = 0; p < np; p++)
        for (int b = 0; b < nb; b++) {
            uint8_t *o = d + (size_t)p * panel_bytes(src->cols) + (size_t)b * ZC_PANEL_BLOCK_BYTES;
            uint16_t sc[ZC_PANEL_ROWS] = {0};
            for (int l = 0; l < ZC_PANEL_ROWS && p * ZC_PANEL_ROWS + l < src->rows; l++) {
                size_t row = (size_t)(p * ZC_PANEL_ROWS + l) * (size_t)src->cols;
                const uint8_t *q = (const uint8_t *)src->data + row / 2 + (size_t)b * 16; /* code i low, 16 + i high */
                for (int g = 0; g < 16; g++)
                    o[64 * (g / 4) + 4 * l + g % 4] = q[g];
                sc[l] = src->scales[row / ZC_Q8_BLOCK + (size_t)b];
            }
            memcpy(o + 256, sc, sizeof sc);
        }
    memset(dst, 0, sizeof *dst);
    dst->rows = src->rows;
    dst->cols = src->cols;
    dst->kind = ZC_W_Q4P;
    dst->data = d;
    dst->owned = d;
    return 0;
}

void zc_q4p_row_part(const zc_mat *w, int r, int c0, int nc, float *out)
{
    for (int c = c0; c < c0 + nc; c++) {
        int b = c / ZC_Q8_BLOCK;
        out[c - c0] = (float)(code_at(w, r, b, c % ZC_Q8_BLOCK) - 8) * scale_at(w, r, b);
    }
}

float zc_q4p_dot(const zc_mat *w, int r, const zc_qact *a, int j)
{
    int nb = w->cols / ZC_Q8_BLOCK;
    const int8_t *x = a->q + (size_t)j * (size_t)w->cols;
    float acc = 0;
    for (int b = 0; b < nb; b++) {
        int32_t s = 0;
        for (int i = 0; i < ZC_Q8_BLOCK; i++)
            s += (code_at(w, r, b, i) - 8) * x[b * ZC_Q8_BLOCK + i];
        acc = fmaf((float)s, scale_at(w, r, b) * a->dx[(size_t)j * (size_t)nb + (size_t)b], acc);
    }
    return acc;
}

size_t zc_q4p_bytes(int rows, int cols)
{
    return (size_t)((rows + ZC_PANEL_ROWS - 1) / ZC_PANEL_ROWS) * panel_bytes(cols);
}
