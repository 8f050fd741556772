/* workplane_primitives.c: Workplane.box/sphere/cylinder/wedge (one solid per stack point,
 * built in local coordinates and moved to each eachpoint location, then combined with the
 * base solid as CadQuery 2.4 does) and Workplane.text (one text on the workplane). */
#include "cq_internal.h"

#include <math.h>
#include <string.h>

static const double DEG = 3.14159265358979323846 / 180.0;

/* centered: a bool for all axes or a sequence of three truth values. */
static int parse_centered(PyObject *o, int c[3])
{
    if (o == NULL || PyBool_Check(o) || !PySequence_Check(o) || PyUnicode_Check(o)) {
        int t = o ? PyObject_IsTrue(o) : 1;
        if (t < 0)
            return -1;
        c[0] = c[1] = c[2] = t;
        return 0;
    }
    for (int i = 0; i < 3; i++) {
        PyObject *it = PySequence_GetItem(o, i);
        if (!it)
            return -1;
        int t = PyObject_IsTrue(it);
        Py_DECREF(it);
        if (t < 0)
            return -1;
        c[i] = t;
    }
    return 0;
}

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

/* eachpoint(lambda loc: s.moved(loc), True, combine, clean); steals s. */
static PyObject *place_at_points(CQWorkplane *self, zk_shape *s, PyObject *combine, int clean,
                                 const char *context)
{
    if (!s)
        return cq_raise_kernel_error(context);
    PyObject *locs = cq_wp_stack_locations(self);
    if (!locs) {
        zk_unref(s);
        return NULL;
    }
    Py_ssize_t n = PyList_Size(locs);
    PyObject *shapes = PyList_New(0);
    if (!shapes)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *loc = PyList_GET_ITEM(locs, i);
        if (!cq_wpf_is(loc, &CQLocationType)) {
            PyErr_SetString(PyExc_TypeError, "stack location is not a Location");
            goto fail;
        }
        PyObject *w = cq_shape_wrap(moved_fresh(s, &((CQLocation *)loc)->t));
        if (!w)
            goto fail;
        int rc = PyList_Append(shapes, w);
        Py_DECREF(w);
        if (rc < 0)
            goto fail;
    }
    zk_unref(s);
    Py_DECREF(locs);
    PyObject *r = cq_wpf_combine_list(self, shapes, combine, clean);
    Py_DECREF(shapes);
    return r;
fail:
    zk_unref(s);
    Py_DECREF(locs);
    Py_XDECREF(shapes);
    return NULL;
}

static zk_ax2 frame_at(zk_vec p, zk_vec dir)
{
    zk_ax2 f;
    f.p = p;
    f.dir = dir;
    f.xdir = (zk_vec){0, 0, 0};
    return f;
}

PyObject *cq_wpf_box(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"length", "width", "height", "centered", "combine", "clean", NULL};
    double l, w, h;
    PyObject *centered = Py_True, *combine = Py_True;
    int clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddd|OOp:box", kwlist, &l, &w, &h, &centered,
                                     &combine, &clean))
        return NULL;
    int c[3];
    if (parse_centered(centered, c) < 0)
        return NULL;
    zk_vec off = {c[0] ? -l / 2 : 0, c[1] ? -w / 2 : 0, c[2] ? -h / 2 : 0};
    zk_ax2 f = frame_at(off, (zk_vec){0, 0, 1});
    return place_at_points((CQWorkplane *)self, zk_box(&f, l, w, h), combine, clean, "box");
}

PyObject *cq_wpf_sphere(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius", "direct", "angle1", "angle2", "angle3", "centered",
                             "combine", "clean", NULL};
    double r, a1 = -90, a2 = 90, a3 = 360;
    PyObject *direct = NULL, *centered = Py_True, *combine = Py_True;
    int clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|OdddOOp:sphere", kwlist, &r, &direct, &a1, &a2,
                                     &a3, &centered, &combine, &clean))
        return NULL;
    zk_vec dir = {0, 0, 1};
    if (direct && direct != Py_None && cq_vector_from_obj(direct, &dir) < 0)
        return NULL;
    int c[3];
    if (parse_centered(centered, c) < 0)
        return NULL;
    zk_vec off = {c[0] ? 0 : r, c[1] ? 0 : r, c[2] ? 0 : r};
    zk_ax2 f = frame_at(off, dir);
    return place_at_points((CQWorkplane *)self, zk_sphere(&f, r, a1 * DEG, a2 * DEG, a3 * DEG),
                           combine, clean, "sphere");
}

PyObject *cq_wpf_cylinder(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"height", "radius", "direct", "angle", "centered", "combine",
                             "clean", NULL};
    double h, r, angle = 360;
    PyObject *direct = NULL, *centered = Py_True, *combine = Py_True;
    int clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dd|OdOOp:cylinder", kwlist, &h, &r, &direct,
                                     &angle, &centered, &combine, &clean))
        return NULL;
    zk_vec dir = {0, 0, 1};
    if (direct && direct != Py_None && cq_vector_from_obj(direct, &dir) < 0)
        return NULL;
    int c[3];
    if (parse_centered(centered, c) < 0)
        return NULL;
    /* [2.5+] (the spec's "centred along direct"): built along +Z, centred, then turned onto
     * direct by the location of Plane(origin=0, normal=direct). */
    zk_vec off = {c[0] ? 0 : r, c[1] ? 0 : r, c[2] ? -h / 2 : 0};
    zk_ax2 f = frame_at(off, (zk_vec){0, 0, 1});
    zk_shape *cyl = zk_cylinder(&f, r, h, angle * DEG);
    if (!cyl)
        return cq_raise_kernel_error("cylinder");
    if (zv_len(dir) < 1e-12) {
        zk_unref(cyl);
        PyErr_SetString(PyExc_ValueError, "Plane normal must not be zero");
        return NULL;
    }
    zk_vec z = zv_normalized(dir), x = cq_default_xdir(z);
    zk_trsf t;
    zt_frame(&t, (zk_vec){0, 0, 0}, x, zv_cross(z, x), z);
    zk_shape *turned = zk_moved(cyl, &t);
    zk_unref(cyl);
    return place_at_points((CQWorkplane *)self, turned, combine, clean, "cylinder");
}

PyObject *cq_wpf_wedge(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"dx", "dy", "dz", "xmin", "zmin", "xmax", "zmax", "pnt", "dir",
                             "centered", "combine", "clean", NULL};
    double dx, dy, dz, xmin, zmin, xmax, zmax;
    PyObject *pnt = NULL, *dirobj = NULL, *centered = Py_True, *combine = Py_True;
    int clean = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "ddddddd|OOOOp:wedge", kwlist, &dx, &dy, &dz,
                                     &xmin, &zmin, &xmax, &zmax, &pnt, &dirobj, &centered,
                                     &combine, &clean))
        return NULL;
    zk_vec dir = {0, 0, 1}, unused;
    if (pnt && pnt != Py_None && cq_vector_from_obj(pnt, &unused) < 0) /* 2.4 ignores pnt */
        return NULL;
    if (dirobj && dirobj != Py_None && cq_vector_from_obj(dirobj, &dir) < 0)
        return NULL;
    int c[3];
    if (parse_centered(centered, c) < 0)
        return NULL;
    zk_vec off = {c[0] ? -dx / 2 : 0, c[1] ? -dy / 2 : 0, c[2] ? -dz / 2 : 0};
    zk_ax2 f = frame_at(off, dir);
    return place_at_points((CQWorkplane *)self,
                           zk_wedge(&f, dx, dy, dz, xmin, zmin, xmax, zmax), combine, clean,
                           "wedge");
}

/* Makes the kernel codes from CadQuery's strings: kind is a dict lookup (KeyError), halign
 * "left"/"center"/anything else = right, valign "bottom"/"center"/anything else = top. */
static int text_kind(const char *kind)
{
    static const char *kinds[] = {"regular", "bold", "italic"};
    for (int i = 0; i < 3; i++)
        if (strcmp(kind, kinds[i]) == 0)
            return i;
    PyObject *key = PyUnicode_FromString(kind);
    if (key) {
        PyErr_SetObject(PyExc_KeyError, key);
        Py_DECREF(key);
    }
    return -1;
}

static int align_code(const char *s, const char *low)
{
    if (strcmp(s, low) == 0)
        return 0;
    return strcmp(s, "center") == 0 ? 1 : 2;
}

PyObject *cq_wpf_text(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"txt", "fontsize", "distance", "cut", "combine", "clean", "font",
                             "fontPath", "kind", "halign", "valign", NULL};
    const char *txt, *font = "Arial", *font_path = NULL;
    const char *kind = "regular", *halign = "center", *valign = "center";
    double size, distance;
    int cut = 1, clean = 1;
    PyObject *combine = Py_False;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "sdd|pOpszsss:text", kwlist, &txt, &size,
                                     &distance, &cut, &combine, &clean, &font, &font_path, &kind,
                                     &halign, &valign))
        return NULL;
    int k = text_kind(kind), ha = align_code(halign, "left"), va = align_code(valign, "bottom");
    if (k < 0)
        return NULL;
    CQPlane *pl = ((CQWorkplane *)self)->plane;
    zk_ax2 f = {pl->origin, pl->zDir, pl->xDir};
    zk_shape *s = zk_text(txt, size, distance, font, font_path, k, ha, va, &f);
    if (!s)
        return cq_raise_kernel_error("text");
    PyObject *mode = combine;
    PyObject *cutstr = NULL;
    if (cut) {
        cutstr = PyUnicode_FromString("cut");
        if (!cutstr) {
            zk_unref(s);
            return NULL;
        }
        mode = cutstr;
    }
    PyObject *r = cq_wpf_combine_shape((CQWorkplane *)self, s, mode, clean);
    Py_XDECREF(cutstr);
    return r;
}
