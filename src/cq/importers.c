/* importers.c: cadquery.importers (CadQuery's occ_impl/importers): importStep(fileName, unit)
 * (one stack item per shape of the file, scaled to the unit), importStl(fileName) and
 * importBrep(fileName), each returning Workplane("XY") with the imported shapes on its stack;
 * importShape(importType, fileName, unit) dispatches by type. */
#include "cq_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Millimetres per unit of CadQuery's UnitLiterals; 0 for an unknown unit. */
static double unit_mm(const char *unit)
{
    static const struct { const char *name; double mm; } units[] = {
        {"MM", 1.0}, {"CM", 10.0}, {"M", 1000.0}, {"IN", 25.4}, {"FT", 304.8}, {"UM", 1e-3}, {NULL, 0}};
    for (int i = 0; units[i].name; i++)
        if (strcasecmp(unit, units[i].name) == 0)
            return units[i].mm;
    return 0;
}

/* A Workplane holding each shape of the list (steals the kernel refs and frees the array). */
static PyObject *workplane_with_all(zk_shape **shapes, size_t n, double scale)
{
    PyObject *lst = PyList_New(0);
    for (size_t i = 0; i < n; i++) {
        zk_shape *s = shapes[i];
        if (lst && scale != 1.0) {
            zk_shape *t = zk_scaled(s, (zk_vec){0, 0, 0}, scale);
            zk_unref(s);
            s = t;
        }
        PyObject *o = lst && s ? cq_shape_wrap(s) : NULL;
        if (!o) {
            if (lst && !s)
                cq_raise_kernel_error("importStep");
            if (!o && s && !lst)
                zk_unref(s);
            Py_CLEAR(lst);
        } else if (PyList_Append(lst, o) < 0) {
            Py_CLEAR(lst);
        }
        Py_XDECREF(o);
    }
    free(shapes);
    if (!lst)
        return NULL;
    PyObject *wp = PyObject_CallFunction((PyObject *)&CQWorkplaneType, "s", "XY");
    PyObject *r = wp ? cq_wp_new_object((CQWorkplane *)wp, lst) : NULL;
    Py_XDECREF(wp);
    Py_DECREF(lst);
    return r;
}

/* importStep(fileName, unit="MM"): one stack item per shape of the file, in `unit` (the file's
 * millimetres divided by the unit's size, as OCCT's xstep.cascade.unit does). */
static PyObject *importers_importStep(PyObject *mod, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"fileName", "unit", NULL};
    PyObject *path;
    const char *unit = "MM";
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O&|s:importStep", kwlist, PyUnicode_FSConverter, &path, &unit))
        return NULL;
    double mm = unit_mm(unit);
    if (mm == 0) {
        Py_DECREF(path);
        PyErr_Format(PyExc_ValueError, "importStep: unknown unit '%s' (MM, CM, M, IN, FT)", unit);
        return NULL;
    }
    zk_shape **shapes = NULL;
    size_t n = 0;
    int rc = zk_read_step_all(PyBytes_AS_STRING(path), &shapes, &n);
    Py_DECREF(path);
    if (rc < 0) {
        zk_error_clear();
        PyErr_SetString(PyExc_ValueError, "STEP File could not be loaded");
        return NULL;
    }
    return workplane_with_all(shapes, n, 1.0 / mm);
}

/* importBrep(fileName): the BREP file's shape as one stack item. */
static PyObject *importers_importBrep(PyObject *mod, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"fileName", NULL};
    PyObject *path;
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O&:importBrep", kwlist, PyUnicode_FSConverter, &path))
        return NULL;
    zk_shape *s = zk_read_brep(PyBytes_AS_STRING(path));
    Py_DECREF(path);
    if (!s) {
        zk_error_clear();
        PyErr_SetString(PyExc_ValueError, "Could not import BREP");
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
    else if (strcmp(t, "BREP") == 0)
        r = importers_importBrep(mod, rest, kw);
    else if (strcmp(t, "BIN") == 0 || strcmp(t, "DXF") == 0) {   /* exporters_mesh.c, dxf_import.c */
        PyObject *fn = PyObject_GetAttrString(mod, t[0] == 'B' ? "importBin" : "importDXF");
        r = fn ? PyObject_Call(fn, rest, kw) : NULL;
        Py_XDECREF(fn);
    } else
        PyErr_Format(PyExc_RuntimeError, "Unsupported import type: %R", type);
    Py_DECREF(rest);
    return r;
}

static PyMethodDef importers_methods[] = {
    {"importStep", (PyCFunction)(void (*)(void))importers_importStep, METH_VARARGS | METH_KEYWORDS,
     "importStep(fileName, unit='MM'): load a STEP file into a Workplane (one item per shape)"},
    {"importStl", (PyCFunction)(void (*)(void))importers_importStl, METH_VARARGS | METH_KEYWORDS,
     "load an STL file into a Workplane"},
    {"importShape", (PyCFunction)(void (*)(void))importers_importShape, METH_VARARGS | METH_KEYWORDS,
     "importShape(importType, fileName, unit='MM')"},
    {"importBrep", (PyCFunction)(void (*)(void))importers_importBrep, METH_VARARGS | METH_KEYWORDS,
     "load a BREP file into a Workplane"},
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
    PyObject *d = Py_BuildValue("{ssssssssss}", "STEP", "STEP", "STL", "STL", "BREP", "BREP", "BIN", "BIN",
                                "DXF", "DXF");
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
