/* geom_matrix.c: cadquery.Matrix, a 4x4 affine transform (CadQuery 2.4 geom.Matrix over gp_GTrsf):
 * construction from nested lists, rotateX/Y/Z, multiply, inverse, transposed_list, [r, c]. */
#include "cq_internal.h"

#include <math.h>

static void mat_from_trsf(CQMatrix *m, const zk_trsf *t)
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            m->m[i][j] = t->m[i][j];
    for (int j = 0; j < 4; j++)
        m->m[3][j] = (j == 3) ? 1.0 : 0.0;
}

static void mat_to_trsf(const CQMatrix *m, zk_trsf *t)
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            t->m[i][j] = m->m[i][j];
}

PyObject *cq_matrix_new(const zk_trsf *t)
{
    CQMatrix *o = PyObject_New(CQMatrix, &CQMatrixType);
    if (!o)
        return NULL;
    mat_from_trsf(o, t);
    return (PyObject *)o;
}

int cq_matrix_get(PyObject *o, zk_trsf *out)
{
    if (PyObject_TypeCheck(o, &CQMatrixType)) {
        mat_to_trsf((CQMatrix *)o, out);
        return 0;
    }
    if (PyObject_TypeCheck(o, &CQLocationType)) {
        *out = ((CQLocation *)o)->t;
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "expected a Matrix, got %.100s", Py_TYPE(o)->tp_name);
    return -1;
}

/* One row of the nested-list constructor; -1 with TypeError when it is not 4 numbers. */
static int read_row(PyObject *row, double out[4])
{
    if ((!PyList_Check(row) && !PyTuple_Check(row)) || PySequence_Fast_GET_SIZE(row) != 4)
        return -1;
    for (int j = 0; j < 4; j++) {
        out[j] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(row, j));
        if (out[j] == -1.0 && PyErr_Occurred())
            return -1;
    }
    return 0;
}

static int matrix_from_lists(CQMatrix *m, PyObject *lst)
{
    Py_ssize_t n = PySequence_Fast_GET_SIZE(lst);
    double rows[4][4] = {{0}};
    int ok = (n == 3 || n == 4);
    for (Py_ssize_t i = 0; ok && i < n; i++)
        ok = read_row(PySequence_Fast_GET_ITEM(lst, i), rows[i]) == 0;
    if (!ok) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError,
                     "Matrix constructor requires 2d list of 4x3 or 4x4, but got: %R", lst);
        return -1;
    }
    if (n == 4 && !(rows[3][0] == 0.0 && rows[3][1] == 0.0 && rows[3][2] == 0.0 && rows[3][3] == 1.0)) {
        PyErr_Format(PyExc_ValueError, "Expected the last row to be [0,0,0,1], but got: %R",
                     PySequence_Fast_GET_ITEM(lst, 3));
        return -1;
    }
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            m->m[i][j] = rows[i][j];
    return 0;
}

static PyObject *matrix_tp_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"matrix", NULL};
    PyObject *src = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:Matrix", kwlist, &src))
        return NULL;
    CQMatrix *m = (CQMatrix *)type->tp_alloc(type, 0);
    if (!m)
        return NULL;
    zk_trsf id;
    zt_identity(&id);
    mat_from_trsf(m, &id);
    if (src == Py_None)
        return (PyObject *)m;
    if (PyObject_TypeCheck(src, &CQMatrixType) || PyObject_TypeCheck(src, &CQLocationType)) {
        zk_trsf t;
        cq_matrix_get(src, &t);
        mat_from_trsf(m, &t);
        return (PyObject *)m;
    }
    if (PyList_Check(src) || PyTuple_Check(src)) {
        if (matrix_from_lists(m, src) < 0) {
            Py_DECREF(m);
            return NULL;
        }
        return (PyObject *)m;
    }
    Py_DECREF(m);
    PyObject *s = PyObject_Str(src);
    if (s) {
        PyErr_Format(PyExc_TypeError, "Invalid param to matrix constructor: %U", s);
        Py_DECREF(s);
    }
    return NULL;
}

static PyObject *matrix_rotate(PyObject *self, PyObject *arg, zk_vec axis)
{
    double a = PyFloat_AsDouble(arg);
    if (a == -1.0 && PyErr_Occurred())
        return NULL;
    zk_trsf t, r, out;
    mat_to_trsf((CQMatrix *)self, &t);
    zt_rotation(&r, axis, a);
    zt_mul(&t, &r, &out);
    mat_from_trsf((CQMatrix *)self, &out);
    Py_RETURN_NONE;
}

static PyObject *matrix_rotateX(PyObject *s, PyObject *a) { return matrix_rotate(s, a, (zk_vec){1, 0, 0}); }
static PyObject *matrix_rotateY(PyObject *s, PyObject *a) { return matrix_rotate(s, a, (zk_vec){0, 1, 0}); }
static PyObject *matrix_rotateZ(PyObject *s, PyObject *a) { return matrix_rotate(s, a, (zk_vec){0, 0, 1}); }

static PyObject *matrix_inverse(PyObject *self, PyObject *unused)
{
    (void)unused;
    zk_trsf t, inv;
    mat_to_trsf((CQMatrix *)self, &t);
    zt_inverse(&t, &inv);
    return cq_matrix_new(&inv);
}

static PyObject *matrix_multiply(PyObject *self, PyObject *other)
{
    zk_trsf a, b, out;
    mat_to_trsf((CQMatrix *)self, &a);
    if (PyObject_TypeCheck(other, &CQVectorType)) {
        CQVector *v = (CQVector *)other;
        return cq_vector_new(zt_apply(&a, (zk_vec){v->x, v->y, v->z}));
    }
    if (cq_matrix_get(other, &b) < 0)
        return NULL;
    zt_mul(&a, &b, &out);
    return cq_matrix_new(&out);
}

static PyObject *matrix_transposed_list(PyObject *self, PyObject *unused)
{
    (void)unused;
    CQMatrix *m = (CQMatrix *)self;
    PyObject *l = PyList_New(16);
    if (!l)
        return NULL;
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
            PyObject *f = PyFloat_FromDouble(m->m[j][i]);
            if (!f) {
                Py_DECREF(l);
                return NULL;
            }
            PyList_SET_ITEM(l, i * 4 + j, f);
        }
    }
    return l;
}

static PyObject *matrix_getitem(PyObject *self, PyObject *key)
{
    if (!PyTuple_Check(key) || PyTuple_GET_SIZE(key) != 2) {
        PyErr_SetString(PyExc_IndexError, "Matrix subscript must provide (row, column)");
        return NULL;
    }
    long r = PyLong_AsLong(PyTuple_GET_ITEM(key, 0));
    long c = PyLong_AsLong(PyTuple_GET_ITEM(key, 1));
    if (PyErr_Occurred())
        return NULL;
    if (r < 0 || r > 3 || c < 0 || c > 3) {
        PyErr_Format(PyExc_IndexError, "Out of bounds access into 4x4 matrix: %R", key);
        return NULL;
    }
    return PyFloat_FromDouble(((CQMatrix *)self)->m[r][c]);
}

static PyObject *matrix_repr(PyObject *self)
{
    CQMatrix *m = (CQMatrix *)self;
    PyObject *parts[4] = {NULL, NULL, NULL, NULL};
    PyObject *r = NULL;
    for (int i = 0; i < 4; i++) {
        PyObject *row = Py_BuildValue("[dddd]", m->m[i][0], m->m[i][1], m->m[i][2], m->m[i][3]);
        if (!row)
            goto done;
        parts[i] = PyObject_Str(row);
        Py_DECREF(row);
        if (!parts[i])
            goto done;
    }
    r = PyUnicode_FromFormat("Matrix([%U,\n        %U,\n        %U,\n        %U])", parts[0], parts[1],
                             parts[2], parts[3]);
done:
    for (int i = 0; i < 4; i++)
        Py_XDECREF(parts[i]);
    return r;
}

static PyObject *matrix_copy(PyObject *self, PyObject *unused)
{
    (void)unused;
    zk_trsf t;
    mat_to_trsf((CQMatrix *)self, &t);
    return cq_matrix_new(&t);
}

/* pickle support: (Matrix, ([row0, row1, row2, row3],)) */
static PyObject *matrix_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    const double (*m)[4] = ((CQMatrix *)self)->m;
    return Py_BuildValue("(O([[dddd][dddd][dddd][dddd]]))", (PyObject *)Py_TYPE(self), m[0][0], m[0][1], m[0][2],
                         m[0][3], m[1][0], m[1][1], m[1][2], m[1][3], m[2][0], m[2][1], m[2][2], m[2][3], m[3][0],
                         m[3][1], m[3][2], m[3][3]);
}

static PyMethodDef matrix_methods[] = {
    {"__reduce__", matrix_reduce, METH_NOARGS, "pickle support"},
    {"rotateX", matrix_rotateX, METH_O, "post-multiply by a rotation about X (radians)"},
    {"rotateY", matrix_rotateY, METH_O, "post-multiply by a rotation about Y (radians)"},
    {"rotateZ", matrix_rotateZ, METH_O, "post-multiply by a rotation about Z (radians)"},
    {"inverse", matrix_inverse, METH_NOARGS, "inverse matrix"},
    {"multiply", matrix_multiply, METH_O, "Matrix product, or a transformed Vector"},
    {"transposed_list", matrix_transposed_list, METH_NOARGS, "16 values, column-major"},
    {"__copy__", matrix_copy, METH_NOARGS, "copy"},
    {"__deepcopy__", matrix_copy, METH_O, "copy"},
    {NULL, NULL, 0, NULL}
};

static PyMappingMethods matrix_as_mapping = {
    .mp_subscript = matrix_getitem,
};

PyTypeObject CQMatrixType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.geom.Matrix",
    .tp_basicsize = sizeof(CQMatrix),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A 3d, 4x4 transformation matrix.",
    .tp_new = matrix_tp_new,
    .tp_repr = matrix_repr,
    .tp_as_mapping = &matrix_as_mapping,
    .tp_methods = matrix_methods,
};
