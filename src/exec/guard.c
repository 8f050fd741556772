/* guard.c: the cadquery functions that read or write files in C (exporters, importers,
 * Shape.export*, Workplane.export, Assembly.save, Workplane.text's fontPath) bypass
 * Python's open() and so its audit event. In a worker each is replaced by a guard that
 * raises the "open" audit event with the path first, so the audit hook confines them to
 * the scratch directory even where the kernel has no Landlock. A guard is a C object that
 * exposes nothing of the function it wraps. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string.h>

#include "exec_internal.h"

typedef struct {
    PyObject_HEAD
    PyObject *orig;        /* the wrapped function or method descriptor */
    Py_ssize_t pos;        /* position of the path argument (self counts for methods) */
    const char *kw;        /* its keyword name */
    const char *mode;      /* "r" or "w" */
} zx_guard;

static void guard_dealloc(PyObject *self)
{
    Py_XDECREF(((zx_guard *)self)->orig);
    Py_TYPE(self)->tp_free(self);
}

static PyObject *guard_call(PyObject *self, PyObject *args, PyObject *kwargs)
{
    zx_guard *g = (zx_guard *)self;
    PyObject *path = kwargs ? PyDict_GetItemString(kwargs, g->kw) : NULL;
    if (!path && PyTuple_GET_SIZE(args) > g->pos)
        path = PyTuple_GET_ITEM(args, g->pos);
    if (path && path != Py_None && PySys_Audit("open", "Osi", path, g->mode, 0) < 0)
        return NULL;
    return PyObject_Call(g->orig, args, kwargs);
}

static PyObject *guard_get(PyObject *self, PyObject *obj, PyObject *type)
{
    (void)type;
    if (!obj || obj == Py_None)
        return Py_NewRef(self);
    return PyMethod_New(self, obj);
}

static PyTypeObject guard_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "zerocad.guarded_function",
    .tp_basicsize = sizeof(zx_guard),
    .tp_dealloc = guard_dealloc,
    .tp_call = guard_call,
    .tp_descr_get = guard_get,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "a cadquery function whose file argument is checked by the executor's sandbox",
};

static PyObject *new_guard(PyObject *orig, Py_ssize_t pos, const char *kw, const char *mode)
{
    zx_guard *g = PyObject_New(zx_guard, &guard_type);
    if (!g)
        return NULL;
    g->orig = Py_NewRef(orig);
    g->pos = pos;
    g->kw = kw;
    g->mode = mode;
    return (PyObject *)g;
}

typedef struct {
    const char *owner;     /* "exporters", "importers" (modules) or a class of cadquery */
    const char *name;
    Py_ssize_t pos;
    const char *kw;
    const char *mode;
} guard_spec;

static const guard_spec specs[] = {
    {"exporters", "export", 1, "fname", "w"},
    {"importers", "importStep", 0, "fileName", "r"},
    {"importers", "importStl", 0, "fileName", "r"},
    {"importers", "importShape", 1, "fileName", "r"},
    {"Shape", "exportStep", 1, "fileName", "w"},
    {"Shape", "exportStl", 1, "fileName", "w"},
    {"Shape", "exportBrep", 1, "fileName", "w"},
    {"Workplane", "export", 1, "fname", "w"},
    {"Assembly", "save", 1, "path", "w"},
    {"Assembly", "export", 1, "path", "w"},
    {"Workplane", "text", 8, "fontPath", "r"},
};

/* Replaces owner.name; a name this build of cadquery lacks is skipped. */
static int install_one(PyObject *cq, const guard_spec *s)
{
    PyObject *owner = PyObject_GetAttrString(cq, s->owner);
    if (!owner) {
        PyErr_Clear();
        return 0;
    }
    int rc = 0;
    if (PyType_Check(owner)) {
        PyTypeObject *t = (PyTypeObject *)owner;
        PyObject *orig = t->tp_dict ? PyDict_GetItemString(t->tp_dict, s->name) : NULL;
        PyObject *g = orig ? new_guard(orig, s->pos, s->kw, s->mode) : NULL;
        if (g) {
            rc = PyDict_SetItemString(t->tp_dict, s->name, g);
            PyType_Modified(t);
        }
        Py_XDECREF(g);
    } else {
        PyObject *orig = PyObject_GetAttrString(owner, s->name);
        PyObject *g = orig ? new_guard(orig, s->pos, s->kw, s->mode) : NULL;
        if (g)
            rc = PyObject_SetAttrString(owner, s->name, g);
        Py_XDECREF(g);
        Py_XDECREF(orig);
    }
    PyErr_Clear();
    Py_DECREF(owner);
    return rc;
}

int zx_guard_install(void)
{
    if (PyType_Ready(&guard_type) < 0)
        return -1;
    PyObject *cq = PyImport_ImportModule("cadquery");
    if (!cq)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (install_one(cq, &specs[i]) < 0)
            rc = -1;
    Py_DECREF(cq);
    PyErr_Clear();
    return rc;
}
