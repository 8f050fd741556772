/* kernel.h: zerocad's C API over OpenCascade 7.6 (the only way into src/kernel/).
 *
 * Shapes are opaque, reference-counted handles (zk_shape). Every function that returns a
 * zk_shape * returns a NEW reference the caller must zk_unref(); arguments are borrowed.
 * On failure a function returns NULL (or -1 for int results) and records a message that
 * zk_error_message() returns, with the OCCT exception class in zk_error_type() (for
 * example "StdFail_NotDone"; "" when the failure is not an OCCT exception). OCCT
 * exceptions never escape: they become these error codes. Angles are in RADIANS unless a
 * name says _deg. Nothing here prints to stdout/stderr (OCCT's messengers are silenced by
 * zk_init()). All functions are safe to call from one thread at a time per shape. */
#ifndef ZC_KERNEL_H
#define ZC_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct zk_shape zk_shape;

typedef struct { double x, y, z; } zk_vec;

/* A right-handed frame: origin p, main direction dir (the "normal"/Z), x direction xdir.
 * xdir may be (0,0,0): the kernel then picks gp_Ax2(p, dir)'s default X direction. */
typedef struct { zk_vec p, dir, xdir; } zk_ax2;

/* Affine transform: world = m[0..2][0..2] * p + m[i][3]. Rigid motions, mirrors and uniform
 * scales are accepted where a gp_Trsf can represent them. */
typedef struct { double m[3][4]; } zk_trsf;

typedef enum {
    ZK_COMPOUND = 0, ZK_COMPSOLID, ZK_SOLID, ZK_SHELL, ZK_FACE, ZK_WIRE, ZK_EDGE, ZK_VERTEX, ZK_SHAPE
} zk_type;

/* ---- life cycle and errors ---- */
void zk_init(void);                      /* idempotent; silences OCCT messengers */
zk_shape *zk_ref(zk_shape *s);           /* returns s */
void zk_unref(zk_shape *s);              /* NULL is fine */
const char *zk_error_message(void);      /* last failure, "" if none */
const char *zk_error_type(void);         /* OCCT exception class of the last failure or "" */
void zk_error_clear(void);

/* ---- identity ---- */
zk_type zk_shape_type(const zk_shape *s);
int zk_is_null(const zk_shape *s);
int zk_is_same(const zk_shape *a, const zk_shape *b);     /* TopoDS IsSame (same TShape + location) */
int zk_is_equal(const zk_shape *a, const zk_shape *b);    /* IsEqual (also orientation) */
uint64_t zk_hash(const zk_shape *s);                      /* equal for IsSame shapes */
int zk_orientation(const zk_shape *s);                    /* 0 forward, 1 reversed, 2 internal, 3 external */
zk_shape *zk_copy(const zk_shape *s);                     /* BRepBuilderAPI_Copy */

/* ---- transforms (copies) ---- */
zk_shape *zk_transformed(const zk_shape *s, const zk_trsf *t);   /* BRepBuilderAPI_Transform(copy=true) */
zk_shape *zk_moved(const zk_shape *s, const zk_trsf *t);         /* s.Moved(TopLoc_Location(t)): shares geometry */
zk_shape *zk_located(const zk_shape *s, const zk_trsf *t);       /* s.Located(t): replaces the location */
int zk_location(const zk_shape *s, zk_trsf *out);                /* the shape's own TopLoc_Location */
zk_shape *zk_translated(const zk_shape *s, zk_vec v);
zk_shape *zk_rotated(const zk_shape *s, zk_vec axis_p, zk_vec axis_dir, double angle);
zk_shape *zk_scaled(const zk_shape *s, zk_vec center, double factor);
zk_shape *zk_mirrored(const zk_shape *s, zk_vec plane_p, zk_vec plane_normal);
zk_shape *zk_general_transformed(const zk_shape *s, const zk_trsf *t); /* BRepBuilderAPI_GTransform (non-uniform) */

/* ---- vertices and edges ---- */
zk_shape *zk_vertex(zk_vec p);
zk_vec zk_vertex_point(const zk_shape *v);
zk_shape *zk_edge_line(zk_vec a, zk_vec b);
zk_shape *zk_edge_circle(const zk_ax2 *frame, double radius);                     /* full circle */
zk_shape *zk_edge_circle_arc(const zk_ax2 *frame, double radius, double a1, double a2); /* a1->a2 ccw about dir */
zk_shape *zk_edge_arc3(zk_vec p1, zk_vec p2, zk_vec p3);                          /* through 3 points */
zk_shape *zk_edge_arc_tangent(zk_vec p1, zk_vec tangent, zk_vec p2);              /* GC_MakeArcOfCircle(p,v,p) */
zk_shape *zk_edge_ellipse(const zk_ax2 *frame, double r_major, double r_minor);   /* major along xdir */
/* Arc of ellipse from a1 to a2 (radians, measured in the frame); sense +1 ccw, -1 cw (CadQuery's makeEllipse). */
zk_shape *zk_edge_ellipse_arc(const zk_ax2 *frame, double r1, double r2, double a1, double a2, int sense);
/* GeomAPI_Interpolate through n points; tangents NULL, 2 (start,end) or n; params NULL or n values;
 * scale: scale tangents (CadQuery's scale=True); tol: 1e-6 by default (pass <= 0). */
zk_shape *zk_edge_spline(const zk_vec *pts, size_t n, const zk_vec *tangents, size_t ntangents,
                         int periodic, const double *params, int scale, double tol);
zk_shape *zk_edge_bezier(const zk_vec *pts, size_t n);
/* Helix edge (CadQuery Wire.makeHelix, lefthand=0): on a cylinder of `radius` about frame. */
zk_shape *zk_wire_helix(double pitch, double height, double radius, zk_vec center, zk_vec dir, int lefthand);

/* Edge and wire geometry queries. t in [0,1] is the normalized curve parameter (CadQuery's
 * positionAt/tangentAt with mode="parameter"); length mode uses the arc length fraction. */
zk_vec zk_curve_start(const zk_shape *edge_or_wire);
zk_vec zk_curve_end(const zk_shape *edge_or_wire);
zk_vec zk_curve_position_at(const zk_shape *edge_or_wire, double t, int length_mode);
zk_vec zk_curve_tangent_at(const zk_shape *edge_or_wire, double t, int length_mode);
int zk_curve_is_closed(const zk_shape *edge_or_wire);
double zk_curve_radius(const zk_shape *edge);            /* circle radius; -1 if not a circle */
zk_vec zk_curve_arc_center(const zk_shape *edge);        /* circle/ellipse centre */

/* ---- wires ---- */
zk_shape *zk_wire_from_edges(zk_shape *const *edges, size_t n);  /* BRepBuilderAPI_MakeWire (+ fallback connect) */
zk_shape *zk_wire_polygon(const zk_vec *pts, size_t n, int close);
/* ShapeAnalysis_FreeBounds::ConnectEdgesToWires(tol 1e-9, shared=false): *out malloc'd array of new refs. */
int zk_wires_from_edges(zk_shape *const *edges, size_t n, zk_shape ***out, size_t *nout);
/* BRepOffsetAPI_MakeOffset on a planar wire; kind 0 arc, 1 intersection, 2 tangent. */
int zk_wire_offset2d(const zk_shape *wire, double d, int kind, zk_shape ***out, size_t *nout);
zk_shape *zk_wire_close(const zk_shape *wire);           /* adds a closing line when open */

/* ---- faces ---- */
/* CadQuery Face.makeFromWires(outer, inners): planar face (BRepLib_FindSurface OnlyPlane,
 * MakeFace(w, true), Add inners, ShapeFix_Face + FixOrientation). May return a Compound of
 * faces when ShapeFix splits it. */
zk_shape *zk_face_from_wires(const zk_shape *outer, zk_shape *const *inners, size_t ninners);
/* Non-planar filling face bounded by edges (BRepOffsetAPI_MakeFilling), for Sketch/interpPlate use. */
zk_shape *zk_face_filling(zk_shape *const *edges, size_t n);
zk_shape *zk_face_plane(const zk_ax2 *frame, double width, double height);  /* a rectangle face */
zk_vec zk_face_normal_at(const zk_shape *face, const zk_vec *at);  /* at NULL: uv mid-point; else projected point; outward (orientation applied) */
zk_vec zk_face_center_uv(const zk_shape *face);                     /* point at uv mid-point */
zk_shape *zk_face_outer_wire(const zk_shape *face);
int zk_face_inner_wires(const zk_shape *face, zk_shape ***out, size_t *nout);
zk_shape *zk_fillet2d(const zk_shape *face, zk_shape *const *vertices, size_t n, double radius);
zk_shape *zk_chamfer2d(const zk_shape *face, zk_shape *const *vertices, size_t n, double d);

/* ---- primitives (frame: placement point, main direction, x direction) ---- */
zk_shape *zk_box(const zk_ax2 *frame, double dx, double dy, double dz);      /* corner at frame.p */
zk_shape *zk_cylinder(const zk_ax2 *frame, double radius, double height, double angle);
zk_shape *zk_sphere(const zk_ax2 *frame, double radius, double a1, double a2, double a3);
zk_shape *zk_cone(const zk_ax2 *frame, double r1, double r2, double height, double angle);
zk_shape *zk_torus(const zk_ax2 *frame, double r1, double r2);
zk_shape *zk_wedge(const zk_ax2 *frame, double dx, double dy, double dz,
                   double xmin, double zmin, double xmax, double zmax);
/* Text (Font_BRepTextBuilder); font NULL = a default sans font; returns faces, or solid when distance != 0. */
zk_shape *zk_text(const char *txt, double size, double distance, const char *font, const char *font_path,
                  int kind, int halign, int valign, const zk_ax2 *frame);

/* ---- sweeps ---- */
zk_shape *zk_prism(const zk_shape *face_or_wire, zk_vec v);                    /* MakePrism(s, v, true) */
zk_shape *zk_prism_taper(const zk_shape *face, double height, double taper_deg); /* CadQuery extrudeLinear(taper): LocOpe_DPrism */
/* BRepFeat_MakeDPrism/MakePrism up to a face of `base`: mode 0 = next, 1 = last (thru all),
 * 2 = up to until_face; fuse 1 adds material, 0 removes it. dir is the extrusion direction. */
zk_shape *zk_prism_until(const zk_shape *base, const zk_shape *face, zk_vec dir, int mode,
                         const zk_shape *until_face, int fuse);
zk_shape *zk_revolve(const zk_shape *face_or_wire, zk_vec axis_p, zk_vec axis_dir, double angle);
zk_shape *zk_loft(zk_shape *const *wires, size_t n, int solid, int ruled);
/* BRepOffsetAPI_MakePipeShell of one profile wire along path: frenet mode, optional auxiliary
 * spine (aux may be NULL), transition 0 transformed, 1 round, 2 right; make_solid. */
zk_shape *zk_pipe_shell(const zk_shape *profile, const zk_shape *path, int frenet, const zk_shape *aux,
                        int transition, int make_solid);
zk_shape *zk_pipe_shell_multi(zk_shape *const *profiles, size_t n, const zk_shape *path, int frenet,
                              int transition, int make_solid);
/* CadQuery Solid.extrudeLinearWithRotation: outer minus inner wires, straight spine + helix aux spine. */
zk_shape *zk_twist_extrude(const zk_shape *outer, zk_shape *const *inners, size_t ninners,
                           zk_vec center, zk_vec normal, double angle_deg);

/* ---- features ---- */
zk_shape *zk_fillet(const zk_shape *solid, zk_shape *const *edges, size_t n, double radius);
zk_shape *zk_chamfer(const zk_shape *solid, zk_shape *const *edges, size_t n, double d1, double d2); /* d2 <= 0: symmetric */
/* CadQuery Shape.shell: faces removed (n may be 0: closed hollow solid); kind 0 arc, 1 intersection. */
zk_shape *zk_shell(const zk_shape *solid, zk_shape *const *faces, size_t n, double thickness, double tol, int kind);

/* ---- booleans (fuzzy tol <= 0: none) ---- */
zk_shape *zk_fuse(const zk_shape *a, zk_shape *const *tools, size_t n, int glue, double tol);
zk_shape *zk_cut(const zk_shape *a, zk_shape *const *tools, size_t n, double tol);
zk_shape *zk_common(const zk_shape *a, zk_shape *const *tools, size_t n, double tol);
zk_shape *zk_split(const zk_shape *a, zk_shape *const *tools, size_t n);       /* BRepAlgoAPI_Splitter */
zk_shape *zk_section(const zk_shape *a, const zk_shape *tool);                 /* BRepAlgoAPI_Section */
zk_shape *zk_clean(const zk_shape *s);   /* ShapeUpgrade_UnifySameDomain(s,true,true,true), no internal edges */
zk_shape *zk_fix(const zk_shape *s);     /* ShapeFix_Shape */
zk_shape *zk_compound(zk_shape *const *shapes, size_t n);
zk_shape *zk_solid_from_shell(const zk_shape *shell);
zk_shape *zk_shell_from_faces(zk_shape *const *faces, size_t n);  /* sewing */

/* ---- topology ---- */
/* Unique sub-shapes of a type in TopExp::MapShapes order (CadQuery's _entities). *out malloc'd,
 * each a new ref (free with zk_free_list). type == the shape's own type returns the shape itself. */
int zk_explore(const zk_shape *s, zk_type type, zk_shape ***out, size_t *n);
int zk_children(const zk_shape *s, zk_shape ***out, size_t *n);   /* TopoDS_Iterator: direct children */
/* Ancestors of `sub` of type `type` within `s` (MapShapesAndAncestors), e.g. the faces of an edge. */
int zk_ancestors(const zk_shape *s, const zk_shape *sub, zk_type type, zk_shape ***out, size_t *n);
void zk_free_list(zk_shape **list, size_t n);

/* ---- queries ---- */
/* Geometry type names as CadQuery's geomType(): faces PLANE CYLINDER CONE SPHERE TORUS BEZIER BSPLINE
 * REVOLUTION EXTRUSION OFFSET OTHER; edges LINE CIRCLE ELLIPSE HYPERBOLA PARABOLA BEZIER BSPLINE OFFSET
 * OTHER; other shapes: "Vertex", "Wire", "Shell", "Solid", "Compound", "CompSolid". */
const char *zk_geom_type(const zk_shape *s);
double zk_volume(const zk_shape *s);     /* BRepGProp::VolumeProperties */
double zk_area(const zk_shape *s);       /* BRepGProp::SurfaceProperties */
double zk_length(const zk_shape *s);     /* BRepGProp::LinearProperties */
/* CadQuery Shape.Center(): centre of mass by the shape's dimension (vertex point, linear for
 * edges/wires, surface for faces/shells, volume for solids and compounds). */
zk_vec zk_center_of_mass(const zk_shape *s);
zk_vec zk_center_of_bbox(const zk_shape *s);
/* Bounding box: out = xmin ymin zmin xmax ymax zmax. optimal: the exact box of the analytic geometry,
 * BRepBndLib::AddOptimal(useTriangulation=false, useShapeTolerance=false) (CadQuery's default box, also
 * after the shape was meshed in place); optimal=0: mesh with tol (<= 0: 1e-2) and BRepBndLib::Add. */
int zk_bbox(const zk_shape *s, double tol, int optimal, double out[6]);
int zk_is_valid(const zk_shape *s);      /* BRepCheck_Analyzer */
/* Point classification against a solid: 0 outside, 1 inside, 2 on the boundary. */
int zk_classify(const zk_shape *solid, zk_vec p, double tol);
double zk_distance(const zk_shape *a, const zk_shape *b);   /* BRepExtrema_DistShapeShape */

/* ---- meshing ---- */
typedef struct {
    float *points;      /* 3 * npoints */
    float *normals;     /* 3 * npoints, unit, outward */
    uint32_t *tris;     /* 3 * ntris, counter-clockwise seen from outside */
    size_t npoints, ntris;
} zk_mesh;
/* BRepMesh_IncrementalMesh(s, lin, ang, relative, parallel=false) then gather the face triangulations. */
int zk_mesh_shape(const zk_shape *s, double lin_tol, double ang_tol, int relative, zk_mesh *out);
void zk_mesh_free(zk_mesh *m);
/* Polylines of the B-rep edges after meshing (for line drawing): pts 3*npts floats, starts[nlines+1]
 * offsets into pts (in points); sharp[i] 1 if edge i is a sharp feature (dihedral angle above angle_deg,
 * or a boundary/seam-free edge). */
typedef struct { float *pts; size_t npts; uint32_t *starts; uint8_t *sharp; size_t nlines; } zk_polylines;
int zk_edge_polylines(const zk_shape *s, double lin_tol, double ang_tol, double angle_deg, zk_polylines *out);
void zk_polylines_free(zk_polylines *p);

/* ---- exchange ---- */
int zk_write_step(const zk_shape *s, const char *path);      /* AP214, surface curves on, precision mode 0 */
zk_shape *zk_read_step(const char *path);                    /* one shape (compound if several roots) */
zk_shape *zk_read_step_memory(const char *name, const void *data, size_t len);   /* the same, from bytes */
int zk_write_stl(const zk_shape *s, const char *path, double lin_tol, double ang_tol, int relative, int ascii);
zk_shape *zk_read_stl(const char *path);                     /* RWStl -> a shell/compound of triangular faces */
int zk_write_brep(const zk_shape *s, const char *path);


/* ---- additions (kernel helper; see docs/kernel.md) ---- */
/* CadQuery Shape.computeMass: mass by dimension (length for edges/wires, area for faces/shells,
 * volume for solids/compounds); CadQuery's Volume() of a Face is this (its area). */
double zk_mass(const zk_shape *s);
int zk_is_closed(const zk_shape *s);                 /* TopoDS_Shape::Closed() flag (Shape.Closed()) */
int zk_edge_is_degenerated(const zk_shape *edge);   /* BRep_Tool::Degenerated; 0 for non-edges */
/* Raw parameter range of an edge (BRepAdaptor_Curve) or wire (CompCurve): CadQuery's
 * mode="parameter" value p corresponds to t = (p - first) / (last - first) above. */
int zk_curve_bounds(const zk_shape *edge_or_wire, double *first, double *last);
/* Wire.makeHelix with a cone half-angle in degrees (360 = cylinder, as zk_wire_helix). */
zk_shape *zk_wire_helix_cone(double pitch, double height, double radius, zk_vec center, zk_vec dir,
                             double angle_deg, int lefthand);
/* ConnectEdgesToWires with an explicit tolerance (edgesToWires uses 1e-6). */
int zk_wires_from_edges_tol(zk_shape *const *edges, size_t n, double tol, zk_shape ***out, size_t *nout);
/* Booleans with several arguments (Compound.fuse/cut/intersect pass the compound's children). */
zk_shape *zk_fuse_many(zk_shape *const *args, size_t nargs, zk_shape *const *tools, size_t n, int glue, double tol);
zk_shape *zk_cut_many(zk_shape *const *args, size_t nargs, zk_shape *const *tools, size_t n, double tol);
zk_shape *zk_common_many(zk_shape *const *args, size_t nargs, zk_shape *const *tools, size_t n, double tol);
/* CadQuery Mixin3D.dprism for one face: BRepFeat_MakeDPrism(base, face, basis or null face,
 * taper_rad, additive, modify=false); mode 0 Perform(depth), 1 PerformThruAll, 2 Perform(until). */
zk_shape *zk_dprism(const zk_shape *base, const zk_shape *face, const zk_shape *basis, double taper_rad,
                    int additive, int mode, double depth, const zk_shape *until);
/* Full sweep (CadQuery Solid.sweep/sweep_multi): several profiles (wires, edges or vertices) along
 * path; mode: fixed_dir != NULL -> fixed trihedron at the path start with that direction (profiles
 * rotated); else aux != NULL -> auxiliary spine (aux_curvilinear: CurvilinearEquivalence, CadQuery's
 * sweep uses 1); else frenet. zk_pipe_shell(…aux…) uses aux_curvilinear = 1. */
zk_shape *zk_pipe_shell_ex(zk_shape *const *profiles, size_t n, const zk_shape *path, int frenet,
                           const zk_shape *aux, int aux_curvilinear, const zk_vec *fixed_dir,
                           int transition, int make_solid);
/* Shape.facesIntersectedByLine: faces hit by the line (point, axis), sorted by distance from point;
 * direction 0 any, 1 "AlongAxis", 2 "Opposite". */
int zk_faces_intersected_by_line(const zk_shape *s, zk_vec point, zk_vec axis, double tol, int direction,
                                 zk_shape ***out, size_t *nout);
/* All shapes of a STEP file as CadQuery's importStep lists them (one per reader shape). */
int zk_read_step_all(const char *path, zk_shape ***out, size_t *nout);
zk_shape *zk_read_brep(const char *path);
/* Edge.makeSplineApprox: GeomAPI_PointsToBSpline(pts, min_deg, max_deg, C2, tol), or with smoothing
 * weights (3 doubles) (pts, w1, w2, w3, max_deg, C2, tol); "B-spline approximation failed" on failure. */
zk_shape *zk_edge_spline_approx(const zk_vec *pts, size_t n, double tol, int min_deg, int max_deg,
                                const double *smoothing);

/* Hidden-line removal (HLRBRep_Algo) of s seen along dir (the view-plane normal; xdir, if not NULL,
 * the view's X axis; focus > 0 a perspective projector at that distance): compounds of the visible
 * (sharp, smooth and outline) and hidden (sharp and outline) edges in view coordinates (z = 0).
 * Returns 0, or -1 with the error recorded. */
int zk_hlr(const zk_shape *s, zk_vec dir, const zk_vec *xdir, double focus, zk_shape **visible,
           zk_shape **hidden);
/* Points of an edge at most `deflection` from it (GCPnts_QuasiUniformDeflection): *xyz is a
 * malloc'd array of 3 * *n doubles (free() it); *n may be 0. Returns 0, or -1 with the error. */
int zk_edge_discretize(const zk_shape *edge, double deflection, double **xyz, size_t *n);
/* A shape as BRep text in memory (malloc'd, NUL-terminated, *len bytes; free() it), and back
 * (for pickling). NULL with the error recorded on failure. */
char *zk_brep_text(const zk_shape *s, size_t *len);
zk_shape *zk_brep_from_text(const char *text, size_t len);
/* OCCT's named colour (Quantity_Color::ColorFromName, case-insensitive) as linear RGB in [0, 1];
 * -1 with the error recorded for an unknown name. */
int zk_color_from_name(const char *name, double rgb[3]);

/* ---- metrics additions (metrics helper; src/kernel/metrics_support.cpp) ---- */
/* Volume properties (BRepGProp::VolumeProperties): volume, centre of mass and the matrix of
 * inertia about the centre of mass (row-major 3x3, GProp_GProps::MatrixOfInertia, unit density);
 * each output may be NULL. Returns 0, or -1 with the error recorded. */
int zk_volume_inertia(const zk_shape *s, double *volume, zk_vec *center, double inertia[9]);


/* ---- assembly documents (XCAF; src/kernel/caf.cpp). Labels are indices into the document's
 * table; functions returning a label give it (>= 0), or -1 with the error recorded. ---- */
typedef struct zk_caf zk_caf;
/* The XCAF functions below live in a plugin (zerocad_caf.so beside cadquery.so) loaded on the first
 * call; zk_caf_preload() loads it now (0, or -1 with the error recorded when it cannot be loaded:
 * then every zk_caf_* call fails with that error). */
int zk_caf_preload(void);
enum { ZK_CAF_ASSEMBLY = 1, ZK_CAF_SIMPLE = 2, ZK_CAF_REFERENCE = 4, ZK_CAF_TOP = 8 };
zk_caf *zk_caf_new(void);
void zk_caf_free(zk_caf *d);
int zk_caf_new_shape(zk_caf *d);                                   /* XCAFDoc_ShapeTool::NewShape */
int zk_caf_add_shape(zk_caf *d, const zk_shape *s);               /* AddShape(s, makeAssembly=False) */
int zk_caf_set_shape(zk_caf *d, int lab, const zk_shape *s);
int zk_caf_add_component(zk_caf *d, int parent, int ref, const zk_trsf *loc);   /* loc NULL: identity */
int zk_caf_set_location(zk_caf *d, int lab, const zk_trsf *loc);  /* the label holding the location */
int zk_caf_set_name(zk_caf *d, int lab, const char *name);
int zk_caf_set_color(zk_caf *d, int lab, const double rgba[4], int generic);    /* sRGB; surf or gen */
int zk_caf_set_material(zk_caf *d, int lab, const char *name, const char *desc, double density,
                        const char *density_unit);
int zk_caf_add_subshape(zk_caf *d, int lab, const zk_shape *sub); /* -2: not a subshape */
int zk_caf_set_layer(zk_caf *d, int lab, const char *layer);
int zk_caf_update(zk_caf *d);                                      /* UpdateAssemblies */
int zk_caf_mesh(zk_caf *d, double tol, double ang_tol);            /* meshes every shape label */
/* STEP (AP214) with colours, names, layers, materials; unit/out_unit "MM", "M", ... (NULL: MM);
 * named[i] gets names[i] on its STEP geometry (name_geometries). */
int zk_caf_write_step(zk_caf *d, const char *path, int pcurves, int precision_mode, const char *unit,
                      const char *out_unit, zk_shape *const *named, const char *const *names, size_t nnamed);
int zk_caf_save(zk_caf *d, const char *path, int binary);         /* XBF (binary) or XML */
int zk_caf_write_gltf(zk_caf *d, const char *path, int binary);   /* glTF / GLB (shapes meshed) */
int zk_caf_write_vrml(zk_caf *d, const char *path);
zk_caf *zk_caf_read_step(const char *path, const char *unit);
zk_caf *zk_caf_open(const char *path);                             /* XBF or XML */
/* Label lists are malloc'd arrays of label indices. */
int zk_caf_free_shapes(zk_caf *d, int **out, size_t *n);
int zk_caf_components(zk_caf *d, int lab, int **out, size_t *n);
int zk_caf_subshapes(zk_caf *d, int lab, int **out, size_t *n);
int zk_caf_referred(zk_caf *d, int lab);                           /* -2: not a reference */
int zk_caf_kind(zk_caf *d, int lab);                               /* ZK_CAF_* bits */
int zk_caf_location(zk_caf *d, int lab, zk_trsf *out, int *identity);
char *zk_caf_name(zk_caf *d, int lab);                             /* malloc'd, "" if none */
int zk_caf_ref_color(zk_caf *d, int lab, double rgba[4]);          /* 1 found, 0 none (sRGB) */
int zk_caf_shape_color(zk_caf *d, const zk_shape *s, double rgba[4]);
int zk_caf_material(zk_caf *d, int lab, char **name, char **desc, double *density, char **density_unit);
zk_shape *zk_caf_shape(zk_caf *d, int lab);
int zk_caf_layers(zk_caf *d, int lab, char ***out, size_t *n);     /* malloc'd names */
/* toFusedCAF: the parts (already located) fused into one compound named `name`, faces coloured
 * by their part's colour (rgba[i] where has_color[i]) through the fuse history. */
int zk_caf_add_fused(zk_caf *d, zk_shape *const *parts, const double (*rgba)[4], const int *has_color, size_t n,
                     int glue, double tol, const char *name);
/* Imprints the solids on each other (BOPAlgo_Builder; glue 0 off, 1 shift, 2 full; tol > 0 fuzzy):
 * *result, its solids, and origins[i * n + j] = 1 when result solid i comes from args[j]
 * (src/kernel/imprint.cpp; free the lists with zk_free_list and free()). */
int zk_imprint(zk_shape *const *args, size_t n, int glue, double tol, zk_shape **result, zk_shape ***solids,
               size_t *nsolids, int **origins);
/* src/kernel/exchange_more.cpp: VRML of a shape, OCCT's binary shape format, STEP with units
 * (unit: the model's, out_unit: declared in the file; "MM", "M", "INCH", ...). */
int zk_write_vrml_shape(const zk_shape *s, const char *path);
int zk_write_bin(const zk_shape *s, const char *path);
int zk_stl_set_header(const char *path);   /* binary STL: current OCCT's header text */
zk_shape *zk_read_bin(const char *path);
int zk_write_step_units(const zk_shape *s, const char *path, int pcurves, int precision_mode, const char *unit,
                        const char *out_unit);
/* ---- DXF curves (src/kernel/dxf_geom.cpp) ---- */
enum { ZK_DXF_LINE, ZK_DXF_CIRCLE, ZK_DXF_ARC, ZK_DXF_ELLIPSE, ZK_DXF_SPLINE };
typedef struct {
    int kind;
    double p0[3], p1[3];   /* LINE start/end; CIRCLE/ARC/ELLIPSE centre in p0, ELLIPSE major axis in p1 */
    double radius;         /* CIRCLE/ARC radius; ELLIPSE minor/major ratio */
    double a0, a1;         /* ARC start/end angles (degrees); ELLIPSE start/end parameters */
    int degree;            /* SPLINE */
    size_t npoles, nknots;
    double *poles, *weights, *knots;   /* 3 * npoles; npoles or NULL (not rational); nknots */
} zk_dxf_entity;
int zk_dxf_edge(const zk_shape *edge, zk_dxf_entity *out);         /* CadQuery's DxfDocument conversions */
void zk_dxf_entity_free(zk_dxf_entity *e);
zk_shape *zk_edge_to_cubic(const zk_shape *edge, double tol);      /* degree-3 approximation */
zk_shape *zk_edge_bspline(const double *poles, const double *weights, size_t npoles, const double *knots,
                          size_t nknots, int degree, int periodic);  /* knots: the full sequence */
zk_shape *zk_edge_dxf_arc(zk_vec center, double radius, double a0_deg, double a1_deg);   /* ccw in XY */
zk_shape *zk_edge_dxf_ellipse(zk_vec center, zk_vec major, double ratio, zk_vec normal, double p0, double p1);
int zk_contains_subshape(const zk_shape *of, const zk_shape *sub); /* 1/0 (TopExp::MapShapes) */
int zk_color_srgb(const char *name, double rgba[4]);               /* OCCT colour name or hex, sRGB */
/* ---- parametric queries (params.cpp): u is the raw curve parameter, (u, v) the raw surface ones ---- */
int zk_curve_param_length(const zk_shape *c, double d, double *u);        /* u at length fraction d */
/* Closest parameters of n points (edges: GeomAPI_ProjectPointOnCurve on the edge's curve). */
int zk_curve_params_of_points(const zk_shape *c, const zk_vec *pts, size_t n, double *us);
int zk_curve_d1(const zk_shape *c, double u, zk_vec *p, zk_vec *d1);      /* point and derivative; NULLs ok */
int zk_curve_curvature(const zk_shape *c, double u, double resolution, double *k);   /* LProp3d_CLProps */
/* Parameters of n points equally spaced by arc length (n > 0; closed curves drop the repeated end),
 * else at most `deflection` away (GCPnts_QuasiUniformDeflection); *us malloc'd. */
int zk_curve_sample(const zk_shape *c, int n, double deflection, double **us, size_t *nout);
/* Local frame at u (CadQuery locationAt): Frenet (corrected 1: corrected Frenet), planar: Z up. */
int zk_curve_frame(const zk_shape *c, double u, int corrected, int planar, zk_trsf *out);
int zk_curve_periodicity(const zk_shape *c, int *periodic, double *period, int *closed);
zk_shape *zk_edge_trim(const zk_shape *e, double u0, double u1);          /* on the base curve */
int zk_edge_has_pcurve(const zk_shape *e, const zk_shape *face);
/* Edge on a face from n (u,v) points (uv: 2n doubles; params: NULL or n (+1 if periodic) values). */
zk_shape *zk_edge_on_face(const zk_shape *face, const double *uv, size_t n, const double *params,
                          int periodic, double tol);
int zk_face_uv_bounds(const zk_shape *f, double out[4]);                  /* umin umax vmin vmax */
/* (u,v) of n points: analysis 0 GeomAPI_ProjectPointOnSurf, 1 ShapeAnalysis_Surface (tol). uv: 2n. */
int zk_face_params_of_points(const zk_shape *f, const zk_vec *pts, size_t n, int analysis, double tol,
                             double *uv);
/* Point, BRepGProp_Face normal (orientation applied, not unit) and surface derivatives at (u,v). */
int zk_face_eval(const zk_shape *f, double u, double v, zk_vec *p, zk_vec *normal, zk_vec *du, zk_vec *dv);
zk_shape *zk_face_trim_uv(const zk_shape *f, double u0, double u1, double v0, double v1, double tol);
zk_shape *zk_face_trim_wires(const zk_shape *f, const zk_shape *outer, zk_shape *const *inner, size_t n);
zk_shape *zk_face_trim_polygon_uv(const zk_shape *f, const double *uv, size_t n);
zk_shape *zk_face_isoline(const zk_shape *f, double param, int u_dir);   /* u_dir 1: u = param */
zk_shape *zk_face_extend(const zk_shape *f, double d, int umin, int umax, int vmin, int vmax);
zk_shape *zk_face_add_holes(const zk_shape *f, zk_shape *const *wires, size_t n);
zk_shape *zk_to_nurbs(const zk_shape *s);

/* ---- topology editing (reshape.cpp) ---- */
zk_shape *zk_reshape_remove(const zk_shape *s, zk_shape *const *subs, size_t n);
zk_shape *zk_reshape_replace(const zk_shape *s, const zk_shape *old, zk_shape *const *with, size_t n);
zk_shape *zk_reversed(const zk_shape *s);
zk_shape *zk_solid_outer_shell(const zk_shape *solid);                    /* BRepClass3d::OuterShell */
zk_shape *zk_solid_add_cavities(const zk_shape *solid, zk_shape *const *shells, size_t n);
char *zk_bin_write(const zk_shape *s, size_t *len);                       /* BinTools, malloc'd */
zk_shape *zk_bin_read(const void *data, size_t len);

/* ---- free-function operations (freeops.cpp) ---- */
zk_shape *zk_offset_skin(const zk_shape *s, double t, double tol, int cap);   /* faces/shells, intersection join */
/* 2D offset of wires (ctx_face: NULL, or a face whose surface carries them); kind 0 arc 1 intersection
 * 2 tangent; open: offset open wires as open. */
zk_shape *zk_offset2d_ex(zk_shape *const *wires, size_t n, double t, const zk_shape *ctx_face, int kind, int open);
int zk_closest_points(const zk_shape *a, const zk_shape *b, zk_vec *pa, zk_vec *pb);
zk_shape *zk_enclose(zk_shape *const *shapes, size_t n, double tol);          /* BOPAlgo_MakerVolume */
zk_shape *zk_fill_constrained(zk_shape *const *bounds, size_t n, zk_shape *const *faces_of_edges,
                              zk_shape *const *cons, size_t ncons, const zk_vec *pts, size_t npts);
zk_shape *zk_project(zk_shape *const *items, size_t n, const zk_shape *base, const zk_vec *dir);
/* CadQuery Wire.fillet: each corner (or only those at `vertices`, nv > 0) filleted in the plane of
 * its two edges (ChFi2d_FilletAPI); "Failed fillet at a vertex" when a radius does not fit. */
zk_shape *zk_wire_fillet(const zk_shape *wire, double radius, zk_shape *const *vertices, size_t nv);

/* ---- operation history (history.cpp; CadQuery's cadquery.func History) ----
 * A recorder collects, for its keys (the faces, edges and vertices of the tracked inputs), what
 * the OCCT builders of an operation report: generated and modified shapes, deletion, the first and
 * last shapes of sweeps and lofts (per key and overall), and images (imprint). Make it active with
 * zk_hist_record_into(h) on this thread; the builders of zk_fuse/cut/common(_many), zk_split,
 * zk_imprint, zk_prism, zk_revolve, zk_loft, zk_pipe_shell_ex, zk_offset_skin, zk_offset2d_ex,
 * zk_fillet2d, zk_chamfer2d, zk_wire_from_edges and zk_sew then record into it. In
 * ZK_HIST_REMAP mode the next operations (a boolean) map the values recorded so far onto their
 * images instead (a value modified becomes its images, a deleted one is dropped). */
typedef struct zk_hist zk_hist;
enum { ZK_HIST_GENERATED, ZK_HIST_MODIFIED, ZK_HIST_IMAGES, ZK_HIST_FIRST, ZK_HIST_LAST, ZK_HIST_NKINDS };
enum { ZK_HIST_RECORD, ZK_HIST_REMAP };
zk_hist *zk_hist_new(void);
void zk_hist_free(zk_hist *h);
int zk_hist_track(zk_hist *h, const zk_shape *s);   /* its faces, edges and vertices become keys */
void zk_hist_record_into(zk_hist *h);               /* NULL: record nothing */
zk_hist *zk_hist_active(void);                      /* the recorder in effect, or NULL */
void zk_hist_set_mode(zk_hist *h, int mode);
/* Drops the recorded first/last shapes that are not sub-shapes of s (sweeps and lofts of faces:
 * only the result's end faces stay). */
int zk_hist_keep_ends_in(zk_hist *h, const zk_shape *s);
size_t zk_hist_size(const zk_hist *h);              /* number of keys */
zk_shape *zk_hist_key(const zk_hist *h, size_t i);  /* new ref */
int zk_hist_deleted(const zk_hist *h, size_t i);
/* Values of a kind for key i: 1 (recorded, *out a malloc'd list, maybe empty), 0 none recorded. */
int zk_hist_values(const zk_hist *h, size_t i, int kind, zk_shape ***out, size_t *n);
/* The first (last = 0) or last shapes recorded by the operation's builders. */
int zk_hist_ends(const zk_hist *h, int last, zk_shape ***out, size_t *n);
/* Local sewing (BRepBuilderAPI_Sewing, CadQuery's shell): faces sewn, with ctx (NULL: none) loaded
 * as the context; manifold 0 allows non-manifold edges. Records the sewing history and the images
 * of the faces and of ctx's faces. Returns the shells of the sewn shape (a free face made a
 * one-face shell): one shell, or a compound of them. */
zk_shape *zk_sew(zk_shape *const *faces, size_t n, const zk_shape *ctx, double tol, int manifold);

#ifdef __cplusplus
}
#endif

#endif
