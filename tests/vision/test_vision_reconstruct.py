"""zerocad reconstruct: end to end with a tiny random checkpoint (real Qwen tokenizer files, full
vocabulary, tiny decoder and vision tower): it runs and reports honestly that the random program
does not execute (exit 1, the error named); the stages after generation on known programs: the STEP
written has the program's analytic volume, and of two candidates the one whose views match wins."""
import json
import re
import shutil
import subprocess

import pytest

from vision_test_helpers import make_png, mvc, probe, probe_path

REAL_IDS = dict(image_token_id=151655, video_token_id=151656, vision_start_token_id=151652,
                vision_end_token_id=151653)
BOX = 'import cadquery as cq\nresult = cq.Workplane("XY").box(10, 20, 30)\n'
CYL = 'import cadquery as cq\nresult = cq.Workplane("XY").cylinder(30, 6)\n'


def run(*args, timeout=600):
    return subprocess.run([*map(str, args)], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def ckpt(tmp_path_factory, test_data):
    src = test_data / "tokenizer"
    d = tmp_path_factory.mktemp("recon_ckpt")
    t = dict(mvc.ref.TINY, vocab_size=151936)
    mvc.write_vision_checkpoint(str(d), t=t, seed=21, ids=REAL_IDS)
    for f in ("vocab.json", "merges.txt", "tokenizer_config.json"):
        shutil.copy(src / f, d / f)
    return d


@pytest.fixture
def progs(tmp_path):
    (tmp_path / "box.py").write_text(BOX)
    (tmp_path / "cyl.py").write_text(CYL)
    return tmp_path / "box.py", tmp_path / "cyl.py"


def test_random_checkpoint_end_to_end_reports_failure(zerocad_bin, ckpt, tmp_path, progs):
    out = tmp_path / "out.py"
    p = run(zerocad_bin, "reconstruct", "-m", ckpt, "--shape", progs[0], "-o", out, "--max-new", "40")
    assert p.returncode == 1, p.stderr
    assert "no candidate program ran" in p.stderr and "prefill of" in p.stderr
    assert out.exists()


def test_png_views_and_two_sampled_candidates(zerocad_bin, ckpt, tmp_path):
    views = [make_png(tmp_path / f"v{i}.png", 256, 256, i) for i in range(8)]
    out = tmp_path / "out.py"
    p = run(zerocad_bin, "reconstruct", "-m", ckpt, *views, "-o", out, "-n", "2", "--max-new", "24", "--seed", "3")
    assert p.returncode == 1, p.stderr
    assert "candidate 1:" in p.stderr and "candidate 2:" in p.stderr and "no candidate program ran" in p.stderr


def test_step_has_the_analytic_volume(zerocad_bin, tmp_path, progs):
    out, step = tmp_path / "out.py", tmp_path / "out.step"
    p = run(zerocad_bin, "reconstruct", "--shape", progs[0], "--programs", progs[0], "-o", out, "--step", step,
            "--stl", tmp_path / "out.stl")
    assert p.returncode == 0, p.stderr
    assert out.read_text() == BOX
    check = tmp_path / "check.py"
    check.write_text(f'import cadquery as cq\nresult = cq.importers.importStep({str(step)!r})\n')
    r = json.loads(run(zerocad_bin, "run", check, "--json").stdout)
    assert abs(r["volume"] - 10 * 20 * 30) <= 1e-6 * 6000


@pytest.mark.parametrize("order", [(1, 0), (0, 1)])
def test_candidate_whose_views_match_is_picked(zerocad_bin, tmp_path, progs, order):
    out = tmp_path / "out.py"
    cands = ",".join(str(progs[i]) for i in order)
    p = run(zerocad_bin, "reconstruct", "--shape", progs[0], "--programs", cands, "-o", out)
    assert p.returncode == 0, p.stderr
    assert out.read_text() == BOX


def test_bad_usage(zerocad_bin, tmp_path):
    assert run(zerocad_bin, "reconstruct", "-o", tmp_path / "x.py").returncode == 2
    p = run(zerocad_bin, "reconstruct", "--programs", "nope.py", tmp_path / "missing.png", "-o", tmp_path / "x.py")
    assert p.returncode == 1 and "missing.png" in p.stderr


def candidate_tokens(stderr):
    return {int(m.group(1)): int(m.group(2)) for m in re.finditer(r"candidate (\d+): (\d+) tokens", stderr)}


def test_sampled_candidates_together_equal_one_after_another(zerocad_bin, ckpt, tmp_path):
    """Three sampled candidates decoded together from one prefill (each from a copy of the prompt's
    cache, its own seed) are the candidates one after another give: the same first program and the
    same number of tokens for each. The batched run says it decoded them together."""
    views = [make_png(tmp_path / f"v{i}.png", 256, 256, i) for i in range(8)]
    outs, errs = {}, {}
    for b in ("1", "3"):
        out = tmp_path / f"out{b}.py"
        p = run(zerocad_bin, "reconstruct", "-m", ckpt, *views, "-o", out, "-n", "3", "--max-new", "40", "--seed",
                "5", "--temp", "1.2", "--batch", b)
        assert p.returncode == 1, p.stderr
        outs[b], errs[b] = out.read_text(), p.stderr
    assert "3 at a time)" in errs["3"] and "at a time" not in errs["1"]
    assert candidate_tokens(errs["1"]) == candidate_tokens(errs["3"]) and len(candidate_tokens(errs["1"])) == 3
    assert outs["1"] == outs["3"] and len(outs["1"]) > 20


def test_candidate_texts_batched_equal_sequential(zerocad_bin, ckpt, tmp_path):
    """zc_reconstruct_generate's four sampled answers, at most 1, 3 and 4 decoding together (each
    from a copy of the one prefilled cache, candidate i with seed + i): the same four texts, and not
    all alike (the seeds differ)."""
    views = [make_png(tmp_path / f"c{i}.png", 256, 256, 10 + i) for i in range(2)]
    got = {b: probe(probe_path(zerocad_bin), "candidates", ckpt, 4, b, 9, 32, *views, gemm=None) for b in (1, 3, 4)}
    assert got[1] == got[3] == got[4]
    assert len(got[1]) == 4 and len(set(got[1])) > 1 and all(got[1])


@pytest.mark.parametrize("quant", ["none", "q8", "q4"])
def test_quant_reaches_the_decoder(zerocad_bin, ckpt, tmp_path, progs, quant):
    """--quant loads reconstruct's decoder in that format: the bytes it reports reading per token are
    the format's, computed here from the config, and the random checkpoint still runs end to end
    (exit 1: its program does not execute)."""
    p = run(zerocad_bin, "reconstruct", "-m", ckpt, "--shape", progs[0], "-o", tmp_path / "out.py", "--max-new", "24",
            "--quant", quant)
    assert p.returncode == 1 and "no candidate program ran" in p.stderr, p.stderr
    m = re.search(r"decoder weights (\S+(?: \S+)?), (\d+) bytes read per token", p.stderr)
    assert m, p.stderr
    assert m.group(1) == {"none": "as stored", "q8": "q8", "q4": "q4"}[quant]
    assert int(m.group(2)) == mvc.ref.decoder_weight_bytes(str(ckpt), quant)


def test_bad_quant_is_refused(zerocad_bin, ckpt, tmp_path, progs):
    for cmd in (["reconstruct", "-m", ckpt, "--shape", progs[0], "-o", tmp_path / "out.py"],
                ["eval", "--model", ckpt, "--gt", tmp_path, "-o", tmp_path / "r"]):
        p = run(zerocad_bin, *cmd, "--quant", "q3")
        assert p.returncode == 2 and "--quant" in p.stderr and len(p.stderr.strip().splitlines()) == 1, p.stderr
