/* grid.c: a contact sheet for people: the views of a spec side by side in a grid, each under
 * a label with its name and camera direction drawn in the hand-written bitmap font. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

#define PAD 4
#define LABEL_H 15
#define GLYPH_W 6     /* 5 pixels and a space */

typedef struct {
    uint8_t *px;
    int w, h;
} canvas;

static void put(canvas *c, int x, int y, const uint8_t rgb[3])
{
    if (x >= 0 && y >= 0 && x < c->w && y < c->h)
        memcpy(c->px + 3 * ((size_t)y * c->w + x), rgb, 3);
}

static void draw_text(canvas *c, int x, int y, int max_w, const char *s)
{
    static const uint8_t ink[3] = {20, 20, 20};
    for (int i = 0; s[i] && (i + 1) * GLYPH_W <= max_w; i++) {
        const uint8_t *g = zr_font_glyph(s[i]);
        for (int row = 0; row < 7; row++)
            for (int col = 0; col < 5; col++)
                if (g[row] >> (4 - col) & 1)
                    put(c, x + i * GLYPH_W + col, y + row, ink);
    }
}

static void draw_frame(canvas *c, int x, int y, int w, int h)
{
    static const uint8_t grey[3] = {190, 190, 190};
    for (int i = -1; i <= w; i++) {
        put(c, x + i, y - 1, grey);
        put(c, x + i, y + h, grey);
    }
    for (int j = -1; j <= h; j++) {
        put(c, x - 1, y + j, grey);
        put(c, x + w, y + j, grey);
    }
}

static void blit(canvas *c, int x, int y, const uint8_t *rgb, int w, int h)
{
    for (int j = 0; j < h; j++)
        memcpy(c->px + 3 * ((size_t)(y + j) * c->w + x), rgb + 3 * (size_t)j * w, 3 * (size_t)w);
}

static void label_of(const zr_view *v, char *out, size_t n)
{
    snprintf(out, n, "%s (%+.3g,%+.3g,%+.3g)", v->name, v->direction[0], v->direction[1], v->direction[2]);
}

int zr_grid_rgb(const zr_spec *spec, uint8_t *const *rgbs, int columns, uint8_t **out, int *width, int *height,
                char *err, size_t errlen)
{
    int cw = 0, ch = 0;
    for (size_t i = 0; i < spec->nviews; i++) {
        cw = spec->views[i].width > cw ? spec->views[i].width : cw;
        ch = spec->views[i].height > ch ? spec->views[i].height : ch;
    }
    int cols = columns > 0 ? columns : 4;
    cols = (size_t)cols > spec->nviews ? (int)spec->nviews : cols;
    int rows = (int)((spec->nviews + (size_t)cols - 1) / (size_t)cols);
    int cell_w = cw + 2 * PAD, cell_h = ch + LABEL_H + 2 * PAD;
    canvas c = {NULL, cols * cell_w, rows * cell_h};
    c.px = malloc((size_t)3 * c.w * c.h);
    if (!c.px) {
        zr_set_error(err, errlen, "out of memory for the contact sheet");
        return -1;
    }
    memset(c.px, 255, (size_t)3 * c.w * c.h);
    for (size_t i = 0; i < spec->nviews; i++) {
        const zr_view *v = &spec->views[i];
        int x0 = (int)(i % (size_t)cols) * cell_w + PAD, y0 = (int)(i / (size_t)cols) * cell_h + PAD;
        char label[96];
        label_of(v, label, sizeof label);
        draw_text(&c, x0, y0 + 3, cw, label);
        int ix = x0 + (cw - v->width) / 2, iy = y0 + LABEL_H + (ch - v->height) / 2;
        blit(&c, ix, iy, rgbs[i], v->width, v->height);
        draw_frame(&c, ix, iy, v->width, v->height);
    }
    *out = c.px;
    *width = c.w;
    *height = c.h;
    return 0;
}
