"""Workplane booleans and whole-stack transforms against analytic values: union/cut/intersect/
combine (Workplane and Shape arguments, the "no base solid" rules and their errors), the
operators, split (keepTop/keepBottom, splitter), mirror, translate, rotate, rotateAboutCenter,
clean and section."""
import math

import pytest

import cadquery as cq

PI = math.pi


def vol(wp):
    return wp.val().Volume()


def bbox(obj):
    bb = (obj.val() if isinstance(obj, cq.Workplane) else obj).BoundingBox()
    return [bb.xmin, bb.ymin, bb.zmin, bb.xmax, bb.ymax, bb.zmax]


def near(values):
    return pytest.approx(values, abs=1e-6)


def cube(size=2.0, at=(0, 0, 0)):
    return cq.Workplane().box(size, size, size).translate(at)


# ---------------------------------------------------------------- union / cut / intersect

def test_union_overlapping_boxes():
    a, b = cube(2), cube(2, (1, 0, 0))
    r = a.union(b)
    assert vol(r) == pytest.approx(8 + 8 - 4, rel=1e-9)
    assert bbox(r) == near([-1, -1, -1, 2, 1, 1])
    assert len(r.val().Faces()) == 6  # cleaned: one 3 x 2 x 2 box


def test_union_unclean_keeps_split_faces():
    r = cube(2).union(cube(2, (2, 0, 0)), clean=False)
    assert vol(r) == pytest.approx(16, rel=1e-9)
    assert len(r.val().Faces()) > 6
    assert len(r.clean().val().Faces()) == 6


def test_union_with_shape_and_glue():
    a = cube(2)
    touching = cube(2, (2, 0, 0)).val()
    r = a.union(touching, glue=True)
    assert vol(r) == pytest.approx(16, rel=1e-9)


def test_union_without_base_fuses_the_arguments():
    two = cq.Workplane().pushPoints([(0, 0), (1, 0)]).box(2, 2, 2, combine=False)
    r = cq.Workplane().union(two)
    assert vol(r) == pytest.approx(12, rel=1e-9)


def test_union_without_argument_fuses_the_stack():
    # current CadQuery: union() fuses the solids on the stack; two 2-cubes overlapping by half
    two = cq.Workplane().pushPoints([(0, 0), (1, 0)]).box(2, 2, 2, combine=False)
    r = two.union()
    assert len(r.solids().vals()) == 1 and vol(r) == pytest.approx(12, rel=1e-9)
    apart = cq.Workplane().pushPoints([(0, 0), (5, 0), (10, 0)]).box(2, 2, 2, combine=False).union()
    assert len(apart.solids().vals()) == 3 and vol(apart) == pytest.approx(24, rel=1e-9)
    # nothing on the stack: the solid of the parent chain
    assert vol(cube(2).faces(">Z").workplane().union()) == pytest.approx(8, rel=1e-9)


def test_union_errors():
    with pytest.raises(ValueError, match="Cannot union type"):
        cube(2).union(5)
    with pytest.raises(ValueError, match="at least one solid"):
        cube(2).union(cq.Workplane().rect(1, 1))


def test_cut_and_intersect():
    a, b = cube(2), cube(2, (1, 0, 0))
    assert vol(a.cut(b)) == pytest.approx(4, rel=1e-9)
    assert bbox(a.cut(b)) == near([-1, -1, -1, 0, 1, 1])
    assert vol(a.intersect(b)) == pytest.approx(4, rel=1e-9)
    assert bbox(a.intersect(b)) == near([0, -1, -1, 1, 1, 1])
    assert vol(a.cut(b.val())) == pytest.approx(4, rel=1e-9)


def test_sphere_slab_intersection_is_a_zone():
    r, h = 10.0, 4.0
    zone = cq.Workplane().sphere(r).intersect(cq.Workplane().box(30, 30, 2 * h))
    assert vol(zone) == pytest.approx(2 * PI * (r * r * h - h ** 3 / 3), rel=1e-6)


def test_cut_intersect_need_a_base_solid():
    tool = cube(2)
    with pytest.raises(ValueError):
        cq.Workplane().cut(tool)
    with pytest.raises(ValueError):
        cq.Workplane().intersect(tool)
    with pytest.raises(ValueError, match="Cannot cut type"):
        cube(2).cut(3)


def test_combine_stack_items():
    two = cq.Workplane().pushPoints([(0, 0), (1, 0)]).box(2, 2, 2, combine=False)
    assert two.size() == 2
    r = two.combine()
    assert r.size() == 1
    assert vol(r) == pytest.approx(12, rel=1e-9)


def test_operators():
    a, b = cube(2), cube(2, (1, 0, 0))
    assert vol(a + b) == pytest.approx(12, rel=1e-9)
    assert vol(a | b) == pytest.approx(12, rel=1e-9)
    assert vol(a - b) == pytest.approx(4, rel=1e-9)
    assert vol(a & b) == pytest.approx(4, rel=1e-9)
    assert vol(a * b) == pytest.approx(4, rel=1e-9)
    with pytest.raises(TypeError):
        _ = 3 + a


def test_loop_of_unions_builds_stairs():
    r = cube(1)
    for i in range(1, 4):
        r = r.union(cube(1, (i, 0, 0)))
    assert vol(r) == pytest.approx(4, rel=1e-9)
    assert len(r.val().Faces()) == 6


# ---------------------------------------------------------------- split

def test_split_keep_top_bottom_both():
    box = cq.Workplane().box(10, 10, 10)
    at = box.faces(">Z").workplane(offset=-3)  # z = 2
    top = at.split(keepTop=True)
    assert vol(top) == pytest.approx(300, rel=1e-9)
    assert bbox(top) == near([-5, -5, 2, 5, 5, 5])
    bottom = box.faces(">Z").workplane(offset=-3).split(keepBottom=True)
    assert vol(bottom) == pytest.approx(700, rel=1e-9)
    both = box.faces(">Z").workplane(offset=-3).split(keepTop=True, keepBottom=True)
    assert both.size() == 2
    assert sorted(v.Volume() for v in both.vals()) == pytest.approx([300, 700], rel=1e-9)
    with pytest.raises(ValueError):
        box.split()


def test_split_with_a_splitter_and_operator():
    box = cq.Workplane().box(10, 10, 10)
    plane = cq.Face.makePlane(40, 40, cq.Vector(0, 0, 1), cq.Vector(0, 0, 1))
    parts = box.split(plane)
    solids = parts.val().Solids()
    assert sorted(s.Volume() for s in solids) == pytest.approx([400, 600], rel=1e-9)
    wp_tool = cq.Workplane().add(plane)
    parts2 = box / wp_tool
    assert sorted(s.Volume() for s in parts2.val().Solids()) == pytest.approx([400, 600], rel=1e-9)


# ---------------------------------------------------------------- transforms

def test_mirror_union_doubles():
    half = cq.Workplane().box(2, 3, 4, centered=False)
    both = half.mirror("YZ", union=True)
    assert vol(both) == pytest.approx(48, rel=1e-9)
    assert bbox(both) == near([-2, 0, 0, 2, 3, 4])
    only = half.mirror("XY")
    assert vol(only) == pytest.approx(24, rel=1e-9)
    assert bbox(only) == near([0, 0, -4, 2, 3, 0])
    shifted = half.mirror((1, 0, 0), (5, 0, 0))
    assert bbox(shifted) == near([8, 0, 0, 10, 3, 4])


def test_mirror_about_a_face():
    box = cq.Workplane().box(2, 2, 2)
    r = box.mirror(box.faces(">X"), union=True)
    assert vol(r) == pytest.approx(16, rel=1e-9)
    assert bbox(r) == near([-1, -1, -1, 3, 1, 1])


def test_translate_rotate():
    box = cq.Workplane().box(2, 4, 6, centered=False)
    assert bbox(box.translate((1, 2, 3))) == near([1, 2, 3, 3, 6, 9])
    rot = box.rotate((0, 0, 0), (0, 0, 1), 90)
    assert bbox(rot) == near([-4, 0, 0, 0, 2, 6])
    about = box.rotateAboutCenter((0, 0, 1), 90)
    assert bbox(about) == near([-1, 1, 0, 3, 3, 6])
    assert vol(about) == pytest.approx(48, rel=1e-9)


def test_octagon_from_two_squares():
    sq = cq.Workplane().box(20, 20, 10)
    octo = sq & sq.rotate((0, 0, 0), (0, 0, 1), 45)
    a = 20 / (1 + math.sqrt(2))  # octagon side
    area = 2 * (1 + math.sqrt(2)) * a * a
    assert vol(octo) == pytest.approx(area * 10, rel=1e-9)
    assert len(octo.val().Faces()) == 10


# ---------------------------------------------------------------- clean, section

def test_section_area():
    box = cq.Workplane().box(10, 6, 4)
    sec = box.section()
    assert sec.val().Area() == pytest.approx(60, rel=1e-9)
    cyl = cq.Workplane().cylinder(10, 3)
    sec2 = cyl.section(2)
    assert sec2.val().Area() == pytest.approx(9 * PI, rel=1e-6)
    assert bbox(sec2)[2] == pytest.approx(2, abs=1e-6)
