/* shapes_edit.c: current CadQuery's Shape conveniences and editing methods: reverse, replace,
 * remove, filter, sort, size, [] (children), the selection set operators & | %, siblings, export
 * by extension, exportBin/importBin, importStep/importBrep as class methods, toNURBS; Solid.isSolid,
 * outerShell, innerShells, addCavity. */
#include "cq_internal.h"

#include <string.h>

static zk_shape *S(PyObject *self) { return ((CQShape *)self)->s; }

#define KW(f) (PyCFunction)(void (*)(void))(f)

/* The direct children of a shape as a new list (Shape.__iter__). */
static PyObject *children(PyObject *self)
{
    zk_shape **kids = NULL;
    size_t n = 0;
    if (zk_children(S(self), &kids, &n) < 0)
        return cq_raise_kernel_error("iterate");
    return cq_shape_list(kids, n);
}

/* A new PyMem array of the kernel shapes of a tuple (borrowed). */
static zk_shape **shapes_of_tuple(PyObject *t, Py_ssize_t from, size_t *n)
{
    Py_ssize_t len = PyTuple_GET_SIZE(t) - from;
    zk_shape **a = PyMem_Calloc(len > 0 ? (size_t)len : 1, sizeof *a);
    if (!a)
        return (zk_shape **)PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < len; i++)
        if (!(a[i] = cq_shape_get(PyTuple_GET_ITEM(t, from + i)))) {
            PyMem_Free(a);
            return NULL;
        }
    *n = (size_t)(len > 0 ? len : 0);
    return a;
}

/* A result of the same class as self (CadQuery's self.__class__(rv)) when the type matches. */
static PyObject *wrap_result(zk_shape *r, const char *what)
{
    return r ? cq_shape_wrap(r) : cq_raise_kernel_error(what);
}

static PyObject *shape_reverse(PyObject *self, PyObject *unused)
{
    (void)unused;
    return wrap_result(zk_reversed(S(self)), "reverse");
}

/* replace(old, *new): compounds among `new` contribute their children. */
static PyObject *shape_replace(PyObject *self, PyObject *args)
{
    if (PyTuple_GET_SIZE(args) < 1) {
        PyErr_SetString(PyExc_TypeError, "replace() needs the shape to replace");
        return NULL;
    }
    zk_shape *old = cq_shape_get(PyTuple_GET_ITEM(args, 0));
    if (!old)
        return NULL;
    PyObject *tools = PyList_New(0);
    for (Py_ssize_t i = 1; tools && i < PyTuple_GET_SIZE(args); i++) {
        PyObject *el = PyTuple_GET_ITEM(args, i);
        if (!cq_shape_check(el)) {
            PyErr_SetString(PyExc_TypeError, "replace() expects Shapes");
            Py_CLEAR(tools);
        } else if (zk_shape_type(S(el)) == ZK_COMPOUND) {
            PyObject *kids = children(el);
            if (!kids || PyList_SetSlice(tools, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, kids) < 0)
                Py_CLEAR(tools);
            Py_XDECREF(kids);
        } else if (PyList_Append(tools, el) < 0) {
            Py_CLEAR(tools);
        }
    }
    if (!tools)
        return NULL;
    size_t n;
    PyObject *keep;
    zk_shape **arr = cq_shapes_from_iterable(tools, &n, &keep);
    zk_shape *r = arr ? zk_reshape_replace(S(self), old, arr, n) : NULL;
    PyObject *res = arr ? wrap_result(r, "replace") : NULL;
    if (arr) {
        PyMem_Free(arr);
        Py_DECREF(keep);
    }
    Py_DECREF(tools);
    return res;
}

/* remove(*subshape): BRepTools_ReShape; a Compound drops the given children in place (returns self). */
static PyObject *shape_remove(PyObject *self, PyObject *args)
{
    size_t n;
    zk_shape **arr = shapes_of_tuple(args, 0, &n);
    if (!arr)
        return NULL;
    PyObject *res = NULL;
    if (zk_shape_type(S(self)) == ZK_COMPOUND) {
        zk_shape **kids = NULL;
        size_t nk = 0, kept = 0;
        if (zk_children(S(self), &kids, &nk) == 0) {
            for (size_t i = 0; i < nk; i++) {
                int drop = 0;
                for (size_t j = 0; j < n && !drop; j++)
                    drop = zk_is_same(kids[i], arr[j]);
                if (drop)
                    zk_unref(kids[i]);
                else
                    kids[kept++] = kids[i];
            }
            zk_shape *c = zk_compound(kids, kept);
            zk_free_list(kids, kept);
            if (c) {
                zk_unref(((CQShape *)self)->s);
                ((CQShape *)self)->s = c;
                res = Py_NewRef(self);
            }
        }
        if (!res)
            cq_raise_kernel_error("remove");
    } else {
        res = wrap_result(zk_reshape_remove(S(self), arr, n), "remove");
    }
    PyMem_Free(arr);
    return res;
}

/* compound(*items) of a list (through Compound.makeCompound). */
static PyObject *compound_of(PyObject *list) { return cq_compound_of_list(list); }

static PyObject *shape_filter(PyObject *self, PyObject *f)
{
    PyObject *kids = children(self);
    PyObject *out = kids ? PyList_New(0) : NULL;
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(kids); i++) {
        PyObject *r = PyObject_CallOneArg(f, PyList_GET_ITEM(kids, i));
        int t = r ? PyObject_IsTrue(r) : -1;
        Py_XDECREF(r);
        if (t < 0 || (t && PyList_Append(out, PyList_GET_ITEM(kids, i)) < 0))
            Py_CLEAR(out);
    }
    Py_XDECREF(kids);
    PyObject *r = out ? compound_of(out) : NULL;
    Py_XDECREF(out);
    return r;
}

static PyObject *shape_sort(PyObject *self, PyObject *key)
{
    PyObject *kids = children(self);
    if (!kids)
        return NULL;
    PyObject *sorted = PyObject_GetAttrString(kids, "sort");
    PyObject *kw = sorted ? Py_BuildValue("{s:O}", "key", key) : NULL;
    PyObject *empty = kw ? PyTuple_New(0) : NULL;
    PyObject *ok = empty ? PyObject_Call(sorted, empty, kw) : NULL;
    Py_XDECREF(sorted);
    Py_XDECREF(kw);
    Py_XDECREF(empty);
    PyObject *r = ok ? compound_of(kids) : NULL;
    Py_XDECREF(ok);
    Py_DECREF(kids);
    return r;
}

static PyObject *shape_size(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *kids = children(self);
    PyObject *r = kids ? PyLong_FromSsize_t(PyList_GET_SIZE(kids)) : NULL;
    Py_XDECREF(kids);
    return r;
}

/* self[i] is the i-th child; self[a:b] a compound of those children. */
static PyObject *shape_subscript(PyObject *self, PyObject *item)
{
    PyObject *kids = children(self);
    if (!kids)
        return NULL;
    PyObject *r = PyObject_GetItem(kids, item);
    Py_DECREF(kids);
    if (r && PySlice_Check(item)) {
        PyObject *c = compound_of(r);
        Py_DECREF(r);
        r = c;
    }
    return r;
}

PyMappingMethods cq_shape_as_mapping = {.mp_subscript = shape_subscript};

/* The selection as a set: the children of a compound, else {self}. */
static PyObject *as_set(PyObject *o)
{
    if (zk_shape_type(S(o)) == ZK_COMPOUND) {
        PyObject *kids = children(o);
        PyObject *s = kids ? PySet_New(kids) : NULL;
        Py_XDECREF(kids);
        return s;
    }
    PyObject *s = PySet_New(NULL);
    if (s && PySet_Add(s, o) < 0)
        Py_CLEAR(s);
    return s;
}

static PyObject *set_op(PyObject *a, PyObject *b, int op)
{
    if (!cq_shape_check(a) || !cq_shape_check(b))
        Py_RETURN_NOTIMPLEMENTED;
    PyObject *l = as_set(a), *r = l ? as_set(b) : NULL, *res = NULL;
    if (r) {
        if (op == '&')
            res = PyNumber_And(l, r);
        else if (op == '|')
            res = PyNumber_Or(l, r);
        else
            res = PyNumber_Subtract(l, r);
    }
    Py_XDECREF(l);
    Py_XDECREF(r);
    PyObject *list = res ? PySequence_List(res) : NULL;
    Py_XDECREF(res);
    PyObject *c = list ? compound_of(list) : NULL;
    Py_XDECREF(list);
    return c;
}

PyObject *cq_shape_set_and(PyObject *a, PyObject *b) { return set_op(a, b, '&'); }
PyObject *cq_shape_set_or(PyObject *a, PyObject *b) { return set_op(a, b, '|'); }
PyObject *cq_shape_set_sub(PyObject *a, PyObject *b) { return set_op(a, b, '%'); }

/* ------------------------------------------------------------------ siblings */

static int type_of_name(const char *kind, zk_type *t)
{
    static const char *names[] = {"Compound", "CompSolid", "Solid", "Shell", "Face", "Wire", "Edge", "Vertex"};
    for (int i = 0; i < 8; i++)
        if (strcmp(kind, names[i]) == 0) {
            *t = (zk_type)i;
            return 0;
        }
    PyErr_Format(PyExc_ValueError, "unknown shape kind '%s'", kind);
    return -1;
}

/* One level of CadQuery's _siblings: shapes of ctx (types `types`) sharing a sub-shape of `kind`
 * with an element of `shapes`, not in `exclude` (which gains `shapes`). New set. */
static PyObject *siblings_level(PyObject *ctx, PyObject *shapes, zk_type kind, const int *types, PyObject *exclude)
{
    PyObject *it = PyObject_GetIter(shapes), *s;
    PyObject *all = PyList_New(0);
    while (it && all && (s = PyIter_Next(it))) {
        if (PySet_Add(exclude, s) < 0 || PyList_Append(all, s) < 0)
            Py_CLEAR(all);
        Py_DECREF(s);
    }
    Py_XDECREF(it);
    PyObject *rv = all ? PySet_New(NULL) : NULL;
    for (Py_ssize_t i = 0; rv && i < PyList_GET_SIZE(all); i++) {
        zk_shape **kids = NULL;
        size_t nk = 0;
        if (zk_explore(S(PyList_GET_ITEM(all, i)), kind, &kids, &nk) < 0) {
            Py_CLEAR(rv);
            cq_raise_kernel_error("siblings");
            break;
        }
        for (size_t k = 0; rv && k < nk; k++)
            for (int t = 0; rv && t < 8; t++) {
                if (!types[t])
                    continue;
                zk_shape **anc = NULL;
                size_t na = 0;
                if (zk_ancestors(S(ctx), kids[k], (zk_type)t, &anc, &na) < 0) {
                    zk_error_clear();
                    continue;
                }
                PyObject *l = cq_shape_list(anc, na);
                for (Py_ssize_t j = 0; l && rv && j < PyList_GET_SIZE(l); j++) {
                    PyObject *el = PyList_GET_ITEM(l, j);
                    int ex = PySet_Contains(exclude, el);
                    if (ex < 0 || (!ex && PySet_Add(rv, el) < 0))
                        Py_CLEAR(rv);
                }
                if (!l)
                    Py_CLEAR(rv);
                Py_XDECREF(l);
            }
        zk_free_list(kids, nk);
    }
    Py_XDECREF(all);
    return rv;
}

static PyObject *siblings_levels(PyObject *ctx, PyObject *start, zk_type kind, const int *types, long level,
                                 PyObject *exclude)
{
    PyObject *cur = Py_NewRef(start);
    for (long l = 0; cur && l < level; l++) {
        PyObject *next = siblings_level(ctx, cur, kind, types, exclude);
        Py_DECREF(cur);
        cur = next;
    }
    return cur;
}

/* siblings(ctx, kind, level=1): level an int or an iterable of levels (their union). */
static PyObject *shape_siblings(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"ctx", "kind", "level", NULL};
    PyObject *ctx, *level = NULL;
    const char *kind_name;
    zk_type kind;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!s|O:siblings", kwlist, &CQShapeType, &ctx, &kind_name, &level) ||
        type_of_name(kind_name, &kind) < 0)
        return NULL;
    int is_comp = zk_shape_type(S(self)) == ZK_COMPOUND;
    PyObject *start = is_comp ? children(self) : PyList_New(0);
    if (start && !is_comp && PyList_Append(start, self) < 0)
        Py_CLEAR(start);
    if (!start)
        return NULL;
    int types[8] = {0};
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(start); i++)
        types[zk_shape_type(S(PyList_GET_ITEM(start, i)))] = 1;
    PyObject *exclude = PySet_New(NULL), *rv = NULL;
    if (exclude && (!level || PyLong_Check(level))) {
        long lv = level ? PyLong_AsLong(level) : 1;
        rv = siblings_levels(ctx, start, kind, types, lv, exclude);
    } else if (exclude) {
        PyObject *it = PyObject_GetIter(level), *lo;
        rv = it ? PySet_New(NULL) : NULL;
        while (rv && (lo = PyIter_Next(it))) {
            long lv = PyLong_AsLong(lo);
            Py_DECREF(lo);
            PySet_Clear(exclude);
            PyObject *part = lv == -1 && PyErr_Occurred() ? NULL : siblings_levels(ctx, start, kind, types, lv, exclude);
            PyObject *u = part ? PyNumber_InPlaceOr(rv, part) : NULL;
            if (!u)
                Py_CLEAR(rv);
            Py_XDECREF(u);
            Py_XDECREF(part);
        }
        Py_XDECREF(it);
    }
    Py_XDECREF(exclude);
    Py_DECREF(start);
    if (!rv || PyErr_Occurred()) {
        Py_XDECREF(rv);
        return NULL;
    }
    PyObject *list = PySequence_List(rv);
    Py_DECREF(rv);
    PyObject *c = list ? compound_of(list) : NULL;
    Py_XDECREF(list);
    return c;
}

/* ------------------------------------------------------------------ files */

/* Writes bytes to a path (str/PathLike) or a file-like object with write(). */
static int write_bytes(PyObject *f, const char *data, size_t len)
{
    PyObject *b = PyBytes_FromStringAndSize(data, (Py_ssize_t)len);
    if (!b)
        return -1;
    PyObject *r;
    if (PyObject_HasAttrString(f, "write")) {
        r = PyObject_CallMethod(f, "write", "O", b);
    } else {
        PyObject *io = PyImport_ImportModule("io");
        PyObject *fh = io ? PyObject_CallMethod(io, "open", "Os", f, "wb") : NULL;
        r = fh ? PyObject_CallMethod(fh, "write", "O", b) : NULL;
        if (fh) {
            PyObject *c = PyObject_CallMethod(fh, "close", NULL);
            Py_XDECREF(c);
        }
        Py_XDECREF(fh);
        Py_XDECREF(io);
    }
    Py_DECREF(b);
    Py_XDECREF(r);
    return r ? 0 : -1;
}

/* The bytes of a path or a file-like object with read(). New reference. */
static PyObject *read_bytes(PyObject *f)
{
    if (PyObject_HasAttrString(f, "read"))
        return PyObject_CallMethod(f, "read", NULL);
    PyObject *io = PyImport_ImportModule("io");
    PyObject *fh = io ? PyObject_CallMethod(io, "open", "Os", f, "rb") : NULL;
    PyObject *r = fh ? PyObject_CallMethod(fh, "read", NULL) : NULL;
    if (fh) {
        PyObject *c = PyObject_CallMethod(fh, "close", NULL);
        Py_XDECREF(c);
    }
    Py_XDECREF(fh);
    Py_XDECREF(io);
    return r;
}

static PyObject *shape_exportBin(PyObject *self, PyObject *f)
{
    size_t len;
    char *data = zk_bin_write(S(self), &len);
    if (!data)
        return cq_raise_kernel_error("exportBin");
    int rc = write_bytes(f, data, len);
    free(data);
    if (rc < 0)
        return NULL;
    Py_RETURN_TRUE;
}

static PyObject *shape_importBin(PyObject *cls, PyObject *f)
{
    (void)cls;
    PyObject *b = read_bytes(f);
    if (!b)
        return NULL;
    if (!PyBytes_Check(b)) {
        Py_DECREF(b);
        PyErr_SetString(PyExc_TypeError, "importBin: the file did not give bytes");
        return NULL;
    }
    zk_shape *s = zk_bin_read(PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b));
    Py_DECREF(b);
    return wrap_result(s, "importBin");
}

static PyObject *shape_importBrep(PyObject *cls, PyObject *f)
{
    (void)cls;
    if (PyObject_HasAttrString(f, "read")) {
        PyObject *b = read_bytes(f);
        if (b && PyUnicode_Check(b)) {
            PyObject *e = PyUnicode_AsUTF8String(b);
            Py_DECREF(b);
            b = e;
        }
        if (!b)
            return NULL;
        if (!PyBytes_Check(b)) {
            Py_DECREF(b);
            PyErr_SetString(PyExc_TypeError, "importBrep: the file did not give text");
            return NULL;
        }
        zk_shape *s = zk_brep_from_text(PyBytes_AS_STRING(b), (size_t)PyBytes_GET_SIZE(b));
        Py_DECREF(b);
        return wrap_result(s, "importBrep");
    }
    PyObject *path = NULL;
    if (!PyUnicode_FSConverter(f, &path))
        return NULL;
    zk_shape *s = zk_read_brep(PyBytes_AS_STRING(path));
    Py_DECREF(path);
    return wrap_result(s, "importBrep");
}

/* Shape.importStep(fileName, unit="MM"): one shape, or a compound of the file's shapes. */
static PyObject *shape_importStep(PyObject *cls, PyObject *args, PyObject *kw)
{
    (void)cls;
    static char *kwlist[] = {"fileName", "unit", NULL};
    PyObject *fname, *unit = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:importStep", kwlist, &fname, &unit))
        return NULL;
    PyObject *imp = PyImport_ImportModule("cadquery.importers");
    PyObject *wp = imp ? PyObject_CallMethod(imp, "importStep", "OO", fname, unit ? unit : Py_None) : NULL;
    if (!wp && unit == NULL && imp && PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        wp = PyObject_CallMethod(imp, "importStep", "O", fname);
    }
    Py_XDECREF(imp);
    PyObject *vals = wp ? PyObject_CallMethod(wp, "vals", NULL) : NULL;
    Py_XDECREF(wp);
    if (!vals)
        return NULL;
    PyObject *r = NULL;
    Py_ssize_t n = PyList_Check(vals) ? PyList_GET_SIZE(vals) : 0;
    if (n == 0)
        PyErr_Format(PyExc_ValueError, "No shape found in %S", fname);
    else if (n == 1)
        r = Py_NewRef(PyList_GET_ITEM(vals, 0));
    else
        r = compound_of(vals);
    Py_DECREF(vals);
    return r;
}

/* export(fname, tolerance=0.1, angularTolerance=0.1, unit="MM", outputUnit=None, opt=None). */
static PyObject *shape_export(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"fname", "tolerance", "angularTolerance", "unit", "outputUnit", "opt", NULL};
    PyObject *fname, *unit = Py_None, *ounit = Py_None, *opt = Py_None;
    double tol = 0.1, ang = 0.1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "U|ddOOO:export", kwlist, &fname, &tol, &ang, &unit, &ounit, &opt))
        return NULL;
    PyObject *lower = PyObject_CallMethod(fname, "lower", NULL);
    if (!lower)
        return NULL;
    const char *l = PyUnicode_AsUTF8(lower);
    size_t len = l ? strlen(l) : 0;
    PyObject *r = NULL;
    if (l && len > 5 && strcmp(l + len - 5, ".brep") == 0) {
        r = cq_shape_exportBrep(self, fname);
        Py_XSETREF(r, r ? Py_NewRef(Py_None) : NULL);
    } else if (l && len > 4 && strcmp(l + len - 4, ".bin") == 0) {
        r = shape_exportBin(self, fname);
        Py_XSETREF(r, r ? Py_NewRef(Py_None) : NULL);
    } else if (l) {
        PyObject *ex = PyImport_ImportModule("cadquery.exporters");
        PyObject *f = ex ? PyObject_GetAttrString(ex, "export") : NULL;
        PyObject *a = f ? Py_BuildValue("(OO)", self, fname) : NULL;
        PyObject *k = a ? Py_BuildValue("{s:d,s:d,s:O}", "tolerance", tol, "angularTolerance", ang, "opt", opt) : NULL;
        r = k ? PyObject_Call(f, a, k) : NULL;
        Py_XDECREF(ex);
        Py_XDECREF(f);
        Py_XDECREF(a);
        Py_XDECREF(k);
    }
    Py_DECREF(lower);
    return r;
}

static PyObject *shape_toNURBS(PyObject *self, PyObject *unused)
{
    (void)unused;
    return wrap_result(zk_to_nurbs(S(self)), "toNURBS");
}

PyMethodDef cq_shape_edit_methods[] = {
    {"reverse", shape_reverse, METH_NOARGS, NULL},
    {"replace", shape_replace, METH_VARARGS, NULL},
    {"remove", shape_remove, METH_VARARGS, NULL},
    {"filter", shape_filter, METH_O, NULL},
    {"sort", shape_sort, METH_O, NULL},
    {"size", shape_size, METH_NOARGS, NULL},
    {"siblings", KW(shape_siblings), METH_VARARGS | METH_KEYWORDS, NULL},
    {"exportBin", shape_exportBin, METH_O, NULL},
    {"importBin", shape_importBin, METH_O | METH_CLASS, NULL},
    {"importBrep", shape_importBrep, METH_O | METH_CLASS, NULL},
    {"importStep", KW(shape_importStep), METH_VARARGS | METH_KEYWORDS | METH_CLASS, NULL},
    {"export", KW(shape_export), METH_VARARGS | METH_KEYWORDS, NULL},
    {"toNURBS", shape_toNURBS, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

/* ------------------------------------------------------------------ Solid */

static PyObject *solid_isSolid(PyObject *unused, PyObject *obj)
{
    (void)unused;
    if (!cq_shape_check(obj))
        Py_RETURN_FALSE;
    zk_type t = zk_shape_type(S(obj));
    if (t == ZK_SOLID)
        Py_RETURN_TRUE;
    if (t != ZK_COMPOUND)
        Py_RETURN_FALSE;
    zk_shape **sub = NULL;
    size_t n = 0;
    if (zk_explore(S(obj), ZK_SOLID, &sub, &n) < 0)
        return cq_raise_kernel_error("isSolid");
    zk_free_list(sub, n);
    return PyBool_FromLong(n > 0);
}

static PyObject *solid_outerShell(PyObject *self, PyObject *unused)
{
    (void)unused;
    return wrap_result(zk_solid_outer_shell(S(self)), "outerShell");
}

static PyObject *solid_innerShells(PyObject *self, PyObject *unused)
{
    (void)unused;
    zk_shape *outer = zk_solid_outer_shell(S(self));
    if (!outer)
        return cq_raise_kernel_error("innerShells");
    zk_shape **sh = NULL;
    size_t n = 0, k = 0;
    if (zk_explore(S(self), ZK_SHELL, &sh, &n) < 0) {
        zk_unref(outer);
        return cq_raise_kernel_error("innerShells");
    }
    for (size_t i = 0; i < n; i++) {
        if (zk_is_same(sh[i], outer))
            zk_unref(sh[i]);
        else
            sh[k++] = sh[i];
    }
    zk_unref(outer);
    return cq_shape_list(sh, k);
}

static PyObject *solid_addCavity(PyObject *self, PyObject *args)
{
    size_t n;
    zk_shape **arr = shapes_of_tuple(args, 0, &n);
    if (!arr)
        return NULL;
    PyObject *r = wrap_result(zk_solid_add_cavities(S(self), arr, n), "addCavity");
    PyMem_Free(arr);
    return r;
}

PyMethodDef cq_solid_edit_methods[] = {
    {"isSolid", solid_isSolid, METH_O | METH_STATIC, NULL},
    {"outerShell", solid_outerShell, METH_NOARGS, NULL},
    {"innerShells", solid_innerShells, METH_NOARGS, NULL},
    {"addCavity", solid_addCavity, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}};

/* ------------------------------------------------------------------ more of current CadQuery */

/* ancestors(ctx, kind): the shapes of `kind` in ctx that contain self (each child of a compound). */
static PyObject *shape_ancestors2(PyObject *self, PyObject *args)
{
    PyObject *ctx;
    const char *kind_name;
    zk_type kind;
    if (!PyArg_ParseTuple(args, "O!s:ancestors", &CQShapeType, &ctx, &kind_name) || type_of_name(kind_name, &kind) < 0)
        return NULL;
    PyObject *items = zk_shape_type(S(self)) == ZK_COMPOUND ? children(self) : PyList_New(0);
    if (items && zk_shape_type(S(self)) != ZK_COMPOUND && PyList_Append(items, self) < 0)
        Py_CLEAR(items);
    PyObject *out = items ? PyList_New(0) : NULL;
    for (Py_ssize_t i = 0; out && i < PyList_GET_SIZE(items); i++) {
        zk_shape **anc = NULL;
        size_t na = 0;
        if (zk_ancestors(S(ctx), S(PyList_GET_ITEM(items, i)), kind, &anc, &na) < 0) {
            cq_raise_kernel_error("ancestors");
            Py_CLEAR(out);
            break;
        }
        PyObject *l = cq_shape_list(anc, na);
        if (!l || PyList_SetSlice(out, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, l) < 0)
            Py_CLEAR(out);
        Py_XDECREF(l);
    }
    Py_XDECREF(items);
    PyObject *c = out ? compound_of(out) : NULL;
    Py_XDECREF(out);
    return c;
}

/* facesIntersectedByLine(point, axis, tol=1e-4, direction=None): faces hit, by distance. */
static PyObject *shape_facesIntersectedByLine(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"point", "axis", "tol", "direction", NULL};
    PyObject *po, *ao, *dir = Py_None;
    double tol = 1e-4;
    zk_vec p, a;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|dO:facesIntersectedByLine", kwlist, &po, &ao, &tol, &dir) ||
        cq_vector_from_obj(po, &p) < 0 || cq_vector_from_obj(ao, &a) < 0)
        return NULL;
    int d = 0;
    if (dir != Py_None) {
        const char *ds = PyUnicode_Check(dir) ? PyUnicode_AsUTF8(dir) : NULL;
        if (ds && strcmp(ds, "AlongAxis") == 0)
            d = 1;
        else if (ds && strcmp(ds, "Opposite") == 0)
            d = 2;
        else {
            PyErr_SetString(PyExc_ValueError, "direction can be None, 'AlongAxis' or 'Opposite'");
            return NULL;
        }
    }
    zk_shape **out = NULL;
    size_t n = 0;
    if (zk_faces_intersected_by_line(S(self), p, a, tol, d, &out, &n) < 0)
        return cq_raise_kernel_error("facesIntersectedByLine");
    return cq_shape_list(out, n);
}

/* exportBrep(f): a path, or a file-like object given the BRep text. */
static PyObject *shape_exportBrep2(PyObject *self, PyObject *f)
{
    if (!PyObject_HasAttrString(f, "write"))
        return cq_shape_exportBrep(self, f);
    size_t len;
    char *text = zk_brep_text(S(self), &len);
    if (!text)
        return cq_raise_kernel_error("exportBrep");
    int rc = write_bytes(f, text, len);
    free(text);
    if (rc < 0)
        return NULL;
    Py_RETURN_TRUE;
}

PyMethodDef cq_shape_more_methods[] = {
    {"ancestors", shape_ancestors2, METH_VARARGS, NULL},
    {"facesIntersectedByLine", KW(shape_facesIntersectedByLine), METH_VARARGS | METH_KEYWORDS, NULL},
    {"exportBrep", shape_exportBrep2, METH_O, NULL},
    {NULL, NULL, 0, NULL}};

/* Wire.fillet2D(radius, vertices) / chamfer2D(d, vertices): through a planar face of the wire. */
static PyObject *wire_corner2d(PyObject *self, PyObject *args, int chamfer)
{
    double r;
    PyObject *verts;
    if (!PyArg_ParseTuple(args, chamfer ? "dO:chamfer2D" : "dO:fillet2D", &r, &verts))
        return NULL;
    size_t n;
    PyObject *keep;
    zk_shape **v = cq_shapes_from_iterable(verts, &n, &keep);
    if (!v)
        return NULL;
    zk_shape *f = zk_face_from_wires(S(self), NULL, 0);
    zk_shape *g = f ? (chamfer ? zk_chamfer2d(f, v, n, r) : zk_fillet2d(f, v, n, r)) : NULL;
    zk_shape *w = g ? zk_face_outer_wire(g) : NULL;
    zk_unref(f);
    zk_unref(g);
    PyMem_Free(v);
    Py_DECREF(keep);
    return w ? cq_shape_wrap(w) : cq_raise_kernel_error(chamfer ? "chamfer2D" : "fillet2D");
}

static PyObject *wire_fillet2D(PyObject *self, PyObject *args) { return wire_corner2d(self, args, 0); }
static PyObject *wire_chamfer2D(PyObject *self, PyObject *args) { return wire_corner2d(self, args, 1); }

PyMethodDef cq_wire_more_methods[] = {
    {"fillet2D", wire_fillet2D, METH_VARARGS, NULL},
    {"chamfer2D", wire_chamfer2D, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}};

/* Edge.makeSplineApprox(listOfVector, tol=1e-3, smoothing=None, minDeg=1, maxDeg=6). */
static PyObject *edge_makeSplineApprox(PyObject *cls, PyObject *args, PyObject *kw)
{
    (void)cls;
    static char *kwlist[] = {"listOfVector", "tol", "smoothing", "minDeg", "maxDeg", NULL};
    PyObject *pts_o, *sm = Py_None;
    double tol = 1e-3, w[3];
    int mind = 1, maxd = 6;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|dOii:makeSplineApprox", kwlist, &pts_o, &tol, &sm, &mind, &maxd))
        return NULL;
    if (sm != Py_None && !PyArg_ParseTuple(sm, "ddd", &w[0], &w[1], &w[2]))
        return NULL;
    PyObject *seq = PySequence_Fast(pts_o, "makeSplineApprox expects points");
    if (!seq)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    zk_vec *p = PyMem_Malloc(sizeof(zk_vec) * (n ? (size_t)n : 1));
    int ok = p != NULL;
    for (Py_ssize_t i = 0; ok && i < n; i++)
        ok = cq_vector_from_obj(PySequence_Fast_GET_ITEM(seq, i), &p[i]) == 0;
    Py_DECREF(seq);
    zk_shape *e = ok ? zk_edge_spline_approx(p, (size_t)n, tol, mind, maxd, sm != Py_None ? w : NULL) : NULL;
    PyMem_Free(p);
    if (!ok)
        return NULL;
    if (!e) {
        PyErr_Format(PyExc_ValueError, "B-spline approximation failed: %s", zk_error_message());
        return NULL;
    }
    return cq_shape_wrap(e);
}

PyMethodDef cq_edge_more_methods[] = {
    {"makeSplineApprox", KW(edge_makeSplineApprox), METH_VARARGS | METH_KEYWORDS | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL}};

/* tessellate(tolerance, angularTolerance=0.1): ([Vector], [(i, j, k)]) of the faces' meshes. */
static PyObject *shape_tessellate(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"tolerance", "angularTolerance", NULL};
    double tol, ang = 0.1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|d:tessellate", kwlist, &tol, &ang))
        return NULL;
    zk_mesh m;
    if (zk_mesh_shape(S(self), tol, ang, 0, &m) < 0)
        return cq_raise_kernel_error("tessellate");
    PyObject *verts = PyList_New((Py_ssize_t)m.npoints), *tris = PyList_New((Py_ssize_t)m.ntris);
    for (size_t i = 0; verts && i < m.npoints; i++) {
        zk_vec v = {m.points[3 * i], m.points[3 * i + 1], m.points[3 * i + 2]};
        PyObject *o = cq_vector_new(v);
        if (!o) {
            Py_CLEAR(verts);
            break;
        }
        PyList_SET_ITEM(verts, (Py_ssize_t)i, o);
    }
    for (size_t i = 0; tris && i < m.ntris; i++) {
        PyObject *o = Py_BuildValue("(III)", m.tris[3 * i], m.tris[3 * i + 1], m.tris[3 * i + 2]);
        if (!o) {
            Py_CLEAR(tris);
            break;
        }
        PyList_SET_ITEM(tris, (Py_ssize_t)i, o);
    }
    zk_mesh_free(&m);
    if (!verts || !tris) {
        Py_XDECREF(verts);
        Py_XDECREF(tris);
        return NULL;
    }
    return Py_BuildValue("(NN)", verts, tris);
}

PyMethodDef cq_shape_mesh_methods[] = {
    {"tessellate", KW(shape_tessellate), METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};

/* Wire.fillet(radius, vertices=None). */
static PyObject *wire_fillet(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"radius", "vertices", NULL};
    double r;
    PyObject *verts = Py_None, *keep = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "d|O:fillet", kwlist, &r, &verts))
        return NULL;
    size_t n = 0;
    zk_shape **v = NULL;
    if (verts != Py_None && !(v = cq_shapes_from_iterable(verts, &n, &keep)))
        return NULL;
    zk_shape *w = zk_wire_fillet(S(self), r, v, n);
    PyMem_Free(v);
    Py_XDECREF(keep);
    if (!w) {
        PyErr_Format(PyExc_ValueError, "%s", zk_error_message());
        return NULL;
    }
    return cq_shape_wrap(w);
}

PyMethodDef cq_wire_fillet_methods[] = {
    {"fillet", KW(wire_fillet), METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}};
