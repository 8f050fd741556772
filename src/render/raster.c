/* raster.c: z-buffered triangle rasterization into the sample buffers. Vertices are snapped
 * to 1/256 sample in integers and coverage is decided by exact integer edge functions with a
 * top-left fill rule, so adjacent triangles neither overlap nor leave cracks and the result
 * never depends on float rounding order. Shading is Gouraud over fixed-point intensities. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

#define SUBPIX ZR_SUBPIX
#define HALF_SUBPIX (ZR_SUBPIX / 2)
#define COORD_LIMIT 1.0e6     /* samples: beyond this a vertex is dropped (never in a framed view) */

typedef struct {
    int64_t x, y;             /* fixed point */
    double z;                 /* depth, smaller is nearer */
    uint32_t shade;           /* intensity in 1/65535 */
} vtx;

int zr_project_scene(const zr_scene *sc, const zr_camera *cam, zr_projected *pp)
{
    size_t n = sc->npoints ? sc->npoints : 1;
    memset(pp, 0, sizeof *pp);
    pp->x = malloc(n * sizeof *pp->x);
    pp->y = malloc(n * sizeof *pp->y);
    pp->z = malloc(n * sizeof *pp->z);
    pp->ok = malloc(n);
    if (!pp->x || !pp->y || !pp->z || !pp->ok) {
        zr_projected_free(pp);
        return -1;
    }
    pp->lo[0] = pp->lo[1] = INT64_MAX;
    pp->hi[0] = pp->hi[1] = INT64_MIN;
    for (size_t i = 0; i < sc->npoints; i++) {
        double x, y, z;
        zr_camera_project(cam, sc->points + 3 * i, &x, &y, &z);
        pp->ok[i] = fabs(x) < COORD_LIMIT && fabs(y) < COORD_LIMIT && isfinite(z);
        pp->x[i] = pp->ok[i] ? (int64_t)floor(x * SUBPIX + 0.5) : 0;
        pp->y[i] = pp->ok[i] ? (int64_t)floor(y * SUBPIX + 0.5) : 0;
        pp->z[i] = z;
        if (pp->ok[i]) {
            pp->lo[0] = pp->x[i] < pp->lo[0] ? pp->x[i] : pp->lo[0];
            pp->lo[1] = pp->y[i] < pp->lo[1] ? pp->y[i] : pp->lo[1];
            pp->hi[0] = pp->x[i] > pp->hi[0] ? pp->x[i] : pp->hi[0];
            pp->hi[1] = pp->y[i] > pp->hi[1] ? pp->y[i] : pp->hi[1];
        }
    }
    return 0;
}

void zr_projected_free(zr_projected *pp)
{
    free(pp->x);
    free(pp->y);
    free(pp->z);
    free(pp->ok);
    memset(pp, 0, sizeof *pp);
}

static int64_t edge_fn(const vtx *a, const vtx *b, int64_t px, int64_t py)
{
    return (b->x - a->x) * (py - a->y) - (b->y - a->y) * (px - a->x);
}

/* Top-left rule: 1 if points exactly on edge a->b belong to this triangle. */
static int64_t owns_edge(const vtx *a, const vtx *b)
{
    int64_t dy = b->y - a->y, dx = b->x - a->x;
    return (dy < 0 || (dy == 0 && dx > 0)) ? 1 : 0;
}

static int64_t first_sample(int64_t lo)   /* first sample whose centre is >= lo */
{
    int64_t v = lo - HALF_SUBPIX;
    return v <= 0 ? 0 : (v + SUBPIX - 1) / SUBPIX;
}

static int64_t last_sample(int64_t hi, int64_t count)   /* last sample whose centre is <= hi */
{
    if (hi < HALF_SUBPIX)
        return -1;
    int64_t v = (hi - HALF_SUBPIX) / SUBPIX;
    return v < count - 1 ? v : count - 1;
}

/* Narrows [*k0, *k1] to the k where w + step * k >= 0; 0 when nothing is left. */
static inline int clip_span(int64_t w, int64_t step, int64_t *k0, int64_t *k1)
{
    if (step > 0) {
        int64_t lo = w >= 0 ? 0 : (-w + step - 1) / step;
        *k0 = lo > *k0 ? lo : *k0;
    } else if (step < 0) {
        if (w < 0)
            return 0;
        int64_t hi = w / -step;
        *k1 = hi < *k1 ? hi : *k1;
    } else if (w < 0) {
        return 0;
    }
    return *k0 <= *k1;
}

static void fill_triangle(const vtx *v0, const vtx *v1, const vtx *v2, int64_t area, const zr_spec *spec,
                          zr_samples *b)
{
    int64_t minx = v0->x < v1->x ? v0->x : v1->x, maxx = v0->x > v1->x ? v0->x : v1->x;
    int64_t miny = v0->y < v1->y ? v0->y : v1->y, maxy = v0->y > v1->y ? v0->y : v1->y;
    minx = v2->x < minx ? v2->x : minx;
    maxx = v2->x > maxx ? v2->x : maxx;
    miny = v2->y < miny ? v2->y : miny;
    maxy = v2->y > maxy ? v2->y : maxy;
    int64_t sx0 = first_sample(minx), sx1 = last_sample(maxx, b->x1);
    int64_t sy0 = first_sample(miny), sy1 = last_sample(maxy, b->y1);
    sx0 = sx0 < b->x0 ? b->x0 : sx0;
    sy0 = sy0 < b->y0 ? b->y0 : sy0;
    if (sx0 > sx1 || sy0 > sy1)
        return;
    const int64_t bias0 = owns_edge(v1, v2), bias1 = owns_edge(v2, v0), bias2 = owns_edge(v0, v1);
    const int64_t step0 = -(v2->y - v1->y) * SUBPIX, step1 = -(v0->y - v2->y) * SUBPIX,
                  step2 = -(v1->y - v0->y) * SUBPIX;
    const double inv_area = 1.0 / (double)area;
    const double dz1 = v1->z - v0->z, dz2 = v2->z - v0->z;
    const int flat = v0->shade == v1->shade && v1->shade == v2->shade;
    const uint32_t flat_color = zr_shade_color(spec->material, v0->shade);
    const double di1 = (double)v1->shade - v0->shade, di2 = (double)v2->shade - v0->shade;
    const double dzdx = ((double)step1 * dz1 + (double)step2 * dz2) * inv_area;
    const double dsdx = ((double)step1 * di1 + (double)step2 * di2) * inv_area;
    const int64_t count = sx1 - sx0 + 1;
    for (int64_t sy = sy0; sy <= sy1; sy++) {
        int64_t py = sy * SUBPIX + HALF_SUBPIX, px = sx0 * SUBPIX + HALF_SUBPIX;
        int64_t w0 = edge_fn(v1, v2, px, py) + bias0 - 1;
        int64_t w1 = edge_fn(v2, v0, px, py) + bias1 - 1;
        int64_t w2 = edge_fn(v0, v1, px, py) + bias2 - 1;
        int64_t k0 = 0, k1 = count - 1;
        if (!clip_span(w0, step0, &k0, &k1) || !clip_span(w1, step1, &k0, &k1) || !clip_span(w2, step2, &k0, &k1))
            continue;
        w1 += step1 * k0;
        w2 += step2 * k0;
        double e1 = (double)(w1 + 1 - bias1), e2 = (double)(w2 + 1 - bias2);
        double z = v0->z + (e1 * dz1 + e2 * dz2) * inv_area;
        double sh = v0->shade + (e1 * di1 + e2 * di2) * inv_area;
        size_t idx = (size_t)sy * b->sw + (size_t)(sx0 + k0);
        for (int64_t k = k0; k <= k1; k++, idx++, z += dzdx, sh += dsdx) {
            float zf = (float)z;
            if (!(zf < b->depth[idx]))
                continue;
            b->depth[idx] = zf;
            if (flat) {
                b->color[idx] = flat_color;
            } else {
                uint32_t si = sh <= 0 ? 0 : sh >= 65535 ? 65535 : (uint32_t)(sh + 0.5);
                b->color[idx] = zr_shade_color(spec->material, si);
            }
        }
    }
}

static void draw_triangle(const zr_scene *sc, size_t t, const zr_projected *pp, const zr_spec *spec,
                          const zr_camera *cam, zr_samples *b)
{
    const uint32_t *ix = sc->tris + 3 * t;
    if (!pp->ok[ix[0]] || !pp->ok[ix[1]] || !pp->ok[ix[2]])
        return;
    int flip = !zr_camera_faces(cam, sc->tri_normals + 3 * t, sc->points + 3 * ix[0]);
    if (flip && sc->closed)
        return;   /* a back face of a closed surface is always hidden */
    vtx v[3];
    for (int k = 0; k < 3; k++) {
        v[k].x = pp->x[ix[k]];
        v[k].y = pp->y[ix[k]];
        v[k].z = pp->z[ix[k]];
        v[k].shade = zr_shade_intensity(spec, cam, sc->normals + 3 * ix[k], flip);
    }
    int64_t area = edge_fn(&v[0], &v[1], v[2].x, v[2].y);
    if (area == 0)
        return;
    if (area < 0) {
        vtx tmp = v[1];
        v[1] = v[2];
        v[2] = tmp;
        area = -area;
    }
    fill_triangle(&v[0], &v[1], &v[2], area, spec, b);
}

void zr_raster_triangles(const zr_scene *sc, const zr_spec *spec, const zr_camera *cam, const zr_projected *pp,
                         zr_samples *b)
{
    for (size_t t = 0; t < sc->ntris; t++)
        draw_triangle(sc, t, pp, spec, cam, b);
}
