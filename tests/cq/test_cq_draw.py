"""Workplane 2D drawing: closed profiles checked against analytic areas (face area or the volume
of a unit extrusion), arc bulge sides, end points and the shared chain context."""
import math

import numpy as np
import pytest

import cadquery as cq

REL = 1e-6


def area_of(wp):
    """Area of the face(s) made from the chain's pending wires (a unit extrusion's volume)."""
    return wp.extrude(1).val().Volume()


def face_area(wire, inner=()):
    return cq.Face.makeFromWires(wire, list(inner)).Area()


def xyz(v):
    return np.array([v.x, v.y, v.z], float)


# ---------------------------------------------------------------- per-point shapes

def test_rect_area_and_corners():
    assert area_of(cq.Workplane().rect(2, 3)) == pytest.approx(6, rel=REL)
    w = cq.Workplane().rect(2, 3, centered=False).val()
    bb = w.BoundingBox()
    assert (bb.xmin, bb.ymin, bb.xmax, bb.ymax) == pytest.approx((0, 0, 2, 3), abs=1e-7)
    w = cq.Workplane().rect(2, 3, centered=(False, True)).val()
    bb = w.BoundingBox()
    assert (bb.xmin, bb.ymin, bb.xmax, bb.ymax) == pytest.approx((0, -1.5, 2, 1.5), abs=1e-7)
    # counter-clockwise from (-x/2, -y/2)
    assert xyz(w.startPoint()) == pytest.approx((0, -1.5, 0), abs=1e-9)


def test_circle_area():
    w = cq.Workplane().circle(1.5).val()
    assert face_area(w) == pytest.approx(math.pi * 2.25, rel=REL)


def test_rect_with_circle_is_plate_with_hole():
    r = cq.Workplane().rect(4, 4).circle(1).extrude(2)
    assert r.val().Volume() == pytest.approx((16 - math.pi) * 2, rel=REL)
    assert r.faces().size() == 7


def test_rarray_circles_give_separate_cylinders():
    r = cq.Workplane().rarray(3, 3, 2, 2).circle(1).extrude(1)
    assert r.val().Volume() == pytest.approx(4 * math.pi, rel=REL)
    assert r.solids().size() == 4


def test_construction_rect_vertices_and_circles():
    wp = cq.Workplane().rect(4, 4, forConstruction=True)
    assert len(wp.ctx.pendingWires) == 0
    verts = wp.vertices()
    pts = sorted(tuple(np.round(xyz(v.Center()), 9)) for v in verts.vals())
    assert pts == sorted([(-2.0, -2.0, 0.0), (-2.0, 2.0, 0.0), (2.0, -2.0, 0.0), (2.0, 2.0, 0.0)])
    r = verts.circle(0.5).extrude(1)
    assert r.solids().size() == 4
    assert sum(s.Volume() for s in r.solids().vals()) == pytest.approx(math.pi, rel=REL)


@pytest.mark.parametrize("n", [3, 5, 6, 8])
def test_polygon_areas(n):
    d = 4.0
    R = d / 2
    inscribed = 0.5 * n * R * R * math.sin(2 * math.pi / n)
    assert face_area(cq.Workplane().polygon(n, d).val()) == pytest.approx(inscribed, rel=REL)
    apothem = d / 2
    circumscribed = n * apothem * apothem * math.tan(math.pi / n)
    w = cq.Workplane().polygon(n, d, circumscribed=True).val()
    assert face_area(w) == pytest.approx(circumscribed, rel=REL)
    # first vertex on local +X (inscribed)
    assert xyz(cq.Workplane().polygon(n, d).val().startPoint()) == pytest.approx((R, 0, 0), abs=1e-9)


def test_slot2d_area_and_orientation():
    w = cq.Workplane().slot2D(10, 2).val()
    assert face_area(w) == pytest.approx(8 * 2 + math.pi, rel=REL)
    bb = w.BoundingBox()
    assert (bb.xlen, bb.ylen) == pytest.approx((10, 2), abs=1e-6)
    w = cq.Workplane().slot2D(10, 2, angle=90).val()
    bb = w.BoundingBox()
    assert (bb.xlen, bb.ylen) == pytest.approx((2, 10), abs=1e-6)


def test_ellipse_area_and_rotation():
    assert face_area(cq.Workplane().ellipse(3, 2).val()) == pytest.approx(6 * math.pi, rel=REL)
    # y radius larger than x radius (CadQuery swaps and turns the ellipse)
    w = cq.Workplane().ellipse(2, 3).val()
    assert face_area(w) == pytest.approx(6 * math.pi, rel=REL)
    bb = w.BoundingBox()
    assert (bb.xlen, bb.ylen) == pytest.approx((4, 6), abs=1e-6)
    bb = cq.Workplane().ellipse(3, 2, rotation_angle=90).val().BoundingBox()
    assert (bb.xlen, bb.ylen) == pytest.approx((4, 6), abs=1e-6)


def test_shapes_on_other_planes():
    r = cq.Workplane("XZ").rect(2, 4).extrude(1)
    bb = r.val().BoundingBox()
    # XZ: local x -> X, local y -> Z, normal -Y
    assert (bb.xmin, bb.xmax, bb.zmin, bb.zmax) == pytest.approx((-1, 1, -2, 2), abs=1e-6)
    assert (bb.ymin, bb.ymax) == pytest.approx((-1, 0), abs=1e-6)


# ---------------------------------------------------------------- lines and close

def test_polyline_close_triangle():
    wp = cq.Workplane().polyline([(0, 0), (4, 0), (0, 3)]).close()
    assert area_of(wp) == pytest.approx(6, rel=REL)


def test_polyline_is_open_and_starts_at_first_point():
    wp = cq.Workplane().moveTo(10, 10).polyline([(1, 1), (2, 1), (2, 2)])
    assert wp.size() == 2
    assert xyz(wp.vals()[0].startPoint()) == pytest.approx((1, 1, 0))
    assert len(wp.ctx.pendingEdges) == 2
    inc = cq.Workplane().moveTo(5, 0).polyline([(6, 0), (6, 1)], includeCurrent=True)
    assert xyz(inc.vals()[0].startPoint()) == pytest.approx((5, 0, 0))


def test_line_family_square():
    wp = cq.Workplane().hLine(2).vLine(2).hLineTo(0).vLineTo(0).close()
    assert area_of(wp) == pytest.approx(4, rel=REL)
    wp = cq.Workplane().line(3, 0).lineTo(3, 1).line(-3, 0).close()
    assert area_of(wp) == pytest.approx(3, rel=REL)


def test_polar_lines():
    e = cq.Workplane().polarLine(2, 90).val()
    assert xyz(e.endPoint()) == pytest.approx((0, 2, 0), abs=1e-12)
    e = cq.Workplane().moveTo(1, 1).polarLine(2, 0).val()
    assert xyz(e.endPoint()) == pytest.approx((3, 1, 0), abs=1e-12)
    e = cq.Workplane().moveTo(1, 1).polarLineTo(2, 180).val()
    assert xyz(e.endPoint()) == pytest.approx((-2, 0, 0), abs=1e-12)


def test_close_on_its_own_line_and_move_to_start():
    base = cq.Workplane().moveTo(1, 1).lineTo(3, 1).lineTo(3, 3)
    base.close()                       # result discarded: the shared context keeps the wire
    assert base.extrude(1).val().Volume() == pytest.approx(2, rel=REL)


def test_close_errors():
    with pytest.raises(ValueError, match="No start point specified - cannot close"):
        cq.Workplane().moveTo(1, 1).close()
    # current CadQuery: ValueError (2.4 raised RuntimeError) when the last stack item is a wire
    with pytest.raises(ValueError, match="Cannot convert object type"):
        cq.Workplane().rect(1, 1).lineTo(2, 2)
    # a selected vertex is a start point: a line from the rectangle's (1, 1) corner... (0.5, 0.5)
    e = cq.Workplane().rect(1, 1).vertices(">(1,1,0)").line(1, 0).val()
    assert xyz(e.startPoint()) == pytest.approx((0.5, 0.5, 0))
    assert xyz(e.endPoint()) == pytest.approx((1.5, 0.5, 0))


def test_drawing_on_yz_plane_world_coordinates():
    wp = cq.Workplane("YZ", origin=(5, 0, 0)).lineTo(1, 2)
    e = wp.val()
    assert xyz(e.startPoint()) == pytest.approx((5, 0, 0))
    assert xyz(e.endPoint()) == pytest.approx((5, 1, 2))
    # firstPoint is stored in local coordinates
    assert xyz(wp.ctx.firstPoint) == pytest.approx((0, 0, 0))


# ---------------------------------------------------------------- arcs

def test_three_point_arc_half_disk():
    wp = cq.Workplane().lineTo(2, 0).threePointArc((1, 1), (0, 0)).close()
    assert area_of(wp) == pytest.approx(math.pi / 2, rel=REL)


@pytest.mark.parametrize("sag,mid_y", [(1.0, -1.0), (-1.0, 1.0)])
def test_sagitta_arc_bulge_side(sag, mid_y):
    # from (2,0) towards (0,0): positive sag bulges to the LEFT of the travel direction (-Y here)
    wp = cq.Workplane().lineTo(2, 0).sagittaArc((0, 0), sag)
    arc = wp.val()
    assert xyz(arc.positionAt(0.5)) == pytest.approx((1, mid_y, 0), abs=1e-9)
    assert area_of(wp.close()) == pytest.approx(math.pi / 2, rel=REL)


def test_radius_arc_minor_arc_and_sides():
    r = 2.0
    wp = cq.Workplane().lineTo(2, 0).radiusArc((0, 0), r)
    sag = r - math.sqrt(r * r - 1)
    assert xyz(wp.val().positionAt(0.5)) == pytest.approx((1, -sag, 0), abs=1e-9)
    theta = 2 * math.asin(1 / r)
    segment = r * r / 2 * (theta - math.sin(theta))
    assert area_of(wp.close()) == pytest.approx(segment, rel=REL)
    wn = cq.Workplane().lineTo(2, 0).radiusArc((0, 0), -r)
    assert xyz(wn.val().positionAt(0.5)) == pytest.approx((1, sag, 0), abs=1e-9)
    with pytest.raises(ValueError, match="Arc radius is not large enough to reach the end point."):
        cq.Workplane().lineTo(2, 0).radiusArc((0, 0), 0.5)


def test_tangent_arc_point():
    wp = cq.Workplane().lineTo(2, 0).tangentArcPoint((0, 2))
    arc = wp.val()
    assert xyz(arc.endPoint()) == pytest.approx((2, 2, 0), abs=1e-9)
    assert xyz(arc.positionAt(0.5)) == pytest.approx((3, 1, 0), abs=1e-9)
    assert area_of(wp.close()) == pytest.approx(2 + math.pi / 2, rel=REL)
    absolute = cq.Workplane().lineTo(2, 0).tangentArcPoint((2, 2), relative=False).val()
    assert xyz(absolute.endPoint()) == pytest.approx((2, 2, 0), abs=1e-9)
    with pytest.raises(RuntimeError, match="Previous Edge requested"):
        cq.Workplane().tangentArcPoint((1, 1))


def test_ellipse_arc_sense():
    up = cq.Workplane().ellipseArc(2, 1, angle1=0, angle2=180, startAtCurrent=False)
    assert xyz(up.val().startPoint()) == pytest.approx((2, 0, 0), abs=1e-9)
    assert xyz(up.val().endPoint()) == pytest.approx((-2, 0, 0), abs=1e-9)
    bb = up.val().BoundingBox()
    assert bb.ymax == pytest.approx(1, abs=1e-6)
    assert area_of(up.close()) == pytest.approx(math.pi, rel=REL)
    # sense=-1 (GC_MakeArcOfEllipse Sense=False -> Geom_TrimmedCurve reversed): the same arc,
    # traversed from angle2 back to angle1
    down = cq.Workplane().ellipseArc(2, 1, angle1=0, angle2=180, sense=-1, startAtCurrent=False).val()
    assert xyz(down.startPoint()) == pytest.approx((-2, 0, 0), abs=1e-9)
    assert xyz(down.endPoint()) == pytest.approx((2, 0, 0), abs=1e-9)
    assert down.BoundingBox().ymax == pytest.approx(1, abs=1e-6)
    # startAtCurrent moves the arc's start onto the current point
    moved = cq.Workplane().moveTo(5, 5).ellipseArc(2, 1, angle1=0, angle2=90)
    assert xyz(moved.val().startPoint()) == pytest.approx((5, 5, 0), abs=1e-9)
    assert xyz(moved.val().endPoint()) == pytest.approx((3, 6, 0), abs=1e-9)


def test_spline_through_collinear_points_with_current():
    wp = cq.Workplane().lineTo(2, 0).lineTo(2, 2).spline([(1, 1), (0, 0)], includeCurrent=True)
    sp = wp.val()
    assert xyz(sp.startPoint()) == pytest.approx((2, 2, 0), abs=1e-9)
    assert xyz(sp.endPoint()) == pytest.approx((0, 0, 0), abs=1e-9)
    assert area_of(wp.close()) == pytest.approx(2, rel=REL)


def test_spline_checks():
    with pytest.raises(ValueError, match="one parameter for each interpolation point"):
        cq.Workplane().spline([(0, 0), (1, 1), (2, 0)], parameters=[0, 1])
    with pytest.raises(ValueError, match="one tangent for each interpolation point"):
        cq.Workplane().spline([(0, 0), (1, 1), (2, 0)], tangents=[(1, 0), (1, 0), (1, 0), (1, 0)])
    w = cq.Workplane().spline([(0, 0), (1, 1), (2, 0)], tangents=[(1, 0), (1, 0)], makeWire=True)
    assert isinstance(w.val(), cq.Wire)
    assert len(w.ctx.pendingWires) == 1


# ---------------------------------------------------------------- wires, mirrors, offsets

def test_mirror_y_of_half_profile():
    half = cq.Workplane().lineTo(2, 0).lineTo(2, 1).lineTo(0, 1)
    full = half.mirrorY()
    assert len(full.ctx.pendingWires) == 1
    w = full.val()
    assert w.IsClosed()
    bb = w.BoundingBox()
    assert (bb.xmin, bb.xmax, bb.ymin, bb.ymax) == pytest.approx((-2, 2, 0, 1), abs=1e-7)
    assert full.extrude(1).val().Volume() == pytest.approx(4, rel=REL)


def test_mirror_x_of_half_profile_on_plane():
    half = cq.Workplane("XZ").moveTo(-2, 0).lineTo(-2, 1).lineTo(2, 1).lineTo(2, 0)
    full = half.mirrorX()
    bb = full.val().BoundingBox()
    # XZ plane: local y is world Z
    assert (bb.xmin, bb.xmax, bb.zmin, bb.zmax) == pytest.approx((-2, 2, -1, 1), abs=1e-7)
    assert full.extrude(1).val().Volume() == pytest.approx(8, rel=REL)


def test_wire_and_consolidate():
    wp = cq.Workplane().lineTo(1, 0).lineTo(1, 1)
    w = wp.wire()
    assert isinstance(w.val(), cq.Wire)
    assert len(wp.ctx.pendingEdges) == 0 and len(wp.ctx.pendingWires) == 1
    assert cq.Workplane().wire().size() == 0     # nothing pending: returns self
    c = cq.Workplane().lineTo(1, 0).lineTo(1, 1).consolidateWires()
    assert c.size() == 1 and len(c.ctx.pendingEdges) == 0


@pytest.mark.parametrize("kind,area", [("arc", 12 + math.pi), ("intersection", 16.0)])
def test_offset2d_areas(kind, area):
    wp = cq.Workplane().rect(2, 2).offset2D(1, kind)
    assert len(wp.ctx.pendingWires) == 1
    assert area_of(wp) == pytest.approx(area, rel=REL)


def test_offset2d_inward_and_construction():
    assert area_of(cq.Workplane().rect(4, 4).offset2D(-1)) == pytest.approx(4, rel=REL)
    wp = cq.Workplane().rect(4, 4).offset2D(1, forConstruction=True)
    assert len(wp.ctx.pendingWires) == 0


def test_pending_context_is_shared_by_the_chain():
    a = cq.Workplane()
    b = a.rect(1, 1)
    c = b.circle(0.25)
    assert a.ctx is c.ctx
    assert len(a.ctx.pendingWires) == 2


def test_parametric_curve_and_spline_approx_parabola():
    # region under y = x^2 on [0, 2]: area 8/3
    wp = cq.Workplane().parametricCurve(lambda t: (2 * t, 4 * t * t), makeWire=False).lineTo(2, 0).close()
    assert area_of(wp) == pytest.approx(8 / 3, rel=1e-5)
    pts = [(x / 10, (x / 10) ** 2) for x in range(21)]
    wp = cq.Workplane().splineApprox(pts).lineTo(2, 0).close()
    assert area_of(wp) == pytest.approx(8 / 3, rel=1e-4)
    e = cq.Workplane("XZ").splineApprox(pts, smoothing=None, maxDeg=3).val()
    assert xyz(e.endPoint()) == pytest.approx((2, 0, 4), abs=1e-6)
    w = cq.Workplane().parametricCurve(lambda t: (math.cos(t), math.sin(t)), start=0, stop=math.pi)
    assert isinstance(w.val(), cq.Wire) and len(w.ctx.pendingWires) == 1
