"""Vision + reconstruct benchmark (issue 8). Writes a random checkpoint of the full Qwen3-VL-2B shape
(text and vision tower, bf16) into a temporary folder, then measures with zerocad on 8 rendered
256x256 views: the vision encoder alone (tests/vision/vision_probe encode), the multimodal prefill
(vision + ~600-token decoder prefill) and end-to-end `zerocad reconstruct` with 1000 generated tokens.
Reports the vision encoder and the decoder prefill as fractions of the machine's sgemm peak
(bench/model/peak.c). Writes bench/results/vision.{json,md}. --small runs a tiny config (smoke test)."""
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--gen", type=int, default=1000)
    ap.add_argument("--small", action="store_true")
    ap.add_argument("--keep")
    a = ap.parse_args()
    t, vc = (TSMALL, VSMALL) if a.small else (bm.FULL, VFULL)
    probe = os.path.join(os.path.dirname(os.path.abspath(a.binary)), "tests", "vision", "vision_probe")
    work = tempfile.mkdtemp(prefix="zc-bench-vision-")
    d = a.keep or os.path.join(work, "ckpt")
    try:
        if not os.path.exists(os.path.join(d, "model.safetensors")):
            os.makedirs(d, exist_ok=True)
            t0 = time.time()
            size = write_checkpoint(d, t, vc)
            print(f"bench_vision: wrote {size / 1e9:.2f} GB in {time.time() - t0:.0f} s", file=sys.stderr)
        peak_bin = os.path.join(work, "peak")
        subprocess.run(["cc", "-O2", "-fopenmp", "-I/usr/include/x86_64-linux-gnu/openblas-pthread",
                        os.path.join(REPO, "bench", "model", "peak.c"), "-o", peak_bin, "-lopenblas"], check=True)
        peak = max(json.loads(subprocess.run([peak_bin, str(a.threads)], capture_output=True, text=True, check=True,
                                             env={**os.environ, **e}).stdout)["sgemm_peak_GFLOPs"]
                   for e in ({}, {"OPENBLAS_CORETYPE": "SkylakeX"}))
        box = os.path.join(work, "box.py")
        with open(box, "w") as f:
            f.write(BOX)
        views = os.path.join(work, "views")
        os.makedirs(views)
        subprocess.run([a.binary, "render", box, "-o", views], check=True, capture_output=True)
        pngs = sorted(os.path.join(views, p) for p in os.listdir(views) if p.endswith(".png"))
        env = {**os.environ, "OMP_NUM_THREADS": str(a.threads)}
        out = subprocess.run([probe, "encode", d, *pngs], check=True, capture_output=True, text=True, env=env).stdout
        t_vision = float(re.search(r'"encode_s":([\d.]+)', out).group(1))
        t0 = time.time()
        p = subprocess.run([a.binary, "reconstruct", "-m", d, *pngs, "-o", os.path.join(work, "out.py"),
                            "--max-new", str(a.gen), "--temp", "0", "-t", str(a.threads)],
                           capture_output=True, text=True, env=env)
        t_total = time.time() - t0
        err = p.stderr
        n_prompt = int(re.search(r"prefill of (\d+) tokens", err).group(1))
        t_prefill = float(re.search(r"prefill took ([\d.]+) s", err).group(1))
        m = re.search(r"candidate 1: (\d+) tokens in ([\d.]+) s", err)
        n_gen, t_gen = int(m.group(1)), float(m.group(2))
        n_patches = 8 * 256
        vf = vision_flops(vc, n_patches, t["hidden_size"])
        w_params = sum(int(np.prod(s)) for n, s in bm.tensor_shapes(t) if len(s) == 2 and "embed" not in n)
        llm_f = 2 * n_prompt * w_params
        t_llm = max(t_prefill - t_vision, 1e-9)
        res = {"config": "small (smoke test)" if a.small else "full Qwen3-VL-2B shape", "threads": a.threads,
               "sgemm_peak_GFLOPs": peak, "views": len(pngs), "prompt_tokens": n_prompt,
               "vision_s": t_vision, "vision_GFLOP": vf / 1e9, "vision_fraction_of_gemm_peak": vf / t_vision / 1e9 / peak,
               "llm_prefill_s": t_llm, "llm_prefill_fraction_of_gemm_peak": llm_f / t_llm / 1e9 / peak,
               "time_to_first_token_s": t_prefill, "generated_tokens": n_gen, "decode_s": t_gen,
               "decode_tok_s": n_gen / t_gen if t_gen else 0, "reconstruct_total_s": t_total,
               "reconstruct_exit": p.returncode}
        os.makedirs(os.path.join(REPO, "bench", "results"), exist_ok=True)
        with open(os.path.join(REPO, "bench", "results", "vision.json"), "w") as f:
            json.dump(res, f, indent=2)
        md = ["### Vision and reconstruct (`bench/vision`)", "",
              f"{res['config']}, {a.threads} threads, random bf16 weights; sgemm peak {peak:.0f} GFLOP/s; "
              f"{len(pngs)} views of 256x256 rendered by zerocad; prompt {n_prompt} tokens.", "",
              "| stage | time | of GEMM peak |", "|---|---|---|",
              f"| vision encoder ({vf / 1e9:.0f} GFLOP) | {t_vision:.1f} s | {res['vision_fraction_of_gemm_peak']:.2f} |",
              f"| decoder prefill ({n_prompt} tokens) | {t_llm:.1f} s | {res['llm_prefill_fraction_of_gemm_peak']:.2f} |",
              f"| time to first token | {t_prefill:.1f} s | |",
              f"| decode ({n_gen} tokens) | {t_gen:.1f} s ({res['decode_tok_s']:.2f} tok/s) | |",
              f"| reconstruct end to end (exit {p.returncode}: random weights write no program) | {t_total:.1f} s | |",
              ""]
        with open(os.path.join(REPO, "bench", "results", "vision.md"), "w") as f:
            f.write("\n".join(md))
        print("\n".join(md))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
