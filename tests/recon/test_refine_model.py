"""`zerocad reconstruct -m DIR --refine` with a tiny random checkpoint (the tests/reference
writer; real Qwen tokenizer files): the reconstructor line names the model and the refinement;
its random program does not run, so nothing is refined, the exit status says so and the --record
line holds the candidate as a failed prediction for `zerocad eval`."""
import json
import pathlib
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "reference"))
import make_vision_checkpoint as mvc  # noqa: E402

REAL_IDS = dict(image_token_id=151655, video_token_id=151656, vision_start_token_id=151652,
                vision_end_token_id=151653)
BOX = 'import cadquery as cq\nresult = cq.Workplane("XY").box(10, 20, 30)\n'


@pytest.fixture(scope="module")
def ckpt(tmp_path_factory, test_data):
    d = tmp_path_factory.mktemp("refine_ckpt")
    mvc.write_vision_checkpoint(str(d), t=dict(mvc.ref.TINY, vocab_size=151936), seed=21, ids=REAL_IDS)
    for f in ("vocab.json", "merges.txt", "tokenizer_config.json"):
        shutil.copy(test_data / "tokenizer" / f, d / f)
    return d


def test_model_reconstructor_with_refinement(zerocad_bin, ckpt, tmp_path):
    (tmp_path / "box.py").write_text(BOX)
    rec = tmp_path / "pred.jsonl"
    res = subprocess.run([zerocad_bin, "reconstruct", "-m", str(ckpt), "--shape", str(tmp_path / "box.py"), "-o",
                          str(tmp_path / "row7.py"), "--max-new", "24", "--refine", "--refine-evals", "5",
                          "--record", str(rec)], capture_output=True, text=True, timeout=600)
    assert res.returncode == 1, res.stderr
    assert res.stderr.splitlines()[0] == f"reconstruct: reconstructor: the model in {ckpt} + refinement"
    assert "no candidate program ran" in res.stderr
    lines = rec.read_text().splitlines()
    assert len(lines) == 1
    r = json.loads(lines[0])
    assert r["id"] == "row7" and r["code"] == (tmp_path / "row7.py").read_text()
    assert "code_before" not in r and r["view_iou"] is None
