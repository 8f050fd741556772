/* sketch_locations.c: Sketch locations (CadQuery 2.4 sketch.py): push, rarray, parray and
 * distribute set the selection to Locations, composed with the current selection's
 * locations; later faces are placed at each of them. */
#include "sketch_internal.h"

#include <math.h>

/* ------------------------------------------------------------------ locations */

/* Replaces the selection with `locs` (a list of Location, stolen), tagging a copy. */
static PyObject *set_selection(CQSketch *self, PyObject *locs, PyObject *tag)
{
    if (!locs)
        return NULL;
    Py_SETREF(self->selection, locs);
    self->selected = 1;
    if (tag && tag != Py_None && PyObject_IsTrue(tag) == 1) {
        PyObject *copy = PySequence_List(locs);
        int rc = copy ? PyDict_SetItem(self->tags, tag, copy) : -1;
        Py_XDECREF(copy);
        if (rc < 0)
            return NULL;
    }
    Py_INCREF(self);
    return (PyObject *)self;
}

static int append_loc(PyObject *list, const zk_trsf *t)
{
    PyObject *l = sk_location(t);
    int rc = l ? PyList_Append(list, l) : -1;
    Py_XDECREF(l);
    return rc;
}

static PyObject *push_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"locs", "tag", NULL};
    PyObject *locs, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:push", kwlist, &locs, &tag))
        return NULL;
    PyObject *seq = PySequence_List(locs);
    if (!seq)
        return NULL;
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(seq); i++) {
        PyObject *it = PyList_GET_ITEM(seq, i);
        zk_trsf t;
        zk_vec v;
        if (PyObject_TypeCheck(it, &CQLocationType)) {
            if (PyList_Append(out, it) < 0)
                Py_CLEAR(out);
            continue;
        }
        if (cq_vector_from_obj(it, &v) < 0) {
            Py_CLEAR(out);
            break;
        }
        sk_trsf_translation(&t, v);
        if (append_loc(out, &t) < 0)
            Py_CLEAR(out);
    }
    Py_DECREF(seq);
    return set_selection(self, out, tag);
}

/* The selection's locations for rarray/parray (identity when nothing is selected). */
static int selection_locations(CQSketch *self, zk_trsf **out, size_t *n)
{
    return sk_each_locations(self, 0, out, n);
}

static PyObject *rarray_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"xs", "ys", "nx", "ny", NULL};
    double xs, ys;
    long nx, ny;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddll:rarray", kwlist, &xs, &ys, &nx, &ny))
        return NULL;
    if (nx < 1 || ny < 1) {
        PyErr_Format(PyExc_ValueError, "At least 1 elements required, requested %ld, %ld", nx, ny);
        return NULL;
    }
    zk_trsf *sel;
    size_t ns;
    if (selection_locations(self, &sel, &ns) < 0)
        return NULL;
    PyObject *out = PyList_New(0);
    double ox = (double)(nx - 1) * xs * 0.5, oy = (double)(ny - 1) * ys * 0.5;
    for (long i = 0; out && i < nx; i++)
        for (long j = 0; out && j < ny; j++)
            for (size_t k = 0; out && k < ns; k++) {
                zk_trsf l, r;
                sk_trsf_translation(&l, (zk_vec){i * xs - ox, j * ys - oy, 0});
                zt_mul(&l, &sel[k], &r);
                if (append_loc(out, &r) < 0)
                    Py_CLEAR(out);
            }
    PyMem_Free(sel);
    return set_selection(self, out, NULL);
}

static PyObject *parray_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"r", "a1", "da", "n", "rotate", NULL};
    double r, a1, da;
    long n;
    int rotate = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dddl|p:parray", kwlist, &r, &a1, &da, &n, &rotate))
        return NULL;
    if (n < 1) {
        PyErr_Format(PyExc_ValueError, "At least 1 element required, requested %ld", n);
        return NULL;
    }
    double angle;
    if (fabs(remainder(da, 360)) < 1e-6)
        angle = da / (double)n;
    else
        angle = n > 1 ? da / (double)(n - 1) : a1;
    zk_trsf *sel;
    size_t ns;
    if (selection_locations(self, &sel, &ns) < 0)
        return NULL;
    PyObject *out = PyList_New(0);
    for (long i = 0; out && i < n; i++) {
        double phi = a1 + angle * (double)i;
        zk_trsf l, rot, tmp, res;
        sk_trsf_translation(&l, (zk_vec){r * cos(phi * M_PI / 180.0), r * sin(phi * M_PI / 180.0), 0});
        sk_trsf_rot_z(&rot, rotate ? phi : 0);
        for (size_t k = 0; out && k < ns; k++) {
            zt_mul(&l, &sel[k], &tmp);
            zt_mul(&tmp, &rot, &res);
            if (append_loc(out, &res) < 0)
                Py_CLEAR(out);
        }
    }
    PyMem_Free(sel);
    return set_selection(self, out, NULL);
}

/* Frenet-like planar frame of a curve at parameter t (length mode): the X axis points to the
 * centre of curvature; on straight pieces it follows OCCT's default normal of the tangent. */
static void planar_frame(zk_shape *curve, double t, zk_trsf *out)
{
    zk_vec p = zk_curve_position_at(curve, t, 1);
    zk_vec tan0 = zk_curve_tangent_at(curve, t, 1);
    double h = 1e-4;
    double ta = t - h < 0 ? 0 : t - h, tb = t + h > 1 ? 1 : t + h;
    zk_vec d1 = zk_curve_tangent_at(curve, ta, 1), d2 = zk_curve_tangent_at(curve, tb, 1);
    zk_vec dt = zv_sub(d2, d1);
    zk_vec tn = zv_normalized(tan0);
    zk_vec nrm = zv_sub(dt, zv_scale(tn, zv_dot(dt, tn)));
    zk_vec x;
    if (zv_len(nrm) > 1e-9) {
        x = zv_normalized(nrm);
    } else {
        /* gp_Ax2(O, T).XDirection() as binormal, normal = binormal x tangent */
        double A = tn.x, B = tn.y, C = tn.z, Aa = fabs(A), Ba = fabs(B), Ca = fabs(C);
        zk_vec d;
        if (Ba <= Aa && Ba <= Ca)
            d = Aa > Ca ? (zk_vec){-C, 0, A} : (zk_vec){C, 0, -A};
        else if (Aa <= Ba && Aa <= Ca)
            d = Ba > Ca ? (zk_vec){0, -C, B} : (zk_vec){0, C, -B};
        else
            d = Aa > Ba ? (zk_vec){-B, A, 0} : (zk_vec){B, -A, 0};
        x = zv_normalized(zv_cross(zv_normalized(d), tn));
    }
    /* gp_Ax3(p, Z, x): x projected perpendicular to Z */
    zk_vec z = {0, 0, 1};
    x = zv_sub(x, zv_scale(z, zv_dot(x, z)));
    x = zv_len(x) > 1e-12 ? zv_normalized(x) : (zk_vec){1, 0, 0};
    zk_vec y = zv_cross(z, x);
    memset(out, 0, sizeof *out);
    out->m[0][0] = x.x; out->m[1][0] = x.y; out->m[2][0] = x.z;
    out->m[0][1] = y.x; out->m[1][1] = y.y; out->m[2][1] = y.z;
    out->m[0][2] = z.x; out->m[1][2] = z.y; out->m[2][2] = z.z;
    out->m[0][3] = p.x; out->m[1][3] = p.y; out->m[2][3] = p.z;
}

static PyObject *distribute_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"n", "start", "stop", "rotate", NULL};
    long n;
    double start = 0, stop = 1;
    int rotate = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "l|ddp:distribute", kwlist, &n, &start, &stop, &rotate))
        return NULL;
    if (n < 1) {
        PyErr_Format(PyExc_ValueError, "At least 1 element required, requested %ld", n);
        return NULL;
    }
    if (PyList_GET_SIZE(self->selection) == 0) {
        PyErr_SetString(PyExc_ValueError, "Nothing selected to distribute over");
        return NULL;
    }
    int trimmed = !(1 - fabs(stop - start) < 1e-6);
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(self->selection); i++) {
        PyObject *el = PyList_GET_ITEM(self->selection, i);
        zk_shape *s = cq_shape_check(el) ? ((CQShape *)el)->s : NULL;
        if (!s || (zk_shape_type(s) != ZK_WIRE && zk_shape_type(s) != ZK_EDGE)) {
            PyErr_Format(PyExc_ValueError, "Unsupported selection: %S", el);
            Py_CLEAR(out);
            break;
        }
        int closed = zk_curve_is_closed(s) == 1 && !trimmed;
        for (long k = 0; out && k < n; k++) {
            double t = closed ? start + (double)k * (stop - start) / (double)n
                              : (n > 1 ? start + (double)k * (stop - start) / (double)(n - 1) : start);
            zk_trsf loc;
            if (rotate)
                planar_frame(s, t, &loc);
            else
                sk_trsf_translation(&loc, zk_curve_position_at(s, t, 1));
            if (append_loc(out, &loc) < 0)
                Py_CLEAR(out);
        }
    }
    return set_selection(self, out, NULL);
}

#define KW (PyCFunction)(void (*)(void))
PyMethodDef cq_sketch_location_methods[] = {
    {"push", KW push_method, METH_VARARGS | METH_KEYWORDS, "push(locs, tag=None)"},
    {"rarray", KW rarray_method, METH_VARARGS | METH_KEYWORDS, "rarray(xs, ys, nx, ny)"},
    {"parray", KW parray_method, METH_VARARGS | METH_KEYWORDS, "parray(r, a1, da, n, rotate=True)"},
    {"distribute", KW distribute_method, METH_VARARGS | METH_KEYWORDS, "distribute(n, start=0, stop=1, rotate=True)"},
    {NULL, NULL, 0, NULL}};
