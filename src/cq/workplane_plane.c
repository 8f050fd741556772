/* workplane_plane.c: the Workplane methods that make a new plane or walk the chain
 * (CadQuery 2.4 cq.py): workplane(), transformed, center, copyWorkplane, workplaneFromTagged,
 * tag, _getTagged, end, newObject, _mergeTags. Holds the cq_wp_core_methods table. */
#include "cq_internal.h"

#include <math.h>
#include <string.h>

#define WP(o) ((CQWorkplane *)(o))

static int is_face(PyObject *o)
{
    return PyObject_TypeCheck(o, &CQFaceType);
}

/* _computeXdir: (0,0,1) x normal, or +X when that is shorter than the context tolerance. */
static zk_vec compute_xdir(zk_vec normal, double tol)
{
    zk_vec xd = zv_cross((zk_vec){0, 0, 1}, normal);
    if (zv_len(xd) < tol)
        xd = (zk_vec){1, 0, 0};
    return xd;
}

static zk_vec bbox_center(zk_shape *s)
{
    double b[6] = {0, 0, 0, 0, 0, 0};
    zk_bbox(s, 0.0, 1, b);
    return (zk_vec){(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2};
}

static zk_vec face_normal(zk_shape *f, const zk_vec *at)
{
    return zk_face_normal_at(f, at);
}

/* _isCoPlanar(f0, f1) with CadQuery's component test (any one component within tol). */
static int coplanar(zk_shape *f0, zk_shape *f1, double tol)
{
    zk_vec p0 = cq_shape_center(f0), p1 = cq_shape_center(f1);
    zk_vec n0 = face_normal(f0, NULL), n1 = face_normal(f1, NULL);
    if (!(fabs(n0.x - n1.x) < tol || fabs(n0.y - n1.y) < tol || fabs(n0.z - n1.z) < tol))
        return 0;
    return fabs(zv_dot(n0, zv_sub(p0, p1))) < tol;
}

enum { CENTER_MASS, CENTER_PROJECTED, CENTER_BBOX };

static int parse_center_option(PyObject *o, int *out)
{
    if (o && PyUnicode_Check(o)) {
        if (PyUnicode_CompareWithASCIIString(o, "CenterOfMass") == 0) {
            *out = CENTER_MASS;
            return 0;
        }
        if (PyUnicode_CompareWithASCIIString(o, "ProjectedOrigin") == 0) {
            *out = CENTER_PROJECTED;
            return 0;
        }
        if (PyUnicode_CompareWithASCIIString(o, "CenterOfBoundBox") == 0) {
            *out = CENTER_BBOX;
            return 0;
        }
    }
    PyErr_SetString(PyExc_ValueError, "Undefined centerOption value provided.");
    return -1;
}

/* Several objects on the stack: all planar, coplanar faces; combined centre. */
static int frame_from_faces(CQWorkplane *self, int opt, zk_vec *center, zk_vec *normal, zk_vec *xdir)
{
    PyObject *objs = self->objects;
    Py_ssize_t n = PyList_GET_SIZE(objs);
    double tol = self->ctx->tolerance;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = PyList_GET_ITEM(objs, i);
        const char *gt = is_face(o) ? zk_geom_type(((CQShape *)o)->s) : NULL;
        if (!gt || (strcmp(gt, "PLANE") != 0 && strcmp(gt, "CIRCLE") != 0)) {
            PyErr_SetString(PyExc_ValueError, "If multiple objects selected, they all must be planar faces.");
            return -1;
        }
    }
    zk_shape *f0 = ((CQShape *)PyList_GET_ITEM(objs, 0))->s;
    for (Py_ssize_t i = 1; i < n; i++) {
        if (!coplanar(f0, ((CQShape *)PyList_GET_ITEM(objs, i))->s, tol)) {
            PyErr_SetString(PyExc_ValueError, "Selected faces must be co-planar.");
            return -1;
        }
    }
    zk_vec sum = {0, 0, 0};
    double total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        zk_shape *f = ((CQShape *)PyList_GET_ITEM(objs, i))->s;
        if (opt == CENTER_BBOX) {
            sum = zv_add(sum, bbox_center(f));
            total += 1.0;
        } else {
            double m = zk_area(f);
            sum = zv_add(sum, zv_scale(cq_shape_center(f), m));
            total += m;
        }
    }
    if (total == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
        return -1;
    }
    *center = zv_scale(sum, 1.0 / total);
    *normal = face_normal(f0, NULL);
    *xdir = compute_xdir(*normal, tol);
    return 0;
}

/* One object (or none: the plane origin). */
static int frame_from_single(CQWorkplane *self, int opt, zk_vec *center, zk_vec *normal, zk_vec *xdir)
{
    double tol = self->ctx->tolerance;
    PyObject *obj = PyList_GET_SIZE(self->objects) ? PyList_GET_ITEM(self->objects, 0) : NULL;
    if (obj && is_face(obj)) {
        zk_shape *f = ((CQShape *)obj)->s;
        *center = opt == CENTER_BBOX ? bbox_center(f) : cq_shape_center(f);
        *normal = face_normal(f, center);
        *xdir = compute_xdir(*normal, tol);
        return 0;
    }
    if (!obj) {
        *center = self->plane->origin;
    } else if (cq_shape_check(obj)) {
        zk_shape *s = ((CQShape *)obj)->s;
        *center = opt == CENTER_BBOX ? bbox_center(s) : cq_shape_center(s);
    } else if (PyObject_TypeCheck(obj, &CQVectorType)) {
        CQVector *v = (CQVector *)obj;
        *center = (zk_vec){v->x, v->y, v->z};
    } else {
        PyErr_SetString(PyExc_ValueError, "Needs a face or a vertex or point on a work plane");
        return -1;
    }
    PyObject *pv = NULL;
    if (self->parent && cq_wp_check(self->parent)) {
        CQWorkplane *par = WP(self->parent);
        if (PyList_GET_SIZE(par->objects))
            pv = PyList_GET_ITEM(par->objects, 0);
    }
    if (pv && is_face(pv)) {
        *normal = face_normal(((CQShape *)pv)->s, center);
        *xdir = compute_xdir(*normal, tol);
    } else {
        *normal = self->plane->zDir;
        *xdir = self->plane->xDir;
    }
    return 0;
}

/* workplane(offset=0.0, invert=False, centerOption="ProjectedOrigin", origin=None) */
static PyObject *wp_workplane(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"offset", "invert", "centerOption", "origin", NULL};
    CQWorkplane *self = WP(self_o);
    double offset = 0.0;
    int invert = 0, opt = CENTER_PROJECTED;
    PyObject *opt_o = NULL, *origin_o = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|dpOO", kwlist, &offset, &invert, &opt_o, &origin_o))
        return NULL;
    if (opt_o && parse_center_option(opt_o, &opt) < 0)
        return NULL;
    zk_vec center, normal, xdir;
    int rc = PyList_GET_SIZE(self->objects) > 1 ? frame_from_faces(self, opt, &center, &normal, &xdir)
                                                : frame_from_single(self, opt, &center, &normal, &xdir);
    if (rc < 0)
        return NULL;
    if (zv_len(normal) == 0.0) {
        PyErr_SetString(PyExc_ValueError, "normal should be non null");
        return NULL;
    }
    if (opt == CENTER_PROJECTED) {
        zk_vec orig = self->plane->origin;
        if (origin_o != Py_None && cq_vector_from_obj(origin_o, &orig) < 0)
            return NULL;
        zk_vec n = zv_normalized(normal);
        center = zv_sub(orig, zv_scale(n, zv_dot(zv_sub(orig, center), n)));
    }
    if (invert)
        normal = zv_scale(normal, -1.0);
    zk_vec origin = zv_add(center, zv_scale(zv_normalized(normal), offset));
    PyObject *plane = cq_plane_new(origin, xdir, normal);
    if (!plane)
        return NULL;
    PyObject *r = cq_wp_make(Py_TYPE(self), (CQPlane *)plane, self_o, self->ctx, NULL);
    Py_DECREF(plane);
    return r;
}

/* Plane.rotated(rotate): T = Rx * Ry * Rz about the plane's own axes (through the origin). */
static PyObject *plane_rotated(const CQPlane *pl, zk_vec deg)
{
    zk_trsf t1, t2, t3, t12, t;
    zt_rotation(&t1, pl->xDir, deg.x * M_PI / 180.0);
    zt_rotation(&t2, pl->yDir, deg.y * M_PI / 180.0);
    zt_rotation(&t3, pl->zDir, deg.z * M_PI / 180.0);
    zt_mul(&t1, &t2, &t12);
    zt_mul(&t12, &t3, &t);
    return cq_plane_new(pl->origin, zt_apply_dir(&t, pl->xDir), zt_apply_dir(&t, pl->zDir));
}

/* transformed(rotate=(0,0,0), offset=(0,0,0)) */
static PyObject *wp_transformed(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"rotate", "offset", NULL};
    CQWorkplane *self = WP(self_o);
    PyObject *rot_o = NULL, *off_o = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OO", kwlist, &rot_o, &off_o))
        return NULL;
    zk_vec rot = {0, 0, 0}, off = {0, 0, 0};
    if (rot_o && cq_vector_from_obj(rot_o, &rot) < 0)
        return NULL;
    if (off_o && cq_vector_from_obj(off_o, &off) < 0)
        return NULL;
    CQPlane *p = (CQPlane *)plane_rotated(self->plane, rot);
    if (!p)
        return NULL;
    p->origin = cq_plane_to_world(self->plane, off);
    PyObject *v = cq_vector_new(p->origin);
    PyObject *lst = v ? PyList_New(1) : NULL;
    PyObject *r = NULL;
    if (lst) {
        PyList_SET_ITEM(lst, 0, v);
        r = cq_wp_make(Py_TYPE(self), p, self_o, self->ctx, lst);
        Py_DECREF(lst);
    } else {
        Py_XDECREF(v);
    }
    Py_DECREF(p);
    return r;
}

/* center(x, y): moves the plane origin (local coordinates) and pushes it. */
static PyObject *wp_center(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"x", "y", NULL};
    CQWorkplane *self = WP(self_o);
    double x, y;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd", kwlist, &x, &y))
        return NULL;
    zk_vec o = cq_plane_to_world(self->plane, (zk_vec){x, y, 0});
    CQPlane *p = cq_wp_plane_copy(self->plane);
    if (!p)
        return NULL;
    p->origin = o;
    PyObject *v = cq_vector_new(o);
    PyObject *lst = v ? PyList_New(1) : NULL;
    PyObject *r = NULL;
    if (lst) {
        PyList_SET_ITEM(lst, 0, v);
        r = cq_wp_make(Py_TYPE(self), p, self_o, self->ctx, lst);
        Py_DECREF(lst);
    } else {
        Py_XDECREF(v);
    }
    Py_DECREF(p);
    return r;
}

static PyObject *copy_workplane(CQWorkplane *self, PyObject *obj)
{
    if (!cq_wp_check(obj)) {
        PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute 'plane'", Py_TYPE(obj)->tp_name);
        return NULL;
    }
    return cq_wp_make(Py_TYPE(obj), WP(obj)->plane, (PyObject *)self, self->ctx, NULL);
}

static PyObject *wp_copy_workplane(PyObject *self, PyObject *obj)
{
    return copy_workplane(WP(self), obj);
}

static PyObject *get_tagged(CQWorkplane *self, PyObject *name)
{
    PyObject *rv = self->ctx->tags ? PyDict_GetItemWithError(self->ctx->tags, name) : NULL;
    if (!rv) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_ValueError, "No Workplane object named %S in chain", name);
        return NULL;
    }
    return Py_NewRef(rv);
}

PyObject *cq_wp_get_tagged(CQWorkplane *self, PyObject *name)
{
    return get_tagged(self, name);
}

static PyObject *wp_get_tagged(PyObject *self, PyObject *name)
{
    return get_tagged(WP(self), name);
}

static PyObject *wp_workplane_from_tagged(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"name", NULL};
    PyObject *name;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O", kwlist, &name))
        return NULL;
    PyObject *tagged = get_tagged(WP(self), name);
    if (!tagged)
        return NULL;
    PyObject *r = copy_workplane(WP(self), tagged);
    Py_DECREF(tagged);
    return r;
}

static PyObject *wp_tag(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"name", NULL};
    PyObject *name;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O", kwlist, &name))
        return NULL;
    CQWorkplane *w = WP(self);
    if (!w->ctx->tags || !PyDict_Check(w->ctx->tags)) {
        PyObject *d = PyDict_New();
        if (!d)
            return NULL;
        Py_XSETREF(w->ctx->tags, d);
    }
    if (PyDict_SetItem(w->ctx->tags, name, self) < 0)
        return NULL;
    Py_XSETREF(w->tag, Py_NewRef(name));
    return Py_NewRef(self);
}

static PyObject *wp_end(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"n", NULL};
    Py_ssize_t n = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|n", kwlist, &n))
        return NULL;
    PyObject *rv = self;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *par = cq_wp_check(rv) ? WP(rv)->parent : NULL;
        int truth = par ? PyObject_IsTrue(par) : 0;
        if (truth < 0)
            return NULL;
        if (!truth) {
            PyErr_SetString(PyExc_ValueError, "Cannot End the chain-- no parents!");
            return NULL;
        }
        rv = par;
    }
    return Py_NewRef(rv);
}

static PyObject *wp_new_object_method(PyObject *self, PyObject *objlist)
{
    return cq_wp_new_object(WP(self), objlist);
}

static PyObject *wp_merge_tags(PyObject *self, PyObject *obj)
{
    if (cq_wp_merge_tags(WP(self), obj) < 0)
        return NULL;
    return Py_NewRef(self);
}

#define KW(f) (PyCFunction)(void (*)(void))(f), METH_VARARGS | METH_KEYWORDS

PyMethodDef cq_wp_core_methods[] = {
    {"workplane", KW(wp_workplane),
     "workplane(offset=0.0, invert=False, centerOption='ProjectedOrigin', origin=None): a new plane on the "
     "face(s), vertex or point on the stack."},
    {"transformed", KW(wp_transformed),
     "transformed(rotate=(0,0,0), offset=(0,0,0)): a plane rotated (degrees, local X then Y then Z) and moved."},
    {"center", KW(wp_center), "center(x, y): moves the plane origin to local (x, y) and pushes it."},
    {"copyWorkplane", wp_copy_workplane, METH_O, "copyWorkplane(obj): a new object on obj's plane."},
    {"workplaneFromTagged", KW(wp_workplane_from_tagged), "workplaneFromTagged(name): the tagged object's plane."},
    {"_getTagged", wp_get_tagged, METH_O, "_getTagged(name): the Workplane tagged name (ValueError if none)."},
    {"tag", KW(wp_tag), "tag(name): tags this object; returns self."},
    {"end", KW(wp_end), "end(n=1): the n-th parent (ValueError past the start of the chain)."},
    {"newObject", wp_new_object_method, METH_O, "newObject(objlist): a child Workplane holding objlist."},
    {"_mergeTags", wp_merge_tags, METH_O, "_mergeTags(obj): merges obj's tags (self's win); returns self."},
    {NULL, NULL, 0, NULL}
};
