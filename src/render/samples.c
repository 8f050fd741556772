/* samples.c: the supersampled buffers one view is drawn into (depth and colour per sample),
 * reused from view to view, with a region in use (the projected shape's box) outside which
 * everything is background, and the box-filter reduction to output pixels with exact integer
 * rounding. */
#include <math.h>
#include <stdlib.h>

#include "render_internal.h"

int zr_samples_prepare(zr_samples *b, int sw, int sh, const uint8_t background[3])
{
    size_t n = (size_t)sw * (size_t)sh;
    if (n > b->cap) {
        zr_samples_free(b);
        b->depth = malloc(n * sizeof *b->depth);
        b->color = malloc(n * sizeof *b->color);
        if (!b->depth || !b->color) {
            zr_samples_free(b);
            return -1;
        }
        b->cap = n;
    }
    b->sw = sw;
    b->sh = sh;
    b->bg = (uint32_t)background[0] << 16 | (uint32_t)background[1] << 8 | background[2];
    b->x0 = b->y0 = b->x1 = b->y1 = 0;
    return 0;
}

void zr_samples_clear_rect(zr_samples *b, int x0, int y0, int x1, int y1)
{
    b->x0 = x0 < 0 ? 0 : x0;
    b->y0 = y0 < 0 ? 0 : y0;
    b->x1 = x1 > b->sw ? b->sw : x1;
    b->y1 = y1 > b->sh ? b->sh : y1;
    for (int y = b->y0; y < b->y1; y++) {
        float *d = b->depth + (size_t)y * b->sw;
        uint32_t *c = b->color + (size_t)y * b->sw;
        for (int x = b->x0; x < b->x1; x++) {
            d[x] = INFINITY;
            c[x] = b->bg;
        }
    }
}

void zr_samples_free(zr_samples *b)
{
    free(b->depth);
    free(b->color);
    b->depth = NULL;
    b->color = NULL;
    b->cap = 0;
}

static void put_pixel(uint8_t *px, uint32_t c)
{
    px[0] = (uint8_t)(c >> 16);
    px[1] = (uint8_t)(c >> 8);
    px[2] = (uint8_t)c;
}

/* Average of one pixel's s x s samples (a block of one colour is copied as it is). */
static void reduce_block(const zr_samples *b, int s, int x, int y, uint8_t *px)
{
    const uint32_t *first = b->color + (size_t)(y * s) * b->sw + (size_t)x * s;
    uint32_t c0 = first[0], same = 1;
    for (int j = 0; j < s && same; j++)
        for (int i = 0; i < s; i++)
            same &= first[(size_t)j * b->sw + i] == c0;
    if (same) {
        put_pixel(px, c0);
        return;
    }
    uint32_t r = 0, g = 0, bl = 0, n = (uint32_t)(s * s);
    for (int j = 0; j < s; j++) {
        const uint32_t *row = first + (size_t)j * b->sw;
        for (int i = 0; i < s; i++) {
            r += row[i] >> 16 & 0xff;
            g += row[i] >> 8 & 0xff;
            bl += row[i] & 0xff;
        }
    }
    px[0] = (uint8_t)((r + n / 2) / n);
    px[1] = (uint8_t)((g + n / 2) / n);
    px[2] = (uint8_t)((bl + n / 2) / n);
}

/* The region in use must be aligned to whole pixels (multiples of s). */
void zr_samples_downsample(const zr_samples *b, int s, uint8_t *rgb)
{
    int w = b->sw / s, h = b->sh / s;
    int px0 = b->x0 / s, py0 = b->y0 / s, px1 = b->x1 / s, py1 = b->y1 / s;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            uint8_t *px = rgb + 3 * ((size_t)y * w + x);
            if (x < px0 || x >= px1 || y < py0 || y >= py1)
                put_pixel(px, b->bg);
            else
                reduce_block(b, s, x, y, px);
        }
    }
}
