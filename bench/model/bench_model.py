#!/usr/bin/env python3
"""Model benchmark: writes a random-weight checkpoint of the full Qwen3-VL-2B text shape (sizes
from the Qwen3-VL-2B-Instruct config.json (docs/model.md); ~3.4 GB bf16) into a temporary folder,
measures zerocad's prefill (600-token prompt) and decode speed for bf16 and q8 with peak RSS, and
in the same run the machine's memory read bandwidth and sgemm peak (bench/model/peak.c). Reports
decode as a fraction of the bandwidth roofline and prefill as a fraction of the GEMM peak; writes
bench/results/model.json and model.md.

usage: bench_model.py ZEROCAD_BINARY [--threads N] [--prompt 600] [--gen 32] [--keep DIR]"""
import argparse
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "tests" / "reference"))
import qwen3vl_ref as ref  # noqa: E402

FULL = dict(hidden_size=2048, num_hidden_layers=28, num_attention_heads=16, num_key_value_heads=8,
            head_dim=128, intermediate_size=6144, vocab_size=151936, rms_norm_eps=1e-6,
            rope_theta=5000000.0, mrope_section=[24, 20, 20])


def tensor_shapes(t):
    H, I, V = t["hidden_size"], t["intermediate_size"], t["vocab_size"]
    hd, nh, nkv = t["head_dim"], t["num_attention_heads"], t["num_key_value_heads"]
    P = ref.PFX
    yield P + "embed_tokens.weight", (V, H)
    for l in range(t["num_hidden_layers"]):
        p = f"{P}layers.{l}."
        yield p + "input_layernorm.weight", (H,)
        yield p + "post_attention_layernorm.weight", (H,)
        yield p + "self_attn.q_proj.weight", (nh * hd, H)
        yield p + "self_attn.k_proj.weight", (nkv * hd, H)
        yield p + "self_attn.v_proj.weight", (nkv * hd, H)
        yield p + "self_attn.o_proj.weight", (H, nh * hd)
        yield p + "self_attn.q_norm.weight", (hd,)
        yield p + "self_attn.k_norm.weight", (hd,)
        yield p + "mlp.gate_proj.weight", (I, H)
        yield p + "mlp.up_proj.weight", (I, H)
        yield p + "mlp.down_proj.weight", (H, I)
    yield P + "norm.weight", (H,)


def write_random_safetensors(path, shapes, vector_values):
    """Streams random bf16 tensors to a safetensors file: matrices are slices of one random pool
    (std 0.02), 1-D tensors come from vector_values(name, n, rng). Returns the data size in bytes."""
    rng = np.random.default_rng(0)
    pool = ref.to_bf16_bits((rng.standard_normal(1 << 24) * 0.02).astype(np.float32))
    header, off = {}, 0
    for name, shp in shapes:
        n = int(np.prod(shp)) * 2
        header[name] = {"dtype": "BF16", "shape": list(shp), "data_offsets": [off, off + n]}
        off += n
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h)
        for name, shp in shapes:
            n = int(np.prod(shp))
            if len(shp) == 1:
                f.write(ref.to_bf16_bits(vector_values(name, n, rng).astype(np.float32)).tobytes())
                continue
            done = 0
            while done < n:
                k = min(n - done, len(pool) // 2)
                s = int(rng.integers(0, len(pool) - k))
                f.write(pool[s:s + k].tobytes())
                done += k
    return off


def write_big_checkpoint(d, t):
    """The full text shape with random weights (norm weights near 1) plus its config files."""
    off = write_random_safetensors(os.path.join(d, "model.safetensors"), list(tensor_shapes(t)),
                                   lambda name, n, rng: 1 + 0.1 * rng.standard_normal(n))
    cfg = ref.make_config(t)
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(cfg, f)
    with open(os.path.join(d, "generation_config.json"), "w") as f:
        json.dump({"eos_token_id": [151645, 151643], "do_sample": False}, f)
    return off


def run_generate(binary, d, quant, threads, n_prompt, n_gen):
    toks = ",".join(str(x) for x in np.random.default_rng(1).integers(0, 151000, n_prompt))
    t0 = time.time()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        p = subprocess.Popen([binary, "generate", "-m", d, "--tokens", toks, "--ids", "--temp", "0",
                              "--ignore-eos", "-n", str(n_gen), "-t", str(threads), "--quant", quant],
                             stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    wall = time.time() - t0
    if p.returncode:
        raise SystemExit(f"zerocad generate failed: {stderr}")
    m = re.search(r"prompt (\d+) tokens (?:\(\d+ images?\) )?in ([\d.]+) s .*generated (\d+) tokens in ([\d.]+) s \(([\d.]+) tok/s\)",
                  stderr)
    return {"quant": quant, "prompt_tokens": int(m.group(1)), "prefill_s": float(m.group(2)),
            "prefill_tok_s": int(m.group(1)) / float(m.group(2)), "gen_tokens": int(m.group(3)),
            "decode_tok_s": float(m.group(5)), "peak_rss_GB": usage.ru_maxrss / 1e6,
            "wall_s": wall}


def model_bytes(t, quant):
    H, I, V = t["hidden_size"], t["intermediate_size"], t["vocab_size"]
    hd, nh, nkv, L = t["head_dim"], t["num_attention_heads"], t["num_key_value_heads"], t["num_hidden_layers"]
    layer = 2 * nh * hd * H + 2 * nkv * hd * H + 3 * I * H
    params = L * layer + V * H  # matrices + lm_head (tied: the embedding read once per token)
    per = 2.0 if quant == "none" else 1.0 + 4.0 / 32
    return params * per, L * layer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--prompt", type=int, default=600)
    ap.add_argument("--gen", type=int, default=32)
    ap.add_argument("--keep", help="reuse/keep the checkpoint in this folder")
    a = ap.parse_args()
    free = shutil.disk_usage(tempfile.gettempdir()).free
    if not a.keep and free < 8e9:
        raise SystemExit(f"bench_model: only {free / 1e9:.1f} GB free in {tempfile.gettempdir()}, need 8")
    peak_bin = os.path.join(tempfile.gettempdir(), f"zc-peak-{os.getpid()}")
    subprocess.run(["cc", "-O2", "-fopenmp", "-I/usr/include/x86_64-linux-gnu/openblas-pthread",
                    str(HERE / "peak.c"), "-o", peak_bin, "-lopenblas"], check=True)
    d = a.keep or tempfile.mkdtemp(prefix="zc-bench-2b-")
    try:
        if not os.path.exists(os.path.join(d, "model.safetensors")):
            os.makedirs(d, exist_ok=True)
            t0 = time.time()
            size = write_big_checkpoint(d, FULL)
            print(f"bench_model: wrote {size / 1e9:.2f} GB checkpoint in {time.time() - t0:.0f} s", file=sys.stderr)
        machine = {}
        for env in ({}, {"OPENBLAS_CORETYPE": "SkylakeX"}):
            out = subprocess.run([peak_bin, str(a.threads)], capture_output=True, text=True, check=True,
                                 env={**os.environ, **env}).stdout
            r = json.loads(out)
            machine["read_bandwidth_GBs"] = max(machine.get("read_bandwidth_GBs", 0), r["read_bandwidth_GBs"])
            machine["sgemm_peak_GFLOPs"] = max(machine.get("sgemm_peak_GFLOPs", 0), r["sgemm_peak_GFLOPs"])
        runs = []
        for quant in ("none", "q8"):
            r = run_generate(a.binary, d, quant, a.threads, a.prompt, a.gen)
            wbytes, layer_params = model_bytes(FULL, quant)
            r["weight_bytes_per_token_GB"] = wbytes / 1e9
            r["decode_roofline_tok_s"] = machine["read_bandwidth_GBs"] * 1e9 / wbytes
            r["decode_fraction_of_roofline"] = r["decode_tok_s"] / r["decode_roofline_tok_s"]
            gflops = 2.0 * layer_params * r["prompt_tokens"] / r["prefill_s"] / 1e9
            r["prefill_GFLOPs"] = gflops
            r["prefill_fraction_of_gemm_peak"] = gflops / machine["sgemm_peak_GFLOPs"]
            runs.append(r)
            print(f"bench_model: {json.dumps(r)}", file=sys.stderr)
    finally:
        if not a.keep:
            shutil.rmtree(d, ignore_errors=True)
        os.unlink(peak_bin)
    res = {"model": "Qwen3-VL-2B text shape, random bf16 weights", "threads": a.threads,
           "machine": machine, "runs": runs, "date": time.strftime("%Y-%m-%d %H:%M:%S")}
    outdir = REPO / "bench" / "results"
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "model.json").write_text(json.dumps(res, indent=2) + "\n")
    lines = ["# Model benchmark (zerocad generate, Qwen3-VL-2B text shape, random weights)", "",
             f"{a.threads} threads; read bandwidth {machine['read_bandwidth_GBs']:.1f} GB/s; "
             f"sgemm peak {machine['sgemm_peak_GFLOPs']:.0f} GFLOP/s; prompt {a.prompt} tokens, {a.gen} generated.", "",
             "| weights | prefill tok/s | of GEMM peak | decode tok/s | of roofline | peak RSS |",
             "|---|---|---|---|---|---|"]
    for r in runs:
        lines.append(f"| {'bf16' if r['quant'] == 'none' else 'q8'} | {r['prefill_tok_s']:.1f} | "
                     f"{r['prefill_fraction_of_gemm_peak']:.2f} | {r['decode_tok_s']:.2f} | "
                     f"{r['decode_fraction_of_roofline']:.2f} | {r['peak_rss_GB']:.2f} GB |")
    (outdir / "model.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
