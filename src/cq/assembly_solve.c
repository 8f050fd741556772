/* assembly_solve.c: assembly constraints (CadQuery's occ_impl/solver.py and Assembly.constrain/
 * solve): the Constraint spec (kinds Point, Axis, Plane, PointInPlane, PointOnLine, Fixed,
 * FixedPoint, FixedAxis, FixedRotation; validation of entities and parameters), the queries
 * "name[?tag][@kind@selector]", and the solve: each free part gets a translation and a rotation
 * (modified Rodrigues parameters, as CadQuery's casadi model), the sum of the constraint costs is
 * minimised by NLopt's L-BFGS (gradient by central differences). */
#include "assembly_internal.h"

#include <ctype.h>
#include <math.h>
#include <nlopt.h>
#include <string.h>
#include <structmember.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

enum { K_POINT, K_AXIS, K_PIP, K_POL, K_FIXED, K_FIXEDPOINT, K_FIXEDAXIS, K_FIXEDROT, K_PLANE, K_COUNT };
static const char *const KIND_NAMES[K_COUNT] = {"Point", "Axis", "PointInPlane", "PointOnLine", "Fixed",
                                                "FixedPoint", "FixedAxis", "FixedRotation", "Plane"};

static int kind_of(PyObject *k)
{
    const char *s = PyUnicode_Check(k) ? PyUnicode_AsUTF8(k) : NULL;
    for (int i = 0; s && i < K_COUNT; i++)
        if (strcmp(s, KIND_NAMES[i]) == 0)
            return i;
    PyErr_Clear();
    return -1;
}

static int is_unary(int k)
{
    return k == K_FIXED || k == K_FIXEDPOINT || k == K_FIXEDAXIS || k == K_FIXEDROT;
}

/* ------------------------------------------------------------------ markers */

static int vec_of(PyObject *v, zk_vec *out)
{
    if (!v)
        return -1;
    int rc = cq_vector_from_obj(v, out);
    Py_DECREF(v);
    return rc;
}

static int is_type(PyObject *o, PyTypeObject *t)
{
    return o && PyObject_TypeCheck(o, t);
}

static int get_pnt(PyObject *arg, zk_vec *p)
{
    if (!cq_shape_check(arg)) {
        PyErr_Format(PyExc_ValueError, "Cannot construct a point for %R", arg);
        return -1;
    }
    return vec_of(PyObject_CallMethod(arg, "Center", NULL), p);
}

static int is_circle(PyObject *edge)
{
    PyObject *g = PyObject_CallMethod(edge, "geomType", NULL);
    int r = g && PyUnicode_Check(g) && PyUnicode_CompareWithASCIIString(g, "CIRCLE") == 0;
    Py_XDECREF(g);
    return PyErr_Occurred() ? -1 : r;
}

static int get_axis(PyObject *arg, zk_vec *d)
{
    int rc;
    if (is_type(arg, &CQFaceType)) {
        rc = vec_of(PyObject_CallMethod(arg, "normalAt", NULL), d);
    } else if (is_type(arg, &CQEdgeType)) {
        int c = is_circle(arg);
        if (c < 0)
            return -1;
        rc = vec_of(PyObject_CallMethod(arg, c ? "normal" : "tangentAt", NULL), d);
    } else {
        PyErr_Format(PyExc_ValueError, "Cannot construct Axis for %R", arg);
        return -1;
    }
    if (rc == 0)
        *d = zv_normalized(*d);
    return rc;
}

static int get_pln(PyObject *arg, zk_vec *p, zk_vec *n)
{
    if (is_type(arg, &CQFaceType)) {
        if (get_pnt(arg, p) < 0 || vec_of(PyObject_CallMethod(arg, "normalAt", NULL), n) < 0)
            return -1;
    } else if (is_type(arg, &CQEdgeType) || is_type(arg, &CQWireType)) {
        if (vec_of(PyObject_CallMethod(arg, "normal", NULL), n) < 0 || get_pnt(arg, p) < 0)
            return -1;
    } else {
        PyErr_Format(PyExc_ValueError, "Cannot construct a plane for %R.", arg);
        return -1;
    }
    *n = zv_normalized(*n);
    return 0;
}

static int get_lin(PyObject *arg, zk_vec *p, zk_vec *d)
{
    if (!(is_type(arg, &CQEdgeType) || is_type(arg, &CQWireType))) {
        PyErr_Format(PyExc_ValueError, "Cannot construct a line for %R.", arg);
        return -1;
    }
    if (get_pnt(arg, p) < 0 || vec_of(PyObject_CallMethod(arg, "tangentAt", NULL), d) < 0)
        return -1;
    *d = zv_normalized(*d);
    return 0;
}

/* ------------------------------------------------------------------ Constraint */

typedef struct {
    PyObject_HEAD
    PyObject *objects, *args, *sublocs, *kind, *param;
} CQConstraint;

static int is_real(PyObject *o)
{
    return (PyLong_Check(o) && !PyBool_Check(o)) || PyFloat_Check(o);
}

static int is_real3(PyObject *o)
{
    if (!PyTuple_Check(o) || PyTuple_GET_SIZE(o) != 3)
        return 0;
    for (int i = 0; i < 3; i++)
        if (!is_real(PyTuple_GET_ITEM(o, i)))
            return 0;
    return 1;
}

/* Validates the entities and the parameter of a simple kind. */
static int validate(PyObject *args, int kind, PyObject *param)
{
    static const int ARITY[K_COUNT] = {2, 2, 2, 2, 1, 1, 1, 1, 2};
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n != ARITY[kind]) {
        PyErr_Format(PyExc_ValueError, "Invalid number of entities for constraint %s. Provided %zd, required %d.",
                     KIND_NAMES[kind], n, ARITY[kind]);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *a = PyTuple_GET_ITEM(args, i);
        zk_vec p, d;
        int rc = 0;
        switch (kind) {
        case K_POINT: rc = get_pnt(a, &p); break;
        case K_AXIS: rc = get_axis(a, &d); break;
        case K_PIP: rc = i == 0 ? get_pnt(a, &p) : get_pln(a, &p, &d); break;
        case K_POL: rc = i == 0 ? get_pnt(a, &p) : get_lin(a, &p, &d); break;
        case K_FIXEDPOINT: rc = get_pnt(a, &p); break;
        case K_FIXEDAXIS: rc = get_axis(a, &d); break;
        default: break;
        }
        if (rc < 0) {
            PyErr_Clear();
            PyErr_Format(PyExc_ValueError, "Unsupported entity %R for constraint %s.", a, KIND_NAMES[kind]);
            return -1;
        }
    }
    if (param == Py_None)
        return 0;
    int ok = (kind == K_FIXED) ? 0
             : (kind == K_FIXEDPOINT || kind == K_FIXEDAXIS || kind == K_FIXEDROT) ? is_real3(param)
                                                                                    : is_real(param);
    if (!ok) {
        PyErr_Format(PyExc_ValueError, "Unsupported argument type %.100s for constraint %s.", Py_TYPE(param)->tp_name,
                     KIND_NAMES[kind]);
        return -1;
    }
    return 0;
}

static PyObject *radians_of(PyObject *p)
{
    if (p == Py_None)
        return Py_NewRef(Py_None);
    if (PyTuple_Check(p))
        return Py_BuildValue("(ddd)", PyFloat_AsDouble(PyTuple_GET_ITEM(p, 0)) * M_PI / 180,
                             PyFloat_AsDouble(PyTuple_GET_ITEM(p, 1)) * M_PI / 180,
                             PyFloat_AsDouble(PyTuple_GET_ITEM(p, 2)) * M_PI / 180);
    return PyFloat_FromDouble(PyFloat_AsDouble(p) * M_PI / 180);
}

static int constraint_init(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"objects", "args", "sublocs", "kind", "param", NULL};
    CQConstraint *c = (CQConstraint *)self;
    PyObject *objects, *cargs, *sublocs, *kind, *param = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOOO|O:Constraint", kwlist, &objects, &cargs, &sublocs, &kind, &param))
        return -1;
    int k = kind_of(kind);
    if (k < 0) {
        PyErr_Format(PyExc_ValueError, "Unknown constraint %S.", kind);
        return -1;
    }
    PyObject *targs = PySequence_Tuple(cargs);
    if (!targs)
        return -1;
    PyObject *stored = NULL;
    int rc = -1;
    if (k == K_PLANE) {
        PyObject *angle = radians_of(param);
        PyObject *zero = PyLong_FromLong(0);
        if (angle && zero && validate(targs, K_AXIS, angle) == 0 && validate(targs, K_POINT, zero) == 0)
            stored = Py_NewRef(param);
        Py_XDECREF(angle);
        Py_XDECREF(zero);
    } else if (validate(targs, k, param) == 0) {
        stored = (k == K_AXIS || k == K_FIXEDROT) ? radians_of(param) : Py_NewRef(param);
    }
    if (stored) {
        Py_XSETREF(c->objects, PySequence_Tuple(objects));
        Py_XSETREF(c->args, Py_NewRef(targs));
        Py_XSETREF(c->sublocs, PySequence_Tuple(sublocs));
        Py_XSETREF(c->kind, Py_NewRef(kind));
        Py_XSETREF(c->param, stored);
        rc = c->objects && c->sublocs ? 0 : -1;
    }
    Py_DECREF(targs);
    return rc;
}

static void constraint_dealloc(PyObject *self)
{
    CQConstraint *c = (CQConstraint *)self;
    Py_CLEAR(c->objects);
    Py_CLEAR(c->args);
    Py_CLEAR(c->sublocs);
    Py_CLEAR(c->kind);
    Py_CLEAR(c->param);
    Py_TYPE(self)->tp_free(self);
}

static PyMemberDef constraint_members[] = {
    {"objects", T_OBJECT, offsetof(CQConstraint, objects), READONLY, "names of the constrained parts"},
    {"args", T_OBJECT, offsetof(CQConstraint, args), READONLY, "the subshapes"},
    {"sublocs", T_OBJECT, offsetof(CQConstraint, sublocs), READONLY, "locations inside sub-assemblies"},
    {"kind", T_OBJECT, offsetof(CQConstraint, kind), READONLY, "constraint kind"},
    {"param", T_OBJECT, offsetof(CQConstraint, param), READONLY, "parameter (angles in radians)"},
    {NULL, 0, 0, 0, NULL}
};

PyTypeObject CQConstraintType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.assembly.Constraint",
    .tp_basicsize = sizeof(CQConstraint),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Geometrical constraint specification between shapes of an assembly.",
    .tp_new = PyType_GenericNew,
    .tp_init = constraint_init,
    .tp_dealloc = constraint_dealloc,
    .tp_members = constraint_members,
};

/* ------------------------------------------------------------------ solver model */

typedef struct {
    int kind;             /* simple kind */
    int e[2];             /* entity indices */
    zk_vec p[2], d[2];    /* markers */
    double val;           /* scalar parameter */
    int has_val;
    double v3[3];         /* FixedPoint / FixedAxis vector, FixedRotation quaternion in v3+q */
    double q[4];          /* FixedRotation target (w, x, y, z) */
} pod;

typedef struct {
    size_t ne;
    const int *free_index;    /* entity -> first variable index, -1 when locked */
    const double *T0, *R0;    /* 3 per entity */
    const pod *pods;
    size_t np;
    double scale;
} model;

static void rotate(const double R[3], const double v[3], double out[3])
{
    double m = R[0] * R[0] + R[1] * R[1] + R[2] * R[2];
    double u[3] = {2 * R[0] / (1 + m), 2 * R[1] / (1 + m), 2 * R[2] / (1 + m)};
    double s = (1 - m) / (1 + m);
    double uv = u[0] * v[0] + u[1] * v[1] + u[2] * v[2], uu = u[0] * u[0] + u[1] * u[1] + u[2] * u[2];
    double cx[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    for (int i = 0; i < 3; i++)
        out[i] = 2 * uv * u[i] + (s * s - uu) * v[i] + 2 * s * cx[i];
}

static void pose(const model *m, const double *x, int e, double T[3], double R[3])
{
    for (int i = 0; i < 3; i++) {
        T[i] = m->T0[3 * e + i];
        R[i] = m->R0[3 * e + i];
    }
    int k = m->free_index[e];
    if (k >= 0)
        for (int i = 0; i < 3; i++) {
            T[i] += m->scale * x[k + i];
            R[i] += x[k + 3 + i];
        }
}

static void transform(const double T[3], const double R[3], zk_vec p, double out[3])
{
    double v[3] = {p.x, p.y, p.z};
    rotate(R, v, out);
    for (int i = 0; i < 3; i++)
        out[i] += T[i];
}

static double dot3(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static double pod_cost(const model *m, const pod *c, const double *x)
{
    double T1[3], R1[3], T2[3], R2[3], a[3], b[3], s = m->scale;
    pose(m, x, c->e[0], T1, R1);
    if (c->e[1] >= 0)
        pose(m, x, c->e[1], T2, R2);
    switch (c->kind) {
    case K_POINT: {
        transform(T1, R1, c->p[0], a);
        transform(T2, R2, c->p[1], b);
        double d2 = 0;
        for (int i = 0; i < 3; i++)
            d2 += (a[i] - b[i]) * (a[i] - b[i]) / (s * s);
        double v = c->has_val ? c->val : 0;
        return v == 0 ? d2 : (d2 - (v / s) * (v / s)) * (d2 - (v / s) * (v / s));
    }
    case K_AXIS: {
        double v1[3] = {c->d[0].x, c->d[0].y, c->d[0].z}, v2[3] = {c->d[1].x, c->d[1].y, c->d[1].z};
        rotate(R1, v1, a);
        rotate(R2, v2, b);
        double v = c->has_val ? c->val : M_PI, r = 0;
        if (v == 0 || v == M_PI) {
            for (int i = 0; i < 3; i++)
                r += (v == 0 ? a[i] - b[i] : a[i] + b[i]) * (v == 0 ? a[i] - b[i] : a[i] + b[i]);
            return r;
        }
        r = dot3(a, b) - cos(v);
        return r * r;
    }
    case K_PIP: {
        double v = c->has_val ? c->val : 0, n[3], q[3];
        double dn[3] = {c->d[1].x, c->d[1].y, c->d[1].z};
        zk_vec origin = zv_add(c->p[1], zv_scale(c->d[1], v));
        rotate(R2, dn, n);
        transform(T2, R2, origin, a);
        transform(T1, R1, c->p[0], q);
        double r = (n[0] * (a[0] - q[0]) + n[1] * (a[1] - q[1]) + n[2] * (a[2] - q[2])) / s;
        return r * r;
    }
    case K_POL: {
        double dn[3] = {c->d[1].x, c->d[1].y, c->d[1].z}, n[3], d[3];
        transform(T1, R1, c->p[0], a);
        transform(T2, R2, c->p[1], b);
        rotate(R2, dn, n);
        for (int i = 0; i < 3; i++)
            d[i] = a[i] - b[i];
        double dd = dot3(d, n), r = 0;
        for (int i = 0; i < 3; i++)
            r += (d[i] - n[i] * dd) * (d[i] - n[i] * dd) / (s * s);
        double v = c->has_val ? c->val : 0;
        return v == 0 ? r : (r - v) * (r - v);
    }
    case K_FIXEDPOINT: {
        transform(T1, R1, c->p[0], a);
        double r = 0;
        for (int i = 0; i < 3; i++)
            r += (a[i] - c->v3[i]) * (a[i] - c->v3[i]) / (s * s);
        return r;
    }
    case K_FIXEDAXIS: {
        double v1[3] = {c->d[0].x, c->d[0].y, c->d[0].z}, r = 0;
        double len = sqrt(dot3(c->v3, c->v3));
        rotate(R1, v1, a);
        for (int i = 0; i < 3; i++)
            r += (a[i] - c->v3[i] / len) * (a[i] - c->v3[i] / len);
        return r;
    }
    case K_FIXEDROT: {
        double mm = dot3(R1, R1);
        double qs = (1 - mm) / (1 + mm), dq = qs * c->q[0];
        for (int i = 0; i < 3; i++)
            dq += 2 * R1[i] / (1 + mm) * c->q[1 + i];
        return 1 - dq * dq;
    }
    default:
        return 0;
    }
}

static double objective(const model *m, const double *x, size_t n)
{
    double f = 0, pen = 0;
    for (size_t i = 0; i < m->np; i++)
        f += pod_cost(m, &m->pods[i], x);
    for (size_t i = 0; i < n; i++) {
        pen += x[i] * x[i];
    }
    return f + 1e-16 * pen;
}

static double nlopt_f(unsigned n, const double *x, double *grad, void *data)
{
    const model *m = data;
    if (grad) {
        double xs[n];
        memcpy(xs, x, n * sizeof *x);
        for (unsigned i = 0; i < n; i++) {
            double h = 1e-7 * (1 + fabs(x[i]));
            xs[i] = x[i] + h;
            double fp = objective(m, xs, n);
            xs[i] = x[i] - h;
            double fm = objective(m, xs, n);
            xs[i] = x[i];
            grad[i] = (fp - fm) / (2 * h);
        }
    }
    return objective(m, x, n);
}

/* Solves (A + mu I) y = b in place (n x n, row-major) by Gaussian elimination with partial
 * pivoting; returns -1 for a singular system. */
static int solve_linear(double *A, double *b, unsigned n)
{
    for (unsigned c = 0; c < n; c++) {
        unsigned piv = c;
        for (unsigned r = c + 1; r < n; r++)
            if (fabs(A[r * n + c]) > fabs(A[piv * n + c]))
                piv = r;
        if (fabs(A[piv * n + c]) < 1e-300)
            return -1;
        if (piv != c) {
            for (unsigned k = 0; k < n; k++) {
                double t = A[c * n + k];
                A[c * n + k] = A[piv * n + k];
                A[piv * n + k] = t;
            }
            double t = b[c];
            b[c] = b[piv];
            b[piv] = t;
        }
        for (unsigned r = c + 1; r < n; r++) {
            double f = A[r * n + c] / A[c * n + c];
            for (unsigned k = c; k < n; k++)
                A[r * n + k] -= f * A[c * n + k];
            b[r] -= f * b[c];
        }
    }
    for (unsigned c = n; c-- > 0;) {
        for (unsigned k = c + 1; k < n; k++)
            b[c] -= A[c * n + k] * b[k];
        b[c] /= A[c * n + c];
    }
    return 0;
}

/* Damped Newton steps from the L-BFGS end point (gradient and Hessian by central differences):
 * the objective is a sum of squares near zero, so a few steps reach the round-off floor that
 * CadQuery's IPOPT run (tol 1e-14) reaches. Steps that do not lower the objective are refused. */
static void polish(const model *m, double *x, unsigned n)
{
    double *H = PyMem_Calloc((size_t)n * n, sizeof *H), *g = PyMem_Calloc(n, sizeof *g),
           *xs = PyMem_Calloc(n, sizeof *xs), *y = PyMem_Calloc(n, sizeof *y);
    if (!H || !g || !xs || !y)
        goto done;
    double f = objective(m, x, n);
    for (int it = 0; it < 20 && f > 0; it++) {
        const double h = 1e-5;
        memcpy(xs, x, n * sizeof *x);
        for (unsigned i = 0; i < n; i++) {
            xs[i] = x[i] + h;
            double fp = objective(m, xs, n);
            xs[i] = x[i] - h;
            double fm = objective(m, xs, n);
            xs[i] = x[i];
            g[i] = (fp - fm) / (2 * h);
            H[i * n + i] = (fp - 2 * f + fm) / (h * h);
            for (unsigned j = 0; j < i; j++) {
                double v[4];
                for (int k = 0; k < 4; k++) {
                    xs[i] = x[i] + ((k & 1) ? -h : h);
                    xs[j] = x[j] + ((k & 2) ? -h : h);
                    v[k] = objective(m, xs, n);
                }
                xs[i] = x[i];
                xs[j] = x[j];
                H[i * n + j] = H[j * n + i] = (v[0] - v[1] - v[2] + v[3]) / (4 * h * h);
            }
        }
        double tr = 0;
        for (unsigned i = 0; i < n; i++)
            tr += fabs(H[i * n + i]);
        int improved = 0;
        for (double mu = 1e-12 * (tr + 1e-300); mu < 1e6 * (tr + 1); mu *= 100) {
            double *A = PyMem_Calloc((size_t)n * n, sizeof *A);
            if (!A)
                goto done;
            memcpy(A, H, (size_t)n * n * sizeof *A);
            for (unsigned i = 0; i < n; i++) {
                A[i * n + i] += mu;
                y[i] = g[i];
            }
            int ok = solve_linear(A, y, n) == 0;
            PyMem_Free(A);
            if (!ok)
                continue;
            for (unsigned i = 0; i < n; i++)
                xs[i] = x[i] - y[i];
            double fn = objective(m, xs, n);
            if (fn < f) {
                memcpy(x, xs, n * sizeof *x);
                improved = f - fn > 1e-3 * f;
                f = fn;
                break;
            }
        }
        if (!improved)
            break;
    }
done:
    PyMem_Free(H);
    PyMem_Free(g);
    PyMem_Free(xs);
    PyMem_Free(y);
}

/* Rotation part of t as a unit quaternion (w, x, y, z), w >= 0. */
static void quat_of(const zk_trsf *t, double q[4])
{
    const double(*a)[4] = t->m;
    double tr = a[0][0] + a[1][1] + a[2][2];
    if (tr > 0) {
        double s = sqrt(tr + 1.0) * 2;
        q[0] = 0.25 * s;
        q[1] = (a[2][1] - a[1][2]) / s;
        q[2] = (a[0][2] - a[2][0]) / s;
        q[3] = (a[1][0] - a[0][1]) / s;
    } else if (a[0][0] > a[1][1] && a[0][0] > a[2][2]) {
        double s = sqrt(1.0 + a[0][0] - a[1][1] - a[2][2]) * 2;
        q[0] = (a[2][1] - a[1][2]) / s;
        q[1] = 0.25 * s;
        q[2] = (a[0][1] + a[1][0]) / s;
        q[3] = (a[0][2] + a[2][0]) / s;
    } else if (a[1][1] > a[2][2]) {
        double s = sqrt(1.0 + a[1][1] - a[0][0] - a[2][2]) * 2;
        q[0] = (a[0][2] - a[2][0]) / s;
        q[1] = (a[0][1] + a[1][0]) / s;
        q[2] = 0.25 * s;
        q[3] = (a[1][2] + a[2][1]) / s;
    } else {
        double s = sqrt(1.0 + a[2][2] - a[0][0] - a[1][1]) * 2;
        q[0] = (a[1][0] - a[0][1]) / s;
        q[1] = (a[0][2] + a[2][0]) / s;
        q[2] = (a[1][2] + a[2][1]) / s;
        q[3] = 0.25 * s;
    }
    double nrm = sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    for (int i = 0; i < 4; i++)
        q[i] /= (q[0] < 0 ? -nrm : nrm);
}

static void loc_to_dof(const zk_trsf *t, double T[3], double R[3])
{
    double q[4];
    quat_of(t, q);
    for (int i = 0; i < 3; i++) {
        T[i] = t->m[i][3];
        R[i] = q[1 + i] / (1 + q[0]);   /* (alpha^2 + 1) q / 2 with alpha^2 = (1 - w) / (1 + w) */
    }
}

static void dof_to_loc(const double T[3], const double R[3], zk_trsf *t)
{
    double m = dot3(R, R);
    double w = (1 - m) / (m + 1), x = 2 * R[0] / (m + 1), y = 2 * R[1] / (m + 1), z = 2 * R[2] / (m + 1);
    t->m[0][0] = 1 - 2 * (y * y + z * z);
    t->m[0][1] = 2 * (x * y - z * w);
    t->m[0][2] = 2 * (x * z + y * w);
    t->m[1][0] = 2 * (x * y + z * w);
    t->m[1][1] = 1 - 2 * (x * x + z * z);
    t->m[1][2] = 2 * (y * z - x * w);
    t->m[2][0] = 2 * (x * z - y * w);
    t->m[2][1] = 2 * (y * z + x * w);
    t->m[2][2] = 1 - 2 * (x * x + y * y);
    for (int i = 0; i < 3; i++)
        t->m[i][3] = T[i];
}

/* Extrinsic X, Y, Z Euler angles (radians) as a quaternion (w, x, y, z): q = qz * qy * qx. */
static void euler_xyz_quat(const double a[3], double q[4])
{
    double cx = cos(a[0] / 2), sx = sin(a[0] / 2), cy = cos(a[1] / 2), sy = sin(a[1] / 2), cz = cos(a[2] / 2),
           sz = sin(a[2] / 2);
    q[0] = cz * cy * cx + sz * sy * sx;
    q[1] = cz * cy * sx - sz * sy * cx;
    q[2] = cz * sy * cx + sz * cy * sx;
    q[3] = sz * cy * cx - cz * sy * sx;
}

/* ------------------------------------------------------------------ Constraint -> pods */

static PyObject *located_arg(PyObject *arg, PyObject *subloc)
{
    if (!cq_shape_check(arg))
        return Py_NewRef(arg);
    PyObject *own = PyObject_CallMethod(arg, "location", NULL);
    PyObject *l = own ? PyNumber_Multiply(subloc, own) : NULL;
    PyObject *r = l ? PyObject_CallMethod(arg, "located", "O", l) : NULL;
    Py_XDECREF(own);
    Py_XDECREF(l);
    return r;
}

static int param_val(PyObject *p, pod *out)
{
    out->has_val = p != Py_None;
    out->val = out->has_val ? PyFloat_AsDouble(p) : 0;
    return PyErr_Occurred() ? -1 : 0;
}

/* Appends the simple constraints of c to pods (capacity checked by the caller: at most 3 each). */
static int constraint_pods(CQConstraint *c, const int *ents, pod *pods, size_t *np)
{
    int k = kind_of(c->kind);
    Py_ssize_t n = PyTuple_GET_SIZE(c->args);
    PyObject *a[2] = {NULL, NULL};
    int rc = -1;
    for (Py_ssize_t i = 0; i < n && i < 2; i++)
        if (!(a[i] = located_arg(PyTuple_GET_ITEM(c->args, i), PyTuple_GET_ITEM(c->sublocs, i))))
            goto done;
    pod p;
    memset(&p, 0, sizeof p);
    p.e[0] = ents[0];
    p.e[1] = n > 1 ? ents[1] : -1;
    switch (k) {
    case K_POINT:
        p.kind = K_POINT;
        if (get_pnt(a[0], &p.p[0]) < 0 || get_pnt(a[1], &p.p[1]) < 0 || param_val(c->param, &p) < 0)
            goto done;
        pods[(*np)++] = p;
        break;
    case K_AXIS:
        p.kind = K_AXIS;
        if (get_axis(a[0], &p.d[0]) < 0 || get_axis(a[1], &p.d[1]) < 0 || param_val(c->param, &p) < 0)
            goto done;
        pods[(*np)++] = p;
        break;
    case K_PLANE: {
        p.kind = K_AXIS;
        if (get_axis(a[0], &p.d[0]) < 0 || get_axis(a[1], &p.d[1]) < 0)
            goto done;
        PyObject *rad = radians_of(c->param);
        int ok = rad && param_val(rad, &p) == 0;
        Py_XDECREF(rad);
        if (!ok)
            goto done;
        pods[(*np)++] = p;
        p.kind = K_POINT;
        p.has_val = 1;
        p.val = 0;
        if (get_pnt(a[0], &p.p[0]) < 0 || get_pnt(a[1], &p.p[1]) < 0)
            goto done;
        pods[(*np)++] = p;
        break;
    }
    case K_PIP:
        p.kind = K_PIP;
        if (get_pnt(a[0], &p.p[0]) < 0 || get_pln(a[1], &p.p[1], &p.d[1]) < 0 || param_val(c->param, &p) < 0)
            goto done;
        pods[(*np)++] = p;
        break;
    case K_POL:
        p.kind = K_POL;
        if (get_pnt(a[0], &p.p[0]) < 0 || get_lin(a[1], &p.p[1], &p.d[1]) < 0 || param_val(c->param, &p) < 0)
            goto done;
        pods[(*np)++] = p;
        break;
    case K_FIXED:
        p.kind = K_FIXED;
        pods[(*np)++] = p;
        break;
    case K_FIXEDPOINT:
    case K_FIXEDAXIS:
    case K_FIXEDROT:
        p.kind = k;
        if (c->param == Py_None) {
            PyErr_Format(PyExc_ValueError, "constraint %s needs a parameter", KIND_NAMES[k]);
            goto done;
        }
        for (int i = 0; i < 3; i++)
            p.v3[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(c->param, i));
        if (PyErr_Occurred())
            goto done;
        if (k == K_FIXEDPOINT && get_pnt(a[0], &p.p[0]) < 0)
            goto done;
        if (k == K_FIXEDAXIS && get_axis(a[0], &p.d[0]) < 0)
            goto done;
        if (k == K_FIXEDROT)
            euler_xyz_quat(p.v3, p.q);
        pods[(*np)++] = p;
        if (k == K_FIXEDROT) {   /* CadQuery adds its cost three times */
            pods[(*np)++] = p;
            pods[(*np)++] = p;
        }
        break;
    default:
        PyErr_Format(PyExc_ValueError, "Unknown constraint kind %S", c->kind);
        goto done;
    }
    rc = 0;
done:
    Py_XDECREF(a[0]);
    Py_XDECREF(a[1]);
    return rc;
}

/* ------------------------------------------------------------------ Assembly._query, _subloc, constrain */

static int parse_query(const char *q, char *name, char *tag, char *kind, char *sel, size_t cap)
{
    const char *at = strchr(q, '@');
    size_t hl = at ? (size_t)(at - q) : strlen(q);
    char head[512];
    if (hl >= sizeof head || strlen(q) >= cap)
        return -1;
    memcpy(head, q, hl);
    head[hl] = 0;
    char *qm = strchr(head, '?');
    tag[0] = kind[0] = sel[0] = 0;
    if (qm) {
        *qm = 0;
        snprintf(tag, cap, "%s", qm + 1);
    }
    snprintf(name, cap, "%s", head);
    if (at) {
        const char *at2 = strchr(at + 1, '@');
        if (!at2)
            return -1;
        snprintf(kind, cap, "%.*s", (int)(at2 - at - 1), at + 1);
        snprintf(sel, cap, "%s", at2 + 1);
    }
    /* trim and validate: name = word ("/" word)*, tag = word, kind in solids/faces/edges/vertices */
    char *fields[3] = {name, tag, kind};
    for (int f = 0; f < 3; f++) {
        char *s = fields[f], *e;
        while (isspace((unsigned char)*s))
            s++;
        memmove(fields[f], s, strlen(s) + 1);
        e = fields[f] + strlen(fields[f]);
        while (e > fields[f] && isspace((unsigned char)e[-1]))
            *--e = 0;
    }
    int start = 1;
    for (const char *c = name; *c; c++) {
        if (*c == '/') {
            if (start)
                return -1;
            start = 1;
        } else if (start ? !isalpha((unsigned char)*c) : !(isalnum((unsigned char)*c) || *c == '_')) {
            return -1;
        } else {
            start = 0;
        }
    }
    if (!*name || start)
        return -1;
    if (qm && (!*tag || !isalpha((unsigned char)tag[0])))
        return -1;
    if (at && strcmp(kind, "solids") && strcmp(kind, "faces") && strcmp(kind, "edges") && strcmp(kind, "vertices"))
        return -1;
    return 0;
}

static PyObject *asm_query(PyObject *self, PyObject *qobj)
{
    const char *q = PyUnicode_Check(qobj) ? PyUnicode_AsUTF8(qobj) : NULL;
    char name[512], tag[512], kind[512], sel[512];
    if (!q || parse_query(q, name, tag, kind, sel, sizeof name) < 0) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_ValueError, "Invalid assembly query: %R", qobj);
        return NULL;
    }
    PyObject *nm = PyUnicode_FromString(name);
    PyObject *node = nm ? PyObject_GetItem(cq_asm_field(self, "objects"), nm) : NULL;
    PyObject *tmp = NULL, *res = NULL, *val = NULL, *r = NULL;
    if (!node)
        goto done;
    PyObject *obj = cq_asm_field(node, "obj");
    if (cq_wp_check(obj) && *tag) {
        tmp = PyObject_CallMethod(obj, "_getTagged", "s", tag);
    } else if (cq_wp_check(obj) || cq_shape_check(obj)) {
        PyObject *wp = PyObject_CallNoArgs((PyObject *)&CQWorkplaneType);
        tmp = wp ? PyObject_CallMethod(wp, "add", "O", obj) : NULL;
        Py_XDECREF(wp);
    } else {
        PyErr_SetString(PyExc_ValueError, "Workplane or Shape required to define a constraint");
    }
    if (!tmp)
        goto done;
    res = *kind ? PyObject_CallMethod(tmp, kind, "s", sel) : Py_NewRef(tmp);
    val = res ? PyObject_CallMethod(res, "val", NULL) : NULL;
    if (val)
        r = PyTuple_Pack(2, nm, cq_shape_check(val) ? val : Py_None);
done:
    Py_XDECREF(nm);
    Py_XDECREF(node);
    Py_XDECREF(tmp);
    Py_XDECREF(res);
    Py_XDECREF(val);
    return r;
}

/* (relative location of a nested object, name of its top-level ancestor under self) */
static PyObject *asm_subloc(PyObject *self, PyObject *name)
{
    PyObject *obj = PyObject_GetItem(cq_asm_field(self, "objects"), name);
    if (!obj)
        return NULL;
    zk_trsf rv;
    zt_identity(&rv);
    PyObject *name_out = Py_NewRef(name);
    int in_children = PySequence_Contains(cq_asm_field(self, "children"), obj);
    if (in_children < 0)
        goto fail;
    if (!in_children && obj != self) {
        int first = 1;
        while (cq_asm_field(obj, "parent") != self) {
            zk_trsf l, out;
            if (cq_location_get(cq_asm_field(obj, "loc"), &l) < 0)
                goto fail;
            if (first)
                rv = l;
            else {
                zt_mul(&l, &rv, &out);
                rv = out;
            }
            first = 0;
            PyObject *parent = cq_asm_field(obj, "parent");
            if (parent == Py_None) {
                PyErr_Format(PyExc_ValueError, "%S is not inside the assembly", name);
                goto fail;
            }
            Py_SETREF(obj, Py_NewRef(parent));
            Py_SETREF(name_out, Py_NewRef(cq_asm_field(obj, "name")));
        }
    }
    Py_DECREF(obj);
    PyObject *loc = cq_location_new(&rv);
    return loc ? Py_BuildValue("(NN)", loc, name_out) : (Py_DECREF(name_out), NULL);
fail:
    Py_DECREF(obj);
    Py_DECREF(name_out);
    return NULL;
}

static PyObject *asm_constrain(PyObject *self, PyObject *args, PyObject *kw)
{
    PyObject *param = Py_None;
    if (kw) {
        PyObject *p = PyDict_GetItemString(kw, "param");
        if (p)
            param = p;
        if (PyDict_Size(kw) > (p ? 1 : 0)) {
            PyErr_SetString(PyExc_TypeError, "constrain() accepts only the keyword param");
            return NULL;
        }
    }
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *id1 = NULL, *s1 = NULL, *id2 = NULL, *s2 = NULL, *kind = NULL, *q1 = NULL, *q2 = NULL;
    PyObject *r1 = NULL, *r2 = NULL, *c = NULL, *l1 = NULL, *l2 = NULL;
    PyObject *A = args;
    if (n == 2) {
        q1 = PyTuple_GET_ITEM(A, 0);
        kind = PyTuple_GET_ITEM(A, 1);
    } else if (n == 3 && is_unary(kind_of(PyTuple_GET_ITEM(A, 1)))) {
        q1 = PyTuple_GET_ITEM(A, 0);
        kind = PyTuple_GET_ITEM(A, 1);
        param = PyTuple_GET_ITEM(A, 2);
    } else if (n == 3 || n == 4) {
        q1 = PyTuple_GET_ITEM(A, 0);
        q2 = PyTuple_GET_ITEM(A, 1);
        kind = PyTuple_GET_ITEM(A, 2);
        if (n == 4)
            param = PyTuple_GET_ITEM(A, 3);
    } else if (n == 5 || n == 6) {
        id1 = PyTuple_GET_ITEM(A, 0);
        s1 = PyTuple_GET_ITEM(A, 1);
        id2 = PyTuple_GET_ITEM(A, 2);
        s2 = PyTuple_GET_ITEM(A, 3);
        kind = PyTuple_GET_ITEM(A, 4);
        if (n == 6)
            param = PyTuple_GET_ITEM(A, 5);
    } else {
        PyErr_Format(PyExc_ValueError, "Incompatible arguments: %R", args);
        return NULL;
    }
    if (q1) {
        if (!(r1 = asm_query(self, q1)))
            goto done;
        id1 = PyTuple_GET_ITEM(r1, 0);
        s1 = PyTuple_GET_ITEM(r1, 1);
    }
    if (q2) {
        if (!(r2 = asm_query(self, q2)))
            goto done;
        id2 = PyTuple_GET_ITEM(r2, 0);
        s2 = PyTuple_GET_ITEM(r2, 1);
    }
    int k = kind_of(kind);
    if (k < 0 || (is_unary(k) ? 0 : !id2)) {
        PyErr_Format(PyExc_ValueError, "Unknown constraint: %S", kind);
        goto done;
    }
    if (!(l1 = asm_subloc(self, id1)))
        goto done;
    if (is_unary(k)) {
        c = PyObject_CallFunction((PyObject *)&CQConstraintType, "(O)(O)(O)OO", PyTuple_GET_ITEM(l1, 1), s1,
                                  PyTuple_GET_ITEM(l1, 0), kind, param);
    } else {
        if (!(l2 = asm_subloc(self, id2)))
            goto done;
        c = PyObject_CallFunction((PyObject *)&CQConstraintType, "(OO)(OO)(OO)OO", PyTuple_GET_ITEM(l1, 1),
                                  PyTuple_GET_ITEM(l2, 1), s1, s2, PyTuple_GET_ITEM(l1, 0), PyTuple_GET_ITEM(l2, 0),
                                  kind, param);
    }
    if (c && PyList_Append(cq_asm_field(self, "constraints"), c) < 0)
        Py_CLEAR(c);
done:
    Py_XDECREF(r1);
    Py_XDECREF(r2);
    Py_XDECREF(l1);
    Py_XDECREF(l2);
    if (!c)
        return NULL;
    Py_DECREF(c);
    return Py_NewRef(self);
}

/* ------------------------------------------------------------------ solve */

static PyObject *asm_solve(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"verbosity", NULL};
    int verbosity = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|i:solve", kwlist, &verbosity))
        return NULL;
    PyObject *constraints = cq_asm_field(self, "constraints");
    PyObject *ents = PyDict_New(), *locked = PyList_New(0), *names = PyList_New(0);
    pod *pods = NULL;
    int *free_index = NULL, *eidx = NULL;
    double *T0 = NULL, *R0 = NULL, *x = NULL;
    PyObject *r = NULL;
    if (!ents || !locked || !names)
        goto done;
    Py_ssize_t nc = PyList_GET_SIZE(constraints);
    for (Py_ssize_t i = 0; i < nc; i++) {
        CQConstraint *c = (CQConstraint *)PyList_GET_ITEM(constraints, i);
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(c->objects); j++) {
            PyObject *nm = PyTuple_GET_ITEM(c->objects, j);
            if (PyDict_Contains(ents, nm) == 0) {
                PyObject *ix = PyLong_FromSsize_t(PyList_GET_SIZE(names));
                if (!ix || PyDict_SetItem(ents, nm, ix) < 0 || PyList_Append(names, nm) < 0) {
                    Py_XDECREF(ix);
                    goto done;
                }
                Py_DECREF(ix);
            }
            PyObject *ix = PyDict_GetItem(ents, nm);
            int is_root = PyObject_RichCompareBool(nm, cq_asm_field(self, "name"), Py_EQ);
            if ((kind_of(c->kind) == K_FIXED || is_root == 1) && PySequence_Contains(locked, ix) == 0 &&
                PyList_Append(locked, ix) < 0)
                goto done;
        }
    }
    if (PyList_GET_SIZE(locked) == 0) {
        for (Py_ssize_t i = 0; i < nc; i++) {
            CQConstraint *c = (CQConstraint *)PyList_GET_ITEM(constraints, i);
            if (is_unary(kind_of(c->kind)))
                continue;
            PyObject *b = PyTuple_GET_ITEM(c->objects, 0);
            int unary_has = 0;
            for (Py_ssize_t j = 0; j < nc; j++) {
                CQConstraint *u = (CQConstraint *)PyList_GET_ITEM(constraints, j);
                if (is_unary(kind_of(u->kind)) &&
                    PyObject_RichCompareBool(PyTuple_GET_ITEM(u->objects, 0), b, Py_EQ) == 1)
                    unary_has = 1;
            }
            if (!unary_has) {
                if (PyList_Append(locked, PyDict_GetItem(ents, b)) < 0)
                    goto done;
                break;
            }
        }
    }
    size_t ne = (size_t)PyList_GET_SIZE(names);
    if (PyList_GET_SIZE(locked) == 0 && ne > 0) {
        PyObject *zero = PyLong_FromLong(0);
        if (!zero || PyList_Append(locked, zero) < 0) {
            Py_XDECREF(zero);
            goto done;
        }
        Py_DECREF(zero);
    }
    pods = PyMem_Calloc((size_t)nc * 3 + 1, sizeof *pods);
    if (!pods) {
        PyErr_NoMemory();
        goto done;
    }
    size_t np = 0;
    for (Py_ssize_t i = 0; i < nc; i++) {
        CQConstraint *c = (CQConstraint *)PyList_GET_ITEM(constraints, i);
        int ix[2] = {-1, -1};
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(c->objects) && j < 2; j++)
            ix[j] = (int)PyLong_AsLong(PyDict_GetItem(ents, PyTuple_GET_ITEM(c->objects, j)));
        if (constraint_pods(c, ix, pods, &np) < 0)
            goto done;
    }
    if (np == 0) {
        PyErr_SetString(PyExc_ValueError, "At least one constraint required");
        goto done;
    }
    if (ne < 2) {
        PyErr_SetString(PyExc_ValueError, "At least two entities need to be constrained");
        goto done;
    }
    PyObject *comp = PyObject_CallMethod(self, "toCompound", NULL);
    PyObject *bb = comp ? PyObject_CallMethod(comp, "BoundingBox", NULL) : NULL;
    PyObject *diag = bb ? PyObject_GetAttrString(bb, "DiagonalLength") : NULL;
    double scale = diag ? PyFloat_AsDouble(diag) : -1;
    Py_XDECREF(comp);
    Py_XDECREF(bb);
    Py_XDECREF(diag);
    if (PyErr_Occurred())
        goto done;
    if (!(scale > 0))
        scale = 1;
    free_index = PyMem_Calloc(ne, sizeof *free_index);
    T0 = PyMem_Calloc(3 * ne, sizeof *T0);
    R0 = PyMem_Calloc(3 * ne, sizeof *R0);
    x = PyMem_Calloc(6 * ne + 1, sizeof *x);
    eidx = free_index;
    if (!free_index || !T0 || !R0 || !x) {
        PyErr_NoMemory();
        goto done;
    }
    unsigned nv = 0;
    for (size_t e = 0; e < ne; e++) {
        PyObject *node = PyObject_GetItem(cq_asm_field(self, "objects"), PyList_GET_ITEM(names, e));
        zk_trsf t;
        int ok = node && cq_location_get(cq_asm_field(node, "loc"), &t) == 0;
        Py_XDECREF(node);
        if (!ok)
            goto done;
        loc_to_dof(&t, &T0[3 * e], &R0[3 * e]);
        PyObject *ix = PyLong_FromSize_t(e);
        int is_locked = ix ? PySequence_Contains(locked, ix) : -1;
        Py_XDECREF(ix);
        if (is_locked < 0)
            goto done;
        if (is_locked) {
            free_index[e] = -1;
        } else {
            free_index[e] = (int)nv;
            for (int i = 0; i < 3; i++)
                x[nv + 3 + i] = 1e-2;
            nv += 6;
        }
    }
    model m = {ne, free_index, T0, R0, pods, np, scale};
    if (nv > 0) {
        nlopt_opt opt = nlopt_create(NLOPT_LD_LBFGS, nv);
        if (!opt) {
            PyErr_NoMemory();
            goto done;
        }
        nlopt_set_min_objective(opt, nlopt_f, &m);
        nlopt_set_ftol_abs(opt, 1e-30);
        nlopt_set_xtol_rel(opt, 1e-15);
        nlopt_set_maxeval(opt, 20000);
        double fmin = 0;
        Py_BEGIN_ALLOW_THREADS
        nlopt_optimize(opt, x, &fmin);
        polish(&m, x, nv);
        fmin = objective(&m, x, nv);
        Py_END_ALLOW_THREADS
        nlopt_destroy(opt);
        if (verbosity > 0)
            PySys_WriteStdout("assembly solve: objective %g\n", fmin);
        PyObject *res = Py_BuildValue("{sdsd}", "objective", fmin, "scale", scale);
        if (!res || PyObject_SetAttrString(self, "_solve_result", res) < 0) {
            Py_XDECREF(res);
            goto done;
        }
        Py_DECREF(res);
    }
    /* new locations, relative to the root when the root is constrained */
    zk_trsf root_inv;
    zt_identity(&root_inv);
    int has_obj = PyObject_IsTrue(cq_asm_field(self, "obj"));
    for (size_t e = 0; has_obj == 1 && e < ne; e++)
        if (PyObject_RichCompareBool(PyList_GET_ITEM(names, e), cq_asm_field(self, "name"), Py_EQ) == 1) {
            double T[3], R[3];
            zk_trsf t;
            pose(&m, x, (int)e, T, R);
            dof_to_loc(T, R, &t);
            zt_inverse(&t, &root_inv);
        }
    for (size_t e = 0; e < ne; e++) {
        PyObject *nm = PyList_GET_ITEM(names, e);
        if (PyObject_RichCompareBool(nm, cq_asm_field(self, "name"), Py_EQ) == 1)
            continue;
        double T[3], R[3];
        zk_trsf t, out;
        pose(&m, x, (int)e, T, R);
        dof_to_loc(T, R, &t);
        zt_mul(&root_inv, &t, &out);
        PyObject *loc = cq_location_new(&out);
        PyObject *node = loc ? PyObject_GetItem(cq_asm_field(self, "objects"), nm) : NULL;
        int ok = node && PyObject_SetAttrString(node, "loc", loc) == 0;
        Py_XDECREF(loc);
        Py_XDECREF(node);
        if (!ok)
            goto done;
    }
    r = Py_NewRef(self);
done:
    (void)eidx;
    Py_XDECREF(ents);
    Py_XDECREF(locked);
    Py_XDECREF(names);
    PyMem_Free(pods);
    PyMem_Free(free_index);
    PyMem_Free(T0);
    PyMem_Free(R0);
    PyMem_Free(x);
    return r;
}

PyMethodDef cq_asm_solve_methods[] = {
    {"constrain", (PyCFunction)(void (*)(void))asm_constrain, METH_VARARGS | METH_KEYWORDS, "define a constraint"},
    {"solve", (PyCFunction)(void (*)(void))asm_solve, METH_VARARGS | METH_KEYWORDS, "solve the constraints"},
    {"_query", asm_query, METH_O, "name[?tag][@kind@selector] -> (name, shape)"},
    {"_subloc", asm_subloc, METH_O, "(relative location, top-level name) of a nested object"},
    {NULL, NULL, 0, NULL}
};

int cq_asm_solve_init(PyObject *module)
{
    if (PyType_Ready(&CQConstraintType) < 0)
        return -1;
    (void)module;
    /* cadquery.assembly.Constraint (the top level's Constraint name belongs to the sketch): the
     * module is made here and completed by package.c */
    PyObject *m = PyModule_New("cadquery.assembly");
    int rc = m ? PyObject_SetAttrString(m, "Constraint", (PyObject *)&CQConstraintType) : -1;
    if (rc == 0)
        rc = PyDict_SetItemString(PyImport_GetModuleDict(), "cadquery.assembly", m);
    Py_XDECREF(m);
    return rc;
}
