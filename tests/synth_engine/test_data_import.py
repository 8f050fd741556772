"""`zerocad data import`: programs that break each rule of the paper's validation, and
duplicates, are rejected with the right reason, counted in synth-stats.json, and never reach
the shards; the accepted ones do, as DuckDB reads them; a second import resumes (nothing
done twice)."""
import json
import subprocess

import pytest

PLATE = """import cadquery as cq
# a plate with four holes
length, width, thickness = 40.0, 30.0, 5.0
result = (cq.Workplane("XY").box(length, width, thickness)
          .faces(">Z").workplane().rect(30, 20, forConstruction=True).vertices().hole(4))
"""
PLATE_RENAMED = """import cadquery as cq

L, W, T = 40, 30.00, 5.   # other names, number forms, spacing and comments: the same program
result = (cq.Workplane("XY").box(L, W, T).faces(">Z").workplane()
    .rect(30, 20, forConstruction=True).vertices().hole(4.0))
"""
PLATE_MOVED = PLATE.replace('.hole(4))', '.hole(4)).translate((5, 0, 0))')
PROGRAMS = {
    "a_plate.py": (PLATE, "accepted"),
    "b_plate_renamed.py": (PLATE_RENAMED, "duplicate code"),
    "c_plate_moved.py": (PLATE_MOVED, "duplicate shape"),
    "d_tube.py": ("import cadquery as cq\nresult = cq.Workplane().circle(10).circle(6).extrude(20)"
                  ".edges().chamfer(1)\n", "accepted"),
    "e_two_boxes.py": ("import cadquery as cq\nresult = cq.Workplane().box(1, 1, 1)"
                       ".union(cq.Workplane().box(1, 1, 1).translate((5, 0, 0)))\n", "not a single solid"),
    "f_box.py": ("import cadquery as cq\nresult = cq.Workplane().box(1, 2, 3)\n", "fewer than 7 faces"),
    "g_syntax.py": ("import cadquery as cq\nresult = cq.Workplane(.box(1, 2, 3)\n", "exec error: SyntaxError"),
    "h_raises.py": ("import cadquery as cq\nraise ValueError('no part today')\n", "exec error: ValueError"),
    "i_spins.py": ("import cadquery as cq\nwhile True:\n    pass\n", "timeout"),
}


def run_import(zerocad_bin, src, out):
    return subprocess.run([zerocad_bin, "data", "import", str(src), "-o", str(out), "-j", "2", "--timeout", "5"],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def imported(zerocad_bin, tmp_path_factory):
    src = tmp_path_factory.mktemp("programs")
    for name, (code, _) in PROGRAMS.items():
        (src / name).write_text(code)
    out = tmp_path_factory.mktemp("dataset") / "rows"
    res = run_import(zerocad_bin, src, out)
    assert res.returncode == 0, res.stderr
    return src, out


def test_each_rule_rejects_with_its_reason(imported):
    _, out = imported
    log = [json.loads(line) for line in (out / "synth-log.jsonl").read_text().splitlines()]
    assert len(log) == len(PROGRAMS)
    got = [line["reason"] or line["status"] for line in log]
    assert got == [want for _, want in PROGRAMS.values()]
    stats = json.loads((out / "synth-stats.json").read_text())
    assert stats["accepted"] == 2 and stats["programs"] == len(PROGRAMS)
    expected = {}
    for _, want in PROGRAMS.values():
        if want != "accepted":
            expected[want] = expected.get(want, 0) + 1
    assert stats["rejected"] == expected


def test_only_accepted_rows_in_shards(imported, duck):
    src, out = imported
    rows = duck(f"SELECT decode(cadquery_file) AS code, num_faces::INTEGER AS faces "
                f"FROM read_parquet('{out}/part-*.parquet') ORDER BY faces")
    assert [r["code"] for r in rows] == [PROGRAMS["d_tube.py"][0], PROGRAMS["a_plate.py"][0]]
    # the plate: 6 box faces + 4 hole walls; the tube: 2 cylinders, 2 annuli, 4 chamfer cones
    assert [r["faces"] for r in rows] == [8, 10]


def test_second_import_does_nothing_again(imported, zerocad_bin):
    src, out = imported
    before = (out / "synth-log.jsonl").read_text()
    res = run_import(zerocad_bin, src, out)
    assert res.returncode == 0, res.stderr
    assert (out / "synth-log.jsonl").read_text() == before


def test_bad_input(zerocad_bin, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    res = run_import(zerocad_bin, tmp_path / "notes.txt", tmp_path / "o")
    assert res.returncode == 2 and "notes.txt: not a .py file" in res.stderr
