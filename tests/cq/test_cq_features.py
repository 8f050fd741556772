"""Workplane features against analytic values: primitives, extrude (both/taper/negative/
combine=False/until), cutBlind, cutThruAll, holes (plain, counterbored, countersunk), revolve
(Pappus), loft (frustum), sweep, twistExtrude, shell, fillet, chamfer."""
import math

import pytest

import cadquery as cq

PI = math.pi


def vol(wp):
    return wp.val().Volume()


def bbox(wp):
    bb = wp.val().BoundingBox()
    return [bb.xmin, bb.ymin, bb.zmin, bb.xmax, bb.ymax, bb.zmax]


def approx_list(values, abs_tol=1e-6):
    return pytest.approx(values, abs=abs_tol)


def frustum(h, r1, r2):
    return PI * h / 3.0 * (r1 * r1 + r1 * r2 + r2 * r2)


# ---------------------------------------------------------------- primitives

def test_box_centered_and_corner():
    assert vol(cq.Workplane().box(2, 3, 4)) == pytest.approx(24.0, rel=1e-9)
    assert bbox(cq.Workplane().box(2, 3, 4)) == approx_list([-1, -1.5, -2, 1, 1.5, 2])
    assert bbox(cq.Workplane().box(2, 3, 4, centered=False)) == approx_list([0, 0, 0, 2, 3, 4])
    assert bbox(cq.Workplane().box(2, 3, 4, centered=(True, False, False))) == approx_list(
        [-1, 0, 0, 1, 3, 4])


def test_box_per_stack_point_combined_and_separate():
    pts = [(-5, 0), (5, 0)]
    fused = cq.Workplane().pushPoints(pts).box(2, 2, 2)
    assert fused.size() == 1
    assert vol(fused) == pytest.approx(16.0, rel=1e-9)
    separate = cq.Workplane().pushPoints(pts).box(2, 2, 2, combine=False)
    assert separate.size() == 2
    assert [v.Volume() for v in separate.vals()] == pytest.approx([8.0, 8.0], rel=1e-9)
    assert sorted(v.Center().x for v in separate.vals()) == pytest.approx([-5, 5], abs=1e-9)


def test_box_on_offset_workplane_fuses_with_base():
    r = cq.Workplane().box(4, 4, 4).faces(">Z").workplane().box(2, 2, 2)
    # the second box is centred on the top face: half of it is inside the first
    assert vol(r) == pytest.approx(64 + 4, rel=1e-9)


def test_sphere_and_cylinder():
    assert vol(cq.Workplane().sphere(3)) == pytest.approx(4 / 3 * PI * 27, rel=1e-6)
    assert bbox(cq.Workplane().sphere(3, centered=False)) == approx_list([0, 0, 0, 6, 6, 6])
    c = cq.Workplane().cylinder(10, 2)  # height first
    assert vol(c) == pytest.approx(PI * 4 * 10, rel=1e-9)
    assert bbox(c) == approx_list([-2, -2, -5, 2, 2, 5])
    # [2.5+] semantics per the spec: centred along `direct`
    along_x = cq.Workplane().cylinder(10, 2, direct=(1, 0, 0))
    assert bbox(along_x) == approx_list([-5, -2, -2, 5, 2, 2])
    assert vol(along_x) == pytest.approx(PI * 4 * 10, rel=1e-9)
    half = cq.Workplane().cylinder(10, 2, angle=180)
    assert vol(half) == pytest.approx(PI * 4 * 10 / 2, rel=1e-9)


def test_wedge_prismatoid():
    # base 10 x 6 (x, z) at y=0 shrinking to [2,8] x [1,5] at y=8
    w = cq.Workplane().wedge(10, 8, 6, 2, 1, 8, 5)
    mid = 8 * 5  # section at y=4: x in [1,9], z in [0.5,5.5]
    assert vol(w) == pytest.approx(8 / 6 * (60 + 4 * mid + 24), rel=1e-9)


# ---------------------------------------------------------------- extrude

def test_extrude_plain_negative_both():
    assert vol(cq.Workplane().rect(4, 6).extrude(2)) == pytest.approx(48, rel=1e-9)
    neg = cq.Workplane().circle(2).extrude(-5)
    assert vol(neg) == pytest.approx(20 * PI, rel=1e-9)
    assert bbox(neg)[2] == pytest.approx(-5, abs=1e-6) and bbox(neg)[5] == pytest.approx(0, abs=1e-6)
    both = cq.Workplane().rect(4, 6).extrude(2, both=True)
    assert vol(both) == pytest.approx(96, rel=1e-9)
    assert bbox(both) == approx_list([-2, -3, -2, 2, 3, 2])


def test_extrude_distance_keyword_alias():
    assert vol(cq.Workplane().rect(1, 1).extrude(distance=3)) == pytest.approx(3, rel=1e-9)
    assert vol(cq.Workplane().rect(1, 1).extrude(until=3)) == pytest.approx(3, rel=1e-9)


def test_extrude_taper_square_frustum():
    a, h, t = 10.0, 4.0, 15.0
    b = a - 2 * h * math.tan(math.radians(t))
    r = cq.Workplane().rect(a, a).extrude(h, taper=t)
    assert vol(r) == pytest.approx(h / 3 * (a * a + a * b + b * b), rel=1e-6)
    assert bbox(r) == approx_list([-5, -5, 0, 5, 5, 4])


def test_extrude_taper_with_hole_is_an_error():
    with pytest.raises(ValueError):
        cq.Workplane().rect(10, 10).circle(2).extrude(3, taper=5)


def test_extrude_ring_and_several_faces():
    ring = cq.Workplane().circle(5).circle(3).extrude(2)
    assert vol(ring) == pytest.approx(PI * (25 - 9) * 2, rel=1e-9)
    pins = cq.Workplane().rarray(10, 10, 2, 2).circle(1).extrude(3)
    assert vol(pins) == pytest.approx(4 * PI * 3, rel=1e-9)
    assert len(pins.val().Solids()) == 4


def test_extrude_combine_false_leaves_base_untouched():
    base = cq.Workplane().box(10, 10, 10)
    boss = base.faces(">Z").workplane().rect(2, 2).extrude(3, combine=False)
    assert boss.size() == 1
    assert vol(boss) == pytest.approx(12, rel=1e-9)
    assert bbox(boss)[2] == pytest.approx(5, abs=1e-6)
    assert vol(base) == pytest.approx(1000, rel=1e-9)
    fused = base.faces(">Z").workplane().rect(2, 2).extrude(3)
    assert vol(fused) == pytest.approx(1012, rel=1e-9)


def test_extrude_combine_cut_mode():
    r = cq.Workplane().box(10, 10, 10).faces(">Z").workplane().rect(2, 2).extrude(-3, combine="cut")
    assert vol(r) == pytest.approx(1000 - 12, rel=1e-9)


def test_extrude_until_next_and_last():
    # two 20 x 20 x 2 plates 10 apart; a 4 x 4 boss on the lower plate grows to the upper one
    lower = cq.Workplane().box(20, 20, 2, centered=(True, True, False))
    upper = cq.Workplane().workplane(offset=12).box(20, 20, 2, centered=(True, True, False))
    base = lower.union(upper)
    nxt = base.faces(">Z").workplane(offset=-12).rect(4, 4).extrude("next")
    assert vol(nxt) == pytest.approx(2 * 800 + 16 * 10, rel=1e-6)
    last = base.faces(">Z").workplane(offset=-12).rect(4, 4).extrude("last")
    assert vol(last) == pytest.approx(2 * 800 + 16 * 10, rel=1e-6)
    with pytest.raises(ValueError):
        cq.Workplane().rect(1, 1).extrude("next", combine=False)


def test_extrude_until_face():
    lower = cq.Workplane().box(20, 20, 2, centered=(True, True, False))
    upper = cq.Workplane().workplane(offset=12).box(20, 20, 2, centered=(True, True, False))
    base = lower.union(upper)
    limit = upper.faces("<Z").val()
    r = base.faces(">Z").workplane(offset=-12).rect(4, 4).extrude(limit)
    assert vol(r) == pytest.approx(2 * 800 + 16 * 10, rel=1e-6)


def test_extrude_bad_until():
    with pytest.raises(ValueError):
        cq.Workplane().rect(1, 1).extrude("sideways")


# ---------------------------------------------------------------- cuts

def test_cut_blind_direction():
    block = cq.Workplane().box(20, 20, 10)
    into = block.faces(">Z").workplane().rect(4, 4).cutBlind(-3)
    assert vol(into) == pytest.approx(4000 - 48, rel=1e-9)
    air = block.faces(">Z").workplane().rect(4, 4).cutBlind(3)
    assert vol(air) == pytest.approx(4000, rel=1e-9)
    both = block.faces(">Z").workplane(offset=-5).rect(4, 4).cutBlind(2, both=True)
    assert vol(both) == pytest.approx(4000 - 64, rel=1e-9)


def test_cut_thru_all():
    r = cq.Workplane().box(20, 20, 10).faces(">Z").workplane().circle(3).cutThruAll()
    assert vol(r) == pytest.approx(4000 - PI * 9 * 10, rel=1e-9)
    assert len(r.val().Faces()) == 7


def test_box_minus_cylinder():
    box = cq.Workplane().box(10, 10, 10)
    cyl = cq.Workplane().cylinder(20, 2)
    assert vol(box.cut(cyl)) == pytest.approx(1000 - PI * 4 * 10, rel=1e-9)


# ---------------------------------------------------------------- holes

def test_hole_through_and_blind():
    plate = cq.Workplane().box(20, 20, 10)
    thru = plate.faces(">Z").workplane().hole(4)
    assert vol(thru) == pytest.approx(4000 - PI * 4 * 10, rel=1e-9)
    blind = plate.faces(">Z").workplane().hole(4, depth=3)
    assert vol(blind) == pytest.approx(4000 - PI * 4 * 3, rel=1e-9)
    # the blind hole goes along -normal: the bottom face stays whole
    assert blind.faces("<Z").val().Area() == pytest.approx(400, rel=1e-9)


def test_holes_at_several_points():
    r = cq.Workplane().box(30, 30, 5).faces(">Z").workplane().rarray(10, 10, 2, 2).hole(2)
    assert vol(r) == pytest.approx(4500 - 4 * PI * 1 * 5, rel=1e-9)


def test_cbore_hole_volume():
    plate = cq.Workplane().box(30, 30, 10)
    r = plate.faces(">Z").workplane().cboreHole(4, 8, 3)
    removed = PI * 16 * 3 + PI * 4 * 7
    assert vol(r) == pytest.approx(9000 - removed, rel=1e-9)
    blind = plate.faces(">Z").workplane().cboreHole(4, 8, 3, depth=6)
    assert vol(blind) == pytest.approx(9000 - PI * 16 * 3 - PI * 4 * 3, rel=1e-9)


def test_csk_hole_volume():
    plate = cq.Workplane().box(30, 30, 10)
    r = plate.faces(">Z").workplane().cskHole(4, 8, 90)
    # cone r=4 at the top, 45 degree walls: it meets the r=2 bore 2 below the top
    removed = PI * 4 * 10 + frustum(2, 4, 2) - PI * 4 * 2
    assert vol(r) == pytest.approx(9000 - removed, rel=1e-9)
    blind = plate.faces(">Z").workplane().cskHole(4, 8, 90, depth=5)
    removed = PI * 4 * 5 + frustum(2, 4, 2) - PI * 4 * 2
    assert vol(blind) == pytest.approx(9000 - removed, rel=1e-9)


def test_hole_without_solid_is_an_error():
    with pytest.raises(ValueError):
        cq.Workplane().hole(3)


# ---------------------------------------------------------------- revolve, loft, sweep, twist

def test_revolve_pappus():
    # 2 x 4 rectangle centred 5 from the axis (local y axis through the origin)
    full = cq.Workplane().center(5, 0).rect(2, 4).revolve(360, (-5, 0, 0), (-5, 1, 0))
    assert vol(full) == pytest.approx(2 * PI * 5 * 8, rel=1e-9)
    quarter = cq.Workplane().moveTo(5, 0).rect(2, 4).revolve(90, (0, 0, 0), (0, 1, 0))
    assert vol(quarter) == pytest.approx(2 * PI * 5 * 8 / 4, rel=1e-9)
    zero_is_full = cq.Workplane().moveTo(5, 0).rect(2, 4).revolve(0, (0, 0, 0), (0, 1, 0))
    assert vol(zero_is_full) == pytest.approx(2 * PI * 5 * 8, rel=1e-9)


def test_revolve_default_axis():
    # polyline profile x in [2,3], y in [0,4] revolved about the local y axis
    r = cq.Workplane().polyline([(2, 0), (3, 0), (3, 4), (2, 4)]).close().revolve()
    assert vol(r) == pytest.approx(PI * (9 - 4) * 4, rel=1e-9)
    assert bbox(r) == approx_list([-3, 0, -3, 3, 4, 3])


def test_loft_frustum():
    r = cq.Workplane().circle(3).workplane(offset=6).circle(1).loft()
    assert vol(r) == pytest.approx(frustum(6, 3, 1), rel=1e-6)
    sq = cq.Workplane().rect(4, 4).workplane(offset=3).rect(2, 2).loft(ruled=True)
    assert vol(sq) == pytest.approx(3 / 3 * (16 + 8 + 4), rel=1e-9)


def test_loft_needs_two_wires():
    with pytest.raises(ValueError):
        cq.Workplane().rect(1, 1).loft()


def test_sweep_straight_tube():
    path = cq.Workplane("XZ").lineTo(0, 10)  # local y of XZ is +Z
    r = cq.Workplane().circle(2).circle(1).sweep(path)
    assert vol(r) == pytest.approx(PI * (4 - 1) * 10, rel=1e-6)
    edge = cq.Edge.makeLine(cq.Vector(0, 0, 0), cq.Vector(0, 0, 5))
    r2 = cq.Workplane().rect(2, 2).sweep(edge)
    assert vol(r2) == pytest.approx(20, rel=1e-6)


def test_sweep_bad_path():
    with pytest.raises(ValueError):
        cq.Workplane().circle(1).sweep(cq.Workplane().box(1, 1, 1))


def test_twist_extrude_keeps_section_area():
    r = cq.Workplane().rect(4, 4).twistExtrude(10, 45)
    assert vol(r) == pytest.approx(160, rel=1e-4)
    assert bbox(r)[5] == pytest.approx(10, abs=1e-5)


# ---------------------------------------------------------------- shell, fillet, chamfer

def test_shell_open_and_closed():
    box = cq.Workplane().box(10, 10, 10)
    open_in = box.faces(">Z").shell(-1)
    assert vol(open_in) == pytest.approx(1000 - 8 * 8 * 9, rel=1e-6)
    out = box.faces(">Z").shell(1, kind="intersection")
    assert vol(out) == pytest.approx(12 * 12 * 11 - 1000, rel=1e-6)
    closed = box.shell(-1)
    assert vol(closed) == pytest.approx(1000 - 512, rel=1e-6)


def test_fillet_removed_volume():
    L, W, H, r = 30.0, 20.0, 8.0, 3.0
    res = cq.Workplane().box(L, W, H).edges("|Z").fillet(r)
    assert vol(res) == pytest.approx(L * W * H - (4 - PI) * r * r * H, rel=1e-6)
    with pytest.raises(ValueError):
        cq.Workplane().box(1, 1, 1).faces(">Z").workplane().fillet(0.1)


def test_chamfer_removed_volume():
    L, W, H = 24.0, 16.0, 10.0
    sym = cq.Workplane().box(L, W, H).edges("|Z").chamfer(2)
    assert vol(sym) == pytest.approx(L * W * H - 4 * 2 * 2 / 2 * H, rel=1e-9)
    asym = cq.Workplane().box(L, W, H).edges("|Z").chamfer(2.5, 1.0)
    assert vol(asym) == pytest.approx(L * W * H - 4 * 2.5 * 1.0 / 2 * H, rel=1e-9)
    top = cq.Workplane().box(L, W, H).faces(">Z").chamfer(1)
    # four prisms along the top edges, minus the doubly counted corner pyramids
    removed = 2 * (L + W) * 0.5 - 4 * (1.0 / 3)
    assert vol(top) == pytest.approx(L * W * H - removed, rel=1e-9)


def test_sweep_multisection_is_a_frustum():
    path = cq.Workplane("XZ").lineTo(0, 10)
    r = cq.Workplane().circle(2).workplane(offset=10).circle(1).sweep(path, multisection=True)
    assert vol(r) == pytest.approx(frustum(10, 2, 1), rel=1e-6)


def test_sweep_fixed_normal_and_aux_spine():
    path = cq.Workplane("XZ").lineTo(0, 10)
    fixed = cq.Workplane().rect(2, 2).sweep(path, normal=(0, 0, 1))
    assert vol(fixed) == pytest.approx(40, rel=1e-6)
    aux = cq.Workplane("XZ").moveTo(1, 0).lineTo(1, 10)
    guided = cq.Workplane().rect(2, 2).sweep(path, auxSpine=aux)
    assert vol(guided) == pytest.approx(40, rel=1e-6)


def test_sweep_along_helix_pappus():
    # a unit disc in the XZ plane swept along a helix of radius 5: V = area * 2 pi R * turns
    helix = cq.Wire.makeHelix(pitch=5, height=10, radius=5)
    r = cq.Workplane("XZ").center(5, 0).circle(1).sweep(helix, isFrenet=True)
    assert vol(r) == pytest.approx(PI * 1 * 2 * PI * 5 * 2, rel=1e-3)


def test_cut_thru_all_with_taper_is_a_frustum_hole():
    # a 2 x 2 square cut through a 10 mm plate with a draft: the hole widens or narrows linearly
    t = 5.0
    r = cq.Workplane().box(20, 20, 10).faces(">Z").workplane().rect(2, 2).cutThruAll(taper=t)
    d = 2 * 10 * math.tan(math.radians(t))
    a, b = 2.0, 2.0 + d
    removed_grow = 10 / 3 * (a * a + a * b + b * b)
    b = 2.0 - d
    removed_shrink = 10 / 3 * (a * a + a * b + b * b)
    assert vol(r) in (pytest.approx(4000 - removed_grow, rel=1e-6),
                      pytest.approx(4000 - removed_shrink, rel=1e-6))


def test_text_extrusion_depth():
    t = cq.Workplane().text("X", 5, 2, combine=False)
    bb = t.val().BoundingBox()
    assert bb.zmin == pytest.approx(0, abs=1e-6) and bb.zmax == pytest.approx(2, abs=1e-6)
    assert t.val().Volume() > 0
    cut = cq.Workplane().box(20, 20, 4).faces(">Z").workplane().text("X", 8, -1)
    assert cut.val().Volume() < 1600
    assert cut.val().BoundingBox().zmax == pytest.approx(2, abs=1e-6)


def test_extrude_until_face_needs_combine():
    face = cq.Workplane().box(1, 1, 1).faces(">Z").val()
    with pytest.raises(ValueError):
        cq.Workplane().rect(1, 1).extrude(face, combine=False)


def test_cut_each_square_pockets():
    tool = cq.Solid.makeBox(2, 2, 20, cq.Vector(-1, -1, -10))
    r = (cq.Workplane().box(10, 10, 4).faces(">Z").workplane()
         .pushPoints([(-2, -2), (2, 2)]).cutEach(lambda loc: tool.moved(loc)))
    assert vol(r) == pytest.approx(400 - 2 * 2 * 2 * 4, rel=1e-9)
