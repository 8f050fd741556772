/* utils.c: cadquery.utils: multidispatch (CadQuery's method overloading by argument types, as
 * its `multimethod`-based decorator: repeated definitions of one name under @multidispatch in a
 * class body collect into one callable that runs the first definition whose signature binds the
 * call and whose annotated parameter types match) and instance_of(obj, *types). */
#include "cq_internal.h"

#include <structmember.h>

typedef struct {
    PyObject_HEAD
    PyObject *funcs;       /* list of (function, inspect.Signature) */
    PyObject *name;
    PyObject *doc;
} CQDispatch;

static PyTypeObject CQDispatch_Type;

static PyObject *signature_of(PyObject *f)
{
    PyObject *inspect = PyImport_ImportModule("inspect");
    PyObject *sig = inspect ? PyObject_CallMethod(inspect, "signature", "(O)", f) : NULL;
    Py_XDECREF(inspect);
    return sig;
}

static int dispatch_add(CQDispatch *d, PyObject *f)
{
    PyObject *sig = signature_of(f);
    PyObject *pair = sig ? PyTuple_Pack(2, f, sig) : NULL;
    Py_XDECREF(sig);
    int rc = pair ? PyList_Append(d->funcs, pair) : -1;
    Py_XDECREF(pair);
    return rc;
}

/* 1 when `value` fits the annotation (plain classes only; other annotations always fit). */
static int fits(PyObject *value, PyObject *ann)
{
    if (!PyType_Check(ann) || ann == (PyObject *)&PyBaseObject_Type)
        return 1;
    if (ann == (PyObject *)&PyFloat_Type && PyLong_Check(value) && !PyBool_Check(value))
        return 1;
    return PyObject_IsInstance(value, ann);
}

/* 1 when the bound arguments match their parameters' annotations, 0 if not, -1 on error. */
static int arguments_fit(PyObject *sig, PyObject *bound)
{
    PyObject *empty = PyObject_GetAttrString(sig, "empty");   /* inspect.Parameter.empty */
    PyObject *params = empty ? PyObject_GetAttrString(sig, "parameters") : NULL;
    PyObject *arguments = PyObject_GetAttrString(bound, "arguments");
    PyObject *items = arguments ? PyMapping_Items(arguments) : NULL;
    int ok = params && items ? 1 : -1;
    for (Py_ssize_t i = 0; ok == 1 && i < PyList_GET_SIZE(items); i++) {
        PyObject *kv = PyList_GET_ITEM(items, i);
        PyObject *p = PyObject_GetItem(params, PyTuple_GET_ITEM(kv, 0));
        PyObject *kind = p ? PyObject_GetAttrString(p, "kind") : NULL;
        PyObject *ann = p ? PyObject_GetAttrString(p, "annotation") : NULL;
        long k = kind ? PyLong_AsLong(kind) : -1;
        if (!ann || k < 0)
            ok = -1;
        else if (ann != empty && (k <= 1 || k == 3))   /* positional(-or-keyword), keyword-only */
            ok = fits(PyTuple_GET_ITEM(kv, 1), ann);
        Py_XDECREF(p);
        Py_XDECREF(kind);
        Py_XDECREF(ann);
    }
    Py_XDECREF(items);
    Py_XDECREF(arguments);
    Py_XDECREF(params);
    Py_XDECREF(empty);
    return ok;
}

static PyObject *dispatch_call(CQDispatch *d, PyObject *args, PyObject *kw)
{
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(d->funcs); i++) {
        PyObject *pair = PyList_GET_ITEM(d->funcs, i);
        PyObject *bind = PyObject_GetAttrString(PyTuple_GET_ITEM(pair, 1), "bind");
        PyObject *bound = bind ? PyObject_Call(bind, args, kw) : NULL;
        Py_XDECREF(bind);
        if (!bound) {
            if (!PyErr_ExceptionMatches(PyExc_TypeError))
                return NULL;
            PyErr_Clear();
            continue;
        }
        int ok = arguments_fit(PyTuple_GET_ITEM(pair, 1), bound);
        Py_DECREF(bound);
        if (ok < 0)
            return NULL;
        if (ok)
            return PyObject_Call(PyTuple_GET_ITEM(pair, 0), args, kw);
    }
    PyErr_Format(PyExc_TypeError, "%S(): no signature matches the arguments given", d->name);
    return NULL;
}

static PyObject *dispatch_get(PyObject *self, PyObject *obj, PyObject *type)
{
    (void)type;
    if (!obj || obj == Py_None) {
        Py_INCREF(self);
        return self;
    }
    return PyMethod_New(self, obj);
}

/* register(f): adds a definition; returns the dispatcher (usable as a decorator). */
static PyObject *dispatch_register(CQDispatch *d, PyObject *f)
{
    if (dispatch_add(d, f) < 0)
        return NULL;
    Py_INCREF(d);
    return (PyObject *)d;
}

static void dispatch_dealloc(CQDispatch *d)
{
    Py_XDECREF(d->funcs);
    Py_XDECREF(d->name);
    Py_XDECREF(d->doc);
    Py_TYPE(d)->tp_free((PyObject *)d);
}

/* multidispatch(f): a new dispatcher, or the one already bound to f's name in the calling scope
 * (a class body), with f added. */
static PyObject *dispatch_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    PyObject *f;
    if (kw && PyDict_GET_SIZE(kw)) {
        PyErr_SetString(PyExc_TypeError, "multidispatch() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "O:multidispatch", &f))
        return NULL;
    PyObject *name = PyObject_GetAttrString(f, "__name__");
    if (!name)
        return NULL;
    PyObject *locals = PyEval_GetLocals();   /* borrowed: the decorating scope */
    PyObject *prev = locals ? PyMapping_GetItemString(locals, PyUnicode_AsUTF8(name)) : NULL;
    if (!prev)
        PyErr_Clear();
    if (prev && Py_IS_TYPE(prev, type)) {
        Py_DECREF(name);
        int rc = dispatch_add((CQDispatch *)prev, f);
        if (rc < 0)
            Py_CLEAR(prev);
        return prev;
    }
    Py_XDECREF(prev);
    CQDispatch *d = (CQDispatch *)type->tp_alloc(type, 0);
    if (!d) {
        Py_DECREF(name);
        return NULL;
    }
    d->name = name;
    d->doc = PyObject_GetAttrString(f, "__doc__");
    d->funcs = PyList_New(0);
    if (!d->doc || !d->funcs || dispatch_add(d, f) < 0) {
        Py_DECREF(d);
        return NULL;
    }
    return (PyObject *)d;
}

static PyMethodDef dispatch_methods[] = {
    {"register", (PyCFunction)dispatch_register, METH_O, "register(f): add a definition"},
    {NULL, NULL, 0, NULL}};

static PyMemberDef dispatch_members[] = {
    {"__name__", T_OBJECT, offsetof(CQDispatch, name), READONLY, NULL},
    {"__doc__", T_OBJECT, offsetof(CQDispatch, doc), READONLY, NULL},
    {NULL, 0, 0, 0, NULL}};

static PyTypeObject CQDispatch_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.utils.multidispatch",
    .tp_basicsize = sizeof(CQDispatch),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "multidispatch(f): overloads f by the types of its arguments",
    .tp_new = dispatch_new,
    .tp_dealloc = (destructor)dispatch_dealloc,
    .tp_call = (ternaryfunc)dispatch_call,
    .tp_descr_get = dispatch_get,
    .tp_methods = dispatch_methods,
    .tp_members = dispatch_members,
};

/* instance_of(obj, *types): isinstance against any of the types. */
static PyObject *instance_of(PyObject *module, PyObject *args)
{
    (void)module;
    if (PyTuple_GET_SIZE(args) < 1) {
        PyErr_SetString(PyExc_TypeError, "instance_of() missing required argument: 'obj'");
        return NULL;
    }
    PyObject *types = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
    int r = types ? PyObject_IsInstance(PyTuple_GET_ITEM(args, 0), types) : -1;
    Py_XDECREF(types);
    return r < 0 ? NULL : PyBool_FromLong(r);
}

static PyMethodDef utils_functions[] = {
    {"instance_of", instance_of, METH_VARARGS, "instance_of(obj, *types): isinstance against any of types"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef utils_def = {PyModuleDef_HEAD_INIT, "cadquery.utils",
                                       "CadQuery's utilities: multidispatch, instance_of.", -1,
                                       utils_functions, NULL, NULL, NULL, NULL};

int cq_utils_init(PyObject *module)
{
    (void)module;
    if (PyType_Ready(&CQDispatch_Type) < 0)
        return -1;
    PyObject *m = PyModule_Create(&utils_def);
    if (!m)
        return -1;
    int rc = PyModule_AddObjectRef(m, "multidispatch", (PyObject *)&CQDispatch_Type);
    if (rc == 0)
        rc = PyModule_AddObjectRef(m, "cqmultimethod", (PyObject *)&CQDispatch_Type);
    if (rc == 0 && PyDict_SetItemString(PyImport_GetModuleDict(), "cadquery.utils", m) < 0)
        rc = -1;
    Py_DECREF(m);
    return rc;
}
