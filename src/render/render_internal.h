/* render_internal.h: declarations shared by the files of src/render/ (not a public header:
 * other modules use render.h). */
#ifndef ZC_RENDER_INTERNAL_H
#define ZC_RENDER_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "render.h"

/* Writes a formatted one-line message into err (when not NULL). */
void zr_set_error(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- camera.c: one view's projection ---- */
typedef struct {
    double right[3], up[3], dir[3];  /* orthonormal; dir points from the centre to the camera */
    double center[3];
    int perspective;
    double scale;                    /* ortho: samples per world unit; persp: samples per unit of tan */
    double distance;                 /* persp: camera distance from the centre */
    double cx, cy;                   /* image centre in samples */
    int sw, sh;                      /* sample buffer size */
    double light[3];                 /* world-space unit light direction */
    double view_vec[3];              /* ortho: towards the camera (= dir) */
} zr_camera;

int zr_camera_setup(const zr_view *view, const zr_framing *framing, const zr_spec *spec, zr_camera *cam);
/* Projects a world point: sample-space x, y (y down) and a depth where smaller is nearer and
 * which varies linearly across a triangle in screen space. */
void zr_camera_project(const zr_camera *cam, const float p[3], double *x, double *y, double *depth);
/* Distance from the camera plane (world units) of a depth value (for tolerances). */
double zr_camera_depth_distance(const zr_camera *cam, double depth);
/* Whether a triangle with geometric normal n at point p faces the camera. */
int zr_camera_faces(const zr_camera *cam, const float n[3], const float p[3]);

/* ---- samples.c: the buffers one view is drawn into (reused across views) ----
 * Every pixel has one representative sample (the centre one for odd S); pixels that a seam
 * of the picture can cross (marked by pixel_marks.c) get a block of all S x S samples, so
 * anti-aliasing is paid only where it shows. */
typedef struct {
    int s;                           /* samples per pixel along each axis */
    int rep;                         /* s / 2: the representative sample's offset in its pixel */
    int w, h;                        /* pixels */
    int sw, sh;                      /* samples */
    size_t cap;                      /* allocated pixels */
    float *depth;                    /* w * h: the representative sample's depth, +inf where empty */
    uint32_t *color;                 /* w * h: its colour, 0x00RRGGBB */
    int32_t *slot;                   /* w * h: the pixel's block of s * s samples, or ZR_NO_SLOT */
    int32_t *row_blocks;             /* h: pixels of the row with a block */
    int32_t *row_first;              /* h: the row's first block (blocks go row by row, left to right) */
    int32_t *mark_lo, *mark_hi;      /* h: the row's marked pixels lie in [mark_lo, mark_hi] */
    int32_t *block_x;                /* per block: its pixel's x */
    int32_t *blocks_before;          /* (w + 1) * h: blocks left of pixel x in row y, at y * (w + 1) + x */
    size_t before_cap;
    size_t nslots, slot_cap;
    float *sdepth;                   /* s * s per block, row by row */
    uint32_t *scolor;
    int32_t *pixel_of;               /* max(sw, sh): sample coordinate / s */
    size_t pixel_of_cap;
    uint64_t *line_mask;             /* w * h: the pixel's samples a line covers (bit oy * s + ox); all
                                      * zero between views (zr_samples_resolve clears what it reads) */
    uint32_t line_color;
    uint8_t *tri_state;              /* per triangle, this view: ZR_TRI_* */
    size_t tri_cap;
    uint32_t bg;                     /* background colour */
    int x0, y0, x1, y1;              /* pixels in use: [x0, x1) x [y0, y1); others are background */
} zr_samples;

#define ZR_NO_SLOT (-1)
#define ZR_MARKED (-2)               /* a block is wanted (before zr_samples_assign_blocks) */

/* Sizes the buffers for a view of w x h pixels with s x s samples and ntris triangles. */
int zr_samples_prepare(zr_samples *b, int w, int h, int s, size_t ntris, const uint8_t background[3]);
/* Marks pixels [x0, x1) x [y0, y1) as the region in use and clears it to the background. */
void zr_samples_clear_rect(zr_samples *b, int x0, int y0, int x1, int y1);
/* Gives every marked pixel a block of samples, cleared to the background. */
int zr_samples_assign_blocks(zr_samples *b);
void zr_samples_free(zr_samples *b);
/* A set of buffers from a small process-wide pool (allocated when the pool is empty; NULL when
 * out of memory), and back into it (freed when the pool is full). */
zr_samples *zr_samples_take(void);
void zr_samples_give(zr_samples *b);
/* The picture: a block's box-filtered average, or the representative sample, with the samples
 * a line covers taking the line colour; clears the line masks it reads. */
void zr_samples_resolve(zr_samples *b, uint8_t *rgb);

/* floor(v) as a long, for v well inside long's range (no library call). */
static inline long zr_floor_long(double v)
{
    long i = (long)v;
    return i - (v < (double)i);
}

/* Depth at sample (sx, sy) (+inf outside the region in use). */
static inline float zr_samples_depth_at(const zr_samples *b, long sx, long sy)
{
    if (sx < 0 || sy < 0 || sx >= b->sw || sy >= b->sh)
        return (float)INFINITY;
    long px = b->pixel_of[sx], py = b->pixel_of[sy];
    if (px < b->x0 || py < b->y0 || px >= b->x1 || py >= b->y1)
        return (float)INFINITY;
    size_t i = (size_t)py * b->w + (size_t)px;
    int32_t sl = b->slot[i];
    if (sl < 0)
        return b->depth[i];
    return b->sdepth[(size_t)sl * b->s * b->s + (size_t)((sy - py * b->s) * b->s + (sx - px * b->s))];
}

/* Marks sample (sx, sy) inside the region as covered by a line (its bit in the pixel's mask). */
static inline void zr_samples_line(zr_samples *b, long sx, long sy)
{
    long px = b->pixel_of[sx], py = b->pixel_of[sy], ox = sx - px * b->s, oy = sy - py * b->s;
    b->line_mask[(size_t)py * b->w + (size_t)px] |= (uint64_t)1 << (oy * b->s + ox);
}

/* ---- pixel_marks.c: which pixels get all samples ---- */
/* Marks every pixel within r pixels (in x or y) of the segment (x0, y0)-(x1, y1), in pixels. */
void zr_mark_segment(zr_samples *b, double x0, double y0, double x1, double y1, double r);

/* ---- adjacency.c: neighbour across each corner edge where the surface is continuous ---- */
/* *nb (malloc'd, 3 * ntris): for corner edge k of triangle t, nb[3 t + k] is the triangle
 * across it when the surface and its shading are continuous there, else -1. */
int zr_adjacency_build(const zr_scene *scene, int32_t **nb);

/* ---- shade.c: per-vertex intensity in 1/65535 ---- */
uint32_t zr_shade_intensity(const zr_spec *spec, const zr_camera *cam, const float n[3], int flip);
/* Material colour at an intensity (1/65535), each channel rounded. */
static inline uint32_t zr_shade_color(const uint8_t material[3], uint32_t intensity)
{
    uint32_t r = (material[0] * intensity + 32767) / 65535;
    uint32_t g = (material[1] * intensity + 32767) / 65535;
    uint32_t b = (material[2] * intensity + 32767) / 65535;
    return r << 16 | g << 8 | b;
}

/* ---- raster.c ---- */
#define ZR_SUBPIX 256                /* fixed-point steps per sample */
typedef struct {
    int64_t *x, *y;                  /* fixed-point sample coordinates */
    double *z;                       /* depth */
    uint8_t *ok;                     /* 0: the point is unusable (off any sane range) */
    int64_t lo[2], hi[2];            /* fixed-point bounding box of the usable points */
} zr_projected;

int zr_project_scene(const zr_scene *scene, const zr_camera *cam, zr_projected *pp);
void zr_projected_free(zr_projected *pp);
/* How each triangle is drawn in this view (b->tri_state). */
#define ZR_TRI_HIDDEN 0              /* not drawn: culled, unusable or without area */
#define ZR_TRI_FRONT 1               /* bit 1: shaded with its normal flipped; bit 2: clockwise on screen */
void zr_raster_classify(const zr_scene *scene, const zr_camera *cam, const zr_projected *pp, zr_samples *b);
/* Marks the pixels along triangle edges where the picture can change abruptly. */
void zr_raster_mark_seams(const zr_scene *scene, const int32_t *nb, const zr_projected *pp, zr_samples *b);
void zr_raster_triangles(const zr_scene *scene, const zr_spec *spec, const zr_camera *cam, const zr_projected *pp,
                         zr_samples *b);

/* ---- lines.c ---- */
/* Draws the lines into the samples' line masks (after the triangles, before the resolve). */
void zr_draw_lines(const zr_scene *scene, const zr_spec *spec, const zr_camera *cam, const zr_framing *framing,
                   zr_samples *b);

/* ---- mesh_topology.c: welding, edges, smooth normals (used by STL input and silhouettes) ---- */
int zr_scene_build_edges(zr_scene *scene, double weld_tol, char *err, size_t errlen);
void zr_scene_tri_normals(zr_scene *scene);
/* STL input (3 unshared points per triangle): manifold edges, dihedral features, smooth normals. */
int zr_scene_mesh_features(zr_scene *scene, double weld_tol, double feature_deg, char *err, size_t errlen);

/* ---- font.c: a hand-written 5x7 bitmap font ---- */
const uint8_t *zr_font_glyph(char c);   /* 7 rows, low 5 bits each (bit 4 = leftmost) */

#endif
