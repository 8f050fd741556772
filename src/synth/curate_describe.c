/* curate_describe.c: the default descriptor of one row (ZCUR_DIM floats): the view blocks of its
 * 8 PNG views (decoded with libspng through zc_model's PNG reader) and the mesh blocks of its STL
 * (read by the renderer's STL reader), each block scaled to unit L2 norm so that thumbnails,
 * edge orientations, D2 distribution and inertia weigh the same. Missing parts stay zero. */
#include "curate.h"
#include "render.h"
#include "vision.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void unit_norm(float *v, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += (double)v[i] * v[i];
    if (s > 0) {
        float inv = (float)(1.0 / sqrt(s));
        for (size_t i = 0; i < n; i++)
            v[i] *= inv;
    }
}

static int describe_views(const unsigned char *const *png, const size_t *png_len, const char *name, float *thumb,
                          float *orient, unsigned *has, char *err, size_t errlen)
{
    for (int v = 0; v < ZCUR_VIEWS; v++) {
        if (!png[v])
            continue;
        char what[160];
        snprintf(what, sizeof what, "%s image_%d", name, v);
        uint8_t *rgb = NULL;
        int w = 0, h = 0;
        if (zc_image_decode_png(png[v], png_len[v], what, &rgb, &w, &h, err, errlen))
            return -1;
        zcur_view_features(rgb, w, h, thumb + v * ZCUR_THUMB * ZCUR_THUMB, orient + v * ZCUR_ORIENT_BINS);
        free(rgb);
        *has |= ZCUR_HAS_VIEWS;
    }
    return 0;
}

static int describe_mesh(const unsigned char *stl, size_t stl_len, const char *name, float *d2, float *inertia,
                         char *err, size_t errlen)
{
    char what[160], why[256];
    snprintf(what, sizeof what, "%s stl_file", name);
    zr_spec spec;
    zr_scene scene;
    if (zr_spec_default(&spec)) {
        snprintf(err, errlen, "%s: out of memory", what);
        return -1;
    }
    int rc = zr_scene_from_stl(stl, stl_len, what, &spec, &scene, err, errlen);
    zr_spec_free(&spec);
    if (rc)
        return -1;
    rc = zcur_mesh_features(scene.points, scene.npoints, scene.tris, scene.ntris, d2, inertia, why, sizeof why);
    if (rc)
        snprintf(err, errlen, "%s: %s", what, why);
    zr_scene_free(&scene);
    return rc;
}

int zcur_describe(const unsigned char *const *png, const size_t *png_len, const unsigned char *stl,
                  size_t stl_len, const char *name, float *desc, unsigned *has, char *err, size_t errlen)
{
    float *thumb = desc, *orient = thumb + ZCUR_DIM_THUMB, *d2 = orient + ZCUR_DIM_ORIENT, *inertia = d2 + ZCUR_D2_BINS;
    memset(desc, 0, ZCUR_DIM * sizeof *desc);
    *has = 0;
    if (describe_views(png, png_len, name, thumb, orient, has, err, errlen))
        return -1;
    if (stl) {
        if (describe_mesh(stl, stl_len, name, d2, inertia, err, errlen))
            return -1;
        *has |= ZCUR_HAS_MESH;
    }
    unit_norm(thumb, ZCUR_DIM_THUMB);
    unit_norm(orient, ZCUR_DIM_ORIENT);
    unit_norm(d2, ZCUR_D2_BINS);
    unit_norm(inertia, ZCUR_DIM_INERTIA);
    return 0;
}
