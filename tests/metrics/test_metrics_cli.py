"""`zerocad iou` command line: file types (program, STEP, STL), --json shape, errors and exit codes."""
import json
import math

from metrics_helpers import iou, run_cli, write_prog


def test_step_and_stl_inputs(zerocad_bin, tmp_path):
    prog = write_prog(tmp_path, "p", 'cq.Workplane("XY").box(10, 10, 10)')
    ball = write_prog(tmp_path, "ball", 'cq.Workplane("XY").sphere(5)')
    for out in ("p.step", "p.stl"):
        assert run_cli(zerocad_bin, "run", prog, "-o", tmp_path / out).returncode == 0
    assert run_cli(zerocad_bin, "run", ball, "-o", tmp_path / "ball.stl").returncode == 0
    assert abs(iou(zerocad_bin, tmp_path / "p.step", prog, "exact")["iou"] - 1) < 1e-9
    assert abs(iou(zerocad_bin, tmp_path / "p.stl", prog, "zerocad")["iou"] - 1) < 0.02
    # STL sphere (tessellated by zerocad run) vs the cube program: pi/6 within tessellation + voxels
    assert abs(iou(zerocad_bin, tmp_path / "ball.stl", prog, "zerocad")["iou"] - math.pi / 6) < 0.02
    assert abs(iou(zerocad_bin, tmp_path / "ball.stl", tmp_path / "p.step", "exact")["iou"] - math.pi / 6) < 0.01


def test_json_fields(zerocad_bin, tmp_path):
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(1, 2, 3)')
    r = iou(zerocad_bin, a, a, "cadrille")
    assert set(r) == {"iou", "protocol", "cd", "seconds"}
    r = iou(zerocad_bin, a, a, "cadcoder")
    assert set(r) == {"iou", "protocol", "seconds"}


def test_human_output(zerocad_bin, tmp_path):
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(1, 2, 3)')
    r = run_cli(zerocad_bin, "iou", a, a)
    assert r.returncode == 0 and r.stdout.startswith("iou 1.000000")


def test_errors_and_exit_codes(zerocad_bin, tmp_path):
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(1, 2, 3)')
    r = run_cli(zerocad_bin, "iou", tmp_path / "missing.step", a)
    assert r.returncode == 2 and "missing.step" in r.stderr
    junk = tmp_path / "junk.stl"
    junk.write_bytes(b"not an stl")
    r = run_cli(zerocad_bin, "iou", junk, a)
    assert r.returncode == 2 and "junk.stl" in r.stderr
    r = run_cli(zerocad_bin, "iou", tmp_path / "x.obj", a)
    assert r.returncode == 2
    (tmp_path / "x.obj").write_text("v 0 0 0\n")
    r = run_cli(zerocad_bin, "iou", tmp_path / "x.obj", a)
    assert r.returncode == 2 and "x.obj" in r.stderr
    r = run_cli(zerocad_bin, "iou", a, a, "--protocol", "nope")
    assert r.returncode == 2 and "nope" in r.stderr
    r = run_cli(zerocad_bin, "iou", a)
    assert r.returncode == 2
    bad = tmp_path / "bad.py"
    bad.write_text("raise ValueError('broken')\n")
    r = run_cli(zerocad_bin, "iou", bad, a, "--json")
    assert r.returncode == 1 and "bad.py" in r.stderr and "ValueError" in r.stderr
    assert r.stdout == ""
    r = run_cli(zerocad_bin, "iou", "--help")
    assert r.returncode == 0 and "--protocol" in r.stdout


def test_disjoint_shapes_exact_iou_zero(zerocad_bin, tmp_path):
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(1, 1, 1)')
    b = write_prog(tmp_path, "b", 'cq.Workplane("XY").box(1, 1, 1).translate((5, 0, 0))')
    assert iou(zerocad_bin, a, b, "exact")["iou"] == 0.0
