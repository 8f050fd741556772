/* geom_bbox.c: cadquery.BoundBox, an axis-aligned bounding box (CadQuery 2.4 geom.BoundBox):
 * xmin..zmax, xlen/ylen/zlen, center, DiagonalLength, add, enlarge, isInside, findOutsideBox2D. */
#include "cq_internal.h"

#include <math.h>
#include <stddef.h>
#include <structmember.h>

PyObject *cq_boundbox_new(const double b[6])
{
    CQBoundBox *o = PyObject_New(CQBoundBox, &CQBoundBoxType);
    if (!o)
        return NULL;
    o->xmin = b[0];
    o->ymin = b[1];
    o->zmin = b[2];
    o->xmax = b[3];
    o->ymax = b[4];
    o->zmax = b[5];
    return (PyObject *)o;
}

static void bb_get(PyObject *o, double b[6])
{
    CQBoundBox *bb = (CQBoundBox *)o;
    b[0] = bb->xmin;
    b[1] = bb->ymin;
    b[2] = bb->zmin;
    b[3] = bb->xmax;
    b[4] = bb->ymax;
    b[5] = bb->zmax;
}

/* BoundBox(xmin, ymin, zmin, xmax, ymax, zmax) (CadQuery builds it from a Bnd_Box). */
static PyObject *bbox_tp_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"xmin", "ymin", "zmin", "xmax", "ymax", "zmax", NULL};
    double b[6];
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dddddd:BoundBox", kwlist, &b[0], &b[1], &b[2], &b[3], &b[4],
                                     &b[5]))
        return NULL;
    CQBoundBox *o = (CQBoundBox *)type->tp_alloc(type, 0);
    if (!o)
        return NULL;
    o->xmin = b[0];
    o->ymin = b[1];
    o->zmin = b[2];
    o->xmax = b[3];
    o->ymax = b[4];
    o->zmax = b[5];
    return (PyObject *)o;
}

static void grow_point(double b[6], zk_vec p)
{
    double c[3] = {p.x, p.y, p.z};
    for (int i = 0; i < 3; i++) {
        if (c[i] < b[i])
            b[i] = c[i];
        if (c[i] > b[i + 3])
            b[i + 3] = c[i];
    }
}

/* add(obj, tol=None): a new box enclosing this one and a point (tuple/Vector) or another box.
 * Bnd_Box::Add copies the first box (and its zero gap), so tol does not widen the result. */
static PyObject *bbox_add(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"obj", "tol", NULL};
    PyObject *obj, *tol = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:add", kwlist, &obj, &tol))
        return NULL;
    double b[6];
    bb_get(self, b);
    if (PyObject_TypeCheck(obj, &CQBoundBoxType)) {
        double o[6];
        bb_get(obj, o);
        grow_point(b, (zk_vec){o[0], o[1], o[2]});
        grow_point(b, (zk_vec){o[3], o[4], o[5]});
    } else if (PyTuple_Check(obj) || PyObject_TypeCheck(obj, &CQVectorType)) {
        zk_vec p;
        if (cq_vector_from_obj(obj, &p) < 0)
            return NULL;
        grow_point(b, p);
    }
    return cq_boundbox_new(b);
}

static PyObject *bbox_enlarge(PyObject *self, PyObject *arg)
{
    double t = PyFloat_AsDouble(arg);
    if (t == -1.0 && PyErr_Occurred())
        return NULL;
    double b[6];
    bb_get(self, b);
    t = fabs(t);
    for (int i = 0; i < 3; i++) {
        b[i] -= t;
        b[i + 3] += t;
    }
    return cq_boundbox_new(b);
}

static int strictly_inside(const double outer[6], const double inner[6])
{
    return inner[0] > outer[0] && inner[1] > outer[1] && inner[2] > outer[2] && inner[3] < outer[3] &&
           inner[4] < outer[4] && inner[5] < outer[5];
}

static PyObject *bbox_isInside(PyObject *self, PyObject *other)
{
    if (!PyObject_TypeCheck(other, &CQBoundBoxType)) {
        PyErr_SetString(PyExc_TypeError, "isInside expects a BoundBox");
        return NULL;
    }
    double a[6], b[6];
    bb_get(self, a);
    bb_get(other, b);
    return PyBool_FromLong(strictly_inside(a, b));
}

static int inside_2d(const double o[6], const double i[6])
{
    return o[0] < i[0] && o[3] > i[3] && o[1] < i[1] && o[4] > i[4];
}

static PyObject *bbox_findOutsideBox2D(PyObject *cls, PyObject *args)
{
    (void)cls;
    PyObject *b1, *b2;
    if (!PyArg_ParseTuple(args, "O!O!:findOutsideBox2D", &CQBoundBoxType, &b1, &CQBoundBoxType, &b2))
        return NULL;
    double a[6], b[6];
    bb_get(b1, a);
    bb_get(b2, b);
    PyObject *r = inside_2d(a, b) ? b1 : inside_2d(b, a) ? b2 : Py_None;
    Py_INCREF(r);
    return r;
}

static PyMethodDef bbox_methods[] = {
    {"add", (PyCFunction)(void (*)(void))bbox_add, METH_VARARGS | METH_KEYWORDS, "expanded copy"},
    {"enlarge", bbox_enlarge, METH_O, "copy grown by |tol| on every side"},
    {"isInside", bbox_isInside, METH_O, "is the given box strictly inside this one"},
    {"findOutsideBox2D", bbox_findOutsideBox2D, METH_VARARGS | METH_STATIC, "the outer of two boxes in XY"},
    {NULL, NULL, 0, NULL}
};

static PyObject *bbox_get_len(PyObject *self, void *closure)
{
    double b[6];
    bb_get(self, b);
    int i = (int)(intptr_t)closure;
    return PyFloat_FromDouble(b[i + 3] - b[i]);
}

static PyObject *bbox_get_center(PyObject *self, void *closure)
{
    (void)closure;
    double b[6];
    bb_get(self, b);
    return cq_vector_new((zk_vec){(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2});
}

static PyObject *bbox_get_diag(PyObject *self, void *closure)
{
    (void)closure;
    double b[6];
    bb_get(self, b);
    double dx = b[3] - b[0], dy = b[4] - b[1], dz = b[5] - b[2];
    return PyFloat_FromDouble(sqrt(dx * dx + dy * dy + dz * dz));
}

static PyGetSetDef bbox_getset[] = {
    {"xlen", bbox_get_len, NULL, "size along X", (void *)0},
    {"ylen", bbox_get_len, NULL, "size along Y", (void *)1},
    {"zlen", bbox_get_len, NULL, "size along Z", (void *)2},
    {"center", bbox_get_center, NULL, "centre Vector", NULL},
    {"DiagonalLength", bbox_get_diag, NULL, "length of the diagonal", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static PyMemberDef bbox_members[] = {
    {"xmin", T_DOUBLE, offsetof(CQBoundBox, xmin), 0, "xmin"},
    {"ymin", T_DOUBLE, offsetof(CQBoundBox, ymin), 0, "ymin"},
    {"zmin", T_DOUBLE, offsetof(CQBoundBox, zmin), 0, "zmin"},
    {"xmax", T_DOUBLE, offsetof(CQBoundBox, xmax), 0, "xmax"},
    {"ymax", T_DOUBLE, offsetof(CQBoundBox, ymax), 0, "ymax"},
    {"zmax", T_DOUBLE, offsetof(CQBoundBox, zmax), 0, "zmax"},
    {NULL, 0, 0, 0, NULL}
};

static PyObject *bbox_repr(PyObject *self)
{
    double b[6];
    bb_get(self, b);
    PyObject *t = Py_BuildValue("(dddddd)", b[0], b[1], b[2], b[3], b[4], b[5]);
    if (!t)
        return NULL;
    PyObject *r = PyUnicode_FromFormat("BoundBox%R", t);
    Py_DECREF(t);
    return r;
}

PyTypeObject CQBoundBoxType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.geom.BoundBox",
    .tp_basicsize = sizeof(CQBoundBox),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A BoundingBox for an object or set of objects.",
    .tp_new = bbox_tp_new,
    .tp_repr = bbox_repr,
    .tp_methods = bbox_methods,
    .tp_getset = bbox_getset,
    .tp_members = bbox_members,
};
