/* assembly_color.c: cadquery.Color (RGBA kept as sRGB + alpha, as CadQuery's toTuple reports it;
 * names and hex codes through OCCT's Quantity_ColorRGBA) and cadquery.Material (name, description,
 * density, density unit: what CadQuery stores in XCAFDoc_Material). */
#include "assembly_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <structmember.h>

/* ------------------------------------------------------------------ Color */

static double linear_to_srgb(double c)
{
    return c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1.0 / 2.4) - 0.055;
}

static int color_init(PyObject *self, PyObject *args, PyObject *kw)
{
    CQColor *c = (CQColor *)self;
    double v[4] = {1.0, 1.0, 0.0, 1.0};   /* Quantity_ColorRGBA(): yellow, opaque */
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *a_kw = kw ? PyDict_GetItemString(kw, "a") : NULL;
    if (n == 1) {
        PyObject *name = PyTuple_GET_ITEM(args, 0);
        const char *s = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
        if (!s || zk_color_srgb(s, v) < 0) {
            zk_error_clear();
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_ValueError, "Unknown color name: %S", name);
            return -1;
        }
    } else if (n >= 3 && n <= 5) {
        for (Py_ssize_t i = 0; i < n && i < 4; i++) {
            v[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(args, i));
            if (v[i] == -1.0 && PyErr_Occurred())
                return -1;
        }
        if (n == 3 && a_kw && PyObject_IsTrue(a_kw) == 1) {
            v[3] = PyFloat_AsDouble(a_kw);
            if (v[3] == -1.0 && PyErr_Occurred())
                return -1;
        }
        if (n == 5 && PyObject_IsTrue(PyTuple_GET_ITEM(args, 4)) == 0)
            for (int i = 0; i < 3; i++)
                v[i] = linear_to_srgb(v[i]);
    } else if (n != 0) {
        PyErr_Format(PyExc_ValueError, "Unsupported arguments: %R, %R", args, kw ? kw : Py_None);
        return -1;
    }
    memcpy(c->rgba, v, sizeof v);
    return 0;
}

PyObject *cq_color_new(const double rgba[4])
{
    CQColor *c = PyObject_New(CQColor, &CQColorType);
    if (c)
        memcpy(c->rgba, rgba, sizeof c->rgba);
    return (PyObject *)c;
}

static PyObject *color_toTuple(PyObject *self, PyObject *unused)
{
    (void)unused;
    CQColor *c = (CQColor *)self;
    return Py_BuildValue("(dddd)", c->rgba[0], c->rgba[1], c->rgba[2], c->rgba[3]);
}

static PyObject *color_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    CQColor *c = (CQColor *)self;
    return Py_BuildValue("(O(dddd))", (PyObject *)Py_TYPE(self), c->rgba[0], c->rgba[1], c->rgba[2], c->rgba[3]);
}

static Py_hash_t color_hash(PyObject *self)
{
    PyObject *t = color_toTuple(self, NULL);
    if (!t)
        return -1;
    Py_hash_t h = PyObject_Hash(t);
    Py_DECREF(t);
    return h;
}

static PyObject *color_richcompare(PyObject *a, PyObject *b, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !PyObject_TypeCheck(b, &CQColorType))
        Py_RETURN_NOTIMPLEMENTED;
    int eq = memcmp(((CQColor *)a)->rgba, ((CQColor *)b)->rgba, sizeof(double) * 4) == 0;
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static PyObject *color_repr(PyObject *self)
{
    CQColor *c = (CQColor *)self;
    char buf[160];
    snprintf(buf, sizeof buf, "Color(%g, %g, %g, %g)", c->rgba[0], c->rgba[1], c->rgba[2], c->rgba[3]);
    return PyUnicode_FromString(buf);
}

static PyMethodDef color_methods[] = {
    {"toTuple", color_toTuple, METH_NOARGS, "(r, g, b, a)"},
    {"__reduce__", color_reduce, METH_NOARGS, "pickle support"},
    {NULL, NULL, 0, NULL}
};

PyTypeObject CQColorType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.Color",
    .tp_basicsize = sizeof(CQColor),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "An RGBA colour (sRGB components and alpha in [0, 1]).",
    .tp_new = PyType_GenericNew,
    .tp_init = color_init,
    .tp_hash = color_hash,
    .tp_richcompare = color_richcompare,
    .tp_repr = color_repr,
    .tp_methods = color_methods,
};

/* ------------------------------------------------------------------ Material */

static int str_field(PyObject **slot, PyObject *v, const char *fallback)
{
    PyObject *s = (v && v != Py_None) ? PyObject_Str(v) : PyUnicode_FromString(fallback);
    if (!s)
        return -1;
    Py_XSETREF(*slot, s);
    return 0;
}

static int material_init(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"name", "description", "density", "densityUnit", NULL};
    CQMaterial *m = (CQMaterial *)self;
    PyObject *name = Py_None, *desc = Py_None, *unit = Py_None;
    double density = 7.85;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O$OdO:Material", kwlist, &name, &desc, &density, &unit))
        return -1;
    m->density = density;
    return (str_field(&m->name, PyObject_IsTrue(name) == 1 ? name : NULL, "Default") < 0 ||
            str_field(&m->description, desc, "") < 0 || str_field(&m->densityUnit, unit, "g/cm^3") < 0)
               ? -1 : 0;
}

PyObject *cq_material_new(const char *name, const char *desc, double density, const char *unit)
{
    PyObject *kw = Py_BuildValue("{s:s,s:s,s:d,s:s}", "name", name, "description", desc, "density", density,
                                 "densityUnit", unit);
    PyObject *empty = PyTuple_New(0);
    PyObject *r = kw && empty ? PyObject_Call((PyObject *)&CQMaterialType, empty, kw) : NULL;
    Py_XDECREF(kw);
    Py_XDECREF(empty);
    return r;
}

PyObject *cq_asm_ensure_material(PyObject *m)
{
    if (m && PyUnicode_Check(m))
        return PyObject_CallFunctionObjArgs((PyObject *)&CQMaterialType, m, NULL);
    PyObject *r = m ? m : Py_None;
    Py_INCREF(r);
    return r;
}

static PyObject *material_toTuple(PyObject *self, PyObject *unused)
{
    (void)unused;
    CQMaterial *m = (CQMaterial *)self;
    return Py_BuildValue("(OOdO)", m->name, m->description, m->density, m->densityUnit);
}

static Py_hash_t material_hash(PyObject *self)
{
    PyObject *t = material_toTuple(self, NULL);
    if (!t)
        return -1;
    Py_hash_t h = PyObject_Hash(t);
    Py_DECREF(t);
    return h;
}

static PyObject *material_richcompare(PyObject *a, PyObject *b, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !PyObject_TypeCheck(b, &CQMaterialType))
        Py_RETURN_NOTIMPLEMENTED;
    PyObject *ta = material_toTuple(a, NULL), *tb = material_toTuple(b, NULL);
    PyObject *r = ta && tb ? PyObject_RichCompare(ta, tb, op) : NULL;
    Py_XDECREF(ta);
    Py_XDECREF(tb);
    return r;
}

static PyObject *material_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    CQMaterial *m = (CQMaterial *)self;
    return Py_BuildValue("(O(O)(OOdO))", (PyObject *)Py_TYPE(self), m->name, m->name, m->description, m->density,
                         m->densityUnit);
}

static PyObject *material_setstate(PyObject *self, PyObject *state)
{
    CQMaterial *m = (CQMaterial *)self;
    PyObject *name, *desc, *unit;
    double density;
    if (!PyArg_ParseTuple(state, "OOdO:__setstate__", &name, &desc, &density, &unit))
        return NULL;
    m->density = density;
    if (str_field(&m->name, name, "Default") < 0 || str_field(&m->description, desc, "") < 0 ||
        str_field(&m->densityUnit, unit, "g/cm^3") < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *material_repr(PyObject *self)
{
    CQMaterial *m = (CQMaterial *)self;
    return PyUnicode_FromFormat("Material(%R)", m->name);
}

static void material_dealloc(PyObject *self)
{
    CQMaterial *m = (CQMaterial *)self;
    Py_CLEAR(m->name);
    Py_CLEAR(m->description);
    Py_CLEAR(m->densityUnit);
    Py_TYPE(self)->tp_free(self);
}

static PyMethodDef material_methods[] = {
    {"toTuple", material_toTuple, METH_NOARGS, "(name, description, density, densityUnit)"},
    {"__reduce__", material_reduce, METH_NOARGS, "pickle support"},
    {"__setstate__", material_setstate, METH_O, "pickle support"},
    {NULL, NULL, 0, NULL}
};

static PyMemberDef material_members[] = {
    {"name", T_OBJECT, offsetof(CQMaterial, name), READONLY, "material name"},
    {"description", T_OBJECT, offsetof(CQMaterial, description), READONLY, "description"},
    {"density", T_DOUBLE, offsetof(CQMaterial, density), READONLY, "density value"},
    {"densityUnit", T_OBJECT, offsetof(CQMaterial, densityUnit), READONLY, "unit of the density"},
    {NULL, 0, 0, 0, NULL}
};

PyTypeObject CQMaterialType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.Material",
    .tp_basicsize = sizeof(CQMaterial),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A material: name, description, density and its unit (XCAFDoc_Material).",
    .tp_new = PyType_GenericNew,
    .tp_init = material_init,
    .tp_dealloc = material_dealloc,
    .tp_hash = material_hash,
    .tp_richcompare = material_richcompare,
    .tp_repr = material_repr,
    .tp_methods = material_methods,
    .tp_members = material_members,
};
