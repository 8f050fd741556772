"""`zerocad eval --model`: a tiny checkpoint built so that its greedy answer is known in advance
(every decoder layer's output projections are zero, so the last hidden state is the last token's
embedding, and the untied lm_head maps each token of a chain to the next: after the prompt's
final newline it writes a one-line CadQuery sphere program, then <|im_end|>). With it:
--gt DIR scores the program against STEP files (a sphere of its own radius: IoU 1; a box: less);
--data shards give every row exactly one record, also when a run is killed (SIGKILL) mid-way and
resumed after a torn last line; the table is computed over the records; bad input is refused
with a one-line error."""
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "reference"))
import make_vision_checkpoint as mvc  # noqa: E402

REAL_IDS = dict(image_token_id=151655, video_token_id=151656, vision_start_token_id=151652,
                vision_end_token_id=151653)
PROGRAM = 'result=__import__("cadquery").Workplane().sphere(2)'
NEWLINE, IM_END = 198, 151645
PFX = mvc.ref.PFX


def run(args, timeout=600):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout)


def chain_checkpoint(d, zerocad_bin, test_data):
    """The tiny checkpoint whose greedy answer to any prompt ending in a newline is PROGRAM."""
    t = dict(mvc.ref.TINY, vocab_size=151936)
    mvc.write_vision_checkpoint(str(d), t=t, seed=21, ids=REAL_IDS)
    for f in ("vocab.json", "merges.txt", "tokenizer_config.json"):
        shutil.copy(test_data / "tokenizer" / f, d / f)
    p = run([zerocad_bin, "tokenize", "-m", d, PROGRAM])
    assert p.returncode == 0, p.stderr
    prog = [int(x) for x in p.stdout.split()]
    chain = [NEWLINE] + prog + [IM_END]
    assert len(set(chain)) == len(chain) and len(chain) <= t["hidden_size"]
    st = mvc.ref.read_safetensors(str(d / "model.safetensors"))
    for k in st:
        if k.startswith(PFX + "layers.") and k.endswith(("o_proj.weight", "down_proj.weight")):
            st[k] = np.zeros_like(st[k])
    H = t["hidden_size"]
    emb = st[PFX + "embed_tokens.weight"].copy()
    head = np.zeros((t["vocab_size"], H), np.float32)
    for j, (a, b) in enumerate(zip(chain, chain[1:])):
        emb[a] = np.eye(H, dtype=np.float32)[j]
        head[b] = 4.0 * np.eye(H, dtype=np.float32)[j]
    st[PFX + "embed_tokens.weight"] = emb
    st[PFX + "norm.weight"] = np.ones(H, np.float32)
    st["lm_head.weight"] = head
    mvc.ref.write_safetensors(str(d / "model.safetensors"), st)
    cfg = json.loads((d / "config.json").read_text())
    cfg["tie_word_embeddings"] = False
    (d / "config.json").write_text(json.dumps(cfg))
    (d / "generation_config.json").write_text(json.dumps({"eos_token_id": [IM_END], "do_sample": False}))
    return prog


@pytest.fixture(scope="module")
def setup(zerocad_bin, repo_root, test_data, tmp_path_factory):
    d = tmp_path_factory.mktemp("eval_model")
    (d / "ck").mkdir()
    prog = chain_checkpoint(d / "ck", zerocad_bin, test_data)
    src = d / "src"
    src.mkdir()
    for n in ("bracket", "enclosure", "flange", "gear_blank"):
        shutil.copy(repo_root / "examples" / f"{n}.py", src / f"{n}.py")
    p = run([zerocad_bin, "data", "import", src, "-o", d / "shards", "-j", "2"])
    assert p.returncode == 0, p.stderr
    return dict(d=d, ck=d / "ck", shards=d / "shards", prog=prog)


def records(path):
    return [json.loads(x) for x in pathlib.Path(path).read_text().splitlines()]


def test_scores_the_program_against_step_files(zerocad_bin, setup, tmp_path):
    gt = tmp_path / "gt"
    gt.mkdir()
    for name, code in (("ball", 'import cadquery as cq\nresult = cq.Workplane().sphere(2)\n'),
                       ("plate", 'import cadquery as cq\nresult = cq.Workplane().box(8, 2, 1)\n')):
        (tmp_path / f"{name}.py").write_text(code)
        p = run([zerocad_bin, "run", tmp_path / f"{name}.py", "-o", gt / f"{name}.step"])
        assert p.returncode == 0, p.stderr
    rep = tmp_path / "rep"
    p = run([zerocad_bin, "eval", "--model", setup["ck"], "--gt", gt, "-o", rep, "--batch", 2, "--max-new", 64])
    assert p.returncode == 0, p.stderr
    recs = {r["id"]: r for r in records(f"{rep}.jsonl")}
    assert set(recs) == {"ball", "plate"}
    for r in recs.values():
        assert r["code"] == PROGRAM + "\n"
        assert r["tokens"] == len(setup["prog"]) and r["finish"] == "eos"
        assert r["status"] == "ok" and r["success"] and r["scored"]
    assert recs["ball"]["iou"] > 0.999
    assert recs["plate"]["iou"] < 0.5
    s = json.loads(pathlib.Path(f"{rep}.json").read_text())
    assert s["items"] == 2 and s["success_rate"] == 1.0 and s["decoder_weights"] == "as stored"
    assert s["iou_mean"] == pytest.approx((recs["ball"]["iou"] + recs["plate"]["iou"]) / 2)
    assert s["model_card"]["name"].startswith("model card, ABC")
    assert "| model card, ABC (1,000 shapes) | | 61.0% | 0.377 | 0.303 | 0.854 |" in p.stdout


def shard_ids(zerocad_bin, shards, tmp_path, batch=3):
    rep = tmp_path / f"full{batch}"
    p = run([zerocad_bin, "eval", "--model", shards["ck"], "--data", shards["shards"], "-o", rep, "--batch", batch,
             "--max-new", 64, "-q"])
    assert p.returncode == 0, p.stderr
    ids = [r["id"] for r in records(f"{rep}.jsonl")]
    assert len(ids) == len(set(ids)) and len(ids) >= 3
    return ids, records(f"{rep}.jsonl")


def test_every_row_once_and_kill_resume(zerocad_bin, setup, tmp_path):
    ids, recs = shard_ids(zerocad_bin, setup, tmp_path)
    assert all(r["success"] for r in recs)
    rep = tmp_path / "killed"
    args = [zerocad_bin, "eval", "--model", setup["ck"], "--data", setup["shards"], "-o", rep, "--batch", 1,
            "--max-new", 64, "-q"]
    proc = subprocess.Popen([str(a) for a in args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    jsonl = pathlib.Path(f"{rep}.jsonl")
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if jsonl.exists() and jsonl.read_text().count("\n") >= 1:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = jsonl.read_text().count("\n")
    assert 1 <= done
    with open(jsonl, "a") as f:  # a torn last line, as a crash mid-write leaves
        f.write('{"id": "torn-')
    p = run(args)
    assert p.returncode == 0, p.stderr
    got = [r["id"] for r in records(jsonl)]
    assert sorted(got) == sorted(ids)
    assert len(got) == len(set(got))
    again = run(args)  # nothing left: no new records
    assert again.returncode == 0 and [r["id"] for r in records(jsonl)] == got


def test_limit_counts_rows_in_order(zerocad_bin, setup, tmp_path):
    """--batch 1 records in the shard's row order; --limit 2 takes its first two rows."""
    ids, _ = shard_ids(zerocad_bin, setup, tmp_path, batch=1)
    rep = tmp_path / "lim"
    p = run([zerocad_bin, "eval", "--model", setup["ck"], "--data", setup["shards"], "-o", rep, "--limit", 2,
             "--max-new", 64, "-q"])
    assert p.returncode == 0, p.stderr
    assert sorted(r["id"] for r in records(f"{rep}.jsonl")) == sorted(ids[:2])


def one_line_error(p, *needles):
    assert p.returncode == 2, (p.returncode, p.stderr)
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    for s in needles:
        assert str(s) in lines[0], lines[0]


def test_bad_inputs(zerocad_bin, setup, tmp_path):
    missing = tmp_path / "nomodel"
    p = run([zerocad_bin, "eval", "--model", missing, "--data", setup["shards"], "-o", tmp_path / "r1"])
    one_line_error(p, missing)
    bad = tmp_path / "bad.parquet"
    bad.write_text("not a parquet file\n")
    p = run([zerocad_bin, "eval", "--model", setup["ck"], "--data", bad, "-o", tmp_path / "r2"])
    one_line_error(p, bad)
    p = run([zerocad_bin, "eval", "--model", setup["ck"], "-o", tmp_path / "r3"])
    one_line_error(p, "--data")
    p = run([zerocad_bin, "eval", "--model", setup["ck"], "--data", setup["shards"], "--batch", "0"])
    one_line_error(p, "--batch")
    rep = tmp_path / "r4"
    pathlib.Path(f"{rep}.jsonl").write_text("not json\n")
    p = run([zerocad_bin, "eval", "--model", setup["ck"], "--data", setup["shards"], "-o", rep])
    one_line_error(p, f"{rep}.jsonl", "line 1")
    assert pathlib.Path(f"{rep}.jsonl").read_text() == "not json\n"


@pytest.mark.parametrize("quant", ["q8", "q4"])
def test_quantized_decoder_gives_the_known_answer(zerocad_bin, setup, tmp_path, quant):
    """--quant on eval and reconstruct: the chain checkpoint quantized at load time (its layers add
    nothing, zero output projections stay zero; lm_head's one-hot rows keep their largest entry within
    the format's rounding) still answers PROGRAM: eval scores it against its own sphere (IoU 1) and
    reconstruct writes and runs it. Both say the bytes their decoder reads per token, which are the
    format's (computed from the config)."""
    gt = tmp_path / "gt"
    gt.mkdir()
    (tmp_path / "ball.py").write_text('import cadquery as cq\nresult = cq.Workplane().sphere(2)\n')
    p = run([zerocad_bin, "run", tmp_path / "ball.py", "-o", gt / "ball.step"])
    assert p.returncode == 0, p.stderr
    rep = tmp_path / "rep"
    p = run([zerocad_bin, "eval", "--model", setup["ck"], "--gt", gt, "-o", rep, "--max-new", 64, "--quant", quant])
    assert p.returncode == 0, p.stderr
    (r,) = records(f"{rep}.jsonl")
    assert r["code"] == PROGRAM + "\n" and r["success"] and r["iou"] > 0.999
    want = f"decoder weights {quant}, {mvc.ref.decoder_weight_bytes(str(setup['ck']), quant)} bytes read per token"
    assert want in p.stderr, p.stderr
    assert json.loads(pathlib.Path(f"{rep}.json").read_text())["decoder_weights"] == quant
    out = tmp_path / "out.py"
    p = run([zerocad_bin, "reconstruct", "-m", setup["ck"], "--shape", tmp_path / "ball.py", "-o", out, "--max-new", 64,
             "--quant", quant])
    assert p.returncode == 0, p.stderr
    assert out.read_text().strip() == PROGRAM and want in p.stderr


def test_resume_keeps_one_decoder_format(zerocad_bin, setup, tmp_path):
    """Every record names its decoder format; resuming a report with another --quant is refused
    with a one-line error naming the file, the line and both formats, the records untouched; a
    record written before records named the format is taken as it is."""
    rep = tmp_path / "fmt"
    jsonl = pathlib.Path(f"{rep}.jsonl")
    base = [zerocad_bin, "eval", "--model", setup["ck"], "--data", setup["shards"], "-o", rep, "--max-new", 64, "-q"]
    p = run(base + ["--limit", 1, "--quant", "q8"])
    assert p.returncode == 0, p.stderr
    (r,) = records(jsonl)
    assert r["decoder_weights"] == "q8"
    before = jsonl.read_text()
    p = run(base + ["--limit", 2, "--quant", "q4"])
    one_line_error(p, jsonl, "line 1", "q8", "q4")
    assert jsonl.read_text() == before
    p = run(base + ["--limit", 2])
    one_line_error(p, jsonl, "line 1", "q8", "as stored")
    del r["decoder_weights"]
    jsonl.write_text(json.dumps(r) + "\n")
    p = run(base + ["--limit", 2, "--quant", "q4"])
    assert p.returncode == 0, p.stderr
    old, new = records(jsonl)
    assert old["id"] == r["id"] and "decoder_weights" not in old and new["decoder_weights"] == "q4"
