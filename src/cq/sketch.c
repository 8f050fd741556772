/* sketch.c: cadquery.Sketch (CadQuery 2.4 sketch.py): the object, each() with the modes
 * a/s/i/r/c over the `_faces` compound, copy/moved/located/finalize/val/vals/iteration, and
 * the cq_sketch_* functions Workplane uses. The face shapes live in sketch_shapes.c,
 * locations in sketch_locations.c, selection in sketch_select.c, edge drawing in
 * sketch_edges.c, the convex hull in sketch_hull.c. */
#include "sketch_internal.h"

#include <math.h>
#include <structmember.h>

PyObject *sk_str_a;

/* ------------------------------------------------------------------ transforms */

void sk_trsf_translation(zk_trsf *t, zk_vec v)
{
    memset(t, 0, sizeof *t);
    t->m[0][0] = t->m[1][1] = t->m[2][2] = 1;
    t->m[0][3] = v.x;
    t->m[1][3] = v.y;
    t->m[2][3] = v.z;
}

void sk_trsf_rot_z(zk_trsf *t, double deg)
{
    double a = deg * M_PI / 180.0, c = cos(a), s = sin(a);
    memset(t, 0, sizeof *t);
    t->m[0][0] = c;
    t->m[0][1] = -s;
    t->m[1][0] = s;
    t->m[1][1] = c;
    t->m[2][2] = 1;
}

PyObject *sk_location(const zk_trsf *t)
{
    return cq_location_new(t);
}

int sk_item_location(PyObject *item, zk_trsf *out)
{
    if (PyObject_TypeCheck(item, &CQLocationType)) {
        *out = ((CQLocation *)item)->t;
        return 0;
    }
    zk_vec c;
    if (cq_shape_check(item) && ((CQShape *)item)->s) {
        c = cq_shape_center(((CQShape *)item)->s);
    } else {
        PyObject *r = PyObject_CallMethod(item, "Center", NULL);
        int rc = r ? cq_vector_from_obj(r, &c) : -1;
        Py_XDECREF(r);
        if (rc < 0)
            return -1;
    }
    sk_trsf_translation(out, c);
    return 0;
}

PyObject *sk_empty_compound(void)
{
    return cq_shape_wrap(zk_compound(NULL, 0));
}

static zk_shape *faces_of(CQSketch *self)
{
    return cq_shape_get(self->faces);
}

static int set_faces(CQSketch *self, zk_shape *s)
{
    PyObject *w = cq_shape_wrap(s);
    if (!w)
        return -1;
    Py_SETREF(self->faces, w);
    return 0;
}

/* ------------------------------------------------------------------ modes */

zk_shape **sk_shapes_of(PyObject *list, size_t extra_front, size_t *n)
{
    Py_ssize_t k = PyList_GET_SIZE(list);
    zk_shape **v = PyMem_Malloc((extra_front + (size_t)k + 1) * sizeof *v);
    if (!v) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < k; i++) {
        v[extra_front + (size_t)i] = cq_shape_get(PyList_GET_ITEM(list, i));
        if (!v[extra_front + (size_t)i]) {
            PyMem_Free(v);
            return NULL;
        }
    }
    *n = extra_front + (size_t)k;
    return v;
}

/* Compound.fuse (children of _faces + res; one shape alone is returned as is) or Shape.fuse. */
static zk_shape *fuse_faces(zk_shape *cur, PyObject *res)
{
    size_t n;
    if (zk_shape_type(cur) != ZK_COMPOUND) {
        zk_shape **tools = sk_shapes_of(res, 0, &n);
        if (!tools)
            return NULL;
        zk_shape *r = zk_fuse(cur, tools, n, 0, 0);
        PyMem_Free(tools);
        return r ? r : (zk_shape *)cq_raise_kernel_error("Sketch fuse");
    }
    zk_shape **kids = NULL;
    size_t nk = 0;
    if (zk_children(cur, &kids, &nk) < 0)
        return (zk_shape *)cq_raise_kernel_error("Sketch fuse");
    zk_shape **args = sk_shapes_of(res, nk, &n);
    zk_shape *r = NULL;
    if (args) {
        for (size_t i = 0; i < nk; i++)
            args[i] = kids[i];
        if (n == 1)
            r = zk_ref(args[0]);
        else if (n > 1 && !(r = zk_fuse(args[0], args + 1, n - 1, 0, 0)))
            cq_raise_kernel_error("Sketch fuse");
        PyMem_Free(args);
    }
    zk_free_list(kids, nk);
    return r;
}

static zk_shape *bool_faces(zk_shape *cur, PyObject *res, int cut)
{
    size_t n;
    zk_shape **tools = sk_shapes_of(res, 0, &n);
    if (!tools)
        return NULL;
    zk_shape **kids = NULL;
    size_t nk = 1;
    zk_shape *r;
    if (zk_shape_type(cur) == ZK_COMPOUND && zk_children(cur, &kids, &nk) == 0 && nk == 0) {
        r = zk_compound(NULL, 0);          /* nothing to cut from / intersect */
    } else {
        r = cut ? zk_cut(cur, tools, n, 0) : zk_common(cur, tools, n, 0);
        if (!r)
            cq_raise_kernel_error(cut ? "Sketch cut" : "Sketch intersect");
    }
    zk_free_list(kids, kids ? nk : 0);
    PyMem_Free(tools);
    return r;
}

int sk_apply_mode(CQSketch *self, PyObject *res, PyObject *mode, PyObject *tag)
{
    int has_tag = tag && tag != Py_None && PyObject_IsTrue(tag) == 1;
    if (has_tag) {
        PyObject *copy = PySequence_List(res);
        int rc = copy ? PyDict_SetItem(self->tags, tag, copy) : -1;
        Py_XDECREF(copy);
        if (rc < 0)
            return -1;
    }
    const char *m = PyUnicode_Check(mode) ? PyUnicode_AsUTF8(mode) : NULL;
    zk_shape *cur = faces_of(self), *r = NULL;
    if (!cur)
        return -1;
    if (m && strcmp(m, "a") == 0) {
        r = fuse_faces(cur, res);
    } else if (m && strcmp(m, "s") == 0) {
        r = bool_faces(cur, res, 1);
    } else if (m && strcmp(m, "i") == 0) {
        r = bool_faces(cur, res, 0);
    } else if (m && strcmp(m, "r") == 0) {
        size_t n;
        zk_shape **v = sk_shapes_of(res, 0, &n);
        if (!v)
            return -1;
        r = zk_compound(v, n);
        PyMem_Free(v);
        if (!r)
            cq_raise_kernel_error("Sketch replace");
    } else if (m && strcmp(m, "c") == 0) {
        if (!has_tag) {
            PyErr_SetString(PyExc_ValueError, "No tag specified - the geometry will be unreachable");
            return -1;
        }
        return 0;
    } else {
        PyErr_Format(PyExc_ValueError, "Invalid mode: %S", mode);
        return -1;
    }
    if (!r)
        return -1;
    return set_faces(self, r);
}

/* ------------------------------------------------------------------ each */

/* Locations of `each`: the selection's, or one identity location. */
int sk_each_locations(CQSketch *self, int ignore_selection, zk_trsf **out, size_t *n)
{
    Py_ssize_t k = ignore_selection ? 0 : PyList_GET_SIZE(self->selection);
    *out = PyMem_Malloc((k ? (size_t)k : 1) * sizeof **out);
    if (!*out) {
        PyErr_NoMemory();
        return -1;
    }
    if (k == 0) {
        sk_trsf_translation(&(*out)[0], (zk_vec){0, 0, 0});
        *n = 1;
        return 0;
    }
    for (Py_ssize_t i = 0; i < k; i++)
        if (sk_item_location(PyList_GET_ITEM(self->selection, i), &(*out)[i]) < 0) {
            PyMem_Free(*out);
            return -1;
        }
    *n = (size_t)k;
    return 0;
}

/* Appends a placed shape to res: its faces when it is a compound. Steals `placed`. */
static int append_placed(PyObject *res, zk_shape *placed)
{
    if (!placed) {
        cq_raise_kernel_error("Sketch placement");
        return -1;
    }
    if (zk_shape_type(placed) == ZK_COMPOUND) {
        PyObject *faces = cq_shape_explore(placed, ZK_FACE);
        zk_unref(placed);
        if (!faces)
            return -1;
        Py_ssize_t n = PyList_GET_SIZE(faces);
        for (Py_ssize_t i = 0; i < n; i++)
            if (PyList_Append(res, PyList_GET_ITEM(faces, i)) < 0) {
                Py_DECREF(faces);
                return -1;
            }
        Py_DECREF(faces);
        return 0;
    }
    PyObject *w = cq_shape_wrap(placed);
    int rc = w ? PyList_Append(res, w) : -1;
    Py_XDECREF(w);
    return rc;
}

int sk_each_shape(CQSketch *self, zk_shape *shape, int located, PyObject *mode, PyObject *tag,
                      int ignore_selection)
{
    zk_trsf *locs;
    size_t n;
    if (sk_each_locations(self, ignore_selection, &locs, &n) < 0)
        return -1;
    PyObject *res = PyList_New(0);
    int rc = res ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = append_placed(res, located ? zk_located(shape, &locs[i]) : zk_moved(shape, &locs[i]));
    PyMem_Free(locs);
    if (rc == 0)
        rc = sk_apply_mode(self, res, mode, tag);
    Py_XDECREF(res);
    return rc;
}

static PyObject *each_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"callback", "mode", "tag", "ignore_selection", NULL};
    PyObject *cb, *mode = sk_str_a, *tag = Py_None;
    int ignore = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOp:each", kwlist, &cb, &mode, &tag, &ignore))
        return NULL;
    zk_trsf *locs;
    size_t n;
    if (sk_each_locations(self, ignore, &locs, &n) < 0)
        return NULL;
    PyObject *res = PyList_New(0);
    int rc = res ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        PyObject *loc = sk_location(&locs[i]);
        PyObject *r = loc ? PyObject_CallOneArg(cb, loc) : NULL;
        Py_XDECREF(loc);
        if (!r) {
            rc = -1;
        } else if (cq_sketch_check(r)) {
            zk_shape *f = cq_shape_get(((CQSketch *)r)->faces);
            rc = f ? append_placed(res, zk_ref(f)) : -1;
        } else if (cq_shape_check(r)) {
            rc = append_placed(res, zk_ref(((CQShape *)r)->s));
        } else {
            PyErr_Format(PyExc_TypeError, "each() callback must return a Face, Compound or Sketch, not %.100s",
                         Py_TYPE(r)->tp_name);
            rc = -1;
        }
        Py_XDECREF(r);
    }
    PyMem_Free(locs);
    if (rc == 0)
        rc = sk_apply_mode(self, res, mode, tag);
    Py_XDECREF(res);
    if (rc < 0)
        return NULL;
    Py_INCREF(self);
    return (PyObject *)self;
}

/* ------------------------------------------------------------------ misc */

static PyObject *new_of_type(PyTypeObject *t, PyObject *locs)
{
    if (!locs)
        return PyObject_CallNoArgs((PyObject *)t);
    PyObject *kw = Py_BuildValue("{s:O}", "locs", locs);
    if (!kw)
        return NULL;
    PyObject *args = PyTuple_New(0);
    PyObject *r = args ? PyObject_Call((PyObject *)t, args, kw) : NULL;
    Py_XDECREF(args);
    Py_DECREF(kw);
    return r;
}

/* A new sketch of the same class with _faces = the shape (stolen). */
static PyObject *sketch_with_faces(CQSketch *self, zk_shape *faces, PyObject *locs)
{
    if (!faces)
        return cq_raise_kernel_error("Sketch copy");
    PyObject *rv = new_of_type(Py_TYPE(self), locs);
    if (!rv || !cq_sketch_check(rv)) {
        zk_unref(faces);
        if (rv) {
            Py_DECREF(rv);
            PyErr_SetString(PyExc_TypeError, "Sketch subclass constructor did not return a Sketch");
        }
        return NULL;
    }
    if (set_faces((CQSketch *)rv, faces) < 0) {
        Py_DECREF(rv);
        return NULL;
    }
    return rv;
}

static PyObject *copy_method(CQSketch *self, PyObject *unused)
{
    (void)unused;
    zk_shape *f = faces_of(self);
    return f ? sketch_with_faces(self, zk_copy(f), NULL) : NULL;
}

/* A compound of the faces moved by each location (master's moved(*locs)). */
static zk_shape *moved_all(zk_shape *f, PyObject *locs)
{
    Py_ssize_t n = PyList_GET_SIZE(locs);
    zk_shape **v = PyMem_Calloc(n ? (size_t)n : 1, sizeof *v);
    zk_shape *r = NULL;
    if (!v) {
        PyErr_NoMemory();
        return NULL;
    }
    Py_ssize_t i = 0;
    for (; i < n; i++) {
        zk_trsf t;
        PyObject *it = PyList_GET_ITEM(locs, i);
        if (PyObject_TypeCheck(it, &CQLocationType)) {
            t = ((CQLocation *)it)->t;
        } else {
            zk_vec p;
            if (cq_vector_from_obj(it, &p) < 0)
                break;
            sk_trsf_translation(&t, p);
        }
        if (!(v[i] = zk_moved(f, &t))) {
            cq_raise_kernel_error("Sketch.moved");
            break;
        }
    }
    if (i == n)
        r = n == 1 ? zk_ref(v[0]) : zk_compound(v, (size_t)n);
    for (Py_ssize_t k = 0; k < n; k++)
        zk_unref(v[k]);
    PyMem_Free(v);
    return r;
}

static PyObject *moved_method(CQSketch *self, PyObject *args)
{
    zk_shape *f = faces_of(self);
    if (!f)
        return NULL;
    PyObject *locs;
    if (PyTuple_GET_SIZE(args) == 1 && PyList_Check(PyTuple_GET_ITEM(args, 0)))
        locs = PySequence_List(PyTuple_GET_ITEM(args, 0));
    else
        locs = PySequence_List(args);
    if (!locs)
        return NULL;
    zk_shape *m = moved_all(f, locs);
    Py_DECREF(locs);
    if (!m)
        return PyErr_Occurred() ? NULL : cq_raise_kernel_error("Sketch.moved");
    return sketch_with_faces(self, m, NULL);
}

static PyObject *located_method(CQSketch *self, PyObject *loc)
{
    zk_shape *f = faces_of(self);
    if (!f)
        return NULL;
    PyObject *locs = PyTuple_Pack(1, loc);
    if (!locs)
        return NULL;
    PyObject *r = sketch_with_faces(self, zk_copy(f), locs);
    Py_DECREF(locs);
    return r;
}

static PyObject *finalize_method(CQSketch *self, PyObject *unused)
{
    (void)unused;
    Py_INCREF(self->parent);
    return self->parent;
}

static PyObject *val_method(CQSketch *self, PyObject *unused)
{
    (void)unused;
    if (PyList_GET_SIZE(self->selection) > 0) {
        PyObject *o = PyList_GET_ITEM(self->selection, 0);
        Py_INCREF(o);
        return o;
    }
    zk_trsf t;
    sk_trsf_translation(&t, (zk_vec){0, 0, 0});
    return sk_location(&t);
}

static PyObject *vals_method(CQSketch *self, PyObject *unused)
{
    (void)unused;
    Py_INCREF(self->selection);
    return self->selection;
}

static PyObject *not_supported(CQSketch *self, PyObject *args, PyObject *kw)
{
    (void)self;
    (void)args;
    (void)kw;
    PyErr_SetString(PyExc_NotImplementedError, "Sketch constraints (constrain/solve) are not supported by zerocad");
    return NULL;
}

PyObject *cq_sketch_faces(PyObject *sketch)
{
    if (!cq_sketch_check(sketch)) {
        PyErr_SetString(PyExc_TypeError, "expected a Sketch");
        return NULL;
    }
    CQSketch *self = (CQSketch *)sketch;
    zk_shape *f = faces_of(self);
    if (!f)
        return NULL;
    PyObject *locs = PySequence_List(self->locs);
    PyObject *out = locs ? PyList_New(0) : NULL;
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(locs); i++) {
        zk_trsf t;
        if (sk_item_location(PyList_GET_ITEM(locs, i), &t) < 0) {
            Py_CLEAR(out);
            break;
        }
        zk_shape *m = zk_moved(f, &t);
        PyObject *faces = m ? cq_shape_explore(m, ZK_FACE) : cq_raise_kernel_error("Sketch faces");
        zk_unref(m);
        for (Py_ssize_t k = 0; out && (!faces || k < PyList_GET_SIZE(faces)); k++)
            if (!faces || PyList_Append(out, PyList_GET_ITEM(faces, k)) < 0)
                Py_CLEAR(out);
        Py_XDECREF(faces);
    }
    Py_XDECREF(locs);
    return out;
}

/* ------------------------------------------------------------------ the type */

static int sketch_init(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"parent", "locs", "obj", NULL};
    PyObject *parent = Py_None, *locs = NULL, *obj = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOO:Sketch", kwlist, &parent, &locs, &obj))
        return -1;
    PyObject *l;
    if (locs && locs != Py_None) {   /* None: one identity Location (documented default) */
        l = PySequence_List(locs);
    } else {
        zk_trsf t;
        sk_trsf_translation(&t, (zk_vec){0, 0, 0});
        PyObject *loc = sk_location(&t);
        l = loc ? PyList_New(1) : NULL;
        if (l)
            PyList_SET_ITEM(l, 0, loc);
        else
            Py_XDECREF(loc);
    }
    if (!l)
        return -1;
    PyObject *faces;
    if (obj != Py_None) {
        if (!cq_shape_check(obj)) {
            Py_DECREF(l);
            PyErr_SetString(PyExc_TypeError, "Sketch(obj=...) expects a Shape");
            return -1;
        }
        Py_INCREF(obj);
        faces = obj;
    } else {
        faces = sk_empty_compound();
    }
    PyObject *wires = PyList_New(0), *edges = PyList_New(0), *sel = PyList_New(0), *tags = PyDict_New();
    if (!faces || !wires || !edges || !sel || !tags) {
        Py_DECREF(l);
        Py_XDECREF(faces);
        Py_XDECREF(wires);
        Py_XDECREF(edges);
        Py_XDECREF(sel);
        Py_XDECREF(tags);
        return -1;
    }
    Py_INCREF(parent);
    Py_XSETREF(self->parent, parent);
    Py_XSETREF(self->locs, l);
    Py_XSETREF(self->faces, faces);
    Py_XSETREF(self->wires, wires);
    Py_XSETREF(self->edges, edges);
    Py_XSETREF(self->selection, sel);
    self->selected = 0;
    Py_XSETREF(self->tags, tags);
    return 0;
}

static int sketch_traverse(CQSketch *self, visitproc visit, void *arg)
{
    Py_VISIT(self->parent);
    Py_VISIT(self->locs);
    Py_VISIT(self->faces);
    Py_VISIT(self->wires);
    Py_VISIT(self->edges);
    Py_VISIT(self->selection);
    Py_VISIT(self->tags);
    Py_VISIT(self->dict);
    return 0;
}

static int sketch_clear(CQSketch *self)
{
    Py_CLEAR(self->parent);
    Py_CLEAR(self->locs);
    Py_CLEAR(self->faces);
    Py_CLEAR(self->wires);
    Py_CLEAR(self->edges);
    Py_CLEAR(self->selection);
    Py_CLEAR(self->tags);
    Py_CLEAR(self->dict);
    return 0;
}

static void sketch_dealloc(CQSketch *self)
{
    PyObject_GC_UnTrack(self);
    if (self->weakreflist)
        PyObject_ClearWeakRefs((PyObject *)self);
    sketch_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* tp_new: a usable (empty) sketch even when a subclass forgets to call __init__. */
static PyObject *sketch_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    (void)args;
    (void)kw;
    CQSketch *self = (CQSketch *)type->tp_alloc(type, 0);
    if (!self)
        return NULL;
    PyObject *empty = PyTuple_New(0);
    int rc = empty ? sketch_init(self, empty, NULL) : -1;
    Py_XDECREF(empty);
    if (rc < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static PyObject *sketch_repr(CQSketch *self)
{
    return PyUnicode_FromFormat("<cadquery.Sketch object at %p>", (void *)self);
}

static PyMemberDef sketch_members[] = {
    {"parent", T_OBJECT, offsetof(CQSketch, parent), 0, "the parent Workplane (finalize returns it)"},
    {"locs", T_OBJECT, offsetof(CQSketch, locs), 0, "locations the sketch is placed at"},
    {"_faces", T_OBJECT, offsetof(CQSketch, faces), 0, "the sketch faces (a Compound)"},
    {"_wires", T_OBJECT, offsetof(CQSketch, wires), 0, "free wires"},
    {"_edges", T_OBJECT, offsetof(CQSketch, edges), 0, "free edges"},
    {"_selection", T_OBJECT, offsetof(CQSketch, selection), 0, "current selection"},
    {"_tags", T_OBJECT, offsetof(CQSketch, tags), 0, "tagged selections"},
    {NULL, 0, 0, 0, NULL}};

#define KW (PyCFunction)(void (*)(void))
static PyMethodDef sketch_core_methods[] = {
    {"each", KW each_method, METH_VARARGS | METH_KEYWORDS, "each(callback, mode='a', tag=None, ignore_selection=False)"},
    {"copy", (PyCFunction)copy_method, METH_NOARGS, "copy(): a partial copy (faces only)"},
    {"moved", (PyCFunction)moved_method, METH_VARARGS, "moved(loc): a partial copy with moved faces"},
    {"located", (PyCFunction)located_method, METH_O, "located(loc): a partial copy at a new location"},
    {"finalize", (PyCFunction)finalize_method, METH_NOARGS, "finalize(): the parent Workplane"},
    {"val", (PyCFunction)val_method, METH_NOARGS, "val(): the first selected item or Location()"},
    {"vals", (PyCFunction)vals_method, METH_NOARGS, "vals(): the selected items"},
    {"constrain", KW not_supported, METH_VARARGS | METH_KEYWORDS, "not supported"},
    {"solve", KW not_supported, METH_VARARGS | METH_KEYWORDS, "not supported"},
    {NULL, NULL, 0, NULL}};

static PyMethodDef *sketch_all_methods;

PyTypeObject CQSketchType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.Sketch",
    .tp_basicsize = sizeof(CQSketch),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Sketch(parent=None, locs=(Location(),), obj=None): 2D sketch of faces and edges.",
    .tp_new = sketch_new,
    .tp_init = (initproc)sketch_init,
    .tp_dealloc = (destructor)sketch_dealloc,
    .tp_traverse = (traverseproc)sketch_traverse,
    .tp_clear = (inquiry)sketch_clear,
    .tp_repr = (reprfunc)sketch_repr,
    .tp_iter = cq_sketch_iter,              /* sketch_ops.c: faces, else edges */
    .tp_as_mapping = &cq_sketch_as_mapping, /* sketch_ops.c: [] selects */
    .tp_as_number = &cq_sketch_as_number,   /* sketch_ops.c: + - * / */
    .tp_members = sketch_members,
    .tp_dictoffset = offsetof(CQSketch, dict),
    .tp_weaklistoffset = offsetof(CQSketch, weakreflist),
};

int cq_sketch_check(PyObject *o)
{
    return PyObject_TypeCheck(o, &CQSketchType);
}

PyObject *cq_sketch_new_placed(PyObject *parent, PyObject *locations)
{
    PyObject *args = PyTuple_Pack(2, parent ? parent : Py_None, locations);
    if (!args)
        return NULL;
    PyObject *r = PyObject_Call((PyObject *)&CQSketchType, args, NULL);
    Py_DECREF(args);
    return r;
}

PyObject *cq_sketch_copy_located(PyObject *sketch, PyObject *location)
{
    if (!cq_sketch_check(sketch)) {
        PyErr_Format(PyExc_TypeError, "placeSketch expects Sketch objects, got %.100s", Py_TYPE(sketch)->tp_name);
        return NULL;
    }
    PyObject *c = copy_method((CQSketch *)sketch, NULL);
    if (!c)
        return NULL;
    PyObject *locs = PyList_Check(location) || PyTuple_Check(location) ? PySequence_List(location)
                                                                       : PyList_New(1);
    if (locs && !PyList_Check(location) && !PyTuple_Check(location)) {
        Py_INCREF(location);
        PyList_SET_ITEM(locs, 0, location);
    }
    if (!locs) {
        Py_DECREF(c);
        return NULL;
    }
    Py_SETREF(((CQSketch *)c)->locs, locs);
    return c;
}

static size_t count_methods(const PyMethodDef *m)
{
    size_t n = 0;
    while (m[n].ml_name)
        n++;
    return n;
}

int cq_sketch_init(PyObject *module)
{
    if (!(CQSketchType.tp_flags & Py_TPFLAGS_READY)) {
        const PyMethodDef *tables[] = {sketch_core_methods, cq_sketch_shape_methods, cq_sketch_location_methods, cq_sketch_select_methods,
                                        cq_sketch_edge_methods, cq_sketch_hull_methods};
        size_t total = 0;
        const size_t ntables = sizeof tables / sizeof tables[0];
        for (size_t i = 0; i < ntables; i++)
            total += count_methods(tables[i]);
        sketch_all_methods = PyMem_Calloc(total + 1, sizeof *sketch_all_methods);
        if (!sketch_all_methods) {
            PyErr_NoMemory();
            return -1;
        }
        size_t k = 0;
        for (size_t i = 0; i < ntables; i++)
            for (size_t j = 0; tables[i][j].ml_name; j++)
                sketch_all_methods[k++] = tables[i][j];
        CQSketchType.tp_methods = sketch_all_methods;
        if (PyType_Ready(&CQSketchType) < 0 || cq_sketch_ops_init(&CQSketchType) < 0)
            return -1;
        CQSketchType.tp_flags &= ~Py_TPFLAGS_IMMUTABLETYPE;   /* plugins, as on Workplane */
    }
    if (!sk_str_a && !(sk_str_a = PyUnicode_InternFromString("a")))
        return -1;
    return PyModule_AddObjectRef(module, "Sketch", (PyObject *)&CQSketchType);
}
