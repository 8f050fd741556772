/* shapes_ops.c: Shape's operators as in current CadQuery (+ fuse, - cut, * intersect, / split,
 * through cadquery.func) and the forms of Shape.moved: moved(loc), moved(loc1, loc2, ...) and
 * moved([locs]) (a compound of copies), moved(x=, y=, z=, rx=, ry=, rz=) (degrees) and
 * moved(vector). */
#include "func_internal.h"

static PyObject *call_func(const char *name, PyObject *a, PyObject *b)
{
    if (!cq_shape_check(a) || !cq_shape_check(b))
        Py_RETURN_NOTIMPLEMENTED;
    PyObject *func = PyImport_ImportModule("cadquery.func");
    PyObject *r = func ? PyObject_CallMethod(func, name, "OO", a, b) : NULL;
    Py_XDECREF(func);
    return r;
}

static PyObject *shape_add(PyObject *a, PyObject *b) { return call_func("fuse", a, b); }
static PyObject *shape_sub(PyObject *a, PyObject *b) { return call_func("cut", a, b); }
static PyObject *shape_mul(PyObject *a, PyObject *b) { return call_func("intersect", a, b); }
static PyObject *shape_div(PyObject *a, PyObject *b) { return call_func("split", a, b); }

PyNumberMethods cq_shape_as_number = {
    .nb_add = shape_add,
    .nb_subtract = shape_sub,
    .nb_multiply = shape_mul,
    .nb_true_divide = shape_div,
};

/* A Location from one argument: a Location, or a VectorLike (a translation). New reference. */
static PyObject *location_of(PyObject *o)
{
    if (PyObject_TypeCheck(o, &CQLocationType)) {
        Py_INCREF(o);
        return o;
    }
    zk_vec v;
    if (cq_vector_from_obj(o, &v) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "moved() expects Locations or vectors, got %.100s", Py_TYPE(o)->tp_name);
        return NULL;
    }
    zk_trsf t = {{{1, 0, 0, v.x}, {0, 1, 0, v.y}, {0, 0, 1, v.z}}};
    return cq_location_new(&t);
}

static PyObject *moved_one(PyObject *self, PyObject *loc_obj)
{
    zk_trsf t;
    PyObject *loc = location_of(loc_obj);
    if (!loc)
        return NULL;
    int rc = cq_location_get(loc, &t);
    Py_DECREF(loc);
    if (rc < 0)
        return NULL;
    return cq_shape_wrap_like(zk_moved(((CQShape *)self)->s, &t), self);
}

/* Copies of self at each location: one shape, or a compound of them. */
static PyObject *moved_many(PyObject *self, PyObject *locs)
{
    PyObject *seq = PySequence_Fast(locs, "moved() expects a sequence of Locations");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *list = PyList_New(0);
    for (Py_ssize_t i = 0; list && i < n; i++) {
        PyObject *c = moved_one(self, PySequence_Fast_GET_ITEM(seq, i));
        if (!c || PyList_Append(list, c) < 0)
            Py_CLEAR(list);
        Py_XDECREF(c);
    }
    Py_DECREF(seq);
    if (!list)
        return NULL;
    PyObject *r;
    if (PyList_GET_SIZE(list) == 1) {
        r = PyList_GET_ITEM(list, 0);
        Py_INCREF(r);
    } else {
        r = cq_compound_of_list(list);
    }
    Py_DECREF(list);
    return r;
}

/* A list or tuple whose first item is not a number: a sequence of locations or vectors. */
static int is_sequence_of_locations(PyObject *o)
{
    if ((!PyList_Check(o) && !PyTuple_Check(o)) || PySequence_Size(o) < 1)
        return 0;
    PyObject *first = PySequence_GetItem(o, 0);
    int seq = first && !PyNumber_Check(first);
    Py_XDECREF(first);
    PyErr_Clear();
    return seq;
}

/* moved(...): the forms listed at the top of the file. */
PyObject *cq_shape_moved(PyObject *self, PyObject *args, PyObject *kw)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (kw && PyDict_GET_SIZE(kw)) {
        if (n) {
            PyErr_SetString(PyExc_TypeError, "moved() takes either locations or x/y/z/rx/ry/rz keywords");
            return NULL;
        }
        static char *kwlist[] = {"x", "y", "z", "rx", "ry", "rz", NULL};
        double v[6] = {0, 0, 0, 0, 0, 0};
        PyObject *empty = PyTuple_New(0);
        int ok = empty && PyArg_ParseTupleAndKeywords(empty, kw, "|dddddd:moved", kwlist, &v[0], &v[1], &v[2],
                                                      &v[3], &v[4], &v[5]);
        Py_XDECREF(empty);
        if (!ok)
            return NULL;
        PyObject *loc = PyObject_CallFunction((PyObject *)&CQLocationType, "dddddd", v[0], v[1], v[2], v[3],
                                              v[4], v[5]);
        PyObject *r = loc ? moved_one(self, loc) : NULL;
        Py_XDECREF(loc);
        return r;
    }
    if (n == 0) {
        PyErr_SetString(PyExc_TypeError, "moved() needs a location");
        return NULL;
    }
    if (n > 1)
        return moved_many(self, args);
    PyObject *a = PyTuple_GET_ITEM(args, 0);
    if (is_sequence_of_locations(a))
        return moved_many(self, a);
    return moved_one(self, a);
}
