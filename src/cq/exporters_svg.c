/* exporters_svg.c: SVG line drawings of shapes, with CadQuery's getSVG semantics: the shape seen
 * along projectionDir through OCCT's hidden-line removal (kernel zk_hlr), visible edges solid and
 * hidden ones dashed, scaled to fit width x height (or fitted to one of them when the other is
 * None), an axes indicator for the default view. Options (a dict): width 800, height 240,
 * marginLeft 200, marginTop 20, projectionDir (-1.75, 1.1, 5), up None, showAxes True,
 * strokeWidth -1 (1/scale), strokeColor (0,0,0), hiddenColor (160,160,160), showHidden True,
 * focus None (a distance: perspective). Gives cadquery.occ_impl.exporters.svg.getSVG/exportSVG,
 * Workplane.toSvg/exportSvg and export(..., "SVG"). */
#include "cq_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SVG_DEFLECTION 1e-3

typedef struct {
    double width, height;          /* <= 0: None (fit) */
    double margin_left, margin_top;
    zk_vec dir;
    zk_vec up;
    int has_up;
    int show_axes, show_hidden, default_view;
    double stroke_width;
    long stroke[3], hidden[3];
    double focus;                  /* 0: orthographic */
} svg_opts;

typedef struct {
    char *s;
    size_t len, cap;
} strbuf;

static int sb_add(strbuf *b, const char *text)
{
    size_t n = strlen(text);
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *s = PyMem_Realloc(b->s, cap);
        if (!s) {
            PyErr_NoMemory();
            return -1;
        }
        b->s = s;
        b->cap = cap;
    }
    memcpy(b->s + b->len, text, n + 1);
    b->len += n;
    return 0;
}

/* x as Python's str(float) writes it. */
static int sb_num(strbuf *b, double x)
{
    char *t = PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
    if (!t) {
        PyErr_NoMemory();
        return -1;
    }
    int rc = sb_add(b, t);
    PyMem_Free(t);
    return rc;
}

/* x as Python's str(float) writes it, into buf (at least 32 bytes). */
static const char *num_text(double x, char *buf, size_t n)
{
    char *t = PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
    snprintf(buf, n, "%s", t ? t : "nan");
    PyMem_Free(t);
    return buf;
}

/* printf-style append (the formatted text must fit 1024 bytes). */
static int sb_addf(strbuf *b, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return sb_add(b, text);
}

/* ------------------------------------------------------------------ options */

static int opt_double(PyObject *d, const char *key, double *out, int none_ok)
{
    PyObject *v = PyDict_GetItemString(d, key);
    if (!v)
        return 0;
    if (v == Py_None && none_ok) {
        *out = -1;
        return 0;
    }
    double x = PyFloat_AsDouble(v);
    if (x == -1 && PyErr_Occurred())
        return -1;
    *out = x;
    return 0;
}

static int opt_bool(PyObject *d, const char *key, int *out)
{
    PyObject *v = PyDict_GetItemString(d, key);
    if (!v)
        return 0;
    int t = PyObject_IsTrue(v);
    if (t < 0)
        return -1;
    *out = t;
    return 0;
}

static int opt_color(PyObject *d, const char *key, long rgb[3])
{
    PyObject *v = PyDict_GetItemString(d, key);
    if (!v)
        return 0;
    PyObject *seq = PySequence_Fast(v, "an SVG colour is a sequence of 3 numbers (0-255)");
    if (!seq)
        return -1;
    int rc = PySequence_Fast_GET_SIZE(seq) == 3 ? 0 : -1;
    for (int i = 0; rc == 0 && i < 3; i++) {
        rgb[i] = PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, i));
        if (rgb[i] == -1 && PyErr_Occurred())
            rc = -1;
    }
    if (rc < 0 && !PyErr_Occurred())
        PyErr_SetString(PyExc_ValueError, "an SVG colour is a sequence of 3 numbers (0-255)");
    Py_DECREF(seq);
    return rc;
}

static int parse_opts(PyObject *d, svg_opts *o)
{
    *o = (svg_opts){800, 240, 200, 20, {-1.75, 1.1, 5}, {0, 0, 0}, 0, 1, 1, 1, -1.0, {0, 0, 0},
                    {160, 160, 160}, 0};
    if (!d || d == Py_None)
        return 0;
    if (!PyDict_Check(d)) {
        PyErr_SetString(PyExc_TypeError, "SVG options must be a dict");
        return -1;
    }
    PyObject *v;
    if (opt_double(d, "width", &o->width, 1) < 0 || opt_double(d, "height", &o->height, 1) < 0 ||
        opt_double(d, "marginLeft", &o->margin_left, 0) < 0 ||
        opt_double(d, "marginTop", &o->margin_top, 0) < 0 ||
        opt_double(d, "strokeWidth", &o->stroke_width, 0) < 0 || opt_bool(d, "showAxes", &o->show_axes) < 0 ||
        opt_bool(d, "showHidden", &o->show_hidden) < 0 || opt_color(d, "strokeColor", o->stroke) < 0 ||
        opt_color(d, "hiddenColor", o->hidden) < 0)
        return -1;
    if ((v = PyDict_GetItemString(d, "projectionDir")) && cq_vector_from_obj(v, &o->dir) < 0)
        return -1;
    if ((v = PyDict_GetItemString(d, "up")) && v != Py_None) {
        if (cq_vector_from_obj(v, &o->up) < 0)
            return -1;
        o->has_up = 1;
    }
    if ((v = PyDict_GetItemString(d, "focus")) && v != Py_None && PyObject_IsTrue(v) == 1) {
        o->focus = PyFloat_AsDouble(v);
        if (o->focus == -1 && PyErr_Occurred())
            return -1;
    }
    o->default_view = o->dir.x == -1.75 && o->dir.y == 1.1 && o->dir.z == 5 && !o->has_up;
    if (o->width < 0 && o->height < 0) {
        PyErr_SetString(PyExc_ValueError, "SVG options: width and height cannot both be None");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ drawing */

/* The view directions: normal and, with `up`, the view's X axis (up x normal). */
static int view_frame(const svg_opts *o, zk_vec *n, zk_vec *x)
{
    double ln = sqrt(o->dir.x * o->dir.x + o->dir.y * o->dir.y + o->dir.z * o->dir.z);
    if (ln == 0) {
        PyErr_SetString(PyExc_ValueError, "dir must be nonzero");
        return -1;
    }
    *n = (zk_vec){o->dir.x / ln, o->dir.y / ln, o->dir.z / ln};
    if (!o->has_up)
        return 0;
    double lu = sqrt(o->up.x * o->up.x + o->up.y * o->up.y + o->up.z * o->up.z);
    if (lu == 0) {
        PyErr_SetString(PyExc_ValueError, "up must be nonzero");
        return -1;
    }
    zk_vec u = {o->up.x / lu, o->up.y / lu, o->up.z / lu};
    zk_vec c = {u.y * n->z - u.z * n->y, u.z * n->x - u.x * n->z, u.x * n->y - u.y * n->x};
    double lc = sqrt(c.x * c.x + c.y * c.y + c.z * c.z);
    if (lc < 1e-6) {
        PyErr_SetString(PyExc_ValueError, "up must not be parallel to dir");
        return -1;
    }
    *x = (zk_vec){c.x / lc, c.y / lc, c.z / lc};
    return 1;
}

/* Appends one <path> per edge of `edges` to b (when b is not NULL) and grows the 2D box. */
static int add_paths(strbuf *b, const zk_shape *edges, double box[4])
{
    zk_shape **list = NULL;
    size_t n = 0;
    if (zk_explore(edges, ZK_EDGE, &list, &n) < 0)
        return cq_raise_kernel_error("SVG export"), -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        double *p = NULL;
        size_t np = 0;
        if (zk_edge_discretize(list[i], SVG_DEFLECTION, &p, &np) < 0) {
            cq_raise_kernel_error("SVG export");
            rc = -1;
            break;
        }
        if (np > 0 && b)
            rc = sb_add(b, "\t\t\t<path d=\"");
        for (size_t k = 0; rc == 0 && k < np; k++) {
            double x = p[3 * k], y = p[3 * k + 1];
            box[0] = fmin(box[0], x);
            box[1] = fmin(box[1], y);
            box[2] = fmax(box[2], x);
            box[3] = fmax(box[3], y);
            if (!b)
                continue;
            rc = sb_add(b, k ? "L" : "M");
            if (rc == 0)
                rc = sb_num(b, x);
            if (rc == 0)
                rc = sb_add(b, ",");
            if (rc == 0)
                rc = sb_num(b, y);
            if (rc == 0)
                rc = sb_add(b, " ");
        }
        if (rc == 0 && np > 0 && b)
            rc = sb_add(b, "\" />\n");
        free(p);
    }
    zk_free_list(list, n);
    return rc;
}

/* The axes indicator of the default view, in the lower left corner. */
static int add_axes(strbuf *b, double height)
{
    if (sb_add(b, "    <g transform=\"translate(20,") < 0 || sb_num(b, height - 30) < 0 ||
        sb_add(b, ")\" stroke=\"rgb(0,0,255)\">\n") < 0)
        return -1;
    static const char *const axes[][2] = {
        {"x1=\"30\" y1=\"-30\" x2=\"75\" y2=\"-33\"", "x=\"80\" y=\"-30\">X"},
        {"x1=\"30\" y1=\"-30\" x2=\"30\" y2=\"-75\"", "x=\"25\" y=\"-85\">Y"},
        {"x1=\"30\" y1=\"-30\" x2=\"58\" y2=\"-15\"", "x=\"65\" y=\"-5\">Z"},
    };
    for (int i = 0; i < 3; i++) {
        char t[256];
        snprintf(t, sizeof t,
                 "        <line %s stroke-width=\"3\" stroke=\"#000000\" />\n"
                 "        <text %s </text>\n",
                 axes[i][0], axes[i][1]);
        if (sb_add(b, t) < 0)
            return -1;
    }
    return sb_add(b, "    </g>\n");
}

/* The document: a group scaled (y up) and translated to the drawing's top left, holding the hidden
 * paths (dashed) and the visible ones, then the axes indicator of the default view. */
static int write_document(strbuf *doc, const svg_opts *o, double width, double height, double scale, double tx,
                          double ty, double sw, const char *hidden, const char *visible)
{
    char w[32], h[32], sc[32], x[32], y[32], s[32], hid[32], vis[32];
    num_text(width, w, sizeof w);
    num_text(height, h, sizeof h);
    num_text(scale, sc, sizeof sc);
    num_text(tx, x, sizeof x);
    num_text(ty, y, sizeof y);
    num_text(sw, s, sizeof s);
    snprintf(hid, sizeof hid, "rgb(%ld,%ld,%ld)", o->hidden[0], o->hidden[1], o->hidden[2]);
    snprintf(vis, sizeof vis, "rgb(%ld,%ld,%ld)", o->stroke[0], o->stroke[1], o->stroke[2]);
    if (sb_add(doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n") < 0 ||
        sb_addf(doc, "<svg xmlns:svg=\"http://www.w3.org/2000/svg\" xmlns=\"http://www.w3.org/2000/svg\" "
                     "width=\"%s\" height=\"%s\">\n", w, h) < 0 ||
        sb_addf(doc, "    <g transform=\"scale(%s, -%s) translate(%s,%s)\" stroke-width=\"%s\" fill=\"none\">\n",
                sc, sc, x, y, s) < 0 ||
        sb_addf(doc, "        <g stroke=\"%s\" fill=\"none\" stroke-dasharray=\"%s,%s\">\n", hid, s, s) < 0 ||
        sb_add(doc, hidden) < 0 || sb_add(doc, "        </g>\n") < 0 ||
        sb_addf(doc, "        <g stroke=\"%s\" fill=\"none\">\n", vis) < 0 || sb_add(doc, visible) < 0 ||
        sb_add(doc, "        </g>\n    </g>\n") < 0)
        return -1;
    if (o->show_axes && o->default_view && add_axes(doc, height) < 0)
        return -1;
    return sb_add(doc, "</svg>\n");
}

/* The SVG document of a shape. New reference to a str. */
PyObject *cq_svg_text(PyObject *shape_obj, PyObject *opts)
{
    svg_opts o;
    zk_vec n, x;
    if (parse_opts(opts, &o) < 0)
        return NULL;
    zk_shape *s = cq_shape_get(shape_obj);
    if (!s)
        return NULL;
    int has_x = view_frame(&o, &n, &x);
    if (has_x < 0)
        return NULL;
    zk_shape *vis = NULL, *hid = NULL;
    if (zk_hlr(s, n, has_x ? &x : NULL, o.focus, &vis, &hid) < 0)
        return cq_raise_kernel_error("SVG export");
    strbuf hidden = {0}, visible = {0}, doc = {0};
    double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    int rc = add_paths(&visible, vis, box);
    if (rc == 0)
        rc = add_paths(o.show_hidden ? &hidden : NULL, hid, box);
    zk_unref(vis);
    zk_unref(hid);
    if (rc == 0 && (!hidden.s && sb_add(&hidden, "") < 0))
        rc = -1;
    if (rc == 0 && (!visible.s && sb_add(&visible, "") < 0))
        rc = -1;
    if (!(box[0] <= box[2])) {   /* nothing drawn */
        box[0] = box[1] = 0;
        box[2] = box[3] = 1;
    }
    double xlen = fmax(box[2] - box[0], 1e-9), ylen = fmax(box[3] - box[1], 1e-9);
    double width = o.width, height = o.height, scale;
    if (width < 0 || height < 0) {
        if (width < 0)
            width = (height - 2 * o.margin_top) * (xlen / ylen) + 2 * o.margin_left;
        else
            height = (width - 2 * o.margin_left) * (ylen / xlen) + 2 * o.margin_top;
        scale = (width - 2 * o.margin_left) / xlen;
    } else {
        scale = fmin(width / xlen * 0.75, height / ylen * 0.75);
    }
    if (rc == 0)
        rc = write_document(&doc, &o, width, height, scale, -box[0] + o.margin_left / scale,
                            -box[3] - o.margin_top / scale, o.stroke_width == -1.0 ? 1.0 / scale : o.stroke_width,
                            hidden.s, visible.s);
    PyObject *out = rc == 0 ? PyUnicode_FromStringAndSize(doc.s, (Py_ssize_t)doc.len) : NULL;
    PyMem_Free(hidden.s);
    PyMem_Free(visible.s);
    PyMem_Free(doc.s);
    return out;
}

/* Writes text to path. Returns 0 or -1 with an OSError naming the file. */
int cq_write_text_file(PyObject *path, PyObject *text)
{
    PyObject *io = PyImport_ImportModule("io");
    PyObject *f = io ? PyObject_CallMethod(io, "open", "Os", path, "w") : NULL;
    Py_XDECREF(io);
    if (!f)
        return -1;
    PyObject *r = PyObject_CallMethod(f, "write", "(O)", text);
    PyObject *c = PyObject_CallMethod(f, "close", NULL);
    Py_DECREF(f);
    int rc = r && c ? 0 : -1;
    Py_XDECREF(r);
    Py_XDECREF(c);
    return rc;
}

/* The shape a Workplane draws (its first item, as CadQuery's exportSVG takes w.val()). */
static PyObject *first_shape(PyObject *w)
{
    if (cq_shape_check(w)) {
        Py_INCREF(w);
        return w;
    }
    PyObject *v = PyObject_CallMethod(w, "val", NULL);
    if (v && !cq_shape_check(v)) {
        PyErr_SetString(PyExc_ValueError, "SVG export needs a Shape on the stack");
        Py_CLEAR(v);
    }
    return v;
}

/* getSVG(shape, opts=None) */
static PyObject *get_svg(PyObject *mod, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"shape", "opts", NULL};
    PyObject *shape, *opts = Py_None;
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:getSVG", kwlist, &shape, &opts))
        return NULL;
    if (!cq_shape_check(shape)) {
        PyErr_Format(PyExc_TypeError, "getSVG expects a Shape, got %.100s", Py_TYPE(shape)->tp_name);
        return NULL;
    }
    return cq_svg_text(shape, opts);
}

static PyObject *write_svg(PyObject *w, PyObject *path, PyObject *opts)
{
    PyObject *s = first_shape(w);
    PyObject *text = s ? cq_svg_text(s, opts) : NULL;
    Py_XDECREF(s);
    int rc = text ? cq_write_text_file(path, text) : -1;
    Py_XDECREF(text);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* exportSVG(shape, fileName, opts=None): shape is a Workplane (its val()) or a Shape. */
static PyObject *export_svg(PyObject *mod, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"shape", "fileName", "opts", NULL};
    PyObject *w, *path, *opts = Py_None;
    (void)mod;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|O:exportSVG", kwlist, &w, &path, &opts))
        return NULL;
    return write_svg(w, path, opts);
}

PyMethodDef cq_svg_functions[] = {
    {"getSVG", (PyCFunction)(void (*)(void))get_svg, METH_VARARGS | METH_KEYWORDS,
     "getSVG(shape, opts=None): the SVG drawing of a shape"},
    {"exportSVG", (PyCFunction)(void (*)(void))export_svg, METH_VARARGS | METH_KEYWORDS,
     "exportSVG(shape, fileName, opts=None): writes the SVG drawing of shape.val()"},
    {NULL, NULL, 0, NULL}};

/* Workplane.toSvg(opts=None) */
static PyObject *wp_to_svg(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"opts", NULL};
    PyObject *opts = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:toSvg", kwlist, &opts))
        return NULL;
    PyObject *s = first_shape(self);
    PyObject *text = s ? cq_svg_text(s, opts) : NULL;
    Py_XDECREF(s);
    return text;
}

/* Workplane.exportSvg(fileName) */
static PyObject *wp_export_svg(PyObject *self, PyObject *path)
{
    return write_svg(self, path, Py_None);
}

PyMethodDef cq_wp_svg_methods[] = {
    {"toSvg", (PyCFunction)(void (*)(void))wp_to_svg, METH_VARARGS | METH_KEYWORDS,
     "toSvg(opts=None): the SVG drawing of the first stack item"},
    {"exportSvg", wp_export_svg, METH_O, "exportSvg(fileName): writes toSvg() to a file"},
    {NULL, NULL, 0, NULL}};
