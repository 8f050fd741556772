/* errors.c: OCCT failures as Python exceptions. cadquery.OCCTError (an Exception) is the base;
 * cadquery.Standard_Failure derives from it and every other OCCT exception class
 * (StdFail_NotDone, Standard_ConstructionError, ...) is created on first use, cached, exposed as
 * a module attribute and derived from Standard_Failure, so "except Standard_Failure" works. */
#include "cq_internal.h"

#include <string.h>

PyObject *CQ_OCCTError = NULL;
static PyObject *g_module = NULL;       /* borrowed: the cadquery module lives as long as Python */
static PyObject *g_classes = NULL;      /* dict: OCCT class name -> exception class */
static PyObject *g_standard_failure = NULL;

static int valid_identifier(const char *s)
{
    if (!s || !*s)
        return 0;
    for (const char *p = s; *p; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (p != s && c >= '0' && c <= '9');
        if (!ok)
            return 0;
    }
    return 1;
}

/* The exception class for an OCCT class name (new reference), created and cached on first use. */
static PyObject *occt_class(const char *name)
{
    PyObject *cls = PyDict_GetItemString(g_classes, name);
    if (cls) {
        Py_INCREF(cls);
        return cls;
    }
    char qual[256], body[384], doc[512];
    snprintf(qual, sizeof qual, "cadquery.%s", name);
    /* a docstring with a text signature (in tp_doc), as every public class has (tests/cq_docs);
     * __doc__ itself is the text without the signature line, as for static types */
    snprintf(body, sizeof body, "The OpenCascade exception %s, raised when a kernel operation fails that "
             "way.\n\nArgs:\n    args: the message (a str).", name);
    snprintf(doc, sizeof doc, "%s(*args)\n--\n\n%s", name, body);
    PyObject *base = g_standard_failure ? g_standard_failure : CQ_OCCTError;
    cls = PyErr_NewExceptionWithDoc(qual, doc, base, NULL);
    if (!cls)
        return NULL;
    PyObject *text = PyUnicode_FromString(body);
    int rc = text ? PyObject_SetAttrString(cls, "__doc__", text) : -1;
    Py_XDECREF(text);
    if (rc < 0) {
        Py_DECREF(cls);
        return NULL;
    }
    if (PyDict_SetItemString(g_classes, name, cls) < 0 ||
        (g_module && PyObject_SetAttrString(g_module, name, cls) < 0)) {
        Py_DECREF(cls);
        return NULL;
    }
    return cls;
}

PyObject *cq_raise_occt(const char *name, const char *msg)
{
    if (!g_classes || !valid_identifier(name)) {
        PyErr_SetString(PyExc_ValueError, msg && *msg ? msg : "operation failed");
        return NULL;
    }
    PyObject *cls = occt_class(name);
    if (!cls)
        return NULL;
    PyErr_SetString(cls, msg ? msg : "");
    Py_DECREF(cls);
    return NULL;
}

PyObject *cq_raise_kernel_error(const char *context)
{
    const char *type = zk_error_type();
    const char *msg = zk_error_message();
    char buf[1024];
    if (!msg || !*msg)
        snprintf(buf, sizeof buf, "%s failed", context && *context ? context : "operation");
    else
        snprintf(buf, sizeof buf, "%s", msg);
    if (type && *type)
        cq_raise_occt(type, buf);
    else
        PyErr_SetString(PyExc_ValueError, buf);
    zk_error_clear();
    return NULL;
}

int cq_errors_init(PyObject *module)
{
    static const char *common[] = {
        "StdFail_NotDone", "Standard_ConstructionError", "Standard_DomainError", "Standard_OutOfRange",
        "Standard_NullObject", "Standard_NoSuchObject", "Standard_TypeMismatch", "Standard_DimensionError",
        "Standard_RangeError", "Standard_NumericError", "Standard_DivideByZero", "Standard_ProgramError",
        "gp_VectorWithNullMagnitude", "Geom_UndefinedDerivative", "TopoDS_UnCompatibleShapes",
        "BRepExtrema_UnCompatibleShape", "Font_FontMgr_Error", NULL
    };
    g_module = module;
    CQ_OCCTError = PyErr_NewExceptionWithDoc("cadquery.OCCTError",
                                             "Base class of the OpenCascade exceptions raised by zerocad.",
                                             PyExc_Exception, NULL);
    if (!CQ_OCCTError)
        return -1;
    Py_INCREF(CQ_OCCTError);
    if (PyModule_AddObject(module, "OCCTError", CQ_OCCTError) < 0)
        return -1;
    g_classes = PyDict_New();
    if (!g_classes)
        return -1;
    g_standard_failure = occt_class("Standard_Failure");
    if (!g_standard_failure)
        return -1;
    for (int i = 0; common[i]; i++) {
        PyObject *c = occt_class(common[i]);
        if (!c)
            return -1;
        Py_DECREF(c);
    }
    return 0;
}
