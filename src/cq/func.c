/* func.c: cadquery.func, CadQuery's free-function API: constructors of vertices, edges, wires,
 * faces and solids (vertex, segment, polyline, polygon, rect, spline, circle, ellipse, plane, box,
 * cylinder, sphere, torus, cone) and of compounds of shapes (wire, face, shell, solid, compound),
 * with CadQuery's placements (box centred in x/y on z=0, diameters not radii). The operations
 * (booleans, extrude, fillet, ...) are in func_ops.c. Results are normalised as CadQuery's
 * _compound_or_shape: a one-element compound is its element. */
#include "cq_internal.h"
#include "func_internal.h"
#include "history.h"

#include <math.h>

static const zk_ax2 WORLD = {{0, 0, 0}, {0, 0, 1}, {1, 0, 0}};

/* ------------------------------------------------------------------ shared helpers */

zk_shape *cq_func_normalize(zk_shape *s)
{
    if (!s)
        return NULL;
    zk_type t = zk_shape_type(s);
    if (t != ZK_COMPOUND && t != ZK_SHELL)
        return s;
    zk_shape **kids = NULL;
    size_t n = 0;
    if (zk_children(s, &kids, &n) < 0) {
        zk_error_clear();
        return s;
    }
    zk_shape *out = s;
    if (n == 1 && (t == ZK_COMPOUND || (zk_shape_type(kids[0]) == ZK_FACE && !zk_is_closed(s)))) {
        out = cq_func_normalize(zk_ref(kids[0]));
        zk_unref(s);
    }
    zk_free_list(kids, n);
    return out;
}

PyObject *cq_func_wrap(zk_shape *s, const char *context)
{
    if (!s)
        return cq_raise_kernel_error(context);
    return cq_shape_wrap(cq_func_normalize(s));
}

/* The positional arguments as shapes: f(*shapes) or f(sequence). New list of Shapes. */
PyObject *cq_func_shape_args(PyObject *args, const char *fn)
{
    PyObject *src = args;
    if (PyTuple_GET_SIZE(args) == 1 && !cq_shape_check(PyTuple_GET_ITEM(args, 0)))
        src = PyTuple_GET_ITEM(args, 0);
    PyObject *list = PySequence_List(src);
    if (!list) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "%s() expects Shapes or a sequence of Shapes", fn);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        if (!cq_shape_check(PyList_GET_ITEM(list, i))) {
            PyErr_Format(PyExc_TypeError, "%s() expects Shapes, got %.100s", fn,
                         Py_TYPE(PyList_GET_ITEM(list, i))->tp_name);
            Py_DECREF(list);
            return NULL;
        }
    }
    return list;
}

/* Sub-shapes of `type` of every shape of the list, in order (a shape of that type is itself).
 * Raises ValueError naming fn when a shape holds none. New kernel refs in *out (PyMem array). */
int cq_func_collect(PyObject *shapes, zk_type type, const char *fn, zk_shape ***out, size_t *n)
{
    size_t cap = 16, len = 0;
    zk_shape **arr = PyMem_Malloc(cap * sizeof *arr);
    if (!arr) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(shapes); i++) {
        zk_shape **sub = NULL;
        size_t ns = 0;
        if (zk_explore(((CQShape *)PyList_GET_ITEM(shapes, i))->s, type, &sub, &ns) < 0 || ns == 0) {
            zk_free_list(sub, ns);
            zk_error_clear();
            cq_func_free(arr, len);
            PyErr_Format(PyExc_ValueError, "%s(): item %zd holds no %s", fn, i,
                         type == ZK_EDGE ? "edge" : type == ZK_FACE ? "face" : type == ZK_WIRE ? "wire"
                                                                             : "sub-shape of the needed type");
            return -1;
        }
        for (size_t k = 0; k < ns; k++) {
            if (len == cap) {
                zk_shape **grown = PyMem_Realloc(arr, 2 * cap * sizeof *arr);
                if (!grown) {
                    zk_free_list(sub, ns);
                    cq_func_free(arr, len);
                    PyErr_NoMemory();
                    return -1;
                }
                arr = grown;
                cap *= 2;
            }
            arr[len++] = zk_ref(sub[k]);
        }
        zk_free_list(sub, ns);
    }
    *out = arr;
    *n = len;
    return 0;
}

void cq_func_free(zk_shape **arr, size_t n)
{
    for (size_t i = 0; i < n; i++)
        zk_unref(arr[i]);
    PyMem_Free(arr);
}

/* Points of a sequence of VectorLikes (PyMem array). */
static zk_vec *points_of(PyObject *seq_obj, size_t *n)
{
    PyObject *seq = PySequence_Fast(seq_obj, "expected a sequence of points");
    if (!seq)
        return NULL;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(seq);
    zk_vec *pts = PyMem_Malloc((len > 0 ? (size_t)len : 1) * sizeof *pts);
    for (Py_ssize_t i = 0; pts && i < len; i++) {
        if (cq_vector_from_obj(PySequence_Fast_GET_ITEM(seq, i), &pts[i]) < 0) {
            PyMem_Free(pts);
            pts = NULL;
        }
    }
    if (!pts && !PyErr_Occurred())
        PyErr_NoMemory();
    Py_DECREF(seq);
    *n = (size_t)len;
    return pts;
}

static int is_point_like(PyObject *o)
{
    if (PyObject_TypeCheck(o, &CQVectorType))
        return 1;
    if (!PyTuple_Check(o) && !PyList_Check(o))
        return 0;
    Py_ssize_t n = PySequence_Size(o);
    if (n < 2 || n > 3)
        return 0;
    PyObject *first = PySequence_GetItem(o, 0);
    int num = first && PyNumber_Check(first);
    Py_XDECREF(first);
    PyErr_Clear();
    return num;
}

static double num_arg(PyObject *o, int *err)
{
    double v = PyFloat_AsDouble(o);
    if (v == -1 && PyErr_Occurred())
        *err = 1;
    return v;
}

/* ------------------------------------------------------------------ points, edges, wires */

/* vertex(x, y, z) or vertex(p) */
static PyObject *f_vertex(PyObject *m, PyObject *args)
{
    (void)m;
    zk_vec p;
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n == 3) {
        int err = 0;
        p = (zk_vec){num_arg(PyTuple_GET_ITEM(args, 0), &err), num_arg(PyTuple_GET_ITEM(args, 1), &err),
                     num_arg(PyTuple_GET_ITEM(args, 2), &err)};
        if (err)
            return NULL;
    } else if (n == 1) {
        if (cq_vector_from_obj(PyTuple_GET_ITEM(args, 0), &p) < 0)
            return NULL;
    } else {
        PyErr_SetString(PyExc_TypeError, "vertex() takes (x, y, z) or one point");
        return NULL;
    }
    return cq_func_wrap(zk_vertex(p), "vertex");
}

static PyObject *f_segment(PyObject *m, PyObject *args)
{
    (void)m;
    PyObject *a, *b;
    zk_vec p1, p2;
    if (!PyArg_ParseTuple(args, "OO:segment", &a, &b) || cq_vector_from_obj(a, &p1) < 0 ||
        cq_vector_from_obj(b, &p2) < 0)
        return NULL;
    return cq_func_wrap(zk_edge_line(p1, p2), "segment");
}

static PyObject *poly(PyObject *args, int close, const char *fn)
{
    size_t n;
    zk_vec *pts = points_of(args, &n);
    if (!pts)
        return NULL;
    if (n < 2) {
        PyMem_Free(pts);
        PyErr_Format(PyExc_ValueError, "%s() needs at least 2 points", fn);
        return NULL;
    }
    zk_shape *w = zk_wire_polygon(pts, n, close);
    PyMem_Free(pts);
    return cq_func_wrap(w, fn);
}

static PyObject *f_polyline(PyObject *m, PyObject *args)
{
    (void)m;
    return poly(args, 0, "polyline");
}

static PyObject *f_polygon(PyObject *m, PyObject *args)
{
    (void)m;
    return poly(args, 1, "polygon");
}

static PyObject *f_rect(PyObject *m, PyObject *args)
{
    (void)m;
    double w, h;
    if (!PyArg_ParseTuple(args, "dd:rect", &w, &h))
        return NULL;
    zk_vec pts[4] = {{-w / 2, -h / 2, 0}, {w / 2, -h / 2, 0}, {w / 2, h / 2, 0}, {-w / 2, h / 2, 0}};
    return cq_func_wrap(zk_wire_polygon(pts, 4, 1), "rect");
}

/* spline(*pts, tol=1e-6, periodic=False) or spline(pts, tgts=None, params=None, tol=1e-6,
 * periodic=False, scale=True) */
static PyObject *f_spline(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"pts", "tgts", "params", "tol", "periodic", "scale", NULL};
    PyObject *pts_obj = args, *tgts = Py_None, *params = Py_None;
    double tol = 1e-6;
    int periodic = 0, scale = 1;
    int seq_form = PyTuple_GET_SIZE(args) >= 1 && !is_point_like(PyTuple_GET_ITEM(args, 0));
    if (seq_form) {
        if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOdpp:spline", kwlist, &pts_obj, &tgts, &params, &tol,
                                         &periodic, &scale))
            return NULL;
    } else if (kw) {
        static char *kw2[] = {"tol", "periodic", NULL};
        PyObject *empty = PyTuple_New(0);
        int ok = empty && PyArg_ParseTupleAndKeywords(empty, kw, "|dp:spline", kw2, &tol, &periodic);
        Py_XDECREF(empty);
        if (!ok)
            return NULL;
    }
    size_t n, nt = 0, np = 0;
    zk_vec *pts = points_of(pts_obj, &n), *tv = NULL;
    double *pv = NULL;
    if (pts && tgts != Py_None)
        tv = points_of(tgts, &nt);
    if (pts && params != Py_None && (tgts == Py_None || tv)) {
        PyObject *seq = PySequence_Fast(params, "params must be a sequence of numbers");
        np = seq ? (size_t)PySequence_Fast_GET_SIZE(seq) : 0;
        pv = seq ? PyMem_Malloc((np ? np : 1) * sizeof *pv) : NULL;
        for (size_t i = 0; pv && i < np; i++) {
            pv[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, (Py_ssize_t)i));
            if (pv[i] == -1 && PyErr_Occurred()) {
                PyMem_Free(pv);
                pv = NULL;
            }
        }
        Py_XDECREF(seq);
    }
    PyObject *r = NULL;
    if (pts && (tgts == Py_None || tv) && (params == Py_None || pv)) {
        if (pv && np != n)
            PyErr_SetString(PyExc_ValueError, "spline(): params must have one value per point");
        else if (tv && nt != n && nt != 2)
            PyErr_SetString(PyExc_ValueError, "spline(): tgts must hold 2 tangents or one per point");
        else
            r = cq_func_wrap(zk_edge_spline(pts, n, tv, nt, periodic, pv, scale, tol), "spline");
    }
    PyMem_Free(pts);
    PyMem_Free(tv);
    PyMem_Free(pv);
    return r;
}

static PyObject *f_circle(PyObject *m, PyObject *args)
{
    (void)m;
    double r;
    if (!PyArg_ParseTuple(args, "d:circle", &r))
        return NULL;
    return cq_func_wrap(zk_edge_circle(&WORLD, r), "circle");
}

static PyObject *f_ellipse(PyObject *m, PyObject *args)
{
    (void)m;
    double r1, r2;
    if (!PyArg_ParseTuple(args, "dd:ellipse", &r1, &r2))
        return NULL;
    if (r1 < r2) {   /* gp_Elips needs major >= minor: turn the frame a quarter */
        zk_ax2 f = {{0, 0, 0}, {0, 0, 1}, {0, 1, 0}};
        return cq_func_wrap(zk_edge_ellipse(&f, r2, r1), "ellipse");
    }
    return cq_func_wrap(zk_edge_ellipse(&WORLD, r1, r2), "ellipse");
}

/* ------------------------------------------------------------------ faces and solids */

/* plane(w, l): a w x l face centred at the origin in XY; plane(): a (very large) infinite one. */
static PyObject *f_plane(PyObject *m, PyObject *args)
{
    (void)m;
    double w = 2e60, l = 2e60;
    if (!PyArg_ParseTuple(args, "|dd:plane", &w, &l))
        return NULL;
    if (PyTuple_GET_SIZE(args) == 1) {
        PyErr_SetString(PyExc_TypeError, "plane() takes (w, l) or no arguments");
        return NULL;
    }
    return cq_func_wrap(zk_face_plane(&WORLD, w, l), "plane");
}

static PyObject *f_box(PyObject *m, PyObject *args)
{
    (void)m;
    double w, l, h;
    if (!PyArg_ParseTuple(args, "ddd:box", &w, &l, &h))
        return NULL;
    zk_ax2 f = {{-w / 2, -l / 2, 0}, {0, 0, 1}, {1, 0, 0}};
    return cq_func_wrap(zk_box(&f, w, l, h), "box");
}

static PyObject *f_cylinder(PyObject *m, PyObject *args)
{
    (void)m;
    double d, h;
    if (!PyArg_ParseTuple(args, "dd:cylinder", &d, &h))
        return NULL;
    return cq_func_wrap(zk_cylinder(&WORLD, d / 2, h, 2 * M_PI), "cylinder");
}

static PyObject *f_sphere(PyObject *m, PyObject *args)
{
    (void)m;
    double d;
    if (!PyArg_ParseTuple(args, "d:sphere", &d))
        return NULL;
    return cq_func_wrap(zk_sphere(&WORLD, d / 2, -M_PI / 2, M_PI / 2, 2 * M_PI), "sphere");
}

static PyObject *f_torus(PyObject *m, PyObject *args)
{
    (void)m;
    double d1, d2;
    if (!PyArg_ParseTuple(args, "dd:torus", &d1, &d2))
        return NULL;
    return cq_func_wrap(zk_torus(&WORLD, d1 / 2, d2 / 2), "torus");
}

/* cone(d, h): a full cone; cone(d1, d2, h): a truncated one. */
static PyObject *f_cone(PyObject *m, PyObject *args)
{
    (void)m;
    double d1, d2 = 0, h;
    if (PyTuple_GET_SIZE(args) == 2) {
        if (!PyArg_ParseTuple(args, "dd:cone", &d1, &h))
            return NULL;
    } else if (!PyArg_ParseTuple(args, "ddd:cone", &d1, &d2, &h)) {
        return NULL;
    }
    return cq_func_wrap(zk_cone(&WORLD, d1 / 2, d2 / 2, h, 2 * M_PI), "cone");
}

/* compound(*shapes) or compound(sequence) */
static PyObject *f_compound(PyObject *m, PyObject *args)
{
    (void)m;
    PyObject *list = cq_func_shape_args(args, "compound");
    if (!list)
        return NULL;
    PyObject *r = cq_compound_of_list(list);
    Py_DECREF(list);
    return r;
}

/* The keyword `key` of kw (borrowed), or Py_None. */
static PyObject *kw_or_none(PyObject *kw, const char *key)
{
    PyObject *v = kw ? PyDict_GetItemString(kw, key) : NULL;
    return v ? v : Py_None;
}

/* Starts the history of kw's `history` (None: none) tracking every Shape of list. */
static int track_list(PyObject *kw, zk_hist **h, PyObject *list)
{
    int rc = cq_hist_begin(kw_or_none(kw, "history"), h);
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(list); i++)
        rc = cq_hist_track(*h, cq_shape_get(PyList_GET_ITEM(list, i)));
    return rc;
}

/* wire(*shapes) or wire(sequence): one wire of the edges of edges and wires. */
static PyObject *f_wire(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    PyObject *list = cq_func_shape_args(args, "wire");
    zk_shape **edges = NULL;
    size_t n = 0;
    zk_hist *h = NULL;
    if (!list || cq_func_collect(list, ZK_EDGE, "wire", &edges, &n) < 0) {
        Py_XDECREF(list);
        return NULL;
    }
    int rc = track_list(kw, &h, list);
    Py_DECREF(list);
    zk_shape *w = rc == 0 ? zk_wire_from_edges(edges, n) : NULL;
    cq_func_free(edges, n);
    PyObject *r = rc == 0 ? cq_func_wrap(w, "wire") : NULL;
    return cq_hist_result(r, h, kw_or_none(kw, "history"), kw_or_none(kw, "name"));
}

/* The bounding-box diagonal of a shape (to pick a face's outer wire). */
static double extent(const zk_shape *s)
{
    double b[6];
    if (zk_bbox(s, 0, 1, b) < 0) {
        zk_error_clear();
        return 0;
    }
    return hypot(hypot(b[3] - b[0], b[4] - b[1]), b[5] - b[2]);
}

/* A face bounded by wires: the largest is the outer one, the others holes; a single non-planar
 * wire gets a filling surface. */
zk_shape *cq_func_face_of_wires(zk_shape *const *wires, size_t n)
{
    size_t outer = 0;
    for (size_t i = 1; i < n; i++)
        if (extent(wires[i]) > extent(wires[outer]))
            outer = i;
    zk_shape **inner = PyMem_Malloc((n ? n : 1) * sizeof *inner);
    if (!inner)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (i != outer)
            inner[k++] = wires[i];
    zk_shape *f = zk_face_from_wires(wires[outer], inner, k);
    PyMem_Free(inner);
    if (!f && n == 1) {
        zk_shape **edges = NULL;
        size_t ne = 0;
        zk_error_clear();
        if (zk_explore(wires[0], ZK_EDGE, &edges, &ne) == 0)
            f = zk_face_filling(edges, ne);
        zk_free_list(edges, ne);
    }
    return f;
}

/* face(*shapes) or face(sequence): a face of edges and wires (all their edges are joined into
 * closed wires, as BOPAlgo_Tools::WiresToFaces does). */
static PyObject *f_face(PyObject *m, PyObject *args)
{
    (void)m;
    PyObject *list = cq_func_shape_args(args, "face");
    zk_shape **edges = NULL, **wires = NULL;
    size_t ne = 0, nw = 0;
    if (!list || cq_func_collect(list, ZK_EDGE, "face", &edges, &ne) < 0) {
        Py_XDECREF(list);
        return NULL;
    }
    Py_DECREF(list);
    int rc = zk_wires_from_edges(edges, ne, &wires, &nw);
    cq_func_free(edges, ne);
    zk_shape *f = rc == 0 && nw ? cq_func_face_of_wires(wires, nw) : NULL;
    zk_free_list(wires, nw);
    if (!f) {
        zk_error_clear();
        PyErr_SetString(PyExc_ValueError, "Face construction failed");
        return NULL;
    }
    return cq_func_wrap(f, "face");
}

/* shell's ctx: a Shape, or a sequence of Shapes made a Compound (new reference); NULL + error. */
static PyObject *context_of(PyObject *ctx)
{
    if (cq_shape_check(ctx))
        return Py_NewRef(ctx);
    PyObject *list = PySequence_List(ctx);
    PyObject *c = list ? cq_compound_of_list(list) : NULL;
    Py_XDECREF(list);
    if (!c && PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        PyErr_SetString(PyExc_TypeError, "shell(): ctx must be a Shape or a sequence of Shapes");
    }
    return c;
}

/* shell(*faces, tol=1e-6, manifold=True, ctx=None, history=None, name=None) or shell(sequence):
 * faces sewn into shells (with ctx: local sewing into that context). */
static PyObject *f_shell(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    PyObject *tolo = kw_or_none(kw, "tol"), *ctxo = kw_or_none(kw, "ctx"), *mano = kw_or_none(kw, "manifold");
    double tol = tolo == Py_None ? 1e-6 : PyFloat_AsDouble(tolo);
    int manifold = mano == Py_None ? 1 : PyObject_IsTrue(mano);
    if ((tol == -1.0 && PyErr_Occurred()) || manifold < 0)
        return NULL;
    PyObject *list = cq_func_shape_args(args, "shell");
    PyObject *ctx = ctxo != Py_None && PyObject_IsTrue(ctxo) == 1 ? context_of(ctxo) : NULL;
    zk_shape **faces = NULL;
    size_t n = 0;
    zk_hist *h = NULL;
    int rc = list && (ctx || ctxo == Py_None || !PyErr_Occurred()) ? cq_func_collect(list, ZK_FACE, "shell", &faces, &n)
                                                                     : -1;
    if (rc == 0)
        rc = track_list(kw, &h, list);
    if (rc == 0 && ctx)
        rc = cq_hist_track(h, cq_shape_get(ctx));
    Py_XDECREF(list);
    zk_shape *s = rc == 0 ? zk_sew(faces, n, ctx ? cq_shape_get(ctx) : NULL, tol, manifold) : NULL;
    cq_func_free(faces, n);
    Py_XDECREF(ctx);
    PyObject *r = rc == 0 ? cq_func_wrap(s, "shell") : NULL;
    return cq_hist_result(r, h, kw_or_none(kw, "history"), kw_or_none(kw, "name"));
}

/* solid(*shells_or_faces) or solid(sequence): solids bounded by the shells (faces are sewn). */
static PyObject *f_solid(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    (void)kw;
    PyObject *list = cq_func_shape_args(args, "solid");
    if (!list)
        return NULL;
    zk_shape **shells = NULL, **faces = NULL;
    size_t ns = 0, nf = 0;
    int rc = cq_func_collect(list, ZK_SHELL, "solid", &shells, &ns);
    if (rc < 0) {
        PyErr_Clear();
        rc = cq_func_collect(list, ZK_FACE, "solid", &faces, &nf);
        zk_shape *sh = rc == 0 ? zk_shell_from_faces(faces, nf) : NULL;
        cq_func_free(faces, nf);
        if (rc == 0 && !sh) {
            Py_DECREF(list);
            return cq_raise_kernel_error("solid");
        }
        if (sh) {
            PyObject *one = PyList_New(1);
            PyObject *w = one ? cq_shape_wrap(sh) : NULL;
            if (!w)
                zk_unref(sh);
            rc = w ? 0 : -1;
            if (w)
                PyList_SET_ITEM(one, 0, w);
            if (rc == 0)
                rc = cq_func_collect(one, ZK_SHELL, "solid", &shells, &ns);
            Py_XDECREF(one);
        }
    }
    Py_DECREF(list);
    if (rc < 0)
        return NULL;
    zk_shape **solids = PyMem_Calloc(ns ? ns : 1, sizeof *solids);
    size_t k = 0;
    for (size_t i = 0; solids && i < ns; i++) {
        solids[k] = zk_solid_from_shell(shells[i]);
        if (!solids[k]) {
            cq_func_free(solids, k);
            solids = NULL;
        } else {
            k++;
        }
    }
    cq_func_free(shells, ns);
    if (!solids)
        return PyErr_Occurred() ? NULL : cq_raise_kernel_error("solid");
    zk_shape *r = k == 1 ? zk_ref(solids[0]) : zk_compound(solids, k);
    cq_func_free(solids, k);
    return cq_func_wrap(r, "solid");
}

#define KW(f) (PyCFunction)(void (*)(void))(f)
static PyMethodDef func_functions[] = {
    {"vertex", f_vertex, METH_VARARGS, "vertex(x, y, z) or vertex(p): a Vertex"},
    {"segment", f_segment, METH_VARARGS, "segment(p1, p2): a line Edge"},
    {"polyline", f_polyline, METH_VARARGS, "polyline(*pts): an open Wire"},
    {"polygon", f_polygon, METH_VARARGS, "polygon(*pts): a closed Wire"},
    {"rect", f_rect, METH_VARARGS, "rect(w, h): a centred rectangle Wire"},
    {"spline", KW(f_spline), METH_VARARGS | METH_KEYWORDS,
     "spline(*pts, tol=1e-6, periodic=False) or spline(pts, tgts=None, params=None, tol, periodic, scale)"},
    {"circle", f_circle, METH_VARARGS, "circle(r): a circle Edge about the origin in XY"},
    {"ellipse", f_ellipse, METH_VARARGS, "ellipse(r1, r2): an ellipse Edge (r1 along X)"},
    {"plane", f_plane, METH_VARARGS, "plane(w, l) or plane(): a planar Face in XY"},
    {"box", f_box, METH_VARARGS, "box(w, l, h): a Solid box centred in XY on z=0"},
    {"cylinder", f_cylinder, METH_VARARGS, "cylinder(d, h): a Solid cylinder of diameter d"},
    {"sphere", f_sphere, METH_VARARGS, "sphere(d): a Solid sphere of diameter d"},
    {"torus", f_torus, METH_VARARGS, "torus(d1, d2): a Solid torus (diameters)"},
    {"cone", f_cone, METH_VARARGS, "cone(d, h) or cone(d1, d2, h): a Solid cone"},
    {"compound", f_compound, METH_VARARGS, "compound(*shapes): a Compound"},
    {"wire", KW(f_wire), METH_VARARGS | METH_KEYWORDS, "wire(*shapes): a Wire of the edges"},
    {"face", f_face, METH_VARARGS, "face(*shapes): a Face bounded by the wires/edges"},
    {"shell", KW(f_shell), METH_VARARGS | METH_KEYWORDS, "shell(*faces): faces sewn into a Shell"},
    {"solid", KW(f_solid), METH_VARARGS | METH_KEYWORDS, "solid(*shells_or_faces): a Solid"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef func_def = {PyModuleDef_HEAD_INIT, "cadquery.func",
                                      "CadQuery's free-function API (zerocad, in C).", -1, func_functions,
                                      NULL, NULL, NULL, NULL};

int cq_func_init(PyObject *module)
{
    (void)module;
    PyObject *m = PyModule_Create(&func_def);
    if (!m)
        return -1;
    int rc = PyModule_AddFunctions(m, cq_func_op_functions);
    if (rc == 0)
        rc = cq_func_more_init(m);   /* func_more.c: later functions replace earlier ones (fill) */
    if (rc == 0)
        rc = cq_history_init(m);
    if (rc == 0 && PyDict_SetItemString(PyImport_GetModuleDict(), "cadquery.func", m) < 0)
        rc = -1;
    Py_DECREF(m);
    return rc;
}
