/* doc_sketch.c: the docstrings of Sketch (see docs.h for the table's form). */
#include "docs.h"

const cq_doc cq_doc_sketch[] = {
    {"Sketch", "(parent=None, locs=None, obj=None)",
     "A 2D sketch: faces built from shapes (rect, circle, ...) combined with boolean modes, free\n"
     "edges assembled into faces, selections, tags and placement locations.\n"
     "\n"
     "Face methods take a mode: 'a' fuse with the sketch (the default), 's' subtract, 'i'\n"
     "intersect, 'r' replace, 'c' construction (kept aside, tagged). They are placed at every\n"
     "location pushed (push, rarray, parray, distribute), or at the origin. Use it inside a\n"
     "Workplane chain with Workplane.sketch() ... finalize(), or place it with Workplane.placeSketch.\n"
     "\n"
     "Args:\n"
     "    parent (Workplane, default None): the Workplane that finalize() returns to.\n"
     "    locs (list of Location, default None): where the sketch is placed; None means one\n"
     "        identity Location.\n"
     "    obj (Shape, default None): initial faces (a Compound or Face).\n"
     "\n"
     "Raises:\n"
     "    TypeError: obj is not a Shape.\n"
     "\n"
     "Example:\n"
     "    >>> s = cq.Sketch().rect(4, 2).vertices().fillet(0.5)\n"
     "    >>> round(cq.Workplane().placeSketch(s).extrude(1).val().Volume(), 4)  # 8 - (1 - pi / 4)\n"
     "    7.7854"},
    {"Sketch.arc", "($self, *args, tag=None, forConstruction=False)",
     "Add a circular arc edge.\n"
     "\n"
     "The positional arguments pick the form: arc(p1, p2, p3) through three points; arc(p2, p3)\n"
     "from the end of the last edge through p2 to p3; arc(c, r, a, da) around centre c with\n"
     "radius r from angle a sweeping da (degrees; |da| >= 360 gives a full circle).\n"
     "\n"
     "Args:\n"
     "    args: the points or numbers of one of the forms above.\n"
     "    tag (str, default None): tag the new edge.\n"
     "    forConstruction (bool, default False): mark the edge as construction geometry.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self), for chaining.\n"
     "\n"
     "Raises:\n"
     "    TypeError: the arguments match no form.\n"
     "    ValueError: a form that continues from the last edge and there is none."},
    {"Sketch.assemble", "($self, /, mode='a', tag=None)",
     "Build a face from the free edges and combine it with the sketch.\n"
     "\n"
     "Args:\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new face.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.bezier", "($self, /, pts, tag=None, forConstruction=False)",
     "Add a Bezier curve edge.\n"
     "\n"
     "Args:\n"
     "    pts (list of points): the control points; the curve starts at the first and ends at the last.\n"
     "    tag (str, default None): tag the new edge.\n"
     "    forConstruction (bool, default False): mark the edge as construction geometry.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.chamfer", "($self, d, /)",
     "Chamfer the corners of the faces at the selected vertices.\n"
     "\n"
     "Args:\n"
     "    d (float): the chamfer distance along each edge.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.circle", "($self, /, r, mode='a', tag=None)",
     "Add a circle at every location.\n"
     "\n"
     "Args:\n"
     "    r (float): the radius.\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new faces.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self).\n"
     "\n"
     "Example:\n"
     "    >>> s = cq.Sketch().rect(2, 2).circle(0.5, mode=\"s\")\n"
     "    >>> round(cq.Workplane().placeSketch(s).extrude(1).val().Volume(), 4)\n"
     "    3.2146"},
    {"Sketch.clean", "($self, /)",
     "Remove internal edges and merge coplanar pieces of the faces.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.close", "($self, /, tag=None)",
     "Add a line from the end of the last free edge back to the start of the first.\n"
     "\n"
     "Args:\n"
     "    tag (str, default None): tag the new edge.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self).\n"
     "\n"
     "Raises:\n"
     "    ValueError: no free edges."},
    {"Sketch.constrain", "($self, *args, **kwargs)",
     "Add a constraint for the sketch solver: not supported by zerocad.\n"
     "\n"
     "Args:\n"
     "    args: ignored.\n"
     "    kwargs: ignored.\n"
     "\n"
     "Returns:\n"
     "    Never returns.\n"
     "\n"
     "Raises:\n"
     "    NotImplementedError: always."},
    {"Sketch.copy", "($self, /)",
     "A copy of the sketch's faces, in a new sketch with the default location (the edges, the\n"
     "selection, the tags and the locations are not copied).\n"
     "\n"
     "Returns:\n"
     "    Sketch: the new sketch."},
    {"Sketch.delete", "($self, /)",
     "Remove the selected faces, wires or edges from the sketch.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.distribute", "($self, /, n, start=0, stop=1, rotate=True)",
     "Set the locations to n points spread along the selected edges or wires.\n"
     "\n"
     "Args:\n"
     "    n (int): the number of locations.\n"
     "    start (float, default 0): the curve parameter (0..1) of the first.\n"
     "    stop (float, default 1): the curve parameter of the last.\n"
     "    rotate (bool, default True): orient each location along the curve.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.each", "($self, /, callback, mode='a', tag=None, ignore_selection=False)",
     "Call a function at every location and combine the faces it returns.\n"
     "\n"
     "Args:\n"
     "    callback (callable): called with a Location; returns a Face, a Sketch or a Shape.\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new faces.\n"
     "    ignore_selection (bool, default False): use the sketch locations even when a selection\n"
     "        exists (otherwise the selected items' locations are used).\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.edge", "($self, /, val, tag=None, forConstruction=False)",
     "Add an existing Edge to the free edges.\n"
     "\n"
     "Args:\n"
     "    val (Edge): the edge.\n"
     "    tag (str, default None): tag it.\n"
     "    forConstruction (bool, default False): mark it as construction geometry.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.edges", "($self, /, s=None, tag=None)",
     "Select edges of the sketch.\n"
     "\n"
     "Args:\n"
     "    s (str | Selector, default None): a selector string ('>X', '|Y', ...) or Selector; None\n"
     "        selects all.\n"
     "    tag (str, default None): select among the items of this tag.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self) with the new selection."},
    {"Sketch.ellipse", "($self, /, a1, a2, angle=0, mode='a', tag=None)",
     "Add an ellipse at every location.\n"
     "\n"
     "Args:\n"
     "    a1 (float): the semi-axis along local x.\n"
     "    a2 (float): the semi-axis along local y.\n"
     "    angle (float, default 0): rotation in degrees.\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new faces.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.face", "($self, /, b, angle=0, mode='a', tag=None, ignore_selection=False)",
     "Add a face (or a face built from a wire or edges) at every location.\n"
     "\n"
     "Args:\n"
     "    b (Face | Wire | list of Edges | Shape): what to add.\n"
     "    angle (float, default 0): rotation in degrees.\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new faces.\n"
     "    ignore_selection (bool, default False): use the sketch locations even with a selection.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.faces", "($self, /, s=None, tag=None)",
     "Select faces of the sketch.\n"
     "\n"
     "Args:\n"
     "    s (str | Selector, default None): a selector or None for all.\n"
     "    tag (str, default None): select among the items of this tag.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self) with the new selection."},
    {"Sketch.fillet", "($self, d, /)",
     "Round the corners of the faces at the selected vertices.\n"
     "\n"
     "Args:\n"
     "    d (float): the fillet radius.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.finalize", "($self, /)",
     "Finish the sketch and return to the Workplane it came from.\n"
     "\n"
     "Returns:\n"
     "    Workplane: the parent Workplane, holding this sketch on its stack."},
    {"Sketch.hull", "($self, /, mode='a', tag=None)",
     "Add the convex hull of the selected edges (or of all faces and edges) as a face.\n"
     "\n"
     "Args:\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new face.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.importDXF", "($self, *args, **kwargs)",
     "Import faces from a DXF file: not supported by zerocad.\n"
     "\n"
     "Args:\n"
     "    args: ignored.\n"
     "    kwargs: ignored.\n"
     "\n"
     "Returns:\n"
     "    Never returns.\n"
     "\n"
     "Raises:\n"
     "    NotImplementedError: always."},
    {"Sketch.located", "($self, loc, /)",
     "A copy of the sketch's faces in a new sketch placed at one location.\n"
     "\n"
     "Args:\n"
     "    loc (Location): the new sketch's only location.\n"
     "\n"
     "Returns:\n"
     "    Sketch: the new sketch."},
    {"Sketch.locs", NULL,
     "The list of Locations at which face methods place their shapes."},
    {"Sketch.moved", "($self, *locs)",
     "A copy of the sketch with its faces moved.\n"
     "\n"
     "Args:\n"
     "    locs (Location): one or more locations (or a single list of them); the faces are copied\n"
     "        to each.\n"
     "\n"
     "Returns:\n"
     "    Sketch: the new sketch."},
    {"Sketch.offset", "($self, /, d, mode='a', tag=None)",
     "Offset the selected wires (or the face outlines) and combine the result.\n"
     "\n"
     "Args:\n"
     "    d (float): the offset distance; positive grows.\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new faces.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.parent", NULL,
     "The Workplane this sketch belongs to (finalize() returns it), or None."},
    {"Sketch.parray", "($self, /, r, a1, da, n, rotate=True)",
     "Set the locations to points on a circle (a polar array).\n"
     "\n"
     "Args:\n"
     "    r (float): the radius.\n"
     "    a1 (float): the angle of the first point, degrees.\n"
     "    da (float): the angle covered, degrees (a full 360 spaces n points evenly).\n"
     "    n (int): the number of points.\n"
     "    rotate (bool, default True): rotate each location to follow the circle.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.polygon", "($self, /, pts, angle=0, mode='a', tag=None)",
     "Add a polygon through points at every location.\n"
     "\n"
     "Args:\n"
     "    pts (list of points): the vertices; close the outline by repeating the first point.\n"
     "    angle (float, default 0): rotation in degrees.\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new faces.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.push", "($self, /, locs, tag=None)",
     "Set the locations where the next shapes go.\n"
     "\n"
     "Args:\n"
     "    locs (list): points ((x, y) tuples, Vectors) or Locations.\n"
     "    tag (str, default None): tag the locations.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self).\n"
     "\n"
     "Example:\n"
     "    >>> s = cq.Sketch().push([(-2, 0), (2, 0)]).circle(1)\n"
     "    >>> round(cq.Workplane().placeSketch(s).extrude(1).val().Volume(), 4)  # 2 * pi\n"
     "    6.2832"},
    {"Sketch.rarray", "($self, /, xs, ys, nx, ny)",
     "Set the locations to a rectangular grid centred on the origin.\n"
     "\n"
     "Args:\n"
     "    xs (float): the spacing along x.\n"
     "    ys (float): the spacing along y.\n"
     "    nx (int): the number of columns.\n"
     "    ny (int): the number of rows.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.rect", "($self, /, w, h, angle=0, mode='a', tag=None)",
     "Add a rectangle centred at every location.\n"
     "\n"
     "Args:\n"
     "    w (float): the width (local x).\n"
     "    h (float): the height (local y).\n"
     "    angle (float, default 0): rotation in degrees.\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new faces.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self).\n"
     "\n"
     "Example:\n"
     "    >>> round(cq.Workplane().placeSketch(cq.Sketch().rect(3, 2)).extrude(1).val().Volume(), 6)\n"
     "    6.0"},
    {"Sketch.regularPolygon", "($self, /, r, n, angle=0, mode='a', tag=None)",
     "Add a regular polygon at every location.\n"
     "\n"
     "Args:\n"
     "    r (float): the radius of the circle through the vertices.\n"
     "    n (int): the number of sides.\n"
     "    angle (float, default 0): rotation in degrees.\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new faces.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.reset", "($self, /)",
     "Clear the selection.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.segment", "($self, *args, tag=None, forConstruction=False)",
     "Add a line segment edge.\n"
     "\n"
     "The positional arguments pick the form: segment(p1, p2) between two points; segment(p2) from\n"
     "the end of the last edge; segment(l, a) from the end of the last edge with length l at angle\n"
     "a (degrees).\n"
     "\n"
     "Args:\n"
     "    args: the points or numbers of one of the forms above.\n"
     "    tag (str, default None): tag the new edge.\n"
     "    forConstruction (bool, default False): mark the edge as construction geometry.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self).\n"
     "\n"
     "Raises:\n"
     "    TypeError: the arguments match no form.\n"
     "    ValueError: a form that continues from the last edge and there is none."},
    {"Sketch.select", "($self, *tags)",
     "Select the items stored under tags.\n"
     "\n"
     "Args:\n"
     "    tags (str): one or more tag names.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self) with the new selection."},
    {"Sketch.slot", "($self, /, w, h, angle=0, mode='a', tag=None)",
     "Add a slot (a rectangle with round ends) at every location.\n"
     "\n"
     "Args:\n"
     "    w (float): the distance between the centres of the two round ends.\n"
     "    h (float): the width of the slot.\n"
     "    angle (float, default 0): rotation in degrees.\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new faces.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.solve", "($self, *args, **kwargs)",
     "Solve the sketch constraints: not supported by zerocad.\n"
     "\n"
     "Args:\n"
     "    args: ignored.\n"
     "    kwargs: ignored.\n"
     "\n"
     "Returns:\n"
     "    Never returns.\n"
     "\n"
     "Raises:\n"
     "    NotImplementedError: always."},
    {"Sketch.spline", "($self, /, pts, tangents=None, periodic=False, tag=None, forConstruction=False)",
     "Add a spline edge through points.\n"
     "\n"
     "Args:\n"
     "    pts (list of points): the points to pass through.\n"
     "    tangents (list of points, default None): tangents at the ends or at every point.\n"
     "    periodic (bool, default False): a closed periodic curve.\n"
     "    tag (str, default None): tag the new edge.\n"
     "    forConstruction (bool, default False): mark the edge as construction geometry.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.tag", "($self, name, /)",
     "Store the current selection under a name.\n"
     "\n"
     "Args:\n"
     "    name (str): the tag.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.trapezoid", "($self, /, w, h, a1, a2=None, angle=0, mode='a', tag=None)",
     "Add an isosceles (or general) trapezoid at every location.\n"
     "\n"
     "Args:\n"
     "    w (float): the length of the base.\n"
     "    h (float): the height.\n"
     "    a1 (float): the angle at the left base corner, degrees.\n"
     "    a2 (float, default None): the angle at the right base corner; None uses a1.\n"
     "    angle (float, default 0): rotation in degrees.\n"
     "    mode (str, default 'a'): 'a' fuse, 's' subtract, 'i' intersect, 'r' replace, 'c' construction.\n"
     "    tag (str, default None): tag the new faces.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {"Sketch.val", "($self, /)",
     "The first selected item.\n"
     "\n"
     "Returns:\n"
     "    Shape | Location: the first item of the selection, or an identity Location when nothing\n"
     "        is selected."},
    {"Sketch.vals", "($self, /)",
     "All selected items.\n"
     "\n"
     "Returns:\n"
     "    list: the selection."},
    {"Sketch.vertices", "($self, /, s=None, tag=None)",
     "Select vertices of the sketch (for fillet and chamfer).\n"
     "\n"
     "Args:\n"
     "    s (str | Selector, default None): a selector or None for all.\n"
     "    tag (str, default None): select among the items of this tag.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self) with the new selection."},
    {"Sketch.wires", "($self, /, s=None, tag=None)",
     "Select wires of the sketch.\n"
     "\n"
     "Args:\n"
     "    s (str | Selector, default None): a selector or None for all.\n"
     "    tag (str, default None): select among the items of this tag.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self) with the new selection."},
    /* ---- methods of current CadQuery (merged from the conformance branches) ---- */
    {"Sketch.add", "($self, /)",
     "Fuse the selected faces into the sketch's faces (a boolean union).\n"
     "\n"
     "Nothing changes when nothing is selected.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self).\n"
     "\n"
     "Raises:\n"
     "    ValueError: the selection holds no faces."},
    {"Sketch.subtract", "($self, /)",
     "Cut the selected faces out of the sketch's faces.\n"
     "\n"
     "Nothing changes when nothing is selected.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self).\n"
     "\n"
     "Raises:\n"
     "    ValueError: the selection holds no faces."},
    {"Sketch.replace", "($self, /)",
     "Make the selected faces the sketch's faces, dropping the others.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self).\n"
     "\n"
     "Raises:\n"
     "    ValueError: nothing is selected."},
    {"Sketch.filter", "($self, f, /)",
     "Select the items of vals() for which a predicate is true.\n"
     "\n"
     "Args:\n"
     "    f (callable): called with each item; a true result keeps it.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self), with the kept items selected."},
    {"Sketch.map", "($self, f, /)",
     "Select the results of a function applied to each item of vals().\n"
     "\n"
     "Args:\n"
     "    f (callable): called with each item; its result replaces the item.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self), with the results selected."},
    {"Sketch.apply", "($self, f, /)",
     "Select the items a function returns when given the whole list vals().\n"
     "\n"
     "Args:\n"
     "    f (callable): called with the list of items; returns an iterable of items.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self), with the returned items selected."},
    {"Sketch.sort", "($self, key, /)",
     "Select the items of vals() sorted by a key.\n"
     "\n"
     "Args:\n"
     "    key (callable): called with each item; its value orders them.\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self), with the sorted items selected."},
    {"Sketch.invoke", "($self, f, /)",
     "Call a function on the sketch: f(self) when it takes one argument, f() when it takes none.\n"
     "\n"
     "Args:\n"
     "    f (callable): the function.\n"
     "\n"
     "Returns:\n"
     "    Sketch: the function's result, or this sketch when that is None (or f takes no argument).\n"
     "\n"
     "Raises:\n"
     "    ValueError: f needs more than one argument."},
    {"Sketch.export", "($self, /, fname, tolerance=0.1, angularTolerance=0.1, unit=None, outputUnit=None, opt=None)",
     "Write the sketch's faces to a file whose type is taken from the name's extension\n"
     "(through exporters.export: DXF, SVG, STEP, BREP, STL ...).\n"
     "\n"
     "Args:\n"
     "    fname (str): the output path.\n"
     "    tolerance (float, default 0.1): the linear deflection of the mesh formats.\n"
     "    angularTolerance (float, default 0.1): the angular deflection of the mesh formats.\n"
     "    unit (str, default None): accepted for compatibility, not used.\n"
     "    outputUnit (str, default None): accepted for compatibility, not used.\n"
     "    opt (dict, default None): format options (as exporters.export).\n"
     "\n"
     "Returns:\n"
     "    Sketch: this sketch (self)."},
    {NULL, NULL, NULL}
};
