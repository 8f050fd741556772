/* history.c: cadquery.func.History and its operation records, Op (CadQuery's occ_impl.shapes
 * History/Op): what a free function called with history= did to the faces, edges and vertices of
 * its inputs (modified, generated, deleted, images, first and last shapes). The kernel's recorder
 * (kernel.h, zk_hist) collects them from OCCT's builders; this file turns a finished recorder into
 * an Op and appends it to the History. */
#include "history.h"

#include "func_internal.h"

#include <structmember.h>

typedef struct {
    PyObject_HEAD
    PyObject *name, *tracked, *deleted, *modified, *generated, *images, *first, *last;
    PyObject *first_shape, *last_shape;
} CQOp;

typedef struct {
    PyObject_HEAD
    PyObject *ops, *op_dict;
} CQHistory;

static PyTypeObject CQOpType, CQHistoryType;

/* ------------------------------------------------------------------ shapes */

/* CadQuery's _normalize of a Shape object: a one-element compound (or one-face open shell) is its
 * element. New reference. */
static PyObject *normalized(PyObject *shape)
{
    zk_shape *s = cq_shape_get(shape);
    if (!s)
        return NULL;
    return cq_shape_wrap(cq_func_normalize(zk_ref(s)));
}

/* A Compound of the Shapes in list (new reference). */
static PyObject *compound_of(PyObject *list)
{
    return cq_compound_of_list(list);
}

static PyObject *normalized_compound(PyObject *list)
{
    PyObject *c = compound_of(list);
    PyObject *r = c ? normalized(c) : NULL;
    Py_XDECREF(c);
    return r;
}

/* Appends shape to list, or its children when it is a Compound. */
static int extend_flat(PyObject *list, PyObject *shape)
{
    zk_shape *s = cq_shape_get(shape);
    if (!s)
        return -1;
    if (zk_shape_type(s) != ZK_COMPOUND)
        return PyList_Append(list, shape);
    zk_shape **kids = NULL;
    size_t n = 0;
    if (zk_children(s, &kids, &n) < 0) {
        cq_raise_kernel_error("history");
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        PyObject *w = cq_shape_wrap(zk_ref(kids[i]));
        rc = w ? PyList_Append(list, w) : -1;
        Py_XDECREF(w);
    }
    zk_free_list(kids, n);
    return rc;
}

/* CadQuery's Op._get: d[k] normalised; for a Compound k, the values of its children joined. */
static PyObject *op_get(PyObject *d, PyObject *k)
{
    zk_shape *s = cq_shape_get(k);
    if (!s)
        return NULL;
    if (zk_shape_type(s) != ZK_COMPOUND) {
        PyObject *v = PyObject_GetItem(d, k);
        PyObject *r = v ? normalized(v) : NULL;
        Py_XDECREF(v);
        return r;
    }
    PyObject *kids = PyList_New(0), *tmp = PyList_New(0);
    int rc = kids && tmp ? extend_flat(kids, k) : -1;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(kids); i++) {
        PyObject *v = PyObject_GetItem(d, PyList_GET_ITEM(kids, i));
        rc = v ? extend_flat(tmp, v) : -1;
        Py_XDECREF(v);
    }
    PyObject *r = rc == 0 ? normalized_compound(tmp) : NULL;
    Py_XDECREF(kids);
    Py_XDECREF(tmp);
    return r;
}

/* ------------------------------------------------------------------ Op */

static PyObject *op_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"name", NULL};
    PyObject *name = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:Op", kwlist, &name))
        return NULL;
    CQOp *op = (CQOp *)type->tp_alloc(type, 0);
    if (!op)
        return NULL;
    PyObject *empty = PyList_New(0);
    op->name = PyObject_IsTrue(name) == 1 ? Py_NewRef(name) : Py_NewRef(Py_None);
    op->tracked = PySet_New(NULL);
    op->deleted = PyList_New(0);
    op->modified = PyDict_New();
    op->generated = PyDict_New();
    op->images = PyDict_New();
    op->first = PyDict_New();
    op->last = PyDict_New();
    op->first_shape = empty ? compound_of(empty) : NULL;
    op->last_shape = empty ? compound_of(empty) : NULL;
    Py_XDECREF(empty);
    if (!op->tracked || !op->deleted || !op->modified || !op->generated || !op->images || !op->first ||
        !op->last || !op->first_shape || !op->last_shape) {
        Py_DECREF(op);
        return NULL;
    }
    return (PyObject *)op;
}

static int op_traverse(CQOp *op, visitproc visit, void *arg)
{
    Py_VISIT(op->name);
    Py_VISIT(op->tracked);
    Py_VISIT(op->deleted);
    Py_VISIT(op->modified);
    Py_VISIT(op->generated);
    Py_VISIT(op->images);
    Py_VISIT(op->first);
    Py_VISIT(op->last);
    Py_VISIT(op->first_shape);
    Py_VISIT(op->last_shape);
    return 0;
}

static int op_clear(CQOp *op)
{
    Py_CLEAR(op->name);
    Py_CLEAR(op->tracked);
    Py_CLEAR(op->deleted);
    Py_CLEAR(op->modified);
    Py_CLEAR(op->generated);
    Py_CLEAR(op->images);
    Py_CLEAR(op->first);
    Py_CLEAR(op->last);
    Py_CLEAR(op->first_shape);
    Py_CLEAR(op->last_shape);
    return 0;
}

static void op_dealloc(CQOp *op)
{
    PyObject_GC_UnTrack(op);
    op_clear(op);
    Py_TYPE(op)->tp_free((PyObject *)op);
}

/* Optional single shape argument s (None when absent). */
static int opt_shape(PyObject *args, PyObject *kw, const char *fmt, PyObject **s)
{
    static char *kwlist[] = {"s", NULL};
    *s = Py_None;
    return PyArg_ParseTupleAndKeywords(args, kw, fmt, kwlist, s) ? 0 : -1;
}

static PyObject *op_modified(CQOp *op, PyObject *args, PyObject *kw)
{
    PyObject *s;
    if (opt_shape(args, kw, "|O:modified", &s) < 0)
        return NULL;
    if (s != Py_None && PyObject_IsTrue(s) == 1)
        return op_get(op->modified, s);
    PyObject *vals = PyDict_Values(op->modified);
    PyObject *set = vals ? PySet_New(vals) : NULL;
    PyObject *list = set ? PySequence_List(set) : NULL;
    PyObject *r = list ? normalized_compound(list) : NULL;
    Py_XDECREF(vals);
    Py_XDECREF(set);
    Py_XDECREF(list);
    return r;
}

static PyObject *op_generated(CQOp *op, PyObject *args, PyObject *kw)
{
    PyObject *s;
    if (opt_shape(args, kw, "|O:generated", &s) < 0)
        return NULL;
    if (s != Py_None && PyObject_IsTrue(s) == 1)
        return op_get(op->generated, s);
    PyObject *vals = PyDict_Values(op->generated);
    PyObject *r = vals ? normalized_compound(vals) : NULL;
    Py_XDECREF(vals);
    return r;
}

static PyObject *op_deleted(CQOp *op, PyObject *unused)
{
    (void)unused;
    return normalized_compound(op->deleted);
}

static PyObject *op_images(CQOp *op, PyObject *args, PyObject *kw)
{
    PyObject *s;
    if (opt_shape(args, kw, "O:images", &s) < 0)
        return NULL;
    return op_get(op->images, s);
}

static PyObject *op_first(CQOp *op, PyObject *args, PyObject *kw)
{
    PyObject *s;
    if (opt_shape(args, kw, "|O:first", &s) < 0)
        return NULL;
    if (s != Py_None && PyObject_IsTrue(s) == 1)
        return op_get(op->first, s);
    return normalized(op->first_shape);
}

static PyObject *op_last(CQOp *op, PyObject *args, PyObject *kw)
{
    PyObject *s;
    if (opt_shape(args, kw, "|O:last", &s) < 0)
        return NULL;
    if (s != Py_None && PyObject_IsTrue(s) == 1)
        return op_get(op->last, s);
    return normalized(op->last_shape);
}

#define KW(f) (PyCFunction)(void (*)(void))(f)
static PyMethodDef op_methods[] = {
    {"modified", KW(op_modified), METH_VARARGS | METH_KEYWORDS, "Shapes modified from s."},
    {"generated", KW(op_generated), METH_VARARGS | METH_KEYWORDS, "Shapes generated from s."},
    {"deleted", (PyCFunction)op_deleted, METH_NOARGS, "Deleted shapes."},
    {"images", KW(op_images), METH_VARARGS | METH_KEYWORDS, "Images of s."},
    {"first", KW(op_first), METH_VARARGS | METH_KEYWORDS, "First shape."},
    {"last", KW(op_last), METH_VARARGS | METH_KEYWORDS, "Last shape."},
    {NULL, NULL, 0, NULL}};

static PyMemberDef op_members[] = {
    {"_name", T_OBJECT_EX, offsetof(CQOp, name), 0, NULL},
    {"_tracked", T_OBJECT_EX, offsetof(CQOp, tracked), 0, NULL},
    {"_deleted", T_OBJECT_EX, offsetof(CQOp, deleted), 0, NULL},
    {"_modified", T_OBJECT_EX, offsetof(CQOp, modified), 0, NULL},
    {"_generated", T_OBJECT_EX, offsetof(CQOp, generated), 0, NULL},
    {"_images", T_OBJECT_EX, offsetof(CQOp, images), 0, NULL},
    {"_first", T_OBJECT_EX, offsetof(CQOp, first), 0, NULL},
    {"_last", T_OBJECT_EX, offsetof(CQOp, last), 0, NULL},
    {"_first_shape", T_OBJECT_EX, offsetof(CQOp, first_shape), 0, NULL},
    {"_last_shape", T_OBJECT_EX, offsetof(CQOp, last_shape), 0, NULL},
    {NULL, 0, 0, 0, NULL}};

static PyTypeObject CQOpType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "cadquery.occ_impl.shapes.Op",
    .tp_basicsize = sizeof(CQOp),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "One operation of a History.",
    .tp_new = op_new,
    .tp_dealloc = (destructor)op_dealloc,
    .tp_traverse = (traverseproc)op_traverse,
    .tp_clear = (inquiry)op_clear,
    .tp_methods = op_methods,
    .tp_members = op_members,
};

/* ------------------------------------------------------------------ History */

static PyObject *history_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    if (!PyArg_ParseTuple(args, ":History") || (kw && PyDict_GET_SIZE(kw))) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "History() takes no arguments");
        return NULL;
    }
    CQHistory *h = (CQHistory *)type->tp_alloc(type, 0);
    if (!h)
        return NULL;
    h->ops = PyList_New(0);
    h->op_dict = PyDict_New();
    if (!h->ops || !h->op_dict) {
        Py_DECREF(h);
        return NULL;
    }
    return (PyObject *)h;
}

static int history_traverse(CQHistory *h, visitproc visit, void *arg)
{
    Py_VISIT(h->ops);
    Py_VISIT(h->op_dict);
    return 0;
}

static int history_clear(CQHistory *h)
{
    Py_CLEAR(h->ops);
    Py_CLEAR(h->op_dict);
    return 0;
}

static void history_dealloc(CQHistory *h)
{
    PyObject_GC_UnTrack(h);
    history_clear(h);
    Py_TYPE(h)->tp_free((PyObject *)h);
}

/* history[i] (an index into ops) or history["name"] (opDict). */
static PyObject *history_getitem(CQHistory *h, PyObject *ix)
{
    if (PyUnicode_Check(ix))
        return PyObject_GetItem(h->op_dict, ix);
    return PyObject_GetItem(h->ops, ix);
}

static PyObject *history_pop(CQHistory *h, PyObject *unused)
{
    (void)unused;
    return PyObject_CallMethod(h->ops, "pop", NULL);
}

static int history_add(CQHistory *h, PyObject *op, PyObject *name)
{
    if (PyList_Append(h->ops, op) < 0)
        return -1;
    if (name != Py_None && PyObject_IsTrue(name) == 1)
        return PyObject_SetItem(h->op_dict, name, op);
    return 0;
}

static PyObject *history_append(CQHistory *h, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"op", "name", NULL};
    PyObject *op, *name = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!|O:append", kwlist, &CQOpType, &op, &name))
        return NULL;
    if (history_add(h, op, name) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef history_methods[] = {
    {"pop", (PyCFunction)history_pop, METH_NOARGS, "Remove and return the last operation."},
    {"append", KW(history_append), METH_VARARGS | METH_KEYWORDS, "Append an operation."},
    {NULL, NULL, 0, NULL}};

static PyMemberDef history_members[] = {
    {"ops", T_OBJECT_EX, offsetof(CQHistory, ops), 0, NULL},
    {"opDict", T_OBJECT_EX, offsetof(CQHistory, op_dict), 0, NULL},
    {NULL, 0, 0, 0, NULL}};

static PyMappingMethods history_mapping = {.mp_subscript = (binaryfunc)history_getitem};

static PyTypeObject CQHistoryType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "cadquery.occ_impl.shapes.History",
    .tp_basicsize = sizeof(CQHistory),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Operation history.",
    .tp_new = history_new,
    .tp_dealloc = (destructor)history_dealloc,
    .tp_traverse = (traverseproc)history_traverse,
    .tp_clear = (inquiry)history_clear,
    .tp_methods = history_methods,
    .tp_members = history_members,
    .tp_as_mapping = &history_mapping,
};

/* ------------------------------------------------------------------ recording */

int cq_hist_begin(PyObject *history, zk_hist **out)
{
    *out = NULL;
    if (!history || history == Py_None)
        return 0;
    if (!PyObject_TypeCheck(history, &CQHistoryType)) {
        PyErr_Format(PyExc_TypeError, "history must be a History or None, not %.100s", Py_TYPE(history)->tp_name);
        return -1;
    }
    *out = zk_hist_new();
    if (!*out) {
        PyErr_NoMemory();
        return -1;
    }
    zk_hist_record_into(*out);
    return 0;
}

int cq_hist_track(zk_hist *h, const zk_shape *s)
{
    if (!h || zk_hist_track(h, s) == 0)
        return 0;
    cq_raise_kernel_error("history");
    return -1;
}

/* The value recorded for a key: one shape, or a Compound of several (each normalised). */
static PyObject *value_of(zk_shape **vals, size_t n)
{
    if (n == 1)
        return cq_shape_wrap(cq_func_normalize(zk_ref(vals[0])));
    PyObject *list = PyList_New(0);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *w = cq_shape_wrap(cq_func_normalize(zk_ref(vals[i])));
        if (!w || PyList_Append(list, w) < 0)
            Py_CLEAR(list);
        Py_XDECREF(w);
    }
    PyObject *r = list ? compound_of(list) : NULL;
    Py_XDECREF(list);
    return r;
}

static void kind_dicts(CQOp *op, PyObject *dicts[ZK_HIST_NKINDS])
{
    dicts[ZK_HIST_GENERATED] = op->generated;
    dicts[ZK_HIST_MODIFIED] = op->modified;
    dicts[ZK_HIST_IMAGES] = op->images;
    dicts[ZK_HIST_FIRST] = op->first;
    dicts[ZK_HIST_LAST] = op->last;
}

/* Fills key i's records into op. */
static int fill_key(CQOp *op, const zk_hist *h, size_t i)
{
    PyObject *key = cq_shape_wrap(zk_hist_key(h, i));
    if (!key)
        return -1;
    PyObject *dicts[ZK_HIST_NKINDS];
    kind_dicts(op, dicts);
    int rc = PySet_Add(op->tracked, key);
    if (rc == 0 && zk_hist_deleted(h, i))
        rc = PyList_Append(op->deleted, key);
    for (int k = 0; rc == 0 && k < ZK_HIST_NKINDS; k++) {
        zk_shape **vals = NULL;
        size_t n = 0;
        int has = zk_hist_values(h, i, k, &vals, &n);
        if (has < 0) {
            cq_raise_kernel_error("history");
            rc = -1;
        } else if (has && n) {
            PyObject *v = value_of(vals, n);
            rc = v ? PyObject_SetItem(dicts[k], key, v) : -1;
            Py_XDECREF(v);
        }
        zk_free_list(vals, n);
    }
    Py_DECREF(key);
    return rc;
}

/* A Compound of the first (last = 0) or last shapes recorded. */
static PyObject *ends_of(const zk_hist *h, int last)
{
    zk_shape **vals = NULL;
    size_t n = 0;
    if (zk_hist_ends(h, last, &vals, &n) < 0)
        return cq_raise_kernel_error("history");
    PyObject *list = PyList_New(0);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *w = cq_shape_wrap(zk_ref(vals[i]));
        if (!w || PyList_Append(list, w) < 0)
            Py_CLEAR(list);
        Py_XDECREF(w);
    }
    zk_free_list(vals, n);
    PyObject *r = list ? compound_of(list) : NULL;
    Py_XDECREF(list);
    return r;
}

static PyObject *op_of(const zk_hist *h, PyObject *name)
{
    PyObject *args = PyTuple_Pack(1, name ? name : Py_None);
    CQOp *op = args ? (CQOp *)op_new(&CQOpType, args, NULL) : NULL;
    Py_XDECREF(args);
    int rc = op ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < zk_hist_size(h); i++)
        rc = fill_key(op, h, i);
    PyObject *fs = rc == 0 ? ends_of(h, 0) : NULL, *ls = fs ? ends_of(h, 1) : NULL;
    if (!ls) {
        Py_XDECREF(fs);
        Py_XDECREF(op);
        return NULL;
    }
    Py_SETREF(op->first_shape, fs);
    Py_SETREF(op->last_shape, ls);
    return (PyObject *)op;
}

PyObject *cq_hist_end(zk_hist *h, PyObject *history, PyObject *name, int ok)
{
    if (!h)
        return ok ? Py_NewRef(Py_None) : NULL;
    zk_hist_record_into(NULL);
    PyObject *op = ok ? op_of(h, name) : NULL;
    zk_hist_free(h);
    if (op && history_add((CQHistory *)history, op, name ? name : Py_None) < 0)
        Py_CLEAR(op);
    return op;
}

PyObject *cq_hist_result(PyObject *res, zk_hist *h, PyObject *history, PyObject *name)
{
    PyObject *op = cq_hist_end(h, history, name, res != NULL);
    if (!op)
        Py_CLEAR(res);
    Py_XDECREF(op);
    return res;
}

int cq_hist_add_deleted(PyObject *op, PyObject *shapes)
{
    if (op == Py_None)
        return 0;
    PyObject *r = PyObject_CallMethod(((CQOp *)op)->deleted, "extend", "O", shapes);
    Py_XDECREF(r);
    return r ? 0 : -1;
}

int cq_history_init(PyObject *func_module)
{
    if (PyType_Ready(&CQOpType) < 0 || PyType_Ready(&CQHistoryType) < 0)
        return -1;
    if (PyModule_AddObjectRef(func_module, "History", (PyObject *)&CQHistoryType) < 0 ||
        PyModule_AddObjectRef(func_module, "Op", (PyObject *)&CQOpType) < 0)
        return -1;
    return 0;
}
