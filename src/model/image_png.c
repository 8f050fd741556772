/* image_png.c: PNG views to 8-bit RGB with libspng. Every colour type and bit depth is decoded to
 * RGBA8 (palette, grey and tRNS expanded; 16-bit samples keep their high byte); alpha is then
 * composited on white with PIL's integer blend (what qwen_vl_utils' to_rgb does with
 * Image.paste(mask=alpha)): c' = DIV255(255 * (255 - a) + c * a). */
#include "vision.h"

#include <spng.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_SIDE 32768

static uint8_t blend_white(uint8_t c, uint8_t a)
{
    unsigned v = 255u * (255u - a) + (unsigned)c * a + 128u;
    return (uint8_t)(((v >> 8) + v) >> 8);
}

static void rgba_to_rgb_on_white(const uint8_t *rgba, size_t npix, uint8_t *rgb)
{
    for (size_t i = 0; i < npix; i++)
        for (int c = 0; c < 3; c++)
            rgb[3 * i + c] = blend_white(rgba[4 * i + c], rgba[4 * i + 3]);
}

int zc_image_decode_png(const void *data, size_t len, const char *name, uint8_t **rgb, int *w, int *h,
                        char *err, size_t errlen)
{
    spng_ctx *ctx = spng_ctx_new(0);
    struct spng_ihdr ihdr;
    size_t size = 0;
    uint8_t *rgba = NULL;
    int rc = ctx ? spng_set_image_limits(ctx, MAX_SIDE, MAX_SIDE) : SPNG_EMEM;
    if (!rc)
        rc = spng_set_png_buffer(ctx, data, len);
    if (!rc)
        rc = spng_get_ihdr(ctx, &ihdr);
    if (!rc)
        rc = spng_decoded_image_size(ctx, SPNG_FMT_RGBA8, &size);
    if (!rc && !(rgba = malloc(size)))
        rc = SPNG_EMEM;
    if (!rc)
        rc = spng_decode_image(ctx, rgba, size, SPNG_FMT_RGBA8, SPNG_DECODE_TRNS);
    if (rc) {
        snprintf(err, errlen, "%s: not a readable PNG (%s)", name, spng_strerror(rc));
        free(rgba);
        spng_ctx_free(ctx);
        return -1;
    }
    size_t npix = (size_t)ihdr.width * ihdr.height;
    *rgb = malloc(npix * 3);
    if (!*rgb) {
        snprintf(err, errlen, "%s: out of memory", name);
        free(rgba);
        spng_ctx_free(ctx);
        return -1;
    }
    rgba_to_rgb_on_white(rgba, npix, *rgb);
    *w = (int)ihdr.width;
    *h = (int)ihdr.height;
    free(rgba);
    spng_ctx_free(ctx);
    return 0;
}

int zc_image_load_png(const char *path, uint8_t **rgb, int *w, int *h, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 1 << 16;
            uint8_t *nb = realloc(buf, nc);
            if (!nb)
                break;
            buf = nb, cap = nc;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad || !buf) {
        snprintf(err, errlen, "%s: cannot read", path);
        free(buf);
        return -1;
    }
    int rc = zc_image_decode_png(buf, n, path, rgb, w, h, err, errlen);
    free(buf);
    return rc;
}

int zc_image_preprocess_png(const zc_image_proc *p, const char *path, zc_image_patches *out, char *err,
                            size_t errlen)
{
    uint8_t *rgb;
    int w, h;
    if (zc_image_load_png(path, &rgb, &w, &h, err, errlen))
        return -1;
    char sub[512];
    int rc = zc_image_preprocess(p, rgb, w, h, out, sub, sizeof sub);
    if (rc)
        snprintf(err, errlen, "%s: %s", path, sub);
    free(rgb);
    return rc;
}
