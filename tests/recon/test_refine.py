"""Refinement (`zerocad reconstruct --refine`): the literal scanner's spans equal Python's tokenize
NUMBER tokens; a rewrite changes NUMBER tokens only; on a known target (the views of a 20x10x5 box,
refinement started from the same program with 26x8x5) the refined program is closer to the truth
by the metrics' voxel IoU (an independent score, not the optimizer's silhouette objective) and its
numbers move toward the truth's proportions; the budget of runs holds; a program without numbers
comes back unchanged; `zerocad eval` scores the programs before and after refinement; the
reconstructor line on stderr names what ran."""
import io
import json
import math
import os
import re
import subprocess
import tokenize

import pytest

TRUTH = """import cadquery as cq

length, width, height = 20.0, 10.0, 5.0
result = cq.Workplane("XY").box(length, width, height)
"""

START = """import cadquery as cq

# a box, its sides to be found
length, width, height = 26.0, 8.0, 5.0
label = "box 26.0 x 8.0"
result = cq.Workplane("XY").box(length, width, height)
"""

NO_NUMBERS = """import cadquery as cq

side = float(len("abcdefghijkl"))
result = cq.Workplane("XY").box(side, side / len("ab"), side / len("abc"))
"""

TRICKY = """# 1 2 3
import cadquery as cq
a, b = 1.5, -2
s = 'x 3.5' + "\\" 4" + '''5
6''' + f"{a:.2f}" + r'\\7'
c = [0x1F, 0o7, 0b1, 1_000, 2e-3, .5, 5., 3j, 10E2]
r = (cq.Workplane("XY")
     .box(a * 2, b, 0.25)  # 8
     .edges().fillet(0.1))
result = r
"""


def run(args, timeout=900):
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)


def literals_tool(zerocad_bin):
    p = os.path.join(os.path.dirname(zerocad_bin), "tests", "recon", "recon_literals")
    assert os.path.exists(p), f"recon_literals not found at {p} (build the recon_literals target)"
    return p


def number_tokens(text):
    """(byte offset, length, string) of every NUMBER token, by Python's tokenize."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line.encode()))
    out = []
    for t in tokenize.generate_tokens(io.StringIO(text).readline):
        if t.type == tokenize.NUMBER:
            row, col = t.start
            line = text.splitlines(keepends=True)[row - 1]
            out.append((starts[row - 1] + len(line[:col].encode()), len(t.string.encode()), t.string))
    return out


def tokens_but_numbers(text):
    return [(t.type, "<n>" if t.type == tokenize.NUMBER else t.string)
            for t in tokenize.generate_tokens(io.StringIO(text).readline)]


def numbers(text):
    return [float(t.string) for t in tokenize.generate_tokens(io.StringIO(text).readline)
            if t.type == tokenize.NUMBER]


@pytest.mark.parametrize("name", ["tricky", "start", "bracket", "flange", "gear_blank", "knob", "enclosure"])
def test_literal_spans_equal_tokenize(zerocad_bin, repo_root, tmp_path, name):
    text = {"tricky": TRICKY, "start": START}.get(name)
    if text is None:
        text = (repo_root / "examples" / f"{name}.py").read_text()
    f = tmp_path / "p.py"
    f.write_text(text)
    res = run([literals_tool(zerocad_bin), str(f)])
    assert res.returncode == 0, res.stderr
    mine = [json.loads(line) for line in res.stdout.splitlines()]
    want = number_tokens(text)
    assert [(m["start"], m["len"]) for m in mine] == [(s, n) for s, n, _ in want]
    for m, (_, _, s) in zip(mine, want):
        based = s.lower().startswith(("0x", "0o", "0b"))
        assert m["is_int"] == int(based or not re.search(r"[.eE]", s))
        decimal = not based and s[-1] not in "jJ"
        assert m["tunable"] == int(decimal and float(s.replace("_", "")) != 0)
    if name == "tricky":   # `a, b = 1.5, -2` is the parameters block, nothing else
        assert [m["param"] for m in mine] == [1, 1] + [0] * (len(mine) - 2)


@pytest.mark.parametrize("name", ["tricky", "bracket", "enclosure"])
def test_rewrite_changes_numbers_only(zerocad_bin, repo_root, tmp_path, name):
    text = TRICKY if name == "tricky" else (repo_root / "examples" / f"{name}.py").read_text()
    f = tmp_path / "p.py"
    f.write_text(text)
    res = run([literals_tool(zerocad_bin), str(f), "--scale", "1.37"])
    assert res.returncode == 0, res.stderr
    assert tokens_but_numbers(res.stdout) == tokens_but_numbers(text)
    before, after = number_tokens(text), number_tokens(res.stdout)
    changed = 0
    for (_, _, a), (_, _, b) in zip(before, after):
        if a.lower().startswith(("0x", "0o", "0b")) or a[-1] in "jJ" or float(a.replace("_", "")) == 0:
            assert a == b
            continue
        va, vb = float(a.replace("_", "")), float(b)
        if re.search(r"[.eE]", a):
            assert re.search(r"[.eE]", b) and vb == pytest.approx(1.37 * va, rel=1e-5)
        else:   # integers stay integers
            assert re.fullmatch(r"\d+", b) and int(b) == max(1, round(1.37 * va))
        changed += 1
    assert changed > 0


def refine(zerocad_bin, tmp_path, start, budget, extra=()):
    (tmp_path / "truth.py").write_text(TRUTH)
    (tmp_path / "start.py").write_text(start)
    log = tmp_path / "log.jsonl"
    res = run([zerocad_bin, "reconstruct", "--shape", str(tmp_path / "truth.py"), "--programs",
               str(tmp_path / "start.py"), "-o", str(tmp_path / "out.py"), "--refine", "--refine-evals", str(budget),
               "--refine-log", str(log), *extra])
    assert res.returncode == 0, res.stderr
    assert "reconstruct: reconstructor: the given programs (--programs) + refinement" in res.stderr
    return (tmp_path / "out.py").read_text(), [json.loads(x) for x in log.read_text().splitlines()], res.stderr


def voxel_iou(zerocad_bin, a, b):
    res = run([zerocad_bin, "iou", str(a), str(b), "--json"])
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)["iou"]


def ratio_distance(nums):
    """Distance of (length/width, width/height) from the truth's (2, 2), in log space: the views
    are framed to the part's size, so proportions are what they can tell."""
    l, w, h = nums
    return math.hypot(math.log(l / w) - math.log(2), math.log(w / h) - math.log(2))


@pytest.mark.parametrize("method", ["neldermead", "bobyqa"])
def test_refinement_on_a_known_target(zerocad_bin, tmp_path, method):
    budget = 40
    out, log, err = refine(zerocad_bin, tmp_path, START, budget, ("--refine-method", method))
    # the text is the same but for the numbers; the string holding numbers is untouched
    assert tokens_but_numbers(out) == tokens_but_numbers(START)
    assert 'label = "box 26.0 x 8.0"' in out
    # the budget of runs holds: the start, then at most budget - 1 more
    assert 2 <= len(log) <= budget
    assert [e["eval"] for e in log] == list(range(1, len(log) + 1))
    assert log[0]["values"] == [26.0, 8.0, 5.0]
    # the numbers moved toward the truth's proportions
    start_nums, out_nums = numbers(START)[:3], numbers(out)[:3]
    assert ratio_distance(out_nums) < 0.5 * ratio_distance(start_nums)
    # and the metrics' voxel IoU against the truth's solid (zerocad protocol) went up
    (tmp_path / "out_prog.py").write_text(out)
    before = voxel_iou(zerocad_bin, tmp_path / "start.py", tmp_path / "truth.py")
    after = voxel_iou(zerocad_bin, tmp_path / "out_prog.py", tmp_path / "truth.py")
    assert after > before + 0.2, (before, after, out_nums)
    m = re.search(r"refine: view IoU ([0-9.]+) -> ([0-9.]+) in (\d+) runs \(budget (\d+)\), 3 numbers tuned", err)
    assert m and int(m.group(3)) == len(log) and int(m.group(4)) == budget
    assert float(m.group(2)) == pytest.approx(max(e["view_iou"] for e in log), abs=1e-4)


def test_a_small_budget_holds_and_the_record(zerocad_bin, tmp_path):
    rec = tmp_path / "pred.jsonl"
    out, log, _ = refine(zerocad_bin, tmp_path, START, 3, ("--record", str(rec)))
    assert 1 <= len(log) <= 3
    assert tokens_but_numbers(out) == tokens_but_numbers(START)
    r = json.loads(rec.read_text())
    assert r["id"] == "out" and r["code"] == out and r["code_before"] == START
    assert r["refine_evals"] == len(log) and r["refine_params"] == 3
    assert r["view_iou_before"] == pytest.approx(log[0]["view_iou"], abs=1e-6)
    assert r["view_iou"] == pytest.approx(max(e["view_iou"] for e in log), abs=1e-6)


def test_program_without_numbers_is_unchanged(zerocad_bin, tmp_path):
    out, log, err = refine(zerocad_bin, tmp_path, NO_NUMBERS, 10)
    assert out == NO_NUMBERS
    assert len(log) <= 1 and all(e["values"] == [] for e in log)
    assert "0 numbers tuned" in err


def test_eval_scores_before_and_after(zerocad_bin, tmp_path):
    """A record with "code_before": eval scores both programs; each equals `zerocad iou` of it."""
    truth_dir = tmp_path / "gt"
    truth_dir.mkdir()
    (truth_dir / "item1.py").write_text(TRUTH)
    better = START.replace("26.0, 8.0", "21.0, 10.0")
    (tmp_path / "pred.jsonl").write_text(json.dumps({"id": "item1", "code": better, "code_before": START}) + "\n")
    res = run([zerocad_bin, "eval", "--pred", str(tmp_path / "pred.jsonl"), "--gt", str(truth_dir), "-o",
               str(tmp_path / "ev"), "-q"])
    assert res.returncode == 0, res.stderr
    assert "| zerocad, before refinement | 1 |" in res.stdout
    item = json.loads((tmp_path / "ev.jsonl").read_text())
    summary = json.loads((tmp_path / "ev.json").read_text())
    (tmp_path / "a.py").write_text(better)
    (tmp_path / "b.py").write_text(START)
    assert item["iou"] == pytest.approx(voxel_iou(zerocad_bin, tmp_path / "a.py", truth_dir / "item1.py"), abs=1e-9)
    assert item["iou_before"] == pytest.approx(voxel_iou(zerocad_bin, tmp_path / "b.py", truth_dir / "item1.py"),
                                               abs=1e-9)
    assert item["iou"] > item["iou_before"]
    assert summary["before"]["iou_mean"] == pytest.approx(item["iou_before"], abs=1e-12)
    assert summary["before"]["success_rate"] == 1.0


def test_default_reconstructor_is_retrieval_with_refinement(zerocad_bin, tmp_path):
    res = run([zerocad_bin, "reconstruct", "--shape", str(tmp_path / "x.py"), "-o", str(tmp_path / "o.py")])
    assert res.returncode == 2
    assert "retrieval + refinement" in res.stderr
    assert not (tmp_path / "o.py").exists()
    res = run([zerocad_bin, "reconstruct", "--retrieval", str(tmp_path / "none"), "--data", str(tmp_path / "none"),
               "-o", str(tmp_path / "p.jsonl")])
    assert res.returncode == 1
    assert res.stderr.splitlines()[0].startswith("reconstruct: reconstructor: retrieval + refinement")
    res = run([zerocad_bin, "reconstruct", "--retrieval", str(tmp_path / "none"), "--data", str(tmp_path / "none"),
               "-o", str(tmp_path / "p.jsonl"), "--no-refine"])
    assert res.stderr.splitlines()[0].startswith("reconstruct: reconstructor: retrieval (")
    res = run([zerocad_bin, "reconstruct", "--retrieval", "t", "--data", "d", "-o", "p", "--refine-evals", "0"])
    assert res.returncode == 2 and "--refine-evals" in res.stderr
