/* dxf_parse.h: a reader of ASCII DXF text (group code / value pairs) for the entities a 2D
 * import needs: LINE, CIRCLE, ARC, ELLIPSE, SPLINE, LWPOLYLINE and POLYLINE (with its VERTEX
 * records), from the ENTITIES section, each with its layer. Plain C, no Python, no OCCT: the
 * geometry is built by dxf_import.c; fuzz/dxf/ drives this parser alone. */
#ifndef ZC_DXF_PARSE_H
#define ZC_DXF_PARSE_H

#include <stddef.h>

typedef struct { double x, y, z, bulge; } zd_vertex;

typedef struct {
    char type[16];            /* LINE, CIRCLE, ARC, ELLIPSE, SPLINE, LWPOLYLINE, POLYLINE */
    char layer[256];          /* group 8, "0" when absent */
    double p[3], q[3];        /* groups 10/20/30 and 11/21/31 */
    double normal[3];         /* 210/220/230, default (0, 0, 1) */
    double r;                 /* 40: radius (CIRCLE/ARC), minor/major ratio (ELLIPSE) */
    double a0, a1;            /* 50/51 (ARC, degrees) or 41/42 (ELLIPSE parameters) */
    double elevation;         /* 38 (LWPOLYLINE) */
    int flags, degree;        /* 70, 71 */
    zd_vertex *verts;         /* polyline vertices, spline control points */
    size_t nverts;
    double *knots, *weights;  /* SPLINE groups 40 and 41 */
    size_t nknots, nweights;
} zd_entity;

typedef struct {
    zd_entity *ents;
    size_t n;
} zd_file;

/* Parses DXF text; 0 on success, else -1 with a one-line reason in err (the line number). */
int zd_parse(const char *data, size_t len, zd_file *out, char *err, size_t errlen);
void zd_free(zd_file *f);

#endif
