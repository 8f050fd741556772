/* geom.c: the shapes being compared (zm_geom): loaded from STEP/BREP/STL files or wrapped from a
 * program's result, with the mesh and B-rep forms derived on demand and cached. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "metrics_internal.h"

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot : "";
}

zm_geom *zm_geom_from_shape(zk_shape *s)
{
    zm_geom *g = calloc(1, sizeof *g);
    if (g)
        g->shape = zk_ref(s);
    return g;
}

zm_geom *zm_geom_load(const char *path, char *err, size_t errlen)
{
    const char *ext = extension(path);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return NULL;
    }
    fclose(f);
    zm_geom *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    if (!strcasecmp(ext, ".stl")) {
        if (zm_stl_read(path, &g->mesh, err, errlen)) {
            free(g);
            return NULL;
        }
        g->mesh_kind = 2;
        g->stl_path = strdup(path);
        return g;
    }
    zk_shape *s = NULL;
    if (!strcasecmp(ext, ".step") || !strcasecmp(ext, ".stp"))
        s = zk_read_step(path);
    else if (!strcasecmp(ext, ".brep"))
        s = zk_read_brep(path);
    else {
        snprintf(err, errlen, "%s: unsupported file type (use .py, .step, .stp, .brep or .stl)", path);
        free(g);
        return NULL;
    }
    if (!s) {
        snprintf(err, errlen, "%s: cannot read: %s", path, zk_error_message());
        free(g);
        return NULL;
    }
    g->shape = s;
    return g;
}

zm_geom *zm_geom_from_bytes(const char *name, const void *data, size_t len, int is_stl, char *err, size_t errlen)
{
    zm_geom *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    if (is_stl) {
        if (zm_stl_parse(data, len, name, &g->mesh, err, errlen)) {
            free(g);
            return NULL;
        }
        g->mesh_kind = 2;
        return g;
    }
    g->shape = zk_read_step_memory(name, data, len);
    if (!g->shape) {
        snprintf(err, errlen, "%s: cannot read the STEP data: %s", name, zk_error_message());
        free(g);
        return NULL;
    }
    return g;
}

void zm_geom_free(zm_geom *g)
{
    if (!g)
        return;
    zk_unref(g->shape);
    free(g->stl_path);
    zm_mesh_free(&g->mesh);
    free(g);
}

const zm_mesh *zm_geom_mesh(zm_geom *g, double lin_tol, double ang_tol, int relative, char *err, size_t errlen)
{
    if (g->mesh_kind == 2)
        return &g->mesh;
    if (g->mesh_kind == 1)
        return &g->mesh;
    if (!g->shape) {
        snprintf(err, errlen, "no shape");
        return NULL;
    }
    if (zm_mesh_from_shape(g->shape, lin_tol, ang_tol, relative, &g->mesh, err, errlen))
        return NULL;
    g->mesh_kind = 1;
    return &g->mesh;
}

zk_shape *zm_geom_shape(zm_geom *g, char *err, size_t errlen)
{
    if (g->shape)
        return g->shape;
    if (!g->stl_path) {
        snprintf(err, errlen, "the ground truth is a mesh in memory (no STEP); this protocol needs a B-rep");
        return NULL;
    }
    g->shape = zk_read_stl(g->stl_path);
    if (!g->shape)
        snprintf(err, errlen, "%s: cannot build a solid from the STL: %s", g->stl_path, zk_error_message());
    return g->shape;
}

double zm_geom_extent(zm_geom *g, char *err, size_t errlen)
{
    double lo[3], hi[3];
    if (g->shape) {
        double b[6];
        if (zk_bbox(g->shape, 0, 1, b)) {
            snprintf(err, errlen, "bounding box failed: %s", zk_error_message());
            return -1;
        }
        for (int d = 0; d < 3; d++)
            lo[d] = b[d], hi[d] = b[d + 3];
    } else
        zm_mesh_bounds(&g->mesh, lo, hi);
    double e = hi[0] - lo[0];
    for (int d = 1; d < 3; d++)
        if (hi[d] - lo[d] > e)
            e = hi[d] - lo[d];
    if (!(e > 0)) {
        snprintf(err, errlen, "degenerate shape (zero extent)");
        return -1;
    }
    return e;
}
