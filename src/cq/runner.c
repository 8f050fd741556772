/* runner.c: runs a CadQuery program in the embedded interpreter and measures the solid it
 * leaves (`result`, else the last show_object() argument). Used by `zerocad run` and by the
 * executor's workers, which start the interpreter once and run many programs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cq.h"
#include "cq_internal.h"

static int started;

int zc_python_start(void)
{
    if (started)
        return 0;
    if (PyImport_AppendInittab("cadquery", PyInit_cadquery) < 0) {
        fprintf(stderr, "zerocad: cannot register the cadquery module\n");
        return -1;
    }
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.parse_argv = 0;
    config.install_signal_handlers = 1;
    PyStatus st = PyConfig_SetString(&config, &config.program_name, L"zerocad");
    if (!PyStatus_Exception(st))
        st = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(st)) {
        fprintf(stderr, "zerocad: cannot start Python: %s\n", st.err_msg ? st.err_msg : "unknown error");
        return -1;
    }
    PyObject *m = PyImport_ImportModule("cadquery");
    if (!m) {
        PyErr_Print();
        fprintf(stderr, "zerocad: cannot import the cadquery module\n");
        return -1;
    }
    Py_DECREF(m);
    started = 1;
    return 0;
}

void zc_python_stop(void)
{
    if (started) {
        Py_FinalizeEx();
        started = 0;
    }
}

void zc_run_result_clear(zc_run_result *r)
{
    zk_unref(r->shape);
    memset(r, 0, sizeof *r);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *read_file(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot read %s", path);
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (len + 1 < cap)
            break;
        cap *= 2;
        char *nb = realloc(buf, cap);
        if (!nb) {
            free(buf);
            buf = NULL;
        }
        buf = nb;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        snprintf(err, errlen, "cannot read %s", path);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

/* The line in `path` where the exception was raised: the last traceback frame in the
 * program's own file, or a SyntaxError's lineno. 0 when unknown. */
static long error_line(PyObject *exc, const char *path)
{
    long line = 0;
    PyObject *tb = PyException_GetTraceback(exc);
    for (PyObject *t = tb; t && t != Py_None;) {
        PyObject *frame = PyObject_GetAttrString(t, "tb_frame");
        PyObject *code = frame ? PyObject_GetAttrString(frame, "f_code") : NULL;
        PyObject *fname = code ? PyObject_GetAttrString(code, "co_filename") : NULL;
        const char *s = fname && PyUnicode_Check(fname) ? PyUnicode_AsUTF8(fname) : NULL;
        if (s && !strcmp(s, path)) {
            PyObject *ln = PyObject_GetAttrString(t, "tb_lineno");
            if (ln)
                line = PyLong_AsLong(ln);
            Py_XDECREF(ln);
        }
        Py_XDECREF(fname);
        Py_XDECREF(code);
        Py_XDECREF(frame);
        PyObject *next = PyObject_GetAttrString(t, "tb_next");
        if (t != tb)
            Py_DECREF(t);
        t = next;
        if (!t)
            break;
        if (t == Py_None) {
            Py_DECREF(t);
            break;
        }
    }
    Py_XDECREF(tb);
    if (!line && PyErr_GivenExceptionMatches(exc, PyExc_SyntaxError)) {
        PyObject *ln = PyObject_GetAttrString(exc, "lineno");
        if (ln && PyLong_Check(ln))
            line = PyLong_AsLong(ln);
        Py_XDECREF(ln);
    }
    PyErr_Clear();
    return line;
}

/* Formats the pending Python exception as "Type: message (line N)" and clears it. */
static void describe_exception(const char *path, char *out, size_t outlen)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb && value)
        PyException_SetTraceback(value, tb);
    const char *tname = type ? ((PyTypeObject *)type)->tp_name : "Exception";
    const char *dot = strrchr(tname, '.');
    if (dot)
        tname = dot + 1;
    PyObject *msg = value ? PyObject_Str(value) : NULL;
    const char *m = msg ? PyUnicode_AsUTF8(msg) : NULL;
    if (!m)
        PyErr_Clear();
    long line = value ? error_line(value, path) : 0;
    char text[1500];
    snprintf(text, sizeof text, "%s", m ? m : "");
    for (char *c = text; *c; c++)   /* one line */
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    if (line > 0)
        snprintf(out, outlen, "%s: %s (line %ld)", tname, text, line);
    else
        snprintf(out, outlen, "%s: %s", tname, text);
    Py_XDECREF(msg);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

/* The program's result object: `result` in its namespace, else the last shown object. */
static PyObject *find_result(PyObject *globals)
{
    PyObject *r = PyDict_GetItemString(globals, "result");
    if (r) {
        Py_INCREF(r);
        return r;
    }
    PyObject *cq = PyImport_AddModule("cadquery");
    PyObject *shown = cq ? PyObject_GetAttrString(cq, "_shown") : NULL;
    PyErr_Clear();
    if (shown && PyList_Check(shown) && PyList_GET_SIZE(shown) > 0) {
        r = PyList_GET_ITEM(shown, PyList_GET_SIZE(shown) - 1);
        Py_INCREF(r);
    }
    Py_XDECREF(shown);
    return r;
}

/* Extracts a kernel shape from a Workplane (its solid, or the shapes on its stack), a Shape,
 * or a Sketch-like object exposing a Shape. Returns a new kernel reference or NULL. */
static zk_shape *shape_of(PyObject *obj, char *err, size_t errlen)
{
    PyObject *wrapped = NULL;
    if (PyObject_HasAttrString(obj, "findSolid")) {
        wrapped = PyObject_CallMethod(obj, "findSolid", NULL);
        if (!wrapped || wrapped == Py_None) {
            Py_XDECREF(wrapped);
            PyErr_Clear();
            PyObject *vals = PyObject_CallMethod(obj, "vals", NULL);
            PyObject *cq = PyImport_AddModule("cadquery");
            PyObject *compound = cq ? PyObject_GetAttrString(cq, "Compound") : NULL;
            wrapped = vals && compound ? PyObject_CallMethod(compound, "makeCompound", "O", vals) : NULL;
            Py_XDECREF(vals);
            Py_XDECREF(compound);
        }
    } else if (PyObject_HasAttrString(obj, "wrapped")) {
        wrapped = obj;
        Py_INCREF(wrapped);
    } else if (PyObject_HasAttrString(obj, "val")) {
        wrapped = PyObject_CallMethod(obj, "val", NULL);
    }
    if (!wrapped) {
        if (PyErr_Occurred())
            describe_exception("", err, errlen);
        else
            snprintf(err, errlen, "ValueError: the result is a %s, not a shape", Py_TYPE(obj)->tp_name);
        return NULL;
    }
    if (!cq_shape_check(wrapped)) {
        snprintf(err, errlen, "ValueError: the result is a %s, not a shape", Py_TYPE(wrapped)->tp_name);
        Py_DECREF(wrapped);
        return NULL;
    }
    zk_shape *s = zk_ref(cq_shape_get(wrapped));
    Py_DECREF(wrapped);
    return s;
}

static int count_of(const zk_shape *s, zk_type t)
{
    zk_shape **list = NULL;
    size_t n = 0;
    if (zk_explore(s, t, &list, &n) < 0)
        return 0;
    zk_free_list(list, n);
    return (int)n;
}

static void measure(zk_shape *s, zc_run_result *out)
{
    out->solids = count_of(s, ZK_SOLID);
    out->faces = count_of(s, ZK_FACE);
    out->edges = count_of(s, ZK_EDGE);
    out->volume = zk_volume(s);
    out->area = zk_area(s);
    if (zk_bbox(s, 0.0, 1, out->bbox) < 0)
        memset(out->bbox, 0, sizeof out->bbox);
    out->valid = zk_is_valid(s) == 1;
}

/* show_object, debug and log in the program's globals, as CQ-editor and cq-cli put them (a
 * program may test `"show_object" in locals()`). */
static int add_program_builtins(PyObject *g)
{
    static const char *const names[] = {"show_object", "debug", "log", NULL};
    PyObject *cq = PyImport_AddModule("cadquery");   /* borrowed */
    for (int i = 0; cq && names[i]; i++) {
        PyObject *f = PyObject_GetAttrString(cq, names[i]);
        int rc = f ? PyDict_SetItemString(g, names[i], f) : -1;
        Py_XDECREF(f);
        if (rc < 0)
            return -1;
    }
    return cq ? 0 : -1;
}

static PyObject *new_namespace(const char *path)
{
    PyObject *g = PyDict_New();
    if (!g)
        return NULL;
    PyObject *file = PyUnicode_DecodeFSDefault(path);
    if (!file || PyDict_SetItemString(g, "__name__", PyUnicode_FromString("__main__")) < 0 ||
        PyDict_SetItemString(g, "__file__", file) < 0 ||
        PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins()) < 0) {
        Py_XDECREF(file);
        Py_DECREF(g);
        return NULL;
    }
    Py_DECREF(file);
    if (add_program_builtins(g) < 0) {
        Py_DECREF(g);
        return NULL;
    }
    return g;
}

static void reset_shown(void)
{
    PyObject *cq = PyImport_AddModule("cadquery");
    PyObject *shown = cq ? PyObject_GetAttrString(cq, "_shown") : NULL;
    if (shown && PyList_Check(shown))
        PyList_SetSlice(shown, 0, PyList_GET_SIZE(shown), NULL);
    Py_XDECREF(shown);
    PyErr_Clear();
}

/* Executes the code; on an exception fills out->error and returns NULL. */
static PyObject *execute(const char *path, const char *source, zc_run_result *out)
{
    PyObject *g = new_namespace(path);
    PyObject *code = g ? Py_CompileString(source, path, Py_file_input) : NULL;
    PyObject *ret = code ? PyEval_EvalCode(code, g, g) : NULL;
    Py_XDECREF(code);
    if (!ret && PyErr_ExceptionMatches(PyExc_SystemExit)) {
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyObject *codeval = value ? PyObject_GetAttrString(value, "code") : NULL;
        int clean = !codeval || codeval == Py_None || (PyLong_Check(codeval) && PyLong_AsLong(codeval) == 0);
        Py_XDECREF(codeval);
        if (clean) {
            Py_XDECREF(type);
            Py_XDECREF(value);
            Py_XDECREF(tb);
            PyErr_Clear();
            ret = Py_None;
            Py_INCREF(ret);
        } else {
            PyErr_Restore(type, value, tb);
        }
    }
    if (!ret) {
        describe_exception(path, out->error, sizeof out->error);
        Py_XDECREF(g);
        return NULL;
    }
    Py_DECREF(ret);
    return g;
}

static void flush_python_streams(void)
{
    const char *names[] = {"stdout", "stderr"};
    for (int i = 0; i < 2; i++) {
        PyObject *f = PySys_GetObject(names[i]);
        PyObject *r = f ? PyObject_CallMethod(f, "flush", NULL) : NULL;
        Py_XDECREF(r);
    }
    PyErr_Clear();
}

int zc_run_program(const char *path, const char *source, zc_run_result *out)
{
    memset(out, 0, sizeof *out);
    double t0 = now_seconds();
    char *owned = NULL;
    if (!source) {
        owned = read_file(path, out->error, sizeof out->error);
        if (!owned) {
            out->seconds = now_seconds() - t0;
            return 1;
        }
        source = owned;
    }
    reset_shown();
    PyObject *g = execute(path, source, out);
    free(owned);
    if (g) {
        PyObject *res = find_result(g);
        if (!res) {
            snprintf(out->error, sizeof out->error,
                     "ValueError: the program defines no `result` and calls no show_object()");
        } else {
            out->shape = shape_of(res, out->error, sizeof out->error);
            Py_DECREF(res);
        }
        PyDict_Clear(g);
        Py_DECREF(g);
    }
    if (out->shape) {
        measure(out->shape, out);
        if (out->solids == 0)
            snprintf(out->error, sizeof out->error, "ValueError: the result holds no solid (%s)",
                     zk_geom_type(out->shape));
        else
            out->ok = 1;
    }
    flush_python_streams();
    PyErr_Clear();
    fflush(stdout);
    out->seconds = now_seconds() - t0;
    return out->ok ? 0 : 1;
}
