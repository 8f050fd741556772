/* image_preprocess.c: 8-bit RGB -> pixel patches as Qwen2VLImageProcessorFast makes them:
 * smart_resize (factor patch*merge), resize when the size changes, rescale and normalize fused as
 * (x - mean/rescale) / (std/rescale) in fp32, the single frame repeated to temporal_patch_size
 * frames, then the view (t, T, C, gh/m, m, P, gw/m, m, P) permuted to (t, gh/m, gw/m, m, m, C, T,
 * P, P): rows are patches in 2x2 merge-block order, each row [c][frame][y][x]. */
#include "vision.h"

#include <stdio.h>
#include <stdlib.h>

void zc_image_patches_free(zc_image_patches *img)
{
    free(img->pixels);
    img->pixels = NULL;
}

int zc_image_tokens(const zc_image_patches *img, int merge)
{
    return img->grid_t * img->grid_h * img->grid_w / (merge * merge);
}

/* One patch row: patch (by, bx) of the merge block grid, sub-position (my, mx). */
static void fill_row(const zc_image_proc *p, const uint8_t *rgb, int W, int py0, int px0, const float *mean,
                     const float *std, float *row)
{
    int P = p->patch, T = p->temporal;
    for (int c = 0; c < 3; c++)
        for (int t = 0; t < T; t++)
            for (int y = 0; y < P; y++)
                for (int x = 0; x < P; x++) {
                    float v = (float)rgb[((size_t)(py0 + y) * W + (size_t)(px0 + x)) * 3 + (size_t)c];
                    *row++ = (v - mean[c]) / std[c];
                }
}

static void flatten(const zc_image_proc *p, const uint8_t *rgb, int W, zc_image_patches *out)
{
    int m = p->merge, P = p->patch, bh = out->grid_h / m, bw = out->grid_w / m;
    float mean[3], std[3];
    for (int c = 0; c < 3; c++) {
        /* transformers fuses rescale into the fp32 mean/std tensors */
        mean[c] = p->mean[c] * (float)(1.0 / p->rescale);
        std[c] = p->std[c] * (float)(1.0 / p->rescale);
    }
#pragma omp parallel for schedule(static)
    for (int b = 0; b < bh * bw; b++) {
        int by = b / bw, bx = b % bw;
        for (int my = 0; my < m; my++)
            for (int mx = 0; mx < m; mx++) {
                size_t r = ((size_t)b * m + (size_t)my) * m + (size_t)mx;
                fill_row(p, rgb, W, (by * m + my) * P, (bx * m + mx) * P, mean, std, out->pixels + r * out->row);
            }
    }
}

int zc_image_preprocess(const zc_image_proc *p, const uint8_t *rgb, int w, int h, zc_image_patches *out,
                        char *err, size_t errlen)
{
    int oh, ow;
    if (zc_image_smart_resize(h, w, p->patch * p->merge, p->min_pixels, p->max_pixels, &oh, &ow, err, errlen))
        return -1;
    const uint8_t *img = rgb;
    uint8_t *resized = NULL;
    if (oh != h || ow != w) {
        resized = malloc((size_t)ow * oh * 3);
        if (!resized || zc_image_resize_bicubic(rgb, w, h, resized, ow, oh)) {
            free(resized);
            snprintf(err, errlen, "out of memory resizing %dx%d to %dx%d", w, h, ow, oh);
            return -1;
        }
        img = resized;
    }
    out->grid_t = 1; /* one image, repeated to temporal_patch_size frames */
    out->grid_h = oh / p->patch;
    out->grid_w = ow / p->patch;
    out->row = 3 * p->temporal * p->patch * p->patch;
    size_t rows = (size_t)out->grid_h * out->grid_w;
    out->pixels = malloc(rows * (size_t)out->row * sizeof(float));
    if (!out->pixels) {
        free(resized);
        snprintf(err, errlen, "out of memory for %zu patches", rows);
        return -1;
    }
    flatten(p, img, ow, out);
    free(resized);
    return 0;
}
