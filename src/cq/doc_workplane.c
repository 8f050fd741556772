/* doc_workplane.c: the docstrings of Workplane and CQContext (the fluent API) (see docs.h for the table's form). */
#include "docs.h"

const cq_doc cq_doc_workplane[] = {
    {"CQContext", "()",
     "Shared state of one Workplane chain.\n"
     "\n"
     "Every Workplane made from another (by a method call) shares its parent's context. It holds the\n"
     "edges and wires drawn but not yet used by a 3D operation, the first point of the current\n"
     "drawing, the tags and the modelling tolerance. Users rarely touch it directly."},
    {"CQContext.firstPoint", NULL,
     "The first point (a Vector, in world coordinates) of the edges being drawn, used by close(); None\n"
     "when no drawing is in progress."},
    {"CQContext.pendingEdges", NULL,
     "The list of Edges drawn (lineTo, arcs, ...) that have not yet been assembled into a wire."},
    {"CQContext.pendingWires", NULL,
     "The list of closed Wires (rect, circle, close(), ...) waiting to be consumed by extrude, cutBlind,\n"
     "loft, revolve, sweep and similar operations."},
    {"CQContext.popPendingEdges", "($self, /, errorOnEmpty=True)",
     "Take the pending edges out of the context.\n"
     "\n"
     "Args:\n"
     "    errorOnEmpty (bool, default True): raise when there are no pending edges.\n"
     "\n"
     "Returns:\n"
     "    list[Edge]: the pending edges; the context's list is left empty.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no pending edges and errorOnEmpty is true."},
    {"CQContext.popPendingWires", "($self, /, errorOnEmpty=True)",
     "Take the pending wires out of the context.\n"
     "\n"
     "Args:\n"
     "    errorOnEmpty (bool, default True): raise when there are no pending wires.\n"
     "\n"
     "Returns:\n"
     "    list[Wire]: the pending wires; the context's list is left empty.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no pending wires and errorOnEmpty is true."},
    {"CQContext.tags", NULL,
     "A dict from tag name (str) to the tagged Workplane, filled by Workplane.tag()."},
    {"CQContext.tolerance", NULL,
     "The modelling tolerance of the chain (a float, 1e-4 by default)."},
    {"Workplane", "(inPlane='XY', origin=(0, 0, 0), obj=None)",
     "A coordinate system (a Plane) with a stack of objects: the fluent CadQuery API.\n"
     "\n"
     "Every operation returns a new Workplane whose parent is the one it was called on, so calls chain:\n"
     "cq.Workplane(\"XY\").box(10, 10, 5).faces(\">Z\").workplane().hole(3). Drawing methods take\n"
     "coordinates local to the workplane; 3D operations combine their result with the solid found on\n"
     "the stack or in the parents. CQ is another name for this class.\n"
     "\n"
     "Args:\n"
     "    inPlane (str | Plane, default 'XY'): a named plane ('XY', 'YZ', 'ZX', 'XZ', 'YX', 'ZY',\n"
     "        'front', 'back', 'left', 'right', 'top', 'bottom') or a Plane object.\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the plane's origin in world coordinates\n"
     "        (used with a named plane).\n"
     "    obj (object, default None): an initial stack item (a Shape, Vector, ...).\n"
     "\n"
     "Raises:\n"
     "    ValueError: an unknown plane name."},
    {"Workplane.add", "($self, obj, /)",
     "Add objects to the stack of this Workplane, in place.\n"
     "\n"
     "Args:\n"
     "    obj (Workplane | list | Shape | object): a Workplane (its stack items are added), a list\n"
     "        (its items are added) or one item.\n"
     "\n"
     "Returns:\n"
     "    Workplane: this same Workplane (self), for chaining."},
    {"Workplane.all", "($self, /)",
     "Split the stack into one Workplane per item.\n"
     "\n"
     "Returns:\n"
     "    list[Workplane]: one child Workplane per stack item, each holding only that item."},
    {"Workplane.ancestors", "($self, /, kind, tag=None)",
     "Select the shapes of a given type that contain the stack items.\n"
     "\n"
     "Searches the solid found by findSolid() (or the tagged object) for shapes of the requested\n"
     "kind that contain at least one of the current stack objects, e.g. the faces around the\n"
     "selected edges.\n"
     "\n"
     "Args:\n"
     "    kind (str): 'Vertex', 'Edge', 'Wire', 'Face', 'Shell', 'Solid' or 'Compound'.\n"
     "    tag (str, default None): search the object tagged with this name instead.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the distinct ancestors found."},
    {"Workplane.apply", "($self, f, /)",
     "Apply a function to the whole stack.\n"
     "\n"
     "Args:\n"
     "    f (callable): called once with the list of stack objects; must return an iterable.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child whose stack is the items f returned."},
    {"Workplane.box", "($self, /, length, width, height, centered=True, combine=True, clean=True)",
     "Create a box at every point on the stack.\n"
     "\n"
     "The box's edges are parallel to the workplane axes (length along x, width along y, height\n"
     "along the normal).\n"
     "\n"
     "Args:\n"
     "    length (float): size along the workplane x axis.\n"
     "    width (float): size along the workplane y axis.\n"
     "    height (float): size along the workplane normal.\n"
     "    centered (bool | tuple of 3 bools, default True): centre the box on each point, per axis\n"
     "        when a tuple; False puts the point at the box's minimum corner.\n"
     "    combine (bool | str, default True): True or 'a' unions the boxes with the solid on the\n"
     "        stack or in the parents, 's' subtracts them from it, False keeps them separate.\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the resulting solid."},
    {"Workplane.cboreHole", "($self, /, diameter, cboreDiameter, cboreDepth, depth=None, clean=True)",
     "Bore counterbored holes at every point on the stack.\n"
     "\n"
     "Each hole goes from the point into the solid along the workplane's -Z; the counterbore is a\n"
     "wider, shallow cylinder at its top.\n"
     "\n"
     "Args:\n"
     "    diameter (float): diameter of the hole.\n"
     "    cboreDiameter (float): diameter of the counterbore; larger than diameter.\n"
     "    cboreDepth (float): depth of the counterbore.\n"
     "    depth (float, default None): depth of the hole; None bores through the whole solid.\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the solid with the holes cut.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no solid on the stack or in the parents."},
    {"Workplane.center", "($self, /, x, y)",
     "Shift the workplane's origin to a local point.\n"
     "\n"
     "Args:\n"
     "    x (float): local x of the new origin.\n"
     "    y (float): local y of the new origin.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child on the moved plane, with the new origin on its stack."},
    {"Workplane.chamfer", "($self, /, length, length2=None)",
     "Chamfer the selected edges of the solid.\n"
     "\n"
     "The edges on the stack (or the edges of the selected faces/solids) are bevelled on the solid\n"
     "found on the stack or in the parents.\n"
     "\n"
     "Args:\n"
     "    length (float): the chamfer length on one face.\n"
     "    length2 (float, default None): the length on the other face; None gives a symmetric chamfer.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the chamfered solid.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no solid found, or no edges selected."},
    {"Workplane.circle", "($self, /, radius, forConstruction=False)",
     "Draw a circle at every point on the stack.\n"
     "\n"
     "Args:\n"
     "    radius (float): the circle's radius.\n"
     "    forConstruction (bool, default False): when true the circles are construction geometry\n"
     "        and are not added to the pending wires.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the circle wires."},
    {"Workplane.clean", "($self, /)",
     "Remove redundant edges and faces from the solids on the stack.\n"
     "\n"
     "Merges coplanar faces and collinear edges left over by boolean operations.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the cleaned shapes."},
    {"Workplane.close", "($self, /)",
     "Close the drawing with a line back to its first point.\n"
     "\n"
     "Adds a closing line when the current point is not the first point, then assembles the\n"
     "pending edges into one closed wire.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the closed wire, which becomes a pending wire."},
    {"Workplane.combine", "($self, /, clean=True, glue=False, tol=None)",
     "Fuse all the solids on the stack into one.\n"
     "\n"
     "Args:\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "    glue (bool, default False): use the faster fuse for shapes that only touch.\n"
     "    tol (float, default None): a fuzzy tolerance for the boolean; None means exact.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the fused solid."},
    {"Workplane.compounds", "($self, /, selector=None, tag=None)",
     "Select the compounds of the objects on the stack.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector string such as '>Z' or a Selector\n"
     "        object filtering the result; None keeps all.\n"
     "    tag (str, default None): select from the object with this tag instead of the stack.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the distinct compounds found."},
    {"Workplane.consolidateWires", "($self, /)",
     "Join the pending wires that share end points.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the joined wires (self when there was nothing to join)."},
    {"Workplane.copyWorkplane", "($self, obj, /)",
     "Start a new chain on another Workplane's plane.\n"
     "\n"
     "Args:\n"
     "    obj (Workplane): the Workplane whose plane is copied.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a new Workplane on obj's plane whose parent is this one."},
    {"Workplane.cskHole", "($self, /, diameter, cskDiameter, cskAngle, depth=None, clean=True)",
     "Bore countersunk holes at every point on the stack.\n"
     "\n"
     "Args:\n"
     "    diameter (float): diameter of the hole.\n"
     "    cskDiameter (float): diameter of the countersink at the surface.\n"
     "    cskAngle (float): included angle of the countersink cone, in degrees (82 is usual).\n"
     "    depth (float, default None): depth of the hole; None bores through the whole solid.\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the solid with the holes cut.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no solid on the stack or in the parents."},
    {"Workplane.ctx", NULL,
     "The CQContext shared by all Workplanes of this chain (pending edges and wires, tags)."},
    {"Workplane.cut", "($self, /, toCut, clean=True, tol=None)",
     "Subtract shapes from the solid on the stack.\n"
     "\n"
     "Args:\n"
     "    toCut (Workplane | Shape | list): what to remove: a Workplane (its solids), a Shape or a\n"
     "        list of shapes.\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "    tol (float, default None): a fuzzy tolerance for the boolean; None means exact.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the difference.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no solid on the stack or in the parents."},
    {"Workplane.cutBlind", "($self, /, until, clean=True, both=False, taper=None)",
     "Extrude the pending wires and cut the result from the solid.\n"
     "\n"
     "A negative distance cuts into the solid (against the workplane normal), which is the usual\n"
     "case on a top face. distanceToCut= and distance= are accepted as other names for until.\n"
     "\n"
     "Args:\n"
     "    until (float | str | Face): the cut depth along the normal; 'next' or 'last' to cut up to\n"
     "        the next or last face in that direction, or a Face to cut up to.\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "    both (bool, default False): cut the same depth in both directions.\n"
     "    taper (float, default None): a draft angle in degrees.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the cut solid.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no pending wires, or no solid to cut from."},
    {"Workplane.cutEach", "($self, /, fcn, useLocalCoords=False, clean=True)",
     "Cut a shape made at each stack point from the solid.\n"
     "\n"
     "Args:\n"
     "    fcn (callable): called with a Location per stack point; returns the Shape to remove.\n"
     "    useLocalCoords (bool, default False): give fcn locations in workplane coordinates and\n"
     "        move its shapes onto the plane.\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the cut solid."},
    {"Workplane.cutThruAll", "($self, /, clean=True, taper=0)",
     "Cut the pending wires through the whole solid.\n"
     "\n"
     "The wires are extruded through all the material on both sides of the workplane and\n"
     "subtracted, whatever the solid's size.\n"
     "\n"
     "Args:\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "    taper (float, default 0): a draft angle in degrees.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the cut solid.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no pending wires, or no solid to cut from."},
    {"Workplane.cylinder", "($self, /, height, radius, direct=(0, 0, 1), angle=360, centered=True, combine=True, clean=True)",
     "Create a cylinder at every point on the stack.\n"
     "\n"
     "Args:\n"
     "    height (float): length along the axis.\n"
     "    radius (float): radius.\n"
     "    direct (tuple | Vector, default (0, 0, 1)): the axis direction, in workplane coordinates.\n"
     "    angle (float, default 360): the swept angle in degrees (less than 360 gives a sector).\n"
     "    centered (bool | tuple of 3 bools, default True): centre on each point (per axis when a\n"
     "        tuple); False puts the point at the base.\n"
     "    combine (bool | str, default True): True or 'a' unions with the solid in the chain, 's'\n"
     "        subtracts, False keeps separate.\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the resulting solid."},
    {"Workplane.each", "($self, /, callback, useLocalCoordinates=False, combine=True, clean=True)",
     "Call a function for every item on the stack and collect the shapes it returns.\n"
     "\n"
     "Args:\n"
     "    callback (callable): called with each stack item (a Shape, or a Location/Vector point);\n"
     "        returns a Shape (or a Workplane).\n"
     "    useLocalCoordinates (bool, default False): pass items in workplane coordinates and move\n"
     "        the results onto the plane.\n"
     "    combine (bool | str, default True): union ('a'/True) or subtract ('s') the results with\n"
     "        the solid in the chain, or keep them (False).\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the results."},
    {"Workplane.eachpoint", "($self, /, callback, useLocalCoordinates=False, combine=False, clean=True)",
     "Call a function at every point on the stack and collect the shapes it returns.\n"
     "\n"
     "Args:\n"
     "    callback (callable | Shape | Workplane): called with a Location per stack point and\n"
     "        returns a Shape; a Shape or Workplane instead is copied to every point.\n"
     "    useLocalCoordinates (bool, default False): give locations in workplane coordinates.\n"
     "    combine (bool | str, default False): union ('a'/True) or subtract ('s') the results with\n"
     "        the solid in the chain, or keep them (False).\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the results."},
    {"Workplane.edges", "($self, /, selector=None, tag=None)",
     "Select the edges of the objects on the stack.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector such as '|Z', '>X', '%CIRCLE' or a\n"
     "        Selector object; None keeps all edges.\n"
     "    tag (str, default None): select from the object with this tag instead of the stack.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the distinct edges selected."},
    {"Workplane.ellipse", "($self, /, x_radius, y_radius, rotation_angle=0.0, forConstruction=False)",
     "Draw an ellipse at every point on the stack.\n"
     "\n"
     "Args:\n"
     "    x_radius (float): semi-axis along local x.\n"
     "    y_radius (float): semi-axis along local y.\n"
     "    rotation_angle (float, default 0.0): rotation of the ellipse in degrees.\n"
     "    forConstruction (bool, default False): construction geometry, not added to pending wires.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the ellipse wires."},
    {"Workplane.ellipseArc", "($self, /, x_radius, y_radius, angle1=360, angle2=360, rotation_angle=0.0, sense=1, forConstruction=False, startAtCurrent=True, makeWire=False)",
     "Draw an arc of an ellipse.\n"
     "\n"
     "Args:\n"
     "    x_radius (float): semi-axis along local x.\n"
     "    y_radius (float): semi-axis along local y.\n"
     "    angle1 (float, default 360): start angle of the arc in degrees.\n"
     "    angle2 (float, default 360): end angle in degrees.\n"
     "    rotation_angle (float, default 0.0): rotation of the ellipse in degrees.\n"
     "    sense (int, default 1): 1 counter-clockwise, -1 clockwise.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "    startAtCurrent (bool, default True): move the arc so it starts at the current point;\n"
     "        otherwise the ellipse is centred on it.\n"
     "    makeWire (bool, default False): turn the arc into a pending wire at once.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the arc edge."},
    {"Workplane.end", "($self, /, n=1)",
     "Go back up the chain.\n"
     "\n"
     "Args:\n"
     "    n (int, default 1): how many steps back.\n"
     "\n"
     "Returns:\n"
     "    Workplane: the n-th parent of this Workplane.\n"
     "\n"
     "Raises:\n"
     "    ValueError: the chain has fewer than n parents."},
    {"Workplane.export", "($self, /, fname, tolerance=0.1, angularTolerance=0.1, opt=None)",
     "Write the shapes of this Workplane to a file.\n"
     "\n"
     "The format comes from the file name's extension (.step, .stl, .svg, .dxf, ...), as for\n"
     "cadquery.exporters.export.\n"
     "\n"
     "Args:\n"
     "    fname (str): the output path.\n"
     "    tolerance (float, default 0.1): linear deflection for meshed formats.\n"
     "    angularTolerance (float, default 0.1): angular deflection for meshed formats (radians).\n"
     "    opt (dict, default None): format options (for SVG, DXF, ...).\n"
     "\n"
     "Returns:\n"
     "    Workplane: this same Workplane (self)."},
    {"Workplane.exportSvg", "($self, fileName, /)",
     "Write the SVG drawing of the first stack object to a file.\n"
     "\n"
     "Args:\n"
     "    fileName (str): the output path.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"Workplane.extrude", "($self, /, until, combine=True, clean=True, both=False, taper=None)",
     "Extrude the pending wires into a solid.\n"
     "\n"
     "The wires (closed sketches: rect, circle, close(), ...) go along the workplane normal.\n"
     "Nested wires become holes. distance= is accepted as another name for until.\n"
     "\n"
     "Args:\n"
     "    until (float | str | Face): the distance along the normal (negative goes the other way);\n"
     "        'next' or 'last' to extrude up to the next or last face of the solid, or a Face.\n"
     "    combine (bool | str, default True): True or 'a' unions with the solid in the chain, 's'\n"
     "        subtracts, False keeps the new solid separate.\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "    both (bool, default False): extrude the same distance in both directions.\n"
     "    taper (float, default None): a draft angle in degrees (positive narrows).\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the resulting solid.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no pending wires."},
    {"Workplane.faces", "($self, /, selector=None, tag=None)",
     "Select the faces of the objects on the stack.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector such as '>Z', '<X', '|Y', '%PLANE'\n"
     "        or a Selector object; None keeps all faces.\n"
     "    tag (str, default None): select from the object with this tag instead of the stack.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the distinct faces selected."},
    {"Workplane.fillet", "($self, /, radius)",
     "Round the selected edges of the solid.\n"
     "\n"
     "The edges on the stack (or the edges of the selected faces/solids) are filleted on the solid\n"
     "found on the stack or in the parents.\n"
     "\n"
     "Args:\n"
     "    radius (float): the fillet radius.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the filleted solid.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no solid found, or no edges selected; a kernel error when the radius is too\n"
     "        large for the geometry."},
    {"Workplane.filter", "($self, f, /)",
     "Keep the stack items for which a function is true.\n"
     "\n"
     "Args:\n"
     "    f (callable): called with each item; a true result keeps it.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the kept items."},
    {"Workplane.findSolid", "($self, /, searchStack=True, searchParents=True)",
     "Find the solid this chain is working on.\n"
     "\n"
     "Args:\n"
     "    searchStack (bool, default True): look at the current stack.\n"
     "    searchParents (bool, default True): look back through the parents.\n"
     "\n"
     "Returns:\n"
     "    Solid | Compound: the solid(s) found, as one Compound when several.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no solid found."},
    {"Workplane.first", "($self, /)",
     "Select the first item on the stack.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding only the first item."},
    {"Workplane.hLine", "($self, /, distance, forConstruction=False)",
     "Draw a horizontal line (along local x) from the current point.\n"
     "\n"
     "Args:\n"
     "    distance (float): the signed length.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the line edge."},
    {"Workplane.hLineTo", "($self, /, xCoord, forConstruction=False)",
     "Draw a horizontal line to a given local x.\n"
     "\n"
     "Args:\n"
     "    xCoord (float): the local x of the end point.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the line edge."},
    {"Workplane.hole", "($self, /, diameter, depth=None, clean=True)",
     "Bore holes at every point on the stack.\n"
     "\n"
     "Each hole is a cylinder going from the point along the workplane's -Z (into the solid when the\n"
     "workplane is on a top face), cut from the solid found on the stack or in the parents.\n"
     "\n"
     "Args:\n"
     "    diameter (float): diameter of the hole.\n"
     "    depth (float, default None): depth of the hole; None bores through the whole solid.\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the solid with the holes cut.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no solid on the stack or in the parents."},
    {"Workplane.intersect", "($self, /, toIntersect, clean=True, tol=None)",
     "Keep the common part of the solid and other shapes.\n"
     "\n"
     "Args:\n"
     "    toIntersect (Workplane | Shape | list): the other shape(s).\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "    tol (float, default None): a fuzzy tolerance for the boolean; None means exact.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the intersection.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no solid on the stack or in the parents."},
    {"Workplane.invoke", "($self, f, /)",
     "Call a function on this Workplane, inside a chain.\n"
     "\n"
     "Args:\n"
     "    f (callable): called as f(self) (or f() when it takes no argument).\n"
     "\n"
     "Returns:\n"
     "    Workplane | object: what f returned, or self when f returned None."},
    {"Workplane.item", "($self, /, i)",
     "Select one item on the stack by index.\n"
     "\n"
     "Args:\n"
     "    i (int): the index (negative counts from the end).\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding only that item."},
    {"Workplane.largestDimension", "($self, /)",
     "The size of the solid in the chain.\n"
     "\n"
     "Returns:\n"
     "    float: the length of the diagonal of the bounding box of findSolid()."},
    {"Workplane.last", "($self, /)",
     "Select the last item on the stack.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding only the last item."},
    {"Workplane.line", "($self, /, xDist, yDist, forConstruction=False)",
     "Draw a line from the current point by a relative offset.\n"
     "\n"
     "Args:\n"
     "    xDist (float): offset along local x.\n"
     "    yDist (float): offset along local y.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the line edge."},
    {"Workplane.lineTo", "($self, /, x, y, forConstruction=False)",
     "Draw a line from the current point to a local point.\n"
     "\n"
     "Args:\n"
     "    x (float): local x of the end point.\n"
     "    y (float): local y of the end point.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the line edge."},
    {"Workplane.loft", "($self, /, ruled=False, combine=True, clean=True)",
     "Make a solid through the pending wires, in the order they were drawn.\n"
     "\n"
     "Args:\n"
     "    ruled (bool, default False): straight faces between sections instead of smooth ones.\n"
     "    combine (bool | str, default True): union ('a'/True) or subtract ('s') with the solid in\n"
     "        the chain, or keep separate (False).\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the lofted solid.\n"
     "\n"
     "Raises:\n"
     "    ValueError: fewer than two pending wires."},
    {"Workplane.map", "($self, f, /)",
     "Apply a function to every stack item.\n"
     "\n"
     "Args:\n"
     "    f (callable): called with each item; its results form the new stack.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the results."},
    {"Workplane.mirror", "($self, /, mirrorPlane='XY', basePointVector=None, union=False)",
     "Mirror the solid on the stack about a plane.\n"
     "\n"
     "Args:\n"
     "    mirrorPlane (str | tuple | Vector | Face | Workplane, default 'XY'): the plane: a name\n"
     "        ('XY', 'YZ', 'XZ', ...), its normal as a vector, a planar Face or a Workplane whose\n"
     "        selected face is used.\n"
     "    basePointVector (tuple | Vector | Vertex, default None): a point on the mirror plane;\n"
     "        None uses the origin (or the face's centre).\n"
     "    union (bool, default False): fuse the mirror image with the original.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the mirrored (or fused) solid."},
    {"Workplane.mirrorX", "($self, /)",
     "Mirror the pending edges about the local x axis and join them into a wire.\n"
     "\n"
     "Draw half of a symmetric profile above the x axis, ending on it; mirrorX completes it.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the closed wire (pending)."},
    {"Workplane.mirrorY", "($self, /)",
     "Mirror the pending edges about the local y axis and join them into a wire.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the closed wire (pending)."},
    {"Workplane.move", "($self, /, xDist=0, yDist=0)",
     "Move the current point by a relative offset without drawing.\n"
     "\n"
     "Args:\n"
     "    xDist (float, default 0): offset along local x.\n"
     "    yDist (float, default 0): offset along local y.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the new point."},
    {"Workplane.moveTo", "($self, /, x=0, y=0)",
     "Move the current point to a local point without drawing.\n"
     "\n"
     "Args:\n"
     "    x (float, default 0): local x.\n"
     "    y (float, default 0): local y.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the new point."},
    {"Workplane.newObject", "($self, objlist, /)",
     "Make a child Workplane holding given objects.\n"
     "\n"
     "Args:\n"
     "    objlist (iterable): the items of the new stack.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child on the same plane, parent self."},
    {"Workplane.objects", NULL,
     "The stack: the list of objects (shapes, points, locations, sketches) this Workplane holds."},
    {"Workplane.offset2D", "($self, /, d, kind='arc', forConstruction=False)",
     "Offset the pending wires in their plane.\n"
     "\n"
     "Args:\n"
     "    d (float): the offset distance (positive grows, negative shrinks).\n"
     "    kind (str, default 'arc'): how corners are joined: 'arc' or 'intersection'.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the offset wires."},
    {"Workplane.parametricCurve", "($self, /, func, N=400, start=0, stop=1, tol=1e-6, minDeg=1, maxDeg=6, smoothing=(1, 1, 1), makeWire=True)",
     "Draw a curve approximating a parametric function.\n"
     "\n"
     "Args:\n"
     "    func (callable): maps t to a point (x, y) or (x, y, z) in local coordinates.\n"
     "    N (int, default 400): the number of samples.\n"
     "    start (float, default 0): the first t.\n"
     "    stop (float, default 1): the last t.\n"
     "    tol (float, default 1e-6): the approximation tolerance.\n"
     "    minDeg (int, default 1): the minimum spline degree.\n"
     "    maxDeg (int, default 6): the maximum spline degree.\n"
     "    smoothing (tuple, default (1, 1, 1)): smoothing weights, or None for none.\n"
     "    makeWire (bool, default True): make the curve a pending wire.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the curve."},
    {"Workplane.parent", NULL,
     "The Workplane this one was made from, or None at the start of the chain."},
    {"Workplane.placeSketch", "($self, *sketches)",
     "Place sketches at every location on the stack.\n"
     "\n"
     "Args:\n"
     "    sketches (Sketch): the sketches to copy to each location.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the placed sketches, ready for extrude, cutBlind, loft..."},
    {"Workplane.plane", NULL,
     "The Plane (origin and axes) of this Workplane."},
    {"Workplane.polarArray", "($self, /, radius, startAngle, angle, count, fill=True, rotate=True)",
     "Push points evenly spaced on a circle (or arc) around every stack point.\n"
     "\n"
     "Args:\n"
     "    radius (float): the circle radius.\n"
     "    startAngle (float): the angle of the first point, in degrees from local x.\n"
     "    angle (float): the angle covered, in degrees.\n"
     "    count (int): the number of points.\n"
     "    fill (bool, default True): spread the points over angle; otherwise angle is the step\n"
     "        between two points.\n"
     "    rotate (bool, default True): rotate each location to face outward.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the locations."},
    {"Workplane.polarLine", "($self, /, distance, angle, forConstruction=False)",
     "Draw a line from the current point given its length and direction.\n"
     "\n"
     "Args:\n"
     "    distance (float): the length of the line.\n"
     "    angle (float): its direction in degrees from local x.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the line edge."},
    {"Workplane.polarLineTo", "($self, /, distance, angle, forConstruction=False)",
     "Draw a line from the current point to a point given in polar coordinates.\n"
     "\n"
     "Args:\n"
     "    distance (float): the end point's distance from the local origin.\n"
     "    angle (float): its angle in degrees from local x.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the line edge."},
    {"Workplane.polygon", "($self, /, nSides, diameter, forConstruction=False, circumscribed=False)",
     "Draw a regular polygon at every point on the stack.\n"
     "\n"
     "Args:\n"
     "    nSides (int): the number of sides.\n"
     "    diameter (float): the diameter of the circle through its vertices.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "    circumscribed (bool, default False): when true, diameter is that of the inscribed circle\n"
     "        (the polygon is drawn around it).\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the polygon wires."},
    {"Workplane.polyline", "($self, /, listOfXYTuple, forConstruction=False, includeCurrent=False)",
     "Draw connected straight lines through a list of points.\n"
     "\n"
     "Args:\n"
     "    listOfXYTuple (list of tuples): the local points.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "    includeCurrent (bool, default False): start from the current point.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the line edges (call close() to close the outline)."},
    {"Workplane.pushPoints", "($self, /, pntList)",
     "Put points on the stack.\n"
     "\n"
     "Args:\n"
     "    pntList (list): local points ((x, y) tuples or Vectors) or Locations.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the points as locations on the plane."},
    {"Workplane.radiusArc", "($self, /, endPoint, radius, forConstruction=False)",
     "Draw a circular arc from the current point to a point with a given radius.\n"
     "\n"
     "Args:\n"
     "    endPoint (tuple): the local end point.\n"
     "    radius (float): the radius; its sign chooses the side of the centre.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the arc edge."},
    {"Workplane.rarray", "($self, /, xSpacing, ySpacing, xCount, yCount, center=True)",
     "Push a rectangular grid of points around every stack point.\n"
     "\n"
     "Args:\n"
     "    xSpacing (float): the spacing along local x.\n"
     "    ySpacing (float): the spacing along local y.\n"
     "    xCount (int): the number of columns.\n"
     "    yCount (int): the number of rows.\n"
     "    center (bool | tuple of 2 bools, default True): centre the grid on the point (per axis\n"
     "        when a tuple); otherwise the point is its first corner.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the grid locations."},
    {"Workplane.rect", "($self, /, xLen, yLen, centered=True, forConstruction=False)",
     "Draw a rectangle at every point on the stack.\n"
     "\n"
     "Args:\n"
     "    xLen (float): the length along local x.\n"
     "    yLen (float): the length along local y.\n"
     "    centered (bool | tuple of 2 bools, default True): centre on the point (per axis when a\n"
     "        tuple); otherwise the point is the lower-left corner.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the rectangle wires."},
    {"Workplane.revolve", "($self, /, angleDegrees=360.0, axisStart=None, axisEnd=None, combine=True, clean=True)",
     "Revolve the pending wires about an axis in the workplane.\n"
     "\n"
     "Args:\n"
     "    angleDegrees (float, default 360.0): the angle of revolution.\n"
     "    axisStart (tuple, default None): a local point of the axis; None uses the local origin.\n"
     "    axisEnd (tuple, default None): a second local point; None uses the local y direction.\n"
     "    combine (bool | str, default True): union ('a'/True) or subtract ('s') with the solid in\n"
     "        the chain, or keep separate (False).\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the revolved solid."},
    {"Workplane.rotate", "($self, /, axisStartPoint, axisEndPoint, angleDegrees)",
     "Rotate every shape on the stack about an axis.\n"
     "\n"
     "Args:\n"
     "    axisStartPoint (tuple | Vector): a point on the axis (world coordinates).\n"
     "    axisEndPoint (tuple | Vector): a second point on the axis.\n"
     "    angleDegrees (float): the angle in degrees.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the rotated shapes."},
    {"Workplane.rotateAboutCenter", "($self, /, axisEndPoint, angleDegrees)",
     "Rotate every shape on the stack about an axis through its own centre.\n"
     "\n"
     "Args:\n"
     "    axisEndPoint (tuple | Vector): the axis direction, from the shape's centre.\n"
     "    angleDegrees (float): the angle in degrees.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the rotated shapes."},
    {"Workplane.sagittaArc", "($self, /, endPoint, sag, forConstruction=False)",
     "Draw a circular arc from the current point given its sagitta.\n"
     "\n"
     "Args:\n"
     "    endPoint (tuple): the local end point.\n"
     "    sag (float): the height of the arc above its chord; positive bulges to the left.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the arc edge."},
    {"Workplane.section", "($self, /, height=0.0)",
     "Slice the solid with the workplane.\n"
     "\n"
     "Args:\n"
     "    height (float, default 0.0): offset of the cutting plane along the normal.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the section faces."},
    {"Workplane.shell", "($self, /, thickness, kind='arc')",
     "Hollow the solid, removing the selected faces.\n"
     "\n"
     "Select the faces to open first (e.g. .faces('>Z')); with no face selected the solid becomes a\n"
     "closed hollow shell.\n"
     "\n"
     "Args:\n"
     "    thickness (float): wall thickness; positive grows outward, negative inward.\n"
     "    kind (str, default 'arc'): how offset corners join: 'arc' or 'intersection'.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the shelled solid."},
    {"Workplane.shells", "($self, /, selector=None, tag=None)",
     "Select the shells of the objects on the stack.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector filtering the result; None keeps all.\n"
     "    tag (str, default None): select from the object with this tag instead of the stack.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the distinct shells."},
    {"Workplane.size", "($self, /)",
     "The number of objects on the stack.\n"
     "\n"
     "Returns:\n"
     "    int: the length of the stack."},
    {"Workplane.sketch", "($self, /)",
     "Start a Sketch placed at the locations on the stack.\n"
     "\n"
     "Finish it with Sketch.finalize() to come back to this Workplane.\n"
     "\n"
     "Returns:\n"
     "    Sketch: a new sketch whose parent is this Workplane."},
    {"Workplane.slot2D", "($self, /, length, diameter, angle=0)",
     "Draw a slot (a rectangle with round ends) at every point on the stack.\n"
     "\n"
     "Args:\n"
     "    length (float): the overall length, end to end.\n"
     "    diameter (float): the width (diameter of the round ends).\n"
     "    angle (float, default 0): rotation in degrees from local x.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the slot wires."},
    {"Workplane.solids", "($self, /, selector=None, tag=None)",
     "Select the solids of the objects on the stack.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector filtering the result; None keeps all.\n"
     "    tag (str, default None): select from the object with this tag instead of the stack.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the distinct solids."},
    {"Workplane.sort", "($self, key, /)",
     "Sort the stack items.\n"
     "\n"
     "Args:\n"
     "    key (callable): the sort key, called with each item.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the sorted items."},
    {"Workplane.sphere", "($self, /, radius, direct=(0, 0, 1), angle1=-90, angle2=90, angle3=360, centered=True, combine=True, clean=True)",
     "Create a sphere at every point on the stack.\n"
     "\n"
     "Args:\n"
     "    radius (float): the radius.\n"
     "    direct (tuple | Vector, default (0, 0, 1)): the axis direction.\n"
     "    angle1 (float, default -90): the lower latitude limit in degrees.\n"
     "    angle2 (float, default 90): the upper latitude limit in degrees.\n"
     "    angle3 (float, default 360): the longitude covered in degrees.\n"
     "    centered (bool | tuple of 3 bools, default True): centre on each point (per axis when a\n"
     "        tuple); otherwise the point is the bounding box's minimum corner.\n"
     "    combine (bool | str, default True): union ('a'/True) or subtract ('s') with the solid in\n"
     "        the chain, or keep separate (False).\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the resulting solid."},
    {"Workplane.spline", "($self, /, listOfXYTuple, tangents=None, periodic=False, parameters=None, scale=True, tol=None, forConstruction=False, includeCurrent=False, makeWire=False)",
     "Draw a smooth spline through points.\n"
     "\n"
     "Args:\n"
     "    listOfXYTuple (list of tuples): the local points to pass through.\n"
     "    tangents (list, default None): tangents at the ends (two) or at every point.\n"
     "    periodic (bool, default False): make a closed periodic curve.\n"
     "    parameters (list of float, default None): the curve parameter at each point.\n"
     "    scale (bool, default True): scale the tangents by the chord length.\n"
     "    tol (float, default None): the interpolation tolerance (None: 1e-6).\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "    includeCurrent (bool, default False): start from the current point.\n"
     "    makeWire (bool, default False): make the spline a pending wire.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the spline edge."},
    {"Workplane.splineApprox", "($self, /, points, tol=1e-6, minDeg=1, maxDeg=6, smoothing=(1, 1, 1), forConstruction=False, includeCurrent=False, makeWire=False)",
     "Draw a spline approximating points (not passing exactly through them).\n"
     "\n"
     "Args:\n"
     "    points (list of tuples): the local points.\n"
     "    tol (float, default 1e-6): the approximation tolerance.\n"
     "    minDeg (int, default 1): the minimum degree.\n"
     "    maxDeg (int, default 6): the maximum degree.\n"
     "    smoothing (tuple, default (1, 1, 1)): smoothing weights, or None.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "    includeCurrent (bool, default False): start from the current point.\n"
     "    makeWire (bool, default False): make the curve a pending wire.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the spline edge."},
    {"Workplane.split", "($self, /, keepTop=False, keepBottom=False)",
     "Split the solid with the workplane, or with another shape.\n"
     "\n"
     "With keepTop/keepBottom the solid is cut by the workplane's plane and the chosen halves are\n"
     "kept (\"top\" is the side the normal points to). With one positional Workplane or Shape\n"
     "argument instead, the solid is split by that shape and all pieces are kept.\n"
     "\n"
     "Args:\n"
     "    keepTop (bool, default False): keep the part above the plane.\n"
     "    keepBottom (bool, default False): keep the part below the plane.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the kept pieces.\n"
     "\n"
     "Raises:\n"
     "    ValueError: neither half kept."},
    {"Workplane.sweep", "($self, /, path, multisection=False, sweepAlongWires=None, makeSolid=True, isFrenet=False, combine=True, clean=True, transition='right', normal=None, auxSpine=None)",
     "Sweep the pending wires along a path.\n"
     "\n"
     "Args:\n"
     "    path (Workplane | Wire | Edge): the spine to follow.\n"
     "    multisection (bool, default False): sweep through all pending wires as sections.\n"
     "    sweepAlongWires (bool, default None): the older name of multisection.\n"
     "    makeSolid (bool, default True): make a solid (else a shell).\n"
     "    isFrenet (bool, default False): orient the profile with the Frenet frame (for helices).\n"
     "    combine (bool | str, default True): union ('a'/True) or subtract ('s') with the solid in\n"
     "        the chain, or keep separate (False).\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "    transition (str, default 'right'): corner treatment: 'right', 'round' or 'transformed'.\n"
     "    normal (tuple, default None): a fixed normal for the profile.\n"
     "    auxSpine (Workplane, default None): a second spine controlling the profile's twist.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the swept solid."},
    {"Workplane.tag", "($self, /, name)",
     "Give this Workplane a name to come back to later.\n"
     "\n"
     "Args:\n"
     "    name (str): the tag; use it with workplaneFromTagged, faces(tag=...), edges(tag=...).\n"
     "\n"
     "Returns:\n"
     "    Workplane: this same Workplane (self)."},
    {"Workplane.tangentArcPoint", "($self, /, endpoint, forConstruction=False, relative=True)",
     "Draw an arc that continues tangent to the last edge.\n"
     "\n"
     "Args:\n"
     "    endpoint (tuple): the end point.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "    relative (bool, default True): endpoint is relative to the current point; else local.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the arc edge.\n"
     "\n"
     "Raises:\n"
     "    RuntimeError: the previous object on the stack is not an edge."},
    {"Workplane.text", "($self, /, txt, fontsize, distance, cut=True, combine=False, clean=True, font='Arial', fontPath=None, kind='regular', halign='center', valign='center')",
     "Create 3D text at every point on the stack.\n"
     "\n"
     "Args:\n"
     "    txt (str): the text.\n"
     "    fontsize (float): the height of the letters.\n"
     "    distance (float): the extrusion depth (negative goes into the solid).\n"
     "    cut (bool, default True): cut the text from the solid in the chain.\n"
     "    combine (bool | str, default False): union with the solid instead (when cut is false).\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "    font (str, default 'Arial'): the font family name.\n"
     "    fontPath (str, default None): a font file to use instead of the family.\n"
     "    kind (str, default 'regular'): 'regular', 'bold' or 'italic'.\n"
     "    halign (str, default 'center'): 'left', 'center' or 'right'.\n"
     "    valign (str, default 'center'): 'top', 'center' or 'bottom'.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the resulting solid."},
    {"Workplane.threePointArc", "($self, /, point1, point2, forConstruction=False)",
     "Draw a circular arc from the current point through point1 to point2.\n"
     "\n"
     "Args:\n"
     "    point1 (tuple): a local point on the arc.\n"
     "    point2 (tuple): the local end point.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the arc edge."},
    {"Workplane.toPending", "($self, /)",
     "Make the wires and edges on the stack pending, so extrude and friends use them.\n"
     "\n"
     "Returns:\n"
     "    Workplane: this same Workplane (self)."},
    {"Workplane.toSvg", "($self, /, opts=None)",
     "Draw the first shape of the stack as SVG (hidden lines dashed).\n"
     "\n"
     "Args:\n"
     "    opts (dict, default None): drawing options (width, height, projectionDir, showHidden, ...).\n"
     "\n"
     "Returns:\n"
     "    str: the SVG document."},
    {"Workplane.transformed", "($self, /, rotate=(0, 0, 0), offset=(0, 0, 0))",
     "Make a workplane rotated and moved relative to this one.\n"
     "\n"
     "Args:\n"
     "    rotate (tuple, default (0, 0, 0)): rotations in degrees about local x, then y, then z.\n"
     "    offset (tuple, default (0, 0, 0)): the new origin in local coordinates.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child on the new plane."},
    {"Workplane.translate", "($self, /, vec)",
     "Move every shape on the stack.\n"
     "\n"
     "Args:\n"
     "    vec (tuple | Vector): the translation, in world coordinates.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the moved shapes."},
    {"Workplane.twistExtrude", "($self, /, distance, angleDegrees, combine=True, clean=True)",
     "Extrude the pending wires while twisting them.\n"
     "\n"
     "Args:\n"
     "    distance (float): the extrusion length along the normal.\n"
     "    angleDegrees (float): the total twist in degrees.\n"
     "    combine (bool | str, default True): union ('a'/True) or subtract ('s') with the solid in\n"
     "        the chain, or keep separate (False).\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the twisted solid."},
    {"Workplane.union", "($self, /, toUnion=None, clean=True, glue=False, tol=None)",
     "Fuse shapes with the solid on the stack.\n"
     "\n"
     "Args:\n"
     "    toUnion (Workplane | Shape | list, default None): the shapes to add; None fuses the\n"
     "        solids of the stack together.\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "    glue (bool, default False): use the faster fuse for shapes that only touch.\n"
     "    tol (float, default None): a fuzzy tolerance; None means exact.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the union."},
    {"Workplane.vLine", "($self, /, distance, forConstruction=False)",
     "Draw a vertical line (along local y) from the current point.\n"
     "\n"
     "Args:\n"
     "    distance (float): the signed length.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the line edge."},
    {"Workplane.vLineTo", "($self, /, yCoord, forConstruction=False)",
     "Draw a vertical line to a given local y.\n"
     "\n"
     "Args:\n"
     "    yCoord (float): the local y of the end point.\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the line edge."},
    {"Workplane.val", "($self, /)",
     "The first object on the stack.\n"
     "\n"
     "Returns:\n"
     "    object: the first item (a Shape, Vector, Location...); the plane's origin as a Vector\n"
     "        when the stack is empty."},
    {"Workplane.vals", "($self, /)",
     "All objects on the stack.\n"
     "\n"
     "Returns:\n"
     "    list: the stack items."},
    {"Workplane.vertices", "($self, /, selector=None, tag=None)",
     "Select the vertices of the objects on the stack.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector such as '>X' or '<Y' or a Selector\n"
     "        object; None keeps all vertices.\n"
     "    tag (str, default None): select from the object with this tag instead of the stack.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the distinct vertices."},
    {"Workplane.wedge", "($self, /, dx, dy, dz, xmin, zmin, xmax, zmax, pnt=(0, 0, 0), dir=(0, 0, 1), centered=True, combine=True, clean=True)",
     "Create a wedge (a box with a slanted top) at every point on the stack.\n"
     "\n"
     "Args:\n"
     "    dx (float): the base length along x.\n"
     "    dy (float): the height along y.\n"
     "    dz (float): the base depth along z.\n"
     "    xmin (float): the top face's minimum x.\n"
     "    zmin (float): the top face's minimum z.\n"
     "    xmax (float): the top face's maximum x.\n"
     "    zmax (float): the top face's maximum z.\n"
     "    pnt (tuple | Vector, default (0, 0, 0)): the base point.\n"
     "    dir (tuple | Vector, default (0, 0, 1)): the direction.\n"
     "    centered (bool | tuple of 3 bools, default True): centre on each point, per axis.\n"
     "    combine (bool | str, default True): union ('a'/True) or subtract ('s') with the solid in\n"
     "        the chain, or keep separate (False).\n"
     "    clean (bool, default True): run clean() on the result.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the resulting solid."},
    {"Workplane.wire", "($self, /, forConstruction=False)",
     "Join the pending edges into a wire.\n"
     "\n"
     "Args:\n"
     "    forConstruction (bool, default False): construction geometry, not pending.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the wire (pending unless forConstruction)."},
    {"Workplane.wires", "($self, /, selector=None, tag=None)",
     "Select the wires of the objects on the stack.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector filtering the result; None keeps all.\n"
     "    tag (str, default None): select from the object with this tag instead of the stack.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child holding the distinct wires."},
    {"Workplane.workplane", "($self, /, offset=0.0, invert=False, centerOption='ProjectedOrigin', origin=None)",
     "Make a new workplane on the selected face(s), vertex or point.\n"
     "\n"
     "On a selected planar face the new plane lies on it with its normal pointing out of the solid.\n"
     "\n"
     "Args:\n"
     "    offset (float, default 0.0): move the plane along its normal.\n"
     "    invert (bool, default False): flip the normal.\n"
     "    centerOption (str, default 'ProjectedOrigin'): where the origin goes: 'ProjectedOrigin'\n"
     "        (the current origin projected on the plane), 'CenterOfMass', 'CenterOfBoundBox'.\n"
     "    origin (tuple | Vector, default None): an explicit origin, projected on the plane.\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child on the new plane.\n"
     "\n"
     "Raises:\n"
     "    ValueError: the selected faces are not coplanar, or nothing usable is selected."},
    {"Workplane.workplaneFromTagged", "($self, /, name)",
     "Go back to the plane of a tagged Workplane.\n"
     "\n"
     "Args:\n"
     "    name (str): the tag given with tag().\n"
     "\n"
     "Returns:\n"
     "    Workplane: a child on the tagged Workplane's plane, holding its stack.\n"
     "\n"
     "Raises:\n"
     "    ValueError: no Workplane has that tag."},
    {NULL, NULL, NULL}
};
