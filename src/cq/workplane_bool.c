/* workplane_bool.c: Workplane booleans and whole-stack transforms of CadQuery 2.4 — union,
 * cut, intersect, combine, split, clean, section, mirror, translate, rotate,
 * rotateAboutCenter — the table cq_wp_bool_methods, and the operators + | - & * /
 * (cq_wp_number_methods, installed on the Workplane type by workplane.c). */
#include "cq_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double PI = 3.14159265358979323846;

/* fuzzy tolerance argument: None/0 -> no fuzzy mode */
static int parse_tol(PyObject *o, double *tol)
{
    *tol = 0.0;
    if (o == NULL || o == Py_None)
        return 0;
    *tol = PyFloat_AsDouble(o);
    return (*tol == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

static zk_shape *clean_if(zk_shape *s, int clean)
{
    if (!s || !clean)
        return s;
    zk_shape *c = zk_clean(s);
    zk_unref(s);
    return c;
}

/* The shapes a boolean argument contributes: a Workplane's `method` values, a Solid/Compound
 * itself; anything else is "Cannot <verb> type '<type>'". New list. */
static PyObject *operand_shapes(CQWorkplane *self, PyObject *arg, const char *method,
                                const char *verb)
{
    if (cq_wpf_is(arg, &CQWorkplaneType)) {
        PyObject *vals = cq_wpf_vals_of(arg, method);
        if (vals)
            cq_wpf_merge_tags(self, arg);
        return vals;
    }
    if (cq_wpf_is(arg, &CQSolidType) || cq_wpf_is(arg, &CQCompoundType))
        return Py_BuildValue("[O]", arg);
    return PyErr_Format(PyExc_ValueError, "Cannot %s type '%R'", verb, (PyObject *)Py_TYPE(arg));
}

/* ------------------------------------------------------------------ union/cut/intersect */

/* union() with no argument (current CadQuery): the solids and compounds on the stack fused
 * together, else the solid found in the parent chain. */
static PyObject *union_stack(CQWorkplane *self, int clean, int glue, double tol)
{
    PyObject *shapes = PyList_New(0);
    for (Py_ssize_t i = 0; shapes && i < PyList_GET_SIZE(self->objects); i++) {
        PyObject *o = PyList_GET_ITEM(self->objects, i);
        if ((PyObject_TypeCheck(o, &CQSolidType) || PyObject_TypeCheck(o, &CQCompoundType)) &&
            PyList_Append(shapes, o) < 0)
            Py_CLEAR(shapes);
    }
    if (!shapes)
        return NULL;
    if (PyList_GET_SIZE(shapes) == 0) {
        PyObject *base = cq_wp_find_solid(self, 0, 1, 1);
        if (!base || PyList_Append(shapes, base) < 0) {
            Py_XDECREF(base);
            Py_DECREF(shapes);
            return NULL;
        }
        Py_DECREF(base);
    }
    zk_shape **arr;
    size_t n;
    zk_shape *r = NULL;
    if (cq_wpf_shapes_of(shapes, &arr, &n) == 0) {
        r = n > 1 ? cq_wpf_fuse(arr[0], arr + 1, n - 1, glue, tol) : zk_ref(arr[0]);
        r = clean_if(r, clean);
        free(arr);
        if (!r)
            cq_raise_kernel_error("union");
    }
    Py_DECREF(shapes);
    return r ? cq_wpf_new_with(self, r, "union") : NULL;
}

static PyObject *union_impl(CQWorkplane *self, PyObject *arg, int clean, int glue, double tol)
{
    PyObject *shapes;
    if (arg == Py_None)
        return union_stack(self, clean, glue, tol);
    if (cq_wpf_is(arg, &CQWorkplaneType)) {
        shapes = cq_wpf_vals_of(arg, "solids");
        if (!shapes)
            return NULL;
        if (PyList_Size(shapes) < 1) {
            Py_DECREF(shapes);
            PyErr_SetString(PyExc_ValueError,
                            "Workplane object must have at least one solid on the stack to union!");
            return NULL;
        }
        cq_wpf_merge_tags(self, arg);
    } else {
        shapes = operand_shapes(self, arg, "solids", "union");
        if (!shapes)
            return NULL;
    }
    zk_shape **arr;
    size_t n;
    if (cq_wpf_shapes_of(shapes, &arr, &n) < 0) {
        Py_DECREF(shapes);
        return NULL;
    }
    PyObject *base = cq_wp_find_solid(self, 1, 1, 0);
    zk_shape *r = NULL;
    if (!base)
        goto done;
    if (base != Py_None)
        r = cq_wpf_fuse(cq_shape_get(base), arr, n, glue, tol);
    else if (n > 1)
        r = cq_wpf_fuse(arr[0], arr + 1, n - 1, glue, tol);
    else
        r = zk_ref(arr[0]);
    r = clean_if(r, clean);
    if (!r)
        cq_raise_kernel_error("union");
done:
    free(arr);
    Py_DECREF(shapes);
    Py_XDECREF(base);
    return r ? cq_wpf_new_with(self, r, "union") : NULL;
}

static PyObject *wp_union(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"toUnion", "clean", "glue", "tol", NULL};
    PyObject *arg = Py_None, *tol_obj = Py_None;
    int clean = 1, glue = 0;
    double tol;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OppO:union", kwlist, &arg, &clean, &glue,
                                     &tol_obj) ||
        parse_tol(tol_obj, &tol) < 0)
        return NULL;
    return union_impl((CQWorkplane *)self, arg, clean, glue, tol);
}

typedef zk_shape *(*bool_fn)(const zk_shape *, zk_shape *const *, size_t, double);

/* cut/intersect: the context solid is required; a Workplane contributes all its Shapes. */
static PyObject *subtract_like(CQWorkplane *self, PyObject *arg, int clean, double tol,
                               bool_fn op, const char *verb)
{
    PyObject *base = cq_wp_find_solid(self, 1, 1, 1);
    if (!base)
        return NULL;
    PyObject *shapes = operand_shapes(self, arg, "vals", verb);
    if (!shapes) {
        Py_DECREF(base);
        return NULL;
    }
    zk_shape **arr;
    size_t n;
    zk_shape *r = NULL;
    if (cq_wpf_shapes_of(shapes, &arr, &n) == 0) {
        r = clean_if(op(cq_shape_get(base), arr, n, tol), clean);
        free(arr);
        if (!r)
            cq_raise_kernel_error(verb);
    }
    Py_DECREF(shapes);
    Py_DECREF(base);
    return r ? cq_wpf_new_with(self, r, verb) : NULL;
}

static PyObject *wp_cut(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"toCut", "clean", "tol", NULL};
    PyObject *arg, *tol_obj = Py_None;
    int clean = 1;
    double tol;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|pO:cut", kwlist, &arg, &clean, &tol_obj) ||
        parse_tol(tol_obj, &tol) < 0)
        return NULL;
    return subtract_like((CQWorkplane *)self, arg, clean, tol, cq_wpf_cut, "cut");
}

static PyObject *wp_intersect(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"toIntersect", "clean", "tol", NULL};
    PyObject *arg, *tol_obj = Py_None;
    int clean = 1;
    double tol;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|pO:intersect", kwlist, &arg, &clean,
                                     &tol_obj) ||
        parse_tol(tol_obj, &tol) < 0)
        return NULL;
    return subtract_like((CQWorkplane *)self, arg, clean, tol, cq_wpf_common, "intersect");
}

static PyObject *wp_combine(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"clean", "glue", "tol", NULL};
    PyObject *tol_obj = Py_None;
    int clean = 1, glue = 0;
    double tol;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|ppO:combine", kwlist, &clean, &glue, &tol_obj) ||
        parse_tol(tol_obj, &tol) < 0)
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    zk_shape **arr;
    size_t n;
    if (cq_wpf_shapes_of(wp->objects, &arr, &n) < 0)
        return NULL;
    if (n == 0) {
        free(arr);
        PyErr_SetString(PyExc_IndexError, "pop from empty list");
        return NULL;
    }
    zk_shape *r = n > 1 ? cq_wpf_fuse(arr[0], arr + 1, n - 1, glue, tol) : zk_ref(arr[0]);
    free(arr);
    r = clean_if(r, clean);
    return cq_wpf_new_with(wp, r, "combine");
}

/* ------------------------------------------------------------------ split */

static PyObject *split_with(CQWorkplane *self, PyObject *arg)
{
    PyObject *base = cq_wp_find_solid(self, 1, 1, 1);
    if (!base)
        return NULL;
    PyObject *tools = cq_wpf_is(arg, &CQWorkplaneType) ? cq_wpf_vals_of(arg, "vals")
                                                        : Py_BuildValue("[O]", arg);
    zk_shape **arr;
    size_t n;
    zk_shape *r = NULL;
    if (tools && cq_wpf_shapes_of(tools, &arr, &n) == 0) {
        r = zk_split(cq_shape_get(base), arr, n);
        free(arr);
        if (!r)
            cq_raise_kernel_error("split");
    }
    if (r)
        cq_wpf_merge_tags(self, arg);
    Py_XDECREF(tools);
    Py_DECREF(base);
    return r ? cq_wpf_new_with(self, r, "split") : NULL;
}

/* A half-space box of the workplane: rect(maxDim, maxDim) extruded by d (CadQuery's way). */
static zk_shape *cut_box(CQWorkplane *self, double maxdim, double d)
{
    PyObject *w = PyObject_CallMethod((PyObject *)self, "rect", "dd", maxdim, maxdim);
    if (!w)
        return NULL;
    zk_shape *s = cq_wpf_is(w, &CQWorkplaneType)
                      ? cq_wpf_extrude_distance((CQWorkplane *)w, d, 0, 0.0)
                      : NULL;
    if (!s && !PyErr_Occurred())
        PyErr_SetString(PyExc_TypeError, "rect() did not return a Workplane");
    Py_DECREF(w);
    return s;
}

static PyObject *split_halves(CQWorkplane *self, int keep_top, int keep_bottom)
{
    if (!keep_top && !keep_bottom) {
        PyErr_SetString(PyExc_ValueError, "You have to keep at least one half");
        return NULL;
    }
    PyObject *base = cq_wp_find_solid(self, 1, 1, 1);
    if (!base)
        return NULL;
    zk_shape *solid = cq_shape_get(base);
    double b[6];
    PyObject *res = NULL;
    zk_shape *top_box = NULL, *bottom_box = NULL, *top = NULL, *bottom = NULL;
    if (zk_bbox(solid, 0.0, 1, b) < 0) {
        cq_raise_kernel_error("BoundingBox");
        goto done;
    }
    double maxdim = 10.0 * sqrt((b[3] - b[0]) * (b[3] - b[0]) + (b[4] - b[1]) * (b[4] - b[1]) +
                                (b[5] - b[2]) * (b[5] - b[2]));
    top_box = cut_box(self, maxdim, maxdim);
    bottom_box = top_box ? cut_box(self, maxdim, -maxdim) : NULL;
    if (!bottom_box)
        goto done;
    top = cq_wpf_cut(solid, &bottom_box, 1, 0.0);
    bottom = top ? cq_wpf_cut(solid, &top_box, 1, 0.0) : NULL;
    if (!bottom) {
        cq_raise_kernel_error("split");
        goto done;
    }
    PyObject *list = PyList_New(0);
    if (!list)
        goto done;
    if (keep_top) {
        PyObject *t = cq_shape_wrap(zk_ref(top));
        if (!t || PyList_Append(list, t) < 0)
            Py_CLEAR(list);
        Py_XDECREF(t);
    }
    if (list && keep_bottom) {
        PyObject *t = cq_shape_wrap(zk_ref(bottom));
        if (!t || PyList_Append(list, t) < 0)
            Py_CLEAR(list);
        Py_XDECREF(t);
    }
    if (list) {
        res = cq_wp_new_object(self, list);
        Py_DECREF(list);
    }
done:
    zk_unref(top_box);
    zk_unref(bottom_box);
    zk_unref(top);
    zk_unref(bottom);
    Py_DECREF(base);
    return res;
}

static PyObject *wp_split(PyObject *self, PyObject *args, PyObject *kw)
{
    CQWorkplane *wp = (CQWorkplane *)self;
    if (PyTuple_Size(args) == 1 && (!kw || PyDict_Size(kw) == 0)) {
        PyObject *a = PyTuple_GET_ITEM(args, 0);
        if (cq_wpf_is(a, &CQWorkplaneType) || cq_shape_check(a))
            return split_with(wp, a);
    }
    static char *kwlist[] = {"keepTop", "keepBottom", NULL};
    PyObject *top = Py_False, *bottom = Py_False;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OO:split", kwlist, &top, &bottom))
        return NULL;
    int t = PyObject_IsTrue(top), b = PyObject_IsTrue(bottom);
    if (t < 0 || b < 0)
        return NULL;
    return split_halves(wp, t, b);
}

/* ------------------------------------------------------------------ shape mapping */

typedef zk_shape *(*xform_fn)(const zk_shape *s, const void *data);

/* newObject with every Shape transformed by fn (others kept unless drop_others); `what`
 * names the operation in a kernel error. */
static PyObject *map_shapes(CQWorkplane *self, xform_fn fn, const void *data, int drop_others,
                            const char *what)
{
    PyObject *list = PyList_New(0);
    for (Py_ssize_t i = 0; list && i < PyList_Size(self->objects); i++) {
        PyObject *it = PyList_GET_ITEM(self->objects, i), *o;
        if (cq_shape_check(it)) {
            zk_shape *t = fn(cq_shape_get(it), data);
            o = t ? cq_shape_wrap(t) : cq_raise_kernel_error(what);
        } else if (drop_others) {
            continue;
        } else {
            o = it;
            Py_INCREF(o);
        }
        if (!o || PyList_Append(list, o) < 0)
            Py_CLEAR(list);
        Py_XDECREF(o);
    }
    if (!list)
        return NULL;
    PyObject *r = cq_wp_new_object(self, list);
    Py_DECREF(list);
    return r;
}

/* ------------------------------------------------------------------ clean, section */

static zk_shape *do_clean(const zk_shape *s, const void *data)
{
    (void)data;
    return zk_clean(s);
}

static PyObject *wp_clean(PyObject *self, PyObject *noargs)
{
    (void)noargs;
    return map_shapes((CQWorkplane *)self, do_clean, NULL, 0, "clean");
}

static PyObject *wp_section(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"height", NULL};
    double h = 0.0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|d:section", kwlist, &h))
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    PyObject *base = cq_wp_find_solid(wp, 1, 1, 1);
    if (!base)
        return NULL;
    zk_shape *solid = cq_shape_get(base);
    double b[6];
    if (zk_bbox(solid, 0.0, 1, b) < 0) {
        Py_DECREF(base);
        return cq_raise_kernel_error("section");
    }
    /* A finite square standing in for CadQuery's infinite plane: centred on the solid's
     * box centre projected onto the plane, larger than any section can be. */
    zk_vec o = zv_add(wp->plane->origin, zv_scale(wp->plane->zDir, h));
    zk_vec c = {(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2};
    zk_vec n = wp->plane->zDir;
    zk_vec pc = zv_sub(c, zv_scale(n, zv_dot(zv_sub(c, o), n)));
    double diag = sqrt((b[3] - b[0]) * (b[3] - b[0]) + (b[4] - b[1]) * (b[4] - b[1]) +
                       (b[5] - b[2]) * (b[5] - b[2]));
    double size = 4.0 * diag + 2.0;
    zk_ax2 f = {pc, n, wp->plane->xDir};
    zk_shape *face = zk_face_plane(&f, size, size);
    zk_shape *r = face ? cq_wpf_common(solid, &face, 1, 0.0) : NULL;
    zk_unref(face);
    Py_DECREF(base);
    return cq_wpf_new_with(wp, r, "section");
}

/* ------------------------------------------------------------------ transforms */

typedef struct { zk_vec p, dir; double angle; } rot_data;

static zk_shape *do_translate(const zk_shape *s, const void *d)
{
    return zk_translated(s, *(const zk_vec *)d);
}

static zk_shape *do_rotate(const zk_shape *s, const void *d)
{
    const rot_data *r = d;
    return zk_rotated(s, r->p, r->dir, r->angle);
}

static zk_shape *do_mirror(const zk_shape *s, const void *d)
{
    const zk_vec *pn = d; /* point, normal */
    return zk_mirrored(s, pn[0], pn[1]);
}

static PyObject *wp_translate(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"vec", NULL};
    PyObject *v;
    zk_vec t;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O:translate", kwlist, &v) ||
        cq_vector_from_obj(v, &t) < 0)
        return NULL;
    return map_shapes((CQWorkplane *)self, do_translate, &t, 0, "translate");
}

static PyObject *wp_rotate(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"axisStartPoint", "axisEndPoint", "angleDegrees", NULL};
    PyObject *a, *b;
    double angle;
    zk_vec pa, pb;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOd:rotate", kwlist, &a, &b, &angle) ||
        cq_vector_from_obj(a, &pa) < 0 || cq_vector_from_obj(b, &pb) < 0)
        return NULL;
    rot_data r = {pa, zv_sub(pb, pa), angle * PI / 180.0};
    return map_shapes((CQWorkplane *)self, do_rotate, &r, 0, "rotate");
}

/* each(lambda o: o.rotate(o.Center(), o.Center() + end, angle), False, False): cleaned;
 * a non-construction Wire result becomes a pending wire. */
static PyObject *wp_rotate_about_center(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"axisEndPoint", "angleDegrees", NULL};
    PyObject *e;
    double angle;
    zk_vec end;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "Od:rotateAboutCenter", kwlist, &e, &angle) ||
        cq_vector_from_obj(e, &end) < 0)
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    PyObject *list = PyList_New(0);
    for (Py_ssize_t i = 0; list && i < PyList_Size(wp->objects); i++) {
        PyObject *it = PyList_GET_ITEM(wp->objects, i);
        if (!cq_shape_check(it)) {
            PyErr_Format(PyExc_AttributeError, "'%s' object has no attribute 'rotate'",
                         Py_TYPE(it)->tp_name);
            Py_CLEAR(list);
            break;
        }
        zk_vec c = cq_shape_center(cq_shape_get(it));
        zk_shape *t = zk_rotated(cq_shape_get(it), c, end, angle * PI / 180.0);
        zk_shape *cl = t ? zk_clean(t) : NULL;
        zk_unref(t);
        PyObject *o = cl ? cq_shape_wrap(cl) : cq_raise_kernel_error("rotateAboutCenter");
        if (o && cq_wpf_is(o, &CQWireType) && cq_wp_add_pending_wire(wp, o) < 0)
            Py_CLEAR(o);
        if (!o || PyList_Append(list, o) < 0)
            Py_CLEAR(list);
        Py_XDECREF(o);
    }
    if (!list)
        return NULL;
    PyObject *r = cq_wp_new_object(wp, list);
    Py_DECREF(list);
    return r;
}

/* mirrorPlane: "XY"/"YX", "XZ"/"ZX", "YZ"/"ZY", a vector (the normal), a Face or a
 * Workplane whose val() is a Face (then the base point defaults to the face centre). */
static int mirror_plane(PyObject *mp, zk_vec *normal, PyObject **face)
{
    *face = NULL;
    if (PyUnicode_Check(mp)) {
        const char *s = PyUnicode_AsUTF8(mp);
        if (!s)
            return -1;
        if (!strcmp(s, "XY") || !strcmp(s, "YX"))
            *normal = (zk_vec){0, 0, 1};
        else if (!strcmp(s, "XZ") || !strcmp(s, "ZX"))
            *normal = (zk_vec){0, 1, 0};
        else if (!strcmp(s, "YZ") || !strcmp(s, "ZY"))
            *normal = (zk_vec){1, 0, 0};
        else {
            PyErr_Format(PyExc_ValueError, "Unknown mirror plane '%s'", s);
            return -1;
        }
        return 0;
    }
    PyObject *f = mp;
    Py_INCREF(f);
    if (cq_wpf_is(mp, &CQWorkplaneType)) {
        Py_DECREF(f);
        f = PyObject_CallMethod(mp, "val", NULL);
        if (!f)
            return -1;
        if (!cq_wpf_is(f, &CQFaceType)) {
            PyErr_Format(PyExc_ValueError, "Face required, got %R", f);
            Py_DECREF(f);
            return -1;
        }
    }
    if (cq_wpf_is(f, &CQFaceType)) {
        *normal = zk_face_normal_at(cq_shape_get(f), NULL);
        *face = f;
        return 0;
    }
    Py_DECREF(f);
    return cq_vector_from_obj(mp, normal);
}

static PyObject *wp_mirror(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"mirrorPlane", "basePointVector", "union", NULL};
    PyObject *mp = NULL, *bp = Py_None;
    int do_union = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOp:mirror", kwlist, &mp, &bp, &do_union))
        return NULL;
    PyObject *face = NULL, *dflt = NULL;
    if (!mp)
        mp = dflt = PyUnicode_FromString("XY");
    zk_vec pn[2] = {{0, 0, 0}, {0, 0, 1}};
    int rc = mp ? mirror_plane(mp, &pn[1], &face) : -1;
    Py_XDECREF(dflt);
    if (rc < 0)
        return NULL;
    if (bp != Py_None)
        rc = cq_vector_from_obj(bp, &pn[0]);
    else if (face)
        pn[0] = cq_shape_center(cq_shape_get(face));
    Py_XDECREF(face);
    if (rc < 0)
        return NULL;
    PyObject *mirrored = map_shapes((CQWorkplane *)self, do_mirror, pn, 1, "mirror");
    if (!mirrored || !do_union)
        return mirrored;
    PyObject *r = union_impl((CQWorkplane *)self, mirrored, 1, 0, 0.0);
    Py_DECREF(mirrored);
    return r;
}

/* ------------------------------------------------------------------ operators */

static PyObject *binop(PyObject *a, PyObject *b, const char *method)
{
    if (!cq_wpf_is(a, &CQWorkplaneType))
        Py_RETURN_NOTIMPLEMENTED;
    return PyObject_CallMethod(a, method, "O", b);
}

static PyObject *op_union(PyObject *a, PyObject *b) { return binop(a, b, "union"); }
static PyObject *op_cut(PyObject *a, PyObject *b) { return binop(a, b, "cut"); }
static PyObject *op_intersect(PyObject *a, PyObject *b) { return binop(a, b, "intersect"); }
static PyObject *op_split(PyObject *a, PyObject *b) { return binop(a, b, "split"); }

PyNumberMethods cq_wp_number_methods = {
    .nb_add = op_union,
    .nb_subtract = op_cut,
    .nb_multiply = op_intersect,
    .nb_and = op_intersect,
    .nb_or = op_union,
    .nb_true_divide = op_split,
};

int cq_wp_install_number_ops(PyTypeObject *t)
{
    if (!t)
        return -1;
    t->tp_as_number = &cq_wp_number_methods;
    return 0;
}

/* ------------------------------------------------------------------ table */

#define KW (METH_VARARGS | METH_KEYWORDS)
#define FN(f) ((PyCFunction)(void (*)(void))(f))

PyMethodDef cq_wp_bool_methods[] = {
    {"union", FN(wp_union), KW, "union(toUnion=None, clean=True, glue=False, tol=None)"},
    {"cut", FN(wp_cut), KW, "cut(toCut, clean=True, tol=None)"},
    {"intersect", FN(wp_intersect), KW, "intersect(toIntersect, clean=True, tol=None)"},
    {"combine", FN(wp_combine), KW, "combine(clean=True, glue=False, tol=None)"},
    {"split", FN(wp_split), KW, "split(keepTop=False, keepBottom=False) or split(splitter)"},
    {"clean", FN(wp_clean), METH_NOARGS, "clean()"},
    {"section", FN(wp_section), KW, "section(height=0.0)"},
    {"mirror", FN(wp_mirror), KW, "mirror(mirrorPlane='XY', basePointVector=None, union=False)"},
    {"translate", FN(wp_translate), KW, "translate(vec)"},
    {"rotate", FN(wp_rotate), KW, "rotate(axisStartPoint, axisEndPoint, angleDegrees)"},
    {"rotateAboutCenter", FN(wp_rotate_about_center), KW, "rotateAboutCenter(axisEndPoint, angleDegrees)"},
    {NULL, NULL, 0, NULL}
};
