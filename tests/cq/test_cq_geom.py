"""cadquery geometry classes: Vector, Matrix, Location, Plane, BoundBox.

Expected values come from numpy (rotation matrices, cross products) or are derived by hand from
CadQuery 2.4's documented rules (named-plane table, OCCT's gp_Ax3 default X direction rule,
Location(t, axis, angle) = rotation then translation); never read back from the module itself.
"""
import math

import numpy as np
import pytest

import cadquery as cq
from cadquery import Location, Matrix, Plane, Vector


def arr(v):
    return np.array([v.x, v.y, v.z], dtype=float)


def close(v, expected, tol=1e-9):
    got = arr(v) if isinstance(v, Vector) else np.array(v, dtype=float)
    return np.allclose(got, np.array(expected, dtype=float), atol=tol)


def rx(a):
    c, s = math.cos(a), math.sin(a)
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def ry(a):
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def rz(a):
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


# ---------------------------------------------------------------- Vector

def test_vector_constructors_and_repr():
    assert close(Vector(), (0, 0, 0))
    assert close(Vector(1, 2), (1, 2, 0))
    assert close(Vector((1, 2, 3)), (1, 2, 3))
    assert close(Vector([4, 5]), (4, 5, 0))
    assert close(Vector(Vector(7, 8, 9)), (7, 8, 9))
    assert repr(Vector(1, 2, 3)) == "Vector: (1.0, 2.0, 3.0)"
    assert str(Vector(0.5, 0, -1)) == "Vector: (0.5, 0.0, -1.0)"
    with pytest.raises(TypeError):
        Vector("abc")
    with pytest.raises(TypeError):
        Vector(1, 2, 3, 4)


def test_vector_arithmetic_matches_numpy():
    a, b = np.array([1.5, -2.0, 3.0]), np.array([0.25, 4.0, -1.0])
    va, vb = Vector(*a), Vector(*b)
    assert close(va + vb, a + b)
    assert close(va - vb, a - b)
    assert close(va.add(vb), a + b)
    assert close(va.sub(vb), a - b)
    assert close(va * 2.5, a * 2.5)
    assert close(2.5 * va, a * 2.5)
    assert close(va / 4, a / 4)
    assert close(-va, -a)
    assert close(va.multiply(3), a * 3)
    assert close(va.cross(vb), np.cross(a, b))
    assert math.isclose(va.dot(vb), float(a @ b))
    assert math.isclose(va.Length, float(np.linalg.norm(a)))
    assert math.isclose(abs(va), float(np.linalg.norm(a)))
    assert close(va.normalized(), a / np.linalg.norm(a))
    cosang = (a @ b) / np.linalg.norm(a) / np.linalg.norm(b)
    assert math.isclose(va.getAngle(vb), math.acos(cosang), rel_tol=1e-12)
    assert va.toTuple() == (1.5, -2.0, 3.0)
    assert va.Center() is va


def test_vector_components_are_settable():
    v = Vector(1, 2, 3)
    v.x = 10
    v.z = -1
    assert v.toTuple() == (10.0, 2.0, -1.0)


def test_vector_equality_uses_tolerance():
    assert Vector(1, 2, 3) == Vector(1 + 1e-7, 2, 3)
    assert not (Vector(1, 2, 3) == Vector(1.01, 2, 3))
    assert Vector(1, 2, 3) != Vector(1, 2, 3.1)
    assert Vector(0, 0, 0) == Vector(1e-7, 0, 0)


def test_vector_projections():
    v = Vector(3, 4, 5)
    assert close(v.projectToLine(Vector(0, 0, 2)), (0, 0, 5))
    pl = Plane((0, 0, 1), (1, 0, 0), (0, 0, 1))
    assert close(v.projectToPlane(pl), (3, 4, 1))


def test_vector_signed_angle_reference_is_minus_z():
    # AngleWithRef(v, (0,0,-1)): positive when (a x b) points along -Z
    assert math.isclose(Vector(1, 0, 0).getSignedAngle(Vector(0, 1, 0)), -math.pi / 2)
    assert math.isclose(Vector(0, 1, 0).getSignedAngle(Vector(1, 0, 0)), math.pi / 2)


def test_vector_normalized_zero_raises_occt_error():
    with pytest.raises(cq.OCCTError):
        Vector(0, 0, 0).normalized()


# ---------------------------------------------------------------- Matrix

def test_matrix_rotations_and_multiply():
    m = Matrix()
    m.rotateZ(math.pi / 2)
    assert close(m.multiply(Vector(1, 0, 0)), (0, 1, 0))
    m2 = Matrix()
    m2.rotateX(0.3)
    m2.rotateY(-0.7)
    expected = rx(0.3) @ ry(-0.7)
    for r in range(3):
        for c in range(3):
            assert math.isclose(m2[r, c], expected[r, c], abs_tol=1e-12)
    assert m2[3, 3] == 1.0 and m2[3, 0] == 0.0
    inv = m2.inverse()
    prod = m2.multiply(inv)
    for r in range(4):
        for c in range(4):
            assert math.isclose(prod[r, c], 1.0 if r == c else 0.0, abs_tol=1e-12)


def test_matrix_from_lists_and_transposed():
    rows = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
    m = Matrix(rows)
    full = np.array(rows + [[0, 0, 0, 1]], dtype=float)
    assert m.transposed_list() == list(full.T.flatten())
    assert m[1, 3] == 8.0
    with pytest.raises(IndexError):
        m[4, 0]
    with pytest.raises(TypeError):
        Matrix([[1, 2], [3, 4]])
    with pytest.raises(ValueError):
        Matrix(rows + [[0, 0, 1, 1]])


# ---------------------------------------------------------------- Plane

NAMED = {
    "XY": ((1, 0, 0), (0, 0, 1)), "YZ": ((0, 1, 0), (1, 0, 0)), "ZX": ((0, 0, 1), (0, 1, 0)),
    "XZ": ((1, 0, 0), (0, -1, 0)), "YX": ((0, 1, 0), (0, 0, -1)), "ZY": ((0, 0, 1), (-1, 0, 0)),
    "front": ((1, 0, 0), (0, 0, 1)), "back": ((-1, 0, 0), (0, 0, -1)), "left": ((0, 0, 1), (-1, 0, 0)),
    "right": ((0, 0, -1), (1, 0, 0)), "top": ((1, 0, 0), (0, 1, 0)), "bottom": ((1, 0, 0), (0, -1, 0)),
}


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_planes(name):
    x, z = NAMED[name]
    y = np.cross(z, x)
    for pl in (Plane.named(name, (1, 2, 3)), getattr(Plane, name)((1, 2, 3))):
        assert close(pl.origin, (1, 2, 3))
        assert close(pl.xDir, x) and close(pl.zDir, z) and close(pl.yDir, y)


def test_named_plane_unknown_name():
    with pytest.raises(ValueError, match="Supported names are"):
        Plane.named("diagonal")


@pytest.mark.parametrize("normal,xdir", [
    # OCCT gp_Ax3(P, N): the smallest |component| of N is zeroed and the other two swapped/negated
    ((0, 0, 1), (1, 0, 0)),
    ((0, 0, -1), (-1, 0, 0)),
    ((1, 0, 0), (0, 0, 1)),
    ((-1, 0, 0), (0, 0, -1)),
    ((0, 1, 0), (0, 0, 1)),
    ((0, -1, 0), (0, 0, -1)),
    ((1, 1, 1), (1 / math.sqrt(2), 0, -1 / math.sqrt(2))),
    ((0, 3, 4), (0, 4 / 5, -3 / 5)),
    ((3, 0, 4), (4 / 5, 0, -3 / 5)),
    ((4, 3, 0), (-3 / 5, 4 / 5, 0)),
])
def test_plane_default_xdir_follows_gp_ax3(normal, xdir):
    pl = Plane((0, 0, 0), None, normal)
    n = np.array(normal, float) / np.linalg.norm(normal)
    assert close(pl.zDir, n)
    assert close(pl.xDir, xdir)
    assert close(pl.yDir, np.cross(n, xdir))


def test_plane_local_world_round_trip():
    pl = Plane((1, -2, 3), (0, 1, 0), (1, 0, 0))   # x=+Y, z=+X, y = z x x = +Z
    assert close(pl.toWorldCoords((2, 5)), (1, 0, 8))
    assert close(pl.toWorldCoords((2, 5, 1)), (2, 0, 8))
    assert close(pl.toLocalCoords(Vector(2, 0, 8)), (2, 5, 1))
    with pytest.raises(ValueError):
        pl.toLocalCoords(42)


def test_plane_errors():
    with pytest.raises(ValueError, match="normal should be non null"):
        Plane((0, 0, 0), (1, 0, 0), (0, 0, 0))
    with pytest.raises(ValueError, match="xDir should be non null"):
        Plane((0, 0, 0), (0, 0, 0), (0, 0, 1))
    with pytest.raises(cq.OCCTError):
        Plane((0, 0, 0), (0, 0, 2), (0, 0, 1))


def test_plane_rotated_and_origin():
    pl = Plane.XY().rotated((0, 0, 90))
    assert close(pl.xDir, (0, 1, 0)) and close(pl.zDir, (0, 0, 1))
    # T = Rx(rx).Ry(ry).Rz(rz) about the plane's own axes (here the global ones)
    a, b, c = 20.0, -35.0, 50.0
    t = rx(math.radians(a)) @ ry(math.radians(b)) @ rz(math.radians(c))
    pl2 = Plane.XY().rotated((a, b, c))
    assert close(pl2.xDir, t @ [1, 0, 0]) and close(pl2.zDir, t @ [0, 0, 1])
    p = Plane.XY()
    p.setOrigin2d(2, 2)
    p.setOrigin2d(2, 2)
    assert close(p.origin, (4, 4, 0))
    p.origin = (1, 1, 1)
    assert close(p.toWorldCoords((1, 0)), (2, 1, 1))


def test_plane_equality():
    assert Plane.named("XY") == Plane((0, 0, 0), (1, 0, 0), (0, 0, 1))
    assert Plane.named("XY") != Plane.named("XY", (0, 0, 1))
    assert Plane.named("XY") != Plane.named("YX")
    assert repr(Plane.named("XZ")) == "Plane(origin=(0.0, 0.0, 0.0), xDir=(1.0, 0.0, 0.0), normal=(0.0, -1.0, 0.0))"


# ---------------------------------------------------------------- Location

def moved_point(loc, p):
    return cq.Vertex.makeVertex(*p).moved(loc).toTuple()


def test_location_translation_and_axis_angle():
    assert close(moved_point(Location(Vector(1, 2, 3)), (1, 1, 1)), (2, 3, 4))
    assert close(moved_point(Location((1, 2, 3)), (0, 0, 0)), (1, 2, 3))
    loc = Location((10, 0, 0), (0, 0, 1), 90)   # rotate about Z by 90 deg, then translate
    assert close(moved_point(loc, (1, 0, 0)), (10, 1, 0))
    assert close(loc.toTuple()[0], (10, 0, 0))
    assert close(loc.toTuple()[1], (0, 0, 90))   # degrees, as current CadQuery


def test_location_euler_angles_extrinsic_xyz():
    x, y, z, a, b, c = 1.0, -2.0, 0.5, 30.0, 45.0, -60.0
    loc = Location(x, y, z, a, b, c)
    r = rz(math.radians(c)) @ ry(math.radians(b)) @ rx(math.radians(a))
    p = np.array([0.3, 0.7, -1.1])
    assert close(moved_point(loc, p), r @ p + [x, y, z])
    assert close(loc.toTuple()[1], [a, b, c])
    assert close(moved_point(Location((x, y, z), (a, b, c)), p), r @ p + [x, y, z])


def test_location_plane_inverse_and_product():
    pl = Plane((1, 2, 3), (0, 1, 0), (1, 0, 0))
    loc = Location(pl)
    assert close(moved_point(loc, (1, 0, 0)), (1, 3, 3))   # local x -> global +Y
    assert close(moved_point(loc, (0, 0, 1)), (2, 2, 3))   # local z -> global +X
    assert close(moved_point(loc * loc.inverse, (4, 5, 6)), (4, 5, 6))
    t1, t2 = Location((1, 0, 0)), Location((0, 0, 0), (0, 0, 1), 90)
    assert close(moved_point(t1 * t2, (1, 0, 0)), (1, 1, 0))   # t2 first, then t1
    assert close(moved_point(t2 ** 2, (1, 0, 0)), (-1, 0, 0))
    assert close(moved_point(Location(pl, (0, 0, 0)), (1, 0, 0)), (0, 1, 0))
    assert close(pl.location.toTuple()[0], (1, 2, 3))


# ---------------------------------------------------------------- BoundBox

def test_boundbox_from_box_and_operations():
    bb = cq.Solid.makeBox(2, 3, 4, (1, 1, 1)).BoundingBox()
    assert (bb.xmin, bb.ymin, bb.zmin, bb.xmax, bb.ymax, bb.zmax) == pytest.approx((1, 1, 1, 3, 4, 5), abs=1e-6)
    assert (bb.xlen, bb.ylen, bb.zlen) == pytest.approx((2, 3, 4), abs=1e-6)
    assert close(bb.center, (2, 2.5, 3), 1e-6)
    assert bb.DiagonalLength == pytest.approx(math.sqrt(4 + 9 + 16), abs=1e-6)
    grown = bb.add((10, 0, 0))
    assert (grown.xmax, grown.ymin) == pytest.approx((10, 0), abs=1e-6)
    en = bb.enlarge(0.5)
    assert (en.xmin, en.zmax) == pytest.approx((0.5, 5.5), abs=1e-6)
    assert en.isInside(bb) and not bb.isInside(en)
    union = bb.add(cq.Solid.makeBox(1, 1, 1, (-5, 0, 0)).BoundingBox())
    assert (union.xmin, union.ymin, union.xmax) == pytest.approx((-5, 0, 3), abs=1e-6)


def test_submodule_aliases():
    import cadquery.occ_impl.geom as g
    import cadquery.occ_impl.shapes as s
    assert g.Vector is cq.Vector and g.Plane is cq.Plane and g.Location is cq.Location
    assert s.Solid is cq.Solid and s.Shape is cq.Shape and issubclass(s.Edge, s.Mixin1D)
