/* assembly_caf.c: assemblies as OCCT XCAF documents (CadQuery's occ_impl/assembly.py toCAF,
 * exporters/assembly.py, importers/assembly.py): toCAF's label layout (a part label per unique
 * (colour, object), "<name>_part" components for objects of nodes with children), STEP export
 * with names/colours/materials/layers and units (exportAssembly, exportStepMeta), XBF/XML
 * (exportCAF), glTF/GLB, VRML, STL; Assembly.save/export/load/importStep. */
#include "assembly_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ small helpers */

static int truthy(PyObject *o)
{
    return o && o != Py_None && PyObject_IsTrue(o) == 1;
}

static int kerr(const char *context)
{
    cq_raise_kernel_error(context);
    return -1;
}

static int set_name(zk_caf *d, int lab, PyObject *name, const char *suffix)
{
    PyObject *s = PyUnicode_FromFormat("%S%s", name, suffix);
    if (!s)
        return -1;
    const char *u = PyUnicode_AsUTF8(s);
    int rc = u ? (zk_caf_set_name(d, lab, u) < 0 ? kerr("assembly name") : 0) : -1;
    Py_DECREF(s);
    return rc;
}

static int set_color(zk_caf *d, int lab, PyObject *color, int generic)
{
    if (!PyObject_TypeCheck(color, &CQColorType)) {
        PyErr_Format(PyExc_TypeError, "expected a Color, got %.100s", Py_TYPE(color)->tp_name);
        return -1;
    }
    return zk_caf_set_color(d, lab, ((CQColor *)color)->rgba, generic) < 0 ? kerr("assembly color") : 0;
}

static int set_material(zk_caf *d, int lab, PyObject *m)
{
    if (!PyObject_TypeCheck(m, &CQMaterialType)) {
        PyErr_Format(PyExc_TypeError, "expected a Material, got %.100s", Py_TYPE(m)->tp_name);
        return -1;
    }
    CQMaterial *mat = (CQMaterial *)m;
    const char *n = PyUnicode_AsUTF8(mat->name), *de = PyUnicode_AsUTF8(mat->description),
               *u = PyUnicode_AsUTF8(mat->densityUnit);
    if (!n || !de || !u)
        return -1;
    return zk_caf_set_material(d, lab, n, de, mat->density, u) < 0 ? kerr("assembly material") : 0;
}

static int get_trsf(PyObject *loc, zk_trsf *t)
{
    return cq_location_get(loc, t);
}

static const char *str_or(PyObject *o, const char *fallback)
{
    return (o && PyUnicode_Check(o)) ? PyUnicode_AsUTF8(o) : fallback;
}

/* ------------------------------------------------------------------ toCAF */

typedef struct {
    zk_caf *d;
    int colored;
    PyObject *root;
    PyObject *unique;      /* (color, obj) -> label */
    PyObject *compounds;   /* obj -> Compound */
} caf_ctx;

static int part_label(caf_ctx *c, PyObject *el, PyObject *color, PyObject *material, int has_children)
{
    PyObject *obj = cq_asm_field(el, "obj");
    PyObject *key0 = PyTuple_Pack(2, color, obj);
    if (!key0)
        return -1;
    PyObject *found = PyDict_GetItemWithError(c->unique, key0);
    if (found || PyErr_Occurred()) {
        Py_DECREF(key0);
        return found ? (int)PyLong_AsLong(found) : -1;
    }
    int lab = zk_caf_new_shape(c->d);
    if (lab < 0) {
        Py_DECREF(key0);
        return kerr("toCAF");
    }
    PyObject *comp = PyDict_GetItemWithError(c->compounds, obj);
    zk_shape *s = NULL;
    if (comp) {   /* an object met again (another colour): a copy, as CadQuery's compound.copy() */
        s = zk_copy(cq_shape_get(comp));
    } else if (!PyErr_Occurred()) {
        PyObject *shapes = cq_asm_shapes(el);
        PyObject *cmp = shapes ? cq_compound_of_list(shapes) : NULL;
        Py_XDECREF(shapes);
        if (cmp && PyDict_SetItem(c->compounds, obj, cmp) == 0) {
            s = cq_shape_get(cmp);
            zk_ref(s);
        }
        Py_XDECREF(cmp);
    }
    PyObject *labobj = PyLong_FromLong(lab);
    int ok = s && zk_caf_set_shape(c->d, lab, s) == 0;
    if (s && !ok)
        kerr("toCAF");
    zk_unref(s);
    ok = ok && set_name(c->d, lab, cq_asm_field(el, "name"), has_children ? "_part" : "") == 0 && labobj &&
         PyDict_SetItem(c->unique, key0, labobj) == 0;
    ok = ok && !(c->colored && color != Py_None && set_color(c->d, lab, color, 0) < 0);
    ok = ok && !(material != Py_None && set_material(c->d, lab, material) < 0);
    Py_XDECREF(labobj);
    Py_DECREF(key0);
    return ok ? lab : -1;
}

/* Names, colours and layers of the node's subshapes on the part label. */
static int subshape_labels(zk_caf *d, int lab, PyObject *el)
{
    PyObject *names = cq_asm_field(el, "_subshape_names"), *colors = cq_asm_field(el, "_subshape_colors"),
             *layers = cq_asm_field(el, "_subshape_layers");
    PyObject *keys = PyList_New(0);
    PyObject *dicts[3] = {names, colors, layers};
    if (!keys)
        return -1;
    for (int i = 0; i < 3; i++) {
        if (!PyDict_Check(dicts[i]))
            continue;
        PyObject *k, *v;
        Py_ssize_t pos = 0;
        while (PyDict_Next(dicts[i], &pos, &k, &v))
            if (PySequence_Contains(keys, k) == 0 && PyList_Append(keys, k) < 0) {
                Py_DECREF(keys);
                return -1;
            }
    }
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(keys); i++) {
        PyObject *k = PyList_GET_ITEM(keys, i);
        int sl = zk_caf_add_subshape(d, lab, cq_shape_get(k));
        if (sl == -2) {
            PyErr_SetString(PyExc_ValueError, "Invalid subshape");
            rc = -1;
            break;
        }
        if (sl < 0) {
            rc = kerr("addSubshape");
            break;
        }
        PyObject *v;
        if (PyDict_Check(names) && (v = PyDict_GetItem(names, k)) && set_name(d, sl, v, "") < 0)
            rc = -1;
        if (rc == 0 && PyDict_Check(colors) && (v = PyDict_GetItem(colors, k)) && set_color(d, sl, v, 1) < 0)
            rc = -1;
        if (rc == 0 && PyDict_Check(layers) && (v = PyDict_GetItem(layers, k))) {
            const char *ln = str_or(v, NULL);
            if (!ln || zk_caf_set_layer(d, sl, ln) < 0)
                rc = ln ? kerr("layer") : -1;
        }
    }
    Py_DECREF(keys);
    return rc;
}

static int to_caf(caf_ctx *c, PyObject *el, int ancestor)
{
    PyObject *children = cq_asm_field(el, "children");
    int has_children = PyList_Check(children) && PyList_GET_SIZE(children) > 0;
    int subassy = -1, lab = -1;
    zk_trsf loc;
    if (get_trsf(cq_asm_field(el, "loc"), &loc) < 0)
        return -1;
    if (has_children) {
        subassy = zk_caf_new_shape(c->d);
        if (subassy < 0 || set_name(c->d, subassy, cq_asm_field(el, "name"), "") < 0)
            return subassy < 0 ? kerr("toCAF") : -1;
    }
    PyObject *color = truthy(cq_asm_field(el, "color")) ? cq_asm_field(el, "color") : Py_None;
    PyObject *material = truthy(cq_asm_field(el, "material")) ? cq_asm_field(el, "material") : Py_None;
    int has_obj = truthy(cq_asm_field(el, "obj"));
    if (PyErr_Occurred())
        return -1;
    if (has_obj) {
        lab = part_label(c, el, color, material, has_children);
        if (lab < 0 || subshape_labels(c->d, lab, el) < 0)
            return -1;
        if (has_children) {
            lab = zk_caf_add_component(c->d, subassy, lab, NULL);
            if (lab < 0 || set_name(c->d, lab, cq_asm_field(el, "name"), "_part") < 0)
                return lab < 0 ? kerr("toCAF") : -1;
        } else if (ancestor >= 0) {
            lab = zk_caf_add_component(c->d, ancestor, lab, &loc);
            if (lab < 0 || set_name(c->d, lab, cq_asm_field(el, "name"), "") < 0)
                return lab < 0 ? kerr("toCAF") : -1;
        }
    }
    if (!c->colored && color != Py_None) {
        if (has_children && set_color(c->d, subassy, color, 0) < 0)
            return -1;
        if (has_obj && set_color(c->d, lab, color, 0) < 0)
            return -1;
    }
    for (Py_ssize_t i = 0; has_children && i < PyList_GET_SIZE(children); i++)
        if (to_caf(c, PyList_GET_ITEM(children, i), subassy) < 0)
            return -1;
    if (ancestor >= 0 && has_children)
        return zk_caf_add_component(c->d, ancestor, subassy, &loc) < 0 ? kerr("toCAF") : subassy;
    if (ancestor >= 0)
        return ancestor;
    if (has_children) {
        zk_trsf root;
        if (get_trsf(cq_asm_field(c->root, "loc"), &root) < 0)
            return -1;
        int rv = zk_caf_set_location(c->d, subassy, &root);
        if (rv < 0 || set_name(c->d, rv, cq_asm_field(c->root, "name"), "") < 0)
            return rv < 0 ? kerr("toCAF") : -1;
        return rv;
    }
    if (has_obj) {
        int rv = zk_caf_new_shape(c->d);
        int comp = rv < 0 ? -1 : zk_caf_add_component(c->d, rv, lab, &loc);
        if (comp < 0)
            return kerr("toCAF");
        return set_name(c->d, comp, cq_asm_field(el, "name"), "") < 0 ? -1 : rv;
    }
    PyErr_SetString(PyExc_ValueError, "Cannot convert an empty assembly to CAF");
    return -1;
}

/* A new XCAF document of the assembly; *top gets the top label. NULL with an exception on error. */
static zk_caf *make_caf(PyObject *assy, int colored, int mesh, double tol, double ang_tol, int *top)
{
    if (!PyObject_TypeCheck(assy, &CQAssemblyType)) {
        PyErr_Format(PyExc_TypeError, "expected an Assembly, got %.100s", Py_TYPE(assy)->tp_name);
        return NULL;
    }
    caf_ctx c = {zk_caf_new(), colored, assy, PyDict_New(), PyDict_New()};
    int t = -1;
    if (!c.d)
        kerr("toCAF");
    else if (c.unique && c.compounds)
        t = to_caf(&c, assy, -1);
    Py_XDECREF(c.unique);
    Py_XDECREF(c.compounds);
    if (t >= 0 && (zk_caf_update(c.d) < 0 || (mesh && zk_caf_mesh(c.d, tol, ang_tol) < 0)))
        t = kerr("toCAF");
    if (t < 0) {
        zk_caf_free(c.d);
        return NULL;
    }
    if (top)
        *top = t;
    return c.d;
}

static void capsule_free(PyObject *cap)
{
    zk_caf_free(PyCapsule_GetPointer(cap, "zerocad.caf"));
}

/* toCAF(assy, coloredSTEP=False, mesh=False, tolerance=1e-3, angularTolerance=0.1, binary=True):
 * (top label index, document capsule). */
static PyObject *fn_toCAF(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = {"assy", "coloredSTEP", "mesh", "tolerance", "angularTolerance", "binary", NULL};
    PyObject *assy;
    int colored = 0, mesh = 0, binary = 1;
    double tol = 1e-3, atol = 0.1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|ppddp:toCAF", kwlist, &assy, &colored, &mesh, &tol, &atol,
                                     &binary))
        return NULL;
    int top;
    zk_caf *d = make_caf(assy, colored, mesh, tol, atol, &top);
    if (!d)
        return NULL;
    PyObject *cap = PyCapsule_New(d, "zerocad.caf", capsule_free);
    if (!cap) {
        zk_caf_free(d);
        return NULL;
    }
    return Py_BuildValue("(iN)", top, cap);
}

/* ------------------------------------------------------------------ STEP */

static const char *unit_arg(PyObject *u, char *buf, size_t n)
{
    const char *s = str_or(u, NULL);
    if (!s)
        return NULL;
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        buf[i] = (char)toupper((unsigned char)s[i]);
    buf[i] = 0;
    return buf;
}

/* Collects (subshape, name) of every node for name_geometries. */
static int named_geometries(PyObject *assy, PyObject *shapes, PyObject *names)
{
    PyObject *objects = cq_asm_field(assy, "objects");
    PyObject *k, *node;
    Py_ssize_t pos = 0;
    while (PyDict_Next(objects, &pos, &k, &node)) {
        PyObject *sn = cq_asm_field(node, "_subshape_names");
        PyObject *s, *n;
        Py_ssize_t p2 = 0;
        while (PyDict_Check(sn) && PyDict_Next(sn, &p2, &s, &n))
            if (PyList_Append(shapes, s) < 0 || PyList_Append(names, n) < 0)
                return -1;
    }
    return 0;
}

static int write_step(zk_caf *d, PyObject *path, int pcurves, int precision, PyObject *unit, PyObject *out_unit,
                      PyObject *named_shapes, PyObject *named_names)
{
    char ub[16], ob[16];
    const char *u = unit_arg(unit, ub, sizeof ub);
    const char *o = out_unit != Py_None ? unit_arg(out_unit, ob, sizeof ob) : u;
    const char *p = str_or(path, NULL);
    if (!u || !o || !p) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "path and units must be str");
        return -1;
    }
    Py_ssize_t n = named_shapes ? PyList_GET_SIZE(named_shapes) : 0;
    zk_shape **shapes = PyMem_Calloc((size_t)n + 1, sizeof *shapes);
    const char **names = PyMem_Calloc((size_t)n + 1, sizeof *names);
    int rc = -1;
    if (!shapes || !names) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        shapes[i] = cq_shape_get(PyList_GET_ITEM(named_shapes, i));
        names[i] = str_or(PyList_GET_ITEM(named_names, i), "");
        if (!shapes[i] || !names[i])
            goto done;
    }
    rc = zk_caf_write_step(d, p, pcurves, precision, u, o, shapes, names, (size_t)n) < 0 ? kerr("STEP export") : 0;
done:
    PyMem_Free(shapes);
    PyMem_Free(names);
    return rc;
}

static zk_caf *make_fused_caf(PyObject *assy, int glue, double tol);

/* exportAssembly(assy, path, mode="default", unit="MM", outputUnit=None, **kwargs) */
static PyObject *fn_exportAssembly(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    PyObject *kwargs = kw ? PyDict_Copy(kw) : PyDict_New();
    if (!kwargs)
        return NULL;
    static const char *const OPTS[] = {"write_pcurves", "precision_mode", "fuzzy_tol", "glue", "name_geometries"};
    PyObject *opt[5] = {NULL, NULL, NULL, NULL, NULL};
    for (int i = 0; i < 5; i++) {
        opt[i] = PyDict_GetItemString(kwargs, OPTS[i]);
        Py_XINCREF(opt[i]);
        if (opt[i])
            PyDict_DelItemString(kwargs, OPTS[i]);
    }
    static char *kwlist[] = {"assy", "path", "mode", "unit", "outputUnit", NULL};
    PyObject *assy, *path, *mode = NULL, *unit = NULL, *out_unit = Py_None, *r = NULL;
    PyObject *nshapes = NULL, *nnames = NULL;
    zk_caf *d = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO|OOO:exportAssembly", kwlist, &assy, &path, &mode, &unit,
                                     &out_unit))
        goto done;
    if (!unit)
        unit = PyUnicode_FromString("MM");
    else
        Py_INCREF(unit);
    int pcurves = !(opt[0] && PyObject_IsTrue(opt[0]) == 0);
    int precision = opt[1] ? (int)PyLong_AsLong(opt[1]) : 0;
    if (PyErr_Occurred())
        goto done_unit;
    int fused = mode && PyUnicode_Check(mode) && PyUnicode_CompareWithASCIIString(mode, "fused") == 0;
    if (fused) {
        double tol = (opt[2] && opt[2] != Py_None) ? PyFloat_AsDouble(opt[2]) : 0.0;
        if (PyErr_Occurred())
            goto done_unit;
        d = make_fused_caf(assy, opt[3] && PyObject_IsTrue(opt[3]) == 1, tol);
    } else {
        d = make_caf(assy, 1, 0, 0, 0, NULL);
    }
    if (!d)
        goto done_unit;
    nshapes = PyList_New(0);
    nnames = PyList_New(0);
    if (!nshapes || !nnames)
        goto done_unit;
    if (opt[4] && PyObject_IsTrue(opt[4]) == 1 && named_geometries(assy, nshapes, nnames) < 0)
        goto done_unit;
    if (write_step(d, path, pcurves, precision, unit, out_unit, nshapes, nnames) == 0)
        r = Py_NewRef(Py_True);
done_unit:
    Py_XDECREF(unit);
done:
    zk_caf_free(d);
    Py_XDECREF(nshapes);
    Py_XDECREF(nnames);
    for (int i = 0; i < 5; i++)
        Py_XDECREF(opt[i]);
    Py_DECREF(kwargs);
    return r;
}

/* exportStepMeta: a flat part per leaf node with faces named/coloured/layered. */
static int meta_child(zk_caf *d, PyObject *root, PyObject *child, int assy_label)
{
    int has;
    PyObject *shape = cq_asm_part_shape(child, &has);
    if (!has)
        return PyErr_Occurred() ? -1 : 0;
    if (!shape)
        return -1;
    PyObject *dicts[3] = {NULL, NULL, NULL};
    static const char *const SUB[] = {"_subshape_names", "_subshape_colors", "_subshape_layers"};
    int rc = -1, any = 0;
    zk_trsf loc;
    for (int i = 0; i < 3; i++) {
        dicts[i] = PyDict_Copy(cq_asm_field(root, SUB[i]));
        if (!dicts[i] || PyDict_Update(dicts[i], cq_asm_field(child, SUB[i])) < 0)
            goto done;
        any |= PyDict_Size(dicts[i]) > 0;
    }
    if (get_trsf(cq_asm_field(child, "loc"), &loc) < 0)
        goto done;
    int pl = zk_caf_add_shape(d, cq_shape_get(shape));
    if (pl < 0 || set_name(d, pl, cq_asm_field(child, "name"), "") < 0) {
        if (pl < 0)
            kerr("exportStepMeta");
        goto done;
    }
    PyObject *color = cq_asm_field(child, "color");
    if (truthy(color) && set_color(d, pl, color, 1) < 0)
        goto done;
    int cl = zk_caf_add_component(d, assy_label, pl, &loc);
    if (cl < 0 || set_name(d, cl, cq_asm_field(child, "name"), "") < 0) {
        if (cl < 0)
            kerr("exportStepMeta");
        goto done;
    }
    if (any) {
        PyObject *faces = cq_shape_explore(cq_shape_get(shape), ZK_FACE);
        if (!faces)
            goto done;
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(faces); i++) {
            PyObject *f = PyList_GET_ITEM(faces, i), *v[3];
            for (int j = 0; j < 3; j++)
                v[j] = PyDict_GetItem(dicts[j], f);
            if (!v[0] && !v[1] && !v[2])
                continue;
            int fl = zk_caf_add_subshape(d, pl, cq_shape_get(f));
            if (fl < 0)
                continue;
            if ((v[0] && set_name(d, fl, v[0], "") < 0) || (v[1] && set_color(d, fl, v[1], 1) < 0) ||
                (v[2] && zk_caf_set_layer(d, fl, str_or(v[2], "")) < 0)) {
                Py_DECREF(faces);
                if (!PyErr_Occurred())
                    kerr("exportStepMeta");
                goto done;
            }
        }
        Py_DECREF(faces);
    }
    rc = 0;
done:
    for (int i = 0; i < 3; i++)
        Py_XDECREF(dicts[i]);
    Py_DECREF(shape);
    return rc;
}

static int meta_assembly(zk_caf *d, PyObject *root, PyObject *assy, int parent)
{
    int al = zk_caf_new_shape(d);
    if (al < 0)
        return kerr("exportStepMeta");
    PyObject *name = cq_asm_field(assy, "name");
    if (set_name(d, al, name, "") < 0)
        return -1;
    if (parent >= 0) {
        zk_trsf loc;
        if (get_trsf(cq_asm_field(assy, "loc"), &loc) < 0)
            return -1;
        if (zk_caf_add_component(d, parent, al, &loc) < 0)
            return kerr("exportStepMeta");
    }
    PyObject *children = cq_asm_field(assy, "children");
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(children); i++) {
        PyObject *ch = PyList_GET_ITEM(children, i);
        PyObject *cc = cq_asm_field(ch, "children");
        int rc = (PyList_Check(cc) && PyList_GET_SIZE(cc) > 0) ? meta_assembly(d, root, ch, al)
                                                               : meta_child(d, root, ch, al);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static PyObject *fn_exportStepMeta(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = {"assy", "path", "write_pcurves", "precision_mode", "unit", "outputUnit", NULL};
    PyObject *assy, *path, *unit = NULL, *out_unit = Py_None;
    int pcurves = 1, precision = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|piOO:exportStepMeta", kwlist, &assy, &path, &pcurves, &precision,
                                     &unit, &out_unit))
        return NULL;
    if (!PyObject_TypeCheck(assy, &CQAssemblyType)) {
        PyErr_SetString(PyExc_TypeError, "exportStepMeta() expects an Assembly");
        return NULL;
    }
    PyObject *u = unit ? (Py_INCREF(unit), unit) : PyUnicode_FromString("MM");
    zk_caf *d = zk_caf_new();
    PyObject *r = NULL;
    if (!d)
        kerr("exportStepMeta");
    else if (u && meta_assembly(d, assy, assy, -1) == 0 && zk_caf_update(d) == 0 &&
             write_step(d, path, pcurves, precision, u, out_unit, NULL, NULL) == 0)
        r = Py_NewRef(Py_True);
    zk_caf_free(d);
    Py_XDECREF(u);
    return r;
}

/* ------------------------------------------------------------------ fused STEP */

static zk_caf *make_fused_caf(PyObject *assy, int glue, double tol)
{
    PyObject *items = cq_asm_iter_list(assy);
    if (!items)
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(items);
    if (n == 0) {
        Py_DECREF(items);
        PyErr_Format(PyExc_ValueError, "Error: Assembly %S has no shapes.", cq_asm_field(assy, "name"));
        return NULL;
    }
    zk_shape **shapes = PyMem_Calloc((size_t)n, sizeof *shapes);
    double(*colors)[4] = PyMem_Calloc((size_t)n, sizeof *colors);
    int *has_color = PyMem_Calloc((size_t)n, sizeof *has_color);
    zk_caf *d = NULL;
    Py_ssize_t made = 0;
    if (!shapes || !colors || !has_color) {
        PyErr_NoMemory();
        goto done;
    }
    for (; made < n; made++) {
        PyObject *t = PyList_GET_ITEM(items, made);
        zk_trsf loc;
        if (get_trsf(PyTuple_GET_ITEM(t, 2), &loc) < 0)
            goto done;
        zk_shape *moved = zk_moved(cq_shape_get(PyTuple_GET_ITEM(t, 0)), &loc);
        shapes[made] = moved ? zk_copy(moved) : NULL;
        zk_unref(moved);
        if (!shapes[made]) {
            kerr("fused export");
            goto done;
        }
        PyObject *col = PyTuple_GET_ITEM(t, 3);
        if (PyObject_TypeCheck(col, &CQColorType)) {
            memcpy(colors[made], ((CQColor *)col)->rgba, sizeof colors[made]);
            has_color[made] = 1;
        }
    }
    d = zk_caf_new();
    const char *name = str_or(cq_asm_field(assy, "name"), "");
    if (!d || zk_caf_add_fused(d, shapes, (const double(*)[4])colors, has_color, (size_t)n, glue, tol, name) < 0) {
        kerr("fused export");
        zk_caf_free(d);
        d = NULL;
    }
done:
    for (Py_ssize_t i = 0; i < made; i++)
        zk_unref(shapes[i]);
    PyMem_Free(shapes);
    PyMem_Free(colors);
    PyMem_Free(has_color);
    Py_DECREF(items);
    return d;
}

static PyObject *fn_toFusedCAF(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = {"assy", "glue", "tol", NULL};
    PyObject *assy, *tolobj = Py_None;
    int glue = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|pO:toFusedCAF", kwlist, &assy, &glue, &tolobj))
        return NULL;
    double tol = tolobj == Py_None ? 0.0 : PyFloat_AsDouble(tolobj);
    if (PyErr_Occurred())
        return NULL;
    zk_caf *d = make_fused_caf(assy, glue, tol);
    if (!d)
        return NULL;
    PyObject *cap = PyCapsule_New(d, "zerocad.caf", capsule_free);
    if (!cap) {
        zk_caf_free(d);
        return NULL;
    }
    return Py_BuildValue("(iN)", 0, cap);
}


/* ------------------------------------------------------------------ imprint */

/* imprint(assy, tol=0.0, glue="partial"): (imprinted shape, {solid: (names of its origins)}) */
static PyObject *fn_imprint(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = {"assy", "tol", "glue", NULL};
    PyObject *assy, *glueobj = NULL;
    double tol = 0.0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|dO:imprint", kwlist, &assy, &tol, &glueobj))
        return NULL;
    int glue = 1;
    if (glueobj && !truthy(glueobj))
        glue = 0;
    else if (glueobj && PyUnicode_Check(glueobj) && PyUnicode_CompareWithASCIIString(glueobj, "full") == 0)
        glue = 2;
    PyObject *items = PyObject_TypeCheck(assy, &CQAssemblyType) ? cq_asm_iter_list(assy) : NULL;
    if (!items) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "imprint() expects an Assembly");
        return NULL;
    }
    PyObject *solids = PyList_New(0), *names = PyList_New(0), *r = NULL, *last_obj = NULL;
    for (Py_ssize_t i = 0; solids && names && i < PyList_GET_SIZE(items); i++) {
        PyObject *t = PyList_GET_ITEM(items, i);
        zk_trsf loc;
        if (get_trsf(PyTuple_GET_ITEM(t, 2), &loc) < 0)
            goto done;
        last_obj = PyTuple_GET_ITEM(t, 0);
        zk_shape *moved = zk_moved(cq_shape_get(last_obj), &loc);
        PyObject *m = moved ? cq_shape_wrap(moved) : cq_raise_kernel_error("imprint");
        PyObject *ss = m ? cq_shape_explore(cq_shape_get(m), ZK_SOLID) : NULL;
        Py_XDECREF(m);
        if (!ss)
            goto done;
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(ss); j++)
            if (PyList_Append(solids, PyList_GET_ITEM(ss, j)) < 0 || PyList_Append(names, PyTuple_GET_ITEM(t, 1)) < 0) {
                Py_DECREF(ss);
                goto done;
            }
        Py_DECREF(ss);
    }
    if (!solids || !names)
        goto done;
    Py_ssize_t n = PyList_GET_SIZE(solids);
    if (n == 0) {
        PyErr_SetString(PyExc_ValueError, "Cannot imprint assemblies without solids.");
        goto done;
    }
    if (n == 1) {
        r = Py_BuildValue("(O{O(O)})", PyList_GET_ITEM(solids, 0), last_obj, PyList_GET_ITEM(names, 0));
        goto done;
    }
    zk_shape **in = PyMem_Calloc((size_t)n, sizeof *in);
    if (!in) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        in[i] = cq_shape_get(PyList_GET_ITEM(solids, i));
    zk_shape *res = NULL, **outs = NULL;
    size_t nout = 0;
    int *flags = NULL;
    int rc = zk_imprint(in, (size_t)n, glue, tol, &res, &outs, &nout, &flags);
    PyMem_Free(in);
    if (rc < 0) {
        cq_raise_kernel_error("imprint");
        goto done;
    }
    PyObject *shape = cq_shape_wrap(res);
    PyObject *origins = PyDict_New();
    for (size_t i = 0; shape && origins && i < nout; i++) {
        PyObject *ids = PyList_New(0);
        for (Py_ssize_t j = 0; ids && j < n; j++)
            if (flags[i * (size_t)n + (size_t)j] && PyList_Append(ids, PyList_GET_ITEM(names, j)) < 0)
                Py_CLEAR(ids);
        PyObject *tup = ids ? PyList_AsTuple(ids) : NULL;
        PyObject *sol = tup ? cq_shape_wrap(zk_ref(outs[i])) : NULL;
        if (!sol || PyDict_SetItem(origins, sol, tup) < 0)
            Py_CLEAR(origins);
        Py_XDECREF(sol);
        Py_XDECREF(tup);
        Py_XDECREF(ids);
    }
    zk_free_list(outs, nout);
    free(flags);
    if (shape && origins)
        r = PyTuple_Pack(2, shape, origins);
    Py_XDECREF(shape);
    Py_XDECREF(origins);
done:
    Py_XDECREF(solids);
    Py_XDECREF(names);
    Py_DECREF(items);
    return r;
}

/* ------------------------------------------------------------------ XBF/XML, glTF, VRML */

static PyObject *fn_exportCAF(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = {"assy", "path", "binary", NULL};
    PyObject *assy, *path;
    int binary = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OU|p:exportCAF", kwlist, &assy, &path, &binary))
        return NULL;
    zk_caf *d = make_caf(assy, 0, 0, 0, 0, NULL);
    if (!d)
        return NULL;
    int rc = zk_caf_save(d, PyUnicode_AsUTF8(path), binary);
    zk_caf_free(d);
    if (rc < 0)
        return cq_raise_kernel_error("exportCAF");
    Py_RETURN_TRUE;
}

static PyObject *fn_exportGLTF(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = {"assy", "path", "binary", "tolerance", "angularTolerance", NULL};
    PyObject *assy, *path, *binobj = Py_None;
    double tol = 1e-3, atol = 0.1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OU|Odd:exportGLTF", kwlist, &assy, &path, &binobj, &tol, &atol))
        return NULL;
    const char *p = PyUnicode_AsUTF8(path);
    int binary;
    if (binobj == Py_None) {
        const char *dot = strrchr(p, '.');
        binary = !(dot && strcmp(dot, ".gltf") == 0);
    } else {
        binary = PyObject_IsTrue(binobj);
    }
    if (!PyObject_TypeCheck(assy, &CQAssemblyType)) {
        PyErr_SetString(PyExc_TypeError, "exportGLTF() expects an Assembly");
        return NULL;
    }
    /* glTF is Y-up: the assembly is turned -90 degrees about X while written */
    PyObject *orig = cq_asm_field(assy, "loc");
    Py_INCREF(orig);
    zk_trsf t, r, out;
    if (get_trsf(orig, &t) < 0) {
        Py_DECREF(orig);
        return NULL;
    }
    zt_rotation(&r, (zk_vec){1, 0, 0}, -3.14159265358979323846 / 2);
    zt_mul(&t, &r, &out);
    PyObject *turned = cq_location_new(&out);
    zk_caf *d = NULL;
    if (turned && PyObject_SetAttrString(assy, "loc", turned) == 0)
        d = make_caf(assy, 1, 1, tol, atol, NULL);
    Py_XDECREF(turned);
    int restored = PyObject_SetAttrString(assy, "loc", orig);
    Py_DECREF(orig);
    if (!d || restored < 0) {
        zk_caf_free(d);
        return NULL;
    }
    int rc = zk_caf_write_gltf(d, p, binary);
    zk_caf_free(d);
    if (rc < 0)
        return cq_raise_kernel_error("exportGLTF");
    Py_RETURN_TRUE;
}

static PyObject *fn_exportVRML(PyObject *mod, PyObject *args, PyObject *kw)
{
    (void)mod;
    static char *kwlist[] = {"assy", "path", "tolerance", "angularTolerance", NULL};
    PyObject *assy, *path;
    double tol = 1e-3, atol = 0.1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OU|dd:exportVRML", kwlist, &assy, &path, &tol, &atol))
        return NULL;
    zk_caf *d = make_caf(assy, 0, 1, tol, atol, NULL);
    if (!d)
        return NULL;
    int rc = zk_caf_write_vrml(d, PyUnicode_AsUTF8(path));
    zk_caf_free(d);
    if (rc < 0)
        return cq_raise_kernel_error("exportVRML");
    Py_RETURN_NONE;
}

/* ------------------------------------------------------------------ Assembly.export / save */

static PyObject *call_fn(PyCFunction f, PyObject *args, PyObject *kw)
{
    return ((PyObject * (*)(PyObject *, PyObject *, PyObject *))(void (*)(void))f)(NULL, args, kw);
}

static PyObject *asm_export(PyObject *self, PyObject *args, PyObject *kw)
{
    PyObject *kwargs = kw ? PyDict_Copy(kw) : PyDict_New();
    if (!kwargs)
        return NULL;
    static const char *const EXTRA[] = {"ascii", "write_pcurves", "precision_mode", "fuzzy_tol", "glue",
                                        "name_geometries"};
    PyObject *extra = PyDict_New();
    for (int i = 0; extra && i < 6; i++) {
        PyObject *v = PyDict_GetItemString(kwargs, EXTRA[i]);
        if (v && (PyDict_SetItemString(extra, EXTRA[i], v) < 0 || PyDict_DelItemString(kwargs, EXTRA[i]) < 0))
            Py_CLEAR(extra);
    }
    static char *kwlist[] = {"path", "exportType", "mode", "tolerance", "angularTolerance", "unit", "outputUnit",
                             NULL};
    PyObject *path, *etype = Py_None, *mode = NULL, *unit = NULL, *out_unit = Py_None, *r = NULL, *a = NULL;
    double tol = 0.1, atol = 0.1;
    if (!extra || !PyArg_ParseTupleAndKeywords(args, kwargs, "U|OOddOO:export", kwlist, &path, &etype, &mode, &tol,
                                               &atol, &unit, &out_unit))
        goto done;
    const char *m = mode ? str_or(mode, "?") : "default";
    if (strcmp(m, "default") != 0 && strcmp(m, "fused") != 0) {
        PyErr_Format(PyExc_ValueError, "Unknown assembly export mode %S for STEP", mode);
        goto done;
    }
    char t[16] = "";
    if (etype == Py_None) {
        const char *p = PyUnicode_AsUTF8(path), *dot = strrchr(p, '.');
        snprintf(t, sizeof t, "%s", dot ? dot + 1 : p);
        for (char *c = t; *c; c++)
            *c = (char)toupper((unsigned char)*c);
        static const char *const KNOWN[] = {"STEP", "XML", "XBF", "VRML", "VTKJS", "GLTF", "GLB", "STL"};
        int ok = 0;
        for (int i = 0; i < 8; i++)
            ok |= strcmp(t, KNOWN[i]) == 0;
        if (!ok || strlen(dot ? dot + 1 : p) >= sizeof t) {
            PyErr_SetString(PyExc_ValueError, "Unknown extension, specify export type explicitly");
            goto done;
        }
    } else {
        snprintf(t, sizeof t, "%s", str_or(etype, "?"));
    }
    if (strcmp(t, "STEP") == 0) {
        a = Py_BuildValue("(OO)", self, path);
        PyObject *kk = PyDict_Copy(extra);
        if (a && kk && PyDict_SetItemString(kk, "mode", mode ? mode : Py_None) == 0 &&
            (!mode ? PyDict_DelItemString(kk, "mode") == 0 : 1) &&
            (!unit || PyDict_SetItemString(kk, "unit", unit) == 0) &&
            PyDict_SetItemString(kk, "outputUnit", out_unit) == 0) {
            PyDict_DelItemString(kk, "ascii") < 0 ? PyErr_Clear() : (void)0;
            r = call_fn((PyCFunction)(void (*)(void))fn_exportAssembly, a, kk);
        }
        Py_XDECREF(kk);
    } else if (strcmp(t, "XML") == 0 || strcmp(t, "XBF") == 0) {
        a = Py_BuildValue("(OOi)", self, path, t[1] == 'B');
        r = a ? call_fn((PyCFunction)(void (*)(void))fn_exportCAF, a, NULL) : NULL;
    } else if (strcmp(t, "VRML") == 0) {
        a = Py_BuildValue("(OOdd)", self, path, tol, atol);
        r = a ? call_fn((PyCFunction)(void (*)(void))fn_exportVRML, a, NULL) : NULL;
    } else if (strcmp(t, "GLTF") == 0 || strcmp(t, "GLB") == 0) {
        a = Py_BuildValue("(OOOdd)", self, path, Py_None, tol, atol);
        r = a ? call_fn((PyCFunction)(void (*)(void))fn_exportGLTF, a, NULL) : NULL;
    } else if (strcmp(t, "STL") == 0) {
        PyObject *asc = PyDict_GetItemString(extra, "ascii");
        PyObject *c = PyObject_CallMethod(self, "toCompound", NULL);
        r = c ? PyObject_CallMethod(c, "exportStl", "OddO", path, tol, atol,
                                    asc && PyObject_IsTrue(asc) == 1 ? Py_True : Py_False) : NULL;
        Py_XDECREF(c);
    } else if (strcmp(t, "VTKJS") == 0) {
        PyErr_SetString(PyExc_NotImplementedError, "VTKJS export is not supported by zerocad (no VTK)");
    } else {
        PyErr_Format(PyExc_ValueError, "Unknown format: %s", t);
    }
    if (r) {
        Py_DECREF(r);
        r = Py_NewRef(self);
    }
done:
    Py_XDECREF(a);
    Py_XDECREF(extra);
    Py_DECREF(kwargs);
    return r;
}

/* ------------------------------------------------------------------ import */

typedef struct {
    zk_caf *d;
    PyObject *cls;
} imp_ctx;

static PyObject *label_name(zk_caf *d, int lab)
{
    char *s = zk_caf_name(d, lab);
    if (!s) {
        cq_raise_kernel_error("assembly import");
        return NULL;
    }
    PyObject *r = PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
    free(s);
    return r;
}

static PyObject *label_loc(zk_caf *d, int lab)
{
    zk_trsf t;
    int identity;
    if (zk_caf_location(d, lab, &t, &identity) < 0)
        return cq_raise_kernel_error("assembly import");
    if (identity)
        zt_identity(&t);
    return cq_location_new(&t);
}

static PyObject *label_color(zk_caf *d, int lab)
{
    double c[4];
    int r = zk_caf_ref_color(d, lab, c);
    if (r < 0)
        return cq_raise_kernel_error("assembly import");
    return r ? cq_color_new(c) : Py_NewRef(Py_None);
}

static PyObject *label_material(zk_caf *d, int lab)
{
    char *n = NULL, *de = NULL, *u = NULL;
    double density = 0;
    int r = zk_caf_material(d, lab, &n, &de, &density, &u);
    PyObject *m = r < 0 ? cq_raise_kernel_error("assembly import")
                        : r ? cq_material_new(n, de, density, u) : Py_NewRef(Py_None);
    free(n);
    free(de);
    free(u);
    return m;
}

static PyObject *call_kw(PyObject *callable, PyObject *args, const char *fmt, ...);

static int add_subshape_kw(PyObject *node, PyObject *shape, const char *key, PyObject *value)
{
    PyObject *kw = Py_BuildValue("{sO}", key, value);
    PyObject *a = PyTuple_Pack(1, shape);
    PyObject *m = PyObject_GetAttrString(node, "addSubshape");
    PyObject *r = (kw && a && m) ? PyObject_Call(m, a, kw) : NULL;
    Py_XDECREF(kw);
    Py_XDECREF(a);
    Py_XDECREF(m);
    Py_XDECREF(r);
    return r ? 0 : -1;
}

static int import_subshapes(imp_ctx *c, int ref, PyObject *current)
{
    int *subs = NULL;
    size_t n = 0;
    if (zk_caf_subshapes(c->d, ref, &subs, &n) < 0)
        return kerr("assembly import");
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        PyObject *shape = cq_shape_wrap(zk_caf_shape(c->d, subs[i]));
        PyObject *name = shape ? label_name(c->d, subs[i]) : NULL;
        rc = name ? 0 : -1;
        if (rc == 0 && PyUnicode_GET_LENGTH(name) > 0)
            rc = add_subshape_kw(current, shape, "name", name);
        char **layers = NULL;
        size_t nl = 0;
        if (rc == 0 && zk_caf_layers(c->d, subs[i], &layers, &nl) < 0)
            rc = kerr("assembly import");
        for (size_t j = 0; j < nl; j++) {
            PyObject *ln = rc == 0 ? PyUnicode_FromString(layers[j]) : NULL;
            if (rc == 0 && (!ln || add_subshape_kw(current, shape, "layer", ln) < 0))
                rc = -1;
            Py_XDECREF(ln);
            free(layers[j]);
        }
        free(layers);
        PyObject *color = rc == 0 ? label_color(c->d, subs[i]) : NULL;
        if (rc == 0 && (!color || (color != Py_None && add_subshape_kw(current, shape, "color", color) < 0)))
            rc = -1;
        Py_XDECREF(color);
        Py_XDECREF(name);
        Py_XDECREF(shape);
    }
    free(subs);
    return rc;
}

static int process_label(imp_ctx *c, int lbl, PyObject *parent);

static int process_component(imp_ctx *c, int comp, PyObject *parent)
{
    int kind = zk_caf_kind(c->d, comp);
    if (kind < 0)
        return kerr("assembly import");
    if (!(kind & ZK_CAF_REFERENCE))
        return 0;
    int ref = zk_caf_referred(c->d, comp);
    if (ref < 0)
        return kerr("assembly import");
    int rkind = zk_caf_kind(c->d, ref);
    PyObject *comp_name = label_name(c->d, comp), *loc = label_loc(c->d, comp);
    PyObject *color = label_color(c->d, comp), *material = label_material(c->d, comp);
    PyObject *ref_name = NULL, *sub = NULL, *shape = NULL, *r = NULL, *current = NULL;
    int rc = -1;
    if (!comp_name || !loc || !color || !material || rkind < 0)
        goto done;
    if (rkind & ZK_CAF_ASSEMBLY) {
        ref_name = label_name(c->d, ref);
        sub = ref_name ? call_kw(c->cls, NULL, "{sO}", "name", ref_name) : NULL;
        if (!sub || process_label(c, ref, sub) < 0)
            goto done;
        PyObject *a = PyTuple_Pack(1, sub);
        PyObject *kw = Py_BuildValue("{sOsOsOsO}", "loc", loc, "name", ref_name, "color", color, "material", material);
        PyObject *m = PyObject_GetAttrString(parent, "add");
        r = (a && kw && m) ? PyObject_Call(m, a, kw) : NULL;
        Py_XDECREF(a);
        Py_XDECREF(kw);
        Py_XDECREF(m);
        rc = r ? 0 : -1;
    } else if (rkind & ZK_CAF_SIMPLE) {
        shape = cq_shape_wrap(zk_caf_shape(c->d, ref));
        if (!shape)
            goto done;
        if (color == Py_None) {
            double cc[4];
            int f = zk_caf_shape_color(c->d, cq_shape_get(shape), cc);
            if (f < 0) {
                kerr("assembly import");
                goto done;
            }
            if (f) {
                Py_DECREF(color);
                color = cq_color_new(cc);
                if (!color)
                    goto done;
            }
        }
        if (material == Py_None) {
            Py_DECREF(material);
            material = label_material(c->d, ref);
            if (!material)
                goto done;
        }
        PyObject *suffix = PyUnicode_FromString("_part");
        int is_part = suffix ? PyUnicode_Tailmatch(comp_name, suffix, 0, PY_SSIZE_T_MAX, 1) : -1;
        Py_XDECREF(suffix);
        if (is_part < 0)
            goto done;
        if (is_part) {
            if (PyObject_SetAttrString(parent, "obj", shape) < 0 || PyObject_SetAttrString(parent, "loc", loc) < 0 ||
                PyObject_SetAttrString(parent, "color", color) < 0)
                goto done;
            current = Py_NewRef(parent);
        } else {
            PyObject *a = PyTuple_Pack(1, shape);
            PyObject *tmp = a ? call_kw(c->cls, a, "{sOsOsOsO}", "loc", loc, "name", comp_name, "color", color,
                                        "material", material) : NULL;
            Py_XDECREF(a);
            r = tmp ? PyObject_CallMethod(parent, "add", "O", tmp) : NULL;
            Py_XDECREF(tmp);
            current = r ? PyObject_GetItem(parent, comp_name) : NULL;
            if (!current)
                goto done;
        }
        rc = import_subshapes(c, ref, current);
    } else {
        rc = 0;
    }
done:
    Py_XDECREF(comp_name);
    Py_XDECREF(loc);
    Py_XDECREF(color);
    Py_XDECREF(material);
    Py_XDECREF(ref_name);
    Py_XDECREF(sub);
    Py_XDECREF(shape);
    Py_XDECREF(r);
    Py_XDECREF(current);
    return rc;
}

static int process_label(imp_ctx *c, int lbl, PyObject *parent)
{
    int *comps = NULL;
    size_t n = 0;
    if (zk_caf_components(c->d, lbl, &comps, &n) < 0)
        return kerr("assembly import");
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = process_component(c, comps[i], parent);
    free(comps);
    return rc;
}

static PyObject *call_kw(PyObject *callable, PyObject *args, const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    PyObject *kw = Py_VaBuildValue(fmt, va);
    va_end(va);
    PyObject *a = args ? Py_NewRef(args) : PyTuple_New(0);
    PyObject *r = (kw && a) ? PyObject_Call(callable, a, kw) : NULL;
    Py_XDECREF(kw);
    Py_XDECREF(a);
    return r;
}

static int near_identity(const zk_trsf *t)
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            if (fabs(t->m[i][j] - (i == j ? 1.0 : 0.0)) > 1e-12)
                return 0;
    return 1;
}

static int import_doc(zk_caf *d, PyObject *assy)
{
    int *tops = NULL;
    size_t n = 0;
    if (zk_caf_free_shapes(d, &tops, &n) < 0)
        return kerr("assembly import");
    if (n == 0) {
        free(tops);
        PyErr_SetString(PyExc_ValueError, "Step file does not contain an assembly");
        return -1;
    }
    int top = tops[0];
    free(tops);
    imp_ctx c = {d, (PyObject *)Py_TYPE(assy)};
    PyObject *color = label_color(d, top);
    if (!color)
        return -1;
    int kind = zk_caf_kind(d, top);
    if (kind >= 0 && (kind & ZK_CAF_REFERENCE)) {
        top = zk_caf_referred(d, top);
        kind = top < 0 ? -1 : zk_caf_kind(d, top);
    }
    if (kind < 0) {
        Py_DECREF(color);
        return kerr("assembly import");
    }
    if (!((kind & ZK_CAF_TOP) && (kind & ZK_CAF_ASSEMBLY))) {
        Py_DECREF(color);
        PyErr_SetString(PyExc_ValueError, "Step file does not contain an assembly");
        return -1;
    }
    int rc = -1;
    PyObject *name = label_name(d, top), *imported = NULL, *children = NULL;
    zk_trsf t;
    int identity;
    if (!name)
        goto done;
    if (PyUnicode_GET_LENGTH(name) > 0) {
        PyObject *objects = cq_asm_field(assy, "objects");
        if (PyDict_DelItem(objects, cq_asm_field(assy, "name")) < 0 || PyObject_SetAttrString(assy, "name", name) < 0 ||
            PyDict_SetItem(objects, name, assy) < 0)
            goto done;
    }
    if (color != Py_None && PyObject_SetAttrString(assy, "color", color) < 0)
        goto done;
    if (zk_caf_location(d, top, &t, &identity) < 0) {
        kerr("assembly import");
        goto done;
    }
    if (near_identity(&t))
        zt_identity(&t);
    PyObject *loc = cq_location_new(&t);
    if (!loc || PyObject_SetAttrString(assy, "loc", loc) < 0) {
        Py_XDECREF(loc);
        goto done;
    }
    Py_DECREF(loc);
    imported = PyObject_CallNoArgs(c.cls);
    if (!imported || process_label(&c, top, imported) < 0)
        goto done;
    int has = PySequence_Contains(imported, cq_asm_field(assy, "name"));
    if (has < 0)
        goto done;
    if (has) {
        PyObject *inner = PyObject_GetItem(imported, cq_asm_field(assy, "name"));
        if (!inner)
            goto done;
        Py_SETREF(imported, inner);
        if (PyObject_SetAttrString(assy, "loc", cq_asm_field(imported, "loc")) < 0)
            goto done;
    }
    /* the root's own part (a "<name>_part" component): CadQuery leaves it out, we keep it */
    if (truthy(cq_asm_field(imported, "obj")) && PyObject_SetAttrString(assy, "obj", cq_asm_field(imported, "obj")) < 0)
        goto done;
    children = PySequence_List(cq_asm_field(imported, "children"));
    if (!children)
        goto done;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(children); i++) {
        PyObject *ch = PyList_GET_ITEM(children, i);
        PyObject *a = PyTuple_Pack(1, ch);
        PyObject *m = PyObject_GetAttrString(assy, "add");
        PyObject *kw = Py_BuildValue("{sOsOsO}", "name", cq_asm_field(ch, "name"), "color", cq_asm_field(ch, "color"),
                                     "loc", cq_asm_field(ch, "loc"));
        PyObject *r = (a && m && kw) ? PyObject_Call(m, a, kw) : NULL;
        Py_XDECREF(a);
        Py_XDECREF(m);
        Py_XDECREF(kw);
        if (!r)
            goto done;
        Py_DECREF(r);
    }
    rc = 0;
done:
    Py_DECREF(color);
    Py_XDECREF(name);
    Py_XDECREF(imported);
    Py_XDECREF(children);
    return rc;
}

/* Assembly.load(path, importType=None, unit="MM") */
static PyObject *asm_load(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"path", "importType", "unit", NULL};
    PyObject *path, *itype = Py_None, *unit = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OO:load", kwlist, &path, &itype, &unit))
        return NULL;
    PyObject *fs = PyOS_FSPath(path);
    if (!fs)
        return NULL;
    PyObject *ps = PyObject_Str(fs);
    Py_DECREF(fs);
    if (!ps)
        return NULL;
    const char *p = PyUnicode_AsUTF8(ps);
    char t[16] = "";
    if (itype == Py_None) {
        const char *dot = strrchr(p, '.');
        snprintf(t, sizeof t, "%s", dot ? dot + 1 : "");
        for (char *c = t; *c; c++)
            *c = (char)toupper((unsigned char)*c);
    } else {
        snprintf(t, sizeof t, "%s", str_or(itype, ""));
    }
    if (strcmp(t, "STEP") != 0 && strcmp(t, "XML") != 0 && strcmp(t, "XBF") != 0) {
        Py_DECREF(ps);
        PyErr_SetString(PyExc_ValueError, "Unknown extension, specify import type explicitly");
        return NULL;
    }
    char ub[16];
    const char *u = unit ? unit_arg(unit, ub, sizeof ub) : "MM";
    PyObject *assy = u ? PyObject_CallNoArgs(cls) : NULL;
    zk_caf *d = NULL;
    if (assy) {
        d = strcmp(t, "STEP") == 0 ? zk_caf_read_step(p, u) : zk_caf_open(p);
        if (!d) {
            PyErr_Format(PyExc_ValueError, "%s", zk_error_message());
            Py_CLEAR(assy);
        } else if (import_doc(d, assy) < 0) {
            Py_CLEAR(assy);
        }
    }
    zk_caf_free(d);
    Py_DECREF(ps);
    return assy;
}

static PyObject *asm_importStep(PyObject *cls, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"path", "unit", NULL};
    PyObject *path, *unit = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:importStep", kwlist, &path, &unit))
        return NULL;
    PyObject *a = Py_BuildValue("(Os)", path, "STEP");
    PyObject *k = unit ? Py_BuildValue("{sO}", "unit", unit) : NULL;
    PyObject *r = a ? asm_load(cls, a, k) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(k);
    return r;
}

PyMethodDef cq_asm_caf_methods[] = {
    {"export", (PyCFunction)(void (*)(void))asm_export, METH_VARARGS | METH_KEYWORDS,
     "write STEP, XML, XBF, VRML, glTF/GLB or STL"},
    {"save", (PyCFunction)(void (*)(void))asm_export, METH_VARARGS | METH_KEYWORDS,
     "write STEP, XML, XBF, VRML, glTF/GLB or STL"},
    {"load", (PyCFunction)(void (*)(void))asm_load, METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "read an assembly from STEP, XML or XBF"},
    {"importStep", (PyCFunction)(void (*)(void))asm_importStep, METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "read an assembly from STEP"},
    {NULL, NULL, 0, NULL}
};

PyMethodDef cq_occ_assembly_functions[] = {
    {"toCAF", (PyCFunction)(void (*)(void))fn_toCAF, METH_VARARGS | METH_KEYWORDS,
     "XCAF document of an assembly: (label index, document)"},
    {"toFusedCAF", (PyCFunction)(void (*)(void))fn_toFusedCAF, METH_VARARGS | METH_KEYWORDS,
     "XCAF document of the fused assembly"},
    {"imprint", (PyCFunction)(void (*)(void))fn_imprint, METH_VARARGS | METH_KEYWORDS,
     "imprint the solids: (shape, {solid: names of its origins})"},
    {NULL, NULL, 0, NULL}
};

PyMethodDef cq_exp_assembly_functions[] = {
    {"exportAssembly", (PyCFunction)(void (*)(void))fn_exportAssembly, METH_VARARGS | METH_KEYWORDS,
     "write an assembly as STEP"},
    {"exportStepMeta", (PyCFunction)(void (*)(void))fn_exportStepMeta, METH_VARARGS | METH_KEYWORDS,
     "write an assembly as STEP with named/coloured faces and layers"},
    {"exportCAF", (PyCFunction)(void (*)(void))fn_exportCAF, METH_VARARGS | METH_KEYWORDS,
     "write an assembly as XCAF XML or XBF"},
    {"exportGLTF", (PyCFunction)(void (*)(void))fn_exportGLTF, METH_VARARGS | METH_KEYWORDS,
     "write an assembly as glTF or GLB"},
    {"exportVRML", (PyCFunction)(void (*)(void))fn_exportVRML, METH_VARARGS | METH_KEYWORDS,
     "write an assembly as VRML"},
    {NULL, NULL, 0, NULL}
};

/* ExportModes (DEFAULT, FUSED) in cadquery.exporters, where the submodules find it. */
int cq_asm_caf_init(PyObject *module)
{
    PyObject *exporters = PyObject_GetAttrString(module, "exporters");
    if (!exporters)
        return -1;
    PyObject *ns = Py_BuildValue("{ssss}", "DEFAULT", "default", "FUSED", "fused");
    PyObject *modes = ns ? PyObject_CallFunction((PyObject *)&PyType_Type, "s()O", "ExportModes", ns) : NULL;
    Py_XDECREF(ns);
    int rc = modes ? PyObject_SetAttrString(exporters, "ExportModes", modes) : -1;
    Py_XDECREF(modes);
    Py_DECREF(exporters);
    return rc;
}
