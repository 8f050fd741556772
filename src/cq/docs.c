/* docs.c: installs the docstring tables (doc_*.c, see docs.h) on the module's objects at import.
 *
 * Where CPython reads each kind of object's documentation:
 *   method and classmethod descriptors, builtin functions: the PyMethodDef's ml_doc, read at
 *     access time (so writing it changes __doc__ and __text_signature__);
 *   staticmethod / instancemethod wrappers: the builtin function they wrap (a staticmethod also
 *     keeps a copy of __doc__ in its own dict, updated too);
 *   getset and member descriptors (properties, attributes): the def's doc field;
 *   types: tp_doc (static types; heap types own a PyObject_Malloc'd copy that we replace) and the
 *     "__doc__" entry of the type's dict.
 * The composed strings are built once per process and kept for its lifetime. */
#include "docs.h"

#include <string.h>
#include <structmember.h>

static const cq_doc *const TABLES[] = {cq_doc_workplane, cq_doc_sketch, cq_doc_shapes, cq_doc_geom,
                                       cq_doc_selectors, cq_doc_func, cq_doc_misc};
#define N_TABLES (sizeof TABLES / sizeof TABLES[0])

/* Composed docstrings, per table and entry, made on the first call. */
static char **composed[N_TABLES];

static size_t table_len(const cq_doc *t)
{
    size_t n = 0;
    while (t[n].name)
        n++;
    return n;
}

/* The last component of a dotted name. */
static const char *last_component(const char *s)
{
    const char *dot = strrchr(s, '.');
    return dot ? dot + 1 : s;
}

/* "short(sig)\n--\n\ntext", or a copy of text when sig is NULL; NULL when out of memory. */
static char *compose(const char *shortname, const char *sig, const char *text)
{
    size_t n = strlen(text) + 1;
    if (sig)
        n += strlen(shortname) + strlen(sig) + 5;
    char *s = PyMem_RawMalloc(n);
    if (!s)
        return NULL;
    if (sig)
        snprintf(s, n, "%s%s\n--\n\n%s", shortname, sig, text);
    else
        snprintf(s, n, "%s", text);
    return s;
}

/* The object at `path` below the module: attributes of modules, entries of a type's own dict
 * (descriptors as stored, not as bound). A new reference, or NULL without an exception set. */
static PyObject *resolve(PyObject *module, const char *path)
{
    PyObject *cur = Py_NewRef(module);
    char part[128];
    const char *p = path;
    while (cur && *p) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (len == 0 || len >= sizeof part) {
            Py_CLEAR(cur);
            break;
        }
        memcpy(part, p, len);
        part[len] = '\0';
        PyObject *next = NULL;
        if (PyType_Check(cur))
            next = Py_XNewRef(PyDict_GetItemString(((PyTypeObject *)cur)->tp_dict, part));
        else if (PyModule_Check(cur))
            next = PyObject_GetAttrString(cur, part);
        PyErr_Clear();
        Py_DECREF(cur);
        cur = next;
        p = dot ? dot + 1 : p + len;
    }
    return cur;
}

/* The text after CPython's "name(sig)\n--\n\n" marker, or the whole doc. */
static const char *doc_body(const char *doc)
{
    const char *m = strstr(doc, "\n--\n\n");
    return m ? m + 5 : doc;
}

static int set_type_doc(PyTypeObject *t, const char *doc)
{
    if (t->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        size_t n = strlen(doc) + 1;
        char *copy = PyObject_Malloc(n);
        if (!copy) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(copy, doc, n);
        PyObject_Free((void *)t->tp_doc);
        t->tp_doc = copy;
    } else {
        t->tp_doc = doc;
    }
    PyObject *body = PyUnicode_FromString(doc_body(doc));
    int rc = body ? PyDict_SetItemString(t->tp_dict, "__doc__", body) : -1;
    Py_XDECREF(body);
    PyType_Modified(t);
    return rc;
}

/* Writes doc where CPython reads obj's documentation. 1: done; 0: not a kind we document; -1: error. */
static int set_doc(PyObject *obj, const char *doc)
{
    if (Py_IS_TYPE(obj, &PyMethodDescr_Type) || Py_IS_TYPE(obj, &PyClassMethodDescr_Type)) {
        ((PyMethodDescrObject *)obj)->d_method->ml_doc = doc;
        return 1;
    }
    if (PyCFunction_Check(obj)) {
        ((PyCFunctionObject *)obj)->m_ml->ml_doc = doc;
        return 1;
    }
    if (Py_IS_TYPE(obj, &PyStaticMethod_Type)) {
        PyObject *f = PyObject_GetAttrString(obj, "__func__");
        int rc = f ? set_doc(f, doc) : -1;
        Py_XDECREF(f);
        PyObject *body = rc == 1 ? PyUnicode_FromString(doc_body(doc)) : NULL;
        if (rc == 1 && (!body || PyObject_SetAttrString(obj, "__doc__", body) < 0))
            rc = -1;
        Py_XDECREF(body);
        return rc;
    }
    if (Py_IS_TYPE(obj, &PyInstanceMethod_Type))
        return set_doc(PyInstanceMethod_GET_FUNCTION(obj), doc);
    if (Py_IS_TYPE(obj, &PyGetSetDescr_Type)) {
        ((PyGetSetDescrObject *)obj)->d_getset->doc = doc;
        return 1;
    }
    if (Py_IS_TYPE(obj, &PyMemberDescr_Type)) {
        ((PyMemberDescrObject *)obj)->d_member->doc = doc;
        return 1;
    }
    if (PyType_Check(obj))
        return set_type_doc((PyTypeObject *)obj, doc) < 0 ? -1 : 1;
    return 0;
}

/* The name CPython expects at the start of obj's signature line (ml_name, the type's short name). */
static const char *sig_name(PyObject *obj, const char *path)
{
    if (PyType_Check(obj))
        return last_component(((PyTypeObject *)obj)->tp_name);
    return last_component(path);
}

static int note(PyObject *list, const char *name, const char *why)
{
    PyObject *s = PyUnicode_FromFormat("%s: %s", name, why);
    int rc = s ? PyList_Append(list, s) : -1;
    Py_XDECREF(s);
    return rc;
}

static int apply_entry(PyObject *module, PyObject *problems, const cq_doc *e, char **slot)
{
    PyObject *obj = resolve(module, e->name);
    if (!obj)
        return note(problems, e->name, "no such object");
    if (!*slot)
        *slot = compose(sig_name(obj, e->name), e->sig, e->text);
    int rc = *slot ? set_doc(obj, *slot) : (PyErr_NoMemory(), -1);
    Py_DECREF(obj);
    if (rc == 0)
        return note(problems, e->name, "not a documentable object");
    return rc < 0 ? -1 : 0;
}

int cq_docs_apply(PyObject *module)
{
    PyObject *problems = PyList_New(0);
    if (!problems)
        return -1;
    int rc = 0;
    for (size_t t = 0; rc == 0 && t < N_TABLES; t++) {
        size_t n = table_len(TABLES[t]);
        if (!composed[t])
            composed[t] = PyMem_RawCalloc(n + 1, sizeof(char *));
        if (!composed[t]) {
            PyErr_NoMemory();
            rc = -1;
        }
        for (size_t i = 0; rc == 0 && i < n; i++)
            rc = apply_entry(module, problems, &TABLES[t][i], &composed[t][i]);
    }
    if (rc == 0 && PyModule_AddObjectRef(module, "_docs_unresolved", problems) < 0)
        rc = -1;
    Py_DECREF(problems);
    return rc;
}
