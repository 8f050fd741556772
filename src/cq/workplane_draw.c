/* workplane_draw.c: 2D drawing on a Workplane (CadQuery 2.4 cq.py): lines, arcs, splines,
 * ellipses, polylines, close/wire/consolidateWires, mirrorX/Y, offset2D, and the per-point
 * shapes rect, circle, ellipse, polygon, slot2D. Coordinates are plane-local; edges and wires
 * go to the chain's shared context (pendingEdges, pendingWires, firstPoint). */
#include "cq_internal.h"

#include <math.h>

#define WP(o) ((CQWorkplane *)(o))
#define DEG (M_PI / 180.0)

static zk_vec to_world(CQWorkplane *self, zk_vec local)
{
    return cq_plane_to_world(self->plane, local);
}

/* A point argument in local coordinates (2- or 3-tuple, Vector). */
static int local_arg(PyObject *o, zk_vec *out)
{
    return cq_vector_from_obj(o, out);
}

static PyObject *wrap_or_raise(zk_shape *s, const char *what)
{
    return s ? cq_shape_wrap(s) : cq_raise_kernel_error(what);
}

/* A new edge: pending unless for construction; returns newObject([edge]). Steals edge. */
static PyObject *push_edge(CQWorkplane *self, PyObject *edge, int for_construction)
{
    if (!edge)
        return NULL;
    if (!for_construction && cq_wp_add_pending_edge(self, edge) < 0) {
        Py_DECREF(edge);
        return NULL;
    }
    return cq_wp_new_object1(self, edge);
}

/* Wire.assembleEdges([edge]) as a pending wire (makeWire=True paths). Steals edge. */
static PyObject *push_edge_as_wire(CQWorkplane *self, PyObject *edge, int for_construction)
{
    if (!edge)
        return NULL;
    zk_shape *e = ((CQShape *)edge)->s;
    PyObject *w = wrap_or_raise(zk_wire_from_edges(&e, 1), "Wire.assembleEdges");
    Py_DECREF(edge);
    if (!w)
        return NULL;
    if (!for_construction && cq_wp_add_pending_wire(self, w) < 0) {
        Py_DECREF(w);
        return NULL;
    }
    return cq_wp_new_object1(self, w);
}

/* ------------------------------------------------------------------ lines */

static PyObject *line_to(CQWorkplane *self, double x, double y, int constr)
{
    zk_vec start;
    if (cq_wp_from_point(self, 0, &start) < 0)
        return NULL;
    zk_vec end = to_world(self, (zk_vec){x, y, 0});
    return push_edge(self, wrap_or_raise(zk_edge_line(start, end), "Edge.makeLine"), constr);
}

static PyObject *line_rel(CQWorkplane *self, double dx, double dy, int constr)
{
    zk_vec p;
    if (cq_wp_from_point(self, 1, &p) < 0)
        return NULL;
    return line_to(self, p.x + dx, p.y + dy, constr);
}

static PyObject *wp_line_to(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"x", "y", "forConstruction", NULL};
    double x, y;
    int c = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|p", kwlist, &x, &y, &c))
        return NULL;
    return line_to(WP(self), x, y, c);
}

static PyObject *wp_line(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"xDist", "yDist", "forConstruction", NULL};
    double x, y;
    int c = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|p", kwlist, &x, &y, &c))
        return NULL;
    return line_rel(WP(self), x, y, c);
}

static PyObject *wp_vline(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"distance", "forConstruction", NULL};
    double d;
    int c = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|p", kwlist, &d, &c))
        return NULL;
    return line_rel(WP(self), 0, d, c);
}

static PyObject *wp_hline(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"distance", "forConstruction", NULL};
    double d;
    int c = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|p", kwlist, &d, &c))
        return NULL;
    return line_rel(WP(self), d, 0, c);
}

static PyObject *wp_vline_to(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"yCoord", "forConstruction", NULL};
    double y;
    int c = 0;
    zk_vec p;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|p", kwlist, &y, &c) || cq_wp_from_point(WP(self), 1, &p) < 0)
        return NULL;
    return line_to(WP(self), p.x, y, c);
}

static PyObject *wp_hline_to(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"xCoord", "forConstruction", NULL};
    double x;
    int c = 0;
    zk_vec p;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|p", kwlist, &x, &c) || cq_wp_from_point(WP(self), 1, &p) < 0)
        return NULL;
    return line_to(WP(self), x, p.y, c);
}

static PyObject *polar(PyObject *self, PyObject *args, PyObject *kw, int absolute)
{
    static char *kwlist[] = {"distance", "angle", "forConstruction", NULL};
    double d, a;
    int c = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|p", kwlist, &d, &a, &c))
        return NULL;
    double x = cos(a * DEG) * d, y = sin(a * DEG) * d;
    return absolute ? line_to(WP(self), x, y, c) : line_rel(WP(self), x, y, c);
}

static PyObject *wp_polar_line(PyObject *s, PyObject *a, PyObject *k) { return polar(s, a, k, 0); }
static PyObject *wp_polar_line_to(PyObject *s, PyObject *a, PyObject *k) { return polar(s, a, k, 1); }

static PyObject *push_point(CQWorkplane *self, zk_vec local)
{
    return cq_wp_new_object1(self, cq_vector_new(to_world(self, local)));
}

static PyObject *wp_move_to(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"x", "y", NULL};
    double x = 0, y = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|dd", kwlist, &x, &y))
        return NULL;
    return push_point(WP(self), (zk_vec){x, y, 0});
}

static PyObject *wp_move(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"xDist", "yDist", NULL};
    double x = 0, y = 0;
    zk_vec p;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|dd", kwlist, &x, &y) || cq_wp_from_point(WP(self), 1, &p) < 0)
        return NULL;
    return push_point(WP(self), (zk_vec){p.x + x, p.y + y, p.z});
}

/* polyline(listOfXYTuple, forConstruction=False, includeCurrent=False) */
static PyObject *polyline(CQWorkplane *self, PyObject *pts, int constr, int include_current)
{
    PyObject *seq = PySequence_Fast(pts, "polyline expects a sequence of points");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), first = 0;
    zk_vec start;
    PyObject *edges = PyList_New(0);
    if (!edges)
        goto fail;
    if (include_current) {
        if (cq_wp_from_point(self, 0, &start) < 0)
            goto fail;
    } else {
        zk_vec l;
        if (n == 0) {
            PyErr_SetString(PyExc_IndexError, "list index out of range");
            goto fail;
        }
        if (local_arg(PySequence_Fast_GET_ITEM(seq, 0), &l) < 0)
            goto fail;
        start = to_world(self, l);
        first = 1;
    }
    for (Py_ssize_t i = first; i < n; i++) {
        zk_vec l;
        if (local_arg(PySequence_Fast_GET_ITEM(seq, i), &l) < 0)
            goto fail;
        zk_vec end = to_world(self, l);
        PyObject *e = wrap_or_raise(zk_edge_line(start, end), "Edge.makeLine");
        if (!e)
            goto fail;
        int rc = PyList_Append(edges, e);
        if (rc == 0 && !constr)
            rc = cq_wp_add_pending_edge(self, e);
        Py_DECREF(e);
        if (rc < 0)
            goto fail;
        start = end;
    }
    Py_DECREF(seq);
    PyObject *r = cq_wp_new_object(self, edges);
    Py_DECREF(edges);
    return r;
fail:
    Py_DECREF(seq);
    Py_XDECREF(edges);
    return NULL;
}

static PyObject *wp_polyline(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"listOfXYTuple", "forConstruction", "includeCurrent", NULL};
    PyObject *pts;
    int c = 0, inc = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|pp", kwlist, &pts, &c, &inc))
        return NULL;
    return polyline(WP(self), pts, c, inc);
}

/* ------------------------------------------------------------------ arcs */

static PyObject *three_point_arc(CQWorkplane *self, zk_vec l1, zk_vec l2, int constr)
{
    zk_vec start;
    if (cq_wp_from_point(self, 0, &start) < 0)
        return NULL;
    return push_edge(self, wrap_or_raise(zk_edge_arc3(start, to_world(self, l1), to_world(self, l2)),
                                         "Edge.makeThreePointArc"), constr);
}

static PyObject *wp_three_point_arc(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"point1", "point2", "forConstruction", NULL};
    PyObject *p1, *p2;
    int c = 0;
    zk_vec l1, l2;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|p", kwlist, &p1, &p2, &c) || local_arg(p1, &l1) < 0 ||
        local_arg(p2, &l2) < 0)
        return NULL;
    return three_point_arc(WP(self), l1, l2, c);
}

static PyObject *sagitta_arc(CQWorkplane *self, zk_vec end, double sag, int constr)
{
    zk_vec start;
    if (cq_wp_from_point(self, 1, &start) < 0)
        return NULL;
    zk_vec mid = zv_scale(zv_add(end, start), 0.5);
    zk_vec chord = zv_sub(end, start);
    if (zv_len(chord) <= 1e-300)
        return cq_raise_occt("Standard_ConstructionError", "gp_Vec::Normalized() - vector has zero norm");
    zk_vec s = zv_scale(zv_normalized(chord), fabs(sag));
    zk_vec r = sag > 0 ? (zk_vec){-s.y, s.x, s.z} : (zk_vec){s.y, -s.x, s.z};
    return three_point_arc(self, zv_add(mid, r), end, constr);
}

static PyObject *wp_sagitta_arc(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"endPoint", "sag", "forConstruction", NULL};
    PyObject *ep;
    double sag;
    int c = 0;
    zk_vec end;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "Od|p", kwlist, &ep, &sag, &c) || local_arg(ep, &end) < 0)
        return NULL;
    return sagitta_arc(WP(self), end, sag, c);
}

static PyObject *wp_radius_arc(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"endPoint", "radius", "forConstruction", NULL};
    PyObject *ep;
    double radius;
    int c = 0;
    zk_vec end, start;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "Od|p", kwlist, &ep, &radius, &c) || local_arg(ep, &end) < 0 ||
        cq_wp_from_point(WP(self), 1, &start) < 0)
        return NULL;
    double half = zv_len(zv_sub(end, start)) / 2.0;
    double under = radius * radius - half * half;
    if (under < 0) {
        PyErr_SetString(PyExc_ValueError, "Arc radius is not large enough to reach the end point.");
        return NULL;
    }
    double sag = fabs(radius) - sqrt(under);
    return sagitta_arc(WP(self), end, radius > 0 ? sag : -sag, c);
}

/* tangentArcPoint(endpoint, forConstruction=False, relative=True) */
static PyObject *wp_tangent_arc_point(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"endpoint", "forConstruction", "relative", NULL};
    CQWorkplane *self = WP(self_o);
    PyObject *ep;
    int c = 0, rel = 1;
    zk_vec end;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|pp", kwlist, &ep, &c, &rel) || local_arg(ep, &end) < 0)
        return NULL;
    if (rel) {
        zk_vec p;
        if (cq_wp_from_point(self, 1, &p) < 0)
            return NULL;
        end = zv_add(end, p);
    }
    end = to_world(self, end);
    Py_ssize_t n = PyList_GET_SIZE(self->objects);
    PyObject *last = n ? PyList_GET_ITEM(self->objects, n - 1) : NULL;
    if (!last || !PyObject_TypeCheck(last, &CQEdgeType)) {
        PyObject *tp = last ? (PyObject *)Py_TYPE(last) : (PyObject *)&CQVectorType;
        PyErr_Format(PyExc_RuntimeError, "Previous Edge requested, but the previous object was of type %R, not an Edge.",
                     tp);
        return NULL;
    }
    zk_shape *prev = ((CQShape *)last)->s;
    zk_vec p1 = zk_curve_end(prev), t = zk_curve_tangent_at(prev, 1.0, 1);
    return push_edge(self, wrap_or_raise(zk_edge_arc_tangent(p1, t, end), "Edge.makeTangentArc"), c);
}

/* ------------------------------------------------------------------ splines and ellipse arcs */

static int points_world(CQWorkplane *self, PyObject *pts, int include_current, zk_vec **out, size_t *n)
{
    PyObject *seq = PySequence_Fast(pts, "expected a sequence of points");
    if (!seq)
        return -1;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(seq);
    size_t k = 0;
    zk_vec *v = PyMem_Malloc(sizeof(zk_vec) * (size_t)(m + 1));
    if (!v) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    if (include_current && cq_wp_from_point(self, 0, &v[k++]) < 0)
        goto fail;
    for (Py_ssize_t i = 0; i < m; i++) {
        zk_vec l;
        if (local_arg(PySequence_Fast_GET_ITEM(seq, i), &l) < 0)
            goto fail;
        v[k++] = to_world(self, l);
    }
    Py_DECREF(seq);
    *out = v;
    *n = k;
    return 0;
fail:
    Py_DECREF(seq);
    PyMem_Free(v);
    return -1;
}

/* tangents: local directions -> world directions (toWorldCoords(t) - origin). */
static int tangents_world(CQWorkplane *self, PyObject *tans, zk_vec **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int truth = tans == Py_None ? 0 : PyObject_IsTrue(tans);
    if (truth <= 0)
        return truth;
    PyObject *seq = PySequence_Fast(tans, "tangents must be a sequence");
    if (!seq)
        return -1;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(seq);
    zk_vec *v = PyMem_Malloc(sizeof(zk_vec) * (size_t)(m ? m : 1));
    if (!v) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < m; i++) {
        zk_vec l;
        if (local_arg(PySequence_Fast_GET_ITEM(seq, i), &l) < 0) {
            PyMem_Free(v);
            Py_DECREF(seq);
            return -1;
        }
        v[i] = zv_sub(to_world(self, l), self->plane->origin);
    }
    Py_DECREF(seq);
    *out = v;
    *n = (size_t)m;
    return 0;
}

static int parameters_arg(PyObject *params, double **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (params == Py_None)
        return 0;
    PyObject *seq = PySequence_Fast(params, "parameters must be a sequence");
    if (!seq)
        return -1;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(seq);
    double *v = PyMem_Malloc(sizeof(double) * (size_t)(m ? m : 1));
    if (!v) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < m; i++) {
        v[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (v[i] == -1.0 && PyErr_Occurred()) {
            PyMem_Free(v);
            Py_DECREF(seq);
            return -1;
        }
    }
    Py_DECREF(seq);
    *out = v;
    *n = (size_t)m;
    return 0;
}

/* Edge.makeSpline argument checks, then GeomAPI_Interpolate. */
static zk_shape *make_spline(const zk_vec *pts, size_t n, const zk_vec *tans, size_t nt, int periodic,
                             const double *params, size_t np, int scale, double tol)
{
    if (params && np != n + (periodic ? 1 : 0)) {
        PyErr_Format(PyExc_ValueError,
                     "There must be one parameter for each interpolation point (plus one if periodic), or none "
                     "specified. Parameter count: %zu, point count: %zu", np, n);
        return NULL;
    }
    if (tans && !(nt == 2 && n != 2) && nt != n) {
        PyErr_Format(PyExc_ValueError,
                     "There must be one tangent for each interpolation point, or just two end point tangents. "
                     "Tangent count: %zu, point count: %zu", nt, n);
        return NULL;
    }
    zk_shape *e = zk_edge_spline(pts, n, tans, nt, periodic, params, scale, tol);
    if (!e)
        cq_raise_kernel_error("Edge.makeSpline");
    return e;
}

/* spline(listOfXYTuple, tangents=None, periodic=False, parameters=None, scale=True, tol=None,
 *        forConstruction=False, includeCurrent=False, makeWire=False) */
static PyObject *wp_spline(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"listOfXYTuple", "tangents", "periodic", "parameters", "scale", "tol",
                             "forConstruction", "includeCurrent", "makeWire", NULL};
    CQWorkplane *self = WP(self_o);
    PyObject *pts_o, *tans_o = Py_None, *params_o = Py_None, *tol_o = Py_None;
    int periodic = 0, scale = 1, constr = 0, inc = 0, make_wire = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OpOpOppp", kwlist, &pts_o, &tans_o, &periodic, &params_o, &scale,
                                     &tol_o, &constr, &inc, &make_wire))
        return NULL;
    double tol = 1e-6;
    if (tol_o != Py_None) {
        double t = PyFloat_AsDouble(tol_o);
        if (t == -1.0 && PyErr_Occurred())
            return NULL;
        if (t != 0.0)
            tol = t;
    }
    zk_vec *pts = NULL, *tans = NULL;
    double *params = NULL;
    size_t n = 0, nt = 0, np = 0;
    PyObject *r = NULL;
    if (points_world(self, pts_o, inc, &pts, &n) < 0 || tangents_world(self, tans_o, &tans, &nt) < 0 ||
        parameters_arg(params_o, &params, &np) < 0)
        goto done;
    zk_shape *e = make_spline(pts, n, tans, nt, periodic, params, np, scale, tol);
    if (!e)
        goto done;
    PyObject *edge = cq_shape_wrap(e);
    r = make_wire ? push_edge_as_wire(self, edge, constr) : push_edge(self, edge, constr);
done:
    PyMem_Free(pts);
    PyMem_Free(tans);
    PyMem_Free(params);
    return r;
}

/* smoothing: None or 3 weights. */
static int smoothing_arg(PyObject *o, double w[3], int *has)
{
    *has = 0;
    int truth = o == Py_None ? 0 : PyObject_IsTrue(o);
    if (truth <= 0)
        return truth;
    PyObject *seq = PySequence_Fast(o, "smoothing must be a tuple of 3 weights");
    if (!seq)
        return -1;
    if (PySequence_Fast_GET_SIZE(seq) != 3) {
        Py_DECREF(seq);
        PyErr_SetString(PyExc_TypeError, "smoothing must be a tuple of 3 weights");
        return -1;
    }
    for (int i = 0; i < 3; i++) {
        w[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (w[i] == -1.0 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return -1;
        }
    }
    Py_DECREF(seq);
    *has = 1;
    return 0;
}

/* Edge.makeSplineApprox over world points, then pending (edge, or wire when make_wire). */
static PyObject *approx_and_push(CQWorkplane *self, const zk_vec *pts, size_t n, double tol, int min_deg,
                                 int max_deg, PyObject *smoothing_o, int constr, int make_wire)
{
    double w[3];
    int has;
    if (smoothing_arg(smoothing_o, w, &has) < 0)
        return NULL;
    zk_shape *e = zk_edge_spline_approx(pts, n, tol, min_deg, max_deg, has ? w : NULL);
    if (!e)
        return cq_raise_kernel_error("Edge.makeSplineApprox");
    PyObject *edge = cq_shape_wrap(e);
    return make_wire ? push_edge_as_wire(self, edge, constr) : push_edge(self, edge, constr);
}

/* splineApprox(points, tol=1e-6, minDeg=1, maxDeg=6, smoothing=(1,1,1), forConstruction=False,
 *              includeCurrent=False, makeWire=False) */
static PyObject *wp_spline_approx(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"points", "tol", "minDeg", "maxDeg", "smoothing", "forConstruction",
                             "includeCurrent", "makeWire", NULL};
    CQWorkplane *self = WP(self_o);
    PyObject *pts_o, *tol_o = NULL, *smooth = NULL, *dflt = NULL;
    int min_deg = 1, max_deg = 6, constr = 0, inc = 0, make_wire = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OiiOppp", kwlist, &pts_o, &tol_o, &min_deg, &max_deg, &smooth,
                                     &constr, &inc, &make_wire))
        return NULL;
    double tol = 1e-6;
    if (tol_o) {
        /* CadQuery passes tol only when truthy; otherwise makeSplineApprox's default 1e-3 applies */
        int truth = PyObject_IsTrue(tol_o);
        if (truth < 0)
            return NULL;
        tol = truth ? PyFloat_AsDouble(tol_o) : 1e-3;
        if (tol == -1.0 && PyErr_Occurred())
            return NULL;
    }
    PyObject *smoothing = smooth;
    if (!smoothing) {
        dflt = Py_BuildValue("(iii)", 1, 1, 1);
        if (!dflt)
            return NULL;
        smoothing = dflt;
    }
    zk_vec *pts = NULL;
    size_t n = 0;
    PyObject *r = NULL;
    if (points_world(self, pts_o, inc, &pts, &n) == 0)
        r = approx_and_push(self, pts, n, tol, min_deg, max_deg, smoothing, constr, make_wire);
    PyMem_Free(pts);
    Py_XDECREF(dflt);
    return r;
}

/* parametricCurve(func, N=400, start=0, stop=1, tol=1e-6, minDeg=1, maxDeg=6, smoothing=(1,1,1),
 *                 makeWire=True) */
static PyObject *wp_parametric_curve(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"func", "N", "start", "stop", "tol", "minDeg", "maxDeg", "smoothing", "makeWire", NULL};
    CQWorkplane *self = WP(self_o);
    PyObject *func, *smooth = NULL, *dflt = NULL;
    Py_ssize_t n = 400;
    double start = 0, stop = 1, tol = 1e-6;
    int min_deg = 1, max_deg = 6, make_wire = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|ndddiiOp", kwlist, &func, &n, &start, &stop, &tol, &min_deg,
                                     &max_deg, &smooth, &make_wire))
        return NULL;
    if (n < 0 || n > 10000000) {
        PyErr_SetString(PyExc_ValueError, "parametricCurve: N out of range");
        return NULL;
    }
    if (!smooth) {
        dflt = Py_BuildValue("(iii)", 1, 1, 1);
        if (!dflt)
            return NULL;
        smooth = dflt;
    }
    PyObject *pts = PyList_New(n + 1);
    double diff = stop - start;
    for (Py_ssize_t t = 0; pts && t <= n; t++) {
        PyObject *arg = PyFloat_FromDouble(start + diff * (double)t / (double)n);
        PyObject *p = arg ? PyObject_CallOneArg(func, arg) : NULL;
        Py_XDECREF(arg);
        if (!p) {
            Py_CLEAR(pts);
            break;
        }
        PyList_SET_ITEM(pts, t, p);
    }
    zk_vec *wpts = NULL;
    size_t np = 0;
    PyObject *r = NULL;
    if (pts && points_world(self, pts, 0, &wpts, &np) == 0)
        r = approx_and_push(self, wpts, np, tol, min_deg, max_deg, smooth, 0, make_wire);
    PyMem_Free(wpts);
    Py_XDECREF(pts);
    Py_XDECREF(dflt);
    return r;
}

/* Edge.makeEllipse(xr, yr, center, dir, xdir, angle1, angle2, sense) (angles in degrees). */
static zk_shape *make_ellipse(double xr, double yr, zk_vec center, zk_vec dir, zk_vec xdir, double a1, double a2,
                              int sense)
{
    zk_ax2 f = {center, zv_normalized(dir), zv_normalized(xdir)};
    double major = xr, minor = yr, corr = 0.0;
    if (yr > xr) {
        /* CadQuery swaps the radii and turns the ellipse by 90 degrees about dir */
        f.xdir = zv_normalized(zv_cross(f.dir, f.xdir));
        major = yr;
        minor = xr;
        corr = M_PI / 2;
    }
    zk_shape *e = a1 == a2 ? zk_edge_ellipse(&f, major, minor)
                           : zk_edge_ellipse_arc(&f, major, minor, a1 * DEG - corr, a2 * DEG - corr, sense == 1 ? 1 : -1);
    if (!e)
        cq_raise_kernel_error("Edge.makeEllipse");
    return e;
}

/* ellipseArc(x_radius, y_radius, angle1=360, angle2=360, rotation_angle=0.0, sense=1,
 *            forConstruction=False, startAtCurrent=True, makeWire=False) */
static PyObject *wp_ellipse_arc(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"x_radius", "y_radius", "angle1", "angle2", "rotation_angle", "sense",
                             "forConstruction", "startAtCurrent", "makeWire", NULL};
    CQWorkplane *self = WP(self_o);
    double xr, yr, a1 = 360, a2 = 360, rot = 0;
    int sense = 1, constr = 0, at_current = 1, make_wire = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|dddippp", kwlist, &xr, &yr, &a1, &a2, &rot, &sense, &constr,
                                     &at_current, &make_wire))
        return NULL;
    zk_vec center;
    if (cq_wp_from_point(self, 0, &center) < 0)
        return NULL;
    const CQPlane *pl = self->plane;
    zk_shape *e = make_ellipse(xr, yr, center, pl->zDir, pl->xDir, a1, a2, sense);
    if (e && rot != 0.0) {
        zk_shape *r = zk_rotated(e, center, pl->zDir, rot * DEG);
        zk_unref(e);
        e = r ? r : (cq_raise_kernel_error("rotate"), NULL);
    }
    if (e && at_current) {
        zk_shape *t = zk_translated(e, zv_sub(center, zk_curve_start(e)));
        zk_unref(e);
        e = t ? t : (cq_raise_kernel_error("translate"), NULL);
    }
    if (!e)
        return NULL;
    PyObject *edge = cq_shape_wrap(e);
    return make_wire ? push_edge_as_wire(self, edge, constr) : push_edge(self, edge, constr);
}

/* ------------------------------------------------------------------ wires */

/* _consolidateWires: Wire.combine(pendingEdges + pendingWires), without clearing them. */
PyObject *cq_wp_consolidate(CQWorkplane *self)
{
    PyObject *all = PySequence_List(self->ctx->pendingEdges);
    if (!all)
        return NULL;
    Py_ssize_t end = PyList_GET_SIZE(all);
    if (PyList_SetSlice(all, end, end, self->ctx->pendingWires) < 0) {
        Py_DECREF(all);
        return NULL;
    }
    if (PyList_GET_SIZE(all) == 0)
        return all;
    PyObject *comp = cq_make_compound(all);
    Py_DECREF(all);
    if (!comp)
        return NULL;
    zk_shape **edges = NULL, **wires = NULL;
    size_t ne = 0, nw = 0;
    PyObject *out = NULL;
    if (zk_explore(((CQShape *)comp)->s, ZK_EDGE, &edges, &ne) < 0 || zk_wires_from_edges(edges, ne, &wires, &nw) < 0) {
        cq_raise_kernel_error("Wire.combine");
        goto done;
    }
    out = PyList_New(0);
    for (size_t i = 0; out && i < nw; i++) {
        PyObject *w = cq_shape_wrap(zk_ref(wires[i]));
        if (!w || PyList_Append(out, w) < 0)
            Py_CLEAR(out);
        Py_XDECREF(w);
    }
done:
    zk_free_list(edges, ne);
    zk_free_list(wires, nw);
    Py_DECREF(comp);
    return out;
}

static PyObject *consolidate_wires(CQWorkplane *self)
{
    PyObject *w = cq_wp_consolidate(self);
    if (!w)
        return NULL;
    if (PyList_GET_SIZE(w) == 0) {
        Py_DECREF(w);
        return Py_NewRef(self);
    }
    PyObject *r = cq_wp_new_object(self, w);
    if (r) {
        CQContext *ctx = WP(r)->ctx;
        PyObject *empty = PyList_New(0);
        if (!empty) {
            Py_DECREF(r);
            r = NULL;
        } else {
            Py_XSETREF(ctx->pendingWires, Py_NewRef(w));
            Py_XSETREF(ctx->pendingEdges, empty);
        }
    }
    Py_DECREF(w);
    return r;
}

static PyObject *wp_consolidate_wires(PyObject *self, PyObject *unused)
{
    (void)unused;
    return consolidate_wires(WP(self));
}

/* wire(forConstruction=False): all pending edges -> one wire. */
static PyObject *make_wire(CQWorkplane *self, int constr)
{
    if (!self->ctx->pendingEdges || PyObject_Length(self->ctx->pendingEdges) == 0)
        return Py_NewRef(self);
    PyObject *edges = cq_ctx_pop(self->ctx, 0, 1);
    if (!edges)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(edges);
    zk_shape **arr = PyMem_Malloc(sizeof(zk_shape *) * (size_t)n);
    PyObject *w = NULL;
    if (!arr) {
        PyErr_NoMemory();
    } else {
        int ok = 1;
        for (Py_ssize_t i = 0; i < n && ok; i++)
            ok = (arr[i] = cq_shape_get(PyList_GET_ITEM(edges, i))) != NULL;
        if (ok)
            w = wrap_or_raise(zk_wire_from_edges(arr, (size_t)n), "Wire.assembleEdges");
        PyMem_Free(arr);
    }
    Py_DECREF(edges);
    if (!w)
        return NULL;
    if (!constr && cq_wp_add_pending_wire(self, w) < 0) {
        Py_DECREF(w);
        return NULL;
    }
    PyObject *others = PyList_New(0);
    for (Py_ssize_t i = 0; others && i < PyList_GET_SIZE(self->objects); i++) {
        PyObject *o = PyList_GET_ITEM(self->objects, i);
        if (!PyObject_TypeCheck(o, &CQEdgeType) && PyList_Append(others, o) < 0)
            Py_CLEAR(others);
    }
    if (!others || PyList_Append(others, w) < 0) {
        Py_XDECREF(others);
        Py_DECREF(w);
        return NULL;
    }
    Py_DECREF(w);
    PyObject *r = cq_wp_new_object(self, others);
    Py_DECREF(others);
    return r;
}

static PyObject *wp_wire(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"forConstruction", NULL};
    int c = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|p", kwlist, &c))
        return NULL;
    return make_wire(WP(self), c);
}

/* close(): a line back to ctx.firstPoint when the gap is > 1e-6, then wire(). */
static PyObject *wp_close(PyObject *self_o, PyObject *unused)
{
    (void)unused;
    CQWorkplane *self = WP(self_o);
    zk_vec end;
    if (cq_wp_from_point(self, 1, &end) < 0)
        return NULL;
    PyObject *fp = self->ctx->firstPoint;
    if (!fp || fp == Py_None) {
        PyErr_SetString(PyExc_ValueError, "No start point specified - cannot close");
        return NULL;
    }
    zk_vec start;
    if (cq_vector_from_obj(fp, &start) < 0)
        return NULL;
    if (zv_len(zv_sub(end, start)) > 1e-6) {
        PyObject *a = cq_vector_new(end), *b = cq_vector_new(start);
        PyObject *pts = (a && b) ? PyList_New(2) : NULL;
        if (!pts) {
            Py_XDECREF(a);
            Py_XDECREF(b);
            return NULL;
        }
        PyList_SET_ITEM(pts, 0, a);
        PyList_SET_ITEM(pts, 1, b);
        PyObject *r = polyline(self, pts, 0, 0);
        Py_DECREF(pts);
        if (!r)
            return NULL;
        Py_DECREF(r);
    }
    Py_XSETREF(self->ctx->firstPoint, Py_NewRef(Py_None));
    return make_wire(self, 0);
}

/* Plane.mirrorInPlane(wires, axis): the 180-degree turn about the plane's X or Y axis. */
static PyObject *mirror_in_plane(CQWorkplane *self, PyObject *wires, int axis_y)
{
    const CQPlane *pl = self->plane;
    zk_vec d = axis_y ? pl->yDir : pl->xDir, o = pl->origin;
    zk_trsf t;
    double dv[3] = {d.x, d.y, d.z};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            t.m[i][j] = 2 * dv[i] * dv[j] - (i == j ? 1.0 : 0.0);
    zk_vec lin = {t.m[0][0] * o.x + t.m[0][1] * o.y + t.m[0][2] * o.z,
                  t.m[1][0] * o.x + t.m[1][1] * o.y + t.m[1][2] * o.z,
                  t.m[2][0] * o.x + t.m[2][1] * o.y + t.m[2][2] * o.z};
    t.m[0][3] = o.x - lin.x;
    t.m[1][3] = o.y - lin.y;
    t.m[2][3] = o.z - lin.z;
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(wires); i++) {
        zk_shape *s = cq_shape_get(PyList_GET_ITEM(wires, i));
        PyObject *m = s ? wrap_or_raise(zk_transformed(s, &t), "mirrorInPlane") : NULL;
        if (!m || PyList_Append(out, m) < 0)
            Py_CLEAR(out);
        Py_XDECREF(m);
    }
    return out;
}

static PyObject *mirror_2d(CQWorkplane *self, int axis_y)
{
    PyObject *n = make_wire(self, 0);
    PyObject *cons = n ? consolidate_wires(WP(n)) : NULL;
    Py_XDECREF(n);
    if (!cons)
        return NULL;
    PyObject *ws = PyObject_CallMethod(cons, "wires", NULL);
    PyObject *vals = ws ? PySequence_List(WP(ws)->objects) : NULL;
    Py_XDECREF(ws);
    PyObject *mirrored = vals ? mirror_in_plane(self, vals, axis_y) : NULL;
    Py_XDECREF(vals);
    PyObject *r = NULL;
    if (mirrored) {
        int ok = 1;
        for (Py_ssize_t i = 0; ok && i < PyList_GET_SIZE(mirrored); i++) {
            PyObject *w = PyList_GET_ITEM(mirrored, i);
            ok = PyList_Append(WP(cons)->objects, w) == 0 && cq_wp_add_pending_wire(WP(cons), w) == 0;
        }
        if (ok)
            r = consolidate_wires(WP(cons));
        Py_DECREF(mirrored);
    }
    Py_DECREF(cons);
    return r;
}

static PyObject *wp_mirror_y(PyObject *self, PyObject *unused)
{
    (void)unused;
    return mirror_2d(WP(self), 1);
}

static PyObject *wp_mirror_x(PyObject *self, PyObject *unused)
{
    (void)unused;
    return mirror_2d(WP(self), 0);
}

/* offset2D(d, kind="arc", forConstruction=False) */
static PyObject *wp_offset2d(PyObject *self_o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"d", "kind", "forConstruction", NULL};
    CQWorkplane *self = WP(self_o);
    double d;
    PyObject *kind_o = NULL;
    int constr = 0, kind = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|Op", kwlist, &d, &kind_o, &constr))
        return NULL;
    if (kind_o) {
        const char *names[] = {"arc", "intersection", "tangent"};
        kind = -1;
        for (int i = 0; i < 3; i++)
            if (PyUnicode_Check(kind_o) && PyUnicode_CompareWithASCIIString(kind_o, names[i]) == 0)
                kind = i;
        if (kind < 0) {
            PyErr_SetObject(PyExc_KeyError, kind_o);
            return NULL;
        }
    }
    PyObject *ws = cq_wp_consolidate(self);
    if (!ws)
        return NULL;
    PyObject *rv = PyList_New(0);
    for (Py_ssize_t i = 0; rv && i < PyList_GET_SIZE(ws); i++) {
        zk_shape **out = NULL;
        size_t n = 0;
        if (zk_wire_offset2d(((CQShape *)PyList_GET_ITEM(ws, i))->s, d, kind, &out, &n) < 0) {
            cq_raise_kernel_error("offset2D");
            Py_CLEAR(rv);
            break;
        }
        for (size_t j = 0; rv && j < n; j++) {
            PyObject *w = cq_shape_wrap(zk_ref(out[j]));
            if (w && constr && cq_wp_set_construction(w, 1) < 0)
                Py_CLEAR(w);
            if (!w || PyList_Append(rv, w) < 0)
                Py_CLEAR(rv);
            Py_XDECREF(w);
        }
        zk_free_list(out, n);
    }
    Py_DECREF(ws);
    if (!rv)
        return NULL;
    PyObject *e1 = PyList_New(0), *e2 = constr ? PyList_New(0) : PySequence_List(rv);
    if (!e1 || !e2) {
        Py_XDECREF(e1);
        Py_XDECREF(e2);
        Py_DECREF(rv);
        return NULL;
    }
    Py_XSETREF(self->ctx->pendingEdges, e1);
    Py_XSETREF(self->ctx->pendingWires, e2);
    PyObject *r = cq_wp_new_object(self, rv);
    Py_DECREF(rv);
    return r;
}

/* ------------------------------------------------------------------ per-point shapes */

/* Places a plane-local wire at every stack point (eachpoint(..., True)); steals w. */
static PyObject *place_wire(CQWorkplane *self, zk_shape *w, int constr, const char *what)
{
    if (!w) {
        cq_raise_kernel_error(what);
        return NULL;
    }
    PyObject *r = cq_wp_place_local(self, w, constr);
    zk_unref(w);
    return r;
}

static PyObject *wp_rect(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"xLen", "yLen", "centered", "forConstruction", NULL};
    double xl, yl;
    PyObject *centered = Py_True;
    int constr = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|Op", kwlist, &xl, &yl, &centered, &constr))
        return NULL;
    int cx = 1, cy = 1;
    if (PyBool_Check(centered)) {
        cx = cy = centered == Py_True;
    } else {
        PyObject *a = PySequence_GetItem(centered, 0), *b = a ? PySequence_GetItem(centered, 1) : NULL;
        if (b) {
            cx = PyObject_IsTrue(a);
            cy = PyObject_IsTrue(b);
        }
        Py_XDECREF(a);
        Py_XDECREF(b);
        if (!b || cx < 0 || cy < 0)
            return NULL;
    }
    double ox = cx ? 0 : xl / 2, oy = cy ? 0 : yl / 2;
    zk_vec p[5] = {{-xl / 2 + ox, -yl / 2 + oy, 0}, {xl / 2 + ox, -yl / 2 + oy, 0}, {xl / 2 + ox, yl / 2 + oy, 0},
                   {-xl / 2 + ox, yl / 2 + oy, 0}, {-xl / 2 + ox, -yl / 2 + oy, 0}};
    return place_wire(WP(self), zk_wire_polygon(p, 5, 0), constr, "Wire.makePolygon");
}

static PyObject *wp_circle(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius", "forConstruction", NULL};
    double r;
    int constr = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|p", kwlist, &r, &constr))
        return NULL;
    zk_ax2 f = {{0, 0, 0}, {0, 0, 1}, {0, 0, 0}};
    zk_shape *e = zk_edge_circle(&f, r);
    if (!e)
        return cq_raise_kernel_error("Edge.makeCircle");
    zk_shape *w = zk_wire_from_edges(&e, 1);
    zk_unref(e);
    return place_wire(WP(self), w, constr, "Wire.makeCircle");
}

static PyObject *wp_ellipse(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"x_radius", "y_radius", "rotation_angle", "forConstruction", NULL};
    double xr, yr, rot = 0;
    int constr = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|dp", kwlist, &xr, &yr, &rot, &constr))
        return NULL;
    zk_vec o = {0, 0, 0}, z = {0, 0, 1};
    zk_shape *e = make_ellipse(xr, yr, o, z, (zk_vec){1, 0, 0}, 360, 360, 1);
    if (!e)
        return NULL;
    zk_shape *w = zk_wire_from_edges(&e, 1);
    zk_unref(e);
    if (w && rot != 0.0) {
        zk_shape *r = zk_rotated(w, o, z, rot * DEG);
        zk_unref(w);
        w = r;
    }
    return place_wire(WP(self), w, constr, "Wire.makeEllipse");
}

static PyObject *wp_polygon(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"nSides", "diameter", "forConstruction", "circumscribed", NULL};
    Py_ssize_t n;
    double dia;
    int constr = 0, circ = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "nd|pp", kwlist, &n, &dia, &constr, &circ))
        return NULL;
    if (n == 0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
        return NULL;
    }
    if (n < 0)
        n = -1;      /* CadQuery's range(nSides + 1) is then empty: the kernel refuses the empty polygon */
    if (n > 100000) {
        PyErr_SetString(PyExc_MemoryError, "polygon: too many sides");
        return NULL;
    }
    double angle = 2.0 * M_PI / (double)n, radius = dia / 2.0;
    if (circ)
        radius /= cos(angle / 2.0);
    zk_vec *p = PyMem_Malloc(sizeof(zk_vec) * (size_t)(n + 1));
    if (!p)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n + 1; i++) {
        double o = angle * (double)i + (circ ? angle / 2.0 : 0.0);
        p[i] = (zk_vec){radius * cos(o), radius * sin(o), 0};
    }
    zk_shape *w = zk_wire_polygon(p, (size_t)n + 1, 0);
    PyMem_Free(p);
    return place_wire(WP(self), w, constr, "Wire.makePolygon");
}

static PyObject *wp_slot2d(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"length", "diameter", "angle", NULL};
    double len, dia, angle = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|d", kwlist, &len, &dia, &angle))
        return NULL;
    double r = dia / 2;
    zk_vec p1 = {-len / 2 + r, dia / 2, 0};
    zk_vec p2 = zv_add(p1, (zk_vec){len - dia, 0, 0});
    zk_vec p3 = zv_add(p1, (zk_vec){len - dia, -dia, 0});
    zk_vec p4 = zv_add(p1, (zk_vec){0, -dia, 0});
    zk_vec a1 = zv_add(p2, (zk_vec){r, -r, 0}), a2 = zv_add(p4, (zk_vec){-r, r, 0});
    zk_shape *e[4] = {zk_edge_line(p1, p2), zk_edge_arc3(p2, a1, p3), zk_edge_line(p3, p4), zk_edge_arc3(p4, a2, p1)};
    zk_shape *w = NULL;
    if (e[0] && e[1] && e[2] && e[3])
        w = zk_wire_from_edges(e, 4);
    for (int i = 0; i < 4; i++)
        zk_unref(e[i]);
    if (w && angle != 0.0) {
        zk_shape *rw = zk_rotated(w, (zk_vec){0, 0, 0}, (zk_vec){0, 0, 1}, angle * DEG);
        zk_unref(w);
        w = rw;
    }
    return place_wire(WP(self), w, 0, "slot2D");
}

#define KW(f) (PyCFunction)(void (*)(void))(f), METH_VARARGS | METH_KEYWORDS

PyMethodDef cq_wp_draw_methods[] = {
    {"lineTo", KW(wp_line_to), "lineTo(x, y, forConstruction=False): a line to local (x, y)."},
    {"line", KW(wp_line), "line(xDist, yDist, forConstruction=False): a line by a local offset."},
    {"vLine", KW(wp_vline), "vLine(distance, forConstruction=False)"},
    {"hLine", KW(wp_hline), "hLine(distance, forConstruction=False)"},
    {"vLineTo", KW(wp_vline_to), "vLineTo(yCoord, forConstruction=False)"},
    {"hLineTo", KW(wp_hline_to), "hLineTo(xCoord, forConstruction=False)"},
    {"polarLine", KW(wp_polar_line), "polarLine(distance, angle, forConstruction=False): relative, degrees."},
    {"polarLineTo", KW(wp_polar_line_to), "polarLineTo(distance, angle, forConstruction=False): absolute."},
    {"moveTo", KW(wp_move_to), "moveTo(x=0, y=0): pushes local (x, y) without drawing."},
    {"move", KW(wp_move), "move(xDist=0, yDist=0): pushes the current point moved by a local offset."},
    {"polyline", KW(wp_polyline), "polyline(listOfXYTuple, forConstruction=False, includeCurrent=False)"},
    {"threePointArc", KW(wp_three_point_arc), "threePointArc(point1, point2, forConstruction=False)"},
    {"sagittaArc", KW(wp_sagitta_arc), "sagittaArc(endPoint, sag, forConstruction=False): sag > 0 bulges left."},
    {"radiusArc", KW(wp_radius_arc), "radiusArc(endPoint, radius, forConstruction=False)"},
    {"tangentArcPoint", KW(wp_tangent_arc_point), "tangentArcPoint(endpoint, forConstruction=False, relative=True)"},
    {"spline", KW(wp_spline),
     "spline(listOfXYTuple, tangents=None, periodic=False, parameters=None, scale=True, tol=None, "
     "forConstruction=False, includeCurrent=False, makeWire=False)"},
    {"splineApprox", KW(wp_spline_approx),
     "splineApprox(points, tol=1e-6, minDeg=1, maxDeg=6, smoothing=(1,1,1), forConstruction=False, "
     "includeCurrent=False, makeWire=False)"},
    {"parametricCurve", KW(wp_parametric_curve),
     "parametricCurve(func, N=400, start=0, stop=1, tol=1e-6, minDeg=1, maxDeg=6, smoothing=(1,1,1), makeWire=True)"},
    {"ellipseArc", KW(wp_ellipse_arc),
     "ellipseArc(x_radius, y_radius, angle1=360, angle2=360, rotation_angle=0.0, sense=1, forConstruction=False, "
     "startAtCurrent=True, makeWire=False)"},
    {"close", (PyCFunction)wp_close, METH_NOARGS, "close(): closes the pending edges into a wire."},
    {"wire", KW(wp_wire), "wire(forConstruction=False): pending edges -> one wire."},
    {"consolidateWires", (PyCFunction)wp_consolidate_wires, METH_NOARGS, "consolidateWires()"},
    {"mirrorY", (PyCFunction)wp_mirror_y, METH_NOARGS, "mirrorY(): mirrors the pending geometry about local Y."},
    {"mirrorX", (PyCFunction)wp_mirror_x, METH_NOARGS, "mirrorX(): mirrors the pending geometry about local X."},
    {"offset2D", KW(wp_offset2d), "offset2D(d, kind='arc', forConstruction=False)"},
    {"rect", KW(wp_rect), "rect(xLen, yLen, centered=True, forConstruction=False): a rectangle per stack point."},
    {"circle", KW(wp_circle), "circle(radius, forConstruction=False): a circle per stack point."},
    {"ellipse", KW(wp_ellipse), "ellipse(x_radius, y_radius, rotation_angle=0.0, forConstruction=False)"},
    {"polygon", KW(wp_polygon), "polygon(nSides, diameter, forConstruction=False, circumscribed=False)"},
    {"slot2D", KW(wp_slot2d), "slot2D(length, diameter, angle=0): a rounded slot per stack point."},
    {NULL, NULL, 0, NULL}
};
