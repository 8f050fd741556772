/* corpus_ops.c: a few shared-corpus programs (01, 09, 11, 16, 20) replayed as direct src/kernel
 * calls, with the same OCCT operations CadQuery 2.4 performs for them (selection by exploring and
 * measuring, booleans followed by clean, fillet then clean, STL export), timed over repetitions.
 * Prints one JSON object per program: {"program", "ms" (median), "volume", "faces"}.
 * Usage: bench_kernel_corpus [repetitions] (default 20). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kernel.h"

static const zk_vec ORIGIN = {0, 0, 0}, ZDIR = {0, 0, 1}, YDIR = {0, 1, 0};

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static zk_ax2 frame_at(double x, double y, double z) {
    zk_ax2 f = {{x, y, z}, ZDIR, {1, 0, 0}};
    return f;
}

/* Workplane.box(l, w, h, centered=...) */
static zk_shape *box(double l, double w, double h, int centered) {
    zk_ax2 f = centered ? frame_at(-l / 2, -w / 2, -h / 2) : frame_at(0, 0, 0);
    return zk_box(&f, l, w, h);
}

/* faces(">Z"): the face with the largest centre z (as the selector measures it). */
static zk_shape *top_face(const zk_shape *s) {
    zk_shape **l; size_t n;
    if (zk_explore(s, ZK_FACE, &l, &n) != 0) return NULL;
    size_t best = 0;
    for (size_t i = 1; i < n; i++)
        if (zk_center_of_mass(l[i]).z > zk_center_of_mass(l[best]).z) best = i;
    zk_shape *f = n ? zk_ref(l[best]) : NULL;
    zk_free_list(l, n);
    return f;
}

/* A rectangle face in the plane z (corner or centred at (cx, cy)). */
static zk_shape *rect_face(double cx, double cy, double z, double a, double b, int centered) {
    double x0 = centered ? cx - a / 2 : cx, y0 = centered ? cy - b / 2 : cy;
    zk_vec p[4] = {{x0, y0, z}, {x0 + a, y0, z}, {x0 + a, y0 + b, z}, {x0, y0 + b, z}};
    zk_shape *w = zk_wire_polygon(p, 4, 1);
    zk_shape *f = zk_face_from_wires(w, NULL, 0);
    zk_unref(w);
    return f;
}

/* base op tool, then clean (Workplane's combine + clean=True), consuming base and tool. */
static zk_shape *combine(zk_shape *base, zk_shape **tools, size_t n, int cut) {
    zk_shape *r = cut ? zk_cut(base, tools, n, 0) : zk_fuse(base, tools, n, 0, 0);
    zk_shape *c = zk_clean(r);
    zk_unref(r);
    zk_unref(base);
    for (size_t i = 0; i < n; i++) zk_unref(tools[i]);
    return c;
}

static zk_shape *prog01(void) {
    zk_shape *b = box(8, 6, 5, 0);
    zk_shape *top = top_face(b);
    double z = zk_center_of_mass(top).z;
    zk_unref(top);
    zk_shape *f = rect_face(0, 0, z, 4, 3, 0);
    zk_shape *boss = zk_prism(f, (zk_vec){0, 0, 2});
    zk_unref(f);
    return combine(b, &boss, 1, 0);
}

static zk_shape *prog09(void) {
    zk_shape *b = box(30, 20, 10, 1);
    zk_shape *top = top_face(b);
    double z = zk_center_of_mass(top).z;
    zk_unref(top);
    zk_shape *f = rect_face(5, 3, z, 12, 8, 1);
    zk_shape *pocket = zk_prism(f, (zk_vec){0, 0, -4});
    zk_unref(f);
    return combine(b, &pocket, 1, 1);
}

/* Workplane.hole: a cylinder bored along -Z from each point, cut from the solid, then clean. */
static zk_shape *bore(zk_shape *base, const double (*pts)[2], size_t n, double z, double d, double depth) {
    zk_shape *cyl[8];
    for (size_t i = 0; i < n; i++) {
        zk_ax2 f = {{pts[i][0], pts[i][1], z}, {0, 0, -1}, {0, 0, 0}};
        cyl[i] = zk_cylinder(&f, d / 2, depth, 2 * M_PI);
    }
    return combine(base, cyl, n, 1);
}

static zk_shape *prog11(void) {
    zk_shape *b = box(30, 30, 8, 1);
    double bb[6];
    zk_bbox(b, 0, 1, bb);
    double diag = sqrt((bb[3] - bb[0]) * (bb[3] - bb[0]) + (bb[4] - bb[1]) * (bb[4] - bb[1]) +
                       (bb[5] - bb[2]) * (bb[5] - bb[2]));
    zk_shape *top = top_face(b);
    double z = zk_center_of_mass(top).z;
    zk_unref(top);
    const double center[1][2] = {{0, 0}};
    b = bore(b, center, 1, z, 6, diag);
    top = top_face(b);
    z = zk_center_of_mass(top).z;
    zk_unref(top);
    const double corners[4][2] = {{-10, -10}, {-10, 10}, {10, -10}, {10, 10}};
    return bore(b, corners, 4, z, 3, 4);
}

static zk_shape *prog16(void) {
    zk_shape *b = box(30, 20, 8, 1);
    zk_shape **edges; size_t n;
    zk_explore(b, ZK_EDGE, &edges, &n);
    zk_shape *sel[12];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 12; i++) {
        if (strcmp(zk_geom_type(edges[i]), "LINE") != 0) continue;
        zk_vec t = zk_curve_tangent_at(edges[i], 0.5, 1);
        if (fabs(t.x) < 1e-4 && fabs(t.y) < 1e-4) sel[k++] = edges[i];
    }
    zk_shape *f = zk_fillet(b, sel, k, 3);
    zk_free_list(edges, n);
    zk_unref(b);
    zk_shape *c = zk_clean(f);
    zk_unref(f);
    return c;
}

static zk_shape *prog20(void) {
    const zk_vec pts[6] = {{3, 0, 0}, {8, 0, 0}, {8, 2, 0}, {5, 2, 0}, {5, 10, 0}, {3, 10, 0}};
    zk_shape *w = zk_wire_polygon(pts, 6, 1);
    zk_shape *f = zk_face_from_wires(w, NULL, 0);
    zk_shape *r = zk_revolve(f, ORIGIN, YDIR, 2 * M_PI);
    zk_shape *c = zk_clean(r);
    zk_write_stl(c, "bench_kernel_out.stl", 0.1, 0.1, 1, 0);
    zk_unref(w); zk_unref(f); zk_unref(r);
    return c;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

struct program { const char *name; zk_shape *(*run)(void); };

int main(int argc, char **argv) {
    int reps = argc > 1 ? atoi(argv[1]) : 20;
    if (reps < 1 || reps > 100000) {
        fprintf(stderr, "bench_kernel_corpus: repetitions must be 1..100000, got '%s'\n", argv[1]);
        return 2;
    }
    zk_init();
    const struct program progs[] = {{"01_box_corner_boss.py", prog01}, {"09_pocket_cutblind.py", prog09},
                                    {"11_plate_through_and_blind_holes.py", prog11},
                                    {"16_fillet_vertical_edges.py", prog16}, {"20_revolve_bushing.py", prog20}};
    double *t = malloc(sizeof(double) * reps);
    if (!t) return 1;
    int failed = 0;
    for (size_t p = 0; p < sizeof progs / sizeof progs[0]; p++) {
        double volume = NAN;
        size_t nfaces = 0;
        for (int r = 0; r < reps; r++) {
            double t0 = now_ms();
            zk_shape *s = progs[p].run();
            t[r] = now_ms() - t0;
            if (!s) {
                fprintf(stderr, "%s failed: %s %s\n", progs[p].name, zk_error_type(), zk_error_message());
                failed = 1;
                break;
            }
            if (r == 0) {
                zk_shape **l; size_t n;
                volume = zk_volume(s);
                if (zk_explore(s, ZK_FACE, &l, &n) == 0) { nfaces = n; zk_free_list(l, n); }
            }
            zk_unref(s);
        }
        qsort(t, reps, sizeof(double), cmp_double);
        printf("{\"program\": \"%s\", \"ms\": %.3f, \"volume\": %.9g, \"faces\": %zu}\n", progs[p].name,
               t[reps / 2], volume, nfaces);
    }
    free(t);
    remove("bench_kernel_out.stl");
    return failed;
}
