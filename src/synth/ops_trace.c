/* ops_trace.c: cadquery_ops_json of a program, read from its syntax tree (Python's `ast`):
 * every call of a CadQuery name, in evaluation order (receivers and arguments before the
 * call), as {"op_name": the method's own name, "function": the dotted chain of names the
 * call hangs from, calls collapsed}, e.g. `part.faces(">Z").shell(-t)` gives
 * {"op_name": "faces", "function": "part.faces"} then {"op_name": "shell", "function":
 * "part.faces.shell"}. A call counts when its name is in the `cadquery` module's API (a
 * top-level name, or an attribute of Workplane, Sketch, Shape, Assembly, Vector, Location,
 * Plane); calls such as range(), print() or math.sqrt() do not. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "rowmake.h"

typedef struct {
    PyObject *call_type, *attr_type, *name_type;
    PyObject *api;             /* set of names */
    PyObject *iter_child_nodes;
    json_t *ops;
    int depth;
} trace_ctx;

static int add_names(PyObject *set, PyObject *obj)
{
    PyObject *names = PyObject_Dir(obj);
    if (!names)
        return -1;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(names); i++) {
        PyObject *n = PyList_GET_ITEM(names, i);
        const char *s = PyUnicode_AsUTF8(n);
        if (s && s[0] != '_' && PySet_Add(set, n) < 0) {
            Py_DECREF(names);
            return -1;
        }
    }
    Py_DECREF(names);
    return 0;
}

static PyObject *api_names(void)
{
    PyObject *cq = PyImport_ImportModule("cadquery");
    PyObject *set = cq ? PySet_New(NULL) : NULL;
    if (!set || add_names(set, cq) < 0) {
        Py_XDECREF(set);
        Py_XDECREF(cq);
        return NULL;
    }
    const char *classes[] = {"Workplane", "Sketch", "Shape", "Assembly", "Vector", "Location", "Plane"};
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        PyObject *c = PyObject_GetAttrString(cq, classes[i]);
        if (!c) {
            PyErr_Clear();
            continue;
        }
        int rc = add_names(set, c);
        Py_DECREF(c);
        if (rc < 0) {
            Py_DECREF(set);
            Py_DECREF(cq);
            return NULL;
        }
    }
    Py_DECREF(cq);
    return set;
}

/* Appends the dotted chain of expr (Name, Attribute, Call collapsed) to buf; 0 or -1. */
static int chain(trace_ctx *t, PyObject *expr, char *buf, size_t cap, int depth)
{
    if (depth > 200)
        return -1;
    PyObject *inner = NULL;
    const char *part = NULL;
    PyObject *name = NULL;
    if (PyObject_IsInstance(expr, t->call_type) == 1) {
        inner = PyObject_GetAttrString(expr, "func");
        int rc = inner ? chain(t, inner, buf, cap, depth + 1) : -1;
        Py_XDECREF(inner);
        return rc;
    }
    if (PyObject_IsInstance(expr, t->attr_type) == 1) {
        inner = PyObject_GetAttrString(expr, "value");
        if (!inner || chain(t, inner, buf, cap, depth + 1) < 0) {
            Py_XDECREF(inner);
            return -1;
        }
        Py_DECREF(inner);
        name = PyObject_GetAttrString(expr, "attr");
    } else if (PyObject_IsInstance(expr, t->name_type) == 1) {
        name = PyObject_GetAttrString(expr, "id");
    } else {
        return -1;   /* a subscript, a literal...: the chain has no name to start from */
    }
    part = name ? PyUnicode_AsUTF8(name) : NULL;
    size_t used = strlen(buf);
    int rc = part && used + strlen(part) + 2 < cap ? 0 : -1;
    if (rc == 0)
        snprintf(buf + used, cap - used, "%s%s", used ? "." : "", part);
    Py_XDECREF(name);
    return rc;
}

/* The name a call is known by: the attribute of a method call, the id of a plain call. */
static PyObject *call_name(trace_ctx *t, PyObject *func)
{
    if (PyObject_IsInstance(func, t->attr_type) == 1)
        return PyObject_GetAttrString(func, "attr");
    if (PyObject_IsInstance(func, t->name_type) == 1)
        return PyObject_GetAttrString(func, "id");
    return NULL;
}

static void note_call(trace_ctx *t, PyObject *node)
{
    PyObject *func = PyObject_GetAttrString(node, "func");
    PyObject *name = func ? call_name(t, func) : NULL;
    if (name && PySet_Contains(t->api, name) == 1) {
        char buf[512] = "";
        if (chain(t, func, buf, sizeof buf, 0) == 0) {
            json_t *op = json_pack("{s:s, s:s}", "op_name", PyUnicode_AsUTF8(name), "function", buf);
            if (op)
                json_array_append_new(t->ops, op);
        }
    }
    Py_XDECREF(name);
    Py_XDECREF(func);
    PyErr_Clear();
}

/* Post-order walk in source order: what a call evaluates first is listed first. */
static int walk(trace_ctx *t, PyObject *node)
{
    if (++t->depth > 500) {
        t->depth--;
        return -1;
    }
    PyObject *children = PyObject_CallOneArg(t->iter_child_nodes, node);
    PyObject *it = children ? PyObject_GetIter(children) : NULL;
    PyObject *child;
    int rc = it ? 0 : -1;
    while (rc == 0 && it && (child = PyIter_Next(it))) {
        rc = walk(t, child);
        Py_DECREF(child);
    }
    if (rc == 0 && PyObject_IsInstance(node, t->call_type) == 1)
        note_call(t, node);
    Py_XDECREF(it);
    Py_XDECREF(children);
    t->depth--;
    return rc;
}

char *zs_ops_trace(const char *source, long *count)
{
    *count = 0;
    trace_ctx t = {0};
    PyObject *ast = PyImport_ImportModule("ast");
    PyObject *tree = ast ? PyObject_CallMethod(ast, "parse", "s", source) : NULL;
    t.call_type = ast ? PyObject_GetAttrString(ast, "Call") : NULL;
    t.attr_type = ast ? PyObject_GetAttrString(ast, "Attribute") : NULL;
    t.name_type = ast ? PyObject_GetAttrString(ast, "Name") : NULL;
    t.iter_child_nodes = ast ? PyObject_GetAttrString(ast, "iter_child_nodes") : NULL;
    t.api = api_names();
    t.ops = json_array();
    char *text = NULL;
    if (tree && t.call_type && t.attr_type && t.name_type && t.iter_child_nodes && t.api && t.ops &&
        walk(&t, tree) == 0) {
        *count = (long)json_array_size(t.ops);
        text = json_dumps(t.ops, JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER);   /* Python json.dumps separators */
    }
    PyErr_Clear();
    json_decref(t.ops);
    Py_XDECREF(t.api);
    Py_XDECREF(t.iter_child_nodes);
    Py_XDECREF(t.name_type);
    Py_XDECREF(t.attr_type);
    Py_XDECREF(t.call_type);
    Py_XDECREF(tree);
    Py_XDECREF(ast);
    return text;
}
