/* workplane_more.c: Workplane methods of current CadQuery not covered elsewhere: siblings. */
#include "cq_internal.h"

/* siblings(kind, level=1, tag=None): shapes of findSolid() sharing `level` sub-shapes of `kind`
 * with a stack item (Shape.siblings), less the stack items themselves. */
static PyObject *wp_siblings(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"kind", "level", "tag", NULL};
    PyObject *kind, *level = NULL, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "U|OO:siblings", kwlist, &kind, &level, &tag))
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    PyObject *ctx = cq_wp_find_solid(wp, 1, 1, 1);
    if (!ctx)
        return NULL;
    PyObject *src = tag != Py_None ? cq_wp_get_tagged(wp, tag) : Py_NewRef(self);
    PyObject *objects = src ? PyObject_GetAttrString(src, "objects") : NULL;
    Py_XDECREF(src);
    PyObject *shapes = objects ? PyList_New(0) : NULL, *found = shapes ? PyList_New(0) : NULL;
    PyObject *it = found ? PyObject_GetIter(objects) : NULL, *o;
    while (it && found && (o = PyIter_Next(it))) {
        if (cq_shape_check(o)) {
            PyObject *r = level ? PyObject_CallMethod(o, "siblings", "OOO", ctx, kind, level)
                                : PyObject_CallMethod(o, "siblings", "OO", ctx, kind);
            PyObject *l = r ? PySequence_List(r) : NULL;
            if (!l || PyList_Append(shapes, o) < 0 || PyList_SetSlice(found, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, l) < 0)
                Py_CLEAR(found);
            Py_XDECREF(r);
            Py_XDECREF(l);
        }
        Py_DECREF(o);
    }
    Py_XDECREF(it);
    PyObject *res = NULL;
    if (found && !PyErr_Occurred()) {
        PyObject *a = PySet_New(found), *b = a ? PySet_New(shapes) : NULL;
        PyObject *d = b ? PyNumber_Subtract(a, b) : NULL;
        PyObject *l = d ? PySequence_List(d) : NULL;
        res = l ? cq_wp_new_object(wp, l) : NULL;
        Py_XDECREF(a);
        Py_XDECREF(b);
        Py_XDECREF(d);
        Py_XDECREF(l);
    }
    Py_XDECREF(found);
    Py_XDECREF(shapes);
    Py_XDECREF(objects);
    Py_DECREF(ctx);
    return res;
}

PyMethodDef cq_wp_more_methods[] = {
    {"siblings", (PyCFunction)(void (*)(void))wp_siblings, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};
