"""Helpers shared by tests/vision: the NumPy reference on sys.path, the vision_probe driver (built
next to the zerocad binary under tests/vision/), test images and tiny checkpoints with a vision tower."""
import json
import os
import pathlib
import subprocess
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "reference"))
import make_vision_checkpoint as mvc  # noqa: E402
import qwen3vl_ref as ref  # noqa: E402,F401
import vision_ref as vref  # noqa: E402


def probe_path(zerocad_bin):
    p = os.environ.get("ZC_VISION_PROBE") or os.path.join(os.path.dirname(zerocad_bin), "tests", "vision",
                                                           "vision_probe")
    if not os.path.exists(p):
        raise AssertionError(f"vision_probe not found at {p} (build the vision_probe target)")
    return p


def probe(binary, *args, gemm="f32", simd=None):
    """vision_probe's JSON. gemm: ZC_GEMM in its environment ("f32": the exact fp32 products the
    reference comparisons at 1e-4 need; None: the default path). simd: ZC_SIMD, if given."""
    env = {k: v for k, v in os.environ.items() if k not in ("ZC_GEMM", "ZC_SIMD")}
    env.update({"ZC_GEMM": gemm} if gemm else {}, **({"ZC_SIMD": simd} if simd else {}))
    p = subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=600, env=env)
    if p.returncode != 0:
        raise AssertionError(f"vision_probe {args[0]} failed: {p.stderr}")
    return json.loads(p.stdout)


def make_png(path, w, h, seed, mode="RGB"):
    """A smooth pattern with some noise (so resizing has work to do), saved by PIL."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([128 + 100 * np.sin(x / 7.0 + seed), 128 + 100 * np.cos(y / 5.0), (x * 3 + y * 5) % 256], -1)
    img = np.clip(base + rng.normal(0, 20, base.shape), 0, 255).astype(np.uint8)
    if mode == "RGBA":
        alpha = np.clip(255 * (x / max(w - 1, 1)), 0, 255).astype(np.uint8)[..., None]
        Image.fromarray(np.concatenate([img, alpha], -1), "RGBA").save(path)
    elif mode == "L":
        Image.fromarray(img[..., 0], "L").save(path)
    elif mode == "P":
        Image.fromarray(img).convert("P", palette=Image.ADAPTIVE, colors=64).save(path)
    else:
        Image.fromarray(img, "RGB").save(path)
    return str(path)
