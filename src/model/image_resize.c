/* image_resize.c: transformers' smart_resize and the antialiased bicubic resize that the Qwen2-VL
 * fast image processor gets from torchvision on CPU for uint8 images: torch's separable uint8 path
 * (weights of Keys' cubic with a = -0.5 stretched by the scale when downsampling, normalised,
 * rounded to int16 with the largest precision that fits; horizontal pass then vertical pass, each
 * rounding back to uint8). */
#include "vision.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CUBIC_A (-0.5)
#define MAX_PRECISION 22

int zc_image_smart_resize(int h, int w, int factor, long min_pixels, long max_pixels, int *oh, int *ow,
                          char *err, size_t errlen)
{
    if (h <= 0 || w <= 0 || factor <= 0) {
        snprintf(err, errlen, "empty image (%dx%d)", w, h);
        return -1;
    }
    double big = h > w ? h : w, small = h > w ? w : h;
    if (big / small > 200) {
        snprintf(err, errlen, "aspect ratio %dx%d is beyond 200", w, h);
        return -1;
    }
    /* Python's round() rounds half to even, as nearbyint in the default rounding mode */
    long hb = (long)nearbyint((double)h / factor) * factor, wb = (long)nearbyint((double)w / factor) * factor;
    if (hb * wb > max_pixels) {
        double beta = sqrt((double)h * (double)w / (double)max_pixels);
        hb = (long)floor((double)h / beta / factor) * factor;
        wb = (long)floor((double)w / beta / factor) * factor;
        hb = hb < factor ? factor : hb;
        wb = wb < factor ? factor : wb;
    } else if (hb * wb < min_pixels) {
        double beta = sqrt((double)min_pixels / ((double)h * (double)w));
        hb = (long)ceil((double)h * beta / factor) * factor;
        wb = (long)ceil((double)w * beta / factor) * factor;
    }
    if (hb <= 0 || wb <= 0 || hb > 65536 || wb > 65536) {
        snprintf(err, errlen, "cannot resize %dx%d to a usable size", w, h);
        return -1;
    }
    *oh = (int)hb;
    *ow = (int)wb;
    return 0;
}

static double cubic(double x)
{
    x = fabs(x);
    if (x < 1.0)
        return ((CUBIC_A + 2.0) * x - (CUBIC_A + 3.0)) * x * x + 1.0;
    if (x < 2.0)
        return ((CUBIC_A * x - 5.0 * CUBIC_A) * x + 8.0 * CUBIC_A) * x - 4.0 * CUBIC_A;
    return 0.0;
}

/* Per output index: first source index, tap count and int16 weights (ntaps per index). */
typedef struct {
    int ntaps, precision;
    int *xmin, *xsize;
    int16_t *w;
} taps;

static void taps_free(taps *t)
{
    free(t->xmin);
    free(t->xsize);
    free(t->w);
}

static int taps_make(int in, int out, taps *t)
{
    double scale = (double)in / (double)out;
    double support = scale >= 1.0 ? 2.0 * scale : 2.0, invscale = scale >= 1.0 ? 1.0 / scale : 1.0;
    t->ntaps = (int)ceil(support) * 2 + 1;
    t->xmin = malloc((size_t)out * sizeof(int));
    t->xsize = malloc((size_t)out * sizeof(int));
    t->w = malloc((size_t)out * (size_t)t->ntaps * sizeof(int16_t));
    double *wd = calloc((size_t)out * (size_t)t->ntaps, sizeof(double));
    if (!t->xmin || !t->xsize || !t->w || !wd) {
        free(wd);
        return -1;
    }
    double wmax = 0.0;
    for (int i = 0; i < out; i++) {
        double center = scale * (i + 0.5), total = 0.0, *wi = wd + (size_t)i * t->ntaps;
        long xmin = (long)(center - support + 0.5); /* truncation toward zero, as the C++ cast */
        xmin = xmin < 0 ? 0 : xmin;
        long xend = (long)(center + support + 0.5);
        long xsize = (xend < in ? xend : in) - xmin;
        xsize = xsize < 0 ? 0 : xsize > t->ntaps ? t->ntaps : xsize;
        for (long j = 0; j < xsize; j++)
            total += wi[j] = cubic(((double)(j + xmin) - center + 0.5) * invscale);
        for (long j = 0; total != 0.0 && j < xsize; j++) {
            wi[j] /= total;
            wmax = wi[j] > wmax ? wi[j] : wmax;
        }
        t->xmin[i] = (int)xmin;
        t->xsize[i] = (int)xsize;
    }
    int p = 0;
    for (p = 0; p < MAX_PRECISION; p++)
        if ((int)(0.5 + wmax * (double)(1 << (p + 1))) >= (1 << 15))
            break;
    t->precision = p;
    for (size_t k = 0; k < (size_t)out * t->ntaps; k++) {
        double v = wd[k] * (double)(1 << p);
        t->w[k] = (int16_t)(v < 0 ? (int)(-0.5 + v) : (int)(0.5 + v));
    }
    free(wd);
    return 0;
}

static uint8_t clamp_shift(int acc, int precision)
{
    int v = acc >> precision;
    return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* One pass over n lines: out[line][i] from src[line][k], element stride `step` bytes apart. */
static void pass(const uint8_t *src, uint8_t *dst, const taps *t, int nout, int nlines, size_t src_line,
                 size_t dst_line, size_t src_step, size_t dst_step)
{
    int half = 1 << (t->precision - 1);
#pragma omp parallel for schedule(static)
    for (int l = 0; l < nlines; l++)
        for (int i = 0; i < nout; i++) {
            const int16_t *w = t->w + (size_t)i * t->ntaps;
            const uint8_t *s = src + (size_t)l * src_line + (size_t)t->xmin[i] * src_step;
            int acc = half;
            for (int j = 0; j < t->xsize[i]; j++)
                acc += (int)s[(size_t)j * src_step] * w[j];
            dst[(size_t)l * dst_line + (size_t)i * dst_step] = clamp_shift(acc, t->precision);
        }
}

static int resize_h(const uint8_t *src, int w, int h, uint8_t *dst, int ow)
{
    taps t = {0};
    if (taps_make(w, ow, &t)) {
        taps_free(&t);
        return -1;
    }
    for (int c = 0; c < 3; c++)
        pass(src + c, dst + c, &t, ow, h, (size_t)w * 3, (size_t)ow * 3, 3, 3);
    taps_free(&t);
    return 0;
}

static int resize_v(const uint8_t *src, int w, int h, uint8_t *dst, int oh)
{
    taps t = {0};
    if (taps_make(h, oh, &t)) {
        taps_free(&t);
        return -1;
    }
    /* lines are the 3*w columns, elements one row apart */
    pass(src, dst, &t, oh, w * 3, 1, 1, (size_t)w * 3, (size_t)w * 3);
    taps_free(&t);
    return 0;
}

int zc_image_resize_bicubic(const uint8_t *rgb, int w, int h, uint8_t *out, int ow, int oh)
{
    if (ow == w && oh == h) {
        memcpy(out, rgb, (size_t)w * h * 3);
        return 0;
    }
    if (ow == w)
        return resize_v(rgb, w, h, out, oh);
    if (oh == h)
        return resize_h(rgb, w, h, out, ow);
    uint8_t *tmp = malloc((size_t)ow * h * 3);
    int rc = !tmp || resize_h(rgb, w, h, tmp, ow) || resize_v(tmp, ow, h, out, oh) ? -1 : 0;
    free(tmp);
    return rc;
}
