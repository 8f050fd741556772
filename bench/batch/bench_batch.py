#!/usr/bin/env python3
"""Batched decode benchmark: the full Qwen3-VL-2B text shape with random bf16 weights (the writer of
bench/model/bench_model.py), B prompts of --prompt tokens decoded together by `zerocad generate
--batch B` (--gen tokens each, EOS ignored) for B = 1, 2, 4, 8, with the default products and with
the exact fp32 ones (ZC_GEMM=f32), in --rounds alternating rounds.
Decode tok/s = generated tokens / (wall time - the sequences' own prefill time), as zerocad prints
it; the best round per B is kept and the ratio to B = 1 reported. Writes bench/results/batch.json
and batch.md.

usage: bench_batch.py ZEROCAD_BINARY [--threads 2] [--prompt 32] [--gen 16] [--rounds 2] [--keep DIR]"""
import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "bench" / "model"))
import bench_model as bm  # noqa: E402

BATCHES = (1, 2, 4, 8)


MODES = {"bf16": {}, "f32": {"ZC_GEMM": "f32"}}  # default products (bf16 on AVX512-BF16 CPUs); exact fp32


def run_batch(binary, d, threads, batch, n_prompt, n_gen, mode="bf16"):
    rng = np.random.default_rng(batch)
    args = [binary, "generate", "-m", d, "--ids", "--temp", "0", "--ignore-eos", "-n", str(n_gen), "-t",
            str(threads), "--batch", str(batch)]
    for _ in range(batch):
        args += ["--tokens", ",".join(str(x) for x in rng.integers(0, 151000, n_prompt))]
    env = {k: v for k, v in os.environ.items() if k != "ZC_GEMM"}
    p = subprocess.run(args, capture_output=True, text=True, env={**env, **MODES[mode]})
    if p.returncode:
        raise SystemExit(f"zerocad generate --batch failed: {p.stderr}")
    m = re.search(r"prefill ([\d.]+) s, generated (\d+) tokens in ([\d.]+) s \(decode ([\d.]+) tok/s\)", p.stderr)
    return {"mode": mode, "batch": batch, "prefill_s": float(m.group(1)), "tokens": int(m.group(2)), "wall_s": float(m.group(3)),
            "decode_tok_s": float(m.group(4))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--prompt", type=int, default=32)
    ap.add_argument("--gen", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--keep", help="reuse/keep the checkpoint in this folder")
    a = ap.parse_args()
    d = a.keep or tempfile.mkdtemp(prefix="zc-bench-batch-")
    load = os.getloadavg()
    best = {}
    try:
        if not os.path.exists(os.path.join(d, "model.safetensors")):
            os.makedirs(d, exist_ok=True)
            bm.write_big_checkpoint(d, bm.FULL)
        for r in range(a.rounds):
            order = [(m, b) for b in BATCHES for m in MODES]
            for m, b in order if r % 2 == 0 else reversed(order):
                res = run_batch(a.binary, d, a.threads, b, a.prompt, a.gen, m)
                print(f"bench_batch: round {r + 1}: {json.dumps(res)}", file=sys.stderr)
                if (m, b) not in best or res["decode_tok_s"] > best[m, b]["decode_tok_s"]:
                    best[m, b] = res
    finally:
        if not a.keep:
            shutil.rmtree(d, ignore_errors=True)
    for m in MODES:
        for b in BATCHES:
            best[m, b]["ratio_to_b1"] = best[m, b]["decode_tok_s"] / best[m, 1]["decode_tok_s"]
    res = {"model": "Qwen3-VL-2B text shape, random bf16 weights", "threads": a.threads, "prompt": a.prompt,
           "gen": a.gen, "rounds": a.rounds, "loadavg_at_start": load, "loadavg_at_end": os.getloadavg(),
           "runs": [best[m, b] for m in MODES for b in BATCHES], "date": time.strftime("%Y-%m-%d %H:%M:%S")}
    outdir = REPO / "bench" / "results"
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "batch.json").write_text(json.dumps(res, indent=2) + "\n")
    wbytes = sum(2 * int(np.prod(shape)) for _, shape in bm.tensor_shapes(bm.FULL))  # bf16, lm_head tied
    rate = wbytes * best["bf16", 1]["decode_tok_s"] / 1e9
    lines = ["# Batched decode (zerocad generate --batch, Qwen3-VL-2B text shape, random weights)", "",
             f"{a.threads} threads; {a.prompt}-token prompts, {a.gen} tokens generated per sequence; best of "
             f"{a.rounds} alternating rounds; load average {load[0]:.1f} at start, {res['loadavg_at_end'][0]:.1f} "
             "at end (shared machine).", "",
             "Two kinds of products, alternating in the same run: the default (on AVX512-BF16 CPUs the small-n "
             "product of bf16 weights rounds its activation rows to bf16 and multiplies with vdpbf16ps) and the "
             "exact fp32 products (`ZC_GEMM=f32`).", "",
             f"At B=1 (default products) the weights were read at {rate:.1f} GB/s ({wbytes / 1e9:.1f} GB per "
             "token); compare the machine's read bandwidth in bench/results/model.md.", "",
             "| B | decode tok/s | ratio to B=1 | decode tok/s, fp32 products | ratio to B=1, fp32 products |",
             "|---|---|---|---|---|"]
    for b in BATCHES:
        lines.append(f"| {b} | {best['bf16', b]['decode_tok_s']:.2f} | {best['bf16', b]['ratio_to_b1']:.2f}x | "
                     f"{best['f32', b]['decode_tok_s']:.2f} | {best['f32', b]['ratio_to_b1']:.2f}x |")
    (outdir / "batch.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
