/* exporters.c: cadquery.exporters (CadQuery 2.4 occ_impl/exporters): export(w, fname, exportType=None,
 * tolerance=0.1, angularTolerance=0.1, opt=None) and ExportTypes, for STEP and STL; plus the
 * Shape methods exportStl / exportStep / exportBrep. The type comes from the upper-cased file
 * extension, so ".stp" is CadQuery's "Unknown extensions" ValueError. */
#include "cq_internal.h"

#include <ctype.h>
#include <string.h>

static const char *const KNOWN_TYPES[] = {"STL", "STEP", "AMF", "SVG", "TJS", "DXF", "VRML", "VTP", "3MF", "BREP",
                                          "BIN", NULL};

/* ------------------------------------------------------------------ Shape methods */

PyObject *cq_shape_exportStl(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"fileName", "tolerance", "angularTolerance", "ascii", "relative", "parallel", NULL};
    PyObject *path;
    double tol = 1e-3, ang = 0.1;
    int ascii = 0, relative = 1, parallel = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O&|ddppp:exportStl", kwlist, PyUnicode_FSConverter, &path, &tol,
                                     &ang, &ascii, &relative, &parallel))
        return NULL;
    zk_shape *s = cq_shape_get(self);
    int rc = s ? zk_write_stl(s, PyBytes_AS_STRING(path), tol, ang, relative, ascii) : -1;
    if (rc == 0 && !ascii)   /* exporters_mesh.c's kernel: the header current OCCT writes */
        rc = zk_stl_set_header(PyBytes_AS_STRING(path));
    Py_DECREF(path);
    if (!s)
        return NULL;
    zk_error_clear();
    return PyBool_FromLong(rc == 0);
}

/* Returns IFSelect_ReturnStatus as an int: 1 (RetDone) or 3 (RetFail). Options write_pcurves and
 * precision_mode are accepted; the kernel writes with CadQuery's defaults. */
PyObject *cq_shape_exportStep(PyObject *self, PyObject *args, PyObject *kw)
{
    /* exportStep(fileName, write_pcurves=True, precision_mode=0, unit="MM", outputUnit=None) */
    static char *kwlist[] = {"fileName", "write_pcurves", "precision_mode", "unit", "outputUnit", NULL};
    PyObject *path, *unit = Py_None, *out_unit = Py_None;
    int pcurves = 1, precision = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O&|piOO:exportStep", kwlist, PyUnicode_FSConverter, &path, &pcurves,
                                     &precision, &unit, &out_unit))
        return NULL;
    const char *u = PyUnicode_Check(unit) ? PyUnicode_AsUTF8(unit) : NULL;
    const char *o = PyUnicode_Check(out_unit) ? PyUnicode_AsUTF8(out_unit) : NULL;
    char ub[16] = "", ob[16] = "";
    for (size_t i = 0; u && u[i] && i + 1 < sizeof ub; i++)
        ub[i] = (char)toupper((unsigned char)u[i]);
    for (size_t i = 0; o && o[i] && i + 1 < sizeof ob; i++)
        ob[i] = (char)toupper((unsigned char)o[i]);
    zk_shape *s = cq_shape_get(self);
    int rc = !s ? -1
             : (u || o || !pcurves || precision)
                 ? zk_write_step_units(s, PyBytes_AS_STRING(path), pcurves, precision, u ? ub : "MM", o ? ob : NULL)
                 : zk_write_step(s, PyBytes_AS_STRING(path));
    Py_DECREF(path);
    if (!s)
        return NULL;
    zk_error_clear();
    return PyLong_FromLong(rc == 0 ? 1 : 3);
}

PyObject *cq_shape_exportBrep(PyObject *self, PyObject *arg)
{
    PyObject *path;
    if (!PyUnicode_FSConverter(arg, &path))
        return NULL;
    zk_shape *s = cq_shape_get(self);
    int rc = s ? zk_write_brep(s, PyBytes_AS_STRING(path)) : -1;
    Py_DECREF(path);
    if (!s)
        return NULL;
    zk_error_clear();
    return PyBool_FromLong(rc == 0);
}

/* ------------------------------------------------------------------ export() */

/* Anything else that iterates over Shapes (a Sketch: its faces, or its selection), as CadQuery's
 * compound(*w). New reference. */
static PyObject *export_iterable(PyObject *w)
{
    PyObject *it = PyObject_GetIter(w);
    if (!it) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "export expects a Workplane, a Sketch or a Shape, got %.100s",
                     Py_TYPE(w)->tp_name);
        return NULL;
    }
    PyObject *shapes = PyList_New(0), *o;
    while (shapes && (o = PyIter_Next(it))) {
        if (!cq_shape_check(o)) {
            PyErr_Format(PyExc_TypeError, "export: %.100s holds a %.100s, not a Shape", Py_TYPE(w)->tp_name,
                         Py_TYPE(o)->tp_name);
            Py_CLEAR(shapes);
        } else if (PyList_Append(shapes, o) < 0) {
            Py_CLEAR(shapes);
        }
        Py_DECREF(o);
    }
    Py_DECREF(it);
    if (!shapes || PyErr_Occurred()) {
        Py_XDECREF(shapes);
        return NULL;
    }
    PyObject *c = cq_compound_of_list(shapes);
    Py_DECREF(shapes);
    return c;
}

/* The shape to export: a Workplane becomes a Compound of the Shapes on its stack. New reference. */
static PyObject *export_shape(PyObject *w)
{
    if (cq_shape_check(w)) {
        Py_INCREF(w);
        return w;
    }
    if (PyObject_TypeCheck(w, &CQWorkplaneType)) {
        PyObject *objs = ((CQWorkplane *)w)->objects;
        PyObject *shapes = PyList_New(0);
        for (Py_ssize_t i = 0; shapes && i < PyList_GET_SIZE(objs); i++) {
            PyObject *o = PyList_GET_ITEM(objs, i);
            if (cq_shape_check(o) && PyList_Append(shapes, o) < 0)
                Py_CLEAR(shapes);
        }
        if (!shapes)
            return NULL;
        PyObject *c = cq_compound_of_list(shapes);
        Py_DECREF(shapes);
        return c;
    }
    return export_iterable(w);
}

/* The upper-cased text after the last '.' of fname, if it is one of ExportTypes; else NULL. */
static const char *type_from_name(const char *fname, char *buf, size_t n)
{
    const char *dot = strrchr(fname, '.');
    const char *ext = dot ? dot + 1 : fname;
    size_t i = 0;
    for (; ext[i] && i + 1 < n; i++)
        buf[i] = (char)toupper((unsigned char)ext[i]);
    buf[i] = '\0';
    for (int k = 0; KNOWN_TYPES[k]; k++)
        if (strcmp(buf, KNOWN_TYPES[k]) == 0)
            return buf;
    return NULL;
}

static int opt_ascii(PyObject *opt)
{
    if (!opt || opt == Py_None || !PyDict_Check(opt))
        return 0;
    PyObject *a = PyDict_GetItemString(opt, "ascii");
    PyObject *b = PyDict_GetItemString(opt, "ASCII");
    return (a && PyObject_IsTrue(a) > 0) || (b && PyObject_IsTrue(b) > 0);
}

static PyObject *do_export(PyObject *shape, const char *type, PyObject *fname, double tol, double ang,
                           PyObject *opt)
{
    if (strcmp(type, "STEP") == 0) {
        PyObject *args = PyTuple_Pack(1, fname);
        PyObject *r = args ? cq_shape_exportStep(shape, args, NULL) : NULL;
        Py_XDECREF(args);
        return r;
    }
    if (strcmp(type, "STL") == 0) {
        PyObject *args = Py_BuildValue("(OddO)", fname, tol, ang, opt_ascii(opt) ? Py_True : Py_False);
        PyObject *r = args ? cq_shape_exportStl(shape, args, NULL) : NULL;
        Py_XDECREF(args);
        return r;
    }
    if (strcmp(type, "SVG") == 0) {
        PyObject *text = cq_svg_text(shape, opt);
        int rc = text ? cq_write_text_file(fname, text) : -1;
        Py_XDECREF(text);
        if (rc < 0)
            return NULL;
        Py_RETURN_TRUE;
    }
    int more = cq_export_more(shape, type, fname, tol, ang);   /* exporters_mesh.c */
    if (more < 0)
        return NULL;
    if (more > 0)
        Py_RETURN_TRUE;
    for (int k = 0; KNOWN_TYPES[k]; k++) {
        if (strcmp(type, KNOWN_TYPES[k]) == 0) {
            PyErr_Format(PyExc_ValueError, "Export type %s is not supported by zerocad (use STEP, STL or SVG)", type);
            return NULL;
        }
    }
    PyErr_SetString(PyExc_ValueError, "Unknown export type");
    return NULL;
}

static PyObject *exporters_export(PyObject *mod, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"w", "fname", "exportType", "tolerance", "angularTolerance", "opt", NULL};
    PyObject *w, *fname, *etype = Py_None, *opt = Py_None;
    double tol = 0.1, ang = 0.1;
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OU|OddO:export", kwlist, &w, &fname, &etype, &tol, &ang, &opt))
        return NULL;
    char buf[32];
    const char *type;
    if (etype == Py_None) {
        type = type_from_name(PyUnicode_AsUTF8(fname), buf, sizeof buf);
        if (!type) {
            PyErr_SetString(PyExc_ValueError, "Unknown extensions, specify export type explicitly");
            return NULL;
        }
    } else {
        if (!PyUnicode_Check(etype)) {
            PyErr_SetString(PyExc_ValueError, "Unknown export type");
            return NULL;
        }
        type = PyUnicode_AsUTF8(etype);
    }
    PyObject *shape = export_shape(w);
    if (!shape)
        return NULL;
    PyObject *r = do_export(shape, type, fname, tol, ang, opt);
    Py_DECREF(shape);
    if (!r)
        return NULL;
    Py_DECREF(r);
    Py_RETURN_NONE;
}

static PyObject *exporters_toCompound(PyObject *mod, PyObject *w)
{
    (void)mod;
    return export_shape(w);
}

static PyMethodDef exporters_methods[] = {
    {"export", (PyCFunction)(void (*)(void))exporters_export, METH_VARARGS | METH_KEYWORDS,
     "export(w, fname, exportType=None, tolerance=0.1, angularTolerance=0.1, opt=None)"},
    {"toCompound", exporters_toCompound, METH_O, "Compound of the shapes of a Workplane"},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef exporters_def = {
    PyModuleDef_HEAD_INIT, "cadquery.exporters", "Export Workplanes and Shapes to STEP and STL.", -1,
    exporters_methods, NULL, NULL, NULL, NULL
};

/* class ExportTypes with the CadQuery constants. */
static PyObject *make_export_types(void)
{
    static const char *const names[] = {"STL", "STEP", "AMF", "SVG", "TJS", "DXF", "VRML", "VTP", "THREEMF", "BREP",
                                        "BIN", NULL};
    PyObject *d = PyDict_New();
    for (int i = 0; d && names[i]; i++) {
        PyObject *v = PyUnicode_FromString(KNOWN_TYPES[i]);
        if (!v || PyDict_SetItemString(d, names[i], v) < 0)
            Py_CLEAR(d);
        Py_XDECREF(v);
    }
    if (!d)
        return NULL;
    PyObject *cls = PyObject_CallFunction((PyObject *)&PyType_Type, "s()O", "ExportTypes", d);
    Py_DECREF(d);
    return cls;
}

/* Registers a submodule as an attribute of `parent` and in sys.modules under `fullname`. */
int cq_register_submodule(PyObject *parent, const char *attr, const char *fullname, PyObject *sub)
{
    PyObject *modules = PyImport_GetModuleDict();
    if (PyDict_SetItemString(modules, fullname, sub) < 0)
        return -1;
    Py_INCREF(sub);
    if (PyModule_AddObject(parent, attr, sub) < 0) {
        Py_DECREF(sub);
        return -1;
    }
    return 0;
}

int cq_exporters_init(PyObject *module)
{
    PyObject *m = PyModule_Create(&exporters_def);
    if (!m)
        return -1;
    PyObject *et = make_export_types();
    if (!et || PyModule_AddObject(m, "ExportTypes", et) < 0) {
        Py_XDECREF(et);
        Py_DECREF(m);
        return -1;
    }
    int rc = cq_register_submodule(module, "exporters", "cadquery.exporters", m);
    Py_DECREF(m);
    return rc;
}
