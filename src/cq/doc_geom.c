/* doc_geom.c: the docstrings of Vector, Matrix, Location, Plane and BoundBox (see docs.h for the table's form). */
#include "docs.h"

const cq_doc cq_doc_geom[] = {
    {"Vector", "(*args)",
     "A 3D vector or point (x, y, z), used for positions and directions everywhere.\n"
     "\n"
     "Vector(x, y, z), Vector(x, y) (z = 0), Vector((x, y, z)) from a tuple or list, Vector(v) from\n"
     "another Vector or a Vertex, Vector() for (0, 0, 0). Supports +, -, * (by a number), unary -,\n"
     "== (with a small tolerance) and abs() (the length).\n"
     "\n"
     "Args:\n"
     "    args: the coordinates as above; positional only.\n"
     "\n"
     "Raises:\n"
     "    TypeError: keywords, or arguments of another form.\n"
     "\n"
     "Example:\n"
     "    >>> cq.Vector(1, 2, 3) + cq.Vector(1, 1, 1) == cq.Vector(2, 3, 4)\n"
     "    True"},
    {"Vector.Center", "($self, /)",
     "The vector itself (so that a Vector can stand where a shape's centre is expected).\n"
     "\n"
     "Returns:\n"
     "    Vector: a copy of this vector."},
    {"Vector.Length", NULL,
     "The length (magnitude) of the vector, a float."},
    {"Vector.add", "($self, v, /)",
     "The sum of two vectors.\n"
     "\n"
     "Args:\n"
     "    v (Vector | tuple): the other vector.\n"
     "\n"
     "Returns:\n"
     "    Vector: self + v."},
    {"Vector.cross", "($self, v, /)",
     "The cross product.\n"
     "\n"
     "Args:\n"
     "    v (Vector | tuple): the other vector.\n"
     "\n"
     "Returns:\n"
     "    Vector: self x v, perpendicular to both.\n"
     "\n"
     "Example:\n"
     "    >>> cq.Vector(1, 2, 3).cross(cq.Vector(0, 0, 1)).toTuple()\n"
     "    (2.0, -1.0, 0.0)"},
    {"Vector.distanceToLine", "($self, /)",
     "Not implemented (as in CadQuery).\n"
     "\n"
     "Returns:\n"
     "    Never returns.\n"
     "\n"
     "Raises:\n"
     "    NotImplementedError: always."},
    {"Vector.distanceToPlane", "($self, /)",
     "Not implemented (as in CadQuery).\n"
     "\n"
     "Returns:\n"
     "    Never returns.\n"
     "\n"
     "Raises:\n"
     "    NotImplementedError: always."},
    {"Vector.dot", "($self, v, /)",
     "The dot (scalar) product.\n"
     "\n"
     "Args:\n"
     "    v (Vector | tuple): the other vector.\n"
     "\n"
     "Returns:\n"
     "    float: self . v."},
    {"Vector.getAngle", "($self, v, /)",
     "The angle between two vectors.\n"
     "\n"
     "Args:\n"
     "    v (Vector | tuple): the other vector.\n"
     "\n"
     "Returns:\n"
     "    float: the angle in radians, 0 to pi."},
    {"Vector.getSignedAngle", "($self, v, /)",
     "The signed angle from this vector to another, seen from +Z (counter-clockwise positive).\n"
     "\n"
     "Args:\n"
     "    v (Vector | tuple): the other vector.\n"
     "\n"
     "Returns:\n"
     "    float: the angle in radians, -pi to pi."},
    {"Vector.multiply", "($self, scale, /)",
     "The vector scaled by a number.\n"
     "\n"
     "Args:\n"
     "    scale (float): the factor.\n"
     "\n"
     "Returns:\n"
     "    Vector: self * scale."},
    {"Vector.normalized", "($self, /)",
     "The unit vector in the same direction.\n"
     "\n"
     "Returns:\n"
     "    Vector: self / |self|.\n"
     "\n"
     "Raises:\n"
     "    Standard_ConstructionError: the vector has zero length."},
    {"Vector.projectToLine", "($self, line, /)",
     "The projection of this vector onto a line direction.\n"
     "\n"
     "Args:\n"
     "    line (Vector | tuple): the direction of the line (through the origin).\n"
     "\n"
     "Returns:\n"
     "    Vector: the component of self along line."},
    {"Vector.projectToPlane", "($self, plane, /)",
     "The projection of this point onto a plane.\n"
     "\n"
     "Args:\n"
     "    plane (Plane): the plane.\n"
     "\n"
     "Returns:\n"
     "    Vector: the closest point of the plane."},
    {"Vector.sub", "($self, v, /)",
     "The difference of two vectors.\n"
     "\n"
     "Args:\n"
     "    v (Vector | tuple): the vector to subtract.\n"
     "\n"
     "Returns:\n"
     "    Vector: self - v."},
    {"Vector.toTuple", "($self, /)",
     "The coordinates as a tuple.\n"
     "\n"
     "Returns:\n"
     "    tuple: (x, y, z)."},
    {"Vector.transform", "($self, T, /)",
     "The point transformed by a matrix.\n"
     "\n"
     "Args:\n"
     "    T (Matrix): the transformation.\n"
     "\n"
     "Returns:\n"
     "    Vector: the transformed point."},
    {"Vector.x", NULL,
     "The x coordinate (float, settable)."},
    {"Vector.y", NULL,
     "The y coordinate (float, settable)."},
    {"Vector.z", NULL,
     "The z coordinate (float, settable)."},
    {"Matrix", "(matrix=None)",
     "A 4x4 affine transformation matrix (rotation, translation, scaling).\n"
     "\n"
     "Args:\n"
     "    matrix (Matrix | list, default None): another Matrix to copy, or nested lists of rows\n"
     "        (3x4 or 4x4); None gives the identity."},
    {"Matrix.inverse", "($self, /)",
     "The inverse transformation.\n"
     "\n"
     "Returns:\n"
     "    Matrix: the inverse matrix."},
    {"Matrix.multiply", "($self, other, /)",
     "Compose with another matrix, or transform a vector.\n"
     "\n"
     "Args:\n"
     "    other (Matrix | Vector): a matrix to multiply on the right, or a point.\n"
     "\n"
     "Returns:\n"
     "    Matrix | Vector: the product, or the transformed point."},
    {"Matrix.rotateX", "($self, angle, /)",
     "Rotate about the X axis, in place.\n"
     "\n"
     "Args:\n"
     "    angle (float): the angle in radians.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"Matrix.rotateY", "($self, angle, /)",
     "Rotate about the Y axis, in place.\n"
     "\n"
     "Args:\n"
     "    angle (float): the angle in radians.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"Matrix.rotateZ", "($self, angle, /)",
     "Rotate about the Z axis, in place.\n"
     "\n"
     "Args:\n"
     "    angle (float): the angle in radians.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"Matrix.transposed_list", "($self, /)",
     "The 16 entries of the matrix, column by column.\n"
     "\n"
     "Returns:\n"
     "    list[float]: the entries in column-major order."},
    {"Location", "(x=0, y=0, z=0, rx=0, ry=0, rz=0)",
     "A rigid placement (rotation and translation) in 3D.\n"
     "\n"
     "Forms: Location() the identity; Location(x, y, z, rx, ry, rz) by numbers (angles in degrees,\n"
     "rotations about X, then Y, then Z; also as keywords); Location(Vector) a translation;\n"
     "Location(Location) a copy; Location(Plane) or Location(Plane, origin) the plane's frame;\n"
     "Location(v, axis, angle) a rotation of angle degrees about axis followed by the translation\n"
     "v; Location(v, (rx, ry, rz)) with angles in degrees. Locations compose with * and invert\n"
     "with .inverse.\n"
     "\n"
     "Args:\n"
     "    x (float, default 0): translation along X.\n"
     "    y (float, default 0): translation along Y.\n"
     "    z (float, default 0): translation along Z.\n"
     "    rx (float, default 0): rotation about X in degrees.\n"
     "    ry (float, default 0): rotation about Y in degrees.\n"
     "    rz (float, default 0): rotation about Z in degrees.\n"
     "\n"
     "Example:\n"
     "    >>> cq.Location(1, 2, 3).toTuple()[0]\n"
     "    (1.0, 2.0, 3.0)"},
    {"Location.inverse", NULL,
     "The inverse Location (undoes this one)."},
    {"Location.plane", NULL,
     "The Plane whose frame is this Location (origin = translation, axes = rotated X/Y/Z)."},
    {"Location.toTuple", "($self, /)",
     "The translation and rotation angles of the location.\n"
     "\n"
     "Returns:\n"
     "    tuple: ((x, y, z), (rx, ry, rz)) with the angles in degrees (rotations about X, Y, Z)."},
    {"Plane", "(origin, xDir=None, normal=(0, 0, 1))",
     "A 2D coordinate system in space: an origin and three orthonormal axes.\n"
     "\n"
     "Workplanes draw in their plane's local coordinates. Plane(Location) takes a Location's frame.\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector | Location): the origin in world coordinates (or a Location).\n"
     "    xDir (tuple | Vector, default None): the local x direction; None picks one perpendicular\n"
     "        to the normal.\n"
     "    normal (tuple | Vector, default (0, 0, 1)): the local z direction.\n"
     "\n"
     "Raises:\n"
     "    ValueError: zero-length vectors, or xDir parallel to normal."},
    {"Plane.XY", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The XY plane (normal +Z).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses +X.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.YZ", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The YZ plane (x direction +Y, normal +X).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses +Y.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.ZX", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The ZX plane (x direction +Z, normal +Y).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses +Z.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.XZ", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The XZ plane (x direction +X, normal -Y).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses +X.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.YX", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The YX plane (x direction +Y, normal -Z).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses +Y.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.ZY", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The ZY plane (x direction +Z, normal -X).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses +Z.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.front", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The front plane (the XY plane: normal +Z).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses +X.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.back", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The back plane (x direction -X, normal -Z).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses -X.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.left", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The left plane (x direction +Z, normal -X).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses +Z.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.right", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The right plane (x direction -Z, normal +X).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses -Z.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.top", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The top plane (x direction +X, normal +Y).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses +X.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.bottom", "($cls, /, origin=(0, 0, 0), xDir=None)",
     "The bottom plane (x direction +X, normal -Y).\n"
     "\n"
     "Args:\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "    xDir (tuple | Vector, default None): the x direction; None uses +X.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane."},
    {"Plane.named", "($cls, /, stdName, origin=(0, 0, 0))",
     "A predefined plane by name.\n"
     "\n"
     "Args:\n"
     "    stdName (str): 'XY', 'YZ', 'ZX', 'XZ', 'YX', 'ZY', 'front', 'back', 'left', 'right',\n"
     "        'top' or 'bottom'.\n"
     "    origin (tuple | Vector, default (0, 0, 0)): the origin.\n"
     "\n"
     "Returns:\n"
     "    Plane: the plane.\n"
     "\n"
     "Raises:\n"
     "    ValueError: an unknown name.\n"
     "\n"
     "Example:\n"
     "    >>> cq.Plane.named(\"XZ\").zDir.y\n"
     "    -1.0"},
    {"Plane.fG", NULL,
     "The Matrix taking world coordinates to this plane's local coordinates."},
    {"Plane.rG", NULL,
     "The Matrix taking local coordinates to world coordinates."},
    {"Plane.location", NULL,
     "The Location of the plane's frame (origin and axes)."},
    {"Plane.origin", NULL,
     "The origin of the plane in world coordinates (a Vector, settable)."},
    {"Plane.xDir", NULL,
     "The local x direction (a unit Vector)."},
    {"Plane.yDir", NULL,
     "The local y direction (a unit Vector)."},
    {"Plane.zDir", NULL,
     "The normal of the plane, its local z direction (a unit Vector)."},
    {"Plane.mirrorInPlane", "($self, /, listOfShapes, axis='X')",
     "Mirror shapes through one of the plane's local axes (an axial symmetry: each shape is turned\n"
     "half a turn about the axis, which passes through the plane's origin).\n"
     "\n"
     "Args:\n"
     "    listOfShapes (list of Shape): the shapes.\n"
     "    axis (str, default 'X'): 'X' or 'Y': the local axis to mirror through.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: the mirrored shapes."},
    {"Plane.rotated", "($self, /, rotate=(0, 0, 0))",
     "A copy of the plane rotated about its own axes.\n"
     "\n"
     "Args:\n"
     "    rotate (tuple, default (0, 0, 0)): angles in degrees about local x, then y, then z.\n"
     "\n"
     "Returns:\n"
     "    Plane: the rotated plane (same origin)."},
    {"Plane.setOrigin2d", "($self, x, y, /)",
     "Move the origin to a point given in local coordinates, in place.\n"
     "\n"
     "Args:\n"
     "    x (float): local x of the new origin.\n"
     "    y (float): local y of the new origin.\n"
     "\n"
     "Returns:\n"
     "    None."},
    {"Plane.toLocalCoords", "($self, obj, /)",
     "Express a world point (or shape) in this plane's coordinates.\n"
     "\n"
     "Args:\n"
     "    obj (Vector | tuple | Shape): the point or shape.\n"
     "\n"
     "Returns:\n"
     "    Vector | Shape: the local point, or the shape moved into local coordinates."},
    {"Plane.toPln", "($self, /)",
     "Convert to an OpenCascade gp_Pln: not available in zerocad.\n"
     "\n"
     "Returns:\n"
     "    Never returns.\n"
     "\n"
     "Raises:\n"
     "    NotImplementedError: always."},
    {"Plane.toWorldCoords", "($self, tuplePoint, /)",
     "Express a local point in world coordinates.\n"
     "\n"
     "Args:\n"
     "    tuplePoint (tuple | Vector): the local (x, y) or (x, y, z).\n"
     "\n"
     "Returns:\n"
     "    Vector: the world point."},
    {"BoundBox", "(xmin, ymin, zmin, xmax, ymax, zmax)",
     "An axis-aligned bounding box (what Shape.BoundingBox() returns).\n"
     "\n"
     "Args:\n"
     "    xmin (float): the minimum x.\n"
     "    ymin (float): the minimum y.\n"
     "    zmin (float): the minimum z.\n"
     "    xmax (float): the maximum x.\n"
     "    ymax (float): the maximum y.\n"
     "    zmax (float): the maximum z."},
    {"BoundBox.DiagonalLength", NULL,
     "The length of the box's diagonal (float)."},
    {"BoundBox.add", "($self, /, obj, tol=None)",
     "A box enlarged to contain something else.\n"
     "\n"
     "Args:\n"
     "    obj (BoundBox | Vector | tuple): another box or a point.\n"
     "    tol (float, default None): accepted for compatibility.\n"
     "\n"
     "Returns:\n"
     "    BoundBox: the enlarged copy."},
    {"BoundBox.center", NULL,
     "The centre of the box (a Vector)."},
    {"BoundBox.enlarge", "($self, tol, /)",
     "A copy grown by a margin on every side.\n"
     "\n"
     "Args:\n"
     "    tol (float): the margin.\n"
     "\n"
     "Returns:\n"
     "    BoundBox: the grown box."},
    {"BoundBox.findOutsideBox2D", "(bb1, bb2, /)",
     "Of two boxes, the one that contains the other in XY.\n"
     "\n"
     "Args:\n"
     "    bb1 (BoundBox): the first box.\n"
     "    bb2 (BoundBox): the second box.\n"
     "\n"
     "Returns:\n"
     "    BoundBox | None: the outer box, or None when neither contains the other."},
    {"BoundBox.isInside", "($self, b2, /)",
     "Whether another box lies strictly inside this one.\n"
     "\n"
     "Args:\n"
     "    b2 (BoundBox): the other box.\n"
     "\n"
     "Returns:\n"
     "    bool: True when inside."},
    {"BoundBox.xlen", NULL,
     "The size along X (xmax - xmin)."},
    {"BoundBox.ylen", NULL,
     "The size along Y (ymax - ymin)."},
    {"BoundBox.zlen", NULL,
     "The size along Z (zmax - zmin)."},
    {"BoundBox.xmin", NULL,
     "The minimum x of the box (float)."},
    {"BoundBox.xmax", NULL,
     "The maximum x of the box (float)."},
    {"BoundBox.ymin", NULL,
     "The minimum y of the box (float)."},
    {"BoundBox.ymax", NULL,
     "The maximum y of the box (float)."},
    {"BoundBox.zmin", NULL,
     "The minimum z of the box (float)."},
    {"BoundBox.zmax", NULL,
     "The maximum z of the box (float)."},
    {NULL, NULL, NULL}
};
