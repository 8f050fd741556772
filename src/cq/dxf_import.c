/* dxf_import.c: importers.importDXF / Sketch.importDXF (CadQuery's importers/dxf.py): the DXF
 * entities (dxf_parse.c) become edges (LINE, CIRCLE, ARC, ELLIPSE, SPLINE; polylines as lines
 * and bulge arcs), per layer the edges are joined into wires within `tol`
 * (ShapeAnalysis_FreeBounds), sorted into outer/inner sets (sortWiresByBuildOrder) and made
 * into planar faces. Entities that do not make a valid edge are skipped, as CadQuery does. */
#include "cq_internal.h"
#include "dxf_parse.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static zk_vec V(double x, double y, double z)
{
    zk_vec v = {x, y, z};
    return v;
}

/* A polyline segment from a to b with DXF bulge (tan of a quarter of the included angle). */
static zk_shape *bulge_segment(const zd_vertex *a, const zd_vertex *b, double z)
{
    zk_vec p = V(a->x, a->y, z), q = V(b->x, b->y, z);
    if (fabs(a->bulge) < 1e-12)
        return zk_edge_line(p, q);
    double dx = q.x - p.x, dy = q.y - p.y, chord = sqrt(dx * dx + dy * dy);
    if (chord == 0)
        return NULL;
    double s = a->bulge * chord / 2;   /* sagitta, on the right of p->q for a positive bulge */
    zk_vec mid = V((p.x + q.x) / 2 + dy / chord * s, (p.y + q.y) / 2 - dx / chord * s, z);
    return zk_edge_arc3(p, mid, q);
}

/* Appends the edges of one entity to *edges (handles owned); 0 or -1 (out of memory). */
static int entity_edges(const zd_entity *e, zk_shape ***edges, size_t *n, size_t *cap)
{
    zk_shape *tmp[1] = {NULL};
    zk_shape **made = tmp;
    size_t nmade = 0;
    zk_shape **poly = NULL;
    if (strcmp(e->type, "LINE") == 0) {
        tmp[0] = zk_edge_line(V(e->p[0], e->p[1], e->p[2]), V(e->q[0], e->q[1], e->q[2]));
        nmade = 1;
    } else if (strcmp(e->type, "CIRCLE") == 0 && e->r > 0) {
        zk_ax2 f = {V(e->p[0], e->p[1], e->p[2]), V(0, 0, 1), V(1, 0, 0)};
        tmp[0] = zk_edge_circle(&f, e->r);
        nmade = 1;
    } else if (strcmp(e->type, "ARC") == 0) {
        tmp[0] = zk_edge_dxf_arc(V(e->p[0], e->p[1], e->p[2]), e->r, e->a0, e->a1);
        nmade = 1;
    } else if (strcmp(e->type, "ELLIPSE") == 0) {
        tmp[0] = zk_edge_dxf_ellipse(V(e->p[0], e->p[1], e->p[2]), V(e->q[0], e->q[1], e->q[2]), e->r,
                                     V(e->normal[0], e->normal[1], e->normal[2]), e->a0, e->a1);
        nmade = 1;
    } else if (strcmp(e->type, "SPLINE") == 0 && e->nverts >= 2) {
        double *pts = malloc(3 * e->nverts * sizeof *pts);
        if (!pts)
            return -1;
        for (size_t i = 0; i < e->nverts; i++) {
            pts[3 * i] = e->verts[i].x;
            pts[3 * i + 1] = e->verts[i].y;
            pts[3 * i + 2] = e->verts[i].z;
        }
        int rational = e->nweights == e->nverts;
        tmp[0] = zk_edge_bspline(pts, rational ? e->weights : NULL, e->nverts, e->knots, e->nknots, e->degree,
                                 (e->flags & 2) != 0);
        free(pts);
        nmade = 1;
    } else if ((strcmp(e->type, "LWPOLYLINE") == 0 || strcmp(e->type, "POLYLINE") == 0) && e->nverts >= 2) {
        size_t nseg = e->nverts - 1 + ((e->flags & 1) ? 1 : 0);
        poly = calloc(nseg, sizeof *poly);
        if (!poly)
            return -1;
        for (size_t i = 0; i < nseg; i++) {
            const zd_vertex *a = &e->verts[i], *b = &e->verts[(i + 1) % e->nverts];
            double z = e->type[0] == 'L' ? e->elevation : a->z;
            poly[i] = bulge_segment(a, b, z);
        }
        made = poly;
        nmade = nseg;
    }
    zk_error_clear();
    for (size_t i = 0; i < nmade; i++) {
        if (!made[i])
            continue;
        if (*n == *cap) {
            size_t c = *cap ? 2 * *cap : 64;
            zk_shape **p = realloc(*edges, c * sizeof *p);
            if (!p) {
                for (size_t j = i; j < nmade; j++)
                    zk_unref(made[j]);
                free(poly);
                return -1;
            }
            *edges = p;
            *cap = c;
        }
        (*edges)[(*n)++] = made[i];
    }
    free(poly);
    return 0;
}

static int selected(const char *layer, PyObject *include, PyObject *exclude)
{
    char low[256];
    size_t i = 0;
    for (; layer[i] && i + 1 < sizeof low; i++)
        low[i] = (char)tolower((unsigned char)layer[i]);
    low[i] = 0;
    PyObject *list = PyObject_IsTrue(include) == 1 ? include : exclude;
    int want = list == include;
    if (PyObject_IsTrue(list) != 1)
        return 1;
    PyObject *it = PyObject_GetIter(list), *x;
    int found = 0;
    while (it && !found && (x = PyIter_Next(it))) {
        PyObject *l = PyObject_CallMethod(x, "lower", NULL);
        found = l && PyUnicode_Check(l) && strcmp(PyUnicode_AsUTF8(l), low) == 0;
        Py_XDECREF(l);
        Py_DECREF(x);
    }
    Py_XDECREF(it);
    PyErr_Clear();
    return want ? found : !found;
}

/* CadQuery's sortWiresByBuildOrder: [[outer, inner...], ...] by making a face of all the wires
 * (which may split into several faces). */
static PyObject *sort_wires(PyObject *wires)
{
    Py_ssize_t n = PyList_GET_SIZE(wires);
    if (n < 2)
        return Py_BuildValue("[O]", wires);
    if (!zk_curve_is_closed(cq_shape_get(PyList_GET_ITEM(wires, 0)))) {
        PyErr_SetString(PyExc_ValueError, "Cannot build face(s): outer wire is not closed");
        return NULL;
    }
    zk_shape **inner = PyMem_Calloc((size_t)n, sizeof *inner);
    if (!inner)
        return PyErr_NoMemory();
    for (Py_ssize_t j = 1; j < n; j++)
        inner[j - 1] = cq_shape_get(PyList_GET_ITEM(wires, j));
    zk_shape *f = zk_face_from_wires(cq_shape_get(PyList_GET_ITEM(wires, 0)), inner, (size_t)n - 1);
    PyMem_Free(inner);
    if (!f)
        return cq_raise_kernel_error("importDXF");
    PyObject *faces = cq_shape_explore(f, ZK_FACE);
    zk_unref(f);
    PyObject *out = faces ? PyList_New(0) : NULL;
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(faces); i++) {
        PyObject *face = PyList_GET_ITEM(faces, i);
        PyObject *outer = PyObject_CallMethod(face, "outerWire", NULL);
        PyObject *inners = outer ? PyObject_CallMethod(face, "innerWires", NULL) : NULL;
        PyObject *set = inners ? PySequence_List(inners) : NULL;
        if (!set || PyList_Insert(set, 0, outer) < 0 || PyList_Append(out, set) < 0)
            Py_CLEAR(out);
        Py_XDECREF(outer);
        Py_XDECREF(inners);
        Py_XDECREF(set);
    }
    Py_XDECREF(faces);
    return out;
}

/* Faces of one layer's edges (the handles are consumed). Appends to faces. */
static int layer_faces(zk_shape **edges, size_t n, double tol, PyObject *faces)
{
    zk_shape **wires = NULL;
    size_t nw = 0;
    int rc = zk_wires_from_edges_tol(edges, n, tol, &wires, &nw);
    for (size_t i = 0; i < n; i++)
        zk_unref(edges[i]);
    if (rc < 0) {
        cq_raise_kernel_error("importDXF");
        return -1;
    }
    PyObject *wl = cq_shape_list(wires, nw);
    if (!wl)
        return -1;
    PyObject *sets = sort_wires(wl);
    Py_DECREF(wl);
    if (!sets)
        return -1;
    rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(sets); i++) {
        PyObject *set = PyList_GET_ITEM(sets, i);
        PyObject *outer = PyList_GET_ITEM(set, 0);
        if (!zk_curve_is_closed(cq_shape_get(outer))) {
            PyErr_SetString(PyExc_ValueError, "Cannot build face(s): outer wire is not closed");
            rc = -1;
            break;
        }
        Py_ssize_t ni = PyList_GET_SIZE(set) - 1;
        zk_shape **inner = PyMem_Calloc((size_t)ni + 1, sizeof *inner);
        for (Py_ssize_t j = 0; inner && j < ni; j++)
            inner[j] = cq_shape_get(PyList_GET_ITEM(set, j + 1));
        zk_shape *f = inner ? zk_face_from_wires(cq_shape_get(outer), inner, (size_t)ni) : NULL;
        PyMem_Free(inner);
        PyObject *fo = f ? cq_shape_wrap(f) : (inner ? cq_raise_kernel_error("importDXF") : PyErr_NoMemory());
        if (!fo || PyList_Append(faces, fo) < 0)
            rc = -1;
        Py_XDECREF(fo);
    }
    Py_DECREF(sets);
    return rc;
}

PyObject *cq_dxf_faces(PyObject *filename, double tol, PyObject *exclude, PyObject *include)
{
    if (PyObject_IsTrue(exclude) == 1 && PyObject_IsTrue(include) == 1) {
        PyErr_SetString(PyExc_ValueError, "you may specify either 'include' or 'exclude' but not both");
        return NULL;
    }
    PyObject *io = PyImport_ImportModule("io");
    PyObject *fh = io ? PyObject_CallMethod(io, "open", "Os", filename, "rb") : NULL;
    PyObject *data = fh ? PyObject_CallMethod(fh, "read", NULL) : NULL;
    PyObject *cl = fh ? PyObject_CallMethod(fh, "close", NULL) : NULL;
    Py_XDECREF(io);
    Py_XDECREF(fh);
    Py_XDECREF(cl);
    if (!data)
        return NULL;
    zd_file f;
    char err[200];
    int prc = zd_parse(PyBytes_AS_STRING(data), (size_t)PyBytes_GET_SIZE(data), &f, err, sizeof err);
    Py_DECREF(data);
    if (prc < 0) {
        PyErr_Format(PyExc_ValueError, "%S: %s", filename, err);
        return NULL;
    }
    PyObject *faces = PyList_New(0);
    char **layers = NULL;
    size_t nl = 0;
    int any = 0;
    /* layers in order of first appearance, compared as CadQuery's groupby (exact names) */
    for (size_t i = 0; faces && i < f.n; i++) {
        size_t j = 0;
        while (j < nl && strcmp(layers[j], f.ents[i].layer) != 0)
            j++;
        if (j == nl) {
            char **p = realloc(layers, (nl + 1) * sizeof *p);
            if (!p) {
                Py_CLEAR(faces);
                PyErr_NoMemory();
                break;
            }
            layers = p;
            layers[nl++] = f.ents[i].layer;
        }
    }
    for (size_t j = 0; faces && j < nl; j++) {
        if (!selected(layers[j], include, exclude))
            continue;
        any = 1;
        zk_shape **edges = NULL;
        size_t n = 0, cap = 0;
        for (size_t i = 0; i < f.n; i++)
            if (strcmp(f.ents[i].layer, layers[j]) == 0 && entity_edges(&f.ents[i], &edges, &n, &cap) < 0) {
                PyErr_NoMemory();
                Py_CLEAR(faces);
                break;
            }
        if (faces && n > 0 && layer_faces(edges, n, tol, faces) < 0)
            Py_CLEAR(faces);
        else if (!faces)
            for (size_t i = 0; i < n; i++)
                zk_unref(edges[i]);
        free(edges);
    }
    if (faces && !any) {
        PyErr_SetString(PyExc_ValueError, "no DXF layers selected");
        Py_CLEAR(faces);
    }
    free(layers);
    zd_free(&f);
    return faces;
}

/* importers.importDXF(filename, tol=1e-6, exclude=[], include=[]): a Workplane of the faces. */
static PyObject *importers_importDXF(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = {"filename", "tol", "exclude", "include", NULL};
    PyObject *fname, *exclude = Py_None, *include = Py_None;
    double tol = 1e-6;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|dOO:importDXF", kwlist, &fname, &tol, &exclude, &include))
        return NULL;
    PyObject *faces = cq_dxf_faces(fname, tol, exclude, include);
    if (!faces)
        return NULL;
    PyObject *wp = PyObject_CallFunction((PyObject *)&CQWorkplaneType, "s", "XY");
    PyObject *r = wp ? PyObject_CallMethod(wp, "newObject", "O", faces) : NULL;
    Py_XDECREF(wp);
    Py_DECREF(faces);
    return r;
}

PyMethodDef cq_dxf_import_functions[] = {
    {"importDXF", (PyCFunction)(void (*)(void))importers_importDXF, METH_VARARGS | METH_KEYWORDS,
     "faces of a 2D DXF file on a Workplane"},
    {NULL, NULL, 0, NULL}
};
