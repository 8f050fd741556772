/* shapes_params.c: the parametric methods of current CadQuery's Edge/Wire (Mixin1D: bounds,
 * paramAt, params, paramsLength, tangents, curvatureAt(s), sample, locationAt/locations; Edge.trim,
 * hasPCurve) and Face (uvBounds, paramAt, params, positionAt/positions, locationAt, normalAt(u, v),
 * normals, tangentAt, trim in its three forms, isoline(s), extend, addHole). Raw parameters are
 * OCCT's; "length" mode maps a fraction of the arc length to the raw parameter first. */
#include "cq_internal.h"

#include <string.h>

static zk_shape *S(PyObject *self) { return ((CQShape *)self)->s; }

#define KW(f) (PyCFunction)(void (*)(void))(f)

/* The list of doubles of a sequence (PyMem array), or NULL with an exception. */
static double *doubles_of(PyObject *o, size_t *n)
{
    PyObject *seq = PySequence_Fast(o, "expected a sequence of numbers");
    if (!seq)
        return NULL;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(seq);
    double *out = PyMem_Malloc(sizeof(double) * (len ? (size_t)len : 1));
    for (Py_ssize_t i = 0; out && i < len; i++) {
        out[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (out[i] == -1.0 && PyErr_Occurred()) {
            PyMem_Free(out);
            out = NULL;
        }
    }
    if (!out && !PyErr_Occurred())
        PyErr_NoMemory();
    Py_DECREF(seq);
    *n = (size_t)len;
    return out;
}

/* Points of a sequence of VectorLikes (PyMem array). */
static zk_vec *points_of(PyObject *o, size_t *n)
{
    PyObject *seq = PySequence_Fast(o, "expected a sequence of points");
    if (!seq)
        return NULL;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(seq);
    zk_vec *out = PyMem_Malloc(sizeof(zk_vec) * (len ? (size_t)len : 1));
    for (Py_ssize_t i = 0; out && i < len; i++)
        if (cq_vector_from_obj(PySequence_Fast_GET_ITEM(seq, i), &out[i]) < 0) {
            PyMem_Free(out);
            out = NULL;
        }
    if (!out && !PyErr_Occurred())
        PyErr_NoMemory();
    Py_DECREF(seq);
    *n = (size_t)len;
    return out;
}

/* The raw parameter of d: d itself unless mode is "length" (arc-length fraction). */
static int raw_param(zk_shape *s, double d, const char *mode, double *u)
{
    if (mode && strcmp(mode, "length") != 0) {
        *u = d;
        return 0;
    }
    if (zk_curve_param_length(s, d, u) < 0) {
        cq_raise_kernel_error("paramAt");
        return -1;
    }
    return 0;
}

static PyObject *list_of_doubles(const double *v, size_t n)
{
    PyObject *l = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; l && i < n; i++) {
        PyObject *f = PyFloat_FromDouble(v[i]);
        if (!f) {
            Py_CLEAR(l);
            break;
        }
        PyList_SET_ITEM(l, (Py_ssize_t)i, f);
    }
    return l;
}

/* ------------------------------------------------------------------ Mixin1D */

static PyObject *m1d_bounds(PyObject *self, PyObject *unused)
{
    (void)unused;
    double a, b;
    if (zk_curve_bounds(S(self), &a, &b) < 0)
        return cq_raise_kernel_error("bounds");
    return Py_BuildValue("(dd)", a, b);
}

/* paramAt(d): d a Vector -> the closest parameter; a number -> the parameter at that length fraction. */
static PyObject *m1d_paramAt(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"d", NULL};
    PyObject *d;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O:paramAt", kwlist, &d))
        return NULL;
    double u;
    if (PyObject_TypeCheck(d, &CQVectorType)) {
        zk_vec p = {((CQVector *)d)->x, ((CQVector *)d)->y, ((CQVector *)d)->z};
        if (zk_curve_params_of_points(S(self), &p, 1, &u) < 0)
            return cq_raise_kernel_error("paramAt");
        return PyFloat_FromDouble(u);
    }
    double f = PyFloat_AsDouble(d);
    if (f == -1.0 && PyErr_Occurred())
        return NULL;
    if (raw_param(S(self), f, "length", &u) < 0)
        return NULL;
    return PyFloat_FromDouble(u);
}

static PyObject *m1d_params(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"pts", "tol", NULL};
    PyObject *pts;
    double tol = 1e-6;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|d:params", kwlist, &pts, &tol))
        return NULL;
    size_t n;
    zk_vec *p = points_of(pts, &n);
    if (!p)
        return NULL;
    double *us = PyMem_Malloc(sizeof(double) * (n ? n : 1));
    PyObject *r = NULL;
    if (!us)
        PyErr_NoMemory();
    else if (zk_curve_params_of_points(S(self), p, n, us) < 0)
        cq_raise_kernel_error("params");
    else
        r = list_of_doubles(us, n);
    PyMem_Free(us);
    PyMem_Free(p);
    return r;
}

/* The raw parameters of a sequence of distances or parameters (mode as raw_param). */
static double *raw_params(PyObject *self, PyObject *ds, const char *mode, size_t *n)
{
    double *v = doubles_of(ds, n);
    for (size_t i = 0; v && i < *n; i++)
        if (raw_param(S(self), v[i], mode, &v[i]) < 0) {
            PyMem_Free(v);
            return NULL;
        }
    return v;
}

static PyObject *m1d_paramsLength(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"locations", NULL};
    PyObject *locs;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O:paramsLength", kwlist, &locs))
        return NULL;
    size_t n;
    double *u = raw_params(self, locs, "length", &n);
    PyObject *r = u ? list_of_doubles(u, n) : NULL;
    PyMem_Free(u);
    return r;
}

static PyObject *m1d_tangents(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"locations", "mode", NULL};
    PyObject *locs;
    const char *mode = "length";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|s:tangents", kwlist, &locs, &mode))
        return NULL;
    size_t n;
    double *u = raw_params(self, locs, mode, &n);
    if (!u)
        return NULL;
    PyObject *l = PyList_New(0);
    for (size_t i = 0; l && i < n; i++) {
        zk_vec d;
        PyObject *v = zk_curve_d1(S(self), u[i], NULL, &d) < 0 ? cq_raise_kernel_error("tangents")
                                                                : cq_vector_new(zv_normalized(d));
        if (!v || PyList_Append(l, v) < 0)
            Py_CLEAR(l);
        Py_XDECREF(v);
    }
    PyMem_Free(u);
    return l;
}

static PyObject *curvatures_of(PyObject *self, PyObject *ds, const char *mode, double res)
{
    size_t n;
    double *u = raw_params(self, ds, mode, &n);
    if (!u)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (zk_curve_curvature(S(self), u[i], res, &u[i]) < 0) {
            PyMem_Free(u);
            return cq_raise_kernel_error("curvatureAt");
        }
    PyObject *r = list_of_doubles(u, n);
    PyMem_Free(u);
    return r;
}

static PyObject *m1d_curvatureAt(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"d", "mode", "resolution", NULL};
    PyObject *d;
    const char *mode = "length";
    double res = 1e-6;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|sd:curvatureAt", kwlist, &d, &mode, &res))
        return NULL;
    PyObject *one = PyTuple_Pack(1, d);
    PyObject *l = one ? curvatures_of(self, one, mode, res) : NULL;
    Py_XDECREF(one);
    PyObject *r = l ? Py_NewRef(PyList_GET_ITEM(l, 0)) : NULL;
    Py_XDECREF(l);
    return r;
}

static PyObject *m1d_curvatures(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"ds", "mode", "resolution", NULL};
    PyObject *ds;
    const char *mode = "length";
    double res = 1e-6;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|sd:curvatures", kwlist, &ds, &mode, &res))
        return NULL;
    return curvatures_of(self, ds, mode, res);
}

/* sample(n): an int -> n points equally spaced by length; a float -> a deflection. ([pts], [params]) */
static PyObject *m1d_sample(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"n", NULL};
    PyObject *n_obj;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O:sample", kwlist, &n_obj))
        return NULL;
    int n = 0;
    double defl = 0;
    if (PyLong_Check(n_obj)) {
        n = (int)PyLong_AsLong(n_obj);
        if (n <= 0) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "sample: the number of points must be positive");
            return NULL;
        }
    } else {
        defl = PyFloat_AsDouble(n_obj);
        if (defl == -1.0 && PyErr_Occurred())
            return NULL;
        if (defl <= 0) {
            PyErr_SetString(PyExc_ValueError, "sample: the deflection must be positive");
            return NULL;
        }
    }
    double *us = NULL;
    size_t nu = 0;
    if (zk_curve_sample(S(self), n, defl, &us, &nu) < 0)
        return cq_raise_kernel_error("sample");
    PyObject *pts = PyList_New(0), *params = list_of_doubles(us, nu);
    for (size_t i = 0; pts && i < nu; i++) {
        zk_vec p;
        PyObject *v = zk_curve_d1(S(self), us[i], &p, NULL) < 0 ? cq_raise_kernel_error("sample") : cq_vector_new(p);
        if (!v || PyList_Append(pts, v) < 0)
            Py_CLEAR(pts);
        Py_XDECREF(v);
    }
    free(us);
    if (!pts || !params) {
        Py_XDECREF(pts);
        Py_XDECREF(params);
        return NULL;
    }
    return Py_BuildValue("(NN)", pts, params);
}

static PyObject *location_at(PyObject *self, double d, const char *mode, const char *frame, int planar)
{
    double u;
    zk_trsf t;
    if (raw_param(S(self), d, mode, &u) < 0)
        return NULL;
    if (zk_curve_frame(S(self), u, strcmp(frame, "frenet") != 0, planar, &t) < 0)
        return cq_raise_kernel_error("locationAt");
    return cq_location_new(&t);
}

static PyObject *m1d_locationAt(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"d", "mode", "frame", "planar", NULL};
    double d;
    const char *mode = "length", *frame = "frenet";
    int planar = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|ssp:locationAt", kwlist, &d, &mode, &frame, &planar))
        return NULL;
    return location_at(self, d, mode, frame, planar);
}

static PyObject *m1d_locations(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"ds", "mode", "frame", "planar", NULL};
    PyObject *ds;
    const char *mode = "length", *frame = "frenet";
    int planar = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|ssp:locations", kwlist, &ds, &mode, &frame, &planar))
        return NULL;
    size_t n;
    double *v = doubles_of(ds, &n);
    if (!v)
        return NULL;
    PyObject *l = PyList_New(0);
    for (size_t i = 0; l && i < n; i++) {
        PyObject *loc = location_at(self, v[i], mode, frame, planar);
        if (!loc || PyList_Append(l, loc) < 0)
            Py_CLEAR(l);
        Py_XDECREF(loc);
    }
    PyMem_Free(v);
    return l;
}

PyMethodDef cq_m1d_param_methods[] = {
    {"bounds", m1d_bounds, METH_NOARGS, NULL},
    {"_bounds", m1d_bounds, METH_NOARGS, NULL},
    {"paramAt", KW(m1d_paramAt), METH_VARARGS | METH_KEYWORDS, NULL},
    {"params", KW(m1d_params), METH_VARARGS | METH_KEYWORDS, NULL},
    {"paramsLength", KW(m1d_paramsLength), METH_VARARGS | METH_KEYWORDS, NULL},
    {"tangents", KW(m1d_tangents), METH_VARARGS | METH_KEYWORDS, NULL},
    {"curvatureAt", KW(m1d_curvatureAt), METH_VARARGS | METH_KEYWORDS, NULL},
    {"curvatures", KW(m1d_curvatures), METH_VARARGS | METH_KEYWORDS, NULL},
    {"sample", KW(m1d_sample), METH_VARARGS | METH_KEYWORDS, NULL},
    {"locationAt", KW(m1d_locationAt), METH_VARARGS | METH_KEYWORDS, NULL},
    {"locations", KW(m1d_locations), METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};

/* ------------------------------------------------------------------ Edge */

static PyObject *edge_trim(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"u0", "u1", NULL};
    double u0, u1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd:trim", kwlist, &u0, &u1))
        return NULL;
    zk_shape *e = zk_edge_trim(S(self), u0, u1);
    return e ? cq_shape_wrap(e) : cq_raise_kernel_error("trim");
}

static PyObject *edge_hasPCurve(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"f", NULL};
    PyObject *f;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!:hasPCurve", kwlist, &CQFaceType, &f))
        return NULL;
    int r = zk_edge_has_pcurve(S(self), S(f));
    return r < 0 ? cq_raise_kernel_error("hasPCurve") : PyBool_FromLong(r);
}

PyMethodDef cq_edge_param_methods[] = {
    {"trim", KW(edge_trim), METH_VARARGS | METH_KEYWORDS, NULL},
    {"hasPCurve", KW(edge_hasPCurve), METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};

/* ------------------------------------------------------------------ Face */

static PyObject *face_uvBounds(PyObject *self, PyObject *unused)
{
    (void)unused;
    double b[4];
    if (zk_face_uv_bounds(S(self), b) < 0)
        return cq_raise_kernel_error("uvBounds");
    return Py_BuildValue("(dddd)", b[0], b[1], b[2], b[3]);
}

static PyObject *face_paramAt(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"pt", NULL};
    PyObject *pt;
    zk_vec p;
    double uv[2];
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O:paramAt", kwlist, &pt) || cq_vector_from_obj(pt, &p) < 0)
        return NULL;
    if (zk_face_params_of_points(S(self), &p, 1, 0, 0, uv) < 0)
        return cq_raise_kernel_error("paramAt");
    return Py_BuildValue("(dd)", uv[0], uv[1]);
}

static PyObject *face_params(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"pts", "tol", NULL};
    PyObject *pts;
    double tol = 1e-9;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|d:params", kwlist, &pts, &tol))
        return NULL;
    size_t n;
    zk_vec *p = points_of(pts, &n);
    if (!p)
        return NULL;
    double *uv = PyMem_Malloc(sizeof(double) * 2 * (n ? n : 1));
    PyObject *r = NULL;
    if (!uv) {
        PyErr_NoMemory();
    } else if (zk_face_params_of_points(S(self), p, n, 1, tol, uv) < 0) {
        cq_raise_kernel_error("params");
    } else {
        PyObject *us = PyList_New((Py_ssize_t)n), *vs = PyList_New((Py_ssize_t)n);
        for (size_t i = 0; us && vs && i < n; i++) {
            PyList_SET_ITEM(us, (Py_ssize_t)i, PyFloat_FromDouble(uv[2 * i]));
            PyList_SET_ITEM(vs, (Py_ssize_t)i, PyFloat_FromDouble(uv[2 * i + 1]));
        }
        r = us && vs ? Py_BuildValue("(OO)", us, vs) : NULL;
        Py_XDECREF(us);
        Py_XDECREF(vs);
    }
    PyMem_Free(uv);
    PyMem_Free(p);
    return r;
}

static PyObject *face_positionAt(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"u", "v", NULL};
    double u, v;
    zk_vec p;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd:positionAt", kwlist, &u, &v))
        return NULL;
    if (zk_face_eval(S(self), u, v, &p, NULL, NULL, NULL) < 0)
        return cq_raise_kernel_error("positionAt");
    return cq_vector_new(p);
}

static PyObject *face_positions(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"uvs", NULL};
    PyObject *uvs;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O:positions", kwlist, &uvs))
        return NULL;
    PyObject *seq = PySequence_Fast(uvs, "positions expects (u, v) pairs");
    if (!seq)
        return NULL;
    PyObject *l = PyList_New(0);
    for (Py_ssize_t i = 0; l && i < PySequence_Fast_GET_SIZE(seq); i++) {
        double u, v;
        zk_vec p;
        PyObject *item = NULL;
        if (PyArg_ParseTuple(PySequence_Fast_GET_ITEM(seq, i), "dd", &u, &v))
            item = zk_face_eval(S(self), u, v, &p, NULL, NULL, NULL) < 0 ? cq_raise_kernel_error("positions")
                                                                         : cq_vector_new(p);
        if (!item || PyList_Append(l, item) < 0)
            Py_CLEAR(l);
        Py_XDECREF(item);
    }
    Py_DECREF(seq);
    return l;
}

static PyObject *face_locationAt(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"u", "v", NULL};
    double u, v;
    zk_vec p, du, dv;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd:locationAt", kwlist, &u, &v))
        return NULL;
    if (zk_face_eval(S(self), u, v, &p, NULL, &du, &dv) < 0)
        return cq_raise_kernel_error("locationAt");
    PyObject *pl = cq_plane_new(p, du, zv_cross(du, dv));
    PyObject *r = pl ? PyObject_CallOneArg((PyObject *)&CQLocationType, pl) : NULL;
    Py_XDECREF(pl);
    return r;
}

/* (unit normal, point) at (u, v). */
static PyObject *normal_and_point(PyObject *self, double u, double v)
{
    zk_vec p, n;
    if (zk_face_eval(S(self), u, v, &p, &n, NULL, NULL) < 0)
        return cq_raise_kernel_error("normalAt");
    return Py_BuildValue("(NN)", cq_vector_new(zv_normalized(n)), cq_vector_new(p));
}

/* normalAt(locationVector=None) -> Vector; normalAt(u, v) -> (normal, point). */
static PyObject *face_normalAt(PyObject *self, PyObject *args, PyObject *kw)
{
    if (PyTuple_GET_SIZE(args) == 2 || (kw && PyDict_GetItemString(kw, "u"))) {
        static char *kwlist[] = {"u", "v", NULL};
        double u, v;
        if (!PyArg_ParseTupleAndKeywords(args, kw, "dd:normalAt", kwlist, &u, &v))
            return NULL;
        return normal_and_point(self, u, v);
    }
    return cq_face_normalAt(self, args, kw);
}

static PyObject *face_normals(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"us", "vs", NULL};
    PyObject *uso, *vso;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO:normals", kwlist, &uso, &vso))
        return NULL;
    size_t nu, nv;
    double *us = doubles_of(uso, &nu), *vs = us ? doubles_of(vso, &nv) : NULL;
    PyObject *ns = PyList_New(0), *ps = PyList_New(0);
    for (size_t i = 0; us && vs && ns && ps && i < nu && i < nv; i++) {
        zk_vec p, n;
        if (zk_face_eval(S(self), us[i], vs[i], &p, &n, NULL, NULL) < 0) {
            cq_raise_kernel_error("normals");
            break;
        }
        PyObject *a = cq_vector_new(zv_normalized(n)), *b = cq_vector_new(p);
        if (!a || !b || PyList_Append(ns, a) < 0 || PyList_Append(ps, b) < 0) {
            Py_XDECREF(a);
            Py_XDECREF(b);
            break;
        }
        Py_DECREF(a);
        Py_DECREF(b);
    }
    PyMem_Free(us);
    PyMem_Free(vs);
    if (PyErr_Occurred() || !ns || !ps) {
        Py_XDECREF(ns);
        Py_XDECREF(ps);
        return NULL;
    }
    return Py_BuildValue("(NN)", ns, ps);
}

static PyObject *face_tangentAt(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"u", "v", NULL};
    double u, v;
    zk_vec p, du, dv;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd:tangentAt", kwlist, &u, &v))
        return NULL;
    if (zk_face_eval(S(self), u, v, &p, NULL, &du, &dv) < 0)
        return cq_raise_kernel_error("tangentAt");
    return Py_BuildValue("(NNN)", cq_vector_new(zv_normalized(du)), cq_vector_new(zv_normalized(dv)),
                         cq_vector_new(p));
}

/* trim(u0, u1, v0, v1, tol=1e-6) | trim((u, v), (u, v), (u, v), ...) | trim(outer, *inner wires). */
static PyObject *face_trim(PyObject *self, PyObject *args, PyObject *kw)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *first = n ? PyTuple_GET_ITEM(args, 0) : NULL;
    zk_shape *r = NULL;
    if (first && PyNumber_Check(first)) {
        static char *kwlist[] = {"u0", "u1", "v0", "v1", "tol", NULL};
        double u0, u1, v0, v1, tol = 1e-6;
        if (!PyArg_ParseTupleAndKeywords(args, kw, "dddd|d:trim", kwlist, &u0, &u1, &v0, &v1, &tol))
            return NULL;
        r = zk_face_trim_uv(S(self), u0, u1, v0, v1, tol);
    } else if (first && cq_shape_check(first)) {
        zk_shape **inner = PyMem_Calloc(n ? (size_t)n : 1, sizeof *inner);
        if (!inner)
            return PyErr_NoMemory();
        for (Py_ssize_t i = 1; i < n; i++)
            if (!(inner[i - 1] = cq_shape_get(PyTuple_GET_ITEM(args, i)))) {
                PyMem_Free(inner);
                return NULL;
            }
        r = zk_face_trim_wires(S(self), S(first), inner, (size_t)(n - 1));
        PyMem_Free(inner);
    } else if (n >= 3) {
        double *uv = PyMem_Malloc(sizeof(double) * 2 * (size_t)n);
        if (!uv)
            return PyErr_NoMemory();
        for (Py_ssize_t i = 0; i < n; i++)
            if (!PyArg_ParseTuple(PyTuple_GET_ITEM(args, i), "dd", &uv[2 * i], &uv[2 * i + 1])) {
                PyMem_Free(uv);
                return NULL;
            }
        r = zk_face_trim_polygon_uv(S(self), uv, (size_t)n);
        PyMem_Free(uv);
    } else {
        PyErr_SetString(PyExc_TypeError, "trim() expects (u0, u1, v0, v1), wires, or 3 or more (u, v) points");
        return NULL;
    }
    return r ? cq_shape_wrap(r) : cq_raise_kernel_error("trim");
}

static int iso_dir(const char *d, int *u_dir)
{
    if (strcmp(d, "u") != 0 && strcmp(d, "v") != 0) {
        PyErr_Format(PyExc_ValueError, "isoline direction must be 'u' or 'v', got '%s'", d);
        return -1;
    }
    *u_dir = d[0] == 'u';
    return 0;
}

static PyObject *face_isoline(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"param", "direction", NULL};
    double p;
    const char *d = "v";
    int u_dir;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|s:isoline", kwlist, &p, &d) || iso_dir(d, &u_dir) < 0)
        return NULL;
    zk_shape *e = zk_face_isoline(S(self), p, u_dir);
    return e ? cq_shape_wrap(e) : cq_raise_kernel_error("isoline");
}

static PyObject *face_isolines(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"params", "direction", NULL};
    PyObject *ps;
    const char *d = "v";
    int u_dir;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|s:isolines", kwlist, &ps, &d) || iso_dir(d, &u_dir) < 0)
        return NULL;
    size_t n;
    double *v = doubles_of(ps, &n);
    if (!v)
        return NULL;
    PyObject *l = PyList_New(0);
    for (size_t i = 0; l && i < n; i++) {
        zk_shape *e = zk_face_isoline(S(self), v[i], u_dir);
        PyObject *w = e ? cq_shape_wrap(e) : cq_raise_kernel_error("isolines");
        if (!w || PyList_Append(l, w) < 0)
            Py_CLEAR(l);
        Py_XDECREF(w);
    }
    PyMem_Free(v);
    return l;
}

static PyObject *face_extend(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"d", "umin", "umax", "vmin", "vmax", NULL};
    double d;
    int a = 1, b = 1, c = 1, e = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|pppp:extend", kwlist, &d, &a, &b, &c, &e))
        return NULL;
    zk_shape *f = zk_face_extend(S(self), d, a, b, c, e);
    return f ? cq_shape_wrap(f) : cq_raise_kernel_error("extend");
}

/* addHole(*inner): wires, or edges (each made a wire). */
static PyObject *face_addHole(PyObject *self, PyObject *args)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    zk_shape **w = PyMem_Calloc(n ? (size_t)n : 1, sizeof *w);
    if (!w)
        return PyErr_NoMemory();
    Py_ssize_t k = 0;
    for (; k < n; k++) {
        zk_shape *s = cq_shape_get(PyTuple_GET_ITEM(args, k));
        if (!s)
            break;
        w[k] = zk_shape_type(s) == ZK_WIRE ? zk_ref(s) : zk_wire_from_edges(&s, 1);
        if (!w[k]) {
            cq_raise_kernel_error("addHole");
            break;
        }
    }
    zk_shape *r = k == n ? zk_face_add_holes(S(self), w, (size_t)n) : NULL;
    for (Py_ssize_t i = 0; i < k; i++)
        zk_unref(w[i]);
    PyMem_Free(w);
    if (PyErr_Occurred()) {
        zk_unref(r);
        return NULL;
    }
    return r ? cq_shape_wrap(r) : cq_raise_kernel_error("addHole");
}

PyMethodDef cq_face_param_methods[] = {
    {"uvBounds", face_uvBounds, METH_NOARGS, NULL},
    {"_uvBounds", face_uvBounds, METH_NOARGS, NULL},
    {"paramAt", KW(face_paramAt), METH_VARARGS | METH_KEYWORDS, NULL},
    {"params", KW(face_params), METH_VARARGS | METH_KEYWORDS, NULL},
    {"positionAt", KW(face_positionAt), METH_VARARGS | METH_KEYWORDS, NULL},
    {"positions", KW(face_positions), METH_VARARGS | METH_KEYWORDS, NULL},
    {"locationAt", KW(face_locationAt), METH_VARARGS | METH_KEYWORDS, NULL},
    {"normalAt", KW(face_normalAt), METH_VARARGS | METH_KEYWORDS, NULL},
    {"normals", KW(face_normals), METH_VARARGS | METH_KEYWORDS, NULL},
    {"tangentAt", KW(face_tangentAt), METH_VARARGS | METH_KEYWORDS, NULL},
    {"trim", KW(face_trim), METH_VARARGS | METH_KEYWORDS, NULL},
    {"isoline", KW(face_isoline), METH_VARARGS | METH_KEYWORDS, NULL},
    {"isolines", KW(face_isolines), METH_VARARGS | METH_KEYWORDS, NULL},
    {"extend", KW(face_extend), METH_VARARGS | METH_KEYWORDS, NULL},
    {"addHole", face_addHole, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}};
