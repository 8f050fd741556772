/* func_more.c: the rest of current CadQuery's free functions (cadquery.func): edgeOn, wireOn,
 * faceOn, text (flat), offset, offset2D, fillet2D, chamfer2D, sweep, loft, hollow, closest,
 * isSubshape, hlr (HLRResult), enclose, imprint, fill (with constraints), cap, project.
 * `history=` and `name=` are accepted and not tracked (cadquery.func.History is not built). */
#include "func_internal.h"
#include "history.h"

#include <stdlib.h>
#include <string.h>

static zk_shape *S(PyObject *o) { return ((CQShape *)o)->s; }

#define KW(f) (PyCFunction)(void (*)(void))(f)

/* A growable array of new kernel references. */
typedef struct {
    zk_shape **a;
    size_t n, cap;
} shape_vec;

static int sv_push(shape_vec *v, zk_shape *s)
{
    if (!s)
        return -1;
    if (v->n == v->cap) {
        size_t c = v->cap ? 2 * v->cap : 8;
        zk_shape **g = PyMem_Realloc(v->a, c * sizeof *g);
        if (!g) {
            zk_unref(s);
            PyErr_NoMemory();
            return -1;
        }
        v->a = g;
        v->cap = c;
    }
    v->a[v->n++] = s;
    return 0;
}

static void sv_free(shape_vec *v)
{
    for (size_t i = 0; i < v->n; i++)
        zk_unref(v->a[i]);
    PyMem_Free(v->a);
    v->a = NULL;
    v->n = v->cap = 0;
}

/* CadQuery's _get_wires: a wire, an edge (as a wire) or a compound of them. */
static int get_wires(zk_shape *s, shape_vec *out)
{
    zk_type t = zk_shape_type(s);
    if (t == ZK_WIRE)
        return sv_push(out, zk_ref(s));
    if (t == ZK_EDGE) {
        zk_shape *w = zk_wire_from_edges(&s, 1);
        if (!w)
            cq_raise_kernel_error("wire");
        return sv_push(out, w);
    }
    if (t == ZK_COMPOUND) {
        zk_shape **kids = NULL;
        size_t n = 0;
        if (zk_children(s, &kids, &n) < 0) {
            cq_raise_kernel_error("wires");
            return -1;
        }
        int rc = 0;
        for (size_t i = 0; rc == 0 && i < n; i++)
            rc = get_wires(kids[i], out);
        zk_free_list(kids, n);
        return rc;
    }
    PyErr_SetString(PyExc_ValueError, "Required type(s): Edge, Wire");
    return -1;
}

/* CadQuery's _get_edges: edges of edges, wires and compounds of them. */
static int get_edges(zk_shape *s, shape_vec *out)
{
    zk_type t = zk_shape_type(s);
    if (t != ZK_EDGE && t != ZK_WIRE && t != ZK_COMPOUND) {
        PyErr_SetString(PyExc_ValueError, "Required type(s): Edge, Wire");
        return -1;
    }
    zk_shape **e = NULL;
    size_t n = 0;
    if (zk_explore(s, ZK_EDGE, &e, &n) < 0) {
        cq_raise_kernel_error("edges");
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        if (rc == 0)
            rc = sv_push(out, e[i]);
        else
            zk_unref(e[i]);
    free(e);
    return rc;
}

/* CadQuery's _get_one(s, Face): the shape if a face, else the only face of a compound. Borrowed/new ref. */
static zk_shape *get_one_face(PyObject *o)
{
    zk_shape *s = cq_shape_get(o);
    if (!s)
        return NULL;
    zk_shape **f = NULL;
    size_t n = 0;
    if (zk_shape_type(s) == ZK_FACE)
        return zk_ref(s);
    if (zk_shape_type(s) == ZK_COMPOUND && zk_explore(s, ZK_FACE, &f, &n) == 0 && n >= 1) {
        zk_shape *r = zk_ref(f[0]);
        zk_free_list(f, n);
        return r;
    }
    zk_free_list(f, n);
    PyErr_SetString(PyExc_ValueError, "Required type(s): Face");
    return NULL;
}

static PyObject *wrap(zk_shape *s, const char *what) { return cq_func_wrap(s, what); }

/* A compound of the vector's shapes, normalised (CadQuery's _compound_or_shape). */
static PyObject *wrap_vec(shape_vec *v, const char *what)
{
    zk_shape *c = zk_compound(v->a, v->n);
    sv_free(v);
    return wrap(c, what);
}

/* ------------------------------------------------------------------ on-face constructions */

/* The (u, v) points of an edge sampled N times (x, y of its 3D points), CadQuery's edgeOn mapping. */
static zk_shape *edge_on_mapped(zk_shape *face, zk_shape *e, int N, double tol)
{
    double *us = NULL;
    size_t n = 0;
    if (zk_curve_sample(e, N, 0, &us, &n) < 0)
        return NULL;
    int periodic = 0, closed = 0;
    double period = 0, t0, t1;
    if (zk_curve_periodicity(e, &periodic, &period, &closed) < 0 || zk_curve_bounds(e, &t0, &t1) < 0) {
        free(us);
        return NULL;
    }
    double *uv = PyMem_Malloc(sizeof(double) * 2 * (n + 1)), *ps = PyMem_Malloc(sizeof(double) * (n + 1));
    zk_shape *r = NULL;
    if (uv && ps) {
        for (size_t i = 0; i < n; i++) {
            zk_vec p;
            zk_curve_d1(e, us[i], &p, NULL);
            uv[2 * i] = p.x;
            uv[2 * i + 1] = p.y;
            ps[i] = us[i];
        }
        size_t np = n;
        int per = 0;
        if (periodic && closed) {
            per = 1;
            ps[n] = t0 + period;
        } else if (closed) {
            uv[2 * n] = uv[0];
            uv[2 * n + 1] = uv[1];
            ps[n] = t1;
            np = n + 1;
        }
        r = zk_edge_on_face(face, uv, np, ps, per, tol);
    }
    PyMem_Free(uv);
    PyMem_Free(ps);
    free(us);
    return r;
}

/* edgeOn(base, pts, periodic=False, tol=1e-6) | edgeOn(base, edge, *edges, tol=1e-6, N=20). */
static PyObject *f_edgeOn(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    Py_ssize_t na = PyTuple_GET_SIZE(args);
    if (na < 2) {
        PyErr_SetString(PyExc_TypeError, "edgeOn(base, pts or edges)");
        return NULL;
    }
    double tol = 1e-6;
    int N = 20, periodic = 0;
    PyObject *v;
    if (kw && (v = PyDict_GetItemString(kw, "tol")) && (tol = PyFloat_AsDouble(v)) == -1.0 && PyErr_Occurred())
        return NULL;
    if (kw && (v = PyDict_GetItemString(kw, "N")) && (N = (int)PyLong_AsLong(v)) == -1 && PyErr_Occurred())
        return NULL;
    if (kw && (v = PyDict_GetItemString(kw, "periodic")))
        periodic = PyObject_IsTrue(v);
    zk_shape *face = get_one_face(PyTuple_GET_ITEM(args, 0));
    if (!face)
        return NULL;
    PyObject *second = PyTuple_GET_ITEM(args, 1), *res = NULL;
    if (!cq_shape_check(second)) {
        if (na > 2)
            periodic = PyObject_IsTrue(PyTuple_GET_ITEM(args, 2));
        PyObject *seq = PySequence_Fast(second, "edgeOn expects (u, v) points");
        Py_ssize_t n = seq ? PySequence_Fast_GET_SIZE(seq) : 0;
        double *uv = seq ? PyMem_Malloc(sizeof(double) * 2 * (size_t)(n + 1)) : NULL;
        int ok = uv != NULL;
        for (Py_ssize_t i = 0; ok && i < n; i++)
            ok = PyArg_ParseTuple(PySequence_Fast_GET_ITEM(seq, i), "dd", &uv[2 * i], &uv[2 * i + 1]);
        if (ok)
            res = wrap(zk_edge_on_face(face, uv, (size_t)n, NULL, periodic, tol), "edgeOn");
        PyMem_Free(uv);
        Py_XDECREF(seq);
    } else {
        shape_vec edges = {0}, out = {0};
        int rc = 0;
        for (Py_ssize_t i = 1; rc == 0 && i < na; i++) {
            zk_shape *s = cq_shape_get(PyTuple_GET_ITEM(args, i));
            rc = s ? get_edges(s, &edges) : -1;
        }
        for (size_t i = 0; rc == 0 && i < edges.n; i++) {
            zk_shape *e = edge_on_mapped(face, edges.a[i], N, tol);
            if (!e)
                cq_raise_kernel_error("edgeOn");
            rc = sv_push(&out, e);
        }
        sv_free(&edges);
        if (rc == 0)
            res = wrap_vec(&out, "edgeOn");
        sv_free(&out);
    }
    zk_unref(face);
    return res;
}

/* The wire of a wire's edges mapped onto a face. New ref or NULL (exception set). */
static zk_shape *wire_on(zk_shape *face, zk_shape *w, int N, double tol)
{
    shape_vec edges = {0}, out = {0};
    int rc = get_edges(w, &edges);
    for (size_t i = 0; rc == 0 && i < edges.n; i++) {
        zk_shape *e = edge_on_mapped(face, edges.a[i], N, tol);
        if (!e)
            cq_raise_kernel_error("wireOn");
        rc = sv_push(&out, e);
    }
    zk_shape *r = rc == 0 ? zk_wire_from_edges(out.a, out.n) : NULL;
    if (rc == 0 && !r)
        cq_raise_kernel_error("wireOn");
    sv_free(&edges);
    sv_free(&out);
    return r;
}

static PyObject *f_wireOn(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"base", "w", "tol", "N", NULL};
    PyObject *base, *w;
    double tol = 1e-6;
    int N = 20;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO!|di:wireOn", kwlist, &base, &CQShapeType, &w, &tol, &N))
        return NULL;
    zk_shape *face = get_one_face(base);
    if (!face)
        return NULL;
    zk_shape *r = wire_on(face, S(w), N, tol);
    zk_unref(face);
    return r ? cq_shape_wrap(r) : NULL;
}

/* faceOn(base, *faces, tol=1e-6, N=20): each planar face mapped onto base's (u, v) space. */
static PyObject *f_faceOn(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    double tol = 1e-6;
    int N = 20;
    PyObject *v;
    if (kw && (v = PyDict_GetItemString(kw, "tol")) && (tol = PyFloat_AsDouble(v)) == -1.0 && PyErr_Occurred())
        return NULL;
    if (kw && (v = PyDict_GetItemString(kw, "N")) && (N = (int)PyLong_AsLong(v)) == -1 && PyErr_Occurred())
        return NULL;
    if (PyTuple_GET_SIZE(args) < 1) {
        PyErr_SetString(PyExc_TypeError, "faceOn(base, *faces)");
        return NULL;
    }
    zk_shape *base = get_one_face(PyTuple_GET_ITEM(args, 0));
    if (!base)
        return NULL;
    shape_vec out = {0};
    int rc = 0;
    for (Py_ssize_t i = 1; rc == 0 && i < PyTuple_GET_SIZE(args); i++) {
        zk_shape *s = cq_shape_get(PyTuple_GET_ITEM(args, i)), **faces = NULL;
        size_t nf = 0;
        if (!s || zk_explore(s, ZK_FACE, &faces, &nf) < 0) {
            rc = -1;
            if (s)
                cq_raise_kernel_error("faceOn");
            break;
        }
        for (size_t k = 0; rc == 0 && k < nf; k++) {
            zk_shape *outer = zk_face_outer_wire(faces[k]), **inner = NULL;
            size_t ni = 0;
            zk_face_inner_wires(faces[k], &inner, &ni);
            shape_vec mapped = {0};
            zk_shape *mo = outer ? wire_on(base, outer, N, tol) : NULL;
            rc = mo ? 0 : -1;
            for (size_t j = 0; rc == 0 && j < ni; j++) {
                zk_shape *mi = wire_on(base, inner[j], N, tol);
                rc = mi ? sv_push(&mapped, mi) : -1;
            }
            zk_shape *f = rc == 0 ? zk_face_trim_wires(base, mo, mapped.a, mapped.n) : NULL;
            if (rc == 0 && !f)
                cq_raise_kernel_error("faceOn");
            if (rc == 0)
                rc = sv_push(&out, f);
            zk_unref(mo);
            zk_unref(outer);
            zk_free_list(inner, ni);
            sv_free(&mapped);
        }
        zk_free_list(faces, nf);
    }
    zk_unref(base);
    if (rc < 0 || PyErr_Occurred()) {
        sv_free(&out);
        if (!PyErr_Occurred())
            cq_raise_kernel_error("faceOn");
        return NULL;
    }
    if (out.n == 1) {
        zk_shape *f = zk_ref(out.a[0]);
        sv_free(&out);
        return cq_shape_wrap(f);
    }
    return wrap_vec(&out, "faceOn");
}

/* ------------------------------------------------------------------ text */

static int align_of(const char *s, const char *lo, const char *hi)
{
    return strcmp(s, lo) == 0 ? 0 : strcmp(s, hi) == 0 ? 2 : 1;
}

/* text(txt, size, font="Arial", path=None, kind="regular", halign="center", valign="center"):
 * the planar faces of the text in the XY plane, fused and cleaned. */
static PyObject *f_text(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"txt", "size", "font", "path", "kind", "halign", "valign", NULL};
    const char *txt, *font = "Arial", *path = NULL, *kind = "regular", *ha = "center", *va = "center";
    double size;
    if (PyTuple_GET_SIZE(args) > 2 && cq_shape_check(PyTuple_GET_ITEM(args, 2))) {
        PyErr_SetString(PyExc_NotImplementedError, "text() on a spine is not supported by zerocad");
        return NULL;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kw, "sd|szsss:text", kwlist, &txt, &size, &font, &path, &kind, &ha, &va))
        return NULL;
    int k = strcmp(kind, "bold") == 0 ? 1 : strcmp(kind, "italic") == 0 ? 2 : 0;
    zk_shape *t = zk_text(txt, size, 0, font, path, k, align_of(ha, "left", "right"),
                          align_of(va, "bottom", "top"), NULL);
    if (!t)
        return cq_raise_kernel_error("text");
    zk_shape **faces = NULL;
    size_t n = 0;
    zk_shape *r = NULL;
    if (zk_explore(t, ZK_FACE, &faces, &n) == 0) {
        zk_shape *c = zk_compound(faces, n);
        zk_shape *fused = c && n > 1 ? cq_wpf_compound_fuse(c) : (c ? zk_ref(c) : NULL);
        r = fused ? zk_clean(fused) : NULL;
        zk_unref(fused);
        zk_unref(c);
    }
    zk_free_list(faces, n);
    zk_unref(t);
    return wrap(r, "text");
}

/* ------------------------------------------------------------------ offsets */

/* offset(s, t, cap=True, both=False, tol=1e-6): faces and shells thickened by t (both sides: fused). */
static PyObject *f_offset(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"s", "t", "cap", "both", "tol", "history", "name", NULL};
    PyObject *s, *hist = Py_None, *name = Py_None;
    double t, tol = 1e-6;
    int cap = 1, both = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!d|ppdOO:offset", kwlist, &CQShapeType, &s, &t, &cap, &both, &tol,
                                     &hist, &name))
        return NULL;
    zk_type ty = zk_shape_type(S(s));
    zk_shape **items = NULL;
    size_t n = 0;
    if (ty == ZK_FACE || ty == ZK_SHELL) {
        items = &((CQShape *)s)->s;
        n = 1;
    } else if (ty == ZK_COMPOUND) {
        if (zk_children(S(s), &items, &n) < 0)
            return cq_raise_kernel_error("offset");
    } else {
        PyErr_SetString(PyExc_ValueError, "Required type(s): Face, Shell");
        return NULL;
    }
    shape_vec out = {0};
    zk_hist *h = NULL;
    int rc = cq_hist_begin(hist, &h) == 0 && cq_hist_track(h, S(s)) == 0 ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        zk_shape *a = zk_offset_skin(items[i], t, tol, cap);
        if (a && both) {
            zk_shape *b = zk_offset_skin(items[i], -t, tol, cap);
            zk_hist_record_into(NULL);   /* the fuse of the two sides is not part of the history */
            zk_shape *f = b ? zk_fuse(a, &b, 1, 0, 0) : NULL;
            zk_hist_record_into(h);
            zk_unref(b);
            zk_unref(a);
            a = f;
        }
        if (!a)
            cq_raise_kernel_error("offset");
        rc = sv_push(&out, a);
    }
    if (ty == ZK_COMPOUND)
        zk_free_list(items, n);
    PyObject *res = rc == 0 ? wrap_vec(&out, "offset") : (sv_free(&out), NULL);
    PyObject *op = cq_hist_end(h, hist, name, res != NULL);
    PyObject *faces = op && op != Py_None && both ? PyObject_CallMethod(s, "Faces", NULL) : NULL;
    if (!op || (op != Py_None && both && (!faces || cq_hist_add_deleted(op, faces) < 0)))
        Py_CLEAR(res);
    Py_XDECREF(faces);
    Py_XDECREF(op);
    return res;
}

static int offset_kind(const char *kind, int allow_tangent)
{
    if (strcmp(kind, "arc") == 0)
        return 0;
    if (strcmp(kind, "intersection") == 0)
        return 1;
    if (allow_tangent && strcmp(kind, "tangent") == 0)
        return 2;
    PyErr_Format(PyExc_ValueError, "unknown kind '%s'", kind);
    return -1;
}

/* offset2D(s, t, ctx=None, kind="arc", closed=True). */
static PyObject *f_offset2D(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"s", "t", "ctx", "kind", "closed", "history", "name", NULL};
    PyObject *s, *ctx = Py_None, *hist = Py_None, *name = Py_None;
    double t;
    const char *kind = "arc";
    int closed = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!d|OspOO:offset2D", kwlist, &CQShapeType, &s, &t, &ctx, &kind,
                                     &closed, &hist, &name))
        return NULL;
    int k = offset_kind(kind, 1);
    if (k < 0)
        return NULL;
    zk_shape *cf = NULL;
    if (ctx != Py_None && !(cf = get_one_face(ctx)))
        return NULL;
    shape_vec w = {0};
    PyObject *r = NULL;
    zk_hist *h = NULL;
    if (cq_hist_begin(hist, &h) == 0 && cq_hist_track(h, S(s)) == 0 && get_wires(S(s), &w) == 0)
        r = wrap(zk_offset2d_ex(w.a, w.n, t, cf, k, !closed), "offset2D");
    sv_free(&w);
    zk_unref(cf);
    return cq_hist_result(r, h, hist, name);
}

/* fillet2D(s, verts, r) / chamfer2D(s, verts, d): on the face of s at the vertices of verts. */
static PyObject *fillet_chamfer_2d(PyObject *args, PyObject *kw, int chamfer)
{
    static char *kwlist[] = {"s", "verts", "r", "history", "name", NULL};
    PyObject *s, *verts, *hist = Py_None, *name = Py_None;
    double r;
    if (!PyArg_ParseTupleAndKeywords(args, kw, chamfer ? "OO!d|OO:chamfer2D" : "OO!d|OO:fillet2D", kwlist, &s,
                                     &CQShapeType, &verts, &r, &hist, &name))
        return NULL;
    zk_shape *f = get_one_face(s);
    if (!f)
        return NULL;
    zk_shape **v = NULL;
    size_t n = 0;
    PyObject *res = NULL;
    zk_hist *h = NULL;
    if (cq_hist_begin(hist, &h) < 0 || (cq_shape_check(s) && cq_hist_track(h, S(s)) < 0))
        res = NULL;
    else if (zk_explore(S(verts), ZK_VERTEX, &v, &n) < 0)
        res = cq_raise_kernel_error("fillet2D");
    else
        res = wrap(chamfer ? zk_chamfer2d(f, v, n, r) : zk_fillet2d(f, v, n, r), chamfer ? "chamfer2D" : "fillet2D");
    zk_free_list(v, n);
    zk_unref(f);
    return cq_hist_result(res, h, hist, name);
}

static PyObject *f_fillet2D(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    return fillet_chamfer_2d(args, kw, 0);
}

static PyObject *f_chamfer2D(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    return fillet_chamfer_2d(args, kw, 1);
}

/* ------------------------------------------------------------------ sweep and loft */

/* The profiles of sweep/loft: one Shape or a sequence of Shapes, as a new list. */
static PyObject *profiles_of(PyObject *o)
{
    if (cq_shape_check(o)) {
        PyObject *l = PyList_New(1);
        if (l)
            PyList_SET_ITEM(l, 0, Py_NewRef(o));
        return l;
    }
    PyObject *l = PySequence_List(o);
    for (Py_ssize_t i = 0; l && i < PyList_GET_SIZE(l); i++)
        if (!cq_shape_check(PyList_GET_ITEM(l, i))) {
            PyErr_SetString(PyExc_TypeError, "expected Shapes");
            Py_CLEAR(l);
        }
    return l;
}

/* All the faces of the profiles (new refs), in order; 0 when none has faces. */
static int faces_of(PyObject *profiles, shape_vec *faces)
{
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(profiles); i++) {
        zk_shape **f = NULL;
        size_t n = 0;
        if (zk_explore(S(PyList_GET_ITEM(profiles, i)), ZK_FACE, &f, &n) < 0) {
            cq_raise_kernel_error("faces");
            return -1;
        }
        for (size_t k = 0; k < n; k++)
            if (sv_push(faces, zk_ref(f[k])) < 0) {
                zk_free_list(f, n);
                return -1;
            }
        zk_free_list(f, n);
    }
    return 0;
}

/* outer - (inner solids): the solid of a face profile. Steals outer and the inners. */
static zk_shape *minus_inners(zk_shape *outer, shape_vec *inners)
{
    if (!outer || inners->n == 0)
        return outer;
    zk_hist *h = zk_hist_active();
    if (h)   /* the history maps what the sweeps made onto the result of the cut */
        zk_hist_set_mode(h, ZK_HIST_REMAP);
    zk_shape *r = zk_cut(outer, inners->a, inners->n, 0);
    if (h)
        zk_hist_set_mode(h, ZK_HIST_RECORD);
    zk_unref(outer);
    return r;
}

static int transition_of(const char *t)
{
    return strcmp(t, "round") == 0 ? 1 : strcmp(t, "right") == 0 ? 2 : 0;
}

/* Starts the history (None: nothing) tracking every profile and, when not NULL, extra. */
static int track_all(PyObject *hist, zk_hist **h, PyObject *profiles, zk_shape *extra)
{
    int rc = cq_hist_begin(hist, h);
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(profiles); i++)
        rc = cq_hist_track(*h, S(PyList_GET_ITEM(profiles, i)));
    return rc == 0 && extra ? cq_hist_track(*h, extra) : rc;
}

/* sweep(s, path, aux=None, cap=False, transition="transformed"): s a shape (each face or wire swept)
 * or a sequence of sections (one multi-section sweep). */
static PyObject *f_sweep(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"s", "path", "aux", "cap", "transition", "history", "name", NULL};
    PyObject *so, *path, *aux = Py_None, *hist = Py_None, *name = Py_None;
    int cap = 0;
    const char *trans = "transformed";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO!|OpsOO:sweep", kwlist, &so, &CQShapeType, &path, &aux, &cap, &trans,
                                     &hist, &name))
        return NULL;
    int multi = !cq_shape_check(so), tr = transition_of(trans);
    zk_shape *auxs = NULL;
    shape_vec spine = {0};
    if (get_wires(S(path), &spine) < 0)
        return NULL;
    if (aux != Py_None) {
        shape_vec av = {0};
        if (!cq_shape_check(aux) || get_wires(S(aux), &av) < 0 || av.n < 1) {
            sv_free(&av);
            sv_free(&spine);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "sweep: aux must be an edge or a wire");
            return NULL;
        }
        auxs = zk_ref(av.a[0]);
        sv_free(&av);
    }
    PyObject *profiles = profiles_of(so);
    shape_vec faces = {0}, out = {0};
    zk_hist *h = NULL;
    int rc = profiles && spine.n ? faces_of(profiles, &faces) : -1;
    if (rc == 0)
        rc = track_all(hist, &h, profiles, S(path));
    if (rc == 0 && faces.n) {
        size_t nsec = multi ? faces.n : 1, nsweeps = multi ? 1 : faces.n;
        for (size_t i = 0; rc == 0 && i < nsweeps; i++) {
            shape_vec outer = {0}, inners = {0};
            zk_shape **first_inner = NULL;
            size_t ni = 0;
            for (size_t k = 0; rc == 0 && k < nsec; k++)
                rc = sv_push(&outer, zk_face_outer_wire(faces.a[multi ? k : i]));
            if (rc == 0)
                zk_face_inner_wires(faces.a[multi ? 0 : i], &first_inner, &ni);
            zk_shape *sol = rc == 0 ? zk_pipe_shell_ex(outer.a, outer.n, spine.a[0], 0, auxs, 1, NULL, tr, 1) : NULL;
            for (size_t j = 0; sol && rc == 0 && j < ni; j++) {
                shape_vec sec = {0};
                for (size_t k = 0; rc == 0 && k < nsec; k++) {
                    zk_shape **iw = NULL;
                    size_t nw = 0;
                    zk_face_inner_wires(faces.a[multi ? k : i], &iw, &nw);
                    rc = j < nw ? sv_push(&sec, zk_ref(iw[j])) : 0;
                    zk_free_list(iw, nw);
                }
                zk_shape *is = zk_pipe_shell_ex(sec.a, sec.n, spine.a[0], 0, auxs, 1, NULL, tr, 1);
                if (!is)
                    rc = -1;
                else
                    rc = sv_push(&inners, is);
                sv_free(&sec);
            }
            sol = rc == 0 ? minus_inners(sol, &inners) : (zk_unref(sol), NULL);
            if (!sol)
                rc = -1;
            else
                rc = sv_push(&out, sol);
            zk_free_list(first_inner, ni);
            sv_free(&outer);
            sv_free(&inners);
        }
    } else if (rc == 0) {
        shape_vec wires = {0};
        for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(profiles); i++)
            rc = get_wires(S(PyList_GET_ITEM(profiles, i)), &wires);
        if (rc == 0 && multi) {
            zk_shape *r = zk_pipe_shell_ex(wires.a, wires.n, spine.a[0], 0, auxs, 1, NULL, tr, cap);
            rc = r ? sv_push(&out, r) : -1;
        }
        for (size_t i = 0; rc == 0 && !multi && i < wires.n; i++) {
            zk_shape *r = zk_pipe_shell_ex(&wires.a[i], 1, spine.a[0], 0, auxs, 1, NULL, tr, cap);
            rc = r ? sv_push(&out, r) : -1;
        }
        sv_free(&wires);
    }
    Py_XDECREF(profiles);
    int had_faces = faces.n > 0;
    sv_free(&faces);
    sv_free(&spine);
    zk_unref(auxs);
    PyObject *res = NULL;
    if (rc < 0)
        sv_free(&out);
    else
        res = wrap_vec(&out, "sweep");
    if (!res && !PyErr_Occurred())
        cq_raise_kernel_error("sweep");
    if (res && h && had_faces)
        zk_hist_keep_ends_in(h, S(res));
    return cq_hist_result(res, h, hist, name);
}

/* A loft section: a vertex stays a vertex; a face gives its outer wire (face lofts); else wires. */
static PyObject *f_loft(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    int cap = 0, ruled = 0;
    PyObject *v;
    if (kw && (v = PyDict_GetItemString(kw, "cap")))
        cap = PyObject_IsTrue(v);
    if (kw && (v = PyDict_GetItemString(kw, "ruled")))
        ruled = PyObject_IsTrue(v);
    PyObject *secs = cq_func_shape_args(args, "loft");
    if (!secs)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(secs);
    shape_vec outer = {0}, out = {0};
    int has_face = 0, has_vertex = 0, rc = 0, empty = 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        zk_type t = zk_shape_type(S(PyList_GET_ITEM(secs, i)));
        has_face |= t == ZK_FACE;
        has_vertex |= t == ZK_VERTEX;
        zk_shape **kids = NULL;
        size_t nk = 0;
        if (t != ZK_COMPOUND || (zk_children(S(PyList_GET_ITEM(secs, i)), &kids, &nk) == 0 && nk > 0))
            empty = 0;
        zk_free_list(kids, nk);
        if (t == ZK_COMPOUND) {
            zk_shape **f = NULL;
            size_t nf = 0;
            if (zk_explore(S(PyList_GET_ITEM(secs, i)), ZK_FACE, &f, &nf) == 0 && nf)
                has_face = 1;
            zk_free_list(f, nf);
        }
    }
    if (empty) {
        Py_DECREF(secs);
        return wrap(zk_compound(NULL, 0), "loft");
    }
    PyObject *hist = kw ? PyDict_GetItemString(kw, "history") : NULL;
    PyObject *name = kw ? PyDict_GetItemString(kw, "name") : NULL;
    zk_hist *h = NULL;
    if (track_all(hist, &h, secs, NULL) < 0) {
        cq_hist_end(h, hist, name, 0);
        Py_DECREF(secs);
        return NULL;
    }
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++) {
        zk_shape *s = S(PyList_GET_ITEM(secs, i));
        zk_type t = zk_shape_type(s);
        if (t == ZK_VERTEX) {
            rc = sv_push(&outer, zk_ref(s));
        } else if (has_face) {
            zk_shape **f = NULL;
            size_t nf = 0;
            if (zk_explore(s, ZK_FACE, &f, &nf) < 0 || nf < 1) {
                PyErr_SetString(PyExc_ValueError, "loft: do not mix faces with other types");
                rc = -1;
            } else {
                rc = sv_push(&outer, zk_face_outer_wire(f[0]));
            }
            zk_free_list(f, nf);
        } else {
            shape_vec w = {0};
            rc = get_wires(s, &w);
            for (size_t k = 0; rc == 0 && k < w.n; k++)
                rc = sv_push(&outer, zk_ref(w.a[k]));
            sv_free(&w);
        }
    }
    zk_shape *main = rc == 0 ? zk_loft(outer.a, outer.n, has_face || cap, ruled) : NULL;
    shape_vec inners = {0};
    if (main && has_face && !has_vertex) {
        zk_shape **iw0 = NULL;
        size_t ni = 0;
        zk_face_inner_wires(S(PyList_GET_ITEM(secs, 0)), &iw0, &ni);
        for (size_t j = 0; main && j < ni; j++) {
            shape_vec sec = {0};
            for (Py_ssize_t i = 0; i < n; i++) {
                zk_shape **iw = NULL;
                size_t nw = 0;
                zk_face_inner_wires(S(PyList_GET_ITEM(secs, i)), &iw, &nw);
                if (j < nw)
                    sv_push(&sec, zk_ref(iw[j]));
                zk_free_list(iw, nw);
            }
            zk_shape *is = zk_loft(sec.a, sec.n, 1, ruled);
            if (is)
                sv_push(&inners, is);
            sv_free(&sec);
        }
        zk_free_list(iw0, ni);
        main = minus_inners(main, &inners);
    }
    sv_free(&inners);
    sv_free(&outer);
    Py_DECREF(secs);
    PyObject *res = NULL;
    if (rc == 0 && !main)
        cq_raise_kernel_error("loft");
    else if (rc == 0 && sv_push(&out, main) == 0)
        res = wrap_vec(&out, "loft");
    if (res && h && has_face)
        zk_hist_keep_ends_in(h, S(res));
    return cq_hist_result(res, h, hist, name ? name : Py_None);
}

/* ------------------------------------------------------------------ solids and queries */

/* hollow(s, t) | hollow(s, faces, t): tol=1e-3, kind="intersection". */
static PyObject *f_hollow(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist3[] = {"s", "faces", "t", "tol", "kind", "history", "name", NULL};
    static char *kwlist2[] = {"s", "t", "tol", "kind", "history", "name", NULL};
    PyObject *s, *faces = Py_None, *hist = Py_None, *name = Py_None;
    double t, tol = 1e-3;
    const char *kind = "intersection";
    int two = PyTuple_GET_SIZE(args) >= 2 && PyNumber_Check(PyTuple_GET_ITEM(args, 1)) &&
              !cq_shape_check(PyTuple_GET_ITEM(args, 1));
    int ok = two ? PyArg_ParseTupleAndKeywords(args, kw, "O!d|dsOO:hollow", kwlist2, &CQShapeType, &s, &t, &tol, &kind,
                                               &hist, &name)
                 : PyArg_ParseTupleAndKeywords(args, kw, "O!Od|dsOO:hollow", kwlist3, &CQShapeType, &s, &faces, &t,
                                               &tol, &kind, &hist, &name);
    if (!ok)
        return NULL;
    int k = offset_kind(kind, 0);
    if (k < 0)
        return NULL;
    zk_shape **f = NULL, **sol = NULL;
    size_t nf = 0, ns = 0;
    if (faces != Py_None && (!cq_shape_check(faces) || zk_explore(S(faces), ZK_FACE, &f, &nf) < 0)) {
        PyErr_SetString(PyExc_TypeError, "hollow: faces must be a Shape or None");
        return NULL;
    }
    PyObject *r = NULL;
    if (zk_explore(S(s), ZK_SOLID, &sol, &ns) < 0 || ns < 1)
        PyErr_SetString(PyExc_ValueError, "hollow: no solid");
    else
        r = wrap(zk_shell(sol[0], f, nf, t, tol, k), "hollow");
    zk_free_list(sol, ns);
    zk_free_list(f, nf);
    return r;
}

static PyObject *f_closest(PyObject *m, PyObject *args)
{
    (void)m;
    PyObject *a, *b;
    zk_vec pa, pb;
    if (!PyArg_ParseTuple(args, "O!O!:closest", &CQShapeType, &a, &CQShapeType, &b))
        return NULL;
    if (zk_closest_points(S(a), S(b), &pa, &pb) < 0)
        return cq_raise_kernel_error("closest");
    return Py_BuildValue("(NN)", cq_vector_new(pa), cq_vector_new(pb));
}

static PyObject *f_isSubshape(PyObject *m, PyObject *args)
{
    (void)m;
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "O!O!:isSubshape", &CQShapeType, &a, &CQShapeType, &b))
        return NULL;
    zk_shape **subs = NULL;
    size_t n = 0;
    if (zk_explore(S(b), zk_shape_type(S(a)), &subs, &n) < 0)
        return cq_raise_kernel_error("isSubshape");
    int found = 0;
    for (size_t i = 0; i < n && !found; i++)
        found = zk_is_same(subs[i], S(a));
    zk_free_list(subs, n);
    return PyBool_FromLong(found);
}

static PyTypeObject *HLRResultType;

/* hlr(s, dir, pnt=(0, 0, 0), up=None, focus=None) -> HLRResult(visible, hidden, plane). */
static PyObject *f_hlr(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"s", "dir", "pnt", "up", "focus", NULL};
    PyObject *s, *dir_o, *pnt_o = Py_None, *up_o = Py_None, *focus_o = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!O|OOO:hlr", kwlist, &CQShapeType, &s, &dir_o, &pnt_o, &up_o, &focus_o))
        return NULL;
    zk_vec d, o = {0, 0, 0}, up, x = {0, 0, 0};
    double focus = 0;
    if (cq_vector_from_obj(dir_o, &d) < 0 || (pnt_o != Py_None && cq_vector_from_obj(pnt_o, &o) < 0))
        return NULL;
    if (focus_o != Py_None && (focus = PyFloat_AsDouble(focus_o)) == -1.0 && PyErr_Occurred())
        return NULL;
    if (zv_len(d) == 0.0) {
        PyErr_SetString(PyExc_ValueError, "dir must be nonzero");
        return NULL;
    }
    d = zv_normalized(d);
    if (up_o == Py_None) {
        x = cq_default_xdir(d);
    } else {
        if (cq_vector_from_obj(up_o, &up) < 0)
            return NULL;
        if (zv_len(up) == 0.0) {
            PyErr_SetString(PyExc_ValueError, "up must be nonzero");
            return NULL;
        }
        x = zv_cross(zv_normalized(up), d);
        if (zv_len(x) < 1e-6) {
            PyErr_SetString(PyExc_ValueError, "up must not be parallel to dir");
            return NULL;
        }
        x = zv_normalized(x);
    }
    zk_shape *moved = zk_translated(S(s), zv_scale(o, -1));
    zk_shape *vis = NULL, *hid = NULL;
    int rc = moved ? zk_hlr(moved, d, &x, focus, &vis, &hid) : -1;
    zk_unref(moved);
    if (rc < 0)
        return cq_raise_kernel_error("hlr");
    zk_shape **ev = NULL, **eh = NULL;
    size_t nv = 0, nh = 0;
    zk_explore(vis, ZK_EDGE, &ev, &nv);
    zk_explore(hid, ZK_EDGE, &eh, &nh);
    zk_shape *cv = zk_compound(ev, nv), *ch = zk_compound(eh, nh);
    zk_free_list(ev, nv);
    zk_free_list(eh, nh);
    zk_unref(vis);
    zk_unref(hid);
    PyObject *plane = cq_plane_new(o, x, d);
    PyObject *pv = cv ? cq_shape_wrap(cv) : NULL, *ph = ch ? cq_shape_wrap(ch) : NULL;
    PyObject *r = plane && pv && ph ? PyStructSequence_New(HLRResultType) : NULL;
    if (!r) {
        Py_XDECREF(plane);
        Py_XDECREF(pv);
        Py_XDECREF(ph);
        return PyErr_Occurred() ? NULL : cq_raise_kernel_error("hlr");
    }
    PyStructSequence_SET_ITEM(r, 0, pv);
    PyStructSequence_SET_ITEM(r, 1, ph);
    PyStructSequence_SET_ITEM(r, 2, plane);
    return r;
}

/* enclose(*shapes, tol=0.0) / imprint(*shapes, tol=0.0, glue="partial"). */

/* The imprinted compound alone (zk_imprint also tells which solids came from which input). */
static zk_shape *imprint_shapes(zk_shape *const *arr, size_t n, double tol, int glue)
{
    zk_shape *res = NULL, **solids = NULL;
    size_t nsolids = 0;
    int *origins = NULL;
    if (zk_imprint(arr, n, glue, tol, &res, &solids, &nsolids, &origins) < 0)
        return NULL;
    zk_free_list(solids, nsolids);
    free(origins);
    return res;
}
static PyObject *many_op(PyObject *args, PyObject *kw, int imprint)
{
    double tol = 0;
    int glue = 1;
    PyObject *v, *hist = kw ? PyDict_GetItemString(kw, "history") : NULL;
    PyObject *name = kw ? PyDict_GetItemString(kw, "name") : NULL;
    zk_hist *h = NULL;
    if (kw && (v = PyDict_GetItemString(kw, "tol")) && (tol = PyFloat_AsDouble(v)) == -1.0 && PyErr_Occurred())
        return NULL;
    if (kw && (v = PyDict_GetItemString(kw, "glue"))) {
        const char *g = PyUnicode_AsUTF8(v);
        if (!g)
            return NULL;
        glue = strcmp(g, "full") == 0 ? 2 : strcmp(g, "partial") == 0 ? 1 : 0;
    }
    PyObject *list = cq_func_shape_args(args, imprint ? "imprint" : "enclose");
    if (!list)
        return NULL;
    size_t n;
    PyObject *keep;
    zk_shape **arr = cq_shapes_from_iterable(list, &n, &keep);
    Py_DECREF(list);
    if (!arr)
        return NULL;
    int rc = cq_hist_begin(hist, &h);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = cq_hist_track(h, arr[i]);
    zk_shape *r = rc < 0 ? NULL : imprint ? imprint_shapes(arr, n, tol, glue) : zk_enclose(arr, n, tol);
    PyMem_Free(arr);
    Py_DECREF(keep);
    PyObject *res = rc < 0 ? NULL : wrap(r, imprint ? "imprint" : "enclose");
    return cq_hist_result(res, h, hist, name ? name : Py_None);
}

static PyObject *f_enclose(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    return many_op(args, kw, 0);
}

static PyObject *f_imprint(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    return many_op(args, kw, 1);
}

/* Constraints of fill/cap: Shapes (their edges) and points. */
static int constraints_of(PyObject *cons, shape_vec *edges, zk_vec **pts, size_t *npts)
{
    *pts = NULL;
    *npts = 0;
    if (!cons || cons == Py_None)
        return 0;
    PyObject *seq = PySequence_Fast(cons, "constraints must be a sequence");
    if (!seq)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    *pts = PyMem_Malloc(sizeof(zk_vec) * (n ? (size_t)n : 1));
    int rc = *pts ? 0 : -1;
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++) {
        PyObject *c = PySequence_Fast_GET_ITEM(seq, i);
        if (cq_shape_check(c))
            rc = get_edges(S(c), edges);
        else
            rc = cq_vector_from_obj(c, &(*pts)[(*npts)++]);
    }
    Py_DECREF(seq);
    return rc;
}

static PyObject *f_fill(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"s", "constraints", NULL};
    PyObject *s, *cons = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!|O:fill", kwlist, &CQShapeType, &s, &cons))
        return NULL;
    shape_vec b = {0}, ce = {0};
    zk_vec *pts = NULL;
    size_t np = 0;
    PyObject *r = NULL;
    if (get_edges(S(s), &b) == 0 && constraints_of(cons, &ce, &pts, &np) == 0)
        r = wrap(zk_fill_constrained(b.a, b.n, NULL, ce.a, ce.n, pts, np), "fill");
    PyMem_Free(pts);
    sv_free(&b);
    sv_free(&ce);
    return r;
}

/* cap(s, ctx, constraints=()): a filling of s's edges tangent to the faces of ctx along them. */
static PyObject *f_cap(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"s", "ctx", "constraints", NULL};
    PyObject *s, *ctx, *cons = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!O!|O:cap", kwlist, &CQShapeType, &s, &CQShapeType, &ctx, &cons))
        return NULL;
    shape_vec b = {0}, faces = {0}, ce = {0};
    zk_vec *pts = NULL;
    size_t np = 0;
    int rc = get_edges(S(s), &b);
    for (size_t i = 0; rc == 0 && i < b.n; i++) {
        zk_shape **anc = NULL;
        size_t na = 0;
        if (zk_ancestors(S(ctx), b.a[i], ZK_FACE, &anc, &na) < 0 || na < 1) {
            PyErr_SetString(PyExc_ValueError, "cap: an edge has no face in the context shape");
            rc = -1;
        } else {
            rc = sv_push(&faces, zk_ref(anc[0]));
        }
        zk_free_list(anc, na);
    }
    PyObject *r = NULL;
    if (rc == 0 && constraints_of(cons, &ce, &pts, &np) == 0)
        r = wrap(zk_fill_constrained(b.a, b.n, faces.a, ce.a, ce.n, pts, np), "cap");
    PyMem_Free(pts);
    sv_free(&b);
    sv_free(&faces);
    sv_free(&ce);
    return r;
}

/* project(s, base) (normal projection of s's wires) | project(s, base, direction). */
static PyObject *f_project(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    (void)kw;
    PyObject *s, *base, *dir_o = NULL;
    if (!PyArg_ParseTuple(args, "O!O!|O:project", &CQShapeType, &s, &CQShapeType, &base, &dir_o))
        return NULL;
    zk_vec d;
    int has_dir = dir_o && !PyUnicode_Check(dir_o);
    if (has_dir && cq_vector_from_obj(dir_o, &d) < 0)
        return NULL;
    shape_vec items = {0};
    PyObject *r = NULL;
    if ((has_dir ? get_edges(S(s), &items) : get_wires(S(s), &items)) == 0)
        r = wrap(zk_project(items.a, items.n, S(base), has_dir ? &d : NULL), "project");
    sv_free(&items);
    return r;
}

static PyMethodDef more_functions[] = {
    {"edgeOn", KW(f_edgeOn), METH_VARARGS | METH_KEYWORDS, NULL},
    {"wireOn", KW(f_wireOn), METH_VARARGS | METH_KEYWORDS, NULL},
    {"faceOn", KW(f_faceOn), METH_VARARGS | METH_KEYWORDS, NULL},
    {"text", KW(f_text), METH_VARARGS | METH_KEYWORDS, NULL},
    {"offset", KW(f_offset), METH_VARARGS | METH_KEYWORDS, NULL},
    {"offset2D", KW(f_offset2D), METH_VARARGS | METH_KEYWORDS, NULL},
    {"fillet2D", KW(f_fillet2D), METH_VARARGS | METH_KEYWORDS, NULL},
    {"chamfer2D", KW(f_chamfer2D), METH_VARARGS | METH_KEYWORDS, NULL},
    {"sweep", KW(f_sweep), METH_VARARGS | METH_KEYWORDS, NULL},
    {"loft", KW(f_loft), METH_VARARGS | METH_KEYWORDS, NULL},
    {"hollow", KW(f_hollow), METH_VARARGS | METH_KEYWORDS, NULL},
    {"closest", f_closest, METH_VARARGS, NULL},
    {"isSubshape", f_isSubshape, METH_VARARGS, NULL},
    {"hlr", KW(f_hlr), METH_VARARGS | METH_KEYWORDS, NULL},
    {"enclose", KW(f_enclose), METH_VARARGS | METH_KEYWORDS, NULL},
    {"imprint", KW(f_imprint), METH_VARARGS | METH_KEYWORDS, NULL},
    {"fill", KW(f_fill), METH_VARARGS | METH_KEYWORDS, NULL},
    {"cap", KW(f_cap), METH_VARARGS | METH_KEYWORDS, NULL},
    {"project", KW(f_project), METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};

static PyStructSequence_Field hlr_fields[] = {
    {"visible", "visible edges (Compound)"}, {"hidden", "hidden edges (Compound)"},
    {"plane", "the projection plane"}, {NULL, NULL}};
static PyStructSequence_Desc hlr_desc = {"cadquery.occ_impl.shapes.HLRResult", "Result of a hidden-line-removal projection.",
                                         hlr_fields, 3};

int cq_func_more_init(PyObject *func_module)
{
    if (!HLRResultType && !(HLRResultType = PyStructSequence_NewType(&hlr_desc)))
        return -1;
    if (PyModule_AddFunctions(func_module, more_functions) < 0)
        return -1;
    Py_INCREF(HLRResultType);
    if (PyModule_AddObject(func_module, "HLRResult", (PyObject *)HLRResultType) < 0) {
        Py_DECREF(HLRResultType);
        return -1;
    }
    return 0;
}
