"""Vision embeddings and DeepStack features of a tiny random vision tower (checkpoint in the exact
HF layout, bf16) against the NumPy reference, for two images of different grids in one batch."""
import numpy as np
import pytest

from vision_test_helpers import make_png, mvc, probe, probe_path, vref


@pytest.fixture(scope="module")
def vision_ckpt(tmp_path_factory):
    d = tmp_path_factory.mktemp("vision_ckpt")
    t, vc, w = mvc.write_vision_checkpoint(str(d), seed=3)
    return str(d), t, vc, w


def test_embeddings_and_deepstack_match_reference(tmp_path, zerocad_bin, vision_ckpt):
    d, t, vc, w = vision_ckpt
    pngs = [make_png(tmp_path / "a.png", 256, 256, 5), make_png(tmp_path / "b.png", 300, 200, 6, "RGBA")]
    out = probe(probe_path(zerocad_bin), "encode", d, *pngs)
    emb, ds = vref.vision_forward(vc, w, [vref.preprocess_png(p) for p in pngs])
    assert out["tokens"] == 64 + (224 // 32) * (320 // 32) == emb.shape[0]
    got = np.array(out["embeds"]).reshape(emb.shape)
    assert np.max(np.abs(got - emb)) <= 1e-4 * np.max(np.abs(emb))
    assert len(out["deepstack"]) == len(ds) == 2
    for g, r in zip(out["deepstack"], ds):
        g = np.array(g).reshape(r.shape)
        assert np.max(np.abs(g - r)) <= 1e-4 * np.max(np.abs(r))


def test_missing_vision_tensor_is_named(tmp_path, zerocad_bin):
    import json
    import subprocess
    d = tmp_path / "ck"
    t, vc, w = mvc.write_vision_checkpoint(str(d), seed=1)
    cfg = json.loads((d / "config.json").read_text())
    cfg["vision_config"]["depth"] = 4  # one block more than the file has
    (d / "config.json").write_text(json.dumps(cfg))
    png = make_png(tmp_path / "a.png", 64, 64, 1)
    p = subprocess.run([probe_path(zerocad_bin), "encode", str(d), png], capture_output=True, text=True)
    assert p.returncode == 1 and "model.visual.blocks.3.norm1.weight" in p.stderr
