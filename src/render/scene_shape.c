/* scene_shape.c: a scene from a B-rep shape: the kernel's tessellation in memory (deflections
 * from the spec, relative to the shape's size), the polylines of its sharp edges as feature
 * segments, and the welded mesh edges that silhouettes are found on. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

static int add_sharp_polylines(zr_scene *sc, const zk_polylines *pl)
{
    size_t nseg = 0;
    for (size_t i = 0; i < pl->nlines; i++)
        if (pl->sharp[i] && pl->starts[i + 1] > pl->starts[i])
            nseg += pl->starts[i + 1] - pl->starts[i] - 1;
    sc->feature = malloc((nseg ? nseg : 1) * 6 * sizeof *sc->feature);
    if (!sc->feature)
        return -1;
    for (size_t i = 0; i < pl->nlines; i++) {
        if (!pl->sharp[i])
            continue;
        for (uint32_t k = pl->starts[i]; k + 1 < pl->starts[i + 1]; k++) {
            memcpy(sc->feature + 6 * sc->nfeature, pl->pts + 3 * (size_t)k, 6 * sizeof(float));
            sc->nfeature++;
        }
    }
    return 0;
}

static int take_mesh(zr_scene *sc, zk_mesh *m)
{
    sc->points = m->points;
    sc->normals = m->normals;
    sc->tris = m->tris;
    sc->npoints = m->npoints;
    sc->ntris = m->ntris;
    memset(m, 0, sizeof *m);
    sc->tri_normals = malloc((sc->ntris ? sc->ntris : 1) * 3 * sizeof *sc->tri_normals);
    if (!sc->tri_normals)
        return -1;
    zr_scene_tri_normals(sc);
    return 0;
}

int zr_scene_from_shape(const zk_shape *shape, const zr_spec *spec, zr_scene *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (err && errlen)
        err[0] = 0;
    double box[6];
    if (!shape || zk_is_null(shape) || zk_bbox(shape, 0, 1, box) < 0) {
        zr_set_error(err, errlen, "the shape is empty (no bounding box)");
        return -1;
    }
    double diag = sqrt((box[3] - box[0]) * (box[3] - box[0]) + (box[4] - box[1]) * (box[4] - box[1]) +
                       (box[5] - box[2]) * (box[5] - box[2]));
    if (!(diag > 0) || !isfinite(diag)) {
        zr_set_error(err, errlen, "the shape is empty (zero or infinite size)");
        return -1;
    }
    double lin = spec->tess_linear * diag, ang = spec->tess_angular_deg * M_PI / 180.0;
    zk_mesh m;
    if (zk_mesh_shape(shape, lin, ang, 0, &m) < 0) {
        zr_set_error(err, errlen, "tessellation failed: %s", zk_error_message());
        return -1;
    }
    if (m.ntris == 0) {
        zk_mesh_free(&m);
        zr_set_error(err, errlen, "the shape has no faces to draw (not a solid or surface)");
        return -1;
    }
    int rc = take_mesh(out, &m);
    zk_polylines pl;
    if (!rc && zk_edge_polylines(shape, lin, ang, spec->feature_angle_deg, &pl) == 0) {
        rc = add_sharp_polylines(out, &pl);
        zk_polylines_free(&pl);
    } else if (!rc) {
        zr_set_error(err, errlen, "edge polylines failed: %s", zk_error_message());
        rc = -1;
    }
    if (!rc)
        rc = zr_scene_build_edges(out, 1e-6 * diag, err, errlen);
    if (rc) {
        if (err && !*err)
            zr_set_error(err, errlen, "out of memory");
        zr_scene_free(out);
    }
    return rc;
}

void zr_scene_free(zr_scene *sc)
{
    if (!sc)
        return;
    free(sc->points);
    free(sc->normals);
    free(sc->tris);
    free(sc->tri_normals);
    free(sc->feature);
    free(sc->edge_verts);
    free(sc->edge_tris);
    memset(sc, 0, sizeof *sc);
}
