/* mesh.c: double-precision triangle meshes for scoring: from a B-rep (OCCT meshing), bounds,
 * similarity transforms, area and signed volume. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metrics_internal.h"

void zm_mesh_free(zm_mesh *m)
{
    if (!m)
        return;
    free(m->v);
    free(m->t);
    memset(m, 0, sizeof *m);
}

int zm_mesh_copy(const zm_mesh *src, zm_mesh *dst)
{
    memset(dst, 0, sizeof *dst);
    dst->v = malloc((src->nv ? src->nv : 1) * 3 * sizeof(double));
    dst->t = malloc((src->nt ? src->nt : 1) * 3 * sizeof(uint32_t));
    if (!dst->v || !dst->t) {
        zm_mesh_free(dst);
        return -1;
    }
    memcpy(dst->v, src->v, src->nv * 3 * sizeof(double));
    memcpy(dst->t, src->t, src->nt * 3 * sizeof(uint32_t));
    dst->nv = src->nv;
    dst->nt = src->nt;
    return 0;
}

void zm_mesh_bounds(const zm_mesh *m, double lo[3], double hi[3])
{
    for (int d = 0; d < 3; d++) {
        lo[d] = INFINITY;
        hi[d] = -INFINITY;
    }
    for (size_t i = 0; i < m->nv; i++)
        for (int d = 0; d < 3; d++) {
            double x = m->v[3 * i + d];
            if (x < lo[d])
                lo[d] = x;
            if (x > hi[d])
                hi[d] = x;
        }
}

void zm_mesh_transform(zm_mesh *m, const double *R, double scale, const double t[3])
{
    for (size_t i = 0; i < m->nv; i++) {
        double *p = m->v + 3 * i;
        double q[3];
        for (int d = 0; d < 3; d++)
            q[d] = R ? R[3 * d] * p[0] + R[3 * d + 1] * p[1] + R[3 * d + 2] * p[2] : p[d];
        for (int d = 0; d < 3; d++)
            p[d] = scale * q[d] + (t ? t[d] : 0.0);
    }
}

static void tri_points(const zm_mesh *m, size_t k, const double **a, const double **b, const double **c)
{
    *a = m->v + 3 * (size_t)m->t[3 * k];
    *b = m->v + 3 * (size_t)m->t[3 * k + 1];
    *c = m->v + 3 * (size_t)m->t[3 * k + 2];
}

double zm_mesh_area(const zm_mesh *m)
{
    double sum = 0;
    for (size_t k = 0; k < m->nt; k++) {
        const double *a, *b, *c;
        tri_points(m, k, &a, &b, &c);
        double u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
        double w[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        double n[3] = {u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]};
        sum += 0.5 * sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    }
    return sum;
}

double zm_mesh_volume(const zm_mesh *m)
{
    double sum = 0;
    for (size_t k = 0; k < m->nt; k++) {
        const double *a, *b, *c;
        tri_points(m, k, &a, &b, &c);
        sum += a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) +
               a[2] * (b[0] * c[1] - b[1] * c[0]);
    }
    return sum / 6.0;
}

int zm_mesh_from_shape(const zk_shape *s, double lin_tol, double ang_tol, int relative, zm_mesh *m,
                       char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    zk_mesh km;
    if (zk_mesh_shape(s, lin_tol, ang_tol, relative, &km) != 0) {
        snprintf(err, errlen, "meshing failed: %s", zk_error_message());
        return -1;
    }
    if (km.ntris == 0) {
        zk_mesh_free(&km);
        snprintf(err, errlen, "the shape has no triangles (no faces)");
        return -1;
    }
    m->v = malloc(km.npoints * 3 * sizeof(double));
    m->t = malloc(km.ntris * 3 * sizeof(uint32_t));
    if (!m->v || !m->t) {
        zk_mesh_free(&km);
        zm_mesh_free(m);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < km.npoints * 3; i++)
        m->v[i] = km.points[i];
    memcpy(m->t, km.tris, km.ntris * 3 * sizeof(uint32_t));
    m->nv = km.npoints;
    m->nt = km.ntris;
    zk_mesh_free(&km);
    return 0;
}
