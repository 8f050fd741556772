/* selectors.c: the cadquery.selectors submodule (Selector and its subclasses, CadQuery 2.4
 * names and constructor signatures) and cq_select(), the entry point Workplane uses.
 * Built-in selectors keep a compiled zs_node (selector_core.h) and filter in C; a user
 * subclass that overrides filter(), test() or key() is honoured through Python calls. */
#include "cq_internal.h"
#include "selector_core.h"

#include <structmember.h>

typedef struct {
    PyObject_HEAD
    PyObject *dict;
    PyObject *weakreflist;
    zs_node *node;          /* built-in leaf or parsed string; NULL otherwise */
    PyObject *left, *right; /* BinarySelector operands; InverseSelector: left */
} CQSelector;

static PyTypeObject SelectorType, NearestType, BoxType, BaseDirType, ParallelType, DirectionType,
    PerpendicularType, TypeSelType, NthType, RadiusNthType, CenterNthType, MinMaxType, DirNthType,
    LengthNthType, AreaNthType, BinaryType, AndType, SumType, SubtractType, InverseType, StringType;

/* ------------------------------------------------------------------ errors and lists */

static PyObject *raise_zs(const zs_error *err)
{
    PyObject *exc = err->kind == ZS_ERR_INDEX    ? PyExc_IndexError
                    : err->kind == ZS_ERR_MEMORY ? PyExc_MemoryError
                                                 : PyExc_ValueError;
    PyErr_SetString(exc, err->msg[0] ? err->msg : "selector failed");
    return NULL;
}

/* The shapes of a sequence: parallel arrays of borrowed items and kernel shapes; non-shapes
 * are skipped (they can never be selected). */
typedef struct {
    PyObject *seq;      /* PySequence_Fast result, owned */
    PyObject **items;   /* borrowed from seq */
    zk_shape **shapes;  /* borrowed from the items */
    size_t n;
} shape_array;

static void shape_array_free(shape_array *a)
{
    PyMem_Free(a->items);
    PyMem_Free(a->shapes);
    Py_XDECREF(a->seq);
}

static int shape_array_init(shape_array *a, PyObject *objects)
{
    memset(a, 0, sizeof *a);
    a->seq = PySequence_Fast(objects, "selector filter expects a sequence of shapes");
    if (!a->seq)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(a->seq);
    a->items = PyMem_Malloc((n ? n : 1) * sizeof *a->items);
    a->shapes = PyMem_Malloc((n ? n : 1) * sizeof *a->shapes);
    if (!a->items || !a->shapes) {
        shape_array_free(a);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = PySequence_Fast_GET_ITEM(a->seq, i);
        if (!cq_shape_check(o))
            continue;
        zk_shape *s = ((CQShape *)o)->s;
        if (!s)
            continue;
        a->items[a->n] = o;
        a->shapes[a->n] = s;
        a->n++;
    }
    return 0;
}

static PyObject *pick_list(const shape_array *a, const size_t *idx, size_t n)
{
    PyObject *res = PyList_New((Py_ssize_t)n);
    if (!res)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        PyObject *o = a->items[idx[k]];
        Py_INCREF(o);
        PyList_SET_ITEM(res, (Py_ssize_t)k, o);
    }
    return res;
}

/* Runs a node over a sequence of shapes: a new list of the selected items. */
static PyObject *eval_node(const zs_node *node, PyObject *objects)
{
    shape_array a;
    if (shape_array_init(&a, objects) < 0)
        return NULL;
    size_t *idx = NULL, n = 0;
    zs_error err;
    PyObject *res = NULL;
    if (zs_eval(node, a.shapes, a.n, &idx, &n, &err) < 0)
        raise_zs(&err);
    else
        res = pick_list(&a, idx, n);
    free(idx);
    shape_array_free(&a);
    return res;
}

/* Shape equality as CadQuery's Shape.__eq__ (IsSame), else ==. -1 on error. */
static int same_item(PyObject *a, PyObject *b)
{
    if (a == b)
        return 1;
    if (cq_shape_check(a) && cq_shape_check(b)) {
        zk_shape *x = ((CQShape *)a)->s, *y = ((CQShape *)b)->s;
        return x && y && zk_is_same(x, y);
    }
    if (cq_shape_check(a) || cq_shape_check(b))
        return 0;
    return PyObject_RichCompareBool(a, b, Py_EQ);
}

static int list_contains(PyObject *list, PyObject *o)
{
    Py_ssize_t n = PyList_GET_SIZE(list);
    for (Py_ssize_t i = 0; i < n; i++) {
        int r = same_item(PyList_GET_ITEM(list, i), o);
        if (r != 0)
            return r;
    }
    return 0;
}

/* list(set(a) op set(b)) with a deterministic order: items of a, then (or) of b. */
static PyObject *set_op(zs_kind op, PyObject *a_in, PyObject *b_in)
{
    PyObject *a = PySequence_List(a_in), *b = a ? PySequence_List(b_in) : NULL, *res = NULL;
    if (!a || !b)
        goto done;
    res = PyList_New(0);
    if (!res)
        goto done;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(a); i++) {
        PyObject *o = PyList_GET_ITEM(a, i);
        int in_b = op == ZS_OR ? 0 : list_contains(b, o);
        int seen = in_b < 0 ? -1 : list_contains(res, o);
        if (in_b < 0 || seen < 0)
            goto fail;
        int keep = op == ZS_AND ? in_b : op == ZS_EXC ? !in_b : 1;
        if (keep && !seen && PyList_Append(res, o) < 0)
            goto fail;
    }
    if (op == ZS_OR)
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(b); i++) {
            PyObject *o = PyList_GET_ITEM(b, i);
            int seen = list_contains(res, o);
            if (seen < 0 || (!seen && PyList_Append(res, o) < 0))
                goto fail;
        }
    goto done;
fail:
    Py_CLEAR(res);
done:
    Py_XDECREF(a);
    Py_XDECREF(b);
    return res;
}

/* ------------------------------------------------------------------ the object */

static int sel_traverse(CQSelector *self, visitproc visit, void *arg)
{
    Py_VISIT(self->dict);
    Py_VISIT(self->left);
    Py_VISIT(self->right);
    return 0;
}

static int sel_clear(CQSelector *self)
{
    Py_CLEAR(self->dict);
    Py_CLEAR(self->left);
    Py_CLEAR(self->right);
    return 0;
}

static void sel_dealloc(CQSelector *self)
{
    PyObject_GC_UnTrack(self);
    if (self->weakreflist)
        PyObject_ClearWeakRefs((PyObject *)self);
    sel_clear(self);
    zs_node_free(self->node);
    self->node = NULL;
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int set_node(CQSelector *self, zs_node *node)
{
    if (!node) {
        PyErr_NoMemory();
        return -1;
    }
    zs_node_free(self->node);
    self->node = node;
    return 0;
}

static int set_attr(CQSelector *self, const char *name, PyObject *value)
{
    if (!value)
        return -1;
    int rc = PyObject_SetAttrString((PyObject *)self, name, value);
    Py_DECREF(value);
    return rc;
}

static int set_attr_vector(CQSelector *self, const char *name, zk_vec v)
{
    return set_attr(self, name, cq_vector_new(v));
}

/* Was `name` overridden by a Python subclass (relative to the nearest built-in type)? */
static int overridden(PyObject *self, const char *name)
{
    PyTypeObject *t = Py_TYPE(self), *b = t;
    while (b && (b->tp_flags & Py_TPFLAGS_HEAPTYPE))
        b = b->tp_base;
    if (!b || b == t)
        return 0;
    PyObject *mine = PyObject_GetAttrString((PyObject *)t, name);
    PyObject *base = PyObject_GetAttrString((PyObject *)b, name);
    int r = mine && base && mine != base;
    Py_XDECREF(mine);
    Py_XDECREF(base);
    PyErr_Clear();
    return r;
}

/* ------------------------------------------------------------------ Selector (base) */

static PyObject *selector_filter(PyObject *self, PyObject *objectList)
{
    (void)self;
    return PySequence_List(objectList);
}

static PyObject *make2(PyTypeObject *t, PyObject *a, PyObject *b)
{
    return PyObject_CallFunctionObjArgs((PyObject *)t, a, b, NULL);
}

static int is_selector(PyObject *o) { return PyObject_TypeCheck(o, &SelectorType); }

static PyObject *nb_and(PyObject *a, PyObject *b)
{
    if (!is_selector(a))
        Py_RETURN_NOTIMPLEMENTED;
    return make2(&AndType, a, b);
}

static PyObject *nb_add(PyObject *a, PyObject *b)
{
    if (!is_selector(a))
        Py_RETURN_NOTIMPLEMENTED;
    return make2(&SumType, a, b);
}

static PyObject *nb_sub(PyObject *a, PyObject *b)
{
    if (!is_selector(a))
        Py_RETURN_NOTIMPLEMENTED;
    return make2(&SubtractType, a, b);
}

static PyObject *nb_neg(PyObject *a)
{
    return PyObject_CallFunctionObjArgs((PyObject *)&InverseType, a, NULL);
}

static PyNumberMethods selector_as_number = {
    .nb_add = nb_add, .nb_subtract = nb_sub, .nb_negative = nb_neg, .nb_invert = nb_neg,
    .nb_and = nb_and,
};

static PyMethodDef selector_methods[] = {
    {"filter", (PyCFunction)selector_filter, METH_O,
     "filter(objectList): the selected objects (the base class returns them all)."},
    {NULL, NULL, 0, NULL}};

static int selector_init(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    (void)args;
    (void)kw;
    return 0;
}

/* ------------------------------------------------------------------ node-based leaves */

static PyObject *node_filter(CQSelector *self, PyObject *objectList)
{
    if (!self->node) {
        PyErr_SetString(PyExc_RuntimeError, "selector was not initialised (missing __init__ call?)");
        return NULL;
    }
    return eval_node(self->node, objectList);
}

static PyMethodDef node_methods[] = {
    {"filter", (PyCFunction)node_filter, METH_O, "filter(objectList): the selected objects."},
    {NULL, NULL, 0, NULL}};

static int nearest_init(CQSelector *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"pnt", NULL};
    PyObject *pnt;
    zk_vec p;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O:NearestToPointSelector", kwlist, &pnt))
        return -1;
    if (cq_vector_from_obj(pnt, &p) < 0)
        return -1;
    zs_node *n = zs_node_new(ZS_NEAREST);
    if (n)
        n->dir = p;
    if (set_node(self, n) < 0)
        return -1;
    Py_INCREF(pnt);
    return set_attr(self, "pnt", pnt);
}

static int box_init(CQSelector *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"point0", "point1", "boundingbox", NULL};
    PyObject *p0, *p1;
    int bb = 0;
    zk_vec a, b;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|p:BoxSelector", kwlist, &p0, &p1, &bb))
        return -1;
    if (cq_vector_from_obj(p0, &a) < 0 || cq_vector_from_obj(p1, &b) < 0)
        return -1;
    zs_node *n = zs_node_new(ZS_BOX);
    if (n) {
        n->dir = a;
        n->p1 = b;
        n->use_bbox = bb;
    }
    if (set_node(self, n) < 0 || set_attr_vector(self, "p0", a) < 0 || set_attr_vector(self, "p1", b) < 0)
        return -1;
    return set_attr(self, "test_boundingbox", PyBool_FromLong(bb));
}

static int dir_init_kind(CQSelector *self, PyObject *args, PyObject *kw, zs_kind kind, const char *name)
{
    static char *kwlist[] = {"vector", "tolerance", NULL};
    PyObject *vec;
    double tol = 1e-4;
    zk_vec v;
    char fmt[64];
    snprintf(fmt, sizeof fmt, "O|d:%s", name);
    if (!PyArg_ParseTupleAndKeywords(args, kw, fmt, kwlist, &vec, &tol))
        return -1;
    if (cq_vector_from_obj(vec, &v) < 0)
        return -1;
    zs_node *n = zs_node_new(kind);
    if (n) {
        n->dir = v;
        n->tol = tol;
    }
    if (set_node(self, n) < 0 || set_attr_vector(self, "direction", v) < 0)
        return -1;
    return set_attr(self, "tolerance", PyFloat_FromDouble(tol));
}

static int basedir_init(CQSelector *s, PyObject *a, PyObject *k) { return dir_init_kind(s, a, k, ZS_BASEDIR, "BaseDirSelector"); }
static int parallel_init(CQSelector *s, PyObject *a, PyObject *k) { return dir_init_kind(s, a, k, ZS_PARALLEL, "ParallelDirSelector"); }
static int direction_init(CQSelector *s, PyObject *a, PyObject *k) { return dir_init_kind(s, a, k, ZS_DIRECTION, "DirectionSelector"); }
static int perpendicular_init(CQSelector *s, PyObject *a, PyObject *k) { return dir_init_kind(s, a, k, ZS_PERPENDICULAR, "PerpendicularDirSelector"); }

/* test(vec) as the built-in classes define it. */
static PyObject *dir_test_method(CQSelector *self, PyObject *vec)
{
    zk_vec v;
    if (!self->node) {
        PyErr_SetString(PyExc_RuntimeError, "selector was not initialised");
        return NULL;
    }
    if (cq_vector_from_obj(vec, &v) < 0)
        return NULL;
    return PyBool_FromLong(zs_dir_test(self->node, v));
}

/* BaseDirSelector.filter: C unless a subclass overrides test(). */
static PyObject *dir_filter(CQSelector *self, PyObject *objectList)
{
    if (!overridden((PyObject *)self, "test"))
        return node_filter(self, objectList);
    shape_array a;
    if (shape_array_init(&a, objectList) < 0)
        return NULL;
    PyObject *res = PyList_New(0);
    for (size_t i = 0; res && i < a.n; i++) {
        zk_vec v;
        if (!zs_test_vector(a.shapes[i], &v))
            continue;
        PyObject *pv = cq_vector_new(v);
        PyObject *r = pv ? PyObject_CallMethod((PyObject *)self, "test", "O", pv) : NULL;
        Py_XDECREF(pv);
        int t = r ? PyObject_IsTrue(r) : -1;
        Py_XDECREF(r);
        if (t < 0 || (t && PyList_Append(res, a.items[i]) < 0))
            Py_CLEAR(res);
    }
    shape_array_free(&a);
    return res;
}

static PyMethodDef dir_methods[] = {
    {"filter", (PyCFunction)dir_filter, METH_O, "filter(objectList): planar faces / linear edges passing test()."},
    {"test", (PyCFunction)dir_test_method, METH_O, "test(vec): does this direction pass?"},
    {NULL, NULL, 0, NULL}};

static int type_init(CQSelector *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"typeString", NULL};
    const char *t;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "s:TypeSelector", kwlist, &t))
        return -1;
    zs_node *n = zs_node_new(ZS_TYPE);
    if (n) {
        size_t i = 0;
        for (; t[i] && i + 1 < sizeof n->type; i++)
            n->type[i] = (char)((t[i] >= 'a' && t[i] <= 'z') ? t[i] - 32 : t[i]);
        n->type[i] = 0;
    }
    if (set_node(self, n) < 0)
        return -1;
    return set_attr(self, "typeString", PyUnicode_FromString(n->type));
}

/* ------------------------------------------------------------------ Nth selectors */

static int nth_common(CQSelector *self, zs_kind kind, PyObject *vec, long n, int dir_max, double tol)
{
    zk_vec v = {0, 0, 0};
    if (vec && cq_vector_from_obj(vec, &v) < 0)
        return -1;
    zs_node *node = zs_node_new(kind);
    if (node) {
        node->dir = v;
        node->n = n;
        node->dir_max = dir_max;
        node->tol = tol;
    }
    if (set_node(self, node) < 0)
        return -1;
    if (vec && set_attr_vector(self, "direction", v) < 0)
        return -1;
    if (set_attr(self, "n", PyLong_FromLong(n)) < 0 ||
        set_attr(self, "directionMax", PyBool_FromLong(dir_max)) < 0)
        return -1;
    return set_attr(self, "tolerance", PyFloat_FromDouble(tol));
}

static zs_kind nth_kind_of(PyTypeObject *t)
{
    for (; t; t = t->tp_base) {
        if (t == &RadiusNthType)
            return ZS_RADIUS_NTH;
        if (t == &LengthNthType)
            return ZS_LENGTH_NTH;
        if (t == &AreaNthType)
            return ZS_AREA_NTH;
        if (t == &NthType)
            return ZS_ALL;   /* abstract: key() must come from a subclass */
    }
    return ZS_ALL;
}

static int nth_init(CQSelector *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"n", "directionMax", "tolerance", NULL};
    long n;
    int dmax = 1;
    double tol = 1e-4;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "l|pd:_NthSelector", kwlist, &n, &dmax, &tol))
        return -1;
    return nth_common(self, nth_kind_of(Py_TYPE(self)), NULL, n, dmax, tol);
}

static int center_nth_init(CQSelector *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"vector", "n", "directionMax", "tolerance", NULL};
    PyObject *vec;
    long n;
    int dmax = 1;
    double tol = 1e-4;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "Ol|pd:CenterNthSelector", kwlist, &vec, &n, &dmax, &tol))
        return -1;
    return nth_common(self, ZS_CENTER_NTH, vec, n, dmax, tol);
}

static int minmax_init(CQSelector *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"vector", "directionMax", "tolerance", NULL};
    PyObject *vec;
    int dmax = 1;
    double tol = 1e-4;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|pd:DirectionMinMaxSelector", kwlist, &vec, &dmax, &tol))
        return -1;
    return nth_common(self, ZS_CENTER_NTH, vec, -1, dmax, tol);
}

static int dir_nth_init(CQSelector *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"vector", "n", "directionMax", "tolerance", NULL};
    PyObject *vec;
    long n;
    int dmax = 1;
    double tol = 1e-4;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "Ol|pd:DirectionNthSelector", kwlist, &vec, &n, &dmax, &tol))
        return -1;
    return nth_common(self, ZS_DIRECTION_NTH, vec, n, dmax, tol);
}

/* key(obj) of the built-in Nth selectors; ValueError when the object has none. */
static PyObject *nth_key_method(CQSelector *self, PyObject *obj)
{
    if (!self->node || self->node->kind == ZS_ALL) {
        PyErr_SetString(PyExc_NotImplementedError, "key() must be defined by a subclass of _NthSelector");
        return NULL;
    }
    zk_shape *s = cq_shape_get(obj);
    if (!s)
        return NULL;
    double key;
    if (!zs_key(self->node, s, &key)) {
        PyErr_Format(PyExc_ValueError, "%s can not compute a key for %s", Py_TYPE(self)->tp_name,
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    return PyFloat_FromDouble(key);
}

/* The Python path: keys from self.key(obj) (ValueError drops the object). */
static PyObject *nth_filter_python(CQSelector *self, PyObject *objectList)
{
    PyObject *seq = PySequence_Fast(objectList, "selector filter expects a sequence");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    double *keys = PyMem_Malloc((n ? n : 1) * sizeof *keys);
    unsigned char *valid = PyMem_Malloc(n ? n : 1);
    PyObject *res = NULL;
    size_t *pick = NULL, npick = 0;
    if (!keys || !valid) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *k = PyObject_CallMethod((PyObject *)self, "key", "O", PySequence_Fast_GET_ITEM(seq, i));
        valid[i] = 0;
        if (!k) {
            if (!PyErr_ExceptionMatches(PyExc_ValueError))
                goto done;
            PyErr_Clear();
            continue;
        }
        keys[i] = PyFloat_AsDouble(k);
        Py_DECREF(k);
        if (PyErr_Occurred())
            goto done;
        valid[i] = 1;
    }
    zs_error err;
    if (zs_cluster_pick(self->node, keys, valid, (size_t)n, &pick, &npick, &err) < 0) {
        raise_zs(&err);
        goto done;
    }
    res = PyList_New((Py_ssize_t)npick);
    for (size_t k = 0; res && k < npick; k++) {
        PyObject *o = PySequence_Fast_GET_ITEM(seq, (Py_ssize_t)pick[k]);
        Py_INCREF(o);
        PyList_SET_ITEM(res, (Py_ssize_t)k, o);
    }
done:
    free(pick);
    PyMem_Free(keys);
    PyMem_Free(valid);
    Py_DECREF(seq);
    return res;
}

static PyObject *nth_filter(CQSelector *self, PyObject *objectList)
{
    if (!self->node) {
        PyErr_SetString(PyExc_RuntimeError, "selector was not initialised (missing __init__ call?)");
        return NULL;
    }
    if (self->node->kind == ZS_ALL || overridden((PyObject *)self, "key"))
        return nth_filter_python(self, objectList);
    return eval_node(self->node, objectList);
}

static PyMethodDef nth_methods[] = {
    {"filter", (PyCFunction)nth_filter, METH_O, "filter(objectList): the Nth cluster of objects by key."},
    {"key", (PyCFunction)nth_key_method, METH_O, "key(obj): the ordering key of one object."},
    {NULL, NULL, 0, NULL}};

/* DirectionNthSelector: parallel filter, then the Nth cluster. */
static PyMethodDef dir_nth_methods[] = {
    {"filter", (PyCFunction)node_filter, METH_O, "filter(objectList): parallel objects, then the Nth one."},
    {"key", (PyCFunction)nth_key_method, METH_O, "key(obj): centre projected on the direction."},
    {NULL, NULL, 0, NULL}};

/* ------------------------------------------------------------------ binary and inverse */

static int binary_init(CQSelector *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"left", "right", NULL};
    PyObject *l, *r;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO:BinarySelector", kwlist, &l, &r))
        return -1;
    Py_INCREF(l);
    Py_INCREF(r);
    Py_XSETREF(self->left, l);
    Py_XSETREF(self->right, r);
    return 0;
}

static PyObject *binary_filter(CQSelector *self, PyObject *objectList)
{
    if (!self->left || !self->right) {
        PyErr_SetString(PyExc_RuntimeError, "BinarySelector was not initialised");
        return NULL;
    }
    PyObject *l = PyObject_CallMethod(self->left, "filter", "O", objectList);
    PyObject *r = l ? PyObject_CallMethod(self->right, "filter", "O", objectList) : NULL;
    PyObject *res = r ? PyObject_CallMethod((PyObject *)self, "filterResults", "OO", l, r) : NULL;
    Py_XDECREF(l);
    Py_XDECREF(r);
    return res;
}

static PyObject *binary_results(CQSelector *self, PyObject *args)
{
    (void)self;
    (void)args;
    PyErr_SetString(PyExc_NotImplementedError, "filterResults must be defined by a subclass of BinarySelector");
    return NULL;
}

static PyObject *results_op(PyObject *args, zs_kind op)
{
    PyObject *a, *b;
    if (!PyArg_ParseTuple(args, "OO:filterResults", &a, &b))
        return NULL;
    return set_op(op, a, b);
}

static PyObject *and_results(CQSelector *s, PyObject *args) { (void)s; return results_op(args, ZS_AND); }
static PyObject *sum_results(CQSelector *s, PyObject *args) { (void)s; return results_op(args, ZS_OR); }
static PyObject *sub_results(CQSelector *s, PyObject *args) { (void)s; return results_op(args, ZS_EXC); }

#define BINARY_METHODS(fn)                                                                          \
    {{"filter", (PyCFunction)binary_filter, METH_O, "filter(objectList): combines left and right."}, \
     {"filterResults", (PyCFunction)fn, METH_VARARGS, "filterResults(r_left, r_right)."},           \
     {NULL, NULL, 0, NULL}}

static PyMethodDef binary_methods[] = BINARY_METHODS(binary_results);
static PyMethodDef and_methods[] = BINARY_METHODS(and_results);
static PyMethodDef sum_methods[] = BINARY_METHODS(sum_results);
static PyMethodDef sub_methods[] = BINARY_METHODS(sub_results);

static int inverse_init(CQSelector *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"selector", NULL};
    PyObject *s;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O:InverseSelector", kwlist, &s))
        return -1;
    Py_INCREF(s);
    Py_XSETREF(self->left, s);
    return 0;
}

static PyObject *inverse_filter(CQSelector *self, PyObject *objectList)
{
    if (!self->left) {
        PyErr_SetString(PyExc_RuntimeError, "InverseSelector was not initialised");
        return NULL;
    }
    PyObject *sel = PyObject_CallMethod(self->left, "filter", "O", objectList);
    PyObject *res = sel ? set_op(ZS_EXC, objectList, sel) : NULL;
    Py_XDECREF(sel);
    return res;
}

static PyMethodDef inverse_methods[] = {
    {"filter", (PyCFunction)inverse_filter, METH_O, "filter(objectList): objects the selector does not select."},
    {NULL, NULL, 0, NULL}};

static PyMemberDef binary_members[] = {
    {"left", T_OBJECT, offsetof(CQSelector, left), READONLY, "left selector"},
    {"right", T_OBJECT, offsetof(CQSelector, right), READONLY, "right selector"},
    {NULL, 0, 0, 0, NULL}};

static PyMemberDef inverse_members[] = {
    {"selector", T_OBJECT, offsetof(CQSelector, left), READONLY, "the inverted selector"},
    {NULL, 0, 0, 0, NULL}};

/* ------------------------------------------------------------------ StringSyntaxSelector */

static int string_init(CQSelector *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"selectorString", NULL};
    PyObject *s;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "U:StringSyntaxSelector", kwlist, &s))
        return -1;
    const char *text = PyUnicode_AsUTF8(s);
    if (!text)
        return -1;
    zs_error err;
    zs_node *n = zs_parse(text, &err);
    if (!n) {
        raise_zs(&err);
        return -1;
    }
    zs_node_free(self->node);
    self->node = n;
    Py_INCREF(s);
    return set_attr(self, "selectorString", s);
}

/* ------------------------------------------------------------------ cq_select */

PyObject *cq_select(PyObject *objects, PyObject *selector)
{
    if (!selector || selector == Py_None)
        return PySequence_List(objects);
    if (PyUnicode_Check(selector)) {
        const char *text = PyUnicode_AsUTF8(selector);
        if (!text)
            return NULL;
        zs_error err;
        zs_node *n = zs_parse(text, &err);
        if (!n)
            return raise_zs(&err);
        PyObject *res = eval_node(n, objects);
        zs_node_free(n);
        return res;
    }
    PyObject *r = PyObject_CallMethod(selector, "filter", "O", objects);
    if (!r)
        return NULL;
    PyObject *l = PySequence_List(r);
    Py_DECREF(r);
    return l;
}

/* ------------------------------------------------------------------ types and module */

typedef struct {
    PyTypeObject *type;
    const char *name;      /* without the module prefix */
    PyTypeObject *base;
    initproc init;
    PyMethodDef *methods;
    PyMemberDef *members;
    const char *doc;
    int top_level;         /* also exported by `cadquery` itself (CadQuery 2.4's __init__) */
} sel_type_def;

static const sel_type_def type_defs[] = {
    {&SelectorType, "Selector", NULL, selector_init, selector_methods, NULL,
     "Filters a list of objects; subclasses override filter(objectList).", 1},
    {&NearestType, "NearestToPointSelector", &SelectorType, (initproc)nearest_init, node_methods, NULL,
     "NearestToPointSelector(pnt): the object whose centre is nearest pnt.", 1},
    {&BoxType, "BoxSelector", &SelectorType, (initproc)box_init, node_methods, NULL,
     "BoxSelector(point0, point1, boundingbox=False): objects inside the box.", 0},
    {&BaseDirType, "BaseDirSelector", &SelectorType, (initproc)basedir_init, dir_methods, NULL,
     "BaseDirSelector(vector, tolerance=0.0001): planar faces / linear edges passing test().", 0},
    {&ParallelType, "ParallelDirSelector", &BaseDirType, (initproc)parallel_init, dir_methods, NULL,
     "ParallelDirSelector(vector, tolerance=0.0001): |X.", 1},
    {&DirectionType, "DirectionSelector", &BaseDirType, (initproc)direction_init, dir_methods, NULL,
     "DirectionSelector(vector, tolerance=0.0001): +X.", 1},
    {&PerpendicularType, "PerpendicularDirSelector", &BaseDirType, (initproc)perpendicular_init, dir_methods,
     NULL, "PerpendicularDirSelector(vector, tolerance=0.0001): #X.", 1},
    {&TypeSelType, "TypeSelector", &SelectorType, (initproc)type_init, node_methods, NULL,
     "TypeSelector(typeString): %TYPE.", 1},
    {&NthType, "_NthSelector", &SelectorType, (initproc)nth_init, nth_methods, NULL,
     "_NthSelector(n, directionMax=True, tolerance=0.0001): Nth cluster by key().", 0},
    {&RadiusNthType, "RadiusNthSelector", &NthType, (initproc)nth_init, nth_methods, NULL,
     "RadiusNthSelector(n, directionMax=True, tolerance=0.0001).", 0},
    {&CenterNthType, "CenterNthSelector", &NthType, (initproc)center_nth_init, nth_methods, NULL,
     "CenterNthSelector(vector, n, directionMax=True, tolerance=0.0001): >>X[n].", 0},
    {&MinMaxType, "DirectionMinMaxSelector", &CenterNthType, (initproc)minmax_init, nth_methods, NULL,
     "DirectionMinMaxSelector(vector, directionMax=True, tolerance=0.0001): >X / <X.", 1},
    {&DirNthType, "DirectionNthSelector", &ParallelType, (initproc)dir_nth_init, dir_nth_methods, NULL,
     "DirectionNthSelector(vector, n, directionMax=True, tolerance=0.0001): >X[n].", 0},
    {&LengthNthType, "LengthNthSelector", &NthType, (initproc)nth_init, nth_methods, NULL,
     "LengthNthSelector(n, directionMax=True, tolerance=0.0001).", 0},
    {&AreaNthType, "AreaNthSelector", &NthType, (initproc)nth_init, nth_methods, NULL,
     "AreaNthSelector(n, directionMax=True, tolerance=0.0001).", 0},
    {&BinaryType, "BinarySelector", &SelectorType, (initproc)binary_init, binary_methods, binary_members,
     "BinarySelector(left, right): subclasses define filterResults.", 0},
    {&AndType, "AndSelector", &BinaryType, (initproc)binary_init, and_methods, binary_members,
     "AndSelector(left, right): objects both select.", 0},
    {&SumType, "SumSelector", &BinaryType, (initproc)binary_init, sum_methods, binary_members,
     "SumSelector(left, right): objects either selects.", 0},
    {&SubtractType, "SubtractSelector", &BinaryType, (initproc)binary_init, sub_methods, binary_members,
     "SubtractSelector(left, right): objects left selects and right does not.", 0},
    {&InverseType, "InverseSelector", &SelectorType, (initproc)inverse_init, inverse_methods, inverse_members,
     "InverseSelector(selector): objects the selector does not select.", 0},
    {&StringType, "StringSyntaxSelector", &SelectorType, (initproc)string_init, node_methods, NULL,
     "StringSyntaxSelector(selectorString): CadQuery's string selector grammar.", 1},
};

static int ready_type(const sel_type_def *d)
{
    static char names[sizeof type_defs / sizeof type_defs[0]][64];
    size_t i = (size_t)(d - type_defs);
    PyTypeObject *t = d->type;
    if (t->tp_flags & Py_TPFLAGS_READY)
        return 0;
    snprintf(names[i], sizeof names[i], "cadquery.selectors.%s", d->name);
    t->tp_name = names[i];
    t->tp_basicsize = sizeof(CQSelector);
    t->tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC;
    t->tp_doc = d->doc;
    t->tp_base = d->base;
    t->tp_new = PyType_GenericNew;
    t->tp_init = d->init;
    t->tp_dealloc = (destructor)sel_dealloc;
    t->tp_traverse = (traverseproc)sel_traverse;
    t->tp_clear = (inquiry)sel_clear;
    t->tp_dictoffset = offsetof(CQSelector, dict);
    t->tp_weaklistoffset = offsetof(CQSelector, weakreflist);
    t->tp_methods = d->methods;
    t->tp_members = d->members;
    if (!d->base)
        t->tp_as_number = &selector_as_number;
    return PyType_Ready(t);
}

int cq_selectors_init(PyObject *module)
{
    PyObject *sub = PyModule_New("cadquery.selectors");
    if (!sub)
        return -1;
    if (PyModule_AddStringConstant(sub, "__doc__", "CadQuery selectors (zerocad, in C).") < 0)
        goto fail;
    for (size_t i = 0; i < sizeof type_defs / sizeof type_defs[0]; i++) {
        const sel_type_def *d = &type_defs[i];
        if (ready_type(d) < 0 || PyModule_AddObjectRef(sub, d->name, (PyObject *)d->type) < 0)
            goto fail;
        if (d->top_level && PyModule_AddObjectRef(module, d->name, (PyObject *)d->type) < 0)
            goto fail;
    }
    if (cq_selectors_shape_init(sub) < 0)   /* selectors_shape.c: NearestToShapeSelector */
        goto fail;
    PyObject *modules = PyImport_GetModuleDict();
    if (PyDict_SetItemString(modules, "cadquery.selectors", sub) < 0)
        goto fail;
    if (PyModule_AddObjectRef(module, "selectors", sub) < 0)
        goto fail;
    Py_DECREF(sub);
    return 0;
fail:
    Py_DECREF(sub);
    return -1;
}
