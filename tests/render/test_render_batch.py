"""`zerocad render --batch`: many inputs (a folder of programs, STEP and STL files, a parquet
shard's rows) drawn into OUTDIR/<id>/, one record line per item in OUTDIR/render.jsonl.
Silhouettes are checked against the analytic area of a box seen along an axis; PNG bytes against
the one-shape form; ids against the shard as DuckDB reads it; resuming against what was recorded
before."""
import hashlib
import json
import subprocess

import numpy as np
import pytest

from render_testlib import gray

SIZE = 96
# Boxes (a, b, c) with a pocket cut from the top: seen along Z, the silhouette is the a x b
# rectangle; the framing's radius is half the box's diagonal (its corners are mesh points).
BOXES = {"slab": (4.0, 2.0, 1.0), "tall": (2.0, 3.0, 5.0), "cube": (3.0, 3.0, 3.0), "flat": (5.0, 1.5, 0.8)}


def box_program(a, b, c):
    return (f"import cadquery as cq\nresult = cq.Workplane('XY').box({a}, {b}, {c})"
            f".faces('>Z').workplane().rect({a / 3}, {b / 3}).cutBlind(-{c / 2})\n")


def zerocad(zerocad_bin, *args, timeout=300):
    return subprocess.run([zerocad_bin, *map(str, args)], capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def top_spec(write_spec):
    """One orthographic view along +Z, flat light, no lines: the shape is a flat grey region."""
    view = {"name": "top", "direction": [0, 0, 1], "up": [0, 1, 0], "projection": "orthographic",
            "width": SIZE, "height": SIZE}
    return write_spec("top.json", views=[view], lines={"edges": False, "silhouette": False},
                      light={"ambient": 1.0, "diffuse": 0.0})


def covered_area(png, spec):
    """Pixels the shape covers, partial (anti-aliased) pixels by their share."""
    img = gray(png).astype(float)
    level = spec["material"][0]
    return np.clip((255 - img) / (255 - level), 0, 1).sum()


def expected_area(spec, a, b, c):
    radius = (a * a + b * b + c * c) ** 0.5 / 2
    scale = (1 - spec["framing"]["margin"]) * SIZE / 2 / radius
    return a * b * scale * scale


def records(outdir):
    return [json.loads(line) for line in (outdir / "render.jsonl").read_text().splitlines()]


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def shapes(zerocad_bin, tmp_path_factory):
    """A folder with slab.py, tall.step, cube.stl (made by `zerocad run`) and flat.py."""
    d = tmp_path_factory.mktemp("batch_src")
    src = d / "src"
    src.mkdir()
    for name, dims in BOXES.items():
        (d / f"{name}.py").write_text(box_program(*dims))
    (src / "slab.py").write_text(box_program(*BOXES["slab"]))
    (src / "flat.py").write_text(box_program(*BOXES["flat"]))
    for name, ext in (("tall", "step"), ("cube", "stl")):
        p = zerocad(zerocad_bin, "run", d / f"{name}.py", "-o", src / f"{name}.{ext}")
        assert p.returncode == 0, p.stderr
    (src / "notes.txt").write_text("not an input\n")
    return src


def test_silhouettes_of_every_input_kind(zerocad_bin, shapes, top_spec, tmp_path):
    spec_path, spec = top_spec
    out = tmp_path / "out"
    p = zerocad(zerocad_bin, "render", "--batch", shapes, "-o", out, "--views", spec_path)
    assert p.returncode == 0, p.stderr
    recs = records(out)
    assert [r["id"] for r in recs] == ["cube", "flat", "slab", "tall"]   # the folder sorted by name
    for r in recs:
        assert r["status"] == "ok" and r["error"] is None, r
        assert r["views"] == [f"{r['id']}/top.png"]
        assert r["seconds"] >= 0
        area = covered_area(out / r["id"] / "top.png", spec)
        want = expected_area(spec, *BOXES[r["id"]])
        assert abs(area - want) <= 0.01 * want + 2, (r["id"], area, want)
    assert json.loads((out / "render.spec.json").read_text()) == spec


def test_pngs_equal_the_one_shape_form(zerocad_bin, shapes, tmp_path):
    out = tmp_path / "batch"
    p = zerocad(zerocad_bin, "render", "--batch", shapes / "slab.py", shapes / "cube.stl", shapes / "tall.step",
                "-o", out, "--size", 64, "-j", 2, "-q")
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""   # -q: no progress, no summary
    for name in ("slab.py", "cube.stl", "tall.step"):
        one = tmp_path / f"one-{name}"
        q = zerocad(zerocad_bin, "render", shapes / name, "-o", one, "--size", 64)
        assert q.returncode == 0, q.stderr
        stem = name.split(".")[0]
        names = sorted(f.name for f in one.iterdir())
        assert names == [f"view_{i}.png" for i in range(8)]
        assert sorted(f.name for f in (out / stem).iterdir()) == names
        for n in names:
            assert sha(out / stem / n) == sha(one / n), (name, n)


def test_bad_items_get_error_records(zerocad_bin, shapes, tmp_path):
    src = tmp_path / "mixed"
    src.mkdir()
    (src / "good.py").write_text(box_program(2, 2, 2))
    (src / "raises.py").write_text("raise ValueError('no part here')\n")
    (src / "garbage.step").write_text("ISO-10303-21;\nthis is not STEP\n")
    (src / "empty.stl").write_bytes(b"")
    out = tmp_path / "out"
    p = zerocad(zerocad_bin, "render", "--batch", src, "-o", out, "--size", 32)
    assert p.returncode == 0, p.stderr
    recs = {r["id"]: r for r in records(out)}
    assert set(recs) == {"good", "raises", "garbage", "empty"}
    assert recs["good"]["status"] == "ok" and len(recs["good"]["views"]) == 8
    for bad in ("raises", "garbage", "empty"):
        assert recs[bad]["status"] == "error" and recs[bad]["views"] == [], recs[bad]
        assert recs[bad]["input"] == str(src / next(f.name for f in src.iterdir() if f.stem == bad))
        assert recs[bad]["error"].startswith(recs[bad]["input"] + ": "), recs[bad]
        assert not (out / bad).exists()
    assert "ValueError" in recs["raises"]["error"]
    assert "error 3" in p.stderr


def test_rerun_skips_recorded_ids_and_redoes_a_torn_one(zerocad_bin, shapes, tmp_path):
    out = tmp_path / "out"
    args = ["render", "--batch", shapes, "-o", out, "--size", 32]
    assert zerocad(zerocad_bin, *args).returncode == 0
    lines = (out / "render.jsonl").read_text().splitlines(keepends=True)
    assert len(lines) == 4
    stamps = {f: f.stat().st_mtime_ns for f in out.glob("*/*.png")}
    again = zerocad(zerocad_bin, *args)
    assert again.returncode == 0, again.stderr
    assert (out / "render.jsonl").read_text() == "".join(lines)   # nothing added
    assert {f: f.stat().st_mtime_ns for f in out.glob("*/*.png")} == stamps   # nothing redrawn
    assert "4 already recorded" in again.stderr
    # A run killed while writing the third record: two whole lines and a torn one.
    torn_id = json.loads(lines[2])["id"]
    (out / "render.jsonl").write_text(lines[0] + lines[1] + lines[2][:17])
    gone = lines[3]
    resumed = zerocad(zerocad_bin, *args)
    assert resumed.returncode == 0, resumed.stderr
    now = (out / "render.jsonl").read_text().splitlines(keepends=True)
    assert now[:2] == lines[:2]                                  # what was recorded stays as it was
    ids = [json.loads(x)["id"] for x in now]
    assert sorted(ids) == sorted(json.loads(x)["id"] for x in lines)   # each id once
    assert set(ids[2:]) == {torn_id, json.loads(gone)["id"]}
    for f, t in stamps.items():   # only the two items not recorded were drawn again
        if f.parent.name in (torn_id, json.loads(gone)["id"]):
            continue
        assert f.stat().st_mtime_ns == t, f


def test_shard_rows_are_items(zerocad_bin, shapes, tmp_path, top_spec, duck):
    spec_path, spec = top_spec
    progs = tmp_path / "progs"
    progs.mkdir()
    for name, dims in BOXES.items():
        (progs / f"{name}.py").write_text(box_program(*dims))
    shards = tmp_path / "shards"
    p = zerocad(zerocad_bin, "data", "import", progs, "-o", shards, "-j", 2)
    assert p.returncode == 0, p.stderr
    rows = duck(f"SELECT uuid, to_base64(cadquery_file) AS code FROM read_parquet('{shards}/*.parquet')")
    assert len(rows) == len(BOXES)
    out = tmp_path / "out"
    p = zerocad(zerocad_bin, "render", "--batch", shards, "-o", out, "--views", spec_path)
    assert p.returncode == 0, p.stderr
    recs = {r["id"]: r for r in records(out)}
    assert set(recs) == {r["uuid"] for r in rows}
    import base64
    for r in rows:
        code = base64.b64decode(r["code"]).decode()
        dims = next(d for d in BOXES.values() if box_program(*d).strip() in code)
        rec = recs[r["uuid"]]
        assert rec["status"] == "ok" and rec["input"].endswith(f".parquet#{r['uuid']}"), rec
        area = covered_area(out / r["uuid"] / "top.png", spec)
        want = expected_area(spec, *dims)
        assert abs(area - want) <= 0.01 * want + 2, (dims, area, want)


def test_another_spec_is_refused(zerocad_bin, shapes, tmp_path):
    out = tmp_path / "out"
    assert zerocad(zerocad_bin, "render", "--batch", shapes, "-o", out, "--size", 32).returncode == 0
    before = (out / "render.jsonl").read_text()
    p = zerocad(zerocad_bin, "render", "--batch", shapes, "-o", out, "--size", 48)
    assert p.returncode == 1
    assert p.stderr.count("\n") == 1 and "render.spec.json" in p.stderr, p.stderr
    assert (out / "render.jsonl").read_text() == before


def test_batch_failures_are_one_line(zerocad_bin, shapes, tmp_path):
    twin = tmp_path / "twin"
    twin.mkdir()
    (twin / "slab.step").write_bytes((shapes / "tall.step").read_bytes())
    p = zerocad(zerocad_bin, "render", "--batch", shapes, twin, "-o", tmp_path / "o1")
    assert p.returncode == 1 and p.stderr.count("\n") == 1 and "'slab' twice" in p.stderr, p.stderr
    assert not (tmp_path / "o1").exists()
    p = zerocad(zerocad_bin, "render", "--batch", tmp_path / "missing", "-o", tmp_path / "o2")
    assert p.returncode == 1 and p.stderr.count("\n") == 1 and "missing" in p.stderr, p.stderr
    p = zerocad(zerocad_bin, "render", "--batch", shapes / "notes.txt", "-o", tmp_path / "o3")
    assert p.returncode == 1 and "notes.txt: unknown input type" in p.stderr, p.stderr
    bad = tmp_path / "o4"
    bad.mkdir()
    (bad / "render.jsonl").write_text("not json\n")
    p = zerocad(zerocad_bin, "render", "--batch", shapes, "-o", bad)
    assert p.returncode == 1 and "render.jsonl:1: not a render record" in p.stderr, p.stderr
    assert (bad / "render.jsonl").read_text() == "not json\n"


@pytest.mark.parametrize("args", [["--batch"], ["--batch", "x.py"], ["--batch", "x.py", "-o", "o", "--grid", "g.png"],
                                  ["x.py", "-o", "o", "--shard", "0/2"], ["--batch", "x.py", "-o", "o", "--shard", "2/2"]])
def test_usage_errors(zerocad_bin, tmp_path, args):
    p = subprocess.run([zerocad_bin, "render", *args], capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert not list(tmp_path.iterdir())


def test_help_documents_both_forms(zerocad_bin):
    p = zerocad(zerocad_bin, "render", "--help")
    assert p.returncode == 0
    assert "zerocad render INPUT" in p.stdout and "zerocad render --batch INPUTS..." in p.stdout
    for word in ("--shard K/N", "render.jsonl", "--quiet"):
        assert word in p.stdout


def test_ctrl_c_stops_between_items(zerocad_bin, tmp_path):
    """SIGINT ends the batch after the item being drawn (exit 1), not as a KeyboardInterrupt
    recorded as that item's error; the rerun draws the rest."""
    import signal
    import time
    src = tmp_path / "slow"
    src.mkdir()
    for i in range(6):
        (src / f"s{i}.py").write_text("import time\ntime.sleep(0.4)\n" + box_program(1 + i, 2, 1))
    out = tmp_path / "out"
    args = [zerocad_bin, "render", "--batch", src, "-o", out, "--size", 32]
    proc = subprocess.Popen(list(map(str, args)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not ((out / "render.jsonl").exists() and
                                               (out / "render.jsonl").read_text().count("\n") >= 1):
        time.sleep(0.05)
    time.sleep(0.1)   # into the next item's program
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stderr
    assert stderr.count("interrupted; run the same command again to resume") == 1, stderr
    done = records(out)
    assert 1 <= len(done) < 6
    assert all(r["status"] == "ok" for r in done), done
    again = zerocad(zerocad_bin, *args[1:])
    assert again.returncode == 0, again.stderr
    recs = records(out)
    assert sorted(r["id"] for r in recs) == [f"s{i}" for i in range(6)]
    assert all(r["status"] == "ok" for r in recs), recs
