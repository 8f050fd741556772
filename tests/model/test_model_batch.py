"""Batched generation (zc_batch, `zerocad generate --batch B`): B sequences decoded together give,
token for token, the greedy ids each prompt gets alone (the unbatched path, itself checked against
the NumPy reference in test_model_generate.py; here one prompt is checked against the reference
too). Prompts of several lengths; EOS ends sequences at different steps so waiting ones join a
running batch; images (a tiny vision checkpoint) with different text before them, so that every
sequence has its own M-RoPE positions and rope delta."""
import json
import pathlib
import sys

import numpy as np
import pytest

from model_test_helpers import c_generate_ids, prompt, ref, run

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "vision"))

LENGTHS = [1, 5, 17, 40, 3, 64, 9]


def batched_ids(binary, ckpt, prompts, batch, n, *extra):
    args = ["generate", "-m", ckpt, "--ids", "-n", n, "--quiet", "--temp", "0", "--batch", batch, *extra]
    for p in prompts:
        args += ["--tokens", ",".join(map(str, p))]
    out = run(binary, *args).stdout.split("\n")
    assert out[-1] == "" and len(out) == len(prompts) + 1
    return [[int(x) for x in line.split(",")] if line else [] for line in out[:-1]]


@pytest.fixture(scope="module")
def ckpt(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("batch"))
    ref.write_checkpoint(d, seed=3, tied=False)
    return d


@pytest.fixture(scope="module")
def prompts():
    return [prompt(n, seed=100 + i) for i, n in enumerate(LENGTHS)]


@pytest.fixture(scope="module")
def alone(zerocad_bin, ckpt, prompts):
    return [c_generate_ids(zerocad_bin, ckpt, p, 20, "--temp", "0", "--ignore-eos") for p in prompts]


def test_one_prompt_matches_reference(zerocad_bin, ckpt, prompts):
    t, w = ref.load_checkpoint(ckpt)
    want = ref.greedy(t, w, prompts[3], 12)
    assert batched_ids(zerocad_bin, ckpt, [prompts[3]], 1, 12, "--ignore-eos") == [want]


@pytest.mark.parametrize("batch", [1, 2, 3, 4, 8])
def test_batched_greedy_equals_unbatched(zerocad_bin, ckpt, prompts, alone, batch):
    got = batched_ids(zerocad_bin, ckpt, prompts, batch, 20, "--ignore-eos")
    assert got == alone
    assert all(len(set(a)) > 3 for a in alone)  # non-degenerate sequences


def test_eos_ends_sequences_at_different_steps(zerocad_bin, tmp_path, prompts):
    """An EOS id taken from one sequence's middle: the sequences that reach it stop there (each
    alone), the others go on, and waiting prompts join the running batch in their place."""
    d = str(tmp_path)
    ref.write_checkpoint(d, seed=3, tied=False)
    alone = [c_generate_ids(binary_of(), d, p, 20, "--temp", "0", "--ignore-eos") for p in prompts]
    eos = alone[0][6]
    g = json.loads((tmp_path / "generation_config.json").read_text())
    g["eos_token_id"] = [eos]
    (tmp_path / "generation_config.json").write_text(json.dumps(g))
    want = [a[:a.index(eos)] if eos in a else a for a in alone]
    assert len({len(x) for x in want}) > 1  # they end at different steps
    for batch in (2, 3):
        assert batched_ids(binary_of(), d, prompts, batch, 20) == want


_BIN = {}


@pytest.fixture(autouse=True)
def _remember_bin(zerocad_bin):
    _BIN["bin"] = zerocad_bin


def binary_of():
    return _BIN["bin"]


def test_bad_batch_usage(zerocad_bin, ckpt):
    p = run(zerocad_bin, "generate", "-m", ckpt, "--tokens", "1,2", "--tokens", "3", "--ids", check=False)
    assert p.returncode == 2 and "--batch" in p.stderr
    p = run(zerocad_bin, "generate", "-m", ckpt, "--tokens", "1,2", "--tokens", "3,5000", "--ids", "--batch", 2,
            check=False)
    assert p.returncode == 2 and p.stdout == ""
    assert len(p.stderr.strip().splitlines()) == 1 and "prompt 2" in p.stderr


def test_images_with_own_positions(zerocad_bin, tmp_path):
    from vision_test_helpers import make_png, mvc
    PAD, VS, VE = 900, 902, 903
    d = str(tmp_path / "ck")
    mvc.write_vision_checkpoint(d, seed=2)
    st = ref.read_safetensors(d + "/model.safetensors")  # own lm_head: greedy does not just repeat
    rng = np.random.default_rng(7)
    st["lm_head.weight"] = ref.bf16_round((0.5 * rng.standard_normal(st["model.language_model.embed_tokens.weight"]
                                                                    .shape)).astype(np.float32))
    ref.write_safetensors(d + "/model.safetensors", st)
    cfg = json.loads(pathlib.Path(d, "config.json").read_text())
    cfg["tie_word_embeddings"] = False
    pathlib.Path(d, "config.json").write_text(json.dumps(cfg))
    pngs = [make_png(tmp_path / "a.png", 256, 256, 11), make_png(tmp_path / "b.png", 200, 300, 12)]
    images = [a for p in pngs for a in ("--image", p)]
    prompts = [[5, VS, PAD, VE, 8, VS, PAD, VE, 2],
               [5, 17, 33, 40, 41, 42, VS, PAD, VE, 8, 9, 10, VS, PAD, VE, 44, 2, 9],
               [VS, PAD, VE, VS, PAD, VE],
               [7] * 30 + [VS, PAD, VE, 1, VS, PAD, VE, 3]]
    alone = [c_generate_ids(zerocad_bin, d, p, 8, "--temp", "0", "--ignore-eos", *images) for p in prompts]
    assert len({tuple(a) for a in alone}) == len(alone)
    for batch in (2, 4):
        assert batched_ids(zerocad_bin, d, prompts, batch, 8, "--ignore-eos", *images) == alone
