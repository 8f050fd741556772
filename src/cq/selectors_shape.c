/* selectors_shape.c: cadquery.selectors.NearestToShapeSelector (alias NearestToShape): the object
 * of the list nearest a given shape (Shape.distance), a Selector subclass made at module init. */
#include "cq_internal.h"

static int nts_init(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"s", NULL};
    PyObject *s;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!:NearestToShapeSelector", kwlist, &CQShapeType, &s))
        return -1;
    return PyObject_SetAttrString(self, "shape", s);
}

static PyObject *nts_filter(PyObject *self, PyObject *objects)
{
    PyObject *shape = PyObject_GetAttrString(self, "shape");
    if (!shape)
        return NULL;
    PyObject *best = NULL, *it = PyObject_GetIter(objects), *o;
    double dbest = 0;
    while (it && (o = PyIter_Next(it))) {
        zk_shape *s = cq_shape_get(o);
        double d = s ? zk_distance(((CQShape *)shape)->s, s) : -1;
        if (!s || d < 0) {
            Py_DECREF(o);
            if (!PyErr_Occurred())
                cq_raise_kernel_error("NearestToShapeSelector");
            break;
        }
        if (!best || d < dbest) {
            Py_XSETREF(best, o);
            dbest = d;
        } else {
            Py_DECREF(o);
        }
    }
    Py_XDECREF(it);
    Py_DECREF(shape);
    if (PyErr_Occurred() || !best) {
        Py_XDECREF(best);
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "min() arg is an empty sequence");
        return NULL;
    }
    PyObject *l = PyList_New(1);
    if (l)
        PyList_SET_ITEM(l, 0, best);
    else
        Py_DECREF(best);
    return l;
}

static PyMethodDef nts_methods[] = {
    {"filter", nts_filter, METH_O, "the object nearest the shape"},
    {NULL, NULL, 0, NULL}};

static PyType_Slot nts_slots[] = {
    {Py_tp_init, nts_init},
    {Py_tp_methods, nts_methods},
    {Py_tp_doc, (void *)"NearestToShapeSelector(s): the object nearest the shape s."},
    {0, NULL}};

static PyType_Spec nts_spec = {"cadquery.selectors.NearestToShapeSelector", 0, 0,
                               Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, nts_slots};

int cq_selectors_shape_init(PyObject *selectors_module)
{
    PyObject *base = PyObject_GetAttrString(selectors_module, "Selector");
    PyObject *bases = base ? PyTuple_Pack(1, base) : NULL;
    PyObject *t = bases ? PyType_FromSpecWithBases(&nts_spec, bases) : NULL;
    Py_XDECREF(base);
    Py_XDECREF(bases);
    if (!t)
        return -1;
    int rc = PyModule_AddObjectRef(selectors_module, "NearestToShapeSelector", t);
    if (rc == 0)
        rc = PyModule_AddObjectRef(selectors_module, "NearestToShape", t);
    Py_DECREF(t);
    return rc;
}
