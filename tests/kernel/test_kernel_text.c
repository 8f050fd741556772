/* test_kernel_text.c: text faces and solids: extruded volume = flat area x distance, placement
 * in the frame, alignment, font files, and an error for a bad size. */
#include <math.h>

#include "ktest.h"

#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

int main(void) {
    zk_init();
    zk_ax2 f = kt_frame(kt_v(10, 0, 0), kt_v(0, 0, 1));
    zk_shape *flat = zk_text("Hi", 5, 0, NULL, NULL, 0, 1, 1, &f);
    zk_shape *solid = zk_text("Hi", 5, 2, NULL, NULL, 0, 1, 1, &f);
    KT_CHECK(flat && solid);
    double area = zk_area(flat);
    KT_CHECK(area > 1);
    KT_NEAR(zk_volume(solid), 2 * area, 1e-9);
    KT_CHECK(kt_count(solid, ZK_SOLID) >= 2); /* "H" and "i" (dot and stem) */
    double b[6];
    KT_CHECK(zk_bbox(solid, 0, 1, b) == 0);
    KT_NEAR(b[2], 0, 1e-6);
    KT_NEAR(b[5], 2, 1e-6);
    KT_CHECK(fabs((b[0] + b[3]) / 2 - 10) < 0.5); /* centred on the frame origin */
    KT_CHECK(fabs((b[1] + b[4]) / 2) < 0.5);
    zk_shape *left = zk_text("Hi", 5, 0, NULL, FONT, 0, 0, 0, NULL);
    KT_CHECK(left != NULL);
    KT_CHECK(zk_bbox(left, 0, 1, b) == 0);
    KT_CHECK(b[0] >= -0.01 && b[0] < 1.5 && b[1] >= -0.01);
    KT_CHECK(zk_text("Hi", 0, 0, NULL, NULL, 0, 1, 1, NULL) == NULL && zk_error_message()[0] != 0);
    zk_unref(flat); zk_unref(solid); zk_unref(left);
    KT_DONE();
}
