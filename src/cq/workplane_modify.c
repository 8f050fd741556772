/* workplane_modify.c: Workplane.fillet/chamfer (on self.edges() of the context solid) and
 * Workplane.shell (faces on the stack removed), with CadQuery 2.4's errors and cleaning. */
#include "cq_internal.h"

#include <stdlib.h>
#include <string.h>

/* The context solid and the selected edges; returns -1 with an exception set. */
static int solid_and_edges(CQWorkplane *self, const char *none_msg, PyObject **solid,
                           PyObject **edges, zk_shape ***arr, size_t *n)
{
    *solid = cq_wp_find_solid(self, 1, 1, 1);
    if (!*solid)
        return -1;
    *edges = cq_wpf_vals_of((PyObject *)self, "edges");
    if (!*edges || cq_wpf_shapes_of(*edges, arr, n) < 0) {
        Py_CLEAR(*solid);
        Py_CLEAR(*edges);
        return -1;
    }
    if (*n == 0) {
        free(*arr);
        Py_CLEAR(*solid);
        Py_CLEAR(*edges);
        PyErr_SetString(PyExc_ValueError, none_msg);
        return -1;
    }
    return 0;
}

PyObject *cq_wpf_fillet(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius", NULL};
    double r;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d:fillet", kwlist, &r))
        return NULL;
    PyObject *solid, *edges;
    zk_shape **arr;
    size_t n;
    if (solid_and_edges((CQWorkplane *)self, "Fillets requires that edges be selected", &solid,
                        &edges, &arr, &n) < 0)
        return NULL;
    zk_shape *s = zk_fillet(cq_shape_get(solid), arr, n, r);
    free(arr);
    Py_DECREF(solid);
    Py_DECREF(edges);
    if (!s)
        return cq_raise_kernel_error("fillet");
    zk_shape *c = zk_clean(s);
    zk_unref(s);
    return cq_wpf_new_with((CQWorkplane *)self, c, "clean");
}

PyObject *cq_wpf_chamfer(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"length", "length2", NULL};
    double l;
    PyObject *l2obj = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|O:chamfer", kwlist, &l, &l2obj))
        return NULL;
    double l2 = -1.0;
    int truthy = PyObject_IsTrue(l2obj);
    if (truthy < 0)
        return NULL;
    if (truthy) {
        l2 = PyFloat_AsDouble(l2obj);
        if (l2 == -1.0 && PyErr_Occurred())
            return NULL;
    }
    PyObject *solid, *edges;
    zk_shape **arr;
    size_t n;
    if (solid_and_edges((CQWorkplane *)self, "Chamfer requires that edges be selected", &solid,
                        &edges, &arr, &n) < 0)
        return NULL;
    zk_shape *s = zk_chamfer(cq_shape_get(solid), arr, n, l, truthy ? l2 : -1.0);
    free(arr);
    Py_DECREF(solid);
    Py_DECREF(edges);
    return cq_wpf_new_with((CQWorkplane *)self, s, "chamfer");
}

PyObject *cq_wpf_shell(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"thickness", "kind", NULL};
    double t;
    const char *kind = "arc";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|s:shell", kwlist, &t, &kind))
        return NULL;
    int k;
    if (strcmp(kind, "arc") == 0)
        k = 0;
    else if (strcmp(kind, "intersection") == 0)
        k = 1;
    else {
        PyObject *key = PyUnicode_FromString(kind);
        if (key) {
            PyErr_SetObject(PyExc_KeyError, key);
            Py_DECREF(key);
        }
        return NULL;
    }
    CQWorkplane *wp = (CQWorkplane *)self;
    PyObject *solid = cq_wp_find_solid(wp, 1, 1, 1);
    if (!solid)
        return NULL;
    Py_ssize_t len = PyList_Size(wp->objects);
    zk_shape **faces = malloc(sizeof(zk_shape *) * (size_t)(len > 0 ? len : 1));
    if (!faces) {
        Py_DECREF(solid);
        return PyErr_NoMemory();
    }
    size_t n = 0;
    for (Py_ssize_t i = 0; i < len; i++) {
        PyObject *it = PyList_GET_ITEM(wp->objects, i);
        if (cq_wpf_is(it, &CQFaceType))
            faces[n++] = ((CQShape *)it)->s;
    }
    zk_shape *s = zk_shell(cq_shape_get(solid), faces, n, t, 1e-4, k);
    free(faces);
    Py_DECREF(solid);
    return cq_wpf_new_with(wp, s, "shell");
}
