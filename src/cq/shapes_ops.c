/* shapes_ops.c: Shape's operators as in current CadQuery (+ fuse, - cut, * intersect, / split,
 * through cadquery.func), the forms of Shape.moved: moved(loc), moved(loc1, loc2, ...) and
 * moved([locs]) (a compound of copies), moved(x=, y=, z=, rx=, ry=, rz=) (degrees) and
 * moved(vector); the single sub-shape accessors (vertex() ... solid()) and pickling (BRep text). */
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
    .nb_and = cq_shape_set_and,      /* selection set operators (shapes_edit.c) */
    .nb_or = cq_shape_set_or,
    .nb_remainder = cq_shape_set_sub,
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

static int all_numbers(PyObject *args)
{
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
        PyObject *a = PyTuple_GET_ITEM(args, i);
        if (!PyNumber_Check(a) || PyObject_TypeCheck(a, &CQVectorType) || cq_shape_check(a))
            return 0;
    }
    return 1;
}

/* Shape.toLocs(): a compound's children's locations; a face's at its (u, v) middle; an edge's at
 * its parameter middle; any other shape's centre. */
static int to_locs(PyObject *self, PyObject *out)
{
    zk_shape *s = ((CQShape *)self)->s;
    zk_type t = zk_shape_type(s);
    PyObject *loc = NULL;
    if (t == ZK_COMPOUND) {
        zk_shape **kids = NULL;
        size_t n = 0;
        if (zk_children(s, &kids, &n) < 0) {
            cq_raise_kernel_error("toLocs");
            return -1;
        }
        PyObject *l = cq_shape_list(kids, n);
        int rc = l ? 0 : -1;
        for (Py_ssize_t i = 0; l && rc == 0 && i < PyList_GET_SIZE(l); i++)
            rc = to_locs(PyList_GET_ITEM(l, i), out);
        Py_XDECREF(l);
        return rc;
    }
    if (t == ZK_FACE) {
        double b[4];
        if (zk_face_uv_bounds(s, b) < 0) {
            cq_raise_kernel_error("toLocs");
            return -1;
        }
        loc = PyObject_CallMethod(self, "locationAt", "dd", (b[0] + b[1]) / 2, (b[2] + b[3]) / 2);
    } else if (t == ZK_EDGE) {
        double a, b;
        if (zk_curve_bounds(s, &a, &b) < 0) {
            cq_raise_kernel_error("toLocs");
            return -1;
        }
        loc = PyObject_CallMethod(self, "locationAt", "ds", (a + b) / 2, "parameter");
    } else {
        zk_vec c = cq_shape_center(s);
        zk_trsf tr = {{{1, 0, 0, c.x}, {0, 1, 0, c.y}, {0, 0, 1, c.z}}};
        loc = cq_location_new(&tr);
    }
    int rc = loc ? PyList_Append(out, loc) : -1;
    Py_XDECREF(loc);
    return rc;
}

static PyObject *shape_toLocs(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *l = PyList_New(0);
    if (l && to_locs(self, l) < 0)
        Py_CLEAR(l);
    return l;
}

/* The location(s) of moved()/move() arguments: a Location (new ref) or a list of them. */
static PyObject *locations_of_args(PyObject *args, PyObject *kw)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if ((kw && PyDict_GET_SIZE(kw)) || all_numbers(args))
        return PyObject_Call((PyObject *)&CQLocationType, args, kw);
    if (n == 1) {
        PyObject *a = PyTuple_GET_ITEM(args, 0);
        if (cq_shape_check(a))
            return shape_toLocs(a, NULL);
        if (!is_sequence_of_locations(a))
            return location_of(a);
        args = a;
    }
    PyObject *seq = PySequence_Fast(args, "moved() expects Locations or vectors");
    PyObject *list = seq ? PyList_New(0) : NULL;
    for (Py_ssize_t i = 0; list && i < PySequence_Fast_GET_SIZE(seq); i++) {
        PyObject *l = location_of(PySequence_Fast_GET_ITEM(seq, i));
        if (!l || PyList_Append(list, l) < 0)
            Py_CLEAR(list);
        Py_XDECREF(l);
    }
    Py_XDECREF(seq);
    return list;
}

/* moved(...): the forms listed at the top of the file, and moved(shape) (its toLocs()). */
PyObject *cq_shape_moved(PyObject *self, PyObject *args, PyObject *kw)
{
    PyObject *locs = locations_of_args(args, kw);
    if (!locs)
        return NULL;
    PyObject *r = PyList_Check(locs) ? moved_many(self, locs) : moved_one(self, locs);
    Py_DECREF(locs);
    return r;
}

/* move(...): as moved() but in place, with one location (a shape's first toLocs()). */
static PyObject *shape_move_any(PyObject *self, PyObject *args, PyObject *kw)
{
    PyObject *locs = locations_of_args(args, kw);
    if (!locs)
        return NULL;
    PyObject *loc = locs;
    if (PyList_Check(locs)) {
        if (PyList_GET_SIZE(locs) < 1) {
            Py_DECREF(locs);
            PyErr_SetString(PyExc_ValueError, "move() needs a location");
            return NULL;
        }
        loc = PyList_GET_ITEM(locs, 0);
    }
    zk_trsf t;
    zk_shape *m = cq_location_get(loc, &t) < 0 ? NULL : zk_moved(((CQShape *)self)->s, &t);
    Py_DECREF(locs);
    if (!m)
        return PyErr_Occurred() ? NULL : cq_raise_kernel_error("move");
    zk_unref(((CQShape *)self)->s);
    ((CQShape *)self)->s = m;
    return Py_NewRef(self);
}

/* ------------------------------------------------------------------ single sub-shapes */

/* The first sub-shape of `type` (after the optional selector): CadQuery's Shape.vertex(), edge(),
 * wire(), face(), shell(), solid(); ValueError when there is none. */
static PyObject *single(PyObject *self, PyObject *args, PyObject *kw, zk_type type, const char *fn)
{
    static char *kwlist[] = {"selector", NULL};
    PyObject *sel = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O", kwlist, &sel))
        return NULL;
    PyObject *items = cq_shape_explore(((CQShape *)self)->s, type);
    if (items && sel != Py_None) {
        PyObject *picked = cq_select(items, sel);
        Py_DECREF(items);
        items = picked;
    }
    if (!items)
        return NULL;
    PyObject *r = NULL;
    if (PyList_Check(items) && PyList_GET_SIZE(items) > 0)
        r = Py_NewRef(PyList_GET_ITEM(items, 0));
    else
        PyErr_Format(PyExc_ValueError, "%s(): No Shape available for selection", fn);
    Py_DECREF(items);
    return r;
}

static PyObject *single_vertex(PyObject *self, PyObject *args, PyObject *kw)
{
    return single(self, args, kw, ZK_VERTEX, "vertex");
}

static PyObject *single_edge(PyObject *self, PyObject *args, PyObject *kw)
{
    return single(self, args, kw, ZK_EDGE, "edge");
}

static PyObject *single_wire(PyObject *self, PyObject *args, PyObject *kw)
{
    return single(self, args, kw, ZK_WIRE, "wire");
}

static PyObject *single_face(PyObject *self, PyObject *args, PyObject *kw)
{
    return single(self, args, kw, ZK_FACE, "face");
}

static PyObject *single_shell(PyObject *self, PyObject *args, PyObject *kw)
{
    return single(self, args, kw, ZK_SHELL, "shell");
}

static PyObject *single_solid(PyObject *self, PyObject *args, PyObject *kw)
{
    return single(self, args, kw, ZK_SOLID, "solid");
}

/* ------------------------------------------------------------------ pickling */

/* Shape._fromBrep(text, forConstruction=False): the shape of BRep text (pickle's constructor). */
static PyObject *shape_from_brep(PyObject *cls, PyObject *args)
{
    (void)cls;
    const char *text;
    Py_ssize_t len;
    int fc = 0;
    if (!PyArg_ParseTuple(args, "s#|p:_fromBrep", &text, &len, &fc))
        return NULL;
    zk_shape *s = zk_brep_from_text(text, (size_t)len);
    PyObject *r = s ? cq_shape_wrap(s) : cq_raise_kernel_error("unpickle");
    if (r && fc && PyObject_SetAttrString(r, "forConstruction", Py_True) < 0)
        Py_CLEAR(r);
    return r;
}

/* Shape.__reduce__: (Shape._fromBrep, (BRep text, forConstruction)). */
static PyObject *shape_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    size_t len = 0;
    char *text = zk_brep_text(((CQShape *)self)->s, &len);
    if (!text)
        return cq_raise_kernel_error("pickle");
    PyObject *fc = PyObject_GetAttrString(self, "forConstruction");
    if (!fc)
        PyErr_Clear();
    PyObject *ctor = PyObject_GetAttrString((PyObject *)&CQShapeType, "_fromBrep");
    PyObject *r = ctor ? Py_BuildValue("(N(s#O))", ctor, text, (Py_ssize_t)len, fc && PyObject_IsTrue(fc) == 1 ? Py_True : Py_False)
                       : NULL;
    Py_XDECREF(fc);
    free(text);
    return r;
}

/* Shape.matrixOfInertia(obj): the 3x3 matrix of inertia about the centre of mass of a solid (or
 * compound of solids), unit density; NotImplementedError for vertices and lower dimensions. */
static PyObject *shape_matrix_of_inertia(PyObject *unused, PyObject *obj)
{
    (void)unused;
    zk_shape *s = cq_shape_get(obj);
    if (!s)
        return NULL;
    zk_type t = zk_shape_type(s);
    if (t != ZK_SOLID && t != ZK_COMPSOLID && t != ZK_COMPOUND) {
        PyErr_SetString(PyExc_NotImplementedError, "matrixOfInertia: only solids are supported");
        return NULL;
    }
    double m[9];
    if (zk_volume_inertia(s, NULL, NULL, m) < 0)
        return cq_raise_kernel_error("matrixOfInertia");
    return Py_BuildValue("[[ddd][ddd][ddd]]", m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
}

#define KWM(f) (PyCFunction)(void (*)(void))(f)
PyMethodDef cq_shape_extra_methods[] = {
    {"vertex", KWM(single_vertex), METH_VARARGS | METH_KEYWORDS, "vertex(selector=None): the first vertex"},
    {"edge", KWM(single_edge), METH_VARARGS | METH_KEYWORDS, "edge(selector=None): the first edge"},
    {"wire", KWM(single_wire), METH_VARARGS | METH_KEYWORDS, "wire(selector=None): the first wire"},
    {"face", KWM(single_face), METH_VARARGS | METH_KEYWORDS, "face(selector=None): the first face"},
    {"shell", KWM(single_shell), METH_VARARGS | METH_KEYWORDS, "shell(selector=None): the first shell"},
    {"solid", KWM(single_solid), METH_VARARGS | METH_KEYWORDS, "solid(selector=None): the first solid"},
    {"toLocs", shape_toLocs, METH_NOARGS, NULL},
    {"move", KWM(shape_move_any), METH_VARARGS | METH_KEYWORDS, NULL},
    {"matrixOfInertia", shape_matrix_of_inertia, METH_O | METH_STATIC, "matrixOfInertia(obj): 3x3 list"},
    {"_fromBrep", shape_from_brep, METH_VARARGS | METH_CLASS, "_fromBrep(text, forConstruction=False)"},
    {"__reduce__", shape_reduce, METH_NOARGS, "pickle support (BRep text)"},
    {NULL, NULL, 0, NULL}};

/* Adds methods to a type after PyType_Ready (instance, class or static methods). */
int cq_add_methods(PyTypeObject *type, PyMethodDef *defs)
{
    for (PyMethodDef *d = defs; d->ml_name; d++) {
        PyObject *descr;
        if (d->ml_flags & METH_STATIC) {
            PyObject *f = PyCFunction_NewEx(d, NULL, NULL);
            descr = f ? PyStaticMethod_New(f) : NULL;
            Py_XDECREF(f);
        } else {
            descr = (d->ml_flags & METH_CLASS) ? PyDescr_NewClassMethod(type, d) : PyDescr_NewMethod(type, d);
        }
        int rc = descr ? PyDict_SetItemString(type->tp_dict, d->ml_name, descr) : -1;
        Py_XDECREF(descr);
        if (rc < 0)
            return -1;
    }
    PyType_Modified(type);
    return 0;
}
