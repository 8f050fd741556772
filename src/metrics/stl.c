/* stl.c: a reader for binary and ASCII STL files into an indexed double mesh (one vertex per
 * triangle corner; the voxelizer and the sampler need no shared indices). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "metrics_internal.h"

static int grow(zm_mesh *m, size_t *cap)
{
    if (m->nt < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 1024;
    double *v = realloc(m->v, nc * 9 * sizeof(double));
    if (!v)
        return -1;
    m->v = v;
    uint32_t *t = realloc(m->t, nc * 3 * sizeof(uint32_t));
    if (!t)
        return -1;
    m->t = t;
    *cap = nc;
    return 0;
}

static void add_triangle(zm_mesh *m, const double p[9])
{
    memcpy(m->v + 9 * m->nt, p, 9 * sizeof(double));
    for (int i = 0; i < 3; i++)
        m->t[3 * m->nt + i] = (uint32_t)(3 * m->nt + i);
    m->nt++;
    m->nv = 3 * m->nt;
}

static float get_f32(const unsigned char *p)
{
    float f;
    memcpy(&f, p, 4);
    return f;
}

static int read_binary(const unsigned char *buf, size_t len, zm_mesh *m, const char *path, char *err, size_t errlen)
{
    uint32_t n;
    memcpy(&n, buf + 80, 4);
    if ((size_t)n > (len - 84) / 50) {
        snprintf(err, errlen, "%s: truncated binary STL (%u triangles announced)", path, n);
        return -1;
    }
    size_t cap = 0;
    for (uint32_t k = 0; k < n; k++) {
        const unsigned char *r = buf + 84 + 50 * (size_t)k + 12;
        double p[9];
        for (int i = 0; i < 9; i++)
            p[i] = get_f32(r + 4 * i);
        if (grow(m, &cap)) {
            snprintf(err, errlen, "%s: out of memory", path);
            return -1;
        }
        add_triangle(m, p);
    }
    return 0;
}

static int read_ascii(char *text, zm_mesh *m, const char *path, char *err, size_t errlen)
{
    size_t cap = 0;
    double p[9];
    int nvert = 0;
    for (char *s = strstr(text, "vertex"); s; s = strstr(s, "vertex")) {
        s += 6;
        char *end;
        for (int i = 0; i < 3; i++) {
            errno = 0;
            p[3 * nvert + i] = strtod(s, &end);
            if (end == s || errno) {
                snprintf(err, errlen, "%s: bad vertex in ASCII STL", path);
                return -1;
            }
            s = end;
        }
        if (++nvert == 3) {
            if (grow(m, &cap)) {
                snprintf(err, errlen, "%s: out of memory", path);
                return -1;
            }
            add_triangle(m, p);
            nvert = 0;
        }
    }
    return 0;
}

/* Parses buf[0..len) (buf[len] must be a NUL the ASCII reader may rely on). */
static int parse_stl(unsigned char *buf, size_t len, const char *name, zm_mesh *m, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    int rc;
    uint32_t n = 0;
    if (len >= 84)
        memcpy(&n, buf + 80, 4);
    const char *p = (const char *)buf;
    while (*p && isspace((unsigned char)*p))
        p++;
    int looks_ascii = !strncmp(p, "solid", 5) && strstr((const char *)buf, "facet") != NULL;
    if (len >= 84 && len == 84 + 50 * (size_t)n)
        rc = read_binary(buf, len, m, name, err, errlen);
    else if (looks_ascii)
        rc = read_ascii((char *)buf, m, name, err, errlen);
    else if (len >= 84)
        rc = read_binary(buf, len, m, name, err, errlen);
    else {
        snprintf(err, errlen, "%s: not an STL file", name);
        rc = -1;
    }
    if (rc == 0 && m->nt == 0) {
        snprintf(err, errlen, "%s: no triangles in STL file", name);
        rc = -1;
    }
    if (rc)
        zm_mesh_free(m);
    return rc;
}

int zm_stl_read(const char *path, zm_mesh *m, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (len < 0) {
        fclose(f);
        snprintf(err, errlen, "%s: cannot read", path);
        return -1;
    }
    unsigned char *buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        fclose(f);
        snprintf(err, errlen, "%s: cannot read", path);
        return -1;
    }
    fclose(f);
    buf[len] = 0;
    int rc = parse_stl(buf, (size_t)len, path, m, err, errlen);
    free(buf);
    return rc;
}

int zm_stl_parse(const void *data, size_t len, const char *name, zm_mesh *m, char *err, size_t errlen)
{
    unsigned char *buf = malloc(len + 1);
    if (!buf) {
        snprintf(err, errlen, "%s: out of memory", name);
        return -1;
    }
    memcpy(buf, data, len);
    buf[len] = 0;
    int rc = parse_stl(buf, len, name, m, err, errlen);
    free(buf);
    return rc;
}
