/* test_kernel_mesh.c: triangulation of closed solids (signed tetrahedron volumes sum to the solid's
 * volume, unit outward normals, outward winding) and edge polylines with sharp-edge flags. */
#include <math.h>
#include <string.h>

#include "ktest.h"

static const zk_vec O = {0, 0, 0}, Z = {0, 0, 1};

static double signed_volume(const zk_mesh *m) {
    double v = 0;
    for (size_t t = 0; t < m->ntris; t++) {
        const float *a = m->points + 3 * m->tris[3 * t], *b = m->points + 3 * m->tris[3 * t + 1],
                    *c = m->points + 3 * m->tris[3 * t + 2];
        v += (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) +
              a[2] * (b[0] * c[1] - b[1] * c[0])) / 6.0;
    }
    return v;
}

/* Checks unit normals and that each triangle's winding agrees with its vertices' normals. */
static void check_normals(const zk_mesh *m) {
    int bad_len = 0, bad_wind = 0;
    for (size_t i = 0; i < m->npoints; i++) {
        const float *n = m->normals + 3 * i;
        if (fabs(sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]) - 1) > 1e-5) bad_len++;
    }
    for (size_t t = 0; t < m->ntris; t++) {
        uint32_t i0 = m->tris[3 * t], i1 = m->tris[3 * t + 1], i2 = m->tris[3 * t + 2];
        const float *a = m->points + 3 * i0, *b = m->points + 3 * i1, *c = m->points + 3 * i2;
        double u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        double x = u[1] * v[2] - u[2] * v[1], y = u[2] * v[0] - u[0] * v[2], z = u[0] * v[1] - u[1] * v[0];
        double s = 0;
        const uint32_t idx[3] = {i0, i1, i2};
        for (int k = 0; k < 3; k++) {
            const float *n = m->normals + 3 * idx[k];
            s += x * n[0] + y * n[1] + z * n[2];
        }
        if (s <= 0 && sqrt(x * x + y * y + z * z) > 1e-9) bad_wind++; /* degenerate pole slivers aside */
    }
    KT_CHECK(bad_len == 0);
    if (bad_wind) fprintf(stderr, "bad winding %d of %zu\n", bad_wind, m->ntris);
    KT_CHECK(bad_wind == 0);
}

static void test_sphere(void) {
    zk_ax2 f = kt_frame(kt_v(1, 2, 3), Z);
    zk_shape *s = zk_sphere(&f, 2, -M_PI / 2, M_PI / 2, 2 * M_PI);
    zk_mesh m;
    KT_CHECK(zk_mesh_shape(s, 0.001, 0.1, 0, &m) == 0);
    KT_CHECK(m.ntris > 100);
    KT_NEAR(signed_volume(&m), 4.0 / 3 * M_PI * 8, 2e-3);
    check_normals(&m);
    int outward = 0;
    for (size_t i = 0; i < m.npoints; i++) {
        const float *p = m.points + 3 * i, *n = m.normals + 3 * i;
        double d = (p[0] - 1) * n[0] + (p[1] - 2) * n[1] + (p[2] - 3) * n[2];
        if (d > 1.99 && d < 2.01) outward++;
    }
    KT_CHECK(outward == (int)m.npoints);
    zk_mesh_free(&m);
    KT_CHECK(m.points == NULL);
    zk_unref(s);
}

static void test_holed_box(void) {
    zk_ax2 f = kt_frame(O, Z);
    zk_shape *b = zk_box(&f, 10, 10, 10);
    zk_ax2 fc = kt_frame(kt_v(5, 5, -1), Z);
    zk_shape *c = zk_cylinder(&fc, 2, 12, 2 * M_PI);
    zk_shape *h = zk_cut(b, &c, 1, 0);
    zk_mesh m;
    KT_CHECK(zk_mesh_shape(h, 0.01, 0.2, 0, &m) == 0);
    KT_NEAR(signed_volume(&m), zk_volume(h), 5e-3);
    check_normals(&m);
    zk_mesh_free(&m);

    zk_mesh bm;
    KT_CHECK(zk_mesh_shape(b, 0.1, 0.5, 1, &bm) == 0);
    KT_CHECK(bm.ntris == 12);
    KT_NEAR(signed_volume(&bm), 1000, 1e-6);
    zk_mesh_free(&bm);

    zk_polylines pl;
    KT_CHECK(zk_edge_polylines(b, 0.1, 0.5, 30, &pl) == 0);
    KT_CHECK(pl.nlines == 12);
    int sharp = 0;
    for (size_t i = 0; i < pl.nlines; i++) sharp += pl.sharp[i];
    KT_CHECK(sharp == 12);
    KT_CHECK(pl.starts[pl.nlines] == pl.npts);
    zk_polylines_free(&pl);

    /* a cylinder: two sharp circles, one smooth seam */
    zk_polylines cp;
    KT_CHECK(zk_edge_polylines(c, 0.01, 0.2, 30, &cp) == 0);
    KT_CHECK(cp.nlines == 3);
    sharp = 0;
    for (size_t i = 0; i < cp.nlines; i++) sharp += cp.sharp[i];
    KT_CHECK(sharp == 2);
    for (size_t i = 0; i < cp.nlines; i++) {
        if (!cp.sharp[i]) continue;
        for (uint32_t k = cp.starts[i]; k < cp.starts[i + 1]; k++) {
            const float *p = cp.pts + 3 * k;
            KT_NEAR(hypot(p[0] - 5, p[1] - 5), 2, 1e-5);
        }
    }
    zk_polylines_free(&cp);
    zk_unref(b); zk_unref(c); zk_unref(h);
}

int main(void) {
    zk_init();
    test_sphere();
    test_holed_box();
    KT_DONE();
}
