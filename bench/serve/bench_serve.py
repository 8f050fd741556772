#!/usr/bin/env python3
"""`zerocad serve` benchmark. Overhead: random weights of the full Qwen3-VL-2B text shape (the writer
of bench/model) with the real tokenizer, and a tiny vision tower (its time is not the point here: it
makes the model's time per request smaller, so the overhead fraction is an upper bound).
Concurrency: the tests' tiny checkpoint (tests/serve), so that 16 clients finish in seconds.

1. Overhead: sequential reconstruct requests (the model card's system prompt, 8 PNG views of
   256x256 as data URLs, 16 new tokens) and text requests; per request, the client's wall time
   minus the model's time (the server's log line: prefill + decode of the job) = HTTP, JSON,
   base64, PNG decoding and preprocessing, tokenizing, on both sides of the socket; reported as a
   fraction of the model time (goal <= 2%; a real reconstruction decodes ~1000 tokens, not 16).
2. 16 concurrent clients with --max-batch 16 (all decode together) and --max-batch 4 (12 wait in
   FIFO order), 32 new tokens each: every latency, spread (max / min), queue waits.

usage: bench_serve.py --zerocad BIN [--out DIR] [--requests N] [--tokens N]"""
import argparse
import base64
import http.client
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "tests" / "serve"))
sys.path.insert(0, str(REPO / "tests" / "reference"))
sys.path.insert(0, str(REPO / "bench" / "model"))
from serve_helpers import REAL_IDS, Server, make_checkpoint, make_png  # noqa: E402
import bench_model as bm  # noqa: E402
import make_vision_checkpoint as mvc  # noqa: E402

SHAPE = bm.FULL
SYSTEM = ("You are a CAD code assistant. Given multiple rendered views of a 3D shape, generate clean, "
          "well-structured CadQuery Python code that accurately reproduces the geometry.")
LOG = re.compile(r"serve: POST /v1/chat/completions 200 prompt=(\d+) completion=(\d+) queue=([\d.]+)ms "
                 r"model=([\d.]+)ms ([\d.]+) ms")


def checkpoint(d):
    """Shard 1: the text decoder (bench/model's streaming writer); shard 2: the tiny vision tower."""
    d.mkdir()
    text = list(bm.tensor_shapes(SHAPE))
    bm.write_random_safetensors(str(d / "model-00001-of-00002.safetensors"), text,
                                lambda name, n, rng: 1 + 0.1 * rng.standard_normal(n))
    vc = dict(mvc.TINY_VISION)
    vis = mvc.vision_weights(vc, SHAPE["hidden_size"], 0)
    mvc.ref.write_safetensors(str(d / "model-00002-of-00002.safetensors"), vis)
    wm = {n: "model-00001-of-00002.safetensors" for n, _ in text}
    wm.update({n: "model-00002-of-00002.safetensors" for n in vis})
    (d / "model.safetensors.index.json").write_text(json.dumps({"metadata": {}, "weight_map": wm}))
    cfg = mvc.ref.make_config(SHAPE)
    cfg["vision_config"] = dict(vc, out_hidden_size=SHAPE["hidden_size"], model_type="qwen3_vl",
                                initializer_range=0.02)
    cfg.update(REAL_IDS)
    (d / "config.json").write_text(json.dumps(cfg))
    (d / "generation_config.json").write_text(json.dumps({"eos_token_id": [151645, 151643], "do_sample": False}))
    p = mvc.PROC
    (d / "preprocessor_config.json").write_text(json.dumps({
        "size": {"longest_edge": p["max_pixels"], "shortest_edge": p["min_pixels"]}, "patch_size": vc["patch_size"],
        "temporal_patch_size": vc["temporal_patch_size"], "merge_size": vc["spatial_merge_size"],
        "image_mean": p["image_mean"], "image_std": p["image_std"]}))
    for f in ("vocab.json", "merges.txt", "tokenizer_config.json"):
        shutil.copy(REPO / "tests" / "data" / "tokenizer" / f, d / f)


def views(d):
    urls = []
    for i in range(8):
        p = make_png(d / f"view{i}.png", 256, 256, i)
        urls.append("data:image/png;base64," + base64.b64encode(pathlib.Path(p).read_bytes()).decode())
    return urls


def image_request(urls, tokens):
    content = [{"type": "image_url", "image_url": {"url": u}} for u in urls]
    content.append({"type": "text", "text": "Generate CadQuery code for this shape."})
    return dict(model="ckpt", max_tokens=tokens, temperature=0,
                messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": content}])


def text_request(i, tokens, model="ckpt"):
    return dict(model=model, max_tokens=tokens, temperature=0,
                messages=[{"role": "user", "content": f"Part {i}: a flange with {i + 3} bolt holes."}])


def log_lines(path):
    return [LOG.search(ln) for ln in open(path).read().splitlines() if LOG.search(ln)]


def timed_post(server, body):
    t0 = time.perf_counter()
    status, ans = server.post(body, timeout=3600)
    assert status == 200, ans
    return time.perf_counter() - t0, ans


def overhead(server, body, n):
    rows = []
    for _ in range(n):
        before = len(log_lines(server.log))
        wall, ans = timed_post(server, body)
        for _ in range(100):
            lines = log_lines(server.log)
            if len(lines) > before:
                break
            time.sleep(0.02)
        m = lines[-1]
        model = float(m.group(4)) / 1000
        queue = float(m.group(3)) / 1000
        rows.append(dict(wall_s=wall, model_s=model, queue_s=queue, overhead_s=wall - model,
                         fraction=(wall - model) / model, prompt=int(m.group(1)), completion=int(m.group(2))))
    return rows


def concurrent(server, n, tokens):
    lat, errors = [None] * n, []

    def client(i):
        try:
            lat[i] = timed_post(server, text_request(i, tokens, "tiny-serve"))[0]
        except Exception as e:  # noqa: BLE001 - reported
            errors.append(repr(e))

    before = len(log_lines(server.log))
    threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = time.perf_counter() - t0
    time.sleep(0.5)
    lines = log_lines(server.log)[before:]
    assert not errors, errors
    toks = sum(int(m.group(2)) for m in lines)
    return dict(latency_s=lat, total_s=total, tokens=toks, tokens_per_s=toks / total,
                queue_s=sorted(float(m.group(3)) / 1000 for m in lines),
                spread=max(lat) / min(lat), answered=sum(x is not None for x in lat))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zerocad", required=True)
    ap.add_argument("--out", default="bench/results")
    ap.add_argument("--requests", type=int, default=2)
    ap.add_argument("--tokens", type=int, default=16)
    a = ap.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="bench_serve_"))
    try:
        ck = tmp / "ckpt"
        t0 = time.perf_counter()
        checkpoint(ck)
        urls = views(tmp)
        res = dict(load=os.getloadavg(), shape=SHAPE, views="8 x 256x256 PNG",
                   body_bytes=len(json.dumps(image_request(urls, a.tokens))))
        print(f"bench_serve: checkpoint written in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        s = Server(a.zerocad, ck, tmp / "serve16.log", "--max-batch", "16")
        try:
            timed_post(s, text_request(0, 2))  # warm up
            res["image_requests"] = overhead(s, image_request(urls, a.tokens), a.requests)
            res["text_requests"] = overhead(s, text_request(1, a.tokens), 1)
        finally:
            s.stop()
        tiny = make_checkpoint(tmp / "tiny-serve", REPO / "tests" / "data" / "tokenizer")
        for batch in (16, 4):
            s = Server(a.zerocad, tiny, tmp / f"tiny{batch}.log", "--max-batch", str(batch))
            try:
                timed_post(s, text_request(0, 2, "tiny-serve"))
                res[f"concurrent16_batch{batch}"] = concurrent(s, 16, 32)
            finally:
                s.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    write(res, pathlib.Path(a.out))


def write(res, out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "serve.json").write_text(json.dumps(res, indent=1))
    img, txt = res["image_requests"], res["text_requests"]
    c16, c4 = res["concurrent16_batch16"], res["concurrent16_batch4"]

    def frac(rows):
        return statistics.median(r["fraction"] for r in rows) * 100

    def ms(rows, key):
        return statistics.median(r[key] for r in rows) * 1000

    md = ["### Server (`zerocad serve`)", "",
          f"Random weights of the Qwen3-VL-2B text shape, real tokenizer, tiny vision tower, 2 CPUs; "
          f"{res['views']} views; load average {res['load'][0]:.1f} at the start.", "",
          "| measure | value |", "|---|---|",
          f"| overhead per request, 8 PNG views as data URLs ({res['body_bytes'] // 1024} KiB body), median | "
          f"{ms(img, 'overhead_s'):.1f} ms = {frac(img):.2f}% of the model's {ms(img, 'model_s'):.0f} ms (goal <= 2%) |",
          f"| overhead per request, text only, median | {ms(txt, 'overhead_s'):.1f} ms = {frac(txt):.2f}% of the "
          f"model's {ms(txt, 'model_s'):.0f} ms |",
          f"| 16 concurrent clients x 32 tokens (tiny checkpoint), --max-batch 16: all answered, latency min / median / max | {c16['answered']}/16, "
          f"{min(c16['latency_s']):.2f} / {statistics.median(c16['latency_s']):.2f} / {max(c16['latency_s']):.2f} s "
          f"(spread {c16['spread']:.2f}x) |",
          f"| the same, --max-batch 4 (FIFO queue): latency min / median / max | {c4['answered']}/16, "
          f"{min(c4['latency_s']):.2f} / {statistics.median(c4['latency_s']):.2f} / {max(c4['latency_s']):.2f} s, "
          f"queue waits up to {max(c4['queue_s']):.2f} s |",
          f"| 16 clients x 32 tokens, all served: total time batch 16 / batch 4 | {c16['total_s']:.1f} s / "
          f"{c4['total_s']:.1f} s |", ""]
    (out / "serve.md").write_text("\n".join(md))
    print("\n".join(md))


if __name__ == "__main__":
    main()
