/* assembly.c: a minimal cadquery.Assembly (CadQuery 2.4 assembly.py) and cadquery.Color.
 * Assembly(obj=None, loc=None, name=None, color=None); add(obj, loc=None, name=None, color=None)
 * (a shape/Workplane becomes a child part, an Assembly a sub-assembly); toCompound() gives the
 * located parts; save()/export() write them as STEP (or STL). Colors are accepted and kept, never
 * used for geometry. */
#include "cq_internal.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <structmember.h>

typedef struct {
    PyObject_HEAD
    PyObject *obj;        /* Shape, Workplane or None */
    PyObject *loc;        /* Location */
    PyObject *name;       /* str */
    PyObject *color;      /* Color or None */
    PyObject *children;   /* list of Assembly */
    PyObject *parent;     /* Assembly or None */
    PyObject *dict;
} CQAssembly;

static PyTypeObject CQAssemblyType;
static long g_counter = 0;

/* ------------------------------------------------------------------ Color */

typedef struct { PyObject_HEAD double rgba[4]; } CQColor;

static int color_init(PyObject *self, PyObject *args, PyObject *kw)
{
    CQColor *c = (CQColor *)self;
    double v[4] = {1.0, 1.0, 0.0, 1.0};
    (void)kw;
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n >= 3) {
        for (Py_ssize_t i = 0; i < n && i < 4; i++) {
            v[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(args, i));
            if (v[i] == -1.0 && PyErr_Occurred())
                return -1;
        }
    } else if (n == 1 && !PyUnicode_Check(PyTuple_GET_ITEM(args, 0))) {
        PyErr_SetString(PyExc_TypeError, "Color(name) or Color(r, g, b, a=1.0)");
        return -1;
    } else if (n == 1) {   /* OCCT's colour names, as CadQuery's Quantity_ColorRGBA.ColorFromName */
        const char *name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(args, 0));
        if (!name || zk_color_from_name(name, v) < 0) {
            zk_error_clear();
            if (name)
                PyErr_Format(PyExc_ValueError, "Unknown color name: %s", name);
            return -1;
        }
    }
    memcpy(c->rgba, v, sizeof v);
    return 0;
}

static PyObject *color_toTuple(PyObject *self, PyObject *unused)
{
    (void)unused;
    CQColor *c = (CQColor *)self;
    return Py_BuildValue("(dddd)", c->rgba[0], c->rgba[1], c->rgba[2], c->rgba[3]);
}

/* pickle support: (Color, (r, g, b, a)) */
static PyObject *color_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    CQColor *c = (CQColor *)self;
    return Py_BuildValue("(O(dddd))", (PyObject *)Py_TYPE(self), c->rgba[0], c->rgba[1], c->rgba[2], c->rgba[3]);
}

static PyMethodDef color_methods[] = {
    {"toTuple", color_toTuple, METH_NOARGS, "(r, g, b, a)"},
    {"__reduce__", color_reduce, METH_NOARGS, "pickle support"},
    {NULL, NULL, 0, NULL}
};

static PyTypeObject CQColorType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.Color",
    .tp_basicsize = sizeof(CQColor),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "An RGBA color (kept for compatibility; zerocad ignores colors).",
    .tp_new = PyType_GenericNew,
    .tp_init = color_init,
    .tp_methods = color_methods,
};

/* ------------------------------------------------------------------ Assembly */

static int asm_traverse(PyObject *self, visitproc visit, void *arg)
{
    CQAssembly *a = (CQAssembly *)self;
    Py_VISIT(a->obj);
    Py_VISIT(a->loc);
    Py_VISIT(a->name);
    Py_VISIT(a->color);
    Py_VISIT(a->children);
    Py_VISIT(a->parent);
    Py_VISIT(a->dict);
    return 0;
}

static int asm_clear(PyObject *self)
{
    CQAssembly *a = (CQAssembly *)self;
    Py_CLEAR(a->obj);
    Py_CLEAR(a->loc);
    Py_CLEAR(a->name);
    Py_CLEAR(a->color);
    Py_CLEAR(a->children);
    Py_CLEAR(a->parent);
    Py_CLEAR(a->dict);
    return 0;
}

static void asm_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    asm_clear(self);
    Py_TYPE(self)->tp_free(self);
}

/* Fills the fields; loc None -> identity, name None -> a generated unique name. */
static int asm_set(CQAssembly *a, PyObject *obj, PyObject *loc, PyObject *name, PyObject *color)
{
    if (loc && loc != Py_None && !PyObject_TypeCheck(loc, &CQLocationType)) {
        PyErr_SetString(PyExc_TypeError, "loc must be a Location");
        return -1;
    }
    PyObject *l;
    if (loc && loc != Py_None) {
        l = loc;
        Py_INCREF(l);
    } else {
        zk_trsf id;
        zt_identity(&id);
        l = cq_location_new(&id);
        if (!l)
            return -1;
    }
    PyObject *n = (name && name != Py_None) ? (Py_INCREF(name), name) : PyUnicode_FromFormat("Assembly-%ld", ++g_counter);
    if (!n) {
        Py_DECREF(l);
        return -1;
    }
    Py_XSETREF(a->loc, l);
    Py_XSETREF(a->name, n);
    Py_INCREF(obj ? obj : Py_None);
    Py_XSETREF(a->obj, obj ? obj : Py_None);
    Py_INCREF(color ? color : Py_None);
    Py_XSETREF(a->color, color ? color : Py_None);
    return 0;
}

static PyObject *asm_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    (void)args;
    (void)kw;
    CQAssembly *a = (CQAssembly *)type->tp_alloc(type, 0);
    if (!a)
        return NULL;
    a->children = PyList_New(0);
    Py_INCREF(Py_None);
    a->parent = Py_None;
    if (!a->children) {
        Py_DECREF(a);
        return NULL;
    }
    return (PyObject *)a;
}

static int asm_init(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"obj", "loc", "name", "color", "metadata", NULL};
    PyObject *obj = Py_None, *loc = Py_None, *name = Py_None, *color = Py_None, *meta = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOOOO:Assembly", kwlist, &obj, &loc, &name, &color, &meta))
        return -1;
    return asm_set((CQAssembly *)self, obj, loc, name, color);
}

static PyObject *asm_add(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"obj", "loc", "name", "color", "metadata", NULL};
    PyObject *obj, *loc = Py_None, *name = Py_None, *color = Py_None, *meta = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOOO:add", kwlist, &obj, &loc, &name, &color, &meta))
        return NULL;
    CQAssembly *child;
    if (PyObject_TypeCheck(obj, &CQAssemblyType)) {
        CQAssembly *src = (CQAssembly *)obj;
        child = (CQAssembly *)asm_new(&CQAssemblyType, NULL, NULL);
        if (!child)
            return NULL;
        Py_INCREF(src->children);
        Py_XSETREF(child->children, src->children);
        if (asm_set(child, src->obj, loc != Py_None ? loc : src->loc, name != Py_None ? name : src->name,
                    color != Py_None ? color : src->color) < 0) {
            Py_DECREF(child);
            return NULL;
        }
    } else {
        child = (CQAssembly *)asm_new(&CQAssemblyType, NULL, NULL);
        if (!child || asm_set(child, obj, loc, name, color) < 0) {
            Py_XDECREF(child);
            return NULL;
        }
    }
    Py_INCREF(self);
    Py_XSETREF(child->parent, self);
    int rc = PyList_Append(((CQAssembly *)self)->children, (PyObject *)child);
    Py_DECREF(child);
    if (rc < 0)
        return NULL;
    Py_INCREF(self);
    return self;
}

/* The shapes of a part: a Shape itself, the Shapes on a Workplane's stack, nothing for None. */
static int part_shapes(PyObject *obj, PyObject *out, const zk_trsf *world)
{
    PyObject *items;
    if (obj == Py_None)
        return 0;
    if (cq_shape_check(obj)) {
        items = PyList_New(1);
        if (!items)
            return -1;
        Py_INCREF(obj);
        PyList_SET_ITEM(items, 0, obj);
    } else if (PyObject_TypeCheck(obj, &CQWorkplaneType)) {
        items = PyList_GetSlice(((CQWorkplane *)obj)->objects, 0, PY_SSIZE_T_MAX);
        if (!items)
            return -1;
    } else {
        PyErr_Format(PyExc_TypeError, "Assembly parts must be Shapes or Workplanes, got %.100s",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(items); i++) {
        PyObject *o = PyList_GET_ITEM(items, i);
        if (!cq_shape_check(o))
            continue;
        PyObject *m = cq_shape_wrap(zk_moved(cq_shape_get(o), world));
        rc = (!m || PyList_Append(out, m) < 0) ? -1 : 0;
        Py_XDECREF(m);
    }
    Py_DECREF(items);
    return rc;
}

static int collect(CQAssembly *a, const zk_trsf *parent, PyObject *out)
{
    zk_trsf world;
    zt_mul(parent, &((CQLocation *)a->loc)->t, &world);
    if (part_shapes(a->obj, out, &world) < 0)
        return -1;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(a->children); i++)
        if (collect((CQAssembly *)PyList_GET_ITEM(a->children, i), &world, out) < 0)
            return -1;
    return 0;
}

static PyObject *asm_toCompound(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *shapes = PyList_New(0);
    zk_trsf id;
    zt_identity(&id);
    if (!shapes || collect((CQAssembly *)self, &id, shapes) < 0) {
        Py_XDECREF(shapes);
        return NULL;
    }
    PyObject *c = cq_compound_of_list(shapes);
    Py_DECREF(shapes);
    return c;
}

/* save(path, exportType=None, ...): STEP or STL from the upper-cased extension (".stp" is a ValueError). */
static PyObject *asm_save(PyObject *self, PyObject *args, PyObject *kw)
{
    PyObject *path, *etype = Py_None;
    if (PyTuple_GET_SIZE(args) < 1 || !PyUnicode_Check(PyTuple_GET_ITEM(args, 0))) {
        PyErr_SetString(PyExc_TypeError, "save(path, exportType=None)");
        return NULL;
    }
    path = PyTuple_GET_ITEM(args, 0);
    if (PyTuple_GET_SIZE(args) > 1)
        etype = PyTuple_GET_ITEM(args, 1);
    else if (kw && PyDict_GetItemString(kw, "exportType"))
        etype = PyDict_GetItemString(kw, "exportType");
    char t[16] = "";
    if (etype != Py_None && PyUnicode_Check(etype)) {
        snprintf(t, sizeof t, "%s", PyUnicode_AsUTF8(etype));
    } else {
        const char *p = PyUnicode_AsUTF8(path), *dot = strrchr(p, '.');
        snprintf(t, sizeof t, "%s", dot ? dot + 1 : "");
        for (char *c = t; *c; c++)
            *c = (char)toupper((unsigned char)*c);
    }
    if (strcmp(t, "STEP") != 0 && strcmp(t, "STL") != 0) {
        PyErr_SetString(PyExc_ValueError, "Unknown extension, specify export type explicitly");
        return NULL;
    }
    PyObject *c = asm_toCompound(self, NULL);
    if (!c)
        return NULL;
    PyObject *a = PyTuple_Pack(1, path);
    PyObject *r = a ? (t[2] == 'E' ? cq_shape_exportStep(c, a, NULL) : cq_shape_exportStl(c, a, NULL)) : NULL;
    Py_XDECREF(a);
    Py_DECREF(c);
    if (!r)
        return NULL;
    Py_DECREF(r);
    Py_INCREF(self);
    return self;
}

static PyObject *asm_get_shapes(PyObject *self, void *closure)
{
    (void)closure;
    PyObject *out = PyList_New(0);
    zk_trsf id;
    zt_identity(&id);
    if (out && part_shapes(((CQAssembly *)self)->obj, out, &id) < 0)
        Py_CLEAR(out);
    return out;
}

static PyMethodDef asm_methods[] = {
    {"add", (PyCFunction)(void (*)(void))asm_add, METH_VARARGS | METH_KEYWORDS, "add a part or sub-assembly"},
    {"toCompound", asm_toCompound, METH_NOARGS, "Compound of the located parts"},
    {"save", (PyCFunction)(void (*)(void))asm_save, METH_VARARGS | METH_KEYWORDS, "write STEP (or STL)"},
    {"export", (PyCFunction)(void (*)(void))asm_save, METH_VARARGS | METH_KEYWORDS, "write STEP (or STL)"},
    {NULL, NULL, 0, NULL}
};

static PyMemberDef asm_members[] = {
    {"obj", T_OBJECT, offsetof(CQAssembly, obj), READONLY, "the part"},
    {"loc", T_OBJECT, offsetof(CQAssembly, loc), 0, "location relative to the parent"},
    {"name", T_OBJECT, offsetof(CQAssembly, name), 0, "name"},
    {"color", T_OBJECT, offsetof(CQAssembly, color), 0, "color (ignored)"},
    {"children", T_OBJECT, offsetof(CQAssembly, children), READONLY, "sub-assemblies"},
    {"parent", T_OBJECT, offsetof(CQAssembly, parent), READONLY, "parent assembly"},
    {NULL, 0, 0, 0, NULL}
};

static PyGetSetDef asm_getset[] = {
    {"shapes", asm_get_shapes, NULL, "the part's shapes", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static PyTypeObject CQAssemblyType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.Assembly",
    .tp_basicsize = sizeof(CQAssembly),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Nested assembly of Workplane and Shape objects defining their relative positions.",
    .tp_new = asm_new,
    .tp_init = asm_init,
    .tp_dealloc = asm_dealloc,
    .tp_traverse = asm_traverse,
    .tp_clear = asm_clear,
    .tp_methods = asm_methods,
    .tp_members = asm_members,
    .tp_getset = asm_getset,
    .tp_dictoffset = offsetof(CQAssembly, dict),
};

int cq_assembly_init(PyObject *module)
{
    if (PyType_Ready(&CQAssemblyType) < 0 || PyType_Ready(&CQColorType) < 0)
        return -1;
    Py_INCREF(&CQAssemblyType);
    if (PyModule_AddObject(module, "Assembly", (PyObject *)&CQAssemblyType) < 0) {
        Py_DECREF(&CQAssemblyType);
        return -1;
    }
    Py_INCREF(&CQColorType);
    if (PyModule_AddObject(module, "Color", (PyObject *)&CQColorType) < 0) {
        Py_DECREF(&CQColorType);
        return -1;
    }
    return 0;
}
