/* sketch_edges.c: Sketch's edge-based interface (CadQuery 2.4 sketch.py): edge, segment,
 * arc, spline, bezier [2.5+], close and assemble, with CadQuery's argument dispatch
 * (segment(p1, p2) | segment(p2) | segment(length, angle); arc(p1, p2, p3) | arc(p2, p3) |
 * arc(centre, r, angle, sweep)). */
#include "sketch_internal.h"

#include <math.h>

static int is_number(PyObject *o)
{
    return PyFloat_Check(o) || PyLong_Check(o);
}

/* A Point: a Vector or a tuple/list of 2-3 numbers. */
static int is_point(PyObject *o)
{
    if (PyObject_TypeCheck(o, &CQVectorType))
        return 1;
    if (!PyTuple_Check(o) && !PyList_Check(o))
        return 0;
    Py_ssize_t n = PySequence_Size(o);
    if (n != 2 && n != 3)
        return 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *it = PySequence_GetItem(o, i);
        int ok = it && is_number(it);
        Py_XDECREF(it);
        if (!ok) {
            PyErr_Clear();
            return 0;
        }
    }
    return 1;
}

/* Optional trailing (tag, forConstruction) from positional args[from..] and keywords. */
static int tail_args(PyObject *args, Py_ssize_t from, PyObject *kw, PyObject **tag, int *fc)
{
    *tag = Py_None;
    *fc = 0;
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n > from + 2) {
        PyErr_SetString(PyExc_TypeError, "too many positional arguments");
        return -1;
    }
    if (n > from)
        *tag = PyTuple_GET_ITEM(args, from);
    PyObject *fco = n > from + 1 ? PyTuple_GET_ITEM(args, from + 1) : NULL;
    if (kw) {
        PyObject *k;
        Py_ssize_t pos = 0;
        PyObject *v;
        while (PyDict_Next(kw, &pos, &k, &v)) {
            const char *name = PyUnicode_AsUTF8(k);
            if (!name)
                return -1;
            if (strcmp(name, "tag") == 0)
                *tag = v;
            else if (strcmp(name, "forConstruction") == 0)
                fco = v;
            else {
                PyErr_Format(PyExc_TypeError, "unexpected keyword argument '%s'", name);
                return -1;
            }
        }
    }
    if (fco && (*fc = PyObject_IsTrue(fco)) < 0)
        return -1;
    return 0;
}

static PyObject *self_ref(CQSketch *self)
{
    Py_INCREF(self);
    return (PyObject *)self;
}

/* Sketch.edge: marks forConstruction, appends, tags. Steals `e` (a kernel edge). */
static PyObject *add_edge(CQSketch *self, zk_shape *e, PyObject *tag, int fc)
{
    PyObject *w = cq_shape_wrap(e);
    if (!w)
        return NULL;
    int rc = PyObject_SetAttrString(w, "forConstruction", fc ? Py_True : Py_False);
    if (rc == 0)
        rc = PyList_Append(self->edges, w);
    if (rc == 0 && tag != Py_None && PyObject_IsTrue(tag) == 1) {
        PyObject *l = PyList_New(1);
        if (l) {
            Py_INCREF(w);
            PyList_SET_ITEM(l, 0, w);
        }
        rc = l ? PyDict_SetItem(self->tags, tag, l) : -1;
        Py_XDECREF(l);
    }
    Py_DECREF(w);
    return rc < 0 ? NULL : self_ref(self);
}

static PyObject *edge_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"val", "tag", "forConstruction", NULL};
    PyObject *val, *tag = Py_None;
    int fc = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|Op:edge", kwlist, &val, &tag, &fc))
        return NULL;
    zk_shape *e = cq_shape_get(val);
    if (!e)
        return NULL;
    if (PyObject_SetAttrString(val, "forConstruction", fc ? Py_True : Py_False) < 0 ||
        PyList_Append(self->edges, val) < 0)
        return NULL;
    if (tag != Py_None && PyObject_IsTrue(tag) == 1) {
        PyObject *l = PyList_New(1);
        if (!l)
            return NULL;
        Py_INCREF(val);
        PyList_SET_ITEM(l, 0, val);
        int rc = PyDict_SetItem(self->tags, tag, l);
        Py_DECREF(l);
        if (rc < 0)
            return NULL;
    }
    return self_ref(self);
}

static int end_point(CQSketch *self, zk_vec *p)
{
    Py_ssize_t n = PyList_GET_SIZE(self->edges);
    if (n == 0) {
        PyErr_SetString(PyExc_ValueError, "No free edges available");
        return -1;
    }
    zk_shape *e = cq_shape_get(PyList_GET_ITEM(self->edges, n - 1));
    if (!e)
        return -1;
    *p = zk_curve_end(e);
    return 0;
}

static int start_point(CQSketch *self, zk_vec *p)
{
    if (PyList_GET_SIZE(self->edges) == 0) {
        PyErr_SetString(PyExc_ValueError, "No free edges available");
        return -1;
    }
    zk_shape *e = cq_shape_get(PyList_GET_ITEM(self->edges, 0));
    if (!e)
        return -1;
    *p = zk_curve_start(e);
    return 0;
}

static double num(PyObject *o)
{
    return PyFloat_AsDouble(o);
}

static PyObject *segment_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < 1) {
        PyErr_SetString(PyExc_TypeError, "segment() needs points or (length, angle)");
        return NULL;
    }
    PyObject *a0 = PyTuple_GET_ITEM(args, 0), *tag;
    int fc;
    zk_vec p1, p2;
    if (is_number(a0)) {                       /* segment(l, a) from the last end point */
        if (n < 2 || !is_number(PyTuple_GET_ITEM(args, 1))) {
            PyErr_SetString(PyExc_TypeError, "segment(l, a) needs a length and an angle");
            return NULL;
        }
        double l = num(a0), a = num(PyTuple_GET_ITEM(args, 1)) * M_PI / 180.0;
        if (PyErr_Occurred() || tail_args(args, 2, kw, &tag, &fc) < 0 || end_point(self, &p1) < 0)
            return NULL;
        p2 = (zk_vec){p1.x + l * cos(a), p1.y + l * sin(a), p1.z};
    } else if (n >= 2 && is_point(PyTuple_GET_ITEM(args, 1))) {   /* segment(p1, p2) */
        if (cq_vector_from_obj(a0, &p1) < 0 || cq_vector_from_obj(PyTuple_GET_ITEM(args, 1), &p2) < 0 ||
            tail_args(args, 2, kw, &tag, &fc) < 0)
            return NULL;
    } else {                                   /* segment(p2) */
        if (cq_vector_from_obj(a0, &p2) < 0 || tail_args(args, 1, kw, &tag, &fc) < 0 ||
            end_point(self, &p1) < 0)
            return NULL;
    }
    zk_shape *e = zk_edge_line(p1, p2);
    if (!e)
        return cq_raise_kernel_error("Sketch.segment");
    return add_edge(self, e, tag, fc);
}

static PyObject *arc_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *tag;
    int fc;
    zk_vec p1, p2, p3;
    zk_shape *e;
    if (n >= 4 && is_point(PyTuple_GET_ITEM(args, 0)) && is_number(PyTuple_GET_ITEM(args, 1)) &&
        is_number(PyTuple_GET_ITEM(args, 2)) && is_number(PyTuple_GET_ITEM(args, 3))) {
        zk_vec c;                              /* arc(centre, r, a, da) in degrees */
        if (cq_vector_from_obj(PyTuple_GET_ITEM(args, 0), &c) < 0)
            return NULL;
        double r = num(PyTuple_GET_ITEM(args, 1)), a = num(PyTuple_GET_ITEM(args, 2)),
               da = num(PyTuple_GET_ITEM(args, 3));
        if (PyErr_Occurred() || tail_args(args, 4, kw, &tag, &fc) < 0)
            return NULL;
        if (fabs(da) >= 360) {
            zk_ax2 f = {c, {0, 0, 1}, {0, 0, 0}};
            e = zk_edge_circle(&f, r);
        } else {
            double k = M_PI / 180.0;
            p1 = (zk_vec){c.x + r * cos(a * k), c.y + r * sin(a * k), c.z};
            p2 = (zk_vec){c.x + r * cos((a + da / 2) * k), c.y + r * sin((a + da / 2) * k), c.z};
            p3 = (zk_vec){c.x + r * cos((a + da) * k), c.y + r * sin((a + da) * k), c.z};
            e = zk_edge_arc3(p1, p2, p3);
        }
    } else if (n >= 3 && is_point(PyTuple_GET_ITEM(args, 0)) && is_point(PyTuple_GET_ITEM(args, 1)) &&
               is_point(PyTuple_GET_ITEM(args, 2))) {
        if (cq_vector_from_obj(PyTuple_GET_ITEM(args, 0), &p1) < 0 ||
            cq_vector_from_obj(PyTuple_GET_ITEM(args, 1), &p2) < 0 ||
            cq_vector_from_obj(PyTuple_GET_ITEM(args, 2), &p3) < 0 || tail_args(args, 3, kw, &tag, &fc) < 0)
            return NULL;
        e = zk_edge_arc3(p1, p2, p3);
    } else if (n >= 2 && is_point(PyTuple_GET_ITEM(args, 0)) && is_point(PyTuple_GET_ITEM(args, 1))) {
        if (cq_vector_from_obj(PyTuple_GET_ITEM(args, 0), &p2) < 0 ||
            cq_vector_from_obj(PyTuple_GET_ITEM(args, 1), &p3) < 0 || tail_args(args, 2, kw, &tag, &fc) < 0 ||
            end_point(self, &p1) < 0)
            return NULL;
        e = zk_edge_arc3(p1, p2, p3);
    } else {
        PyErr_SetString(PyExc_TypeError,
                        "arc() takes (p1, p2, p3), (p2, p3) or (centre, radius, angle, sweep)");
        return NULL;
    }
    if (!e)
        return cq_raise_kernel_error("Sketch.arc");
    return add_edge(self, e, tag, fc);
}

/* A malloc'd array of the points of a sequence. */
static zk_vec *points_of(PyObject *seq_in, size_t *n)
{
    PyObject *seq = PySequence_List(seq_in);
    if (!seq)
        return NULL;
    Py_ssize_t k = PyList_GET_SIZE(seq);
    zk_vec *v = PyMem_Malloc((k ? (size_t)k : 1) * sizeof *v);
    if (!v) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < k; i++)
        if (cq_vector_from_obj(PyList_GET_ITEM(seq, i), &v[i]) < 0) {
            PyMem_Free(v);
            Py_DECREF(seq);
            return NULL;
        }
    Py_DECREF(seq);
    *n = (size_t)k;
    return v;
}

static PyObject *spline_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *pts, *tangents = Py_None, *periodic = Py_False, *tag = Py_None, *fco = Py_False;
    int full = n >= 3 || (kw && (PyDict_GetItemString(kw, "tangents") || PyDict_GetItemString(kw, "periodic")));
    if (full) {
        static char *kwlist[] = {"pts", "tangents", "periodic", "tag", "forConstruction", NULL};
        if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOOO:spline", kwlist, &pts, &tangents, &periodic, &tag, &fco))
            return NULL;
    } else {
        static char *kwlist[] = {"pts", "tag", "forConstruction", NULL};
        if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OO:spline", kwlist, &pts, &tag, &fco))
            return NULL;
    }
    int per = PyObject_IsTrue(periodic), fc = PyObject_IsTrue(fco);
    if (per < 0 || fc < 0)
        return NULL;
    size_t np = 0, nt = 0;
    zk_vec *p = points_of(pts, &np), *t = NULL;
    if (!p)
        return NULL;
    if (tangents != Py_None && PyObject_IsTrue(tangents) == 1 && !(t = points_of(tangents, &nt))) {
        PyMem_Free(p);
        return NULL;
    }
    zk_shape *e = zk_edge_spline(p, np, t, nt, per, NULL, 1, 1e-6);
    PyMem_Free(p);
    PyMem_Free(t);
    if (!e)
        return cq_raise_kernel_error("Sketch.spline");
    return add_edge(self, e, tag, fc);
}

static PyObject *bezier_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"pts", "tag", "forConstruction", NULL};
    PyObject *pts, *tag = Py_None;
    int fc = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|Op:bezier", kwlist, &pts, &tag, &fc))
        return NULL;
    size_t np = 0;
    zk_vec *p = points_of(pts, &np);
    if (!p)
        return NULL;
    zk_shape *e = zk_edge_bezier(p, np);
    PyMem_Free(p);
    if (!e)
        return cq_raise_kernel_error("Sketch.bezier");
    return add_edge(self, e, tag, fc);
}

static PyObject *close_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"tag", NULL};
    PyObject *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:close", kwlist, &tag))
        return NULL;
    zk_vec a, b;
    if (end_point(self, &a) < 0 || start_point(self, &b) < 0)
        return NULL;
    zk_shape *e = zk_edge_line(a, b);
    if (!e)
        return cq_raise_kernel_error("Sketch.close");
    return add_edge(self, e, tag, 0);
}

static PyObject *assemble_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"mode", "tag", NULL};
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OO:assemble", kwlist, &mode, &tag))
        return NULL;
    PyObject *use = PyList_New(0);
    for (Py_ssize_t i = 0; use && i < PyList_GET_SIZE(self->edges); i++) {
        PyObject *e = PyList_GET_ITEM(self->edges, i);
        PyObject *fc = PyObject_GetAttrString(e, "forConstruction");
        int t = fc ? PyObject_IsTrue(fc) : (PyErr_Clear(), 0);
        Py_XDECREF(fc);
        if (t < 0 || (!t && PyList_Append(use, e) < 0))
            Py_CLEAR(use);
    }
    if (!use)
        return NULL;
    int rc = sk_face(self, use, 0, mode, tag, 0);
    Py_DECREF(use);
    return rc < 0 ? NULL : self_ref(self);
}

#define KW (PyCFunction)(void (*)(void))
PyMethodDef cq_sketch_edge_methods[] = {
    {"edge", KW edge_method, METH_VARARGS | METH_KEYWORDS, "edge(val, tag=None, forConstruction=False)"},
    {"segment", KW segment_method, METH_VARARGS | METH_KEYWORDS, "segment(p1, p2) | segment(p2) | segment(l, a)"},
    {"arc", KW arc_method, METH_VARARGS | METH_KEYWORDS, "arc(p1, p2, p3) | arc(p2, p3) | arc(c, r, a, da)"},
    {"spline", KW spline_method, METH_VARARGS | METH_KEYWORDS, "spline(pts, tangents=None, periodic=False, tag=None)"},
    {"bezier", KW bezier_method, METH_VARARGS | METH_KEYWORDS, "bezier(pts, tag=None, forConstruction=False)"},
    {"close", KW close_method, METH_VARARGS | METH_KEYWORDS, "close(tag=None): segment back to the first edge"},
    {"assemble", KW assemble_method, METH_VARARGS | METH_KEYWORDS, "assemble(mode='a', tag=None): edges to a face"},
    {NULL, NULL, 0, NULL}};
