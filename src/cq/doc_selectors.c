/* doc_selectors.c: the docstrings of the selector classes (cadquery.selectors) (see docs.h for the table's form). */
#include "docs.h"

const cq_doc cq_doc_selectors[] = {
    {"Selector", "()",
     "The base class of selectors: objects that pick some shapes out of a list.\n"
     "\n"
     "Workplane.faces/edges/vertices/... and Sketch selections accept a selector object or a\n"
     "selector string ('>Z', '|X', '%CIRCLE', 'not >Z', '>Z and |X', ...). Selectors combine with\n"
     "the operators & (and), + (or), - (difference) and - or ~ in front (not). Subclass it and\n"
     "override filter() to write your own."},
    {"Selector.filter", "($self, objectList, /)",
     "Pick objects from a list; the base class keeps all of them.\n"
     "\n"
     "Args:\n"
     "    objectList (list of Shape): the candidates.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: the selected objects."},
    {"NearestToPointSelector", "(pnt)",
     "Selects the object whose centre is nearest a point.\n"
     "\n"
     "Args:\n"
     "    pnt (tuple | Vector): the point."},
    {"NearestToPointSelector.filter", "($self, objectList, /)",
     "Apply this selector to a list of objects.\n"
     "\n"
     "Args:\n"
     "    objectList (list of Shape): the candidates.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: the objects this selector keeps."},
    {"selectors.BoxSelector", "(point0, point1, boundingbox=False)",
     "Selects the objects inside an axis-aligned box.\n"
     "\n"
     "Args:\n"
     "    point0 (tuple | Vector): one corner of the box.\n"
     "    point1 (tuple | Vector): the opposite corner.\n"
     "    boundingbox (bool, default False): require the object's whole bounding box inside;\n"
     "        otherwise its centre must be inside."},
    {"selectors.BaseDirSelector", "(vector, tolerance=0.0001)",
     "The base of the direction selectors: keeps planar faces and straight edges whose direction\n"
     "passes test().\n"
     "\n"
     "Args:\n"
     "    vector (tuple | Vector): the reference direction.\n"
     "    tolerance (float, default 0.0001): the angular tolerance."},
    {"selectors.BaseDirSelector.filter", "($self, objectList, /)",
     "Keep the planar faces (by normal) and straight edges (by direction) that pass test().\n"
     "\n"
     "Args:\n"
     "    objectList (list of Shape): the candidates.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: the objects kept."},
    {"selectors.BaseDirSelector.test", "($self, vec, /)",
     "Whether a direction passes this selector.\n"
     "\n"
     "Args:\n"
     "    vec (Vector): a face normal or edge direction.\n"
     "\n"
     "Returns:\n"
     "    bool: True when it passes."},
    {"ParallelDirSelector", "(vector, tolerance=0.0001)",
     "Selects the objects parallel to a direction (string form '|X'): planar faces whose normal,\n"
     "or straight edges whose direction, is parallel to it.\n"
     "\n"
     "Args:\n"
     "    vector (tuple | Vector): the direction.\n"
     "    tolerance (float, default 0.0001): the angular tolerance."},
    {"DirectionSelector", "(vector, tolerance=0.0001)",
     "Selects the objects pointing in a direction (string form '+X' or '-X'): planar faces whose\n"
     "normal, or straight edges whose direction, is the same as it.\n"
     "\n"
     "Args:\n"
     "    vector (tuple | Vector): the direction.\n"
     "    tolerance (float, default 0.0001): the angular tolerance."},
    {"PerpendicularDirSelector", "(vector, tolerance=0.0001)",
     "Selects the objects perpendicular to a direction (string form '#X').\n"
     "\n"
     "Args:\n"
     "    vector (tuple | Vector): the direction.\n"
     "    tolerance (float, default 0.0001): the angular tolerance."},
    {"TypeSelector", "(typeString)",
     "Selects objects by geometry type (string form '%PLANE', '%CIRCLE', ...).\n"
     "\n"
     "Args:\n"
     "    typeString (str): 'PLANE', 'CYLINDER', 'CONE', 'SPHERE', 'TORUS', 'BSPLINE', 'LINE',\n"
     "        'CIRCLE', 'ELLIPSE', ..."},
    {"selectors.RadiusNthSelector", "(n, directionMax=True, tolerance=0.0001)",
     "Selects the objects with the n-th largest (or smallest) radius (circles, arcs, cylinders).\n"
     "\n"
     "Args:\n"
     "    n (int): the index after sorting (0 is the first; negative counts from the end).\n"
     "    directionMax (bool, default True): sort descending when true.\n"
     "    tolerance (float, default 0.0001): values closer than this count as equal (one group)."},
    {"selectors.RadiusNthSelector.filter", "($self, objectList, /)",
     "Sort the objects by key(), group equal keys, and keep the n-th group.\n"
     "\n"
     "Args:\n"
     "    objectList (list of Shape): the candidates.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: the objects of the chosen group."},
    {"selectors.RadiusNthSelector.key", "($self, obj, /)",
     "The value this selector sorts by, for one object.\n"
     "\n"
     "Args:\n"
     "    obj (Shape): the object.\n"
     "\n"
     "Returns:\n"
     "    float: its key (radius, length, area or the position of its centre along the direction)."},
    {"selectors.CenterNthSelector", "(vector, n, directionMax=True, tolerance=0.0001)",
     "Selects the objects whose centre is the n-th furthest along a direction (string form '>>X[n]').\n"
     "\n"
     "Args:\n"
     "    vector (tuple | Vector): the direction.\n"
     "    n (int): the index after sorting.\n"
     "    directionMax (bool, default True): furthest first when true.\n"
     "    tolerance (float, default 0.0001): positions closer than this count as equal."},
    {"DirectionMinMaxSelector", "(vector, directionMax=True, tolerance=0.0001)",
     "Selects the objects furthest along a direction (string form '>Z'), or the nearest ('<Z').\n"
     "\n"
     "Args:\n"
     "    vector (tuple | Vector): the direction.\n"
     "    directionMax (bool, default True): the furthest when true, the nearest otherwise.\n"
     "    tolerance (float, default 0.0001): positions closer than this count as equal."},
    {"selectors.DirectionNthSelector", "(vector, n, directionMax=True, tolerance=0.0001)",
     "Among the objects parallel to a direction, selects the n-th furthest (string form '>X[n]').\n"
     "\n"
     "Args:\n"
     "    vector (tuple | Vector): the direction.\n"
     "    n (int): the index after sorting.\n"
     "    directionMax (bool, default True): furthest first when true.\n"
     "    tolerance (float, default 0.0001): positions closer than this count as equal."},
    {"selectors.DirectionNthSelector.filter", "($self, objectList, /)",
     "Keep the objects parallel to the direction, then the n-th group along it.\n"
     "\n"
     "Args:\n"
     "    objectList (list of Shape): the candidates.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: the objects of the chosen group."},
    {"selectors.DirectionNthSelector.key", "($self, obj, /)",
     "The position of an object's centre along the direction.\n"
     "\n"
     "Args:\n"
     "    obj (Shape): the object.\n"
     "\n"
     "Returns:\n"
     "    float: the projection of its centre on the direction."},
    {"selectors.LengthNthSelector", "(n, directionMax=True, tolerance=0.0001)",
     "Selects the edges or wires with the n-th largest (or smallest) length.\n"
     "\n"
     "Args:\n"
     "    n (int): the index after sorting.\n"
     "    directionMax (bool, default True): longest first when true.\n"
     "    tolerance (float, default 0.0001): lengths closer than this count as equal."},
    {"selectors.AreaNthSelector", "(n, directionMax=True, tolerance=0.0001)",
     "Selects the faces (or closed wires) with the n-th largest (or smallest) area.\n"
     "\n"
     "Args:\n"
     "    n (int): the index after sorting.\n"
     "    directionMax (bool, default True): largest first when true.\n"
     "    tolerance (float, default 0.0001): areas closer than this count as equal."},
    {"selectors.BinarySelector", "(left, right)",
     "The base of the selectors combining two others; subclasses define filterResults.\n"
     "\n"
     "Args:\n"
     "    left (Selector): the first selector.\n"
     "    right (Selector): the second selector."},
    {"selectors.BinarySelector.filter", "($self, objectList, /)",
     "Apply both selectors to the list and combine their results with filterResults.\n"
     "\n"
     "Args:\n"
     "    objectList (list of Shape): the candidates.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: the combined selection."},
    {"selectors.BinarySelector.filterResults", "($self, r_left, r_right, /)",
     "Combine two selections: subclasses define it.\n"
     "\n"
     "Args:\n"
     "    r_left (list of Shape): what the left selector kept.\n"
     "    r_right (list of Shape): what the right selector kept.\n"
     "\n"
     "Returns:\n"
     "    Never returns in the base class.\n"
     "\n"
     "Raises:\n"
     "    NotImplementedError: always, in BinarySelector itself."},
    {"selectors.BinarySelector.left", NULL,
     "The first selector combined (read only)."},
    {"selectors.BinarySelector.right", NULL,
     "The second selector combined (read only)."},
    {"selectors.AndSelector", "(left, right)",
     "Selects the objects both selectors select (string form 'A and B', operator &).\n"
     "\n"
     "Args:\n"
     "    left (Selector): the first selector.\n"
     "    right (Selector): the second selector."},
    {"selectors.AndSelector.filter", "($self, objectList, /)",
     "Apply both selectors and keep the objects both select.\n"
     "\n"
     "Args:\n"
     "    objectList (list of Shape): the candidates.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: the intersection of the two selections."},
    {"selectors.AndSelector.filterResults", "($self, r_left, r_right, /)",
     "The objects present in both selections.\n"
     "\n"
     "Args:\n"
     "    r_left (list of Shape): the left selection.\n"
     "    r_right (list of Shape): the right selection.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: their intersection."},
    {"selectors.SumSelector", "(left, right)",
     "Selects the objects either selector selects (string form 'A or B', operator +).\n"
     "\n"
     "Args:\n"
     "    left (Selector): the first selector.\n"
     "    right (Selector): the second selector."},
    {"selectors.SumSelector.filter", "($self, objectList, /)",
     "Apply both selectors and keep the objects either selects.\n"
     "\n"
     "Args:\n"
     "    objectList (list of Shape): the candidates.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: the union of the two selections."},
    {"selectors.SumSelector.filterResults", "($self, r_left, r_right, /)",
     "The objects present in either selection, each once.\n"
     "\n"
     "Args:\n"
     "    r_left (list of Shape): the left selection.\n"
     "    r_right (list of Shape): the right selection.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: their union."},
    {"selectors.SubtractSelector", "(left, right)",
     "Selects the objects the left selector selects and the right does not (string form\n"
     "'A exc B', operator -).\n"
     "\n"
     "Args:\n"
     "    left (Selector): the selector to keep.\n"
     "    right (Selector): the selector to remove."},
    {"selectors.SubtractSelector.filter", "($self, objectList, /)",
     "Apply both selectors and keep what left selects minus what right selects.\n"
     "\n"
     "Args:\n"
     "    objectList (list of Shape): the candidates.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: the difference of the two selections."},
    {"selectors.SubtractSelector.filterResults", "($self, r_left, r_right, /)",
     "The objects of the left selection that are not in the right one.\n"
     "\n"
     "Args:\n"
     "    r_left (list of Shape): the left selection.\n"
     "    r_right (list of Shape): the right selection.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: their difference."},
    {"selectors.InverseSelector", "(selector)",
     "Selects the objects another selector does not select (string form 'not A', operator -sel).\n"
     "\n"
     "Args:\n"
     "    selector (Selector): the selector to invert."},
    {"selectors.InverseSelector.filter", "($self, objectList, /)",
     "Keep the objects the inverted selector does not select.\n"
     "\n"
     "Args:\n"
     "    objectList (list of Shape): the candidates.\n"
     "\n"
     "Returns:\n"
     "    list[Shape]: the complement of its selection."},
    {"selectors.InverseSelector.selector", NULL,
     "The selector being inverted (read only)."},
    {"StringSyntaxSelector", "(selectorString)",
     "A selector written as a string in CadQuery's selector grammar.\n"
     "\n"
     "Examples: '>Z' (furthest along Z), '<X', '|Z' (parallel to Z), '#Z' (perpendicular), '+Z'\n"
     "and '-Z' (same direction), '%PLANE' (type), '>Z[1]' (second furthest), '>>Z[-1]' (by\n"
     "centre), and combinations with 'and', 'or', 'not', 'exc' and parentheses. Workplane\n"
     "selection methods build one from any string they are given.\n"
     "\n"
     "Args:\n"
     "    selectorString (str): the selector expression.\n"
     "\n"
     "Raises:\n"
     "    ValueError: the string does not parse (the message gives the position).\n"
     "\n"
     "Example:\n"
     "    >>> len(cq.func.box(1, 1, 1).faces(\">Z or <Z\").Faces())\n"
     "    2"},
    {"selectors.NearestToShapeSelector", "(s)",
     "Selects the object nearest a given shape (by the minimum distance between them).\n"
     "\n"
     "Args:\n"
     "    s (Shape): the shape to measure from."},
    {"selectors.NearestToShapeSelector.filter", "($self, objectList, /)",
     "The object of the list nearest the selector's shape.\n"
     "\n"
     "Args:\n"
     "    objectList (list of Shape): the candidates.\n"
     "\n"
     "Returns:\n"
     "    list of Shape: the nearest object alone.\n"
     "\n"
     "Raises:\n"
     "    ValueError: an empty list."},
    {NULL, NULL, NULL}
};
