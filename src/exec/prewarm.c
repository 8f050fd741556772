/* prewarm.c: work done once in the supervisor so that no worker repeats it: importing the
 * standard modules the worker itself needs (os, tempfile) and those CadQuery programs
 * commonly import, and loading the kernel's assembly plugin (its file is outside the places a
 * sandboxed worker may read). Nothing here may start a thread: workers are forked from this process. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "exec_internal.h"

static const char *const modules[] = {
    "os", "tempfile", "shutil", "math", "cmath", "random", "itertools", "functools", "collections", "typing",
    "dataclasses", "copy", "json", "re", "string", "enum", "fractions", "decimal", "statistics", "time",
    NULL,
};

void zx_prewarm(void)
{
    for (int i = 0; modules[i]; i++) {
        PyObject *m = PyImport_ImportModule(modules[i]);
        Py_XDECREF(m);
        PyErr_Clear();
    }
    if (zk_caf_preload() < 0)   /* assemblies will report the error; plain programs do not need it */
        zk_error_clear();
}
