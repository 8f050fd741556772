/* render_internal.h: declarations shared by the files of src/render/ (not a public header:
 * other modules use render.h). */
#ifndef ZC_RENDER_INTERNAL_H
#define ZC_RENDER_INTERNAL_H

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

/* ---- samples.c: sample buffers (reused across views) ---- */
typedef struct {
    int sw, sh;                      /* samples */
    size_t cap;                      /* allocated samples */
    float *depth;                    /* sw * sh, +inf where empty */
    uint32_t *color;                 /* sw * sh, 0x00RRGGBB */
    uint32_t bg;                     /* background colour */
    int x0, y0, x1, y1;              /* the only samples in use: [x0, x1) x [y0, y1); others are background */
} zr_samples;

/* Sizes the buffers for sw x sh samples (growing them when needed); nothing is cleared. */
int zr_samples_prepare(zr_samples *b, int sw, int sh, const uint8_t background[3]);
/* Marks [x0, x1) x [y0, y1) as the region in use and clears it to the background. */
void zr_samples_clear_rect(zr_samples *b, int x0, int y0, int x1, int y1);
void zr_samples_free(zr_samples *b);
void zr_samples_downsample(const zr_samples *b, int s, uint8_t *rgb);

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
void zr_raster_triangles(const zr_scene *scene, const zr_spec *spec, const zr_camera *cam, const zr_projected *pp,
                         zr_samples *b);

/* ---- lines.c ---- */
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
