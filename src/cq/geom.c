/* geom.c: cadquery.Vector (CadQuery 2.4 occ_impl/geom.py semantics), the plain zk_vec /
 * zk_trsf math helpers (zv_*, zt_*) every file of the module uses, and cq_geom_init, which
 * registers Vector, Matrix, Location, Plane and BoundBox (the others live in geom_*.c). */
#include "cq_internal.h"

#include <math.h>

/* ------------------------------------------------------------------ zk_vec math */

zk_vec zv_add(zk_vec a, zk_vec b) { return (zk_vec){a.x + b.x, a.y + b.y, a.z + b.z}; }
zk_vec zv_sub(zk_vec a, zk_vec b) { return (zk_vec){a.x - b.x, a.y - b.y, a.z - b.z}; }
zk_vec zv_scale(zk_vec a, double s) { return (zk_vec){a.x * s, a.y * s, a.z * s}; }
double zv_dot(zk_vec a, zk_vec b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

zk_vec zv_cross(zk_vec a, zk_vec b)
{
    return (zk_vec){a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

double zv_len(zk_vec a) { return sqrt(zv_dot(a, a)); }

zk_vec zv_normalized(zk_vec a)
{
    double l = zv_len(a);
    if (l <= 0.0)
        return a;
    return zv_scale(a, 1.0 / l);
}

/* gp_Dir::Angle: acos near the middle of the range, asin of the cross product near 0 and pi. */
double zv_angle(zk_vec a, zk_vec b)
{
    zk_vec u = zv_normalized(a), v = zv_normalized(b);
    double c = zv_dot(u, v);
    if (c > -0.70710678118655 && c < 0.70710678118655)
        return acos(c);
    double s = zv_len(zv_cross(u, v));
    if (s > 1.0)
        s = 1.0;
    return c < 0.0 ? M_PI - asin(s) : asin(s);
}

/* gp_Ax2(P, V) / gp_Ax3(P, V): the X direction OCCT picks for a main direction V alone. */
zk_vec cq_default_xdir(zk_vec v)
{
    double a = v.x, b = v.y, c = v.z;
    double aa = fabs(a), ba = fabs(b), ca = fabs(c);
    zk_vec d;
    if (ba <= aa && ba <= ca)
        d = aa > ca ? (zk_vec){-c, 0.0, a} : (zk_vec){c, 0.0, -a};
    else if (aa <= ba && aa <= ca)
        d = ba > ca ? (zk_vec){0.0, -c, b} : (zk_vec){0.0, c, -b};
    else
        d = aa > ba ? (zk_vec){-b, a, 0.0} : (zk_vec){b, -a, 0.0};
    return zv_normalized(d);
}

/* ------------------------------------------------------------------ zk_trsf math */

void zt_identity(zk_trsf *t)
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            t->m[i][j] = (i == j) ? 1.0 : 0.0;
}

void zt_mul(const zk_trsf *a, const zk_trsf *b, zk_trsf *out)
{
    zk_trsf r;
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
            double s = (j == 3) ? a->m[i][3] : 0.0;
            for (int k = 0; k < 3; k++)
                s += a->m[i][k] * b->m[k][j];
            r.m[i][j] = s;
        }
    }
    *out = r;
}

zk_vec zt_apply(const zk_trsf *t, zk_vec p)
{
    return (zk_vec){
        t->m[0][0] * p.x + t->m[0][1] * p.y + t->m[0][2] * p.z + t->m[0][3],
        t->m[1][0] * p.x + t->m[1][1] * p.y + t->m[1][2] * p.z + t->m[1][3],
        t->m[2][0] * p.x + t->m[2][1] * p.y + t->m[2][2] * p.z + t->m[2][3],
    };
}

zk_vec zt_apply_dir(const zk_trsf *t, zk_vec d)
{
    return (zk_vec){
        t->m[0][0] * d.x + t->m[0][1] * d.y + t->m[0][2] * d.z,
        t->m[1][0] * d.x + t->m[1][1] * d.y + t->m[1][2] * d.z,
        t->m[2][0] * d.x + t->m[2][1] * d.y + t->m[2][2] * d.z,
    };
}

/* General affine inverse (exact for rigid motions, also right for uniform scales). */
void zt_inverse(const zk_trsf *t, zk_trsf *out)
{
    const double (*m)[4] = t->m;
    double c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
    double c01 = m[1][2] * m[2][0] - m[1][0] * m[2][2];
    double c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
    double det = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02;
    zk_trsf r;
    if (fabs(det) < 1e-300) {
        zt_identity(out);
        return;
    }
    double id = 1.0 / det;
    r.m[0][0] = c00 * id;
    r.m[1][0] = c01 * id;
    r.m[2][0] = c02 * id;
    r.m[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) * id;
    r.m[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) * id;
    r.m[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) * id;
    r.m[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) * id;
    r.m[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) * id;
    r.m[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) * id;
    for (int i = 0; i < 3; i++)
        r.m[i][3] = -(r.m[i][0] * m[0][3] + r.m[i][1] * m[1][3] + r.m[i][2] * m[2][3]);
    *out = r;
}

void zt_translation(zk_trsf *t, zk_vec v)
{
    zt_identity(t);
    t->m[0][3] = v.x;
    t->m[1][3] = v.y;
    t->m[2][3] = v.z;
}

/* Rotation by angle (radians, right hand) about the axis through the origin along dir. */
void zt_rotation(zk_trsf *t, zk_vec dir, double angle)
{
    zk_vec u = zv_normalized(dir);
    double c = cos(angle), s = sin(angle), k = 1.0 - c;
    zt_identity(t);
    t->m[0][0] = c + u.x * u.x * k;
    t->m[0][1] = u.x * u.y * k - u.z * s;
    t->m[0][2] = u.x * u.z * k + u.y * s;
    t->m[1][0] = u.y * u.x * k + u.z * s;
    t->m[1][1] = c + u.y * u.y * k;
    t->m[1][2] = u.y * u.z * k - u.x * s;
    t->m[2][0] = u.z * u.x * k - u.y * s;
    t->m[2][1] = u.z * u.y * k + u.x * s;
    t->m[2][2] = c + u.z * u.z * k;
}

/* Local-to-world frame: columns x, y, z and the origin. */
void zt_frame(zk_trsf *t, zk_vec origin, zk_vec x, zk_vec y, zk_vec z)
{
    zk_vec cols[4] = {x, y, z, origin};
    for (int j = 0; j < 4; j++) {
        t->m[0][j] = cols[j].x;
        t->m[1][j] = cols[j].y;
        t->m[2][j] = cols[j].z;
    }
}

/* ------------------------------------------------------------------ Vector */

PyObject *cq_vector_new(zk_vec v)
{
    CQVector *o = PyObject_New(CQVector, &CQVectorType);
    if (!o)
        return NULL;
    o->x = v.x;
    o->y = v.y;
    o->z = v.z;
    return (PyObject *)o;
}

static int number(PyObject *o, double *out)
{
    if (PyUnicode_Check(o) || PyBytes_Check(o) || PyComplex_Check(o))
        return -1;
    PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
    if (!nb || (!nb->nb_float && !nb->nb_index))
        return -1;
    double d = PyFloat_AsDouble(o);
    if (d == -1.0 && PyErr_Occurred()) {
        PyErr_Clear();
        return -1;
    }
    *out = d;
    return 0;
}

/* Sequence of 2 or 3 numbers -> vector; -1 (no exception) when not of that form. */
static int seq_to_vec(PyObject *o, zk_vec *out)
{
    if (!PyTuple_Check(o) && !PyList_Check(o))
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    if (n != 2 && n != 3)
        return -1;
    PyObject **items = PySequence_Fast_ITEMS(o);
    double c[3] = {0.0, 0.0, 0.0};
    for (Py_ssize_t i = 0; i < n; i++)
        if (number(items[i], &c[i]) < 0)
            return -1;
    *out = (zk_vec){c[0], c[1], c[2]};
    return 0;
}

int cq_vector_from_obj(PyObject *o, zk_vec *out)
{
    if (PyObject_TypeCheck(o, &CQVectorType)) {
        CQVector *v = (CQVector *)o;
        *out = (zk_vec){v->x, v->y, v->z};
        return 0;
    }
    if (seq_to_vec(o, out) == 0)
        return 0;
    if (PyObject_TypeCheck(o, &CQVertexType)) {
        *out = zk_vertex_point(((CQShape *)o)->s);
        return 0;
    }
    /* numpy arrays and other sequences of 2-3 numbers */
    if (!PyUnicode_Check(o) && PySequence_Check(o)) {
        PyObject *t = PySequence_Tuple(o);
        if (t) {
            int r = seq_to_vec(t, out);
            Py_DECREF(t);
            if (r == 0)
                return 0;
        } else {
            PyErr_Clear();
        }
    }
    PyErr_Format(PyExc_TypeError, "Expected three floats, OCC gp_, or 3-tuple, got %.100s",
                 Py_TYPE(o)->tp_name);
    return -1;
}

static zk_vec vget(PyObject *o)
{
    CQVector *v = (CQVector *)o;
    return (zk_vec){v->x, v->y, v->z};
}

static PyObject *vector_tp_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    if (kw && PyDict_GET_SIZE(kw) > 0) {
        PyErr_SetString(PyExc_TypeError, "Vector() takes no keyword arguments");
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    zk_vec v = {0.0, 0.0, 0.0};
    if (n == 2 || n == 3) {
        double c[3] = {0.0, 0.0, 0.0};
        for (Py_ssize_t i = 0; i < n; i++) {
            if (number(PyTuple_GET_ITEM(args, i), &c[i]) < 0) {
                PyErr_SetString(PyExc_TypeError, "Expected three floats, OCC gp_, or 3-tuple");
                return NULL;
            }
        }
        v = (zk_vec){c[0], c[1], c[2]};
    } else if (n == 1) {
        if (cq_vector_from_obj(PyTuple_GET_ITEM(args, 0), &v) < 0) {
            PyErr_Clear();
            PyErr_SetString(PyExc_TypeError, "Expected three floats, OCC gp_, or 3-tuple");
            return NULL;
        }
    } else if (n != 0) {
        PyErr_SetString(PyExc_TypeError, "Expected three floats, OCC gp_, or 3-tuple");
        return NULL;
    }
    CQVector *o = (CQVector *)type->tp_alloc(type, 0);
    if (!o)
        return NULL;
    o->x = v.x;
    o->y = v.y;
    o->z = v.z;
    return (PyObject *)o;
}

static PyObject *vector_repr(PyObject *self)
{
    CQVector *v = (CQVector *)self;
    PyObject *t = Py_BuildValue("(ddd)", v->x, v->y, v->z);
    if (!t)
        return NULL;
    PyObject *r = PyUnicode_FromFormat("Vector: %R", t);
    Py_DECREF(t);
    return r;
}

/* Argument that must be a vector-like; raises TypeError otherwise. */
static int arg_vec(PyObject *o, zk_vec *out)
{
    return cq_vector_from_obj(o, out);
}

static PyObject *vector_toTuple(PyObject *self, PyObject *unused)
{
    (void)unused;
    CQVector *v = (CQVector *)self;
    return Py_BuildValue("(ddd)", v->x, v->y, v->z);
}

static PyObject *vector_cross(PyObject *self, PyObject *o)
{
    zk_vec b;
    if (arg_vec(o, &b) < 0)
        return NULL;
    return cq_vector_new(zv_cross(vget(self), b));
}

static PyObject *vector_dot(PyObject *self, PyObject *o)
{
    zk_vec b;
    if (arg_vec(o, &b) < 0)
        return NULL;
    return PyFloat_FromDouble(zv_dot(vget(self), b));
}

static PyObject *vector_add_m(PyObject *self, PyObject *o)
{
    zk_vec b;
    if (arg_vec(o, &b) < 0)
        return NULL;
    return cq_vector_new(zv_add(vget(self), b));
}

static PyObject *vector_sub_m(PyObject *self, PyObject *o)
{
    zk_vec b;
    if (arg_vec(o, &b) < 0)
        return NULL;
    return cq_vector_new(zv_sub(vget(self), b));
}

static PyObject *vector_multiply(PyObject *self, PyObject *o)
{
    double s = PyFloat_AsDouble(o);
    if (s == -1.0 && PyErr_Occurred())
        return NULL;
    return cq_vector_new(zv_scale(vget(self), s));
}

static PyObject *vector_normalized(PyObject *self, PyObject *unused)
{
    (void)unused;
    zk_vec v = vget(self);
    if (zv_len(v) <= 1e-290)
        return cq_raise_occt("Standard_ConstructionError", "gp_Vec::Normalized() - vector has zero norm");
    return cq_vector_new(zv_normalized(v));
}

static PyObject *vector_Center(PyObject *self, PyObject *unused)
{
    (void)unused;
    Py_INCREF(self);
    return self;
}

static int check_nonzero(zk_vec a, zk_vec b)
{
    if (zv_len(a) <= 1e-290 || zv_len(b) <= 1e-290) {
        cq_raise_occt("gp_VectorWithNullMagnitude", "gp_Vec::Angle() - vector has zero norm");
        return -1;
    }
    return 0;
}

static PyObject *vector_getAngle(PyObject *self, PyObject *o)
{
    zk_vec b, a = vget(self);
    if (arg_vec(o, &b) < 0 || check_nonzero(a, b) < 0)
        return NULL;
    return PyFloat_FromDouble(zv_angle(a, b));
}

/* gp_Vec::AngleWithRef(other, (0,0,-1)): signed by the side of the cross product. */
static PyObject *vector_getSignedAngle(PyObject *self, PyObject *o)
{
    zk_vec b, a = vget(self);
    if (arg_vec(o, &b) < 0 || check_nonzero(a, b) < 0)
        return NULL;
    double ang = zv_angle(a, b);
    zk_vec c = zv_cross(a, b);
    if (zv_dot(c, (zk_vec){0.0, 0.0, -1.0}) < 0.0)
        ang = -ang;
    return PyFloat_FromDouble(ang);
}

static PyObject *vector_projectToLine(PyObject *self, PyObject *o)
{
    zk_vec l;
    if (arg_vec(o, &l) < 0)
        return NULL;
    double ll = zv_dot(l, l);
    if (ll == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    return cq_vector_new(zv_scale(l, zv_dot(vget(self), l) / ll));
}

static PyObject *vector_projectToPlane(PyObject *self, PyObject *o)
{
    if (!PyObject_TypeCheck(o, &CQPlaneType)) {
        PyErr_SetString(PyExc_TypeError, "projectToPlane expects a Plane");
        return NULL;
    }
    CQPlane *pl = (CQPlane *)o;
    zk_vec v = vget(self);
    double d = zv_dot(zv_sub(v, pl->origin), pl->zDir) / zv_dot(pl->zDir, pl->zDir);
    return cq_vector_new(zv_sub(v, zv_scale(pl->zDir, d)));
}

static PyObject *vector_transform(PyObject *self, PyObject *o)
{
    zk_trsf t;
    if (cq_matrix_get(o, &t) < 0)
        return NULL;
    return cq_vector_new(zt_apply(&t, vget(self)));
}

static PyObject *vector_copy(PyObject *self, PyObject *unused)
{
    (void)unused;
    return cq_vector_new(vget(self));
}

static PyObject *vector_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    CQVector *v = (CQVector *)self;
    return Py_BuildValue("(O(ddd))", (PyObject *)Py_TYPE(self), v->x, v->y, v->z);
}

static PyObject *vector_not_implemented(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    PyErr_SetString(PyExc_NotImplementedError, "Have not needed this yet, but OCCT supports it!");
    return NULL;
}

static PyMethodDef vector_methods[] = {
    {"toTuple", vector_toTuple, METH_NOARGS, "(x, y, z)"},
    {"cross", vector_cross, METH_O, "cross product"},
    {"dot", vector_dot, METH_O, "dot product"},
    {"add", vector_add_m, METH_O, "sum"},
    {"sub", vector_sub_m, METH_O, "difference"},
    {"multiply", vector_multiply, METH_O, "scaled copy"},
    {"normalized", vector_normalized, METH_NOARGS, "unit vector"},
    {"Center", vector_Center, METH_NOARGS, "the vector itself"},
    {"getAngle", vector_getAngle, METH_O, "angle to another vector (radians)"},
    {"getSignedAngle", vector_getSignedAngle, METH_O, "signed angle, reference -Z"},
    {"projectToLine", vector_projectToLine, METH_O, "projection onto a line direction"},
    {"projectToPlane", vector_projectToPlane, METH_O, "projection onto a Plane"},
    {"transform", vector_transform, METH_O, "point transformed by a Matrix"},
    {"distanceToLine", vector_not_implemented, METH_NOARGS, "not implemented (as CadQuery)"},
    {"distanceToPlane", vector_not_implemented, METH_NOARGS, "not implemented (as CadQuery)"},
    {"__copy__", vector_copy, METH_NOARGS, "copy"},
    {"__deepcopy__", vector_copy, METH_O, "copy"},
    {"__reduce__", vector_reduce, METH_NOARGS, "pickle support"},
    {NULL, NULL, 0, NULL}
};

static PyObject *vector_get_comp(PyObject *self, void *closure)
{
    CQVector *v = (CQVector *)self;
    double *c[3] = {&v->x, &v->y, &v->z};
    return PyFloat_FromDouble(*c[(intptr_t)closure]);
}

static int vector_set_comp(PyObject *self, PyObject *value, void *closure)
{
    if (!value) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete a Vector component");
        return -1;
    }
    double d = PyFloat_AsDouble(value);
    if (d == -1.0 && PyErr_Occurred())
        return -1;
    CQVector *v = (CQVector *)self;
    double *c[3] = {&v->x, &v->y, &v->z};
    *c[(intptr_t)closure] = d;
    return 0;
}

static PyObject *vector_get_length(PyObject *self, void *closure)
{
    (void)closure;
    return PyFloat_FromDouble(zv_len(vget(self)));
}

static PyGetSetDef vector_getset[] = {
    {"x", vector_get_comp, vector_set_comp, "x", (void *)0},
    {"y", vector_get_comp, vector_set_comp, "y", (void *)1},
    {"z", vector_get_comp, vector_set_comp, "z", (void *)2},
    {"Length", vector_get_length, NULL, "magnitude", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

/* Binary operators: a Vector with a vector-like (add/sub) or a number (mul/div). */
static PyObject *vector_nb_add(PyObject *a, PyObject *b)
{
    zk_vec u, v;
    if (cq_vector_from_obj(a, &u) < 0 || cq_vector_from_obj(b, &v) < 0) {
        PyErr_Clear();
        Py_RETURN_NOTIMPLEMENTED;
    }
    return cq_vector_new(zv_add(u, v));
}

static PyObject *vector_nb_sub(PyObject *a, PyObject *b)
{
    zk_vec u, v;
    if (cq_vector_from_obj(a, &u) < 0 || cq_vector_from_obj(b, &v) < 0) {
        PyErr_Clear();
        Py_RETURN_NOTIMPLEMENTED;
    }
    return cq_vector_new(zv_sub(u, v));
}

static PyObject *vector_nb_mul(PyObject *a, PyObject *b)
{
    PyObject *vec = PyObject_TypeCheck(a, &CQVectorType) ? a : b;
    PyObject *num = vec == a ? b : a;
    double s;
    if (!PyObject_TypeCheck(vec, &CQVectorType) || PyObject_TypeCheck(num, &CQVectorType) ||
        number(num, &s) < 0)
        Py_RETURN_NOTIMPLEMENTED;
    return cq_vector_new(zv_scale(vget(vec), s));
}

static PyObject *vector_nb_div(PyObject *a, PyObject *b)
{
    double s;
    if (!PyObject_TypeCheck(a, &CQVectorType) || number(b, &s) < 0)
        Py_RETURN_NOTIMPLEMENTED;
    if (s == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    return cq_vector_new(zv_scale(vget(a), 1.0 / s));
}

static PyObject *vector_nb_neg(PyObject *a) { return cq_vector_new(zv_scale(vget(a), -1.0)); }
static PyObject *vector_nb_abs(PyObject *a) { return PyFloat_FromDouble(zv_len(vget(a))); }

static PyNumberMethods vector_as_number = {
    .nb_add = vector_nb_add,
    .nb_subtract = vector_nb_sub,
    .nb_multiply = vector_nb_mul,
    .nb_true_divide = vector_nb_div,
    .nb_negative = vector_nb_neg,
    .nb_absolute = vector_nb_abs,
};

/* gp_Vec::IsEqual(other, 1e-5, 1e-5): magnitudes within the linear tolerance, and the
 * directions within the angular one unless either vector is (nearly) null. */
int cq_vec_is_equal(zk_vec a, zk_vec b, double lin, double ang)
{
    double la = zv_len(a), lb = zv_len(b);
    if (fabs(la - lb) > lin)
        return 0;
    if (la <= lin || lb <= lin)
        return 1;
    return zv_angle(a, b) <= ang;
}

static PyObject *vector_richcompare(PyObject *a, PyObject *b, int op)
{
    if ((op != Py_EQ && op != Py_NE) || !PyObject_TypeCheck(a, &CQVectorType) ||
        !PyObject_TypeCheck(b, &CQVectorType))
        Py_RETURN_NOTIMPLEMENTED;
    int eq = cq_vec_is_equal(vget(a), vget(b), 1e-5, 1e-5);
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

PyTypeObject CQVectorType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.geom.Vector",
    .tp_basicsize = sizeof(CQVector),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Create a 3-dimensional vector",
    .tp_new = vector_tp_new,
    .tp_repr = vector_repr,
    .tp_str = vector_repr,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_richcompare = vector_richcompare,
    .tp_as_number = &vector_as_number,
    .tp_methods = vector_methods,
    .tp_getset = vector_getset,
};

/* ------------------------------------------------------------------ init */

static int add_type(PyObject *module, const char *name, PyTypeObject *t)
{
    if (PyType_Ready(t) < 0)
        return -1;
    Py_INCREF(t);
    if (PyModule_AddObject(module, name, (PyObject *)t) < 0) {
        Py_DECREF(t);
        return -1;
    }
    return 0;
}

int cq_geom_init(PyObject *module)
{
    if (add_type(module, "Vector", &CQVectorType) < 0 || add_type(module, "Matrix", &CQMatrixType) < 0 ||
        add_type(module, "Location", &CQLocationType) < 0 || add_type(module, "Plane", &CQPlaneType) < 0 ||
        add_type(module, "BoundBox", &CQBoundBoxType) < 0)
        return -1;
    return 0;
}
