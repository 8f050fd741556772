/* workplane_feature.c: the Workplane profile features of CadQuery 2.4 — extrude, cutBlind,
 * cutThruAll, twistExtrude, revolve, loft, sweep — over the faces/pending wires of the chain,
 * and the method table cq_wp_feature_methods (which also lists the primitives, holes and
 * fillet/chamfer/shell implemented in workplane_primitives.c, _holes.c and _modify.c). */
#include "cq_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double PI = 3.14159265358979323846;

/* ------------------------------------------------------------------ small helpers */

static int str_is(PyObject *o, const char *s)
{
    return PyUnicode_Check(o) && PyUnicode_CompareWithASCIIString(o, s) == 0;
}

/* 1: combine is True/"a" (fuse), 2: "cut"/"s", 0: anything else. */
static int combine_kind(PyObject *combine)
{
    if (str_is(combine, "cut") || str_is(combine, "s"))
        return 2;
    if (str_is(combine, "a"))
        return 1;
    if (PyBool_Check(combine) || PyLong_Check(combine) || PyFloat_Check(combine)) {
        int eq = PyObject_RichCompareBool(combine, Py_True, Py_EQ);
        if (eq < 0) {
            PyErr_Clear();
            return 0;
        }
        return eq ? 1 : 0;
    }
    return 0;
}

static int is_number(PyObject *o)
{
    return !PyUnicode_Check(o) && (PyFloat_Check(o) || PyLong_Check(o) || PyIndex_Check(o) ||
                                   (Py_TYPE(o)->tp_as_number && Py_TYPE(o)->tp_as_number->nb_float));
}

/* taper: None -> 0 */
static int parse_taper(PyObject *o, double *out)
{
    *out = 0.0;
    if (o == NULL || o == Py_None)
        return 0;
    *out = PyFloat_AsDouble(o);
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

static PyObject *faces_of(CQWorkplane *self)
{
    PyObject *faces = cq_wp_get_faces(self);
    if (faces && !PyList_Check(faces)) {
        PyObject *l = PySequence_List(faces);
        Py_DECREF(faces);
        return l;
    }
    return faces;
}

/* The pending wires of the shared context, taken off it (ctx.popPendingWires). */
static PyObject *pop_pending_wires(CQWorkplane *self)
{
    PyObject *wires = self->ctx->pendingWires;
    PyObject *fresh = PyList_New(0);
    if (!fresh)
        return NULL;
    self->ctx->pendingWires = fresh;
    return wires; /* the reference the context held */
}

/* A face's outer wire as a Python Wire (new reference). */
static PyObject *outer_wire_of(PyObject *face)
{
    return cq_shape_wrap(zk_face_outer_wire(cq_shape_get(face)));
}

static int has_inner_wires(zk_shape *face)
{
    zk_shape **inner = NULL;
    size_t n = 0;
    if (zk_face_inner_wires(face, &inner, &n) < 0)
        return 0;
    zk_free_list(inner, n);
    return n > 0;
}

/* ------------------------------------------------------------------ extrusion */

/* Solid.extrudeLinear(face, v, taper). */
static zk_shape *extrude_linear(zk_shape *face, zk_vec v, double taper)
{
    if (taper == 0.0)
        return zk_prism(face, v);
    zk_vec n = zk_face_normal_at(face, NULL);
    double d = zv_dot(v, n) > 0 ? 1.0 : -1.0;
    return zk_prism_taper(face, d * zv_len(v), taper);
}

zk_shape *cq_wpf_extrude_distance(CQWorkplane *self, double distance, int both, double taper)
{
    PyObject *faces = faces_of(self);
    if (!faces)
        return NULL;
    Py_ssize_t nf = PyList_Size(faces);
    for (Py_ssize_t i = 0; i < nf; i++) {
        if (taper != 0.0 && has_inner_wires(cq_shape_get(PyList_GET_ITEM(faces, i)))) {
            Py_DECREF(faces);
            PyErr_SetString(PyExc_ValueError, "Inner wires not allowed with tapered extrusion");
            return NULL;
        }
    }
    zk_vec e = zv_scale(self->plane->zDir, distance);
    zk_shape **parts = calloc((size_t)(nf > 0 ? nf : 1), sizeof(zk_shape *));
    zk_shape *res = NULL;
    if (!parts) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < nf; i++) {
        zk_shape *f = cq_shape_get(PyList_GET_ITEM(faces, i));
        zk_shape *s1 = extrude_linear(f, e, taper);
        if (s1 && both) {
            zk_shape *s2 = extrude_linear(f, zv_scale(e, -1.0), taper);
            zk_shape *fused = s2 ? zk_fuse(s1, &s2, 1, 1, 0.0) : NULL;
            zk_unref(s2);
            zk_unref(s1);
            s1 = fused;
        }
        if (!s1) {
            cq_raise_kernel_error("extrude");
            goto done;
        }
        parts[i] = s1;
    }
    res = zk_compound(parts, (size_t)nf);
    if (!res)
        cq_raise_kernel_error("extrude");
done:
    if (parts)
        for (Py_ssize_t i = 0; i < nf; i++)
            zk_unref(parts[i]);
    free(parts);
    Py_DECREF(faces);
    return res;
}

/* getFacesList: the faces of the context solid hit by the line from the face centre along
 * dir (then -dir when nothing is hit and not `both`). New malloc'd list or NULL + exception. */
static int faces_list(zk_shape *solid, zk_shape *face, zk_vec dir, int direction, int both,
                      zk_shape ***out, size_t *n)
{
    zk_vec c = cq_shape_center(face);
    if (zk_faces_intersected_by_line(solid, c, dir, 1e-4, direction, out, n) < 0) {
        cq_raise_kernel_error("facesIntersectedByLine");
        return -1;
    }
    if (*n == 0 && both) {
        zk_free_list(*out, *n);
        PyErr_SetString(PyExc_ValueError,
                        "Couldn't find a face to extrude/cut to for at least one of the two "
                        "required directions of extrusion/cut.");
        return -1;
    }
    if (*n == 0) {
        zk_free_list(*out, *n);
        if (zk_faces_intersected_by_line(solid, c, zv_scale(dir, -1.0), 1e-4, direction, out,
                                         n) < 0) {
            cq_raise_kernel_error("facesIntersectedByLine");
            return -1;
        }
        if (*n == 0) {
            zk_free_list(*out, *n);
            PyErr_SetString(PyExc_ValueError,
                            "Couldn't find a face to extrude/cut to. Check your workplane "
                            "orientation.");
            return -1;
        }
    }
    return 0;
}

/* facesList[index] with Python's negative indexing; new ref or NULL + IndexError. */
static zk_shape *pick_face(zk_shape **list, size_t n, int index)
{
    long i = index < 0 ? (long)n + index : index;
    if (i < 0 || i >= (long)n) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return NULL;
    }
    return zk_ref(list[i]);
}

static int is_inside(zk_shape *solid, zk_vec p)
{
    int r = zk_classify(solid, p, 1e-6);
    return r == 1 || r == 2;
}

/* One dprism up to the limit picked along dir (or `limit` itself). Steals res. */
static zk_shape *dprism_to(zk_shape *res, zk_shape *ctx_solid, zk_shape *face, zk_vec dir,
                           int *index, zk_shape *limit, int both, double taper, int additive,
                           int check_inside)
{
    zk_shape *lim = limit ? zk_ref(limit) : NULL;
    if (!lim) {
        zk_shape **list;
        size_t n;
        if (faces_list(ctx_solid, face, dir, additive ? 1 : 2, both, &list, &n) < 0) {
            zk_unref(res);
            return NULL;
        }
        if (check_inside && additive && *index == 0) {
            zk_shape *outer = zk_face_outer_wire(face);
            if (outer && is_inside(res, zk_center_of_mass(outer)))
                *index = 1; /* extrude until the next face outside the solid */
            zk_unref(outer);
        }
        lim = pick_face(list, n, *index);
        zk_free_list(list, n);
        if (!lim) {
            zk_unref(res);
            return NULL;
        }
    }
    zk_shape *next = zk_dprism(res, face, NULL, taper * PI / 180.0, additive, 2, 0.0, lim);
    zk_unref(lim);
    zk_unref(res);
    if (!next)
        cq_raise_kernel_error(additive ? "extrude" : "cutBlind");
    return next;
}

/* _extrude(upToFace=index 0 "next" / -1 "last", or the Face `limit`): the whole context solid
 * with each face's feature added (additive) or removed. */
static zk_shape *extrude_until(CQWorkplane *self, int index, zk_shape *limit, int both,
                               double taper, int additive)
{
    PyObject *solid = cq_wp_find_solid(self, 1, 1, 1);
    if (!solid)
        return NULL;
    PyObject *faces = faces_of(self);
    if (!faces) {
        Py_DECREF(solid);
        return NULL;
    }
    zk_shape *ctx = cq_shape_get(solid);
    zk_vec dir = self->plane->zDir;
    zk_shape *res = zk_ref(ctx);
    Py_ssize_t nf = PyList_Size(faces);
    for (Py_ssize_t i = 0; i < nf && res; i++) {
        zk_shape *f = cq_shape_get(PyList_GET_ITEM(faces, i));
        res = dprism_to(res, ctx, f, dir, &index, limit, both, taper, additive, 1);
        if (res && both)
            res = dprism_to(res, ctx, f, zv_scale(dir, -1.0), &index, limit, both, taper,
                            additive, 0);
    }
    Py_DECREF(faces);
    Py_DECREF(solid);
    return res;
}

/* until "next"/"last"/Face -> kernel mode; -1 if not one of them. */
static int until_mode(PyObject *until, zk_shape **limit)
{
    *limit = NULL;
    if (str_is(until, "next"))
        return 0;
    if (str_is(until, "last"))
        return 1; /* facesList[-1] */
    if (cq_wpf_is(until, &CQFaceType)) {
        *limit = cq_shape_get(until);
        return 2;
    }
    return -1;
}

static PyObject *cut_blind_impl(CQWorkplane *self, PyObject *until, int clean, PyObject *both_obj,
                                PyObject *taper_obj)
{
    double taper;
    int both;
    if (PyFloat_Check(both_obj) && (taper_obj == NULL || taper_obj == Py_None)) {
        if (PyErr_WarnEx(PyExc_DeprecationWarning,
                         "cutBlind added a new keyword argument `both=True`. The signature is "
                         "changed from (until, clean, taper) -> (until, clean, both, taper)",
                         1) < 0)
            return NULL;
        taper_obj = both_obj;
        both = 0;
    } else {
        both = PyObject_IsTrue(both_obj);
        if (both < 0)
            return NULL;
    }
    if (parse_taper(taper_obj, &taper) < 0)
        return NULL;
    zk_shape *limit, *s;
    int mode = until_mode(until, &limit);
    if (mode >= 0) {
        s = extrude_until(self, mode == 1 ? -1 : 0, limit, both, taper, 0);
    } else if (is_number(until)) {
        double d = PyFloat_AsDouble(until);
        if (d == -1.0 && PyErr_Occurred())
            return NULL;
        zk_shape *tool = cq_wpf_extrude_distance(self, d, both, taper);
        if (!tool)
            return NULL;
        PyObject *solid = cq_wp_find_solid(self, 1, 1, 1);
        if (!solid) {
            zk_unref(tool);
            return NULL;
        }
        s = cq_wpf_cut(cq_shape_get(solid), &tool, 1, 0.0);
        zk_unref(tool);
        Py_DECREF(solid);
        if (!s)
            return cq_raise_kernel_error("cutBlind");
    } else {
        return PyErr_Format(PyExc_ValueError,
                            "Do not know how to handle until argument of type %R",
                            (PyObject *)Py_TYPE(until));
    }
    if (!s)
        return NULL;
    if (clean) {
        zk_shape *c = zk_clean(s);
        zk_unref(s);
        s = c;
    }
    return cq_wpf_new_with(self, s, "clean");
}

/* The first argument is `until`; `distance` (older CadQuery) is accepted as its alias. */
static int take_alias(PyObject **kw, const char *alias, PyObject **until)
{
    if (*until || !*kw)
        return 0;
    PyObject *v = PyDict_GetItemString(*kw, alias);
    if (!v)
        return 0;
    PyObject *copy = PyDict_Copy(*kw);
    if (!copy)
        return -1;
    *until = v;
    Py_INCREF(v);
    PyDict_DelItemString(copy, alias);
    *kw = copy;
    return 1;
}

static PyObject *wp_cut_blind(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"until", "clean", "both", "taper", NULL};
    PyObject *until = NULL, *both = Py_False, *taper = Py_None;
    int clean = 1;
    PyObject *kwd = kw;
    if (PyTuple_Size(args) == 0) {
        int a = take_alias(&kwd, "distanceToCut", &until);
        if (a == 0)
            a = take_alias(&kwd, "distance", &until);
        if (a < 0)
            return NULL;
    }
    PyObject *r = NULL;
    if (until) {
        if (PyArg_ParseTupleAndKeywords(args, kwd, "|pOO:cutBlind", kwlist + 1, &clean, &both,
                                        &taper))
            r = cut_blind_impl((CQWorkplane *)self, until, clean, both, taper);
        Py_DECREF(until);
        Py_DECREF(kwd);
        return r;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|pOO:cutBlind", kwlist, &until, &clean, &both,
                                     &taper))
        return NULL;
    return cut_blind_impl((CQWorkplane *)self, until, clean, both, taper);
}

static PyObject *extrude_impl(CQWorkplane *self, PyObject *until, PyObject *combine, int clean,
                              PyObject *both_obj, PyObject *taper_obj)
{
    int kind = combine_kind(combine);
    if (kind == 2)
        return cut_blind_impl(self, until, clean, both_obj, taper_obj);
    int both = PyObject_IsTrue(both_obj);
    double taper;
    if (both < 0 || parse_taper(taper_obj, &taper) < 0)
        return NULL;
    int comb_truth = PyObject_IsTrue(combine);
    if (comb_truth < 0)
        return NULL;
    zk_shape *limit, *r;
    int mode = until_mode(until, &limit);
    if (mode >= 0 && mode < 2 && kind == 1) {
        r = extrude_until(self, mode == 1 ? -1 : 0, NULL, both, taper, 1);
    } else if (mode == 2 && comb_truth) {
        r = extrude_until(self, 0, limit, both, taper, 1);
    } else if (is_number(until)) {
        double d = PyFloat_AsDouble(until);
        if (d == -1.0 && PyErr_Occurred())
            return NULL;
        r = cq_wpf_extrude_distance(self, d, both, taper);
    } else if ((PyUnicode_Check(until) || mode == 2) && combine == Py_False) {
        PyErr_SetString(PyExc_ValueError,
                        "`combine` can't be set to False when extruding until a face");
        return NULL;
    } else {
        return PyErr_Format(PyExc_ValueError,
                            "Do not know how to handle until argument of type %R",
                            (PyObject *)Py_TYPE(until));
    }
    if (!r)
        return NULL;
    return cq_wpf_combine_shape(self, r, combine, clean);
}

static PyObject *wp_extrude(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"until", "combine", "clean", "both", "taper", NULL};
    PyObject *until = NULL, *combine = Py_True, *both = Py_False, *taper = Py_None;
    int clean = 1;
    PyObject *kwd = kw;
    if (PyTuple_Size(args) == 0 && take_alias(&kwd, "distance", &until) < 0)
        return NULL;
    if (until) {
        PyObject *r = NULL;
        if (PyArg_ParseTupleAndKeywords(args, kwd, "|OpOO:extrude", kwlist + 1, &combine, &clean,
                                        &both, &taper))
            r = extrude_impl((CQWorkplane *)self, until, combine, clean, both, taper);
        Py_DECREF(until);
        Py_DECREF(kwd);
        return r;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OpOO:extrude", kwlist, &until, &combine, &clean,
                                     &both, &taper))
        return NULL;
    return extrude_impl((CQWorkplane *)self, until, combine, clean, both, taper);
}

static PyObject *wp_cut_thru_all(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"clean", "taper", NULL};
    int clean = 1;
    double taper = 0.0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|pd:cutThruAll", kwlist, &clean, &taper))
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    PyObject *solid = cq_wp_find_solid(wp, 1, 1, 1);
    if (!solid)
        return NULL;
    PyObject *faces = faces_of(wp);
    if (!faces) {
        Py_DECREF(solid);
        return NULL;
    }
    zk_shape *res = zk_ref(cq_shape_get(solid));
    for (Py_ssize_t i = 0; i < PyList_Size(faces) && res; i++) {
        zk_shape *next = zk_dprism(res, cq_shape_get(PyList_GET_ITEM(faces, i)), NULL,
                                   -taper * PI / 180.0, 0, 1, 0.0, NULL);
        zk_unref(res);
        res = next;
    }
    Py_DECREF(faces);
    Py_DECREF(solid);
    if (!res)
        return cq_raise_kernel_error("cutThruAll");
    if (clean) {
        zk_shape *c = zk_clean(res);
        zk_unref(res);
        res = c;
    }
    return cq_wpf_new_with(wp, res, "clean");
}

/* ------------------------------------------------------------------ twist, revolve */

static PyObject *wp_twist_extrude(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"distance", "angleDegrees", "combine", "clean", NULL};
    double dist, angle;
    PyObject *combine = Py_True;
    int clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|Op:twistExtrude", kwlist, &dist, &angle,
                                     &combine, &clean))
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    PyObject *faces = faces_of(wp);
    if (!faces)
        return NULL;
    Py_ssize_t nf = PyList_Size(faces);
    zk_vec e = zv_scale(wp->plane->zDir, dist);
    zk_shape **parts = calloc((size_t)(nf > 0 ? nf : 1), sizeof(zk_shape *));
    zk_shape *comp = NULL;
    if (!parts) {
        Py_DECREF(faces);
        return PyErr_NoMemory();
    }
    int ok = 1;
    for (Py_ssize_t i = 0; i < nf && ok; i++) {
        zk_shape *f = cq_shape_get(PyList_GET_ITEM(faces, i));
        zk_shape *outer = zk_face_outer_wire(f);
        zk_shape **inner = NULL;
        size_t ni = 0;
        if (!outer || zk_face_inner_wires(f, &inner, &ni) < 0) {
            zk_unref(outer);
            ok = 0;
            break;
        }
        parts[i] = zk_twist_extrude(outer, inner, ni, wp->plane->origin, e, angle);
        zk_unref(outer);
        zk_free_list(inner, ni);
        ok = parts[i] != NULL;
    }
    if (ok) {
        zk_shape *c = zk_compound(parts, (size_t)nf);
        comp = c ? cq_wpf_compound_fuse(c) : NULL;
        zk_unref(c);
    }
    for (Py_ssize_t i = 0; i < nf; i++)
        zk_unref(parts[i]);
    free(parts);
    Py_DECREF(faces);
    if (!comp)
        return cq_raise_kernel_error("twistExtrude");
    return cq_wpf_combine_shape(wp, comp, combine, clean);
}

static int local_point(PyObject *o, zk_vec *out)
{
    return cq_vector_from_obj(o, out);
}

static PyObject *wp_revolve(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"angleDegrees", "axisStart", "axisEnd", "combine", "clean", NULL};
    double angle = 360.0;
    PyObject *start_obj = Py_None, *end_obj = Py_None, *combine = Py_True;
    int clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|dOOOp:revolve", kwlist, &angle, &start_obj,
                                     &end_obj, &combine, &clean))
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    angle = fmod(angle, 360.0);
    if (angle < 0)
        angle += 360.0;
    if (angle == 0.0)
        angle = 360.0;
    zk_vec ls = {0, 0, 0}, le = {0, 1, 0};
    if (start_obj != Py_None && local_point(start_obj, &ls) < 0)
        return NULL;
    zk_vec ws = cq_plane_to_world(wp->plane, ls), we;
    if (end_obj != Py_None) {
        if (local_point(end_obj, &le) < 0)
            return NULL;
        we = cq_plane_to_world(wp->plane, le);
    } else if (ws.y != 0) { /* CadQuery 2.4 tests the WORLD start's y here */
        we = cq_plane_to_world(wp->plane, (zk_vec){0, ws.y, 0});
    } else {
        we = cq_plane_to_world(wp->plane, le);
    }
    PyObject *faces = faces_of(wp);
    if (!faces)
        return NULL;
    Py_ssize_t nf = PyList_Size(faces);
    zk_shape **parts = calloc((size_t)(nf > 0 ? nf : 1), sizeof(zk_shape *));
    zk_shape *comp = NULL;
    int ok = parts != NULL;
    for (Py_ssize_t i = 0; i < nf && ok; i++) {
        parts[i] = zk_revolve(cq_shape_get(PyList_GET_ITEM(faces, i)), ws, zv_sub(we, ws),
                              angle * PI / 180.0);
        ok = parts[i] != NULL;
    }
    if (ok)
        comp = zk_compound(parts, (size_t)nf);
    if (parts)
        for (Py_ssize_t i = 0; i < nf; i++)
            zk_unref(parts[i]);
    free(parts);
    Py_DECREF(faces);
    if (!comp)
        return cq_raise_kernel_error("revolve");
    return cq_wpf_combine_shape(wp, comp, combine, clean);
}

/* ------------------------------------------------------------------ loft, sweep */

/* CadQuery's _getFacesVertices: sketch faces, faces and vertices on the stack (also inside
 * compounds). New list. */
static PyObject *faces_vertices_of(CQWorkplane *self)
{
    PyObject *rv = PyList_New(0);
    for (Py_ssize_t i = 0; rv && i < PyList_GET_SIZE(self->objects); i++) {
        PyObject *o = PyList_GET_ITEM(self->objects, i), *items = NULL;
        if (cq_sketch_check(o))
            items = cq_sketch_faces(o);
        else if (cq_shape_check(o) && zk_shape_type(((CQShape *)o)->s) == ZK_COMPOUND)
            items = PySequence_List(o);
        else if (cq_shape_check(o)) {
            items = PyList_New(1);
            if (items)
                PyList_SET_ITEM(items, 0, Py_NewRef(o));
        } else
            continue;
        for (Py_ssize_t k = 0; items && rv && k < PyList_GET_SIZE(items); k++) {
            PyObject *c = PyList_GET_ITEM(items, k);
            zk_type t = cq_shape_check(c) ? zk_shape_type(((CQShape *)c)->s) : ZK_SHAPE;
            if ((t == ZK_FACE || t == ZK_VERTEX) && PyList_Append(rv, c) < 0)
                Py_CLEAR(rv);
        }
        if (!items)
            Py_CLEAR(rv);
        Py_XDECREF(items);
    }
    return rv;
}

/* Pending wires (taken) or else the outer wires of _getFacesVertices() (vertices as they are). */
static PyObject *section_wires(CQWorkplane *self)
{
    if (PyList_Check(self->ctx->pendingWires) && PyList_Size(self->ctx->pendingWires) > 0)
        return pop_pending_wires(self);
    PyObject *faces = faces_vertices_of(self);
    if (!faces)
        return NULL;
    PyObject *wires = PyList_New(0);
    for (Py_ssize_t i = 0; wires && i < PyList_Size(faces); i++) {
        PyObject *it = PyList_GET_ITEM(faces, i);
        PyObject *w = zk_shape_type(((CQShape *)it)->s) == ZK_VERTEX ? Py_NewRef(it) : outer_wire_of(it);
        if (!w || PyList_Append(wires, w) < 0)
            Py_CLEAR(wires);
        Py_XDECREF(w);
    }
    Py_DECREF(faces);
    return wires;
}

static PyObject *wp_loft(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"ruled", "combine", "clean", NULL};
    int ruled = 0, clean = 1;
    PyObject *combine = Py_True;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|pOp:loft", kwlist, &ruled, &combine, &clean))
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    PyObject *wires = section_wires(wp);
    if (!wires)
        return NULL;
    zk_shape **arr;
    size_t n;
    if (cq_wpf_shapes_of(wires, &arr, &n) < 0) {
        Py_DECREF(wires);
        return NULL;
    }
    PyObject *r = NULL;
    if (n == 0)
        PyErr_SetString(PyExc_ValueError, "Nothing to loft");
    else if (n < 2)
        PyErr_SetString(PyExc_ValueError, "More than one wire or face is required");
    else {
        zk_shape *s = zk_loft(arr, n, 1, ruled);
        r = s ? cq_wpf_combine_shape(wp, s, combine, clean) : cq_raise_kernel_error("loft");
    }
    free(arr);
    Py_DECREF(wires);
    return r;
}

/* An Edge becomes a one-edge wire; a Wire is returned with a new reference. */
static zk_shape *as_wire(zk_shape *s)
{
    if (zk_shape_type(s) == ZK_EDGE)
        return zk_wire_from_edges(&s, 1);
    return zk_ref(s);
}

/* Path/auxSpine argument: a Workplane (its val()), a Wire or an Edge. New ref or NULL. */
static zk_shape *path_wire(PyObject *path, int is_aux)
{
    PyObject *val;
    if (cq_wpf_is(path, &CQWorkplaneType)) {
        PyObject *src = path;
        Py_INCREF(src);
        if (!is_aux) {
            Py_DECREF(src);
            src = PyObject_CallMethod(path, "wire", NULL);
            if (!src)
                return NULL;
        }
        val = PyObject_CallMethod(src, "val", NULL);
        Py_DECREF(src);
        if (!val)
            return NULL;
    } else {
        val = path;
        Py_INCREF(val);
    }
    zk_shape *w = NULL;
    if (cq_wpf_is(val, &CQWireType) || cq_wpf_is(val, &CQEdgeType)) {
        w = as_wire(cq_shape_get(val));
        if (!w)
            cq_raise_kernel_error("sweep");
    } else {
        PyErr_SetString(PyExc_ValueError, "Wire or Edge instance required");
    }
    Py_DECREF(val);
    return w;
}

static int transition_code(const char *t)
{
    if (strcmp(t, "transformed") == 0)
        return 0;
    if (strcmp(t, "round") == 0)
        return 1;
    if (strcmp(t, "right") == 0)
        return 2;
    PyObject *key = PyUnicode_FromString(t);
    if (key) {
        PyErr_SetObject(PyExc_KeyError, key);
        Py_DECREF(key);
    }
    return -1;
}

/* Solid.sweep(face, ...): outer and inner wires swept separately, inners cut from the outer. */
typedef struct {
    zk_shape *path, *aux;
    const zk_vec *fixed; /* sweep(normal=...) */
    int frenet, transition, make_solid;
} sweep_opts;

static zk_shape *pipe_shell(zk_shape *const *profiles, size_t n, const sweep_opts *o, int transition)
{
    return zk_pipe_shell_ex(profiles, n, o->path, o->frenet, o->aux, 1, o->fixed, transition,
                            o->make_solid);
}

static zk_shape *sweep_face(zk_shape *face, const sweep_opts *o)
{
    zk_shape *outer = zk_face_outer_wire(face);
    if (!outer)
        return NULL;
    zk_shape *rv = pipe_shell(&outer, 1, o, o->transition);
    zk_unref(outer);
    zk_shape **inner = NULL;
    size_t ni = 0;
    if (!rv || zk_face_inner_wires(face, &inner, &ni) < 0 || ni == 0) {
        zk_free_list(inner, ni);
        return rv;
    }
    zk_shape **cut = calloc(ni, sizeof(zk_shape *));
    int ok = cut != NULL;
    for (size_t i = 0; i < ni && ok; i++) {
        cut[i] = pipe_shell(&inner[i], 1, o, o->transition);
        ok = cut[i] != NULL;
    }
    zk_shape *res = ok ? zk_cut(rv, cut, ni, 0.0) : NULL;
    if (cut)
        for (size_t i = 0; i < ni; i++)
            zk_unref(cut[i]);
    free(cut);
    zk_free_list(inner, ni);
    zk_unref(rv);
    return res;
}

static zk_shape *sweep_faces(CQWorkplane *wp, const sweep_opts *o)
{
    PyObject *faces = faces_of(wp);
    if (!faces)
        return NULL;
    Py_ssize_t nf = PyList_Size(faces);
    zk_shape **parts = calloc((size_t)(nf > 0 ? nf : 1), sizeof(zk_shape *));
    int ok = parts != NULL;
    for (Py_ssize_t i = 0; i < nf && ok; i++) {
        parts[i] = sweep_face(cq_shape_get(PyList_GET_ITEM(faces, i)), o);
        ok = parts[i] != NULL;
    }
    zk_shape *comp = ok ? zk_compound(parts, (size_t)nf) : NULL;
    if (parts)
        for (Py_ssize_t i = 0; i < nf; i++)
            zk_unref(parts[i]);
    free(parts);
    Py_DECREF(faces);
    if (!comp && !PyErr_Occurred())
        cq_raise_kernel_error("sweep");
    return comp;
}

static zk_shape *sweep_multi(CQWorkplane *wp, const sweep_opts *o)
{
    PyObject *wires = section_wires(wp);
    if (!wires)
        return NULL;
    zk_shape **arr;
    size_t n;
    zk_shape *res = NULL;
    if (cq_wpf_shapes_of(wires, &arr, &n) == 0) {
        zk_shape *s = pipe_shell(arr, n, o, 0); /* sweep_multi keeps OCCT's default transition */
        free(arr);
        if (s) {
            res = zk_compound(&s, 1);
            zk_unref(s);
        }
        if (!res)
            cq_raise_kernel_error("sweep");
    }
    Py_DECREF(wires);
    return res;
}

static PyObject *wp_sweep(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"path", "multisection", "sweepAlongWires", "makeSolid", "isFrenet",
                             "combine", "clean", "transition", "normal", "auxSpine", NULL};
    PyObject *path, *along = Py_None, *combine = Py_True, *normal = Py_None, *aux_obj = Py_None;
    int multi = 0, make_solid = 1, frenet = 0, clean = 1;
    const char *transition = "right";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|pOppOpsOO:sweep", kwlist, &path, &multi, &along,
                                     &make_solid, &frenet, &combine, &clean, &transition, &normal,
                                     &aux_obj))
        return NULL;
    if (along != Py_None) {
        if (PyErr_WarnEx(PyExc_DeprecationWarning,
                         "sweepAlongWires keyword argument is deprecated and will be removed in "
                         "the next version; use multisection instead", 1) < 0)
            return NULL;
        multi = PyObject_IsTrue(along);
        if (multi < 0)
            return NULL;
    }
    int trans = transition_code(transition);
    if (trans < 0)
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    zk_shape *p = path_wire(path, 0);
    if (!p)
        return NULL;
    sweep_opts o = {p, NULL, NULL, frenet, trans, make_solid};
    zk_vec fixed;
    int has_normal = normal != Py_None && PyObject_IsTrue(normal) == 1;
    if (has_normal) {
        if (cq_vector_from_obj(normal, &fixed) < 0) {
            zk_unref(p);
            return NULL;
        }
        o.fixed = &fixed;
    } else if (aux_obj != Py_None && PyObject_IsTrue(aux_obj) == 1) {
        o.aux = path_wire(aux_obj, 1);
        if (!o.aux) {
            zk_unref(p);
            return NULL;
        }
    }
    zk_shape *comp = multi ? sweep_multi(wp, &o) : sweep_faces(wp, &o);
    zk_unref(p);
    zk_unref(o.aux);
    if (!comp)
        return NULL;
    return cq_wpf_combine_shape(wp, comp, combine, clean);
}

/* ------------------------------------------------------------------ table */

#define KW (METH_VARARGS | METH_KEYWORDS)
#define FN(f) ((PyCFunction)(void (*)(void))(f))

PyMethodDef cq_wp_feature_methods[] = {
    {"box", FN(cq_wpf_box), KW, "box(length, width, height, centered=True, combine=True, clean=True)"},
    {"sphere", FN(cq_wpf_sphere), KW, "sphere(radius, direct=(0,0,1), angle1=-90, angle2=90, angle3=360, centered=True, combine=True, clean=True)"},
    {"cylinder", FN(cq_wpf_cylinder), KW, "cylinder(height, radius, direct=(0,0,1), angle=360, centered=True, combine=True, clean=True)"},
    {"wedge", FN(cq_wpf_wedge), KW, "wedge(dx, dy, dz, xmin, zmin, xmax, zmax, pnt, dir, centered=True, combine=True, clean=True)"},
    {"text", FN(cq_wpf_text), KW, "text(txt, fontsize, distance, cut=True, combine=False, clean=True, font='Arial', fontPath=None, kind='regular', halign='center', valign='center')"},
    {"extrude", FN(wp_extrude), KW, "extrude(until, combine=True, clean=True, both=False, taper=None)"},
    {"cutBlind", FN(wp_cut_blind), KW, "cutBlind(until, clean=True, both=False, taper=None)"},
    {"cutThruAll", FN(wp_cut_thru_all), KW, "cutThruAll(clean=True, taper=0)"},
    {"twistExtrude", FN(wp_twist_extrude), KW, "twistExtrude(distance, angleDegrees, combine=True, clean=True)"},
    {"revolve", FN(wp_revolve), KW, "revolve(angleDegrees=360.0, axisStart=None, axisEnd=None, combine=True, clean=True)"},
    {"loft", FN(wp_loft), KW, "loft(ruled=False, combine=True, clean=True)"},
    {"sweep", FN(wp_sweep), KW, "sweep(path, multisection=False, sweepAlongWires=None, makeSolid=True, isFrenet=False, combine=True, clean=True, transition='right', normal=None, auxSpine=None)"},
    {"hole", FN(cq_wpf_hole), KW, "hole(diameter, depth=None, clean=True)"},
    {"cboreHole", FN(cq_wpf_cbore_hole), KW, "cboreHole(diameter, cboreDiameter, cboreDepth, depth=None, clean=True)"},
    {"cskHole", FN(cq_wpf_csk_hole), KW, "cskHole(diameter, cskDiameter, cskAngle, depth=None, clean=True)"},
    {"cutEach", FN(cq_wpf_cut_each), KW, "cutEach(fcn, useLocalCoords=False, clean=True)"},
    {"fillet", FN(cq_wpf_fillet), KW, "fillet(radius)"},
    {"chamfer", FN(cq_wpf_chamfer), KW, "chamfer(length, length2=None)"},
    {"shell", FN(cq_wpf_shell), KW, "shell(thickness, kind='arc')"},
    {NULL, NULL, 0, NULL}
};
