/* docs.h: the docstring tables of the `cadquery` module and the function that installs them.
 *
 * The documentation lives apart from the method tables (one doc_<area>.c per area) so that adding a
 * method and writing its documentation never touch the same lines. Each table is an array of
 * cq_doc entries ended by {NULL, NULL, NULL}:
 *   name: the object's path below `cadquery`: "Workplane.hole", "func.box",
 *         "selectors.AndSelector.filter", "Vector.x" (a property), "Workplane" (a class);
 *   sig:  the call signature in CPython's text-signature syntax, "($self, /, diameter, depth=None)"
 *         for a method, "(w, l, h)" for a function or class; NULL for a property or attribute;
 *   text: what it does, its arguments, what it returns (our own words).
 * cq_docs_apply (called last by PyInit_cadquery) writes "name(sig)\n--\n\ntext" where CPython
 * reads docstrings (ml_doc, tp_doc, the getset/member doc), so __doc__, help() and
 * inspect.signature show it. Names that do not resolve are listed in cadquery._docs_unresolved,
 * which the tests (tests/cq_docs) require to be empty. */
#ifndef ZC_CQ_DOCS_H
#define ZC_CQ_DOCS_H

#include "cq_internal.h"

typedef struct {
    const char *name;
    const char *sig;
    const char *text;
} cq_doc;

extern const cq_doc cq_doc_workplane[];
extern const cq_doc cq_doc_sketch[];
extern const cq_doc cq_doc_shapes[];
extern const cq_doc cq_doc_geom[];
extern const cq_doc cq_doc_selectors[];
extern const cq_doc cq_doc_func[];
extern const cq_doc cq_doc_misc[];

/* Installs every table's docstrings on the objects of `module` (the cadquery package, with its
 * submodules already made). Returns 0, or -1 with an exception set (memory only: a name that does
 * not resolve is recorded in cadquery._docs_unresolved, not an error). */
int cq_docs_apply(PyObject *module);

#endif
