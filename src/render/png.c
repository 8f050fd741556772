/* png.c: 8-bit RGB PNG bytes in memory through libspng, with fixed encoder settings (zlib
 * level 6, no row filter: smallest and fastest on these flat-shaded images; no time chunk), so
 * the same pixels always give the same bytes. Text pairs go into tEXt chunks. */
#include <stdlib.h>
#include <string.h>

#include <spng.h>

#include "render_internal.h"

#define MAX_TEXT 8

static int set_text(spng_ctx *ctx, const char *const *kv, size_t ntext)
{
    struct spng_text text[MAX_TEXT];
    if (ntext > MAX_TEXT)
        ntext = MAX_TEXT;
    memset(text, 0, sizeof text);
    for (size_t i = 0; i < ntext; i++) {
        strncpy(text[i].keyword, kv[2 * i], sizeof text[i].keyword - 1);
        text[i].type = SPNG_TEXT;
        text[i].text = (char *)kv[2 * i + 1];
        text[i].length = strlen(kv[2 * i + 1]);
    }
    return ntext ? spng_set_text(ctx, text, (uint32_t)ntext) : 0;
}

int zr_png_encode(const uint8_t *rgb, int width, int height, const char *const *text_kv, size_t ntext,
                  uint8_t **png, size_t *png_len, char *err, size_t errlen)
{
    *png = NULL;
    *png_len = 0;
    spng_ctx *ctx = spng_ctx_new(SPNG_CTX_ENCODER);
    if (!ctx) {
        zr_set_error(err, errlen, "PNG encoder: out of memory");
        return -1;
    }
    struct spng_ihdr ihdr = {0};
    ihdr.width = (uint32_t)width;
    ihdr.height = (uint32_t)height;
    ihdr.bit_depth = 8;
    ihdr.color_type = SPNG_COLOR_TYPE_TRUECOLOR;
    int e = spng_set_option(ctx, SPNG_ENCODE_TO_BUFFER, 1);
    if (!e)
        e = spng_set_option(ctx, SPNG_IMG_COMPRESSION_LEVEL, 6);
    if (!e)
        e = spng_set_option(ctx, SPNG_FILTER_CHOICE, SPNG_FILTER_CHOICE_NONE);
    if (!e)
        e = spng_set_ihdr(ctx, &ihdr);
    if (!e)
        e = set_text(ctx, text_kv, ntext);
    if (!e)
        e = spng_encode_image(ctx, rgb, (size_t)3 * width * height, SPNG_FMT_PNG, SPNG_ENCODE_FINALIZE);
    if (!e) {
        *png = spng_get_png_buffer(ctx, png_len, &e);
        if (!*png && !e)
            e = SPNG_EINTERNAL;
    }
    spng_ctx_free(ctx);
    if (e) {
        free(*png);
        *png = NULL;
        *png_len = 0;
        zr_set_error(err, errlen, "PNG encoder: %s", spng_strerror(e));
        return -1;
    }
    return 0;
}
