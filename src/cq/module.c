/* module.c: PyInit_cadquery, the entry point of the `cadquery` module. Runs every file's init,
 * then builds the submodules CadQuery users import from (cadquery.occ_impl, .occ_impl.geom,
 * .occ_impl.shapes, .cq, .selectors/.exporters/.importers made by their files) and installs the
 * CQ-editor built-ins show_object (recorded in cadquery._shown, read by the runner) and debug. */
#include "cq_internal.h"
#include "cq.h"

static const char *const GEOM_NAMES[] = {"Vector", "Matrix", "Location", "Plane", "BoundBox", NULL};
static const char *const SHAPE_NAMES[] = {"Shape", "Mixin1D", "Solid", "Compound", "CompSolid", "Shell",
                                          "Face", "Wire", "Edge", "Vertex", NULL};
static const char *const CQ_NAMES[] = {"Workplane", "CQ", NULL};

/* show_object(obj, name=None, options=None, **kw): appends obj to cadquery._shown. */
static PyObject *show_object(PyObject *module, PyObject *args, PyObject *kw)
{
    (void)kw;
    if (PyTuple_GET_SIZE(args) < 1) {
        PyErr_SetString(PyExc_TypeError, "show_object() missing required argument: 'obj'");
        return NULL;
    }
    if (PyTuple_GET_SIZE(args) > 3) {
        PyErr_SetString(PyExc_TypeError, "show_object() takes at most 3 positional arguments");
        return NULL;
    }
    PyObject *shown = PyObject_GetAttrString(module, "_shown");
    if (!shown)
        return NULL;
    int rc = PyList_Check(shown) ? PyList_Append(shown, PyTuple_GET_ITEM(args, 0)) : 0;
    Py_DECREF(shown);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *debug(PyObject *module, PyObject *args, PyObject *kw)
{
    (void)module;
    (void)args;
    (void)kw;
    Py_RETURN_NONE;
}

static PyMethodDef builtin_defs[] = {
    {"show_object", (PyCFunction)(void (*)(void))show_object, METH_VARARGS | METH_KEYWORDS,
     "show_object(obj, name=None, options=None): record obj as the displayed result"},
    {"debug", (PyCFunction)(void (*)(void))debug, METH_VARARGS | METH_KEYWORDS, "debug(obj): no-op"},
    {NULL, NULL, 0, NULL}
};

static int install_builtins(PyObject *module)
{
    PyObject *shown = PyList_New(0);
    if (!shown || PyModule_AddObject(module, "_shown", shown) < 0) {
        Py_XDECREF(shown);
        return -1;
    }
    PyObject *builtins = PyImport_ImportModule("builtins");
    if (!builtins)
        return -1;
    for (int i = 0; builtin_defs[i].ml_name; i++) {
        PyObject *f = PyCFunction_NewEx(&builtin_defs[i], module, NULL);
        if (!f || PyObject_SetAttrString(builtins, builtin_defs[i].ml_name, f) < 0 ||
            PyObject_SetAttrString(module, builtin_defs[i].ml_name, f) < 0) {
            Py_XDECREF(f);
            Py_DECREF(builtins);
            return -1;
        }
        Py_DECREF(f);
    }
    Py_DECREF(builtins);
    return 0;
}

/* A new submodule holding the module attributes `names` that exist. */
static PyObject *alias_module(PyObject *module, const char *fullname, const char *const *names)
{
    PyObject *m = PyModule_New(fullname);
    for (int i = 0; m && names[i]; i++) {
        PyObject *v = PyObject_GetAttrString(module, names[i]);
        if (!v) {
            PyErr_Clear();
            continue;
        }
        if (PyModule_AddObject(m, names[i], v) < 0) {
            Py_DECREF(v);
            Py_CLEAR(m);
        }
    }
    return m;
}

static int add_alias(PyObject *parent, const char *attr, const char *fullname, PyObject *module,
                     const char *const *names)
{
    PyObject *m = alias_module(module, fullname, names);
    if (!m)
        return -1;
    int rc = cq_register_submodule(parent, attr, fullname, m);
    Py_DECREF(m);
    return rc;
}

/* cadquery.occ_impl with .geom, .shapes, .exporters, .importers; cadquery.cq. */
static int make_submodules(PyObject *module)
{
    PyObject *occ = PyModule_New("cadquery.occ_impl");
    if (!occ || cq_register_submodule(module, "occ_impl", "cadquery.occ_impl", occ) < 0) {
        Py_XDECREF(occ);
        return -1;
    }
    int rc = add_alias(occ, "geom", "cadquery.occ_impl.geom", module, GEOM_NAMES);
    if (rc == 0)
        rc = add_alias(occ, "shapes", "cadquery.occ_impl.shapes", module, SHAPE_NAMES);
    if (rc == 0 && !PyObject_HasAttrString(module, "cq"))
        rc = add_alias(module, "cq", "cadquery.cq", module, CQ_NAMES);
    static const char *const sub[] = {"exporters", "importers", NULL};
    for (int i = 0; rc == 0 && sub[i]; i++) {
        PyObject *m = PyObject_GetAttrString(module, sub[i]);
        if (!m) {
            PyErr_Clear();
            continue;
        }
        char full[64];
        snprintf(full, sizeof full, "cadquery.occ_impl.%s", sub[i]);
        rc = cq_register_submodule(occ, sub[i], full, m);
        Py_DECREF(m);
    }
    Py_DECREF(occ);
    return rc;
}

static struct PyModuleDef cadquery_def = {
    PyModuleDef_HEAD_INIT, "cadquery", "CadQuery-compatible CAD over OpenCascade, in C (zerocad).",
    -1, NULL, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC PyInit_cadquery(void)
{
    zk_init();
    PyObject *m = PyModule_Create(&cadquery_def);
    if (!m)
        return NULL;
    /* registered before the inits so that cadquery.<sub> imports resolve while they run */
    PyObject *modules = PyImport_GetModuleDict();
    if (PyDict_SetItemString(modules, "cadquery", m) < 0 || PyModule_AddStringConstant(m, "__version__", "2.4.0") < 0 ||
        cq_errors_init(m) < 0 || cq_geom_init(m) < 0 || cq_shapes_init(m) < 0 ||
        cq_selectors_init(m) < 0 || cq_sketch_init(m) < 0 || cq_workplane_init(m) < 0 ||
        cq_exporters_init(m) < 0 || cq_importers_init(m) < 0 || cq_assembly_init(m) < 0 ||
        make_submodules(m) < 0 || install_builtins(m) < 0) {
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        if (PyDict_DelItemString(modules, "cadquery") < 0)
            PyErr_Clear();
        PyErr_Restore(type, value, tb);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
