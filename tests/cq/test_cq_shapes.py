"""cadquery Shape classes: constructors, properties, topology, identity, transforms, booleans.

Expected values are analytic (volumes and areas of boxes, cylinders, spheres, cones, tori and
wedges; lengths of lines and circles) or hand-derived positions, never read back from the module.
"""
import math

import pytest

import cadquery as cq
from cadquery import Compound, Edge, Face, Shape, Solid, Vector, Vertex, Wire

REL = 1e-6


def tup(v):
    return (v.x, v.y, v.z)


def approx3(expected, abs_tol=1e-7):
    return pytest.approx(expected, abs=abs_tol)


def bbox6(s):
    bb = s.BoundingBox()
    return (bb.xmin, bb.ymin, bb.zmin, bb.xmax, bb.ymax, bb.zmax)


# ---------------------------------------------------------------- primitives

def test_box_properties():
    b = Solid.makeBox(2, 3, 4)
    assert isinstance(b, Solid) and isinstance(b, Shape)
    assert b.Volume() == pytest.approx(24, rel=REL)
    assert b.Area() == pytest.approx(2 * (6 + 8 + 12), rel=REL)
    assert tup(b.Center()) == approx3((1, 1.5, 2))
    assert (len(b.Faces()), len(b.Edges()), len(b.Vertices()), len(b.Wires())) == (6, 12, 8, 6)
    assert len(b.Solids()) == 1 and len(b.Shells()) == 1
    assert b.isValid() and b.ShapeType() == "Solid" and b.geomType() == "Solid"
    assert bbox6(b) == approx3((0, 0, 0, 2, 3, 4), 1e-6)
    assert tup(b.CenterOfBoundBox()) == approx3((1, 1.5, 2), 1e-6)
    assert {f.geomType() for f in b.Faces()} == {"PLANE"}
    assert {e.geomType() for e in b.Edges()} == {"LINE"}


def test_box_with_point_and_direction():
    b = Solid.makeBox(1, 2, 3, pnt=(5, 0, 0), dir=(1, 0, 0))
    # gp_Ax2((5,0,0), +X): default X direction is +Z, Y = N x X = -Y ... box spans x 5..8
    assert b.Volume() == pytest.approx(6, rel=REL)
    xmin, ymin, zmin, xmax, ymax, zmax = bbox6(b)
    assert (xmin, xmax) == approx3((5, 8), 1e-6)
    assert sorted([ymax - ymin, zmax - zmin]) == approx3([1, 2], 1e-6)


@pytest.mark.parametrize("r,h", [(1.0, 2.0), (2.5, 0.5)])
def test_cylinder(r, h):
    c = Solid.makeCylinder(r, h)
    assert c.Volume() == pytest.approx(math.pi * r * r * h, rel=REL)
    assert c.Area() == pytest.approx(2 * math.pi * r * (r + h), rel=REL)
    assert tup(c.Center()) == approx3((0, 0, h / 2))
    assert sorted(f.geomType() for f in c.Faces()) == ["CYLINDER", "PLANE", "PLANE"]
    half = Solid.makeCylinder(r, h, angleDegrees=180)
    assert half.Volume() == pytest.approx(math.pi * r * r * h / 2, rel=REL)


def test_sphere_cone_torus_wedge():
    assert Solid.makeSphere(2, angleDegrees1=-90).Volume() == pytest.approx(4 / 3 * math.pi * 8, rel=REL)
    r1, r2, h = 2.0, 1.0, 3.0
    assert Solid.makeCone(r1, r2, h).Volume() == pytest.approx(math.pi * h / 3 * (r1 * r1 + r1 * r2 + r2 * r2), rel=REL)
    R, r = 3.0, 0.5
    assert Solid.makeTorus(R, r).Volume() == pytest.approx(2 * math.pi ** 2 * R * r * r, rel=1e-5)
    dx, dy, dz, xmin, zmin, xmax, zmax = 4.0, 2.0, 3.0, 1.0, 0.5, 3.0, 2.5
    a0, a1 = dx, xmax - xmin
    b0, b1 = dz, zmax - zmin
    vol = dy * (a0 * b0 + (a0 * (b1 - b0) + b0 * (a1 - a0)) / 2 + (a1 - a0) * (b1 - b0) / 3)
    assert Solid.makeWedge(dx, dy, dz, xmin, zmin, xmax, zmax).Volume() == pytest.approx(vol, rel=REL)


def test_kernel_failure_is_an_occt_exception():
    with pytest.raises(cq.OCCTError):
        Solid.makeBox(0, 1, 1)


# ---------------------------------------------------------------- edges, wires, faces

def test_edges():
    ln = Edge.makeLine((0, 0, 0), (3, 4, 0))
    assert isinstance(ln, Edge) and isinstance(ln, cq.Mixin1D)
    assert ln.Length() == pytest.approx(5) and ln.Volume() == pytest.approx(5)
    assert tup(ln.startPoint()) == approx3((0, 0, 0)) and tup(ln.endPoint()) == approx3((3, 4, 0))
    assert tup(ln.positionAt(0.5)) == approx3((1.5, 2, 0))
    assert tup(ln.tangentAt()) == approx3((0.6, 0.8, 0))
    assert ln.geomType() == "LINE" and not ln.IsClosed()
    c = Edge.makeCircle(2, pnt=(1, 1, 0))
    assert c.Length() == pytest.approx(4 * math.pi, rel=REL)
    assert c.radius() == pytest.approx(2) and c.IsClosed() and c.geomType() == "CIRCLE"
    assert tup(c.arcCenter()) == approx3((1, 1, 0))
    with pytest.raises(ValueError):
        ln.radius()
    arc = Edge.makeThreePointArc((1, 0, 0), (0, 1, 0), (-1, 0, 0))
    assert arc.Length() == pytest.approx(math.pi, rel=REL)
    assert tup(arc.positionAt(0.5)) == approx3((0, 1, 0), 1e-6)
    quarter = Edge.makeCircle(1, angle1=0, angle2=90)
    assert quarter.Length() == pytest.approx(math.pi / 2, rel=REL)
    assert tup(quarter.endPoint()) == approx3((0, 1, 0), 1e-9)
    el = Edge.makeEllipse(3, 1)
    assert el.geomType() == "ELLIPSE"
    bb = el.BoundingBox()
    assert (bb.xlen, bb.ylen) == approx3((6, 2), 1e-5)
    sp = Edge.makeSpline([Vector(0, 0, 0), Vector(1, 1, 0), Vector(2, 0, 0)])
    assert tup(sp.startPoint()) == approx3((0, 0, 0)) and tup(sp.endPoint()) == approx3((2, 0, 0))


def test_wires_and_faces():
    sq = Wire.makePolygon([(0, 0, 0), (2, 0, 0), (2, 2, 0), (0, 2, 0)], close=True)
    assert isinstance(sq, Wire) and sq.IsClosed() and sq.Length() == pytest.approx(8)
    assert len(sq.Edges()) == 4
    hole = Wire.makeCircle(0.5, Vector(1, 1, 0), Vector(0, 0, 1))
    f = Face.makeFromWires(sq, [hole])
    assert isinstance(f, Face)
    assert f.Area() == pytest.approx(4 - math.pi * 0.25, rel=REL)
    assert abs(f.normalAt().z) == pytest.approx(1)
    assert len(f.innerWires()) == 1 and f.outerWire().Length() == pytest.approx(8)
    assembled = Wire.assembleEdges([Edge.makeLine((0, 0, 0), (1, 0, 0)), Edge.makeLine((1, 0, 0), (1, 1, 0))])
    assert assembled.Length() == pytest.approx(2) and not assembled.IsClosed()
    pl = Face.makePlane(2, 3)
    assert pl.Area() == pytest.approx(6) and pl.geomType() == "PLANE"
    assert tup(pl.normalAt()) == approx3((0, 0, 1))


def test_box_face_normals_point_outward():
    b = Solid.makeBox(1, 1, 1)
    for f in b.Faces():
        n = f.normalAt()
        c = f.Center()
        # outward: moving from the face centre along the normal leaves the unit cube centre
        assert (c - Vector(0.5, 0.5, 0.5)).dot(n) > 0


def test_vertex():
    v = Vertex.makeVertex(1, 2, 3)
    assert (v.X, v.Y, v.Z) == (1.0, 2.0, 3.0)
    assert v.toTuple() == (1.0, 2.0, 3.0)
    assert tup(v.Center()) == (1.0, 2.0, 3.0)
    assert tup(Vector(v)) == (1.0, 2.0, 3.0)


# ---------------------------------------------------------------- identity and attributes

def test_identity_hash_and_eq():
    b = Solid.makeBox(1, 1, 1)
    f1, f2 = b.Faces(), b.Faces()
    assert f1[0] == f2[0] and f1[0].isSame(f2[0]) and hash(f1[0]) == hash(f2[0])
    assert f1[0] != f1[1]
    assert len(set(f1 + f2)) == 6
    assert b != "box"
    assert b.copy() != b and b.copy().Volume() == pytest.approx(1)


def test_label_and_for_construction_attributes():
    b = Solid.makeBox(1, 1, 1)
    assert b.label == "" and b.forConstruction is False
    b.label = "part"
    b.forConstruction = True
    assert b.label == "part" and b.__dict__["forConstruction"] is True
    assert Wire.makePolygon([(0, 0), (1, 0)], forConstruction=True).forConstruction is True


# ---------------------------------------------------------------- transforms

def test_transforms():
    b = Solid.makeBox(1, 2, 3)
    assert bbox6(b.translate((1, 1, 1))) == approx3((1, 1, 1, 2, 3, 4), 1e-6)
    r = b.rotate((0, 0, 0), (0, 0, 1), 90)   # (x, y) -> (-y, x)
    assert bbox6(r) == approx3((-2, 0, 0, 0, 1, 3), 1e-6)
    m = b.mirror("YZ")
    assert bbox6(m) == approx3((-1, 0, 0, 0, 2, 3), 1e-6)
    m2 = b.mirror((0, 0, 1), (0, 0, 5))
    assert bbox6(m2) == approx3((0, 0, 7, 1, 2, 10), 1e-6)
    s = b.scale(2)
    assert s.Volume() == pytest.approx(48, rel=REL)
    loc = cq.Location((0, 0, 10))
    assert bbox6(b.moved(loc)) == approx3((0, 0, 10, 1, 2, 13), 1e-6)
    assert bbox6(b.located(loc)) == approx3((0, 0, 10, 1, 2, 13), 1e-6)
    assert bbox6(b) == approx3((0, 0, 0, 1, 2, 3), 1e-6)   # copies, b unchanged
    assert b.moved(loc).location().toTuple()[0] == approx3((0, 0, 10))
    b2 = b.copy()
    assert b2.move(loc) is b2 and bbox6(b2)[2] == pytest.approx(10, abs=1e-6)
    mat = cq.Matrix()
    mat.rotateX(math.pi / 2)   # (x, y, z) -> (x, -z, y)
    assert bbox6(b.transformShape(mat)) == approx3((0, -3, 0, 1, 0, 2), 1e-6)
    assert bbox6(cq.Plane.named("XY", (5, 0, 0)).toLocalCoords(b)) == approx3((-5, 0, 0, -4, 2, 3), 1e-6)


# ---------------------------------------------------------------- booleans and compounds

def test_booleans():
    box = Solid.makeBox(2, 2, 2)
    cyl = Solid.makeCylinder(0.5, 2, pnt=(1, 1, 0))
    assert box.cut(cyl).Volume() == pytest.approx(8 - math.pi * 0.25 * 2, rel=REL)
    assert box.intersect(cyl).Volume() == pytest.approx(math.pi * 0.25 * 2, rel=REL)
    other = Solid.makeBox(2, 2, 2, pnt=(1, 0, 0))
    fused = box.fuse(other)
    assert fused.Volume() == pytest.approx(12, rel=REL)
    assert len(fused.clean().Faces()) == 6
    far = Solid.makeBox(1, 1, 1, pnt=(10, 0, 0))
    two = box.fuse(far)
    assert isinstance(two, Compound) and len(two.Solids()) == 2
    assert two.Volume() == pytest.approx(9, rel=REL)
    assert box.cut(cyl, other).Volume() == pytest.approx(4 - math.pi * 0.25, rel=REL)
    assert box.distance(far) == pytest.approx(8)


def test_compound():
    a, b = Solid.makeBox(1, 1, 1), Solid.makeBox(1, 1, 1, pnt=(3, 0, 0))
    c = Compound.makeCompound([a, b])
    assert isinstance(c, Compound) and bool(c)
    kids = list(c)
    assert len(kids) == 2 and all(isinstance(k, Solid) for k in kids)
    assert c.Volume() == pytest.approx(2, rel=REL)
    assert tup(c.Center()) == approx3((2, 0.5, 0.5))
    assert not Compound.makeCompound([])
    assert tup(Shape.CombinedCenter([a, b])) == approx3((2, 0.5, 0.5))
    cube = Solid.makeBox(2, 2, 2)
    rounded = cube.fillet(0.2, cube.Edges()[:1])
    # one rounded edge removes (r^2 - pi r^2 / 4) * length of material
    assert rounded.Volume() == pytest.approx(8 - (0.04 - math.pi * 0.04 / 4) * 2, rel=1e-5)
    assert Solid.makeBox(1, 1, 1).isInside((0.5, 0.5, 0.5)) and not Solid.makeBox(1, 1, 1).isInside((2, 2, 2))


def test_shell_and_loft():
    w1 = Wire.makePolygon([(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0)], close=True)
    w2 = Wire.makePolygon([(0, 0, 1), (1, 0, 1), (1, 1, 1), (0, 1, 1)], close=True)
    assert Solid.makeLoft([w1, w2], True).Volume() == pytest.approx(1, rel=REL)
    b = Solid.makeBox(2, 2, 2)
    top = [f for f in b.Faces() if f.Center().z > 1.9]
    hollow = b.shell(top, -0.1)
    assert hollow.Volume() == pytest.approx(8 - 1.8 * 1.8 * 1.9, rel=1e-5)
    prism = Solid.extrudeLinear(Face.makeFromWires(w1), Vector(0, 0, 3))
    assert prism.Volume() == pytest.approx(3, rel=REL)
