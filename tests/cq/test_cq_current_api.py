"""Current CadQuery's Shape methods, free functions and Sketch operators against values derived
by hand (analytic lengths, areas, volumes, parameters of lines and circles)."""
import math
from io import BytesIO

import pytest

import cadquery as cq
from cadquery.func import (box, chamfer2D, circle, closest, compound, cylinder, edgeOn, enclose,
                           face, fillet2D, hlr, hollow, imprint, isSubshape, loft, offset,
                           offset2D, plane, rect, segment, sweep, text, vertex)


# ---------------------------------------------------------------- curves

def test_line_parameters():
    e = segment((0, 0), (0, 2))          # a line's parameter is its arc length
    assert e.paramAt(0.25) == pytest.approx(0.5)
    assert e.paramAt(cq.Vector(5, 1, 0)) == pytest.approx(1.0)   # foot of the perpendicular
    assert e.params([cq.Vector(1, 0.5, 0), cq.Vector(-1, 1.5, 0)]) == pytest.approx([0.5, 1.5])
    assert e.bounds() == pytest.approx((0, 2))
    assert e.trim(0.5, 1.25).Length() == pytest.approx(0.75)
    assert e.tangents([0, 1])[1].toTuple() == pytest.approx((0, 1, 0))


def test_circle_curvature_and_sampling():
    c = circle(2)                         # radius 2
    assert c.curvatureAt(0.3) == pytest.approx(0.5)
    assert c.curvatures([0.1, 0.9]) == pytest.approx([0.5, 0.5])
    pts, params = c.sample(4)             # closed: 4 points, 90 degrees apart
    assert len(pts) == 4
    assert [p.Length for p in pts] == pytest.approx([2] * 4)
    assert [b - a for a, b in zip(params, params[1:])] == pytest.approx([math.pi / 2] * 3)
    loc = c.locationAt(0.25)              # a quarter of the way round: (0, 2, 0)
    assert loc.toTuple()[0] == pytest.approx((0, 2, 0))


def test_reversed_edge_ends():
    e = segment((0, 0), (3, 0)).reverse()
    assert e.startPoint().toTuple() == pytest.approx((3, 0, 0))
    assert e.endPoint().toTuple() == pytest.approx((0, 0, 0))


# ---------------------------------------------------------------- faces

def test_plane_face_parameters():
    f = plane(2, 4)                       # (u, v) are (x, y) on the XY plane
    assert f.uvBounds() == pytest.approx((-1, 1, -2, 2))
    assert f.paramAt((0.3, 0.7)) == pytest.approx((0.3, 0.7))
    assert f.positionAt(0.5, -1).toTuple() == pytest.approx((0.5, -1, 0))
    n, p = f.normalAt(0.25, 0.5)
    assert n.toTuple() == pytest.approx((0, 0, 1)) and p.toTuple() == pytest.approx((0.25, 0.5, 0))
    us, vs = f.params([(0.1, 0.2), (-0.5, 1.5)])
    assert us == pytest.approx([0.1, -0.5]) and vs == pytest.approx([0.2, 1.5])
    assert f.trim(0, 1, -2, 2).Area() == pytest.approx(4)
    assert f.trim((0, 0), (1, 0), (1, 1)).Area() == pytest.approx(0.5)


def test_cylinder_isolines_and_holes():
    side = cylinder(2, 3).faces("%CYLINDER")   # radius 1, height 3
    assert side.isolines([0.0])[0].Length() == pytest.approx(2 * math.pi)
    assert side.isoline(0.0, "u").Length() == pytest.approx(3)
    f = plane(4, 4).addHole(circle(1))
    assert f.Area() == pytest.approx(16 - math.pi)


# ---------------------------------------------------------------- solids and editing

def test_shells_cavities_and_removal():
    s = box(2, 2, 2) - box(1, 1, 1).moved(z=0.5)
    assert s.outerShell().Area() == pytest.approx(24)
    assert [sh.Area() for sh in s.innerShells()] == pytest.approx([6])
    assert s.Volume() == pytest.approx(7)
    full = s.remove(*s.innerShells())
    assert full.Volume() == pytest.approx(8)
    hollowed = box(2, 2, 2).addCavity(box(1, 1, 1).moved(z=0.5))
    assert hollowed.Volume() == pytest.approx(7)
    assert box(1, 1, 1).reverse().Volume() == pytest.approx(-1)


def test_compound_indexing_and_set_operators():
    c = compound(box(1, 1, 1), box(2, 2, 2), box(3, 3, 3))
    assert c[1].Volume() == pytest.approx(8)
    assert c[:2].size() == 2
    assert c.filter(lambda s: s.Volume() > 5).size() == 2
    assert c.sort(lambda s: -s.Volume())[0].Volume() == pytest.approx(27)
    b = box(1, 1, 1)
    assert (b.faces(">Z") | b.faces("<Z")).size() == 2
    assert (b.faces(">Z") & b.faces("<Z")).size() == 0
    assert (b.faces("not |Z") % b.faces("<X")).size() == 3   # 4 sides less one


def test_binary_brep_round_trip():
    bio = BytesIO()
    box(1, 2, 3).exportBin(bio)
    bio.seek(0)
    assert cq.Shape.importBin(bio).Volume() == pytest.approx(6)
    with pytest.raises(Exception):
        cq.Shape.importBin(BytesIO())


def test_moved_forms():
    b = box(1, 1, 1)
    assert b.moved(x=2).Center().x == pytest.approx(2)   # func.box is centred in x and y
    assert b.moved(0, 0, 3).Center().z == pytest.approx(3.5)
    assert len(vertex(0, 0, 0).moved(b.faces()).Vertices()) == 6
    v = vertex(0, 0, 0)
    v.move(1, 2, 3)
    assert v.toTuple() == pytest.approx((1, 2, 3))


# ---------------------------------------------------------------- free functions

def test_offsets():
    assert offset(plane(1, 1), 1).Volume() == pytest.approx(1)
    assert offset(plane(1, 1), 0.5, both=True).Volume() == pytest.approx(1)
    assert offset2D(circle(1), 0.1).Length() == pytest.approx(2 * math.pi * 1.1)


def test_2d_corners():
    f = plane(1, 1)
    r = 0.1
    filleted = fillet2D(f, f.vertices(), r)
    assert filleted.Area() == pytest.approx(1 - 4 * (r * r - math.pi * r * r / 4))
    chamfered = chamfer2D(f, f.vertices(), r)
    assert chamfered.Area() == pytest.approx(1 - 4 * r * r / 2)


def test_sweep_loft_hollow():
    assert sweep(rect(1, 1), segment((0, 0, 0), (0, 0, 2)), cap=True).Volume() == pytest.approx(2)
    assert sweep(face(rect(2, 2), circle(0.5)), segment((0, 0, 0), (0, 0, 1))).Volume() == \
        pytest.approx(4 - math.pi * 0.25)
    assert loft(rect(1, 1), rect(1, 1).moved(z=1), cap=True).Volume() == pytest.approx(1)
    assert loft(plane(1, 1), vertex(0, 0, 1)).Volume() == pytest.approx(1 / 3)   # pyramid
    assert hollow(box(2, 2, 2), -0.1).Volume() == pytest.approx(8 - 1.8 ** 3)


def test_queries_and_volumes():
    p, q = closest(plane(1, 1), plane(1, 1).moved(x=5, y=0.5))
    assert (p - q).Length == pytest.approx(4)
    b = box(1, 1, 1)
    assert isSubshape(b.faces(">Z"), b)
    assert not isSubshape(box(1, 1, 1).faces(">Z"), b)
    side = cylinder(2, 10).face("%CYLINDER")
    assert enclose(side, plane(3, 3), plane(3, 3).moved(z=2)).Volume() == pytest.approx(2 * math.pi)
    assert len(imprint(b, b.moved(x=1)).Faces()) == 11   # the shared face counted once


def test_hlr_top_view():
    res = hlr(box(1, 1, 1), (0, 0, 1), up=(0, 1, 0))
    assert len(res.visible.Edges()) == 4        # the top square; vertical edges project to points
    assert res.plane.zDir.toTuple() == pytest.approx((0, 0, 1))
    assert res.plane.xDir.toTuple() == pytest.approx((1, 0, 0))   # up x dir


def test_edge_on_plane_and_fonts():
    e = edgeOn(plane(4, 4), [(0, 0), (1, 0)])
    assert e.Length() == pytest.approx(1)
    with pytest.raises(ValueError):
        text("CQ", 10, font="NoSuchFontAnywhere123")


# ---------------------------------------------------------------- sketches

def test_sketch_values_and_operators():
    s = cq.Sketch().rect(1, 1).push([(5, 0)]).rect(1, 4).reset()
    assert s._selection is None
    assert sorted(f.Area() for f in s.vals()) == pytest.approx([1, 4])
    assert len(s.filter(lambda f: f.Area() > 2).vals()) == 1
    assert len(s.reset().filter(lambda f: f.Area() > 10).vals()) == 0
    assert (cq.Sketch().rect(0.5, 2) + cq.Sketch().rect(1, 1)).val().Area() == pytest.approx(1.5)
    assert (cq.Sketch().rect(0.5, 2) - cq.Sketch().rect(1, 1)).val().Area() == pytest.approx(0.5)
    assert (cq.Sketch().rect(0.5, 2) * cq.Sketch().rect(1, 1)).val().Area() == pytest.approx(0.5)
    t = cq.Sketch().rarray(2, 1, 5, 1).rect(1, 1).reset()
    assert len(t[[0, 1]].vals()) == 2
    with pytest.raises(ValueError):
        cq.Sketch().rect(1, 1).delete()


# ---------------------------------------------------------------- workplane additions

def test_workplane_and_sketch_pickle():
    import pickle
    w = cq.Workplane().box(1, 2, 3).faces(">Z").workplane().rect(0.5, 0.5)
    w2 = pickle.loads(pickle.dumps(w))
    assert w2.extrude(1).val().Volume() == pytest.approx(6 + 0.25)   # pending wire survives
    s = pickle.loads(pickle.dumps(cq.Sketch().rect(1, 2).vertices()))
    assert s._faces.Area() == pytest.approx(2) and len(s._selection) == 4


def test_bezier_and_faces_on_stack():
    # quadratic Bezier (0,0)-(1,2)-(2,0) closed by a line: area 2/3 * base 2 * height 1 = 4/3
    r = cq.Workplane().bezier([(0, 0), (1, 2), (2, 0)]).close().extrude(1)
    assert r.val().Volume() == pytest.approx(4 / 3)
    assert cq.Workplane().add(face(rect(2, 3))).extrude(1).val().Volume() == pytest.approx(6)
    assert cq.Workplane().add(compound(face(rect(2, 3)))).extrude(1).val().Volume() == pytest.approx(6)
    pyramid = cq.Workplane().add(plane(1, 1)).add(vertex(0, 0, 3)).loft()
    assert pyramid.val().Volume() == pytest.approx(1)


def test_wire_fillet_and_selectors():
    w = cq.Wire.makePolygon([(0, 0, 0), (4, 0, 0), (4, 4, 0)])
    f = w.fillet(1.0)
    # the corner loses 2 * r of straight length and gains a quarter circle
    assert f.Length() == pytest.approx(8 - 2 + math.pi / 2)
    assert len(f.Edges()) == 3
    b1, b2, b3 = box(1, 1, 1), box(1, 1, 1).moved(x=5), box(1, 1, 1).moved(x=-15)
    near = (b2 + b3).solids(cq.selectors.NearestToShape(b1))
    assert near.Center().x == pytest.approx(5)
    verts, tris = cq.Face.makePlane(1, 1).tessellate(1e-3)
    assert len(verts) == 4 and len(tris) == 2
