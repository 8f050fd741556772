/* sketch_select.c: Sketch selection and what acts on it (CadQuery 2.4 sketch.py):
 * faces/wires/edges/vertices(s=None, tag=None) through the selector machinery, tag, select,
 * reset, delete, 2D fillet/chamfer on the selected vertices, clean and offset. */
#include "sketch_internal.h"

static int is_location(PyObject *o) { return PyObject_TypeCheck(o, &CQLocationType); }

/* Appends the sub-shapes of `kind` of a Shape item to out (other items are skipped). */
static int extend_kind(PyObject *out, PyObject *item, zk_type kind)
{
    if (!cq_shape_check(item) || !((CQShape *)item)->s)
        return 0;
    PyObject *subs = cq_shape_explore(((CQShape *)item)->s, kind);
    if (!subs)
        return -1;
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(subs); i++)
        rc = PyList_Append(out, PyList_GET_ITEM(subs, i));
    Py_DECREF(subs);
    return rc;
}

static int same_shape(PyObject *a, PyObject *b)
{
    if (cq_shape_check(a) && cq_shape_check(b))
        return zk_is_same(((CQShape *)a)->s, ((CQShape *)b)->s);
    return a == b;
}

/* Sketch._unique: drops repeated shapes (IsSame), keeping the first position. */
static PyObject *unique(PyObject *list)
{
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(list); i++) {
        PyObject *o = PyList_GET_ITEM(list, i);
        int seen = 0;
        for (Py_ssize_t j = 0; !seen && j < PyList_GET_SIZE(out); j++)
            seen = same_shape(PyList_GET_ITEM(out, j), o);
        if (!seen && PyList_Append(out, o) < 0)
            Py_CLEAR(out);
    }
    return out;
}

static PyObject *select_kind(CQSketch *self, PyObject *args, PyObject *kw, zk_type kind, const char *name)
{
    static char *kwlist[] = {"s", "tag", NULL};
    PyObject *s = Py_None, *tag = Py_None;
    char fmt[32];
    snprintf(fmt, sizeof fmt, "|OO:%s", name);
    if (!PyArg_ParseTupleAndKeywords(args, kw, fmt, kwlist, &s, &tag))
        return NULL;
    PyObject *rv = PyList_New(0);
    if (!rv)
        return NULL;
    int rc = 0;
    int has_tag = tag != Py_None && PyObject_IsTrue(tag) == 1;
    if (has_tag) {
        PyObject *tagged = PyDict_GetItemWithError(self->tags, tag);
        if (!tagged) {
            if (!PyErr_Occurred())
                PyErr_SetObject(PyExc_KeyError, tag);
            rc = -1;
        }
        PyObject *seq = tagged ? PySequence_Fast(tagged, "tagged items") : NULL;
        if (tagged && !seq)
            rc = -1;
        for (Py_ssize_t i = 0; seq && rc == 0 && i < PySequence_Fast_GET_SIZE(seq); i++)
            rc = extend_kind(rv, PySequence_Fast_GET_ITEM(seq, i), kind);
        Py_XDECREF(seq);
    } else if (PyList_GET_SIZE(self->selection) > 0) {
        for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(self->selection); i++) {
            PyObject *el = PyList_GET_ITEM(self->selection, i);
            if (!is_location(el))
                rc = extend_kind(rv, el, kind);
        }
    } else {
        rc = extend_kind(rv, self->faces, kind);
        for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(self->edges); i++)
            rc = extend_kind(rv, PyList_GET_ITEM(self->edges, i), kind);
    }
    if (rc < 0) {
        Py_DECREF(rv);
        return NULL;
    }
    int filter = s != Py_None && PyObject_IsTrue(s) == 1;
    PyObject *filtered = filter ? cq_select(rv, s) : rv;
    if (filter)
        Py_DECREF(rv);
    if (!filtered)
        return NULL;
    PyObject *u = unique(filtered);
    Py_DECREF(filtered);
    if (!u)
        return NULL;
    Py_SETREF(self->selection, u);
    self->selected = 1;
    Py_INCREF(self);
    return (PyObject *)self;
}

static PyObject *faces_method(CQSketch *self, PyObject *a, PyObject *k) { return select_kind(self, a, k, ZK_FACE, "faces"); }
static PyObject *wires_method(CQSketch *self, PyObject *a, PyObject *k) { return select_kind(self, a, k, ZK_WIRE, "wires"); }
static PyObject *edges_method(CQSketch *self, PyObject *a, PyObject *k) { return select_kind(self, a, k, ZK_EDGE, "edges"); }
static PyObject *vertices_method(CQSketch *self, PyObject *a, PyObject *k) { return select_kind(self, a, k, ZK_VERTEX, "vertices"); }

static PyObject *tag_method(CQSketch *self, PyObject *tag)
{
    if (PyList_GET_SIZE(self->selection) == 0) {
        PyErr_SetString(PyExc_ValueError, "Selection is needed to tag");
        return NULL;
    }
    PyObject *copy = PySequence_List(self->selection);
    int rc = copy ? PyDict_SetItem(self->tags, tag, copy) : -1;
    Py_XDECREF(copy);
    if (rc < 0)
        return NULL;
    Py_INCREF(self);
    return (PyObject *)self;
}

static PyObject *select_method(CQSketch *self, PyObject *args)
{
    PyObject *sel = PyList_New(0);
    for (Py_ssize_t i = 0; sel && i < PyTuple_GET_SIZE(args); i++) {
        PyObject *tag = PyTuple_GET_ITEM(args, i);
        PyObject *items = PyDict_GetItemWithError(self->tags, tag);
        if (!items) {
            if (!PyErr_Occurred())
                PyErr_SetObject(PyExc_KeyError, tag);
            Py_CLEAR(sel);
            break;
        }
        PyObject *seq = PySequence_Fast(items, "tagged items");
        for (Py_ssize_t j = 0; seq && j < PySequence_Fast_GET_SIZE(seq); j++)
            if (PyList_Append(sel, PySequence_Fast_GET_ITEM(seq, j)) < 0) {
                Py_CLEAR(seq);
                break;
            }
        if (!seq)
            Py_CLEAR(sel);
        Py_XDECREF(seq);
    }
    if (!sel)
        return NULL;
    Py_SETREF(self->selection, sel);
    self->selected = 1;
    Py_INCREF(self);
    return (PyObject *)self;
}

static PyObject *reset_method(CQSketch *self, PyObject *unused)
{
    (void)unused;
    PyObject *sel = PyList_New(0);
    if (!sel)
        return NULL;
    Py_SETREF(self->selection, sel);
    self->selected = 0;
    Py_INCREF(self);
    return (PyObject *)self;
}

/* _faces without the face `f` (a rebuilt compound of the remaining children). */
static int remove_face(CQSketch *self, zk_shape *f)
{
    zk_shape *cur = cq_shape_get(self->faces);
    if (!cur)
        return -1;
    zk_shape **kids = NULL;
    size_t n = 0;
    if (zk_shape_type(cur) == ZK_COMPOUND) {
        if (zk_children(cur, &kids, &n) < 0) {
            cq_raise_kernel_error("Sketch.delete");
            return -1;
        }
    } else {
        kids = malloc(sizeof *kids);
        if (!kids) {
            PyErr_NoMemory();
            return -1;
        }
        kids[0] = zk_ref(cur);
        n = 1;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (zk_is_same(kids[i], f))
            zk_unref(kids[i]);
        else
            kids[k++] = kids[i];
    }
    zk_shape *c = zk_compound(kids, k);
    zk_free_list(kids, k);
    PyObject *w = cq_shape_wrap(c);
    if (!w)
        return -1;
    Py_SETREF(self->faces, w);
    return 0;
}

static int remove_from_list(PyObject *list, PyObject *o)
{
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++)
        if (same_shape(PyList_GET_ITEM(list, i), o))
            return PySequence_DelItem(list, i);
    PyErr_SetString(PyExc_ValueError, "list.remove(x): x not in list");
    return -1;
}

static PyObject *delete_method(CQSketch *self, PyObject *unused)
{
    (void)unused;
    PyObject *sel = self->selection;
    if (PyList_GET_SIZE(sel) == 0) {
        PyErr_SetString(PyExc_ValueError, "Selection is needed to delete");
        return NULL;
    }
    Py_INCREF(sel);
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(sel); i++) {
        PyObject *o = PyList_GET_ITEM(sel, i);
        zk_type t = cq_shape_check(o) ? zk_shape_type(((CQShape *)o)->s) : ZK_SHAPE;
        if (t != ZK_FACE && t != ZK_WIRE && t != ZK_EDGE) {
            PyErr_Format(PyExc_ValueError, "Deletion of %R not supported", o);
            rc = -1;
            break;
        }
        if (t == ZK_FACE)
            rc = remove_face(self, ((CQShape *)o)->s);
        else if (t == ZK_WIRE)
            rc = remove_from_list(self->wires, o);
        else if (t == ZK_EDGE)
            rc = remove_from_list(self->edges, o);
    }
    Py_DECREF(sel);
    if (rc < 0)
        return NULL;
    return reset_method(self, NULL);
}

/* fillet/chamfer: each face of _faces gets the operation on its selected vertices. */
static PyObject *corner_op(CQSketch *self, double d, int chamfer)
{
    zk_shape *cur = cq_shape_get(self->faces);
    if (!cur)
        return NULL;
    zk_shape **faces = NULL;
    size_t nf = 0;
    if (zk_explore(cur, ZK_FACE, &faces, &nf) < 0)
        return cq_raise_kernel_error("Sketch fillet");
    Py_ssize_t ns = PyList_GET_SIZE(self->selection);
    if (ns == 0) {
        zk_free_list(faces, nf);
        PyErr_SetString(PyExc_ValueError, "Selection is needed for a fillet or chamfer");
        return NULL;
    }
    zk_shape **verts = malloc((ns ? (size_t)ns : 1) * sizeof *verts);
    zk_shape **out = calloc(nf ? nf : 1, sizeof *out);
    int ok = verts && out;
    if (!ok)
        PyErr_NoMemory();
    for (size_t i = 0; ok && i < nf; i++) {
        zk_shape **fv = NULL;
        size_t nfv = 0, nv = 0;
        if (zk_explore(faces[i], ZK_VERTEX, &fv, &nfv) < 0) {
            cq_raise_kernel_error("Sketch fillet");
            ok = 0;
            break;
        }
        for (Py_ssize_t k = 0; k < ns; k++) {
            PyObject *o = PyList_GET_ITEM(self->selection, k);
            if (!cq_shape_check(o) || zk_shape_type(((CQShape *)o)->s) != ZK_VERTEX)
                continue;
            for (size_t j = 0; j < nfv; j++)
                if (zk_is_same(fv[j], ((CQShape *)o)->s)) {
                    verts[nv++] = ((CQShape *)o)->s;
                    break;
                }
        }
        zk_free_list(fv, nfv);
        if (nv == 0)
            out[i] = zk_ref(faces[i]);
        else
            out[i] = chamfer ? zk_chamfer2d(faces[i], verts, nv, d) : zk_fillet2d(faces[i], verts, nv, d);
        if (!out[i]) {
            cq_raise_kernel_error(chamfer ? "Sketch chamfer" : "Sketch fillet");
            ok = 0;
        }
    }
    PyObject *res = NULL;
    if (ok) {
        zk_shape *c = zk_compound(out, nf);
        PyObject *w = cq_shape_wrap(c);
        if (w) {
            Py_SETREF(self->faces, w);
            Py_INCREF(self);
            res = (PyObject *)self;
        }
    }
    for (size_t i = 0; out && i < nf; i++)
        zk_unref(out[i]);
    free(out);
    free(verts);
    zk_free_list(faces, nf);
    return res;
}

static PyObject *fillet_method(CQSketch *self, PyObject *arg)
{
    double d = PyFloat_AsDouble(arg);
    if (d == -1 && PyErr_Occurred())
        return NULL;
    return corner_op(self, d, 0);
}

static PyObject *chamfer_method(CQSketch *self, PyObject *arg)
{
    double d = PyFloat_AsDouble(arg);
    if (d == -1 && PyErr_Occurred())
        return NULL;
    return corner_op(self, d, 1);
}

static PyObject *clean_method(CQSketch *self, PyObject *unused)
{
    (void)unused;
    zk_shape *cur = cq_shape_get(self->faces);
    if (!cur)
        return NULL;
    PyObject *w = cq_shape_wrap(zk_clean(cur));
    if (!w)
        return NULL;
    Py_SETREF(self->faces, w);
    Py_INCREF(self);
    return (PyObject *)self;
}

static PyObject *offset_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"d", "mode", "tag", NULL};
    double d;
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|OO:offset", kwlist, &d, &mode, &tag))
        return NULL;
    if (PyList_GET_SIZE(self->selection) == 0) {
        PyErr_SetString(PyExc_ValueError, "Selection is needed to offset");
        return NULL;
    }
    PyObject *sel = PySequence_List(self->selection);
    if (!sel)
        return NULL;
    int ignore = PyList_GET_SIZE(sel) > 0, rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(sel); i++) {
        PyObject *el = PyList_GET_ITEM(sel, i);
        if (!cq_shape_check(el) || zk_shape_type(((CQShape *)el)->s) != ZK_WIRE)
            continue;
        zk_shape **wires = NULL;
        size_t nw = 0;
        if (zk_wire_offset2d(((CQShape *)el)->s, d, 0, &wires, &nw) < 0) {
            cq_raise_kernel_error("Wire.offset2D");
            rc = -1;
            break;
        }
        for (size_t k = 0; k < nw; k++) {
            PyObject *w = rc == 0 ? cq_shape_wrap(zk_ref(wires[k])) : NULL;
            if (rc == 0)
                rc = w ? sk_face(self, w, 0, mode, tag, ignore) : -1;
            Py_XDECREF(w);
        }
        zk_free_list(wires, nw);
    }
    Py_DECREF(sel);
    if (rc < 0)
        return NULL;
    Py_INCREF(self);
    return (PyObject *)self;
}

#define KW (PyCFunction)(void (*)(void))
PyMethodDef cq_sketch_select_methods[] = {
    {"faces", KW faces_method, METH_VARARGS | METH_KEYWORDS, "faces(s=None, tag=None): select faces"},
    {"wires", KW wires_method, METH_VARARGS | METH_KEYWORDS, "wires(s=None, tag=None): select wires"},
    {"edges", KW edges_method, METH_VARARGS | METH_KEYWORDS, "edges(s=None, tag=None): select edges"},
    {"vertices", KW vertices_method, METH_VARARGS | METH_KEYWORDS, "vertices(s=None, tag=None): select vertices"},
    {"tag", (PyCFunction)tag_method, METH_O, "tag(name): tag the current selection"},
    {"select", (PyCFunction)select_method, METH_VARARGS, "select(*tags): select tagged items"},
    {"reset", (PyCFunction)reset_method, METH_NOARGS, "reset(): clear the selection"},
    {"delete", (PyCFunction)delete_method, METH_NOARGS, "delete(): remove the selected faces/wires/edges"},
    {"fillet", (PyCFunction)fillet_method, METH_O, "fillet(d): 2D fillet at the selected vertices"},
    {"chamfer", (PyCFunction)chamfer_method, METH_O, "chamfer(d): 2D chamfer at the selected vertices"},
    {"clean", (PyCFunction)clean_method, METH_NOARGS, "clean(): remove internal edges"},
    {"offset", KW offset_method, METH_VARARGS | METH_KEYWORDS, "offset(d, mode='a', tag=None): offset selected wires"},
    {NULL, NULL, 0, NULL}};
