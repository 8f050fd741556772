/* workplane_feature_util.c: helpers shared by the Workplane feature files: CadQuery's
 * Shape/Compound boolean semantics (Compound.fuse explodes its children), _combineWithBase
 * for a list of results, newObject with one kernel shape, tag merging, largestDimension. */
#include "cq_internal.h"

#include <stdlib.h>
#include <math.h>
#include <string.h>

int cq_wpf_is(PyObject *o, PyTypeObject *t)
{
    return o != NULL && PyObject_TypeCheck(o, t);
}

int cq_wpf_shapes_of(PyObject *list, zk_shape ***out, size_t *n)
{
    PyObject *seq = PySequence_Fast(list, "expected a sequence of shapes");
    if (!seq)
        return -1;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(seq);
    zk_shape **arr = malloc(sizeof(zk_shape *) * (size_t)(len > 0 ? len : 1));
    if (!arr) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    size_t k = 0;
    for (Py_ssize_t i = 0; i < len; i++) {
        PyObject *it = PySequence_Fast_GET_ITEM(seq, i);
        if (cq_shape_check(it))
            arr[k++] = ((CQShape *)it)->s;
    }
    Py_DECREF(seq);
    *out = arr;
    *n = k;
    return 0;
}

zk_shape *cq_wpf_compound_of_list(PyObject *list)
{
    zk_shape **arr;
    size_t n;
    if (cq_wpf_shapes_of(list, &arr, &n) < 0)
        return NULL;
    zk_shape *c = zk_compound(arr, n);
    free(arr);
    if (!c)
        cq_raise_kernel_error("makeCompound");
    return c;
}

/* Shape.fuse / Compound.fuse: a Compound's children are the arguments (first one) and tools. */
zk_shape *cq_wpf_fuse(const zk_shape *base, zk_shape *const *tools, size_t n, int glue, double tol)
{
    if (zk_shape_type(base) != ZK_COMPOUND)
        return zk_fuse(base, tools, n, glue, tol);
    zk_shape **kids = NULL;
    size_t nk = 0;
    if (zk_children(base, &kids, &nk) < 0)
        return NULL;
    if (nk == 0) {
        zk_free_list(kids, nk);
        return n ? zk_fuse(base, tools, n, glue, tol) : zk_ref((zk_shape *)base);
    }
    size_t nt = nk - 1 + n;
    if (nt == 0) {
        zk_shape *only = zk_ref(kids[0]);
        zk_free_list(kids, nk);
        return only;
    }
    zk_shape **all = malloc(sizeof(zk_shape *) * nt);
    if (!all) {
        zk_free_list(kids, nk);
        return NULL;
    }
    for (size_t i = 1; i < nk; i++)
        all[i - 1] = kids[i];
    for (size_t i = 0; i < n; i++)
        all[nk - 1 + i] = tools[i];
    zk_shape *r = zk_fuse(kids[0], all, nt, glue, tol);
    free(all);
    zk_free_list(kids, nk);
    return r;
}

typedef zk_shape *(*many_fn)(zk_shape *const *, size_t, zk_shape *const *, size_t, double);

/* Compound.cut/intersect: the compound's children are the arguments; a Solid is its own. */
static zk_shape *with_children(const zk_shape *base, zk_shape *const *tools, size_t n, double tol,
                               many_fn op)
{
    zk_shape *self_arg[1] = {(zk_shape *)base};
    if (zk_shape_type(base) != ZK_COMPOUND)
        return op(self_arg, 1, tools, n, tol);
    zk_shape **kids = NULL;
    size_t nk = 0;
    if (zk_children(base, &kids, &nk) < 0)
        return NULL;
    zk_shape *r = nk ? op(kids, nk, tools, n, tol) : op(self_arg, 1, tools, n, tol);
    zk_free_list(kids, nk);
    return r;
}

zk_shape *cq_wpf_cut(const zk_shape *base, zk_shape *const *tools, size_t n, double tol)
{
    return with_children(base, tools, n, tol, zk_cut_many);
}

zk_shape *cq_wpf_common(const zk_shape *base, zk_shape *const *tools, size_t n, double tol)
{
    return with_children(base, tools, n, tol, zk_common_many);
}

zk_shape *cq_wpf_compound_fuse(const zk_shape *comp)
{
    return cq_wpf_fuse(comp, NULL, 0, 0, 0.0);
}

PyObject *cq_wpf_new_with(CQWorkplane *self, zk_shape *s, const char *context)
{
    if (!s)
        return cq_raise_kernel_error(context);
    PyObject *w = cq_shape_wrap(s);
    if (!w)
        return NULL;
    PyObject *list = PyList_New(1);
    if (!list) {
        Py_DECREF(w);
        return NULL;
    }
    PyList_SET_ITEM(list, 0, w);
    PyObject *r = cq_wp_new_object(self, list);
    Py_DECREF(list);
    return r;
}

PyObject *cq_wpf_combine_list(CQWorkplane *self, PyObject *shapes, PyObject *combine, int clean)
{
    return cq_wp_combine(self, shapes, combine, clean);
}

PyObject *cq_wpf_combine_shape(CQWorkplane *self, zk_shape *s, PyObject *combine, int clean)
{
    if (!s)
        return cq_raise_kernel_error("combine");
    PyObject *w = cq_shape_wrap(s);
    if (!w)
        return NULL;
    PyObject *r = cq_wp_combine(self, w, combine, clean);
    Py_DECREF(w);
    return r;
}

PyObject *cq_wpf_vals_of(PyObject *wp, const char *method)
{
    PyObject *sel;
    if (strcmp(method, "vals") == 0) {
        sel = wp;
        Py_INCREF(sel);
    } else {
        sel = PyObject_CallMethod(wp, method, NULL);
    }
    if (!sel)
        return NULL;
    PyObject *vals = PyObject_CallMethod(sel, "vals", NULL);
    Py_DECREF(sel);
    if (!vals)
        return NULL;
    PyObject *list = PySequence_List(vals);
    Py_DECREF(vals);
    return list;
}

double cq_wpf_largest_dimension(CQWorkplane *self)
{
    PyObject *solid = cq_wp_find_solid(self, 1, 1, 1);
    if (!solid)
        return -1.0;
    double b[6];
    int rc = zk_bbox(cq_shape_get(solid), 0.0, 1, b);
    Py_DECREF(solid);
    if (rc < 0) {
        cq_raise_kernel_error("BoundingBox");
        return -1.0;
    }
    double dx = b[3] - b[0], dy = b[4] - b[1], dz = b[5] - b[2];
    return sqrt(dx * dx + dy * dy + dz * dz);
}

void cq_wpf_merge_tags(CQWorkplane *self, PyObject *other)
{
    if (!cq_wpf_is(other, &CQWorkplaneType))
        return;
    CQContext *mine = self->ctx, *theirs = ((CQWorkplane *)other)->ctx;
    if (!mine || !theirs || mine == theirs || !theirs->tags || !mine->tags)
        return;
    PyObject *merged = PyDict_Copy(theirs->tags);
    if (!merged) {
        PyErr_Clear();
        return;
    }
    if (PyDict_Update(merged, mine->tags) < 0) {
        PyErr_Clear();
        Py_DECREF(merged);
        return;
    }
    Py_SETREF(mine->tags, merged);
}
