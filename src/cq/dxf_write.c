/* dxf_write.c: DXF output (CadQuery's exporters/dxf.py) written by our own writer: DxfDocument
 * (layers with colour and line type, shapes added as LINE / CIRCLE / ARC / ELLIPSE / SPLINE
 * entities in the workplane's local coordinates, dxfversion, $INSUNITS), exportDXF and
 * exportDXFProjection (the visible edges of OCCT's hidden-line removal). The text is DXF R2000+
 * (handles and subclass markers) that ezdxf and CAD programs read. DxfDocument.document is, as
 * in CadQuery, an ezdxf document: the text read by ezdxf when that package is installed (with
 * the metadata applied there); our own files do not carry the metadata. */
#include "cq_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <structmember.h>

typedef struct {
    PyObject_HEAD
    PyObject *dxfversion;   /* str */
    int units;              /* $INSUNITS */
    PyObject *metadata;     /* dict */
    PyObject *approx;       /* None, "spline", "arc" */
    double tolerance;
    PyObject *layers;       /* list of (name, color, linetype) */
    PyObject *entities;     /* list of str: one entity's groups after its handle */
    PyObject *doc;          /* cached ezdxf document or NULL */
} CQDxf;

static PyTypeObject CQDxfType;

/* ------------------------------------------------------------------ entities */

static void g(FILE *f, int code, const char *v)
{
    fprintf(f, "%3d\n%s\n", code, v);
}

static void gd(FILE *f, int code, double v)
{
    fprintf(f, "%3d\n%.17g\n", code, v);
}

static void gi(FILE *f, int code, long v)
{
    fprintf(f, "%3d\n%ld\n", code, v);
}

static void point(FILE *f, int code, const double p[3])
{
    gd(f, code, p[0]);
    gd(f, code + 10, p[1]);
    gd(f, code + 20, p[2]);
}

/* The groups of one entity after "0 TYPE / 5 handle" (a new str), or NULL with an exception. */
static PyObject *entity_text(const zk_dxf_entity *e, const char *layer)
{
    static const char *const NAMES[] = {"LINE", "CIRCLE", "ARC", "ELLIPSE", "SPLINE"};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return PyErr_NoMemory();
    fprintf(f, "%s\n", NAMES[e->kind]);
    g(f, 100, "AcDbEntity");
    g(f, 8, layer);
    switch (e->kind) {
    case ZK_DXF_LINE:
        g(f, 100, "AcDbLine");
        point(f, 10, e->p0);
        point(f, 11, e->p1);
        break;
    case ZK_DXF_CIRCLE:
    case ZK_DXF_ARC:
        g(f, 100, "AcDbCircle");
        point(f, 10, e->p0);
        gd(f, 40, e->radius);
        if (e->kind == ZK_DXF_ARC) {
            g(f, 100, "AcDbArc");
            gd(f, 50, e->a0);
            gd(f, 51, e->a1);
        }
        break;
    case ZK_DXF_ELLIPSE:
        g(f, 100, "AcDbEllipse");
        point(f, 10, e->p0);
        point(f, 11, e->p1);
        gd(f, 40, e->radius);
        gd(f, 41, e->a0);
        gd(f, 42, e->a1);
        break;
    default: {
        g(f, 100, "AcDbSpline");
        const double n[3] = {0, 0, 1};
        point(f, 210, n);
        gi(f, 70, 8 | (e->weights ? 4 : 0));
        gi(f, 71, e->degree);
        gi(f, 72, (long)e->nknots);
        gi(f, 73, (long)e->npoles);
        gi(f, 74, 0);
        for (size_t i = 0; i < e->nknots; i++)
            gd(f, 40, e->knots[i]);
        for (size_t i = 0; e->weights && i < e->npoles; i++)
            gd(f, 41, e->weights[i]);
        for (size_t i = 0; i < e->npoles; i++)
            point(f, 10, &e->poles[3 * i]);
    }
    }
    fclose(f);
    PyObject *s = PyUnicode_FromStringAndSize(buf, (Py_ssize_t)len);
    free(buf);
    return s;
}

/* The edges to write: the wires' edges in order, then loose edges of a compound (_ordered_edges). */
static PyObject *ordered_edges(PyObject *shape)
{
    PyObject *out = PyList_New(0);
    PyObject *wires = out ? cq_shape_explore(cq_shape_get(shape), ZK_WIRE) : NULL;
    if (!wires) {
        Py_XDECREF(out);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(wires); i++) {
        PyObject *it = PyObject_GetIter(PyList_GET_ITEM(wires, i)), *e;
        if (!it) {   /* a Wire without iteration: its edges */
            PyErr_Clear();
            it = PyObject_CallMethod(PyList_GET_ITEM(wires, i), "Edges", NULL);
            PyObject *l = it;
            it = l ? PyObject_GetIter(l) : NULL;
            Py_XDECREF(l);
        }
        while (it && (e = PyIter_Next(it))) {
            PyList_Append(out, e);
            Py_DECREF(e);
        }
        Py_XDECREF(it);
    }
    Py_DECREF(wires);
    if (PyObject_TypeCheck(shape, &CQCompoundType)) {
        PyObject *it = PyObject_GetIter(shape), *e;
        while (it && (e = PyIter_Next(it))) {
            if (PyObject_TypeCheck(e, &CQEdgeType))
                PyList_Append(out, e);
            Py_DECREF(e);
        }
        Py_XDECREF(it);
    } else if (PyObject_TypeCheck(shape, &CQEdgeType)) {
        PyList_Append(out, shape);
    }
    if (PyErr_Occurred())
        Py_CLEAR(out);
    return out;
}

/* add_shape(shape, layer=""): Workplane content in its plane's coordinates, or a Shape as is. */
static PyObject *dxf_add_shape(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"shape", "layer", NULL};
    CQDxf *d = (CQDxf *)self;
    PyObject *shape, *layer = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|U:add_shape", kwlist, &shape, &layer))
        return NULL;
    PyObject *sh = NULL;
    if (cq_wp_check(shape)) {
        PyObject *items = PySequence_List(((CQWorkplane *)shape)->objects);
        PyObject *shapes = items ? PyList_New(0) : NULL;
        for (Py_ssize_t i = 0; shapes && i < PyList_GET_SIZE(items); i++)
            if (cq_shape_check(PyList_GET_ITEM(items, i)) && PyList_Append(shapes, PyList_GET_ITEM(items, i)) < 0)
                Py_CLEAR(shapes);
        PyObject *comp = shapes ? cq_compound_of_list(shapes) : NULL;
        zk_trsf world, local;
        cq_plane_trsf(((CQWorkplane *)shape)->plane, &world);
        zt_inverse(&world, &local);
        int identity = 1;   /* the XY plane: no transform (it would round 1 to 1 + 2e-16) */
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 4; c++)
                identity &= fabs(local.m[r][c] - (r == c ? 1.0 : 0.0)) < 1e-15;
        sh = !comp ? NULL : identity ? Py_NewRef(comp) : cq_shape_wrap(zk_transformed(cq_shape_get(comp), &local));
        Py_XDECREF(items);
        Py_XDECREF(shapes);
        Py_XDECREF(comp);
    } else if (cq_shape_check(shape)) {
        sh = Py_NewRef(shape);
    } else {
        PyErr_Format(PyExc_TypeError, "add_shape() expects a Workplane or a Shape, got %.100s", Py_TYPE(shape)->tp_name);
    }
    if (!sh)
        return NULL;
    PyObject *edges = ordered_edges(sh);
    Py_DECREF(sh);
    if (!edges)
        return NULL;
    const char *lay = layer && PyUnicode_GET_LENGTH(layer) ? PyUnicode_AsUTF8(layer) : "0";
    int spline = d->approx != Py_None && PyUnicode_Check(d->approx) &&
                 PyUnicode_CompareWithASCIIString(d->approx, "spline") == 0;
    if (d->approx != Py_None && !spline) {
        Py_DECREF(edges);
        PyErr_Format(PyExc_NotImplementedError, "DXF approx=%R is not supported by zerocad (use None or \"spline\")",
                     d->approx);
        return NULL;
    }
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(edges); i++) {
        zk_shape *e = cq_shape_get(PyList_GET_ITEM(edges, i));
        zk_shape *cubic = NULL;
        zk_dxf_entity ent;
        if (zk_dxf_edge(e, &ent) < 0) {
            cq_raise_kernel_error("DXF export");
            rc = -1;
            break;
        }
        if (spline && ent.kind == ZK_DXF_SPLINE && ent.degree > 3) {
            zk_dxf_entity_free(&ent);
            cubic = zk_edge_to_cubic(e, d->tolerance);
            if (!cubic || zk_dxf_edge(cubic, &ent) < 0) {
                zk_unref(cubic);
                cq_raise_kernel_error("DXF export");
                rc = -1;
                break;
            }
            zk_unref(cubic);
        }
        PyObject *text = entity_text(&ent, lay);
        zk_dxf_entity_free(&ent);
        rc = (text && PyList_Append(d->entities, text) == 0) ? 0 : -1;
        Py_XDECREF(text);
    }
    Py_DECREF(edges);
    Py_CLEAR(d->doc);
    return rc < 0 ? NULL : Py_NewRef(self);
}

static PyObject *dxf_add_layer(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"name", "color", "linetype", NULL};
    CQDxf *d = (CQDxf *)self;
    PyObject *name;
    int color = 7;
    const char *linetype = "CONTINUOUS";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "U|$is:add_layer", kwlist, &name, &color, &linetype))
        return NULL;
    PyObject *t = Py_BuildValue("(Ois)", name, color, linetype);
    if (!t || PyList_Append(d->layers, t) < 0) {
        Py_XDECREF(t);
        return NULL;
    }
    Py_DECREF(t);
    Py_CLEAR(d->doc);
    return Py_NewRef(self);
}

/* The whole DXF text (str). */
static PyObject *dxf_text(CQDxf *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return PyErr_NoMemory();
    long handle = 0x20;
    g(f, 0, "SECTION");
    g(f, 2, "HEADER");
    g(f, 9, "$ACADVER");
    g(f, 1, PyUnicode_AsUTF8(d->dxfversion));
    g(f, 9, "$INSUNITS");
    gi(f, 70, d->units);
    g(f, 0, "ENDSEC");
    g(f, 0, "SECTION");
    g(f, 2, "TABLES");
    g(f, 0, "TABLE");
    g(f, 2, "LAYER");
    fprintf(f, "  5\n%lX\n", handle++);
    g(f, 100, "AcDbSymbolTable");
    gi(f, 70, (long)PyList_GET_SIZE(d->layers) + 1);
    for (Py_ssize_t i = -1; i < PyList_GET_SIZE(d->layers); i++) {
        PyObject *t = i < 0 ? NULL : PyList_GET_ITEM(d->layers, i);
        g(f, 0, "LAYER");
        fprintf(f, "  5\n%lX\n", handle++);
        g(f, 100, "AcDbSymbolTableRecord");
        g(f, 100, "AcDbLayerTableRecord");
        g(f, 2, t ? PyUnicode_AsUTF8(PyTuple_GET_ITEM(t, 0)) : "0");
        gi(f, 70, 0);
        gi(f, 62, t ? PyLong_AsLong(PyTuple_GET_ITEM(t, 1)) : 7);
        g(f, 6, t ? PyUnicode_AsUTF8(PyTuple_GET_ITEM(t, 2)) : "CONTINUOUS");
    }
    g(f, 0, "ENDTAB");
    g(f, 0, "ENDSEC");
    g(f, 0, "SECTION");
    g(f, 2, "ENTITIES");
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(d->entities); i++) {
        const char *e = PyUnicode_AsUTF8(PyList_GET_ITEM(d->entities, i));
        const char *nl = strchr(e, '\n');
        fprintf(f, "  0\n%.*s  5\n%lX\n%s", (int)(nl - e + 1), e, handle++, nl + 1);
    }
    g(f, 0, "ENDSEC");
    g(f, 0, "EOF");
    fclose(f);
    PyObject *s = PyUnicode_FromStringAndSize(buf, (Py_ssize_t)len);
    free(buf);
    return s;
}

static int dxf_write_file(CQDxf *d, PyObject *path)
{
    PyObject *text = dxf_text(d);
    int rc = text ? cq_write_text_file(path, text) : -1;
    Py_XDECREF(text);
    return rc;
}

static PyObject *dxf_get_document(PyObject *self, void *closure)
{
    (void)closure;
    CQDxf *d = (CQDxf *)self;
    if (d->doc)
        return Py_NewRef(d->doc);
    PyObject *text = dxf_text(d);
    PyObject *io = text ? PyImport_ImportModule("io") : NULL;
    PyObject *stream = io ? PyObject_CallMethod(io, "StringIO", "O", text) : NULL;
    PyObject *ezdxf = stream ? PyImport_ImportModule("ezdxf") : NULL;
    PyObject *doc = ezdxf ? PyObject_CallMethod(ezdxf, "read", "O", stream) : NULL;
    PyObject *meta = doc ? PyObject_CallMethod(doc, "ezdxf_metadata", NULL) : NULL;
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (meta && PyDict_Next(d->metadata, &pos, &k, &v))
        if (PyObject_SetItem(meta, k, v) < 0)
            Py_CLEAR(doc);
    Py_XDECREF(text);
    Py_XDECREF(io);
    Py_XDECREF(stream);
    Py_XDECREF(ezdxf);
    Py_XDECREF(meta);
    if (doc)
        d->doc = Py_NewRef(doc);
    return doc;
}

static PyObject *dxf_get_msp(PyObject *self, void *closure)
{
    PyObject *doc = dxf_get_document(self, closure);
    PyObject *m = doc ? PyObject_CallMethod(doc, "modelspace", NULL) : NULL;
    Py_XDECREF(doc);
    return m;
}

static int dxf_init(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"dxfversion", "setup", "doc_units", "metadata", "approx", "tolerance", NULL};
    CQDxf *d = (CQDxf *)self;
    const char *version = "AC1027";
    PyObject *setup = Py_False, *meta = Py_None, *approx = Py_None;
    int units = 4;
    double tol = 1e-3;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|sOi$OOd:DxfDocument", kwlist, &version, &setup, &units, &meta,
                                     &approx, &tol))
        return -1;
    Py_XSETREF(d->dxfversion, PyUnicode_FromString(version));
    Py_XSETREF(d->metadata, meta == Py_None ? PyDict_New() : PyDict_Copy(meta));
    Py_XSETREF(d->approx, Py_NewRef(approx));
    Py_XSETREF(d->layers, PyList_New(0));
    Py_XSETREF(d->entities, PyList_New(0));
    Py_CLEAR(d->doc);
    d->units = units;
    d->tolerance = tol;
    return d->dxfversion && d->metadata && d->layers && d->entities ? 0 : -1;
}

static int dxf_traverse(PyObject *self, visitproc visit, void *arg)
{
    CQDxf *d = (CQDxf *)self;
    Py_VISIT(d->metadata);
    Py_VISIT(d->approx);
    Py_VISIT(d->layers);
    Py_VISIT(d->entities);
    Py_VISIT(d->doc);
    return 0;
}

static int dxf_clear(PyObject *self)
{
    CQDxf *d = (CQDxf *)self;
    Py_CLEAR(d->dxfversion);
    Py_CLEAR(d->metadata);
    Py_CLEAR(d->approx);
    Py_CLEAR(d->layers);
    Py_CLEAR(d->entities);
    Py_CLEAR(d->doc);
    return 0;
}

static void dxf_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    dxf_clear(self);
    Py_TYPE(self)->tp_free(self);
}

static PyMethodDef dxf_methods[] = {
    {"add_layer", (PyCFunction)(void (*)(void))dxf_add_layer, METH_VARARGS | METH_KEYWORDS, "define a layer"},
    {"add_shape", (PyCFunction)(void (*)(void))dxf_add_shape, METH_VARARGS | METH_KEYWORDS,
     "add the edges of a Workplane or Shape"},
    {NULL, NULL, 0, NULL}
};

static PyGetSetDef dxf_getset[] = {
    {"document", dxf_get_document, NULL, "the document as an ezdxf Drawing (needs ezdxf)", NULL},
    {"msp", dxf_get_msp, NULL, "the ezdxf model space", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static PyMemberDef dxf_members[] = {
    {"approx", T_OBJECT, offsetof(CQDxf, approx), READONLY, "spline approximation option"},
    {"tolerance", T_DOUBLE, offsetof(CQDxf, tolerance), READONLY, "approximation tolerance"},
    {NULL, 0, 0, 0, NULL}
};

static PyTypeObject CQDxfType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.occ_impl.exporters.dxf.DxfDocument",
    .tp_basicsize = sizeof(CQDxf),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "A DXF document built from Workplanes and Shapes.",
    .tp_new = PyType_GenericNew,
    .tp_init = dxf_init,
    .tp_dealloc = dxf_dealloc,
    .tp_traverse = dxf_traverse,
    .tp_clear = dxf_clear,
    .tp_methods = dxf_methods,
    .tp_getset = dxf_getset,
    .tp_members = dxf_members,
};

/* ------------------------------------------------------------------ functions */

static PyObject *new_doc(PyObject *approx, double tol, int units)
{
    PyObject *kw = Py_BuildValue("{sOsdsi}", "approx", approx, "tolerance", tol, "doc_units", units);
    PyObject *empty = PyTuple_New(0);
    PyObject *d = kw && empty ? PyObject_Call((PyObject *)&CQDxfType, empty, kw) : NULL;
    Py_XDECREF(kw);
    Py_XDECREF(empty);
    return d;
}

static int add_any(PyObject *doc, PyObject *w)
{
    if (cq_wp_check(w) || cq_shape_check(w) || cq_sketch_check(w)) {
        PyObject *target = cq_sketch_check(w) ? NULL : Py_NewRef(w);
        if (!target) {   /* a Sketch: its faces */
            PyObject *faces = cq_sketch_faces(w);
            target = faces ? cq_compound_of_list(faces) : NULL;
            Py_XDECREF(faces);
            if (!target)
                return -1;
        }
        PyObject *r = PyObject_CallMethod(doc, "add_shape", "O", target);
        Py_DECREF(target);
        Py_XDECREF(r);
        return r ? 0 : -1;
    }
    PyObject *it = PyObject_GetIter(w), *s;
    if (!it)
        return -1;
    while ((s = PyIter_Next(it))) {
        int rc = add_any(doc, s);
        Py_DECREF(s);
        if (rc < 0) {
            Py_DECREF(it);
            return -1;
        }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

/* exportDXF(w, fname, approx=None, tolerance=1e-3, *, doc_units=4) */
static PyObject *fn_exportDXF(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = {"w", "fname", "approx", "tolerance", "doc_units", NULL};
    PyObject *w, *fname, *approx = Py_None;
    double tol = 1e-3;
    int units = 4;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|Od$i:exportDXF", kwlist, &w, &fname, &approx, &tol, &units))
        return NULL;
    PyObject *path = PyOS_FSPath(fname);
    PyObject *doc = path ? new_doc(approx, tol, units) : NULL;
    int ok = doc && add_any(doc, w) == 0 && dxf_write_file((CQDxf *)doc, path) == 0;
    Py_XDECREF(doc);
    Py_XDECREF(path);
    if (!ok)
        return NULL;
    Py_RETURN_NONE;
}

/* exportDXFProjection(s, path, dir, pnt=(0,0,0), approx=None, tolerance=1e-3, *, up=None, doc_units=4):
 * the visible edges seen along dir (pnt does not change a parallel projection's drawing). */
static PyObject *fn_exportDXFProjection(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = {"s", "path", "dir", "pnt", "approx", "tolerance", "up", "doc_units", NULL};
    PyObject *s, *path, *dirobj, *pnt = Py_None, *approx = Py_None, *up = Py_None;
    double tol = 1e-3;
    int units = 4;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOO|OOd$Oi:exportDXFProjection", kwlist, &s, &path, &dirobj, &pnt,
                                     &approx, &tol, &up, &units))
        return NULL;
    zk_vec dir, upv, xdir;
    if (cq_vector_from_obj(dirobj, &dir) < 0 || (up != Py_None && cq_vector_from_obj(up, &upv) < 0))
        return NULL;
    if (up != Py_None)
        xdir = zv_normalized(zv_cross(upv, dir));
    PyObject *shapes = PyList_New(0);
    if (!shapes)
        return NULL;
    if (cq_wp_check(s)) {
        PyObject *items = ((CQWorkplane *)s)->objects;
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++)
            if (cq_shape_check(PyList_GET_ITEM(items, i)))
                PyList_Append(shapes, PyList_GET_ITEM(items, i));
    } else {
        PyList_Append(shapes, s);
    }
    PyObject *visible = PyList_New(0);
    for (Py_ssize_t i = 0; visible && i < PyList_GET_SIZE(shapes); i++) {
        zk_shape *vis = NULL, *hid = NULL;
        zk_shape *sh = cq_shape_get(PyList_GET_ITEM(shapes, i));
        if (!sh || zk_hlr(sh, dir, up != Py_None ? &xdir : NULL, 0, &vis, &hid) < 0) {
            if (sh)
                cq_raise_kernel_error("exportDXFProjection");
            Py_CLEAR(visible);
            break;
        }
        zk_unref(hid);
        PyObject *v = cq_shape_wrap(vis);
        if (!v || PyList_Append(visible, v) < 0)
            Py_CLEAR(visible);
        Py_XDECREF(v);
    }
    Py_DECREF(shapes);
    if (!visible)
        return NULL;
    PyObject *a = Py_BuildValue("(OOOd)", visible, path, approx, tol);
    PyObject *k = Py_BuildValue("{si}", "doc_units", units);
    PyObject *r = a && k ? fn_exportDXF(NULL, a, k) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(k);
    Py_DECREF(visible);
    return r;
}

static PyMethodDef dxf_functions[] = {
    {"exportDXF", (PyCFunction)(void (*)(void))fn_exportDXF, METH_VARARGS | METH_KEYWORDS,
     "write the edges of a Workplane, Shape, Sketch or iterable of them as DXF"},
    {"exportDXFProjection", (PyCFunction)(void (*)(void))fn_exportDXFProjection, METH_VARARGS | METH_KEYWORDS,
     "write the visible edges of a 3D shape seen along dir as DXF"},
    {NULL, NULL, 0, NULL}
};

int cq_export_dxf_shape(PyObject *shape, PyObject *fname)
{
    PyObject *a = PyTuple_Pack(2, shape, fname);
    PyObject *r = a ? fn_exportDXF(NULL, a, NULL) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(r);
    return r ? 0 : -1;
}

extern PyMethodDef cq_dxf_import_functions[], cq_bin_import_functions[];

/* DxfDocument, exportDXF, exportDXFProjection in cadquery.exporters; importDXF in importers. */
int cq_dxf_init(PyObject *module)
{
    if (PyType_Ready(&CQDxfType) < 0)
        return -1;
    PyObject *exp = PyObject_GetAttrString(module, "exporters");
    PyObject *imp = exp ? PyObject_GetAttrString(module, "importers") : NULL;
    int rc = (imp && PyObject_SetAttrString(exp, "DxfDocument", (PyObject *)&CQDxfType) == 0 &&
              PyModule_AddFunctions(exp, dxf_functions) == 0 && PyModule_AddFunctions(imp, cq_dxf_import_functions) == 0 &&
              PyModule_AddFunctions(imp, cq_bin_import_functions) == 0)
                 ? 0 : -1;
    Py_XDECREF(exp);
    Py_XDECREF(imp);
    return rc;
}
