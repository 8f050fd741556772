/* render.h: zerocad's renderer, the only way into src/render/. It draws a triangle mesh
 * (from the kernel's tessellation of a B-rep shape, or from an STL file) as shaded views
 * with dark feature and silhouette lines, into an 8-bit RGB buffer or PNG bytes in memory.
 *
 * What the views are (cameras, framing, light, lines, sizes) is a view spec (zr_spec): the
 * default "zerocad-8v1" is built in (zr_spec_default), others come from JSON (zr_spec_load);
 * see docs/render.md. Output is deterministic: the same scene and spec give the same bytes
 * on every run, whatever the thread count.
 *
 * Errors: functions returning int give 0 on success and -1 on failure with a one-line
 * message in the caller's err buffer (errlen bytes; err may be NULL). */
#ifndef ZC_RENDER_H
#define ZC_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

#define ZR_DEFAULT_SPEC_VERSION "zerocad-8v1"
#define ZR_NAME_MAX 32

typedef enum { ZR_ORTHOGRAPHIC = 0, ZR_PERSPECTIVE = 1 } zr_projection;

typedef struct {
    char name[ZR_NAME_MAX];
    double direction[3];       /* from the shape's centre towards the camera (any length > 0) */
    double up[3];              /* projected on the image plane; +Y is used if parallel to direction */
    zr_projection projection;
    double fov_deg;            /* perspective only: full vertical/horizontal field of view */
    int width, height;         /* pixels */
} zr_view;

typedef struct {
    char version[64];          /* recorded in every PNG (tEXt "zerocad-view-spec") */
    zr_view *views;            /* owned (malloc) */
    size_t nviews;
    double margin;             /* framing: bounding sphere radius = (1 - margin) * min(w, h) / 2 */
    uint8_t background[3];
    uint8_t material[3];       /* surface colour at full light */
    double light_dir[3];       /* headlight direction in camera coordinates (x right, y up, z to viewer) */
    double ambient, diffuse;   /* intensity = ambient + diffuse * max(0, n . light), clamped to 1 */
    int edges;                 /* draw sharp B-rep edges (STL: edges above the feature angle) */
    int silhouette;            /* draw the silhouette (front/back boundary) */
    uint8_t line_color[3];
    double line_width;         /* pixels */
    double feature_angle_deg;  /* an edge is sharp when its faces' normals differ by more */
    int supersample;           /* S: S x S samples per pixel */
    double tess_linear;        /* linear deflection, relative to the bounding-box diagonal */
    double tess_angular_deg;   /* angular deflection */
} zr_spec;

/* ---- view specs ---- */
int zr_spec_default(zr_spec *out);            /* "zerocad-8v1": the 8 cube-corner views */
/* Loads a spec from a JSON file; every field is required (zr_spec_to_json shows them all). */
int zr_spec_load(const char *path, zr_spec *out, char *err, size_t errlen);
int zr_spec_from_json_text(const char *text, const char *name, zr_spec *out, char *err, size_t errlen);
char *zr_spec_to_json(const zr_spec *spec);   /* malloc'd JSON text */
void zr_spec_free(zr_spec *spec);
/* Keeps only one view: a view of the spec by name or index ("0".."7", "view_3"), or a named
 * standard view (iso, front, back, left, right, top, bottom) rendered with the spec's look. */
int zr_spec_select_view(zr_spec *spec, const char *name, char *err, size_t errlen);
void zr_spec_set_size(zr_spec *spec, int size); /* every view becomes size x size */

/* ---- scenes: what is drawn ---- */
typedef struct {
    float *points;             /* 3 * npoints */
    float *normals;            /* 3 * npoints, unit (shading normals) */
    uint32_t *tris;            /* 3 * ntris, counter-clockwise seen from outside */
    size_t npoints, ntris;
    float *tri_normals;        /* 3 * ntris: geometric normals (for silhouettes) */
    float *feature;            /* 6 * nfeature: sharp edge segments (a, b) */
    size_t nfeature;
    uint32_t *edge_verts;      /* 2 * nedges: welded mesh edges between two triangles */
    uint32_t *edge_tris;       /* 2 * nedges: the two triangles of each edge */
    size_t nedges;
    int closed;                /* every edge has two triangles that traverse it oppositely: back
                                  faces can never be seen, so they are not drawn */
} zr_scene;

/* Tessellates a B-rep shape with the kernel (in memory) using the spec's deflections, and
 * collects its sharp edges' polylines. Fails on a shape without triangles. */
int zr_scene_from_shape(const zk_shape *shape, const zr_spec *spec, zr_scene *out, char *err, size_t errlen);
/* An STL (binary or ASCII) in memory: welded, smooth normals within the feature angle, sharp
 * edges by dihedral angle. name is used in messages. */
int zr_scene_from_stl(const void *data, size_t len, const char *name, const zr_spec *spec, zr_scene *out,
                      char *err, size_t errlen);
int zr_scene_from_stl_file(const char *path, const zr_spec *spec, zr_scene *out, char *err, size_t errlen);
void zr_scene_free(zr_scene *scene);

/* ---- framing: the same for every view of one scene ---- */
typedef struct {
    double center[3];          /* bounding-box centre of the tessellated points */
    double radius;             /* largest distance of a point from center */
} zr_framing;
int zr_framing_of(const zr_scene *scene, zr_framing *out, char *err, size_t errlen);

/* ---- drawing ---- */
/* Draws view `index` of spec into rgb (3 * width * height bytes, rows top to bottom). */
int zr_render_rgb(const zr_scene *scene, const zr_framing *framing, const zr_spec *spec, size_t index,
                  uint8_t *rgb, char *err, size_t errlen);
/* PNG bytes of view `index` (malloc'd, *png freed by the caller with free()). */
int zr_render_png(const zr_scene *scene, const zr_framing *framing, const zr_spec *spec, size_t index,
                  uint8_t **png, size_t *png_len, char *err, size_t errlen);
/* All views of the spec as RGB images, views spread over nthreads threads (<= 1: this thread).
 * rgbs[i] is malloc'd 3 * w * h bytes (freed by the caller). The bytes do not depend on nthreads. */
int zr_render_all(const zr_scene *scene, const zr_framing *framing, const zr_spec *spec, int nthreads,
                  uint8_t **rgbs, char *err, size_t errlen);

/* ---- PNG and contact sheet ---- */
/* 8-bit RGB PNG with fixed encoder settings; text: key/value pairs (ntext of them) stored as tEXt. */
int zr_png_encode(const uint8_t *rgb, int width, int height, const char *const *text_kv, size_t ntext,
                  uint8_t **png, size_t *png_len, char *err, size_t errlen);
/* A labelled grid of the spec's views (labels: view name and camera direction). */
int zr_grid_rgb(const zr_spec *spec, uint8_t *const *rgbs, int columns, uint8_t **out, int *width, int *height,
                char *err, size_t errlen);

#endif
