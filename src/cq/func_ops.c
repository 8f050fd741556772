/* func_ops.c: the operations of cadquery.func: fuse, cut, intersect, split, clean, fill, check,
 * extrude, revolve, fillet, chamfer, setThreads (CadQuery semantics; history= and name= are
 * accepted and not tracked). Constructors are in func.c. */
#include "func_internal.h"
#include "history.h"

#include <math.h>

/* Reads the optional keywords `tol` (default 0), `history` and `name` (borrowed, default None).
 * Other keywords must be in `allowed`. */
static int op_kwargs(PyObject *kw, const char *fn, double *tol, PyObject **hist, PyObject **name)
{
    static const char *const allowed[] = {"tol", "glue", "history", "name", NULL};
    *tol = 0;
    *hist = *name = Py_None;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (kw && PyDict_Next(kw, &pos, &key, &value)) {
        const char *k = PyUnicode_AsUTF8(key);
        int ok = 0;
        for (int i = 0; k && allowed[i]; i++)
            ok |= strcmp(k, allowed[i]) == 0;
        if (!ok) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'", fn, key);
            return -1;
        }
        if (strcmp(k, "history") == 0)
            *hist = value;
        if (strcmp(k, "name") == 0)
            *name = value;
        if (strcmp(k, "tol") == 0 && value != Py_None) {
            *tol = PyFloat_AsDouble(value);
            if (*tol == -1 && PyErr_Occurred())
                return -1;
        }
    }
    return 0;
}

/* The Shapes of positional arguments from index `from` on (borrowed handles, PyMem array). */
static zk_shape **shapes_of(PyObject *args, Py_ssize_t from, const char *fn, size_t *n)
{
    Py_ssize_t len = PyTuple_GET_SIZE(args) - from;
    zk_shape **arr = PyMem_Malloc((len > 0 ? (size_t)len : 1) * sizeof *arr);
    if (!arr) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        PyObject *o = PyTuple_GET_ITEM(args, from + i);
        if (!cq_shape_check(o)) {
            PyErr_Format(PyExc_TypeError, "%s() expects Shapes, got %.100s", fn, Py_TYPE(o)->tp_name);
            PyMem_Free(arr);
            return NULL;
        }
        arr[i] = ((CQShape *)o)->s;
    }
    *n = (size_t)len;
    return arr;
}

typedef zk_shape *(*bool_fn)(const zk_shape *, zk_shape *const *, size_t, double);

static zk_shape *fuse_nog(const zk_shape *a, zk_shape *const *t, size_t n, double tol)
{
    return zk_fuse(a, t, n, 0, tol);
}

static zk_shape *split_tol(const zk_shape *a, zk_shape *const *t, size_t n, double tol)
{
    (void)tol;
    return zk_split(a, t, n);
}

static PyObject *boolean(PyObject *args, PyObject *kw, const char *fn, bool_fn op, int many)
{
    double tol;
    PyObject *hist, *name;
    zk_hist *h = NULL;
    if (op_kwargs(kw, fn, &tol, &hist, &name) < 0)
        return NULL;
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs < 2 || (!many && nargs > 2)) {
        PyErr_Format(PyExc_TypeError, many ? "%s() takes at least 2 shapes" : "%s() takes 2 shapes", fn);
        return NULL;
    }
    size_t n;
    zk_shape **s = shapes_of(args, 0, fn, &n);
    if (!s)
        return NULL;
    int rc = cq_hist_begin(hist, &h);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = cq_hist_track(h, s[i]);
    zk_shape *r = rc == 0 ? op(s[0], s + 1, n - 1, tol) : NULL;
    PyMem_Free(s);
    return cq_hist_result(cq_func_wrap(r, fn), h, hist, name);
}

static PyObject *f_fuse(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    return boolean(args, kw, "fuse", fuse_nog, 1);
}

static PyObject *f_cut(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    return boolean(args, kw, "cut", zk_cut, 0);
}

static PyObject *f_intersect(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    return boolean(args, kw, "intersect", zk_common, 0);
}

static PyObject *f_split(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    return boolean(args, kw, "split", split_tol, 0);
}

static PyObject *f_clean(PyObject *m, PyObject *s)
{
    (void)m;
    zk_shape *k = cq_shape_get(s);
    return k ? cq_func_wrap(zk_clean(k), "clean") : NULL;
}

/* check(s, results=None, tol=None, verbose=True): is the shape valid. */
static PyObject *f_check(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"s", "results", "tol", "verbose", NULL};
    PyObject *s, *results = Py_None, *tol = Py_None, *verbose = Py_True;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOO:check", kwlist, &s, &results, &tol, &verbose))
        return NULL;
    zk_shape *k = cq_shape_get(s);
    if (!k)
        return NULL;
    if (results != Py_None && PyList_Check(results) && PyList_SetSlice(results, 0, PY_SSIZE_T_MAX, NULL) < 0)
        return NULL;
    return PyBool_FromLong(zk_is_valid(k) == 1);
}

/* fill(s, constraints=()): a surface filling the edges of s. */
static PyObject *f_fill(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"s", "constraints", NULL};
    PyObject *s, *cons = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:fill", kwlist, &s, &cons))
        return NULL;
    if (cons && PyObject_IsTrue(cons) == 1) {
        PyErr_SetString(PyExc_NotImplementedError, "fill(): constraints are not supported by zerocad");
        return NULL;
    }
    zk_shape *k = cq_shape_get(s);
    zk_shape **edges = NULL;
    size_t n = 0;
    if (!k)
        return NULL;
    if (zk_explore(k, ZK_EDGE, &edges, &n) < 0)
        return cq_raise_kernel_error("fill");
    zk_shape *f = n ? zk_face_filling(edges, n) : NULL;
    zk_free_list(edges, n);
    if (!n) {
        PyErr_SetString(PyExc_ValueError, "fill(): the shape has no edges");
        return NULL;
    }
    return cq_func_wrap(f, "fill");
}

/* The elements of s to sweep: the shape itself, or the children of a compound. New list. */
static int elements(zk_shape *s, zk_shape ***out, size_t *n)
{
    if (zk_shape_type(s) != ZK_COMPOUND) {
        *out = PyMem_Malloc(sizeof **out);
        if (!*out) {
            PyErr_NoMemory();
            return -1;
        }
        (*out)[0] = zk_ref(s);
        *n = 1;
        return 0;
    }
    zk_shape **kids = NULL;
    size_t nk = 0;
    if (zk_children(s, &kids, &nk) < 0) {
        cq_raise_kernel_error("elements");
        return -1;
    }
    zk_shape **arr = PyMem_Malloc((nk ? nk : 1) * sizeof *arr);
    for (size_t i = 0; arr && i < nk; i++)
        arr[i] = zk_ref(kids[i]);
    zk_free_list(kids, nk);
    if (!arr) {
        PyErr_NoMemory();
        return -1;
    }
    *out = arr;
    *n = nk;
    return 0;
}

/* Result of applying `one` to every element: one shape or a compound. */
typedef zk_shape *(*elem_fn)(zk_shape *el, const void *ctx);

static PyObject *per_element_run(PyObject *s, elem_fn one, const void *ctx, const char *fn)
{
    zk_shape *k = cq_shape_get(s);
    zk_shape **els = NULL;
    size_t n = 0;
    if (!k || elements(k, &els, &n) < 0)
        return NULL;
    zk_shape **res = PyMem_Calloc(n ? n : 1, sizeof *res);
    size_t done = 0;
    for (; res && done < n; done++) {
        res[done] = one(els[done], ctx);
        if (!res[done])
            break;
    }
    cq_func_free(els, n);
    if (!res)
        return PyErr_NoMemory();
    if (done < n) {
        cq_func_free(res, done);
        return cq_raise_kernel_error(fn);
    }
    zk_shape *r = n == 1 ? zk_ref(res[0]) : zk_compound(res, n);
    cq_func_free(res, n);
    return cq_func_wrap(r, fn);
}

/* per_element_run recorded into history (None: not recorded), tracking s. */
static PyObject *per_element(PyObject *s, elem_fn one, const void *ctx, const char *fn, PyObject *hist,
                             PyObject *name)
{
    zk_hist *h = NULL;
    zk_shape *k = cq_shape_get(s);
    if (!k || cq_hist_begin(hist, &h) < 0)
        return NULL;
    PyObject *r = cq_hist_track(h, k) == 0 ? per_element_run(s, one, ctx, fn) : NULL;
    return cq_hist_result(r, h, hist, name);
}

typedef struct {
    zk_vec d;
    int both;
} extrude_ctx;

static zk_shape *extrude_one(zk_shape *el, const void *p)
{
    const extrude_ctx *c = p;
    if (!c->both)
        return zk_prism(el, c->d);
    zk_shape *back = zk_translated(el, (zk_vec){-c->d.x, -c->d.y, -c->d.z});
    zk_shape *r = back ? zk_prism(back, (zk_vec){2 * c->d.x, 2 * c->d.y, 2 * c->d.z}) : NULL;
    zk_unref(back);
    return r;
}

/* extrude(s, d, both=False) */
static PyObject *f_extrude(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"s", "d", "both", "history", "name", NULL};
    PyObject *s, *d, *hist = Py_None, *name = Py_None;
    int both = 0;
    extrude_ctx c;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|pOO:extrude", kwlist, &s, &d, &both, &hist, &name) ||
        cq_vector_from_obj(d, &c.d) < 0)
        return NULL;
    c.both = both;
    return per_element(s, extrude_one, &c, "extrude", hist, name);
}

typedef struct {
    zk_vec p, d;
    double a;
} revolve_ctx;

static zk_shape *revolve_one(zk_shape *el, const void *p)
{
    const revolve_ctx *c = p;
    return zk_revolve(el, c->p, c->d, c->a);
}

/* revolve(s, p, d, a=360) */
static PyObject *f_revolve(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"s", "p", "d", "a", "history", "name", NULL};
    PyObject *s, *p, *d, *hist = Py_None, *name = Py_None;
    revolve_ctx c;
    double a = 360;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOO|dOO:revolve", kwlist, &s, &p, &d, &a, &hist, &name) ||
        cq_vector_from_obj(p, &c.p) < 0 || cq_vector_from_obj(d, &c.d) < 0)
        return NULL;
    c.a = a * M_PI / 180.0;
    return per_element(s, revolve_one, &c, "revolve", hist, name);
}

/* fillet(s, edges, r) / chamfer(s, edges, d) */
static PyObject *edge_feature(PyObject *args, PyObject *kw, int is_fillet)
{
    static char *kwlist[] = {"s", "edges", "r", "history", "name", NULL};
    PyObject *s, *e, *hist = NULL, *name = NULL;
    double r;
    const char *fn = is_fillet ? "fillet" : "chamfer";
    if (!PyArg_ParseTupleAndKeywords(args, kw, is_fillet ? "OOd|OO:fillet" : "OOd|OO:chamfer", kwlist, &s, &e,
                                     &r, &hist, &name))
        return NULL;
    zk_shape *ks = cq_shape_get(s), *ke = ks ? cq_shape_get(e) : NULL;
    zk_shape **edges = NULL;
    size_t n = 0;
    if (!ke)
        return NULL;
    if (zk_explore(ke, ZK_EDGE, &edges, &n) < 0)
        return cq_raise_kernel_error(fn);
    zk_shape *res = is_fillet ? zk_fillet(ks, edges, n, r) : zk_chamfer(ks, edges, n, r, -1);
    zk_free_list(edges, n);
    return cq_func_wrap(res, fn);
}

static PyObject *f_fillet(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    return edge_feature(args, kw, 1);
}

static PyObject *f_chamfer(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    return edge_feature(args, kw, 0);
}

/* setThreads(n): OCCT's parallel mode is off in zerocad; accepted for compatibility. */
static PyObject *f_set_threads(PyObject *m, PyObject *n)
{
    (void)m;
    long v = PyLong_AsLong(n);
    if (v == -1 && PyErr_Occurred())
        return NULL;
    Py_RETURN_NONE;
}

#define KW(f) (PyCFunction)(void (*)(void))(f)
PyMethodDef cq_func_op_functions[] = {
    {"fuse", KW(f_fuse), METH_VARARGS | METH_KEYWORDS, "fuse(s1, s2, *shapes, tol=0.0): boolean union"},
    {"cut", KW(f_cut), METH_VARARGS | METH_KEYWORDS, "cut(s1, s2, tol=0.0): boolean difference"},
    {"intersect", KW(f_intersect), METH_VARARGS | METH_KEYWORDS, "intersect(s1, s2, tol=0.0): common part"},
    {"split", KW(f_split), METH_VARARGS | METH_KEYWORDS, "split(s1, s2): s1 split by s2"},
    {"clean", f_clean, METH_O, "clean(s): unify same-domain faces and edges"},
    {"check", KW(f_check), METH_VARARGS | METH_KEYWORDS, "check(s): is the shape valid"},
    {"fill", KW(f_fill), METH_VARARGS | METH_KEYWORDS, "fill(s): a face filling the edges of s"},
    {"extrude", KW(f_extrude), METH_VARARGS | METH_KEYWORDS, "extrude(s, d, both=False)"},
    {"revolve", KW(f_revolve), METH_VARARGS | METH_KEYWORDS, "revolve(s, p, d, a=360)"},
    {"fillet", KW(f_fillet), METH_VARARGS | METH_KEYWORDS, "fillet(s, edges, r)"},
    {"chamfer", KW(f_chamfer), METH_VARARGS | METH_KEYWORDS, "chamfer(s, edges, d)"},
    {"setThreads", f_set_threads, METH_O, "setThreads(n): accepted, no effect"},
    {NULL, NULL, 0, NULL}};
