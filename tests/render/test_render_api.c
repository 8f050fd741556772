/* test_render_api.c: the renderer's C API on inputs whose facts are known independently: a
 * unit cube as STL bytes built here (12 triangles, 12 sharp edges, 18 manifold mesh edges,
 * closed), a kernel box (12 sharp edges), the default spec's JSON round trip and its errors,
 * view selection, threaded drawing equal to one thread, and PNG bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render.h"

static void put_f32(unsigned char *p, float f)
{
    memcpy(p, &f, 4);   /* the test machine is little-endian like STL */
}

/* A binary STL of the cube [0,1]^3: two counter-clockwise (seen from outside) triangles per face. */
static unsigned char *cube_stl(size_t *len)
{
    static const int quads[6][4][3] = {
        {{0, 0, 0}, {0, 1, 0}, {1, 1, 0}, {1, 0, 0}}, {{0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}},
        {{0, 0, 0}, {1, 0, 0}, {1, 0, 1}, {0, 0, 1}}, {{0, 1, 0}, {0, 1, 1}, {1, 1, 1}, {1, 1, 0}},
        {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0}}, {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}, {1, 0, 1}},
    };
    *len = 84 + 50 * 12;
    unsigned char *d = calloc(1, *len);
    d[80] = 12;
    for (int f = 0; f < 6; f++) {
        static const int tri[2][3] = {{0, 1, 2}, {0, 2, 3}};
        for (int t = 0; t < 2; t++) {
            unsigned char *rec = d + 84 + 50 * (2 * f + t) + 12;
            for (int k = 0; k < 3; k++)
                for (int c = 0; c < 3; c++)
                    put_f32(rec + 12 * k + 4 * c, (float)quads[f][tri[t][k]][c]);
        }
    }
    return d;
}

static void test_stl_cube(const zr_spec *spec)
{
    size_t len;
    unsigned char *stl = cube_stl(&len);
    char err[256];
    zr_scene sc;
    CHECK(zr_scene_from_stl(stl, len, "cube.stl", spec, &sc, err, sizeof err) == 0);
    CHECK(sc.ntris == 12);
    CHECK(sc.nfeature == 12);
    CHECK(sc.nedges == 18);
    CHECK(sc.closed == 1);
    zr_framing fr;
    CHECK(zr_framing_of(&sc, &fr, err, sizeof err) == 0);
    CHECK(fr.center[0] == 0.5 && fr.center[1] == 0.5 && fr.center[2] == 0.5);
    uint8_t *one[8], *four[8];
    CHECK(zr_render_all(&sc, &fr, spec, 1, one, err, sizeof err) == 0);
    CHECK(zr_render_all(&sc, &fr, spec, 4, four, err, sizeof err) == 0);
    for (int i = 0; i < 8; i++) {
        CHECK(memcmp(one[i], four[i], 3 * 256 * 256) == 0);
        CHECK(one[i][0] == 255 && one[i][3 * (256 * 256 - 1)] == 255);   /* white corners */
        CHECK(one[i][3 * (128 * 256 + 128)] < 255);                       /* the cube at the centre */
        free(one[i]);
        free(four[i]);
    }
    uint8_t *png;
    size_t png_len;
    CHECK(zr_render_png(&sc, &fr, spec, 0, &png, &png_len, err, sizeof err) == 0);
    CHECK(png_len > 8 && !memcmp(png, "\x89PNG\r\n\x1a\n", 8));
    free(png);
    zr_scene_free(&sc);
    CHECK(zr_scene_from_stl(stl, len - 1, "cube.stl", spec, &sc, err, sizeof err) == -1);
    CHECK(strstr(err, "truncated") != NULL && strstr(err, "cube.stl") != NULL);
    free(stl);
}

static void test_kernel_box(const zr_spec *spec)
{
    zk_init();
    zk_ax2 frame = {{0, 0, 0}, {0, 0, 1}, {1, 0, 0}};
    zk_shape *box = zk_box(&frame, 1, 2, 3);
    char err[256];
    zr_scene sc;
    CHECK(box && zr_scene_from_shape(box, spec, &sc, err, sizeof err) == 0);
    CHECK(sc.ntris == 12);
    CHECK(sc.nfeature == 12);   /* a box's 12 edges, each one straight segment */
    zr_framing fr;
    CHECK(zr_framing_of(&sc, &fr, err, sizeof err) == 0);
    CHECK(fr.radius > 1.8707 && fr.radius < 1.8709);   /* sqrt(0.25 + 1 + 2.25) */
    zr_scene_free(&sc);
    zk_unref(box);
}

static void test_spec_json(const zr_spec *spec)
{
    char *text = zr_spec_to_json(spec);
    zr_spec back;
    char err[256];
    CHECK(text && zr_spec_from_json_text(text, "default.json", &back, err, sizeof err) == 0);
    char *again = zr_spec_to_json(&back);
    CHECK(again && !strcmp(text, again));
    CHECK(back.nviews == 8 && back.views[2].direction[0] == 1 && back.views[2].direction[2] == -1);
    free(again);
    zr_spec_free(&back);
    char *cut = strstr(text, "\"ambient\"");
    CHECK(cut != NULL);
    if (cut)
        memcpy(cut, "\"ambiens\"", 9);
    CHECK(zr_spec_from_json_text(text, "bad.json", &back, err, sizeof err) == -1);
    CHECK(strstr(err, "bad.json") && strstr(err, "light.ambient"));
    free(text);
    CHECK(zr_spec_from_json_text("{\"version\": 3}", "v.json", &back, err, sizeof err) == -1);
    CHECK(strstr(err, "version") != NULL);
}

static void test_select_view(void)
{
    zr_spec s;
    char err[256];
    zr_spec_default(&s);
    CHECK(zr_spec_select_view(&s, "front", err, sizeof err) == 0);
    CHECK(s.nviews == 1 && s.views[0].direction[1] == -1 && !strcmp(s.views[0].name, "front"));
    zr_spec_free(&s);
    zr_spec_default(&s);
    CHECK(zr_spec_select_view(&s, "7", err, sizeof err) == 0);
    CHECK(s.nviews == 1 && !strcmp(s.views[0].name, "view_7"));
    CHECK(zr_spec_select_view(&s, "sideways", err, sizeof err) == -1);
    zr_spec_free(&s);
}

int main(void)
{
    zr_spec spec;
    zr_spec_default(&spec);
    test_stl_cube(&spec);
    test_kernel_box(&spec);
    test_spec_json(&spec);
    test_select_view();
    zr_spec_free(&spec);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    else
        printf("render_api: all checks passed\n");
    return failures ? 1 : 0;
}
