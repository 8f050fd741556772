"""Selectors through the cadquery module: string grammar on Workplane.faces/edges/vertices, the
cadquery.selectors classes, user subclasses, operators and errors.

Expected counts and positions are derived by hand from the solids (a 2x4x6 box centred at the
origin, a stepped solid, a drilled plate), following CadQuery 2.4's selectors.py rules.
"""
import math

import pytest

import cadquery as cq
from cadquery import selectors as S


@pytest.fixture(scope="module")
def box():
    return cq.Workplane("XY").box(2, 4, 6)


@pytest.fixture(scope="module")
def stepped():
    # 4x4x2 block (z 0..2) with a 2x2x2 block on top (z 2..4)
    return cq.Workplane("XY").box(4, 4, 2, centered=(True, True, False)).faces(">Z").workplane().rect(2, 2).extrude(2)


@pytest.fixture(scope="module")
def plate():
    # 10x10x1 plate (z 0..1) with holes of radius 1 at (2.5, 0) and radius 2 at (-2.5, 0)
    return (
        cq.Workplane("XY")
        .box(10, 10, 1, centered=(True, True, False))
        .faces(">Z")
        .workplane()
        .pushPoints([(2.5, 0)])
        .hole(2)
        .faces(">Z")
        .workplane()
        .pushPoints([(-2.5, 0)])
        .hole(4)
    )


def centers(wp):
    return [o.Center() for o in wp.vals()]


def zs(wp):
    return sorted(round(c.z, 9) for c in centers(wp))


# ---------------------------------------------------------------- module layout

def test_module_layout():
    import cadquery.selectors as mod
    from cadquery.selectors import StringSyntaxSelector as SSS

    assert mod is cq.selectors
    assert SSS is S.StringSyntaxSelector
    for name in ["Selector", "NearestToPointSelector", "BoxSelector", "BaseDirSelector", "ParallelDirSelector",
                 "DirectionSelector", "PerpendicularDirSelector", "TypeSelector", "RadiusNthSelector",
                 "CenterNthSelector", "DirectionMinMaxSelector", "DirectionNthSelector", "LengthNthSelector",
                 "AreaNthSelector", "BinarySelector", "AndSelector", "SumSelector", "SubtractSelector",
                 "InverseSelector", "StringSyntaxSelector"]:
        cls = getattr(S, name)
        assert issubclass(cls, S.Selector), name
    # CadQuery 2.4 re-exports these at the top level
    for name in ["Selector", "StringSyntaxSelector", "DirectionMinMaxSelector", "ParallelDirSelector",
                 "DirectionSelector", "PerpendicularDirSelector", "TypeSelector", "NearestToPointSelector"]:
        assert getattr(cq, name) is getattr(S, name)
    assert issubclass(S.DirectionMinMaxSelector, S.CenterNthSelector)
    assert issubclass(S.AndSelector, S.BinarySelector)


# ---------------------------------------------------------------- string grammar on a box

def test_box_max_min(box):
    top = box.faces(">Z")
    assert len(top.vals()) == 1
    assert top.val().Center().z == pytest.approx(3)
    assert box.faces("<Z").val().Center().z == pytest.approx(-3)
    assert box.faces(">X").val().Center().x == pytest.approx(1)
    assert box.faces("<Y").val().Center().y == pytest.approx(-2)


def test_box_edges_and_vertices(box):
    assert len(box.edges("|Z").vals()) == 4
    assert len(box.edges("#Z").vals()) == 8
    top_edges = box.edges(">Z")
    assert len(top_edges.vals()) == 4
    assert zs(top_edges) == [3, 3, 3, 3]
    assert len(box.vertices(">Z").vals()) == 4
    v = box.vertices(">X and >Y and >Z").vals()
    assert len(v) == 1
    assert (v[0].X, v[0].Y, v[0].Z) == pytest.approx((1, 2, 3))


def test_box_directions(box):
    assert len(box.faces("|Z").vals()) == 2
    assert len(box.faces("#Z").vals()) == 4
    assert box.faces("+Z").val().Center().z == pytest.approx(3)
    assert box.faces("-Z").val().Center().z == pytest.approx(-3)
    assert box.faces("Z").val().Center().z == pytest.approx(3)
    assert box.faces("(0,0,-1)").val().Center().z == pytest.approx(-3)
    assert box.faces(">(1, 0, 0)").val().Center().x == pytest.approx(1)
    assert len(box.faces("%PLANE").vals()) == 6
    assert len(box.edges("%line").vals()) == 12
    assert len(box.edges("%CIRCLE").vals()) == 0


def test_named_views(box):
    expected = {"front": ("z", 3), "back": ("z", -3), "left": ("x", -1), "right": ("x", 1),
                "top": ("y", 2), "bottom": ("y", -2)}
    for name, (axis, value) in expected.items():
        sel = box.faces(name).vals()
        assert len(sel) == 1, name
        assert getattr(sel[0].Center(), axis) == pytest.approx(value), name


def test_boolean_grammar(box):
    assert len(box.faces(">Z or <Z").vals()) == 2
    assert len(box.faces("not >Z").vals()) == 5
    assert len(box.faces("not(>Z or <Z)").vals()) == 4
    assert len(box.edges("|Z and >X").vals()) == 2
    assert len(box.edges(">X and >Y").vals()) == 1
    # |X edges: 4; the top ones (z=3) are 2 of them
    assert len(box.edges("|X exc >Z").vals()) == 2
    assert len(box.edges("|X except >Z").vals()) == 2
    # precedence: or binds tighter than exc
    assert len(box.edges("|X exc >Z or <Z").vals()) == 0
    # not is the loosest: not (>Z and |X)
    assert len(box.edges("not >Z and |X").vals()) == 10
    assert len(box.edges("(|X or |Y) and >Z").vals()) == 4


def test_center_nth(box):
    # face centres along Z: -3, 0 (four sides), 3
    assert zs(box.faces(">>Z[1]")) == [0, 0, 0, 0]
    assert zs(box.faces(">>Z[0]")) == [-3]
    assert zs(box.faces("<<Z[0]")) == [3]
    assert zs(box.faces(">>Z")) == [3]
    assert zs(box.faces("<<Z")) == [-3]


def test_direction_nth(box, stepped):
    assert zs(box.faces(">Z[-1]")) == [3]
    assert zs(box.faces(">Z[0]")) == [-3]
    assert zs(box.faces("<Z[0]")) == [3]
    assert zs(stepped.faces(">Z[-2]")) == [2]
    assert zs(stepped.faces(">Z[1]")) == [2]
    assert zs(stepped.faces("<Z[1]")) == [2]
    assert zs(stepped.faces(">Z[0]")) == [0]
    assert zs(stepped.faces(">Z")) == [4]
    # vertical faces are not parallel-filtered in by >Z[n]: only the 3 horizontal levels exist
    with pytest.raises(IndexError, match="Attempted to access index 3 of a list with length 3"):
        stepped.faces(">Z[3]")


def test_type_selectors_on_drilled_plate(plate):
    assert len(plate.faces("%CYLINDER").vals()) == 2
    assert len(plate.edges("%CIRCLE").vals()) == 4
    top_circles = plate.edges("%CIRCLE and >Z").vals()
    assert len(top_circles) == 2
    radii = sorted(e.radius() for e in top_circles)
    assert radii == pytest.approx([1, 2])
    smallest = plate.edges(S.RadiusNthSelector(0)).vals()
    assert len(smallest) == 2 and all(e.radius() == pytest.approx(1) for e in smallest)
    largest = plate.edges(S.RadiusNthSelector(-1)).vals()
    assert len(largest) == 2 and all(e.radius() == pytest.approx(2) for e in largest)


def test_errors(box):
    with pytest.raises(ValueError, match="position"):
        box.faces(">Q")
    with pytest.raises(ValueError, match=">Z and"):
        box.faces(">Z and")
    with pytest.raises(IndexError):
        box.faces(">Z[5]")
    with pytest.raises(ValueError, match="empty list"):
        box.vertices(">Z[0]")     # no vertex is parallel to anything
    with pytest.raises(ValueError):
        S.StringSyntaxSelector("(>Z")


# ---------------------------------------------------------------- classes

def test_selector_classes(box):
    faces = box.faces().vals()
    edges = box.edges().vals()
    assert len(S.DirectionMinMaxSelector(cq.Vector(0, 0, 1)).filter(faces)) == 1
    assert S.DirectionMinMaxSelector((0, 0, 1), False).filter(faces)[0].Center().z == pytest.approx(-3)
    assert len(S.ParallelDirSelector(cq.Vector(0, 0, 1)).filter(edges)) == 4
    assert len(S.PerpendicularDirSelector((0, 0, 1)).filter(faces)) == 4
    assert S.DirectionSelector((0, 0, -1)).filter(faces)[0].Center().z == pytest.approx(-3)
    assert len(S.TypeSelector("plane").filter(faces)) == 6
    assert S.CenterNthSelector(cq.Vector(0, 0, 1), 1).filter(faces)[0].Center().z == pytest.approx(0)
    assert len(S.CenterNthSelector(cq.Vector(0, 0, 1), 1).filter(faces)) == 4
    assert S.DirectionNthSelector(cq.Vector(0, 0, 1), 0).filter(faces)[0].Center().z == pytest.approx(-3)
    # lengths 2 (x), 4 (y), 6 (z): four edges each
    shortest = S.LengthNthSelector(0).filter(edges)
    assert len(shortest) == 4 and shortest[0].Length() == pytest.approx(2)
    assert S.LengthNthSelector(-1).filter(edges)[0].Length() == pytest.approx(6)
    # areas 8 (z faces), 12 (y faces), 24 (x faces)
    assert [f.Area() for f in S.AreaNthSelector(0).filter(faces)] == pytest.approx([8, 8])
    assert [f.Area() for f in S.AreaNthSelector(1).filter(faces)] == pytest.approx([12, 12])
    v = S.NearestToPointSelector((10, -10, 10)).filter(box.vertices().vals())
    assert len(v) == 1 and (v[0].X, v[0].Y, v[0].Z) == pytest.approx((1, -2, 3))
    inside = S.BoxSelector((0, 0, 0), (5, 5, 5)).filter(box.vertices().vals())
    assert len(inside) == 1
    assert len(S.BoxSelector((-5, -5, 2), (5, 5, 4), boundingbox=True).filter(faces)) == 1
    assert S.StringSyntaxSelector(">Z").filter(faces)[0].Center().z == pytest.approx(3)
    assert len(S.Selector().filter(faces)) == 6


def test_operators(box):
    faces = box.faces().vals()
    top = S.DirectionMinMaxSelector((0, 0, 1))
    bottom = S.DirectionMinMaxSelector((0, 0, 1), directionMax=False)
    assert len((top + bottom).filter(faces)) == 2
    assert isinstance(top + bottom, S.SumSelector)
    assert len((S.ParallelDirSelector((0, 0, 1)) & top).filter(faces)) == 1
    assert len((S.ParallelDirSelector((0, 0, 1)) - top).filter(faces)) == 1
    assert len((-top).filter(faces)) == 5
    assert len((~top).filter(faces)) == 5
    assert len(box.faces(S.InverseSelector(top + bottom)).vals()) == 4
    assert len(box.edges(S.SubtractSelector(S.StringSyntaxSelector("|X"), S.StringSyntaxSelector(">Z"))).vals()) == 2


def test_user_subclasses(box):
    class Upper(S.Selector):
        def filter(self, objectList):
            return [o for o in objectList if o.Center().z > 0.5]

    assert len(box.faces(Upper()).vals()) == 1
    assert len(box.edges(Upper()).vals()) == 4
    # user selectors combine with built-in ones through the operators
    assert len(box.edges(Upper() & S.ParallelDirSelector((1, 0, 0))).vals()) == 2

    class DiagonalTest(S.BaseDirSelector):
        def test(self, vec):
            return abs(vec.z) > 0.9

    assert len(box.faces(DiagonalTest(cq.Vector(0, 0, 1))).vals()) == 2

    class ByArea(S.CenterNthSelector):
        def key(self, obj):
            return obj.Area()

    biggest = box.faces(ByArea(cq.Vector(0, 0, 1), -1)).vals()
    assert [f.Area() for f in biggest] == pytest.approx([24, 24])

    class Both(S.BinarySelector):
        def filterResults(self, a, b):
            return [x for x in a if x in b]

    assert len(box.faces(Both(S.StringSyntaxSelector("|Z"), S.StringSyntaxSelector(">Z"))).vals()) == 1


def test_selector_on_sketch_vertices():
    s = cq.Sketch().rect(4, 2).vertices(">X")
    assert len(s.vals()) == 2
    assert all(v.X == pytest.approx(2) for v in s.vals())
