/* test_kernel_features.c: fillets, chamfers (symmetric and asymmetric), shells (open, closed,
 * outward), BRepFeat prisms (through all, up to a face) against analytic volumes, and the error
 * path of an impossible fillet. */
#include <math.h>
#include <string.h>

#include "ktest.h"

static const zk_vec O = {0, 0, 0}, Z = {0, 0, 1};

/* The edge of solid s whose centre is nearest to p. */
static zk_shape *edge_near(const zk_shape *s, zk_vec p) {
    zk_shape **l; size_t n;
    zk_explore(s, ZK_EDGE, &l, &n);
    zk_shape *best = NULL;
    double bd = 1e300;
    for (size_t i = 0; i < n; i++) {
        zk_vec c = zk_center_of_mass(l[i]);
        double d = (c.x - p.x) * (c.x - p.x) + (c.y - p.y) * (c.y - p.y) + (c.z - p.z) * (c.z - p.z);
        if (d < bd) { bd = d; best = l[i]; }
    }
    zk_ref(best);
    zk_free_list(l, n);
    return best;
}

static zk_shape *face_near(const zk_shape *s, zk_vec p) {
    zk_shape **l; size_t n;
    zk_explore(s, ZK_FACE, &l, &n);
    zk_shape *best = NULL;
    double bd = 1e300;
    for (size_t i = 0; i < n; i++) {
        zk_vec c = zk_center_of_mass(l[i]);
        double d = (c.x - p.x) * (c.x - p.x) + (c.y - p.y) * (c.y - p.y) + (c.z - p.z) * (c.z - p.z);
        if (d < bd) { bd = d; best = l[i]; }
    }
    zk_ref(best);
    zk_free_list(l, n);
    return best;
}

static void test_fillet_chamfer(void) {
    zk_ax2 f = kt_frame(O, Z);
    zk_shape *b = zk_box(&f, 10, 10, 10);
    zk_shape *e = edge_near(b, kt_v(10, 10, 5)); /* a vertical edge, L = 10 */
    const double r = 2, L = 10;
    zk_shape *fl = zk_fillet(b, &e, 1, r);
    KT_NEAR(zk_volume(fl), 1000 - (r * r - M_PI * r * r / 4) * L, 1e-9);
    KT_CHECK(kt_count(fl, ZK_FACE) == 7);
    KT_CHECK(zk_is_valid(fl));
    zk_shape *ch = zk_chamfer(b, &e, 1, 1.5, 0);
    KT_NEAR(zk_volume(ch), 1000 - 1.5 * 1.5 / 2 * L, 1e-9);
    zk_shape *ca = zk_chamfer(b, &e, 1, 1, 3);
    KT_NEAR(zk_volume(ca), 1000 - 1.0 * 3 / 2 * L, 1e-9);

    /* all 12 edges filleted: V = a^3 - (12 edges) (4 - pi) r^2 (a - 2r) - 8 corners (r^3 (8 - 4 pi/3 ... )) */
    zk_shape **all; size_t n;
    zk_explore(b, ZK_EDGE, &all, &n);
    zk_shape *fa = zk_fillet(b, all, n, 1);
    /* rounded box = Minkowski sum of an 8-cube with a unit ball */
    double a = 8;
    KT_NEAR(zk_volume(fa), a * a * a + 6 * a * a * 1 + 3 * a * M_PI * 1 + 4.0 / 3 * M_PI, 1e-6);
    zk_free_list(all, n);

    /* the error path: a radius larger than the box */
    zk_shape *bad = zk_fillet(b, &e, 1, 20);
    KT_CHECK(bad == NULL);
    KT_CHECK(zk_error_type()[0] != 0);
    KT_CHECK(zk_error_message()[0] != 0);
    zk_shape *bad2 = zk_chamfer(b, &e, 1, 20, 0);
    KT_CHECK(bad2 == NULL && zk_error_message()[0] != 0);
    zk_unref(e); zk_unref(b); zk_unref(fl); zk_unref(ch); zk_unref(ca); zk_unref(fa);
}

static void test_shell(void) {
    zk_ax2 f = kt_frame(O, Z);
    zk_shape *b = zk_box(&f, 10, 10, 10);
    zk_shape *top = face_near(b, kt_v(5, 5, 10));
    zk_shape *open = zk_shell(b, &top, 1, -1, 0, 0);
    KT_NEAR(zk_volume(open), 1000 - 8 * 8 * 9, 1e-6);
    KT_CHECK(kt_count(open, ZK_FACE) == 11);
    zk_shape *closed = zk_shell(b, NULL, 0, -1, 0, 0);
    KT_NEAR(zk_volume(closed), 1000 - 512, 1e-6);
    KT_CHECK(kt_count(closed, ZK_SHELL) == 2);
    zk_shape *outward = zk_shell(b, &top, 1, 1, 1e-4, 1);
    KT_NEAR(zk_volume(outward), 12 * 12 * 11 - 1000, 1e-6);
    zk_unref(top); zk_unref(b); zk_unref(open); zk_unref(closed); zk_unref(outward);
}

static void test_feature_prisms(void) {
    zk_ax2 f = kt_frame(O, Z);
    zk_shape *b = zk_box(&f, 10, 10, 10);
    /* a 2x2 square on the top face, cut through all */
    zk_vec sq[4] = {{4, 4, 10}, {6, 4, 10}, {6, 6, 10}, {4, 6, 10}};
    zk_shape *w = zk_wire_polygon(sq, 4, 1);
    zk_shape *face = zk_face_from_wires(w, NULL, 0);
    zk_shape *thru = zk_dprism(b, face, NULL, 0, 0, 1, 0, NULL);
    KT_NEAR(zk_volume(thru), 1000 - 40, 1e-9);
    zk_shape *thru2 = zk_prism_until(b, face, Z, 1, NULL, 0);
    KT_NEAR(zk_volume(thru2), 1000 - 40, 1e-9);
    /* a boss from z=10 up to a face at z=15 of a separate slab */
    zk_ax2 sf = kt_frame(kt_v(-5, -5, 15), Z);
    zk_shape *slab = zk_box(&sf, 20, 20, 1);
    zk_shape *parts[2] = {b, slab};
    zk_shape *both = zk_compound(parts, 2);
    zk_shape *lim = face_near(slab, kt_v(5, 5, 15));
    zk_shape *up = zk_dprism(both, face, NULL, 0, 1, 2, 0, lim);
    KT_NEAR(zk_volume(up), 1000 + 400 + 4 * 5, 1e-9);
    zk_shape *dp = zk_dprism(b, face, NULL, 0, 0, 0, -3, NULL);
    KT_CHECK(dp != NULL);
    zk_unref(dp);
    zk_unref(lim); zk_unref(both); zk_unref(slab); zk_unref(up);
    zk_unref(thru); zk_unref(thru2); zk_unref(face); zk_unref(w); zk_unref(b);
}

int main(void) {
    zk_init();
    test_fillet_chamfer();
    test_shell();
    test_feature_prisms();
    KT_DONE();
}
