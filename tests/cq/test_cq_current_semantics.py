"""Results where current CadQuery's semantics differ from 2.4 or where the module was wrong
(issue 12, item 8), pinned with hand-derived values."""
import math

import pytest
from pytest import approx

import cadquery as cq


def test_compound_center_uses_its_childrens_dimension():
    # two unit squares in planes x=0 and x=100: the area centroid is halfway, (50, 0, 0)
    f1 = cq.Face.makePlane(1, 1, (0, 0, 0), (1, 0, 0))
    f2 = cq.Face.makePlane(1, 1, (100, 0, 0), (1, 0, 0))
    c = cq.Compound.makeCompound([f1, f2])
    assert c.Center().toTuple() == approx((50, 0, 0), abs=1e-9)
    # edges: a length-weighted centroid (lengths 1 and 3 at x=0 and x=4 -> x = 3)
    e1 = cq.Edge.makeLine(cq.Vector(0, -0.5, 0), cq.Vector(0, 0.5, 0))
    e2 = cq.Edge.makeLine(cq.Vector(4, -1.5, 0), cq.Vector(4, 1.5, 0))
    assert cq.Compound.makeCompound([e1, e2]).Center().toTuple() == approx((3, 0, 0), abs=1e-9)


def test_parameter_mode_is_the_raw_curve_parameter():
    # a unit arc from 90 to 180 degrees: its parameter is the angle in radians
    arc = cq.Edge.makeCircle(1, cq.Vector(0, 0, 0), cq.Vector(0, 0, 1), 90, 180)
    s = math.sqrt(0.5)
    assert arc.positionAt(3 * math.pi / 4, "parameter").toTuple() == approx((-s, s, 0))
    assert arc.positionAt(3 * math.pi / 4, mode="param").toTuple() == approx((-s, s, 0))
    # ccw tangent at angle t is (-sin t, cos t)
    assert arc.tangentAt(math.pi / 2, "parameter").toTuple() == approx((-1, 0, 0))
    assert arc.tangentAt(math.pi, "parameter").toTuple() == approx((0, -1, 0), abs=1e-12)
    # length mode unchanged: half way along the arc is 135 degrees
    assert arc.positionAt(0.5).toTuple() == approx((-s, s, 0))
    # a line's parameter is the distance from its start
    line = cq.Edge.makeLine(cq.Vector(1, 0, 0), cq.Vector(1, 8, 0))
    assert [p.y for p in line.positions([2, 4], mode="parameter")] == approx([2, 4])


def test_shape_selection_of_one_item_is_the_item():
    b = cq.Solid.makeBox(1, 2, 3)
    top = b.faces(">Z")
    assert isinstance(top, cq.Face) and top.Area() == approx(2)
    assert isinstance(b.solids(), cq.Solid)
    assert isinstance(b.faces(), cq.Compound) and len(b.faces().Faces()) == 6


def test_radius_of_a_one_circle_wire():
    w = cq.Wire.assembleEdges([cq.Edge.makeCircle(2.5)])
    assert w.radius() == approx(2.5)
    with pytest.raises(ValueError):
        cq.Wire.makePolygon([cq.Vector(0, 0, 0), cq.Vector(1, 0, 0), cq.Vector(1, 1, 0)]).radius()


def test_matrix_of_inertia_of_a_box():
    # a x b x c box of unit density: Ixx = m (b^2 + c^2) / 12, products of inertia 0
    a, b, c = 1.0, 2.0, 3.0
    m = a * b * c
    moi = cq.Shape.matrixOfInertia(cq.Solid.makeBox(a, b, c))
    assert [moi[0][0], moi[1][1], moi[2][2]] == approx([m * (b * b + c * c) / 12, m * (a * a + c * c) / 12,
                                                         m * (a * a + b * b) / 12])
    assert moi[0][1] == approx(0, abs=1e-9)
    with pytest.raises(NotImplementedError):
        cq.Shape.matrixOfInertia(cq.Vertex.makeVertex(1, 1, 1))
