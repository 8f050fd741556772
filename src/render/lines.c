/* lines.c: dark lines over the shaded surface: the scene's sharp feature edges and, per view,
 * the silhouette (mesh edges between a front-facing and a back-facing triangle). A line is a
 * capsule of the spec's width in sample space, walked one sample row or column at a time along
 * its major axis; the samples of a row or column take the line colour when the line's own
 * point there is not behind the surface (z-buffer test with a tolerance of a small fraction
 * of the bounding radius, so lines on the surface win over it). A covered sample is a bit in
 * its pixel's line mask; the resolve gives those samples the line colour, so a pixel a line
 * crosses needs no block of samples of its own (samples.c). */
#include <math.h>

#include "render_internal.h"

#define DEPTH_TOLERANCE 0.015   /* of the bounding radius */
#define SURE_MARGIN_DEG 10.0    /* see for_each_line */

typedef struct {
    const zr_camera *cam;
    zr_samples *b;
    uint32_t color;
    double hw;                  /* half width in samples */
    double tol;                 /* world distance */
    double ax, ay, az, bx, by, bz;
    double dx, dy, inv_len2;    /* b - a and 1 / |b - a|^2 (0 for a point) */
    double hw2;                 /* hw * hw */
    long lo_x, lo_y, hi_x, hi_y;   /* the samples of the region in use: [lo, hi) */
} line_ctx;

static int visible(const line_ctx *c, double t)
{
    double px = c->ax + t * c->dx, py = c->ay + t * c->dy;
    long ix = zr_floor_long(px), iy = zr_floor_long(py);
    ix = ix < 0 ? 0 : ix >= c->b->sw ? c->b->sw - 1 : ix;
    iy = iy < 0 ? 0 : iy >= c->b->sh ? c->b->sh - 1 : iy;
    float surf = zr_samples_depth_at(c->b, ix, iy);
    if (isinf(surf))
        return 1;
    double zl = c->az + t * (c->bz - c->az);
    if (!c->cam->perspective)
        return zl <= surf + c->tol;
    return zr_camera_depth_distance(c->cam, zl) <= zr_camera_depth_distance(c->cam, surf) + c->tol;
}

/* Paints sample (sx, sy) when it lies within the line's half width of the segment. */
static void stamp(const line_ctx *c, long sx, long sy)
{
    if (sx < c->lo_x || sy < c->lo_y || sx >= c->hi_x || sy >= c->hi_y)
        return;
    double px = sx + 0.5, py = sy + 0.5;
    double t = ((px - c->ax) * c->dx + (py - c->ay) * c->dy) * c->inv_len2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = c->ax + t * c->dx - px, ey = c->ay + t * c->dy - py;
    if (ex * ex + ey * ey <= c->hw2)
        zr_samples_line(c->b, sx, sy);
}

/* Walks the samples near the segment along its major axis. */
static void draw_segment(line_ctx *c, const float *a, const float *b)
{
    zr_camera_project(c->cam, a, &c->ax, &c->ay, &c->az);
    zr_camera_project(c->cam, b, &c->bx, &c->by, &c->bz);
    double dx = c->bx - c->ax, dy = c->by - c->ay, len2 = dx * dx + dy * dy;
    c->dx = dx;
    c->dy = dy;
    c->inv_len2 = len2 > 0 ? 1.0 / len2 : 0.0;
    int xmajor = fabs(dx) >= fabs(dy);
    double a_major = xmajor ? c->ax : c->ay, b_major = xmajor ? c->bx : c->by;
    double a_minor = xmajor ? c->ay : c->ax, d_major = xmajor ? dx : dy, d_minor = xmajor ? dy : dx;
    double lo = fmin(a_major, b_major) - c->hw, hi = fmax(a_major, b_major) + c->hw;
    long first = (long)(xmajor ? c->b->x0 : c->b->y0) * c->b->s, limit = (long)(xmajor ? c->b->x1 : c->b->y1) * c->b->s;
    long m0 = (long)floor(fmax(lo, first - 1.0)), m1 = (long)ceil(fmin(hi, (double)limit));
    double slope = d_major != 0 ? d_minor / d_major : 0.0;
    /* The capsule's half extent across, from the line's point at the row or column (or from the
     * end point beyond the ends): no sample outside it can pass stamp's test. */
    double reach = c->hw * sqrt(1.0 + slope * slope) + 1e-6;
    for (long m = m0; m <= m1; m++) {
        double t = d_major != 0 ? (m + 0.5 - a_major) / d_major : 0.0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double centre = a_minor + t * d_minor;
        if (!visible(c, t))   /* the line's point across this row or column is hidden */
            continue;
        long k0 = -zr_floor_long(reach + 0.5 - centre), k1 = zr_floor_long(centre + reach - 0.5);   /* ceil, floor */
        for (long k = k0; k <= k1; k++) {
            if (xmajor)
                stamp(c, m, k);
            else
                stamp(c, k, m);
        }
    }
}

/* Whether triangles t1 and t2 meet at an angle whose cosine is below cos_max. */
static int sharper(const zr_scene *sc, uint32_t t1, uint32_t t2, double cos_max)
{
    const float *n1 = sc->tri_normals + 3 * t1, *n2 = sc->tri_normals + 3 * t2;
    double d = (double)n1[0] * n2[0] + (double)n1[1] * n2[1] + (double)n1[2] * n2[2];
    return d < cos_max;
}

/* Calls fn on every line segment of the view: sharp edges, then silhouette edges. A silhouette
 * edge whose triangles meet at more than the feature angle plus twice the angular deflection
 * (a mesh triangle's normal deviates from the surface's by at most that) plus a margin lies on
 * a sharp edge that is drawn already (the same segment: edge polylines run along mesh edges),
 * so it is skipped. */
static void for_each_line(const zr_scene *sc, const zr_spec *spec, line_ctx *c,
                          void (*fn)(line_ctx *c, const float *a, const float *b))
{
    if (spec->edges)
        for (size_t i = 0; i < sc->nfeature; i++)
            fn(c, sc->feature + 6 * i, sc->feature + 6 * i + 3);
    if (!spec->silhouette)
        return;
    double sure_deg = spec->feature_angle_deg + 2.0 * spec->tess_angular_deg + SURE_MARGIN_DEG;
    double sure_cos = sure_deg < 180.0 ? cos(sure_deg * M_PI / 180.0) : -2.0;
    for (size_t e = 0; e < sc->nedges; e++) {
        uint32_t t1 = sc->edge_tris[2 * e], t2 = sc->edge_tris[2 * e + 1];
        int f1 = zr_camera_faces(c->cam, sc->tri_normals + 3 * t1, sc->points + 3 * sc->tris[3 * t1]);
        int f2 = zr_camera_faces(c->cam, sc->tri_normals + 3 * t2, sc->points + 3 * sc->tris[3 * t2]);
        if (f1 != f2 && !(spec->edges && sharper(sc, t1, t2, sure_cos)))
            fn(c, sc->points + 3 * sc->edge_verts[2 * e], sc->points + 3 * sc->edge_verts[2 * e + 1]);
    }
}

static void setup(line_ctx *c, const zr_spec *spec, const zr_camera *cam, zr_samples *b)
{
    *c = (line_ctx){0};
    c->cam = cam;
    c->b = b;
    c->color = (uint32_t)spec->line_color[0] << 16 | (uint32_t)spec->line_color[1] << 8 | spec->line_color[2];
    c->hw = 0.5 * spec->line_width * spec->supersample;
    c->hw2 = c->hw * c->hw;
    c->lo_x = (long)b->x0 * b->s;
    c->lo_y = (long)b->y0 * b->s;
    c->hi_x = (long)b->x1 * b->s;
    c->hi_y = (long)b->y1 * b->s;
}

void zr_draw_lines(const zr_scene *sc, const zr_spec *spec, const zr_camera *cam, const zr_framing *framing,
                   zr_samples *b)
{
    if (!(spec->line_width > 0))
        return;
    line_ctx c;
    setup(&c, spec, cam, b);
    c.tol = DEPTH_TOLERANCE * framing->radius;
    b->line_color = c.color;
    for_each_line(sc, spec, &c, draw_segment);
}
