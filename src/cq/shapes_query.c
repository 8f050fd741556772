/* shapes_query.c: per-class queries of the Shape classes (CadQuery 2.4 shapes.py): Mixin1D's
 * curve queries for Edge and Wire (startPoint, endPoint, positionAt, tangentAt, radius, Length,
 * IsClosed), Edge.arcCenter, Vertex (X, Y, Z, toTuple), Face (normalAt, outerWire, innerWires). */
#include "cq_internal.h"

#include <math.h>
#include <string.h>

static zk_shape *S(PyObject *self) { return ((CQShape *)self)->s; }

static int vec_ok(zk_vec v) { return !(isnan(v.x) || isnan(v.y) || isnan(v.z)); }

/* A kernel vector result as a Vector, or the kernel error when it is NaN (failure). */
static PyObject *vec_result(zk_vec v, const char *what)
{
    if (!vec_ok(v))
        return cq_raise_kernel_error(what);
    return cq_vector_new(v);
}

/* mode="length" -> 1; any other mode is the curve parameter (current CadQuery: "parameter",
 * also "param"), 0. */
static int parse_mode(const char *mode, int *length_mode)
{
    *length_mode = !mode || strcmp(mode, "length") == 0;
    return 0;
}

/* The kernel's t in [0, 1] for d: d itself in length mode, else the raw curve parameter d mapped
 * onto the edge's or wire's parameter range. */
static int curve_t(zk_shape *s, double d, int length_mode, double *t)
{
    double first, last;
    if (length_mode) {
        *t = d;
        return 0;
    }
    if (zk_curve_bounds(s, &first, &last) < 0) {
        cq_raise_kernel_error("curve parameter");
        return -1;
    }
    *t = last != first ? (d - first) / (last - first) : 0.0;
    return 0;
}

/* ------------------------------------------------------------------ Mixin1D */

static PyObject *m1d_startPoint(PyObject *self, PyObject *u)
{
    (void)u;
    return vec_result(zk_curve_start(S(self)), "startPoint");
}

static PyObject *m1d_endPoint(PyObject *self, PyObject *u)
{
    (void)u;
    return vec_result(zk_curve_end(S(self)), "endPoint");
}

static PyObject *m1d_positionAt(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"d", "mode", NULL};
    double d;
    const char *mode = NULL;
    int lm;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|s:positionAt", kwlist, &d, &mode) || parse_mode(mode, &lm) < 0 ||
        curve_t(S(self), d, lm, &d) < 0)
        return NULL;
    return vec_result(zk_curve_position_at(S(self), d, lm), "positionAt");
}

static PyObject *m1d_positions(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"ds", "mode", NULL};
    PyObject *ds;
    const char *mode = NULL;
    int lm;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|s:positions", kwlist, &ds, &mode) || parse_mode(mode, &lm) < 0)
        return NULL;
    PyObject *seq = PySequence_Fast(ds, "positions expects a sequence of numbers");
    if (!seq)
        return NULL;
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out && i < PySequence_Fast_GET_SIZE(seq); i++) {
        double d = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        PyObject *v = (d == -1.0 && PyErr_Occurred()) || curve_t(S(self), d, lm, &d) < 0
                          ? NULL
                          : vec_result(zk_curve_position_at(S(self), d, lm), "positions");
        if (!v || PyList_Append(out, v) < 0)
            Py_CLEAR(out);
        Py_XDECREF(v);
    }
    Py_DECREF(seq);
    return out;
}

static PyObject *m1d_tangentAt(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"locationParam", "mode", NULL};
    double d = 0.5;
    const char *mode = NULL;
    int lm;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|ds:tangentAt", kwlist, &d, &mode) || parse_mode(mode, &lm) < 0 ||
        curve_t(S(self), d, lm, &d) < 0)
        return NULL;
    zk_vec t = zk_curve_tangent_at(S(self), d, lm);
    if (!vec_ok(t))
        return cq_raise_kernel_error("tangentAt");
    return cq_vector_new(zv_normalized(t));
}

static PyObject *m1d_radius(PyObject *self, PyObject *u)
{
    (void)u;
    zk_shape *curve = S(self);
    zk_shape **edges = NULL;
    size_t n = 0;
    /* a wire has its first edge's radius (BRepAdaptor_CompCurve::Circle reads the first edge) */
    if (zk_shape_type(curve) == ZK_WIRE && zk_explore(curve, ZK_EDGE, &edges, &n) == 0 && n >= 1)
        curve = edges[0];
    double r = zk_curve_radius(curve);
    zk_free_list(edges, n);
    if (r < 0) {
        zk_error_clear();
        PyErr_SetString(PyExc_ValueError, "Shape could not be reduced to a circle");
        return NULL;
    }
    return PyFloat_FromDouble(r);
}

static PyObject *m1d_Length(PyObject *self, PyObject *u)
{
    (void)u;
    return PyFloat_FromDouble(zk_length(S(self)));
}

static PyObject *m1d_IsClosed(PyObject *self, PyObject *u)
{
    (void)u;
    return PyBool_FromLong(zk_curve_is_closed(S(self)) > 0);
}

/* Normal of a planar curve: the normal of the plane through start, middle and end (CadQuery uses
 * the curve's own plane; for circles and ellipses that is the axis direction). */
static PyObject *m1d_normal(PyObject *self, PyObject *u)
{
    (void)u;
    zk_vec a = zk_curve_position_at(S(self), 0.0, 0);
    zk_vec b = zk_curve_position_at(S(self), 0.33, 0);
    zk_vec c = zk_curve_position_at(S(self), 0.66, 0);
    if (!vec_ok(a) || !vec_ok(b) || !vec_ok(c))
        return cq_raise_kernel_error("normal");
    zk_vec n = zv_cross(zv_sub(b, a), zv_sub(c, a));
    if (zv_len(n) < 1e-12) {
        PyErr_SetString(PyExc_ValueError, "Normal not defined");
        return NULL;
    }
    return cq_vector_new(zv_normalized(n));
}

PyMethodDef cq_mixin1d_methods[] = {
    {"startPoint", m1d_startPoint, METH_NOARGS, "first point"},
    {"endPoint", m1d_endPoint, METH_NOARGS, "last point"},
    {"positionAt", (PyCFunction)(void (*)(void))m1d_positionAt, METH_VARARGS | METH_KEYWORDS, "point at d"},
    {"positions", (PyCFunction)(void (*)(void))m1d_positions, METH_VARARGS | METH_KEYWORDS, "points at ds"},
    {"tangentAt", (PyCFunction)(void (*)(void))m1d_tangentAt, METH_VARARGS | METH_KEYWORDS, "unit tangent"},
    {"radius", m1d_radius, METH_NOARGS, "circle radius"},
    {"Length", m1d_Length, METH_NOARGS, "curve length"},
    {"IsClosed", m1d_IsClosed, METH_NOARGS, "closed curve?"},
    {"normal", m1d_normal, METH_NOARGS, "normal of a planar curve"},
    {NULL, NULL, 0, NULL}
};

/* ------------------------------------------------------------------ Edge queries */

PyObject *cq_edge_arcCenter(PyObject *self, PyObject *u)
{
    (void)u;
    const char *g = zk_geom_type(S(self));
    if (!g || (strcmp(g, "CIRCLE") != 0 && strcmp(g, "ELLIPSE") != 0)) {
        PyErr_SetString(PyExc_ValueError, "Edge is not a circle or an ellipse");
        return NULL;
    }
    return vec_result(zk_curve_arc_center(S(self)), "arcCenter");
}

/* ------------------------------------------------------------------ Vertex */

static PyObject *vertex_coord(PyObject *self, void *closure)
{
    zk_vec p = zk_vertex_point(S(self));
    double c[3] = {p.x, p.y, p.z};
    return PyFloat_FromDouble(c[(intptr_t)closure]);
}

PyGetSetDef cq_vertex_getset[] = {
    {"X", vertex_coord, NULL, "x coordinate", (void *)0},
    {"Y", vertex_coord, NULL, "y coordinate", (void *)1},
    {"Z", vertex_coord, NULL, "z coordinate", (void *)2},
    {NULL, NULL, NULL, NULL, NULL}
};

static PyObject *vertex_toTuple(PyObject *self, PyObject *u)
{
    (void)u;
    zk_vec p = zk_vertex_point(S(self));
    return Py_BuildValue("(ddd)", p.x, p.y, p.z);
}

static PyObject *vertex_makeVertex(PyObject *cls, PyObject *args)
{
    (void)cls;
    double x, y, z;
    if (!PyArg_ParseTuple(args, "ddd:makeVertex", &x, &y, &z))
        return NULL;
    return cq_shape_wrap(zk_vertex((zk_vec){x, y, z}));
}

PyMethodDef cq_vertex_methods[] = {
    {"toTuple", vertex_toTuple, METH_NOARGS, "(x, y, z)"},
    {"makeVertex", vertex_makeVertex, METH_VARARGS | METH_CLASS, "a vertex at (x, y, z)"},
    {NULL, NULL, 0, NULL}
};

/* ------------------------------------------------------------------ Face queries */

PyObject *cq_face_normalAt(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"locationVector", NULL};
    PyObject *loc = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:normalAt", kwlist, &loc))
        return NULL;
    zk_vec at, n;
    if (loc != Py_None) {
        if (cq_vector_from_obj(loc, &at) < 0)
            return NULL;
        n = zk_face_normal_at(S(self), &at);
    } else {
        n = zk_face_normal_at(S(self), NULL);
    }
    if (!vec_ok(n))
        return cq_raise_kernel_error("normalAt");
    return cq_vector_new(zv_normalized(n));
}

PyObject *cq_face_outerWire(PyObject *self, PyObject *u)
{
    (void)u;
    return cq_shape_wrap(zk_face_outer_wire(S(self)));
}

PyObject *cq_face_innerWires(PyObject *self, PyObject *u)
{
    (void)u;
    zk_shape **items = NULL;
    size_t n = 0;
    if (zk_face_inner_wires(S(self), &items, &n) < 0)
        return cq_raise_kernel_error("innerWires");
    return cq_shape_list(items, n);
}
