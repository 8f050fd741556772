/* workplane_stack.c: the Workplane's stack and selection methods (CadQuery 2.4 cq.py):
 * faces/edges/vertices/wires/solids/shells/compounds(selector, tag), val, vals, first, last,
 * item, size, all, add, findSolid, toPending, largestDimension, sketch, placeSketch, ancestors,
 * and the [2.5+] additions export, __iter__, __getitem__, filter, map, apply, sort, invoke. */
#include "cq_internal.h"

#include <math.h>
#include <stdint.h>

#define WP(o) ((CQWorkplane *)(o))

/* ---- _collectProperty: distinct sub-shapes of one type over every Shape on the stack */

typedef struct {
    zk_shape **slots;
    size_t cap;
} shape_set;

static int set_init(shape_set *set, size_t n)
{
    set->cap = 16;
    while (set->cap < 2 * n + 1)
        set->cap *= 2;
    set->slots = PyMem_Calloc(set->cap, sizeof(zk_shape *));
    if (!set->slots) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

/* 1 if added, 0 if an IsSame shape was already there. */
static int set_add(shape_set *set, zk_shape *s)
{
    size_t i = (size_t)(zk_hash(s) * 0x9E3779B97F4A7C15ull) & (set->cap - 1);
    while (set->slots[i]) {
        if (zk_is_same(set->slots[i], s))
            return 0;
        i = (i + 1) & (set->cap - 1);
    }
    set->slots[i] = s;
    return 1;
}

static PyObject *collect_property(CQWorkplane *wp, zk_type type)
{
    PyObject *objs = wp->objects;
    Py_ssize_t n = PyList_GET_SIZE(objs);
    PyObject *parts = PyList_New(0);
    if (!parts)
        return NULL;
    size_t total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = PyList_GET_ITEM(objs, i);
        if (!cq_shape_check(o))
            continue;
        PyObject *lst = cq_shape_explore(((CQShape *)o)->s, type);
        if (!lst || PyList_Append(parts, lst) < 0) {
            Py_XDECREF(lst);
            Py_DECREF(parts);
            return NULL;
        }
        total += (size_t)PyList_GET_SIZE(lst);
        Py_DECREF(lst);
    }
    if (PyList_GET_SIZE(parts) == 1) {
        PyObject *only = Py_NewRef(PyList_GET_ITEM(parts, 0));
        Py_DECREF(parts);
        return only;
    }
    PyObject *out = PyList_New(0);
    shape_set set = {NULL, 0};
    if (!out || set_init(&set, total) < 0)
        goto fail;
    for (Py_ssize_t p = 0; p < PyList_GET_SIZE(parts); p++) {
        PyObject *lst = PyList_GET_ITEM(parts, p);
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lst); i++) {
            PyObject *sh = PyList_GET_ITEM(lst, i);
            if (set_add(&set, ((CQShape *)sh)->s) && PyList_Append(out, sh) < 0)
                goto fail;
        }
    }
    PyMem_Free(set.slots);
    Py_DECREF(parts);
    return out;
fail:
    PyMem_Free(set.slots);
    Py_XDECREF(out);
    Py_DECREF(parts);
    return NULL;
}

/* _selectObjects(objType, selector, tag) */
static PyObject *select_objects(PyObject *self, PyObject *args, PyObject *kw, zk_type type)
{
    static char *kwlist[] = {"selector", "tag", NULL};
    PyObject *selector = Py_None, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OO", kwlist, &selector, &tag))
        return NULL;
    int has_tag = PyObject_IsTrue(tag);
    int has_sel = PyObject_IsTrue(selector);
    if (has_tag < 0 || has_sel < 0)
        return NULL;
    PyObject *src = has_tag ? cq_wp_get_tagged(WP(self), tag) : Py_NewRef(self);
    if (!src)
        return NULL;
    if (!cq_wp_check(src)) {
        Py_DECREF(src);
        PyErr_SetString(PyExc_TypeError, "tagged object is not a Workplane");
        return NULL;
    }
    PyObject *found = collect_property(WP(src), type);
    Py_DECREF(src);
    if (!found)
        return NULL;
    if (has_sel) {
        PyObject *sel = cq_select(found, selector);
        Py_DECREF(found);
        if (!sel)
            return NULL;
        found = sel;
    }
    PyObject *r = cq_wp_new_object(WP(self), found);
    Py_DECREF(found);
    return r;
}

static PyObject *wp_vertices(PyObject *s, PyObject *a, PyObject *k) { return select_objects(s, a, k, ZK_VERTEX); }
static PyObject *wp_faces(PyObject *s, PyObject *a, PyObject *k) { return select_objects(s, a, k, ZK_FACE); }
static PyObject *wp_edges(PyObject *s, PyObject *a, PyObject *k) { return select_objects(s, a, k, ZK_EDGE); }
static PyObject *wp_wires(PyObject *s, PyObject *a, PyObject *k) { return select_objects(s, a, k, ZK_WIRE); }
static PyObject *wp_solids(PyObject *s, PyObject *a, PyObject *k) { return select_objects(s, a, k, ZK_SOLID); }
static PyObject *wp_shells(PyObject *s, PyObject *a, PyObject *k) { return select_objects(s, a, k, ZK_SHELL); }
static PyObject *wp_compounds(PyObject *s, PyObject *a, PyObject *k) { return select_objects(s, a, k, ZK_COMPOUND); }

/* ---- stack access */

static PyObject *wp_val(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *objs = WP(self)->objects;
    if (PyList_GET_SIZE(objs))
        return Py_NewRef(PyList_GET_ITEM(objs, 0));
    return cq_vector_new(WP(self)->plane->origin);
}

static PyObject *wp_vals(PyObject *self, PyObject *unused)
{
    (void)unused;
    return Py_NewRef(WP(self)->objects);
}

static PyObject *wp_size(PyObject *self, PyObject *unused)
{
    (void)unused;
    return PyLong_FromSsize_t(PyList_GET_SIZE(WP(self)->objects));
}

static PyObject *wp_first(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *objs = WP(self)->objects;
    PyObject *head = PyList_GetSlice(objs, 0, 1);
    if (!head)
        return NULL;
    PyObject *r = cq_wp_new_object(WP(self), head);
    Py_DECREF(head);
    return r;
}

static PyObject *item_at(PyObject *self, Py_ssize_t i)
{
    PyObject *o = PySequence_GetItem(WP(self)->objects, i);
    if (!o)
        return NULL;
    return cq_wp_new_object1(WP(self), o);
}

static PyObject *wp_item(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"i", NULL};
    Py_ssize_t i;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "n", kwlist, &i))
        return NULL;
    return item_at(self, i);
}

static PyObject *wp_last(PyObject *self, PyObject *unused)
{
    (void)unused;
    return item_at(self, -1);
}

static PyObject *wp_all(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *objs = WP(self)->objects;
    Py_ssize_t n = PyList_GET_SIZE(objs);
    PyObject *out = PyList_New(n);
    if (!out)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = cq_wp_new_object1(WP(self), Py_NewRef(PyList_GET_ITEM(objs, i)));
        if (!w) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, w);
    }
    return out;
}

/* add(obj): extends self.objects in place (list, Workplane) or appends; returns self. */
static PyObject *wp_add(PyObject *self, PyObject *obj)
{
    PyObject *objs = WP(self)->objects;
    Py_ssize_t end = PyList_GET_SIZE(objs);
    if (PyList_Check(obj)) {
        if (PyList_SetSlice(objs, end, end, obj) < 0)
            return NULL;
    } else if (cq_wp_check(obj)) {
        PyObject *copy = PyList_GetSlice(WP(obj)->objects, 0, PY_SSIZE_T_MAX);
        if (!copy)
            return NULL;
        int rc = PyList_SetSlice(objs, end, end, copy);
        Py_DECREF(copy);
        if (rc < 0 || cq_wp_merge_tags(WP(self), obj) < 0)
            return NULL;
    } else if (PyList_Append(objs, obj) < 0) {
        return NULL;
    }
    return Py_NewRef(self);
}

static PyObject *wp_find_solid(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"searchStack", "searchParents", NULL};
    int stack = 1, parents = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|pp", kwlist, &stack, &parents))
        return NULL;
    return cq_wp_find_solid(WP(self), stack, parents, 1);
}

static PyObject *wp_largest_dimension(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *s = cq_wp_find_solid(WP(self), 1, 1, 1);
    if (!s)
        return NULL;
    double b[6];
    int rc = zk_bbox(((CQShape *)s)->s, 0.0, 1, b);
    Py_DECREF(s);
    if (rc < 0)
        return cq_raise_kernel_error("BoundingBox");
    double dx = b[3] - b[0], dy = b[4] - b[1], dz = b[5] - b[2];
    return PyFloat_FromDouble(sqrt(dx * dx + dy * dy + dz * dz));
}

/* toPending(): the Wires and Edges on the stack join the pending lists; returns self. */
static PyObject *wp_to_pending(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *objs = WP(self)->objects;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(objs); i++) {
        PyObject *o = PyList_GET_ITEM(objs, i);
        int rc = 0;
        if (PyObject_TypeCheck(o, &CQWireType))
            rc = cq_wp_add_pending_wire(WP(self), o);
        else if (PyObject_TypeCheck(o, &CQEdgeType))
            rc = PyList_Append(WP(self)->ctx->pendingEdges, o);
        if (rc < 0)
            return NULL;
    }
    return Py_NewRef(self);
}

/* sketch(): a Sketch placed at the stack locations, parented by a new empty child. */
static PyObject *wp_sketch(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *empty = PyList_New(0);
    PyObject *parent = empty ? cq_wp_new_object(WP(self), empty) : NULL;
    Py_XDECREF(empty);
    if (!parent)
        return NULL;
    PyObject *locs = cq_wp_locs(WP(self));
    PyObject *sk = locs ? cq_sketch_new_placed(parent, locs) : NULL;
    Py_XDECREF(locs);
    if (sk && PyList_Append(WP(parent)->objects, sk) < 0)
        Py_CLEAR(sk);
    Py_DECREF(parent);
    return sk;
}

/* placeSketch(*sketches): copies located at the stack locations. */
static PyObject *wp_place_sketch(PyObject *self, PyObject *args)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *out = PyList_New(0);
    if (!out)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *locs = cq_wp_locs(WP(self));
        PyObject *copy = locs ? cq_sketch_copy_located(PyTuple_GET_ITEM(args, i), locs) : NULL;
        Py_XDECREF(locs);
        if (!copy || PyList_Append(out, copy) < 0) {
            Py_XDECREF(copy);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(copy);
    }
    PyObject *r = cq_wp_new_object(WP(self), out);
    Py_DECREF(out);
    return r;
}

/* ancestors(kind, tag=None): the distinct shapes of `kind` in findSolid() that contain a stack
 * item (Shape.ancestors). The order is the order of discovery (CadQuery uses an unordered set). */
static int kind_type(PyObject *kind, zk_type *out)
{
    static const char *names[] = {"Compound", "CompSolid", "Solid", "Shell", "Face", "Wire", "Edge", "Vertex"};
    static const zk_type types[] = {ZK_COMPOUND, ZK_COMPSOLID, ZK_SOLID, ZK_SHELL, ZK_FACE, ZK_WIRE, ZK_EDGE, ZK_VERTEX};
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        if (PyUnicode_Check(kind) && PyUnicode_CompareWithASCIIString(kind, names[i]) == 0) {
            *out = types[i];
            return 0;
        }
    }
    PyErr_SetObject(PyExc_KeyError, kind);
    return -1;
}

static PyObject *wp_ancestors(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"kind", "tag", NULL};
    PyObject *kind, *tag = Py_None;
    zk_type type;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O", kwlist, &kind, &tag) || kind_type(kind, &type) < 0)
        return NULL;
    PyObject *solid = cq_wp_find_solid(WP(self), 1, 1, 1);
    if (!solid)
        return NULL;
    int has_tag = PyObject_IsTrue(tag);
    PyObject *src = has_tag > 0 ? cq_wp_get_tagged(WP(self), tag) : has_tag == 0 ? Py_NewRef(self) : NULL;
    PyObject *found = src && cq_wp_check(src) ? PyList_New(0) : NULL;
    if (src && !cq_wp_check(src))
        PyErr_SetString(PyExc_TypeError, "tagged object is not a Workplane");
    Py_ssize_t n = found ? PyList_GET_SIZE(WP(src)->objects) : 0;
    for (Py_ssize_t i = 0; found && i < n; i++) {
        PyObject *o = PyList_GET_ITEM(WP(src)->objects, i);
        if (!cq_shape_check(o))
            continue;
        zk_shape **anc = NULL;
        size_t na = 0;
        if (zk_ancestors(((CQShape *)solid)->s, ((CQShape *)o)->s, type, &anc, &na) < 0) {
            cq_raise_kernel_error("ancestors");
            Py_CLEAR(found);
            break;
        }
        for (size_t j = 0; found && j < na; j++) {
            PyObject *w = cq_shape_wrap(zk_ref(anc[j]));
            if (!w || PyList_Append(found, w) < 0)
                Py_CLEAR(found);
            Py_XDECREF(w);
        }
        zk_free_list(anc, na);
    }
    Py_XDECREF(src);
    Py_DECREF(solid);
    if (!found)
        return NULL;
    /* distinct (IsSame) */
    PyObject *uniq = PyList_New(0);
    shape_set set = {NULL, 0};
    if (uniq && set_init(&set, (size_t)PyList_GET_SIZE(found)) == 0) {
        for (Py_ssize_t i = 0; uniq && i < PyList_GET_SIZE(found); i++) {
            PyObject *sh = PyList_GET_ITEM(found, i);
            if (set_add(&set, ((CQShape *)sh)->s) && PyList_Append(uniq, sh) < 0)
                Py_CLEAR(uniq);
        }
    } else {
        Py_CLEAR(uniq);
    }
    PyMem_Free(set.slots);
    Py_DECREF(found);
    if (!uniq)
        return NULL;
    PyObject *r = cq_wp_new_object(WP(self), uniq);
    Py_DECREF(uniq);
    return r;
}

/* export(fname, tolerance=0.1, angularTolerance=0.1, opt=None) [2.5+]: exporters.export(self, ...); self. */
static PyObject *wp_export(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"fname", "tolerance", "angularTolerance", "opt", NULL};
    PyObject *fname, *opt = Py_None;
    double tol = 0.1, ang = 0.1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|ddO", kwlist, &fname, &tol, &ang, &opt))
        return NULL;
    /* current CadQuery: BREP and binary BREP go through Shape.export (a compound of the stack) */
    PyObject *low = PyUnicode_Check(fname) ? PyObject_CallMethod(fname, "lower", NULL) : NULL;
    PyObject *sfx = low ? Py_BuildValue("(ss)", ".brep", ".bin") : NULL;
    PyObject *ends = sfx ? PyObject_CallMethod(low, "endswith", "(O)", sfx) : NULL;
    int native = ends == Py_True;
    Py_XDECREF(low);
    Py_XDECREF(sfx);
    Py_XDECREF(ends);
    PyErr_Clear();
    if (native) {
        PyObject *vals = PyObject_CallMethod(self, "vals", NULL);
        PyObject *c = vals ? cq_compound_of_list(vals) : NULL;
        PyObject *r = c ? PyObject_CallMethod(c, "export", "O", fname) : NULL;
        Py_XDECREF(vals);
        Py_XDECREF(c);
        if (!r)
            return NULL;
        Py_DECREF(r);
        return Py_NewRef(self);
    }
    PyObject *mod = PyImport_ImportModule("cadquery.exporters");
    PyObject *fn = mod ? PyObject_GetAttrString(mod, "export") : NULL;
    Py_XDECREF(mod);
    if (!fn)
        return NULL;
    PyObject *a = Py_BuildValue("(OO)", self, fname);
    PyObject *k = Py_BuildValue("{s:d,s:d,s:O}", "tolerance", tol, "angularTolerance", ang, "opt", opt);
    PyObject *r = (a && k) ? PyObject_Call(fn, a, k) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(k);
    Py_DECREF(fn);
    if (!r)
        return NULL;
    Py_DECREF(r);
    return Py_NewRef(self);
}

/* ---- [2.5+] iteration and functional helpers (CadQuery 2.5 added them; 2.4 programs never
 * iterate or index a Workplane, so they only widen what runs) */

/* iter(wp): the Shapes of the stack, a Compound's children in its place, a Sketch's faces. */
PyObject *cq_wp_iter(PyObject *self)
{
    PyObject *objs = WP(self)->objects, *out = PyList_New(0);
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(objs); i++) {
        PyObject *o = PyList_GET_ITEM(objs, i), *part = NULL;
        if (PyObject_TypeCheck(o, &CQCompoundType)) {
            zk_shape **kids = NULL;
            size_t nk = 0;
            if (zk_children(((CQShape *)o)->s, &kids, &nk) < 0) {
                cq_raise_kernel_error("Compound iteration");
            } else {
                part = PyList_New(0);
                for (size_t j = 0; part && j < nk; j++) {
                    PyObject *w = cq_shape_wrap(zk_ref(kids[j]));
                    if (!w || PyList_Append(part, w) < 0)
                        Py_CLEAR(part);
                    Py_XDECREF(w);
                }
                zk_free_list(kids, nk);
            }
        } else if (cq_shape_check(o)) {
            part = Py_BuildValue("[O]", o);
        } else if (cq_sketch_check(o)) {
            part = cq_sketch_faces(o);
        } else {
            continue;
        }
        Py_ssize_t end = PyList_GET_SIZE(out);
        if (!part || PyList_SetSlice(out, end, end, part) < 0)
            Py_CLEAR(out);
        Py_XDECREF(part);
    }
    if (!out)
        return NULL;
    PyObject *it = PyObject_GetIter(out);
    Py_DECREF(out);
    return it;
}

/* wp[i], wp[a:b], wp[[i, j]]: a child with those items. */
PyObject *cq_wp_getitem(PyObject *self, PyObject *item)
{
    PyObject *objs = WP(self)->objects, *sel = NULL;
    if (PySlice_Check(item)) {
        sel = PyObject_GetItem(objs, item);
    } else if (PyIndex_Check(item)) {
        PyObject *o = PyObject_GetItem(objs, item);
        sel = o ? Py_BuildValue("[N]", o) : NULL;
    } else {
        PyObject *it = PyObject_GetIter(item), *k;
        sel = it ? PyList_New(0) : NULL;
        while (sel && (k = PyIter_Next(it))) {
            PyObject *o = PyObject_GetItem(objs, k);
            Py_DECREF(k);
            if (!o || PyList_Append(sel, o) < 0)
                Py_CLEAR(sel);
            Py_XDECREF(o);
        }
        Py_XDECREF(it);
        if (sel && PyErr_Occurred())
            Py_CLEAR(sel);
    }
    if (!sel)
        return NULL;
    PyObject *r = cq_wp_new_object(WP(self), sel);
    Py_DECREF(sel);
    return r;
}

static PyObject *new_from_builtin(PyObject *self, const char *builtin, PyObject *f, int f_first, PyObject *kw)
{
    PyObject *b = PyEval_GetBuiltins();
    PyObject *fn = b ? PyDict_GetItemString(b, builtin) : NULL;
    if (!fn) {
        PyErr_Format(PyExc_RuntimeError, "builtin %s missing", builtin);
        return NULL;
    }
    PyObject *args = f_first ? PyTuple_Pack(2, f, WP(self)->objects) : PyTuple_Pack(1, WP(self)->objects);
    PyObject *res = args ? PyObject_Call(fn, args, kw) : NULL;
    Py_XDECREF(args);
    if (!res)
        return NULL;
    PyObject *r = cq_wp_new_object(WP(self), res);
    Py_DECREF(res);
    return r;
}

static PyObject *wp_filter(PyObject *self, PyObject *f) { return new_from_builtin(self, "filter", f, 1, NULL); }
static PyObject *wp_map(PyObject *self, PyObject *f) { return new_from_builtin(self, "map", f, 1, NULL); }

static PyObject *wp_sort(PyObject *self, PyObject *key)
{
    PyObject *kw = Py_BuildValue("{s:O}", "key", key);
    PyObject *r = kw ? new_from_builtin(self, "sorted", NULL, 0, kw) : NULL;
    Py_XDECREF(kw);
    return r;
}

static PyObject *wp_apply(PyObject *self, PyObject *f)
{
    PyObject *res = PyObject_CallOneArg(f, WP(self)->objects);
    if (!res)
        return NULL;
    PyObject *r = cq_wp_new_object(WP(self), res);
    Py_DECREF(res);
    return r;
}

/* invoke(f): f() or f(self) by arity (builtins count as 0); a None result keeps self. */
static PyObject *wp_invoke(PyObject *self, PyObject *f)
{
    long arity = 0;
    if (!PyCFunction_Check(f)) {
        PyObject *code = PyObject_GetAttrString(f, "__code__");
        PyObject *argc = code ? PyObject_GetAttrString(code, "co_argcount") : NULL;
        Py_XDECREF(code);
        if (!argc)
            return NULL;
        arity = PyLong_AsLong(argc) - (PyMethod_Check(f) ? 1 : 0);
        Py_DECREF(argc);
        if (arity == -1 && PyErr_Occurred())
            return NULL;
    }
    if (arity == 0) {
        PyObject *res = PyObject_CallNoArgs(f);
        if (!res)
            return NULL;
        Py_DECREF(res);
        return Py_NewRef(self);
    }
    if (arity == 1) {
        PyObject *res = PyObject_CallOneArg(f, self);
        if (!res)
            return NULL;
        if (res == Py_None) {
            Py_DECREF(res);
            return Py_NewRef(self);
        }
        return res;
    }
    PyErr_SetString(PyExc_ValueError, "Provided function {f} accepts too many arguments");
    return NULL;
}

#define KW(f) (PyCFunction)(void (*)(void))(f), METH_VARARGS | METH_KEYWORDS
#define SELDOC(what) what "(selector=None, tag=None): the distinct " what " of the stack objects, filtered."

PyMethodDef cq_wp_stack_methods[] = {
    {"vertices", KW(wp_vertices), SELDOC("vertices")},
    {"faces", KW(wp_faces), SELDOC("faces")},
    {"edges", KW(wp_edges), SELDOC("edges")},
    {"wires", KW(wp_wires), SELDOC("wires")},
    {"solids", KW(wp_solids), SELDOC("solids")},
    {"shells", KW(wp_shells), SELDOC("shells")},
    {"compounds", KW(wp_compounds), SELDOC("compounds")},
    {"val", wp_val, METH_NOARGS, "val(): the first stack item (the plane origin when empty)."},
    {"vals", wp_vals, METH_NOARGS, "vals(): the stack list itself."},
    {"size", wp_size, METH_NOARGS, "size(): number of stack items."},
    {"first", wp_first, METH_NOARGS, "first(): a child with the first item."},
    {"item", KW(wp_item), "item(i): a child with the i-th item."},
    {"last", wp_last, METH_NOARGS, "last(): a child with the last item."},
    {"all", wp_all, METH_NOARGS, "all(): one child Workplane per stack item."},
    {"add", wp_add, METH_O, "add(obj): extends the stack in place with obj (list, Workplane or item); returns self."},
    {"findSolid", KW(wp_find_solid),
     "findSolid(searchStack=True, searchParents=True): the Solids/Compounds of the stack (or nearest parent) "
     "as one Compound."},
    {"largestDimension", wp_largest_dimension, METH_NOARGS, "largestDimension(): bounding-box diagonal of findSolid()."},
    {"toPending", wp_to_pending, METH_NOARGS, "toPending(): stack wires/edges become pending; returns self."},
    {"sketch", wp_sketch, METH_NOARGS, "sketch(): a Sketch placed at the stack locations."},
    {"placeSketch", wp_place_sketch, METH_VARARGS, "placeSketch(*sketches): copies placed at the stack locations."},
    {"filter", wp_filter, METH_O, "[2.5+] filter(f): a child with the items for which f is true."},
    {"map", wp_map, METH_O, "[2.5+] map(f): a child with f applied to every item."},
    {"apply", wp_apply, METH_O, "[2.5+] apply(f): a child with f(objects)."},
    {"sort", wp_sort, METH_O, "[2.5+] sort(key): a child with the items sorted by key."},
    {"invoke", wp_invoke, METH_O, "[2.5+] invoke(f): f(self) or f(); self when it returns None."},
    {"ancestors", KW(wp_ancestors), "ancestors(kind, tag=None): shapes of kind in findSolid() containing stack items."},
    {"export", KW(wp_export),
     "export(fname, tolerance=0.1, angularTolerance=0.1, opt=None): exporters.export(self, ...); returns self."},
    {NULL, NULL, 0, NULL}
};
