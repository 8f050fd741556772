/* workplane_points.c: points on the Workplane stack and per-point operations (CadQuery 2.4
 * cq.py): pushPoints, rarray, polarArray, eachpoint, each, plus the stack-to-location
 * conversions the drawing and feature files share (eachpoint placement, _locs). */
#include "cq_internal.h"

#include <math.h>

#define WP(o) ((CQWorkplane *)(o))

static zk_vec vec_of(PyObject *o)
{
    CQVector *v = (CQVector *)o;
    return (zk_vec){v->x, v->y, v->z};
}

static void trsf_translation(zk_trsf *t, zk_vec v)
{
    zt_identity(t);
    t->m[0][3] = v.x;
    t->m[1][3] = v.y;
    t->m[2][3] = v.z;
}

/* The centre of a Sketch (its unlocated faces, `_faces`, as CadQuery uses). */
static int sketch_center(PyObject *sk, zk_vec *out)
{
    PyObject *faces = PyObject_GetAttrString(sk, "_faces");
    if (faces && cq_shape_check(faces)) {
        *out = cq_shape_center(((CQShape *)faces)->s);
        Py_DECREF(faces);
        return 0;
    }
    Py_XDECREF(faces);
    PyErr_Clear();
    PyObject *lst = cq_sketch_faces(sk);
    PyObject *comp = lst ? cq_make_compound(lst) : NULL;
    Py_XDECREF(lst);
    if (!comp)
        return -1;
    *out = cq_shape_center(((CQShape *)comp)->s);
    Py_DECREF(comp);
    return 0;
}

/* eachpoint's points: the stack items as plane-LOCAL transforms (Vectors and Shapes by
 * their centre; Locations as they are); an empty stack gives the identity. */
static int local_points(CQWorkplane *self, zk_trsf **out, Py_ssize_t *nout)
{
    PyObject *objs = self->objects;
    Py_ssize_t n = PyList_GET_SIZE(objs);
    zk_trsf *pts = PyMem_Malloc(sizeof(zk_trsf) * (size_t)(n ? n : 1));
    if (!pts) {
        PyErr_NoMemory();
        return -1;
    }
    if (n == 0) {
        zt_identity(&pts[0]);
        *out = pts;
        *nout = 1;
        return 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = PyList_GET_ITEM(objs, i);
        zk_vec c;
        if (PyObject_TypeCheck(o, &CQVectorType)) {
            c = vec_of(o);
        } else if (cq_shape_check(o)) {
            c = cq_shape_center(((CQShape *)o)->s);
        } else if (cq_sketch_check(o)) {
            if (sketch_center(o, &c) < 0)
                goto fail;
        } else if (PyObject_TypeCheck(o, &CQLocationType)) {
            pts[i] = ((CQLocation *)o)->t;
            continue;
        } else {
            PyErr_Format(PyExc_TypeError, "cannot use a '%.100s' on the stack as a point", Py_TYPE(o)->tp_name);
            goto fail;
        }
        trsf_translation(&pts[i], cq_plane_to_local(self->plane, c));
    }
    *out = pts;
    *nout = n;
    return 0;
fail:
    PyMem_Free(pts);
    return -1;
}

PyObject *cq_wp_stack_locations(CQWorkplane *self)
{
    zk_trsf *pts, plane;
    Py_ssize_t n;
    if (local_points(self, &pts, &n) < 0)
        return NULL;
    cq_plane_trsf(self->plane, &plane);
    PyObject *out = PyList_New(n);
    for (Py_ssize_t i = 0; out && i < n; i++) {
        zk_trsf w;
        zt_mul(&plane, &pts[i], &w);
        PyObject *loc = cq_location_new(&w);
        if (!loc) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, i, loc);
    }
    PyMem_Free(pts);
    return out;
}

/* _locs(): Location(plane, Center()) for Vectors/Shapes, Locations as they are, else the
 * plane's location. */
PyObject *cq_wp_locs(CQWorkplane *self)
{
    PyObject *objs = self->objects;
    PyObject *out = PyList_New(0);
    if (!out)
        return NULL;
    const CQPlane *pl = self->plane;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(objs); i++) {
        PyObject *o = PyList_GET_ITEM(objs, i);
        PyObject *loc = NULL;
        if (PyObject_TypeCheck(o, &CQVectorType) || cq_shape_check(o)) {
            zk_vec c = cq_shape_check(o) ? cq_shape_center(((CQShape *)o)->s) : vec_of(o);
            zk_trsf t;
            zt_frame(&t, c, pl->xDir, pl->yDir, pl->zDir);
            loc = cq_location_new(&t);
        } else if (PyObject_TypeCheck(o, &CQLocationType)) {
            loc = Py_NewRef(o);
        } else {
            continue;
        }
        if (!loc || PyList_Append(out, loc) < 0) {
            Py_XDECREF(loc);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(loc);
    }
    if (PyList_GET_SIZE(out) == 0) {
        zk_trsf t;
        cq_plane_trsf(pl, &t);
        PyObject *loc = cq_location_new(&t);
        if (!loc || PyList_Append(out, loc) < 0) {
            Py_XDECREF(loc);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(loc);
    }
    return out;
}

/* A callback result: Wires not for construction become pending. */
static int note_result(CQWorkplane *self, PyObject *r)
{
    if (PyObject_TypeCheck(r, &CQWireType) && !cq_wp_is_construction(r))
        return cq_wp_add_pending_wire(self, r);
    return 0;
}

PyObject *cq_wp_place_local(CQWorkplane *self, zk_shape *local, int for_construction)
{
    zk_trsf *pts, plane;
    Py_ssize_t n;
    if (local_points(self, &pts, &n) < 0)
        return NULL;
    cq_plane_trsf(self->plane, &plane);
    PyObject *res = PyList_New(0);
    for (Py_ssize_t i = 0; res && i < n; i++) {
        zk_trsf w;
        zt_mul(&plane, &pts[i], &w);
        zk_shape *m = zk_moved(local, &w);
        PyObject *r = m ? cq_shape_wrap(m) : cq_raise_kernel_error("moved");
        if (r && for_construction && cq_wp_set_construction(r, 1) < 0)
            Py_CLEAR(r);
        if (!r || note_result(self, r) < 0 || PyList_Append(res, r) < 0)
            Py_CLEAR(res);
        Py_XDECREF(r);
    }
    PyMem_Free(pts);
    if (!res)
        return NULL;
    PyObject *out = cq_wp_new_object(self, res);
    Py_DECREF(res);
    if (out && cq_clean_list(WP(out)->objects) < 0)
        Py_CLEAR(out);
    return out;
}

/* eachpoint(callback, useLocalCoordinates=False, combine=False, clean=True) */
static PyObject *wp_eachpoint(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"callback", "useLocalCoordinates", "combine", "clean", NULL};
    CQWorkplane *self = WP(self_o);
    PyObject *cb, *combine = Py_False;
    int use_local = 0, clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|pOp", kwlist, &cb, &use_local, &combine, &clean))
        return NULL;
    if (!cq_wp_check(cb) && !cq_shape_check(cb) && !PyCallable_Check(cb)) {
        PyErr_Format(PyExc_ValueError, "%R is not supported", cb);
        return NULL;
    }
    if (!cq_wp_check(cb) && !cq_shape_check(cb) && !PyCallable_Check(cb)) {
        PyErr_Format(PyExc_ValueError, "%R is not supported", cb);
        return NULL;
    }
    zk_trsf *pts, plane;
    Py_ssize_t n;
    if (local_points(self, &pts, &n) < 0)
        return NULL;
    cq_plane_trsf(self->plane, &plane);
    PyObject *res = PyList_New(0);
    for (Py_ssize_t i = 0; res && i < n; i++) {
        zk_trsf t;
        if (use_local)
            t = pts[i];
        else
            zt_mul(&pts[i], &plane, &t);
        PyObject *loc = cq_location_new(&t);
        /* current CadQuery: a Shape instead of a callback is placed with shape.moved(loc) */
        PyObject *r = NULL;
        if (loc && cq_wp_check(cb)) {
            /* a Workplane: each of its shapes placed at the point (a compound of them) */
            PyObject *vals = PyObject_CallMethod(cb, "vals", NULL), *placed = vals ? PyList_New(0) : NULL;
            for (Py_ssize_t k = 0; placed && k < PyList_GET_SIZE(vals); k++) {
                PyObject *v = PyList_GET_ITEM(vals, k);
                PyObject *m = cq_shape_check(v) ? PyObject_CallMethod(v, "moved", "O", loc) : Py_NewRef(Py_None);
                if (!m || (m != Py_None && PyList_Append(placed, m) < 0))
                    Py_CLEAR(placed);
                Py_XDECREF(m);
            }
            Py_XDECREF(vals);
            if (placed && PyList_GET_SIZE(placed) == 1)
                r = Py_NewRef(PyList_GET_ITEM(placed, 0));
            else if (placed)
                r = cq_compound_of_list(placed);
            Py_XDECREF(placed);
        } else if (loc) {
            r = cq_shape_check(cb) ? PyObject_CallMethod(cb, "moved", "O", loc) : PyObject_CallOneArg(cb, loc);
        }
        Py_XDECREF(loc);
        if (r && use_local) {
            /* callback(p).move(loc) */
            PyObject *ploc = cq_location_new(&plane);
            PyObject *moved = ploc ? PyObject_CallMethod(r, "moved", "O", ploc) : NULL;
            Py_XDECREF(ploc);
            Py_SETREF(r, moved);
        }
        if (!r || note_result(self, r) < 0 || PyList_Append(res, r) < 0)
            Py_CLEAR(res);
        Py_XDECREF(r);
    }
    PyMem_Free(pts);
    if (!res)
        return NULL;
    PyObject *out = cq_wp_combine(self, res, combine, clean);
    Py_DECREF(res);
    return out;
}

/* plane.toLocalCoords(obj) for each(): Vectors and Shapes only. */
static PyObject *to_local(CQWorkplane *self, PyObject *obj)
{
    if (PyObject_TypeCheck(obj, &CQVectorType))
        return cq_vector_new(cq_plane_to_local(self->plane, vec_of(obj)));
    if (cq_shape_check(obj)) {
        zk_trsf l2w, w2l;
        cq_plane_trsf(self->plane, &l2w);
        zt_inverse(&l2w, &w2l);
        zk_shape *s = zk_transformed(((CQShape *)obj)->s, &w2l);
        PyObject *r = s ? cq_shape_wrap(s) : cq_raise_kernel_error("transformShape");
        if (r && cq_wp_is_construction(obj) && cq_wp_set_construction(r, 1) < 0)
            Py_CLEAR(r);
        return r;
    }
    PyErr_Format(PyExc_ValueError, "Don't know how to convert type %R to local coordinates", (PyObject *)Py_TYPE(obj));
    return NULL;
}

/* r.transformShape(plane.rG): back to world coordinates. */
static PyObject *to_world_shape(CQWorkplane *self, PyObject *r)
{
    if (!cq_shape_check(r)) {
        PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute 'transformShape'", Py_TYPE(r)->tp_name);
        return NULL;
    }
    zk_trsf l2w;
    cq_plane_trsf(self->plane, &l2w);
    zk_shape *s = zk_transformed(((CQShape *)r)->s, &l2w);
    PyObject *w = s ? cq_shape_wrap(s) : cq_raise_kernel_error("transformShape");
    if (w && cq_wp_is_construction(r) && cq_wp_set_construction(w, 1) < 0)
        Py_CLEAR(w);
    return w;
}

/* each(callback, useLocalCoordinates=False, combine=True, clean=True) */
static PyObject *wp_each(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"callback", "useLocalCoordinates", "combine", "clean", NULL};
    CQWorkplane *self = WP(self_o);
    PyObject *cb, *combine = Py_True;
    int use_local = 0, clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|pOp", kwlist, &cb, &use_local, &combine, &clean))
        return NULL;
    PyObject *objs = PyList_GetSlice(self->objects, 0, PY_SSIZE_T_MAX);
    PyObject *res = objs ? PyList_New(0) : NULL;
    for (Py_ssize_t i = 0; res && i < PyList_GET_SIZE(objs); i++) {
        PyObject *o = PyList_GET_ITEM(objs, i), *r;
        if (use_local) {
            PyObject *lo = to_local(self, o);
            PyObject *lr = lo ? PyObject_CallOneArg(cb, lo) : NULL;
            Py_XDECREF(lo);
            r = lr ? to_world_shape(self, lr) : NULL;
            Py_XDECREF(lr);
        } else {
            r = PyObject_CallOneArg(cb, o);
        }
        if (!r || note_result(self, r) < 0 || PyList_Append(res, r) < 0)
            Py_CLEAR(res);
        Py_XDECREF(r);
    }
    Py_XDECREF(objs);
    if (!res)
        return NULL;
    PyObject *out = cq_wp_combine(self, res, combine, clean);
    Py_DECREF(res);
    return out;
}

/* pushPoints(pntList): points are local (-> world Vectors); Locations are kept as given. */
static PyObject *wp_push_points(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"pntList", NULL};
    CQWorkplane *self = WP(self_o);
    PyObject *lst;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O", kwlist, &lst))
        return NULL;
    PyObject *it = PyObject_GetIter(lst);
    if (!it)
        return NULL;
    PyObject *out = PyList_New(0), *p;
    while (out && (p = PyIter_Next(it))) {
        PyObject *v;
        zk_vec local;
        if (PyObject_TypeCheck(p, &CQLocationType))
            v = Py_NewRef(p);
        else
            v = cq_vector_from_obj(p, &local) < 0 ? NULL : cq_vector_new(cq_plane_to_world(self->plane, local));
        Py_DECREF(p);
        if (!v || PyList_Append(out, v) < 0)
            Py_CLEAR(out);
        Py_XDECREF(v);
    }
    Py_DECREF(it);
    if (!out || PyErr_Occurred()) {
        Py_XDECREF(out);
        return NULL;
    }
    PyObject *r = cq_wp_new_object(self, out);
    Py_DECREF(out);
    return r;
}

static PyObject *push_local_xy(CQWorkplane *self, const double *xy, Py_ssize_t n)
{
    PyObject *out = PyList_New(n);
    for (Py_ssize_t i = 0; out && i < n; i++) {
        PyObject *v = cq_vector_new(cq_plane_to_world(self->plane, (zk_vec){xy[2 * i], xy[2 * i + 1], 0}));
        if (!v) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, i, v);
    }
    if (!out)
        return NULL;
    PyObject *r = cq_wp_new_object(self, out);
    Py_DECREF(out);
    return r;
}

/* center=True/False or a pair of truth values */
static int parse_center_pair(PyObject *c, int *cx, int *cy)
{
    if (PyBool_Check(c)) {
        *cx = *cy = (c == Py_True);
        return 0;
    }
    PyObject *a = PySequence_GetItem(c, 0);
    PyObject *b = a ? PySequence_GetItem(c, 1) : NULL;
    int r = -1;
    if (b) {
        *cx = PyObject_IsTrue(a);
        *cy = PyObject_IsTrue(b);
        r = (*cx < 0 || *cy < 0) ? -1 : 0;
    }
    Py_XDECREF(a);
    Py_XDECREF(b);
    return r;
}

/* rarray(xSpacing, ySpacing, xCount, yCount, center=True) */
static PyObject *wp_rarray(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"xSpacing", "ySpacing", "xCount", "yCount", "center", NULL};
    double xs, ys;
    Py_ssize_t nx, ny;
    PyObject *center = Py_True;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddnn|O", kwlist, &xs, &ys, &nx, &ny, &center))
        return NULL;
    if ((xs <= 0 && ys <= 0) || nx < 1 || ny < 1) {   /* current CadQuery: one spacing may be 0 */
        PyErr_SetString(PyExc_ValueError, "Spacing and count must be > 0 in at least one direction");
        return NULL;
    }
    int cx, cy;
    if (parse_center_pair(center, &cx, &cy) < 0)
        return NULL;
    if (nx > 1000000 / ny) {
        PyErr_SetString(PyExc_MemoryError, "rarray: too many points");
        return NULL;
    }
    double ox = cx ? -xs * (double)(nx - 1) * 0.5 : 0.0;
    double oy = cy ? -ys * (double)(ny - 1) * 0.5 : 0.0;
    double *xy = PyMem_Malloc(sizeof(double) * 2 * (size_t)(nx * ny));
    if (!xy)
        return PyErr_NoMemory();
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < nx; i++) {
        for (Py_ssize_t j = 0; j < ny; j++) {
            xy[2 * k] = xs * (double)i + ox;
            xy[2 * k + 1] = ys * (double)j + oy;
            k++;
        }
    }
    PyObject *r = push_local_xy(WP(self_o), xy, k);
    PyMem_Free(xy);
    return r;
}

/* polarArray(radius, startAngle, angle, count, fill=True, rotate=True): local Locations. */
static PyObject *wp_polar_array(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius", "startAngle", "angle", "count", "fill", "rotate", NULL};
    double radius, start, angle;
    Py_ssize_t count;
    int fill = 1, rotate = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dddn|pp", kwlist, &radius, &start, &angle, &count, &fill, &rotate))
        return NULL;
    if (count < 1) {
        PyErr_Format(PyExc_ValueError, "At least 1 element required, requested %zd", count);
        return NULL;
    }
    if (count > 1000000) {
        PyErr_SetString(PyExc_MemoryError, "polarArray: too many points");
        return NULL;
    }
    if (fill) {
        if (fabs(remainder(angle, 360.0)) < 1e-6)
            angle = angle / (double)count;
        else
            angle = count > 1 ? angle / (double)(count - 1) : start;
    }
    PyObject *out = PyList_New(count);
    for (Py_ssize_t i = 0; out && i < count; i++) {
        double phi_deg = start + angle * (double)i;
        double phi = phi_deg * M_PI / 180.0;
        zk_vec p = {radius * cos(phi), radius * sin(phi), 0};
        zk_trsf t;
        if (rotate)
            zt_rotation(&t, (zk_vec){0, 0, 1}, phi);
        else
            zt_identity(&t);
        t.m[0][3] = p.x;
        t.m[1][3] = p.y;
        t.m[2][3] = p.z;
        PyObject *loc = cq_location_new(&t);
        if (!loc) {
            Py_CLEAR(out);
            break;
        }
        PyList_SET_ITEM(out, i, loc);
    }
    if (!out)
        return NULL;
    PyObject *r = cq_wp_new_object(WP(self_o), out);
    Py_DECREF(out);
    return r;
}

#define KW(f) (PyCFunction)(void (*)(void))(f), METH_VARARGS | METH_KEYWORDS

PyMethodDef cq_wp_point_methods[] = {
    {"pushPoints", KW(wp_push_points), "pushPoints(pntList): local points (or Locations) onto the stack."},
    {"rarray", KW(wp_rarray), "rarray(xSpacing, ySpacing, xCount, yCount, center=True): a rectangular grid."},
    {"polarArray", KW(wp_polar_array),
     "polarArray(radius, startAngle, angle, count, fill=True, rotate=True): points on a circle (degrees)."},
    {"eachpoint", KW(wp_eachpoint),
     "eachpoint(callback, useLocalCoordinates=False, combine=False, clean=True): callback(Location) per point."},
    {"each", KW(wp_each), "each(callback, useLocalCoordinates=False, combine=True, clean=True): callback per item."},
    {NULL, NULL, 0, NULL}
};
