"""Helpers shared by the tests/model pytest files: the NumPy reference on sys.path, running the
zerocad binary, and session-wide tiny checkpoints."""
import json
import os
import pathlib
import subprocess
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "reference"))
import qwen3vl_ref as ref  # noqa: E402


# Logits within REF_TOL x max|logit| of the reference (why not 1e-4: qwen3vl_ref.LOGIT_TOL).
REF_TOL = ref.LOGIT_TOL

# The exact fp32 products: the comparisons with the reference at REF_TOL need them (the default bf16
# prefill products on AVX512-BF16 CPUs are tested against a bf16-rounding reference in tests/vision).
EXACT_ENV = {**os.environ, "ZC_GEMM": "f32"}


def run(binary, *args, check=True):
    p = subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=300, env=EXACT_ENV)
    if check and p.returncode != 0:
        raise AssertionError(f"zerocad {' '.join(map(str, args))} failed ({p.returncode}): {p.stderr}")
    return p


def c_logits(binary, ckpt, tokens, *extra):
    p = run(binary, "logits", "-m", ckpt, "--tokens", ",".join(map(str, tokens)), *extra)
    out = json.loads(p.stdout)
    assert out["tokens"] == list(tokens)
    return np.array(out["logits"], dtype=np.float64)


def c_generate_ids(binary, ckpt, tokens, n, *extra):
    p = run(binary, "generate", "-m", ckpt, "--tokens", ",".join(map(str, tokens)), "--ids", "-n", n,
            "--quiet", *extra)
    s = p.stdout.strip()
    return [int(x) for x in s.split(",")] if s else []


def prompt(n, seed, vocab=1000):
    return [int(x) for x in np.random.default_rng(seed).integers(0, vocab, n)]
