/* geom_plane.c: cadquery.Plane, a 2D coordinate system in space (CadQuery 2.4 geom.Plane):
 * the named planes, Plane(origin, xDir=None, normal=(0,0,1)) with OCCT's gp_Ax3 default X
 * direction, local/world conversions, rotated(), setOrigin2d, location, equality. */
#include "cq_internal.h"

#include <math.h>
#include <string.h>

typedef struct { const char *name; zk_vec xdir, normal; } named_plane;

static const named_plane NAMED[] = {
    {"XY", {1, 0, 0}, {0, 0, 1}},     {"YZ", {0, 1, 0}, {1, 0, 0}},    {"ZX", {0, 0, 1}, {0, 1, 0}},
    {"XZ", {1, 0, 0}, {0, -1, 0}},    {"YX", {0, 1, 0}, {0, 0, -1}},   {"ZY", {0, 0, 1}, {-1, 0, 0}},
    {"front", {1, 0, 0}, {0, 0, 1}},  {"back", {-1, 0, 0}, {0, 0, -1}}, {"left", {0, 0, 1}, {-1, 0, 0}},
    {"right", {0, 0, -1}, {1, 0, 0}}, {"top", {1, 0, 0}, {0, 1, 0}},   {"bottom", {1, 0, 0}, {0, -1, 0}},
};
#define N_NAMED (sizeof(NAMED) / sizeof(NAMED[0]))

/* Fills the frame of a plane; 0, or -1 with ValueError / Standard_ConstructionError.
 * xdir (0,0,0) means "pick gp_Ax3's default X direction for the normal". */
static int plane_frame(CQPlane *pl, zk_vec origin, zk_vec xdir, zk_vec normal, int xdir_given)
{
    if (zv_len(normal) == 0.0) {
        PyErr_SetString(PyExc_ValueError, "normal should be non null");
        return -1;
    }
    zk_vec z = zv_normalized(normal);
    zk_vec x;
    if (!xdir_given || zv_len(xdir) == 0.0) {
        if (xdir_given) {
            PyErr_SetString(PyExc_ValueError, "xDir should be non null");
            return -1;
        }
        x = cq_default_xdir(z);
    } else {
        x = zv_normalized(xdir);
    }
    zk_vec y = zv_cross(z, x);
    if (zv_len(y) <= 1e-12) {
        cq_raise_occt("Standard_ConstructionError", "gp_Vec::Normalized() - vector has zero norm");
        return -1;
    }
    y = zv_normalized(y);
    pl->origin = origin;
    pl->zDir = z;
    pl->xDir = zv_cross(y, z);   /* gp_Ax3 projects xDir onto the plane */
    pl->yDir = y;
    return 0;
}

static PyObject *plane_alloc(PyTypeObject *type, const CQPlane *src)
{
    CQPlane *o = (CQPlane *)type->tp_alloc(type, 0);
    if (!o)
        return NULL;
    o->origin = src->origin;
    o->xDir = src->xDir;
    o->yDir = src->yDir;
    o->zDir = src->zDir;
    return (PyObject *)o;
}

PyObject *cq_plane_new(zk_vec origin, zk_vec xdir, zk_vec normal)
{
    CQPlane tmp;
    if (plane_frame(&tmp, origin, xdir, normal, zv_len(xdir) != 0.0) < 0)
        return NULL;
    return plane_alloc(&CQPlaneType, &tmp);
}

static const named_plane *find_named(const char *name)
{
    for (size_t i = 0; i < N_NAMED; i++)
        if (strcmp(NAMED[i].name, name) == 0)
            return &NAMED[i];
    return NULL;
}

static void raise_unknown_name(void)
{
    PyErr_SetString(PyExc_ValueError, "Supported names are ['XY', 'YZ', 'ZX', 'XZ', 'YX', 'ZY', 'front', "
                                      "'back', 'left', 'right', 'top', 'bottom']");
}

PyObject *cq_plane_named(const char *name, zk_vec origin)
{
    const named_plane *np = find_named(name);
    if (!np) {
        raise_unknown_name();
        return NULL;
    }
    return cq_plane_new(origin, np->xdir, np->normal);
}

int cq_plane_from_obj(PyObject *o, CQPlane *out)
{
    if (PyObject_TypeCheck(o, &CQPlaneType)) {
        CQPlane *p = (CQPlane *)o;
        out->origin = p->origin;
        out->xDir = p->xDir;
        out->yDir = p->yDir;
        out->zDir = p->zDir;
        return 0;
    }
    if (PyUnicode_Check(o)) {
        const named_plane *np = find_named(PyUnicode_AsUTF8(o));
        if (!np) {
            raise_unknown_name();
            return -1;
        }
        return plane_frame(out, (zk_vec){0, 0, 0}, np->xdir, np->normal, 1);
    }
    PyErr_Format(PyExc_TypeError, "expected a Plane or a plane name, got %.100s", Py_TYPE(o)->tp_name);
    return -1;
}

zk_vec cq_plane_to_world(const CQPlane *pl, zk_vec l)
{
    return zv_add(pl->origin,
                  zv_add(zv_scale(pl->xDir, l.x), zv_add(zv_scale(pl->yDir, l.y), zv_scale(pl->zDir, l.z))));
}

zk_vec cq_plane_to_local(const CQPlane *pl, zk_vec w)
{
    zk_vec d = zv_sub(w, pl->origin);
    return (zk_vec){zv_dot(d, pl->xDir), zv_dot(d, pl->yDir), zv_dot(d, pl->zDir)};
}

void cq_plane_trsf(const CQPlane *pl, zk_trsf *t)
{
    zt_frame(t, pl->origin, pl->xDir, pl->yDir, pl->zDir);
}

/* ---------------------------------------------------------------- Python side */

static PyObject *plane_tp_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"origin", "xDir", "normal", NULL};
    PyObject *origin = NULL, *xdir = Py_None, *normal = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OO:Plane", kwlist, &origin, &xdir, &normal))
        return NULL;
    CQPlane tmp;
    if (PyObject_TypeCheck(origin, &CQLocationType) && xdir == Py_None && !normal) {
        const zk_trsf *t = &((CQLocation *)origin)->t;   /* [2.5+] Plane(Location) */
        zk_vec o = {t->m[0][3], t->m[1][3], t->m[2][3]};
        zk_vec x = {t->m[0][0], t->m[1][0], t->m[2][0]};
        zk_vec z = {t->m[0][2], t->m[1][2], t->m[2][2]};
        if (plane_frame(&tmp, o, x, z, 1) < 0)
            return NULL;
        return plane_alloc(type, &tmp);
    }
    zk_vec o, x = {0, 0, 0}, n = {0, 0, 1};
    if (cq_vector_from_obj(origin, &o) < 0)
        return NULL;
    if (xdir != Py_None && cq_vector_from_obj(xdir, &x) < 0)
        return NULL;
    if (normal && cq_vector_from_obj(normal, &n) < 0)
        return NULL;
    if (plane_frame(&tmp, o, x, n, xdir != Py_None) < 0)
        return NULL;
    return plane_alloc(type, &tmp);
}

static PyObject *plane_named(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"stdName", "origin", NULL};
    const char *name;
    PyObject *origin = NULL;
    zk_vec o = {0, 0, 0};
    if (!PyArg_ParseTupleAndKeywords(args, kw, "s|O:named", kwlist, &name, &origin))
        return NULL;
    if (origin && cq_vector_from_obj(origin, &o) < 0)
        return NULL;
    const named_plane *np = find_named(name);
    if (!np) {
        raise_unknown_name();
        return NULL;
    }
    CQPlane tmp;
    if (plane_frame(&tmp, o, np->xdir, np->normal, 1) < 0)
        return NULL;
    return plane_alloc((PyTypeObject *)cls, &tmp);
}

/* Plane.XY(origin=(0,0,0), xDir=<the named plane's>) and its eleven siblings. */
static PyObject *plane_named_cm(PyObject *cls, PyObject *args, PyObject *kw, const char *name)
{
    static char *kwlist[] = {"origin", "xDir", NULL};
    PyObject *origin = NULL, *xdir = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OO", kwlist, &origin, &xdir))
        return NULL;
    const named_plane *np = find_named(name);
    zk_vec o = {0, 0, 0}, x = np->xdir;
    if (origin && cq_vector_from_obj(origin, &o) < 0)
        return NULL;
    if (xdir && cq_vector_from_obj(xdir, &x) < 0)
        return NULL;
    CQPlane tmp;
    if (plane_frame(&tmp, o, x, np->normal, 1) < 0)
        return NULL;
    return plane_alloc((PyTypeObject *)cls, &tmp);
}

static PyObject *plane_cm_XY(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "XY"); }
static PyObject *plane_cm_YZ(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "YZ"); }
static PyObject *plane_cm_ZX(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "ZX"); }
static PyObject *plane_cm_XZ(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "XZ"); }
static PyObject *plane_cm_YX(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "YX"); }
static PyObject *plane_cm_ZY(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "ZY"); }
static PyObject *plane_cm_front(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "front"); }
static PyObject *plane_cm_back(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "back"); }
static PyObject *plane_cm_left(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "left"); }
static PyObject *plane_cm_right(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "right"); }
static PyObject *plane_cm_top(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "top"); }
static PyObject *plane_cm_bottom(PyObject *c, PyObject *a, PyObject *k) { return plane_named_cm(c, a, k, "bottom"); }

static PyObject *plane_toWorldCoords(PyObject *self, PyObject *pt)
{
    zk_vec v;
    if (cq_vector_from_obj(pt, &v) < 0)
        return NULL;
    return cq_vector_new(cq_plane_to_world((CQPlane *)self, v));
}

static PyObject *plane_toLocalCoords(PyObject *self, PyObject *obj)
{
    CQPlane *pl = (CQPlane *)self;
    if (PyObject_TypeCheck(obj, &CQVectorType)) {
        CQVector *v = (CQVector *)obj;
        return cq_vector_new(cq_plane_to_local(pl, (zk_vec){v->x, v->y, v->z}));
    }
    if (cq_shape_check(obj)) {
        zk_trsf t, inv;
        cq_plane_trsf(pl, &t);
        zt_inverse(&t, &inv);
        return cq_shape_wrap(zk_transformed(cq_shape_get(obj), &inv));
    }
    PyErr_Format(PyExc_ValueError, "Don't know how to convert type %R to local coordinates",
                 (PyObject *)Py_TYPE(obj));
    return NULL;
}

static PyObject *plane_setOrigin2d(PyObject *self, PyObject *args)
{
    double x, y;
    if (!PyArg_ParseTuple(args, "dd:setOrigin2d", &x, &y))
        return NULL;
    CQPlane *pl = (CQPlane *)self;
    pl->origin = cq_plane_to_world(pl, (zk_vec){x, y, 0});
    Py_RETURN_NONE;
}

static PyObject *plane_rotated(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"rotate", NULL};
    PyObject *rot = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:rotated", kwlist, &rot))
        return NULL;
    zk_vec r = {0, 0, 0};
    if (rot && cq_vector_from_obj(rot, &r) < 0)
        return NULL;
    CQPlane *pl = (CQPlane *)self;
    double d2r = M_PI / 180.0;
    zk_trsf t1, t2, t3, t12, t;
    zt_rotation(&t1, pl->xDir, r.x * d2r);
    zt_rotation(&t2, pl->yDir, r.y * d2r);
    zt_rotation(&t3, pl->zDir, r.z * d2r);
    zt_mul(&t1, &t2, &t12);
    zt_mul(&t12, &t3, &t);
    CQPlane tmp;
    if (plane_frame(&tmp, pl->origin, zt_apply_dir(&t, pl->xDir), zt_apply_dir(&t, pl->zDir), 1) < 0)
        return NULL;
    return plane_alloc(Py_TYPE(self), &tmp);
}

/* mirrorInPlane(listOfShapes, axis="X"): each shape turned half a turn about the plane's X (or Y)
 * axis through its origin (gp_Trsf::SetMirror(gp_Ax1)). */
static PyObject *plane_mirrorInPlane(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"listOfShapes", "axis", NULL};
    PyObject *shapes;
    const char *axis = "X";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|s:mirrorInPlane", kwlist, &shapes, &axis))
        return NULL;
    CQPlane *pl = (CQPlane *)self;
    zk_vec dir;
    if (strcmp(axis, "X") == 0)
        dir = pl->xDir;
    else if (strcmp(axis, "Y") == 0)
        dir = pl->yDir;
    else {
        PyErr_SetNone(PyExc_NotImplementedError);
        return NULL;
    }
    zk_trsf rot, to, back, tmp, t;
    zt_rotation(&rot, dir, M_PI);
    zt_translation(&to, pl->origin);
    zt_translation(&back, zv_scale(pl->origin, -1.0));
    zt_mul(&to, &rot, &tmp);
    zt_mul(&tmp, &back, &t);
    PyObject *seq = PySequence_Fast(shapes, "mirrorInPlane expects a list of shapes");
    if (!seq)
        return NULL;
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out && i < PySequence_Fast_GET_SIZE(seq); i++) {
        zk_shape *s = cq_shape_get(PySequence_Fast_GET_ITEM(seq, i));
        PyObject *w = s ? cq_shape_wrap(zk_transformed(s, &t)) : NULL;
        if (!w || PyList_Append(out, w) < 0)
            Py_CLEAR(out);
        Py_XDECREF(w);
    }
    Py_DECREF(seq);
    return out;
}

static PyObject *plane_copy(PyObject *self, PyObject *unused)
{
    (void)unused;
    return plane_alloc(Py_TYPE(self), (CQPlane *)self);
}

static PyObject *plane_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    CQPlane *p = (CQPlane *)self;
    return Py_BuildValue("(O((ddd)(ddd)(ddd)))", (PyObject *)Py_TYPE(self), p->origin.x, p->origin.y,
                         p->origin.z, p->xDir.x, p->xDir.y, p->xDir.z, p->zDir.x, p->zDir.y, p->zDir.z);
}

static PyObject *plane_toPln_unsupported(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    PyErr_SetString(PyExc_NotImplementedError, "toPln: OCP objects are not available in zerocad");
    return NULL;
}

static PyMethodDef plane_methods[] = {
    {"named", (PyCFunction)(void (*)(void))plane_named, METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "a predefined Plane by name"},
    {"XY", (PyCFunction)(void (*)(void))plane_cm_XY, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the XY plane"},
    {"YZ", (PyCFunction)(void (*)(void))plane_cm_YZ, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the YZ plane"},
    {"ZX", (PyCFunction)(void (*)(void))plane_cm_ZX, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the ZX plane"},
    {"XZ", (PyCFunction)(void (*)(void))plane_cm_XZ, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the XZ plane"},
    {"YX", (PyCFunction)(void (*)(void))plane_cm_YX, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the YX plane"},
    {"ZY", (PyCFunction)(void (*)(void))plane_cm_ZY, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the ZY plane"},
    {"front", (PyCFunction)(void (*)(void))plane_cm_front, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the front plane"},
    {"back", (PyCFunction)(void (*)(void))plane_cm_back, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the back plane"},
    {"left", (PyCFunction)(void (*)(void))plane_cm_left, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the left plane"},
    {"right", (PyCFunction)(void (*)(void))plane_cm_right, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the right plane"},
    {"top", (PyCFunction)(void (*)(void))plane_cm_top, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the top plane"},
    {"bottom", (PyCFunction)(void (*)(void))plane_cm_bottom, METH_VARARGS | METH_KEYWORDS | METH_CLASS, "the bottom plane"},
    {"toWorldCoords", plane_toWorldCoords, METH_O, "local point -> global Vector"},
    {"toLocalCoords", plane_toLocalCoords, METH_O, "global Vector or Shape -> local"},
    {"setOrigin2d", plane_setOrigin2d, METH_VARARGS, "move the origin in local coordinates"},
    {"rotated", (PyCFunction)(void (*)(void))plane_rotated, METH_VARARGS | METH_KEYWORDS,
     "copy rotated about the local axes (degrees, x then y then z)"},
    {"mirrorInPlane", (PyCFunction)(void (*)(void))plane_mirrorInPlane, METH_VARARGS | METH_KEYWORDS,
     "shapes mirrored about the local X or Y axis"},
    {"toPln", plane_toPln_unsupported, METH_NOARGS, "not available"},
    {"__copy__", plane_copy, METH_NOARGS, "copy"},
    {"__deepcopy__", plane_copy, METH_O, "copy"},
    {"__reduce__", plane_reduce, METH_NOARGS, "pickle support"},
    {NULL, NULL, 0, NULL}
};

static PyObject *plane_get_vec(PyObject *self, void *closure)
{
    CQPlane *p = (CQPlane *)self;
    zk_vec *f[4] = {&p->origin, &p->xDir, &p->yDir, &p->zDir};
    return cq_vector_new(*f[(intptr_t)closure]);
}

static int plane_set_origin(PyObject *self, PyObject *value, void *closure)
{
    (void)closure;
    zk_vec v;
    if (!value) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete origin");
        return -1;
    }
    if (cq_vector_from_obj(value, &v) < 0)
        return -1;
    ((CQPlane *)self)->origin = v;
    return 0;
}

/* xDir/yDir/zDir assignment (rare): the value is normalized and stored as is. */
static int plane_set_dir(PyObject *self, PyObject *value, void *closure)
{
    CQPlane *p = (CQPlane *)self;
    zk_vec *f[4] = {&p->origin, &p->xDir, &p->yDir, &p->zDir};
    zk_vec v;
    if (!value) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete a plane direction");
        return -1;
    }
    if (cq_vector_from_obj(value, &v) < 0)
        return -1;
    *f[(intptr_t)closure] = zv_normalized(v);
    return 0;
}

static PyObject *plane_get_location(PyObject *self, void *closure)
{
    (void)closure;
    zk_trsf t;
    cq_plane_trsf((CQPlane *)self, &t);
    return cq_location_new(&t);
}

static PyObject *plane_get_rG(PyObject *self, void *closure)
{
    (void)closure;
    zk_trsf t;
    cq_plane_trsf((CQPlane *)self, &t);
    return cq_matrix_new(&t);
}

static PyObject *plane_get_fG(PyObject *self, void *closure)
{
    (void)closure;
    zk_trsf t, inv;
    cq_plane_trsf((CQPlane *)self, &t);
    zt_inverse(&t, &inv);
    return cq_matrix_new(&inv);
}

static PyGetSetDef plane_getset[] = {
    {"origin", plane_get_vec, plane_set_origin, "origin (global)", (void *)0},
    {"xDir", plane_get_vec, plane_set_dir, "local X direction", (void *)1},
    {"yDir", plane_get_vec, plane_set_dir, "local Y direction", (void *)2},
    {"zDir", plane_get_vec, plane_set_dir, "normal", (void *)3},
    {"location", plane_get_location, NULL, "Location of the plane", NULL},
    {"rG", plane_get_rG, NULL, "local-to-global Matrix", NULL},
    {"fG", plane_get_fG, NULL, "global-to-local Matrix", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static PyObject *plane_repr(PyObject *self)
{
    CQPlane *p = (CQPlane *)self;
    PyObject *t = Py_BuildValue("((ddd)(ddd)(ddd))", p->origin.x, p->origin.y, p->origin.z, p->xDir.x,
                                p->xDir.y, p->xDir.z, p->zDir.x, p->zDir.y, p->zDir.z);
    if (!t)
        return NULL;
    PyObject *r = PyUnicode_FromFormat("Plane(origin=%R, xDir=%R, normal=%R)", PyTuple_GET_ITEM(t, 0),
                                       PyTuple_GET_ITEM(t, 1), PyTuple_GET_ITEM(t, 2));
    Py_DECREF(t);
    return r;
}

/* CadQuery's Plane equality: same origin (1e-6), parallel normals and x directions (dot within 1e-6). */
static PyObject *plane_richcompare(PyObject *a, PyObject *b, int op)
{
    if (op != Py_EQ && op != Py_NE)
        Py_RETURN_NOTIMPLEMENTED;
    int eq = 0;
    if (PyObject_TypeCheck(a, &CQPlaneType) && PyObject_TypeCheck(b, &CQPlaneType)) {
        CQPlane *p = (CQPlane *)a, *q = (CQPlane *)b;
        eq = zv_len(zv_sub(p->origin, q->origin)) < 1e-6 && fabs(zv_dot(p->zDir, q->zDir) - 1.0) < 1e-6 &&
             fabs(zv_dot(p->xDir, q->xDir) - 1.0) < 1e-6;
    }
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

PyTypeObject CQPlaneType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.geom.Plane",
    .tp_basicsize = sizeof(CQPlane),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A 2D coordinate system in space",
    .tp_new = plane_tp_new,
    .tp_repr = plane_repr,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_richcompare = plane_richcompare,
    .tp_methods = plane_methods,
    .tp_getset = plane_getset,
};
