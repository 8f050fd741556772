/* test_cq_selectors_eval.c: selector strings evaluated on solids built directly through the
 * kernel (no Python). Expected counts and positions are derived by hand from the solids:
 * a box 2x4x6 centred at the origin, a stepped solid and a drilled plate. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kernel.h"
#include "selector_core.h"

typedef struct {
    zk_shape **s;
    size_t n;
} list;

static list explore(zk_shape *shape, zk_type t)
{
    list l = {NULL, 0};
    if (zk_explore(shape, t, &l.s, &l.n) < 0) {
        printf("explore failed: %s\n", zk_error_message());
        exit(1);
    }
    return l;
}

/* Selects with a string; returns the number selected (-1 on error) and the indices. */
static long sel(const char *text, list l, size_t **idx, zs_error *err)
{
    zs_node *n = zs_parse(text, err);
    if (!n)
        return -1;
    size_t cnt = 0;
    int rc = zs_eval(n, l.s, l.n, idx, &cnt, err);
    zs_node_free(n);
    return rc < 0 ? -1 : (long)cnt;
}

static long count(const char *text, list l)
{
    size_t *idx = NULL;
    zs_error err;
    long c = sel(text, l, &idx, &err);
    if (c < 0)
        printf("  (%s: %s)\n", text, err.msg);
    free(idx);
    return c;
}

/* All selected shapes have centre coordinate `axis` (0 x, 1 y, 2 z) equal to v. */
static int all_at(const char *text, list l, int axis, double v, long want)
{
    size_t *idx = NULL;
    zs_error err;
    long c = sel(text, l, &idx, &err);
    int ok = c == want;
    for (long k = 0; ok && k < c; k++) {
        zk_vec p = zk_center_of_mass(l.s[idx[k]]);
        double x = axis == 0 ? p.x : axis == 1 ? p.y : p.z;
        ok = fabs(x - v) < 1e-9;
    }
    if (!ok)
        printf("  (%s: got %ld, %s)\n", text, c, c < 0 ? err.msg : "");
    free(idx);
    return ok;
}

static int error_kind(const char *text, list l, zs_err_kind kind, const char *msg)
{
    size_t *idx = NULL;
    zs_error err;
    long c = sel(text, l, &idx, &err);
    free(idx);
    return c < 0 && err.kind == kind && strstr(err.msg, msg) != NULL;
}

static zk_shape *box(double x0, double y0, double z0, double dx, double dy, double dz)
{
    zk_ax2 f = {{x0, y0, z0}, {0, 0, 1}, {1, 0, 0}};
    zk_shape *b = zk_box(&f, dx, dy, dz);
    if (!b) {
        printf("box failed: %s\n", zk_error_message());
        exit(1);
    }
    return b;
}

static void test_box(void)
{
    zk_shape *b = box(-1, -2, -3, 2, 4, 6);
    list faces = explore(b, ZK_FACE), edges = explore(b, ZK_EDGE), verts = explore(b, ZK_VERTEX);
    CHECKF(faces.n == 6 && edges.n == 12 && verts.n == 8, "box topology");
    CHECKF(all_at(">Z", faces, 2, 3, 1), ">Z face at z=3");
    CHECKF(all_at("<Z", faces, 2, -3, 1), "<Z face at z=-3");
    CHECKF(all_at(">X", faces, 0, 1, 1), ">X face at x=1");
    CHECKF(all_at("<Y", faces, 1, -2, 1), "<Y face at y=-2");
    CHECKF(all_at("+Z", faces, 2, 3, 1), "+Z");
    CHECKF(all_at("Z", faces, 2, 3, 1), "bare Z");
    CHECKF(all_at("-Z", faces, 2, -3, 1), "-Z");
    CHECKF(all_at("front", faces, 2, 3, 1), "front = >Z");
    CHECKF(all_at("back", faces, 2, -3, 1), "back = <Z");
    CHECKF(all_at("right", faces, 0, 1, 1), "right = >X");
    CHECKF(all_at("left", faces, 0, -1, 1), "left = <X");
    CHECKF(all_at("top", faces, 1, 2, 1), "top = >Y");
    CHECKF(all_at("bottom", faces, 1, -2, 1), "bottom = <Y");
    CHECKF(count("|Z", faces) == 2, "|Z faces");
    CHECKF(count("#Z", faces) == 4, "#Z faces");
    CHECKF(count("|Z", edges) == 4, "|Z edges");
    CHECKF(count("#Z", edges) == 8, "#Z edges");
    CHECKF(count("|XY", edges) == 0, "|XY edges");
    CHECKF(count("%PLANE", faces) == 6, "%%PLANE");
    CHECKF(count("%LINE", edges) == 12, "%%LINE");
    CHECKF(count("%CIRCLE", edges) == 0, "%%CIRCLE");
    CHECKF(all_at(">Z", edges, 2, 3, 4), "the 4 top edges");
    CHECKF(all_at(">Z", verts, 2, 3, 4), "the 4 top vertices");
    CHECKF(count(">Z or <Z", faces) == 2, ">Z or <Z");
    CHECKF(count("not >Z", faces) == 5, "not >Z");
    CHECKF(count("not (>Z or <Z)", faces) == 4, "not (>Z or <Z)");
    CHECKF(count("|Z and >X", edges) == 2, "|Z and >X edges");
    CHECKF(count(">X and >Y", edges) == 1, ">X and >Y");
    CHECKF(count("|X exc >Z", edges) == 2, "|X exc >Z");
    CHECKF(count("|X exc >Z or <Z", edges) == 0, "|X exc (>Z or <Z)");
    CHECKF(count("|X or |Y", edges) == 8, "|X or |Y");
    CHECKF(count(">Z or >Z", faces) == 1, "or has no repeats");
    /* >>Z clusters face centres at z=-3, 0 (four side faces), 3 */
    CHECKF(all_at(">>Z[1]", faces, 2, 0, 4), ">>Z[1]: the 4 side faces");
    CHECKF(all_at(">>Z[0]", faces, 2, -3, 1), ">>Z[0]: lowest");
    CHECKF(all_at("<<Z[0]", faces, 2, 3, 1), "<<Z[0]: highest");
    CHECKF(all_at(">>Z", faces, 2, 3, 1), ">>Z: highest");
    CHECKF(all_at("<<Z", faces, 2, -3, 1), "<<Z: lowest");
    /* >Z[n] first keeps faces parallel to Z (normals along Z), then indexes clusters */
    CHECKF(all_at(">Z[0]", faces, 2, -3, 1), ">Z[0]");
    CHECKF(all_at(">Z[-1]", faces, 2, 3, 1), ">Z[-1]");
    CHECKF(all_at(">Z[-2]", faces, 2, -3, 1), ">Z[-2] of two planes");
    CHECKF(all_at("<Z[0]", faces, 2, 3, 1), "<Z[0] indexes descending");
    CHECKF(all_at("(1,0,0)", faces, 0, 1, 1), "vector direction");
    CHECKF(all_at(">(0,0,-1)", faces, 2, -3, 1), "> along -Z");
    /* errors */
    CHECKF(error_kind(">Z[2]", faces, ZS_ERR_INDEX, "Attempted to access index 2 of a list with length 2"),
           ">Z[2] index error");
    CHECKF(error_kind(">Z[-3]", faces, ZS_ERR_INDEX, "index -3"), ">Z[-3] index error");
    CHECKF(error_kind(">Z[0]", verts, ZS_ERR_VALUE, "empty list"), ">Z[0] on vertices: nothing parallel");
    list none = {NULL, 0};
    CHECKF(error_kind(">Z", none, ZS_ERR_VALUE, "Can not return the Nth element of an empty list"),
           ">Z on nothing");
    CHECKF(count("|Z", none) == 0, "|Z on nothing");
    /* the node kinds the Python classes use directly */
    zs_node *near = zs_node_new(ZS_NEAREST);
    near->dir = (zk_vec){10, 10, 10};
    size_t *idx = NULL, n = 0;
    zs_error err;
    CHECKF(zs_eval(near, verts.s, verts.n, &idx, &n, &err) == 0 && n == 1, "nearest");
    if (n == 1) {
        zk_vec p = zk_vertex_point(verts.s[idx[0]]);
        CHECKF(p.x == 1 && p.y == 2 && p.z == 3, "nearest vertex is (1,2,3)");
    }
    free(idx);
    zs_node_free(near);
    zs_node *bx = zs_node_new(ZS_BOX);
    bx->dir = (zk_vec){0, 0, 0};
    bx->p1 = (zk_vec){5, 5, 5};
    CHECKF(zs_eval(bx, verts.s, verts.n, &idx, &n, &err) == 0 && n == 1, "box selector: one vertex in the +++ octant");
    free(idx);
    bx->p1 = (zk_vec){-5, 5, 5};
    bx->dir = (zk_vec){5, -5, 0.5};
    CHECKF(zs_eval(bx, faces.s, faces.n, &idx, &n, &err) == 0 && n == 1, "box selector (reversed corners): top face");
    free(idx);
    zs_node_free(bx);
    zs_node *len = zs_node_new(ZS_LENGTH_NTH);
    len->n = 0;
    CHECKF(zs_eval(len, edges.s, edges.n, &idx, &n, &err) == 0 && n == 4, "shortest edges: the 4 of length 2");
    if (n == 4)
        CHECKF(fabs(zk_length(edges.s[idx[0]]) - 2) < 1e-9, "length 2");
    free(idx);
    len->n = -1;
    CHECKF(zs_eval(len, edges.s, edges.n, &idx, &n, &err) == 0 && n == 4 &&
              fabs(zk_length(edges.s[idx[0]]) - 6) < 1e-9, "longest edges: length 6");
    free(idx);
    zs_node_free(len);
    zs_node *area = zs_node_new(ZS_AREA_NTH);
    area->n = 0;
    CHECKF(zs_eval(area, faces.s, faces.n, &idx, &n, &err) == 0 && n == 2 &&
              fabs(zk_area(faces.s[idx[0]]) - 8) < 1e-9, "smallest faces: 2x4 = 8");
    free(idx);
    zs_node_free(area);
    zk_free_list(faces.s, faces.n);
    zk_free_list(edges.s, edges.n);
    zk_free_list(verts.s, verts.n);
    zk_unref(b);
}

/* A 4x4x2 block (z 0..2) with a 2x2x2 block on top (z 2..4). */
static void test_stepped(void)
{
    zk_shape *a = box(-2, -2, 0, 4, 4, 2), *b = box(-1, -1, 2, 2, 2, 2);
    zk_shape *tools[1] = {b};
    zk_shape *u = zk_fuse(a, tools, 1, 0, 0);
    CHECKF(u != NULL, "fuse: %s", zk_error_message());
    if (!u)
        return;
    zk_shape *c = zk_clean(u);
    list faces = explore(c ? c : u, ZK_FACE);
    CHECKF(all_at(">Z", faces, 2, 4, 1), "stepped >Z at 4");
    CHECKF(all_at(">Z[-2]", faces, 2, 2, 1), "stepped >Z[-2]: the step at z=2");
    CHECKF(all_at(">Z[1]", faces, 2, 2, 1), "stepped >Z[1]");
    CHECKF(all_at("<Z[1]", faces, 2, 2, 1), "stepped <Z[1]");
    CHECKF(all_at(">Z[0]", faces, 2, 0, 1), "stepped >Z[0] bottom");
    CHECKF(count("|Z", faces) == 3, "three horizontal faces");
    CHECKF(count("#Z", faces) == 8, "eight vertical faces");
    zk_free_list(faces.s, faces.n);
    zk_unref(c);
    zk_unref(u);
    zk_unref(a);
    zk_unref(b);
}

/* A 10x10x1 plate with a hole of radius 1 at (2,0) and of radius 2 at (-2,0)... kept apart. */
static void test_drilled(void)
{
    zk_shape *plate = box(-6, -6, 0, 12, 12, 1);
    zk_ax2 f1 = {{3, 0, -1}, {0, 0, 1}, {1, 0, 0}}, f2 = {{-3, 0, -1}, {0, 0, 1}, {1, 0, 0}};
    zk_shape *c1 = zk_cylinder(&f1, 1, 3, 2 * M_PI), *c2 = zk_cylinder(&f2, 2, 3, 2 * M_PI);
    zk_shape *tools[2] = {c1, c2};
    zk_shape *d = zk_cut(plate, tools, 2, 0);
    CHECKF(d != NULL, "cut: %s", zk_error_message());
    if (!d)
        return;
    list faces = explore(d, ZK_FACE), edges = explore(d, ZK_EDGE);
    CHECKF(count("%CYLINDER", faces) == 2, "two cylindrical faces");
    CHECKF(count("%PLANE", faces) == 6, "six planar faces");
    CHECKF(count("%CIRCLE", edges) == 4, "four circles (two per hole)");
    CHECKF(count("%circle and >Z", edges) == 2, "top circles");
    zs_node *r = zs_node_new(ZS_RADIUS_NTH);
    r->n = 0;
    size_t *idx = NULL, n = 0;
    zs_error err;
    CHECKF(zs_eval(r, edges.s, edges.n, &idx, &n, &err) == 0 && n == 2 &&
              fabs(zk_curve_radius(edges.s[idx[0]]) - 1) < 1e-9, "smallest radius 1: two edges");
    free(idx);
    r->n = 1;
    CHECKF(zs_eval(r, edges.s, edges.n, &idx, &n, &err) == 0 && n == 2 &&
              fabs(zk_curve_radius(edges.s[idx[0]]) - 2) < 1e-9, "radius 2: two edges");
    free(idx);
    zs_node_free(r);
    zk_free_list(faces.s, faces.n);
    zk_free_list(edges.s, edges.n);
    zk_unref(d);
    zk_unref(c1);
    zk_unref(c2);
    zk_unref(plate);
}

int main(void)
{
    zk_init();
    CHECKF(fabs(zs_angle((zk_vec){1, 0, 0}, (zk_vec){0, 1, 0}) - M_PI / 2) < 1e-15, "angle 90");
    CHECKF(fabs(zs_angle((zk_vec){1, 0, 0}, (zk_vec){1, 1e-7, 0}) - 1e-7) < 1e-15, "small angle accurate");
    CHECKF(fabs(zs_angle((zk_vec){1, 0, 0}, (zk_vec){-1, 0, 0}) - M_PI) < 1e-15, "angle 180");
    test_box();
    test_stepped();
    test_drilled();
    if (failures) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    printf("selector evaluation: all ok\n");
    return 0;
}
