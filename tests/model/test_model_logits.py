"""zerocad logits vs the independent NumPy reference (tests/reference/qwen3vl_ref.py) on tiny
random checkpoints written in the Hugging Face layout: fp32 compute within REF_TOL (3e-4) x max|logit|,
q8 with cosine >= 0.999, tied and untied lm_head, single and sharded files, F32/F16 tensors."""
import numpy as np
import pytest

from model_test_helpers import REF_TOL, c_logits, prompt, ref


@pytest.fixture(scope="module")
def tied(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("tied"))
    ref.write_checkpoint(d, seed=1, tied=True)
    return d


@pytest.fixture(scope="module")
def untied(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("untied"))
    ref.write_checkpoint(d, seed=2, tied=False)
    return d


def reference(ckpt, tokens):
    t, w = ref.load_checkpoint(ckpt)
    return ref.forward(t, w, tokens)


def assert_close(c, r):
    err = np.abs(c - r).max()
    assert err <= REF_TOL * np.abs(r).max(), f"max|diff| {err} vs max|logit| {np.abs(r).max()}"


@pytest.mark.parametrize("n", [1, 200])
@pytest.mark.parametrize("which", ["tied", "untied"])
def test_last_position_matches_reference(request, which, n):
    ckpt = request.getfixturevalue(which)
    toks = prompt(n, seed=n)
    assert_close(c_logits(request.config.zerocad_bin, ckpt, toks), reference(ckpt, toks)[-1])


def test_all_positions_match_reference(zerocad_bin, untied):
    toks = prompt(200, seed=7)
    c = c_logits(zerocad_bin, untied, toks, "--all")
    r = reference(untied, toks)
    assert c.shape == r.shape == (200, 1000)
    assert_close(c, r)


def test_single_thread_and_two_threads_agree_with_reference(zerocad_bin, tied):
    toks = prompt(37, seed=3)
    r = reference(tied, toks)[-1]
    for t in ("1", "2"):
        assert_close(c_logits(zerocad_bin, tied, toks, "-t", t), r)


@pytest.mark.parametrize("which", ["tied", "untied"])
def test_q8_cosine(request, which):
    ckpt = request.getfixturevalue(which)
    toks = prompt(200, seed=11)
    c = c_logits(request.config.zerocad_bin, ckpt, toks, "--all", "--quant", "q8").ravel()
    r = reference(ckpt, toks).ravel()
    cos = float(c @ r / np.linalg.norm(c) / np.linalg.norm(r))
    assert cos >= 0.999, cos


def test_tied_and_untied_differ_only_by_lm_head(zerocad_bin, tmp_path):
    """Untied file whose lm_head.weight equals embed_tokens gives the tied file's logits."""
    w = ref.random_weights(ref.TINY, seed=5, tied=True)
    ref.write_checkpoint(str(tmp_path / "a"), weights=dict(w), tied=True)
    w2 = dict(w)
    w2["lm_head.weight"] = w[ref.PFX + "embed_tokens.weight"].copy()
    ref.write_checkpoint(str(tmp_path / "b"), weights=w2, tied=False)
    toks = prompt(20, seed=5)
    a = c_logits(zerocad_bin, str(tmp_path / "a"), toks)
    b = c_logits(zerocad_bin, str(tmp_path / "b"), toks)
    assert np.array_equal(a, b)
    w3 = dict(w2)
    w3["lm_head.weight"] = ref.bf16_round(-w2["lm_head.weight"])
    ref.write_checkpoint(str(tmp_path / "c"), weights=w3, tied=False)
    c = c_logits(zerocad_bin, str(tmp_path / "c"), toks)
    assert_close(c, reference(str(tmp_path / "c"), toks)[-1])
    assert np.allclose(c, -a, atol=1e-4 * np.abs(a).max())


@pytest.mark.parametrize("shards", [2, 3])
def test_sharded_equals_single(zerocad_bin, tmp_path, shards):
    w = ref.random_weights(ref.TINY, seed=9, tied=False)
    ref.write_checkpoint(str(tmp_path / "one"), weights=w, tied=False)
    ref.write_checkpoint(str(tmp_path / "many"), weights=w, tied=False, shards=shards)
    toks = prompt(30, seed=9)
    one = c_logits(zerocad_bin, str(tmp_path / "one"), toks)
    many = c_logits(zerocad_bin, str(tmp_path / "many"), toks)
    assert np.array_equal(one, many)
    assert_close(many, reference(str(tmp_path / "many"), toks)[-1])


@pytest.mark.parametrize("dtype", ["F32", "F16"])
def test_other_dtypes(zerocad_bin, tmp_path, dtype):
    t = dict(ref.TINY)
    w = ref.random_weights(t, seed=4, tied=True)
    ref.write_checkpoint(str(tmp_path), weights=w, dtype=dtype)
    toks = prompt(50, seed=4)
    assert_close(c_logits(zerocad_bin, str(tmp_path), toks), reference(str(tmp_path), toks)[-1])


def test_flat_qwen3_config_and_names(zerocad_bin, tmp_path):
    """A plain Qwen3-style config (no text_config) with model.* tensor names also loads."""
    import json
    w = ref.random_weights(ref.TINY, seed=6, tied=True)
    ref.write_checkpoint(str(tmp_path), weights=w)
    cfg = json.loads((tmp_path / "config.json").read_text())
    flat = cfg["text_config"]
    (tmp_path / "config.json").write_text(json.dumps(flat))
    renamed = {k.replace("model.language_model.", "model."): v for k, v in w.items()}
    ref.write_safetensors(str(tmp_path / "model.safetensors"), renamed)
    toks = prompt(10, seed=6)
    t = dict(flat)
    assert_close(c_logits(zerocad_bin, str(tmp_path), toks), ref.forward(t, w, toks)[-1])
