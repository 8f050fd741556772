"""`zerocad exec` usage and inputs: --help, bad usage and bad input (one-line errors naming
the file and line, exit 2), JSONL input with string and integer ids, exports read back with
the test's own STL reader, the torn-last-line and malformed-results cases of resuming."""
import json
import os
import struct

import pytest

from exec_helpers import read_records, run_exec

BOX = "import cadquery as cq\nresult = cq.Workplane().box({x}, {y}, {z})\n"


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_help(zerocad_bin):
    p = run_exec(zerocad_bin, "--help")
    assert p.returncode == 0
    assert "usage: zerocad exec" in p.stdout and "--timeout" in p.stdout


@pytest.mark.parametrize("args,message", [
    ([], "no input"),
    (["x.py"], "-o RESULTS.jsonl is required"),
    (["x.py", "-o", "r.jsonl", "-j", "0"], "--jobs"),
    (["x.py", "-o", "r.jsonl", "--timeout", "-1"], "--timeout"),
    (["x.py", "-o", "r.jsonl", "--memory", "lots"], "--memory"),
    (["x.py", "-o", "r.jsonl", "--export", "step"], "--export needs --out-dir"),
    (["x.py", "-o", "r.jsonl", "--export", "obj", "--out-dir", "d"], "--export takes"),
    (["x.py", "-o", "r.jsonl", "--bogus"], "try 'zerocad exec --help'"),
])
def test_bad_usage(zerocad_bin, tmp_path, args, message):
    p = run_exec(zerocad_bin, *args, cwd=tmp_path)
    assert p.returncode == 2
    assert message in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1, p.stderr


def bad_input(zerocad_bin, tmp_path, *inputs):
    p = run_exec(zerocad_bin, *inputs, "-o", tmp_path / "r.jsonl")
    assert p.returncode == 2, p.stderr
    assert len(p.stderr.strip().splitlines()) == 1, p.stderr
    assert not (tmp_path / "r.jsonl").exists() or (tmp_path / "r.jsonl").read_text() == ""
    return p.stderr


def test_malformed_jsonl_line_names_file_and_line(zerocad_bin, tmp_path):
    f = tmp_path / "progs.jsonl"
    f.write_text(json.dumps({"id": "a", "code": BOX.format(x=1, y=1, z=1)}) + "\n\n{not json\n")
    err = bad_input(zerocad_bin, tmp_path, f)
    assert f"{f}:3: malformed JSON" in err


@pytest.mark.parametrize("row,message", [
    ({"id": "a"}, '"code" must be a string'),
    ({"code": "x"}, '"id" must be'),
    ({"id": 1.5, "code": "x"}, '"id" must be'),
    (["a", "b"], "not a JSON object"),
])
def test_invalid_jsonl_record(zerocad_bin, tmp_path, row, message):
    f = write_jsonl(tmp_path / "progs.jsonl", [row])
    assert f"{f}:1: {message}" in bad_input(zerocad_bin, tmp_path, f)


def test_duplicate_id(zerocad_bin, tmp_path):
    rows = [{"id": "same", "code": "x"}, {"id": "other", "code": "x"}, {"id": "same", "code": "y"}]
    f = write_jsonl(tmp_path / "progs.jsonl", rows)
    assert f"{f}:3: duplicate id 'same'" in bad_input(zerocad_bin, tmp_path, f)


def test_missing_and_unreadable_inputs(zerocad_bin, tmp_path):
    assert f"{tmp_path}/nope.py" in bad_input(zerocad_bin, tmp_path, tmp_path / "nope.py")
    os.symlink(tmp_path / "gone", tmp_path / "dangling.py")
    assert "dangling.py" in bad_input(zerocad_bin, tmp_path, tmp_path / "dangling.py")
    (tmp_path / "notes.txt").write_text("hi")
    assert "not a directory, a .py file, a .jsonl file or a .parquet shard" in bad_input(zerocad_bin, tmp_path,
                                                                        tmp_path / "notes.txt")


def test_results_file_that_is_not_ours(zerocad_bin, tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text(BOX.format(x=1, y=1, z=1))
    res = tmp_path / "r.jsonl"
    res.write_text('{"id": "x", "status": "ok"}\nhello world\n')
    p = run_exec(zerocad_bin, prog, "-o", res)
    assert p.returncode == 2
    assert f"{res}:2: not a record" in p.stderr
    assert res.read_text() == '{"id": "x", "status": "ok"}\nhello world\n'   # untouched


def test_jsonl_ids_and_volumes(zerocad_bin, tmp_path):
    rows = [{"id": "box-a", "code": BOX.format(x=2, y=3, z=4)}, {"id": 17, "code": BOX.format(x=1, y=1, z=5)},
            {"id": "bad", "code": "result = 1 / 0\n"}]
    f = write_jsonl(tmp_path / "progs.jsonl", rows)
    p = run_exec(zerocad_bin, f, "-o", tmp_path / "r.jsonl", "-j", "2")
    assert p.returncode == 0, p.stderr
    recs = {r["id"]: r for r in read_records(tmp_path / "r.jsonl")}
    assert set(recs) == {"box-a", "17", "bad"}
    assert recs["box-a"]["volume"] == pytest.approx(24.0, rel=1e-12)
    assert recs["box-a"]["bbox"] == pytest.approx([-1, -1.5, -2, 1, 1.5, 2], abs=1e-9)
    assert (recs["box-a"]["solids"], recs["box-a"]["faces"], recs["box-a"]["edges"]) == (1, 6, 12)
    assert recs["17"]["volume"] == pytest.approx(5.0, rel=1e-12)
    assert recs["bad"]["status"] == "error"
    assert recs["bad"]["error"].startswith("ZeroDivisionError") and "(line 1)" in recs["bad"]["error"]
    assert recs["bad"]["volume"] is None


def stl_area(path):
    data = path.read_bytes()
    (n,) = struct.unpack_from("<I", data, 80)
    assert len(data) == 84 + 50 * n
    total = 0.0
    for i in range(n):
        v = struct.unpack_from("<12f", data, 84 + 50 * i)
        a = [v[6] - v[3], v[7] - v[4], v[8] - v[5]]
        b = [v[9] - v[3], v[10] - v[4], v[11] - v[5]]
        c = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
        total += 0.5 * (c[0] ** 2 + c[1] ** 2 + c[2] ** 2) ** 0.5
    return total


def test_exports(zerocad_bin, tmp_path):
    progs = tmp_path / "progs"
    progs.mkdir()
    (progs / "box.py").write_text(BOX.format(x=1, y=2, z=3))
    (progs / "fails.py").write_text("raise ValueError('no')\n")
    out = tmp_path / "out"
    p = run_exec(zerocad_bin, progs, "-o", tmp_path / "r.jsonl", "--export", "step,stl", "--out-dir", out)
    assert p.returncode == 0, p.stderr
    recs = {r["id"]: r for r in read_records(tmp_path / "r.jsonl")}
    ex = recs["box"]["exports"]
    assert set(ex) == {"step", "stl"}
    assert ex["step"] == str(out.resolve() / "box" / "box.step")
    assert open(ex["step"]).read(13) == "ISO-10303-21;"
    assert stl_area(out / "box" / "box.stl") == pytest.approx(2 * (1 * 2 + 2 * 3 + 1 * 3), rel=1e-6)
    assert recs["fails"]["exports"] == {}


def test_torn_last_line_is_run_again(zerocad_bin, tmp_path):
    for name, size in (("a", 2), ("b", 3)):
        (tmp_path / f"{name}.py").write_text(BOX.format(x=size, y=1, z=1))
    res = tmp_path / "r.jsonl"
    first = {"id": "a", "status": "ok", "error": None, "volume": 2.0}
    res.write_text(json.dumps(first) + "\n" + '{"id": "b", "status": "o')
    p = run_exec(zerocad_bin, tmp_path / "a.py", tmp_path / "b.py", "-o", res)
    assert p.returncode == 0, p.stderr
    recs = read_records(res)
    assert [r["id"] for r in recs] == ["a", "b"]
    assert recs[0] == first                    # kept as it was, not run again
    assert recs[1]["volume"] == pytest.approx(3.0)
    assert "1 already recorded" in p.stderr
