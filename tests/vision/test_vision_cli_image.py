"""`zerocad logits --image` and `zerocad generate --image` against the NumPy reference: a tiny random
vision+text checkpoint (untied lm_head, so greedy decoding does not just repeat a token), two PNGs
of different sizes. Logits at the last position and at every position of the expanded prompt
(max |diff| <= 3e-4 x max |logit|, qwen3vl_ref.LOGIT_TOL), greedy ids of the multimodal prefill +
decoding with the rope delta, the chat-template path with the real Qwen tokenizer files (image parts before the text),
and the one-line errors for a pad count that does not match the images or an unreadable PNG."""
import json
import os
import shutil
import subprocess

import numpy as np
import pytest

from vision_test_helpers import make_png, mvc, ref, vref

PAD, VS, VE = 900, 902, 903
# Qwen ids (tokenizer_config.json / vocab.json of shared/testdata/tokenizer)
Q_IM_START, Q_IM_END, Q_VS, Q_VE, Q_PAD = 151644, 151645, 151652, 151653, 151655
Q_USER, Q_ASSISTANT, Q_NL, Q_HELLO = 872, 77091, 198, 14990
PROMPT = [5, 17, 33, VS, PAD, VE, 8, VS, PAD, VE, 44, 2, 9]


def untie(d, t, w, seed):
    """Gives the checkpoint in d its own random lm_head (tie_word_embeddings false)."""
    rng = np.random.default_rng(seed + 2000)
    head = ref.bf16_round((0.5 * rng.standard_normal((t["vocab_size"], t["hidden_size"]))).astype(np.float32))
    st = ref.read_safetensors(os.path.join(d, "model.safetensors"))
    st["lm_head.weight"] = head
    ref.write_safetensors(os.path.join(d, "model.safetensors"), st)
    cfgp = os.path.join(d, "config.json")
    with open(cfgp) as f:
        cfg = json.load(f)
    cfg["tie_word_embeddings"] = False
    with open(cfgp, "w") as f:
        json.dump(cfg, f)
    return dict(w, **{"lm_head.weight": head})


def expand(tokens, pad, counts):
    out, k = [], 0
    for x in tokens:
        if x == pad:
            out += [pad] * counts[k]
            k += 1
        else:
            out.append(x)
    assert k == len(counts)
    return out


def zc(binary, *args):
    return subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "ZC_GEMM": "f32"})  # exact fp32 products for the LOGIT_TOL comparisons


def ref_greedy(t, w, vc, tokens, imgs, pad, steps):
    toks, out = list(tokens), []
    for _ in range(steps):
        logits, _ = vref.mm_forward(t, w, vc, toks, imgs, pad)
        out.append(int(np.argmax(logits[-1])))
        toks.append(out[-1])
    return out


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli_image")
    t, vc, w = mvc.write_vision_checkpoint(str(d / "ck"), seed=2)
    w = untie(str(d / "ck"), t, w, 2)
    pngs = [make_png(d / "a.png", 256, 256, 11), make_png(d / "b.png", 200, 300, 12)]
    imgs = [vref.preprocess_png(p) for p in pngs]
    counts = [g[0] * g[1] * g[2] // 4 for _, g in imgs]
    full = expand(PROMPT, PAD, counts)
    want, _ = vref.mm_forward(t, w, vc, full, imgs, PAD)
    return dict(dir=str(d / "ck"), t=t, vc=vc, w=w, pngs=pngs, imgs=imgs, full=full, want=want, tmp=d)


def image_args(pngs):
    return [a for p in pngs for a in ("--image", p)]


def check_close(got, want):
    assert got.shape == want.shape
    assert np.max(np.abs(got - want)) <= ref.LOGIT_TOL * np.max(np.abs(want))


def test_logits_last_position(zerocad_bin, case):
    p = zc(zerocad_bin, "logits", "-m", case["dir"], "--tokens", ",".join(map(str, PROMPT)), *image_args(case["pngs"]))
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["tokens"] == case["full"]
    check_close(np.array(out["logits"]), case["want"][-1])


def test_logits_all_positions(zerocad_bin, case):
    p = zc(zerocad_bin, "logits", "-m", case["dir"], "--tokens", ",".join(map(str, PROMPT)), "--all",
           *image_args(case["pngs"]))
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["tokens"] == case["full"]
    assert len(case["full"]) == len(PROMPT) - 2 + 64 + 70  # 256x256 -> 8x8 tokens, 200x300 -> 7x10
    check_close(np.array(out["logits"]), case["want"])


def test_generate_greedy_ids(zerocad_bin, case):
    want = ref_greedy(case["t"], case["w"], case["vc"], case["full"], case["imgs"], PAD, 5)
    assert len(set(want)) > 2  # decoding positions matter for a non-repeating sequence
    p = zc(zerocad_bin, "generate", "-m", case["dir"], "--tokens", ",".join(map(str, PROMPT)), "--temp", "0",
           "--ids", "-n", 5, "--ignore-eos", "--quiet", *image_args(case["pngs"]))
    assert p.returncode == 0, p.stderr
    assert [int(x) for x in p.stdout.strip().split(",")] == want


def test_generate_chat_template_puts_images_before_text(zerocad_bin, test_data, tmp_path_factory):
    src = test_data / "tokenizer"
    d = tmp_path_factory.mktemp("cli_image_chat")
    ids = dict(image_token_id=Q_PAD, video_token_id=151656, vision_start_token_id=Q_VS, vision_end_token_id=Q_VE)
    t, vc, w = mvc.write_vision_checkpoint(str(d / "ck"), t=dict(ref.TINY, vocab_size=151936), seed=5, ids=ids)
    w = untie(str(d / "ck"), t, w, 5)
    for f in ("vocab.json", "merges.txt", "tokenizer_config.json"):
        shutil.copy(src / f, d / "ck" / f)
    pngs = [make_png(d / "a.png", 256, 256, 21), make_png(d / "b.png", 300, 200, 22)]
    imgs = [vref.preprocess_png(p) for p in pngs]
    # "<|im_start|>user\n" + 2 x "<|vision_start|><|image_pad|><|vision_end|>" + "hello<|im_end|>\n"
    # + "<|im_start|>assistant\n", each pad expanded to its image's tokens
    chat = [Q_IM_START, Q_USER, Q_NL, Q_VS, Q_PAD, Q_VE, Q_VS, Q_PAD, Q_VE, Q_HELLO, Q_IM_END, Q_NL,
            Q_IM_START, Q_ASSISTANT, Q_NL]
    full = expand(chat, Q_PAD, [g[0] * g[1] * g[2] // 4 for _, g in imgs])
    want = ref_greedy(t, w, vc, full, imgs, Q_PAD, 3)
    p = zc(zerocad_bin, "generate", "-m", d / "ck", "--prompt", "hello", "--temp", "0", "--ids", "-n", 3,
           "--ignore-eos", "--quiet", *image_args(pngs))
    assert p.returncode == 0, p.stderr
    assert [int(x) for x in p.stdout.strip().split(",")] == want
    # --raw: the prompt text itself must hold one pad per image
    p = zc(zerocad_bin, "generate", "-m", d / "ck", "--prompt", "<|vision_start|><|image_pad|><|vision_end|>hello",
           "--raw", "--temp", "0", "--ids", "-n", 2, "--quiet", *image_args(pngs))
    assert p.returncode == 1 and p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and pngs[1] in lines[0] and "image_pad" in lines[0]


def one_line_error(p, rc, *needles):
    assert p.returncode == rc, (p.returncode, p.stderr)
    assert p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    for s in needles:
        assert s in lines[0], lines[0]


def test_pad_count_mismatch(zerocad_bin, case):
    a, b = case["pngs"]
    one_pad = [5, VS, PAD, VE, 8]
    p = zc(zerocad_bin, "logits", "-m", case["dir"], "--tokens", ",".join(map(str, one_pad)), "--image", a, "--image", b)
    one_line_error(p, 1, b, "image_pad")
    p = zc(zerocad_bin, "logits", "-m", case["dir"], "--tokens", ",".join(map(str, PROMPT)), "--image", a)
    one_line_error(p, 1, "2 <|image_pad|>", "1 --image")
    p = zc(zerocad_bin, "generate", "-m", case["dir"], "--tokens", ",".join(map(str, one_pad)), "--ids", "--image", a,
           "--image", b)
    one_line_error(p, 1, b, "image_pad")


def test_unreadable_png(zerocad_bin, case):
    bad = case["tmp"] / "bad.png"
    bad.write_text("not a png\n")
    missing = str(case["tmp"] / "missing.png")
    a = case["pngs"][0]
    p = zc(zerocad_bin, "logits", "-m", case["dir"], "--tokens", ",".join(map(str, PROMPT)), "--image", a,
           "--image", bad)
    one_line_error(p, 1, str(bad))
    p = zc(zerocad_bin, "generate", "-m", case["dir"], "--tokens", ",".join(map(str, PROMPT)), "--ids", "--image",
           missing, "--image", a)
    one_line_error(p, 1, missing)


def test_image_flag_needs_a_file(zerocad_bin, case):
    for cmd in ("logits", "generate"):
        p = zc(zerocad_bin, cmd, "-m", case["dir"], "--tokens", "5,900", "--image")
        assert p.returncode == 2 and p.stdout == ""
        assert "--image" in p.stderr
