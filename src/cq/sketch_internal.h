/* sketch_internal.h: the cadquery.Sketch object layout and the helpers shared by sketch.c
 * (type, modes, copies), sketch_shapes.c (face shapes), sketch_locations.c, sketch_select.c (selection, tags, 2D fillet/chamfer,
 * offset, clean, delete) and sketch_edges.c (segment/arc/spline/bezier/close/assemble).
 * Private to src/cq/sketch*.c. */
#ifndef ZC_SKETCH_INTERNAL_H
#define ZC_SKETCH_INTERNAL_H

#include "cq_internal.h"

typedef struct {
    PyObject_HEAD
    PyObject *parent;      /* Workplane or None */
    PyObject *locs;        /* list of Location */
    PyObject *faces;       /* `_faces`: a Shape (Compound, or a Face after a first fuse) */
    PyObject *wires;       /* `_wires`: list of Wire */
    PyObject *edges;       /* `_edges`: list of Edge */
    PyObject *selection;   /* `_selection`: list of Shape / Location */
    PyObject *tags;        /* `_tags`: dict str -> list */
    int selected;          /* a selection was made (even an empty one); reset() clears it */
    PyObject *dict;
    PyObject *weakreflist;
} CQSketch;

/* ---- sketch.c */
/* Transforms (world = R p + t). */
void sk_trsf_translation(zk_trsf *t, zk_vec v);
void sk_trsf_rot_z(zk_trsf *t, double deg);
PyObject *sk_location(const zk_trsf *t);                 /* new Location */
/* Location of a selection item: a Location as is, anything else Location(item.Center()). */
int sk_item_location(PyObject *item, zk_trsf *out);
/* Locations of `each`: the selection's (one identity when empty or ignored); *out PyMem. */
int sk_each_locations(CQSketch *self, int ignore_selection, zk_trsf **out, size_t *n);
/* Kernel shapes (borrowed) of a list of Shape objects after `extra_front` free slots; PyMem. */
zk_shape **sk_shapes_of(PyObject *list, size_t extra_front, size_t *n);
/* each() for a kernel shape: placed with located() (rect, circle, ellipse) or moved(). */
int sk_each_shape(CQSketch *self, zk_shape *shape, int located, PyObject *mode, PyObject *tag,
                  int ignore_selection);
/* An empty Compound wrapper. */
PyObject *sk_empty_compound(void);
/* Applies mode ("a" fuse, "s" cut, "i" intersect, "r" replace, "c" construction) with the
 * list of placed faces `res`, tagging them first when tag is a str. 0 / -1. */
int sk_apply_mode(CQSketch *self, PyObject *res, PyObject *mode, PyObject *tag);
/* CadQuery's Sketch.face(): b a Wire, a Sketch, a Shape (Compound/Face) or an iterable of
 * Edges; rotated by angle (degrees); placed (moved) at each location of the selection. */
int sk_face(CQSketch *self, PyObject *b, double angle, PyObject *mode, PyObject *tag, int ignore_selection);
/* Python mode/tag argument defaults. */
extern PyObject *sk_str_a;

/* ---- sketch_select.c, sketch_edges.c: method tables merged into Sketch */
extern PyMethodDef cq_sketch_shape_methods[];
extern PyMethodDef cq_sketch_location_methods[];
extern PyMethodDef cq_sketch_select_methods[];
extern PyMethodDef cq_sketch_edge_methods[];
extern PyMethodDef cq_sketch_hull_methods[];

/* ---- sketch_ops.c: current CadQuery's val/vals, selection operators, + - * /, [], moved */
extern PyMappingMethods cq_sketch_as_mapping;
extern PyNumberMethods cq_sketch_as_number;
PyObject *cq_sketch_iter(PyObject *sketch);
int cq_sketch_ops_init(PyTypeObject *type);   /* after PyType_Ready */

#endif
