/* scene_stl.c: a scene from STL bytes in memory (binary, or ASCII "solid ... facet ... vertex"):
 * one unshared point per triangle corner, then welding, dihedral-angle feature edges and
 * smooth normals (mesh_topology.c). Truncated or malformed data is an error, never a guess. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

static float read_f32le(const unsigned char *p)
{
    uint32_t u = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static int alloc_tris(zr_scene *sc, size_t ntris)
{
    sc->ntris = ntris;
    sc->npoints = 3 * ntris;
    sc->points = malloc(sc->npoints * 3 * sizeof *sc->points);
    sc->normals = malloc(sc->npoints * 3 * sizeof *sc->normals);
    sc->tris = malloc(sc->npoints * sizeof *sc->tris);
    sc->tri_normals = malloc(ntris * 3 * sizeof *sc->tri_normals);
    if (!sc->points || !sc->normals || !sc->tris || !sc->tri_normals)
        return -1;
    for (size_t i = 0; i < sc->npoints; i++)
        sc->tris[i] = (uint32_t)i;
    return 0;
}

static int parse_binary(const unsigned char *d, size_t ntris, zr_scene *sc)
{
    if (alloc_tris(sc, ntris))
        return -1;
    for (size_t t = 0; t < ntris; t++) {
        const unsigned char *rec = d + 84 + 50 * t + 12;   /* skip the facet normal */
        for (int k = 0; k < 9; k++)
            sc->points[9 * t + k] = read_f32le(rec + 4 * k);
    }
    return 0;
}

static int starts_with_solid(const char *d, size_t len)
{
    size_t i = 0;
    while (i < len && isspace((unsigned char)d[i]))
        i++;
    return len - i >= 5 && !strncmp(d + i, "solid", 5);
}

/* Counts "vertex" keywords; fills coordinates when pts is not NULL. -1 on a bad number. */
static long ascii_vertices(const char *text, float *pts)
{
    long n = 0;
    for (const char *p = strstr(text, "vertex"); p; p = strstr(p, "vertex")) {
        p += 6;
        for (int k = 0; k < 3; k++) {
            char *end;
            errno = 0;
            double v = strtod(p, &end);
            if (end == p || errno == ERANGE)
                return -1;
            if (pts)
                pts[3 * n + k] = (float)v;
            p = end;
        }
        n++;
    }
    return n;
}

static int parse_ascii(const char *d, size_t len, const char *name, zr_scene *sc, char *err, size_t errlen)
{
    char *text = malloc(len + 1);
    if (!text)
        return -1;
    memcpy(text, d, len);
    text[len] = 0;
    long n = ascii_vertices(text, NULL);
    int rc = -1;
    if (n < 0 || n % 3 || !strstr(text, "endsolid"))
        zr_set_error(err, errlen, "%s: truncated or malformed ASCII STL", name);
    else if (n == 0)
        zr_set_error(err, errlen, "%s: the STL has no triangles", name);
    else if (!alloc_tris(sc, (size_t)n / 3) && ascii_vertices(text, sc->points) == n)
        rc = 0;
    free(text);
    return rc;
}

static int parse_stl(const unsigned char *d, size_t len, const char *name, zr_scene *sc, char *err, size_t errlen)
{
    uint64_t ntris = len >= 84 ? (uint64_t)d[80] | (uint64_t)d[81] << 8 | (uint64_t)d[82] << 16 |
                                     (uint64_t)d[83] << 24
                               : 0;
    uint64_t need = 84 + 50 * ntris;
    if (ntris > UINT32_MAX / 3) {
        zr_set_error(err, errlen, "%s: too many triangles (%llu)", name, (unsigned long long)ntris);
        return -1;
    }
    if (len >= 84 && need == len && ntris > 0)
        return parse_binary(d, ntris, sc);
    if (starts_with_solid((const char *)d, len) && memmem(d, len, "facet", 5))
        return parse_ascii((const char *)d, len, name, sc, err, errlen);
    if (len < 84) {
        zr_set_error(err, errlen, "%s: truncated STL (%zu bytes; a binary STL header alone is 84)", name, len);
        return -1;
    }
    if (ntris == 0) {
        zr_set_error(err, errlen, "%s: the STL has no triangles", name);
        return -1;
    }
    if (len < need) {
        zr_set_error(err, errlen, "%s: truncated binary STL: %llu triangles need %llu bytes, the data has %zu", name,
                     (unsigned long long)ntris, (unsigned long long)need, len);
        return -1;
    }
    return parse_binary(d, ntris, sc);   /* trailing bytes after the triangles are ignored */
}

static int check_points(const zr_scene *sc, const char *name, double *diag, char *err, size_t errlen)
{
    double lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < 3 * sc->npoints; i++) {
        double v = sc->points[i];
        if (!isfinite(v)) {
            zr_set_error(err, errlen, "%s: the STL has a non-finite coordinate", name);
            return -1;
        }
        lo[i % 3] = v < lo[i % 3] ? v : lo[i % 3];
        hi[i % 3] = v > hi[i % 3] ? v : hi[i % 3];
    }
    *diag = sqrt((hi[0] - lo[0]) * (hi[0] - lo[0]) + (hi[1] - lo[1]) * (hi[1] - lo[1]) +
                 (hi[2] - lo[2]) * (hi[2] - lo[2]));
    if (!(*diag > 0)) {
        zr_set_error(err, errlen, "%s: the STL's triangles have no extent", name);
        return -1;
    }
    return 0;
}

int zr_scene_from_stl(const void *data, size_t len, const char *name, const zr_spec *spec, zr_scene *out,
                      char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (err && errlen)
        err[0] = 0;
    double diag = 0;
    int rc = parse_stl(data, len, name, out, err, errlen);
    if (!rc)
        rc = check_points(out, name, &diag, err, errlen);
    if (!rc) {
        zr_scene_tri_normals(out);
        rc = zr_scene_mesh_features(out, 1e-6 * diag, spec->feature_angle_deg, err, errlen);
    }
    if (rc) {
        if (err && errlen && !*err)
            zr_set_error(err, errlen, "%s: out of memory reading the STL", name);
        zr_scene_free(out);
    }
    return rc;
}

int zr_scene_from_stl_file(const char *path, const zr_spec *spec, zr_scene *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f) {
        zr_set_error(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    int failed = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? 2 * cap : 1 << 16;
            unsigned char *b = realloc(buf, cap);
            if (!b) {
                failed = 1;
                break;
            }
            buf = b;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    failed |= ferror(f);
    fclose(f);
    int rc = -1;
    if (failed)
        zr_set_error(err, errlen, "%s: cannot read the file", path);
    else
        rc = zr_scene_from_stl(buf ? (const void *)buf : "", len, path, spec, out, err, errlen);
    free(buf);
    return rc;
}
