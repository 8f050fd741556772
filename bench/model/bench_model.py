#!/usr/bin/env python3
"""Model benchmark: writes a random-weight checkpoint of the full Qwen3-VL-2B text shape (sizes
from the Qwen3-VL-2B-Instruct config.json (docs/model.md); ~3.4 GB bf16) into a temporary folder and
measures, in one run, for bf16, q8 and q4 weights:
- with 1 and 2 threads (bench_model_forward, bench/model/forward_cost.c): decode tok/s, the bytes
  of weights read per token (zc_model_weight_bytes), the memory read bandwidth of the same thread
  count (bench/model/peak.c, measured in this run), decode as a fraction of that roofline, peak RSS
  against the weight bytes, and the time of a forward of n = 1, 2, 4, 8, 9, 16 rows relative to
  n = 1 (the cost of verifying n - 1 drafted tokens, or of a batched step);
- q8 and q4 in their panel layout (the default on AVX-512 VNNI CPUs) against the row layout
  (ZC_PANELS=0), and on transparent huge pages (the default) against 4 KB pages (ZC_THP=0),
  alternating: decode tok/s and the n-row forwards, with 1 and 2 threads;
- with --threads (default: all cores): prefill of a 600-token prompt with `zerocad generate`, as a
  fraction of the sgemm peak; q8/q4 also with the bf16 GEMM (ZC_GEMM=bf16) instead of the int8 one.
Formats alternate within each thread count. Writes bench/results/model.json and model.md.

usage: bench_model.py ZEROCAD_BINARY [--threads N] [--prompt 600] [--gen 32] [--keep DIR]
(bench_model_forward is looked up in $ZC_BUILD/bench/model, else next to ZEROCAD_BINARY.)"""
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


def cpu_name():
    """The CPU as /proc/cpuinfo names it, with its family and model (a VM may say only "AMD EPYC";
    AMD family 25 is Zen 3/4, 26 is Zen 5), and the core count: results of one CPU are not those
    of another."""
    f = {}
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if not line.strip():
                    break
                k, _, v = line.partition(":")
                f[k.strip()] = v.strip()
    except OSError:
        pass
    return (f"{f.get('model name', 'unknown CPU')} (family {f.get('cpu family', '?')}, model {f.get('model', '?')}), "
            f"{os.cpu_count()} cores")


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


def run_generate(binary, d, quant, threads, n_prompt, n_gen, gemm=None):
    """One `zerocad generate` run; gemm: ZC_GEMM for it (None: the default products)."""
    toks = ",".join(str(x) for x in np.random.default_rng(1).integers(0, 151000, n_prompt))
    env = {k: v for k, v in os.environ.items() if k != "ZC_GEMM"}
    env.update({"ZC_GEMM": gemm} if gemm else {})
    t0 = time.time()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        p = subprocess.Popen([binary, "generate", "-m", d, "--tokens", toks, "--ids", "--temp", "0",
                              "--ignore-eos", "-n", str(n_gen), "-t", str(threads), "--quant", quant],
                             stdout=out, stderr=err, env=env)
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
            "decode_tok_s": float(m.group(5)), "peak_rss_GB": usage.ru_maxrss * 1024 / 1e9,  # ru_maxrss: KiB
            "wall_s": wall}


def kv_cache_bytes(t, positions):
    """Bytes of the KV cache `zerocad generate` allocates for `positions` (prompt + new tokens): keys and
    values of every layer's KV heads, as halves."""
    return positions * t["num_hidden_layers"] * t["num_key_value_heads"] * t["head_dim"] * 2 * 2


def layer_params(t):
    H, I = t["hidden_size"], t["intermediate_size"]
    hd, nh, nkv, L = t["head_dim"], t["num_attention_heads"], t["num_key_value_heads"], t["num_hidden_layers"]
    return L * (2 * nh * hd * H + 2 * nkv * hd * H + 3 * I * H)


QUANTS = ("none", "q8", "q4")
NAME = {"none": "bf16", "q8": "q8", "q4": "q4"}
# llama.cpp as issue 19 measured it (AVX-512 build, 2 threads, 600-token prompt, same random shape, on
# the 2-core development machine of the time; which CPU it was is not recorded), the reference the goals
# are set against; llama.cpp is not packaged in Debian 12, so not rerun here.
LLAMA_PREFILL = {"none": 50.8, "q8": 50.6, "q4": 77.2}
LLAMA_DECODE = {"none": 5.92, "q8": 7.57, "q4": 12.4}


def run_forward(fwd, d, quant, threads, gen, rounds, env=None):
    out = subprocess.run([fwd, d, quant, str(threads), str(gen), str(rounds)], capture_output=True, text=True,
                         env={**os.environ, **(env or {})})
    if out.returncode:
        raise SystemExit(f"bench_model_forward failed: {out.stderr}")
    r = json.loads(out.stdout)
    r["verify_cost"] = {n: ms / r["forward_ms"]["1"] for n, ms in r["forward_ms"].items()}
    r["verify_cost_cpu"] = {n: ms / r["forward_ms_cpu"]["1"] for n, ms in r["forward_ms_cpu"].items()}
    r["rss_over_weights"] = r["peak_rss_bytes"] / r["weight_bytes"]
    return r


def decode_runs(a, fwd, peak_bin, d, quant, th):
    """a.decode_reps decode runs of one configuration, each right after its own bandwidth sample of
    th threads (the machine is shared and its bandwidth moves between samples); the n-row forwards
    only in the first. The figures reported are the run whose roofline fraction is the median, with
    every run's kept in decode_reps."""
    reps, first = [], None
    for i in range(a.decode_reps):
        out = json.loads(subprocess.run([peak_bin, str(th)], capture_output=True, text=True, check=True).stdout)
        r = run_forward(fwd, d, quant, th, a.gen, a.rounds if i == 0 else 0)
        first = first or r
        b, bc = out["read_bandwidth_GBs"], out["read_bandwidth_cpu_GBs"]
        reps.append({"decode_tok_s": r["decode_tok_s"], "decode_tok_s_cpu": r["decode_tok_s_cpu"],
                     "read_bandwidth_GBs": b, "read_bandwidth_cpu_GBs": bc,
                     "fraction_of_roofline": r["decode_tok_s"] * r["weight_bytes"] / (b * 1e9),
                     "fraction_of_roofline_cpu": r["decode_tok_s_cpu"] * r["weight_bytes"] / (bc * 1e9)})
    med = sorted(reps, key=lambda x: x["fraction_of_roofline"])[(len(reps) - 1) // 2]
    r = {**first, **med, "decode_reps": reps}
    r["roofline_tok_s"] = med["read_bandwidth_GBs"] * 1e9 / r["weight_bytes"]
    return r


# The A/B comparisons of the q8 and q4 decoders: environment variable -> (what "1" gives, what "0"
# gives, the table's opening sentence).
AB = {
    "ZC_PANELS": ("panels", "rows", "q8 and q4 weights in panels of 16 rows (the default on AVX-512 VNNI CPUs; "
                  "docs/model.md) against the row layout (ZC_PANELS=0)"),
    "ZC_THP": ("huge pages", "4 KB pages", "q8 and q4 weights on transparent huge pages (the default where the "
               "kernel has them; docs/model.md) against 4 KB pages (ZC_THP=0)"),
}


def ab_runs(a, fwd, d, var):
    """q8 and q4 with var=1 (the default) and var=0, alternating, a.rounds runs of each per thread count:
    the fastest decode and the fastest forward of each n kept."""
    out = []
    for th in (2, 1):
        for quant in ("q8", "q4"):
            best = {}
            for _ in range(a.rounds):
                for v in ("1", "0"):
                    r = run_forward(fwd, d, quant, th, a.gen, a.rounds, {var: v})
                    b = best.setdefault(v, {"decode_tok_s": 0.0, "forward_ms": {}})
                    b["decode_tok_s"] = max(b["decode_tok_s"], r["decode_tok_s"])
                    for n, ms in r["forward_ms"].items():
                        b["forward_ms"][n] = min(b["forward_ms"].get(n, 1e30), ms)
            out.append({"var": var, "quant": quant, "threads": th, "on": best["1"], "off": best["0"]})
            print(f"bench_model: {var} {json.dumps(out[-1])}", file=sys.stderr)
    return out


def ab_lines(results):
    """The markdown of ab_runs' results, one table per variable."""
    lines = []
    for var, (on, off, what) in AB.items():
        rows = [r for r in results if r["var"] == var]
        if not rows:
            continue
        ns = list(rows[0]["on"]["forward_ms"])
        lines += ["", f"{what}, alternating runs, fastest of each: decode tok/s and the n-row forward in ms, "
                      f"{on} / {off}, and {off}' time over {on}' (above 1: {on} faster).", "",
                  "| weights | threads | decode tok/s | " + " | ".join(f"n={n} ms" for n in ns) + " |",
                  "|---|---|---|" + "---|" * len(ns)]
        for r in rows:
            p, w = r["on"], r["off"]
            cells = [f"{p['forward_ms'][n]:.1f} / {w['forward_ms'][n]:.1f} "
                     f"({w['forward_ms'][n] / p['forward_ms'][n]:.2f}x)" for n in ns]
            lines.append(f"| {NAME[r['quant']]} | {r['threads']} | {p['decode_tok_s']:.2f} / {w['decode_tok_s']:.2f} "
                         f"({p['decode_tok_s'] / w['decode_tok_s']:.2f}x) | " + " | ".join(cells) + " |")
    return lines


def frac_range(r):
    f = [x["fraction_of_roofline"] for x in r.get("decode_reps", [])]
    return f"({min(f):.2f}-{max(f):.2f})" if len(f) > 1 else ""


def wait_policy():
    """The OpenMP wait policy this process's children run with, for the results' header."""
    v = os.environ.get("OMP_WAIT_POLICY")
    return f"OMP_WAIT_POLICY={v}" if v else "libgomp's default OpenMP wait policy"


def write_results(a, machine, bw, load, decode, runs, layouts=()):
    """bench/results/model.{json,md} from the runs so far (rewritten after each run)."""
    res = {"model": "Qwen3-VL-2B text shape, random bf16 weights", "cpu": cpu_name(), "threads_prefill": a.threads,
           "machine": machine, "load_average_max": load, "wait_policy": wait_policy(), "decode": decode, "prefill": runs,
           "layouts": list(layouts),
           "llama_cpp_q4_k_m_decode_tok_s_here": 12.4, "date": time.strftime("%Y-%m-%d %H:%M:%S")}
    outdir = REPO / "bench" / "results"
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "model.json").write_text(json.dumps(res, indent=2) + "\n")
    ns = list(decode[0]["verify_cost"])
    lines = ["# Model benchmark (Qwen3-VL-2B text shape, random weights)", "",
             f"CPU: {res['cpu']}. Load average up to {load:.1f} during the run; {res['wait_policy']}. Read bandwidth "
             + ", ".join(f"{v:.1f} GB/s ({k} thr)" for k, v in bw.items())
             + f"; sgemm peak {machine['sgemm_peak_GFLOPs']:.0f} GFLOP/s. llama.cpp (issue 19's "
             "figures, from a 2-core machine of this kind whose CPU was not recorded; not packaged in Debian, so "
             "not rerun): decode 5.92 / 7.57 / 12.4 tok/s (BF16 / Q8_0 / "
             "Q4_K_M), prefill 50.8 / 50.6 / 77.2 tok/s.", "",
             f"Decode (after a 64-token prompt, {a.gen} tokens) and the cost of an n-row forward relative to "
             "one row. Each figure twice: wall clock, and per CPU time (process CPU seconds / threads, for rates "
             "and for the bandwidth measured just before each run), which estimates the figure with the cores to "
             f"ourselves when the machine is oversubscribed. Decode ran {a.decode_reps} times per row, each "
             "run right after its own bandwidth sample; the row shows the run whose fraction of the roofline "
             "is the median, and the range of the runs' fractions (wall) in brackets.", "",
             "| weights | threads | GB read/token | decode tok/s wall / CPU | bandwidth GB/s wall / CPU | "
             "of roofline wall / CPU | peak RSS / weights | " + " | ".join(f"n={n} wall / CPU" for n in ns[1:])
             + " | x llama.cpp decode (2 threads) |",
             "|---|---|---|---|---|---|---|" + "---|" * len(ns)]
    for r in decode:
        lines.append(f"| {NAME[r['quant']]} | {r['threads']} | {r['weight_bytes'] / 1e9:.2f} | "
                     f"{r['decode_tok_s']:.2f} / {r['decode_tok_s_cpu']:.2f} | "
                     f"{r['read_bandwidth_GBs']:.1f} / {r['read_bandwidth_cpu_GBs']:.1f} | "
                     f"{r['fraction_of_roofline']:.2f} / {r['fraction_of_roofline_cpu']:.2f} {frac_range(r)} | "
                     f"{r['rss_over_weights']:.2f} | "
                     + " | ".join(f"{r['verify_cost'][n]:.2f} / {r['verify_cost_cpu'][n]:.2f}" for n in ns[1:])
                     + (f" | {r['decode_tok_s'] / LLAMA_DECODE[r['quant']]:.2f}x |" if r["threads"] == 2 else " | |"))
    lines += ab_lines(layouts)
    if not runs:
        lines += ["", "Prefill: not run this time (--no-prefill); the 584-token reconstruct prompt's prefill is in "
                  "bench/results/vision.md."]
    else:
        lines += ["", f"Prefill ({a.threads} threads, {a.prompt}-token prompt, zerocad generate):", "",
                  f"Default products (bf16 weights: the bf16 GEMM; q8/q4 on AVX512-VNNI CPUs: the int8 GEMM), "
                  f"and for q8/q4 the bf16 GEMM (ZC_GEMM=bf16) alternating with them; fastest of {a.rounds} "
                  "runs each.", "",
                  "| weights | prefill tok/s | x llama.cpp prefill | of fp32 sgemm peak (bf16 products: 2x, "
                  "int8: 4x) | bf16 products tok/s | default / bf16 products | decode tok/s after the prompt | "
                  "peak RSS | peak RSS / weights (KV cache) |",
                  "|---|---|---|---|---|---|---|---|---|"]
    weights = {r["quant"]: r["weight_bytes"] for r in decode}
    for r in runs:
        b = r.get("bf16_products_prefill_tok_s")
        lines.append(f"| {NAME[r['quant']]} | {r['prefill_tok_s']:.1f} | {r['prefill_tok_s'] / LLAMA_PREFILL[r['quant']]:.2f}x | "
                     f"{r['prefill_fraction_of_gemm_peak']:.2f} | "
                     + (f"{b:.1f} | {r['prefill_tok_s'] / b:.2f}x | " if b else "(same) | | ")
                     + f"{r['decode_tok_s']:.2f} | {r['peak_rss_GB']:.3f} GB | "
                     + f"{r['peak_rss_GB'] * 1e9 / weights[r['quant']]:.3f} "
                     + f"({kv_cache_bytes(FULL, r['prompt_tokens'] + r['gen_tokens']) / 1e6:.0f} MB) |")
    (outdir / "model.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def prefill_runs(a, d, machine):
    """The prefill of each format with the default products, q8/q4 also with ZC_GEMM=bf16 (the bf16 GEMM
    instead of the int8 one), alternating, a.rounds rounds; the fastest run of each is kept, with the
    ratio default / bf16 products of the same run."""
    best = {}
    for _ in range(a.rounds):
        for quant in QUANTS:
            for gemm in (None,) if quant == "none" else (None, "bf16"):
                r = run_generate(a.binary, d, quant, a.threads, a.prompt, 8, gemm)
                print(f"bench_model: prefill {quant} {gemm or 'default'} {json.dumps(r)}", file=sys.stderr)
                key = (quant, gemm)
                if key not in best or r["prefill_tok_s"] > best[key]["prefill_tok_s"]:
                    best[key] = r
    runs = []
    for quant in QUANTS:
        r = best[(quant, None)]
        gflops = 2.0 * layer_params(FULL) * r["prompt_tokens"] / r["prefill_s"] / 1e9
        r["prefill_GFLOPs"] = gflops
        r["prefill_fraction_of_gemm_peak"] = gflops / machine["sgemm_peak_GFLOPs"]
        if quant != "none":
            r["bf16_products_prefill_tok_s"] = best[(quant, "bf16")]["prefill_tok_s"]
        runs.append(r)
    return runs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--prompt", type=int, default=600)
    ap.add_argument("--gen", type=int, default=32)
    ap.add_argument("--keep", help="reuse/keep the checkpoint in this folder")
    ap.add_argument("--rounds", type=int, default=2, help="rounds over the n-row forwards and over the prefill runs")
    ap.add_argument("--decode-reps", type=int, default=3,
                    help="decode runs per configuration, each after its own bandwidth sample (median reported)")
    ap.add_argument("--no-prefill", action="store_true", help="skip the 600-token prefill runs")
    ap.add_argument("--prefill-only", action="store_true",
                    help="rerun only the prefill runs, keeping the decode figures of bench/results/model.json")
    a = ap.parse_args()
    if a.prefill_only:
        return prefill_only(a)
    free = shutil.disk_usage(tempfile.gettempdir()).free
    if not a.keep and free < 8e9:
        raise SystemExit(f"bench_model: only {free / 1e9:.1f} GB free in {tempfile.gettempdir()}, need 8")
    fwd = os.path.join(os.environ.get("ZC_BUILD", os.path.dirname(os.path.abspath(a.binary))), "bench", "model",
                       "bench_model_forward")
    if not os.access(fwd, os.X_OK):
        raise SystemExit(f"bench_model: {fwd} not found (build the bench_model_forward target)")
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
        bw = {}
        for th in sorted({1, 2, a.threads}):
            out = subprocess.run([peak_bin, str(th)], capture_output=True, text=True, check=True).stdout
            bw[th] = json.loads(out)["read_bandwidth_GBs"]
        machine["read_bandwidth_GBs_by_threads"] = bw
        load = os.getloadavg()[0]
        decode = []
        for th in (2, 1):
            for quant in QUANTS:
                r = decode_runs(a, fwd, peak_bin, d, quant, th)
                bw[th] = max(bw[th], max(x["read_bandwidth_GBs"] for x in r["decode_reps"]))
                decode.append(r)
                print(f"bench_model: {json.dumps(r)}", file=sys.stderr)
                write_results(a, machine, bw, os.getloadavg()[0], decode, [])
        layouts = []
        for var in AB:
            layouts += ab_runs(a, fwd, d, var)
            write_results(a, machine, bw, os.getloadavg()[0], decode, [], layouts)
        runs = [] if a.no_prefill else prefill_runs(a, d, machine)
        load = max(load, os.getloadavg()[0])
    finally:
        if not a.keep:
            shutil.rmtree(d, ignore_errors=True)
        os.unlink(peak_bin)
    write_results(a, machine, bw, load, decode, runs, layouts)


def prefill_only(a):
    """--prefill-only: the prefill runs again (on a.keep's checkpoint), the rest of the last results kept."""
    old = json.loads((REPO / "bench" / "results" / "model.json").read_text())
    if not a.keep or not os.path.exists(os.path.join(a.keep, "model.safetensors")):
        raise SystemExit("bench_model: --prefill-only needs --keep DIR with the checkpoint of the last run")
    machine = old["machine"]
    bw = {int(k): v for k, v in machine["read_bandwidth_GBs_by_threads"].items()}
    load = os.getloadavg()[0]
    runs = prefill_runs(a, a.keep, machine)
    write_results(a, machine, bw, max(load, old["load_average_max"], os.getloadavg()[0]), old["decode"], runs,
                  old["layouts"])


if __name__ == "__main__":
    main()
