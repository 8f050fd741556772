/* pickling.c: pickle support for Workplane, its CQContext and Sketch (their attributes are C
 * members, so the default object pickling cannot restore them): __reduce__ gives
 * (type, (), {attribute: value}) and __setstate__ sets each attribute back. */
#include "sketch_internal.h"

static const char *const WP_ATTRS[] = {"objects", "plane", "ctx", "parent", "_tag", NULL};
static const char *const CTX_ATTRS[] = {"pendingWires", "pendingEdges", "firstPoint", "tags", "tolerance", NULL};
static const char *const SKETCH_ATTRS[] = {"parent", "locs", "_faces", "_wires", "_edges", "_selection", "_tags",
                                           NULL};

static PyObject *reduce_attrs(PyObject *self, const char *const *names)
{
    PyObject *state = PyDict_New();
    for (int i = 0; state && names[i]; i++) {
        PyObject *v = PyObject_GetAttrString(self, names[i]);
        if (!v || PyDict_SetItemString(state, names[i], v) < 0)
            Py_CLEAR(state);
        Py_XDECREF(v);
    }
    if (!state)
        return NULL;
    return Py_BuildValue("(O()N)", (PyObject *)Py_TYPE(self), state);
}

static PyObject *set_state(PyObject *self, PyObject *state)
{
    if (!PyDict_Check(state)) {
        PyErr_SetString(PyExc_TypeError, "__setstate__ expects a dict");
        return NULL;
    }
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(state, &pos, &k, &v))
        if (PyObject_SetAttr(self, k, v) < 0)
            return NULL;
    Py_RETURN_NONE;
}

static PyObject *wp_reduce(PyObject *self, PyObject *u)
{
    (void)u;
    return reduce_attrs(self, WP_ATTRS);
}

static PyObject *ctx_reduce(PyObject *self, PyObject *u)
{
    (void)u;
    return reduce_attrs(self, CTX_ATTRS);
}

static PyObject *sketch_reduce(PyObject *self, PyObject *u)
{
    (void)u;
    return reduce_attrs(self, SKETCH_ATTRS);
}

static PyMethodDef cq_wp_pickle_methods[] = {
    {"__reduce__", wp_reduce, METH_NOARGS, NULL},
    {"__setstate__", set_state, METH_O, NULL},
    {NULL, NULL, 0, NULL}};

static PyMethodDef ctx_methods[] = {
    {"__reduce__", ctx_reduce, METH_NOARGS, NULL},
    {"__setstate__", set_state, METH_O, NULL},
    {NULL, NULL, 0, NULL}};

static PyMethodDef sketch_methods[] = {
    {"__reduce__", sketch_reduce, METH_NOARGS, NULL},
    {"__setstate__", set_state, METH_O, NULL},
    {NULL, NULL, 0, NULL}};

int cq_pickling_init(void)
{
    if (cq_add_methods(&CQContextType, ctx_methods) < 0 || cq_add_methods(&CQWorkplaneType, cq_wp_pickle_methods) < 0)
        return -1;
    return cq_add_methods(&CQSketchType, sketch_methods);
}
