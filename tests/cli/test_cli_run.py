"""`zerocad run` end to end: the shared corpus (volumes against analytic values), the error
programs (exception types), the JSON contract, exports read back independently, bad usage."""
import json
import math
import os
import pathlib
import struct
import subprocess

import pytest

CORPUS = pathlib.Path(__file__).resolve().parents[1] / "data" / "programs"
EXPECTED = json.loads((CORPUS / "expected.json").read_text())
ERRORS = sorted((CORPUS / "errors").glob("*.py"))


def run(zerocad_bin, *args, cwd=None, timeout=120):
    return subprocess.run([zerocad_bin, "run", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def run_json(zerocad_bin, prog, *args, cwd=None):
    p = run(zerocad_bin, "--json", str(prog), *args, cwd=cwd)
    lines = p.stdout.strip().splitlines()
    assert len(lines) == 1, f"stdout must be exactly one JSON line, got: {p.stdout!r} / {p.stderr!r}"
    return p, json.loads(lines[0])


def close(a, b, rel):
    return abs(a - b) <= rel * max(1.0, abs(b))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_program(zerocad_bin, name, tmp_path):
    exp = EXPECTED[name]
    p, r = run_json(zerocad_bin, CORPUS / name, cwd=tmp_path)
    assert r["ok"], r["error"]
    assert p.returncode == 0
    tol_v = exp.get("tol_volume", 1e-6)
    assert abs(r["volume"] - exp["volume"]) <= tol_v * abs(exp["volume"]), (r["volume"], exp["volume"])
    tol_b = exp.get("tol_bbox", 1e-6)
    for got, want in zip(r["bbox"], exp["bbox"]):
        assert close(got, want, tol_b), (r["bbox"], exp["bbox"])
    if "faces" in exp:
        assert r["faces"] == exp["faces"]
    assert r["solids"] >= 1
    assert r["valid"] is True
    assert r["error"] is None


@pytest.mark.parametrize("prog", ERRORS, ids=[p.name for p in ERRORS])
def test_error_program(zerocad_bin, prog, tmp_path):
    first = prog.read_text().splitlines()[0]
    want_type = first.split("expect:")[1].strip().split(":")[0]
    p, r = run_json(zerocad_bin, prog, cwd=tmp_path)
    assert p.returncode == 1
    assert r["ok"] is False
    assert r["error"].split(":")[0] == want_type, r["error"]


def test_human_summary_and_exit_codes(zerocad_bin, tmp_path):
    prog = tmp_path / "box.py"
    prog.write_text("import cadquery as cq\nresult = cq.Workplane().box(1, 2, 3)\n")
    p = run(zerocad_bin, str(prog), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "volume 6," in p.stdout
    assert len(p.stdout.strip().splitlines()) == 1


def test_show_object_is_the_result(zerocad_bin, tmp_path):
    prog = tmp_path / "shown.py"
    prog.write_text("import cadquery as cq\na = cq.Workplane().box(1, 1, 1)\n"
                    "b = cq.Workplane().box(2, 2, 2)\nshow_object(a)\nshow_object(b)\n")
    _, r = run_json(zerocad_bin, prog, cwd=tmp_path)
    assert r["ok"] and abs(r["volume"] - 8.0) < 1e-9


def test_prints_go_to_stderr_with_json(zerocad_bin, tmp_path):
    prog = tmp_path / "noisy.py"
    prog.write_text("import cadquery as cq\nprint('hello from the program')\n"
                    "result = cq.Workplane().box(1, 1, 1)\nprint(result.val().Volume())\n")
    p, r = run_json(zerocad_bin, prog, cwd=tmp_path)
    assert r["ok"]
    assert "hello from the program" in p.stderr


def test_error_names_line(zerocad_bin, tmp_path):
    prog = tmp_path / "bad.py"
    prog.write_text("import cadquery as cq\n\nx = 1\nraise RuntimeError('boom')\n")
    p, r = run_json(zerocad_bin, prog, cwd=tmp_path)
    assert p.returncode == 1
    assert r["error"] == "RuntimeError: boom (line 4)"


def test_no_result(zerocad_bin, tmp_path):
    prog = tmp_path / "nothing.py"
    prog.write_text("x = 1\n")
    p, r = run_json(zerocad_bin, prog, cwd=tmp_path)
    assert p.returncode == 1 and not r["ok"]


def test_result_without_solid(zerocad_bin, tmp_path):
    prog = tmp_path / "flat.py"
    prog.write_text("import cadquery as cq\nresult = cq.Workplane().rect(2, 2)\n")
    p, r = run_json(zerocad_bin, prog, cwd=tmp_path)
    assert p.returncode == 1 and not r["ok"]


def test_timeout(zerocad_bin, tmp_path):
    prog = tmp_path / "loop.py"
    prog.write_text("while True:\n    pass\n")
    p, r = run_json(zerocad_bin, prog, "--timeout", "1", cwd=tmp_path)
    assert p.returncode == 1
    assert r["error"].startswith("Timeout")


def test_bad_usage(zerocad_bin, tmp_path):
    assert run(zerocad_bin).returncode == 2
    assert run(zerocad_bin, str(tmp_path / "missing.py")).returncode == 2
    prog = tmp_path / "box.py"
    prog.write_text("import cadquery as cq\nresult = cq.Workplane().box(1, 1, 1)\n")
    p = run(zerocad_bin, str(prog), "-o", str(tmp_path / "out.obj"))
    assert p.returncode == 2 and "out.obj" in p.stderr
    assert run(zerocad_bin, "--help").returncode == 0
    assert run(zerocad_bin, str(prog), "--timeout", "abc").returncode == 2


def read_stl(path):
    """A small STL reader of the test's own: (triangle count, total area)."""
    data = path.read_bytes()
    tris = []
    if data[:5] == b"solid" and b"facet" in data[:300]:
        pts = [tuple(map(float, line.split()[1:4])) for line in data.decode().splitlines()
               if line.strip().startswith("vertex")]
        tris = [pts[i:i + 3] for i in range(0, len(pts), 3)]
    else:
        n = struct.unpack_from("<I", data, 80)[0]
        assert len(data) == 84 + 50 * n
        for i in range(n):
            v = struct.unpack_from("<12f", data, 84 + 50 * i)
            tris.append([v[3:6], v[6:9], v[9:12]])
    area = 0.0
    for a, b, c in tris:
        u = [b[k] - a[k] for k in range(3)]
        w = [c[k] - a[k] for k in range(3)]
        cr = (u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0])
        area += 0.5 * math.sqrt(sum(x * x for x in cr))
    return len(tris), area


def test_exports(zerocad_bin, tmp_path):
    prog = tmp_path / "box.py"
    prog.write_text("import cadquery as cq\nresult = cq.Workplane().box(2, 3, 4)\n")
    step, stl = tmp_path / "o.step", tmp_path / "o.stl"
    p = run(zerocad_bin, str(prog), "-o", str(step), "-o", str(stl), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert step.read_text(errors="replace").startswith("ISO-10303-21")
    ntri, area = read_stl(stl)
    assert ntri == 12                       # a box: 6 faces x 2 triangles
    assert abs(area - 2 * (6 + 8 + 12)) < 1e-4
    # the STEP file, run back through the CAD environment, has the same volume
    back = tmp_path / "back.py"
    back.write_text(f"import cadquery as cq\nresult = cq.importers.importStep({str(step)!r})\n")
    _, r = run_json(zerocad_bin, back, cwd=tmp_path)
    assert r["ok"] and abs(r["volume"] - 24.0) < 1e-9
