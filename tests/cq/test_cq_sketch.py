"""cadquery.Sketch: face shapes, modes, locations, selection, 2D fillet/chamfer, edge drawing
and the Workplane integration (sketch()/finalize(), placeSketch).

Areas, positions and volumes are derived analytically by hand (trapezoid/slot/polygon formulas,
polar and rectangular array positions), never read back from the module.
"""
import math

import pytest

import cadquery as cq


def area(s):
    return s._faces.Area()


def bbox(s):
    b = s._faces.BoundingBox()
    return (b.xmin, b.ymin, b.xmax, b.ymax)


def face_centers(s):
    return sorted((round(f.Center().x, 9), round(f.Center().y, 9)) for f in s._faces.Faces())


# ---------------------------------------------------------------- face shapes

def test_rect_and_circle():
    assert area(cq.Sketch().rect(4, 2)) == pytest.approx(8)
    assert bbox(cq.Sketch().rect(4, 2)) == pytest.approx((-2, -1, 2, 1))
    assert bbox(cq.Sketch().rect(4, 2, angle=90)) == pytest.approx((-1, -2, 1, 2))
    assert area(cq.Sketch().circle(1.5)) == pytest.approx(math.pi * 2.25)
    assert area(cq.Sketch().rect(4, 2).circle(0.5, mode="s")) == pytest.approx(8 - math.pi / 4)


def test_ellipse():
    s = cq.Sketch().ellipse(3, 1)
    assert area(s) == pytest.approx(3 * math.pi)
    assert bbox(s) == pytest.approx((-3, -1, 3, 1), abs=1e-6)
    assert bbox(cq.Sketch().ellipse(1, 3)) == pytest.approx((-1, -3, 1, 3), abs=1e-6)
    assert bbox(cq.Sketch().ellipse(3, 1, angle=90)) == pytest.approx((-1, -3, 1, 3), abs=1e-6)


def test_trapezoid():
    w, h = 4, 2
    top = w - 2 * h / math.tan(math.radians(60))
    assert area(cq.Sketch().trapezoid(w, h, 60)) == pytest.approx((w + top) / 2 * h)
    top2 = w - h / math.tan(math.radians(60)) - h / math.tan(math.radians(45))
    assert area(cq.Sketch().trapezoid(w, h, 60, 45)) == pytest.approx((w + top2) / 2 * h)
    assert bbox(cq.Sketch().trapezoid(w, h, 60)) == pytest.approx((-2, -1, 2, 1))


def test_slot():
    s = cq.Sketch().slot(4, 1)
    assert area(s) == pytest.approx(4 * 1 + math.pi * 0.5 ** 2)
    assert bbox(s) == pytest.approx((-2.5, -0.5, 2.5, 0.5), abs=1e-6)
    assert bbox(cq.Sketch().slot(4, 1, angle=90)) == pytest.approx((-0.5, -2.5, 0.5, 2.5), abs=1e-6)


def test_regular_polygon_and_polygon():
    r, n = 2, 6
    s = cq.Sketch().regularPolygon(r, n)
    assert area(s) == pytest.approx(0.5 * n * r * r * math.sin(2 * math.pi / n))
    # first vertex at +Y: a hexagon reaches y = +-r and x = +-r*cos(30)
    assert bbox(s) == pytest.approx((-r * math.cos(math.pi / 6), -r, r * math.cos(math.pi / 6), r))
    assert area(cq.Sketch().regularPolygon(1, 4)) == pytest.approx(2)
    assert area(cq.Sketch().polygon([(0, 0), (4, 0), (0, 3)])) == pytest.approx(6)
    assert area(cq.Sketch().polygon([(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)])) == pytest.approx(16)


# ---------------------------------------------------------------- modes

def test_modes():
    assert area(cq.Sketch().rect(4, 4).rect(2, 2, mode="s")) == pytest.approx(12)
    assert area(cq.Sketch().rect(4, 4).push([(2, 2)]).rect(2, 2, mode="i")) == pytest.approx(1)
    assert area(cq.Sketch().rect(4, 4).push([(2, 2)]).rect(2, 2)) == pytest.approx(16 + 3)
    assert area(cq.Sketch().rect(4, 4).rect(1, 1, mode="r")) == pytest.approx(1)
    s = cq.Sketch().rect(4, 4).rect(1, 1, mode="c", tag="small")
    assert area(s) == pytest.approx(16)
    assert len(s.faces(tag="small").vals()) == 1
    with pytest.raises(ValueError, match="No tag specified"):
        cq.Sketch().rect(1, 1, mode="c")
    with pytest.raises(ValueError, match="Invalid mode"):
        cq.Sketch().rect(1, 1, mode="x")


def test_clean_merges_faces():
    s = cq.Sketch().rect(2, 2).push([(1, 0)]).rect(2, 2).reset().clean()
    assert area(s) == pytest.approx(6)
    assert len(s._faces.Faces()) == 1


# ---------------------------------------------------------------- locations

def test_rarray_positions():
    s = cq.Sketch().rarray(2, 3, 2, 2).circle(0.5)
    assert face_centers(s) == [(-1, -1.5), (-1, 1.5), (1, -1.5), (1, 1.5)]
    assert area(s) == pytest.approx(4 * math.pi * 0.25)
    s = cq.Sketch().rarray(1, 1, 3, 1).rect(0.5, 0.5)
    assert face_centers(s) == [(-1, 0), (0, 0), (1, 0)]
    with pytest.raises(ValueError):
        cq.Sketch().rarray(1, 1, 0, 1)


def test_parray_positions():
    s = cq.Sketch().parray(5, 0, 360, 4).circle(0.5)
    assert face_centers(s) == sorted([(5, 0), (0, 5), (-5, 0), (0, -5)])
    s = cq.Sketch().parray(5, 0, 90, 3).circle(0.5)
    c = 5 / math.sqrt(2)
    assert face_centers(s) == pytest.approx(sorted([(5, 0), (round(c, 9), round(c, 9)), (0, 5)]))
    # rotate=True turns each rectangle by its polar angle: a 2x0.5 rect at 90 degrees is tall
    s = cq.Sketch().parray(5, 90, 360, 1).rect(2, 0.5)
    assert bbox(s) == pytest.approx((-0.25, 4, 0.25, 6), abs=1e-9)
    s = cq.Sketch().parray(5, 90, 360, 1, rotate=False).rect(2, 0.5)
    assert bbox(s) == pytest.approx((-1, 4.75, 1, 5.25), abs=1e-9)


def test_push_and_nested_locations():
    s = cq.Sketch().push([(1, 2), cq.Location(cq.Vector(-3, 0, 0))]).circle(0.5)
    assert face_centers(s) == [(-3, 0), (1, 2)]
    # rarray on top of a pushed selection multiplies the locations
    s = cq.Sketch().push([(10, 0)]).rarray(2, 1, 2, 1).circle(0.25)
    assert face_centers(s) == [(9, 0), (11, 0)]


def test_distribute_positions():
    s = cq.Sketch().arc((0, 0), 5, 0, 360).edges().distribute(4, rotate=False)
    pts = sorted(tuple(round(c, 9) for c in loc.toTuple()[0][:2]) for loc in s.vals())
    assert pts == pytest.approx(sorted([(5, 0), (0, 5), (-5, 0), (0, -5)]), abs=1e-9)
    with pytest.raises(ValueError, match="Nothing selected"):
        cq.Sketch().distribute(3)


# ---------------------------------------------------------------- selection and 2D features

def test_selection_and_tags():
    s = cq.Sketch().rect(4, 2)
    assert len(s.vertices().vals()) == 4
    # an active selection is what the next selection explores: vertices have no edges
    assert len(s.edges().vals()) == 0
    assert len(s.reset().edges().vals()) == 4
    # edges of the selected edges: the 2 vertical ones
    assert len(s.edges("|Y").vals()) == 2
    assert len(s.reset().edges("|Y").vals()) == 2
    assert [v.X for v in s.reset().vertices(">X").vals()] == pytest.approx([2, 2])
    s.reset()
    s.vertices("<X").tag("left")
    s.reset()
    # current CadQuery: with nothing selected, vals() is the sketch's faces (here the one rectangle)
    assert s._selection is None
    assert [f.Area() for f in s.vals()] == pytest.approx([s._faces.Area()])
    assert len(s.select("left").vals()) == 2
    with pytest.raises(KeyError):
        s.select("nope")


def test_fillet_and_chamfer():
    r = 0.5
    assert area(cq.Sketch().rect(4, 2).vertices().fillet(r)) == pytest.approx(8 - 4 * (r * r - math.pi * r * r / 4))
    assert area(cq.Sketch().rect(4, 2).vertices(">X").fillet(r)) == pytest.approx(8 - 2 * (r * r - math.pi * r * r / 4))
    assert area(cq.Sketch().rect(4, 2).vertices().chamfer(r)) == pytest.approx(8 - 4 * r * r / 2)


def test_delete_and_offset():
    s = cq.Sketch().push([(-5, 0), (5, 0)]).rect(2, 2).reset().faces("<X").delete()
    assert area(s) == pytest.approx(4)
    assert face_centers(s) == [(5, 0)]
    d = 0.5
    s = cq.Sketch().rect(2, 2).wires().offset(d)
    assert area(s) == pytest.approx(4 + 4 * 2 * d + math.pi * d * d)


# ---------------------------------------------------------------- edges

def test_segments_assemble():
    s = cq.Sketch().segment((0, 0), (2, 0)).segment((2, 2)).segment((0, 2)).close().assemble()
    assert area(s) == pytest.approx(4)
    s = cq.Sketch().segment((0, 0), (3, 0)).segment(3, 90).segment(3, 180).close().assemble()
    assert area(s) == pytest.approx(9)
    with pytest.raises(ValueError, match="No free edges"):
        cq.Sketch().segment((1, 1))


def test_arcs():
    s = cq.Sketch().segment((0, 0), (2, 0)).arc((3, 1), (2, 2)).segment((0, 2)).close().assemble()
    assert area(s) == pytest.approx(4 + math.pi / 2)
    assert area(cq.Sketch().arc((0, 0), 1, 0, 360).assemble()) == pytest.approx(math.pi)
    s = cq.Sketch().arc((0, 0), 1, 0, 180).close().assemble()
    assert area(s) == pytest.approx(math.pi / 2)
    s = cq.Sketch().arc((-1, 0), (0, 1), (1, 0)).close().assemble()
    assert area(s) == pytest.approx(math.pi / 2)


def test_bezier_and_spline():
    # region between a quadratic Bezier and its chord: 2/3 of the control triangle (area 2)
    s = cq.Sketch().bezier([(0, 0), (1, 2), (2, 0)]).close().assemble()
    assert area(s) == pytest.approx(4 / 3)
    s = cq.Sketch().spline([(0, 0), (1, 1), (2, 0)]).close().assemble()
    e = s._faces.Edges()
    assert len(e) == 2
    sp = cq.Sketch().spline([(0, 0), (1, 1), (2, 0)], [(1, 0), (1, 0)], False)
    assert sp._edges[0].startPoint().x == pytest.approx(0)
    assert sp._edges[0].endPoint().x == pytest.approx(2)


def test_construction_edges_are_not_assembled():
    s = (cq.Sketch().segment((0, 0), (1, 0)).segment((1, 1)).segment((0, 1)).close()
         .segment((5, 5), (6, 6), forConstruction=True).assemble())
    assert area(s) == pytest.approx(1)


# ---------------------------------------------------------------- copies and the workplane

def test_copy_moved_located_iter():
    s = cq.Sketch().rect(2, 2)
    m = s.moved(cq.Location(cq.Vector(10, 0, 0)))
    assert bbox(m) == pytest.approx((9, -1, 11, 1))
    assert bbox(s) == pytest.approx((-1, -1, 1, 1))
    c = s.copy()
    assert area(c) == pytest.approx(4)
    loc = s.located(cq.Location(cq.Vector(0, 5, 0)))
    faces = list(loc)
    assert len(faces) == 1 and faces[0].Center().y == pytest.approx(5)
    two = cq.Sketch(locs=[cq.Location(cq.Vector(-3, 0, 0)), cq.Location(cq.Vector(3, 0, 0))]).circle(1)
    assert sorted(round(f.Center().x, 9) for f in two) == [-3, 3]
    # current CadQuery: val() without a selection is the faces compound; edges when there are no faces
    assert s.val().Area() == pytest.approx(4)
    e = cq.Sketch().segment((0, 0), (3, 4))
    assert isinstance(e.val(), cq.Edge) and e.val().Length() == pytest.approx(5)
    assert len(list(e)) == 1


def test_workplane_sketch_and_place():
    r = cq.Workplane().sketch().rect(4, 2).circle(0.5, mode="s").finalize().extrude(3)
    assert r.val().Volume() == pytest.approx((8 - math.pi / 4) * 3)
    s = cq.Sketch().circle(1)
    r = cq.Workplane().pushPoints([(0, 0), (5, 0)]).placeSketch(s).extrude(2)
    assert r.val().Volume() == pytest.approx(2 * math.pi * 2)
    r = cq.Workplane().rarray(4, 4, 2, 2).sketch().rect(1, 1).finalize().extrude(1)
    assert r.val().Volume() == pytest.approx(4)
    bb = r.val().BoundingBox()
    assert (bb.xmin, bb.xmax, bb.ymin, bb.ymax) == pytest.approx((-2.5, 2.5, -2.5, 2.5))
    r = (cq.Workplane().box(10, 10, 2).faces(">Z").workplane()
         .sketch().rect(2, 2).vertices().fillet(0.5).finalize().cutBlind(-1))
    assert r.val().Volume() == pytest.approx(200 - (4 - (1 - math.pi / 4)) * 1)


# ---------------------------------------------------------------- hull

def _hull_area(points):
    """Area of the convex hull of 2D points (monotone chain + shoelace), written for the test."""
    pts = sorted(set(points))

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    h = lower[:-1] + upper[:-1]
    return 0.5 * abs(sum(h[i][0] * h[(i + 1) % len(h)][1] - h[(i + 1) % len(h)][0] * h[i][1] for i in range(len(h))))


def _circle_pts(cx, cy, r, n=20000):
    return [(cx + r * math.cos(2 * math.pi * k / n), cy + r * math.sin(2 * math.pi * k / n)) for k in range(n)]


def test_hull():
    # two unit circles 5 apart: a stadium
    s = cq.Sketch().push([(0, 0), (5, 0)]).circle(1).reset().hull()
    assert area(s) == pytest.approx(5 * 2 + math.pi)
    # unequal circles and a segment (CadQuery's documentation example)
    s = cq.Sketch().arc((0, 0), 1.0, 0.0, 360.0).arc((1, 1.5), 0.5, 0.0, 360.0).segment((0.0, 2), (-1, 3.0)).hull()
    ref = _hull_area(_circle_pts(0, 0, 1) + _circle_pts(1, 1.5, 0.5) + [(0.0, 2.0), (-1.0, 3.0)])
    assert area(s) == pytest.approx(ref, rel=1e-6)
    assert s._faces.isValid()
    # a square and a circle
    s = cq.Sketch().rect(2, 2).push([(3, 0)]).circle(0.5).reset().hull(mode="r")
    ref = _hull_area(_circle_pts(3, 0, 0.5) + [(-1, -1), (1, -1), (1, 1), (-1, 1)])
    assert area(s) == pytest.approx(ref, rel=1e-6)
    with pytest.raises(ValueError, match="No objects"):
        cq.Sketch().hull()
