/* agent_docs.c: the documentation the code stage's tools serve: every public class, method,
 * property and function of our `cadquery` module, read by introspection through the embedded
 * interpreter (inspect.signature and __doc__, exactly as the module holds them), stored in
 * the state database (table docs, and the FTS5 index docs_fts for grep_documentation). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent_internal.h"
#include "cq.h"

/* Collects (qualified name, signature text, __doc__ or None) of the module's public API. */
static const char introspect[] =
    "import inspect, cadquery\n"
    "def _sig(o):\n"
    "    try:\n"
    "        return str(inspect.signature(o))\n"
    "    except (TypeError, ValueError):\n"
    "        return ''\n"
    "out = []\n"
    "for n in sorted(dir(cadquery)):\n"
    "    if n.startswith('_'):\n"
    "        continue\n"
    "    o = getattr(cadquery, n)\n"
    "    if inspect.ismodule(o) or not (callable(o) or inspect.isclass(o)):\n"
    "        continue\n"
    "    out.append((n, _sig(o), o.__doc__))\n"
    "    if not inspect.isclass(o):\n"
    "        continue\n"
    "    for m in sorted(dir(o)):\n"
    "        if m.startswith('_'):\n"
    "            continue\n"
    "        a = getattr(o, m, None)\n"
    "        raw = inspect.getattr_static(o, m, None)\n"
    "        if isinstance(raw, property):\n"
    "            out.append((n + '.' + m, '', raw.__doc__))\n"
    "        elif callable(a) and not inspect.isclass(a):\n"
    "            out.append((n + '.' + m, _sig(a), a.__doc__))\n";

static int insert(sqlite3 *db, sqlite3_stmt *a, sqlite3_stmt *b, const char *name, const char *sig,
                  const char *doc)
{
    (void)db;
    int rc = 0;
    sqlite3_stmt *st[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        sqlite3_reset(st[i]);
        sqlite3_bind_text(st[i], 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st[i], 2, sig, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st[i], 3, doc, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st[i]) != SQLITE_DONE)
            rc = -1;
    }
    return rc;
}

static long store(sqlite3 *db, PyObject *list, char *err, size_t errlen)
{
    sqlite3_stmt *a = NULL, *b = NULL;
    const char *setup = "DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS docs_fts;"
                        "CREATE TABLE docs(name TEXT PRIMARY KEY, signature TEXT, doc TEXT);"
                        "CREATE VIRTUAL TABLE docs_fts USING fts5(name, signature, doc);";
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK || sqlite3_exec(db, setup, NULL, NULL, NULL) ||
        sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO docs VALUES(?,?,?)", -1, &a, NULL) ||
        sqlite3_prepare_v2(db, "INSERT INTO docs_fts VALUES(?,?,?)", -1, &b, NULL)) {
        snprintf(err, errlen, "cannot store the documentation: %s", sqlite3_errmsg(db));
        sqlite3_finalize(a);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    long n = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        PyObject *t = PyList_GET_ITEM(list, i);
        PyObject *d = PyTuple_GET_ITEM(t, 2);
        const char *name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(t, 0));
        const char *sig = PyUnicode_AsUTF8(PyTuple_GET_ITEM(t, 1));
        const char *doc = PyUnicode_Check(d) ? PyUnicode_AsUTF8(d) : "";
        if (!name || !sig || !doc) {
            PyErr_Clear();
            continue;
        }
        if (insert(db, a, b, name, sig, doc) == 0)
            n++;
    }
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot store the documentation: %s", sqlite3_errmsg(db));
        return -1;
    }
    return n;
}

long zs_docs_build(zs_state *s, char *err, size_t errlen)
{
    if (zc_python_start() != 0) {
        snprintf(err, errlen, "cannot start the Python interpreter");
        return -1;
    }
    PyObject *globals = PyDict_New();
    if (!globals)
        return -1;
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyObject *r = PyRun_String(introspect, Py_file_input, globals, globals);
    PyObject *list = r ? PyDict_GetItemString(globals, "out") : NULL;
    long n = -1;
    if (list && PyList_Check(list))
        n = store(zs_state_db(s), list, err, errlen);
    else {
        PyErr_Clear();
        snprintf(err, errlen, "cannot read the cadquery module's documentation");
    }
    Py_XDECREF(r);
    Py_DECREF(globals);
    return n;
}
