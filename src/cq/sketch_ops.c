/* sketch_ops.c: current CadQuery's Sketch conveniences: val()/vals() (the selection, else the
 * edges when there are no faces, else the faces), `_selection` read as None when nothing is
 * selected, filter/map/apply/sort/invoke, [] (selects items), + - * / between sketches (on
 * their val()), add/subtract/replace (the selection into _faces), export, moved(...) in all of
 * Shape.moved's forms, located(loc), and iteration (faces at every location, else edges). */
#include "sketch_internal.h"

#include <string.h>

#define KW(f) (PyCFunction)(void (*)(void))(f)

static int has_selection(CQSketch *self)
{
    return self->selected || PyList_GET_SIZE(self->selection) > 0;
}

static int faces_empty(CQSketch *self)
{
    return !cq_shape_check(self->faces) || PyObject_IsTrue(self->faces) != 1;
}

/* The items of _faces: a compound's children, or the face itself. New list. */
static PyObject *faces_list(CQSketch *self)
{
    if (!cq_shape_check(self->faces))
        return PyList_New(0);
    zk_shape *f = ((CQShape *)self->faces)->s;
    if (zk_shape_type(f) != ZK_COMPOUND) {
        PyObject *l = PyList_New(1);
        if (l)
            PyList_SET_ITEM(l, 0, Py_NewRef(self->faces));
        return l;
    }
    return PySequence_List(self->faces);
}

static PyObject *sk_vals(CQSketch *self, PyObject *unused)
{
    (void)unused;
    if (has_selection(self))
        return PySequence_List(self->selection);
    if (faces_empty(self) && PyList_GET_SIZE(self->edges) > 0)
        return PySequence_List(self->edges);
    return faces_list(self);
}

static PyObject *sk_val(CQSketch *self, PyObject *unused)
{
    (void)unused;
    if (has_selection(self))
        return PySequence_GetItem(self->selection, 0);   /* IndexError when empty */
    if (faces_empty(self) && PyList_GET_SIZE(self->edges) > 0)
        return Py_NewRef(PyList_GET_ITEM(self->edges, 0));
    return Py_NewRef(self->faces);
}

/* Sets the selection to a new list (steals it) and returns self. */
static PyObject *with_selection(CQSketch *self, PyObject *list)
{
    if (!list)
        return NULL;
    Py_SETREF(self->selection, list);
    self->selected = 1;
    return Py_NewRef(self);
}

static PyObject *sk_filter(CQSketch *self, PyObject *f)
{
    PyObject *vals = sk_vals(self, NULL), *out = vals ? PyList_New(0) : NULL;
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(vals); i++) {
        PyObject *r = PyObject_CallOneArg(f, PyList_GET_ITEM(vals, i));
        int t = r ? PyObject_IsTrue(r) : -1;
        Py_XDECREF(r);
        if (t < 0 || (t && PyList_Append(out, PyList_GET_ITEM(vals, i)) < 0))
            Py_CLEAR(out);
    }
    Py_XDECREF(vals);
    return with_selection(self, out);
}

static PyObject *sk_map(CQSketch *self, PyObject *f)
{
    PyObject *vals = sk_vals(self, NULL), *out = vals ? PyList_New(0) : NULL;
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(vals); i++) {
        PyObject *r = PyObject_CallOneArg(f, PyList_GET_ITEM(vals, i));
        if (!r || PyList_Append(out, r) < 0)
            Py_CLEAR(out);
        Py_XDECREF(r);
    }
    Py_XDECREF(vals);
    return with_selection(self, out);
}

static PyObject *sk_apply(CQSketch *self, PyObject *f)
{
    PyObject *vals = sk_vals(self, NULL);
    PyObject *r = vals ? PyObject_CallOneArg(f, vals) : NULL;
    Py_XDECREF(vals);
    PyObject *l = r ? PySequence_List(r) : NULL;
    Py_XDECREF(r);
    return with_selection(self, l);
}

static PyObject *sk_sort(CQSketch *self, PyObject *key)
{
    PyObject *vals = sk_vals(self, NULL);
    if (!vals)
        return NULL;
    PyObject *kw = Py_BuildValue("{s:O}", "key", key), *empty = PyTuple_New(0);
    PyObject *sort = PyObject_GetAttrString(vals, "sort");
    PyObject *ok = kw && empty && sort ? PyObject_Call(sort, empty, kw) : NULL;
    Py_XDECREF(kw);
    Py_XDECREF(empty);
    Py_XDECREF(sort);
    if (!ok) {
        Py_DECREF(vals);
        return NULL;
    }
    Py_DECREF(ok);
    return with_selection(self, vals);
}

/* invoke(f): f() or f(self) (self when it returns None); ValueError for more parameters. The
 * arity is CadQuery's get_arity: builtins 0, else co_argcount less the defaults. */
static PyObject *sk_invoke(CQSketch *self, PyObject *f)
{
    Py_ssize_t arity = 0;
    PyObject *code = PyCFunction_Check(f) ? NULL : PyObject_GetAttrString(f, "__code__");
    if (code) {
        PyObject *argc = PyObject_GetAttrString(code, "co_argcount");
        PyObject *defs = PyObject_GetAttrString(f, "__defaults__");
        arity = argc ? PyLong_AsSsize_t(argc) : -1;
        if (defs && defs != Py_None)
            arity -= PyObject_Length(defs);
        Py_XDECREF(argc);
        Py_XDECREF(defs);
        Py_DECREF(code);
        if (PyErr_Occurred())
            return NULL;
    } else {
        PyErr_Clear();
    }
    if (arity == 0) {
        PyObject *r = PyObject_CallNoArgs(f);
        Py_XDECREF(r);
        return r ? Py_NewRef(self) : NULL;
    }
    if (arity > 1) {
        PyErr_Format(PyExc_ValueError, "Provided function %R accepts too many arguments", f);
        return NULL;
    }
    PyObject *r = PyObject_CallOneArg(f, (PyObject *)self);
    if (r == Py_None) {
        Py_DECREF(r);
        return Py_NewRef(self);
    }
    return r;
}

/* self[i], self[a:b], self[[i, j]]: selects those items of vals(). */
static PyObject *sk_subscript(PyObject *o, PyObject *item)
{
    CQSketch *self = (CQSketch *)o;
    PyObject *vals = sk_vals(self, NULL), *sel = NULL;
    if (!vals)
        return NULL;
    if (PySlice_Check(item)) {
        sel = PyObject_GetItem(vals, item);
    } else if (PyIndex_Check(item)) {
        PyObject *el = PyObject_GetItem(vals, item);
        sel = el ? PyList_New(1) : NULL;
        if (sel)
            PyList_SET_ITEM(sel, 0, el);
        else
            Py_XDECREF(el);
    } else {
        PyObject *it = PyObject_GetIter(item), *i;
        sel = it ? PyList_New(0) : NULL;
        while (sel && (i = PyIter_Next(it))) {
            PyObject *el = PyObject_GetItem(vals, i);
            if (!el || PyList_Append(sel, el) < 0)
                Py_CLEAR(sel);
            Py_XDECREF(el);
            Py_DECREF(i);
        }
        Py_XDECREF(it);
        if (sel && PyErr_Occurred())
            Py_CLEAR(sel);
    }
    Py_DECREF(vals);
    return with_selection(self, sel);
}

PyMappingMethods cq_sketch_as_mapping = {.mp_subscript = sk_subscript};

/* A new sketch of this type around a Compound made of `res` (CadQuery's _to_compound). */
static PyObject *sketch_of(PyObject *like, PyObject *res)
{
    if (!res)
        return NULL;
    PyObject *c = res;
    if (!cq_shape_check(res) || zk_shape_type(((CQShape *)res)->s) != ZK_COMPOUND) {
        PyObject *l = PyList_New(1);
        if (!l) {
            Py_DECREF(res);
            return NULL;
        }
        PyList_SET_ITEM(l, 0, res);
        c = cq_compound_of_list(l);
        Py_DECREF(l);
        if (!c)
            return NULL;
    }
    PyObject *kw = Py_BuildValue("{s:O}", "obj", c);
    PyObject *empty = PyTuple_New(0);
    PyObject *r = kw && empty ? PyObject_Call((PyObject *)Py_TYPE(like), empty, kw) : NULL;
    Py_XDECREF(kw);
    Py_XDECREF(empty);
    Py_DECREF(c);
    return r;
}

/* The val() of a sketch for a boolean: a Shape (a Location is a ValueError). */
static PyObject *bool_operand(PyObject *o)
{
    PyObject *v = sk_val((CQSketch *)o, NULL);
    if (v && !cq_shape_check(v)) {
        Py_DECREF(v);
        PyErr_SetString(PyExc_ValueError, "Location was provided, Shape is required.");
        return NULL;
    }
    return v;
}

static PyObject *sk_binop(PyObject *a, PyObject *b, binaryfunc op)
{
    if (!cq_sketch_check(a) || !cq_sketch_check(b))
        Py_RETURN_NOTIMPLEMENTED;
    PyObject *x = bool_operand(a), *y = x ? bool_operand(b) : NULL;
    PyObject *r = y ? op(x, y) : NULL;
    Py_XDECREF(x);
    Py_XDECREF(y);
    return sketch_of(a, r);
}

static PyObject *sk_add(PyObject *a, PyObject *b) { return sk_binop(a, b, PyNumber_Add); }
static PyObject *sk_sub(PyObject *a, PyObject *b) { return sk_binop(a, b, PyNumber_Subtract); }
static PyObject *sk_mul(PyObject *a, PyObject *b) { return sk_binop(a, b, PyNumber_Multiply); }
static PyObject *sk_div(PyObject *a, PyObject *b) { return sk_binop(a, b, PyNumber_TrueDivide); }

PyNumberMethods cq_sketch_as_number = {
    .nb_add = sk_add,
    .nb_subtract = sk_sub,
    .nb_multiply = sk_mul,
    .nb_true_divide = sk_div,
};

/* The faces of the selection (CadQuery's _selected_faces); ValueError without a selection. */
static PyObject *selected_faces(CQSketch *self)
{
    if (PyList_GET_SIZE(self->selection) == 0) {
        PyErr_SetString(PyExc_ValueError, "Nothing is selected");
        return NULL;
    }
    PyObject *shapes = PyList_New(0);
    for (Py_ssize_t i = 0; shapes && i < PyList_GET_SIZE(self->selection); i++) {
        PyObject *el = PyList_GET_ITEM(self->selection, i);
        if (cq_shape_check(el) && PyList_Append(shapes, el) < 0)
            Py_CLEAR(shapes);
    }
    PyObject *c = shapes ? cq_compound_of_list(shapes) : NULL;
    Py_XDECREF(shapes);
    PyObject *f = c ? PyObject_CallMethod(c, "faces", NULL) : NULL;
    Py_XDECREF(c);
    return f;
}

static PyObject *sk_selected_faces(CQSketch *self, PyObject *unused)
{
    (void)unused;
    return selected_faces(self);
}

/* _faces = _faces <op> selected faces (nothing when nothing is selected), as a compound. */
static PyObject *combine_selection(CQSketch *self, binaryfunc op)
{
    if (PyList_GET_SIZE(self->selection) == 0)
        return Py_NewRef(self);
    PyObject *f = selected_faces(self);
    PyObject *r = f ? op(self->faces, f) : NULL;
    Py_XDECREF(f);
    if (!r)
        return NULL;
    Py_SETREF(self->faces, r);
    return Py_NewRef(self);
}

static PyObject *sk_add_sel(CQSketch *self, PyObject *u)
{
    (void)u;
    return combine_selection(self, PyNumber_Add);
}

static PyObject *sk_subtract_sel(CQSketch *self, PyObject *u)
{
    (void)u;
    return combine_selection(self, PyNumber_Subtract);
}

static PyObject *sk_replace_sel(CQSketch *self, PyObject *u)
{
    (void)u;
    PyObject *f = selected_faces(self);
    if (!f)
        return NULL;
    Py_SETREF(self->faces, f);
    return Py_NewRef(self);
}

/* export(fname, tolerance=0.1, angularTolerance=0.1, unit="MM", outputUnit=None, opt=None) -> self. */
static PyObject *sk_export(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"fname", "tolerance", "angularTolerance", "unit", "outputUnit", "opt", NULL};
    PyObject *fname, *unit = Py_None, *ounit = Py_None, *opt = Py_None;
    double tol = 0.1, ang = 0.1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|ddOOO:export", kwlist, &fname, &tol, &ang, &unit, &ounit, &opt))
        return NULL;
    PyObject *ex = PyImport_ImportModule("cadquery.exporters");
    PyObject *a = ex ? Py_BuildValue("(OO)", (PyObject *)self, fname) : NULL;
    PyObject *k = a ? Py_BuildValue("{s:d,s:d,s:O}", "tolerance", tol, "angularTolerance", ang, "opt", opt) : NULL;
    PyObject *f = k ? PyObject_GetAttrString(ex, "export") : NULL;
    PyObject *r = f ? PyObject_Call(f, a, k) : NULL;
    Py_XDECREF(ex);
    Py_XDECREF(a);
    Py_XDECREF(k);
    Py_XDECREF(f);
    if (!r)
        return NULL;
    Py_DECREF(r);
    return Py_NewRef(self);
}

/* moved(...): a new sketch whose faces are _faces.moved(...). */
static PyObject *sk_moved(CQSketch *self, PyObject *args, PyObject *kw)
{
    PyObject *m = PyObject_GetAttrString(self->faces, "moved");
    PyObject *faces = m ? PyObject_Call(m, args, kw) : NULL;
    Py_XDECREF(m);
    if (!faces)
        return NULL;
    PyObject *r = PyObject_CallNoArgs((PyObject *)Py_TYPE(self));
    if (r && PyObject_SetAttrString(r, "_faces", faces) < 0)
        Py_CLEAR(r);
    Py_DECREF(faces);
    return r;
}

/* located(loc): a new sketch at loc holding a copy of _faces. */
static PyObject *sk_located(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"loc", NULL};
    PyObject *loc;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!:located", kwlist, &CQLocationType, &loc))
        return NULL;
    PyObject *faces = PyObject_CallMethod(self->faces, "copy", NULL);
    PyObject *k = faces ? Py_BuildValue("{s:(O)}", "locs", loc) : NULL;
    PyObject *empty = k ? PyTuple_New(0) : NULL;
    PyObject *r = empty ? PyObject_Call((PyObject *)Py_TYPE(self), empty, k) : NULL;
    if (r && PyObject_SetAttrString(r, "_faces", faces) < 0)
        Py_CLEAR(r);
    Py_XDECREF(faces);
    Py_XDECREF(k);
    Py_XDECREF(empty);
    return r;
}

/* Iteration: the faces at every location, else the edges at every location. */
PyObject *cq_sketch_iter(PyObject *o)
{
    CQSketch *self = (CQSketch *)o;
    if (!faces_empty(self) || PyList_GET_SIZE(self->edges) == 0) {
        PyObject *faces = cq_sketch_faces(o);
        PyObject *it = faces ? PyObject_GetIter(faces) : NULL;
        Py_XDECREF(faces);
        return it;
    }
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out && i < PySequence_Size(self->locs); i++) {
        PyObject *loc = PySequence_GetItem(self->locs, i);
        for (Py_ssize_t k = 0; out && loc && k < PyList_GET_SIZE(self->edges); k++) {
            PyObject *e = PyObject_CallMethod(PyList_GET_ITEM(self->edges, k), "moved", "O", loc);
            if (!e || PyList_Append(out, e) < 0)
                Py_CLEAR(out);
            Py_XDECREF(e);
        }
        if (!loc)
            Py_CLEAR(out);
        Py_XDECREF(loc);
    }
    PyObject *it = out ? PyObject_GetIter(out) : NULL;
    Py_XDECREF(out);
    return it;
}

/* `_selection`: None when nothing is selected (current CadQuery), else the list. */
static PyObject *get_selection(PyObject *o, void *c)
{
    (void)c;
    CQSketch *self = (CQSketch *)o;
    if (!has_selection(self))
        Py_RETURN_NONE;
    return Py_NewRef(self->selection);
}

static int set_selection(PyObject *o, PyObject *v, void *c)
{
    (void)c;
    CQSketch *self = (CQSketch *)o;
    PyObject *l = !v || v == Py_None ? PyList_New(0) : PySequence_List(v);
    if (!l)
        return -1;
    Py_SETREF(self->selection, l);
    self->selected = v && v != Py_None;
    return 0;
}

static PyGetSetDef selection_getset = {"_selection", get_selection, set_selection, "current selection", NULL};

static PyMethodDef ops_methods[] = {
    {"val", (PyCFunction)sk_val, METH_NOARGS, NULL},
    {"vals", (PyCFunction)sk_vals, METH_NOARGS, NULL},
    {"filter", (PyCFunction)sk_filter, METH_O, NULL},
    {"map", (PyCFunction)sk_map, METH_O, NULL},
    {"apply", (PyCFunction)sk_apply, METH_O, NULL},
    {"sort", (PyCFunction)sk_sort, METH_O, NULL},
    {"invoke", (PyCFunction)sk_invoke, METH_O, NULL},
    {"add", (PyCFunction)sk_add_sel, METH_NOARGS, NULL},
    {"subtract", (PyCFunction)sk_subtract_sel, METH_NOARGS, NULL},
    {"replace", (PyCFunction)sk_replace_sel, METH_NOARGS, NULL},
    {"_selected_faces", (PyCFunction)sk_selected_faces, METH_NOARGS, NULL},
    {"export", KW(sk_export), METH_VARARGS | METH_KEYWORDS, NULL},
    {"moved", KW(sk_moved), METH_VARARGS | METH_KEYWORDS, NULL},
    {"located", KW(sk_located), METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};

/* Adds the methods and the `_selection` property to Sketch (after PyType_Ready). */
int cq_sketch_ops_init(PyTypeObject *type)
{
    if (cq_add_methods(type, ops_methods) < 0)
        return -1;
    PyObject *d = PyDescr_NewGetSet(type, &selection_getset);
    int rc = d ? PyDict_SetItemString(type->tp_dict, "_selection", d) : -1;
    Py_XDECREF(d);
    PyType_Modified(type);
    return rc;
}
