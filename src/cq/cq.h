/* cq.h: the public way into src/cq/: the `cadquery` module's entry point and the runner
 * that executes a CadQuery program in the embedded interpreter and reports its solid. */
#ifndef ZC_CQ_H
#define ZC_CQ_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "kernel.h"

PyMODINIT_FUNC PyInit_cadquery(void);

/* Starts the embedded interpreter with `cadquery` built in (idempotent). Returns 0, or -1
 * with a message on stderr. */
int zc_python_start(void);
void zc_python_stop(void);

typedef struct {
    int ok;                  /* 1: the program ran and left a solid */
    char error[2048];        /* "ExceptionType: message (line N)" when !ok */
    double volume, area;
    double bbox[6];          /* xmin ymin zmin xmax ymax zmax */
    int solids, faces, edges;
    int valid;
    double seconds;
    zk_shape *shape;         /* the result (new reference, caller unrefs) or NULL */
} zc_run_result;

/* Runs the program at `path` (source read from the file, or `source` when not NULL) as
 * __main__ in a fresh namespace; the result is `result`, else the last show_object()
 * argument. Program output goes where the process's stdout/stderr go. Returns 0 when the
 * program produced a solid, 1 otherwise (out->error says why). */
int zc_run_program(const char *path, const char *source, zc_run_result *out);
void zc_run_result_clear(zc_run_result *r);

#endif
