"""Chamfer distance (x1000, mean squared nearest-neighbour distance both ways): a shape against
itself is at the sampling noise floor, concentric spheres at the analytic 2 * 0.1^2 * 1000, and
sampling is reproducible by seed."""
import math

from metrics_helpers import iou, write_prog


def test_chamfer_of_shape_with_itself_is_sampling_noise(zerocad_bin, tmp_path):
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(10, 10, 10)')
    b = write_prog(tmp_path, "b", 'cq.Workplane("XY").box(10, 10, 10)')
    cd = iou(zerocad_bin, a, b, "cadrille")["cd"]
    # N uniform samples on area A: E[d^2] to the nearest ~ A / (pi N) (2D Poisson process);
    # the unit-normalized cube has A = 6; two directions; x1000.
    floor = 2 * 6 / (math.pi * 8192) * 1000
    assert 0 < cd < 1.3 * floor, (cd, floor)
    assert abs(cd - floor) / floor < 0.3


def test_chamfer_concentric_spheres_without_normalization(zerocad_bin, tmp_path):
    outer = write_prog(tmp_path, "outer", 'cq.Workplane("XY").sphere(0.5)')
    inner = write_prog(tmp_path, "inner", 'cq.Workplane("XY").sphere(0.4)')
    r = iou(zerocad_bin, inner, outer, "exact")
    assert abs(r["cd"] - 20) / 20 < 0.05, r
    assert abs(r["iou"] - 0.4 ** 3 / 0.5 ** 3) < 1e-6


def test_chamfer_is_reproducible_by_seed(zerocad_bin, tmp_path):
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(10, 4, 3)')
    b = write_prog(tmp_path, "b", 'cq.Workplane("XY").cylinder(3, 5)')
    r1 = iou(zerocad_bin, a, b, "cadrille", "--seed", "7")["cd"]
    r2 = iou(zerocad_bin, a, b, "cadrille", "--seed", "7")["cd"]
    r3 = iou(zerocad_bin, a, b, "cadrille", "--seed", "8")["cd"]
    assert r1 == r2
    assert r1 != r3
    assert abs(r1 - r3) / r1 < 0.1


def test_chamfer_option_on_zerocad_protocol(zerocad_bin, tmp_path):
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(10, 10, 10)')
    b = write_prog(tmp_path, "b", 'cq.Workplane("XY").box(10, 10, 10).translate((3, 3, 3))')
    r = iou(zerocad_bin, a, b, "zerocad", "--chamfer")
    assert r["iou"] == 1.0
    assert 0 < r["cd"] < 1.0
