/* test_kernel_basics.c: primitives (analytic volume/area/centre/bbox), topology counts and
 * ancestors, transforms, booleans and clean, geometry types and normals, error reporting. */
#include <math.h>
#include <string.h>

#include "ktest.h"

static const zk_vec O = {0, 0, 0}, X = {1, 0, 0}, Y = {0, 1, 0}, Z = {0, 0, 1};

static void test_box(void) {
    zk_ax2 f = kt_frame(kt_v(1, 2, 3), Z);
    zk_shape *b = zk_box(&f, 2, 3, 4);
    KT_CHECK(b != NULL);
    KT_CHECK(zk_shape_type(b) == ZK_SOLID);
    KT_NEAR(zk_volume(b), 24.0, 1e-9);
    KT_NEAR(zk_area(b), 2 * (6 + 8 + 12), 1e-9);
    KT_VEC_NEAR(zk_center_of_mass(b), 2, 3.5, 5, 1e-9);
    double bb[6];
    KT_CHECK(zk_bbox(b, 0, 1, bb) == 0);
    KT_NEAR(bb[0], 1, 1e-6); KT_NEAR(bb[1], 2, 1e-6); KT_NEAR(bb[2], 3, 1e-6);
    KT_NEAR(bb[3], 3, 1e-6); KT_NEAR(bb[4], 5, 1e-6); KT_NEAR(bb[5], 7, 1e-6);
    KT_CHECK(kt_count(b, ZK_FACE) == 6);
    KT_CHECK(kt_count(b, ZK_EDGE) == 12);
    KT_CHECK(kt_count(b, ZK_VERTEX) == 8);
    KT_CHECK(kt_count(b, ZK_WIRE) == 6);
    KT_CHECK(kt_count(b, ZK_SHELL) == 1);
    KT_CHECK(zk_is_valid(b) == 1);
    KT_CHECK(strcmp(zk_geom_type(b), "Solid") == 0);

    /* each edge has two faces; each face four edges; vertex -> 3 edges */
    zk_shape **edges; size_t ne;
    KT_CHECK(zk_explore(b, ZK_EDGE, &edges, &ne) == 0);
    for (size_t i = 0; i < ne; i++) {
        zk_shape **faces; size_t nf;
        KT_CHECK(zk_ancestors(b, edges[i], ZK_FACE, &faces, &nf) == 0);
        KT_CHECK(nf == 2);
        KT_CHECK(strcmp(zk_geom_type(edges[i]), "LINE") == 0);
        KT_NEAR(zk_mass(edges[i]), zk_length(edges[i]), 1e-12);
        zk_free_list(faces, nf);
    }
    KT_CHECK(zk_edge_is_degenerated(edges[0]) == 0);
    zk_free_list(edges, ne);

    /* faces: planes, unit outward normals summing to zero, centre of the top face */
    zk_shape **faces; size_t nf;
    KT_CHECK(zk_explore(b, ZK_FACE, &faces, &nf) == 0);
    double sx = 0, sy = 0, sz = 0;
    int top = 0;
    for (size_t i = 0; i < nf; i++) {
        KT_CHECK(strcmp(zk_geom_type(faces[i]), "PLANE") == 0);
        zk_vec n = zk_face_normal_at(faces[i], NULL);
        KT_NEAR(sqrt(n.x * n.x + n.y * n.y + n.z * n.z), 1.0, 1e-9);
        sx += n.x; sy += n.y; sz += n.z;
        zk_vec c = zk_center_of_mass(faces[i]);
        /* outward: normal points away from the box centre */
        KT_CHECK((c.x - 2) * n.x + (c.y - 3.5) * n.y + (c.z - 5) * n.z > 0);
        if (n.z > 0.5) {
            top++;
            KT_VEC_NEAR(c, 2, 3.5, 7, 1e-9);
            KT_VEC_NEAR(zk_face_center_uv(faces[i]), 2, 3.5, 7, 1e-9);
            zk_vec at = kt_v(1.5, 2.5, 7);
            KT_VEC_NEAR(zk_face_normal_at(faces[i], &at), 0, 0, 1, 1e-9);
            KT_NEAR(zk_mass(faces[i]), 6.0, 1e-9);
            zk_shape *w = zk_face_outer_wire(faces[i]);
            KT_NEAR(zk_length(w), 10.0, 1e-9);
            KT_CHECK(zk_curve_is_closed(w) == 1);
            zk_unref(w);
        }
    }
    KT_CHECK(top == 1);
    KT_NEAR(sx, 0, 1e-9); KT_NEAR(sy, 0, 1e-9); KT_NEAR(sz, 0, 1e-9);
    zk_free_list(faces, nf);

    /* identity */
    zk_shape *r = zk_ref(b);
    KT_CHECK(zk_is_same(r, b) && zk_is_equal(r, b) && zk_hash(r) == zk_hash(b));
    zk_unref(r);
    zk_shape *c = zk_copy(b);
    KT_CHECK(!zk_is_same(c, b));
    KT_NEAR(zk_volume(c), 24.0, 1e-9);
    zk_unref(c);
    zk_unref(b);
}

static void test_primitives(void) {
    const double r = 2, h = 5;
    zk_ax2 f = kt_frame(O, Z);
    zk_shape *cyl = zk_cylinder(&f, r, h, 2 * M_PI);
    KT_NEAR(zk_volume(cyl), M_PI * r * r * h, 1e-9);
    KT_NEAR(zk_area(cyl), 2 * M_PI * r * h + 2 * M_PI * r * r, 1e-9);
    KT_VEC_NEAR(zk_center_of_mass(cyl), 0, 0, h / 2, 1e-9);
    KT_CHECK(kt_count(cyl, ZK_FACE) == 3);
    zk_shape **faces; size_t nf;
    zk_explore(cyl, ZK_FACE, &faces, &nf);
    int ncyl = 0;
    for (size_t i = 0; i < nf; i++)
        if (strcmp(zk_geom_type(faces[i]), "CYLINDER") == 0) {
            ncyl++;
            /* CadQuery 2.4 normalAt: BRepGProp_Face normal, |n| = r on a cylinder, radial, outward */
            zk_vec n = zk_face_normal_at(faces[i], NULL);
            KT_NEAR(n.z, 0, 1e-9);
            KT_NEAR(sqrt(n.x * n.x + n.y * n.y), r, 1e-9);
            zk_vec p = zk_face_center_uv(faces[i]);
            KT_CHECK(p.x * n.x + p.y * n.y > 0);
        }
    KT_CHECK(ncyl == 1);
    zk_free_list(faces, nf);
    zk_shape **edges; size_t ne;
    zk_explore(cyl, ZK_EDGE, &edges, &ne);
    int ncirc = 0;
    for (size_t i = 0; i < ne; i++)
        if (strcmp(zk_geom_type(edges[i]), "CIRCLE") == 0) {
            ncirc++;
            KT_NEAR(zk_curve_radius(edges[i]), r, 1e-12);
            zk_vec c = zk_curve_arc_center(edges[i]);
            KT_NEAR(c.x, 0, 1e-12); KT_NEAR(c.y, 0, 1e-12);
        }
    KT_CHECK(ncirc == 2);
    zk_free_list(edges, ne);

    zk_shape *sph = zk_sphere(&f, 3, -M_PI / 2, M_PI / 2, 2 * M_PI);
    KT_NEAR(zk_volume(sph), 4.0 / 3 * M_PI * 27, 1e-9);
    KT_NEAR(zk_area(sph), 4 * M_PI * 9, 1e-9);
    double bb[6];
    zk_bbox(sph, 0, 1, bb);
    KT_NEAR(bb[0], -3, 1e-6); KT_NEAR(bb[5], 3, 1e-6);

    zk_shape *cone = zk_cone(&f, 3, 1, 4, 2 * M_PI);
    KT_NEAR(zk_volume(cone), M_PI * 4 / 3 * (9 + 3 + 1), 1e-9);
    /* frustum centroid height: h (R^2 + 2Rr + 3r^2) / (4 (R^2 + Rr + r^2)) */
    KT_VEC_NEAR(zk_center_of_mass(cone), 0, 0, 4.0 * (9 + 6 + 3) / (4 * 13), 1e-9);

    zk_shape *tor = zk_torus(&f, 5, 1);
    KT_NEAR(zk_volume(tor), 2 * M_PI * M_PI * 5 * 1, 1e-9);
    KT_NEAR(zk_area(tor), 4 * M_PI * M_PI * 5 * 1, 1e-9);

    /* wedge dx=4,dy=2,dz=3 with top face x in [1,3]: a prism of trapezoid (4+2)/2*3 deep 2 */
    zk_shape *w = zk_wedge(&f, 4, 2, 3, 1, 0, 3, 3);
    KT_NEAR(zk_volume(w), (4 + 2) / 2.0 * 2 * 3, 1e-9);

    zk_shape *half = zk_cylinder(&f, r, h, M_PI);
    KT_NEAR(zk_volume(half), M_PI * r * r * h / 2, 1e-9);

    zk_unref(cyl); zk_unref(sph); zk_unref(cone); zk_unref(tor); zk_unref(w); zk_unref(half);
}

static void test_transforms(void) {
    zk_ax2 f = kt_frame(O, Z);
    zk_shape *b = zk_box(&f, 1, 2, 3);
    zk_shape *t = zk_translated(b, kt_v(10, 0, 0));
    KT_VEC_NEAR(zk_center_of_mass(t), 10.5, 1, 1.5, 1e-9);
    zk_shape *r = zk_rotated(b, O, Z, M_PI / 2);
    KT_VEC_NEAR(zk_center_of_mass(r), -1, 0.5, 1.5, 1e-9);
    zk_shape *s = zk_scaled(b, O, 2);
    KT_NEAR(zk_volume(s), 48, 1e-9);
    zk_shape *m = zk_mirrored(b, O, X);
    KT_VEC_NEAR(zk_center_of_mass(m), -0.5, 1, 1.5, 1e-9);
    KT_NEAR(zk_volume(m), 6, 1e-9);
    zk_trsf tr = {{{1, 0, 0, 0}, {0, 1, 0, 5}, {0, 0, 1, 0}}};
    zk_shape *mv = zk_moved(b, &tr);
    KT_VEC_NEAR(zk_center_of_mass(mv), 0.5, 6, 1.5, 1e-9);
    zk_trsf loc;
    KT_CHECK(zk_location(mv, &loc) == 0);
    KT_NEAR(loc.m[1][3], 5, 1e-12);
    zk_shape *lc = zk_located(mv, &tr);
    KT_VEC_NEAR(zk_center_of_mass(lc), 0.5, 6, 1.5, 1e-9);
    zk_shape *tf = zk_transformed(b, &tr);
    KT_VEC_NEAR(zk_center_of_mass(tf), 0.5, 6, 1.5, 1e-9);
    zk_trsf st = {{{2, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}}};
    zk_shape *g = zk_general_transformed(b, &st);
    KT_NEAR(zk_volume(g), 12, 1e-9);
    zk_shape *ro = zk_rotated(b, O, Y, 0.3);
    KT_NEAR(zk_volume(ro), 6, 1e-9);
    zk_unref(b); zk_unref(t); zk_unref(r); zk_unref(s); zk_unref(m); zk_unref(mv); zk_unref(lc);
    zk_unref(tf); zk_unref(g); zk_unref(ro);
}

static void test_booleans(void) {
    zk_ax2 f = kt_frame(O, Z);
    zk_shape *b = zk_box(&f, 10, 10, 10);
    zk_ax2 fc = kt_frame(kt_v(5, 5, -1), Z);
    zk_shape *c = zk_cylinder(&fc, 2, 12, 2 * M_PI);
    zk_shape *cut = zk_cut(b, &c, 1, 0);
    KT_NEAR(zk_volume(cut), 1000 - M_PI * 4 * 10, 1e-9);
    KT_CHECK(kt_count(cut, ZK_FACE) == 7);
    KT_CHECK(zk_is_valid(cut));
    zk_shape *com = zk_common(b, &c, 1, 0);
    KT_NEAR(zk_volume(com), M_PI * 4 * 10, 1e-9);
    zk_shape *fu = zk_fuse(b, &c, 1, 0, 0);
    KT_NEAR(zk_volume(fu), 1000 + M_PI * 4 * 2, 1e-9);
    zk_shape *fz = zk_fuse(b, &c, 1, 0, 1e-5);
    KT_NEAR(zk_volume(fz), 1000 + M_PI * 4 * 2, 1e-9);

    /* two boxes sharing a face: fuse then clean merges coplanar faces */
    zk_ax2 f2 = kt_frame(kt_v(10, 0, 0), Z);
    zk_shape *b2 = zk_box(&f2, 10, 10, 10);
    zk_shape *u = zk_fuse(b, &b2, 1, 0, 0);
    KT_NEAR(zk_volume(u), 2000, 1e-9);
    KT_CHECK(kt_count(u, ZK_FACE) == 10);
    zk_shape *cl = zk_clean(u);
    KT_CHECK(kt_count(cl, ZK_FACE) == 6);
    KT_NEAR(zk_volume(cl), 2000, 1e-9);
    zk_shape *gl = zk_fuse(b, &b2, 1, 1, 0);
    KT_NEAR(zk_volume(gl), 2000, 1e-9);

    /* split a box by a plane face at z=4: two solids */
    zk_ax2 pf = kt_frame(kt_v(5, 5, 4), Z);
    zk_shape *pl = zk_face_plane(&pf, 30, 30);
    zk_shape *sp = zk_split(b, &pl, 1);
    KT_CHECK(kt_count(sp, ZK_SOLID) == 2);
    KT_NEAR(zk_volume(sp), 1000, 1e-9);
    zk_shape *sec = zk_section(b, pl);
    KT_NEAR(zk_length(sec), 40, 1e-9);

    zk_shape *parts[2] = {b, b2};
    zk_shape *comp = zk_compound(parts, 2);
    KT_CHECK(zk_shape_type(comp) == ZK_COMPOUND);
    KT_NEAR(zk_volume(comp), 2000, 1e-9);
    zk_shape **kids; size_t nk;
    KT_CHECK(zk_children(comp, &kids, &nk) == 0 && nk == 2);
    zk_free_list(kids, nk);
    KT_CHECK(zk_classify(b, kt_v(5, 5, 5), 1e-6) == 1);
    KT_CHECK(zk_classify(b, kt_v(15, 5, 5), 1e-6) == 0);
    KT_CHECK(zk_classify(b, kt_v(10, 5, 5), 1e-6) == 2);
    zk_ax2 ff = kt_frame(kt_v(20, 0, 0), Z);
    zk_shape *far = zk_box(&ff, 1, 1, 1);
    KT_NEAR(zk_distance(b, far), 10, 1e-9);

    zk_shape **hits; size_t nh;
    KT_CHECK(zk_faces_intersected_by_line(b, kt_v(5, 5, -5), Z, 1e-4, 0, &hits, &nh) == 0);
    KT_CHECK(nh == 2);
    if (nh == 2) {
        KT_NEAR(zk_center_of_mass(hits[0]).z, 0, 1e-9);
        KT_NEAR(zk_center_of_mass(hits[1]).z, 10, 1e-9);
    }
    zk_free_list(hits, nh);

    zk_unref(b); zk_unref(c); zk_unref(cut); zk_unref(com); zk_unref(fu); zk_unref(fz); zk_unref(b2);
    zk_unref(u); zk_unref(cl); zk_unref(gl); zk_unref(pl); zk_unref(sp); zk_unref(sec); zk_unref(comp);
    zk_unref(far);
}

static void test_errors(void) {
    zk_ax2 f = kt_frame(O, Z);
    zk_shape *bad = zk_box(&f, 0, 1, 1);
    KT_CHECK(bad == NULL);
    KT_CHECK(zk_error_message()[0] != 0);
    KT_CHECK(zk_error_type()[0] != 0); /* an OCCT class (Standard_DomainError) */
    zk_error_clear();
    KT_CHECK(zk_error_message()[0] == 0);
    KT_CHECK(isnan(zk_volume(NULL)));
    KT_CHECK(strcmp(zk_error_type(), "Standard_NullObject") == 0);
    zk_ax2 zero = kt_frame(O, O);
    KT_CHECK(zk_box(&zero, 1, 1, 1) == NULL); /* zero direction */
    KT_CHECK(zk_error_type()[0] != 0);
    zk_shape *b = zk_box(&f, 1, 1, 1);
    KT_CHECK(b && zk_error_message()[0] == 0); /* a successful call clears the error */
    zk_vec p = zk_vertex_point(b);
    KT_CHECK(isnan(p.x) && zk_error_message()[0] != 0);
    KT_CHECK(zk_explore(b, (zk_type)42, NULL, NULL) == -1);
    zk_unref(b);
    zk_unref(NULL);
}

int main(void) {
    zk_init();
    test_box();
    test_primitives();
    test_transforms();
    test_booleans();
    test_errors();
    KT_DONE();
}
