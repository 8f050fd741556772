/* module.c: PyInit_cadquery, the entry point of the `cadquery` module. Runs every file's init,
 * then lays out the package CadQuery users import from (package.c) and installs the
 * CQ-editor built-ins show_object (recorded in cadquery._shown, read by the runner), debug and log. */
#include "cq_internal.h"
#include "cq.h"
#include "docs.h"

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

/* log(*objs): writes str(obj)s, space-separated, as one line on stderr (CQ-editor's log window). */
static PyObject *log_(PyObject *module, PyObject *args)
{
    (void)module;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *s = PyObject_Str(PyTuple_GET_ITEM(args, i));
        const char *u = s ? PyUnicode_AsUTF8(s) : NULL;
        if (!u) {
            Py_XDECREF(s);
            return NULL;
        }
        PySys_FormatStderr("%s%s", i ? " " : "", u);
        Py_DECREF(s);
    }
    PySys_FormatStderr("\n");
    Py_RETURN_NONE;
}

static PyMethodDef builtin_defs[] = {
    {"show_object", (PyCFunction)(void (*)(void))show_object, METH_VARARGS | METH_KEYWORDS,
     "show_object(obj, name=None, options=None): record obj as the displayed result"},
    {"debug", (PyCFunction)(void (*)(void))debug, METH_VARARGS | METH_KEYWORDS, "debug(obj): no-op"},
    {"log", log_, METH_VARARGS, "log(*objs): one line on stderr"},
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
        cq_utils_init(m) < 0 || cq_func_init(m) < 0 || cq_cqgi_init(m) < 0 || cq_pickling_init() < 0 ||
        cq_package_init(m) < 0 || install_builtins(m) < 0 || cq_docs_apply(m) < 0) {
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
