/* dxf_parse.c: the ASCII DXF reader of dxf_parse.h. A DXF file is a sequence of pairs of lines:
 * an integer group code, then its value. Entities start at group 0 inside the ENTITIES section;
 * a POLYLINE collects the VERTEX records that follow it up to SEQEND. Other entities and
 * sections are skipped. */
#include "dxf_parse.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ITEMS = 50000000 };

typedef struct {
    const char *p, *end;
    size_t line;
} cursor;

/* The next line (without \r\n) as [*s, *s + *n); 0 at the end of the data. */
static int next_line(cursor *c, const char **s, size_t *n)
{
    if (c->p >= c->end)
        return 0;
    const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
    const char *e = nl ? nl : c->end;
    *s = c->p;
    *n = (size_t)(e - c->p);
    if (*n && (*s)[*n - 1] == '\r')
        (*n)--;
    c->p = nl ? nl + 1 : c->end;
    c->line++;
    return 1;
}

static void trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

static int parse_int(const char *s, size_t n, long *out)
{
    char buf[32];
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = 0;
    char *e;
    errno = 0;
    *out = strtol(buf, &e, 10);
    return (*e || errno) ? -1 : 0;
}

static double parse_double(const char *s, size_t n)
{
    char buf[64];
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = 0;
    double v = strtod(buf, NULL);
    return v == v && v < 1e300 && v > -1e300 ? v : 0.0;   /* NaN and overflow read as 0 */
}

static int grow(void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    if (need > MAX_ITEMS)
        return -1;
    size_t c = *cap ? *cap * 2 : 8;
    while (c < need)
        c *= 2;
    void *p = realloc(*arr, c * size);
    if (!p)
        return -1;
    *arr = p;
    *cap = c;
    return 0;
}

typedef struct {
    zd_file *f;
    size_t cap;
    size_t vcap, kcap, wcap;   /* capacities of the current entity's arrays */
} builder;

static zd_entity *new_entity(builder *b, const char *type)
{
    if (grow((void **)&b->f->ents, &b->cap, b->f->n + 1, sizeof(zd_entity)) < 0)
        return NULL;
    zd_entity *e = &b->f->ents[b->f->n++];
    memset(e, 0, sizeof *e);
    snprintf(e->type, sizeof e->type, "%s", type);
    strcpy(e->layer, "0");
    e->normal[2] = 1;
    b->vcap = b->kcap = b->wcap = 0;
    return e;
}

static int add_vertex(builder *b, zd_entity *e)
{
    if (grow((void **)&e->verts, &b->vcap, e->nverts + 1, sizeof(zd_vertex)) < 0)
        return -1;
    memset(&e->verts[e->nverts++], 0, sizeof(zd_vertex));
    return 0;
}

static int is_supported(const char *t)
{
    static const char *const T[] = {"LINE", "CIRCLE", "ARC", "ELLIPSE", "SPLINE", "LWPOLYLINE", "POLYLINE", NULL};
    for (int i = 0; T[i]; i++)
        if (strcmp(t, T[i]) == 0)
            return 1;
    return 0;
}

/* A 16-bit integer group (codes 70 and 71: flags, degree) read as a number: *out set, 0; or -2
 * when it is not a whole number in range (a flag word of 7.8e62 once reached an int conversion). */
static int int16_value(double d, int *out)
{
    if (!(d >= -32768 && d <= 32767) || d != (double)(int)d)
        return -2;
    *out = (int)d;
    return 0;
}

/* One group of the current entity e (vertex-style codes for SPLINE/LWPOLYLINE/VERTEX): 0, -1 when
 * out of memory, -2 when an integer group's value is out of range. */
static int apply(builder *b, zd_entity *e, int vertex_mode, long code, const char *v, size_t n)
{
    double d = (code == 8 || code == 0) ? 0 : parse_double(v, n);
    zd_vertex *last = e->nverts ? &e->verts[e->nverts - 1] : NULL;
    if (code == 8) {
        size_t k = n < sizeof e->layer - 1 ? n : sizeof e->layer - 1;
        memcpy(e->layer, v, k);
        e->layer[k] = 0;
        return 0;
    }
    if (vertex_mode) {
        if (code == 10)
            return add_vertex(b, e) < 0 ? -1 : (e->verts[e->nverts - 1].x = d, 0);
        if (code == 20 && last)
            last->y = d;
        else if (code == 30 && last)
            last->z = d;
        else if (code == 42 && last && strcmp(e->type, "SPLINE") != 0)
            last->bulge = d;
        else if (code == 40 && strcmp(e->type, "SPLINE") == 0) {
            if (grow((void **)&e->knots, &b->kcap, e->nknots + 1, sizeof(double)) < 0)
                return -1;
            e->knots[e->nknots++] = d;
        } else if (code == 41 && strcmp(e->type, "SPLINE") == 0) {
            if (grow((void **)&e->weights, &b->wcap, e->nweights + 1, sizeof(double)) < 0)
                return -1;
            e->weights[e->nweights++] = d;
        } else if (code == 38)
            e->elevation = d;
        else if (code == 70)
            return int16_value(d, &e->flags);
        else if (code == 71)
            return int16_value(d, &e->degree);
        else if (code >= 210 && code <= 230 && code % 10 == 0)
            e->normal[(code - 210) / 10] = d;
        return 0;
    }
    if (code >= 10 && code <= 30 && code % 10 == 0)
        e->p[(code - 10) / 10] = d;
    else if (code >= 11 && code <= 31 && code % 10 == 1)
        e->q[(code - 11) / 10] = d;
    else if (code >= 210 && code <= 230 && code % 10 == 0)
        e->normal[(code - 210) / 10] = d;
    else if (code == 40)
        e->r = d;
    else if (code == 50 || code == 41)
        e->a0 = d;
    else if (code == 51 || code == 42)
        e->a1 = d;
    else if (code == 70)
        return int16_value(d, &e->flags);
    return 0;
}

int zd_parse(const char *data, size_t len, zd_file *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len >= 22 && memcmp(data, "AutoCAD Binary DXF", 18) == 0) {
        snprintf(err, errlen, "binary DXF is not supported");
        return -1;
    }
    builder b = {out, 0, 0, 0, 0};
    cursor c = {data, data + len, 0};
    int in_entities = 0, expect_section_name = 0, vertex_mode = 0;
    zd_entity *cur = NULL;      /* entity receiving groups */
    zd_entity *poly = NULL;     /* open POLYLINE collecting VERTEX records */
    int in_vertex = 0;
    const char *s, *v;
    size_t n, vn;
    while (next_line(&c, &s, &n)) {
        trim(&s, &n);
        if (n == 0 && c.p >= c.end)
            break;
        long code;
        if (parse_int(s, n, &code) < 0) {
            snprintf(err, errlen, "line %zu: invalid group code", c.line);
            zd_free(out);
            return -1;
        }
        if (!next_line(&c, &v, &vn)) {
            snprintf(err, errlen, "line %zu: group code %ld without a value", c.line, code);
            zd_free(out);
            return -1;
        }
        trim(&v, &vn);
        if (code == 0) {
            char t[16];
            size_t k = vn < sizeof t - 1 ? vn : sizeof t - 1;
            memcpy(t, v, k);
            t[k] = 0;
            cur = NULL;
            in_vertex = 0;
            if (strcmp(t, "SECTION") == 0) {
                expect_section_name = 1;
                continue;
            }
            if (strcmp(t, "ENDSEC") == 0 || strcmp(t, "EOF") == 0) {
                in_entities = 0;
                poly = NULL;
                if (strcmp(t, "EOF") == 0)
                    break;
                continue;
            }
            if (!in_entities)
                continue;
            if (poly && strcmp(t, "VERTEX") == 0) {
                if (add_vertex(&b, poly) < 0)
                    goto oom;
                in_vertex = 1;
                continue;
            }
            if (strcmp(t, "SEQEND") == 0) {
                poly = NULL;
                continue;
            }
            poly = NULL;
            if (is_supported(t)) {
                cur = new_entity(&b, t);
                if (!cur)
                    goto oom;
                vertex_mode = strcmp(t, "SPLINE") == 0 || strcmp(t, "LWPOLYLINE") == 0;
                if (strcmp(t, "POLYLINE") == 0)
                    poly = cur;
            }
            continue;
        }
        if (expect_section_name && code == 2) {
            in_entities = vn == 8 && memcmp(v, "ENTITIES", 8) == 0;
            expect_section_name = 0;
            continue;
        }
        if (in_vertex && poly) {
            zd_vertex *last = &poly->verts[poly->nverts - 1];
            if (code == 10)
                last->x = parse_double(v, vn);
            else if (code == 20)
                last->y = parse_double(v, vn);
            else if (code == 30)
                last->z = parse_double(v, vn);
            else if (code == 42)
                last->bulge = parse_double(v, vn);
            continue;
        }
        int rc = cur ? apply(&b, cur, vertex_mode, code, v, vn) : 0;
        if (rc == -2) {
            snprintf(err, errlen, "line %zu: group code %ld: not a 16-bit integer", c.line, code);
            zd_free(out);
            return -1;
        }
        if (rc < 0)
            goto oom;
    }
    return 0;
oom:
    snprintf(err, errlen, "line %zu: too much data", c.line);
    zd_free(out);
    return -1;
}

void zd_free(zd_file *f)
{
    for (size_t i = 0; f->ents && i < f->n; i++) {
        free(f->ents[i].verts);
        free(f->ents[i].knots);
        free(f->ents[i].weights);
    }
    free(f->ents);
    f->ents = NULL;
    f->n = 0;
}
