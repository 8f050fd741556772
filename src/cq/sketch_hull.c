/* sketch_hull.c: Sketch.hull(): the convex hull of planar line segments and circular arcs
 * (CadQuery's hull.py result: a wire of tangent segments and arcs). Written here as a
 * support-function sweep: the entity with the largest support h(theta) is found on a fine
 * angular grid, then every change of entity is solved exactly as the common outer tangent.
 * Edges of other curve types contribute sampled points. */
#include "sketch_internal.h"

#include <math.h>

#define HULL_SAMPLES 7200
#define TWO_PI (2.0 * M_PI)

typedef struct {
    double cx, cy, r;     /* a point when r == 0 */
    double a0, span;      /* arc: start angle and ccw span (TWO_PI: full circle) */
} hull_ent;

typedef struct {
    hull_ent *v;
    size_t n, cap;
} ent_list;

static int add_ent(ent_list *l, hull_ent e)
{
    if (e.r == 0)
        for (size_t i = 0; i < l->n; i++)
            if (l->v[i].r == 0 && hypot(l->v[i].cx - e.cx, l->v[i].cy - e.cy) < 1e-9)
                return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        hull_ent *v = PyMem_Realloc(l->v, cap * sizeof *v);
        if (!v) {
            PyErr_NoMemory();
            return -1;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = e;
    return 0;
}

static int add_point(ent_list *l, zk_vec p)
{
    hull_ent e = {p.x, p.y, 0, 0, 0};
    return add_ent(l, e);
}

static double norm_angle(double a)
{
    a = fmod(a, TWO_PI);
    return a < 0 ? a + TWO_PI : a;
}

/* The hull entities of one edge: end points, plus the arc for circles. */
static int edge_entities(ent_list *l, zk_shape *e)
{
    const char *t = zk_geom_type(e);
    if (strcmp(t, "LINE") == 0)
        return add_point(l, zk_curve_start(e)) < 0 ? -1 : add_point(l, zk_curve_end(e));
    if (strcmp(t, "CIRCLE") == 0) {
        zk_vec c = zk_curve_arc_center(e), s = zk_curve_start(e), m = zk_curve_position_at(e, 0.5, 0),
               f = zk_curve_end(e);
        hull_ent a = {c.x, c.y, zk_curve_radius(e), 0, TWO_PI};
        if (!zk_curve_is_closed(e)) {
            double as = atan2(s.y - c.y, s.x - c.x), am = atan2(m.y - c.y, m.x - c.x),
                   af = atan2(f.y - c.y, f.x - c.x);
            double span = norm_angle(af - as);
            if (norm_angle(am - as) > span) {      /* runs clockwise: take it from the end */
                a.a0 = norm_angle(af);
                a.span = norm_angle(as - af);
            } else {
                a.a0 = norm_angle(as);
                a.span = span;
            }
            if (add_point(l, s) < 0 || add_point(l, f) < 0)
                return -1;
        }
        return add_ent(l, a);
    }
    for (int k = 0; k <= 64; k++)
        if (add_point(l, zk_curve_position_at(e, k / 64.0, 0)) < 0)
            return -1;
    return 0;
}

static double support(const hull_ent *e, double th)
{
    if (e->r > 0 && e->span < TWO_PI && norm_angle(th - e->a0) > e->span + 1e-12)
        return -INFINITY;
    return e->cx * cos(th) + e->cy * sin(th) + e->r;
}

static size_t best_at(const ent_list *l, double th)
{
    size_t best = 0;
    double bv = -INFINITY;
    for (size_t i = 0; i < l->n; i++) {
        double v = support(&l->v[i], th);
        if (v > bv + 1e-12) {
            bv = v;
            best = i;
        }
    }
    return best;
}

/* Direction of the common outer tangent of a and b nearest `guess`. */
static double tangent_angle(const hull_ent *a, const hull_ent *b, double guess)
{
    double dx = b->cx - a->cx, dy = b->cy - a->cy, L = hypot(dx, dy);
    if (L < 1e-12)
        return guess;
    double c = (a->r - b->r) / L;
    c = c > 1 ? 1 : c < -1 ? -1 : c;
    double phi = atan2(dy, dx), w = acos(c);
    double t1 = norm_angle(phi + w), t2 = norm_angle(phi - w);
    double d1 = fabs(remainder(t1 - guess, TWO_PI)), d2 = fabs(remainder(t2 - guess, TWO_PI));
    return d1 <= d2 ? t1 : t2;
}

static zk_vec at(const hull_ent *e, double th)
{
    zk_vec p = {e->cx + e->r * cos(th), e->cy + e->r * sin(th), 0};
    return p;
}

static int push_edge(zk_shape ***edges, size_t *n, size_t *cap, zk_shape *e)
{
    if (!e) {
        cq_raise_kernel_error("Sketch.hull");
        return -1;
    }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        zk_shape **v = PyMem_Realloc(*edges, *cap * sizeof *v);
        if (!v) {
            zk_unref(e);
            PyErr_NoMemory();
            return -1;
        }
        *edges = v;
    }
    (*edges)[(*n)++] = e;
    return 0;
}

/* The hull wire of the entities (new kernel wire) or NULL with an exception. */
static zk_shape *hull_wire(const ent_list *l)
{
    size_t *seq = PyMem_Malloc(HULL_SAMPLES * sizeof *seq);
    double *seq_th = PyMem_Malloc(HULL_SAMPLES * sizeof *seq_th);
    zk_shape **edges = NULL, *wire = NULL;
    size_t ns = 0, ne = 0, cap = 0;
    if (!seq || !seq_th) {
        PyErr_NoMemory();
        goto done;
    }
    for (int k = 0; k < HULL_SAMPLES; k++) {
        double th = (k + 0.5) * TWO_PI / HULL_SAMPLES;
        size_t b = best_at(l, th);
        if (ns == 0 || seq[ns - 1] != b) {
            seq[ns] = b;
            seq_th[ns] = th;       /* first sample where b is the support */
            ns++;
        }
    }
    while (ns > 1 && seq[ns - 1] == seq[0]) {
        seq_th[0] = seq_th[ns - 1];   /* the wrapped run really starts here */
        ns--;
    }
    if (ns == 1) {
        const hull_ent *e = &l->v[seq[0]];
        if (e->r > 0 && e->span >= TWO_PI) {
            zk_ax2 f = {{e->cx, e->cy, 0}, {0, 0, 1}, {0, 0, 0}};
            zk_shape *c = zk_edge_circle(&f, e->r);
            if (push_edge(&edges, &ne, &cap, c) < 0)
                goto done;
        } else {
            PyErr_SetString(PyExc_ValueError, "The hull of a single point is empty");
            goto done;
        }
    } else {
        /* tangent angle between seq[i] and seq[i+1] */
        double *tan_th = PyMem_Malloc(ns * sizeof *tan_th);
        if (!tan_th) {
            PyErr_NoMemory();
            goto done;
        }
        for (size_t i = 0; i < ns; i++) {
            size_t j = (i + 1) % ns;
            tan_th[i] = tangent_angle(&l->v[seq[i]], &l->v[seq[j]], seq_th[j]);
        }
        int rc = 0;
        for (size_t i = 0; rc == 0 && i < ns; i++) {
            const hull_ent *e = &l->v[seq[i]], *nx = &l->v[seq[(i + 1) % ns]];
            double t_in = tan_th[(i + ns - 1) % ns], t_out = tan_th[i];
            double span = norm_angle(t_out - t_in);
            if (e->r > 0 && span > 1e-9 && span < TWO_PI - 1e-9)
                rc = push_edge(&edges, &ne, &cap,
                               zk_edge_arc3(at(e, t_in), at(e, t_in + span / 2), at(e, t_out)));
            zk_vec a = at(e, t_out), b = at(nx, t_out);
            if (rc == 0 && hypot(b.x - a.x, b.y - a.y) > 1e-9)
                rc = push_edge(&edges, &ne, &cap, zk_edge_line(a, b));
        }
        PyMem_Free(tan_th);
        if (rc < 0)
            goto done;
    }
    wire = zk_wire_from_edges(edges, ne);
    if (!wire)
        cq_raise_kernel_error("Sketch.hull");
done:
    for (size_t i = 0; i < ne; i++)
        zk_unref(edges[i]);
    PyMem_Free(edges);
    PyMem_Free(seq);
    PyMem_Free(seq_th);
    return wire;
}

static int collect(ent_list *l, PyObject *item)
{
    if (!cq_shape_check(item) || !((CQShape *)item)->s)
        return 0;
    zk_shape **edges = NULL;
    size_t n = 0;
    if (zk_explore(((CQShape *)item)->s, ZK_EDGE, &edges, &n) < 0) {
        cq_raise_kernel_error("Sketch.hull");
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = edge_entities(l, edges[i]);
    zk_free_list(edges, n);
    return rc;
}

static PyObject *hull_method(CQSketch *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"mode", "tag", NULL};
    PyObject *mode = sk_str_a, *tag = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OO:hull", kwlist, &mode, &tag))
        return NULL;
    ent_list l = {NULL, 0, 0};
    int rc = 0, has_sel = PyList_GET_SIZE(self->selection) > 0;
    zk_shape *faces = cq_shape_get(self->faces);
    if (!faces)
        return NULL;
    zk_shape **kids = NULL;
    size_t nk = 0;
    int have_faces = zk_shape_type(faces) != ZK_COMPOUND || (zk_children(faces, &kids, &nk) == 0 && nk > 0);
    zk_free_list(kids, nk);
    if (has_sel) {
        for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(self->selection); i++) {
            PyObject *el = PyList_GET_ITEM(self->selection, i);
            if (cq_shape_check(el) && zk_shape_type(((CQShape *)el)->s) == ZK_EDGE)
                rc = collect(&l, el);
        }
    } else if (have_faces) {
        rc = collect(&l, self->faces);
    } else if (PyList_GET_SIZE(self->edges) || PyList_GET_SIZE(self->wires)) {
        for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(self->edges); i++)
            rc = collect(&l, PyList_GET_ITEM(self->edges, i));
        for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(self->wires); i++)
            rc = collect(&l, PyList_GET_ITEM(self->wires, i));
    } else {
        PyErr_SetString(PyExc_ValueError, "No objects available for hull construction");
        rc = -1;
    }
    if (rc == 0 && l.n == 0) {
        PyErr_SetString(PyExc_ValueError, "No objects available for hull construction");
        rc = -1;
    }
    zk_shape *w = rc == 0 ? hull_wire(&l) : NULL;
    PyMem_Free(l.v);
    if (!w)
        return NULL;
    PyObject *wo = cq_shape_wrap(w);
    if (!wo)
        return NULL;
    rc = sk_face(self, wo, 0, mode, tag, has_sel);
    Py_DECREF(wo);
    if (rc < 0)
        return NULL;
    Py_INCREF(self);
    return (PyObject *)self;
}

#define KW (PyCFunction)(void (*)(void))
PyMethodDef cq_sketch_hull_methods[] = {
    {"hull", KW hull_method, METH_VARARGS | METH_KEYWORDS,
     "hull(mode='a', tag=None): convex hull of the selected edges (or of all faces/edges)"},
    {NULL, NULL, 0, NULL}};

/* cadquery.hull.find_hull(edges): the hull wire of planar lines and circular arcs (CadQuery's
 * hull module accepts no other curve type: ValueError). */
static PyObject *find_hull(PyObject *module, PyObject *edges)
{
    (void)module;
    PyObject *seq = PySequence_Fast(edges, "find_hull() expects a sequence of Edges");
    if (!seq)
        return NULL;
    ent_list l = {NULL, 0, 0};
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PySequence_Fast_GET_SIZE(seq); i++) {
        PyObject *e = PySequence_Fast_GET_ITEM(seq, i);
        zk_shape *s = cq_shape_check(e) ? ((CQShape *)e)->s : NULL;
        const char *t = s && zk_shape_type(s) == ZK_EDGE ? zk_geom_type(s) : NULL;
        if (!t || (strcmp(t, "LINE") != 0 && strcmp(t, "CIRCLE") != 0)) {
            PyErr_Format(PyExc_ValueError, "find_hull: item %zd is not a line or circular arc edge", i);
            rc = -1;
        } else {
            rc = edge_entities(&l, s);
        }
    }
    Py_DECREF(seq);
    if (rc == 0 && l.n == 0) {
        PyErr_SetString(PyExc_ValueError, "find_hull: no edges given");
        rc = -1;
    }
    zk_shape *w = rc == 0 ? hull_wire(&l) : NULL;
    PyMem_Free(l.v);
    return w ? cq_shape_wrap(w) : NULL;
}

PyMethodDef cq_hull_functions[] = {
    {"find_hull", find_hull, METH_O, "find_hull(edges): the convex hull Wire of lines and circular arcs"},
    {NULL, NULL, 0, NULL}};
