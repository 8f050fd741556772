/* workplane_more.c: Workplane methods of current CadQuery not covered elsewhere: siblings, bezier. */
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

/* bezier(listOfXYTuple, forConstruction=False, includeCurrent=False, makeWire=False): a Bezier edge
 * through the plane points (control points then the end point), from the current point if asked. */
static PyObject *wp_bezier(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"listOfXYTuple", "forConstruction", "includeCurrent", "makeWire", NULL};
    PyObject *pts_o;
    int fc = 0, inc = 0, mk_wire = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|ppp:bezier", kwlist, &pts_o, &fc, &inc, &mk_wire))
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    PyObject *seq = PySequence_Fast(pts_o, "bezier expects a sequence of points");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    zk_vec *p = PyMem_Malloc(sizeof(zk_vec) * (size_t)(n + 1));
    size_t k = 0;
    int ok = p != NULL;
    if (ok && inc)
        ok = cq_wp_from_point(wp, 0, &p[k++]) == 0;
    for (Py_ssize_t i = 0; ok && i < n; i++) {
        zk_vec v;
        ok = cq_vector_from_obj(PySequence_Fast_GET_ITEM(seq, i), &v) == 0;
        if (ok)
            p[k++] = cq_plane_to_world(wp->plane, v);
    }
    Py_DECREF(seq);
    zk_shape *e = ok ? zk_edge_bezier(p, k) : NULL;
    PyMem_Free(p);
    if (!ok)
        return PyErr_Occurred() ? NULL : PyErr_NoMemory();
    if (!e)
        return cq_raise_kernel_error("bezier");
    zk_shape *w = mk_wire ? zk_wire_from_edges(&e, 1) : NULL;
    PyObject *item = mk_wire ? (w ? cq_shape_wrap(w) : cq_raise_kernel_error("bezier")) : cq_shape_wrap(zk_ref(e));
    zk_unref(e);
    if (!item)
        return NULL;
    int rc = fc ? 0 : mk_wire ? cq_wp_add_pending_wire(wp, item) : cq_wp_add_pending_edge(wp, item);
    if (rc < 0) {
        Py_DECREF(item);
        return NULL;
    }
    return cq_wp_new_object1(wp, item);
}

PyMethodDef cq_wp_more_methods[] = {
    {"bezier", (PyCFunction)(void (*)(void))wp_bezier, METH_VARARGS | METH_KEYWORDS, NULL},
    {"siblings", (PyCFunction)(void (*)(void))wp_siblings, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};
