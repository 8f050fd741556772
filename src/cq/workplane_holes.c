/* workplane_holes.c: Workplane.hole/cboreHole/cskHole and cutEach. As in CadQuery 2.4
 * (cutEach): one tool per stack point, built in local coordinates going along -Z from the
 * workplane, moved to each point, cleaned, cut from the context solid, then the result cleaned. */
#include "cq_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double PI = 3.14159265358979323846;

/* s moved to t for a shape nobody else holds: an exact identity move is skipped, as it changes
 * no geometry, while a located shape makes every later kernel query apply the location. */
static zk_shape *moved_fresh(zk_shape *s, const zk_trsf *t)
{
    zk_trsf id;
    zt_identity(&id);
    if (memcmp(&id, t, sizeof id) == 0)
        return zk_ref(s);
    return zk_moved(s, t);
}

/* A cylinder of radius r going `depth` along -Z from the local origin. */
static zk_shape *bore(double r, double depth)
{
    zk_ax2 f = {{0, 0, 0}, {0, 0, -1}, {0, 0, 0}};
    return zk_cylinder(&f, r, depth, 2 * PI);
}

/* cutEach(lambda loc: tool.moved(loc), useLocalCoords=True, clean); steals tool. */
static PyObject *cut_each(CQWorkplane *self, zk_shape *tool, int clean)
{
    if (!tool)
        return cq_raise_kernel_error("hole");
    PyObject *base = cq_wp_find_solid(self, 1, 1, 1);
    PyObject *locs = base ? cq_wp_stack_locations(self) : NULL;
    zk_shape **tools = NULL;
    size_t n = 0;
    zk_shape *res = NULL, *cleaned = NULL;
    if (!locs)
        goto done;
    n = (size_t)PyList_Size(locs);
    /* eachpoint cleans its results; a rigid move commutes with clean, so clean the tool once */
    cleaned = zk_clean(tool);
    if (!cleaned) {
        cq_raise_kernel_error("hole");
        goto done;
    }
    tools = calloc(n ? n : 1, sizeof(zk_shape *));
    if (!tools) {
        PyErr_NoMemory();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        PyObject *loc = PyList_GET_ITEM(locs, (Py_ssize_t)i);
        if (!cq_wpf_is(loc, &CQLocationType)) {
            PyErr_SetString(PyExc_TypeError, "stack location is not a Location");
            goto done;
        }
        tools[i] = moved_fresh(cleaned, &((CQLocation *)loc)->t);
        if (!tools[i]) {
            cq_raise_kernel_error("hole");
            goto done;
        }
    }
    res = cq_wpf_cut(cq_shape_get(base), tools, n, 0.0);
    if (res && clean) {
        zk_shape *c = zk_clean(res);
        zk_unref(res);
        res = c;
    }
    if (!res)
        cq_raise_kernel_error("cut");
done:
    if (tools)
        for (size_t i = 0; i < n; i++)
            zk_unref(tools[i]);
    free(tools);
    zk_unref(cleaned);
    zk_unref(tool);
    Py_XDECREF(locs);
    Py_XDECREF(base);
    if (!res)
        return NULL;
    return cq_wpf_new_with(self, res, "hole");
}

/* depth None -> largestDimension(). Returns 0, or -1 with an exception. */
static int resolve_depth(CQWorkplane *self, PyObject *depth_obj, double *depth)
{
    if (depth_obj == NULL || depth_obj == Py_None) {
        *depth = cq_wpf_largest_dimension(self);
        return *depth < 0 ? -1 : 0;
    }
    *depth = PyFloat_AsDouble(depth_obj);
    return (*depth == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

PyObject *cq_wpf_hole(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"diameter", "depth", "clean", NULL};
    double d, depth;
    PyObject *depth_obj = Py_None;
    int clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|Op:hole", kwlist, &d, &depth_obj, &clean))
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    if (resolve_depth(wp, depth_obj, &depth) < 0)
        return NULL;
    return cut_each(wp, bore(d / 2.0, depth), clean);
}

PyObject *cq_wpf_cbore_hole(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"diameter", "cboreDiameter", "cboreDepth", "depth", "clean", NULL};
    double d, cd, cdepth, depth;
    PyObject *depth_obj = Py_None;
    int clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddd|Op:cboreHole", kwlist, &d, &cd, &cdepth,
                                     &depth_obj, &clean))
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    if (resolve_depth(wp, depth_obj, &depth) < 0)
        return NULL;
    zk_shape *h = bore(d / 2.0, depth);
    zk_shape *c = bore(cd / 2.0, cdepth);
    zk_shape *tool = (h && c) ? zk_fuse(h, &c, 1, 0, 0.0) : NULL;
    zk_unref(h);
    zk_unref(c);
    return cut_each(wp, tool, clean);
}

PyObject *cq_wpf_csk_hole(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"diameter", "cskDiameter", "cskAngle", "depth", "clean", NULL};
    double d, cd, angle, depth;
    PyObject *depth_obj = Py_None;
    int clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddd|Op:cskHole", kwlist, &d, &cd, &angle,
                                     &depth_obj, &clean))
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    if (resolve_depth(wp, depth_obj, &depth) < 0)
        return NULL;
    double r = cd / 2.0;
    double h = r / tan(angle / 2.0 * PI / 180.0);
    zk_ax2 f = {{0, 0, 0}, {0, 0, -1}, {0, 0, 0}};
    zk_shape *hole = bore(d / 2.0, depth);
    zk_shape *cone = zk_cone(&f, r, 0.0, h, 2 * PI);
    zk_shape *tool = (hole && cone) ? zk_fuse(hole, &cone, 1, 0, 0.0) : NULL;
    zk_unref(hole);
    zk_unref(cone);
    return cut_each(wp, tool, clean);
}

/* cutEach(fcn, useLocalCoords=False, clean=True): the results of eachpoint(fcn, useLocalCoords)
 * cut from the context solid. */
PyObject *cq_wpf_cut_each(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"fcn", "useLocalCoords", "clean", NULL};
    PyObject *fcn, *local = Py_False;
    int clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|Op:cutEach", kwlist, &fcn, &local, &clean))
        return NULL;
    CQWorkplane *wp = (CQWorkplane *)self;
    PyObject *base = cq_wp_find_solid(wp, 1, 1, 1);
    if (!base)
        return NULL;
    PyObject *each = PyObject_CallMethod(self, "eachpoint", "OO", fcn, local);
    PyObject *vals = each ? cq_wpf_vals_of(each, "vals") : NULL;
    Py_XDECREF(each);
    zk_shape **tools = NULL;
    size_t n = 0;
    zk_shape *res = NULL;
    if (vals && cq_wpf_shapes_of(vals, &tools, &n) == 0) {
        res = cq_wpf_cut(cq_shape_get(base), tools, n, 0.0);
        free(tools);
        if (res && clean) {
            zk_shape *c = zk_clean(res);
            zk_unref(res);
            res = c;
        }
        if (!res)
            cq_raise_kernel_error("cutEach");
    }
    Py_XDECREF(vals);
    Py_DECREF(base);
    return res ? cq_wpf_new_with(wp, res, "cutEach") : NULL;
}
