"""Commands that read shards directly: `zerocad eval --gt SHARDS` scores predictions against the
rows' step_file (keyed by uuid) exactly as against the same STEP bytes as files (written here
from DuckDB's reading); `zerocad render SHARD.parquet#UUID` draws a row's shape."""
import base64
import json
import re
import subprocess

import pytest
from PIL import Image


@pytest.fixture(scope="module")
def dataset(zerocad_bin, tmp_path_factory):
    out = tmp_path_factory.mktemp("shardcmd") / "ds"
    res = subprocess.run([zerocad_bin, "synth", "-n", "4", "-o", str(out), "--seed", "11"],
                         capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr
    return out


def test_eval_gt_shards_equals_gt_files(dataset, zerocad_bin, duck, tmp_path):
    rows = duck(f"SELECT uuid, decode(cadquery_file) AS code, to_base64(step_file) AS step "
                f"FROM read_parquet('{dataset}/part-*.parquet') ORDER BY uuid")
    preds, gt = tmp_path / "pred.jsonl", tmp_path / "gt"
    gt.mkdir()
    with open(preds, "w") as f:
        for i, r in enumerate(rows[:3]):   # the last row has no prediction
            code = r["code"] if i else "import cadquery as cq\nresult = cq.Workplane().box(100, 2, 2)\n"
            f.write(json.dumps({"id": r["uuid"], "code": code}) + "\n")
    for r in rows:
        (gt / f"{r['uuid']}.step").write_bytes(base64.b64decode(r["step"]))
    reports = {}
    for name, source in (("shards", dataset), ("files", gt)):
        res = subprocess.run([zerocad_bin, "eval", "--pred", str(preds), "--gt", str(source), "-o",
                              str(tmp_path / name), "-q"], capture_output=True, text=True, timeout=900)
        assert res.returncode == 0, res.stderr
        reports[name] = {json.loads(l)["id"]: json.loads(l) for l in (tmp_path / f"{name}.jsonl").read_text().splitlines()}
    by_shard, by_file = reports["shards"], reports["files"]
    assert set(by_shard) == {r["uuid"] for r in rows}
    for r in rows[1:3]:
        assert by_shard[r["uuid"]]["iou"] == pytest.approx(1.0, abs=1e-9)   # the row's own program
    assert by_shard[rows[0]["uuid"]]["iou"] < 0.5                             # a long thin bar instead
    assert by_shard[rows[3]["uuid"]]["status"] == "missing"
    for uuid in by_shard:
        assert by_shard[uuid]["status"] == by_file[uuid]["status"]
        assert by_shard[uuid]["iou"] == by_file[uuid]["iou"]


def test_render_a_shard_row(dataset, zerocad_bin, duck, tmp_path):
    shard = sorted(dataset.glob("part-*.parquet"))[0]
    uuid = duck(f"SELECT uuid FROM read_parquet('{shard}') LIMIT 1")[0]["uuid"]
    res = subprocess.run([zerocad_bin, "render", f"{shard}#{uuid}", "-o", str(tmp_path / "v")],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in (tmp_path / "v").iterdir()) == [f"view_{k}.png" for k in range(8)]
    assert Image.open(tmp_path / "v" / "view_3.png").size == (256, 256)
    res = subprocess.run([zerocad_bin, "render", f"{shard}#no-such-row", "-o", str(tmp_path / "w")],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode != 0 and "no row has uuid no-such-row" in res.stderr


def test_reconstruct_takes_a_rows_own_views(dataset, zerocad_bin, duck, tmp_path):
    """--row feeds the row's stored image_0..7: among candidate programs, the row's own program
    redraws those views (silhouette IoU ~1) and is chosen over a long bar."""
    shard = sorted(dataset.glob("part-*.parquet"))[0]
    row = duck(f"SELECT uuid, decode(cadquery_file) AS code FROM read_parquet('{shard}') LIMIT 1")[0]
    own, bar = tmp_path / "own.py", tmp_path / "bar.py"
    own.write_text(row["code"])
    bar.write_text("import cadquery as cq\nresult = cq.Workplane().box(100, 2, 2)\n")
    out = tmp_path / "out.py"
    res = subprocess.run([zerocad_bin, "reconstruct", "--row", f"{shard}#{row['uuid']}", "--programs",
                          f"{bar},{own}", "-o", str(out)], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    assert out.read_text() == row["code"]
    ious = [float(m) for m in re.findall(r"candidate \d+: silhouette IoU ([0-9.]+)", res.stderr)]
    assert ious[1] > 0.99 > 0.5 > ious[0]   # redrawn from the exported STEP: within a few pixels
