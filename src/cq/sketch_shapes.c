/* sketch_shapes.c: Sketch's face shapes (CadQuery 2.4 sketch.py): face(), rect, circle,
 * ellipse, trapezoid, slot, regularPolygon and polygon, each placed at the selection's
 * locations and combined by mode. */
#include "sketch_internal.h"

#include <math.h>

/* ------------------------------------------------------------------ face construction */

static zk_shape *rotated_z(zk_shape *s, double angle_deg)
{
    if (angle_deg == 0)
        return s;
    zk_shape *r = zk_rotated(s, (zk_vec){0, 0, 0}, (zk_vec){0, 0, 1}, angle_deg * M_PI / 180.0);
    zk_unref(s);
    return r;
}

/* Face from one wire (Face.makeFromWires), or from edges (edgesToWires, first outer). */
static zk_shape *face_from_edges(PyObject *b)
{
    PyObject *seq = PySequence_List(b);
    if (!seq)
        return NULL;
    zk_shape *res = NULL;
    size_t n;
    zk_shape **edges = sk_shapes_of(seq, 0, &n);
    zk_shape **wires = NULL;
    size_t nw = 0;
    if (edges) {
        if (zk_wires_from_edges(edges, n, &wires, &nw) < 0)
            cq_raise_kernel_error("edgesToWires");
        else if (nw == 0)
            PyErr_SetString(PyExc_ValueError, "No wires could be assembled from the edges");
        else if (!(res = zk_face_from_wires(wires[0], wires + 1, nw - 1)))
            cq_raise_kernel_error("Face.makeFromWires");
        zk_free_list(wires, nw);
        PyMem_Free(edges);
    }
    Py_DECREF(seq);
    return res;
}

int sk_face(CQSketch *self, PyObject *b, double angle, PyObject *mode, PyObject *tag, int ignore_selection)
{
    zk_shape *res = NULL;
    if (cq_sketch_check(b)) {
        zk_shape *f = cq_shape_get(((CQSketch *)b)->faces);
        res = f ? zk_ref(f) : NULL;
    } else if (cq_shape_check(b)) {
        zk_shape *s = ((CQShape *)b)->s;
        zk_type t = zk_shape_type(s);
        if (t == ZK_WIRE) {
            res = zk_face_from_wires(s, NULL, 0);
            if (!res) {
                cq_raise_kernel_error("Face.makeFromWires");
                return -1;
            }
        } else if (t == ZK_COMPOUND || t == ZK_FACE) {
            res = zk_ref(s);
        } else {
            PyErr_Format(PyExc_ValueError, "Unsupported argument %S", b);
            return -1;
        }
    } else if (PyIter_Check(b) || PySequence_Check(b)) {
        res = face_from_edges(b);
    } else {
        PyErr_Format(PyExc_ValueError, "Unsupported argument %S", b);
        return -1;
    }
    if (!res)
        return -1;
    if (angle != 0) {
        zk_trsf r;
        sk_trsf_rot_z(&r, angle);
        zk_shape *m = zk_moved(res, &r);
        zk_unref(res);
        if (!(res = m)) {
            cq_raise_kernel_error("Sketch.face");
            return -1;
        }
    }
    int rc = sk_each_shape(self, res, 0, mode, tag, ignore_selection);
    zk_unref(res);
    return rc;
}

static PyObject *ret_self(CQSketch *self, int rc)
{
    if (rc < 0)
        return NULL;
    Py_INCREF(self);
    return (PyObject *)self;
}

static PyObject *face_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"b", "angle", "mode", "tag", "ignore_selection", NULL};
    PyObject *b, *mode = sk_str_a, *tag = Py_None;
    double angle = 0;
    int ignore = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|dOOp:face", kwlist, &b, &angle, &mode, &tag, &ignore))
        return NULL;
    return ret_self(self, sk_face(self, b, angle, mode, tag, ignore));
}

static PyObject *rect_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"w", "h", "angle", "mode", "tag", NULL};
    double w, h, angle = 0;
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|dOO:rect", kwlist, &w, &h, &angle, &mode, &tag))
        return NULL;
    zk_ax2 f = {{0, 0, 0}, {0, 0, 1}, {1, 0, 0}};
    zk_shape *s = rotated_z(zk_face_plane(&f, w, h), angle);
    if (!s)
        return cq_raise_kernel_error("Sketch.rect");
    int rc = sk_each_shape(self, s, 1, mode, tag, 0);
    zk_unref(s);
    return ret_self(self, rc);
}

/* A face bounded by one closed edge (circle, ellipse). Steals edge. */
static zk_shape *face_of_edge(zk_shape *edge)
{
    if (!edge)
        return NULL;
    zk_shape *w = zk_wire_from_edges(&edge, 1);
    zk_unref(edge);
    if (!w)
        return NULL;
    zk_shape *f = zk_face_from_wires(w, NULL, 0);
    zk_unref(w);
    return f;
}

static PyObject *circle_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"r", "mode", "tag", NULL};
    double r;
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|OO:circle", kwlist, &r, &mode, &tag))
        return NULL;
    zk_ax2 f = {{0, 0, 0}, {0, 0, 1}, {0, 0, 0}};
    zk_shape *s = face_of_edge(zk_edge_circle(&f, r));
    if (!s)
        return cq_raise_kernel_error("Sketch.circle");
    int rc = sk_each_shape(self, s, 1, mode, tag, 0);
    zk_unref(s);
    return ret_self(self, rc);
}

static PyObject *ellipse_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"a1", "a2", "angle", "mode", "tag", NULL};
    double a1, a2, angle = 0;
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|dOO:ellipse", kwlist, &a1, &a2, &angle, &mode, &tag))
        return NULL;
    /* Edge.makeEllipse: a larger y radius is made as the swapped ellipse turned by 90 degrees */
    zk_ax2 f = {{0, 0, 0}, {0, 0, 1}, {1, 0, 0}};
    double major = a1, minor = a2;
    if (a2 > a1) {
        f.xdir = (zk_vec){0, 1, 0};
        major = a2;
        minor = a1;
    }
    zk_shape *s = face_of_edge(zk_edge_ellipse(&f, major, minor));
    if (s)
        s = rotated_z(s, angle);
    if (!s)
        return cq_raise_kernel_error("Sketch.ellipse");
    int rc = sk_each_shape(self, s, 1, mode, tag, 0);
    zk_unref(s);
    return ret_self(self, rc);
}

/* Wire.makePolygon(pts, close=True) then face(wire, angle). */
static int polygon_pts(CQSketch *self, const zk_vec *pts, size_t n, double angle, PyObject *mode, PyObject *tag)
{
    zk_shape *w = zk_wire_polygon(pts, n, 1);
    if (!w) {
        cq_raise_kernel_error("Sketch.polygon");
        return -1;
    }
    PyObject *wire = cq_shape_wrap(w);
    if (!wire)
        return -1;
    int rc = sk_face(self, wire, angle, mode, tag, 0);
    Py_DECREF(wire);
    return rc;
}

static PyObject *polygon_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"pts", "angle", "mode", "tag", NULL};
    PyObject *pts, *mode = sk_str_a, *tag = Py_None;
    double angle = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|dOO:polygon", kwlist, &pts, &angle, &mode, &tag))
        return NULL;
    PyObject *seq = PySequence_List(pts);
    if (!seq)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(seq);
    zk_vec *v = PyMem_Malloc((n ? (size_t)n : 1) * sizeof *v);
    int rc = v ? 0 : -1;
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++)
        rc = cq_vector_from_obj(PyList_GET_ITEM(seq, i), &v[i]);
    if (rc == 0)
        rc = polygon_pts(self, v, (size_t)n, angle, mode, tag);
    PyMem_Free(v);
    Py_DECREF(seq);
    return ret_self(self, rc);
}

static PyObject *trapezoid_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"w", "h", "a1", "a2", "angle", "mode", "tag", NULL};
    double w, h, a1, angle = 0;
    PyObject *a2o = Py_None, *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddd|OdOO:trapezoid", kwlist, &w, &h, &a1, &a2o, &angle, &mode, &tag))
        return NULL;
    double a2 = a1;
    if (a2o != Py_None) {
        int t = PyObject_IsTrue(a2o);          /* CadQuery: `radians(a2) if a2 else radians(a1)` */
        if (t < 0)
            return NULL;
        if (t && (a2 = PyFloat_AsDouble(a2o)) == -1 && PyErr_Occurred())
            return NULL;
    }
    double r1 = a1 * M_PI / 180.0, r2 = a2 * M_PI / 180.0;
    zk_vec p[5] = {{-w / 2, -h / 2, 0}, {w / 2, -h / 2, 0}, {w / 2 - h / tan(r2), h / 2, 0},
                   {-w / 2 + h / tan(r1), h / 2, 0}, {-w / 2, -h / 2, 0}};
    return ret_self(self, polygon_pts(self, p, 5, angle, mode, tag));
}

static PyObject *regular_polygon_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"r", "n", "angle", "mode", "tag", NULL};
    double r, angle = 0;
    int n;
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "di|dOO:regularPolygon", kwlist, &r, &n, &angle, &mode, &tag))
        return NULL;
    if (n < 1) {
        PyErr_SetString(PyExc_ZeroDivisionError, "regularPolygon needs at least one side");
        return NULL;
    }
    zk_vec *p = PyMem_Malloc(((size_t)n + 1) * sizeof *p);
    if (!p)
        return PyErr_NoMemory();
    for (int i = 0; i <= n; i++)
        p[i] = (zk_vec){r * sin(i * 2 * M_PI / n), r * cos(i * 2 * M_PI / n), 0};
    int rc = polygon_pts(self, p, (size_t)n + 1, angle, mode, tag);
    PyMem_Free(p);
    return ret_self(self, rc);
}

static PyObject *slot_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"w", "h", "angle", "mode", "tag", NULL};
    double w, h, angle = 0;
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|dOO:slot", kwlist, &w, &h, &angle, &mode, &tag))
        return NULL;
    zk_vec p1 = {-w / 2, h / 2, 0}, p2 = {w / 2, h / 2, 0}, p3 = {-w / 2, -h / 2, 0}, p4 = {w / 2, -h / 2, 0};
    zk_vec p5 = {-w / 2 - h / 2, 0, 0}, p6 = {w / 2 + h / 2, 0, 0};
    zk_shape *e[4] = {zk_edge_line(p1, p2), zk_edge_arc3(p2, p6, p4), zk_edge_line(p4, p3),
                      zk_edge_arc3(p3, p5, p1)};
    zk_shape *wire = NULL;
    if (e[0] && e[1] && e[2] && e[3])
        wire = zk_wire_from_edges(e, 4);
    for (int i = 0; i < 4; i++)
        zk_unref(e[i]);
    if (!wire)
        return cq_raise_kernel_error("Sketch.slot");
    PyObject *wo = cq_shape_wrap(wire);
    if (!wo)
        return NULL;
    int rc = sk_face(self, wo, angle, mode, tag, 0);
    Py_DECREF(wo);
    return ret_self(self, rc);
}

/* importDXF(filename, tol=1e-6, exclude=[], include=[], angle=0, mode="a", tag=None): the faces of
 * the file (dxf_import.c) as one compound given to face(). */
static PyObject *import_dxf_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"filename", "tol", "exclude", "include", "angle", "mode", "tag", NULL};
    PyObject *fname, *exclude = Py_None, *include = Py_None, *angle = NULL, *mode = NULL, *tag = Py_None;
    double tol = 1e-6;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|dOOOOO:importDXF", kwlist, &fname, &tol, &exclude, &include,
                                     &angle, &mode, &tag))
        return NULL;
    PyObject *faces = cq_dxf_faces(fname, tol, exclude, include);
    PyObject *comp = faces ? cq_compound_of_list(faces) : NULL;
    Py_XDECREF(faces);
    if (!comp)
        return NULL;
    PyObject *fkw = angle ? Py_BuildValue("{sOsO}", "angle", angle, "tag", tag) : Py_BuildValue("{sisO}", "angle", 0, "tag", tag);
    if (fkw && mode)
        PyDict_SetItemString(fkw, "mode", mode);
    PyObject *fargs = PyTuple_Pack(1, comp);
    PyObject *meth = PyObject_GetAttrString((PyObject *)self, "face");
    PyObject *r = fkw && fargs && meth ? PyObject_Call(meth, fargs, fkw) : NULL;
    Py_XDECREF(fkw);
    Py_XDECREF(fargs);
    Py_XDECREF(meth);
    Py_DECREF(comp);
    return r;
}

#define KW (PyCFunction)(void (*)(void))
PyMethodDef cq_sketch_shape_methods[] = {
    {"face", KW face_method, METH_VARARGS | METH_KEYWORDS, "face(b, angle=0, mode='a', tag=None, ignore_selection=False)"},
    {"rect", KW rect_method, METH_VARARGS | METH_KEYWORDS, "rect(w, h, angle=0, mode='a', tag=None)"},
    {"circle", KW circle_method, METH_VARARGS | METH_KEYWORDS, "circle(r, mode='a', tag=None)"},
    {"ellipse", KW ellipse_method, METH_VARARGS | METH_KEYWORDS, "ellipse(a1, a2, angle=0, mode='a', tag=None)"},
    {"trapezoid", KW trapezoid_method, METH_VARARGS | METH_KEYWORDS, "trapezoid(w, h, a1, a2=None, angle=0, mode='a', tag=None)"},
    {"slot", KW slot_method, METH_VARARGS | METH_KEYWORDS, "slot(w, h, angle=0, mode='a', tag=None)"},
    {"regularPolygon", KW regular_polygon_method, METH_VARARGS | METH_KEYWORDS, "regularPolygon(r, n, angle=0, mode='a', tag=None)"},
    {"polygon", KW polygon_method, METH_VARARGS | METH_KEYWORDS, "polygon(pts, angle=0, mode='a', tag=None)"},
    {"importDXF", KW import_dxf_method, METH_VARARGS | METH_KEYWORDS, "faces of a DXF file"},
    {NULL, NULL, 0, NULL}};
