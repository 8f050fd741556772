/* mesh_topology.c: connectivity of a triangle soup: vertices welded by position (on a grid of
 * the weld tolerance), the edges with the triangles around them, the manifold edges that
 * silhouettes are found on, and for STL input the sharp edges by dihedral angle and smooth
 * per-corner normals that do not blur across them. Orders are fixed (sorts with full keys). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

typedef struct {
    int64_t k[3];
    uint32_t index;
} weld_key;

typedef struct {
    uint32_t a, b, tri;
    uint32_t forward;         /* 1 when the triangle runs the edge from a to b */
} edge_rec;

typedef struct {
    uint32_t *canon;          /* npoints: the representative of each point */
    edge_rec *edges;          /* 3 * ntris, sorted by (a, b, tri); a < b */
    size_t nedges;
} topology;

static int cmp_weld(const void *pa, const void *pb)
{
    const weld_key *a = pa, *b = pb;
    for (int i = 0; i < 3; i++)
        if (a->k[i] != b->k[i])
            return a->k[i] < b->k[i] ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int cmp_edge(const void *pa, const void *pb)
{
    const edge_rec *a = pa, *b = pb;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    return a->tri < b->tri ? -1 : a->tri > b->tri;
}

static uint32_t *weld(const zr_scene *sc, double tol)
{
    size_t n = sc->npoints;
    weld_key *keys = malloc((n ? n : 1) * sizeof *keys);
    uint32_t *canon = malloc((n ? n : 1) * sizeof *canon);
    if (!keys || !canon) {
        free(keys);
        free(canon);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        for (int j = 0; j < 3; j++) {
            double q = floor((double)sc->points[3 * i + j] / tol + 0.5);
            /* beyond +-2^62 only on an axis where every point is equal (e.g. x = 1e30, extent 1): clamp, no overflow */
            keys[i].k[j] = q > 0x1p62 ? INT64_C(1) << 62 : q < -0x1p62 ? -(INT64_C(1) << 62) : (int64_t)q;
        }
        keys[i].index = (uint32_t)i;
    }
    qsort(keys, n, sizeof *keys, cmp_weld);
    for (size_t i = 0; i < n; i++) {
        int same = i > 0 && !memcmp(keys[i].k, keys[i - 1].k, sizeof keys[i].k);
        canon[keys[i].index] = same ? canon[keys[i - 1].index] : keys[i].index;
    }
    free(keys);
    return canon;
}

static int build_topology(const zr_scene *sc, double tol, topology *tp)
{
    memset(tp, 0, sizeof *tp);
    tp->canon = weld(sc, tol);
    tp->edges = malloc((sc->ntris ? 3 * sc->ntris : 1) * sizeof *tp->edges);
    if (!tp->canon || !tp->edges)
        return -1;
    for (size_t t = 0; t < sc->ntris; t++) {
        for (int k = 0; k < 3; k++) {
            uint32_t a = tp->canon[sc->tris[3 * t + k]], b = tp->canon[sc->tris[3 * t + (k + 1) % 3]];
            if (a == b)
                continue;
            edge_rec *e = &tp->edges[tp->nedges++];
            e->a = a < b ? a : b;
            e->b = a < b ? b : a;
            e->tri = (uint32_t)t;
            e->forward = a < b;
        }
    }
    qsort(tp->edges, tp->nedges, sizeof *tp->edges, cmp_edge);
    return 0;
}

static void free_topology(topology *tp)
{
    free(tp->canon);
    free(tp->edges);
}

/* Number of records of the edge starting at position i. */
static size_t group_size(const topology *tp, size_t i)
{
    size_t j = i + 1;
    while (j < tp->nedges && tp->edges[j].a == tp->edges[i].a && tp->edges[j].b == tp->edges[i].b)
        j++;
    return j - i;
}

static int store_manifold_edges(zr_scene *sc, const topology *tp)
{
    free(sc->edge_verts);
    free(sc->edge_tris);
    sc->nedges = 0;
    sc->closed = tp->nedges > 0;
    sc->edge_verts = malloc((tp->nedges ? tp->nedges : 1) * sizeof(uint32_t));
    sc->edge_tris = malloc((tp->nedges ? tp->nedges : 1) * sizeof(uint32_t));
    if (!sc->edge_verts || !sc->edge_tris)
        return -1;
    for (size_t i = 0; i < tp->nedges;) {
        size_t g = group_size(tp, i);
        if (g != 2 || tp->edges[i].forward == tp->edges[i + 1].forward)
            sc->closed = 0;
        if (g == 2) {
            sc->edge_verts[2 * sc->nedges] = tp->edges[i].a;
            sc->edge_verts[2 * sc->nedges + 1] = tp->edges[i].b;
            sc->edge_tris[2 * sc->nedges] = tp->edges[i].tri;
            sc->edge_tris[2 * sc->nedges + 1] = tp->edges[i + 1].tri;
            sc->nedges++;
        }
        i += g;
    }
    return 0;
}

void zr_scene_tri_normals(zr_scene *sc)
{
    for (size_t t = 0; t < sc->ntris; t++) {
        const float *a = sc->points + 3 * sc->tris[3 * t], *b = sc->points + 3 * sc->tris[3 * t + 1],
                    *c = sc->points + 3 * sc->tris[3 * t + 2];
        double u[3] = {(double)b[0] - a[0], (double)b[1] - a[1], (double)b[2] - a[2]};
        double v[3] = {(double)c[0] - a[0], (double)c[1] - a[1], (double)c[2] - a[2]};
        double n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        double len = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        for (int i = 0; i < 3; i++)
            sc->tri_normals[3 * t + i] = len > 0 ? (float)(n[i] / len) : 0.0f;
    }
}

int zr_scene_build_edges(zr_scene *sc, double weld_tol, char *err, size_t errlen)
{
    topology tp;
    int rc = build_topology(sc, weld_tol, &tp);
    if (!rc)
        rc = store_manifold_edges(sc, &tp);
    free_topology(&tp);
    if (rc)
        zr_set_error(err, errlen, "out of memory building mesh edges");
    return rc;
}

static double tri_dot(const zr_scene *sc, uint32_t t1, uint32_t t2)
{
    const float *a = sc->tri_normals + 3 * t1, *b = sc->tri_normals + 3 * t2;
    return (double)a[0] * b[0] + (double)a[1] * b[1] + (double)a[2] * b[2];
}

static int push_feature(zr_scene *sc, size_t *cap, const float *a, const float *b)
{
    if (sc->nfeature == *cap) {
        size_t ncap = *cap ? 2 * *cap : 256;
        float *f = realloc(sc->feature, ncap * 6 * sizeof *f);
        if (!f)
            return -1;
        sc->feature = f;
        *cap = ncap;
    }
    memcpy(sc->feature + 6 * sc->nfeature, a, 3 * sizeof(float));
    memcpy(sc->feature + 6 * sc->nfeature + 3, b, 3 * sizeof(float));
    sc->nfeature++;
    return 0;
}

/* Sharp edges: boundary and non-manifold edges, and edges whose two triangles' normals differ
 * by more than the feature angle. */
static int dihedral_features(zr_scene *sc, const topology *tp, double cos_feature)
{
    size_t cap = 0;
    for (size_t i = 0; i < tp->nedges;) {
        size_t g = group_size(tp, i);
        int sharp = g != 2 || tri_dot(sc, tp->edges[i].tri, tp->edges[i + 1].tri) < cos_feature;
        if (sharp && push_feature(sc, &cap, sc->points + 3 * tp->edges[i].a, sc->points + 3 * tp->edges[i].b))
            return -1;
        i += g;
    }
    return 0;
}

/* Per-corner normals: area-weighted normals of the triangles around the welded vertex that
 * are within the feature angle of the corner's own triangle (needs 3 unshared points per
 * triangle, as STL input has). */
static int smooth_normals(zr_scene *sc, const topology *tp, double cos_feature)
{
    size_t n = sc->npoints;
    uint32_t *start = calloc(n + 1, sizeof *start), *fill = calloc(n + 1, sizeof *fill);
    uint32_t *adj = malloc((sc->ntris ? 3 * sc->ntris : 1) * sizeof *adj);
    if (!start || !fill || !adj) {
        free(start);
        free(fill);
        free(adj);
        return -1;
    }
    for (size_t c = 0; c < 3 * sc->ntris; c++)
        start[tp->canon[sc->tris[c]] + 1]++;
    for (size_t i = 0; i < n; i++)
        start[i + 1] += start[i];
    for (size_t c = 0; c < 3 * sc->ntris; c++) {
        uint32_t v = tp->canon[sc->tris[c]];
        adj[start[v] + fill[v]++] = (uint32_t)(c / 3);
    }
    for (size_t c = 0; c < 3 * sc->ntris; c++) {
        uint32_t t = (uint32_t)(c / 3), v = tp->canon[sc->tris[c]];
        double acc[3] = {0, 0, 0};
        for (uint32_t k = start[v]; k < start[v + 1]; k++) {
            uint32_t o = adj[k];
            if (o != t && tri_dot(sc, t, o) < cos_feature)
                continue;
            for (int i = 0; i < 3; i++)
                acc[i] += sc->tri_normals[3 * o + i];
        }
        double len = sqrt(acc[0] * acc[0] + acc[1] * acc[1] + acc[2] * acc[2]);
        float *out = sc->normals + 3 * sc->tris[c];
        for (int i = 0; i < 3; i++)
            out[i] = len > 0 ? (float)(acc[i] / len) : sc->tri_normals[3 * t + i];
    }
    free(start);
    free(fill);
    free(adj);
    return 0;
}

int zr_scene_mesh_features(zr_scene *sc, double weld_tol, double feature_deg, char *err, size_t errlen)
{
    double cos_feature = cos(feature_deg * M_PI / 180.0);
    topology tp;
    int rc = build_topology(sc, weld_tol, &tp);
    if (!rc)
        rc = store_manifold_edges(sc, &tp);
    if (!rc)
        rc = dihedral_features(sc, &tp, cos_feature);
    if (!rc)
        rc = smooth_normals(sc, &tp, cos_feature);
    free_topology(&tp);
    if (rc)
        zr_set_error(err, errlen, "out of memory building mesh edges");
    return rc;
}
