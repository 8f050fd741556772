"""Helpers shared by tests/serve: a tiny random Qwen3-VL checkpoint (full Qwen vocabulary with the
real tokenizer files, tiny decoder and vision tower, its own lm_head so greedy text varies), a
`zerocad serve` process on a free port, and plain http.client requests."""
import base64
import http.client
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time

import numpy as np
from PIL import Image

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "reference"))
import make_vision_checkpoint as mvc  # noqa: E402
import qwen3vl_ref as ref  # noqa: E402
import vision_ref as vref  # noqa: E402,F401

REAL_IDS = dict(image_token_id=151655, video_token_id=151656, vision_start_token_id=151652,
                vision_end_token_id=151653)


def make_checkpoint(d, tokenizer_dir, seed=21):
    t = dict(mvc.ref.TINY, vocab_size=151936)
    t, _, w = mvc.write_vision_checkpoint(str(d), t=t, seed=seed, ids=REAL_IDS)
    rng = np.random.default_rng(seed + 2000)
    head = ref.bf16_round((0.5 * rng.standard_normal((t["vocab_size"], t["hidden_size"]))).astype(np.float32))
    st = ref.read_safetensors(os.path.join(d, "model.safetensors"))
    st["lm_head.weight"] = head
    ref.write_safetensors(os.path.join(d, "model.safetensors"), st)
    cfg = json.loads((d / "config.json").read_text())
    cfg["tie_word_embeddings"] = False
    (d / "config.json").write_text(json.dumps(cfg))
    for f in ("vocab.json", "merges.txt", "tokenizer_config.json"):
        shutil.copy(tokenizer_dir / f, d / f)
    return d


def make_png(path, w, h, seed):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([128 + 100 * np.sin(x / 7.0 + seed), 128 + 100 * np.cos(y / 5.0), (x * 3 + y * 5) % 256], -1)
    img = np.clip(base + rng.normal(0, 20, base.shape), 0, 255).astype(np.uint8)
    Image.fromarray(img, "RGB").save(path)
    return str(path)


def data_url(path):
    return "data:image/png;base64," + base64.b64encode(pathlib.Path(path).read_bytes()).decode()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """zerocad serve on a free port; stderr goes to a file (the per-request log lines)."""

    def __init__(self, binary, ckpt, log, *extra):
        self.port = free_port()
        self.log = log
        self.proc = subprocess.Popen([binary, "serve", "-m", str(ckpt), "--port", str(self.port), *map(str, extra)],
                                     stdout=subprocess.DEVNULL, stderr=open(log, "w"))
        for _ in range(3000):  # a 2B checkpoint takes a while to load on a busy machine
            if self.proc.poll() is not None:
                raise AssertionError(f"zerocad serve exited {self.proc.returncode}: {pathlib.Path(log).read_text()}")
            try:
                if self.request("GET", "/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("zerocad serve did not answer /health")

    def request(self, method, path, body=None, headers=None, raw=None, timeout=300):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        c.request(method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})})
        r = c.getresponse()
        payload = r.read()
        c.close()
        return r.status, payload

    def post(self, body, headers=None, timeout=300):
        status, payload = self.request("POST", "/v1/chat/completions", body, headers, timeout=timeout)
        return status, json.loads(payload)

    def stream_events(self, body, headers=None):
        """Yields the events of a streamed answer as they arrive: decoded chunks, then "[DONE]"."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        c.request("POST", "/v1/chat/completions", body=json.dumps(dict(body, stream=True)).encode(),
                  headers={"Content-Type": "application/json", **(headers or {})})
        r = c.getresponse()
        assert r.status == 200, r.read()
        assert r.getheader("Content-Type").startswith("text/event-stream")
        while True:
            line = r.readline().decode()
            if not line:
                break
            if not line.strip():
                continue
            assert line.startswith("data: "), line
            yield "[DONE]" if line.strip() == "data: [DONE]" else json.loads(line[6:])
        c.close()

    def stream(self, body, headers=None):
        """The events of a streamed answer: (list of decoded JSON chunks, saw [DONE] last)."""
        chunks, done = [], False
        for ev in self.stream_events(body, headers):
            assert not done, "an event after [DONE]"
            if ev == "[DONE]":
                done = True
            else:
                chunks.append(ev)
        return chunks, done

    def stop(self, sig=None):
        import signal
        if self.proc.poll() is None:
            self.proc.send_signal(sig or signal.SIGTERM)
            self.proc.wait(timeout=120)
        return self.proc.returncode


def zc_generate(binary, ckpt, prompt, n, *extra):
    """`zerocad generate` greedy text (the CLI's own decode loop) and its prompt token count."""
    p = subprocess.run([binary, "generate", "-m", str(ckpt), "--prompt", prompt, "-n", str(n), "--temp", "0",
                        *map(str, extra)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    ntok = int(p.stderr.split("prompt ")[1].split(" tokens")[0])
    assert p.stdout.endswith("\n")
    return p.stdout[:-1], ntok
