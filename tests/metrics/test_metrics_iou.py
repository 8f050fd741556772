"""`zerocad iou`: analytic IoU values under the exact protocol, invariance of the normalizing
protocols (zerocad voxel IoU, cadcoder, cadrille) to translation, scale and 90-degree rotations,
and voxel IoU against exact IoU on pairs with a common bounding box."""
import math

import pytest

from metrics_helpers import BRACKET, iou, write_prog


def test_exact_boxes_offset_along_x(zerocad_bin, tmp_path):
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(10, 10, 10)')
    b = write_prog(tmp_path, "b", 'cq.Workplane("XY").box(10, 10, 10).translate((5, 0, 0))')
    r = iou(zerocad_bin, b, a, "exact")
    assert r["protocol"] == "exact"
    assert abs(r["iou"] - 1 / 3) < 1e-9
    assert r["seconds"] >= 0


def test_exact_boxes_offset_diagonally(zerocad_bin, tmp_path):
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(10, 10, 10)')
    b = write_prog(tmp_path, "b", 'cq.Workplane("XY").box(10, 10, 10).translate((5, 5, 0))')
    assert abs(iou(zerocad_bin, b, a, "exact")["iou"] - 1 / 7) < 1e-9


def test_exact_cube_and_inscribed_sphere(zerocad_bin, tmp_path):
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(10, 10, 10)')
    b = write_prog(tmp_path, "b", 'cq.Workplane("XY").sphere(5)')
    assert abs(iou(zerocad_bin, b, a, "exact")["iou"] - math.pi / 6) < 1e-6


TRANSFORMS = {
    "translated": ".translate((7, -3, 11))",
    "scaled": ".val().scale(2.5)",
    "rotated_z90": ".rotate((0, 0, 0), (0, 0, 1), 90)",
    "rotated_x90": ".rotate((1, 2, 3), (1, 2, 4), 90).rotate((0, 0, 0), (1, 0, 0), 90)",
}


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_zerocad_protocol_invariance(zerocad_bin, tmp_path, name):
    gt = write_prog(tmp_path, "gt", BRACKET)
    pred = write_prog(tmp_path, "pred", "(" + BRACKET + ")" + TRANSFORMS[name])
    r = iou(zerocad_bin, pred, gt, "zerocad")
    assert abs(r["iou"] - 1) <= 0.02, r
    assert "cd" not in r


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_cadcoder_protocol_invariance(zerocad_bin, tmp_path, name):
    gt = write_prog(tmp_path, "gt", BRACKET)
    pred = write_prog(tmp_path, "pred", "(" + BRACKET + ")" + TRANSFORMS[name])
    assert abs(iou(zerocad_bin, pred, gt, "cadcoder")["iou"] - 1) <= 1e-6


def test_rotation_search_matters(zerocad_bin, tmp_path):
    """Without the 24 rotations a rotated copy scores well below 1; with them it scores 1."""
    gt = write_prog(tmp_path, "gt", BRACKET)
    pred = write_prog(tmp_path, "pred", "(" + BRACKET + ").rotate((0, 0, 0), (0, 1, 0), 90)")
    assert iou(zerocad_bin, pred, gt, "zerocad", "--rotations", "1")["iou"] < 0.9
    assert iou(zerocad_bin, pred, gt, "zerocad")["iou"] > 0.98


def test_cadrille_translated_and_scaled_copy(zerocad_bin, tmp_path):
    gt = write_prog(tmp_path, "gt", BRACKET)
    pred = write_prog(tmp_path, "pred", "(" + BRACKET + ").translate((4, 5, 6)).val().scale(0.3)")
    r = iou(zerocad_bin, pred, gt, "cadrille")
    assert abs(r["iou"] - 1) < 1e-6
    assert r["cd"] < 1.0


# Pairs with the same bounding box (so normalization changes nothing) and analytic IoU.
SAME_BOX_PAIRS = {
    "box_sphere": ('cq.Workplane("XY").box(10, 10, 10)', 'cq.Workplane("XY").sphere(5)', math.pi / 6),
    "box_cylinder": ('cq.Workplane("XY").box(10, 10, 10)',
                     'cq.Workplane("XY").cylinder(10, 5)', math.pi / 4),
    "cylinder_sphere": ('cq.Workplane("XY").cylinder(10, 5)', 'cq.Workplane("XY").sphere(5)', 2 / 3),
    "box_holed_box": ('cq.Workplane("XY").box(20, 10, 10)',
                      'cq.Workplane("XY").box(20, 10, 10).faces(">Z").workplane().hole(6)',
                      (2000 - math.pi * 9 * 10) / 2000),
    "box_l_shape": ('cq.Workplane("XY").box(10, 10, 10)',
                    'cq.Workplane("XY").box(10, 10, 10).cut(cq.Workplane("XY").box(5, 10, 5)'
                    '.translate((2.5, 0, 2.5)))', 0.75),
}


@pytest.mark.parametrize("name", sorted(SAME_BOX_PAIRS))
def test_voxel_iou_matches_exact_iou(zerocad_bin, tmp_path, name):
    a_src, b_src, expected = SAME_BOX_PAIRS[name]
    a = write_prog(tmp_path, "a", a_src)
    b = write_prog(tmp_path, "b", b_src)
    exact = iou(zerocad_bin, b, a, "exact")["iou"]
    assert abs(exact - expected) < 1e-6
    voxel = iou(zerocad_bin, b, a, "zerocad", "--rotations", "1")["iou"]
    assert abs(voxel - exact) <= 0.02, (voxel, exact)
    voxel24 = iou(zerocad_bin, b, a, "zerocad")["iou"]
    assert voxel24 >= voxel - 1e-12


def test_grid_option_refines(zerocad_bin, tmp_path):
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(10, 10, 10)')
    b = write_prog(tmp_path, "b", 'cq.Workplane("XY").sphere(5)')
    v128 = iou(zerocad_bin, b, a, "zerocad", "--grid", "128")["iou"]
    assert abs(v128 - math.pi / 6) < 0.01
