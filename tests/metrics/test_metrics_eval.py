"""`zerocad eval`: success rate, IoU statistics (over successes and with failures as 0, checked
against numpy), unscored items counted, failing and hostile programs counted against success
without crashing the run, JSONL and folder predictions, STEP/STL/program ground truth."""
import json
import math
import pathlib

import numpy as np

from metrics_helpers import run_cli, write_prog


def make_gt(tmp_path, zerocad_bin):
    gt = tmp_path / "gt"
    gt.mkdir()
    write_prog(gt, "box", 'cq.Workplane("XY").box(10, 10, 10)')
    write_prog(gt, "cyl", 'cq.Workplane("XY").cylinder(10, 5)')
    # STEP and STL ground truth, exported by zerocad run from programs
    src = write_prog(tmp_path, "ball_src", 'cq.Workplane("XY").box(10, 10, 10)')
    r = run_cli(zerocad_bin, "run", src, "-o", gt / "stepbox.step")
    assert r.returncode == 0, r.stderr
    src = write_prog(tmp_path, "slab_src", 'cq.Workplane("XY").box(20, 10, 5)')
    r = run_cli(zerocad_bin, "run", src, "-o", gt / "stlslab.stl")
    assert r.returncode == 0, r.stderr
    return gt


PREDICTIONS = {
    "box": 'import cadquery as cq\nresult = cq.Workplane("XY").sphere(5)\n',        # pi/6
    "cyl": 'import cadquery as cq\nresult = cq.Workplane("XY").cylinder(10, 5).translate((3, 0, 0))\n',  # 1
    "stepbox": 'raise RuntimeError("model output is broken")\n',                   # failure
    "stlslab": 'import os\nos.system("touch /tmp/zerocad-metrics-escape")\n',      # denied / failure
    "extra": 'import cadquery as cq\nresult = cq.Workplane().box(1, 1, 1)\n',      # no ground truth
}


def check_report(report, items):
    by_id = {it["id"]: it for it in items}
    assert set(by_id) == {"box", "cyl", "stepbox", "stlslab", "extra"}
    assert by_id["box"]["success"] and by_id["box"]["scored"]
    assert abs(by_id["box"]["iou"] - math.pi / 6) < 0.02
    assert abs(by_id["cyl"]["iou"] - 1) < 0.02
    assert not by_id["stepbox"]["success"] and "RuntimeError" in by_id["stepbox"]["error"]
    assert not by_id["stlslab"]["success"]
    assert by_id["extra"]["status"] == "no_gt"
    ious = np.array([by_id["box"]["iou"], by_id["cyl"]["iou"]])
    assert report["items"] == 4
    assert report["success"] == 2 and report["failed"] == 2
    assert report["success_rate"] == 0.5
    assert report["invalidity_ratio"] == 0.5
    assert report["unscored"] == 0
    assert report["predictions_without_gt"] == 1
    assert abs(report["iou_mean"] - ious.mean()) < 1e-9
    assert abs(report["iou_median"] - np.median(ious)) < 1e-9
    assert abs(report["iou_p90"] - np.percentile(ious, 90)) < 1e-9
    with0 = np.array(list(ious) + [0.0, 0.0])
    assert abs(report["iou_fail0_mean"] - with0.mean()) < 1e-9
    assert abs(report["iou_fail0_median"] - np.median(with0)) < 1e-9
    assert abs(report["iou_fail0_p90"] - np.percentile(with0, 90)) < 1e-9


ESCAPE = pathlib.Path("/tmp/zerocad-metrics-escape")


def test_eval_folder_predictions(zerocad_bin, tmp_path):
    if ESCAPE.exists():
        ESCAPE.unlink()
    gt = make_gt(tmp_path, zerocad_bin)
    pred = tmp_path / "pred"
    pred.mkdir()
    for k, v in PREDICTIONS.items():
        (pred / f"{k}.py").write_text(v)
    out = tmp_path / "rep"
    r = run_cli(zerocad_bin, "eval", "--pred", pred, "--gt", gt, "-o", out)
    assert r.returncode == 0, r.stderr
    items = [json.loads(line) for line in open(f"{out}.jsonl")]
    report = json.load(open(f"{out}.json"))
    check_report(report, items)
    md = open(f"{out}.md").read()
    assert md.startswith("| Protocol | Items | Success rate | Mean IoU | Median IoU | P90 IoU |")
    assert "| zerocad | 4 | 50.0% |" in md
    assert "| zerocad | 4 | 50.0% |" in r.stdout
    assert "ETA" in r.stderr
    assert not ESCAPE.exists()


def test_eval_jsonl_predictions_and_cadrille(zerocad_bin, tmp_path):
    gt = make_gt(tmp_path, zerocad_bin)
    jl = tmp_path / "pred.jsonl"
    with open(jl, "w") as f:
        for k, v in PREDICTIONS.items():
            f.write(json.dumps({"id": k, "code": v}) + "\n")
    out = tmp_path / "rep"
    r = run_cli(zerocad_bin, "eval", "--pred", jl, "--gt", gt, "-o", out, "--protocol", "cadrille", "-q")
    assert r.returncode == 0, r.stderr
    items = {it["id"]: it for it in map(json.loads, open(f"{out}.jsonl"))}
    report = json.load(open(f"{out}.json"))
    assert report["protocol"] == "cadrille"
    assert report["success"] == 2
    assert abs(items["box"]["iou"] - math.pi / 6) < 1e-4
    assert abs(items["cyl"]["iou"] - 1) < 1e-6
    cds = np.array([items["box"]["cd"], items["cyl"]["cd"]])
    assert abs(report["cd_mean"] - cds.mean()) < 1e-9
    assert abs(report["cd_median"] - np.median(cds)) < 1e-9
    assert r.stderr == ""


def test_eval_missing_prediction_counts_as_failure(zerocad_bin, tmp_path):
    gt = tmp_path / "gt"
    gt.mkdir()
    write_prog(gt, "a", 'cq.Workplane("XY").box(1, 2, 3)')
    write_prog(gt, "b", 'cq.Workplane("XY").box(1, 2, 3)')
    jl = tmp_path / "pred.jsonl"
    jl.write_text(json.dumps({"id": "a", "code": "import cadquery as cq\nresult = cq.Workplane().box(3, 2, 1)\n"})
                  + "\n")
    out = tmp_path / "rep"
    r = run_cli(zerocad_bin, "eval", "--pred", jl, "--gt", gt, "-o", out, "-q")
    assert r.returncode == 0, r.stderr
    report = json.load(open(f"{out}.json"))
    assert report["items"] == 2 and report["success"] == 1 and report["missing_predictions"] == 1
    items = {it["id"]: it for it in map(json.loads, open(f"{out}.jsonl"))}
    assert items["b"]["status"] == "missing"
    assert abs(items["a"]["iou"] - 1) < 0.02   # a 90-degree rotation of the ground truth


def test_eval_timeout_and_crash_do_not_stop_the_run(zerocad_bin, tmp_path):
    gt = tmp_path / "gt"
    gt.mkdir()
    for k in ("loop", "crash", "good"):
        write_prog(gt, k, 'cq.Workplane("XY").box(1, 2, 3)')
    jl = tmp_path / "pred.jsonl"
    recs = [{"id": "loop", "code": "while True:\n    pass\n"},
            {"id": "crash", "code": "import ctypes\nctypes.string_at(0)\n"},
            {"id": "good", "code": "import cadquery as cq\nresult = cq.Workplane().box(1, 2, 3)\n"}]
    jl.write_text("".join(json.dumps(r) + "\n" for r in recs))
    out = tmp_path / "rep"
    r = run_cli(zerocad_bin, "eval", "--pred", jl, "--gt", gt, "-o", out, "-q", "--timeout", "2")
    assert r.returncode == 0, r.stderr
    items = {it["id"]: it for it in map(json.loads, open(f"{out}.jsonl"))}
    assert items["loop"]["status"] == "timeout"
    assert not items["crash"]["success"]
    assert items["good"]["success"] and abs(items["good"]["iou"] - 1) < 0.02
    assert json.load(open(f"{out}.json"))["success"] == 1


def test_eval_prediction_not_utf8_is_a_failure_of_that_item(zerocad_bin, tmp_path):
    gt = tmp_path / "gt"
    gt.mkdir()
    for k in ("bad", "good"):
        write_prog(gt, k, 'cq.Workplane("XY").box(1, 2, 3)')
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "bad.py").write_bytes(b"import cadquery as cq\nresult = cq.Workplane().box(1, 2, 3)  # \xff\xfe\n")
    (pred / "good.py").write_text("import cadquery as cq\nresult = cq.Workplane().box(1, 2, 3)\n")
    out = tmp_path / "rep"
    r = run_cli(zerocad_bin, "eval", "--pred", pred, "--gt", gt, "-o", out, "-q")
    assert r.returncode == 0, r.stderr
    items = {it["id"]: it for it in map(json.loads, open(f"{out}.jsonl"))}
    assert items["bad"]["status"] == "error" and not items["bad"]["success"]
    assert "not valid UTF-8" in items["bad"]["error"] and "bad.py" in items["bad"]["error"]
    assert items["good"]["success"] and abs(items["good"]["iou"] - 1) < 0.02
    assert json.load(open(f"{out}.json"))["success"] == 1


def test_eval_bad_inputs(zerocad_bin, tmp_path):
    gt = tmp_path / "gt"
    gt.mkdir()
    write_prog(gt, "a", 'cq.Workplane("XY").box(1, 2, 3)')
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "code": "x"}\n{not json\n')
    r = run_cli(zerocad_bin, "eval", "--pred", bad, "--gt", gt, "-o", tmp_path / "rep")
    assert r.returncode == 2
    assert f"{bad}:2:" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run_cli(zerocad_bin, "eval", "--pred", bad, "--gt", tmp_path / "nope")
    assert r.returncode == 2 and "nope" in r.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run_cli(zerocad_bin, "eval", "--pred", bad, "--gt", empty)
    assert r.returncode == 2 and "empty" in r.stderr
    r = run_cli(zerocad_bin, "eval", "--gt", gt)
    assert r.returncode == 2
    r = run_cli(zerocad_bin, "eval", "--help")
    assert r.returncode == 0 and "--pred" in r.stdout
