/* raster.c: z-buffered triangle rasterization into the sample buffers. Vertices are snapped
 * to 1/256 sample in integers and coverage is decided by exact integer edge functions with a
 * top-left fill rule, so adjacent triangles neither overlap nor leave cracks and the result
 * never depends on float rounding order. Shading is Gouraud over fixed-point intensities.
 * Pixels with a block (samples.c) get all their samples, others only their centre sample; the
 * pixels along seams (edges where the picture can jump) are marked here for that. */
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

/* Narrows [*k0, *k1] to the k where w + step * k >= 0; 0 when nothing is left. inv_step is
 * 1.0 / step: the quotient is estimated in floating point and then made exact in integers. */
static inline int clip_span(int64_t w, int64_t step, double inv_step, int64_t *k0, int64_t *k1)
{
    if (step > 0) {
        if (w < 0) {
            int64_t lo = (int64_t)((double)-w * inv_step);
            while (w + step * lo < 0)
                lo++;
            while (lo > 0 && w + step * (lo - 1) >= 0)
                lo--;
            *k0 = lo > *k0 ? lo : *k0;
        }
    } else if (step < 0) {
        if (w < 0)
            return 0;
        int64_t hi = (int64_t)((double)w * -inv_step);
        while (hi > 0 && w + step * hi < 0)
            hi--;
        while (w + step * (hi + 1) >= 0)
            hi++;
        *k1 = hi < *k1 ? hi : *k1;
    } else if (w < 0) {
        return 0;
    }
    return *k0 <= *k1;
}

/* How a triangle shades its samples; e1, e2 (below): the exact edge functions (areas of the
 * sub-triangles at v2 and v0's sides) at a sample. */
typedef struct {
    const vtx *v0;
    double shade0;                   /* v0->shade as a double (read once, not per sample) */
    double inv_area, dz1, dz2, di1, di2;
    int flat;
    uint32_t flat_color;
    const uint8_t *material;
} tri_shader;

/* One sample row of a triangle: samples [s0, s1] are covered; the exact edge functions at
 * sample sx are e1_0 + step1 * (sx - sx0) and e2_0 + step2 * (sx - sx0). */
typedef struct {
    int64_t sx0, s0, s1, e1_0, e2_0, step1, step2;
    int s, rep;
} row_span;

/* n samples of a triangle, the edge functions stepping by de1, de2 (integers, so the sums are
 * exact). A sample is drawn where its depth is nearer than the z-buffer's (Gouraud intensity
 * rounded to 1/65535); no branch on the depth test, so nothing is mispredicted. */
static inline void shade_run(const tri_shader *ts, double e1, double de1, double e2, double de2, float *depth,
                             uint32_t *color, int64_t n)
{
    const double z0 = ts->v0->z, dz1 = ts->dz1, dz2 = ts->dz2, inv_area = ts->inv_area;
    if (ts->flat) {
        const uint32_t fc = ts->flat_color;
        for (int64_t i = 0; i < n; i++) {
            double f1 = e1 + de1 * (double)i, f2 = e2 + de2 * (double)i;
            float zf = (float)(z0 + (f1 * dz1 + f2 * dz2) * inv_area);
            float old = depth[i];
            int nearer = zf < old;
            depth[i] = nearer ? zf : old;
            color[i] = nearer ? fc : color[i];
        }
        return;
    }
    const double s0 = ts->shade0, di1 = ts->di1, di2 = ts->di2;
    for (int64_t i = 0; i < n; i++) {
        double f1 = e1 + de1 * (double)i, f2 = e2 + de2 * (double)i;
        float zf = (float)(z0 + (f1 * dz1 + f2 * dz2) * inv_area);
        double sh = s0 + (f1 * di1 + f2 * di2) * inv_area;
        uint32_t si = sh <= 0 ? 0 : sh >= 65535 ? 65535 : (uint32_t)(sh + 0.5);
        uint32_t c = zr_shade_color(ts->material, si);
        float old = depth[i];
        int nearer = zf < old;
        depth[i] = nearer ? zf : old;
        color[i] = nearer ? c : color[i];
    }
}

/* The representative samples of pixels [pa, pz] (those inside the span) in a row without blocks. */
static inline void plain_run(const tri_shader *ts, const row_span *sp, int64_t pa, int64_t pz, float *depth,
                             uint32_t *color)
{
    const int64_t s = sp->s, rep = sp->rep;
    pa += pa * s + rep < sp->s0;
    pz -= pz * s + rep > sp->s1;
    if (pa > pz)
        return;
    int64_t k = pa * s + rep - sp->sx0;
    double e1 = (double)(sp->e1_0 + sp->step1 * k), de1 = (double)(sp->step1 * s);
    double e2 = (double)(sp->e2_0 + sp->step2 * k), de2 = (double)(sp->step2 * s);
    shade_run(ts, e1, de1, e2, de2, depth + pa, color + pa, pz - pa + 1);
}

/* The samples of block pixel px on this sample row (sdepth, scolor: the block's row). */
static inline void block_row(const tri_shader *ts, const row_span *sp, int64_t px, float *sdepth, uint32_t *scolor)
{
    const int64_t s = sp->s;
    int64_t a = px * s > sp->s0 ? px * s : sp->s0, z = px * s + s - 1 < sp->s1 ? px * s + s - 1 : sp->s1;
    if (a > z)
        return;
    int64_t k = a - sp->sx0;
    shade_run(ts, (double)(sp->e1_0 + sp->step1 * k), (double)sp->step1, (double)(sp->e2_0 + sp->step2 * k),
              (double)sp->step2, sdepth + (a - px * s), scolor + (a - px * s), z - a + 1);
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
    const int s = b->s, rep = b->rep;
    int64_t sx0 = first_sample(minx), sx1 = last_sample(maxx, (int64_t)b->x1 * s);
    int64_t sy0 = first_sample(miny), sy1 = last_sample(maxy, (int64_t)b->y1 * s);
    sx0 = sx0 < (int64_t)b->x0 * s ? (int64_t)b->x0 * s : sx0;
    sy0 = sy0 < (int64_t)b->y0 * s ? (int64_t)b->y0 * s : sy0;
    if (sx0 > sx1 || sy0 > sy1)
        return;
    const int64_t bias0 = owns_edge(v1, v2), bias1 = owns_edge(v2, v0), bias2 = owns_edge(v0, v1);
    const int64_t step0 = -(v2->y - v1->y) * SUBPIX, step1 = -(v0->y - v2->y) * SUBPIX,
                  step2 = -(v1->y - v0->y) * SUBPIX;
    const double inv0 = step0 ? 1.0 / (double)step0 : 0.0, inv1 = step1 ? 1.0 / (double)step1 : 0.0,
                 inv2 = step2 ? 1.0 / (double)step2 : 0.0;
    tri_shader ts = {v0, (double)v0->shade, 1.0 / (double)area, v1->z - v0->z, v2->z - v0->z, (double)v1->shade - v0->shade,
                     (double)v2->shade - v0->shade, v0->shade == v1->shade && v1->shade == v2->shade,
                     zr_shade_color(spec->material, v0->shade), spec->material};
    const int64_t count = sx1 - sx0 + 1;
    const size_t per = (size_t)s * s;
    const int32_t *pixel_of = b->pixel_of;   /* sample -> pixel without a division */
    const int64_t px0 = pixel_of[sx0], px1 = pixel_of[sx1];
    for (int64_t py = pixel_of[sy0]; py <= pixel_of[sy1]; py++) {
        const size_t row = (size_t)py * b->w;
        const int32_t *before = b->blocks_before + (size_t)py * (b->w + 1);
        const int any_block = b->row_blocks[py] && before[px1 + 1] != before[px0];
        for (int64_t oy = 0; oy < s; oy++) {
            int64_t sy = py * s + oy;
            if (sy < sy0 || sy > sy1 || (oy != rep && !any_block))
                continue;   /* only blocks have samples on this row */
            int64_t spy = sy * SUBPIX + HALF_SUBPIX, spx = sx0 * SUBPIX + HALF_SUBPIX;
            int64_t w0 = edge_fn(v1, v2, spx, spy) + bias0 - 1;
            int64_t w1 = edge_fn(v2, v0, spx, spy) + bias1 - 1;
            int64_t w2 = edge_fn(v0, v1, spx, spy) + bias2 - 1;
            int64_t k0 = 0, k1 = count - 1;
            if (!clip_span(w0, step0, inv0, &k0, &k1) || !clip_span(w1, step1, inv1, &k0, &k1) ||
                !clip_span(w2, step2, inv2, &k0, &k1))
                continue;
            /* exact edge functions at sample k of the row: e = w + 1 - bias + step * k */
            const int64_t e1_0 = w1 + 1 - bias1, e2_0 = w2 + 1 - bias2;
            const row_span sp = {sx0, sx0 + k0, sx0 + k1, e1_0, e2_0, step1, step2, s, rep};
            const int64_t pxa = pixel_of[sp.s0], pxz = pixel_of[sp.s1];
            if (!any_block) {   /* representative samples only: a plain run of pixels */
                plain_run(&ts, &sp, pxa, pxz, b->depth + row, b->color + row);
                continue;
            }
            /* the blocks in the span, left to right; on the representative row, plain runs between them */
            const int32_t first = b->row_first[py] + before[pxa], last = b->row_first[py] + before[pxz + 1];
            int64_t px = pxa;
            for (int32_t sl = first; sl < last; sl++) {
                int64_t bx = b->block_x[sl];
                if (oy == rep && bx > px)
                    plain_run(&ts, &sp, px, bx - 1, b->depth + row, b->color + row);
                block_row(&ts, &sp, bx, b->sdepth + (size_t)sl * per + (size_t)(oy * s),
                          b->scolor + (size_t)sl * per + (size_t)(oy * s));
                px = bx + 1;
            }
            if (oy == rep && px <= pxz)
                plain_run(&ts, &sp, px, pxz, b->depth + row, b->color + row);
        }
    }
}

static void draw_triangle(const zr_scene *sc, size_t t, const zr_projected *pp, const zr_spec *spec,
                          const zr_camera *cam, zr_samples *b)
{
    uint8_t state = b->tri_state[t];
    if (state == ZR_TRI_HIDDEN)
        return;
    const uint32_t *ix = sc->tris + 3 * t;
    int flip = (state >> 1) & 1;
    vtx v[3];
    for (int k = 0; k < 3; k++) {
        v[k].x = pp->x[ix[k]];
        v[k].y = pp->y[ix[k]];
        v[k].z = pp->z[ix[k]];
        v[k].shade = zr_shade_intensity(spec, cam, sc->normals + 3 * ix[k], flip);
    }
    int64_t area = edge_fn(&v[0], &v[1], v[2].x, v[2].y);
    if (area < 0) {
        vtx tmp = v[1];
        v[1] = v[2];
        v[2] = tmp;
        area = -area;
    }
    fill_triangle(&v[0], &v[1], &v[2], area, spec, b);
}

void zr_raster_classify(const zr_scene *sc, const zr_camera *cam, const zr_projected *pp, zr_samples *b)
{
    for (size_t t = 0; t < sc->ntris; t++) {
        const uint32_t *ix = sc->tris + 3 * t;
        b->tri_state[t] = ZR_TRI_HIDDEN;
        if (!pp->ok[ix[0]] || !pp->ok[ix[1]] || !pp->ok[ix[2]])
            continue;
        int flip = !zr_camera_faces(cam, sc->tri_normals + 3 * t, sc->points + 3 * ix[0]);
        if (flip && sc->closed)
            continue;   /* a back face of a closed surface is always hidden */
        vtx v[3];
        for (int k = 0; k < 3; k++) {
            v[k].x = pp->x[ix[k]];
            v[k].y = pp->y[ix[k]];
        }
        int64_t area = edge_fn(&v[0], &v[1], v[2].x, v[2].y);
        if (area != 0)
            b->tri_state[t] = (uint8_t)(ZR_TRI_FRONT | flip << 1 | (area < 0) << 2);
    }
}

void zr_raster_mark_seams(const zr_scene *sc, const int32_t *nb, const zr_projected *pp, zr_samples *b)
{
    const double to_px = 1.0 / ((double)SUBPIX * b->s);
    for (size_t t = 0; t < sc->ntris; t++) {
        uint8_t state = b->tri_state[t];
        if (state == ZR_TRI_HIDDEN)
            continue;
        for (int k = 0; k < 3; k++) {
            int32_t n = nb[3 * t + k];
            if (n >= 0 && b->tri_state[n] == state)
                continue;   /* the surface goes on unchanged across this edge */
            uint32_t i = sc->tris[3 * t + k], j = sc->tris[3 * t + (k + 1) % 3];
            zr_mark_segment(b, (double)pp->x[i] * to_px, (double)pp->y[i] * to_px, (double)pp->x[j] * to_px,
                            (double)pp->y[j] * to_px, 1e-3);
        }
    }
}

void zr_raster_triangles(const zr_scene *sc, const zr_spec *spec, const zr_camera *cam, const zr_projected *pp,
                         zr_samples *b)
{
    for (size_t t = 0; t < sc->ntris; t++)
        draw_triangle(sc, t, pp, spec, cam, b);
}
