/* geom_location.c: cadquery.Location, a rigid placement (CadQuery geom.Location over TopLoc_Location):
 * the 2.4 constructors (empty, translation, Plane, Plane + origin, translation + axis + angle)
 * plus the [2.5+] ones (x, y, z, rx, ry, rz in degrees; translation + Euler angles), inverse, *, **. */
#include "cq_internal.h"

#include <math.h>

PyObject *cq_location_new(const zk_trsf *t)
{
    CQLocation *o = PyObject_New(CQLocation, &CQLocationType);
    if (!o)
        return NULL;
    o->t = *t;
    return (PyObject *)o;
}

int cq_location_get(PyObject *o, zk_trsf *out)
{
    if (!PyObject_TypeCheck(o, &CQLocationType)) {
        PyErr_Format(PyExc_TypeError, "expected a Location, got %.100s", Py_TYPE(o)->tp_name);
        return -1;
    }
    *out = ((CQLocation *)o)->t;
    return 0;
}

/* Rotation of gp_Quaternion::SetEulerAngles(gp_Extrinsic_XYZ, rx, ry, rz): about the fixed X,
 * then Y, then Z axes, i.e. R = Rz * Ry * Rx. Angles in radians. */
void zt_euler_xyz(zk_trsf *t, double rx, double ry, double rz)
{
    zk_trsf a, b, c, ab;
    zt_rotation(&a, (zk_vec){0, 0, 1}, rz);
    zt_rotation(&b, (zk_vec){0, 1, 0}, ry);
    zt_rotation(&c, (zk_vec){1, 0, 0}, rx);
    zt_mul(&a, &b, &ab);
    zt_mul(&ab, &c, t);
}

/* Inverse of zt_euler_xyz for a rotation matrix (the rotation part of t). */
static void euler_from_trsf(const zk_trsf *t, double *rx, double *ry, double *rz)
{
    const double (*m)[4] = t->m;
    double cy = sqrt(m[0][0] * m[0][0] + m[1][0] * m[1][0]);
    *ry = atan2(-m[2][0], cy);
    if (cy > 1e-12) {
        *rx = atan2(m[2][1], m[2][2]);
        *rz = atan2(m[1][0], m[0][0]);
    } else {
        *rx = atan2(-m[1][2], m[1][1]);
        *rz = 0.0;
    }
}

static int is_number(PyObject *o)
{
    if (PyUnicode_Check(o) || PyComplex_Check(o))
        return 0;
    PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
    return nb && (nb->nb_float || nb->nb_index) && !PyObject_TypeCheck(o, &CQVectorType);
}

/* [2.5+] Location(x=0, y=0, z=0, rx=0, ry=0, rz=0): degrees. */
static int loc_from_numbers(PyObject *args, PyObject *kw, zk_trsf *t)
{
    static char *kwlist[] = {"x", "y", "z", "rx", "ry", "rz", NULL};
    double v[6] = {0, 0, 0, 0, 0, 0};
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|dddddd:Location", kwlist, &v[0], &v[1], &v[2], &v[3],
                                     &v[4], &v[5]))
        return -1;
    double d2r = M_PI / 180.0;
    zt_euler_xyz(t, v[3] * d2r, v[4] * d2r, v[5] * d2r);
    t->m[0][3] = v[0];
    t->m[1][3] = v[1];
    t->m[2][3] = v[2];
    return 0;
}

/* Location(Plane[, origin]): the plane's local-to-world frame, optionally at another origin. */
static int loc_from_plane(PyObject *plane, PyObject *origin, zk_trsf *t)
{
    CQPlane *pl = (CQPlane *)plane;
    zk_vec o = pl->origin;
    if (origin && cq_vector_from_obj(origin, &o) < 0)
        return -1;
    zt_frame(t, o, pl->xDir, pl->yDir, pl->zDir);
    return 0;
}

/* Location(t, ax, angle): rotation by angle degrees about ax through the origin, then translation t. */
static int loc_axis_angle(PyObject *tv, PyObject *ax, PyObject *angle, zk_trsf *t)
{
    zk_vec tr, axis;
    if (cq_vector_from_obj(tv, &tr) < 0 || cq_vector_from_obj(ax, &axis) < 0)
        return -1;
    double a = PyFloat_AsDouble(angle);
    if (a == -1.0 && PyErr_Occurred())
        return -1;
    if (zv_len(axis) <= 1e-290) {
        cq_raise_occt("Standard_ConstructionError", "gp_Dir() - input vector has zero norm");
        return -1;
    }
    zt_rotation(t, axis, a * M_PI / 180.0);
    t->m[0][3] = tr.x;
    t->m[1][3] = tr.y;
    t->m[2][3] = tr.z;
    return 0;
}

/* [2.5+] Location(t, (rx, ry, rz)) with angles in degrees. */
static int loc_euler(PyObject *tv, PyObject *angles, zk_trsf *t)
{
    zk_vec tr, a;
    if (cq_vector_from_obj(tv, &tr) < 0 || cq_vector_from_obj(angles, &a) < 0)
        return -1;
    double d2r = M_PI / 180.0;
    zt_euler_xyz(t, a.x * d2r, a.y * d2r, a.z * d2r);
    t->m[0][3] = tr.x;
    t->m[1][3] = tr.y;
    t->m[2][3] = tr.z;
    return 0;
}

static int loc_parse(PyObject *args, PyObject *kw, zk_trsf *t)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    zt_identity(t);
    if ((n == 0 && kw && PyDict_GET_SIZE(kw) > 0) || (n > 0 && is_number(PyTuple_GET_ITEM(args, 0))))
        return loc_from_numbers(args, kw, t);
    if (kw && PyDict_GET_SIZE(kw) > 0) {
        PyErr_SetString(PyExc_TypeError, "Location() got unexpected keyword arguments");
        return -1;
    }
    PyObject *a0 = n > 0 ? PyTuple_GET_ITEM(args, 0) : NULL;
    if (n == 0)
        return 0;
    if (n == 1) {
        if (PyObject_TypeCheck(a0, &CQLocationType)) {
            *t = ((CQLocation *)a0)->t;
            return 0;
        }
        if (PyObject_TypeCheck(a0, &CQPlaneType))
            return loc_from_plane(a0, NULL, t);
        zk_vec v;
        if (cq_vector_from_obj(a0, &v) < 0) {
            PyErr_Clear();
            PyErr_SetString(PyExc_TypeError, "Unexpected parameters");
            return -1;
        }
        zt_translation(t, v);
        return 0;
    }
    if (n == 2) {
        if (PyObject_TypeCheck(a0, &CQPlaneType))
            return loc_from_plane(a0, PyTuple_GET_ITEM(args, 1), t);
        return loc_euler(a0, PyTuple_GET_ITEM(args, 1), t);
    }
    if (n == 3)
        return loc_axis_angle(a0, PyTuple_GET_ITEM(args, 1), PyTuple_GET_ITEM(args, 2), t);
    PyErr_SetString(PyExc_TypeError, "Unexpected parameters");
    return -1;
}

static PyObject *location_tp_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    zk_trsf t;
    if (loc_parse(args, kw, &t) < 0)
        return NULL;
    CQLocation *o = (CQLocation *)type->tp_alloc(type, 0);
    if (!o)
        return NULL;
    o->t = t;
    return (PyObject *)o;
}

static PyObject *location_get_inverse(PyObject *self, void *closure)
{
    (void)closure;
    zk_trsf inv;
    zt_inverse(&((CQLocation *)self)->t, &inv);
    return cq_location_new(&inv);
}

/* [2.5+] Location.plane: the Plane whose frame this location is. */
static PyObject *location_get_plane(PyObject *self, void *closure)
{
    (void)closure;
    const zk_trsf *t = &((CQLocation *)self)->t;
    zk_vec o = {t->m[0][3], t->m[1][3], t->m[2][3]};
    zk_vec x = {t->m[0][0], t->m[1][0], t->m[2][0]};
    zk_vec z = {t->m[0][2], t->m[1][2], t->m[2][2]};
    return cq_plane_new(o, x, z);
}

static PyObject *location_toTuple(PyObject *self, PyObject *unused)
{
    (void)unused;
    const zk_trsf *t = &((CQLocation *)self)->t;
    double rx, ry, rz;
    euler_from_trsf(t, &rx, &ry, &rz);
    double r2d = 180.0 / M_PI;   /* current CadQuery reports degrees (2.4: radians) */
    return Py_BuildValue("((ddd)(ddd))", t->m[0][3], t->m[1][3], t->m[2][3], rx * r2d, ry * r2d, rz * r2d);
}

static PyObject *location_copy(PyObject *self, PyObject *unused)
{
    (void)unused;
    return cq_location_new(&((CQLocation *)self)->t);
}

static PyObject *location_repr(PyObject *self)
{
    const zk_trsf *t = &((CQLocation *)self)->t;
    double rx, ry, rz;
    euler_from_trsf(t, &rx, &ry, &rz);
    double r2d = 180.0 / M_PI;
    PyObject *tup = Py_BuildValue("((ddd)(ddd))", t->m[0][3], t->m[1][3], t->m[2][3], rx * r2d, ry * r2d,
                                  rz * r2d);
    if (!tup)
        return NULL;
    PyObject *r = PyUnicode_FromFormat("Location(%R, %R)", PyTuple_GET_ITEM(tup, 0), PyTuple_GET_ITEM(tup, 1));
    Py_DECREF(tup);
    return r;
}

static PyObject *location_nb_mul(PyObject *a, PyObject *b)
{
    if (!PyObject_TypeCheck(a, &CQLocationType))
        Py_RETURN_NOTIMPLEMENTED;
    if (PyObject_TypeCheck(b, &CQLocationType)) {
        zk_trsf out;
        zt_mul(&((CQLocation *)a)->t, &((CQLocation *)b)->t, &out);
        return cq_location_new(&out);
    }
    if (cq_shape_check(b))   /* [2.5+] loc * shape: the shape moved by loc */
        return cq_shape_wrap(zk_moved(cq_shape_get(b), &((CQLocation *)a)->t));
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *location_nb_pow(PyObject *a, PyObject *b, PyObject *mod)
{
    if (!PyObject_TypeCheck(a, &CQLocationType) || mod != Py_None)
        Py_RETURN_NOTIMPLEMENTED;
    long e = PyLong_AsLong(b);
    if (e == -1 && PyErr_Occurred())
        return NULL;
    zk_trsf base = ((CQLocation *)a)->t, acc;
    if (e < 0) {
        zt_inverse(&((CQLocation *)a)->t, &base);
        e = -e;
    }
    zt_identity(&acc);
    for (long i = 0; i < e; i++)
        zt_mul(&acc, &base, &acc);
    return cq_location_new(&acc);
}

static PyNumberMethods location_as_number = {
    .nb_multiply = location_nb_mul,
    .nb_power = location_nb_pow,
};

/* pickle support: (Location, (x, y, z, rx, ry, rz)) with the extrinsic XYZ angles in degrees. */
static PyObject *location_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    const zk_trsf *t = &((CQLocation *)self)->t;
    double rx, ry, rz, r2d = 180.0 / M_PI;
    euler_from_trsf(t, &rx, &ry, &rz);
    return Py_BuildValue("(O(dddddd))", (PyObject *)Py_TYPE(self), t->m[0][3], t->m[1][3], t->m[2][3], rx * r2d,
                         ry * r2d, rz * r2d);
}

static PyMethodDef location_methods[] = {
    {"__reduce__", location_reduce, METH_NOARGS, "pickle support"},
    {"toTuple", location_toTuple, METH_NOARGS, "((x, y, z), (rx, ry, rz)): Euler extrinsic XYZ, degrees (current CadQuery)"},
    {"__copy__", location_copy, METH_NOARGS, "copy"},
    {"__deepcopy__", location_copy, METH_O, "copy"},
    {NULL, NULL, 0, NULL}
};

static PyGetSetDef location_getset[] = {
    {"inverse", location_get_inverse, NULL, "the inverse location", NULL},
    {"plane", location_get_plane, NULL, "the Plane of this location", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

PyTypeObject CQLocationType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.geom.Location",
    .tp_basicsize = sizeof(CQLocation),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Location in 3D space.",
    .tp_new = location_tp_new,
    .tp_repr = location_repr,
    .tp_as_number = &location_as_number,
    .tp_methods = location_methods,
    .tp_getset = location_getset,
};
