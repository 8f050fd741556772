/* curate_view.c: the view blocks of the default descriptor, from one decoded view: a ZCUR_THUMB x
 * ZCUR_THUMB thumbnail of darkness (1 - grey/255, so the white background is 0 and the part's
 * silhouette and shading show) and a histogram of edge orientations (Sobel gradients, orientation
 * modulo 180 degrees, weighted by gradient magnitude). */
#include "curate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static float grey_of(const uint8_t *p)
{
    return (float)(299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000.0f;
}

static void thumbnail(const float *g, int w, int h, float *thumb)
{
    double acc[ZCUR_THUMB * ZCUR_THUMB] = {0};
    long cnt[ZCUR_THUMB * ZCUR_THUMB] = {0};
    int *cell_x = malloc((size_t)w * sizeof *cell_x);
    if (!cell_x)
        return;
    for (int x = 0; x < w; x++)
        cell_x[x] = (int)((long)x * ZCUR_THUMB / w);
    for (int y = 0; y < h; y++) {
        int row = (int)((long)y * ZCUR_THUMB / h) * ZCUR_THUMB;
        const float *gy = g + (size_t)y * w;
        for (int x = 0; x < w; x++) {
            acc[row + cell_x[x]] += 1.0 - gy[x] / 255.0;
            cnt[row + cell_x[x]]++;
        }
    }
    free(cell_x);
    for (int c = 0; c < ZCUR_THUMB * ZCUR_THUMB; c++)
        thumb[c] = cnt[c] ? (float)(acc[c] / (double)cnt[c]) : 0.0f;
}

static void orientations(const float *g, int w, int h, float *orient)
{
    double acc[ZCUR_ORIENT_BINS] = {0}, total = 0;
    for (int y = 1; y + 1 < h; y++)
        for (int x = 1; x + 1 < w; x++) {
            const float *r0 = g + (size_t)(y - 1) * w + x, *r1 = r0 + w, *r2 = r1 + w;
            double gx = (r0[1] + 2.0 * r1[1] + r2[1]) - (r0[-1] + 2.0 * r1[-1] + r2[-1]);
            double gy = (r2[-1] + 2.0 * r2[0] + r2[1]) - (r0[-1] + 2.0 * r0[0] + r0[1]);
            double mag = sqrt(gx * gx + gy * gy);
            if (mag <= 0)
                continue;
            double a = atan2(gy, gx);
            if (a < 0)
                a += M_PI;
            if (a >= M_PI) /* atan2 gives pi for a leftward gradient: the same edge as 0 */
                a -= M_PI;
            int b = (int)(a / M_PI * ZCUR_ORIENT_BINS);
            if (b >= ZCUR_ORIENT_BINS)
                b = ZCUR_ORIENT_BINS - 1;
            acc[b] += mag;
            total += mag;
        }
    for (int b = 0; b < ZCUR_ORIENT_BINS; b++)
        orient[b] = total > 0 ? (float)(acc[b] / total) : 0.0f;
}

void zcur_view_features(const uint8_t *rgb, int w, int h, float *thumb, float *orient)
{
    memset(thumb, 0, ZCUR_THUMB * ZCUR_THUMB * sizeof *thumb);
    memset(orient, 0, ZCUR_ORIENT_BINS * sizeof *orient);
    if (w < 1 || h < 1)
        return;
    float *g = malloc((size_t)w * h * sizeof *g);
    if (!g)
        return;
    for (size_t i = 0; i < (size_t)w * h; i++)
        g[i] = grey_of(rgb + 3 * i);
    thumbnail(g, w, h, thumb);
    orientations(g, w, h, orient);
    free(g);
}
