/* shapes.c: cadquery.Shape (CadQuery 2.4 occ_impl/shapes.Shape) and its subclasses' type objects
 * (Solid, Compound, CompSolid, Shell, Face, Wire, Edge, Vertex, Mixin1D): wrapping kernel shapes in
 * the class of their real type, properties (Volume/Area/Center/BoundingBox/isValid/geomType),
 * topology (Faces()...), identity (isSame, hash, ==), transforms, booleans and iteration.
 * The class-specific constructors and queries live in shapes_make.c and shapes_query.c. */
#include "cq_internal.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ wrapping */

static PyTypeObject *type_for(zk_type t)
{
    switch (t) {
    case ZK_COMPOUND: return &CQCompoundType;
    case ZK_COMPSOLID: return &CQCompSolidType;
    case ZK_SOLID: return &CQSolidType;
    case ZK_SHELL: return &CQShellType;
    case ZK_FACE: return &CQFaceType;
    case ZK_WIRE: return &CQWireType;
    case ZK_EDGE: return &CQEdgeType;
    case ZK_VERTEX: return &CQVertexType;
    default: return &CQShapeType;
    }
}

PyObject *cq_shape_wrap(zk_shape *s)
{
    if (!s)
        return cq_raise_kernel_error(NULL);
    PyTypeObject *tp = zk_is_null(s) ? &CQShapeType : type_for(zk_shape_type(s));
    CQShape *o = (CQShape *)tp->tp_alloc(tp, 0);
    if (!o) {
        zk_unref(s);
        return NULL;
    }
    o->s = s;
    return (PyObject *)o;
}

int cq_shape_check(PyObject *o)
{
    return PyObject_TypeCheck(o, &CQShapeType);
}

zk_shape *cq_shape_get(PyObject *o)
{
    if (!cq_shape_check(o) || !((CQShape *)o)->s) {
        PyErr_Format(PyExc_TypeError, "expected a Shape, got %.100s", Py_TYPE(o)->tp_name);
        return NULL;
    }
    return ((CQShape *)o)->s;
}

PyObject *cq_shape_list(zk_shape **items, size_t n)
{
    PyObject *l = PyList_New(0);
    for (size_t i = 0; i < n; i++) {
        PyObject *w = l ? cq_shape_wrap(zk_ref(items[i])) : NULL;
        if (!w || PyList_Append(l, w) < 0)
            Py_CLEAR(l);
        Py_XDECREF(w);
    }
    zk_free_list(items, n);
    return l;
}

PyObject *cq_shape_explore(zk_shape *s, zk_type type)
{
    zk_shape **items = NULL;
    size_t n = 0;
    if (zk_explore(s, type, &items, &n) < 0)
        return cq_raise_kernel_error("explore");
    return cq_shape_list(items, n);
}

zk_vec cq_shape_center(zk_shape *s)
{
    if (zk_shape_type(s) == ZK_VERTEX)
        return zk_vertex_point(s);
    return zk_center_of_mass(s);
}

/* A new wrapper sharing the flag forConstruction of `like` (CadQuery copies it on transforms). */
PyObject *cq_shape_wrap_like(zk_shape *s, PyObject *like)
{
    PyObject *r = cq_shape_wrap(s);
    if (r && like) {
        PyObject *fc = PyObject_GetAttrString(like, "forConstruction");
        if (!fc) {
            PyErr_Clear();
        } else {
            if (fc != Py_False && PyObject_SetAttrString(r, "forConstruction", fc) < 0)
                PyErr_Clear();
            Py_DECREF(fc);
        }
    }
    return r;
}

/* Items of a Python iterable of Shapes as a malloc'd array of borrowed zk_shape pointers; the
 * sequence (new reference) keeps them alive and must be released by the caller. */
zk_shape **cq_shapes_from_iterable(PyObject *iterable, size_t *n, PyObject **keep)
{
    PyObject *seq = PySequence_Fast(iterable, "expected a sequence of shapes");
    if (!seq)
        return NULL;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(seq);
    zk_shape **arr = PyMem_Calloc(len > 0 ? (size_t)len : 1, sizeof(zk_shape *));
    if (!arr) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        arr[i] = cq_shape_get(PySequence_Fast_GET_ITEM(seq, i));
        if (!arr[i]) {
            PyMem_Free(arr);
            Py_DECREF(seq);
            return NULL;
        }
    }
    *n = (size_t)len;
    *keep = seq;
    return arr;
}

/* ------------------------------------------------------------------ life cycle */

static PyObject *shape_tp_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"obj", NULL};
    PyObject *obj;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O:Shape", kwlist, &obj))
        return NULL;
    zk_shape *s = cq_shape_get(obj);
    if (!s)
        return NULL;
    CQShape *o = (CQShape *)type->tp_alloc(type, 0);
    if (!o)
        return NULL;
    o->s = zk_ref(s);
    return (PyObject *)o;
}

static int shape_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((CQShape *)self)->dict);
    return 0;
}

static int shape_clear(PyObject *self)
{
    Py_CLEAR(((CQShape *)self)->dict);
    return 0;
}

static void shape_dealloc(PyObject *self)
{
    CQShape *o = (CQShape *)self;
    PyObject_GC_UnTrack(self);
    if (o->weakreflist)
        PyObject_ClearWeakRefs(self);
    Py_CLEAR(o->dict);
    zk_unref(o->s);
    o->s = NULL;
    Py_TYPE(self)->tp_free(self);
}

static PyObject *shape_repr(PyObject *self)
{
    CQShape *o = (CQShape *)self;
    return PyUnicode_FromFormat("<%s object at %p>", Py_TYPE(self)->tp_name,
                                (void *)o);
}

/* ------------------------------------------------------------------ properties */

static zk_shape *S(PyObject *self) { return ((CQShape *)self)->s; }

static double mass_of(zk_shape *s, int *ok)
{
    *ok = 1;
    switch (zk_shape_type(s)) {
    case ZK_EDGE:
    case ZK_WIRE: return zk_length(s);
    case ZK_FACE:
    case ZK_SHELL: return zk_area(s);
    case ZK_SOLID:
    case ZK_COMPSOLID:
    case ZK_COMPOUND: return zk_volume(s);
    default: *ok = 0; return 0.0;
    }
}

static PyObject *shape_Volume(PyObject *self, PyObject *unused)
{
    (void)unused;
    int ok;
    double m = mass_of(S(self), &ok);
    if (!ok) {
        PyErr_SetNone(PyExc_NotImplementedError);
        return NULL;
    }
    return PyFloat_FromDouble(m);
}

static PyObject *shape_Area(PyObject *self, PyObject *unused)
{
    (void)unused;
    return PyFloat_FromDouble(zk_area(S(self)));
}

static PyObject *shape_Center(PyObject *self, PyObject *unused)
{
    (void)unused;
    return cq_vector_new(cq_shape_center(S(self)));
}

static int bbox_of(zk_shape *s, PyObject *tol, double out[6])
{
    double t = 0.0;
    if (tol && tol != Py_None) {
        t = PyFloat_AsDouble(tol);
        if (t == -1.0 && PyErr_Occurred())
            return -1;
    }
    if (zk_bbox(s, t, 1, out) < 0) {
        cq_raise_kernel_error("BoundingBox");
        return -1;
    }
    return 0;
}

static PyObject *shape_BoundingBox(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"tolerance", NULL};
    PyObject *tol = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:BoundingBox", kwlist, &tol))
        return NULL;
    double b[6];
    if (bbox_of(S(self), tol, b) < 0)
        return NULL;
    return cq_boundbox_new(b);
}

static PyObject *shape_CenterOfBoundBox(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"tolerance", NULL};
    PyObject *tol = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:CenterOfBoundBox", kwlist, &tol))
        return NULL;
    double b[6];
    if (bbox_of(S(self), tol, b) < 0)
        return NULL;
    return cq_vector_new((zk_vec){(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2});
}

static PyObject *shape_isValid(PyObject *self, PyObject *unused)
{
    (void)unused;
    return PyBool_FromLong(zk_is_valid(S(self)) > 0);
}

static PyObject *shape_isNull(PyObject *self, PyObject *unused)
{
    (void)unused;
    return PyBool_FromLong(zk_is_null(S(self)));
}

static PyObject *shape_geomType(PyObject *self, PyObject *unused)
{
    (void)unused;
    const char *g = zk_geom_type(S(self));
    return PyUnicode_FromString(g ? g : "OTHER");
}

static const char *type_name(zk_type t)
{
    static const char *names[] = {"Compound", "CompSolid", "Solid", "Shell", "Face", "Wire", "Edge", "Vertex",
                                  "Shape"};
    return (t >= ZK_COMPOUND && t <= ZK_SHAPE) ? names[t] : "Shape";
}

static PyObject *shape_ShapeType(PyObject *self, PyObject *unused)
{
    (void)unused;
    return PyUnicode_FromString(type_name(zk_shape_type(S(self))));
}

static PyObject *shape_Closed(PyObject *self, PyObject *unused)
{
    (void)unused;
    zk_type t = zk_shape_type(S(self));
    if (t == ZK_EDGE || t == ZK_WIRE)
        return PyBool_FromLong(zk_curve_is_closed(S(self)) > 0);
    if (t == ZK_SOLID)
        Py_RETURN_TRUE;
    Py_RETURN_FALSE;
}

/* --- static helpers: computeMass, centerOfMass, CombinedCenter, CombinedCenterOfBoundBox */

static PyObject *shape_computeMass(PyObject *cls, PyObject *obj)
{
    (void)cls;
    zk_shape *s = cq_shape_get(obj);
    if (!s)
        return NULL;
    int ok;
    double m = mass_of(s, &ok);
    if (!ok) {
        PyErr_SetNone(PyExc_NotImplementedError);
        return NULL;
    }
    return PyFloat_FromDouble(m);
}

static PyObject *shape_centerOfMass(PyObject *cls, PyObject *obj)
{
    (void)cls;
    zk_shape *s = cq_shape_get(obj);
    if (!s)
        return NULL;
    return cq_vector_new(cq_shape_center(s));
}

static PyObject *shape_CombinedCenter(PyObject *cls, PyObject *objects)
{
    (void)cls;
    size_t n = 0;
    PyObject *keep = NULL;
    zk_shape **arr = cq_shapes_from_iterable(objects, &n, &keep);
    if (!arr)
        return NULL;
    double total = 0.0;
    zk_vec acc = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        int ok;
        double m = mass_of(arr[i], &ok);
        total += m;
        acc = zv_add(acc, zv_scale(cq_shape_center(arr[i]), m));
    }
    PyMem_Free(arr);
    Py_DECREF(keep);
    if (n == 0 || total == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    return cq_vector_new(zv_scale(acc, 1.0 / total));
}

static PyObject *shape_CombinedCenterOfBoundBox(PyObject *cls, PyObject *objects)
{
    (void)cls;
    size_t n = 0;
    PyObject *keep = NULL;
    zk_shape **arr = cq_shapes_from_iterable(objects, &n, &keep);
    if (!arr)
        return NULL;
    zk_vec acc = {0, 0, 0};
    int bad = 0;
    for (size_t i = 0; i < n && !bad; i++) {
        double b[6];
        if (zk_bbox(arr[i], 0.0, 1, b) < 0)
            bad = 1;
        else
            acc = zv_add(acc, (zk_vec){(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2});
    }
    PyMem_Free(arr);
    Py_DECREF(keep);
    if (bad)
        return cq_raise_kernel_error("BoundingBox");
    if (n == 0) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    return cq_vector_new(zv_scale(acc, 1.0 / (double)n));
}

/* ------------------------------------------------------------------ topology */

static PyObject *shape_Vertices(PyObject *self, PyObject *u) { (void)u; return cq_shape_explore(S(self), ZK_VERTEX); }
static PyObject *shape_Edges(PyObject *self, PyObject *u) { (void)u; return cq_shape_explore(S(self), ZK_EDGE); }
static PyObject *shape_Wires(PyObject *self, PyObject *u) { (void)u; return cq_shape_explore(S(self), ZK_WIRE); }
static PyObject *shape_Faces(PyObject *self, PyObject *u) { (void)u; return cq_shape_explore(S(self), ZK_FACE); }
static PyObject *shape_Shells(PyObject *self, PyObject *u) { (void)u; return cq_shape_explore(S(self), ZK_SHELL); }
static PyObject *shape_Solids(PyObject *self, PyObject *u) { (void)u; return cq_shape_explore(S(self), ZK_SOLID); }
static PyObject *shape_Compounds(PyObject *self, PyObject *u) { (void)u; return cq_shape_explore(S(self), ZK_COMPOUND); }
static PyObject *shape_CompSolids(PyObject *self, PyObject *u) { (void)u; return cq_shape_explore(S(self), ZK_COMPSOLID); }

/* A Compound of a list of wrapped shapes (new reference). */
PyObject *cq_compound_of_list(PyObject *list)
{
    size_t n = 0;
    PyObject *keep = NULL;
    zk_shape **arr = cq_shapes_from_iterable(list, &n, &keep);
    if (!arr)
        return NULL;
    zk_shape *c = zk_compound(arr, n);
    PyMem_Free(arr);
    Py_DECREF(keep);
    return cq_shape_wrap(c);
}

/* vertices(selector=None) & co: the sub-shapes (optionally filtered by a selector) as a Compound.
 * The selector machinery is cadquery.selectors' (called through Python so that this file does
 * not depend on the selectors' link-time symbols). */
static PyObject *filtered_compound(PyObject *self, PyObject *args, PyObject *kw, zk_type type)
{
    static char *kwlist[] = {"selector", NULL};
    PyObject *sel = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O", kwlist, &sel))
        return NULL;
    PyObject *items = cq_shape_explore(S(self), type);
    if (!items)
        return NULL;
    if (sel != Py_None) {
        PyObject *filtered = cq_select(items, sel);
        Py_DECREF(items);
        if (!filtered)
            return NULL;
        items = filtered;
    }
    /* current CadQuery: a single selected item is returned as itself, several as a Compound */
    PyObject *r = PyList_Check(items) && PyList_GET_SIZE(items) == 1 ? Py_NewRef(PyList_GET_ITEM(items, 0))
                                                                       : cq_compound_of_list(items);
    Py_DECREF(items);
    return r;
}

static PyObject *shape_vertices(PyObject *s, PyObject *a, PyObject *k) { return filtered_compound(s, a, k, ZK_VERTEX); }
static PyObject *shape_edges(PyObject *s, PyObject *a, PyObject *k) { return filtered_compound(s, a, k, ZK_EDGE); }
static PyObject *shape_wires(PyObject *s, PyObject *a, PyObject *k) { return filtered_compound(s, a, k, ZK_WIRE); }
static PyObject *shape_faces(PyObject *s, PyObject *a, PyObject *k) { return filtered_compound(s, a, k, ZK_FACE); }
static PyObject *shape_shells(PyObject *s, PyObject *a, PyObject *k) { return filtered_compound(s, a, k, ZK_SHELL); }
static PyObject *shape_solids(PyObject *s, PyObject *a, PyObject *k) { return filtered_compound(s, a, k, ZK_SOLID); }

static PyObject *shape_iter(PyObject *self)
{
    zk_shape **items = NULL;
    size_t n = 0;
    if (zk_children(S(self), &items, &n) < 0)
        return cq_raise_kernel_error("iterate");
    PyObject *l = cq_shape_list(items, n);
    if (!l)
        return NULL;
    PyObject *it = PyObject_GetIter(l);
    Py_DECREF(l);
    return it;
}

static PyObject *shape_ancestors(PyObject *self, PyObject *args)
{
    PyObject *sub;
    const char *kind;
    if (!PyArg_ParseTuple(args, "Os:ancestors", &sub, &kind))
        return NULL;
    zk_shape *ss = cq_shape_get(sub);
    if (!ss)
        return NULL;
    static const char *names[] = {"Compound", "CompSolid", "Solid", "Shell", "Face", "Wire", "Edge", "Vertex"};
    int t = -1;
    for (int i = 0; i < 8; i++)
        if (strcmp(kind, names[i]) == 0)
            t = i;
    if (t < 0) {
        PyErr_Format(PyExc_KeyError, "%s", kind);
        return NULL;
    }
    zk_shape **items = NULL;
    size_t n = 0;
    if (zk_ancestors(S(self), ss, (zk_type)t, &items, &n) < 0)
        return cq_raise_kernel_error("ancestors");
    PyObject *l = cq_shape_list(items, n);
    if (!l)
        return NULL;
    PyObject *c = cq_compound_of_list(l);
    Py_DECREF(l);
    return c;
}

/* ------------------------------------------------------------------ identity */

static PyObject *shape_isSame(PyObject *self, PyObject *other)
{
    zk_shape *o = cq_shape_get(other);
    if (!o)
        return NULL;
    return PyBool_FromLong(zk_is_same(S(self), o));
}

static PyObject *shape_isEqual(PyObject *self, PyObject *other)
{
    zk_shape *o = cq_shape_get(other);
    if (!o)
        return NULL;
    return PyBool_FromLong(zk_is_equal(S(self), o));
}

static long hash_value(PyObject *self)
{
    return (long)(zk_hash(S(self)) % 2147483647ULL);
}

static PyObject *shape_hashCode(PyObject *self, PyObject *unused)
{
    (void)unused;
    return PyLong_FromLong(hash_value(self));
}

static Py_hash_t shape_tp_hash(PyObject *self)
{
    Py_hash_t h = (Py_hash_t)hash_value(self);
    return h == -1 ? -2 : h;
}

static PyObject *shape_richcompare(PyObject *a, PyObject *b, int op)
{
    if (op != Py_EQ && op != Py_NE)
        Py_RETURN_NOTIMPLEMENTED;
    int eq = cq_shape_check(a) && cq_shape_check(b) && zk_is_same(S(a), S(b));
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

/* ------------------------------------------------------------------ transforms */

static PyObject *shape_translate(PyObject *self, PyObject *arg)
{
    zk_vec v;
    if (cq_vector_from_obj(arg, &v) < 0)
        return NULL;
    return cq_shape_wrap(zk_translated(S(self), v));
}

static PyObject *shape_rotate(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"startVector", "endVector", "angleDegrees", NULL};
    PyObject *a, *b;
    double ang;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOd:rotate", kwlist, &a, &b, &ang))
        return NULL;
    zk_vec p, q;
    if (cq_vector_from_obj(a, &p) < 0 || cq_vector_from_obj(b, &q) < 0)
        return NULL;
    zk_vec d = zv_sub(q, p);
    if (zv_len(d) <= 1e-290)
        return cq_raise_occt("Standard_ConstructionError", "gp_Dir() - input vector has zero norm");
    return cq_shape_wrap(zk_rotated(S(self), p, d, ang * M_PI / 180.0));
}

static PyObject *shape_scale(PyObject *self, PyObject *arg)
{
    double f = PyFloat_AsDouble(arg);
    if (f == -1.0 && PyErr_Occurred())
        return NULL;
    return cq_shape_wrap(zk_scaled(S(self), (zk_vec){0, 0, 0}, f));
}

/* Normal of a mirror plane given as "XY"/"YX"/"XZ"/"ZX"/"YZ"/"ZY" or a vector. */
int cq_mirror_normal(PyObject *plane, zk_vec *n)
{
    if (PyUnicode_Check(plane)) {
        const char *s = PyUnicode_AsUTF8(plane);
        if (!strcmp(s, "XY") || !strcmp(s, "YX"))
            *n = (zk_vec){0, 0, 1};
        else if (!strcmp(s, "XZ") || !strcmp(s, "ZX"))
            *n = (zk_vec){0, 1, 0};
        else if (!strcmp(s, "YZ") || !strcmp(s, "ZY"))
            *n = (zk_vec){1, 0, 0};
        else {
            PyErr_Format(PyExc_ValueError, "Invalid mirror plane: %s", s);
            return -1;
        }
        return 0;
    }
    return cq_vector_from_obj(plane, n);
}

static PyObject *shape_mirror(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"mirrorPlane", "basePointVector", NULL};
    PyObject *plane = NULL, *base = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OO:mirror", kwlist, &plane, &base))
        return NULL;
    zk_vec n = {0, 0, 1}, p = {0, 0, 0};
    if (plane && cq_mirror_normal(plane, &n) < 0)
        return NULL;
    if (base && cq_vector_from_obj(base, &p) < 0)
        return NULL;
    return cq_shape_wrap(zk_mirrored(S(self), p, n));
}

static PyObject *shape_copy(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"mesh", NULL};
    int mesh = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|p:copy", kwlist, &mesh))
        return NULL;
    return cq_shape_wrap_like(zk_copy(S(self)), self);
}

static PyObject *shape_deepcopy(PyObject *self, PyObject *memo)
{
    (void)memo;
    PyObject *r = cq_shape_wrap(zk_copy(S(self)));
    CQShape *src = (CQShape *)self;
    if (r && src->dict) {
        PyObject *d = PyDict_Copy(src->dict);
        if (!d) {
            Py_DECREF(r);
            return NULL;
        }
        ((CQShape *)r)->dict = d;
    }
    return r;
}

static PyObject *shape_transformShape(PyObject *self, PyObject *m)
{
    zk_trsf t;
    if (cq_matrix_get(m, &t) < 0)
        return NULL;
    return cq_shape_wrap_like(zk_transformed(S(self), &t), self);
}

static PyObject *shape_transformGeometry(PyObject *self, PyObject *m)
{
    zk_trsf t;
    if (cq_matrix_get(m, &t) < 0)
        return NULL;
    return cq_shape_wrap_like(zk_general_transformed(S(self), &t), self);
}

static PyObject *shape_location(PyObject *self, PyObject *unused)
{
    (void)unused;
    zk_trsf t;
    if (zk_location(S(self), &t) < 0)
        return cq_raise_kernel_error("location");
    return cq_location_new(&t);
}

/* Replaces the wrapped handle (locate/move mutate the Python object, as CadQuery does). */
static PyObject *replace_handle(PyObject *self, zk_shape *ns)
{
    if (!ns)
        return cq_raise_kernel_error(NULL);
    zk_unref(((CQShape *)self)->s);
    ((CQShape *)self)->s = ns;
    Py_INCREF(self);
    return self;
}

static PyObject *shape_locate(PyObject *self, PyObject *loc)
{
    zk_trsf t;
    if (cq_location_get(loc, &t) < 0)
        return NULL;
    return replace_handle(self, zk_located(S(self), &t));
}

static PyObject *shape_move(PyObject *self, PyObject *loc)
{
    zk_trsf t;
    if (cq_location_get(loc, &t) < 0)
        return NULL;
    return replace_handle(self, zk_moved(S(self), &t));
}

static PyObject *shape_located(PyObject *self, PyObject *loc)
{
    zk_trsf t;
    if (cq_location_get(loc, &t) < 0)
        return NULL;
    return cq_shape_wrap_like(zk_located(S(self), &t), self);
}

/* ------------------------------------------------------------------ booleans */

static int parse_tol(PyObject *kw, const char *name, double *out)
{
    *out = 0.0;
    if (!kw)
        return 0;
    PyObject *v = PyDict_GetItemString(kw, name);
    if (!v || v == Py_None)
        return 0;
    *out = PyFloat_AsDouble(v);
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

static int check_kwargs(PyObject *kw, const char *const *allowed, const char *fn)
{
    if (!kw)
        return 0;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(kw, &pos, &key, &value)) {
        const char *k = PyUnicode_AsUTF8(key);
        int ok = 0;
        for (int i = 0; allowed[i]; i++)
            if (k && strcmp(k, allowed[i]) == 0)
                ok = 1;
        if (!ok) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%s'", fn, k ? k : "?");
            return -1;
        }
    }
    return 0;
}

typedef enum { OP_FUSE, OP_CUT, OP_COMMON, OP_SPLIT } bool_op;

/* obj op tools; for a Compound receiver of fuse, CadQuery uses its children as the arguments. */
static PyObject *do_bool(zk_shape *obj, zk_shape **tools, size_t n, bool_op op, int glue, double tol)
{
    zk_shape *r = NULL;
    switch (op) {
    case OP_FUSE: r = zk_fuse(obj, tools, n, glue, tol); break;
    case OP_CUT: r = zk_cut(obj, tools, n, tol); break;
    case OP_COMMON: r = zk_common(obj, tools, n, tol); break;
    case OP_SPLIT: r = zk_split(obj, tools, n); break;
    }
    return cq_shape_wrap(r);
}

static PyObject *bool_method(PyObject *self, PyObject *args, PyObject *kw, bool_op op, const char *fn)
{
    static const char *const fuse_kw[] = {"glue", "tol", NULL};
    static const char *const tol_kw[] = {"tol", NULL};
    static const char *const none_kw[] = {NULL};
    const char *const *allowed = op == OP_FUSE ? fuse_kw : op == OP_SPLIT ? none_kw : tol_kw;
    if (check_kwargs(kw, allowed, fn) < 0)
        return NULL;
    double tol;
    if (parse_tol(kw, "tol", &tol) < 0)
        return NULL;
    int glue = 0;
    if (kw && PyDict_GetItemString(kw, "glue")) {
        glue = PyObject_IsTrue(PyDict_GetItemString(kw, "glue"));
        if (glue < 0)
            return NULL;
    }
    size_t n = 0;
    PyObject *keep = NULL;
    zk_shape **tools = cq_shapes_from_iterable(args, &n, &keep);
    if (!tools)
        return NULL;
    PyObject *r;
    if (op == OP_FUSE && zk_shape_type(S(self)) == ZK_COMPOUND) {
        /* Compound.fuse: tuple(self) + toFuse, the first fused with the rest */
        zk_shape **kids = NULL;
        size_t nk = 0;
        if (zk_children(S(self), &kids, &nk) < 0) {
            r = cq_raise_kernel_error("fuse");
        } else {
            zk_shape **all = PyMem_Calloc(nk + n + 1, sizeof(zk_shape *));
            for (size_t i = 0; all && i < nk; i++)
                all[i] = kids[i];
            for (size_t i = 0; all && i < n; i++)
                all[nk + i] = tools[i];
            if (!all)
                r = PyErr_NoMemory();
            else if (nk + n == 0)
                r = cq_shape_wrap(zk_ref(S(self)));
            else if (nk + n == 1)
                r = cq_shape_wrap(zk_ref(all[0]));
            else
                r = do_bool(all[0], all + 1, nk + n - 1, OP_FUSE, glue, tol);
            PyMem_Free(all);
            zk_free_list(kids, nk);
        }
    } else {
        r = do_bool(S(self), tools, n, op, glue, tol);
    }
    PyMem_Free(tools);
    Py_DECREF(keep);
    return r;
}

static PyObject *shape_fuse(PyObject *s, PyObject *a, PyObject *k) { return bool_method(s, a, k, OP_FUSE, "fuse"); }
static PyObject *shape_cut(PyObject *s, PyObject *a, PyObject *k) { return bool_method(s, a, k, OP_CUT, "cut"); }
static PyObject *shape_intersect(PyObject *s, PyObject *a, PyObject *k) { return bool_method(s, a, k, OP_COMMON, "intersect"); }
static PyObject *shape_split(PyObject *s, PyObject *a, PyObject *k) { return bool_method(s, a, k, OP_SPLIT, "split"); }

static PyObject *shape_clean(PyObject *self, PyObject *unused)
{
    (void)unused;
    return cq_shape_wrap(zk_clean(S(self)));
}

static PyObject *shape_fix(PyObject *self, PyObject *unused)
{
    (void)unused;
    if (zk_is_valid(S(self)) > 0) {
        Py_INCREF(self);
        return self;
    }
    return cq_shape_wrap(zk_fix(S(self)));
}

static PyObject *shape_distance(PyObject *self, PyObject *other)
{
    zk_shape *o = cq_shape_get(other);
    if (!o)
        return NULL;
    double d = zk_distance(S(self), o);
    if (d < 0)
        return cq_raise_kernel_error("distance");
    return PyFloat_FromDouble(d);
}

static PyObject *shape_distances(PyObject *self, PyObject *args)
{
    PyObject *l = PyList_New(0);
    for (Py_ssize_t i = 0; l && i < PyTuple_GET_SIZE(args); i++) {
        PyObject *d = shape_distance(self, PyTuple_GET_ITEM(args, i));
        if (!d || PyList_Append(l, d) < 0)
            Py_CLEAR(l);
        Py_XDECREF(d);
    }
    if (!l)
        return NULL;
    PyObject *it = PyObject_GetIter(l);
    Py_DECREF(l);
    return it;
}

static void capsule_free(PyObject *cap)
{
    zk_unref((zk_shape *)PyCapsule_GetPointer(cap, "zerocad.zk_shape"));
}

/* `wrapped`: an opaque handle (a capsule holding a reference to the kernel shape). */
static PyObject *shape_get_wrapped(PyObject *self, void *closure)
{
    (void)closure;
    return PyCapsule_New(zk_ref(S(self)), "zerocad.zk_shape", capsule_free);
}

static PyMethodDef shape_methods[] = {
    {"Volume", shape_Volume, METH_NOARGS, "volume (length of edges, area of faces)"},
    {"Area", shape_Area, METH_NOARGS, "surface area"},
    {"Center", shape_Center, METH_NOARGS, "centre of mass"},
    {"CenterOfBoundBox", (PyCFunction)(void (*)(void))shape_CenterOfBoundBox, METH_VARARGS | METH_KEYWORDS,
     "centre of the bounding box"},
    {"BoundingBox", (PyCFunction)(void (*)(void))shape_BoundingBox, METH_VARARGS | METH_KEYWORDS,
     "BoundBox of the shape"},
    {"isValid", shape_isValid, METH_NOARGS, "BRepCheck_Analyzer"},
    {"isNull", shape_isNull, METH_NOARGS, "null shape?"},
    {"geomType", shape_geomType, METH_NOARGS, "geometry type name"},
    {"ShapeType", shape_ShapeType, METH_NOARGS, "topology type name"},
    {"Closed", shape_Closed, METH_NOARGS, "closedness flag"},
    {"computeMass", shape_computeMass, METH_O | METH_STATIC, "mass by dimension"},
    {"centerOfMass", shape_centerOfMass, METH_O | METH_STATIC, "centre of mass"},
    {"CombinedCenter", shape_CombinedCenter, METH_O | METH_STATIC, "mass-weighted centre"},
    {"CombinedCenterOfBoundBox", shape_CombinedCenterOfBoundBox, METH_O | METH_STATIC, "mean bbox centre"},
    {"Vertices", shape_Vertices, METH_NOARGS, "unique vertices"},
    {"Edges", shape_Edges, METH_NOARGS, "unique edges"},
    {"Wires", shape_Wires, METH_NOARGS, "unique wires"},
    {"Faces", shape_Faces, METH_NOARGS, "unique faces"},
    {"Shells", shape_Shells, METH_NOARGS, "unique shells"},
    {"Solids", shape_Solids, METH_NOARGS, "unique solids"},
    {"Compounds", shape_Compounds, METH_NOARGS, "unique compounds"},
    {"CompSolids", shape_CompSolids, METH_NOARGS, "unique compsolids"},
    {"vertices", (PyCFunction)(void (*)(void))shape_vertices, METH_VARARGS | METH_KEYWORDS, "selected vertices"},
    {"edges", (PyCFunction)(void (*)(void))shape_edges, METH_VARARGS | METH_KEYWORDS, "selected edges"},
    {"wires", (PyCFunction)(void (*)(void))shape_wires, METH_VARARGS | METH_KEYWORDS, "selected wires"},
    {"faces", (PyCFunction)(void (*)(void))shape_faces, METH_VARARGS | METH_KEYWORDS, "selected faces"},
    {"shells", (PyCFunction)(void (*)(void))shape_shells, METH_VARARGS | METH_KEYWORDS, "selected shells"},
    {"solids", (PyCFunction)(void (*)(void))shape_solids, METH_VARARGS | METH_KEYWORDS, "selected solids"},
    {"ancestors", shape_ancestors, METH_VARARGS, "ancestors of a sub-shape, as a Compound"},
    {"isSame", shape_isSame, METH_O, "same TShape and location"},
    {"isEqual", shape_isEqual, METH_O, "same TShape, location and orientation"},
    {"hashCode", shape_hashCode, METH_NOARGS, "hash of TShape and location"},
    {"translate", shape_translate, METH_O, "translated copy"},
    {"rotate", (PyCFunction)(void (*)(void))shape_rotate, METH_VARARGS | METH_KEYWORDS, "rotated copy"},
    {"scale", shape_scale, METH_O, "copy scaled about the origin"},
    {"mirror", (PyCFunction)(void (*)(void))shape_mirror, METH_VARARGS | METH_KEYWORDS, "mirrored copy"},
    {"copy", (PyCFunction)(void (*)(void))shape_copy, METH_VARARGS | METH_KEYWORDS, "deep copy"},
    {"__copy__", (PyCFunction)(void (*)(void))shape_copy, METH_VARARGS | METH_KEYWORDS, "copy"},
    {"__deepcopy__", shape_deepcopy, METH_O, "copy"},
    {"transformShape", shape_transformShape, METH_O, "copy transformed by a Matrix"},
    {"transformGeometry", shape_transformGeometry, METH_O, "copy transformed by a general Matrix"},
    {"location", shape_location, METH_NOARGS, "the shape's Location"},
    {"locate", shape_locate, METH_O, "set the location (in place)"},
    {"located", shape_located, METH_O, "copy with the location set"},
    {"move", shape_move, METH_O, "apply a relative location (in place)"},
    {"moved", (PyCFunction)(void (*)(void))cq_shape_moved, METH_VARARGS | METH_KEYWORDS,
     "moved(loc | loc1, loc2... | [locs] | x=, y=, z=, rx=, ry=, rz= | vector): a moved copy"},
    {"fuse", (PyCFunction)(void (*)(void))shape_fuse, METH_VARARGS | METH_KEYWORDS, "boolean union"},
    {"cut", (PyCFunction)(void (*)(void))shape_cut, METH_VARARGS | METH_KEYWORDS, "boolean difference"},
    {"intersect", (PyCFunction)(void (*)(void))shape_intersect, METH_VARARGS | METH_KEYWORDS, "boolean common"},
    {"split", (PyCFunction)(void (*)(void))shape_split, METH_VARARGS | METH_KEYWORDS, "split by tools"},
    {"clean", shape_clean, METH_NOARGS, "unify same-domain faces and edges"},
    {"fix", shape_fix, METH_NOARGS, "ShapeFix when invalid"},
    {"distance", shape_distance, METH_O, "minimal distance to another shape"},
    {"distances", shape_distances, METH_VARARGS, "distances to other shapes"},
    {"exportStl", (PyCFunction)(void (*)(void))cq_shape_exportStl, METH_VARARGS | METH_KEYWORDS, "write STL"},
    {"exportStep", (PyCFunction)(void (*)(void))cq_shape_exportStep, METH_VARARGS | METH_KEYWORDS, "write STEP"},
    {"exportBrep", cq_shape_exportBrep, METH_O, "write BREP"},
    {NULL, NULL, 0, NULL}
};

static PyGetSetDef shape_getset[] = {
    {"wrapped", shape_get_wrapped, NULL, "opaque kernel handle", NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, "instance attributes", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static int compound_bool(PyObject *self)
{
    zk_shape **kids = NULL;
    size_t n = 0;
    if (zk_children(S(self), &kids, &n) < 0)
        return 0;
    zk_free_list(kids, n);
    return n > 0;
}

static PyNumberMethods compound_as_number = {
    .nb_bool = compound_bool,
};

#define SHAPE_FLAGS (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC)
/* subclasses inherit the GC flag and the traverse/clear functions from Shape */
#define SUB_FLAGS (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE)

PyTypeObject CQShapeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.shapes.Shape",
    .tp_basicsize = sizeof(CQShape),
    .tp_flags = SHAPE_FLAGS,
    .tp_doc = "Represents a shape in the system.",
    .tp_new = shape_tp_new,
    .tp_dealloc = shape_dealloc,
    .tp_traverse = shape_traverse,
    .tp_clear = shape_clear,
    .tp_repr = shape_repr,
    .tp_hash = shape_tp_hash,
    .tp_richcompare = shape_richcompare,
    .tp_iter = shape_iter,
    .tp_as_number = &cq_shape_as_number,   /* + - * / & | % (shapes_ops.c) */
    .tp_as_mapping = &cq_shape_as_mapping, /* children by index (shapes_edit.c) */
    .tp_methods = shape_methods,
    .tp_getset = shape_getset,
    .tp_dictoffset = offsetof(CQShape, dict),
    .tp_weaklistoffset = offsetof(CQShape, weakreflist),
};

PyTypeObject CQMixin1DType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.shapes.Mixin1D",
    .tp_basicsize = sizeof(CQShape),
    .tp_flags = SUB_FLAGS,
    .tp_doc = "Curve queries shared by Edge and Wire.",
};
PyTypeObject CQSolidType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.shapes.Solid",
    .tp_basicsize = sizeof(CQShape),
    .tp_flags = SUB_FLAGS,
    .tp_doc = "a single solid",
};
PyTypeObject CQCompoundType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.shapes.Compound",
    .tp_basicsize = sizeof(CQShape),
    .tp_flags = SUB_FLAGS,
    .tp_doc = "a collection of disconnected solids",
    .tp_as_number = &compound_as_number,
};
PyTypeObject CQCompSolidType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.shapes.CompSolid",
    .tp_basicsize = sizeof(CQShape),
    .tp_flags = SUB_FLAGS,
    .tp_doc = "a single compsolid",
};
PyTypeObject CQShellType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.shapes.Shell",
    .tp_basicsize = sizeof(CQShape),
    .tp_flags = SUB_FLAGS,
    .tp_doc = "the outer boundary of a surface",
};
PyTypeObject CQFaceType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.shapes.Face",
    .tp_basicsize = sizeof(CQShape),
    .tp_flags = SUB_FLAGS,
    .tp_doc = "a bounded surface that represents part of the boundary of a solid",
};
PyTypeObject CQWireType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.shapes.Wire",
    .tp_basicsize = sizeof(CQShape),
    .tp_flags = SUB_FLAGS,
    .tp_doc = "A series of connected, ordered Edges, that typically bounds a Face",
};
PyTypeObject CQEdgeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.shapes.Edge",
    .tp_basicsize = sizeof(CQShape),
    .tp_flags = SUB_FLAGS,
    .tp_doc = "A trimmed curve that represents the border of a face",
};
PyTypeObject CQVertexType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.shapes.Vertex",
    .tp_basicsize = sizeof(CQShape),
    .tp_flags = SUB_FLAGS,
    .tp_doc = "A Single Point in Space",
};

static int ready_sub(PyTypeObject *t, PyTypeObject *base, PyMethodDef *methods, PyGetSetDef *getset)
{
    t->tp_base = base;
    t->tp_methods = methods;
    t->tp_getset = getset;
    return PyType_Ready(t);
}

static int add(PyObject *module, const char *name, PyTypeObject *t)
{
    Py_INCREF(t);
    if (PyModule_AddObject(module, name, (PyObject *)t) < 0) {
        Py_DECREF(t);
        return -1;
    }
    return 0;
}

int cq_shapes_init(PyObject *module)
{
    if (PyType_Ready(&CQShapeType) < 0 || cq_add_methods(&CQShapeType, cq_shape_extra_methods) < 0)
        return -1;
    /* class-level defaults of the instance attributes CadQuery sets in Shape.__init__ */
    if (PyDict_SetItemString(CQShapeType.tp_dict, "forConstruction", Py_False) < 0)
        return -1;
    PyObject *empty = PyUnicode_FromString("");
    if (!empty || PyDict_SetItemString(CQShapeType.tp_dict, "label", empty) < 0) {
        Py_XDECREF(empty);
        return -1;
    }
    Py_DECREF(empty);
    PyType_Modified(&CQShapeType);
    if (ready_sub(&CQMixin1DType, &CQShapeType, cq_mixin1d_methods, NULL) < 0 ||
        ready_sub(&CQSolidType, &CQShapeType, cq_solid_methods, NULL) < 0 ||
        ready_sub(&CQCompoundType, &CQShapeType, cq_compound_methods, NULL) < 0 ||
        ready_sub(&CQCompSolidType, &CQShapeType, cq_solid_methods, NULL) < 0 ||
        ready_sub(&CQShellType, &CQShapeType, cq_shell_methods, NULL) < 0 ||
        ready_sub(&CQFaceType, &CQShapeType, cq_face_methods, NULL) < 0 ||
        ready_sub(&CQWireType, &CQMixin1DType, cq_wire_methods, NULL) < 0 ||
        ready_sub(&CQEdgeType, &CQMixin1DType, cq_edge_methods, NULL) < 0 ||
        ready_sub(&CQVertexType, &CQShapeType, cq_vertex_methods, cq_vertex_getset) < 0)
        return -1;
    if (cq_add_methods(&CQShapeType, cq_shape_edit_methods) < 0 ||
        cq_add_methods(&CQMixin1DType, cq_m1d_param_methods) < 0 ||
        cq_add_methods(&CQEdgeType, cq_edge_param_methods) < 0 ||
        cq_add_methods(&CQFaceType, cq_face_param_methods) < 0 ||
        cq_add_methods(&CQSolidType, cq_solid_edit_methods) < 0 ||
        cq_add_methods(&CQShapeType, cq_shape_more_methods) < 0 ||
        cq_add_methods(&CQWireType, cq_wire_more_methods) < 0 ||
        cq_add_methods(&CQEdgeType, cq_edge_more_methods) < 0 ||
        cq_add_methods(&CQShapeType, cq_shape_mesh_methods) < 0 ||
        cq_add_methods(&CQWireType, cq_wire_fillet_methods) < 0)
        return -1;
    if (add(module, "Shape", &CQShapeType) < 0 || add(module, "Mixin1D", &CQMixin1DType) < 0 ||
        add(module, "Solid", &CQSolidType) < 0 || add(module, "Compound", &CQCompoundType) < 0 ||
        add(module, "CompSolid", &CQCompSolidType) < 0 || add(module, "Shell", &CQShellType) < 0 ||
        add(module, "Face", &CQFaceType) < 0 || add(module, "Wire", &CQWireType) < 0 ||
        add(module, "Edge", &CQEdgeType) < 0 || add(module, "Vertex", &CQVertexType) < 0)
        return -1;
    return 0;
}
