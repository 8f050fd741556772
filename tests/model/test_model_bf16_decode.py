"""Decoding with the default products on CPUs with AVX512-BF16: the small-n product (decode steps,
batched decoding, speculative verification, prompts under 32 tokens) of bf16 weights rounds its
activation rows to bf16 and multiplies with vdpbf16ps, as the prefill GEMM does. Checked against the
float64 reference: logits within a bf16-sized error (relative RMS <= 1e-2, largest error <= 3e-2 x
max |ref|); the rounding really happens (the logits differ from the exact fp32 path, ZC_GEMM=f32);
batched greedy still equals unbatched greedy token for token, and speculative decoding still gives
the greedy tokens, because n rows give the one-row results bit for bit. Where the CPU lacks
AVX512-BF16 the default must be the exact path itself. The kernel is checked against a
bf16-rounding double sum in tests/model/test_model_kernels.c."""
import json
import os
import subprocess

import numpy as np
import pytest

from model_test_helpers import REF_TOL, prompt, ref

DEFAULT_ENV = {k: v for k, v in os.environ.items() if k not in ("ZC_GEMM", "ZC_SIMD")}
EXACT_ENV = {**DEFAULT_ENV, "ZC_GEMM": "f32"}


def cpu_has_bf16():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                return {"avx512f", "avx512bw", "avx512vl", "avx512_bf16"} <= set(line.split(":", 1)[1].split())
    return False


def zc(binary, env, *args):
    p = subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=300, env=env)
    assert p.returncode == 0, p.stderr
    return p.stdout


def logits(binary, ckpt, toks, env):
    out = json.loads(zc(binary, env, "logits", "-m", ckpt, "--tokens", ",".join(map(str, toks))))
    return np.array(out["logits"], dtype=np.float64)


def ids(binary, ckpt, prompts, env, *extra):
    args = ["generate", "-m", ckpt, "--ids", "-n", 16, "--quiet", "--temp", "0", "--ignore-eos", *extra]
    for p in prompts:
        args += ["--tokens", ",".join(map(str, p))]
    lines = zc(binary, env, *args).split("\n")[:-1]
    return [[int(x) for x in line.split(",")] for line in lines]


@pytest.fixture(scope="module")
def ckpt(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("bf16dec"))
    ref.write_checkpoint(d, seed=3, tied=False)
    return d


@pytest.mark.parametrize("n", [1, 9, 16])
def test_small_n_logits_near_reference_and_rounded(zerocad_bin, ckpt, n):
    toks = prompt(n, seed=40 + n)
    t, w = ref.load_checkpoint(ckpt)
    r = ref.forward(t, w, toks)[-1]
    got = logits(zerocad_bin, ckpt, toks, DEFAULT_ENV)
    exact = logits(zerocad_bin, ckpt, toks, EXACT_ENV)
    assert np.abs(exact - r).max() <= REF_TOL * np.abs(r).max()
    if cpu_has_bf16():
        assert np.linalg.norm(got - r) / np.linalg.norm(r) <= 1e-2
        assert np.abs(got - r).max() <= 3e-2 * np.abs(r).max()
        assert np.abs(got - exact).max() > 1e-6 * np.abs(r).max()  # the activations were rounded
    else:
        assert np.array_equal(got, exact)


def test_batched_equals_unbatched_with_bf16_products(zerocad_bin, ckpt):
    prompts = [prompt(n, seed=60 + n) for n in (1, 5, 17, 3, 9)]
    alone = [ids(zerocad_bin, ckpt, [p], DEFAULT_ENV)[0] for p in prompts]
    for batch in (2, 5):
        assert ids(zerocad_bin, ckpt, prompts, DEFAULT_ENV, "--batch", batch) == alone
    assert all(len(set(a)) > 3 for a in alone)


def test_speculation_equals_greedy_with_bf16_products(zerocad_bin, ckpt):
    # a repetitive prompt, so that the prompt-lookup draft proposes tokens and verification runs n > 1
    p = prompt(6, seed=77) * 4
    greedy = ids(zerocad_bin, ckpt, [p], DEFAULT_ENV, "--no-speculate")
    assert ids(zerocad_bin, ckpt, [p], DEFAULT_ENV, "--speculate") == greedy
