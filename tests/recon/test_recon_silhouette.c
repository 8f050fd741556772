/* test_recon_silhouette.c: zrc_silhouette_iou on images drawn here, against areas counted by
 * hand: two overlapping rectangles (IoU = overlap / union of their areas), a coloured background,
 * near-background noise that is not foreground, and two empty images. */
#include "recon.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void check(int ok, const char *what, double got, double want)
{
    if (!ok) {
        fprintf(stderr, "FAIL %s: got %.9f want %.9f\n", what, got, want);
        failures++;
    }
}

static uint8_t *canvas(int w, int h, uint8_t r, uint8_t g, uint8_t b)
{
    uint8_t *p = malloc((size_t)w * h * 3);
    for (int i = 0; i < w * h; i++)
        p[3 * i] = r, p[3 * i + 1] = g, p[3 * i + 2] = b;
    return p;
}

static void rect(uint8_t *p, int w, int x0, int y0, int x1, int y1, uint8_t v)
{
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            memset(p + 3 * ((size_t)y * w + x), v, 3);
}

int main(void)
{
    const int w = 64, h = 48;
    uint8_t *a = canvas(w, h, 255, 255, 255), *b = canvas(w, h, 255, 255, 255);
    rect(a, w, 10, 10, 30, 30, 40);   /* 20 x 20 = 400 */
    rect(b, w, 20, 15, 40, 45, 90);   /* 20 x 30 = 600; overlap x 20..30, y 15..30: 10 x 15 = 150 */
    double want = 150.0 / (400.0 + 600.0 - 150.0);
    double got = zrc_silhouette_iou(a, b, w, h);
    check(fabs(got - want) < 1e-12, "overlapping rectangles", got, want);
    got = zrc_silhouette_iou(a, a, w, h);
    check(got == 1.0, "an image with itself", got, 1.0);

    /* a grey background (top-left pixel) with faint noise (within 16) is not foreground */
    uint8_t *c = canvas(w, h, 200, 200, 200);
    rect(c, w, 40, 0, 64, 48, 210);
    rect(c, w, 10, 10, 30, 30, 40);
    got = zrc_silhouette_iou(a, c, w, h);
    check(fabs(got - 1.0) < 1e-12, "background colour from the top-left pixel", got, 1.0);

    uint8_t *e = canvas(w, h, 255, 255, 255), *f = canvas(w, h, 0, 0, 0);
    got = zrc_silhouette_iou(e, f, w, h);
    check(got == 1.0, "two empty images", got, 1.0);
    got = zrc_silhouette_iou(a, e, w, h);
    check(got == 0.0, "a part against an empty image", got, 0.0);

    free(a), free(b), free(c), free(e), free(f);
    if (failures)
        return 1;
    printf("recon_silhouette: ok\n");
    return 0;
}
