/* test_curate_desc.c: the default descriptor of src/synth/curate against facts known without it:
 * synthetic images (a vertical bar's edges all in orientation bin 0, a horizontal bar's in the
 * middle bin, a dark quarter filling a quarter of the thumbnail), the analytic surface inertia of
 * boxes, the analytic D2 distribution of a sphere (P(d <= r) = r^2 / 4R^2, mean 4R/3), and shapes
 * rendered here with the renderer: the same shape moved or scaled gives a near descriptor, a
 * different shape a far one. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curate.h"
#include "render.h"

#include "check.h"

/* ---- meshes built here ---- */
typedef struct {
    float *p;
    uint32_t *t;
    size_t np, nt, cap_p, cap_t;
} mesh;

static uint32_t add_pt(mesh *m, double x, double y, double z)
{
    if (m->np == m->cap_p)
        m->p = realloc(m->p, sizeof(float) * 3 * (m->cap_p = m->cap_p ? 2 * m->cap_p : 64));
    m->p[3 * m->np] = (float)x, m->p[3 * m->np + 1] = (float)y, m->p[3 * m->np + 2] = (float)z;
    return (uint32_t)m->np++;
}

static void add_tri(mesh *m, uint32_t a, uint32_t b, uint32_t c)
{
    if (m->nt == m->cap_t)
        m->t = realloc(m->t, sizeof(uint32_t) * 3 * (m->cap_t = m->cap_t ? 2 * m->cap_t : 64));
    m->t[3 * m->nt] = a, m->t[3 * m->nt + 1] = b, m->t[3 * m->nt + 2] = c;
    m->nt++;
}

/* Box [x0, x0+a] x [y0, y0+b] x [z0, z0+c], outward counter-clockwise triangles. */
static mesh box(double x0, double y0, double z0, double a, double b, double c)
{
    static const int quads[6][4][3] = {
        {{0, 0, 0}, {0, 1, 0}, {1, 1, 0}, {1, 0, 0}}, {{0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}},
        {{0, 0, 0}, {1, 0, 0}, {1, 0, 1}, {0, 0, 1}}, {{0, 1, 0}, {0, 1, 1}, {1, 1, 1}, {1, 1, 0}},
        {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0}}, {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}, {1, 0, 1}},
    };
    mesh m = {0};
    for (int f = 0; f < 6; f++) {
        uint32_t v[4];
        for (int k = 0; k < 4; k++)
            v[k] = add_pt(&m, x0 + a * quads[f][k][0], y0 + b * quads[f][k][1], z0 + c * quads[f][k][2]);
        add_tri(&m, v[0], v[1], v[2]);
        add_tri(&m, v[0], v[2], v[3]);
    }
    return m;
}

/* Cylinder of radius r and height h along z, centred at (x0, y0, z0), seg sides. */
static mesh cylinder(double x0, double y0, double z0, double r, double h, int seg)
{
    mesh m = {0};
    uint32_t cb = add_pt(&m, x0, y0, z0), ct = add_pt(&m, x0, y0, z0 + h);
    for (int i = 0; i < seg; i++) {
        double a0 = 2 * M_PI * i / seg, a1 = 2 * M_PI * (i + 1) / seg;
        uint32_t b0 = add_pt(&m, x0 + r * cos(a0), y0 + r * sin(a0), z0);
        uint32_t b1 = add_pt(&m, x0 + r * cos(a1), y0 + r * sin(a1), z0);
        uint32_t t0 = add_pt(&m, x0 + r * cos(a0), y0 + r * sin(a0), z0 + h);
        uint32_t t1 = add_pt(&m, x0 + r * cos(a1), y0 + r * sin(a1), z0 + h);
        add_tri(&m, cb, b1, b0);
        add_tri(&m, ct, t0, t1);
        add_tri(&m, b0, b1, t1);
        add_tri(&m, b0, t1, t0);
    }
    return m;
}

static mesh sphere(double r, int nu, int nv)
{
    mesh m = {0};
    for (int j = 0; j < nv; j++)
        for (int i = 0; i < nu; i++) {
            double th0 = M_PI * j / nv, th1 = M_PI * (j + 1) / nv;
            double ph0 = 2 * M_PI * i / nu, ph1 = 2 * M_PI * (i + 1) / nu;
            uint32_t a = add_pt(&m, r * sin(th0) * cos(ph0), r * sin(th0) * sin(ph0), r * cos(th0));
            uint32_t b = add_pt(&m, r * sin(th1) * cos(ph0), r * sin(th1) * sin(ph0), r * cos(th1));
            uint32_t c = add_pt(&m, r * sin(th1) * cos(ph1), r * sin(th1) * sin(ph1), r * cos(th1));
            uint32_t d = add_pt(&m, r * sin(th0) * cos(ph1), r * sin(th0) * sin(ph1), r * cos(th0));
            add_tri(&m, a, b, c);
            add_tri(&m, a, c, d);
        }
    return m;
}

static void mesh_free(mesh *m)
{
    free(m->p), free(m->t);
}

static unsigned char *to_stl(const mesh *m, size_t *len)
{
    *len = 84 + 50 * m->nt;
    unsigned char *d = calloc(1, *len);
    uint32_t nt = (uint32_t)m->nt;
    memcpy(d + 80, &nt, 4);
    for (size_t t = 0; t < m->nt; t++)
        for (int k = 0; k < 3; k++)
            memcpy(d + 84 + 50 * t + 12 + 12 * k, m->p + 3 * m->t[3 * t + k], 12);
    return d;
}

/* The renderer's 8 default views of an STL, as PNG bytes, then the row descriptor. */
static void describe_mesh(const mesh *m, float *desc)
{
    size_t len;
    unsigned char *stl = to_stl(m, &len);
    char err[512];
    zr_spec spec;
    zr_scene scene;
    zr_framing fr;
    CHECK(zr_spec_default(&spec) == 0);
    zr_spec_set_size(&spec, 128);
    CHECK(zr_scene_from_stl(stl, len, "test", &spec, &scene, err, sizeof err) == 0);
    CHECK(zr_framing_of(&scene, &fr, err, sizeof err) == 0);
    unsigned char *png[ZCUR_VIEWS];
    size_t plen[ZCUR_VIEWS];
    for (int v = 0; v < ZCUR_VIEWS; v++)
        CHECK(zr_render_png(&scene, &fr, &spec, (size_t)v, &png[v], &plen[v], err, sizeof err) == 0);
    unsigned has = 0;
    int rc = zcur_describe((const unsigned char *const *)png, plen, stl, len, "test", desc, &has, err, sizeof err);
    if (rc)
        fprintf(stderr, "describe: %s\n", err);
    CHECK(rc == 0 && has == (ZCUR_HAS_VIEWS | ZCUR_HAS_MESH));
    for (int v = 0; v < ZCUR_VIEWS; v++)
        free(png[v]);
    zr_scene_free(&scene);
    zr_spec_free(&spec);
    free(stl);
}

static double dist(const float *a, const float *b)
{
    double s = 0;
    for (int i = 0; i < ZCUR_DIM; i++)
        s += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
    return sqrt(s);
}

static void test_view_features(void)
{
    enum { W = 64, H = 48 };
    uint8_t *img = malloc(3 * W * H);
    float thumb[ZCUR_THUMB * ZCUR_THUMB], orient[ZCUR_ORIENT_BINS];
    /* a black vertical bar: horizontal gradients only -> orientation 0 (or 180) -> bin 0 */
    memset(img, 255, 3 * W * H);
    for (int y = 0; y < H; y++)
        for (int x = 20; x < 30; x++)
            memset(img + 3 * (y * W + x), 0, 3);
    zcur_view_features(img, W, H, thumb, orient);
    CHECK(fabsf(orient[0] - 1.0f) < 1e-6f);
    /* a black horizontal bar: vertical gradients -> 90 degrees -> the middle bin */
    memset(img, 255, 3 * W * H);
    for (int y = 10; y < 20; y++)
        memset(img + 3 * y * W, 0, 3 * W);
    zcur_view_features(img, W, H, thumb, orient);
    CHECK(fabsf(orient[ZCUR_ORIENT_BINS / 2] - 1.0f) < 1e-6f);
    /* the top-left quarter black: the top-left quarter of the thumbnail is 1, the rest 0 */
    memset(img, 255, 3 * W * H);
    for (int y = 0; y < H / 2; y++)
        memset(img + 3 * y * W, 0, 3 * (W / 2));
    zcur_view_features(img, W, H, thumb, orient);
    int bad = 0;
    for (int cy = 0; cy < ZCUR_THUMB; cy++)
        for (int cx = 0; cx < ZCUR_THUMB; cx++) {
            float want = (cy < ZCUR_THUMB / 2 && cx < ZCUR_THUMB / 2) ? 1.0f : 0.0f;
            bad += fabsf(thumb[cy * ZCUR_THUMB + cx] - want) > 1e-6f;
        }
    CHECK(bad == 0);
    /* a flat image has no edges */
    memset(img, 128, 3 * W * H);
    zcur_view_features(img, W, H, thumb, orient);
    CHECK(orient[0] == 0 && fabsf(thumb[0] - (1.0f - 128.0f / 255.0f)) < 1e-6f);
    free(img);
}

/* Surface second moments of a centred box with half-sides (A, B, C): the integral of x^2 over its
 * surface is 8 A^2 (B C + A C / 3 + A B / 3) (x faces at +-A, the others with x uniform). */
static void box_eigen(double A, double B, double C, double out[3])
{
    double ix = 8 * A * A * (B * C + A * C / 3 + A * B / 3);
    double iy = 8 * B * B * (A * C + B * C / 3 + A * B / 3);
    double iz = 8 * C * C * (A * B + B * C / 3 + A * C / 3);
    double v[3] = {ix, iy, iz}, s = ix + iy + iz;
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++)
            if (v[j] > v[i]) {
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
            }
    for (int i = 0; i < 3; i++)
        out[i] = v[i] / s;
}

static void test_inertia(void)
{
    const double dims[3][3] = {{1, 1, 1}, {4, 1, 1}, {3, 2, 0.5}};
    char err[256];
    for (int k = 0; k < 3; k++) {
        mesh m = box(5, -7, 2, dims[k][0], dims[k][1], dims[k][2]);
        float d2[ZCUR_D2_BINS], in[3];
        double want[3];
        CHECK(zcur_mesh_features(m.p, m.np, m.t, m.nt, d2, in, err, sizeof err) == 0);
        box_eigen(dims[k][0] / 2, dims[k][1] / 2, dims[k][2] / 2, want);
        for (int i = 0; i < 3; i++)
            CHECK(fabs(in[i] - want[i]) < 1e-5);
        mesh_free(&m);
    }
}

static void test_d2_sphere(void)
{
    mesh m = sphere(2.0, 96, 48);
    float d2[ZCUR_D2_BINS], in[3];
    char err[256];
    CHECK(zcur_mesh_features(m.p, m.np, m.t, m.nt, d2, in, err, sizeof err) == 0);
    /* u = d / mean = 3 d / 4R; P(d <= r) = r^2 / 4R^2 -> F(u) = 4 u^2 / 9 on [0, 1.5] */
    double worst = 0;
    for (int b = 0; b < ZCUR_D2_BINS; b++) {
        double u0 = 3.0 * b / ZCUR_D2_BINS, u1 = 3.0 * (b + 1) / ZCUR_D2_BINS;
        double f0 = u0 < 1.5 ? 4 * u0 * u0 / 9 : 1, f1 = u1 < 1.5 ? 4 * u1 * u1 / 9 : 1;
        double e = fabs(d2[b] - (f1 - f0));
        worst = e > worst ? e : worst;
    }
    CHECK(worst < 0.015); /* 4096 pairs: a bin's standard error is below 0.004 */
    for (int i = 0; i < 3; i++)
        CHECK(fabs(in[i] - 1.0 / 3) < 2e-3);
    /* no area: an error, not a crash */
    uint32_t flat[3] = {0, 0, 0};
    CHECK(zcur_mesh_features(m.p, m.np, flat, 1, d2, in, err, sizeof err) == -1);
    uint32_t out_of_range[3] = {0, 1, 999999999};
    CHECK(zcur_mesh_features(m.p, m.np, out_of_range, 1, d2, in, err, sizeof err) == -1);
    mesh_free(&m);
}

static void test_same_and_different_shapes(void)
{
    float *d = malloc(sizeof(float) * ZCUR_DIM * 7);
    mesh ms[7] = {
        box(0, 0, 0, 3, 2, 1),                 /* 0: a block */
        box(40, -25, 13, 3, 2, 1),             /* 1: the same block moved */
        box(0, 0, 0, 9, 6, 3),                 /* 2: the same block three times larger */
        cylinder(0, 0, 0, 1, 6, 48),           /* 3: a rod */
        cylinder(-8, 3, 5, 1, 6, 48),          /* 4: the same rod moved */
        box(0, 0, 0, 8, 8, 0.5),               /* 5: a thin plate */
        cylinder(3, 1, 0, 1, 6, 64),           /* 6: the rod tessellated finer, moved */
    };
    for (int i = 0; i < 7; i++)
        describe_mesh(&ms[i], d + (size_t)i * ZCUR_DIM);
    double same_moved = dist(d, d + ZCUR_DIM), same_scaled = dist(d, d + 2 * ZCUR_DIM);
    double rod_moved = dist(d + 3 * ZCUR_DIM, d + 4 * ZCUR_DIM), rod_finer = dist(d + 3 * ZCUR_DIM, d + 6 * ZCUR_DIM);
    double block_rod = dist(d, d + 3 * ZCUR_DIM), block_plate = dist(d, d + 5 * ZCUR_DIM);
    double rod_plate = dist(d + 3 * ZCUR_DIM, d + 5 * ZCUR_DIM);
    printf("same moved %.4f, scaled %.4f, rod moved %.4f, rod finer %.4f; block-rod %.4f, block-plate %.4f, "
           "rod-plate %.4f\n", same_moved, same_scaled, rod_moved, rod_finer, block_rod, block_plate, rod_plate);
    double near = fmax(fmax(same_moved, rod_finer), fmax(same_scaled, rod_moved));
    double far = fmin(block_rod, fmin(block_plate, rod_plate));
    CHECK(near < 0.2 * far);
    for (int i = 0; i < 7; i++)
        mesh_free(&ms[i]);
    free(d);
}

int main(void)
{
    test_view_features();
    test_inertia();
    test_d2_sphere();
    test_same_and_different_shapes();
    if (failures)
        fprintf(stderr, "test_curate_desc: %d check(s) failed\n", failures);
    else
        printf("test_curate_desc: ok\n");
    return failures != 0;
}
