/* fuzz_curate.c: libFuzzer target for curation's readers. The first byte picks what the rest is:
 *   0: a program and its cadquery_ops_json (split at the first NUL) counted into a coverage and
 *      reported; the category must be a non-empty string;
 *   1: a triangle mesh (a uint16 point count, then float points, then uint32 indices) for the mesh
 *      features: accepted (finite blocks, D2 summing to 1) or rejected with a message;
 *   2: the bytes of an STL and of a PNG view for the row descriptor: described or rejected with a
 *      message, never a crash. */
#include "curate.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fuzz_coverage(const uint8_t *d, size_t n)
{
    const uint8_t *nul = memchr(d, 0, n);
    size_t code_len = nul ? (size_t)(nul - d) : n;
    const char *ops = nul ? (const char *)nul + 1 : NULL;
    size_t ops_len = nul ? n - code_len - 1 : 0;
    char cat[96];
    zcur_category_of((const char *)d, code_len, cat, sizeof cat);
    if (!cat[0])
        abort();
    zcur_coverage *a = zcur_coverage_new(), *b = zcur_coverage_new();
    if (!a || !b || zcur_coverage_add(a, ops, ops_len, code_len, (const char *)d, code_len))
        abort();
    FILE *devnull = fopen("/dev/null", "w");
    if (devnull) {
        zcur_coverage_report(devnull, a, b);
        fclose(devnull);
    }
    zcur_coverage_free(a);
    zcur_coverage_free(b);
}

static void fuzz_mesh(const uint8_t *d, size_t n)
{
    if (n < 2)
        return;
    size_t np = (size_t)(d[0] | d[1] << 8) % 64, off = 2;
    if (n < off + 12 * np)
        return;
    float *pts = malloc(12 * np + 4);
    memcpy(pts, d + off, 12 * np);
    off += 12 * np;
    size_t nt = (n - off) / 12;
    uint32_t *tris = malloc(12 * nt + 4);
    memcpy(tris, d + off, 12 * nt);
    float d2[ZCUR_D2_BINS], in[3];
    char err[256] = "";
    if (zcur_mesh_features(pts, np, tris, nt, d2, in, err, sizeof err) == 0) {
        double s = 0;
        for (int i = 0; i < ZCUR_D2_BINS; i++)
            s += d2[i];
        if (!(fabs(s - 1) < 1e-3) || !isfinite(in[0]) || !isfinite(in[1]) || !isfinite(in[2]))
            abort();
    } else if (!err[0])
        abort();
    free(pts);
    free(tris);
}

static void fuzz_describe(const uint8_t *d, size_t n)
{
    size_t half = n / 2;
    const unsigned char *png[ZCUR_VIEWS] = {d + half};
    size_t png_len[ZCUR_VIEWS] = {n - half};
    static float desc[ZCUR_DIM];
    unsigned has = 0;
    char err[512] = "";
    if (zcur_describe(png, png_len, d, half, "fuzz", desc, &has, err, sizeof err) == 0) {
        for (int i = 0; i < ZCUR_DIM; i++)
            if (!isfinite(desc[i]))
                abort();
    } else if (!err[0])
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    switch (data[0] % 3) {
    case 0:
        fuzz_coverage(data + 1, size - 1);
        break;
    case 1:
        fuzz_mesh(data + 1, size - 1);
        break;
    default:
        fuzz_describe(data + 1, size - 1);
        break;
    }
    return 0;
}
