/* samples.c: the supersampled buffers one view is drawn into (depth and colour per sample)
 * and their box-filter reduction to output pixels with exact integer rounding. */
#include <math.h>
#include <stdlib.h>

#include "render_internal.h"

int zr_samples_init(zr_samples *b, int sw, int sh, const uint8_t background[3])
{
    size_t n = (size_t)sw * (size_t)sh;
    b->sw = sw;
    b->sh = sh;
    b->depth = malloc(n * sizeof *b->depth);
    b->color = malloc(n * sizeof *b->color);
    if (!b->depth || !b->color) {
        zr_samples_free(b);
        return -1;
    }
    uint32_t bg = (uint32_t)background[0] << 16 | (uint32_t)background[1] << 8 | background[2];
    for (size_t i = 0; i < n; i++) {
        b->depth[i] = INFINITY;
        b->color[i] = bg;
    }
    return 0;
}

void zr_samples_free(zr_samples *b)
{
    free(b->depth);
    free(b->color);
    b->depth = NULL;
    b->color = NULL;
}

void zr_samples_downsample(const zr_samples *b, int s, uint8_t *rgb)
{
    int w = b->sw / s, h = b->sh / s;
    uint32_t n = (uint32_t)(s * s);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            uint32_t r = 0, g = 0, bl = 0;
            for (int j = 0; j < s; j++) {
                const uint32_t *row = b->color + (size_t)(y * s + j) * b->sw + (size_t)x * s;
                for (int i = 0; i < s; i++) {
                    r += row[i] >> 16 & 0xff;
                    g += row[i] >> 8 & 0xff;
                    bl += row[i] & 0xff;
                }
            }
            uint8_t *px = rgb + 3 * ((size_t)y * w + x);
            px[0] = (uint8_t)((r + n / 2) / n);
            px[1] = (uint8_t)((g + n / 2) / n);
            px[2] = (uint8_t)((bl + n / 2) / n);
        }
    }
}
