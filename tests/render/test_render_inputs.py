"""Determinism (two runs and threaded runs give identical bytes), STL input against program
and STEP input of the same shape, and the one-line errors for bad input."""
import filecmp
import struct
import subprocess

import numpy as np
import pytest

from render_testlib import load_rgb

BRACKET = """import cadquery as cq
base = cq.Workplane("XY").box(60, 20, 5, centered=False)
upright = cq.Workplane("XY").box(5, 20, 30, centered=False)
hole = cq.Workplane("XY").center(48, 10).circle(8).extrude(5)
result = base.union(upright).cut(hole).edges("|Z").fillet(1.5)
"""


@pytest.fixture(scope="module")
def bracket(tmp_path_factory, zerocad_bin):
    d = tmp_path_factory.mktemp("bracket")
    prog = d / "bracket.py"
    prog.write_text(BRACKET)
    subprocess.run([zerocad_bin, "run", str(prog), "-o", str(d / "bracket.stl"), "-o", str(d / "bracket.step")],
                   check=True, capture_output=True, cwd=d, timeout=120)
    return d


def same_files(a, b, names):
    return all(filecmp.cmp(a / n, b / n, shallow=False) for n in names)


def test_two_runs_and_threads_give_identical_bytes(render, bracket):
    names = [f"view_{i}.png" for i in range(8)]
    _, one = render(bracket / "bracket.py")
    _, two = render(bracket / "bracket.py")
    _, threaded = render(bracket / "bracket.py", "-j", "4")
    assert same_files(one, two, names)
    assert same_files(one, threaded, names)
    _, stl1 = render(bracket / "bracket.stl", "-j", "3")
    _, stl2 = render(bracket / "bracket.stl")
    assert same_files(stl1, stl2, names)


def differing_fraction(a, b, tolerance=24):
    """Fraction of pixels where some channel differs by more than `tolerance` levels (an edge
    moved by a fraction of a pixel changes its anti-aliased pixels by less than a full step)."""
    return (np.abs(a - b).max(axis=2) > tolerance).mean()


@pytest.mark.parametrize("other", ["bracket.stl", "bracket.step"])
def test_stl_and_step_look_like_the_program(render, bracket, other):
    _, prog = render(bracket / "bracket.py")
    _, alt = render(bracket / other)
    for i in range(8):
        frac = differing_fraction(load_rgb(prog / f"view_{i}.png"), load_rgb(alt / f"view_{i}.png"))
        assert frac < 0.01, (i, frac)


def test_ascii_stl_matches_binary(render, bracket, tmp_path):
    data = (bracket / "bracket.stl").read_bytes()
    (n,) = struct.unpack_from("<I", data, 80)
    lines = ["solid bracket"]
    for t in range(n):
        vals = struct.unpack_from("<12f", data, 84 + 50 * t)
        lines.append("facet normal %r %r %r\n outer loop" % vals[:3])
        for k in range(3):
            lines.append("  vertex %r %r %r" % vals[3 + 3 * k:6 + 3 * k])
        lines.append(" endloop\nendfacet")
    lines.append("endsolid bracket")
    ascii_path = tmp_path / "ascii.stl"
    ascii_path.write_text("\n".join(lines) + "\n")
    _, a = render(ascii_path, "--view", "0")
    _, b = render(bracket / "bracket.stl", "--view", "0")
    assert filecmp.cmp(a / "view_0.png", b / "view_0.png", shallow=False)


def expect_error(render, inp, *args, mention=None):
    proc, _ = render(inp, *args, check=False)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert (mention or str(inp)) in lines[0]
    assert "Traceback" not in proc.stderr
    return lines[0]


def test_non_solid_program(render, write_program):
    prog = write_program("wire.py", "result = cq.Workplane('XY').rect(2, 3)")
    expect_error(render, prog)


def test_empty_program_result(render, write_program):
    prog = write_program("empty.py", "result = cq.Workplane('XY')")
    expect_error(render, prog)


def test_program_that_raises(render, write_program):
    prog = write_program("raises.py", "result = cq.Workplane('XY').box(1, 1, 1).faces('>Q')")
    expect_error(render, prog)


def test_truncated_binary_stl(render, bracket, tmp_path):
    data = (bracket / "bracket.stl").read_bytes()
    bad = tmp_path / "truncated.stl"
    bad.write_bytes(data[: len(data) - 70])
    assert "truncated" in expect_error(render, bad)
    tiny = tmp_path / "tiny.stl"
    tiny.write_bytes(data[:40])
    assert "truncated" in expect_error(render, tiny)


def test_truncated_ascii_stl(render, tmp_path):
    bad = tmp_path / "cut.stl"
    bad.write_text("solid x\nfacet normal 0 0 1\n outer loop\n  vertex 0 0 0\n  vertex 1 0 0\n")
    assert "truncated" in expect_error(render, bad)


def test_empty_stl(render, tmp_path):
    empty = tmp_path / "empty.stl"
    empty.write_bytes(b"\0" * 80 + struct.pack("<I", 0))
    expect_error(render, empty)


def test_bad_step(render, tmp_path):
    bad = tmp_path / "bad.step"
    bad.write_text("ISO-10303-21;\nthis is not a STEP file\n")
    expect_error(render, bad)


def test_missing_input(render, tmp_path):
    expect_error(render, tmp_path / "nope.stl")


@pytest.mark.parametrize("path", [("framing", "margin"), ("views", 0, "direction"), ("light", "ambient"),
                                  ("version",)])
def test_spec_with_a_missing_field(render, write_spec, bracket, default_spec, tmp_path, path):
    import json
    spec = json.loads(json.dumps(default_spec))
    node = spec
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    bad = tmp_path / "bad_spec.json"
    bad.write_text(json.dumps(spec))
    line = expect_error(render, bracket / "bracket.stl", "--views", bad, mention=str(bad))
    assert path[-1] in line
