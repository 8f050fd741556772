"""`zerocad reconstruct --retrieval`: a test row whose own program is in the training rows is
retrieved exactly (its code, silhouette IoU 1 of its re-rendered views, and `zerocad eval`'s
voxel IoU 1 against its ground truth); a test row outside the training rows gets one of the
training programs, refined by default (numbers only); bad input is refused with a one-line error
and nothing written."""
import io
import json
import shutil
import subprocess
import tokenize

import numpy as np
import pytest
from PIL import Image

EXAMPLES = ("bracket", "flange", "knob")


def run(args, timeout=900):
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)


def import_rows(zerocad_bin, repo_root, names, src, out):
    src.mkdir()
    for n in names:
        shutil.copy(repo_root / "examples" / f"{n}.py", src / f"{n}.py")
    res = run([zerocad_bin, "data", "import", str(src), "-o", str(out), "-j", "2"])
    assert res.returncode == 0, res.stderr
    return out


@pytest.fixture(scope="module")
def shards(zerocad_bin, repo_root, tmp_path_factory):
    d = tmp_path_factory.mktemp("retrieval")
    train = import_rows(zerocad_bin, repo_root, EXAMPLES, d / "train_src", d / "train")
    test = import_rows(zerocad_bin, repo_root, ("flange", "gear_blank"), d / "test_src", d / "test")
    return d, train, test


@pytest.fixture(scope="module")
def predicted(zerocad_bin, shards):
    d, train, test = shards
    pred = d / "pred.jsonl"
    res = run([zerocad_bin, "reconstruct", "--retrieval", str(train), "--data", str(test), "-o", str(pred),
               "-k", "3", "-j", "2", "--views-out", str(d / "views.parquet")])
    assert res.returncode == 0, res.stderr
    assert "reconstruct: reconstructor: retrieval + refinement" in res.stderr
    return [json.loads(line) for line in pred.read_text().splitlines()]


@pytest.fixture(scope="module")
def exported(zerocad_bin, shards, tmp_path_factory):
    """The test rows and the winners' views as `data export` writes them: {name: folder}."""
    d, _, test = shards
    out = tmp_path_factory.mktemp("exported")
    for src, name in ((test, "in"), (d / "views.parquet", "out")):
        res = run([zerocad_bin, "data", "export", str(src), "--rows", "0:2", "-o", str(out / name)])
        assert res.returncode == 0, res.stderr
    return out


def train_rows(zerocad_bin, train):
    res = run([zerocad_bin, "data", "stats", str(train), "--json"])
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)["rows"]


def test_own_program_is_retrieved_exactly(zerocad_bin, shards, predicted, exported, repo_root):
    flange = (repo_root / "examples" / "flange.py").read_text()
    gear = (repo_root / "examples" / "gear_blank.py").read_text()
    assert len(predicted) == 2
    own = {p["id"]: (exported / "in" / p["id"] / "program.py").read_text() for p in predicted}
    assert sorted(own.values()) == sorted([flange, gear])
    p = [q for q in predicted if own[q["id"]] == flange][0]
    assert p["code"] == flange and p["code_before"] == flange
    assert p["view_iou"] == 1.0 and p["view_iou_before"] == 1.0
    assert p["refine_evals"] == 0   # a perfect match is not refined
    k = min(3, train_rows(zerocad_bin, shards[1]))   # -k 3, or every training row when fewer
    assert k >= 2 and p["candidates"] == k and p["candidates_ran"] == k
    other = [q for q in predicted if q is not p][0]
    assert other["code"] != gear    # not in the training rows: it cannot be retrieved
    train_codes = {(repo_root / "examples" / f"{n}.py").read_text() for n in EXAMPLES}
    assert other["code_before"] in train_codes
    assert 0.0 < other["view_iou_before"] <= other["view_iou"] <= 1.0
    # refinement (the default): the retrieved program with its numbers tuned, within the budget
    assert 1 <= other["refine_evals"] <= 24 and 1 <= other["refine_params"] <= 8
    assert tokens_but_numbers(other["code"]) == tokens_but_numbers(other["code_before"])


def tokens_but_numbers(text):
    return [(t.type, "<n>" if t.type == tokenize.NUMBER else t.string)
            for t in tokenize.generate_tokens(io.StringIO(text).readline)]


def test_eval_scores_the_exact_retrieval_iou_1(zerocad_bin, shards, predicted, exported, repo_root):
    d, _, test = shards
    res = run([zerocad_bin, "eval", "--pred", str(d / "pred.jsonl"), "--gt", str(test), "-o",
               str(d / "ev"), "-j", "2", "-q"])
    assert res.returncode == 0, res.stderr
    items = {r["id"]: r for r in map(json.loads, (d / "ev.jsonl").read_text().splitlines())}
    flange = (repo_root / "examples" / "flange.py").read_text()
    pid = [p["id"] for p in predicted if (exported / "in" / p["id"] / "program.py").read_text() == flange][0]
    assert items[pid]["success"] and abs(items[pid]["iou"] - 1.0) < 1e-9
    assert len(items) == 2


def test_views_shard_holds_the_winners(zerocad_bin, shards, predicted):
    d, _, _ = shards
    res = run([zerocad_bin, "data", "stats", str(d / "views.parquet"), "--json"])
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["rows"] == 2


def test_missing_test_shard_is_refused(zerocad_bin, shards, tmp_path):
    _, train, _ = shards
    pred = tmp_path / "pred.jsonl"
    pred.write_text("kept\n")
    res = run([zerocad_bin, "reconstruct", "--retrieval", str(train), "--data", str(tmp_path / "nope"),
               "-o", str(pred)])
    assert res.returncode == 1
    assert "nope" in res.stderr and len(res.stderr.strip().splitlines()[-1]) < 300
    assert pred.read_text() == "kept\n"


def test_usage_errors(zerocad_bin, shards, tmp_path):
    _, train, _ = shards
    res = run([zerocad_bin, "reconstruct", "--retrieval", str(train), "-o", str(tmp_path / "p.jsonl")])
    assert res.returncode == 2 and "--data" in res.stderr
    res = run([zerocad_bin, "reconstruct", "--retrieval", str(train), "--data", str(train), "-o",
               str(tmp_path / "p.jsonl"), "-k", "0"])
    assert res.returncode == 2 and "-k" in res.stderr
    assert not (tmp_path / "p.jsonl").exists()


def test_not_a_shard_is_refused(zerocad_bin, shards, tmp_path):
    _, train, _ = shards
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 this is not parquet")
    res = run([zerocad_bin, "reconstruct", "--retrieval", str(train), "--data", str(bad), "-o",
               str(tmp_path / "p.jsonl")])
    assert res.returncode == 1 and "bad.parquet" in res.stderr
    assert not (tmp_path / "p.jsonl").exists()


def silhouette(path):
    img = np.asarray(Image.open(path).convert("RGB")).astype(int)
    return (np.abs(img - img[0, 0]) > 16).any(axis=2)


def test_view_iou_matches_an_independent_reading(predicted, exported):
    """The view IoU of every prediction, recomputed with PIL and numpy from the test row's views
    and the winner's views as `data export` writes them."""
    for p in predicted:
        ious = []
        for v in range(8):
            a = silhouette(exported / "in" / p["id"] / f"view_{v}.png")
            b = silhouette(exported / "out" / p["id"] / f"view_{v}.png")
            union = (a | b).sum()
            ious.append((a & b).sum() / union if union else 1.0)
        assert p["view_iou"] == pytest.approx(float(np.mean(ious)), abs=1e-12)
