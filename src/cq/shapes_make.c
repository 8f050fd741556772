/* shapes_make.c: the class-level constructors and the modelling methods of the Shape classes
 * (CadQuery 2.4 shapes.py): Solid.makeBox/makeCylinder/makeCone/makeSphere/makeTorus/makeWedge/
 * makeLoft/extrudeLinear/revolve, fillet/chamfer/shell/isInside, Compound.makeCompound,
 * Shell.makeShell, Face.makeFromWires/makePlane, Wire.assembleEdges/makeCircle/makeEllipse/
 * makePolygon/makeHelix/combine/close/offset2D, Edge.makeLine/makeCircle/makeEllipse/
 * makeThreePointArc/makeTangentArc/makeSpline/makeBezier/close. Angles in degrees as CadQuery's. */
#include "cq_internal.h"

#include <math.h>
#include <string.h>

#define KWFN(f) ((PyCFunction)(void (*)(void))(f))
#define CLS_KW (METH_VARARGS | METH_KEYWORDS | METH_CLASS)
#define OBJ_KW (METH_VARARGS | METH_KEYWORDS)

static const double D2R = M_PI / 180.0;

static zk_shape *S(PyObject *self) { return ((CQShape *)self)->s; }

/* A placement frame from optional pnt/dir arguments (defaults origin, +Z; OCCT's default X). */
static int frame_from(PyObject *pnt, PyObject *dir, zk_ax2 *f)
{
    f->p = (zk_vec){0, 0, 0};
    f->dir = (zk_vec){0, 0, 1};
    f->xdir = (zk_vec){0, 0, 0};
    if (pnt && cq_vector_from_obj(pnt, &f->p) < 0)
        return -1;
    if (dir && cq_vector_from_obj(dir, &f->dir) < 0)
        return -1;
    if (zv_len(f->dir) <= 1e-290) {
        cq_raise_occt("Standard_ConstructionError", "gp_Dir() - input vector has zero norm");
        return -1;
    }
    return 0;
}

/* A list of vector-likes as a malloc'd zk_vec array. */
static zk_vec *vec_array(PyObject *o, size_t *n)
{
    PyObject *seq = PySequence_Fast(o, "expected a sequence of points");
    if (!seq)
        return NULL;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(seq);
    zk_vec *arr = PyMem_Calloc(len > 0 ? (size_t)len : 1, sizeof(zk_vec));
    if (!arr) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < len; i++) {
        if (cq_vector_from_obj(PySequence_Fast_GET_ITEM(seq, i), &arr[i]) < 0) {
            PyMem_Free(arr);
            Py_DECREF(seq);
            return NULL;
        }
    }
    Py_DECREF(seq);
    *n = (size_t)len;
    return arr;
}

/* ------------------------------------------------------------------ Solid */

static PyObject *solid_makeBox(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"length", "width", "height", "pnt", "dir", NULL};
    double l, w, h;
    PyObject *pnt = NULL, *dir = NULL;
    zk_ax2 f;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddd|OO:makeBox", kwlist, &l, &w, &h, &pnt, &dir) ||
        frame_from(pnt, dir, &f) < 0)
        return NULL;
    return cq_shape_wrap(zk_box(&f, l, w, h));
}

static PyObject *solid_makeCylinder(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius", "height", "pnt", "dir", "angleDegrees", NULL};
    double r, h, a = 360.0;
    PyObject *pnt = NULL, *dir = NULL;
    zk_ax2 f;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|OOd:makeCylinder", kwlist, &r, &h, &pnt, &dir, &a) ||
        frame_from(pnt, dir, &f) < 0)
        return NULL;
    return cq_shape_wrap(zk_cylinder(&f, r, h, a * D2R));
}

static PyObject *solid_makeCone(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius1", "radius2", "height", "pnt", "dir", "angleDegrees", NULL};
    double r1, r2, h, a = 360.0;
    PyObject *pnt = NULL, *dir = NULL;
    zk_ax2 f;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddd|OOd:makeCone", kwlist, &r1, &r2, &h, &pnt, &dir, &a) ||
        frame_from(pnt, dir, &f) < 0)
        return NULL;
    return cq_shape_wrap(zk_cone(&f, r1, r2, h, a * D2R));
}

static PyObject *solid_makeSphere(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius", "pnt", "dir", "angleDegrees1", "angleDegrees2", "angleDegrees3", NULL};
    double r, a1 = 0.0, a2 = 90.0, a3 = 360.0;
    PyObject *pnt = NULL, *dir = NULL;
    zk_ax2 f;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|OOddd:makeSphere", kwlist, &r, &pnt, &dir, &a1, &a2, &a3) ||
        frame_from(pnt, dir, &f) < 0)
        return NULL;
    return cq_shape_wrap(zk_sphere(&f, r, a1 * D2R, a2 * D2R, a3 * D2R));
}

static PyObject *solid_makeTorus(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius1", "radius2", "pnt", "dir", "angleDegrees1", "angleDegrees2", NULL};
    double r1, r2, a1 = 0.0, a2 = 360.0;
    PyObject *pnt = NULL, *dir = NULL;
    zk_ax2 f;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|OOdd:makeTorus", kwlist, &r1, &r2, &pnt, &dir, &a1, &a2) ||
        frame_from(pnt, dir, &f) < 0)
        return NULL;
    return cq_shape_wrap(zk_torus(&f, r1, r2));
}

static PyObject *solid_makeWedge(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"dx", "dy", "dz", "xmin", "zmin", "xmax", "zmax", "pnt", "dir", NULL};
    double d[7];
    PyObject *pnt = NULL, *dir = NULL;
    zk_ax2 f;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddddddd|OO:makeWedge", kwlist, &d[0], &d[1], &d[2], &d[3], &d[4],
                                     &d[5], &d[6], &pnt, &dir) ||
        frame_from(pnt, dir, &f) < 0)
        return NULL;
    return cq_shape_wrap(zk_wedge(&f, d[0], d[1], d[2], d[3], d[4], d[5], d[6]));
}

static PyObject *solid_makeLoft(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"listOfWire", "ruled", NULL};
    PyObject *wires, *keep = NULL;
    int ruled = 0;
    size_t n = 0;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|p:makeLoft", kwlist, &wires, &ruled))
        return NULL;
    zk_shape **arr = cq_shapes_from_iterable(wires, &n, &keep);
    if (!arr)
        return NULL;
    if (n < 2) {
        PyMem_Free(arr);
        Py_DECREF(keep);
        PyErr_SetString(PyExc_ValueError, "More than one wire is required");
        return NULL;
    }
    zk_shape *r = zk_loft(arr, n, 1, ruled);
    PyMem_Free(arr);
    Py_DECREF(keep);
    return cq_shape_wrap(r);
}

static PyObject *solid_makeSolid(PyObject *cls, PyObject *shell)
{
    (void)cls;
    zk_shape *s = cq_shape_get(shell);
    return s ? cq_shape_wrap(zk_solid_from_shell(s)) : NULL;
}

/* A face from (outerWire, innerWires) or a Face as is (new reference to a kernel shape). */
static zk_shape *face_arg(PyObject *a, PyObject *inner)
{
    zk_shape *s = cq_shape_get(a);
    if (!s)
        return NULL;
    if (zk_shape_type(s) != ZK_WIRE)
        return zk_ref(s);
    size_t n = 0;
    PyObject *keep = NULL;
    zk_shape **in = inner && inner != Py_None ? cq_shapes_from_iterable(inner, &n, &keep) : NULL;
    if (inner && inner != Py_None && !in)
        return NULL;
    zk_shape *f = zk_face_from_wires(s, in, n);
    PyMem_Free(in);
    Py_XDECREF(keep);
    if (!f)
        cq_raise_kernel_error("makeFromWires");
    return f;
}

/* extrudeLinear(face, vecNormal, taper=0) or extrudeLinear(outerWire, innerWires, vecNormal, taper=0). */
static PyObject *solid_extrudeLinear(PyObject *cls, PyObject *args, PyObject *kw)
{
    (void)cls;
    (void)kw;
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *a = n > 0 ? PyTuple_GET_ITEM(args, 0) : NULL;
    int wire_form = a && cq_shape_check(a) && zk_shape_type(S(a)) == ZK_WIRE;
    Py_ssize_t need = wire_form ? 3 : 2;
    if (n < need || n > need + 1) {
        PyErr_SetString(PyExc_TypeError, "extrudeLinear(face, vecNormal, taper=0)");
        return NULL;
    }
    zk_vec v;
    if (cq_vector_from_obj(PyTuple_GET_ITEM(args, need - 1), &v) < 0)
        return NULL;
    double taper = n > need ? PyFloat_AsDouble(PyTuple_GET_ITEM(args, need)) : 0.0;
    if (taper == -1.0 && PyErr_Occurred())
        return NULL;
    zk_shape *face = face_arg(a, wire_form ? PyTuple_GET_ITEM(args, 1) : NULL);
    if (!face)
        return NULL;
    zk_shape *r = taper == 0.0 ? zk_prism(face, v) : zk_prism_taper(face, zv_len(v), taper);
    zk_unref(face);
    return cq_shape_wrap(r);
}

/* revolve(face, angleDegrees, axisStart, axisEnd) or revolve(outerWire, innerWires, angle, start, end). */
static PyObject *solid_revolve(PyObject *cls, PyObject *args, PyObject *kw)
{
    (void)cls;
    (void)kw;
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n != 4 && n != 5) {
        PyErr_SetString(PyExc_TypeError, "revolve(face, angleDegrees, axisStart, axisEnd)");
        return NULL;
    }
    int off = n == 5;
    double ang = PyFloat_AsDouble(PyTuple_GET_ITEM(args, 1 + off));
    zk_vec p, q;
    if ((ang == -1.0 && PyErr_Occurred()) || cq_vector_from_obj(PyTuple_GET_ITEM(args, 2 + off), &p) < 0 ||
        cq_vector_from_obj(PyTuple_GET_ITEM(args, 3 + off), &q) < 0)
        return NULL;
    zk_shape *face = face_arg(PyTuple_GET_ITEM(args, 0), off ? PyTuple_GET_ITEM(args, 1) : NULL);
    if (!face)
        return NULL;
    zk_shape *r = zk_revolve(face, p, zv_sub(q, p), ang * D2R);
    zk_unref(face);
    return cq_shape_wrap(r);
}

static PyObject *solid_isInside(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"point", "tolerance", NULL};
    PyObject *pt;
    double tol = 1e-6;
    zk_vec p;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|d:isInside", kwlist, &pt, &tol) || cq_vector_from_obj(pt, &p) < 0)
        return NULL;
    int c = zk_classify(S(self), p, tol);
    if (c < 0)
        return cq_raise_kernel_error("isInside");
    return PyBool_FromLong(c == 1 || c == 2);
}

static PyObject *m3d_fillet(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius", "edgeList", NULL};
    double r;
    PyObject *edges, *keep = NULL;
    size_t n = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dO:fillet", kwlist, &r, &edges))
        return NULL;
    zk_shape **arr = cq_shapes_from_iterable(edges, &n, &keep);
    if (!arr)
        return NULL;
    zk_shape *res = zk_fillet(S(self), arr, n, r);
    PyMem_Free(arr);
    Py_DECREF(keep);
    return cq_shape_wrap(res);
}

static PyObject *m3d_chamfer(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"length", "length2", "edgeList", NULL};
    double l;
    PyObject *l2 = Py_None, *edges, *keep = NULL;
    size_t n = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dOO:chamfer", kwlist, &l, &l2, &edges))
        return NULL;
    double d2 = 0.0;
    if (l2 != Py_None) {
        d2 = PyFloat_AsDouble(l2);
        if (d2 == -1.0 && PyErr_Occurred())
            return NULL;
    }
    zk_shape **arr = cq_shapes_from_iterable(edges, &n, &keep);
    if (!arr)
        return NULL;
    zk_shape *res = zk_chamfer(S(self), arr, n, l, d2);
    PyMem_Free(arr);
    Py_DECREF(keep);
    return cq_shape_wrap(res);
}

static PyObject *m3d_shell(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"faceList", "thickness", "tolerance", "kind", NULL};
    PyObject *faces, *keep = NULL;
    double t, tol = 1e-4;
    const char *kind = "arc";
    size_t n = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "Od|ds:shell", kwlist, &faces, &t, &tol, &kind))
        return NULL;
    int k = strcmp(kind, "intersection") == 0 ? 1 : 0;
    zk_shape **arr = NULL;
    if (faces != Py_None) {
        arr = cq_shapes_from_iterable(faces, &n, &keep);
        if (!arr)
            return NULL;
    }
    zk_shape *res = zk_shell(S(self), arr, n, t, tol, k);
    PyMem_Free(arr);
    Py_XDECREF(keep);
    return cq_shape_wrap(res);
}

/* shell(): CadQuery 2.4's Mixin3D.shell(faceList, thickness, ...) (now hollow) when given a
 * thickness, else current CadQuery's Shape.shell(selector=None) (the first shell). */
static PyObject *m3d_shell_or_select(PyObject *self, PyObject *args, PyObject *kw)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args) + (kw ? PyDict_GET_SIZE(kw) : 0);
    if (n >= 2 || (kw && PyDict_GetItemString(kw, "thickness")))
        return m3d_shell(self, args, kw);
    PyObject *m = PyDict_GetItemString(CQShapeType.tp_dict, "shell");   /* Shape.shell(selector) */
    if (!m) {
        PyErr_SetString(PyExc_AttributeError, "shell");
        return NULL;
    }
    PyObject *bound = PyObject_CallMethod(m, "__get__", "O", self);
    PyObject *r = bound ? PyObject_Call(bound, args, kw) : NULL;
    Py_XDECREF(bound);
    return r;
}

PyMethodDef cq_solid_methods[] = {
    {"makeBox", KWFN(solid_makeBox), CLS_KW, "box with a corner at pnt"},
    {"makeCylinder", KWFN(solid_makeCylinder), CLS_KW, "cylinder"},
    {"makeCone", KWFN(solid_makeCone), CLS_KW, "cone"},
    {"makeSphere", KWFN(solid_makeSphere), CLS_KW, "sphere"},
    {"makeTorus", KWFN(solid_makeTorus), CLS_KW, "torus"},
    {"makeWedge", KWFN(solid_makeWedge), CLS_KW, "wedge"},
    {"makeLoft", KWFN(solid_makeLoft), CLS_KW, "loft through wires"},
    {"makeSolid", solid_makeSolid, METH_O | METH_CLASS, "solid from a shell"},
    {"extrudeLinear", KWFN(solid_extrudeLinear), CLS_KW, "prism of a face"},
    {"revolve", KWFN(solid_revolve), CLS_KW, "revolution of a face"},
    {"fillet", KWFN(m3d_fillet), OBJ_KW, "fillet the given edges"},
    {"chamfer", KWFN(m3d_chamfer), OBJ_KW, "chamfer the given edges"},
    {"shell", KWFN(m3d_shell_or_select), OBJ_KW, "shell(selector=None), or 2.4's shell(faceList, thickness)"},
    {"hollow", KWFN(m3d_shell), OBJ_KW, "hollow out, removing the given faces"},
    {"isInside", KWFN(solid_isInside), OBJ_KW, "is a point inside (or on) the solid"},
    {NULL, NULL, 0, NULL}
};

/* ------------------------------------------------------------------ Compound, Shell */

static PyObject *compound_makeCompound(PyObject *cls, PyObject *list)
{
    (void)cls;
    return cq_compound_of_list(list);
}

PyMethodDef cq_compound_methods[] = {
    {"makeCompound", compound_makeCompound, METH_O | METH_CLASS, "compound of shapes"},
    {"fillet", KWFN(m3d_fillet), OBJ_KW, "fillet the given edges"},
    {"chamfer", KWFN(m3d_chamfer), OBJ_KW, "chamfer the given edges"},
    {"shell", KWFN(m3d_shell_or_select), OBJ_KW, "shell(selector=None), or 2.4's shell(faceList, thickness)"},
    {"hollow", KWFN(m3d_shell), OBJ_KW, "hollow out, removing the given faces"},
    {"isInside", KWFN(solid_isInside), OBJ_KW, "is a point inside (or on) the solid"},
    {NULL, NULL, 0, NULL}
};

static PyObject *shell_makeShell(PyObject *cls, PyObject *faces)
{
    (void)cls;
    size_t n = 0;
    PyObject *keep = NULL;
    zk_shape **arr = cq_shapes_from_iterable(faces, &n, &keep);
    if (!arr)
        return NULL;
    zk_shape *r = zk_shell_from_faces(arr, n);
    PyMem_Free(arr);
    Py_DECREF(keep);
    return cq_shape_wrap(r);
}

PyMethodDef cq_shell_methods[] = {
    {"makeShell", shell_makeShell, METH_O | METH_CLASS, "shell sewn from faces"},
    {NULL, NULL, 0, NULL}
};

/* ------------------------------------------------------------------ Face */

static PyObject *face_makeFromWires(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"outerWire", "innerWires", NULL};
    PyObject *outer, *inner = Py_None;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:makeFromWires", kwlist, &outer, &inner))
        return NULL;
    if (!cq_shape_check(outer) || zk_shape_type(S(outer)) != ZK_WIRE) {
        PyErr_SetString(PyExc_TypeError, "makeFromWires expects a Wire");
        return NULL;
    }
    zk_shape *f = face_arg(outer, inner);
    return f ? cq_shape_wrap(f) : NULL;
}

static PyObject *face_makePlane(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"length", "width", "basePnt", "dir", NULL};
    PyObject *len = Py_None, *wid = Py_None, *pnt = NULL, *dir = NULL;
    zk_ax2 f;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOOO:makePlane", kwlist, &len, &wid, &pnt, &dir) ||
        frame_from(pnt, dir, &f) < 0)
        return NULL;
    double l = len == Py_None ? 0.0 : PyFloat_AsDouble(len);
    double w = wid == Py_None ? 0.0 : PyFloat_AsDouble(wid);
    if (PyErr_Occurred())
        return NULL;
    if (l == 0.0 || w == 0.0)
        l = w = 0.0;   /* unbounded plane, as CadQuery when either size is missing */
    return cq_shape_wrap(zk_face_plane(&f, w, l));
}

static PyObject *face_2d_op(PyObject *self, PyObject *args, int fillet)
{
    double d;
    PyObject *verts, *keep = NULL;
    size_t n = 0;
    if (!PyArg_ParseTuple(args, "dO", &d, &verts))
        return NULL;
    zk_shape **arr = cq_shapes_from_iterable(verts, &n, &keep);
    if (!arr)
        return NULL;
    zk_shape *r = fillet ? zk_fillet2d(S(self), arr, n, d) : zk_chamfer2d(S(self), arr, n, d);
    PyMem_Free(arr);
    Py_DECREF(keep);
    return cq_shape_wrap(r);
}

static PyObject *face_fillet2D(PyObject *self, PyObject *args) { return face_2d_op(self, args, 1); }
static PyObject *face_chamfer2D(PyObject *self, PyObject *args) { return face_2d_op(self, args, 0); }

PyMethodDef cq_face_methods[] = {
    {"makeFromWires", KWFN(face_makeFromWires), CLS_KW, "planar face from an outer wire and holes"},
    {"makePlane", KWFN(face_makePlane), CLS_KW, "rectangular (or unbounded) planar face"},
    {"normalAt", KWFN(cq_face_normalAt), OBJ_KW, "outward unit normal"},
    {"outerWire", cq_face_outerWire, METH_NOARGS, "outer boundary"},
    {"innerWires", cq_face_innerWires, METH_NOARGS, "hole boundaries"},
    {"fillet2D", face_fillet2D, METH_VARARGS, "2D fillet at vertices"},
    {"chamfer2D", face_chamfer2D, METH_VARARGS, "2D chamfer at vertices"},
    {NULL, NULL, 0, NULL}
};

/* ------------------------------------------------------------------ Edge */

static PyObject *edge_makeLine(PyObject *cls, PyObject *args)
{
    PyObject *a, *b;
    zk_vec p, q;
    (void)cls;
    if (!PyArg_ParseTuple(args, "OO:makeLine", &a, &b) || cq_vector_from_obj(a, &p) < 0 ||
        cq_vector_from_obj(b, &q) < 0)
        return NULL;
    return cq_shape_wrap(zk_edge_line(p, q));
}

static PyObject *make_circle_edge(PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius", "pnt", "dir", "angle1", "angle2", "orientation", NULL};
    double r, a1 = 360.0, a2 = 360.0;
    PyObject *pnt = NULL, *dir = NULL;
    int orient = 1;
    zk_ax2 f;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|OOddp:makeCircle", kwlist, &r, &pnt, &dir, &a1, &a2, &orient) ||
        frame_from(pnt, dir, &f) < 0)
        return NULL;
    if (a1 == a2)
        return cq_shape_wrap(zk_edge_circle(&f, r));
    if (orient)
        return cq_shape_wrap(zk_edge_circle_arc(&f, r, a1 * D2R, a2 * D2R));
    return cq_shape_wrap(zk_edge_circle_arc(&f, r, a2 * D2R, a1 * D2R));
}

static PyObject *edge_makeCircle(PyObject *cls, PyObject *args, PyObject *kw)
{
    (void)cls;
    return make_circle_edge(args, kw);
}

static PyObject *make_ellipse_edge(double rx, double ry, zk_vec p, zk_vec n, zk_vec xd, double a1, double a2,
                                   int sense)
{
    zk_ax2 f = {p, n, xd};
    if (a1 == a2)
        return cq_shape_wrap(zk_edge_ellipse(&f, rx, ry));
    return cq_shape_wrap(zk_edge_ellipse_arc(&f, rx, ry, a1 * D2R, a2 * D2R, sense));
}

static PyObject *edge_makeEllipse(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"x_radius", "y_radius", "pnt", "dir", "xdir", "angle1", "angle2", "sense", NULL};
    double rx, ry, a1 = 360.0, a2 = 360.0;
    int sense = 1;
    PyObject *pnt = NULL, *dir = NULL, *xdir = NULL;
    zk_vec p = {0, 0, 0}, n = {0, 0, 1}, xd = {1, 0, 0};
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|OOOddi:makeEllipse", kwlist, &rx, &ry, &pnt, &dir, &xdir, &a1,
                                     &a2, &sense))
        return NULL;
    if ((pnt && cq_vector_from_obj(pnt, &p) < 0) || (dir && cq_vector_from_obj(dir, &n) < 0) ||
        (xdir && cq_vector_from_obj(xdir, &xd) < 0))
        return NULL;
    return make_ellipse_edge(rx, ry, p, n, xd, a1, a2, sense);
}

static PyObject *edge_makeThreePointArc(PyObject *cls, PyObject *args)
{
    PyObject *a, *b, *c;
    zk_vec p, q, r;
    (void)cls;
    if (!PyArg_ParseTuple(args, "OOO:makeThreePointArc", &a, &b, &c) || cq_vector_from_obj(a, &p) < 0 ||
        cq_vector_from_obj(b, &q) < 0 || cq_vector_from_obj(c, &r) < 0)
        return NULL;
    return cq_shape_wrap(zk_edge_arc3(p, q, r));
}

static PyObject *edge_makeTangentArc(PyObject *cls, PyObject *args)
{
    PyObject *a, *b, *c;
    zk_vec p, t, q;
    (void)cls;
    if (!PyArg_ParseTuple(args, "OOO:makeTangentArc", &a, &b, &c) || cq_vector_from_obj(a, &p) < 0 ||
        cq_vector_from_obj(b, &t) < 0 || cq_vector_from_obj(c, &q) < 0)
        return NULL;
    return cq_shape_wrap(zk_edge_arc_tangent(p, t, q));
}

static PyObject *edge_makeSpline(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"listOfVector", "tangents", "periodic", "parameters", "scale", "tol", NULL};
    PyObject *pts_o, *tan_o = Py_None, *par_o = Py_None;
    int periodic = 0, scale = 1;
    double tol = 1e-6;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OpOpd:makeSpline", kwlist, &pts_o, &tan_o, &periodic, &par_o,
                                     &scale, &tol))
        return NULL;
    size_t n = 0, nt = 0, np = 0;
    zk_vec *pts = vec_array(pts_o, &n), *tans = NULL;
    double *params = NULL;
    PyObject *r = NULL;
    if (!pts)
        return NULL;
    if (tan_o != Py_None && !(tans = vec_array(tan_o, &nt)))
        goto done;
    if (par_o != Py_None) {
        PyObject *seq = PySequence_Fast(par_o, "parameters must be a sequence");
        if (!seq)
            goto done;
        np = (size_t)PySequence_Fast_GET_SIZE(seq);
        params = PyMem_Calloc(np + 1, sizeof(double));
        for (size_t i = 0; params && i < np; i++)
            params[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, (Py_ssize_t)i));
        Py_DECREF(seq);
        if (!params || PyErr_Occurred())
            goto done;
        if (np != n + (periodic ? 1 : 0)) {
            PyErr_Format(PyExc_ValueError, "There are %zu points and %zu parameters; expected %zu parameters", n, np,
                         n + (periodic ? 1 : 0));
            goto done;
        }
    }
    if (tans && nt != 2 && nt != n) {
        PyErr_SetString(PyExc_ValueError, "There must be either 2 tangents or one tangent per point");
        goto done;
    }
    r = cq_shape_wrap(zk_edge_spline(pts, n, tans, nt, periodic, params, scale, tol));
done:
    PyMem_Free(pts);
    PyMem_Free(tans);
    PyMem_Free(params);
    return r;
}

static PyObject *edge_makeBezier(PyObject *cls, PyObject *pts_o)
{
    (void)cls;
    size_t n = 0;
    zk_vec *pts = vec_array(pts_o, &n);
    if (!pts)
        return NULL;
    PyObject *r = cq_shape_wrap(zk_edge_bezier(pts, n));
    PyMem_Free(pts);
    return r;
}

/* Edge.close(): the edge itself when closed, else a Wire closed by a line. */
static PyObject *edge_close(PyObject *self, PyObject *u)
{
    (void)u;
    if (zk_curve_is_closed(S(self)) > 0) {
        Py_INCREF(self);
        return self;
    }
    zk_shape *e = S(self);
    zk_shape *w = zk_wire_from_edges(&e, 1);
    if (!w)
        return cq_raise_kernel_error("close");
    zk_shape *c = zk_wire_close(w);
    zk_unref(w);
    return cq_shape_wrap(c);
}

PyMethodDef cq_edge_methods[] = {
    {"makeLine", edge_makeLine, METH_VARARGS | METH_CLASS, "line segment"},
    {"makeCircle", KWFN(edge_makeCircle), CLS_KW, "circle or arc (degrees)"},
    {"makeEllipse", KWFN(edge_makeEllipse), CLS_KW, "ellipse or arc (degrees)"},
    {"makeThreePointArc", edge_makeThreePointArc, METH_VARARGS | METH_CLASS, "arc through 3 points"},
    {"makeTangentArc", edge_makeTangentArc, METH_VARARGS | METH_CLASS, "arc from a point and tangent"},
    {"makeSpline", KWFN(edge_makeSpline), CLS_KW, "interpolating B-spline"},
    {"makeBezier", edge_makeBezier, METH_O | METH_CLASS, "Bezier curve"},
    {"arcCenter", cq_edge_arcCenter, METH_NOARGS, "centre of a circle or ellipse"},
    {"close", edge_close, METH_NOARGS, "closed wire or the edge"},
    {NULL, NULL, 0, NULL}
};

/* ------------------------------------------------------------------ Wire */

static PyObject *wire_assembleEdges(PyObject *cls, PyObject *edges)
{
    (void)cls;
    size_t n = 0;
    PyObject *keep = NULL;
    zk_shape **arr = cq_shapes_from_iterable(edges, &n, &keep);
    if (!arr)
        return NULL;
    zk_shape *w = zk_wire_from_edges(arr, n);
    PyMem_Free(arr);
    Py_DECREF(keep);
    return cq_shape_wrap(w);
}

static PyObject *one_edge_wire(zk_shape *e)
{
    if (!e)
        return cq_raise_kernel_error(NULL);
    zk_shape *w = zk_wire_from_edges(&e, 1);
    zk_unref(e);
    return cq_shape_wrap(w);
}

static PyObject *wire_makeCircle(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius", "center", "normal", NULL};
    double r;
    PyObject *c, *n;
    zk_ax2 f;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dOO:makeCircle", kwlist, &r, &c, &n) || frame_from(c, n, &f) < 0)
        return NULL;
    return one_edge_wire(zk_edge_circle(&f, r));
}

static PyObject *wire_makeEllipse(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"x_radius", "y_radius", "center", "normal", "xDir", "angle1", "angle2",
                             "rotation_angle", "closed", NULL};
    double rx, ry, a1 = 360.0, a2 = 360.0, rot = 0.0;
    int closed = 1;
    PyObject *c, *n, *x;
    zk_vec p, nd, xd;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddOOO|dddp:makeEllipse", kwlist, &rx, &ry, &c, &n, &x, &a1, &a2,
                                     &rot, &closed) ||
        cq_vector_from_obj(c, &p) < 0 || cq_vector_from_obj(n, &nd) < 0 || cq_vector_from_obj(x, &xd) < 0)
        return NULL;
    zk_ax2 f = {p, nd, xd};
    zk_shape *e = a1 == a2 ? zk_edge_ellipse(&f, rx, ry) : zk_edge_ellipse_arc(&f, rx, ry, a1 * D2R, a2 * D2R, 1);
    if (!e)
        return cq_raise_kernel_error("makeEllipse");
    zk_shape *w;
    if (a1 != a2 && closed) {
        zk_shape *line = zk_edge_line(zk_curve_end(e), zk_curve_start(e));
        zk_shape *pair[2] = {e, line};
        w = line ? zk_wire_from_edges(pair, 2) : NULL;
        zk_unref(line);
    } else {
        w = zk_wire_from_edges(&e, 1);
    }
    zk_unref(e);
    if (w && rot != 0.0) {
        zk_shape *r = zk_rotated(w, p, nd, rot * D2R);
        zk_unref(w);
        w = r;
    }
    return cq_shape_wrap(w);
}

static PyObject *wire_makePolygon(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"listOfVertices", "forConstruction", "close", NULL};
    PyObject *pts_o;
    int fc = 0, close = 0;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|pp:makePolygon", kwlist, &pts_o, &fc, &close))
        return NULL;
    size_t n = 0;
    zk_vec *pts = vec_array(pts_o, &n);
    if (!pts)
        return NULL;
    PyObject *r = cq_shape_wrap(zk_wire_polygon(pts, n, close));
    PyMem_Free(pts);
    if (r && fc && PyObject_SetAttrString(r, "forConstruction", Py_True) < 0)
        Py_CLEAR(r);
    return r;
}

static PyObject *wire_makeHelix(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"pitch", "height", "radius", "center", "dir", "angle", "lefthand", NULL};
    double pitch, h, r, angle = 360.0;
    PyObject *c = NULL, *d = NULL;
    int left = 0;
    zk_ax2 f;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddd|OOdp:makeHelix", kwlist, &pitch, &h, &r, &c, &d, &angle, &left) ||
        frame_from(c, d, &f) < 0)
        return NULL;
    if (angle != 360.0) {
        PyErr_SetString(PyExc_NotImplementedError, "makeHelix: conical helices are not supported");
        return NULL;
    }
    return cq_shape_wrap(zk_wire_helix(pitch, h, r, f.p, f.dir, left));
}

/* All edges of the given shapes -> ConnectEdgesToWires -> list of Wires. */
static PyObject *wires_of_edges_of(PyObject *shapes)
{
    PyObject *edges = PyList_New(0), *seq = PySequence_Fast(shapes, "expected a sequence of wires");
    PyObject *r = NULL;
    if (!edges || !seq)
        goto done;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        zk_shape *s = cq_shape_get(PySequence_Fast_GET_ITEM(seq, i));
        PyObject *l = s ? cq_shape_explore(s, ZK_EDGE) : NULL;
        if (!l)
            goto done;
        int bad = 0;
        for (Py_ssize_t j = 0; !bad && j < PyList_GET_SIZE(l); j++)
            bad = PyList_Append(edges, PyList_GET_ITEM(l, j)) < 0;
        Py_DECREF(l);
        if (bad)
            goto done;
    }
    size_t n = 0;
    PyObject *keep = NULL;
    zk_shape **arr = cq_shapes_from_iterable(edges, &n, &keep);
    if (!arr)
        goto done;
    zk_shape **out = NULL;
    size_t nout = 0;
    int rc = zk_wires_from_edges(arr, n, &out, &nout);
    PyMem_Free(arr);
    Py_DECREF(keep);
    r = rc < 0 ? cq_raise_kernel_error("combine") : cq_shape_list(out, nout);
done:
    Py_XDECREF(edges);
    Py_XDECREF(seq);
    return r;
}

static PyObject *wire_combine(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"listOfWires", "tol", NULL};
    PyObject *wires;
    double tol = 1e-9;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|d:combine", kwlist, &wires, &tol))
        return NULL;
    return wires_of_edges_of(wires);
}

static PyObject *wire_close(PyObject *self, PyObject *u)
{
    (void)u;
    if (zk_curve_is_closed(S(self)) > 0) {
        Py_INCREF(self);
        return self;
    }
    return cq_shape_wrap(zk_wire_close(S(self)));
}

static PyObject *wire_offset2D(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"d", "kind", NULL};
    double d;
    const char *kind = "arc";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|s:offset2D", kwlist, &d, &kind))
        return NULL;
    int k = !strcmp(kind, "intersection") ? 1 : !strcmp(kind, "tangent") ? 2 : 0;
    zk_shape **out = NULL;
    size_t n = 0;
    if (zk_wire_offset2d(S(self), d, k, &out, &n) < 0)
        return cq_raise_kernel_error("offset2D");
    return cq_shape_list(out, n);
}

PyMethodDef cq_wire_methods[] = {
    {"assembleEdges", wire_assembleEdges, METH_O | METH_CLASS, "wire from edges"},
    {"makeCircle", KWFN(wire_makeCircle), CLS_KW, "circular wire"},
    {"makeEllipse", KWFN(wire_makeEllipse), CLS_KW, "elliptical wire"},
    {"makePolygon", KWFN(wire_makePolygon), CLS_KW, "polyline wire"},
    {"makeHelix", KWFN(wire_makeHelix), CLS_KW, "helix"},
    {"combine", KWFN(wire_combine), CLS_KW, "wires from the edges of several wires"},
    {"close", wire_close, METH_NOARGS, "closed copy"},
    {"offset2D", KWFN(wire_offset2D), OBJ_KW, "planar offset wires"},
    {NULL, NULL, 0, NULL}
};
