/* assembly.c: cadquery.Assembly, the tree (CadQuery's assembly.py): construction, add (a part
 * or a copy of a sub-assembly, unique names), remove, the `objects` map of path names
 * ("sub/part"), traversal and iteration, toCompound, subshape metadata (addSubshape) and the
 * `assy["name"]` / `assy.name` access. Every field lives in the instance __dict__ as in
 * CadQuery, so they are all assignable. Export/import: assembly_caf.c; constraints:
 * assembly_solve.c; Color and Material: assembly_color.c. */
#include "assembly_internal.h"

#include <string.h>

PyObject *cq_asm_field(PyObject *assy, const char *name)
{
    PyObject *d = ((CQAssembly *)assy)->dict;
    PyObject *v = d ? PyDict_GetItemString(d, name) : NULL;
    return v ? v : Py_None;
}

static int set_field(PyObject *assy, const char *name, PyObject *value)
{
    return PyObject_SetAttrString(assy, name, value);
}

static int truthy(PyObject *o)
{
    return o && o != Py_None && PyObject_IsTrue(o) == 1;
}

/* ------------------------------------------------------------------ construction */

static PyObject *new_uuid_name(void)
{
    PyObject *uuid = PyImport_ImportModule("uuid");
    if (!uuid)
        return NULL;
    PyObject *u = PyObject_CallMethod(uuid, "uuid1", NULL);
    Py_DECREF(uuid);
    if (!u)
        return NULL;
    PyObject *s = PyObject_Str(u);
    Py_DECREF(u);
    return s;
}

static int asm_init(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"obj", "loc", "name", "color", "material", "metadata", NULL};
    PyObject *obj = Py_None, *loc = Py_None, *name = Py_None, *color = Py_None, *material = Py_None,
             *meta = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOOOOO:Assembly", kwlist, &obj, &loc, &name, &color,
                                     &material, &meta))
        return -1;
    if (truthy(loc) && !PyObject_TypeCheck(loc, &CQLocationType)) {
        PyErr_SetString(PyExc_TypeError, "loc must be a Location");
        return -1;
    }
    PyObject *l = NULL, *n = NULL, *m = NULL, *children = NULL, *constraints = NULL, *objects = NULL;
    PyObject *names = NULL, *colors = NULL, *layers = NULL;
    int rc = -1;
    if (truthy(loc)) {
        l = loc;
        Py_INCREF(l);
    } else {
        zk_trsf id;
        zt_identity(&id);
        l = cq_location_new(&id);
    }
    n = truthy(name) ? (Py_INCREF(name), name) : new_uuid_name();
    m = truthy(meta) ? (Py_INCREF(meta), meta) : PyDict_New();
    children = PyList_New(0);
    constraints = PyList_New(0);
    objects = PyDict_New();
    names = PyDict_New();
    colors = PyDict_New();
    layers = PyDict_New();
    if (!l || !n || !m || !children || !constraints || !objects || !names || !colors || !layers)
        goto done;
    if (PyDict_SetItem(objects, n, self) < 0)
        goto done;
    if (set_field(self, "obj", obj) < 0 || set_field(self, "loc", l) < 0 || set_field(self, "name", n) < 0 ||
        set_field(self, "color", truthy(color) ? color : Py_None) < 0 ||
        set_field(self, "material", truthy(material) ? material : Py_None) < 0 ||
        set_field(self, "metadata", m) < 0 || set_field(self, "parent", Py_None) < 0 ||
        set_field(self, "children", children) < 0 || set_field(self, "constraints", constraints) < 0 ||
        set_field(self, "objects", objects) < 0 || set_field(self, "_solve_result", Py_None) < 0 ||
        set_field(self, "_subshape_names", names) < 0 || set_field(self, "_subshape_colors", colors) < 0 ||
        set_field(self, "_subshape_layers", layers) < 0)
        goto done;
    rc = 0;
done:
    Py_XDECREF(l);
    Py_XDECREF(n);
    Py_XDECREF(m);
    Py_XDECREF(children);
    Py_XDECREF(constraints);
    Py_XDECREF(objects);
    Py_XDECREF(names);
    Py_XDECREF(colors);
    Py_XDECREF(layers);
    return rc;
}

static PyObject *asm_make(PyTypeObject *type, PyObject *obj, PyObject *loc, PyObject *name, PyObject *color,
                          PyObject *material, PyObject *meta)
{
    return PyObject_CallFunctionObjArgs((PyObject *)type, obj, loc, name, color, material, meta, NULL);
}

/* _flatten(parents): {"p/q/name": assy, ...} of the whole subtree. */
static int flatten_into(PyObject *self, PyObject *prefix, PyObject *out)
{
    PyObject *name = cq_asm_field(self, "name");
    PyObject *path = prefix ? PyUnicode_FromFormat("%U/%U", prefix, name) : (Py_INCREF(name), name);
    if (!path)
        return -1;
    PyObject *children = cq_asm_field(self, "children");
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(children); i++)
        rc = flatten_into(PyList_GET_ITEM(children, i), path, out);
    if (rc == 0)
        rc = PyDict_SetItem(out, path, self);
    Py_DECREF(path);
    return rc;
}

static PyObject *asm_flatten(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *out = PyDict_New();
    if (out && flatten_into(self, NULL, out) < 0)
        Py_CLEAR(out);
    return out;
}

static PyObject *asm_copy(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *rv = asm_make(Py_TYPE(self), cq_asm_field(self, "obj"), cq_asm_field(self, "loc"),
                            cq_asm_field(self, "name"), cq_asm_field(self, "color"),
                            cq_asm_field(self, "material"), cq_asm_field(self, "metadata"));
    if (!rv)
        return NULL;
    static const char *const SUB[] = {"_subshape_names", "_subshape_colors", "_subshape_layers"};
    for (int i = 0; i < 3; i++) {
        PyObject *c = PyDict_Copy(cq_asm_field(self, SUB[i]));
        if (!c || set_field(rv, SUB[i], c) < 0) {
            Py_XDECREF(c);
            Py_DECREF(rv);
            return NULL;
        }
        Py_DECREF(c);
    }
    PyObject *children = cq_asm_field(self, "children");
    PyObject *rv_children = cq_asm_field(rv, "children"), *rv_objects = cq_asm_field(rv, "objects");
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(children); i++) {
        PyObject *ch = asm_copy(PyList_GET_ITEM(children, i), NULL);
        if (!ch || set_field(ch, "parent", rv) < 0 || PyList_Append(rv_children, ch) < 0 ||
            PyDict_SetItem(rv_objects, cq_asm_field(ch, "name"), ch) < 0 ||
            PyDict_Update(rv_objects, cq_asm_field(ch, "objects")) < 0) {
            Py_XDECREF(ch);
            Py_DECREF(rv);
            return NULL;
        }
        Py_DECREF(ch);
    }
    return rv;
}

/* kwargs.get(key) if truthy, else the fallback (borrowed). */
static PyObject *or_else(PyObject *v, PyObject *fallback)
{
    return truthy(v) ? v : fallback;
}

static PyObject *add_assembly(PyObject *self, PyObject *arg, PyObject *loc, PyObject *name, PyObject *color,
                              PyObject *material, PyObject *meta)
{
    PyObject *nm = or_else(name, cq_asm_field(arg, "name"));
    int has = PyDict_Contains(cq_asm_field(self, "objects"), nm);
    if (has < 0)
        return NULL;
    if (has) {
        PyErr_Format(PyExc_ValueError, "Unique name is required. %S is already in the assembly", nm);
        return NULL;
    }
    PyObject *sub = asm_copy(arg, NULL);
    if (!sub)
        return NULL;
    PyObject *mat = cq_asm_ensure_material(or_else(material, cq_asm_field(arg, "material")));
    PyObject *flat = NULL;
    int ok = mat && set_field(sub, "loc", or_else(loc, cq_asm_field(arg, "loc"))) == 0 &&
             set_field(sub, "name", nm) == 0 &&
             set_field(sub, "color", or_else(color, cq_asm_field(arg, "color"))) == 0 &&
             set_field(sub, "material", mat) == 0 &&
             set_field(sub, "metadata", or_else(meta, cq_asm_field(arg, "metadata"))) == 0 &&
             set_field(sub, "parent", self) == 0 && PyList_Append(cq_asm_field(self, "children"), sub) == 0 &&
             (flat = asm_flatten(sub, NULL)) != NULL && PyDict_Update(cq_asm_field(self, "objects"), flat) == 0;
    Py_XDECREF(mat);
    Py_XDECREF(flat);
    Py_DECREF(sub);
    if (!ok)
        return NULL;
    Py_INCREF(self);
    return self;
}

static PyObject *asm_add(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"obj", "loc", "name", "color", "material", "metadata", NULL};
    PyObject *obj, *loc = Py_None, *name = Py_None, *color = Py_None, *material = Py_None, *meta = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOOOO:add", kwlist, &obj, &loc, &name, &color, &material,
                                     &meta))
        return NULL;
    if (PyObject_TypeCheck(obj, &CQAssemblyType))
        return add_assembly(self, obj, loc, name, color, material, meta);
    PyObject *mat = cq_asm_ensure_material(material);
    if (!mat)
        return NULL;
    PyObject *assy = asm_make(Py_TYPE(self), obj, loc, name, color, mat, meta);
    Py_DECREF(mat);
    if (!assy)
        return NULL;
    PyObject *r = NULL;
    if (set_field(assy, "parent", self) == 0)
        r = add_assembly(self, assy, Py_None, Py_None, Py_None, Py_None, Py_None);
    Py_DECREF(assy);
    return r;
}

static PyObject *asm_remove(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"name", NULL};
    PyObject *name;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "U:remove", kwlist, &name))
        return NULL;
    PyObject *objects = cq_asm_field(self, "objects");
    PyObject *target = PyDict_GetItemWithError(objects, name);
    if (!target) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_ValueError, "No object with name '%U' found in the assembly", name);
        return NULL;
    }
    Py_INCREF(target);
    PyObject *parent = cq_asm_field(target, "parent");
    PyObject *flat = NULL;
    int ok = 1;
    if (truthy(parent)) {
        PyObject *r = PyObject_CallMethod(cq_asm_field(parent, "children"), "remove", "O", target);
        ok = r != NULL;
        Py_XDECREF(r);
    }
    ok = ok && PyDict_DelItem(objects, name) == 0 && (flat = asm_flatten(target, NULL)) != NULL;
    if (ok) {
        PyObject *key, *val;
        Py_ssize_t pos = 0;
        while (ok && PyDict_Next(flat, &pos, &key, &val))
            if (PyDict_Contains(objects, key) == 1)
                ok = PyDict_DelItem(objects, key) == 0;
    }
    ok = ok && set_field(target, "parent", Py_None) == 0;
    Py_XDECREF(flat);
    Py_DECREF(target);
    if (!ok)
        return NULL;
    Py_INCREF(self);
    return self;
}

/* ------------------------------------------------------------------ shapes, traversal */

PyObject *cq_asm_shapes(PyObject *assy)
{
    PyObject *obj = cq_asm_field(assy, "obj");
    if (cq_shape_check(obj)) {
        PyObject *one = PyList_New(1);
        if (one)
            PyList_SET_ITEM(one, 0, Py_NewRef(obj));
        return one;
    }
    PyObject *out = PyList_New(0);
    if (!out || !cq_wp_check(obj))
        return out;
    PyObject *items = ((CQWorkplane *)obj)->objects;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++)
        if (cq_shape_check(PyList_GET_ITEM(items, i)) && PyList_Append(out, PyList_GET_ITEM(items, i)) < 0) {
            Py_DECREF(out);
            return NULL;
        }
    return out;
}

PyObject *cq_asm_part_shape(PyObject *assy, int *has_part)
{
    PyObject *obj = cq_asm_field(assy, "obj");
    *has_part = truthy(obj);
    if (PyErr_Occurred())
        return NULL;
    if (!*has_part)
        return NULL;
    if (cq_shape_check(obj)) {
        Py_INCREF(obj);
        return obj;
    }
    PyObject *shapes = cq_asm_shapes(assy);
    if (!shapes)
        return NULL;
    PyObject *c = cq_compound_of_list(shapes);
    Py_DECREF(shapes);
    return c;
}

static PyObject *asm_get_shapes(PyObject *self, void *closure)
{
    (void)closure;
    return cq_asm_shapes(self);
}

static int traverse_into(PyObject *self, PyObject *out)
{
    PyObject *children = cq_asm_field(self, "children");
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(children); i++)
        if (traverse_into(PyList_GET_ITEM(children, i), out) < 0)
            return -1;
    PyObject *t = PyTuple_Pack(2, cq_asm_field(self, "name"), self);
    int rc = t ? PyList_Append(out, t) : -1;
    Py_XDECREF(t);
    return rc;
}

static PyObject *asm_traverse(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *out = PyList_New(0);
    if (!out || traverse_into(self, out) < 0) {
        Py_XDECREF(out);
        return NULL;
    }
    PyObject *it = PyObject_GetIter(out);
    Py_DECREF(out);
    return it;
}

static int iter_into(PyObject *self, PyObject *loc, PyObject *name, PyObject *color, PyObject *out)
{
    PyObject *own = cq_asm_field(self, "name");
    PyObject *nm = name ? PyUnicode_FromFormat("%U/%U", name, own) : (Py_INCREF(own), own);
    PyObject *l = loc ? PyNumber_Multiply(loc, cq_asm_field(self, "loc"))
                      : (Py_INCREF(cq_asm_field(self, "loc")), cq_asm_field(self, "loc"));
    PyObject *col = truthy(cq_asm_field(self, "color")) ? cq_asm_field(self, "color") : (color ? color : Py_None);
    int rc = -1, has = 0;
    if (!nm || !l)
        goto done;
    PyObject *shape = cq_asm_part_shape(self, &has);
    if (has) {
        if (!shape)
            goto done;
        PyObject *t = PyTuple_Pack(4, shape, nm, l, col);
        Py_DECREF(shape);
        if (!t || PyList_Append(out, t) < 0) {
            Py_XDECREF(t);
            goto done;
        }
        Py_DECREF(t);
    } else if (PyErr_Occurred()) {
        goto done;
    }
    PyObject *children = cq_asm_field(self, "children");
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(children); i++)
        if (iter_into(PyList_GET_ITEM(children, i), l, nm, col, out) < 0)
            goto done;
    rc = 0;
done:
    Py_XDECREF(nm);
    Py_XDECREF(l);
    return rc;
}

PyObject *cq_asm_iter_list(PyObject *assy)
{
    PyObject *out = PyList_New(0);
    if (out && iter_into(assy, NULL, NULL, NULL, out) < 0)
        Py_CLEAR(out);
    return out;
}

static PyObject *asm_iter(PyObject *self)
{
    PyObject *l = cq_asm_iter_list(self);
    if (!l)
        return NULL;
    PyObject *it = PyObject_GetIter(l);
    Py_DECREF(l);
    return it;
}

static PyObject *asm_toCompound(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *shapes = cq_asm_shapes(self);
    if (!shapes)
        return NULL;
    PyObject *children = cq_asm_field(self, "children");
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(children); i++) {
        PyObject *c = asm_toCompound(PyList_GET_ITEM(children, i), NULL);
        if (!c || PyList_Append(shapes, c) < 0) {
            Py_XDECREF(c);
            Py_DECREF(shapes);
            return NULL;
        }
        Py_DECREF(c);
    }
    PyObject *comp = cq_compound_of_list(shapes);
    Py_DECREF(shapes);
    if (!comp)
        return NULL;
    zk_trsf t;
    if (cq_location_get(cq_asm_field(self, "loc"), &t) < 0) {
        Py_DECREF(comp);
        return NULL;
    }
    PyObject *r = cq_shape_wrap(zk_located(cq_shape_get(comp), &t));
    Py_DECREF(comp);
    return r;
}

/* ------------------------------------------------------------------ subshapes and access */

static int contains_subshape(PyObject *assy, PyObject *s)
{
    PyObject *shapes = cq_asm_shapes(assy);
    if (!shapes)
        return -1;
    int found = 0;
    for (Py_ssize_t i = 0; !found && i < PyList_GET_SIZE(shapes); i++) {
        found = zk_contains_subshape(cq_shape_get(PyList_GET_ITEM(shapes, i)), cq_shape_get(s));
        if (found < 0) {
            Py_DECREF(shapes);
            cq_raise_kernel_error("addSubshape");
            return -1;
        }
    }
    Py_DECREF(shapes);
    return found;
}

static PyObject *asm_addSubshape(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"s", "name", "color", "layer", NULL};
    PyObject *s, *name = Py_None, *color = Py_None, *layer = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OOO:addSubshape", kwlist, &s, &name, &color, &layer))
        return NULL;
    if (!cq_shape_check(s)) {
        PyErr_Format(PyExc_TypeError, "addSubshape() expects a Shape, got %.100s", Py_TYPE(s)->tp_name);
        return NULL;
    }
    PyObject *target = NULL;
    int found = contains_subshape(self, s);
    if (found < 0)
        return NULL;
    if (found) {
        target = self;
    } else {
        if (PyErr_WarnEx(PyExc_UserWarning,
                         "Current node does not contain any Shapes, searching in subnodes. In the future this "
                         "will result in an error.", 1) < 0)
            return NULL;
        PyObject *children = cq_asm_field(self, "children");
        for (Py_ssize_t i = 0; !target && i < PyList_GET_SIZE(children); i++) {
            int f = contains_subshape(PyList_GET_ITEM(children, i), s);
            if (f < 0)
                return NULL;
            if (f)
                target = PyList_GET_ITEM(children, i);
        }
        if (!target) {
            PyErr_Format(PyExc_ValueError, "%R is not a subshape of the current node or its children", s);
            return NULL;
        }
    }
    if ((truthy(name) && PyDict_SetItem(cq_asm_field(target, "_subshape_names"), s, name) < 0) ||
        (truthy(color) && PyDict_SetItem(cq_asm_field(target, "_subshape_colors"), s, color) < 0) ||
        (truthy(layer) && PyDict_SetItem(cq_asm_field(target, "_subshape_layers"), s, layer) < 0))
        return NULL;
    Py_INCREF(self);
    return self;
}

/* The subshapes named `name` (new list, maybe empty). */
static PyObject *named_subshapes(PyObject *self, PyObject *name)
{
    PyObject *out = PyList_New(0);
    PyObject *names = cq_asm_field(self, "_subshape_names");
    if (!out || !PyDict_Check(names))
        return out;
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(names, &pos, &k, &v)) {
        int eq = PyObject_RichCompareBool(v, name, Py_EQ);
        if (eq < 0 || (eq && PyList_Append(out, k) < 0)) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

/* objects[name], else the named subshape(s); NULL without error when neither. */
static PyObject *lookup(PyObject *self, PyObject *name)
{
    PyObject *objects = cq_asm_field(self, "objects");
    if (PyDict_Check(objects)) {
        PyObject *v = PyDict_GetItemWithError(objects, name);
        if (v || PyErr_Occurred()) {
            Py_XINCREF(v);
            return v;
        }
    }
    PyObject *subs = named_subshapes(self, name);
    if (!subs || PyList_GET_SIZE(subs) == 0) {
        Py_XDECREF(subs);
        return NULL;
    }
    PyObject *r;
    if (PyList_GET_SIZE(subs) == 1) {
        r = PyList_GET_ITEM(subs, 0);
        Py_INCREF(r);
    } else {
        r = cq_compound_of_list(subs);
    }
    Py_DECREF(subs);
    return r;
}

static PyObject *asm_getitem(PyObject *self, PyObject *name)
{
    PyObject *r = lookup(self, name);
    if (!r && !PyErr_Occurred())
        PyErr_SetObject(PyExc_KeyError, name);
    return r;
}

static int asm_contains(PyObject *self, PyObject *name)
{
    PyObject *r = lookup(self, name);
    if (r) {
        Py_DECREF(r);
        return 1;
    }
    return PyErr_Occurred() ? -1 : 0;
}

static PyObject *asm_getattro(PyObject *self, PyObject *name)
{
    PyObject *r = PyObject_GenericGetAttr(self, name);
    if (r || !PyErr_ExceptionMatches(PyExc_AttributeError))
        return r;
    const char *s = PyUnicode_AsUTF8(name);
    if (!s || s[0] == '_')   /* dunders and private fields: no tree lookup */
        return NULL;
    PyErr_Clear();
    r = lookup(self, name);
    if (!r && !PyErr_Occurred())
        PyErr_Format(PyExc_AttributeError, "%U is not an attribute of %R", name, self);
    return r;
}

/* Keys of objects and the subshape names: _ipython_key_completions_. */
static PyObject *asm_key_completions(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *out = PySequence_List(cq_asm_field(self, "objects"));
    PyObject *names = cq_asm_field(self, "_subshape_names");
    if (!out || !PyDict_Check(names))
        return out;
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(names, &pos, &k, &v))
        if (PySequence_Contains(out, v) == 0 && PyList_Append(out, v) < 0) {
            Py_DECREF(out);
            return NULL;
        }
    return out;
}

static PyObject *asm_dir(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *out = PySequence_List(((CQAssembly *)self)->dict);
    PyObject *type_dir = PyObject_Dir((PyObject *)Py_TYPE(self));
    PyObject *children = cq_asm_field(self, "children");
    if (!out || !type_dir || PyList_SetSlice(out, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, type_dir) < 0)
        goto fail;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(children); i++)
        if (PyList_Append(out, cq_asm_field(PyList_GET_ITEM(children, i), "name")) < 0)
            goto fail;
    PyObject *keys = asm_key_completions(self, NULL);
    if (!keys || PyList_SetSlice(out, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, keys) < 0) {
        Py_XDECREF(keys);
        goto fail;
    }
    Py_DECREF(keys);
    Py_DECREF(type_dir);
    return out;
fail:
    Py_XDECREF(out);
    Py_XDECREF(type_dir);
    return NULL;
}

static PyObject *asm_getstate(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *d = ((CQAssembly *)self)->dict;
    if (!d)
        return PyDict_New();
    Py_INCREF(d);
    return d;
}

static PyObject *asm_setstate(PyObject *self, PyObject *state)
{
    if (!PyDict_Check(state)) {
        PyErr_SetString(PyExc_TypeError, "Assembly state must be a dict");
        return NULL;
    }
    PyObject *d = PyDict_Copy(state);
    if (!d)
        return NULL;
    Py_XSETREF(((CQAssembly *)self)->dict, d);
    Py_RETURN_NONE;
}

/* ------------------------------------------------------------------ type */

static int asm_gc_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((CQAssembly *)self)->dict);
    return 0;
}

static int asm_clear(PyObject *self)
{
    Py_CLEAR(((CQAssembly *)self)->dict);
    return 0;
}

static void asm_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    asm_clear(self);
    Py_TYPE(self)->tp_free(self);
}

static PyObject *asm_repr(PyObject *self)
{
    return PyUnicode_FromFormat("<cadquery.Assembly %S>", cq_asm_field(self, "name"));
}

static PyMethodDef asm_methods[] = {
    {"add", (PyCFunction)(void (*)(void))asm_add, METH_VARARGS | METH_KEYWORDS, "add a part or sub-assembly"},
    {"remove", (PyCFunction)(void (*)(void))asm_remove, METH_VARARGS | METH_KEYWORDS,
     "remove a part or sub-assembly by name"},
    {"_copy", asm_copy, METH_NOARGS, "deep copy of the tree"},
    {"_flatten", asm_flatten, METH_NOARGS, "path name -> assembly of the subtree"},
    {"traverse", asm_traverse, METH_NOARGS, "(name, assembly) pairs, bottom-up"},
    {"toCompound", asm_toCompound, METH_NOARGS, "Compound of the parts, located"},
    {"addSubshape", (PyCFunction)(void (*)(void))asm_addSubshape, METH_VARARGS | METH_KEYWORDS,
     "name, colour and layer of a subshape"},
    {"_ipython_key_completions_", asm_key_completions, METH_NOARGS, "names for [] access"},
    {"__dir__", asm_dir, METH_NOARGS, "attributes, children and subshape names"},
    {"__getstate__", asm_getstate, METH_NOARGS, "pickle support"},
    {"__setstate__", asm_setstate, METH_O, "pickle support"},
    {NULL, NULL, 0, NULL}
};

static PyGetSetDef asm_getset[] = {
    {"shapes", asm_get_shapes, NULL, "the Shapes of the part", NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static PyMappingMethods asm_mapping = {.mp_subscript = asm_getitem};
static PySequenceMethods asm_sequence = {.sq_contains = asm_contains};

PyTypeObject CQAssemblyType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "cadquery.Assembly",
    .tp_basicsize = sizeof(CQAssembly),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Nested assembly of Workplane and Shape objects defining their relative positions.",
    .tp_new = PyType_GenericNew,
    .tp_init = asm_init,
    .tp_dealloc = asm_dealloc,
    .tp_traverse = asm_gc_traverse,
    .tp_clear = asm_clear,
    .tp_repr = asm_repr,
    .tp_iter = asm_iter,
    .tp_getattro = asm_getattro,
    .tp_as_mapping = &asm_mapping,
    .tp_as_sequence = &asm_sequence,
    .tp_methods = asm_methods,
    .tp_getset = asm_getset,
    .tp_dictoffset = offsetof(CQAssembly, dict),
};

int cq_assembly_init(PyObject *module)
{
    if (PyType_Ready(&CQAssemblyType) < 0 || PyType_Ready(&CQColorType) < 0 ||
        PyType_Ready(&CQMaterialType) < 0)
        return -1;
    if (cq_add_methods(&CQAssemblyType, cq_asm_caf_methods) < 0 ||
        cq_add_methods(&CQAssemblyType, cq_asm_solve_methods) < 0)
        return -1;
    PyTypeObject *types[] = {&CQAssemblyType, &CQColorType, &CQMaterialType};
    const char *names[] = {"Assembly", "Color", "Material"};
    for (int i = 0; i < 3; i++) {
        Py_INCREF(types[i]);
        if (PyModule_AddObject(module, names[i], (PyObject *)types[i]) < 0) {
            Py_DECREF(types[i]);
            return -1;
        }
    }
    return cq_asm_caf_init(module) < 0 || cq_asm_solve_init(module) < 0 || cq_dxf_init(module) < 0 ? -1 : 0;
}
