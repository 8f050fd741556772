/* test_kernel_exchange.c: STEP round trip (same volume; nothing printed on stdout/stderr), STL
 * written binary and ASCII and read back by this test's own parsers (triangle count, area),
 * STL read into a closed solid, BREP round trip, and errors for unreadable/unwritable paths. */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ktest.h"

static const zk_vec O = {0, 0, 0}, Z = {0, 0, 1};

static long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static double tri_area(const float *a, const float *b, const float *c) {
    double u[3], v[3];
    for (int i = 0; i < 3; i++) { u[i] = b[i] - a[i]; v[i] = c[i] - a[i]; }
    double x = u[1] * v[2] - u[2] * v[1], y = u[2] * v[0] - u[0] * v[2], z = u[0] * v[1] - u[1] * v[0];
    return 0.5 * sqrt(x * x + y * y + z * z);
}

/* Binary STL: 80-byte header, uint32 count, 50 bytes per triangle (normal, 3 vertices, attr). */
static int read_binary_stl(const char *path, uint32_t *ntri, double *area) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    unsigned char hdr[84];
    if (fread(hdr, 1, 84, f) != 84) { fclose(f); return -1; }
    memcpy(ntri, hdr + 80, 4);
    *area = 0;
    for (uint32_t i = 0; i < *ntri; i++) {
        unsigned char rec[50];
        if (fread(rec, 1, 50, f) != 50) { fclose(f); return -1; }
        float p[12];
        memcpy(p, rec, 48);
        *area += tri_area(p + 3, p + 6, p + 9);
    }
    fclose(f);
    return 0;
}

/* ASCII STL: count "facet" lines and sum triangle areas from "vertex" lines. */
static int read_ascii_stl(const char *path, uint32_t *ntri, double *area) {
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[512];
    float v[9];
    int nv = 0;
    *ntri = 0;
    *area = 0;
    while (fgets(line, sizeof line, f)) {
        char *s = line;
        while (*s == ' ' || *s == '\t') s++;
        if (strncmp(s, "facet", 5) == 0) { (*ntri)++; nv = 0; }
        if (strncmp(s, "vertex", 6) == 0 && nv < 3) {
            if (sscanf(s + 6, "%f %f %f", &v[3 * nv], &v[3 * nv + 1], &v[3 * nv + 2]) == 3) nv++;
            if (nv == 3) *area += tri_area(v, v + 3, v + 6);
        }
    }
    fclose(f);
    return 0;
}

/* Runs fn with stdout and stderr redirected to a file; returns the number of bytes printed. */
static long captured_output(void (*fn)(void *), void *arg) {
    fflush(stdout);
    fflush(stderr);
    FILE *tmp = tmpfile();
    int saved1 = dup(1), saved2 = dup(2);
    dup2(fileno(tmp), 1);
    dup2(fileno(tmp), 2);
    fn(arg);
    fflush(stdout);
    fflush(stderr);
    dup2(saved1, 1);
    dup2(saved2, 2);
    close(saved1);
    close(saved2);
    long n = ftell(tmp) > 0 ? ftell(tmp) : lseek(fileno(tmp), 0, SEEK_END);
    fclose(tmp);
    return n;
}

struct step_job { zk_shape *shape; int wrc; zk_shape *back; };

static void step_round_trip(void *p) {
    struct step_job *j = p;
    j->wrc = zk_write_step(j->shape, "kernel_rt.step");
    j->back = zk_read_step("kernel_rt.step");
}

static zk_shape *holed_box(void) {
    zk_ax2 f = kt_frame(O, Z);
    zk_shape *b = zk_box(&f, 10, 10, 10);
    zk_ax2 fc = kt_frame(kt_v(5, 5, -1), Z);
    zk_shape *c = zk_cylinder(&fc, 2, 12, 2 * M_PI);
    zk_shape *r = zk_cut(b, &c, 1, 0);
    zk_unref(b);
    zk_unref(c);
    return r;
}

static void test_step(void) {
    struct step_job j = {holed_box(), -1, NULL};
    long printed = captured_output(step_round_trip, &j);
    KT_CHECK(printed == 0);
    KT_CHECK(j.wrc == 0);
    KT_CHECK(j.back != NULL);
    KT_NEAR(zk_volume(j.back), 1000 - 40 * M_PI, 1e-6);
    KT_CHECK(kt_count(j.back, ZK_FACE) == 7);
    KT_CHECK(zk_is_valid(j.back));
    zk_shape **all; size_t n;
    KT_CHECK(zk_read_step_all("kernel_rt.step", &all, &n) == 0 && n == 1);
    zk_free_list(all, n);
    FILE *f = fopen("kernel_rt.step", "r");
    char head[32] = {0};
    KT_CHECK(f && fread(head, 1, 13, f) == 13 && strncmp(head, "ISO-10303-21;", 13) == 0);
    if (f) fclose(f);
    zk_unref(j.back);
    zk_unref(j.shape);
    KT_CHECK(zk_read_step("does-not-exist.step") == NULL && zk_error_message()[0] != 0);
    zk_ax2 fr = kt_frame(O, Z);
    zk_shape *b = zk_box(&fr, 1, 1, 1);
    KT_CHECK(zk_write_step(b, "/nonexistent-dir/x.step") == -1 && zk_error_message()[0] != 0);
    zk_unref(b);
}

static void test_stl(void) {
    zk_ax2 f = kt_frame(O, Z);
    zk_shape *b = zk_box(&f, 10, 10, 10);
    KT_CHECK(zk_write_stl(b, "kernel_box.stl", 0.1, 0.1, 0, 0) == 0);
    uint32_t nt = 0;
    double area = 0;
    KT_CHECK(read_binary_stl("kernel_box.stl", &nt, &area) == 0);
    KT_CHECK(nt == 12);
    KT_CHECK(file_size("kernel_box.stl") == 84 + 50 * 12);
    KT_NEAR(area, 600, 1e-6);
    zk_shape *back = zk_read_stl("kernel_box.stl");
    KT_CHECK(back != NULL && zk_shape_type(back) == ZK_SOLID);
    KT_NEAR(zk_volume(back), 1000, 1e-6);
    KT_NEAR(zk_area(back), 600, 1e-6);
    KT_CHECK(kt_count(back, ZK_FACE) == 12);
    zk_unref(back);

    zk_shape *h = holed_box();
    double true_area = 600 - 2 * 4 * M_PI + 2 * M_PI * 2 * 10;
    KT_CHECK(zk_write_stl(h, "kernel_holed.stl", 0.01, 0.1, 0, 1) == 0);
    KT_CHECK(read_ascii_stl("kernel_holed.stl", &nt, &area) == 0);
    KT_CHECK(nt > 20);
    KT_NEAR(area, true_area, 5e-3);
    /* the export meshed h in place; its bounding box stays the exact one */
    double bb[6];
    KT_CHECK(zk_bbox(h, 0, 1, bb) == 0);
    KT_NEAR(bb[0], 0, 1e-7); KT_NEAR(bb[1], 0, 1e-7); KT_NEAR(bb[2], 0, 1e-7);
    KT_NEAR(bb[3], 10, 1e-7); KT_NEAR(bb[4], 10, 1e-7); KT_NEAR(bb[5], 10, 1e-7);
    zk_shape *hb = zk_read_stl("kernel_holed.stl");
    KT_CHECK(hb != NULL);
    KT_NEAR(zk_area(hb), area, 1e-5);
    KT_NEAR(zk_volume(hb), 1000 - 40 * M_PI, 5e-3);
    zk_unref(hb);
    KT_CHECK(zk_read_stl("does-not-exist.stl") == NULL && zk_error_message()[0] != 0);

    KT_CHECK(zk_write_brep(h, "kernel_rt.brep") == 0);
    zk_shape *br = zk_read_brep("kernel_rt.brep");
    KT_NEAR(zk_volume(br), 1000 - 40 * M_PI, 1e-9);
    zk_unref(br);
    zk_unref(h);
    zk_unref(b);
}

int main(void) {
    zk_init();
    test_step();
    test_stl();
    KT_DONE();
}
