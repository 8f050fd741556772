/* doc_shapes.c: the docstrings of the Shape classes (Shape, Mixin1D, Edge, Wire, Face, Shell, Solid, CompSolid, Compound, Vertex) (see docs.h for the table's form). */
#include "docs.h"

const cq_doc cq_doc_shapes[] = {
    {"Shape", "(obj)",
     "The base class of every topological shape: Vertex, Edge, Wire, Face, Shell, Solid, CompSolid\n"
     "and Compound.\n"
     "\n"
     "A Shape wraps one OpenCascade shape. Its methods measure it (Volume, Area, Center,\n"
     "BoundingBox), list its sub-shapes (Faces, Edges, ... or with a selector: faces('>Z')),\n"
     "transform it (translate, rotate, moved, ...) and combine it with others (fuse, cut,\n"
     "intersect). Shapes are immutable except for locate() and move().\n"
     "\n"
     "Args:\n"
     "    obj (Shape): a shape to wrap again (the kernel handle is shared)."},
    {"Shape.Area", "($self, /)",
     "The surface area of the shape (the sum of the areas of its faces).\n"
     "\n"
     "Returns:\n"
     "    float: the area; 0 for shapes without faces."},
    {"Shape.BoundingBox", "($self, /, tolerance=None)",
     "The axis-aligned bounding box of the shape.\n"
     "\n"
     "Args:\n"
     "    tolerance (float, default None): enlarge the box by this much; None gives the tight box.\n"
     "\n"
     "Returns:\n"
     "    BoundBox: the box (xmin ... zmax, xlen, ylen, zlen, center)."},
    {"Shape.Center", "($self, /)",
     "The centre of mass of the shape (of its volume, area or length, by dimension).\n"
     "\n"
     "Returns:\n"
     "    Vector: the centre."},
    {"Shape.CenterOfBoundBox", "($self, /, tolerance=None)",
     "The centre of the shape's bounding box.\n"
     "\n"
     "Args:\n"
     "    tolerance (float, default None): the bounding box tolerance.\n"
     "\n"
     "Returns:\n"
     "    Vector: the centre of the box."},
    {"Shape.Closed", "($self, /)",
     "Whether the shape is flagged closed by the kernel (a closed wire or shell).\n"
     "\n"
     "Returns:\n"
     "    bool: the closed flag."},
    {"Shape.CombinedCenter", "(objects, /)",
     "The centre of mass of several shapes together, weighted by their masses.\n"
     "\n"
     "Args:\n"
     "    objects (list of Shape): the shapes.\n"
     "\n"
     "Returns:\n"
     "    Vector: the combined centre."},
    {"Shape.CombinedCenterOfBoundBox", "(objects, /)",
     "The mean of the bounding-box centres of several shapes.\n"
     "\n"
     "Args:\n"
     "    objects (list of Shape): the shapes.\n"
     "\n"
     "Returns:\n"
     "    Vector: the mean centre."},
    {"Shape.CompSolids", "($self, /)",
     "The distinct compsolids inside the shape.\n"
     "\n"
     "Returns:\n"
     "    list[CompSolid]: the compsolids, each once."},
    {"Shape.Compounds", "($self, /)",
     "The distinct compounds inside the shape.\n"
     "\n"
     "Returns:\n"
     "    list[Compound]: the compounds, each once."},
    {"Shape.Edges", "($self, /)",
     "The distinct edges of the shape.\n"
     "\n"
     "Returns:\n"
     "    list[Edge]: the edges, each once (shared edges are not repeated)."},
    {"Shape.Faces", "($self, /)",
     "The distinct faces of the shape.\n"
     "\n"
     "Returns:\n"
     "    list[Face]: the faces, each once."},
    {"Shape.ShapeType", "($self, /)",
     "The topological type of the shape.\n"
     "\n"
     "Returns:\n"
     "    str: 'Vertex', 'Edge', 'Wire', 'Face', 'Shell', 'Solid', 'CompSolid' or 'Compound'."},
    {"Shape.Shells", "($self, /)",
     "The distinct shells of the shape.\n"
     "\n"
     "Returns:\n"
     "    list[Shell]: the shells, each once."},
    {"Shape.Solids", "($self, /)",
     "The distinct solids of the shape.\n"
     "\n"
     "Returns:\n"
     "    list[Solid]: the solids, each once."},
    {"Shape.Vertices", "($self, /)",
     "The distinct vertices of the shape.\n"
     "\n"
     "Returns:\n"
     "    list[Vertex]: the vertices, each once."},
    {"Shape.Volume", "($self, /)",
     "The volume of the shape.\n"
     "\n"
     "For a solid or compound of solids, the enclosed volume.\n"
     "\n"
     "Returns:\n"
     "    float: the volume (0 for shapes without solids)."},
    {"Shape.Wires", "($self, /)",
     "The distinct wires of the shape.\n"
     "\n"
     "Returns:\n"
     "    list[Wire]: the wires, each once."},
    {"Shape.ancestors", "($self, subshape, kind, /)",
     "The shapes of a given type in this shape that contain a sub-shape.\n"
     "\n"
     "Args:\n"
     "    subshape (Shape): a sub-shape of this shape (an edge, a vertex...).\n"
     "    kind (str): 'Compound', 'CompSolid', 'Solid', 'Shell', 'Face', 'Wire', 'Edge' or 'Vertex'.\n"
     "\n"
     "Returns:\n"
     "    Compound: the ancestors found, e.g. the two faces sharing an edge.\n"
     "\n"
     "Raises:\n"
     "    KeyError: an unknown kind."},
    {"Shape.centerOfMass", "(obj, /)",
     "The centre of mass of a shape.\n"
     "\n"
     "Args:\n"
     "    obj (Shape): the shape.\n"
     "\n"
     "Returns:\n"
     "    Vector: its centre of mass."},
    {"Shape.clean", "($self, /)",
     "Merge coplanar faces and collinear edges (the leftovers of booleans).\n"
     "\n"
     "Returns:\n"
     "    Shape: the cleaned copy."},
    {"Shape.computeMass", "(obj, /)",
     "The mass of a shape with unit density: its volume, area or length by dimension.\n"
     "\n"
     "Args:\n"
     "    obj (Shape): the shape.\n"
     "\n"
     "Returns:\n"
     "    float: the mass."},
    {"Shape.copy", "($self, /, mesh=False)",
     "A deep copy of the shape (new geometry, same values).\n"
     "\n"
     "Args:\n"
     "    mesh (bool, default False): also copy a triangulation (accepted; no effect here).\n"
     "\n"
     "Returns:\n"
     "    Shape: the copy, of the same class."},
    {"Shape.cut", "($self, *toCut, tol=None)",
     "Subtract shapes from this one.\n"
     "\n"
     "Args:\n"
     "    toCut (Shape): one or more shapes (or one list of them) to remove.\n"
     "    tol (float, default None): a fuzzy tolerance; None means exact.\n"
     "\n"
     "Returns:\n"
     "    Shape: the difference."},
    {"Shape.distance", "($self, other, /)",
     "The minimal distance between this shape and another.\n"
     "\n"
     "Args:\n"
     "    other (Shape): the other shape.\n"
     "\n"
     "Returns:\n"
     "    float: the distance (0 when they touch or overlap)."},
    {"Shape.distances", "($self, *others)",
     "The minimal distances to several shapes.\n"
     "\n"
     "Args:\n"
     "    others (Shape): the shapes.\n"
     "\n"
     "Returns:\n"
     "    iterator of float: one distance per shape, in order."},
    {"Shape.edge", "($self, /, selector=None)",
     "The single edge of the shape (after an optional selector).\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): filters the edges first.\n"
     "\n"
     "Returns:\n"
     "    Edge: the first edge found.\n"
     "\n"
     "Raises:\n"
     "    ValueError: there is no edge."},
    {"Shape.edges", "($self, /, selector=None)",
     "The edges of the shape, optionally filtered.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector string ('|Z', '>X', ...) or object.\n"
     "\n"
     "Returns:\n"
     "    Compound: the selected edges in one compound."},
    {"Shape.exportBrep", "($self, fileName, /)",
     "Write the shape to a BREP file (OpenCascade's native format).\n"
     "\n"
     "Args:\n"
     "    fileName (str): the output path.\n"
     "\n"
     "Returns:\n"
     "    bool: True when written."},
    {"Shape.exportStep", "($self, /, fileName, write_pcurves=True, precision_mode=0, unit=None, outputUnit=None)",
     "Write the shape to a STEP file.\n"
     "\n"
     "Args:\n"
     "    fileName (str): the output path.\n"
     "    write_pcurves (bool, default True): write the edges' curves on their faces.\n"
     "    precision_mode (int, default 0): the STEP writer's precision mode (-1 least, 0 average,\n"
     "        1 greatest).\n"
     "    unit (str, default None): the model's length unit (None: 'MM').\n"
     "    outputUnit (str, default None): the unit declared in the file (None: the model's).\n"
     "\n"
     "Returns:\n"
     "    int: the writer status (1 when done)."},
    {"Shape.exportStl", "($self, /, fileName, tolerance=0.001, angularTolerance=0.1, ascii=False, relative=True, parallel=True)",
     "Mesh the shape and write it to an STL file.\n"
     "\n"
     "Args:\n"
     "    fileName (str): the output path.\n"
     "    tolerance (float, default 0.001): linear deflection of the mesh.\n"
     "    angularTolerance (float, default 0.1): angular deflection in radians.\n"
     "    ascii (bool, default False): write ASCII STL instead of binary.\n"
     "    relative (bool, default True): tolerance is relative to the edge sizes.\n"
     "    parallel (bool, default True): mesh in parallel (accepted; no effect here).\n"
     "\n"
     "Returns:\n"
     "    bool: True when written."},
    {"Shape.face", "($self, /, selector=None)",
     "The single face of the shape (after an optional selector).\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): filters the faces first.\n"
     "\n"
     "Returns:\n"
     "    Face: the first face found.\n"
     "\n"
     "Raises:\n"
     "    ValueError: there is no face."},
    {"Shape.faces", "($self, /, selector=None)",
     "The faces of the shape, optionally filtered.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector string ('>Z', '%PLANE', ...) or object.\n"
     "\n"
     "Returns:\n"
     "    Compound: the selected faces in one compound."},
    {"Shape.fix", "($self, /)",
     "Repair the shape with the kernel's shape fixing when it is not valid.\n"
     "\n"
     "Returns:\n"
     "    Shape: the fixed shape (self when it was already valid)."},
    {"Shape.fuse", "($self, *toFuse, glue=False, tol=None)",
     "Fuse shapes with this one.\n"
     "\n"
     "Args:\n"
     "    toFuse (Shape): one or more shapes (or one list of them) to add.\n"
     "    glue (bool, default False): the faster fuse for shapes that only touch.\n"
     "    tol (float, default None): a fuzzy tolerance; None means exact.\n"
     "\n"
     "Returns:\n"
     "    Shape: the union."},
    {"Shape.geomType", "($self, /)",
     "The kind of geometry under the shape.\n"
     "\n"
     "Returns:\n"
     "    str: for a face 'PLANE', 'CYLINDER', 'CONE', 'SPHERE', 'TORUS', 'BSPLINE', ...; for an\n"
     "        edge 'LINE', 'CIRCLE', 'ELLIPSE', 'BSPLINE', ...; the shape type otherwise."},
    {"Shape.hashCode", "($self, /)",
     "A hash of the shape's geometry and location (equal for isSame shapes).\n"
     "\n"
     "Returns:\n"
     "    int: the hash."},
    {"Shape.intersect", "($self, *toIntersect, tol=None)",
     "The common part of this shape and others.\n"
     "\n"
     "Args:\n"
     "    toIntersect (Shape): one or more shapes (or one list of them).\n"
     "    tol (float, default None): a fuzzy tolerance; None means exact.\n"
     "\n"
     "Returns:\n"
     "    Shape: the intersection."},
    {"Shape.isEqual", "($self, other, /)",
     "Whether two shapes are the same kernel shape with the same location and orientation.\n"
     "\n"
     "Args:\n"
     "    other (Shape): the other shape.\n"
     "\n"
     "Returns:\n"
     "    bool: True when equal."},
    {"Shape.isNull", "($self, /)",
     "Whether the shape is empty (wraps no geometry).\n"
     "\n"
     "Returns:\n"
     "    bool: True for a null shape."},
    {"Shape.isSame", "($self, other, /)",
     "Whether two shapes are the same kernel shape at the same location (orientation ignored).\n"
     "\n"
     "Args:\n"
     "    other (Shape): the other shape.\n"
     "\n"
     "Returns:\n"
     "    bool: True when the same."},
    {"Shape.isValid", "($self, /)",
     "Check the shape's topology and geometry with the kernel's analyzer.\n"
     "\n"
     "Returns:\n"
     "    bool: True when the shape is valid."},
    {"Shape.locate", "($self, loc, /)",
     "Set the shape's location, in place.\n"
     "\n"
     "Args:\n"
     "    loc (Location): the new location.\n"
     "\n"
     "Returns:\n"
     "    Shape: this shape (self)."},
    {"Shape.located", "($self, loc, /)",
     "A copy of the shape with its location replaced.\n"
     "\n"
     "Args:\n"
     "    loc (Location): the new location.\n"
     "\n"
     "Returns:\n"
     "    Shape: the located copy."},
    {"Shape.location", "($self, /)",
     "The shape's current location.\n"
     "\n"
     "Returns:\n"
     "    Location: its placement."},
    {"Shape.matrixOfInertia", "(obj, /)",
     "The inertia matrix of a shape (unit density) about its centre of mass.\n"
     "\n"
     "Args:\n"
     "    obj (Shape): the shape.\n"
     "\n"
     "Returns:\n"
     "    list: a 3x3 list of lists of floats."},
    {"Shape.mirror", "($self, /, mirrorPlane='XY', basePointVector=(0, 0, 0))",
     "A mirrored copy of the shape.\n"
     "\n"
     "Args:\n"
     "    mirrorPlane (str | tuple | Vector, default 'XY'): a plane name ('XY', 'YZ', 'XZ') or its\n"
     "        normal vector.\n"
     "    basePointVector (tuple | Vector, default (0, 0, 0)): a point on the plane.\n"
     "\n"
     "Returns:\n"
     "    Shape: the mirrored copy."},
    {"Shape.move", "($self, loc, /)",
     "Move the shape by a relative location, in place.\n"
     "\n"
     "Args:\n"
     "    loc (Location): applied on top of the current location.\n"
     "\n"
     "Returns:\n"
     "    Shape: this shape (self)."},
    {"Shape.moved", "($self, *locs, x=0, y=0, z=0, rx=0, ry=0, rz=0)",
     "A copy of the shape moved by a relative location.\n"
     "\n"
     "Forms: moved(loc) with one Location (or a Vector, a translation); moved(loc1, loc2, ...) or\n"
     "moved([locs]) for one copy per location, as a Compound; or keywords moved(x=, y=, z=, rx=,\n"
     "ry=, rz=) for a translation and rotations in degrees.\n"
     "\n"
     "Args:\n"
     "    locs (Location | Vector): the location(s).\n"
     "    x (float, default 0): translation along X (keyword form).\n"
     "    y (float, default 0): translation along Y.\n"
     "    z (float, default 0): translation along Z.\n"
     "    rx (float, default 0): rotation about X in degrees.\n"
     "    ry (float, default 0): rotation about Y in degrees.\n"
     "    rz (float, default 0): rotation about Z in degrees.\n"
     "\n"
     "Returns:\n"
     "    Shape: the moved copy (a Compound of copies for several locations).\n"
     "\n"
     "Raises:\n"
     "    TypeError: locations and keywords mixed, or nothing given."},
    {"Shape.rotate", "($self, /, startVector, endVector, angleDegrees)",
     "A copy rotated about an axis.\n"
     "\n"
     "Args:\n"
     "    startVector (tuple | Vector): a point on the axis.\n"
     "    endVector (tuple | Vector): a second point on the axis.\n"
     "    angleDegrees (float): the angle in degrees.\n"
     "\n"
     "Returns:\n"
     "    Shape: the rotated copy."},
    {"Shape.scale", "($self, factor, /)",
     "A copy scaled about the origin.\n"
     "\n"
     "Args:\n"
     "    factor (float): the scale factor.\n"
     "\n"
     "Returns:\n"
     "    Shape: the scaled copy."},
    {"Shape.shell", "($self, /, selector=None)",
     "The single shell of the shape (after an optional selector).\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): filters the shells first.\n"
     "\n"
     "Returns:\n"
     "    Shell: the first shell found.\n"
     "\n"
     "Raises:\n"
     "    ValueError: there is no shell."},
    {"Shape.shells", "($self, /, selector=None)",
     "The shells of the shape, optionally filtered.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector string or object.\n"
     "\n"
     "Returns:\n"
     "    Compound: the selected shells."},
    {"Shape.solid", "($self, /, selector=None)",
     "The single solid of the shape (after an optional selector).\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): filters the solids first.\n"
     "\n"
     "Returns:\n"
     "    Solid: the first solid found.\n"
     "\n"
     "Raises:\n"
     "    ValueError: there is no solid."},
    {"Shape.solids", "($self, /, selector=None)",
     "The solids of the shape, optionally filtered.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector string or object.\n"
     "\n"
     "Returns:\n"
     "    Compound: the selected solids."},
    {"Shape.split", "($self, *splitters)",
     "Split this shape with other shapes; all the pieces are kept.\n"
     "\n"
     "Args:\n"
     "    splitters (Shape): the cutting shapes (faces, solids...), or one list of them.\n"
     "\n"
     "Returns:\n"
     "    Shape: a compound of the pieces."},
    {"Shape.transformGeometry", "($self, tMatrix, /)",
     "A copy transformed by a general matrix (may scale non-uniformly; geometry is converted).\n"
     "\n"
     "Args:\n"
     "    tMatrix (Matrix): the transformation.\n"
     "\n"
     "Returns:\n"
     "    Shape: the transformed copy."},
    {"Shape.transformShape", "($self, tMatrix, /)",
     "A copy transformed by a rigid (rotation and translation) matrix.\n"
     "\n"
     "Args:\n"
     "    tMatrix (Matrix): the transformation.\n"
     "\n"
     "Returns:\n"
     "    Shape: the transformed copy."},
    {"Shape.translate", "($self, vector, /)",
     "A copy moved by a vector.\n"
     "\n"
     "Args:\n"
     "    vector (tuple | Vector): the translation.\n"
     "\n"
     "Returns:\n"
     "    Shape: the moved copy."},
    {"Shape.vertex", "($self, /, selector=None)",
     "The single vertex of the shape (after an optional selector).\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): filters the vertices first.\n"
     "\n"
     "Returns:\n"
     "    Vertex: the first vertex found.\n"
     "\n"
     "Raises:\n"
     "    ValueError: there is no vertex."},
    {"Shape.vertices", "($self, /, selector=None)",
     "The vertices of the shape, optionally filtered.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector string ('>Z', '<X', ...) or object.\n"
     "\n"
     "Returns:\n"
     "    Compound: the selected vertices."},
    {"Shape.wire", "($self, /, selector=None)",
     "The single wire of the shape (after an optional selector).\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): filters the wires first.\n"
     "\n"
     "Returns:\n"
     "    Wire: the first wire found.\n"
     "\n"
     "Raises:\n"
     "    ValueError: there is no wire."},
    {"Shape.wires", "($self, /, selector=None)",
     "The wires of the shape, optionally filtered.\n"
     "\n"
     "Args:\n"
     "    selector (str | Selector, default None): a selector string or object.\n"
     "\n"
     "Returns:\n"
     "    Compound: the selected wires."},
    {"Shape.wrapped", NULL,
     "An opaque handle to the kernel shape (a capsule); pass it back to zerocad only."},
    {"Mixin1D", "(obj)",
     "Curve queries shared by Edge and Wire (length, points, tangents).\n"
     "\n"
     "Args:\n"
     "    obj (Shape): a shape to wrap again as a Mixin1D (the kernel handle is shared)."},
    {"Mixin1D.IsClosed", "($self, /)",
     "Whether the curve ends where it starts.\n"
     "\n"
     "Returns:\n"
     "    bool: True for a closed curve."},
    {"Mixin1D.Length", "($self, /)",
     "The length of the curve.\n"
     "\n"
     "Returns:\n"
     "    float: the arc length."},
    {"Mixin1D.endPoint", "($self, /)",
     "The last point of the curve.\n"
     "\n"
     "Returns:\n"
     "    Vector: the end point."},
    {"Mixin1D.normal", "($self, /)",
     "The normal of a planar curve (of the plane it lies in).\n"
     "\n"
     "Returns:\n"
     "    Vector: the unit normal.\n"
     "\n"
     "Raises:\n"
     "    ValueError: the curve is not planar."},
    {"Mixin1D.positionAt", "($self, /, d, mode='length')",
     "The point at a position along the curve.\n"
     "\n"
     "Args:\n"
     "    d (float): the position: a fraction 0..1 of the length in 'length' mode, the curve\n"
     "        parameter in 'parameter' mode.\n"
     "    mode (str, default 'length'): 'length' or 'parameter'.\n"
     "\n"
     "Returns:\n"
     "    Vector: the point."},
    {"Mixin1D.positions", "($self, /, ds, mode='length')",
     "The points at several positions along the curve.\n"
     "\n"
     "Args:\n"
     "    ds (list of float): the positions (see positionAt).\n"
     "    mode (str, default 'length'): 'length' or 'parameter'.\n"
     "\n"
     "Returns:\n"
     "    list[Vector]: the points."},
    {"Mixin1D.radius", "($self, /)",
     "The radius of a circular curve.\n"
     "\n"
     "Returns:\n"
     "    float: the radius.\n"
     "\n"
     "Raises:\n"
     "    ValueError: the curve is not a circle or arc."},
    {"Mixin1D.startPoint", "($self, /)",
     "The first point of the curve.\n"
     "\n"
     "Returns:\n"
     "    Vector: the start point."},
    {"Mixin1D.tangentAt", "($self, /, locationParam=0.5, mode='length')",
     "The unit tangent at a position along the curve.\n"
     "\n"
     "Args:\n"
     "    locationParam (float, default 0.5): the position (see positionAt).\n"
     "    mode (str, default 'length'): 'length' or 'parameter'.\n"
     "\n"
     "Returns:\n"
     "    Vector: the unit tangent."},
    {"Edge", "(obj)",
     "A single curve segment bounded by two vertices (a line, arc, circle, spline, ...).\n"
     "\n"
     "Make one with the class methods (makeLine, makeCircle, makeSpline, ...) or select one from a\n"
     "shape (shape.Edges(), Workplane.edges()).\n"
     "\n"
     "Args:\n"
     "    obj (Shape): a shape to wrap again as a Edge (the kernel handle is shared)."},
    {"Edge.arcCenter", "($self, /)",
     "The centre of a circular or elliptical edge.\n"
     "\n"
     "Returns:\n"
     "    Vector: the centre."},
    {"Edge.close", "($self, /)",
     "Close the edge into a wire when it is open.\n"
     "\n"
     "Returns:\n"
     "    Wire | Edge: a closed wire (the edge plus a closing line), or the edge when already closed."},
    {"Edge.makeBezier", "(points, /)",
     "Make a Bezier curve edge from control points.\n"
     "\n"
     "Args:\n"
     "    points (list of Vector | tuple): the control points.\n"
     "\n"
     "Returns:\n"
     "    Edge: the curve."},
    {"Edge.makeCircle", "(radius, pnt=(0, 0, 0), dir=(0, 0, 1), angle1=360.0, angle2=360.0, orientation=True)",
     "Make a circle or circular arc edge.\n"
     "\n"
     "Args:\n"
     "    radius (float): the radius.\n"
     "    pnt (tuple | Vector, default (0, 0, 0)): the centre.\n"
     "    dir (tuple | Vector, default (0, 0, 1)): the axis (normal of the circle's plane).\n"
     "    angle1 (float, default 360.0): start angle in degrees; equal to angle2 gives a full circle.\n"
     "    angle2 (float, default 360.0): end angle in degrees.\n"
     "    orientation (bool, default True): counter-clockwise about dir when true.\n"
     "\n"
     "Returns:\n"
     "    Edge: the circle or arc."},
    {"Edge.makeEllipse", "(x_radius, y_radius, pnt=(0, 0, 0), dir=(0, 0, 1), xdir=(1, 0, 0), angle1=360.0, angle2=360.0, sense=1)",
     "Make an ellipse or elliptical arc edge.\n"
     "\n"
     "Args:\n"
     "    x_radius (float): semi-axis along xdir.\n"
     "    y_radius (float): the other semi-axis.\n"
     "    pnt (tuple | Vector, default (0, 0, 0)): the centre.\n"
     "    dir (tuple | Vector, default (0, 0, 1)): the normal.\n"
     "    xdir (tuple | Vector, default (1, 0, 0)): the direction of the x semi-axis.\n"
     "    angle1 (float, default 360.0): start angle in degrees.\n"
     "    angle2 (float, default 360.0): end angle in degrees (equal angles: full ellipse).\n"
     "    sense (int, default 1): 1 counter-clockwise, -1 clockwise.\n"
     "\n"
     "Returns:\n"
     "    Edge: the ellipse or arc."},
    {"Edge.makeLine", "(v1, v2, /)",
     "Make a straight line edge between two points.\n"
     "\n"
     "Args:\n"
     "    v1 (tuple | Vector): the start.\n"
     "    v2 (tuple | Vector): the end.\n"
     "\n"
     "Returns:\n"
     "    Edge: the line."},
    {"Edge.makeSpline", "(listOfVector, tangents=None, periodic=False, parameters=None, scale=True, tol=1e-6)",
     "Make a B-spline edge interpolating points.\n"
     "\n"
     "Args:\n"
     "    listOfVector (list of Vector | tuple): the points to pass through.\n"
     "    tangents (list, default None): tangents at the two ends or at every point.\n"
     "    periodic (bool, default False): a closed periodic curve.\n"
     "    parameters (list of float, default None): the parameter at each point.\n"
     "    scale (bool, default True): scale the tangents by the point spacing.\n"
     "    tol (float, default 1e-6): the interpolation tolerance.\n"
     "\n"
     "Returns:\n"
     "    Edge: the spline."},
    {"Edge.makeTangentArc", "(v1, v2, v3, /)",
     "Make a circular arc from a point with a start tangent to an end point.\n"
     "\n"
     "Args:\n"
     "    v1 (tuple | Vector): the start point.\n"
     "    v2 (tuple | Vector): the tangent direction at the start.\n"
     "    v3 (tuple | Vector): the end point.\n"
     "\n"
     "Returns:\n"
     "    Edge: the arc."},
    {"Edge.makeThreePointArc", "(v1, v2, v3, /)",
     "Make a circular arc through three points.\n"
     "\n"
     "Args:\n"
     "    v1 (tuple | Vector): the start.\n"
     "    v2 (tuple | Vector): a point on the arc.\n"
     "    v3 (tuple | Vector): the end.\n"
     "\n"
     "Returns:\n"
     "    Edge: the arc."},
    {"Wire", "(obj)",
     "A chain of connected edges, in order; a closed wire can bound a Face.\n"
     "\n"
     "Args:\n"
     "    obj (Shape): a shape to wrap again as a Wire (the kernel handle is shared)."},
    {"Wire.assembleEdges", "(listOfEdges, /)",
     "Join edges into one wire.\n"
     "\n"
     "Args:\n"
     "    listOfEdges (list of Edge): connected edges, in any order.\n"
     "\n"
     "Returns:\n"
     "    Wire: the wire."},
    {"Wire.close", "($self, /)",
     "Close the wire with a straight edge when it is open.\n"
     "\n"
     "Returns:\n"
     "    Wire: the closed wire (self when already closed)."},
    {"Wire.combine", "(listOfWires, tol=1e-9)",
     "Merge the edges of several wires into as few wires as possible.\n"
     "\n"
     "Args:\n"
     "    listOfWires (list of Wire | Edge): the wires (or edges).\n"
     "    tol (float, default 1e-9): the distance under which end points are joined.\n"
     "\n"
     "Returns:\n"
     "    list[Wire]: the combined wires."},
    {"Wire.makeCircle", "(radius, center, normal)",
     "Make a circular wire.\n"
     "\n"
     "Args:\n"
     "    radius (float): the radius.\n"
     "    center (tuple | Vector): the centre.\n"
     "    normal (tuple | Vector): the normal of the circle's plane.\n"
     "\n"
     "Returns:\n"
     "    Wire: the circle."},
    {"Wire.makeEllipse", "(x_radius, y_radius, center, normal, xDir, angle1=360.0, angle2=360.0, rotation_angle=0.0, closed=True)",
     "Make an elliptical wire (or arc).\n"
     "\n"
     "Args:\n"
     "    x_radius (float): semi-axis along xDir.\n"
     "    y_radius (float): the other semi-axis.\n"
     "    center (tuple | Vector): the centre.\n"
     "    normal (tuple | Vector): the normal.\n"
     "    xDir (tuple | Vector): the direction of the x semi-axis.\n"
     "    angle1 (float, default 360.0): start angle in degrees.\n"
     "    angle2 (float, default 360.0): end angle in degrees (equal angles: full ellipse).\n"
     "    rotation_angle (float, default 0.0): rotation about the normal in degrees.\n"
     "    closed (bool, default True): close an arc with a line to the ends.\n"
     "\n"
     "Returns:\n"
     "    Wire: the ellipse."},
    {"Wire.makeHelix", "(pitch, height, radius, center=(0, 0, 0), dir=(0, 0, 1), angle=360.0, lefthand=False)",
     "Make a helical wire.\n"
     "\n"
     "Args:\n"
     "    pitch (float): the rise per turn.\n"
     "    height (float): the total height.\n"
     "    radius (float): the radius.\n"
     "    center (tuple | Vector, default (0, 0, 0)): the start centre.\n"
     "    dir (tuple | Vector, default (0, 0, 1)): the axis.\n"
     "    angle (float, default 360.0): a cone angle in degrees (360 means a cylindrical helix).\n"
     "    lefthand (bool, default False): a left-handed helix.\n"
     "\n"
     "Returns:\n"
     "    Wire: the helix."},
    {"Wire.makePolygon", "(listOfVertices, forConstruction=False, close=False)",
     "Make a wire of straight segments through points.\n"
     "\n"
     "Args:\n"
     "    listOfVertices (list of Vector | tuple): the points.\n"
     "    forConstruction (bool, default False): flag the wire as construction geometry.\n"
     "    close (bool, default False): add a segment back to the first point.\n"
     "\n"
     "Returns:\n"
     "    Wire: the polyline."},
    {"Wire.offset2D", "($self, /, d, kind='arc')",
     "Offset a planar wire in its plane.\n"
     "\n"
     "Args:\n"
     "    d (float): the distance; positive grows outward.\n"
     "    kind (str, default 'arc'): corner joins: 'arc' or 'intersection'.\n"
     "\n"
     "Returns:\n"
     "    list[Wire]: the offset wires."},
    {"Face", "(obj)",
     "A bounded piece of surface (plane, cylinder, spline...) limited by an outer wire and holes.\n"
     "\n"
     "Args:\n"
     "    obj (Shape): a shape to wrap again as a Face (the kernel handle is shared)."},
    {"Face.chamfer2D", "($self, d, vertices, /)",
     "Chamfer corners of a planar face.\n"
     "\n"
     "Args:\n"
     "    d (float): the chamfer distance.\n"
     "    vertices (list of Vertex): the corners to chamfer.\n"
     "\n"
     "Returns:\n"
     "    Face: the new face."},
    {"Face.fillet2D", "($self, radius, vertices, /)",
     "Round corners of a planar face.\n"
     "\n"
     "Args:\n"
     "    radius (float): the fillet radius.\n"
     "    vertices (list of Vertex): the corners to round.\n"
     "\n"
     "Returns:\n"
     "    Face: the new face."},
    {"Face.innerWires", "($self, /)",
     "The boundaries of the holes of the face.\n"
     "\n"
     "Returns:\n"
     "    list[Wire]: the inner wires."},
    {"Face.makeFromWires", "(outerWire, innerWires=None)",
     "Make a planar face from an outer boundary and holes.\n"
     "\n"
     "Args:\n"
     "    outerWire (Wire): the closed outer boundary.\n"
     "    innerWires (list of Wire, default None): closed hole boundaries inside it.\n"
     "\n"
     "Returns:\n"
     "    Face: the face."},
    {"Face.makePlane", "(length=None, width=None, basePnt=(0, 0, 0), dir=(0, 0, 1))",
     "Make a rectangular planar face (or an unbounded plane).\n"
     "\n"
     "Args:\n"
     "    length (float, default None): the size along the plane's x; None for unbounded.\n"
     "    width (float, default None): the size along its y.\n"
     "    basePnt (tuple | Vector, default (0, 0, 0)): the centre.\n"
     "    dir (tuple | Vector, default (0, 0, 1)): the normal.\n"
     "\n"
     "Returns:\n"
     "    Face: the face."},
    {"Face.normalAt", "($self, /, locationVector=None)",
     "The outward unit normal of the face.\n"
     "\n"
     "Args:\n"
     "    locationVector (tuple | Vector, default None): a point on (or near) the face; None uses\n"
     "        the face's centre.\n"
     "\n"
     "Returns:\n"
     "    Vector: the normal."},
    {"Face.outerWire", "($self, /)",
     "The outer boundary of the face.\n"
     "\n"
     "Returns:\n"
     "    Wire: the outer wire."},
    {"Shell", "(obj)",
     "A set of faces joined along their edges (the skin of a solid, or an open surface).\n"
     "\n"
     "Args:\n"
     "    obj (Shape): a shape to wrap again as a Shell (the kernel handle is shared)."},
    {"Shell.makeShell", "(listOfFaces, /)",
     "Sew faces into a shell.\n"
     "\n"
     "Args:\n"
     "    listOfFaces (list of Face): faces sharing edges.\n"
     "\n"
     "Returns:\n"
     "    Shell: the shell."},
    {"Solid", "(obj)",
     "A region of space bounded by closed shells: what 3D operations make and measure.\n"
     "\n"
     "Args:\n"
     "    obj (Shape): a shape to wrap again as a Solid (the kernel handle is shared)."},
    {"Solid.chamfer", "($self, /, length, length2, edgeList)",
     "Bevel edges of the solid.\n"
     "\n"
     "Args:\n"
     "    length (float): the chamfer length on one face.\n"
     "    length2 (float): the length on the other face; None for a symmetric chamfer.\n"
     "    edgeList (list of Edge): the edges.\n"
     "\n"
     "Returns:\n"
     "    Solid: the chamfered solid."},
    {"Solid.extrudeLinear", "(*args)",
     "Extrude a face (or wires) along a vector.\n"
     "\n"
     "Forms: extrudeLinear(face, vecNormal, taper=0) or extrudeLinear(outerWire, innerWires,\n"
     "vecNormal, taper=0), all positional.\n"
     "\n"
     "Args:\n"
     "    args: the face (or outer wire and list of inner wires), the extrusion vector and an\n"
     "        optional taper angle in degrees.\n"
     "\n"
     "Returns:\n"
     "    Solid: the prism.\n"
     "\n"
     "Raises:\n"
     "    TypeError: the wrong number of arguments."},
    {"Solid.fillet", "($self, /, radius, edgeList)",
     "Round edges of the solid.\n"
     "\n"
     "Args:\n"
     "    radius (float): the fillet radius.\n"
     "    edgeList (list of Edge): the edges.\n"
     "\n"
     "Returns:\n"
     "    Solid: the filleted solid."},
    {"Solid.isInside", "($self, /, point, tolerance=1e-6)",
     "Whether a point is inside the solid (or on its boundary).\n"
     "\n"
     "Args:\n"
     "    point (tuple | Vector): the point.\n"
     "    tolerance (float, default 1e-6): the distance counted as on the boundary.\n"
     "\n"
     "Returns:\n"
     "    bool: True when inside or on it."},
    {"Solid.makeBox", "(length, width, height, pnt=(0, 0, 0), dir=(0, 0, 1))",
     "Make a box with a corner at a point.\n"
     "\n"
     "Args:\n"
     "    length (float): size along x.\n"
     "    width (float): size along y.\n"
     "    height (float): size along z (dir).\n"
     "    pnt (tuple | Vector, default (0, 0, 0)): the minimum corner.\n"
     "    dir (tuple | Vector, default (0, 0, 1)): the box's z direction.\n"
     "\n"
     "Returns:\n"
     "    Solid: the box."},
    {"Solid.makeCone", "(radius1, radius2, height, pnt=(0, 0, 0), dir=(0, 0, 1), angleDegrees=360.0)",
     "Make a cone or truncated cone.\n"
     "\n"
     "Args:\n"
     "    radius1 (float): the radius at the base.\n"
     "    radius2 (float): the radius at the top (0 for a point).\n"
     "    height (float): the height.\n"
     "    pnt (tuple | Vector, default (0, 0, 0)): the base centre.\n"
     "    dir (tuple | Vector, default (0, 0, 1)): the axis.\n"
     "    angleDegrees (float, default 360.0): the angle swept.\n"
     "\n"
     "Returns:\n"
     "    Solid: the cone."},
    {"Solid.makeCylinder", "(radius, height, pnt=(0, 0, 0), dir=(0, 0, 1), angleDegrees=360.0)",
     "Make a cylinder.\n"
     "\n"
     "Args:\n"
     "    radius (float): the radius.\n"
     "    height (float): the height.\n"
     "    pnt (tuple | Vector, default (0, 0, 0)): the base centre.\n"
     "    dir (tuple | Vector, default (0, 0, 1)): the axis.\n"
     "    angleDegrees (float, default 360.0): the angle swept.\n"
     "\n"
     "Returns:\n"
     "    Solid: the cylinder."},
    {"Solid.makeLoft", "(listOfWire, ruled=False)",
     "Make a solid through a sequence of closed wires.\n"
     "\n"
     "Args:\n"
     "    listOfWire (list of Wire): the sections, in order.\n"
     "    ruled (bool, default False): straight faces between sections.\n"
     "\n"
     "Returns:\n"
     "    Solid: the loft."},
    {"Solid.makeSolid", "(shell, /)",
     "Make a solid from a closed shell.\n"
     "\n"
     "Args:\n"
     "    shell (Shell): the boundary.\n"
     "\n"
     "Returns:\n"
     "    Solid: the solid."},
    {"Solid.makeSphere", "(radius, pnt=(0, 0, 0), dir=(0, 0, 1), angleDegrees1=0, angleDegrees2=90, angleDegrees3=360)",
     "Make a sphere (or a part of one).\n"
     "\n"
     "Args:\n"
     "    radius (float): the radius.\n"
     "    pnt (tuple | Vector, default (0, 0, 0)): the centre.\n"
     "    dir (tuple | Vector, default (0, 0, 1)): the axis.\n"
     "    angleDegrees1 (float, default 0): the lower latitude limit.\n"
     "    angleDegrees2 (float, default 90): the upper latitude limit.\n"
     "    angleDegrees3 (float, default 360): the longitude swept.\n"
     "\n"
     "Returns:\n"
     "    Solid: the sphere."},
    {"Solid.makeTorus", "(radius1, radius2, pnt=(0, 0, 0), dir=(0, 0, 1), angleDegrees1=0, angleDegrees2=360)",
     "Make a torus.\n"
     "\n"
     "Args:\n"
     "    radius1 (float): the distance from the centre to the tube's centre.\n"
     "    radius2 (float): the tube radius.\n"
     "    pnt (tuple | Vector, default (0, 0, 0)): the centre.\n"
     "    dir (tuple | Vector, default (0, 0, 1)): the axis.\n"
     "    angleDegrees1 (float, default 0): start angle of the tube section.\n"
     "    angleDegrees2 (float, default 360): end angle.\n"
     "\n"
     "Returns:\n"
     "    Solid: the torus."},
    {"Solid.makeWedge", "(dx, dy, dz, xmin, zmin, xmax, zmax, pnt=(0, 0, 0), dir=(0, 0, 1))",
     "Make a wedge: a box whose top face is a smaller rectangle.\n"
     "\n"
     "Args:\n"
     "    dx (float): base size along x.\n"
     "    dy (float): height along y.\n"
     "    dz (float): base size along z.\n"
     "    xmin (float): top face minimum x.\n"
     "    zmin (float): top face minimum z.\n"
     "    xmax (float): top face maximum x.\n"
     "    zmax (float): top face maximum z.\n"
     "    pnt (tuple | Vector, default (0, 0, 0)): the base corner.\n"
     "    dir (tuple | Vector, default (0, 0, 1)): the direction.\n"
     "\n"
     "Returns:\n"
     "    Solid: the wedge."},
    {"Solid.revolve", "(*args)",
     "Revolve a face (or wires) about an axis.\n"
     "\n"
     "Forms: revolve(face, angleDegrees, axisStart, axisEnd) or revolve(outerWire, innerWires,\n"
     "angleDegrees, axisStart, axisEnd), all positional.\n"
     "\n"
     "Args:\n"
     "    args: the face (or outer wire and inner wires), the angle in degrees and two points of\n"
     "        the axis.\n"
     "\n"
     "Returns:\n"
     "    Solid: the revolved solid.\n"
     "\n"
     "Raises:\n"
     "    TypeError: the wrong number of arguments."},
    {"Solid.shell", "($self, /, faceList, thickness, tolerance=0.0001, kind='arc')",
     "Hollow the solid, opening the given faces.\n"
     "\n"
     "Args:\n"
     "    faceList (list of Face): the faces to remove (empty for a closed hollow solid).\n"
     "    thickness (float): the wall thickness; negative goes inward.\n"
     "    tolerance (float, default 0.0001): the offset tolerance.\n"
     "    kind (str, default 'arc'): corner joins: 'arc' or 'intersection'.\n"
     "\n"
     "Returns:\n"
     "    Solid: the shelled solid."},
    {"CompSolid", "(obj)",
     "Solids sharing faces, kept as one shape.\n"
     "\n"
     "Args:\n"
     "    obj (Shape): a shape to wrap again as a CompSolid (the kernel handle is shared)."},
    {"Compound", "(obj)",
     "A collection of shapes of any types kept together as one shape.\n"
     "\n"
     "Args:\n"
     "    obj (Shape): a shape to wrap again as a Compound (the kernel handle is shared)."},
    {"Compound.makeCompound", "(listOfShapes, /)",
     "Group shapes into a compound.\n"
     "\n"
     "Args:\n"
     "    listOfShapes (list of Shape): the shapes.\n"
     "\n"
     "Returns:\n"
     "    Compound: the compound."},
    {"Vertex", "(obj)",
     "A single point of a shape.\n"
     "\n"
     "Args:\n"
     "    obj (Shape): a shape to wrap again as a Vertex (the kernel handle is shared)."},
    {"Vertex.X", NULL,
     "The x coordinate of the vertex (float)."},
    {"Vertex.Y", NULL,
     "The y coordinate of the vertex (float)."},
    {"Vertex.Z", NULL,
     "The z coordinate of the vertex (float)."},
    {"Vertex.makeVertex", "(x, y, z, /)",
     "Make a vertex at a point.\n"
     "\n"
     "Args:\n"
     "    x (float): the x coordinate.\n"
     "    y (float): the y coordinate.\n"
     "    z (float): the z coordinate.\n"
     "\n"
     "Returns:\n"
     "    Vertex: the vertex."},
    {"Vertex.toTuple", "($self, /)",
     "The vertex's coordinates.\n"
     "\n"
     "Returns:\n"
     "    tuple: (x, y, z)."},
    {"Compound.chamfer", "($self, /, length, length2, edgeList)",
     "Bevel edges of the solids of the compound.\n"
     "\n"
     "Args:\n"
     "    length (float): the chamfer length on one face.\n"
     "    length2 (float): the length on the other face; None for a symmetric chamfer.\n"
     "    edgeList (list of Edge): the edges.\n"
     "\n"
     "Returns:\n"
     "    Compound: the chamfered solid."},
    {"Compound.fillet", "($self, /, radius, edgeList)",
     "Round edges of the solids of the compound.\n"
     "\n"
     "Args:\n"
     "    radius (float): the fillet radius.\n"
     "    edgeList (list of Edge): the edges.\n"
     "\n"
     "Returns:\n"
     "    Compound: the filleted solid."},
    {"Compound.isInside", "($self, /, point, tolerance=1e-6)",
     "Whether a point is inside the compound's solids (or on its boundary).\n"
     "\n"
     "Args:\n"
     "    point (tuple | Vector): the point.\n"
     "    tolerance (float, default 1e-6): the distance counted as on the boundary.\n"
     "\n"
     "Returns:\n"
     "    bool: True when inside or on it."},
    {"Compound.shell", "($self, /, faceList, thickness, tolerance=0.0001, kind='arc')",
     "Hollow the solids of the compound, opening the given faces.\n"
     "\n"
     "Args:\n"
     "    faceList (list of Face): the faces to remove (empty for a closed hollow solid).\n"
     "    thickness (float): the wall thickness; negative goes inward.\n"
     "    tolerance (float, default 0.0001): the offset tolerance.\n"
     "    kind (str, default 'arc'): corner joins: 'arc' or 'intersection'.\n"
     "\n"
     "Returns:\n"
     "    Compound: the shelled solid."},
    /* ---- methods of current CadQuery (merged from the conformance branches) ---- */
    {"Shape.export", "($self, /, fname, tolerance=0.1, angularTolerance=0.1, unit=None, outputUnit=None, opt=None)",
     "Write the shape to a file whose type is taken from the name's extension.\n"
     "\n"
     "STEP, STL, BREP, BIN, AMF, 3MF, VRML, VTP, TJS, SVG and DXF are known (the exporters.export\n"
     "formats).\n"
     "\n"
     "Args:\n"
     "    fname (str): the output path; its extension picks the format.\n"
     "    tolerance (float, default 0.1): the linear deflection of the mesh formats.\n"
     "    angularTolerance (float, default 0.1): the angular deflection of the mesh formats.\n"
     "    unit (str, default None): STEP only: the model's length unit (None: millimetres).\n"
     "    outputUnit (str, default None): STEP only: the unit declared in the file.\n"
     "    opt (dict, default None): format options (as exporters.export).\n"
     "\n"
     "Returns:\n"
     "    None.\n"
     "\n"
     "Raises:\n"
     "    ValueError: an unknown extension."},
    {"Shape.exportBin", "($self, f, /)",
     "Write the shape in OpenCascade's binary shape format (BinTools).\n"
     "\n"
     "Args:\n"
     "    f (str | file): a path, or a binary file object with write().\n"
     "\n"
     "Returns:\n"
     "    bool: True once written."},
    {"Shape.importBin", "($cls, f, /)",
     "Read a shape in OpenCascade's binary shape format (a class method).\n"
     "\n"
     "Args:\n"
     "    f (str | file): a path, or a binary file object with read().\n"
     "\n"
     "Returns:\n"
     "    Shape: the shape, of the class of its kind.\n"
     "\n"
     "Raises:\n"
     "    OCCTError: the data is not a valid binary shape."},
    {"Shape.importBrep", "($cls, f, /)",
     "Read a shape from a BREP file (a class method).\n"
     "\n"
     "Args:\n"
     "    f (str | file): a path, or a file object with read().\n"
     "\n"
     "Returns:\n"
     "    Shape: the shape, of the class of its kind.\n"
     "\n"
     "Raises:\n"
     "    OCCTError: the text is not a valid BREP."},
    {"Shape.importStep", "($cls, /, fileName, unit=None)",
     "Read the shapes of a STEP file (a class method).\n"
     "\n"
     "Args:\n"
     "    fileName (str | PathLike): the file.\n"
     "    unit (str, default None): the length unit the coordinates are converted to (None: 'MM').\n"
     "\n"
     "Returns:\n"
     "    Shape: the only shape of the file, else a Compound of them all.\n"
     "\n"
     "Raises:\n"
     "    ValueError: the file cannot be read as STEP."},
    {"Shape.facesIntersectedByLine", "($self, /, point, axis, tol=0.0001, direction=None)",
     "The faces of the shape crossed by a line, nearest the point first.\n"
     "\n"
     "Args:\n"
     "    point (Vector | tuple): a point of the line.\n"
     "    axis (Vector | tuple): the direction of the line.\n"
     "    tol (float, default 0.0001): the intersection tolerance.\n"
     "    direction (str, default None): 'AlongAxis' keeps the hits ahead of the point,\n"
     "        'Opposite' those behind it; None keeps both.\n"
     "\n"
     "Returns:\n"
     "    list of Face: the faces hit, by distance along the line."},
    {"Shape.filter", "($self, f, /)",
     "The children of the shape for which a predicate is true, as a compound.\n"
     "\n"
     "Args:\n"
     "    f (callable): called with each child Shape; a true result keeps it.\n"
     "\n"
     "Returns:\n"
     "    Compound: the kept children."},
    {"Shape.sort", "($self, key, /)",
     "The children of the shape sorted by a key, as a compound.\n"
     "\n"
     "Args:\n"
     "    key (callable): called with each child Shape; its value orders them.\n"
     "\n"
     "Returns:\n"
     "    Compound: the children in order."},
    {"Shape.size", "($self, /)",
     "The number of direct children of the shape (a compound's members, a solid's shells ...).\n"
     "\n"
     "Returns:\n"
     "    int: the count."},
    {"Shape.remove", "($self, *subshape)",
     "Remove sub-shapes from the shape.\n"
     "\n"
     "A Compound drops those children in place and returns itself; any other shape is rebuilt\n"
     "without them (BRepTools_ReShape) into a new shape.\n"
     "\n"
     "Args:\n"
     "    subshape (Shape): the sub-shapes to remove, positional.\n"
     "\n"
     "Returns:\n"
     "    Shape: the shape without them (self for a compound)."},
    {"Shape.replace", "($self, *args)",
     "A copy of the shape with one sub-shape replaced by others.\n"
     "\n"
     "Args:\n"
     "    args (Shape): the sub-shape to replace, then the shapes that take its place (the\n"
     "        children of a compound among them are used one by one).\n"
     "\n"
     "Returns:\n"
     "    Shape: the rebuilt shape.\n"
     "\n"
     "Raises:\n"
     "    TypeError: no argument, or one that is not a Shape."},
    {"Shape.reverse", "($self, /)",
     "The shape with its orientation reversed (a face's normal flipped, an edge run backwards).\n"
     "\n"
     "Returns:\n"
     "    Shape: the reversed shape, same geometry."},
    {"Shape.siblings", "($self, /, ctx, kind, level=1)",
     "Shapes of the same type as this one that share a sub-shape of a kind with it.\n"
     "\n"
     "The neighbours of a face across its edges, of an edge through its vertices, and so on;\n"
     "each further level takes the neighbours of the previous level's shapes.\n"
     "\n"
     "Args:\n"
     "    ctx (Shape): the shape to look in (the solid holding this one).\n"
     "    kind (str): the kind of shared sub-shape: 'Vertex', 'Edge', 'Wire', 'Face', ...\n"
     "    level (int | iterable of int, default 1): how many steps away; several levels give\n"
     "        the union of their shapes.\n"
     "\n"
     "Returns:\n"
     "    Compound: the sibling shapes (this one excluded)."},
    {"Shape.tessellate", "($self, /, tolerance, angularTolerance=0.1)",
     "A triangle mesh of the shape's faces.\n"
     "\n"
     "Args:\n"
     "    tolerance (float): the linear deflection of the mesh.\n"
     "    angularTolerance (float, default 0.1): the angular deflection, in radians.\n"
     "\n"
     "Returns:\n"
     "    tuple: (list of Vector, list of (i, j, k) index triples), the vertices and triangles."},
    {"Shape.toLocs", "($self, /)",
     "Locations placed on the shape, used to move other shapes onto it (Shape.move/moved).\n"
     "\n"
     "A face gives the frame at the middle of its (u, v) range (Z along its normal), an edge the\n"
     "frame at the middle of its parameter range, any other shape a translation to its centre;\n"
     "a compound gives those of its members, recursively.\n"
     "\n"
     "Returns:\n"
     "    list of Location: the locations."},
    {"Shape.toNURBS", "($self, /)",
     "A copy of the shape whose curves and surfaces are all converted to NURBS (B-splines).\n"
     "\n"
     "Returns:\n"
     "    Shape: the converted shape."},
    {"Mixin1D.bounds", "($self, /)",
     "The parameter range of the curve.\n"
     "\n"
     "Returns:\n"
     "    tuple: (first, last) raw parameters."},
    {"Mixin1D.paramAt", "($self, /, d)",
     "The raw curve parameter of a position or a point.\n"
     "\n"
     "Args:\n"
     "    d (float | Vector): a fraction 0..1 of the length, or a point (its closest parameter).\n"
     "\n"
     "Returns:\n"
     "    float: the parameter."},
    {"Mixin1D.params", "($self, /, pts, tol=1e-6)",
     "The raw curve parameters of the points closest to several points.\n"
     "\n"
     "Args:\n"
     "    pts (list of Vector | tuple): the points.\n"
     "    tol (float, default 1e-6): the projection tolerance.\n"
     "\n"
     "Returns:\n"
     "    list of float: one parameter per point."},
    {"Mixin1D.paramsLength", "($self, /, locations)",
     "The raw curve parameters at several fractions of the length.\n"
     "\n"
     "Args:\n"
     "    locations (list of float): fractions 0..1 of the length.\n"
     "\n"
     "Returns:\n"
     "    list of float: one parameter per fraction."},
    {"Mixin1D.tangents", "($self, /, locations, mode='length')",
     "The unit tangents at several positions along the curve.\n"
     "\n"
     "Args:\n"
     "    locations (list of float): the positions.\n"
     "    mode (str, default 'length'): 'length' (fractions of the length) or 'parameter'\n"
     "        (raw curve parameters).\n"
     "\n"
     "Returns:\n"
     "    list of Vector: one tangent per position."},
    {"Mixin1D.curvatureAt", "($self, /, d, mode='length', resolution=1e-6)",
     "The curvature (1 / radius) at a position along the curve.\n"
     "\n"
     "Args:\n"
     "    d (float): the position.\n"
     "    mode (str, default 'length'): 'length' or 'parameter', as in tangents().\n"
     "    resolution (float, default 1e-6): the tolerance of the curvature computation.\n"
     "\n"
     "Returns:\n"
     "    float: the curvature; 0 on a straight part."},
    {"Mixin1D.curvatures", "($self, /, ds, mode='length', resolution=1e-6)",
     "The curvatures at several positions along the curve.\n"
     "\n"
     "Args:\n"
     "    ds (list of float): the positions.\n"
     "    mode (str, default 'length'): 'length' or 'parameter', as in tangents().\n"
     "    resolution (float, default 1e-6): the tolerance of the curvature computation.\n"
     "\n"
     "Returns:\n"
     "    list of float: one curvature per position."},
    {"Mixin1D.sample", "($self, /, n)",
     "Points spread along the curve.\n"
     "\n"
     "Args:\n"
     "    n (int | float): an int asks for that many points equally spaced by length; a float\n"
     "        is a deflection: as many points as keep the chords within it.\n"
     "\n"
     "Returns:\n"
     "    tuple: (list of Vector, list of float), the points and their raw parameters.\n"
     "\n"
     "Raises:\n"
     "    ValueError: n is not positive."},
    {"Mixin1D.locationAt", "($self, /, d, mode='length', frame='frenet', planar=False)",
     "A Location on the curve: its origin on the curve, its Z axis along the tangent.\n"
     "\n"
     "Args:\n"
     "    d (float): the position.\n"
     "    mode (str, default 'length'): 'length' or 'parameter', as in tangents().\n"
     "    frame (str, default 'frenet'): 'frenet' (the Frenet frame) or 'corrected' (a frame\n"
     "        that does not twist).\n"
     "    planar (bool, default False): keep the frame's X axis in the curve's plane.\n"
     "\n"
     "Returns:\n"
     "    Location: the frame there."},
    {"Mixin1D.locations", "($self, /, ds, mode='length', frame='frenet', planar=False)",
     "Locations at several positions along the curve (see locationAt).\n"
     "\n"
     "Args:\n"
     "    ds (list of float): the positions.\n"
     "    mode (str, default 'length'): 'length' or 'parameter'.\n"
     "    frame (str, default 'frenet'): 'frenet' or 'corrected'.\n"
     "    planar (bool, default False): keep the frames' X axes in the curve's plane.\n"
     "\n"
     "Returns:\n"
     "    list of Location: one per position."},
    {"Edge.trim", "($self, /, u0, u1)",
     "The part of the edge between two raw parameters.\n"
     "\n"
     "Args:\n"
     "    u0 (float): the start parameter.\n"
     "    u1 (float): the end parameter.\n"
     "\n"
     "Returns:\n"
     "    Edge: the trimmed edge."},
    {"Edge.hasPCurve", "($self, /, f)",
     "Whether the edge has a curve in the (u, v) space of a face (a p-curve).\n"
     "\n"
     "Args:\n"
     "    f (Face): the face.\n"
     "\n"
     "Returns:\n"
     "    bool: True when the edge carries a p-curve on that face."},
    {"Edge.makeSplineApprox", "($cls, /, listOfVector, tol=0.001, smoothing=None, minDeg=1, maxDeg=6)",
     "A B-spline edge that approximates points (a class method).\n"
     "\n"
     "Args:\n"
     "    listOfVector (list of Vector | tuple): the points, in order.\n"
     "    tol (float, default 0.001): the largest distance allowed from the points.\n"
     "    smoothing (tuple, default None): three weights (length, curvature, torsion) of a\n"
     "        smoothed fit; None fits without smoothing.\n"
     "    minDeg (int, default 1): the lowest degree tried.\n"
     "    maxDeg (int, default 6): the highest degree allowed.\n"
     "\n"
     "Returns:\n"
     "    Edge: the spline edge."},
    {"Wire.fillet", "($self, /, radius, vertices=None)",
     "Round the corners of the wire (a 3D fillet of consecutive edges).\n"
     "\n"
     "Args:\n"
     "    radius (float): the fillet radius.\n"
     "    vertices (list of Vertex, default None): the corners to round; None rounds them all.\n"
     "\n"
     "Returns:\n"
     "    Wire: the wire with arcs at the corners."},
    {"Wire.fillet2D", "($self, radius, vertices, /)",
     "Round corners of a planar closed wire.\n"
     "\n"
     "Args:\n"
     "    radius (float): the fillet radius.\n"
     "    vertices (list of Vertex): the corners to round.\n"
     "\n"
     "Returns:\n"
     "    Wire: the outer wire of the filleted face."},
    {"Wire.chamfer2D", "($self, d, vertices, /)",
     "Bevel corners of a planar closed wire.\n"
     "\n"
     "Args:\n"
     "    d (float): the chamfer length along each edge.\n"
     "    vertices (list of Vertex): the corners to bevel.\n"
     "\n"
     "Returns:\n"
     "    Wire: the outer wire of the chamfered face."},
    {"Face.uvBounds", "($self, /)",
     "The parameter ranges of the face's surface, restricted to the face.\n"
     "\n"
     "Returns:\n"
     "    tuple: (umin, umax, vmin, vmax)."},
    {"Face.paramAt", "($self, /, pt)",
     "The (u, v) surface parameters of the point of the face nearest a point.\n"
     "\n"
     "Args:\n"
     "    pt (Vector | tuple): the point.\n"
     "\n"
     "Returns:\n"
     "    tuple: (u, v)."},
    {"Face.params", "($self, /, pts, tol=1e-9)",
     "The (u, v) surface parameters of several points.\n"
     "\n"
     "Args:\n"
     "    pts (list of Vector | tuple): the points.\n"
     "    tol (float, default 1e-9): the projection tolerance.\n"
     "\n"
     "Returns:\n"
     "    tuple: (list of u, list of v)."},
    {"Face.positionAt", "($self, /, u, v)",
     "The point of the face's surface at surface parameters (u, v).\n"
     "\n"
     "Args:\n"
     "    u (float): the u parameter.\n"
     "    v (float): the v parameter.\n"
     "\n"
     "Returns:\n"
     "    Vector: the point."},
    {"Face.positions", "($self, /, uvs)",
     "The points of the face's surface at several (u, v) parameter pairs.\n"
     "\n"
     "Args:\n"
     "    uvs (list of tuple): the (u, v) pairs.\n"
     "\n"
     "Returns:\n"
     "    list of Vector: one point per pair."},
    {"Face.locationAt", "($self, /, u, v)",
     "A Location on the face at (u, v): its origin on the surface, its Z axis the normal.\n"
     "\n"
     "Args:\n"
     "    u (float): the u parameter.\n"
     "    v (float): the v parameter.\n"
     "\n"
     "Returns:\n"
     "    Location: the frame there."},
    {"Face.normals", "($self, /, us, vs)",
     "The unit normals and points of the face at several parameter pairs.\n"
     "\n"
     "Args:\n"
     "    us (list of float): the u parameters.\n"
     "    vs (list of float): the v parameters, as many as us.\n"
     "\n"
     "Returns:\n"
     "    tuple: (list of Vector normals, list of Vector points)."},
    {"Face.tangentAt", "($self, /, u, v)",
     "The unit tangents of the face's surface at (u, v), along u and along v, and the point.\n"
     "\n"
     "Args:\n"
     "    u (float): the u parameter.\n"
     "    v (float): the v parameter.\n"
     "\n"
     "Returns:\n"
     "    tuple: (Vector along u, Vector along v, Vector point)."},
    {"Face.trim", "($self, *args, **kwargs)",
     "A face cut out of this face's surface, in one of three forms.\n"
     "\n"
     "trim(u0, u1, v0, v1, tol=1e-6) keeps a parameter rectangle; trim((u, v), (u, v), ...) keeps\n"
     "the polygon with those parameter corners (three or more); trim(outer, *inner) keeps the\n"
     "region bounded by wires lying on the surface.\n"
     "\n"
     "Args:\n"
     "    args: the bounds, the (u, v) corners or the wires, positional.\n"
     "    kwargs: tol (float, default 1e-6) in the first form.\n"
     "\n"
     "Returns:\n"
     "    Face: the trimmed face."},
    {"Face.isoline", "($self, /, param, direction='v')",
     "An iso-parametric curve of the face's surface.\n"
     "\n"
     "Args:\n"
     "    param (float): the fixed parameter value.\n"
     "    direction (str, default 'v'): 'u' or 'v', the parameter that is fixed.\n"
     "\n"
     "Returns:\n"
     "    Edge: the curve, over the surface's range.\n"
     "\n"
     "Raises:\n"
     "    ValueError: direction is neither 'u' nor 'v'."},
    {"Face.isolines", "($self, /, params, direction='v')",
     "Several iso-parametric curves of the face's surface (see isoline).\n"
     "\n"
     "Args:\n"
     "    params (list of float): the fixed parameter values.\n"
     "    direction (str, default 'v'): 'u' or 'v'.\n"
     "\n"
     "Returns:\n"
     "    list of Edge: one curve per value."},
    {"Face.extend", "($self, /, d, umin=True, umax=True, vmin=True, vmax=True)",
     "A larger face on the same surface, grown across chosen sides.\n"
     "\n"
     "Args:\n"
     "    d (float): how far to grow.\n"
     "    umin (bool, default True): grow across the umin side.\n"
     "    umax (bool, default True): grow across the umax side.\n"
     "    vmin (bool, default True): grow across the vmin side.\n"
     "    vmax (bool, default True): grow across the vmax side.\n"
     "\n"
     "Returns:\n"
     "    Face: the extended face."},
    {"Face.addHole", "($self, *inner)",
     "The face with holes bounded by wires.\n"
     "\n"
     "Args:\n"
     "    inner (Wire | Edge): the hole boundaries, positional; an edge is made a wire.\n"
     "\n"
     "Returns:\n"
     "    Face: the face with the holes."},
    {"Solid.isSolid", "(obj, /)",
     "Whether an object is a solid: a Solid, or a Compound holding solids (a static method).\n"
     "\n"
     "Args:\n"
     "    obj (object): the object to test.\n"
     "\n"
     "Returns:\n"
     "    bool: True for a solid."},
    {"Solid.outerShell", "($self, /)",
     "The outer boundary shell of the solid.\n"
     "\n"
     "Returns:\n"
     "    Shell: the outer shell."},
    {"Solid.innerShells", "($self, /)",
     "The shells bounding the solid's cavities (all but the outer one).\n"
     "\n"
     "Returns:\n"
     "    list of Shell: the inner shells; empty for a solid without voids."},
    {"Solid.addCavity", "($self, *shells)",
     "The solid with voids bounded by closed shells (or the outer shells of solids) inside it.\n"
     "\n"
     "Args:\n"
     "    shells (Shell | Solid): the cavities, positional.\n"
     "\n"
     "Returns:\n"
     "    Solid: the solid with the cavities."},
    {"Solid.hollow", "($self, /, faceList, thickness, tolerance=0.0001, kind='arc')",
     "Hollow the solid, opening the given faces (the same as shell()).\n"
     "\n"
     "Args:\n"
     "    faceList (list of Face): the faces to remove (empty for a closed hollow solid).\n"
     "    thickness (float): the wall thickness; negative goes inward.\n"
     "    tolerance (float, default 0.0001): the offset tolerance.\n"
     "    kind (str, default 'arc'): corner joins: 'arc' or 'intersection'.\n"
     "\n"
     "Returns:\n"
     "    Solid: the shelled solid."},
    {"Compound.hollow", "($self, /, faceList, thickness, tolerance=0.0001, kind='arc')",
     "Hollow the solids of the compound, opening the given faces (the same as shell()).\n"
     "\n"
     "Args:\n"
     "    faceList (list of Face): the faces to remove (empty for a closed hollow solid).\n"
     "    thickness (float): the wall thickness; negative goes inward.\n"
     "    tolerance (float, default 0.0001): the offset tolerance.\n"
     "    kind (str, default 'arc'): corner joins: 'arc' or 'intersection'.\n"
     "\n"
     "Returns:\n"
     "    Compound: the shelled solid."},
    {NULL, NULL, NULL}
};
