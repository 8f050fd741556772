/* doc_func.c: the docstrings of cadquery.func (the free-function API) and cadquery.hull (see docs.h for the table's form). */
#include "docs.h"

const cq_doc cq_doc_func[] = {
    {"func.vertex", "(*args)",
     "Make a Vertex.\n"
     "\n"
     "Forms: vertex(x, y, z) from coordinates, or vertex(p) from a point (tuple or Vector).\n"
     "\n"
     "Args:\n"
     "    args: three numbers, or one point.\n"
     "\n"
     "Returns:\n"
     "    Vertex: the vertex."},
    {"func.segment", "(p1, p2, /)",
     "Make a straight line edge.\n"
     "\n"
     "Args:\n"
     "    p1 (tuple | Vector): the start point.\n"
     "    p2 (tuple | Vector): the end point.\n"
     "\n"
     "Returns:\n"
     "    Edge: the line."},
    {"func.polyline", "(*pts)",
     "Make an open wire of straight segments through points.\n"
     "\n"
     "Args:\n"
     "    pts (tuple | Vector): the points, in order (or a single list of them).\n"
     "\n"
     "Returns:\n"
     "    Wire: the polyline."},
    {"func.polygon", "(*pts)",
     "Make a closed wire of straight segments through points (back to the first).\n"
     "\n"
     "Args:\n"
     "    pts (tuple | Vector): the corner points, in order (or a single list of them).\n"
     "\n"
     "Returns:\n"
     "    Wire: the closed polygon."},
    {"func.rect", "(w, h, /)",
     "Make a rectangle wire centred on the origin in the XY plane.\n"
     "\n"
     "Args:\n"
     "    w (float): the width along X.\n"
     "    h (float): the height along Y.\n"
     "\n"
     "Returns:\n"
     "    Wire: the rectangle."},
    {"func.spline", "(*pts, tol=1e-6, periodic=False)",
     "Make a spline edge through points.\n"
     "\n"
     "Forms: spline(p1, p2, p3, ..., tol=1e-6, periodic=False) with the points as arguments, or\n"
     "spline(pts, tgts=None, params=None, tol=1e-6, periodic=False, scale=True) with a list of\n"
     "points, optional tangents (at the ends or at every point), parameters and tangent scaling.\n"
     "\n"
     "Args:\n"
     "    pts (tuple | Vector): the points to pass through.\n"
     "    tol (float, default 1e-6): the interpolation tolerance.\n"
     "    periodic (bool, default False): make a closed periodic curve.\n"
     "\n"
     "Returns:\n"
     "    Edge: the spline."},
    {"func.circle", "(r, /)",
     "Make a circle edge centred on the origin in the XY plane.\n"
     "\n"
     "Args:\n"
     "    r (float): the radius.\n"
     "\n"
     "Returns:\n"
     "    Edge: the circle."},
    {"func.ellipse", "(r1, r2, /)",
     "Make an ellipse edge centred on the origin in the XY plane.\n"
     "\n"
     "Args:\n"
     "    r1 (float): the semi-axis along X.\n"
     "    r2 (float): the semi-axis along Y.\n"
     "\n"
     "Returns:\n"
     "    Edge: the ellipse."},
    {"func.plane", "(*args)",
     "Make a planar face in the XY plane.\n"
     "\n"
     "Forms: plane(w, l) a w by l rectangle centred on the origin; plane() an unbounded plane.\n"
     "\n"
     "Args:\n"
     "    args: nothing, or the width (X) and length (Y).\n"
     "\n"
     "Returns:\n"
     "    Face: the face."},
    {"func.box", "(w, l, h, /)",
     "Make a box centred on the origin in X and Y, standing on z = 0.\n"
     "\n"
     "Args:\n"
     "    w (float): the size along X.\n"
     "    l (float): the size along Y.\n"
     "    h (float): the height along Z.\n"
     "\n"
     "Returns:\n"
     "    Solid: the box.\n"
     "\n"
     "Example:\n"
     "    >>> b = cq.func.box(1, 2, 3)\n"
     "    >>> (round(b.Volume(), 6), b.BoundingBox().zmin)\n"
     "    (6.0, 0.0)"},
    {"func.cylinder", "(d, h, /)",
     "Make a cylinder on the XY plane, axis +Z, base centred on the origin.\n"
     "\n"
     "Args:\n"
     "    d (float): the diameter.\n"
     "    h (float): the height.\n"
     "\n"
     "Returns:\n"
     "    Solid: the cylinder.\n"
     "\n"
     "Example:\n"
     "    >>> round(cq.func.cylinder(2, 3).Volume(), 4)  # pi * 1**2 * 3\n"
     "    9.4248"},
    {"func.sphere", "(d, /)",
     "Make a sphere centred on the origin.\n"
     "\n"
     "Args:\n"
     "    d (float): the diameter.\n"
     "\n"
     "Returns:\n"
     "    Solid: the sphere."},
    {"func.torus", "(d1, d2, /)",
     "Make a torus centred on the origin, axis Z.\n"
     "\n"
     "Args:\n"
     "    d1 (float): the major diameter (through the tube's centre).\n"
     "    d2 (float): the tube diameter.\n"
     "\n"
     "Returns:\n"
     "    Solid: the torus."},
    {"func.cone", "(*args)",
     "Make a cone on the XY plane, axis +Z.\n"
     "\n"
     "Forms: cone(d, h) a full cone of base diameter d; cone(d1, d2, h) a truncated cone with\n"
     "base diameter d1 and top diameter d2.\n"
     "\n"
     "Args:\n"
     "    args: the diameter(s) and the height, positional.\n"
     "\n"
     "Returns:\n"
     "    Solid: the cone."},
    {"func.compound", "(*shapes)",
     "Group shapes into a compound.\n"
     "\n"
     "Args:\n"
     "    shapes (Shape): the shapes (or one list of them).\n"
     "\n"
     "Returns:\n"
     "    Shape: the compound (a single shape is returned as itself)."},
    {"func.wire", "(*shapes, history=None, name=None)",
     "Make one wire from edges and wires.\n"
     "\n"
     "Args:\n"
     "    shapes (Edge | Wire): connected edges and wires (or one list of them).\n"
     "    history (object, default None): accepted for compatibility; not tracked.\n"
     "    name (str, default None): accepted for compatibility; not tracked.\n"
     "\n"
     "Returns:\n"
     "    Wire: the wire."},
    {"func.face", "(*shapes)",
     "Make a face bounded by wires or edges: the first closed wire is the outline, the others holes.\n"
     "\n"
     "Args:\n"
     "    shapes (Wire | Edge): the boundaries (or one list of them).\n"
     "\n"
     "Returns:\n"
     "    Face: the face (a compound of faces when several outlines are given)."},
    {"func.shell", "(*shapes, history=None, name=None)",
     "Sew faces into a shell.\n"
     "\n"
     "Args:\n"
     "    shapes (Face | Shell): the faces (or one list of them).\n"
     "    history (object, default None): accepted for compatibility; not tracked.\n"
     "    name (str, default None): accepted for compatibility; not tracked.\n"
     "\n"
     "Returns:\n"
     "    Shell: the shell (a single face stays a Face)."},
    {"func.solid", "(*shapes, history=None, name=None)",
     "Make a solid from closed shells or from faces enclosing a volume.\n"
     "\n"
     "Args:\n"
     "    shapes (Shell | Face): the boundary (or one list of them).\n"
     "    history (object, default None): accepted for compatibility; not tracked.\n"
     "    name (str, default None): accepted for compatibility; not tracked.\n"
     "\n"
     "Returns:\n"
     "    Solid: the solid."},
    {"func.fuse", "(s1, s2, /, *shapes, tol=0.0)",
     "The boolean union of shapes.\n"
     "\n"
     "Args:\n"
     "    s1 (Shape): the first shape.\n"
     "    s2 (Shape): the second shape.\n"
     "    shapes (Shape): more shapes to add.\n"
     "    tol (float, default 0.0): a fuzzy tolerance; 0 means exact.\n"
     "\n"
     "Returns:\n"
     "    Shape: the union."},
    {"func.cut", "(s1, s2, /, *, tol=0.0)",
     "The boolean difference of two shapes.\n"
     "\n"
     "Args:\n"
     "    s1 (Shape): the shape to cut from.\n"
     "    s2 (Shape): the shape to remove.\n"
     "    tol (float, default 0.0): a fuzzy tolerance; 0 means exact.\n"
     "\n"
     "Returns:\n"
     "    Shape: s1 minus s2."},
    {"func.intersect", "(s1, s2, /, *, tol=0.0)",
     "The boolean intersection of two shapes.\n"
     "\n"
     "Args:\n"
     "    s1 (Shape): the first shape.\n"
     "    s2 (Shape): the second shape.\n"
     "    tol (float, default 0.0): a fuzzy tolerance; 0 means exact.\n"
     "\n"
     "Returns:\n"
     "    Shape: the common part."},
    {"func.split", "(s1, s2, /)",
     "Split one shape by another, keeping all the pieces.\n"
     "\n"
     "Args:\n"
     "    s1 (Shape): the shape to split.\n"
     "    s2 (Shape): the splitting shape (a face, a solid...).\n"
     "\n"
     "Returns:\n"
     "    Shape: a compound of the pieces."},
    {"func.clean", "(s, /)",
     "Merge coplanar faces and collinear edges of a shape.\n"
     "\n"
     "Args:\n"
     "    s (Shape): the shape.\n"
     "\n"
     "Returns:\n"
     "    Shape: the cleaned shape."},
    {"func.check", "(s, results=None, tol=None, verbose=True)",
     "Whether a shape is valid (topology and geometry).\n"
     "\n"
     "Args:\n"
     "    s (Shape): the shape.\n"
     "    results (list, default None): a list that is emptied (no per-problem details are given).\n"
     "    tol (float, default None): accepted for compatibility.\n"
     "    verbose (bool, default True): accepted for compatibility.\n"
     "\n"
     "Returns:\n"
     "    bool: True when the shape is valid."},
    {"func.fill", "(s, constraints=())",
     "Make a surface filling the edges of a shape (a closed boundary).\n"
     "\n"
     "Args:\n"
     "    s (Shape): a wire or the edges bounding the surface.\n"
     "    constraints (tuple, default ()): extra point or curve constraints: not supported, must\n"
     "        be empty.\n"
     "\n"
     "Returns:\n"
     "    Face: the filling surface.\n"
     "\n"
     "Raises:\n"
     "    ValueError: the shape has no edges.\n"
     "    NotImplementedError: constraints were given."},
    {"func.extrude", "(s, d, both=False, history=None, name=None)",
     "Extrude a shape along a vector (faces give solids, wires give shells, edges give faces).\n"
     "\n"
     "Args:\n"
     "    s (Shape): the profile.\n"
     "    d (tuple | Vector): the extrusion vector.\n"
     "    both (bool, default False): extrude the same amount in both directions.\n"
     "    history (object, default None): accepted for compatibility; not tracked.\n"
     "    name (str, default None): accepted for compatibility; not tracked.\n"
     "\n"
     "Returns:\n"
     "    Shape: the extruded shape."},
    {"func.revolve", "(s, p, d, a=360, history=None, name=None)",
     "Revolve a shape about an axis.\n"
     "\n"
     "Args:\n"
     "    s (Shape): the profile.\n"
     "    p (tuple | Vector): a point on the axis.\n"
     "    d (tuple | Vector): the axis direction.\n"
     "    a (float, default 360): the angle in degrees.\n"
     "    history (object, default None): accepted for compatibility; not tracked.\n"
     "    name (str, default None): accepted for compatibility; not tracked.\n"
     "\n"
     "Returns:\n"
     "    Shape: the revolved shape."},
    {"func.fillet", "(s, edges, r, history=None, name=None)",
     "Round edges of a solid.\n"
     "\n"
     "Args:\n"
     "    s (Shape): the solid.\n"
     "    edges (Shape): a shape holding the edges (an Edge, or a Compound of edges); all its\n"
     "        edges are used.\n"
     "    r (float): the radius.\n"
     "    history (object, default None): accepted for compatibility; not tracked.\n"
     "    name (str, default None): accepted for compatibility; not tracked.\n"
     "\n"
     "Returns:\n"
     "    Shape: the filleted solid."},
    {"func.chamfer", "(s, edges, r, history=None, name=None)",
     "Bevel edges of a solid (symmetric chamfer).\n"
     "\n"
     "Args:\n"
     "    s (Shape): the solid.\n"
     "    edges (Shape): a shape holding the edges (an Edge, or a Compound of edges); all its\n"
     "        edges are used.\n"
     "    r (float): the chamfer distance (keyword r, as for fillet).\n"
     "    history (object, default None): accepted for compatibility; not tracked.\n"
     "    name (str, default None): accepted for compatibility; not tracked.\n"
     "\n"
     "Returns:\n"
     "    Shape: the chamfered solid."},
    {"func.setThreads", "(n, /)",
     "Set the number of threads of the kernel: accepted for compatibility, no effect in zerocad.\n"
     "\n"
     "Args:\n"
     "    n (int): the number of threads.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"hull.find_hull", "(edges, /)",
     "The convex hull of lines and circular arcs in a plane.\n"
     "\n"
     "Args:\n"
     "    edges (list of Edge): lines, circles and arcs in the XY plane.\n"
     "\n"
     "Returns:\n"
     "    Wire: the closed hull boundary."},
    {NULL, NULL, NULL}
};
