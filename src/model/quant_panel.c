/* quant_panel.c: the panel layouts of q4 and q8 matrices (ZC_W_Q4P, ZC_W_Q8P), the form they take on
 * CPUs with AVX-512 VNNI. The same codes and scales as the row layouts (quant.c), so the same
 * weights, arranged for products over 16 rows at once: rows in panels of ZC_PANEL_ROWS (16), each
 * panel's blocks of 32 columns in turn, a block as its code bytes followed by the 16 rows' fp16
 * scales. q4: 256 code bytes (288 a block); byte 64 i + 4 r + t holds, for row r of the panel, weight
 * 4 i + t of the block in its low nibble and weight 16 + 4 i + t in its high one. q8: 512 code bytes
 * (544 a block); byte 64 g + 4 r + t holds row r's weight 4 g + t as code + 128. A 64-byte load of a
 * block (q4: masked, or shifted and masked) is then the unsigned operand of one vpdpbusd whose 32-bit
 * lanes are the 16 rows at four consecutive columns: a block's eight products add up in one lane per
 * row, and one conversion and one multiply-add per 16 rows scale them (simd_panel.c), where the row
 * layouts need one per 8 weights of a row. Rows past the matrix in the last panel are zero. */
#include "quant.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int zc_wkind_panel(zc_wkind kind)
{
    return kind == ZC_W_Q4P || kind == ZC_W_Q8P;
}

size_t zc_panel_block_bytes(zc_wkind kind)
{
    return kind == ZC_W_Q8P ? 544 : 288;
}

static size_t code_bytes(zc_wkind kind)
{
    return kind == ZC_W_Q8P ? 512 : 256;
}

static size_t panel_bytes(zc_wkind kind, int cols)
{
    return (size_t)(cols / ZC_Q8_BLOCK) * zc_panel_block_bytes(kind);
}

/* Block b of row r's panel. */
static const uint8_t *block_of(const zc_mat *w, int r, int b)
{
    const uint8_t *p = (const uint8_t *)w->data + (size_t)(r / ZC_PANEL_ROWS) * panel_bytes(w->kind, w->cols);
    return p + (size_t)b * zc_panel_block_bytes(w->kind);
}

/* The signed code of weight i of block b of row r (q4: -8..7, q8: -127..127). */
static int code_at(const zc_mat *w, int r, int b, int i)
{
    const uint8_t *blk = block_of(w, r, b);
    int lane = r % ZC_PANEL_ROWS;
    if (w->kind == ZC_W_Q8P)
        return blk[64 * (i / 4) + 4 * lane + i % 4] - 128;
    int g = i % 16;
    uint8_t byte = blk[64 * (g / 4) + 4 * lane + g % 4];
    return (i < 16 ? byte & 15 : byte >> 4) - 8;
}

static float scale_at(const zc_mat *w, int r, int b)
{
    uint16_t h;
    memcpy(&h, block_of(w, r, b) + code_bytes(w->kind) + 2 * (r % ZC_PANEL_ROWS), 2);
    return zc_f16_to_f32(h);
}

/* Row l of a panel's block o from the row layout's block (q4: 16 bytes, code i low and 16 + i high;
 * q8: 32 int8 codes). */
static void put_row(zc_wkind kind, uint8_t *o, int l, const uint8_t *src)
{
    if (kind == ZC_W_Q8P)
        for (int i = 0; i < 32; i++)
            o[64 * (i / 4) + 4 * l + i % 4] = (uint8_t)(src[i] ^ 0x80); /* int8 code + 128 */
    else
        for (int g = 0; g < 16; g++)
            o[64 * (g / 4) + 4 * l + g % 4] = src[g];
}

/* Panel p of dst (kind, cols) from rows r0.. of the row-layout matrix q (Q4 / Q8; rows of q past
 * its end leave the panel's codes at zero and their scales 0). */
static void fill_panel(zc_wkind kind, uint8_t *d, int cols, int p, const zc_mat *q, int r0)
{
    size_t bb = zc_panel_block_bytes(kind), row_block = kind == ZC_W_Q8P ? 32 : 16; /* a block in q */
    for (int b = 0; b < cols / ZC_Q8_BLOCK; b++) {
        uint8_t *o = d + (size_t)p * panel_bytes(kind, cols) + (size_t)b * bb;
        uint16_t sc[ZC_PANEL_ROWS] = {0};
        for (int l = 0; l < ZC_PANEL_ROWS && r0 + l < q->rows; l++) {
            size_t row = (size_t)(r0 + l) * (size_t)cols;
            put_row(kind, o, l, (const uint8_t *)q->data + row / 32 * row_block + (size_t)b * row_block);
            sc[l] = q->scales[row / ZC_Q8_BLOCK + (size_t)b];
        }
        memcpy(o + code_bytes(kind), sc, sizeof sc);
    }
}

/* A new panel matrix of kind for rows x cols, codes zero (scales are written by fill_panel). */
static uint8_t *alloc_panels(zc_wkind kind, int rows, int cols, zc_mat *dst)
{
    size_t bytes = zc_panel_bytes(kind, rows, cols);
    uint8_t *d = zc_weights_alloc(bytes ? bytes : 64);
    if (!d)
        return NULL;
    /* code 0 past the last row: with their zero scales those rows are zero anyway, and the products
     * mask them out; the codes are set so that no byte of the matrix is left undefined */
    memset(d, kind == ZC_W_Q8P ? 0x80 : 0x88, bytes);
    memset(dst, 0, sizeof *dst);
    dst->rows = rows;
    dst->cols = cols;
    dst->kind = kind;
    dst->data = d;
    dst->owned = d;
    return d;
}

int zc_mat_panel(const zc_mat *src, zc_mat *dst)
{
    memset(dst, 0, sizeof *dst); /* empty on failure, as the row quantizers leave it */
    if ((src->kind != ZC_W_Q4 && src->kind != ZC_W_Q8) || src->cols % ZC_Q8_BLOCK)
        return -1;
    zc_wkind kind = src->kind == ZC_W_Q8 ? ZC_W_Q8P : ZC_W_Q4P;
    uint8_t *d = alloc_panels(kind, src->rows, src->cols, dst);
    if (!d)
        return -1;
    int np = (src->rows + ZC_PANEL_ROWS - 1) / ZC_PANEL_ROWS;
#pragma omp parallel for schedule(static)
    for (int p = 0; p < np; p++)
        fill_panel(kind, d, src->cols, p, src, p * ZC_PANEL_ROWS);
    return 0;
}

int zc_mat_quantize_panels(const zc_mat *src, zc_wkind kind, zc_mat *dst)
{
    memset(dst, 0, sizeof *dst); /* empty on failure */
    if ((kind != ZC_W_Q4P && kind != ZC_W_Q8P) || src->cols % ZC_Q8_BLOCK ||
        (src->kind != ZC_W_BF16 && src->kind != ZC_W_F32))
        return -1;
    uint8_t *d = alloc_panels(kind, src->rows, src->cols, dst);
    if (!d)
        return -1;
    int np = (src->rows + ZC_PANEL_ROWS - 1) / ZC_PANEL_ROWS, fail = 0;
    size_t esize = src->kind == ZC_W_BF16 ? 2 : 4;
#pragma omp parallel for schedule(dynamic, 4)
    for (int p = 0; p < np; p++) {
        int r0 = p * ZC_PANEL_ROWS, nr = src->rows - r0 < ZC_PANEL_ROWS ? src->rows - r0 : ZC_PANEL_ROWS;
        zc_mat rows = *src, q; /* the panel's rows of src, quantized (by one thread: nested regions are off) */
        rows.rows = nr;
        rows.data = (const uint8_t *)src->data + (size_t)r0 * (size_t)src->cols * esize;
        rows.owned = NULL;
        rows.owned_scales = NULL;
        if (kind == ZC_W_Q8P ? zc_mat_quantize_q8(&rows, &q) : zc_mat_quantize_q4(&rows, &q)) {
#pragma omp atomic write
            fail = 1;
            continue;
        }
        fill_panel(kind, d, src->cols, p, &q, 0);
        zc_mat_free(&q);
    }
    if (fail)
        zc_mat_free(dst);
    return fail ? -1 : 0;
}

void zc_panel_row_part(const zc_mat *w, int r, int c0, int nc, float *out)
{
    for (int c = c0; c < c0 + nc; c++) {
        int b = c / ZC_Q8_BLOCK;
        out[c - c0] = (float)code_at(w, r, b, c % ZC_Q8_BLOCK) * scale_at(w, r, b);
    }
}

float zc_panel_dot(const zc_mat *w, int r, const zc_qact *a, int j)
{
    int nb = w->cols / ZC_Q8_BLOCK;
    const int8_t *x = a->q + (size_t)j * (size_t)w->cols;
    float acc = 0;
    for (int b = 0; b < nb; b++) {
        int32_t s = 0;
        for (int i = 0; i < ZC_Q8_BLOCK; i++)
            s += code_at(w, r, b, i) * x[b * ZC_Q8_BLOCK + i];
        acc = fmaf((float)s, scale_at(w, r, b) * a->dx[(size_t)j * (size_t)nb + (size_t)b], acc);
    }
    return acc;
}

size_t zc_panel_bytes(zc_wkind kind, int rows, int cols)
{
    return (size_t)((rows + ZC_PANEL_ROWS - 1) / ZC_PANEL_ROWS) * panel_bytes(kind, cols);
}
