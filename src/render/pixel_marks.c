/* pixel_marks.c: marking the pixels that get all S x S samples: those a seam of the picture
 * (an edge where the surface, its shading or its visibility changes, or a line) can cross.
 * A segment marks every pixel whose square comes within r pixels of it (in x or y), which is
 * conservative: a sample a seam separates from its pixel's other samples lies inside the
 * pixel's square. */
#include <math.h>

#include "render_internal.h"

static void mark_run(zr_samples *b, long y, double xlo, double xhi)
{
    long a = zr_floor_long(xlo), z = zr_floor_long(xhi);
    a = a < b->x0 ? b->x0 : a;
    z = z >= b->x1 ? b->x1 - 1 : z;
    if (a > z)
        return;
    int32_t *slot = b->slot + (size_t)y * b->w;
    for (long x = a; x <= z; x++)
        slot[x] = ZR_MARKED;
    b->mark_lo[y] = a < b->mark_lo[y] ? (int32_t)a : b->mark_lo[y];
    b->mark_hi[y] = z > b->mark_hi[y] ? (int32_t)z : b->mark_hi[y];
}

void zr_mark_segment(zr_samples *b, double x0, double y0, double x1, double y1, double r)
{
    if (!(fabs(x0) < 1e7 && fabs(y0) < 1e7 && fabs(x1) < 1e7 && fabs(y1) < 1e7))
        return;
    double dx = x1 - x0, dy = y1 - y0;
    long ya = zr_floor_long(fmin(y0, y1) - r), yz = zr_floor_long(fmax(y0, y1) + r);
    ya = ya < b->y0 ? b->y0 : ya;
    yz = yz >= b->y1 ? b->y1 - 1 : yz;
    for (long y = ya; y <= yz; y++) {
        double ta = 0.0, tb = 1.0;   /* the part of the segment within the row's band */
        if (dy != 0) {
            double t1 = ((double)y - r - y0) / dy, t2 = ((double)y + 1 + r - y0) / dy;
            ta = fmax(0.0, fmin(t1, t2));
            tb = fmin(1.0, fmax(t1, t2));
            if (ta > tb)
                continue;
        }
        double xa = x0 + ta * dx, xb = x0 + tb * dx;
        mark_run(b, y, fmin(xa, xb) - r, fmax(xa, xb) + r);
    }
}
