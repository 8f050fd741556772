"""Workplane core: plane frames, workplane() on faces/vertices, transformed, points, stack and tags.

Expected values are derived by hand from CadQuery 2.4's rules (named-plane table, xDir = Z x normal,
ProjectedOrigin projection, Rx.Ry.Rz rotation order) or computed with numpy, never read back from
the module itself.
"""
import math

import numpy as np
import pytest

import cadquery as cq

TOL = 1e-9


def vec(v):
    return np.array([v.x, v.y, v.z], dtype=float)


def assert_vec(v, expected, tol=1e-7):
    got = vec(v) if not isinstance(v, (tuple, list, np.ndarray)) else np.array(v, dtype=float)
    assert np.allclose(got, np.array(expected, dtype=float), atol=tol), (got, expected)


def assert_frame(plane, origin, xdir, zdir):
    assert_vec(plane.origin, origin)
    assert_vec(plane.xDir, xdir)
    assert_vec(plane.zDir, zdir)
    assert_vec(plane.yDir, np.cross(np.array(zdir, float), np.array(xdir, float)))


# ---------------------------------------------------------------- named planes

NAMED = {
    "XY": ((1, 0, 0), (0, 0, 1)),
    "YZ": ((0, 1, 0), (1, 0, 0)),
    "ZX": ((0, 0, 1), (0, 1, 0)),
    "XZ": ((1, 0, 0), (0, -1, 0)),
    "YX": ((0, 1, 0), (0, 0, -1)),
    "ZY": ((0, 0, 1), (-1, 0, 0)),
    "front": ((1, 0, 0), (0, 0, 1)),
    "back": ((-1, 0, 0), (0, 0, -1)),
    "left": ((0, 0, 1), (-1, 0, 0)),
    "right": ((0, 0, -1), (1, 0, 0)),
    "top": ((1, 0, 0), (0, 1, 0)),
    "bottom": ((1, 0, 0), (0, -1, 0)),
}


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_plane_frames(name):
    xdir, zdir = NAMED[name]
    wp = cq.Workplane(name, origin=(1, 2, 3))
    assert_frame(wp.plane, (1, 2, 3), xdir, zdir)
    assert wp.size() == 0
    # val() on an empty stack is the plane origin
    assert_vec(wp.val(), (1, 2, 3))


def test_default_constructor_and_alias():
    wp = cq.Workplane()
    assert_frame(wp.plane, (0, 0, 0), (1, 0, 0), (0, 0, 1))
    assert wp.parent is None
    assert cq.CQ is cq.Workplane
    assert isinstance(cq.CQ("XY"), cq.Workplane)


def test_constructor_with_plane_and_objects():
    pl = cq.Plane(origin=(1, 1, 1), xDir=(0, 1, 0), normal=(1, 0, 0))
    wp = cq.Workplane(pl)
    assert_frame(wp.plane, (1, 1, 1), (0, 1, 0), (1, 0, 0))
    v = cq.Vector(4, 5, 6)
    wp2 = cq.Workplane(v)
    assert wp2.size() == 1 and wp2.val() is v
    assert_frame(wp2.plane, (0, 0, 0), (1, 0, 0), (0, 0, 1))
    wp3 = cq.Workplane("XY", obj=v)
    assert wp3.vals() == [v]


def test_constructor_rejects_bad_plane():
    with pytest.raises(ValueError):
        cq.Workplane(42)
    with pytest.raises(ValueError):
        cq.Workplane("QQ")


# ---------------------------------------------------------------- workplane() on faces

BOX = (2.0, 4.0, 6.0)


def box():
    return cq.Workplane().box(*BOX)


# selector -> (origin, xDir, normal) for a centred 2x4x6 box; origin = world origin projected
FACE_FRAMES = {
    ">Z": ((0, 0, 3), (1, 0, 0), (0, 0, 1)),
    "<Z": ((0, 0, -3), (1, 0, 0), (0, 0, -1)),
    ">X": ((1, 0, 0), (0, 1, 0), (1, 0, 0)),
    "<X": ((-1, 0, 0), (0, -1, 0), (-1, 0, 0)),
    ">Y": ((0, 2, 0), (-1, 0, 0), (0, 1, 0)),
    "<Y": ((0, -2, 0), (1, 0, 0), (0, -1, 0)),
}


@pytest.mark.parametrize("sel", sorted(FACE_FRAMES))
def test_face_workplane_frames(sel):
    origin, xdir, zdir = FACE_FRAMES[sel]
    wp = box().faces(sel).workplane()
    assert_frame(wp.plane, origin, xdir, zdir)
    assert wp.size() == 0


def test_face_workplane_projected_origin_vs_center_of_mass():
    b = cq.Workplane().box(2, 4, 6, centered=False)     # spans [0,2]x[0,4]x[0,6]
    top = b.faces(">Z")
    assert_vec(top.workplane().plane.origin, (0, 0, 6))   # world origin projected
    assert_vec(top.workplane(centerOption="CenterOfMass").plane.origin, (1, 2, 6))
    assert_vec(top.workplane(centerOption="CenterOfBoundBox").plane.origin, (1, 2, 6))
    assert_vec(top.workplane(origin=(5, 7, -3)).plane.origin, (5, 7, 6))
    side = b.faces(">X").workplane()
    assert_vec(side.plane.origin, (2, 0, 0))
    with pytest.raises(ValueError, match="Undefined centerOption"):
        top.workplane(centerOption="Middle")


def test_workplane_offset_and_invert():
    wp = box().faces(">Z").workplane(offset=2.0)
    assert_frame(wp.plane, (0, 0, 5), (1, 0, 0), (0, 0, 1))
    wi = box().faces(">Z").workplane(offset=2.0, invert=True)
    assert_frame(wi.plane, (0, 0, 1), (1, 0, 0), (0, 0, -1))
    wx = box().faces(">X").workplane(-0.5, True)
    assert_frame(wx.plane, (1.5, 0, 0), (0, 1, 0), (-1, 0, 0))


def test_workplane_keeps_chain_context():
    b = box()
    wp = b.faces(">Z").workplane()
    assert wp.ctx is b.ctx
    assert wp.parent.parent is b


def test_workplane_on_plain_plane_offsets_along_normal():
    wp = cq.Workplane("XZ").workplane(offset=3)
    # XZ normal is -Y
    assert_frame(wp.plane, (0, -3, 0), (1, 0, 0), (0, -1, 0))


def test_workplane_from_vertex_uses_parent_face_normal():
    wp = box().faces(">X").vertices(">Y and >Z").workplane(centerOption="CenterOfMass")
    assert_frame(wp.plane, (1, 2, 3), (0, 1, 0), (1, 0, 0))


def test_workplane_several_coplanar_faces_weighted_center():
    # a 4x1x1 bar with a 1-wide pocket centred at x=1: the top splits into two coplanar faces,
    # x in [-2, 0.5] (area 2.5) and [1.5, 2] (area 0.5)
    bar = cq.Workplane().box(4, 1, 1).faces(">Z").workplane().center(1, 0).rect(1, 2).cutBlind(-0.5)
    top = bar.faces(">Z")
    assert top.size() == 2
    wp = top.workplane(centerOption="CenterOfMass")
    expected_x = (2.5 * -0.75 + 0.5 * 1.75) / 3.0
    assert_frame(wp.plane, (expected_x, 0, 0.5), (1, 0, 0), (0, 0, 1))
    wb = top.workplane(centerOption="CenterOfBoundBox")
    assert_vec(wb.plane.origin, ((-0.75 + 1.75) / 2.0, 0, 0.5))


def test_workplane_errors():
    with pytest.raises(ValueError, match="Selected faces must be co-planar"):
        box().faces("|Z").workplane()
    with pytest.raises(ValueError, match="If multiple objects selected, they all must be planar faces."):
        cq.Workplane().pushPoints([(0, 0), (3, 0)]).rect(1, 1).workplane()
    with pytest.raises(ValueError, match="they all must be planar faces"):
        cq.Workplane().cylinder(2, 1).faces().workplane()


# ---------------------------------------------------------------- transformed, center

def rot(axis, deg):
    a = np.asarray(axis, float)
    a = a / np.linalg.norm(a)
    t = math.radians(deg)
    k = np.array([[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]])
    return np.eye(3) + math.sin(t) * k + (1 - math.cos(t)) * k @ k


def test_transformed_simple_rotations():
    wp = cq.Workplane().transformed(rotate=(90, 0, 0), offset=(1, 2, 3))
    assert_frame(wp.plane, (1, 2, 3), (1, 0, 0), (0, -1, 0))
    assert_vec(wp.val(), (1, 2, 3))
    wy = cq.Workplane().transformed(rotate=(0, 90, 0))
    assert_frame(wy.plane, (0, 0, 0), (0, 0, -1), (1, 0, 0))


def test_transformed_matches_numpy_rotation_order():
    base = cq.Workplane("XZ", origin=(1, 0, 2))
    rx, ry, rz = 30.0, 45.0, 60.0
    x0, y0, z0 = NAMED["XZ"][0], None, NAMED["XZ"][1]
    x0 = np.array(x0, float)
    z0 = np.array(z0, float)
    y0 = np.cross(z0, x0)
    T = rot(x0, rx) @ rot(y0, ry) @ rot(z0, rz)
    off = np.array([0.5, -1.0, 2.0])
    origin = np.array([1, 0, 2]) + off[0] * x0 + off[1] * y0 + off[2] * z0
    wp = base.transformed(rotate=cq.Vector(rx, ry, rz), offset=tuple(off))
    assert_frame(wp.plane, origin, T @ x0, T @ z0)


def test_center_moves_origin_cumulatively():
    wp = cq.Workplane("YZ").center(1, 2)
    # YZ: local x -> world Y, local y -> world Z
    assert_vec(wp.plane.origin, (0, 1, 2))
    assert_vec(wp.val(), (0, 1, 2))
    wp2 = wp.center(1, 1)
    assert_vec(wp2.plane.origin, (0, 2, 3))
    # the parent's plane is not changed
    assert_vec(wp.plane.origin, (0, 1, 2))


def test_move_to_and_move():
    wp = cq.Workplane("XZ").moveTo(2, 3)
    assert_vec(wp.val(), (2, 0, 3))
    assert_vec(wp.move(1, -1).val(), (3, 0, 2))
    assert_vec(cq.Workplane().moveTo().val(), (0, 0, 0))


# ---------------------------------------------------------------- points

def locs_xyz(wp):
    out = []
    for o in wp.vals():
        if isinstance(o, cq.Location):
            out.append(o.toTuple()[0])
        else:
            out.append((o.x, o.y, o.z))
    return np.array(out, float)


def test_rarray_positions():
    pts = locs_xyz(cq.Workplane().rarray(2, 3, 3, 2))
    exp = [(x, y, 0) for x in (-2, 0, 2) for y in (-1.5, 1.5)]
    assert np.allclose(pts, exp)
    pts = locs_xyz(cq.Workplane().rarray(2, 3, 3, 2, center=False))
    exp = [(x, y, 0) for x in (0, 2, 4) for y in (0, 3)]
    assert np.allclose(pts, exp)
    pts = locs_xyz(cq.Workplane().rarray(2, 3, 3, 2, center=(True, False)))
    exp = [(x, y, 0) for x in (-2, 0, 2) for y in (0, 3)]
    assert np.allclose(pts, exp)


def test_rarray_on_offset_plane_and_errors():
    pts = locs_xyz(cq.Workplane("XZ", origin=(0, 5, 0)).rarray(1, 1, 2, 1))
    assert np.allclose(pts, [(-0.5, 5, 0), (0.5, 5, 0)])
    with pytest.raises(ValueError, match="Spacing and count must be > 0"):
        cq.Workplane().rarray(0, 0, 2, 2)
    # current CadQuery: a zero spacing in one direction is allowed (a row of points)
    assert np.allclose(locs_xyz(cq.Workplane().rarray(2, 0, 3, 1)), [(-2, 0, 0), (0, 0, 0), (2, 0, 0)])
    with pytest.raises(ValueError):
        cq.Workplane().rarray(1, 1, 0, 2)


def test_polar_array_positions():
    pts = locs_xyz(cq.Workplane().polarArray(5, 0, 360, 4))
    assert np.allclose(pts, [(5, 0, 0), (0, 5, 0), (-5, 0, 0), (0, -5, 0)], atol=1e-12)
    # not a full circle: inclusive ends, step = angle / (count - 1)
    pts = locs_xyz(cq.Workplane().polarArray(10, 0, 180, 3))
    assert np.allclose(pts, [(10, 0, 0), (0, 10, 0), (-10, 0, 0)], atol=1e-12)
    # fill=False: angle is the step
    pts = locs_xyz(cq.Workplane().polarArray(2, 30, 90, 3, fill=False))
    exp = [(2 * math.cos(math.radians(a)), 2 * math.sin(math.radians(a)), 0) for a in (30, 120, 210)]
    assert np.allclose(pts, exp)
    # a single element of a partial arc sits at startAngle + startAngle * 0 = startAngle
    pts = locs_xyz(cq.Workplane().polarArray(2, 45, 90, 1))
    assert np.allclose(pts, [(math.sqrt(2), math.sqrt(2), 0)])
    with pytest.raises(ValueError, match="At least 1 element required, requested 0"):
        cq.Workplane().polarArray(1, 0, 360, 0)


def test_polar_array_rotates_items_and_follows_plane():
    # rotate=True turns each rect with its angle: at 90 degrees a 2x1 rect is 1 wide, 2 tall
    wires = cq.Workplane().polarArray(5, 0, 360, 4).rect(2, 1).vals()
    bb = wires[1].BoundingBox()
    assert bb.xlen == pytest.approx(1, abs=1e-6) and bb.ylen == pytest.approx(2, abs=1e-6)
    assert_vec(wires[1].Center(), (0, 5, 0))
    wires = cq.Workplane().polarArray(5, 0, 360, 4, rotate=False).rect(2, 1).vals()
    bb = wires[1].BoundingBox()
    assert bb.xlen == pytest.approx(2, abs=1e-6) and bb.ylen == pytest.approx(1, abs=1e-6)
    # on XZ local y is world +Z
    circles = cq.Workplane("XZ").polarArray(5, 90, 360, 2).circle(1).vals()
    assert_vec(circles[0].Center(), (0, 0, 5), tol=1e-6)
    assert_vec(circles[1].Center(), (0, 0, -5), tol=1e-6)


def test_push_points_local_to_world():
    pts = locs_xyz(cq.Workplane("YZ", origin=(1, 0, 0)).pushPoints([(1, 2), (3, 4, 5)]))
    # YZ: x -> Y, y -> Z, z -> X
    assert np.allclose(pts, [(1, 1, 2), (6, 3, 4)])
    loc = cq.Location(cq.Vector(1, 2, 3))
    wp = cq.Workplane().pushPoints([loc])
    assert wp.val() is loc


def test_eachpoint_and_each():
    wp = cq.Workplane("XY", origin=(0, 0, 1)).pushPoints([(1, 0), (0, 2)])
    seen = []

    def cb(loc):
        seen.append(loc.toTuple()[0])
        return cq.Solid.makeBox(1, 1, 1).moved(loc)

    r = wp.eachpoint(cb)
    assert np.allclose(seen, [(1, 0, 1), (0, 2, 1)])
    assert r.size() == 2
    assert sum(s.Volume() for s in r.vals()) == pytest.approx(2.0)
    # useLocalCoordinates: the callback sees local points, results are moved to the plane
    seen.clear()
    r = wp.eachpoint(cb, useLocalCoordinates=True, combine=True)
    assert np.allclose(seen, [(1, 0, 0), (0, 2, 0)])
    bb = r.val().BoundingBox()
    assert (bb.zmin, bb.zmax) == pytest.approx((1, 2))
    # each() passes the stack items themselves
    got = cq.Workplane().pushPoints([(1, 2)]).each(lambda v: cq.Solid.makeBox(1, 1, 1).translate(v), combine=False)
    assert_vec(got.val().Center(), (1.5, 2.5, 0.5))


# ---------------------------------------------------------------- stack, selection, tags

def test_stack_accessors():
    wp = cq.Workplane().pushPoints([(1, 0), (2, 0), (3, 0)])
    assert wp.size() == 3
    assert_vec(wp.first().val(), (1, 0, 0))
    assert_vec(wp.last().val(), (3, 0, 0))
    assert_vec(wp.item(1).val(), (2, 0, 0))
    assert_vec(wp.item(-1).val(), (3, 0, 0))
    alls = wp.all()
    assert len(alls) == 3 and all(a.parent is wp and a.size() == 1 for a in alls)
    assert wp.vals() is wp.objects
    with pytest.raises(IndexError):
        cq.Workplane().last()


def test_add_extends_in_place():
    a = cq.Workplane().pushPoints([(1, 0)])
    b = cq.Workplane().pushPoints([(2, 0), (3, 0)])
    r = a.add(b)
    assert r is a and a.size() == 3
    a.add([cq.Vector(9, 9, 9)])
    a.add(cq.Vector(8, 8, 8))
    assert a.size() == 5
    assert_vec(a.vals()[-1], (8, 8, 8))


def test_selection_counts_and_dedup():
    b = box()
    assert b.faces().size() == 6
    assert b.edges().size() == 12
    assert b.vertices().size() == 8
    assert b.wires().size() == 6
    assert b.solids().size() == 1
    assert b.shells().size() == 1
    # the 4 top edges shared by the top face and the sides are counted once
    assert b.faces(">Z or >X").edges().size() == 7
    assert b.faces(">Z").vertices().size() == 4
    top = b.faces(">Z").val()
    assert top.Center().z == pytest.approx(3)
    assert b.faces("").size() == 6       # an empty selector is no filter


def test_selection_with_tag():
    b = box().tag("base")
    other = b.faces(">Z").workplane().circle(0.5).extrude(1)
    assert other.faces(tag="base").size() == 6
    assert other.edges("|Z", tag="base").size() == 4


def test_tags_and_end():
    b = box().tag("b")
    wp = b.faces(">Z").workplane().tag("top")
    assert wp._tag == "top"
    assert wp._getTagged("b") is b
    w2 = wp.rect(1, 1).workplaneFromTagged("top")
    assert_frame(w2.plane, (0, 0, 3), (1, 0, 0), (0, 0, 1))
    assert w2.parent.parent is wp
    with pytest.raises(ValueError, match="No Workplane object named nope in chain"):
        wp.workplaneFromTagged("nope")
    assert wp.end() is wp.parent
    assert wp.end(2) is b
    with pytest.raises(ValueError, match="Cannot End the chain-- no parents!"):
        cq.Workplane().end()


def test_find_solid_and_largest_dimension():
    b = box()
    s = b.faces(">Z").workplane().findSolid()
    assert isinstance(s, cq.Compound)
    assert s.Volume() == pytest.approx(48)
    assert b.largestDimension() == pytest.approx(math.sqrt(4 + 16 + 36))
    with pytest.raises(ValueError, match="Cannot find a solid on the stack or in the parent chain"):
        cq.Workplane().rect(1, 1).findSolid()
    with pytest.raises(ValueError, match="Cannot find a solid in the parent chain"):
        cq.Workplane().findSolid(searchStack=False)


def test_new_object_and_copy_workplane():
    a = cq.Workplane("YZ")
    n = a.newObject([cq.Vector(1, 2, 3)])
    assert n.parent is a and n.ctx is a.ctx
    assert n.plane is not a.plane
    assert_frame(n.plane, (0, 0, 0), NAMED["YZ"][0], NAMED["YZ"][1])
    c = cq.Workplane().copyWorkplane(cq.Workplane("XZ"))
    assert_frame(c.plane, (0, 0, 0), NAMED["XZ"][0], NAMED["XZ"][1])


def test_to_pending():
    wp = cq.Workplane().rect(2, 2, forConstruction=True)
    assert len(wp.ctx.pendingWires) == 0
    wp.toPending()
    assert len(wp.ctx.pendingWires) == 1
    assert wp.extrude(1).val().Volume() == pytest.approx(4)


def test_subclass_is_preserved():
    class MyWP(cq.Workplane):
        pass

    w = MyWP("XY").box(1, 1, 1).faces(">Z").workplane().rect(0.5, 0.5)
    assert type(w) is MyWP


def test_sketch_and_place_sketch():
    r = cq.Workplane().sketch().rect(2, 3).finalize().extrude(1)
    assert r.val().Volume() == pytest.approx(6)
    s = cq.Sketch().circle(1)
    placed = cq.Workplane().pushPoints([(0, 0), (5, 0)]).placeSketch(s).extrude(1)
    assert placed.val().Volume() == pytest.approx(2 * math.pi)


def test_ancestors():
    b = box()
    # the 4 edges of the top face belong to the top face and the 4 side faces
    assert b.faces(">Z").edges().ancestors("Face").size() == 5
    # one vertex of a box lies on 3 faces and 3 edges
    v = b.vertices(">X and >Y and >Z")
    assert v.ancestors("Face").size() == 3
    assert v.ancestors("Edge").size() == 3


def test_export_returns_self(tmp_path):
    b = box()
    out = tmp_path / "b.step"
    assert b.export(str(out)) is b
    back = cq.importers.importStep(str(out))
    assert back.val().Volume() == pytest.approx(48, rel=1e-6)


def test_25_iteration_and_indexing():
    # [2.5+] additions: iterating yields Shapes (a Compound's children), indexing makes children
    r = cq.Workplane().pushPoints([(0, 0), (5, 0)]).box(1, 1, 1)
    solids = list(r)
    assert len(solids) == 2 and all(isinstance(s, cq.Solid) for s in solids)
    assert sum(s.Volume() for s in solids) == pytest.approx(2)
    pts = cq.Workplane().pushPoints([(1, 0), (2, 0), (3, 0)])
    assert list(pts) == []                  # Vectors are not shapes
    assert_vec(pts[1].val(), (2, 0, 0))
    assert pts[0:2].size() == 2
    assert [p.x for p in pts[[2, 0]].vals()] == pytest.approx([3, 1])
    assert pts[-1].parent is pts
    assert [p.x for p in pts.filter(lambda p: p.x > 1).vals()] == pytest.approx([2, 3])
    assert [p.x for p in pts.map(lambda p: p * 2).vals()] == pytest.approx([2, 4, 6])
    assert [p.x for p in pts.sort(lambda p: -p.x).vals()] == pytest.approx([3, 2, 1])
    assert pts.apply(lambda objs: objs[:1]).size() == 1
    assert pts.invoke(lambda w: None) is pts
    assert pts.invoke(lambda w: w.first()).size() == 1
    with pytest.raises(ValueError, match="accepts too many arguments"):
        pts.invoke(lambda a, b: a)
    # no __len__: an empty Workplane is still true, as in CadQuery
    assert bool(cq.Workplane())
