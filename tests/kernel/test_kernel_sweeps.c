/* test_kernel_sweeps.c: edges, wires and faces (lengths, radii, areas of known figures) and the
 * swept solids built from them (prism, tapered prism, revolve by Pappus, loft = frustum, pipe
 * shells, twisted extrusion), each against an analytic value. */
#include <math.h>
#include <string.h>

#include "ktest.h"

static const zk_vec O = {0, 0, 0}, X = {1, 0, 0}, Y = {0, 1, 0}, Z = {0, 0, 1};

static zk_shape *square_wire(double cx, double cy, double z, double a) {
    zk_vec p[4] = {{cx - a / 2, cy - a / 2, z}, {cx + a / 2, cy - a / 2, z}, {cx + a / 2, cy + a / 2, z},
                   {cx - a / 2, cy + a / 2, z}};
    return zk_wire_polygon(p, 4, 1);
}

static zk_shape *circle_wire(zk_vec c, zk_vec n, double r) {
    zk_ax2 f = kt_frame(c, n);
    zk_shape *e = zk_edge_circle(&f, r);
    zk_shape *w = zk_wire_from_edges(&e, 1);
    zk_unref(e);
    return w;
}

static void test_edges(void) {
    zk_shape *l = zk_edge_line(O, kt_v(3, 4, 0));
    KT_NEAR(zk_length(l), 5, 1e-12);
    KT_VEC_NEAR(zk_curve_position_at(l, 0.5, 1), 1.5, 2, 0, 1e-9);
    KT_VEC_NEAR(zk_curve_tangent_at(l, 0.2, 0), 0.6, 0.8, 0, 1e-12);
    KT_VEC_NEAR(zk_curve_end(l), 3, 4, 0, 1e-12);
    KT_NEAR(zk_curve_radius(l), -1, 0);
    zk_unref(l);

    zk_shape *a = zk_edge_arc3(kt_v(1, 0, 0), kt_v(0, 1, 0), kt_v(-1, 0, 0));
    KT_NEAR(zk_length(a), M_PI, 1e-9);
    KT_NEAR(zk_curve_radius(a), 1, 1e-9);
    KT_VEC_NEAR(zk_curve_position_at(a, 0.5, 1), 0, 1, 0, 1e-7);
    KT_VEC_NEAR(zk_center_of_mass(a), 0, 2 / M_PI, 0, 1e-9); /* centroid of a half circle arc */
    KT_CHECK(strcmp(zk_geom_type(a), "CIRCLE") == 0);
    zk_unref(a);

    zk_ax2 f = kt_frame(O, Z);
    zk_shape *q = zk_edge_circle_arc(&f, 2, 0, M_PI / 2);
    KT_NEAR(zk_length(q), M_PI, 1e-9);
    KT_VEC_NEAR(zk_curve_start(q), 2, 0, 0, 1e-12);
    KT_VEC_NEAR(zk_curve_end(q), 0, 2, 0, 1e-12);
    double u0, u1;
    KT_CHECK(zk_curve_bounds(q, &u0, &u1) == 0);
    KT_NEAR(u1 - u0, M_PI / 2, 1e-12);
    zk_unref(q);

    zk_shape *t = zk_edge_arc_tangent(O, X, kt_v(2, 2, 0)); /* quarter circle centre (0,2) */
    KT_NEAR(zk_curve_radius(t), 2, 1e-9);
    KT_VEC_NEAR(zk_curve_arc_center(t), 0, 2, 0, 1e-9);
    zk_unref(t);

    /* ellipses: the larger radius along its own axis, whichever argument holds it */
    zk_shape *e1 = zk_edge_ellipse(&f, 1, 3);
    double bb[6];
    zk_bbox(e1, 0, 1, bb);
    KT_NEAR(bb[3], 1, 1e-6);
    KT_NEAR(bb[4], 3, 1e-6);
    KT_CHECK(strcmp(zk_geom_type(e1), "ELLIPSE") == 0);
    zk_shape *ew = zk_wire_from_edges(&e1, 1);
    zk_shape *ef = zk_face_from_wires(ew, NULL, 0);
    KT_NEAR(zk_area(ef), 3 * M_PI, 1e-9);
    zk_unref(e1); zk_unref(ew); zk_unref(ef);
    zk_shape *ea = zk_edge_ellipse_arc(&f, 3, 1, 0, M_PI, 1);
    KT_VEC_NEAR(zk_curve_start(ea), 3, 0, 0, 1e-9);
    KT_VEC_NEAR(zk_curve_end(ea), -3, 0, 0, 1e-9);
    KT_VEC_NEAR(zk_curve_position_at(ea, 0.5, 0), 0, 1, 0, 1e-9);
    zk_unref(ea);

    zk_vec pts[4] = {{0, 0, 0}, {1, 1, 0}, {2, 0, 0}, {3, 1, 0}};
    zk_shape *sp = zk_edge_spline(pts, 4, NULL, 0, 0, NULL, 1, 0);
    KT_VEC_NEAR(zk_curve_start(sp), 0, 0, 0, 1e-9);
    KT_VEC_NEAR(zk_curve_end(sp), 3, 1, 0, 1e-9);
    KT_CHECK(strcmp(zk_geom_type(sp), "BSPLINE") == 0);
    zk_unref(sp);
    zk_vec tg[2] = {{1, 0, 0}, {0, 1, 0}};
    zk_shape *st = zk_edge_spline(pts, 4, tg, 2, 0, NULL, 1, 0);
    KT_VEC_NEAR(zk_curve_tangent_at(st, 0, 0), 1, 0, 0, 1e-9);
    KT_VEC_NEAR(zk_curve_tangent_at(st, 1, 0), 0, 1, 0, 1e-9);
    zk_unref(st);
    zk_vec ppts[4] = {{1, 0, 0}, {0, 1, 0}, {-1, 0, 0}, {0, -1, 0}};
    zk_shape *per = zk_edge_spline(ppts, 4, NULL, 0, 1, NULL, 1, 0);
    KT_CHECK(zk_curve_is_closed(per) == 1);
    zk_unref(per);
    /* approximation through points of a parabola: passes within tol, ends exact */
    zk_vec par[9];
    for (int i = 0; i < 9; i++) par[i] = kt_v(i * 0.5, (i * 0.5) * (i * 0.5) / 4, 0);
    zk_shape *apx = zk_edge_spline_approx(par, 9, 1e-3, 1, 6, NULL);
    KT_VEC_NEAR(zk_curve_start(apx), 0, 0, 0, 1e-6);
    KT_VEC_NEAR(zk_curve_end(apx), 4, 4, 0, 1e-6);
    double w[3] = {1, 1, 1};
    zk_shape *apw = zk_edge_spline_approx(par, 9, 1e-3, 1, 6, w);
    KT_CHECK(apx && apw);
    zk_unref(apx); zk_unref(apw);
    zk_vec bz[3] = {{0, 0, 0}, {1, 2, 0}, {2, 0, 0}};
    zk_shape *bzz = zk_edge_bezier(bz, 3);
    KT_VEC_NEAR(zk_curve_position_at(bzz, 0.5, 0), 1, 1, 0, 1e-9);
    KT_CHECK(strcmp(zk_geom_type(bzz), "BEZIER") == 0);
    zk_unref(bzz);

    zk_shape *h = zk_wire_helix(2, 6, 1, O, Z, 0);
    KT_NEAR(zk_length(h), 3 * sqrt(4 * M_PI * M_PI + 4), 1e-4);
    KT_VEC_NEAR(zk_curve_end(h), 1, 0, 6, 1e-6);
    zk_unref(h);

    zk_shape *v = zk_vertex(kt_v(1, 2, 3));
    KT_VEC_NEAR(zk_vertex_point(v), 1, 2, 3, 0);
    KT_VEC_NEAR(zk_center_of_mass(v), 1, 2, 3, 0);
    KT_CHECK(strcmp(zk_geom_type(v), "Vertex") == 0);
    zk_unref(v);
}

static void test_wires_faces(void) {
    /* wire from unordered edges; closing an open polyline */
    zk_shape *e[4] = {zk_edge_line(kt_v(0, 0, 0), kt_v(1, 0, 0)), zk_edge_line(kt_v(1, 1, 0), kt_v(0, 1, 0)),
                      zk_edge_line(kt_v(1, 0, 0), kt_v(1, 1, 0)), zk_edge_line(kt_v(0, 1, 0), kt_v(0, 0, 0))};
    zk_shape *w = zk_wire_from_edges(e, 4);
    KT_CHECK(w && zk_curve_is_closed(w) == 1);
    KT_NEAR(zk_length(w), 4, 1e-12);
    zk_shape **ws; size_t nw;
    KT_CHECK(zk_wires_from_edges(e, 4, &ws, &nw) == 0 && nw == 1);
    zk_free_list(ws, nw);
    for (int i = 0; i < 4; i++) zk_unref(e[i]);
    zk_unref(w);
    zk_vec open[3] = {{0, 0, 0}, {2, 0, 0}, {2, 2, 0}};
    zk_shape *ow = zk_wire_polygon(open, 3, 0);
    KT_CHECK(zk_curve_is_closed(ow) == 0);
    zk_shape *cw = zk_wire_close(ow);
    KT_CHECK(zk_curve_is_closed(cw) == 1);
    KT_NEAR(zk_length(cw), 4 + 2 * sqrt(2), 1e-12);
    zk_shape *tri = zk_face_from_wires(cw, NULL, 0);
    KT_NEAR(zk_area(tri), 2, 1e-12);
    zk_unref(ow); zk_unref(cw); zk_unref(tri);

    /* square with a round hole; normal +Z for a ccw outer wire */
    zk_shape *sq = square_wire(0, 0, 0, 10);
    zk_shape *hole = circle_wire(O, Z, 2);
    zk_shape *face = zk_face_from_wires(sq, &hole, 1);
    KT_CHECK(zk_shape_type(face) == ZK_FACE);
    KT_NEAR(zk_area(face), 100 - 4 * M_PI, 1e-9);
    KT_VEC_NEAR(zk_face_normal_at(face, NULL), 0, 0, 1, 1e-12);
    zk_shape **inner; size_t ni;
    KT_CHECK(zk_face_inner_wires(face, &inner, &ni) == 0 && ni == 1);
    KT_NEAR(zk_length(inner[0]), 4 * M_PI, 1e-9);
    zk_free_list(inner, ni);
    zk_shape *pr = zk_prism(face, kt_v(0, 0, 3));
    KT_NEAR(zk_volume(pr), 3 * (100 - 4 * M_PI), 1e-9);
    zk_unref(pr);

    /* 2D offset, fillet and chamfer of the square */
    zk_shape **offs; size_t no;
    KT_CHECK(zk_wire_offset2d(sq, 1, 0, &offs, &no) == 0 && no == 1);
    zk_shape *of = zk_face_from_wires(offs[0], NULL, 0);
    KT_NEAR(zk_area(of), 100 + 40 + M_PI, 1e-6);
    zk_unref(of);
    zk_free_list(offs, no);
    KT_CHECK(zk_wire_offset2d(sq, 1, 1, &offs, &no) == 0 && no == 1);
    of = zk_face_from_wires(offs[0], NULL, 0);
    KT_NEAR(zk_area(of), 144, 1e-6);
    zk_unref(of);
    zk_free_list(offs, no);
    zk_shape *plain = zk_face_from_wires(sq, NULL, 0);
    zk_shape **vs; size_t nv;
    zk_explore(plain, ZK_VERTEX, &vs, &nv);
    KT_CHECK(nv == 4);
    zk_shape *fil = zk_fillet2d(plain, vs, nv, 1);
    KT_NEAR(zk_area(fil), 100 - 4 * (1 - M_PI / 4), 1e-9);
    zk_shape *cha = zk_chamfer2d(plain, vs, nv, 1);
    KT_NEAR(zk_area(cha), 100 - 4 * 0.5, 1e-9);
    zk_free_list(vs, nv);
    zk_shape *pf = zk_face_plane(NULL, 4, 6);
    KT_NEAR(zk_area(pf), 24, 1e-12);
    zk_unref(fil); zk_unref(cha); zk_unref(plain); zk_unref(pf);

    /* non-planar wires are refused with a message */
    zk_vec skew[4] = {{0, 0, 0}, {1, 0, 0}, {1, 1, 1}, {0, 1, 0}};
    zk_shape *sk = zk_wire_polygon(skew, 4, 1);
    KT_CHECK(zk_face_from_wires(sk, NULL, 0) == NULL);
    KT_CHECK(strstr(zk_error_message(), "not planar") != NULL);
    zk_unref(sk);
    zk_unref(sq); zk_unref(hole); zk_unref(face);
}

static void test_sweeps(void) {
    /* revolve the rectangle r in [2,5], z in [0,3] about Z: an annulus, V = pi (R^2 - r^2) h */
    zk_vec rect[4] = {{2, 0, 0}, {5, 0, 0}, {5, 0, 3}, {2, 0, 3}};
    zk_shape *rw = zk_wire_polygon(rect, 4, 1);
    zk_shape *rf = zk_face_from_wires(rw, NULL, 0);
    zk_shape *rev = zk_revolve(rf, O, Z, 2 * M_PI);
    KT_NEAR(zk_volume(rev), M_PI * (25 - 4) * 3, 1e-9);
    zk_shape *qrev = zk_revolve(rf, O, Z, M_PI / 2);
    KT_NEAR(zk_volume(qrev), M_PI * (25 - 4) * 3 / 4, 1e-9);
    zk_unref(rw); zk_unref(rf); zk_unref(rev); zk_unref(qrev);

    /* loft of squares a=4 at z=0 and b=2 at z=3: frustum h/3 (a^2 + ab + b^2) */
    zk_shape *ws[2] = {square_wire(0, 0, 0, 4), square_wire(0, 0, 3, 2)};
    zk_shape *loft = zk_loft(ws, 2, 1, 1);
    KT_NEAR(zk_volume(loft), 3.0 / 3 * (16 + 8 + 4), 1e-9);
    KT_CHECK(zk_shape_type(loft) == ZK_SOLID);
    zk_unref(loft);
    zk_shape *smooth = zk_loft(ws, 2, 1, 0);
    KT_NEAR(zk_volume(smooth), 28, 1e-6);
    zk_unref(smooth);
    zk_unref(ws[0]); zk_unref(ws[1]);
    zk_shape *cs[2] = {circle_wire(O, Z, 2), circle_wire(kt_v(0, 0, 4), Z, 1)};
    zk_shape *cl = zk_loft(cs, 2, 1, 0);
    KT_NEAR(zk_volume(cl), M_PI * 4 / 3 * (4 + 2 + 1), 1e-6);
    zk_unref(cs[0]); zk_unref(cs[1]); zk_unref(cl);
    KT_CHECK(zk_loft(ws, 1, 1, 0) == NULL);

    /* tapered prism of a square a=4, h=1, 10 deg: top side a - 2 h tan(t) */
    zk_shape *sq = square_wire(0, 0, 0, 4);
    zk_shape *sf = zk_face_from_wires(sq, NULL, 0);
    double t = 10 * M_PI / 180, b = 4 - 2 * tan(t);
    zk_shape *tp = zk_prism_taper(sf, 1, 10);
    KT_NEAR(zk_volume(tp), 1.0 / 3 * (16 + b * b + 4 * b), 1e-6);
    double bb[6];
    zk_bbox(tp, 0, 1, bb);
    KT_NEAR(bb[5], 1, 1e-6);
    KT_NEAR(bb[2], 0, 1e-6);
    zk_shape *tn = zk_prism_taper(sf, -1, 10); /* against the face normal */
    zk_bbox(tn, 0, 1, bb);
    KT_NEAR(bb[2], -1, 1e-6);
    KT_NEAR(zk_volume(tn), 1.0 / 3 * (16 + b * b + 4 * b), 1e-6);
    zk_unref(tp); zk_unref(tn);

    /* twist extrude: circle r=1.5 about its centre stays a cylinder; square keeps its area */
    zk_shape *c = circle_wire(O, Z, 1.5);
    zk_shape *tw = zk_twist_extrude(c, NULL, 0, O, kt_v(0, 0, 4), 45);
    KT_NEAR(zk_volume(tw), M_PI * 2.25 * 4, 1e-4);
    zk_unref(tw);
    zk_shape *hole = circle_wire(O, Z, 0.5);
    zk_shape *tws = zk_twist_extrude(sq, &hole, 1, O, kt_v(0, 0, 2), 30);
    KT_NEAR(zk_volume(tws), (16 - M_PI * 0.25) * 2, 1e-3);
    zk_unref(tws); zk_unref(hole);
    KT_CHECK(zk_twist_extrude(c, NULL, 0, O, kt_v(0, 0, 4), 0) == NULL);

    /* pipe shells: circle along a straight line (cylinder) and along a quarter arc (Pappus) */
    zk_shape *path = zk_edge_line(O, kt_v(0, 0, 5));
    zk_shape *tube = zk_pipe_shell(c, path, 0, NULL, 0, 1);
    KT_NEAR(zk_volume(tube), M_PI * 2.25 * 5, 1e-6);
    zk_unref(tube); zk_unref(path);
    zk_ax2 af = kt_frame(O, Z);
    zk_shape *arc = zk_edge_circle_arc(&af, 5, 0, M_PI / 2);
    zk_shape *prof = circle_wire(kt_v(5, 0, 0), Y, 1);
    zk_shape *bend = zk_pipe_shell(prof, arc, 1, NULL, 0, 1);
    KT_NEAR(zk_volume(bend), M_PI * 1 * (2 * M_PI * 5 / 4), 1e-5);
    zk_unref(bend);
    zk_shape *profs[2] = {prof, circle_wire(kt_v(0, 5, 0), X, 1)};
    zk_shape *multi = zk_pipe_shell_multi(profs, 2, arc, 1, 0, 1);
    KT_NEAR(zk_volume(multi), M_PI * 1 * (2 * M_PI * 5 / 4), 1e-3);
    zk_unref(multi); zk_unref(profs[1]);
    zk_unref(arc); zk_unref(prof);
    zk_unref(c); zk_unref(sq); zk_unref(sf);
}

int main(void) {
    zk_init();
    test_edges();
    test_wires_faces();
    test_sweeps();
    KT_DONE();
}
