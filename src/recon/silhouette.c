/* silhouette.c: silhouette IoU of rendered views, the score by which a candidate program's own
 * views are compared with the input views (by `reconstruct -n` and the retrieval reconstructor). */
#include "recon.h"
#include "vision.h"

#include <stdio.h>
#include <stdlib.h>

static int fg(const uint8_t *p, const uint8_t *bg)
{
    for (int c = 0; c < 3; c++)
        if (abs((int)p[c] - (int)bg[c]) > 16)
            return 1;
    return 0;
}

double zrc_silhouette_iou(const uint8_t *a, const uint8_t *b, int w, int h)
{
    size_t inter = 0, uni = 0, n = (size_t)w * (size_t)h;
    for (size_t i = 0; i < n; i++) {
        int x = fg(a + 3 * i, a), y = fg(b + 3 * i, b);
        inter += x && y;
        uni += x || y;
    }
    return uni ? (double)inter / (double)uni : 1.0;
}

static double pair_iou(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen, int v, char *err,
                       size_t errlen)
{
    uint8_t *ra = NULL, *rb = NULL;
    int wa = 0, ha = 0, wb = 0, hb = 0;
    char what[64];
    snprintf(what, sizeof what, "view %d", v);
    double r = -1;
    if (!zc_image_decode_png(a, alen, what, &ra, &wa, &ha, err, errlen) &&
        !zc_image_decode_png(b, blen, what, &rb, &wb, &hb, err, errlen))
        r = wa == wb && ha == hb ? zrc_silhouette_iou(ra, rb, wa, ha) : 0.0;
    free(ra);
    free(rb);
    return r;
}

double zrc_png_views_iou(const unsigned char *const *a, const size_t *alen, const unsigned char *const *b,
                         const size_t *blen, int n, char *err, size_t errlen)
{
    double sum = 0;
    for (int v = 0; v < n; v++) {
        if (!a[v] || !b[v])
            continue;   /* a missing view counts 0 */
        double r = pair_iou(a[v], alen[v], b[v], blen[v], v, err, errlen);
        if (r < 0)
            return -1;
        sum += r;
    }
    return n > 0 ? sum / n : 0.0;
}
