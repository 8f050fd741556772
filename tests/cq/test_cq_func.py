"""cadquery.func, the free-function API, and the Shape operators / moved() forms it relies on.
Every value is analytic: primitive volumes from their formulas, boolean results of boxes placed by
hand, solids of revolution by Pappus' theorem."""
import math

import pytest
from pytest import approx

import cadquery as cq
from cadquery.func import (box, chamfer, check, circle, clean, compound, cone, cut, cylinder, ellipse,
                           extrude, face, fillet, fuse, intersect, plane, polygon, polyline, rect,
                           revolve, segment, shell, solid, sphere, spline, split, torus, vertex, wire)


def test_same_objects_in_occ_impl_shapes():
    import cadquery.occ_impl.shapes as shapes
    assert shapes.box is box and shapes.Solid is cq.Solid


def test_points_edges_wires():
    assert vertex(1, 2, 3).Center().toTuple() == approx((1, 2, 3))
    assert vertex((4, 5)).Center().toTuple() == approx((4, 5, 0))
    assert segment((0, 0, 0), (3, 4, 0)).Length() == approx(5)
    assert polyline((0, 0), (3, 0), (3, 4)).Length() == approx(7)
    p = polygon((0, 0), (3, 0), (3, 4))
    assert p.IsClosed() and p.Length() == approx(12)
    r = rect(2, 5)
    assert r.IsClosed() and r.Length() == approx(14)
    assert r.BoundingBox().xmin == approx(-1) and r.BoundingBox().ymax == approx(2.5)
    assert circle(2).Length() == approx(4 * math.pi)


def test_faces():
    assert plane(2, 3).Area() == approx(6)
    assert face(ellipse(3, 2)).Area() == approx(6 * math.pi)
    assert face(ellipse(2, 3)).Area() == approx(6 * math.pi)
    # a 4 x 4 square with a centred unit-radius hole
    assert face(rect(4, 4), circle(1)).Area() == approx(16 - math.pi)
    assert face([segment((0, 0), (2, 0)), segment((2, 0), (0, 2)), segment((0, 2), (0, 0))]).Area() == approx(2)


def test_primitives():
    b = box(1, 2, 3)
    assert b.Volume() == approx(6)
    bb = b.BoundingBox()
    assert (bb.xmin, bb.ymin, bb.zmin, bb.zmax) == approx((-0.5, -1, 0, 3))
    assert cylinder(2, 3).Volume() == approx(math.pi * 3)
    assert sphere(2).Volume() == approx(4 / 3 * math.pi)
    assert torus(10, 2).Volume() == approx(2 * math.pi ** 2 * 5 * 1)
    assert cone(2, 3).Volume() == approx(math.pi * 3 / 3)
    # frustum: pi h / 3 (R^2 + R r + r^2) with R = 1, r = 0.5, h = 1
    assert cone(2, 1, 1).Volume() == approx(math.pi / 3 * (1 + 0.5 + 0.25))


def test_spline_forms():
    assert spline((0, 0), (0, 1)).Length() == approx(1)
    s = spline([(0, 0), (0, 1)], [(1, 0), (-1, 0)])
    assert s.tangentAt(0).toTuple() == approx((1, 0, 0))
    assert s.tangentAt(1).toTuple() == approx((-1, 0, 0))
    with pytest.raises(ValueError):
        spline([(0, 0), (0, 1), (1, 1)], params=[0, 1])


def test_booleans_and_operators():
    small = box(1, 1, 1).moved(cq.Location(cq.Vector(-0.5, -0.5, -0.5)))
    big = box(2, 2, 2).moved(z=-1)
    assert (big - small).Volume() == approx(7)
    assert (big * small).Volume() == approx(1)
    assert (big + small).Volume() == approx(8)
    assert isinstance(big + small, cq.Solid)
    assert len((small / plane(3, 3)).Solids()) == 2
    far = box(1, 1, 1).moved(x=5)
    assert fuse(small, far, box(1, 1, 1).moved(x=-5)).Volume() == approx(3)
    assert cut(big, small).Volume() == approx(7)
    assert intersect(big, small).Volume() == approx(1)
    assert len(split(cylinder(2, 10), plane(4, 4).moved(z=1)).Solids()) == 2


def test_moved_forms():
    b = box(1, 1, 1)
    assert b.moved(x=3).Center().toTuple() == approx((3, 0, 0.5))
    assert b.moved((0, 2, 0)).Center().toTuple() == approx((0, 2, 0.5))
    two = b.moved(cq.Location(cq.Vector(5, 0, 0)), cq.Location(cq.Vector(-5, 0, 0)))
    assert isinstance(two, cq.Compound) and two.Volume() == approx(2)
    assert b.moved([(0, 0, 5), (0, 0, 10)]).Center().z == approx(8)
    # rz=90 maps the x-extended bar onto the y axis
    bar = box(4, 1, 1).moved(rz=90).BoundingBox()
    assert (bar.xlen, bar.ylen) == approx((1, 4))


def test_constructors_of_compound_shapes():
    faces = box(1, 1, 1).Faces()
    sh = shell(faces)
    assert sh.ShapeType() == "Shell"
    so = solid(sh)
    assert so.ShapeType() == "Solid" and so.Volume() == approx(1)
    assert solid(faces).Volume() == approx(1)
    c = compound(box(1, 1, 1), box(1, 1, 1).moved(x=3))
    assert c.ShapeType() == "Compound" and len(c.Solids()) == 2
    w = wire(segment((0, 0), (1, 0)), segment((1, 1), (1, 0)), segment((1, 1), (0, 0)))
    assert w.IsClosed() and w.Length() == approx(2 + math.sqrt(2))


def test_extrude_revolve():
    assert extrude(face(rect(1, 2)), (0, 0, 3)).Volume() == approx(6)
    assert extrude(face(rect(1, 2)), (0, 0, 3), both=True).Volume() == approx(12)
    # a unit square at distance 2 from the Y axis: Pappus 2 pi * 2 * 1
    assert revolve(face(rect(1, 1)).moved(x=2), (0, 0, 0), (0, 1, 0)).Volume() == approx(4 * math.pi)
    assert revolve(face(rect(1, 1)).moved(x=2), (0, 0, 0), (0, 1, 0), 90).Volume() == approx(math.pi)
    # a segment extruded is a face of area length * height
    assert extrude(segment((0, 0), (2, 0)), (0, 0, 5)).Area() == approx(10)


def test_fillet_chamfer_clean_check():
    b = box(2, 2, 2)
    edge = b.edges(">Z and >X")
    # fillet radius r along a 2-long edge removes (1 - pi/4) r^2 * 2
    assert fillet(b, edge, 0.5).Volume() == approx(8 - (1 - math.pi / 4) * 0.25 * 2)
    # a symmetric chamfer d removes d^2/2 * 2
    assert chamfer(b, edge, 0.5).Volume() == approx(8 - 0.125 * 2)
    glued = box(1, 1, 1) + box(1, 1, 1).moved(x=1)
    assert len(clean(glued).Faces()) == 6
    assert check(b) is True
