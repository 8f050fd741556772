/* cqgi.c: cadquery.cqgi, the CadQuery Gateway Interface that CQ-editor and cq-cli use to run a
 * script: parse(source) -> CQModel, whose metadata lists the script's top-level constant
 * assignments (numbers, strings, booleans, tuples) as parameters (descriptions from
 * describe_parameter(var, "text") calls), and whose build(params) executes the script with those
 * constants replaced (in the parsed tree), collecting show_object() and debug() calls into a
 * BuildResult (success, results, first_result, debugObjects, exception, buildTime). The classes
 * are ordinary Python classes made here; their methods are C functions bound through
 * PyInstanceMethod, so scripts and callers see CadQuery's attributes. */
#include "cq_internal.h"

#include <time.h>

#define CQSCRIPT "<cqscript>"

/* The module's classes, looked up by name when one method needs another class. */
static PyObject *cqgi_module;

static PyObject *cls(const char *name)
{
    return PyObject_GetAttrString(cqgi_module, name);
}

static PyObject *new_of(const char *name)
{
    PyObject *c = cls(name);
    PyObject *o = c ? PyObject_CallNoArgs(c) : NULL;
    Py_XDECREF(c);
    return o;
}

static int set(PyObject *o, const char *attr, PyObject *v)
{
    return v ? PyObject_SetAttrString(o, attr, v) : -1;
}

/* set() that steals v */
static int set_new(PyObject *o, const char *attr, PyObject *v)
{
    int rc = set(o, attr, v);
    Py_XDECREF(v);
    return rc;
}

#define SELF(args) PyTuple_GET_ITEM(args, 0)

static int need_self(PyObject *args, Py_ssize_t min, Py_ssize_t max, const char *fn)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    if (n < min || n > max) {
        PyErr_Format(PyExc_TypeError, "%s() takes %zd to %zd arguments (%zd given)", fn, min - 1, max - 1, n - 1);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ small classes */

static PyObject *shape_result_init(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 1, 1, "ShapeResult") < 0 || set(SELF(args), "shape", Py_None) < 0 ||
        set(SELF(args), "options", Py_None) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *build_result_init(PyObject *m, PyObject *args)
{
    (void)m;
    PyObject *s = SELF(args);
    if (need_self(args, 1, 1, "BuildResult") < 0 || set(s, "buildTime", Py_None) < 0 ||
        set_new(s, "results", PyList_New(0)) < 0 || set_new(s, "debugObjects", PyList_New(0)) < 0 ||
        set(s, "first_result", Py_None) < 0 || set(s, "success", Py_False) < 0 || set(s, "exception", Py_None) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *build_result_set_failure(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 2, 2, "set_failure_result") < 0 || set(SELF(args), "exception", PyTuple_GET_ITEM(args, 1)) < 0 ||
        set(SELF(args), "success", Py_False) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *build_result_set_debug(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 2, 2, "set_debug") < 0 || set(SELF(args), "debugObjects", PyTuple_GET_ITEM(args, 1)) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *build_result_set_success(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 2, 2, "set_success_result") < 0)
        return NULL;
    PyObject *s = SELF(args), *results = PyTuple_GET_ITEM(args, 1);
    if (set(s, "results", results) < 0)
        return NULL;
    Py_ssize_t n = PyObject_Length(results);
    if (n < 0)
        return NULL;
    if (n > 0 && set_new(s, "first_result", PySequence_GetItem(results, 0)) < 0)
        return NULL;
    if (set(s, "success", Py_True) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *metadata_init(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 1, 1, "ScriptMetadata") < 0 || set_new(SELF(args), "parameters", PyDict_New()) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *metadata_add_parameter(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 2, 2, "add_script_parameter") < 0)
        return NULL;
    PyObject *params = PyObject_GetAttrString(SELF(args), "parameters");
    PyObject *name = params ? PyObject_GetAttrString(PyTuple_GET_ITEM(args, 1), "name") : NULL;
    int rc = name ? PyObject_SetItem(params, name, PyTuple_GET_ITEM(args, 1)) : -1;
    Py_XDECREF(name);
    Py_XDECREF(params);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *metadata_add_description(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 3, 3, "add_parameter_description") < 0)
        return NULL;
    PyObject *params = PyObject_GetAttrString(SELF(args), "parameters");
    PyObject *p = params ? PyObject_GetItem(params, PyTuple_GET_ITEM(args, 1)) : NULL;
    int rc = p ? set(p, "desc", PyTuple_GET_ITEM(args, 2)) : -1;
    Py_XDECREF(p);
    Py_XDECREF(params);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* ------------------------------------------------------------------ InputParameter */

static PyObject *param_init(PyObject *m, PyObject *args)
{
    (void)m;
    PyObject *s = SELF(args);
    if (need_self(args, 1, 1, "InputParameter") < 0 || set(s, "default_value", Py_None) < 0 ||
        set(s, "name", Py_None) < 0 || set(s, "varType", Py_None) < 0 || set(s, "desc", Py_None) < 0 ||
        set_new(s, "valid_values", PyList_New(0)) < 0 || set(s, "ast_node", Py_None) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* InputParameter.create(ast_node, var_name, var_type, default_value, valid_values=None, desc=None) */
static PyObject *param_create(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"ast_node", "var_name", "var_type", "default_value", "valid_values", "desc", NULL};
    PyObject *node, *name, *type, *dflt, *valid = Py_None, *desc = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOOO|OO:create", kwlist, &node, &name, &type, &dflt, &valid, &desc))
        return NULL;
    PyObject *p = new_of("InputParameter");
    if (!p)
        return NULL;
    if (set(p, "ast_node", node) < 0 || set(p, "default_value", dflt) < 0 || set(p, "name", name) < 0 ||
        set(p, "desc", desc) < 0 || set(p, "varType", type) < 0 ||
        (valid != Py_None ? set(p, "valid_values", valid) : 0) < 0)
        Py_CLEAR(p);
    return p;
}

static PyObject *invalid_parameter(const char *fmt, PyObject *value, PyObject *name)
{
    PyObject *exc = cls("InvalidParameterError");
    if (exc)
        PyErr_Format(exc, fmt, value, name);
    Py_XDECREF(exc);
    return NULL;
}

static int is_type(PyObject *vartype, const char *name)
{
    PyObject *c = cls(name);
    int r = c && vartype == c;
    Py_XDECREF(c);
    PyErr_Clear();
    return r;
}

/* InputParameter.set_value(v): writes v into the assignment's tree node, by the parameter's type. */
static PyObject *param_set_value(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 2, 2, "set_value") < 0)
        return NULL;
    PyObject *s = SELF(args), *v = PyTuple_GET_ITEM(args, 1);
    PyObject *valid = PyObject_GetAttrString(s, "valid_values");
    PyObject *name = valid ? PyObject_GetAttrString(s, "name") : NULL;
    PyObject *type = name ? PyObject_GetAttrString(s, "varType") : NULL;
    PyObject *node = type ? PyObject_GetAttrString(s, "ast_node") : NULL;
    PyObject *r = NULL;
    if (!node)
        goto done;
    Py_ssize_t nvalid = PyObject_Length(valid);
    if (nvalid < 0)
        goto done;
    if (nvalid > 0 && PySequence_Contains(valid, v) == 0) {
        invalid_parameter("Cannot set value '%S' for parameter '%S': not a valid value.", v, name);
        goto done;
    }
    PyObject *nv = NULL;
    if (is_type(type, "NumberParameterType")) {
        nv = PyLong_Check(v) ? PyNumber_Long(v) : PyNumber_Float(v);
        if (!nv) {
            if (!PyErr_ExceptionMatches(PyExc_ValueError) && !PyErr_ExceptionMatches(PyExc_TypeError))
                goto done;
            PyErr_Clear();
            invalid_parameter("Cannot set value '%S' for parameter '%S': parameter must be numeric.", v, name);
            goto done;
        }
    } else if (is_type(type, "StringParameterType")) {
        nv = PyObject_Str(v);
    } else if (is_type(type, "BooleanParameterType")) {
        int t = PyObject_IsTrue(v);
        nv = t < 0 ? NULL : PyBool_FromLong(t);
    } else if (is_type(type, "TupleParameterType")) {
        PyObject *ast = PyImport_ImportModule("ast");
        PyObject *items = ast ? PySequence_List(v) : NULL;
        for (Py_ssize_t i = 0; items && i < PyList_GET_SIZE(items); i++) {
            PyObject *c = PyObject_CallMethod(ast, "Constant", NULL);
            if (!c || set(c, "value", PyList_GET_ITEM(items, i)) < 0) {
                Py_XDECREF(c);
                Py_CLEAR(items);
                break;
            }
            PyList_SetItem(items, i, c);
        }
        int rc = items ? set(node, "elts", items) : -1;
        PyObject *fixed = rc == 0 ? PyObject_CallMethod(ast, "fix_missing_locations", "(O)", node) : NULL;
        Py_XDECREF(fixed);
        Py_XDECREF(items);
        Py_XDECREF(ast);
        if (fixed)
            r = Py_NewRef(Py_None);
        goto done;
    } else {
        PyErr_Format(PyExc_ValueError, "Unknown Type of var: %S", type);
        goto done;
    }
    if (nv && set(node, "value", nv) == 0)
        r = Py_NewRef(Py_None);
    Py_XDECREF(nv);
done:
    Py_XDECREF(node);
    Py_XDECREF(type);
    Py_XDECREF(name);
    Py_XDECREF(valid);
    return r;
}

static PyObject *param_str(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 1, 1, "__str__") < 0)
        return NULL;
    PyObject *s = SELF(args);
    PyObject *n = PyObject_GetAttrString(s, "name"), *t = n ? PyObject_GetAttrString(s, "varType") : NULL;
    PyObject *d = t ? PyObject_GetAttrString(s, "default_value") : NULL;
    PyObject *r = d ? PyUnicode_FromFormat("InputParameter: {name=%S, type=%S, defaultValue=%S", n, t, d) : NULL;
    Py_XDECREF(n);
    Py_XDECREF(t);
    Py_XDECREF(d);
    return r;
}

/* ------------------------------------------------------------------ ScriptCallback */

static PyObject *callback_init(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 1, 1, "ScriptCallback") < 0 || set_new(SELF(args), "outputObjects", PyList_New(0)) < 0 ||
        set_new(SELF(args), "debugObjects", PyList_New(0)) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *append_result(PyObject *self, const char *list_name, PyObject *shape, PyObject *options)
{
    PyObject *r = new_of("ShapeResult");
    PyObject *list = r ? PyObject_GetAttrString(self, list_name) : NULL;
    int rc = list && set(r, "shape", shape) == 0 && set(r, "options", options) == 0 ? PyList_Append(list, r) : -1;
    Py_XDECREF(list);
    Py_XDECREF(r);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* show_object(shape, options=None, **kw): options updated with kw (name=..., etc.). */
static PyObject *callback_show(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    if (need_self(args, 2, 3, "show_object") < 0)
        return NULL;
    PyObject *opts = PyDict_New();
    if (!opts)
        return NULL;
    PyObject *given = PyTuple_GET_SIZE(args) > 2 ? PyTuple_GET_ITEM(args, 2) : NULL;
    PyObject *kopt = kw ? PyDict_GetItemString(kw, "options") : NULL;
    if ((given && given != Py_None && PyDict_Update(opts, given) < 0) ||
        (kopt && kopt != Py_None && PyDict_Update(opts, kopt) < 0)) {
        Py_DECREF(opts);
        return NULL;
    }
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (kw && PyDict_Next(kw, &pos, &key, &value))
        if (PyUnicode_CompareWithASCIIString(key, "options") != 0 && PyDict_SetItem(opts, key, value) < 0) {
            Py_DECREF(opts);
            return NULL;
        }
    PyObject *r = append_result(SELF(args), "outputObjects", PyTuple_GET_ITEM(args, 1), opts);
    Py_DECREF(opts);
    return r;
}

/* debug(obj, args={}) */
static PyObject *callback_debug(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    if (need_self(args, 2, 3, "debug") < 0)
        return NULL;
    PyObject *opts = PyTuple_GET_SIZE(args) > 2 ? PyTuple_GET_ITEM(args, 2) : (kw ? PyDict_GetItemString(kw, "args") : NULL);
    PyObject *own = opts ? NULL : PyDict_New();
    PyObject *r = (opts || own) ? append_result(SELF(args), "debugObjects", PyTuple_GET_ITEM(args, 1), opts ? opts : own)
                                : NULL;
    Py_XDECREF(own);
    return r;
}

static PyObject *callback_nothing(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    (void)args;
    (void)kw;
    Py_RETURN_NONE;
}

static PyObject *callback_has_results(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 1, 1, "has_results") < 0)
        return NULL;
    PyObject *l = PyObject_GetAttrString(SELF(args), "outputObjects");
    Py_ssize_t n = l ? PyObject_Length(l) : -1;
    Py_XDECREF(l);
    return n < 0 ? NULL : PyBool_FromLong(n > 0);
}

/* ------------------------------------------------------------------ EnvironmentBuilder */

static PyObject *env_init(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 1, 1, "EnvironmentBuilder") < 0 || set_new(SELF(args), "env", PyDict_New()) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *env_put(PyObject *self, const char *name, PyObject *value)
{
    PyObject *env = PyObject_GetAttrString(self, "env");
    int rc = env ? PyMapping_SetItemString(env, name, value) : -1;
    Py_XDECREF(env);
    return rc < 0 ? NULL : Py_NewRef(self);
}

static PyObject *env_with_builtins(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 2, 2, "with_builtins") < 0)
        return NULL;
    return env_put(SELF(args), "__builtins__", PyTuple_GET_ITEM(args, 1));
}

static PyObject *env_with_real_builtins(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 1, 1, "with_real_builtins") < 0)
        return NULL;
    PyObject *b = PyImport_ImportModule("builtins");
    PyObject *r = b ? env_put(SELF(args), "__builtins__", b) : NULL;
    Py_XDECREF(b);
    return r;
}

static PyObject *env_with_cadquery(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 1, 1, "with_cadquery_objects") < 0)
        return NULL;
    PyObject *cq = PyImport_ImportModule("cadquery");
    PyObject *r = cq ? env_put(SELF(args), "cadquery", cq) : NULL;
    Py_XDECREF(r);
    r = r ? env_put(SELF(args), "cq", cq) : NULL;
    Py_XDECREF(cq);
    return r;
}

static PyObject *env_add_entry(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 3, 3, "add_entry") < 0)
        return NULL;
    PyObject *env = PyObject_GetAttrString(SELF(args), "env");
    int rc = env ? PyObject_SetItem(env, PyTuple_GET_ITEM(args, 1), PyTuple_GET_ITEM(args, 2)) : -1;
    Py_XDECREF(env);
    return rc < 0 ? NULL : Py_NewRef(SELF(args));
}

static PyObject *env_build(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 1, 1, "build") < 0)
        return NULL;
    return PyObject_GetAttrString(SELF(args), "env");
}

/* ------------------------------------------------------------------ CQModel */

/* One parameter of `var` assigned the tree node `value` (a constant, True/False name, or a tuple
 * of constants); anything else is not a parameter. */
static int handle_assignment(PyObject *metadata, PyObject *ast, PyObject *var, PyObject *value)
{
    const char *type = NULL;
    PyObject *dflt = NULL;
    PyObject *t_name = PyObject_GetAttrString(ast, "Name"), *t_tuple = PyObject_GetAttrString(ast, "Tuple"),
             *t_const = PyObject_GetAttrString(ast, "Constant");
    if (!t_name || !t_tuple || !t_const)
        goto fail;
    if (Py_TYPE(value) == (PyTypeObject *)t_name) {
        PyObject *id = PyObject_GetAttrString(value, "id");
        if (id && PyUnicode_Check(id) && (PyUnicode_CompareWithASCIIString(id, "True") == 0 ||
                                          PyUnicode_CompareWithASCIIString(id, "False") == 0)) {
            type = "BooleanParameterType";
            dflt = PyBool_FromLong(PyUnicode_CompareWithASCIIString(id, "True") == 0);
        }
        Py_XDECREF(id);
    } else if (Py_TYPE(value) == (PyTypeObject *)t_tuple) {
        PyObject *elts = PyObject_GetAttrString(value, "elts");
        PyObject *vals = elts ? PySequence_List(elts) : NULL;
        for (Py_ssize_t i = 0; vals && i < PyList_GET_SIZE(vals); i++) {
            PyObject *v = PyObject_GetAttrString(PyList_GET_ITEM(vals, i), "value");
            if (!v) {
                Py_CLEAR(vals);
                break;
            }
            PyList_SetItem(vals, i, v);
        }
        Py_XDECREF(elts);
        if (vals) {
            type = "TupleParameterType";
            dflt = PyList_AsTuple(vals);
            Py_DECREF(vals);
        }
        PyErr_Clear();   /* a tuple of non-constants is not a parameter */
    } else if (Py_TYPE(value) == (PyTypeObject *)t_const) {
        dflt = PyObject_GetAttrString(value, "value");
        if (dflt && PyBool_Check(dflt))
            type = "BooleanParameterType";
        else if (dflt && PyUnicode_Check(dflt))
            type = "StringParameterType";
        else if (dflt && (PyFloat_Check(dflt) || PyLong_Check(dflt)))
            type = "NumberParameterType";
        else if (dflt && PyTuple_Check(dflt))
            type = "TupleParameterType";
    }
    if (type && dflt) {
        PyObject *vt = cls(type), *ip = vt ? cls("InputParameter") : NULL;
        PyObject *p = ip ? PyObject_CallMethod(ip, "create", "OOOO", value, var, vt, dflt) : NULL;
        PyObject *r = p ? PyObject_CallMethod(metadata, "add_script_parameter", "(O)", p) : NULL;
        Py_XDECREF(r);
        Py_XDECREF(p);
        Py_XDECREF(ip);
        Py_XDECREF(vt);
        if (!r)
            goto fail;
    }
    Py_XDECREF(dflt);
    Py_XDECREF(t_name);
    Py_XDECREF(t_tuple);
    Py_XDECREF(t_const);
    return 0;
fail:
    Py_XDECREF(dflt);
    Py_XDECREF(t_name);
    Py_XDECREF(t_tuple);
    Py_XDECREF(t_const);
    return -1;
}

/* Parameters of one top-level `a = const` or `(a, b) = (c1, c2)` assignment. */
static int visit_assign(PyObject *metadata, PyObject *ast, PyObject *node)
{
    PyObject *targets = PyObject_GetAttrString(node, "targets");
    PyObject *left = targets ? PySequence_GetItem(targets, 0) : NULL;
    PyObject *value = left ? PyObject_GetAttrString(node, "value") : NULL;
    PyObject *left_id = NULL, *lefts = NULL, *values = NULL;
    int rc = 0;
    if (!value) {
        rc = -1;
    } else if ((left_id = PyObject_GetAttrString(left, "id")) != NULL) {
        rc = handle_assignment(metadata, ast, left_id, value);
    } else {
        PyErr_Clear();
        lefts = PyObject_GetAttrString(left, "elts");
        values = lefts ? PyObject_GetAttrString(value, "elts") : NULL;
        if (!values)
            PyErr_Clear();   /* attribute targets and other forms are not parameters */
        Py_ssize_t n = values ? PyObject_Length(lefts) : 0, nv = values ? PyObject_Length(values) : 0;
        for (Py_ssize_t i = 0; rc == 0 && i < n && i < nv; i++) {
            PyObject *l = PySequence_GetItem(lefts, i), *v = PySequence_GetItem(values, i);
            PyObject *id = l ? PyObject_GetAttrString(l, "id") : NULL;
            if (id && v)
                rc = handle_assignment(metadata, ast, id, v);
            else
                PyErr_Clear();
            Py_XDECREF(id);
            Py_XDECREF(l);
            Py_XDECREF(v);
        }
    }
    Py_XDECREF(left_id);
    Py_XDECREF(lefts);
    Py_XDECREF(values);
    Py_XDECREF(value);
    Py_XDECREF(left);
    Py_XDECREF(targets);
    return rc;
}

/* describe_parameter(var, "text") calls anywhere in the tree set the parameter's description;
 * calls of another shape are ignored. */
static int find_descriptions(PyObject *metadata, PyObject *ast, PyObject *tree)
{
    PyObject *walk = PyObject_CallMethod(ast, "walk", "(O)", tree);
    PyObject *it = walk ? PyObject_GetIter(walk) : NULL;
    PyObject *t_call = it ? PyObject_GetAttrString(ast, "Call") : NULL;
    PyObject *node;
    int rc = t_call ? 0 : -1;
    while (rc == 0 && (node = PyIter_Next(it)) != NULL) {
        if (Py_TYPE(node) == (PyTypeObject *)t_call) {
            PyObject *f = PyObject_GetAttrString(node, "func"), *fid = f ? PyObject_GetAttrString(f, "id") : NULL;
            PyObject *a = fid ? PyObject_GetAttrString(node, "args") : NULL;
            PyObject *a0 = a && PyObject_Length(a) >= 2 ? PySequence_GetItem(a, 0) : NULL;
            PyObject *a1 = a0 ? PySequence_GetItem(a, 1) : NULL;
            PyObject *var = a1 ? PyObject_GetAttrString(a0, "id") : NULL;
            PyObject *desc = var ? PyObject_GetAttrString(a1, "value") : NULL;
            if (desc && PyUnicode_Check(fid) && PyUnicode_CompareWithASCIIString(fid, "describe_parameter") == 0) {
                PyObject *r = PyObject_CallMethod(metadata, "add_parameter_description", "OO", var, desc);
                Py_XDECREF(r);
            }
            PyErr_Clear();   /* CadQuery ignores describe_parameter calls it cannot read */
            Py_XDECREF(desc);
            Py_XDECREF(var);
            Py_XDECREF(a1);
            Py_XDECREF(a0);
            Py_XDECREF(a);
            Py_XDECREF(fid);
            Py_XDECREF(f);
        }
        Py_DECREF(node);
    }
    if (rc == 0 && PyErr_Occurred())
        rc = -1;
    Py_XDECREF(t_call);
    Py_XDECREF(it);
    Py_XDECREF(walk);
    return rc;
}

/* CQModel(script_source): parses (SyntaxError at once), finds parameters and descriptions. */
static PyObject *model_init(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 2, 2, "CQModel") < 0)
        return NULL;
    PyObject *s = SELF(args), *src = PyTuple_GET_ITEM(args, 1);
    PyObject *ast = PyImport_ImportModule("ast");
    PyObject *md = ast ? new_of("ScriptMetadata") : NULL;
    PyObject *tree = md ? PyObject_CallMethod(ast, "parse", "Os", src, CQSCRIPT) : NULL;
    PyObject *body = tree ? PyObject_GetAttrString(tree, "body") : NULL;
    PyObject *t_assign = body ? PyObject_GetAttrString(ast, "Assign") : NULL;
    int rc = t_assign && set(s, "metadata", md) == 0 && set(s, "ast_tree", tree) == 0 &&
                     set(s, "script_source", src) == 0 ? 0 : -1;
    Py_ssize_t n = rc == 0 ? PyObject_Length(body) : 0;
    for (Py_ssize_t i = 0; rc == 0 && i < n; i++) {
        PyObject *node = PySequence_GetItem(body, i);
        if (!node)
            rc = -1;
        else if (Py_TYPE(node) == (PyTypeObject *)t_assign)
            rc = visit_assign(md, ast, node);
        Py_XDECREF(node);
    }
    if (rc == 0)
        rc = find_descriptions(md, ast, tree);
    Py_XDECREF(t_assign);
    Py_XDECREF(body);
    Py_XDECREF(tree);
    Py_XDECREF(md);
    Py_XDECREF(ast);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *model_validate(PyObject *m, PyObject *args)
{
    (void)m;
    (void)args;
    PyErr_SetString(PyExc_NotImplementedError, "not yet implemented");
    return NULL;
}

/* set_param_values(params): each must name a parameter (InvalidParameterError otherwise). */
static PyObject *model_set_params(PyObject *m, PyObject *args)
{
    (void)m;
    if (need_self(args, 2, 2, "set_param_values") < 0)
        return NULL;
    PyObject *md = PyObject_GetAttrString(SELF(args), "metadata");
    PyObject *params = md ? PyObject_GetAttrString(md, "parameters") : NULL;
    PyObject *items = params ? PyMapping_Items(PyTuple_GET_ITEM(args, 1)) : NULL;
    int rc = items ? 0 : -1;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(items); i++) {
        PyObject *k = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 0), *v = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 1);
        PyObject *p = PyDict_Check(params) ? PyDict_GetItemWithError(params, k) : NULL;
        if (!p) {
            PyObject *exc = PyErr_Occurred() ? NULL : cls("InvalidParameterError");
            if (exc)
                PyErr_Format(exc, "Cannot set value '%S': not a parameter of the model.", k);
            Py_XDECREF(exc);
            rc = -1;
            break;
        }
        PyObject *r = PyObject_CallMethod(p, "set_value", "(O)", v);
        rc = r ? 0 : -1;
        Py_XDECREF(r);
    }
    Py_XDECREF(items);
    Py_XDECREF(params);
    Py_XDECREF(md);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* Runs the (parameter-substituted) tree in a fresh environment; fills result. */
static int run_build(PyObject *self, PyObject *params, PyObject *result)
{
    PyObject *r = PyObject_CallMethod(self, "set_param_values", "(O)", params);
    if (!r)
        return -1;
    Py_DECREF(r);
    PyObject *collector = new_of("ScriptCallback");
    PyObject *envb = collector ? new_of("EnvironmentBuilder") : NULL;
    PyObject *env = NULL, *code = NULL, *tree = NULL, *ret = NULL;
    int rc = -1;
    if (!envb)
        goto done;
    static const char *const hooks[] = {"show_object", "debug", "describe_parameter", NULL};
    PyObject *x = PyObject_CallMethod(envb, "with_real_builtins", NULL);
    Py_XDECREF(x);
    x = x ? PyObject_CallMethod(envb, "with_cadquery_objects", NULL) : NULL;
    Py_XDECREF(x);
    x = x ? PyObject_CallMethod(envb, "add_entry", "ss", "__name__", "__cqgi__") : NULL;
    Py_XDECREF(x);
    for (int i = 0; x && hooks[i]; i++) {
        PyObject *h = PyObject_GetAttrString(collector, hooks[i]);
        x = h ? PyObject_CallMethod(envb, "add_entry", "sO", hooks[i], h) : NULL;
        Py_XDECREF(x);
        Py_XDECREF(h);
    }
    env = x ? PyObject_CallMethod(envb, "build", NULL) : NULL;
    tree = env ? PyObject_GetAttrString(self, "ast_tree") : NULL;
    PyObject *builtins = tree ? PyEval_GetBuiltins() : NULL;
    PyObject *compile = builtins ? PyDict_GetItemString(builtins, "compile") : NULL;
    code = compile ? PyObject_CallFunction(compile, "Oss", tree, CQSCRIPT, "exec") : NULL;
    ret = code ? PyEval_EvalCode(code, env, env) : NULL;
    if (ret) {
        PyObject *dbg = PyObject_GetAttrString(collector, "debugObjects");
        PyObject *out = dbg ? PyObject_GetAttrString(collector, "outputObjects") : NULL;
        PyObject *a = out ? PyObject_CallMethod(result, "set_debug", "(O)", dbg) : NULL;
        PyObject *b = a ? PyObject_CallMethod(result, "set_success_result", "(O)", out) : NULL;
        rc = b && set(result, "env", env) == 0 ? 0 : -1;
        Py_XDECREF(a);
        Py_XDECREF(b);
        Py_XDECREF(out);
        Py_XDECREF(dbg);
    }
done:
    Py_XDECREF(ret);
    Py_XDECREF(code);
    Py_XDECREF(tree);
    Py_XDECREF(env);
    Py_XDECREF(envb);
    Py_XDECREF(collector);
    return rc;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* build(build_parameters=None, build_options=None) -> BuildResult; an Exception raised by the
 * script (or a bad parameter) is the result's exception, not raised. */
static PyObject *model_build(PyObject *m, PyObject *args, PyObject *kw)
{
    (void)m;
    static char *kwlist[] = {"self", "build_parameters", "build_options", NULL};
    PyObject *self, *params = Py_None, *opts = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|OO:build", kwlist, &self, &params, &opts))
        return NULL;
    double t0 = seconds_now();
    PyObject *result = new_of("BuildResult");
    if (!result)
        return NULL;
    PyObject *p = params == Py_None || PyObject_IsTrue(params) == 0 ? PyDict_New() : Py_NewRef(params);
    int rc = p ? run_build(self, p, result) : -1;
    Py_XDECREF(p);
    if (rc < 0) {
        if (!PyErr_ExceptionMatches(PyExc_Exception)) {   /* KeyboardInterrupt, SystemExit: propagate */
            Py_DECREF(result);
            return NULL;
        }
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyErr_NormalizeException(&type, &value, &tb);
        if (tb)
            PyException_SetTraceback(value, tb);
        PyObject *r = PyObject_CallMethod(result, "set_failure_result", "(O)", value);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        if (!r) {
            Py_DECREF(result);
            return NULL;
        }
        Py_DECREF(r);
    }
    if (set_new(result, "buildTime", PyFloat_FromDouble(seconds_now() - t0)) < 0)
        Py_CLEAR(result);
    return result;
}

static PyObject *cqgi_parse(PyObject *m, PyObject *src)
{
    (void)m;
    PyObject *c = cls("CQModel");
    PyObject *r = c ? PyObject_CallOneArg(c, src) : NULL;
    Py_XDECREF(c);
    return r;
}

/* ------------------------------------------------------------------ class construction */

#define VA METH_VARARGS
#define VK (METH_VARARGS | METH_KEYWORDS)
#define FN(f) (PyCFunction)(void (*)(void))(f)

typedef struct {
    const char *cls, *base;   /* base: a class of this module, or NULL for object */
    PyMethodDef methods[10];
} class_def;

static class_def CLASSES[] = {   /* not const: docs.c writes ml_doc */
    {"ParameterType", NULL, {{NULL, NULL, 0, NULL}}},
    {"NumberParameterType", "ParameterType", {{NULL, NULL, 0, NULL}}},
    {"StringParameterType", "ParameterType", {{NULL, NULL, 0, NULL}}},
    {"BooleanParameterType", "ParameterType", {{NULL, NULL, 0, NULL}}},
    {"TupleParameterType", "ParameterType", {{NULL, NULL, 0, NULL}}},
    {"ShapeResult", NULL, {{"__init__", FN(shape_result_init), VA, NULL}, {NULL, NULL, 0, NULL}}},
    {"BuildResult", NULL,
     {{"__init__", FN(build_result_init), VA, NULL},
      {"set_failure_result", FN(build_result_set_failure), VA, NULL},
      {"set_debug", FN(build_result_set_debug), VA, NULL},
      {"set_success_result", FN(build_result_set_success), VA, NULL},
      {NULL, NULL, 0, NULL}}},
    {"ScriptMetadata", NULL,
     {{"__init__", FN(metadata_init), VA, NULL},
      {"add_script_parameter", FN(metadata_add_parameter), VA, NULL},
      {"add_parameter_description", FN(metadata_add_description), VA, NULL},
      {NULL, NULL, 0, NULL}}},
    {"InputParameter", NULL,
     {{"__init__", FN(param_init), VA, NULL},
      {"set_value", FN(param_set_value), VA, NULL},
      {"__str__", FN(param_str), VA, NULL},
      {NULL, NULL, 0, NULL}}},
    {"ScriptCallback", NULL,
     {{"__init__", FN(callback_init), VA, NULL},
      {"show_object", FN(callback_show), VK, NULL},
      {"debug", FN(callback_debug), VK, NULL},
      {"describe_parameter", FN(callback_nothing), VK, NULL},
      {"add_error", FN(callback_nothing), VK, NULL},
      {"has_results", FN(callback_has_results), VA, NULL},
      {NULL, NULL, 0, NULL}}},
    {"EnvironmentBuilder", NULL,
     {{"__init__", FN(env_init), VA, NULL},
      {"with_real_builtins", FN(env_with_real_builtins), VA, NULL},
      {"with_builtins", FN(env_with_builtins), VA, NULL},
      {"with_cadquery_objects", FN(env_with_cadquery), VA, NULL},
      {"add_entry", FN(env_add_entry), VA, NULL},
      {"build", FN(env_build), VA, NULL},
      {NULL, NULL, 0, NULL}}},
    {"CQModel", NULL,
     {{"__init__", FN(model_init), VA, NULL},
      {"validate", FN(model_validate), VA, NULL},
      {"set_param_values", FN(model_set_params), VA, NULL},
      {"build", FN(model_build), VK, NULL},
      {NULL, NULL, 0, NULL}}},
};

static PyMethodDef create_def = {"create", FN(param_create), VK,
                                 "create(ast_node, var_name, var_type, default_value, valid_values=None, desc=None)"};

static int add_class(PyObject *mod, class_def *c)
{
    PyObject *dict = PyDict_New();
    PyObject *base = c->base ? PyObject_GetAttrString(mod, c->base) : Py_NewRef((PyObject *)&PyBaseObject_Type);
    PyObject *modname = PyUnicode_FromString("cadquery.cqgi");
    int rc = dict && base && modname && PyDict_SetItemString(dict, "__module__", modname) == 0 ? 0 : -1;
    for (int i = 0; rc == 0 && c->methods[i].ml_name; i++) {
        PyObject *f = PyCFunction_NewEx(&c->methods[i], NULL, modname);
        PyObject *meth = f ? PyInstanceMethod_New(f) : NULL;
        rc = meth ? PyDict_SetItemString(dict, c->methods[i].ml_name, meth) : -1;
        Py_XDECREF(meth);
        Py_XDECREF(f);
    }
    if (rc == 0 && strcmp(c->cls, "InputParameter") == 0) {
        PyObject *f = PyCFunction_NewEx(&create_def, NULL, modname);
        PyObject *sm = f ? PyStaticMethod_New(f) : NULL;
        rc = sm ? PyDict_SetItemString(dict, "create", sm) : -1;
        Py_XDECREF(sm);
        Py_XDECREF(f);
    }
    PyObject *type = rc == 0 ? PyObject_CallFunction((PyObject *)&PyType_Type, "s(O)O", c->cls, base, dict) : NULL;
    rc = type ? PyModule_AddObject(mod, c->cls, type) : -1;
    if (rc < 0)
        Py_XDECREF(type);
    Py_XDECREF(modname);
    Py_XDECREF(base);
    Py_XDECREF(dict);
    return rc;
}

static int add_exception(PyObject *mod, const char *name, const char *doc)
{
    char full[64];
    snprintf(full, sizeof full, "cadquery.cqgi.%s", name);
    PyObject *e = PyErr_NewExceptionWithDoc(full, doc, NULL, NULL);
    if (!e || PyModule_AddObject(mod, name, e) < 0) {
        Py_XDECREF(e);
        return -1;
    }
    return 0;
}

static PyMethodDef cqgi_functions[] = {
    {"parse", cqgi_parse, METH_O, "parse(script_source): a CQModel of the script"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef cqgi_def = {PyModuleDef_HEAD_INIT, "cadquery.cqgi",
                                      "The CadQuery Gateway Interface: parse and build scripts.", -1,
                                      cqgi_functions, NULL, NULL, NULL, NULL};

int cq_cqgi_init(PyObject *module)
{
    (void)module;
    PyObject *m = PyModule_Create(&cqgi_def);
    if (!m)
        return -1;
    int rc = PyModule_AddStringConstant(m, "CQSCRIPT", CQSCRIPT);
    for (size_t i = 0; rc == 0 && i < sizeof CLASSES / sizeof CLASSES[0]; i++)
        rc = add_class(m, &CLASSES[i]);
    if (rc == 0)
        rc = add_exception(m, "InvalidParameterError", "A parameter value that cannot be assigned to the model.");
    if (rc == 0)
        rc = add_exception(m, "NoOutputError", "The script did not call show_object().");
    if (rc == 0)
        rc = add_exception(m, "ScriptExecutionError", "A script error.");
    if (rc == 0 && PyDict_SetItemString(PyImport_GetModuleDict(), "cadquery.cqgi", m) < 0)
        rc = -1;
    if (rc == 0) {
        Py_XSETREF(cqgi_module, Py_NewRef(m));
    }
    Py_DECREF(m);
    return rc;
}
