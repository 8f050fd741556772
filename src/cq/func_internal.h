/* func_internal.h: helpers shared by func.c and func_ops.c (cadquery.func). Not public. */
#ifndef ZC_CQ_FUNC_INTERNAL_H
#define ZC_CQ_FUNC_INTERNAL_H

#include "cq_internal.h"

/* CadQuery's _compound_or_shape normalisation: a one-element compound (or a one-face open shell)
 * becomes its element. Takes and returns a new reference. */
zk_shape *cq_func_normalize(zk_shape *s);
/* Wraps a normalised kernel result (steals s); NULL s raises the kernel error for context. */
PyObject *cq_func_wrap(zk_shape *s, const char *context);
/* f(*shapes) or f(sequence) positional arguments as a new list of Shapes (TypeError otherwise). */
PyObject *cq_func_shape_args(PyObject *args, const char *fn);
/* Sub-shapes of a type of every Shape in the list (new refs, PyMem array; free with cq_func_free). */
int cq_func_collect(PyObject *shapes, zk_type type, const char *fn, zk_shape ***out, size_t *n);
zk_shape *cq_func_face_of_wires(zk_shape *const *wires, size_t n);
void cq_func_free(zk_shape **arr, size_t n);

extern PyMethodDef cq_func_op_functions[];   /* func_ops.c */
int cq_func_more_init(PyObject *func_module); /* func_more.c: edgeOn ... project, HLRResult */

#endif
