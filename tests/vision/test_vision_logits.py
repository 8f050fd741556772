"""Logits of a prompt with two images (image embeddings in the pad rows, DeepStack additions after
the first decoder layers, 3-axis positions) against the NumPy reference: max |diff| <= 3e-4 x
max |logit| at every position."""
import numpy as np

from vision_test_helpers import make_png, mvc, probe, probe_path, ref, vref

PAD, VS, VE = 900, 902, 903


def test_two_image_prompt_logits(tmp_path, zerocad_bin):
    d = tmp_path / "ck"
    t, vc, w = mvc.write_vision_checkpoint(str(d), seed=7)
    pngs = [make_png(tmp_path / "a.png", 256, 256, 11), make_png(tmp_path / "b.png", 200, 300, 12)]
    imgs = [vref.preprocess_png(p) for p in pngs]
    toks = [5, 17, 33, VS] + [PAD] * 64 + [VE, 8, VS] + [PAD] * (imgs[1][1][1] * imgs[1][1][2] // 4) + [VE, 44, 2, 9]
    out = probe(probe_path(zerocad_bin), "logits", str(d), ",".join(map(str, toks)), *pngs)
    want, delta = vref.mm_forward(t, w, vc, toks, imgs, PAD)
    got = np.array(out["logits"]).reshape(want.shape)
    assert out["delta"] == delta
    assert np.max(np.abs(got - want)) <= ref.LOGIT_TOL * np.max(np.abs(want))
