/* importers.c: cadquery.importers (CadQuery 2.4 occ_impl/importers): importStep(fileName) and
 * importStl(fileName), each returning Workplane("XY") with the imported shape on its stack;
 * importShape(importType, fileName) dispatches by type. */
#include "cq_internal.h"

#include <string.h>

/* Workplane("XY").newObject([shape]); steals `shape`. */
static PyObject *workplane_with(PyObject *shape)
{
    if (!shape)
        return NULL;
    PyObject *wp = PyObject_CallFunction((PyObject *)&CQWorkplaneType, "s", "XY");
    PyObject *lst = wp ? PyList_New(0) : NULL;
    PyObject *r = NULL;
    if (lst && PyList_Append(lst, shape) == 0)
        r = cq_wp_new_object((CQWorkplane *)wp, lst);
    Py_XDECREF(lst);
    Py_XDECREF(wp);
    Py_DECREF(shape);
    return r;
}

static PyObject *importers_importStep(PyObject *mod, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"fileName", NULL};
    PyObject *path;
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O&:importStep", kwlist, PyUnicode_FSConverter, &path))
        return NULL;
    zk_shape *s = zk_read_step(PyBytes_AS_STRING(path));
    Py_DECREF(path);
    if (!s) {
        zk_error_clear();
        PyErr_SetString(PyExc_ValueError, "STEP File could not be loaded");
        return NULL;
    }
    return workplane_with(cq_shape_wrap(s));
}

static PyObject *importers_importStl(PyObject *mod, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"fileName", NULL};
    PyObject *path;
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O&:importStl", kwlist, PyUnicode_FSConverter, &path))
        return NULL;
    zk_shape *s = zk_read_stl(PyBytes_AS_STRING(path));
    Py_DECREF(path);
    if (!s) {
        zk_error_clear();
        PyErr_SetString(PyExc_ValueError, "STL File could not be loaded");
        return NULL;
    }
    return workplane_with(cq_shape_wrap(s));
}

static PyObject *importers_importShape(PyObject *mod, PyObject *args, PyObject *kw)
{
    PyObject *type, *rest;
    if (PyTuple_GET_SIZE(args) < 2) {
        PyErr_SetString(PyExc_TypeError, "importShape(importType, fileName)");
        return NULL;
    }
    type = PyTuple_GET_ITEM(args, 0);
    rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
    if (!rest)
        return NULL;
    PyObject *r = NULL;
    const char *t = PyUnicode_Check(type) ? PyUnicode_AsUTF8(type) : "";
    if (strcmp(t, "STEP") == 0)
        r = importers_importStep(mod, rest, kw);
    else if (strcmp(t, "STL") == 0)
        r = importers_importStl(mod, rest, kw);
    else
        PyErr_Format(PyExc_RuntimeError, "Unsupported import type: %R", type);
    Py_DECREF(rest);
    return r;
}

static PyMethodDef importers_methods[] = {
    {"importStep", (PyCFunction)(void (*)(void))importers_importStep, METH_VARARGS | METH_KEYWORDS,
     "load a STEP file into a Workplane"},
    {"importStl", (PyCFunction)(void (*)(void))importers_importStl, METH_VARARGS | METH_KEYWORDS,
     "load an STL file into a Workplane"},
    {"importShape", (PyCFunction)(void (*)(void))importers_importShape, METH_VARARGS | METH_KEYWORDS,
     "importShape(importType, fileName)"},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef importers_def = {
    PyModuleDef_HEAD_INIT, "cadquery.importers", "Import STEP and STL files.", -1, importers_methods, NULL, NULL,
    NULL, NULL
};

int cq_importers_init(PyObject *module)
{
    PyObject *m = PyModule_Create(&importers_def);
    if (!m)
        return -1;
    PyObject *d = Py_BuildValue("{ssss}", "STEP", "STEP", "STL", "STL");
    PyObject *cls = d ? PyObject_CallFunction((PyObject *)&PyType_Type, "s()O", "ImportTypes", d) : NULL;
    Py_XDECREF(d);
    if (!cls || PyModule_AddObject(m, "ImportTypes", cls) < 0) {
        Py_XDECREF(cls);
        Py_DECREF(m);
        return -1;
    }
    int rc = cq_register_submodule(module, "importers", "cadquery.importers", m);
    Py_DECREF(m);
    return rc;
}
