"""The default products of the vision encoder and the decoder prefill: on CPUs with AVX512-BF16 their
inputs are rounded to bf16 (sums in fp32), so the results leave the 1e-4 agreement of the exact fp32
path (ZC_GEMM=f32, tested everywhere else) for a bf16-sized one. Checked here against the float64
reference: the relative RMS error of the embeddings, DeepStack features and logits <= 1e-2 and the
largest error <= 3e-2 x max |ref| (measured: ~4e-3 on these tiny random towers); that the rounding
really happens where the CPU has the instructions (the result differs from the fp32 path); and that
ZC_SIMD=avx2 falls back to the exact fp32 products. The kernel itself is checked against a bf16-rounding
double-precision sum in tests/model/test_gemm_kernels.c."""
import numpy as np
import pytest

from vision_test_helpers import make_png, mvc, probe, probe_path, vref

PAD, VS, VE = 900, 902, 903


def cpu_has_bf16():
    flags = set()
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                break
    return {"avx512f", "avx512bw", "avx512vl", "avx512_bf16"} <= flags


def rms_rel(got, ref):
    return np.linalg.norm(got - ref) / np.linalg.norm(ref)


def assert_bf16_close(got, ref):
    assert rms_rel(got, ref) <= 1e-2, rms_rel(got, ref)
    assert np.max(np.abs(got - ref)) <= 3e-2 * np.max(np.abs(ref))


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    d = tmp_path_factory.mktemp("bf16")
    t, vc, w = mvc.write_vision_checkpoint(str(d / "ck"), seed=3)
    pngs = [make_png(d / "a.png", 256, 256, 5), make_png(d / "b.png", 300, 200, 6, "RGBA")]
    return str(d / "ck"), t, vc, w, pngs, [vref.preprocess_png(p) for p in pngs]


def test_default_path_is_bf16_where_the_cpu_has_it(zerocad_bin, case):
    d, t, vc, w, pngs, imgs = case
    out = probe(probe_path(zerocad_bin), "encode", d, *pngs, gemm=None)
    assert out["gemm_bf16"] == int(cpu_has_bf16())
    exact = probe(probe_path(zerocad_bin), "encode", d, *pngs)
    assert exact["gemm_bf16"] == 0
    diff = rms_rel(np.array(out["embeds"]), np.array(exact["embeds"]))
    assert (diff > 1e-5) if cpu_has_bf16() else (diff == 0)


def test_bf16_embeddings_and_deepstack_near_reference(zerocad_bin, case):
    d, t, vc, w, pngs, imgs = case
    out = probe(probe_path(zerocad_bin), "encode", d, *pngs, gemm="bf16")
    emb, ds = vref.vision_forward(vc, w, imgs)
    assert_bf16_close(np.array(out["embeds"]).reshape(emb.shape), emb)
    for g, r in zip(out["deepstack"], ds):
        assert_bf16_close(np.array(g).reshape(r.shape), r)


def test_bf16_multimodal_logits_near_reference(zerocad_bin, case):
    d, t, vc, w, pngs, imgs = case
    toks = [5, 17, 33, VS] + [PAD] * 64 + [VE, 8, VS] + [PAD] * (imgs[1][1][1] * imgs[1][1][2] // 4) + [VE, 44, 2, 9]
    out = probe(probe_path(zerocad_bin), "logits", d, ",".join(map(str, toks)), *pngs, gemm="bf16")
    want, delta = vref.mm_forward(t, w, vc, toks, imgs, PAD)
    assert out["delta"] == delta
    assert_bf16_close(np.array(out["logits"]).reshape(want.shape), want)


def test_avx2_falls_back_to_exact_fp32(zerocad_bin, case):
    d, t, vc, w, pngs, imgs = case
    out = probe(probe_path(zerocad_bin), "encode", d, *pngs, gemm="bf16", simd="avx2")
    assert out["gemm_bf16"] == 0
    emb, ds = vref.vision_forward(vc, w, imgs)
    assert np.max(np.abs(np.array(out["embeds"]).reshape(emb.shape) - emb)) <= 1e-4 * np.max(np.abs(emb))
