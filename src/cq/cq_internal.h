/* cq_internal.h: the contract between the files of the `cadquery` module (src/cq/).
 *
 * Not a public header: only the src/cq .c files include it. It fixes the object layouts and the
 * functions one file offers the others. Ownership of the .c files:
 *   module.c (PyInit_cadquery, submodules, show_object), errors.c, geom.c (Vector, Matrix,
 *   Location, Plane, BoundBox), shapes.c (Shape, Solid, Compound, Face, Wire, Edge, Vertex,
 *   Shell), exporters.c, importers.c, assembly.c           -> "geometry and shapes"
 *   selectors*.c, sketch*.c                                  -> "selectors and sketch"
 *   workplane.c, workplane_stack.c, workplane_draw.c, workplane_points.c -> "workplane core"
 *   workplane_feature.c, workplane_bool.c                    -> "workplane features"
 *   runner.c (cq.h: running programs for the CLI/executor)   -> lead
 * Conventions: functions returning PyObject* return a new reference or NULL with a Python
 * exception set; int-returning ones return 0 on success, -1 with an exception set. */
#ifndef ZC_CQ_INTERNAL_H
#define ZC_CQ_INTERNAL_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "kernel.h"

/* ------------------------------------------------------------------ geom.c */
typedef struct { PyObject_HEAD double x, y, z; } CQVector;
typedef struct { PyObject_HEAD double m[4][4]; } CQMatrix;          /* row-major, last row 0 0 0 1 */
typedef struct { PyObject_HEAD zk_trsf t; } CQLocation;             /* rigid transform */
typedef struct {
    PyObject_HEAD
    zk_vec origin, xDir, yDir, zDir;                                 /* unit, right-handed */
} CQPlane;
typedef struct { PyObject_HEAD double xmin, ymin, zmin, xmax, ymax, zmax; } CQBoundBox;

extern PyTypeObject CQVectorType, CQMatrixType, CQLocationType, CQPlaneType, CQBoundBoxType;

PyObject *cq_vector_new(zk_vec v);
/* Accepts a Vector, a tuple/list of 2 or 3 numbers (z = 0), or a Vertex (its point). */
int cq_vector_from_obj(PyObject *o, zk_vec *out);
PyObject *cq_plane_new(zk_vec origin, zk_vec xdir, zk_vec normal);   /* validates, raises ValueError */
/* Accepts a Plane or a named plane string ("XY", "front", ...). */
int cq_plane_from_obj(PyObject *o, CQPlane *out_fields_only);
PyObject *cq_plane_named(const char *name, zk_vec origin);           /* ValueError for unknown names */
zk_vec cq_plane_to_world(const CQPlane *pl, zk_vec local);
zk_vec cq_plane_to_local(const CQPlane *pl, zk_vec world);
void cq_plane_trsf(const CQPlane *pl, zk_trsf *local_to_world);      /* the plane's location */
PyObject *cq_location_new(const zk_trsf *t);
PyObject *cq_boundbox_new(const double b[6]);
/* zk_vec helpers (plain math, no Python) */
zk_vec zv_add(zk_vec a, zk_vec b);
zk_vec zv_sub(zk_vec a, zk_vec b);
zk_vec zv_scale(zk_vec a, double s);
double zv_dot(zk_vec a, zk_vec b);
zk_vec zv_cross(zk_vec a, zk_vec b);
double zv_len(zk_vec a);
zk_vec zv_normalized(zk_vec a);
void zt_identity(zk_trsf *t);
void zt_mul(const zk_trsf *a, const zk_trsf *b, zk_trsf *out);       /* out = a * b */
zk_vec zt_apply(const zk_trsf *t, zk_vec p);
void zt_inverse(const zk_trsf *t, zk_trsf *out);                     /* rigid inverse */
/* Added by the geometry owner (geom*.c): */
zk_vec zt_apply_dir(const zk_trsf *t, zk_vec d);                     /* rotation part only */
void zt_translation(zk_trsf *t, zk_vec v);
void zt_rotation(zk_trsf *t, zk_vec axis_dir, double angle);         /* about the origin, radians */
void zt_frame(zk_trsf *t, zk_vec origin, zk_vec x, zk_vec y, zk_vec z); /* local-to-world */
void zt_euler_xyz(zk_trsf *t, double rx, double ry, double rz);     /* extrinsic X,Y,Z; radians */
double zv_angle(zk_vec a, zk_vec b);                                 /* gp_Vec::Angle, radians */
zk_vec cq_default_xdir(zk_vec normal);                               /* gp_Ax3(P, N).XDirection() */
int cq_vec_is_equal(zk_vec a, zk_vec b, double lin_tol, double ang_tol); /* gp_Vec::IsEqual */
PyObject *cq_matrix_new(const zk_trsf *t);
int cq_matrix_get(PyObject *o, zk_trsf *out);                        /* Matrix or Location */
int cq_location_get(PyObject *o, zk_trsf *out);                      /* Location; else TypeError */
/* cq_plane_new: xdir (0,0,0) picks gp_Ax3's default X direction for the normal. */

/* ---------------------------------------------------------------- shapes.c */
typedef struct {
    PyObject_HEAD
    zk_shape *s;              /* owned reference */
    PyObject *dict;           /* __dict__: label, forConstruction, ... */
    PyObject *weakreflist;
} CQShape;

/* CQShapeType is the base; the others subclass it with the same layout. */
extern PyTypeObject CQShapeType, CQSolidType, CQCompoundType, CQCompSolidType, CQShellType,
    CQFaceType, CQWireType, CQEdgeType, CQVertexType, CQMixin1DType;

/* Wraps s (steals the reference) in the class of its real type (cast). NULL s: kernel error raised. */
PyObject *cq_shape_wrap(zk_shape *s);
int cq_shape_check(PyObject *o);                 /* any Shape subclass */
zk_shape *cq_shape_get(PyObject *o);             /* borrowed; NULL + TypeError if not a Shape */
/* New list of the wrapped unique sub-shapes of a type (zk_explore). */
PyObject *cq_shape_explore(zk_shape *s, zk_type type);
/* Shape.Center() semantics as a zk_vec. */
zk_vec cq_shape_center(zk_shape *s);
/* Added by the shapes owner (shapes*.c, exporters.c): */
PyObject *cq_shape_list(zk_shape **items, size_t n);   /* wraps and frees a zk_explore-style list */
PyObject *cq_shape_wrap_like(zk_shape *s, PyObject *like);  /* wrap, copying forConstruction */
/* Items of an iterable of Shapes as a PyMem array of borrowed handles; *keep (new ref) keeps them alive. */
zk_shape **cq_shapes_from_iterable(PyObject *iterable, size_t *n, PyObject **keep);
PyObject *cq_compound_of_list(PyObject *list);        /* Compound.makeCompound */
int cq_mirror_normal(PyObject *plane, zk_vec *n);     /* "XY"/"YZ"/... or a vector -> plane normal */
extern PyMethodDef cq_mixin1d_methods[], cq_solid_methods[], cq_compound_methods[], cq_shell_methods[],
    cq_face_methods[], cq_wire_methods[], cq_edge_methods[], cq_vertex_methods[];
extern PyGetSetDef cq_vertex_getset[];
PyObject *cq_edge_arcCenter(PyObject *self, PyObject *unused);
PyObject *cq_face_normalAt(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_face_outerWire(PyObject *self, PyObject *unused);
PyObject *cq_face_innerWires(PyObject *self, PyObject *unused);
PyObject *cq_shape_exportStl(PyObject *self, PyObject *args, PyObject *kw);   /* exporters.c */
PyObject *cq_shape_exportStep(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_shape_exportBrep(PyObject *self, PyObject *path);
extern PyMethodDef cq_hull_functions[];     /* cadquery.hull (sketch_hull.c) */
extern PyMethodDef cq_svg_functions[];      /* cadquery.occ_impl.exporters.svg (exporters_svg.c) */
extern PyMethodDef cq_wp_svg_methods[];
/* exporters_mesh.c: TJS, AMF, 3MF, VTP, VRML, BIN, BREP for export(); 1 written, 0 not its type, -1 error */
int cq_export_more(PyObject *shape, const char *type, PyObject *fname, double tol, double ang);
/* DXF (dxf_write.c, dxf_import.c): exportDXF of one shape; the faces of a DXF file per CadQuery's
 * _importDXF (a new list of Faces); cq_dxf_init adds DxfDocument, exportDXF(Projection), importDXF. */
int cq_export_dxf_shape(PyObject *shape, PyObject *fname);
PyObject *cq_dxf_faces(PyObject *filename, double tol, PyObject *exclude, PyObject *include);
int cq_dxf_init(PyObject *module);        /* Shape.exportBin / importBin (exporters_mesh.c) */
extern PyMethodDef cq_occ_assembly_functions[];   /* cadquery.occ_impl.assembly (assembly_caf.c) */
extern PyMethodDef cq_exp_assembly_functions[];   /* cadquery.occ_impl.exporters.assembly */     /* Workplane.toSvg/exportSvg (exporters_svg.c) */
PyObject *cq_shape_moved(PyObject *self, PyObject *args, PyObject *kw);   /* shapes_ops.c */
extern PyNumberMethods cq_shape_as_number;                                /* shapes_ops.c */
/* Current CadQuery's Shape additions: parametric methods (shapes_params.c), editing, set operators
 * and [] (shapes_edit.c); tables added to the types by cq_shapes_init. */
extern PyMethodDef cq_m1d_param_methods[], cq_edge_param_methods[], cq_face_param_methods[],
    cq_shape_edit_methods[], cq_solid_edit_methods[], cq_shape_more_methods[], cq_wire_more_methods[],
    cq_edge_more_methods[], cq_shape_mesh_methods[], cq_wire_fillet_methods[];
extern PyMappingMethods cq_shape_as_mapping;
PyObject *cq_shape_set_and(PyObject *a, PyObject *b);
PyObject *cq_shape_set_or(PyObject *a, PyObject *b);
PyObject *cq_shape_set_sub(PyObject *a, PyObject *b);
extern PyMethodDef cq_shape_extra_methods[];   /* vertex()..solid(), pickling (shapes_ops.c) */
int cq_add_methods(PyTypeObject *type, PyMethodDef *defs);   /* after PyType_Ready */
PyObject *cq_svg_text(PyObject *shape, PyObject *opts);   /* the SVG document of a Shape (str) */
int cq_write_text_file(PyObject *path, PyObject *text);   /* io.open(path, "w").write(text) */
/* Registers `sub` as parent.<attr> and sys.modules[fullname] (exporters.c). */
int cq_register_submodule(PyObject *parent, const char *attr, const char *fullname, PyObject *sub);

/* ---------------------------------------------------------------- errors.c */
/* Raises the Python exception for the last kernel failure: an exception class named after the
 * OCCT class (e.g. cadquery.StdFail_NotDone, subclass of cadquery.OCCTError <- Exception), or
 * ValueError with zk_error_message() when there is no OCCT class. Returns NULL. */
PyObject *cq_raise_kernel_error(const char *context);
extern PyObject *CQ_OCCTError;
/* Added by the geometry owner: raises cadquery.<occt_class>(msg) (a cached OCCTError subclass). */
PyObject *cq_raise_occt(const char *occt_class, const char *msg);

/* ------------------------------------------------------- selectors*.c, sketch*.c */
/* Filters `objects` (a list of Shapes; other items are dropped) by `selector`: a str in the
 * selector grammar or a cadquery.selectors.Selector instance. Returns a new list. */
PyObject *cq_select(PyObject *objects, PyObject *selector);
extern PyTypeObject CQSketchType;
int cq_sketch_check(PyObject *o);
/* The faces of a sketch (after any pending edges are assembled) as a new list of Face objects,
 * each moved to the sketch's locations. */
PyObject *cq_sketch_faces(PyObject *sketch);
/* Workplane.sketch() / placeSketch support: a new Sketch with parent and locations (list of Location). */
PyObject *cq_sketch_new_placed(PyObject *parent, PyObject *locations);
PyObject *cq_sketch_copy_located(PyObject *sketch, PyObject *location);

/* ------------------------------------------------- workplane*.c (core + features) */
typedef struct {
    PyObject_HEAD
    PyObject *pendingWires;   /* list of Wire */
    PyObject *pendingEdges;   /* list of Edge */
    PyObject *firstPoint;     /* Vector or None */
    PyObject *tags;           /* dict name -> Workplane */
    double tolerance;         /* 1e-4 */
} CQContext;

typedef struct {
    PyObject_HEAD
    PyObject *objects;        /* list */
    CQPlane *plane;
    PyObject *parent;         /* Workplane or None */
    CQContext *ctx;           /* shared by the whole chain */
    PyObject *tag;            /* str or None (_tag) */
    PyObject *dict;
} CQWorkplane;

extern PyTypeObject CQWorkplaneType, CQContextType;

/* newObject: a Workplane with the same plane and ctx, parent = self, objects = the list (borrowed, copied). */
PyObject *cq_wp_new_object(CQWorkplane *self, PyObject *objects);
/* findSolid(searchStack, searchParents): Solid/Compound; several -> one Compound; none -> ValueError
 * "Cannot find a solid on the stack or in the parent chain" (when raise_missing), else Py_None. */
PyObject *cq_wp_find_solid(CQWorkplane *self, int search_stack, int search_parents, int raise_missing);
/* _getFaces: sketch faces, faces/compounds on the stack, else pending wires -> faces (popped). */
PyObject *cq_wp_get_faces(CQWorkplane *self);
/* _combineWithBase / the combine argument: combine is Py_True/"a", "cut"/"s", or Py_False. Returns
 * a new Workplane (newObject) holding the result; clean applies clean(). */
PyObject *cq_wp_combine(CQWorkplane *self, PyObject *new_shape, PyObject *combine, int clean);
/* The stack points as world Locations / Vectors for per-point operations (eachpoint semantics). */
PyObject *cq_wp_stack_locations(CQWorkplane *self);  /* list of Location; empty stack -> plane location */
zk_vec cq_wp_current_point(CQWorkplane *self);       /* in plane-local coordinates */
int cq_wp_add_pending_edge(CQWorkplane *self, PyObject *edge);
int cq_wp_add_pending_wire(CQWorkplane *self, PyObject *wire);

/* Method tables merged into Workplane by workplane.c at module init (each ends with {NULL}). */
extern PyMethodDef cq_wp_core_methods[];      /* workplane.c, workplane_stack.c */
extern PyMethodDef cq_wp_draw_methods[];      /* workplane_draw.c */
extern PyMethodDef cq_wp_point_methods[];     /* workplane_points.c */
extern PyMethodDef cq_wp_feature_methods[];   /* workplane_feature.c */
extern PyMethodDef cq_wp_bool_methods[];      /* workplane_bool.c */
extern PyMethodDef cq_wp_more_methods[];      /* workplane_more.c (current CadQuery additions) */

/* Added by workplane core (workplane.c, workplane_*.c of the core). Notes on the contract above:
 * cq_wp_current_point: on failure (last stack item neither Edge nor Vector) it sets RuntimeError
 * and returns (0,0,0): check PyErr_Occurred(). cq_wp_stack_locations returns WORLD Locations
 * (plane * local point: eachpoint(useLocalCoordinates=True) placement). cq_wp_combine's clean
 * leaves Wire/Edge/Vertex items unchanged. workplane.c calls cq_wp_install_number_ops() before
 * PyType_Ready. */
extern PyMethodDef cq_wp_stack_methods[];     /* workplane_stack.c (core's table lives in workplane_plane.c) */
int cq_wp_check(PyObject *o);                 /* isinstance(o, Workplane) */
CQContext *cq_wp_context_new(void);
CQPlane *cq_wp_plane_copy(const CQPlane *src);
/* A Workplane of `type` with these fields (plane/ctx shared, objects copied into a new list). */
PyObject *cq_wp_make(PyTypeObject *type, CQPlane *plane, PyObject *parent, CQContext *ctx, PyObject *objects);
PyObject *cq_wp_new_object1(CQWorkplane *self, PyObject *item);          /* steals item */
int cq_wp_from_point(CQWorkplane *self, int local, zk_vec *out);       /* _findFromPoint */
int cq_wp_merge_tags(CQWorkplane *self, PyObject *other);                /* _mergeTags */
PyObject *cq_wp_get_tagged(CQWorkplane *self, PyObject *name);          /* _getTagged */
PyObject *cq_ctx_pop(CQContext *c, int wires, int error_on_empty);      /* popPendingWires/Edges */
PyObject *cq_wires_to_faces(PyObject *wires);                           /* wiresToFaces */
PyObject *cq_make_compound(PyObject *items);                            /* Compound.makeCompound */
/* Compound.fuse semantics: base's children (or base itself) + tools; fuse(first, rest). */
zk_shape *cq_compound_fuse(zk_shape *base, int base_is_compound, zk_shape *const *tools, size_t ntools,
                           int glue, double tol);
int cq_clean_list(PyObject *lst);                                        /* Shape.clean() in place */
int cq_wp_is_construction(PyObject *shape);
int cq_wp_set_construction(PyObject *shape, int flag);
/* eachpoint(lambda loc: shape.moved(loc), True) with a plane-local shape (new ref `local` kept
 * by the caller): wires not for construction become pending; returns newObject(results). */
PyObject *cq_wp_place_local(CQWorkplane *self, zk_shape *local, int for_construction);
PyObject *cq_wp_locs(CQWorkplane *self);                                 /* _locs() for sketches */
PyObject *cq_wp_consolidate(CQWorkplane *self);                         /* _consolidateWires list */
PyObject *cq_wp_iter(PyObject *self);                  /* [2.5+] __iter__ (workplane_stack.c) */
PyObject *cq_wp_getitem(PyObject *self, PyObject *item); /* [2.5+] __getitem__ */

/* ---- workplane features (owner: workplane features helper; files workplane_feature*.c,
 * workplane_bool.c, workplane_primitives.c, workplane_holes.c, workplane_modify.c) ---- */
/* Operators + - | & * / on Workplane: workplane.c sets CQWorkplaneType.tp_as_number =
 * &cq_wp_number_methods (or calls cq_wp_install_number_ops) before PyType_Ready. */
extern PyNumberMethods cq_wp_number_methods;
int cq_wp_install_number_ops(PyTypeObject *t);
/* Methods implemented in the features' extra files, listed in cq_wp_feature_methods. */
PyObject *cq_wpf_box(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_wpf_sphere(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_wpf_cylinder(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_wpf_wedge(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_wpf_text(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_wpf_hole(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_wpf_cbore_hole(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_wpf_csk_hole(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_wpf_cut_each(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_wpf_fillet(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_wpf_chamfer(PyObject *self, PyObject *args, PyObject *kw);
PyObject *cq_wpf_shell(PyObject *self, PyObject *args, PyObject *kw);
/* Shared feature helpers (workplane_feature_util.c). Shape pointers are borrowed unless noted. */
int cq_wpf_is(PyObject *o, PyTypeObject *t);                 /* isinstance, no exception */
/* malloc'd array of the zk_shape of every Shape item of `list` (others skipped); *n may be 0. */
int cq_wpf_shapes_of(PyObject *list, zk_shape ***out, size_t *n);
zk_shape *cq_wpf_compound_of_list(PyObject *list);           /* new ref; Compound.makeCompound */
zk_shape *cq_wpf_fuse(const zk_shape *base, zk_shape *const *tools, size_t n, int glue, double tol);
zk_shape *cq_wpf_cut(const zk_shape *base, zk_shape *const *tools, size_t n, double tol);
zk_shape *cq_wpf_common(const zk_shape *base, zk_shape *const *tools, size_t n, double tol);
zk_shape *cq_wpf_compound_fuse(const zk_shape *comp);        /* Compound.fuse() with no argument */
/* newObject([wrap(s)]) (steals s; NULL s raises the kernel error named by context). */
PyObject *cq_wpf_new_with(CQWorkplane *self, zk_shape *s, const char *context);
/* _combineWithBase(list of Shapes, combine, clean). */
PyObject *cq_wpf_combine_list(CQWorkplane *self, PyObject *shapes, PyObject *combine, int clean);
/* _combineWithBase(one shape, steals s). */
PyObject *cq_wpf_combine_shape(CQWorkplane *self, zk_shape *s, PyObject *combine, int clean);
PyObject *cq_wpf_vals_of(PyObject *wp, const char *method);  /* wp.<method>().vals() as a list ("vals": wp.vals()) */
double cq_wpf_largest_dimension(CQWorkplane *self);          /* -1 with exception set */
/* _extrude(distance) over the faces of _getFaces(): a Compound of prisms (new ref), NULL on error. */
zk_shape *cq_wpf_extrude_distance(CQWorkplane *self, double distance, int both, double taper);
void cq_wpf_merge_tags(CQWorkplane *self, PyObject *other);

/* ------------------------------------------------- per-file init, called by module.c */
int cq_geom_init(PyObject *module);
int cq_shapes_init(PyObject *module);
int cq_errors_init(PyObject *module);
int cq_selectors_init(PyObject *module);      /* creates cadquery.selectors */
int cq_selectors_shape_init(PyObject *selectors_module);   /* selectors_shape.c */
int cq_sketch_init(PyObject *module);
int cq_workplane_init(PyObject *module);      /* Workplane, CQ alias, Context */
int cq_exporters_init(PyObject *module);      /* cadquery.exporters */
int cq_importers_init(PyObject *module);      /* cadquery.importers */
int cq_assembly_init(PyObject *module);
int cq_func_init(PyObject *module);          /* cadquery.func (func.c, func_ops.c) */
int cq_utils_init(PyObject *module);
int cq_cqgi_init(PyObject *module);          /* cadquery.cqgi (cqgi.c) */         /* cadquery.utils */
int cq_package_init(PyObject *module);       /* the submodules, after every other init */
int cq_pickling_init(void);                   /* pickling.c: Workplane, CQContext, Sketch */

#endif
