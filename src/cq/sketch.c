/* sketch.c: cadquery.Sketch (CadQuery 2.4 sketch.py): the object, face-based construction
 * (rect, circle, ellipse, trapezoid, slot, regularPolygon, polygon, face, each) with the
 * modes a/s/i/r/c over the `_faces` compound, locations (push, rarray, parray, distribute),
 * copy/moved/located/finalize/val/vals/iteration, and the cq_sketch_* functions Workplane
 * uses. Selection lives in sketch_select.c, edge drawing in sketch_edges.c. */
#include "sketch_internal.h"

#include <math.h>
#include <structmember.h>

PyObject *sk_str_a;

/* ------------------------------------------------------------------ transforms */

void sk_trsf_translation(zk_trsf *t, zk_vec v)
{
    memset(t, 0, sizeof *t);
    t->m[0][0] = t->m[1][1] = t->m[2][2] = 1;
    t->m[0][3] = v.x;
    t->m[1][3] = v.y;
    t->m[2][3] = v.z;
}

void sk_trsf_rot_z(zk_trsf *t, double deg)
{
    double a = deg * M_PI / 180.0, c = cos(a), s = sin(a);
    memset(t, 0, sizeof *t);
    t->m[0][0] = c;
    t->m[0][1] = -s;
    t->m[1][0] = s;
    t->m[1][1] = c;
    t->m[2][2] = 1;
}

PyObject *sk_location(const zk_trsf *t)
{
    return cq_location_new(t);
}

int sk_item_location(PyObject *item, zk_trsf *out)
{
    if (PyObject_TypeCheck(item, &CQLocationType)) {
        *out = ((CQLocation *)item)->t;
        return 0;
    }
    zk_vec c;
    if (cq_shape_check(item) && ((CQShape *)item)->s) {
        c = cq_shape_center(((CQShape *)item)->s);
    } else {
        PyObject *r = PyObject_CallMethod(item, "Center", NULL);
        int rc = r ? cq_vector_from_obj(r, &c) : -1;
        Py_XDECREF(r);
        if (rc < 0)
            return -1;
    }
    sk_trsf_translation(out, c);
    return 0;
}

PyObject *sk_empty_compound(void)
{
    return cq_shape_wrap(zk_compound(NULL, 0));
}

static zk_shape *faces_of(CQSketch *self)
{
    return cq_shape_get(self->faces);
}

static int set_faces(CQSketch *self, zk_shape *s)
{
    PyObject *w = cq_shape_wrap(s);
    if (!w)
        return -1;
    Py_SETREF(self->faces, w);
    return 0;
}

/* ------------------------------------------------------------------ modes */

/* Kernel shapes of a list of Shape objects (borrowed), or NULL with an exception. */
static zk_shape **shapes_of(PyObject *list, size_t extra_front, size_t *n)
{
    Py_ssize_t k = PyList_GET_SIZE(list);
    zk_shape **v = PyMem_Malloc((extra_front + (size_t)k + 1) * sizeof *v);
    if (!v) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < k; i++) {
        v[extra_front + (size_t)i] = cq_shape_get(PyList_GET_ITEM(list, i));
        if (!v[extra_front + (size_t)i]) {
            PyMem_Free(v);
            return NULL;
        }
    }
    *n = extra_front + (size_t)k;
    return v;
}

/* Compound.fuse (children of _faces + res; one shape alone is returned as is) or Shape.fuse. */
static zk_shape *fuse_faces(zk_shape *cur, PyObject *res)
{
    size_t n;
    if (zk_shape_type(cur) != ZK_COMPOUND) {
        zk_shape **tools = shapes_of(res, 0, &n);
        if (!tools)
            return NULL;
        zk_shape *r = zk_fuse(cur, tools, n, 0, 0);
        PyMem_Free(tools);
        return r ? r : (zk_shape *)cq_raise_kernel_error("Sketch fuse");
    }
    zk_shape **kids = NULL;
    size_t nk = 0;
    if (zk_children(cur, &kids, &nk) < 0)
        return (zk_shape *)cq_raise_kernel_error("Sketch fuse");
    zk_shape **args = shapes_of(res, nk, &n);
    zk_shape *r = NULL;
    if (args) {
        for (size_t i = 0; i < nk; i++)
            args[i] = kids[i];
        if (n == 1)
            r = zk_ref(args[0]);
        else if (n > 1 && !(r = zk_fuse(args[0], args + 1, n - 1, 0, 0)))
            cq_raise_kernel_error("Sketch fuse");
        PyMem_Free(args);
    }
    zk_free_list(kids, nk);
    return r;
}

static zk_shape *bool_faces(zk_shape *cur, PyObject *res, int cut)
{
    size_t n;
    zk_shape **tools = shapes_of(res, 0, &n);
    if (!tools)
        return NULL;
    zk_shape **kids = NULL;
    size_t nk = 1;
    zk_shape *r;
    if (zk_shape_type(cur) == ZK_COMPOUND && zk_children(cur, &kids, &nk) == 0 && nk == 0) {
        r = zk_compound(NULL, 0);          /* nothing to cut from / intersect */
    } else {
        r = cut ? zk_cut(cur, tools, n, 0) : zk_common(cur, tools, n, 0);
        if (!r)
            cq_raise_kernel_error(cut ? "Sketch cut" : "Sketch intersect");
    }
    zk_free_list(kids, kids ? nk : 0);
    PyMem_Free(tools);
    return r;
}

int sk_apply_mode(CQSketch *self, PyObject *res, PyObject *mode, PyObject *tag)
{
    int has_tag = tag && tag != Py_None && PyObject_IsTrue(tag) == 1;
    if (has_tag) {
        PyObject *copy = PySequence_List(res);
        int rc = copy ? PyDict_SetItem(self->tags, tag, copy) : -1;
        Py_XDECREF(copy);
        if (rc < 0)
            return -1;
    }
    const char *m = PyUnicode_Check(mode) ? PyUnicode_AsUTF8(mode) : NULL;
    zk_shape *cur = faces_of(self), *r = NULL;
    if (!cur)
        return -1;
    if (m && strcmp(m, "a") == 0) {
        r = fuse_faces(cur, res);
    } else if (m && strcmp(m, "s") == 0) {
        r = bool_faces(cur, res, 1);
    } else if (m && strcmp(m, "i") == 0) {
        r = bool_faces(cur, res, 0);
    } else if (m && strcmp(m, "r") == 0) {
        size_t n;
        zk_shape **v = shapes_of(res, 0, &n);
        if (!v)
            return -1;
        r = zk_compound(v, n);
        PyMem_Free(v);
        if (!r)
            cq_raise_kernel_error("Sketch replace");
    } else if (m && strcmp(m, "c") == 0) {
        if (!has_tag) {
            PyErr_SetString(PyExc_ValueError, "No tag specified - the geometry will be unreachable");
            return -1;
        }
        return 0;
    } else {
        PyErr_Format(PyExc_ValueError, "Invalid mode: %S", mode);
        return -1;
    }
    if (!r)
        return -1;
    return set_faces(self, r);
}

/* ------------------------------------------------------------------ each */

/* Locations of `each`: the selection's, or one identity location. */
static int each_locations(CQSketch *self, int ignore_selection, zk_trsf **out, size_t *n)
{
    Py_ssize_t k = ignore_selection ? 0 : PyList_GET_SIZE(self->selection);
    *out = PyMem_Malloc((k ? (size_t)k : 1) * sizeof **out);
    if (!*out) {
        PyErr_NoMemory();
        return -1;
    }
    if (k == 0) {
        sk_trsf_translation(&(*out)[0], (zk_vec){0, 0, 0});
        *n = 1;
        return 0;
    }
    for (Py_ssize_t i = 0; i < k; i++)
        if (sk_item_location(PyList_GET_ITEM(self->selection, i), &(*out)[i]) < 0) {
            PyMem_Free(*out);
            return -1;
        }
    *n = (size_t)k;
    return 0;
}

/* Appends a placed shape to res: its faces when it is a compound. Steals `placed`. */
static int append_placed(PyObject *res, zk_shape *placed)
{
    if (!placed) {
        cq_raise_kernel_error("Sketch placement");
        return -1;
    }
    if (zk_shape_type(placed) == ZK_COMPOUND) {
        PyObject *faces = cq_shape_explore(placed, ZK_FACE);
        zk_unref(placed);
        if (!faces)
            return -1;
        Py_ssize_t n = PyList_GET_SIZE(faces);
        for (Py_ssize_t i = 0; i < n; i++)
            if (PyList_Append(res, PyList_GET_ITEM(faces, i)) < 0) {
                Py_DECREF(faces);
                return -1;
            }
        Py_DECREF(faces);
        return 0;
    }
    PyObject *w = cq_shape_wrap(placed);
    int rc = w ? PyList_Append(res, w) : -1;
    Py_XDECREF(w);
    return rc;
}

/* each() for a kernel shape: placed with located() (rect, circle, ellipse) or moved(). */
static int each_shape(CQSketch *self, zk_shape *shape, int located, PyObject *mode, PyObject *tag,
                      int ignore_selection)
{
    zk_trsf *locs;
    size_t n;
    if (each_locations(self, ignore_selection, &locs, &n) < 0)
        return -1;
    PyObject *res = PyList_New(0);
    int rc = res ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = append_placed(res, located ? zk_located(shape, &locs[i]) : zk_moved(shape, &locs[i]));
    PyMem_Free(locs);
    if (rc == 0)
        rc = sk_apply_mode(self, res, mode, tag);
    Py_XDECREF(res);
    return rc;
}

static PyObject *each_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"callback", "mode", "tag", "ignore_selection", NULL};
    PyObject *cb, *mode = sk_str_a, *tag = Py_None;
    int ignore = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOp:each", kwlist, &cb, &mode, &tag, &ignore))
        return NULL;
    zk_trsf *locs;
    size_t n;
    if (each_locations(self, ignore, &locs, &n) < 0)
        return NULL;
    PyObject *res = PyList_New(0);
    int rc = res ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        PyObject *loc = sk_location(&locs[i]);
        PyObject *r = loc ? PyObject_CallOneArg(cb, loc) : NULL;
        Py_XDECREF(loc);
        if (!r) {
            rc = -1;
        } else if (cq_sketch_check(r)) {
            zk_shape *f = cq_shape_get(((CQSketch *)r)->faces);
            rc = f ? append_placed(res, zk_ref(f)) : -1;
        } else if (cq_shape_check(r)) {
            rc = append_placed(res, zk_ref(((CQShape *)r)->s));
        } else {
            PyErr_Format(PyExc_TypeError, "each() callback must return a Face, Compound or Sketch, not %.100s",
                         Py_TYPE(r)->tp_name);
            rc = -1;
        }
        Py_XDECREF(r);
    }
    PyMem_Free(locs);
    if (rc == 0)
        rc = sk_apply_mode(self, res, mode, tag);
    Py_XDECREF(res);
    if (rc < 0)
        return NULL;
    Py_INCREF(self);
    return (PyObject *)self;
}

/* ------------------------------------------------------------------ face construction */

static zk_shape *rotated_z(zk_shape *s, double angle_deg)
{
    if (angle_deg == 0)
        return s;
    zk_shape *r = zk_rotated(s, (zk_vec){0, 0, 0}, (zk_vec){0, 0, 1}, angle_deg * M_PI / 180.0);
    zk_unref(s);
    return r;
}

/* Face from one wire (Face.makeFromWires), or from edges (edgesToWires, first outer). */
static zk_shape *face_from_edges(PyObject *b)
{
    PyObject *seq = PySequence_List(b);
    if (!seq)
        return NULL;
    zk_shape *res = NULL;
    size_t n;
    zk_shape **edges = shapes_of(seq, 0, &n);
    zk_shape **wires = NULL;
    size_t nw = 0;
    if (edges) {
        if (zk_wires_from_edges(edges, n, &wires, &nw) < 0)
            cq_raise_kernel_error("edgesToWires");
        else if (nw == 0)
            PyErr_SetString(PyExc_ValueError, "No wires could be assembled from the edges");
        else if (!(res = zk_face_from_wires(wires[0], wires + 1, nw - 1)))
            cq_raise_kernel_error("Face.makeFromWires");
        zk_free_list(wires, nw);
        PyMem_Free(edges);
    }
    Py_DECREF(seq);
    return res;
}

int sk_face(CQSketch *self, PyObject *b, double angle, PyObject *mode, PyObject *tag, int ignore_selection)
{
    zk_shape *res = NULL;
    if (cq_sketch_check(b)) {
        zk_shape *f = cq_shape_get(((CQSketch *)b)->faces);
        res = f ? zk_ref(f) : NULL;
    } else if (cq_shape_check(b)) {
        zk_shape *s = ((CQShape *)b)->s;
        zk_type t = zk_shape_type(s);
        if (t == ZK_WIRE) {
            res = zk_face_from_wires(s, NULL, 0);
            if (!res) {
                cq_raise_kernel_error("Face.makeFromWires");
                return -1;
            }
        } else if (t == ZK_COMPOUND || t == ZK_FACE) {
            res = zk_ref(s);
        } else {
            PyErr_Format(PyExc_ValueError, "Unsupported argument %S", b);
            return -1;
        }
    } else if (PyIter_Check(b) || PySequence_Check(b)) {
        res = face_from_edges(b);
    } else {
        PyErr_Format(PyExc_ValueError, "Unsupported argument %S", b);
        return -1;
    }
    if (!res)
        return -1;
    if (angle != 0) {
        zk_trsf r;
        sk_trsf_rot_z(&r, angle);
        zk_shape *m = zk_moved(res, &r);
        zk_unref(res);
        if (!(res = m)) {
            cq_raise_kernel_error("Sketch.face");
            return -1;
        }
    }
    int rc = each_shape(self, res, 0, mode, tag, ignore_selection);
    zk_unref(res);
    return rc;
}

static PyObject *ret_self(CQSketch *self, int rc)
{
    if (rc < 0)
        return NULL;
    Py_INCREF(self);
    return (PyObject *)self;
}

static PyObject *face_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"b", "angle", "mode", "tag", "ignore_selection", NULL};
    PyObject *b, *mode = sk_str_a, *tag = Py_None;
    double angle = 0;
    int ignore = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|dOOp:face", kwlist, &b, &angle, &mode, &tag, &ignore))
        return NULL;
    return ret_self(self, sk_face(self, b, angle, mode, tag, ignore));
}

static PyObject *rect_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"w", "h", "angle", "mode", "tag", NULL};
    double w, h, angle = 0;
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|dOO:rect", kwlist, &w, &h, &angle, &mode, &tag))
        return NULL;
    zk_ax2 f = {{0, 0, 0}, {0, 0, 1}, {1, 0, 0}};
    zk_shape *s = rotated_z(zk_face_plane(&f, w, h), angle);
    if (!s)
        return cq_raise_kernel_error("Sketch.rect");
    int rc = each_shape(self, s, 1, mode, tag, 0);
    zk_unref(s);
    return ret_self(self, rc);
}

/* A face bounded by one closed edge (circle, ellipse). Steals edge. */
static zk_shape *face_of_edge(zk_shape *edge)
{
    if (!edge)
        return NULL;
    zk_shape *w = zk_wire_from_edges(&edge, 1);
    zk_unref(edge);
    if (!w)
        return NULL;
    zk_shape *f = zk_face_from_wires(w, NULL, 0);
    zk_unref(w);
    return f;
}

static PyObject *circle_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"r", "mode", "tag", NULL};
    double r;
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|OO:circle", kwlist, &r, &mode, &tag))
        return NULL;
    zk_ax2 f = {{0, 0, 0}, {0, 0, 1}, {0, 0, 0}};
    zk_shape *s = face_of_edge(zk_edge_circle(&f, r));
    if (!s)
        return cq_raise_kernel_error("Sketch.circle");
    int rc = each_shape(self, s, 1, mode, tag, 0);
    zk_unref(s);
    return ret_self(self, rc);
}

static PyObject *ellipse_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"a1", "a2", "angle", "mode", "tag", NULL};
    double a1, a2, angle = 0;
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|dOO:ellipse", kwlist, &a1, &a2, &angle, &mode, &tag))
        return NULL;
    /* Edge.makeEllipse: a larger y radius is made as the swapped ellipse turned by 90 degrees */
    zk_ax2 f = {{0, 0, 0}, {0, 0, 1}, {1, 0, 0}};
    double major = a1, minor = a2;
    if (a2 > a1) {
        f.xdir = (zk_vec){0, 1, 0};
        major = a2;
        minor = a1;
    }
    zk_shape *s = face_of_edge(zk_edge_ellipse(&f, major, minor));
    if (s)
        s = rotated_z(s, angle);
    if (!s)
        return cq_raise_kernel_error("Sketch.ellipse");
    int rc = each_shape(self, s, 1, mode, tag, 0);
    zk_unref(s);
    return ret_self(self, rc);
}

/* Wire.makePolygon(pts, close=True) then face(wire, angle). */
static int polygon_pts(CQSketch *self, const zk_vec *pts, size_t n, double angle, PyObject *mode, PyObject *tag)
{
    zk_shape *w = zk_wire_polygon(pts, n, 1);
    if (!w) {
        cq_raise_kernel_error("Sketch.polygon");
        return -1;
    }
    PyObject *wire = cq_shape_wrap(w);
    if (!wire)
        return -1;
    int rc = sk_face(self, wire, angle, mode, tag, 0);
    Py_DECREF(wire);
    return rc;
}

static PyObject *polygon_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"pts", "angle", "mode", "tag", NULL};
    PyObject *pts, *mode = sk_str_a, *tag = Py_None;
    double angle = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|dOO:polygon", kwlist, &pts, &angle, &mode, &tag))
        return NULL;
    PyObject *seq = PySequence_List(pts);
    if (!seq)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(seq);
    zk_vec *v = PyMem_Malloc((n ? (size_t)n : 1) * sizeof *v);
    int rc = v ? 0 : -1;
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++)
        rc = cq_vector_from_obj(PyList_GET_ITEM(seq, i), &v[i]);
    if (rc == 0)
        rc = polygon_pts(self, v, (size_t)n, angle, mode, tag);
    PyMem_Free(v);
    Py_DECREF(seq);
    return ret_self(self, rc);
}

static PyObject *trapezoid_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"w", "h", "a1", "a2", "angle", "mode", "tag", NULL};
    double w, h, a1, angle = 0;
    PyObject *a2o = Py_None, *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddd|OdOO:trapezoid", kwlist, &w, &h, &a1, &a2o, &angle, &mode, &tag))
        return NULL;
    double a2 = a1;
    if (a2o != Py_None) {
        int t = PyObject_IsTrue(a2o);          /* CadQuery: `radians(a2) if a2 else radians(a1)` */
        if (t < 0)
            return NULL;
        if (t && (a2 = PyFloat_AsDouble(a2o)) == -1 && PyErr_Occurred())
            return NULL;
    }
    double r1 = a1 * M_PI / 180.0, r2 = a2 * M_PI / 180.0;
    zk_vec p[5] = {{-w / 2, -h / 2, 0}, {w / 2, -h / 2, 0}, {w / 2 - h / tan(r2), h / 2, 0},
                   {-w / 2 + h / tan(r1), h / 2, 0}, {-w / 2, -h / 2, 0}};
    return ret_self(self, polygon_pts(self, p, 5, angle, mode, tag));
}

static PyObject *regular_polygon_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"r", "n", "angle", "mode", "tag", NULL};
    double r, angle = 0;
    int n;
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "di|dOO:regularPolygon", kwlist, &r, &n, &angle, &mode, &tag))
        return NULL;
    if (n < 1) {
        PyErr_SetString(PyExc_ZeroDivisionError, "regularPolygon needs at least one side");
        return NULL;
    }
    zk_vec *p = PyMem_Malloc(((size_t)n + 1) * sizeof *p);
    if (!p)
        return PyErr_NoMemory();
    for (int i = 0; i <= n; i++)
        p[i] = (zk_vec){r * sin(i * 2 * M_PI / n), r * cos(i * 2 * M_PI / n), 0};
    int rc = polygon_pts(self, p, (size_t)n + 1, angle, mode, tag);
    PyMem_Free(p);
    return ret_self(self, rc);
}

static PyObject *slot_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"w", "h", "angle", "mode", "tag", NULL};
    double w, h, angle = 0;
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|dOO:slot", kwlist, &w, &h, &angle, &mode, &tag))
        return NULL;
    zk_vec p1 = {-w / 2, h / 2, 0}, p2 = {w / 2, h / 2, 0}, p3 = {-w / 2, -h / 2, 0}, p4 = {w / 2, -h / 2, 0};
    zk_vec p5 = {-w / 2 - h / 2, 0, 0}, p6 = {w / 2 + h / 2, 0, 0};
    zk_shape *e[4] = {zk_edge_line(p1, p2), zk_edge_arc3(p2, p6, p4), zk_edge_line(p4, p3),
                      zk_edge_arc3(p3, p5, p1)};
    zk_shape *wire = NULL;
    if (e[0] && e[1] && e[2] && e[3])
        wire = zk_wire_from_edges(e, 4);
    for (int i = 0; i < 4; i++)
        zk_unref(e[i]);
    if (!wire)
        return cq_raise_kernel_error("Sketch.slot");
    PyObject *wo = cq_shape_wrap(wire);
    if (!wo)
        return NULL;
    int rc = sk_face(self, wo, angle, mode, tag, 0);
    Py_DECREF(wo);
    return ret_self(self, rc);
}

static PyObject *import_dxf_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    (void)self;
    (void)args;
    (void)kw;
    PyErr_SetString(PyExc_NotImplementedError, "Sketch.importDXF is not supported by zerocad");
    return NULL;
}

/* ------------------------------------------------------------------ locations */

/* Replaces the selection with `locs` (a list of Location, stolen), tagging a copy. */
static PyObject *set_selection(CQSketch *self, PyObject *locs, PyObject *tag)
{
    if (!locs)
        return NULL;
    Py_SETREF(self->selection, locs);
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
    return each_locations(self, 0, out, n);
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

/* ------------------------------------------------------------------ misc */

static PyObject *new_of_type(PyTypeObject *t, PyObject *locs)
{
    if (!locs)
        return PyObject_CallNoArgs((PyObject *)t);
    PyObject *kw = Py_BuildValue("{s:O}", "locs", locs);
    if (!kw)
        return NULL;
    PyObject *args = PyTuple_New(0);
    PyObject *r = args ? PyObject_Call((PyObject *)t, args, kw) : NULL;
    Py_XDECREF(args);
    Py_DECREF(kw);
    return r;
}

/* A new sketch of the same class with _faces = the shape (stolen). */
static PyObject *sketch_with_faces(CQSketch *self, zk_shape *faces, PyObject *locs)
{
    if (!faces)
        return cq_raise_kernel_error("Sketch copy");
    PyObject *rv = new_of_type(Py_TYPE(self), locs);
    if (!rv || !cq_sketch_check(rv)) {
        zk_unref(faces);
        if (rv) {
            Py_DECREF(rv);
            PyErr_SetString(PyExc_TypeError, "Sketch subclass constructor did not return a Sketch");
        }
        return NULL;
    }
    if (set_faces((CQSketch *)rv, faces) < 0) {
        Py_DECREF(rv);
        return NULL;
    }
    return rv;
}

static PyObject *copy_method(CQSketch *self, PyObject *unused)
{
    (void)unused;
    zk_shape *f = faces_of(self);
    return f ? sketch_with_faces(self, zk_copy(f), NULL) : NULL;
}

/* A compound of the faces moved by each location (master's moved(*locs)). */
static zk_shape *moved_all(zk_shape *f, PyObject *locs)
{
    Py_ssize_t n = PyList_GET_SIZE(locs);
    zk_shape **v = PyMem_Calloc(n ? (size_t)n : 1, sizeof *v);
    zk_shape *r = NULL;
    if (!v) {
        PyErr_NoMemory();
        return NULL;
    }
    Py_ssize_t i = 0;
    for (; i < n; i++) {
        zk_trsf t;
        PyObject *it = PyList_GET_ITEM(locs, i);
        if (PyObject_TypeCheck(it, &CQLocationType)) {
            t = ((CQLocation *)it)->t;
        } else {
            zk_vec p;
            if (cq_vector_from_obj(it, &p) < 0)
                break;
            sk_trsf_translation(&t, p);
        }
        if (!(v[i] = zk_moved(f, &t))) {
            cq_raise_kernel_error("Sketch.moved");
            break;
        }
    }
    if (i == n)
        r = n == 1 ? zk_ref(v[0]) : zk_compound(v, (size_t)n);
    for (Py_ssize_t k = 0; k < n; k++)
        zk_unref(v[k]);
    PyMem_Free(v);
    return r;
}

static PyObject *moved_method(CQSketch *self, PyObject *args)
{
    zk_shape *f = faces_of(self);
    if (!f)
        return NULL;
    PyObject *locs;
    if (PyTuple_GET_SIZE(args) == 1 && PyList_Check(PyTuple_GET_ITEM(args, 0)))
        locs = PySequence_List(PyTuple_GET_ITEM(args, 0));
    else
        locs = PySequence_List(args);
    if (!locs)
        return NULL;
    zk_shape *m = moved_all(f, locs);
    Py_DECREF(locs);
    if (!m)
        return PyErr_Occurred() ? NULL : cq_raise_kernel_error("Sketch.moved");
    return sketch_with_faces(self, m, NULL);
}

static PyObject *located_method(CQSketch *self, PyObject *loc)
{
    zk_shape *f = faces_of(self);
    if (!f)
        return NULL;
    PyObject *locs = PyTuple_Pack(1, loc);
    if (!locs)
        return NULL;
    PyObject *r = sketch_with_faces(self, zk_copy(f), locs);
    Py_DECREF(locs);
    return r;
}

static PyObject *finalize_method(CQSketch *self, PyObject *unused)
{
    (void)unused;
    Py_INCREF(self->parent);
    return self->parent;
}

static PyObject *val_method(CQSketch *self, PyObject *unused)
{
    (void)unused;
    if (PyList_GET_SIZE(self->selection) > 0) {
        PyObject *o = PyList_GET_ITEM(self->selection, 0);
        Py_INCREF(o);
        return o;
    }
    zk_trsf t;
    sk_trsf_translation(&t, (zk_vec){0, 0, 0});
    return sk_location(&t);
}

static PyObject *vals_method(CQSketch *self, PyObject *unused)
{
    (void)unused;
    Py_INCREF(self->selection);
    return self->selection;
}

static PyObject *not_supported(CQSketch *self, PyObject *args, PyObject *kw)
{
    (void)self;
    (void)args;
    (void)kw;
    PyErr_SetString(PyExc_NotImplementedError, "Sketch constraints (constrain/solve) are not supported by zerocad");
    return NULL;
}

PyObject *cq_sketch_faces(PyObject *sketch)
{
    if (!cq_sketch_check(sketch)) {
        PyErr_SetString(PyExc_TypeError, "expected a Sketch");
        return NULL;
    }
    CQSketch *self = (CQSketch *)sketch;
    zk_shape *f = faces_of(self);
    if (!f)
        return NULL;
    PyObject *locs = PySequence_List(self->locs);
    PyObject *out = locs ? PyList_New(0) : NULL;
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(locs); i++) {
        zk_trsf t;
        if (sk_item_location(PyList_GET_ITEM(locs, i), &t) < 0) {
            Py_CLEAR(out);
            break;
        }
        zk_shape *m = zk_moved(f, &t);
        PyObject *faces = m ? cq_shape_explore(m, ZK_FACE) : cq_raise_kernel_error("Sketch faces");
        zk_unref(m);
        for (Py_ssize_t k = 0; out && (!faces || k < PyList_GET_SIZE(faces)); k++)
            if (!faces || PyList_Append(out, PyList_GET_ITEM(faces, k)) < 0)
                Py_CLEAR(out);
        Py_XDECREF(faces);
    }
    Py_XDECREF(locs);
    return out;
}

static PyObject *sketch_iter(PyObject *self)
{
    PyObject *faces = cq_sketch_faces(self);
    if (!faces)
        return NULL;
    PyObject *it = PyObject_GetIter(faces);
    Py_DECREF(faces);
    return it;
}

/* ------------------------------------------------------------------ the type */

static int sketch_init(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"parent", "locs", "obj", NULL};
    PyObject *parent = Py_None, *locs = NULL, *obj = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOO:Sketch", kwlist, &parent, &locs, &obj))
        return -1;
    PyObject *l;
    if (locs) {
        l = PySequence_List(locs);
    } else {
        zk_trsf t;
        sk_trsf_translation(&t, (zk_vec){0, 0, 0});
        PyObject *loc = sk_location(&t);
        l = loc ? PyList_New(1) : NULL;
        if (l)
            PyList_SET_ITEM(l, 0, loc);
        else
            Py_XDECREF(loc);
    }
    if (!l)
        return -1;
    PyObject *faces;
    if (obj != Py_None) {
        if (!cq_shape_check(obj)) {
            Py_DECREF(l);
            PyErr_SetString(PyExc_TypeError, "Sketch(obj=...) expects a Shape");
            return -1;
        }
        Py_INCREF(obj);
        faces = obj;
    } else {
        faces = sk_empty_compound();
    }
    PyObject *wires = PyList_New(0), *edges = PyList_New(0), *sel = PyList_New(0), *tags = PyDict_New();
    if (!faces || !wires || !edges || !sel || !tags) {
        Py_DECREF(l);
        Py_XDECREF(faces);
        Py_XDECREF(wires);
        Py_XDECREF(edges);
        Py_XDECREF(sel);
        Py_XDECREF(tags);
        return -1;
    }
    Py_INCREF(parent);
    Py_XSETREF(self->parent, parent);
    Py_XSETREF(self->locs, l);
    Py_XSETREF(self->faces, faces);
    Py_XSETREF(self->wires, wires);
    Py_XSETREF(self->edges, edges);
    Py_XSETREF(self->selection, sel);
    Py_XSETREF(self->tags, tags);
    return 0;
}

static int sketch_traverse(CQSketch *self, visitproc visit, void *arg)
{
    Py_VISIT(self->parent);
    Py_VISIT(self->locs);
    Py_VISIT(self->faces);
    Py_VISIT(self->wires);
    Py_VISIT(self->edges);
    Py_VISIT(self->selection);
    Py_VISIT(self->tags);
    Py_VISIT(self->dict);
    return 0;
}

static int sketch_clear(CQSketch *self)
{
    Py_CLEAR(self->parent);
    Py_CLEAR(self->locs);
    Py_CLEAR(self->faces);
    Py_CLEAR(self->wires);
    Py_CLEAR(self->edges);
    Py_CLEAR(self->selection);
    Py_CLEAR(self->tags);
    Py_CLEAR(self->dict);
    return 0;
}

static void sketch_dealloc(CQSketch *self)
{
    PyObject_GC_UnTrack(self);
    if (self->weakreflist)
        PyObject_ClearWeakRefs((PyObject *)self);
    sketch_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* tp_new: a usable (empty) sketch even when a subclass forgets to call __init__. */
static PyObject *sketch_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    (void)args;
    (void)kw;
    CQSketch *self = (CQSketch *)type->tp_alloc(type, 0);
    if (!self)
        return NULL;
    PyObject *empty = PyTuple_New(0);
    int rc = empty ? sketch_init(self, empty, NULL) : -1;
    Py_XDECREF(empty);
    if (rc < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static PyObject *sketch_repr(CQSketch *self)
{
    return PyUnicode_FromFormat("<cadquery.Sketch object at %p>", (void *)self);
}

static PyMemberDef sketch_members[] = {
    {"parent", T_OBJECT, offsetof(CQSketch, parent), 0, "the parent Workplane (finalize returns it)"},
    {"locs", T_OBJECT, offsetof(CQSketch, locs), 0, "locations the sketch is placed at"},
    {"_faces", T_OBJECT, offsetof(CQSketch, faces), 0, "the sketch faces (a Compound)"},
    {"_wires", T_OBJECT, offsetof(CQSketch, wires), 0, "free wires"},
    {"_edges", T_OBJECT, offsetof(CQSketch, edges), 0, "free edges"},
    {"_selection", T_OBJECT, offsetof(CQSketch, selection), 0, "current selection"},
    {"_tags", T_OBJECT, offsetof(CQSketch, tags), 0, "tagged selections"},
    {NULL, 0, 0, 0, NULL}};

#define KW (PyCFunction)(void (*)(void))
static PyMethodDef sketch_core_methods[] = {
    {"face", KW face_method, METH_VARARGS | METH_KEYWORDS, "face(b, angle=0, mode='a', tag=None, ignore_selection=False)"},
    {"each", KW each_method, METH_VARARGS | METH_KEYWORDS, "each(callback, mode='a', tag=None, ignore_selection=False)"},
    {"rect", KW rect_method, METH_VARARGS | METH_KEYWORDS, "rect(w, h, angle=0, mode='a', tag=None)"},
    {"circle", KW circle_method, METH_VARARGS | METH_KEYWORDS, "circle(r, mode='a', tag=None)"},
    {"ellipse", KW ellipse_method, METH_VARARGS | METH_KEYWORDS, "ellipse(a1, a2, angle=0, mode='a', tag=None)"},
    {"trapezoid", KW trapezoid_method, METH_VARARGS | METH_KEYWORDS, "trapezoid(w, h, a1, a2=None, angle=0, mode='a', tag=None)"},
    {"slot", KW slot_method, METH_VARARGS | METH_KEYWORDS, "slot(w, h, angle=0, mode='a', tag=None)"},
    {"regularPolygon", KW regular_polygon_method, METH_VARARGS | METH_KEYWORDS, "regularPolygon(r, n, angle=0, mode='a', tag=None)"},
    {"polygon", KW polygon_method, METH_VARARGS | METH_KEYWORDS, "polygon(pts, angle=0, mode='a', tag=None)"},
    {"importDXF", KW import_dxf_method, METH_VARARGS | METH_KEYWORDS, "not supported"},
    {"push", KW push_method, METH_VARARGS | METH_KEYWORDS, "push(locs, tag=None)"},
    {"rarray", KW rarray_method, METH_VARARGS | METH_KEYWORDS, "rarray(xs, ys, nx, ny)"},
    {"parray", KW parray_method, METH_VARARGS | METH_KEYWORDS, "parray(r, a1, da, n, rotate=True)"},
    {"distribute", KW distribute_method, METH_VARARGS | METH_KEYWORDS, "distribute(n, start=0, stop=1, rotate=True)"},
    {"copy", (PyCFunction)copy_method, METH_NOARGS, "copy(): a partial copy (faces only)"},
    {"moved", (PyCFunction)moved_method, METH_VARARGS, "moved(loc): a partial copy with moved faces"},
    {"located", (PyCFunction)located_method, METH_O, "located(loc): a partial copy at a new location"},
    {"finalize", (PyCFunction)finalize_method, METH_NOARGS, "finalize(): the parent Workplane"},
    {"val", (PyCFunction)val_method, METH_NOARGS, "val(): the first selected item or Location()"},
    {"vals", (PyCFunction)vals_method, METH_NOARGS, "vals(): the selected items"},
    {"constrain", KW not_supported, METH_VARARGS | METH_KEYWORDS, "not supported"},
    {"solve", KW not_supported, METH_VARARGS | METH_KEYWORDS, "not supported"},
    {NULL, NULL, 0, NULL}};

static PyMethodDef *sketch_all_methods;

PyTypeObject CQSketchType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.Sketch",
    .tp_basicsize = sizeof(CQSketch),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Sketch(parent=None, locs=(Location(),), obj=None): 2D sketch of faces and edges.",
    .tp_new = sketch_new,
    .tp_init = (initproc)sketch_init,
    .tp_dealloc = (destructor)sketch_dealloc,
    .tp_traverse = (traverseproc)sketch_traverse,
    .tp_clear = (inquiry)sketch_clear,
    .tp_repr = (reprfunc)sketch_repr,
    .tp_iter = sketch_iter,
    .tp_members = sketch_members,
    .tp_dictoffset = offsetof(CQSketch, dict),
    .tp_weaklistoffset = offsetof(CQSketch, weakreflist),
};

int cq_sketch_check(PyObject *o)
{
    return PyObject_TypeCheck(o, &CQSketchType);
}

PyObject *cq_sketch_new_placed(PyObject *parent, PyObject *locations)
{
    PyObject *args = PyTuple_Pack(2, parent ? parent : Py_None, locations);
    if (!args)
        return NULL;
    PyObject *r = PyObject_Call((PyObject *)&CQSketchType, args, NULL);
    Py_DECREF(args);
    return r;
}

PyObject *cq_sketch_copy_located(PyObject *sketch, PyObject *location)
{
    if (!cq_sketch_check(sketch)) {
        PyErr_Format(PyExc_TypeError, "placeSketch expects Sketch objects, got %.100s", Py_TYPE(sketch)->tp_name);
        return NULL;
    }
    PyObject *c = copy_method((CQSketch *)sketch, NULL);
    if (!c)
        return NULL;
    PyObject *locs = PyList_Check(location) || PyTuple_Check(location) ? PySequence_List(location)
                                                                       : PyList_New(1);
    if (locs && !PyList_Check(location) && !PyTuple_Check(location)) {
        Py_INCREF(location);
        PyList_SET_ITEM(locs, 0, location);
    }
    if (!locs) {
        Py_DECREF(c);
        return NULL;
    }
    Py_SETREF(((CQSketch *)c)->locs, locs);
    return c;
}

static size_t count_methods(const PyMethodDef *m)
{
    size_t n = 0;
    while (m[n].ml_name)
        n++;
    return n;
}

int cq_sketch_init(PyObject *module)
{
    if (!(CQSketchType.tp_flags & Py_TPFLAGS_READY)) {
        const PyMethodDef *tables[] = {sketch_core_methods, cq_sketch_select_methods, cq_sketch_edge_methods,
                                        cq_sketch_hull_methods};
        size_t total = 0;
        const size_t ntables = sizeof tables / sizeof tables[0];
        for (size_t i = 0; i < ntables; i++)
            total += count_methods(tables[i]);
        sketch_all_methods = PyMem_Calloc(total + 1, sizeof *sketch_all_methods);
        if (!sketch_all_methods) {
            PyErr_NoMemory();
            return -1;
        }
        size_t k = 0;
        for (size_t i = 0; i < ntables; i++)
            for (size_t j = 0; tables[i][j].ml_name; j++)
                sketch_all_methods[k++] = tables[i][j];
        CQSketchType.tp_methods = sketch_all_methods;
        if (PyType_Ready(&CQSketchType) < 0)
            return -1;
    }
    if (!sk_str_a && !(sk_str_a = PyUnicode_InternFromString("a")))
        return -1;
    return PyModule_AddObjectRef(module, "Sketch", (PyObject *)&CQSketchType);
}
