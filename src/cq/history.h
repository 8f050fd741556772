/* history.h: recording a free function's operation history into a cadquery.func.History
 * (history.c). Not public outside src/cq. Use:
 *     zk_hist *h; if (cq_hist_begin(history, &h) < 0) return NULL;   (h NULL: history is None)
 *     cq_hist_track(h, input) for every input shape; run the kernel operations;
 *     PyObject *op = cq_hist_end(h, history, name, ok);   (the Op appended, None, or NULL) */
#ifndef ZC_CQ_HISTORY_H
#define ZC_CQ_HISTORY_H

#include "cq_internal.h"

/* Starts recording when history is a History (TypeError for anything but a History or None). */
int cq_hist_begin(PyObject *history, zk_hist **out);
/* Tracks the faces, edges and vertices of s (h NULL: nothing). */
int cq_hist_track(zk_hist *h, const zk_shape *s);
/* Stops recording and frees h; when ok, appends the Op named name (None: unnamed) to history and
 * returns it (new reference; None when h is NULL); NULL on error or when !ok. */
PyObject *cq_hist_end(zk_hist *h, PyObject *history, PyObject *name, int ok);
/* Ends the recording of h (if any) for the result res (NULL: the operation failed, its error
 * stays); returns res, or NULL when the Op could not be made. */
PyObject *cq_hist_result(PyObject *res, zk_hist *h, PyObject *history, PyObject *name);
/* Appends the Shapes of a sequence to op's deleted shapes (op None: nothing). */
int cq_hist_add_deleted(PyObject *op, PyObject *shapes);
/* Adds History and Op to cadquery.func. */
int cq_history_init(PyObject *func_module);

#endif
