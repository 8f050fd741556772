"""Vision + time-to-first-token benchmark (issues 8, 19). Writes a random checkpoint of the full
Qwen3-VL-2B shape (text and vision tower, bf16) into a temporary folder (or --keep DIR), renders 8
256x256 views with zerocad, then runs bench_ttft (bench/vision/bench_ttft.c, built next to zerocad):
the vision encoder for the 8 views, the decoder prefill of the reconstruct prompt and the time to
first token of the whole prompt (PNG files to the first token), at 1 and 2 threads, with the fp32
and bf16 products alternating in one process. --gen N also times `zerocad reconstruct` with N greedy
tokens. Writes bench/results/vision.{json,md}. --small runs a tiny config (smoke test)."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "reference"))
sys.path.insert(0, os.path.join(REPO, "bench", "model"))
import bench_model as bm  # noqa: E402
import qwen3vl_ref as ref  # noqa: E402

VFULL = dict(depth=24, hidden_size=1024, num_heads=16, intermediate_size=4096, in_channels=3, patch_size=16,
             temporal_patch_size=2, spatial_merge_size=2, num_position_embeddings=2304,
             deepstack_visual_indexes=[5, 11, 17], hidden_act="gelu_pytorch_tanh")
VSMALL = dict(VFULL, depth=4, hidden_size=64, num_heads=4, intermediate_size=128, num_position_embeddings=36,
              deepstack_visual_indexes=[1, 2])
TSMALL = dict(bm.FULL, hidden_size=128, num_hidden_layers=4, num_attention_heads=4, num_key_value_heads=2,
              head_dim=32, intermediate_size=256, mrope_section=[6, 5, 5])
BOX = 'import cadquery as cq\nresult = cq.Workplane("XY").box(10, 20, 30).faces(">Z").hole(4)\n'


def vision_shapes(vc, out):
    H, I, m = vc["hidden_size"], vc["intermediate_size"], vc["spatial_merge_size"]
    P, T, wide = vc["patch_size"], vc["temporal_patch_size"], H * m * m
    V = "model.visual."
    yield V + "patch_embed.proj.weight", (H, 3, T, P, P)
    yield V + "patch_embed.proj.bias", (H,)
    yield V + "pos_embed.weight", (vc["num_position_embeddings"], H)
    for l in range(vc["depth"]):
        p = f"{V}blocks.{l}."
        for n, s in (("norm1.weight", (H,)), ("norm1.bias", (H,)), ("norm2.weight", (H,)), ("norm2.bias", (H,)),
                     ("attn.qkv.weight", (3 * H, H)), ("attn.qkv.bias", (3 * H,)), ("attn.proj.weight", (H, H)),
                     ("attn.proj.bias", (H,)), ("mlp.linear_fc1.weight", (I, H)), ("mlp.linear_fc1.bias", (I,)),
                     ("mlp.linear_fc2.weight", (H, I)), ("mlp.linear_fc2.bias", (H,))):
            yield p + n, s
    for p, nn in [("merger.", H)] + [(f"deepstack_merger_list.{i}.", wide)
                                     for i in range(len(vc["deepstack_visual_indexes"]))]:
        for n, s in (("norm.weight", (nn,)), ("norm.bias", (nn,)), ("linear_fc1.weight", (wide, wide)),
                     ("linear_fc1.bias", (wide,)), ("linear_fc2.weight", (out, wide)), ("linear_fc2.bias", (out,))):
            yield V + p + n, s


def write_checkpoint(d, t, vc):
    shapes = list(bm.tensor_shapes(t)) + list(vision_shapes(vc, t["hidden_size"]))
    off = bm.write_random_safetensors(
        os.path.join(d, "model.safetensors"), shapes,
        lambda name, n, rng: (0.0 if name.endswith("bias") else 1.0) + 0.05 * rng.standard_normal(n))
    cfg = ref.make_config(t)
    cfg["vision_config"] = dict(vc, out_hidden_size=t["hidden_size"], model_type="qwen3_vl")
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(cfg, f)
    with open(os.path.join(d, "generation_config.json"), "w") as f:
        json.dump({"eos_token_id": [151645, 151643], "do_sample": False}, f)
    with open(os.path.join(d, "preprocessor_config.json"), "w") as f:
        json.dump({"size": {"longest_edge": 16777216, "shortest_edge": 65536}, "patch_size": 16,
                   "temporal_patch_size": 2, "merge_size": 2, "image_mean": [0.5] * 3, "image_std": [0.5] * 3,
                   "image_processor_type": "Qwen2VLImageProcessorFast"}, f)
    tok = os.path.join(REPO, "tests", "data", "tokenizer")
    for fn in ("vocab.json", "merges.txt", "tokenizer_config.json"):
        shutil.copy(os.path.join(tok, fn), os.path.join(d, fn))
    return off


def vision_flops(vc, n_patches, out):
    H, I, m2 = vc["hidden_size"], vc["intermediate_size"], vc["spatial_merge_size"] ** 2
    per_patch = 2 * (3 * 2 * 16 * 16 * H + vc["depth"] * (3 * H * H + H * H + 2 * H * I))
    mergers = (1 + len(vc["deepstack_visual_indexes"])) * 2 * (n_patches // m2) * ((H * m2) ** 2 + H * m2 * out)
    attn = vc["depth"] * 8 * 2 * 2 * (n_patches // 8) ** 2 * H  # 8 images, QK^T and PV
    return per_patch * n_patches + mergers + attn


def uptime():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def table(res, vf, tf):
    md = ["| threads | path | vision encoder | text prefill | time to first token | TTFT cpu s / threads |",
          "|---|---|---|---|---|---|"]
    for run in res["runs"]:
        th = run["threads"]
        for path in ("f32", "bf16"):
            r = run[path]
            md.append(f"| {th} | {path} | {r['vision_s']:.2f} s ({vf / r['vision_s'] / 1e9:.0f} GFLOP/s) | "
                      f"{r['text_prefill_s']:.2f} s ({tf / r['text_prefill_s'] / 1e9:.0f} GFLOP/s) | "
                      f"{r['ttft_s']:.2f} s | {r['ttft_cpu_s'] / th:.2f} s |")
        f, b = run["f32"], run["bf16"]
        md.append(f"| {th} | f32 / bf16 | {f['vision_s'] / b['vision_s']:.2f}x | "
                  f"{f['text_prefill_s'] / b['text_prefill_s']:.2f}x | {f['ttft_s'] / b['ttft_s']:.2f}x | |")
    return md


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    ap.add_argument("--reps", type=int, default=2, help="alternating repetitions per path (fastest kept)")
    ap.add_argument("--gen", type=int, default=0, help="also run `zerocad reconstruct` with this many tokens")
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--keep", help="checkpoint folder to reuse (written there when absent)")
    a = ap.parse_args()
    t, vc = (TSMALL, VSMALL) if a.small else (bm.FULL, VFULL)
    build = os.path.dirname(os.path.abspath(a.binary))
    driver = os.path.join(build, "bench", "vision", "bench_ttft")
    work = tempfile.mkdtemp(prefix="zc-bench-vision-")
    d = a.keep or os.path.join(work, "ckpt")
    try:
        if not os.path.exists(os.path.join(d, "model.safetensors")):
            os.makedirs(d, exist_ok=True)
            t0 = time.time()
            size = write_checkpoint(d, t, vc)
            print(f"bench_vision: wrote {size / 1e9:.2f} GB in {time.time() - t0:.0f} s", file=sys.stderr)
        box = os.path.join(work, "box.py")
        with open(box, "w") as f:
            f.write(BOX)
        views = os.path.join(work, "views")
        os.makedirs(views)
        subprocess.run([a.binary, "render", box, "-o", views], check=True, capture_output=True)
        pngs = sorted(os.path.join(views, p) for p in os.listdir(views) if p.endswith(".png"))
        load_before = uptime()
        p = subprocess.run([driver, d, a.threads, str(a.reps), *pngs], capture_output=True, text=True,
                           env={**os.environ, "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "passive")})
        sys.stderr.write(p.stderr)
        p.check_returncode()
        res = json.loads(p.stdout)
        load_after = uptime()
        vf = vision_flops(vc, 8 * 256, t["hidden_size"])
        w_params = sum(int(np.prod(s)) for n, s in bm.tensor_shapes(t) if len(s) == 2 and "embed" not in n)
        tf = 2 * res["prompt_tokens"] * w_params
        res.update({"config": "small (smoke test)" if a.small else "full Qwen3-VL-2B shape",
                    "vision_GFLOP": vf / 1e9, "text_prefill_GFLOP": tf / 1e9,
                    "load_before": load_before, "load_after": load_after, "cpus": os.cpu_count(),
                    "cpu": bm.cpu_name()})
        if a.gen:
            t0 = time.time()
            r = subprocess.run([a.binary, "reconstruct", "-m", d, *pngs, "-o", os.path.join(work, "out.py"),
                                "--max-new", str(a.gen), "--temp", "0", "-t", a.threads.split(",")[-1]],
                               capture_output=True, text=True)
            m = re.search(r"candidate 1: (\d+) tokens in ([\d.]+) s", r.stderr)
            res["reconstruct"] = {"total_s": time.time() - t0, "exit": r.returncode,
                                  "generated_tokens": int(m.group(1)) if m else 0, "decode_s": float(m.group(2)) if m else 0}
        os.makedirs(os.path.join(REPO, "bench", "results"), exist_ok=True)
        with open(os.path.join(REPO, "bench", "results", "vision.json"), "w") as f:
            json.dump(res, f, indent=2)
        cmp = res["bf16_vs_f32"]
        md = ["### Vision encoder and time to first token (`bench/vision`)", "",
              f"CPU: {res['cpu']}. {res['config']}, random bf16 weights; {res['views']} views of 256x256 rendered by zerocad; reconstruct "
              f"prompt of {res['prompt_tokens']} tokens; vision encoder {vf / 1e9:.0f} GFLOP, text prefill "
              f"{tf / 1e9:.0f} GFLOP. fp32 (`ZC_GEMM=f32`) and bf16 products alternate in one process, fastest of "
              f"{a.reps}; load average {load_before} before, {load_after} after, on {os.cpu_count()} CPUs "
              f"(CPU seconds / threads estimates a quiet machine's wall time).", ""] + table(res, vf, tf) + [
              "", f"bf16 vs fp32 on this checkpoint: vision embeddings differ by {cmp['vision_embeds_rms_rel']:.2g} "
              f"(relative RMS), first-token logits by {cmp['first_logits_rms_rel']:.2g}; same first token: "
              f"{'yes' if cmp['same_first_token'] else 'no'}.", ""]
        if a.gen:
            r = res["reconstruct"]
            md += [f"`zerocad reconstruct` with {r['generated_tokens']} greedy tokens: {r['total_s']:.1f} s "
                   f"(decode {r['decode_s']:.1f} s; exit {r['exit']}: random weights write no program).", ""]
        with open(os.path.join(REPO, "bench", "results", "vision.md"), "w") as f:
            f.write("\n".join(md))
        print("\n".join(md))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
