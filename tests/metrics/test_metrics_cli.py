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


# The scoring options that iou, eval --pred and eval --model share (src/cli/score_args.c): each bad
# value is one line naming the option as written, exit 2, before any file is read.
SCORING_ERRORS = [
    (["--rotations", "5"], ["--rotations", "24 or 1"]),
    (["--grid", "7"], ["--grid", "8..512"]),
    (["--samples", "1.5"], ["--samples", "whole number"]),
    (["--seed", "-1"], ["--seed", "non-negative"]),
    (["--timeout", "0"], ["--timeout", "'0'"]),
    (["-p", "nope"], ["unknown protocol 'nope'"]),
]


def test_scoring_option_errors_in_every_command(zerocad_bin, tmp_path):
    heads = [["iou", "a.py", "b.py"], ["eval", "--pred", "p.jsonl", "--gt", "gt"],
             ["eval", "--model", "ck", "--gt", "gt"]]
    for head in heads:
        for opts, needles in SCORING_ERRORS:
            r = run_cli(zerocad_bin, *head, *opts)
            lines = r.stderr.strip().splitlines()
            assert r.returncode == 2 and len(lines) == 1, (head, opts, r.stderr)
            for s in needles:
                assert s in lines[0], (head, opts, lines[0])


def test_rotations_option_takes_effect_in_iou_and_eval(zerocad_bin, tmp_path):
    """A 1x2x3 box against the same box turned 90 degrees: IoU 1 with the 24 rotations searched,
    (1*2*1) / (6 + 6 - 2) = 0.2 without (zerocad protocol: same scale, centred)."""
    a = write_prog(tmp_path, "a", 'cq.Workplane("XY").box(1, 2, 3)')
    b = write_prog(tmp_path, "b", 'cq.Workplane("XY").box(3, 2, 1)')
    assert abs(iou(zerocad_bin, a, b, "zerocad")["iou"] - 1) < 0.02
    r = run_cli(zerocad_bin, "iou", a, b, "--json", "--rotations", "1")
    assert r.returncode == 0, r.stderr
    assert abs(json.loads(r.stdout)["iou"] - 0.2) < 0.02
    gt = tmp_path / "gt"
    gt.mkdir()
    write_prog(gt, "x", 'cq.Workplane("XY").box(3, 2, 1)')
    jl = tmp_path / "pred.jsonl"
    jl.write_text(json.dumps({"id": "x", "code": "import cadquery as cq\nresult = cq.Workplane().box(1, 2, 3)\n"}) + "\n")
    out = tmp_path / "rep"
    r = run_cli(zerocad_bin, "eval", "--pred", jl, "--gt", gt, "-o", out, "-q", "--rotations", "1")
    assert r.returncode == 0, r.stderr
    assert abs(json.loads(open(f"{out}.jsonl").readline())["iou"] - 0.2) < 0.02
