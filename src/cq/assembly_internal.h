/* assembly_internal.h: what the files of cadquery.Assembly share (assembly.c: the tree;
 * assembly_color.c: Color and Material; assembly_caf.c: XCAF documents, export and import;
 * assembly_solve.c: constraints and solve()). Not a public header. */
#ifndef ZC_CQ_ASSEMBLY_INTERNAL_H
#define ZC_CQ_ASSEMBLY_INTERNAL_H

#include "cq_internal.h"

/* An Assembly keeps every field in its __dict__, as CadQuery's Python class does: obj, loc, name,
 * color, material, metadata, parent, children, constraints, objects, _subshape_names,
 * _subshape_colors, _subshape_layers (dicts Shape -> value), _solve_result. */
typedef struct {
    PyObject_HEAD
    PyObject *dict;
} CQAssembly;

extern PyTypeObject CQAssemblyType, CQColorType, CQMaterialType;

typedef struct { PyObject_HEAD double rgba[4]; } CQColor;   /* sRGB + alpha */
typedef struct {
    PyObject_HEAD
    PyObject *name, *description, *densityUnit;   /* str */
    double density;
} CQMaterial;

/* A borrowed field of the assembly's __dict__ (Py_None when absent). */
PyObject *cq_asm_field(PyObject *assy, const char *name);
/* The part's shapes (Assembly.shapes): new list. */
PyObject *cq_asm_shapes(PyObject *assy);
/* The part as one shape (a Shape as is, a Workplane's Shapes as a Compound) or NULL without error
 * when the assembly has no object (new reference). */
PyObject *cq_asm_part_shape(PyObject *assy, int *has_part);
/* list(assy): (shape, name, loc, color) tuples, as CadQuery's Assembly.__iter__. */
PyObject *cq_asm_iter_list(PyObject *assy);
/* Material(...) from a str name, or the object itself. */
PyObject *cq_asm_ensure_material(PyObject *m);
PyObject *cq_color_new(const double rgba[4]);
PyObject *cq_material_new(const char *name, const char *desc, double density, const char *unit);

/* assembly_caf.c */
extern PyMethodDef cq_asm_caf_methods[];          /* save, export, load, importStep */
extern PyMethodDef cq_occ_assembly_functions[];   /* cadquery.occ_impl.assembly */
extern PyMethodDef cq_exp_assembly_functions[];   /* cadquery.occ_impl.exporters.assembly */
int cq_asm_caf_init(PyObject *module);

/* assembly_solve.c */
extern PyMethodDef cq_asm_solve_methods[];        /* constrain, solve, _query, _subloc */
extern PyTypeObject CQConstraintType;
int cq_asm_solve_init(PyObject *module);

#endif
