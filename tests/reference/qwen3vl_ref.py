"""NumPy reference of the Qwen3-VL text decoder and a writer/reader of tiny Hugging Face style
checkpoints, for testing zerocad's C implementation. Written from transformers' semantics
(modeling_qwen3_vl.py: Qwen3VLTextModel, Qwen3VLTextRotaryEmbedding.apply_interleaved_mrope,
eager attention) and the safetensors format description; it shares no code with the C side.
Compute is float64 on weights rounded to bfloat16; keys and values are rounded to IEEE half, as
zerocad's KV cache stores them (docs/model.md)."""
import json
import os
import struct

import numpy as np

PFX = "model.language_model."


# ---- bfloat16 ----------------------------------------------------------------------------
def to_bf16_bits(a):
    """float32 array -> uint16 bfloat16 bits, round to nearest even."""
    u = np.ascontiguousarray(a, dtype=np.float32).view(np.uint32)
    rounded = u + np.uint32(0x7FFF) + ((u >> np.uint32(16)) & np.uint32(1))
    return (rounded >> np.uint32(16)).astype(np.uint16)


def from_bf16_bits(b):
    return (b.astype(np.uint32) << np.uint32(16)).view(np.float32)


def bf16_round(a):
    return from_bf16_bits(to_bf16_bits(a))


# ---- safetensors -------------------------------------------------------------------------
DT_SIZE = {"BF16": 2, "F16": 2, "F32": 4}


def encode_tensor(arr, dtype):
    if dtype == "BF16":
        return to_bf16_bits(arr).tobytes()
    if dtype == "F16":
        return arr.astype(np.float16).tobytes()
    return arr.astype(np.float32).tobytes()


def write_safetensors(path, tensors, dtype="BF16"):
    """tensors: dict name -> float32 array. Header padded with spaces to a multiple of 8."""
    header, blobs, off = {}, [], 0
    for name, arr in tensors.items():
        raw = encode_tensor(arr, dtype)
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    base = 8 + n
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        b, en = e["data_offsets"]
        raw = data[base + b:base + en]
        if e["dtype"] == "BF16":
            arr = from_bf16_bits(np.frombuffer(raw, dtype=np.uint16))
        elif e["dtype"] == "F16":
            arr = np.frombuffer(raw, dtype=np.float16).astype(np.float32)
        else:
            arr = np.frombuffer(raw, dtype=np.float32).copy()
        out[name] = arr.reshape(e["shape"])
    return out


# ---- tiny checkpoints --------------------------------------------------------------------
TINY = dict(hidden_size=64, num_hidden_layers=3, num_attention_heads=4, num_key_value_heads=2,
            head_dim=32, intermediate_size=128, vocab_size=1000, rms_norm_eps=1e-6,
            rope_theta=10000.0, mrope_section=[6, 5, 5])


def make_config(t):
    """config.json in the layout of Qwen3-VL-2B-Instruct (text_config + vision_config)."""
    text = {
        "attention_bias": False, "attention_dropout": 0.0, "bos_token_id": 151643,
        "dtype": "bfloat16", "eos_token_id": 151645, "head_dim": t["head_dim"],
        "hidden_act": "silu", "hidden_size": t["hidden_size"], "initializer_range": 0.02,
        "intermediate_size": t["intermediate_size"], "max_position_embeddings": 262144,
        "model_type": "qwen3_vl_text", "num_attention_heads": t["num_attention_heads"],
        "num_hidden_layers": t["num_hidden_layers"], "num_key_value_heads": t["num_key_value_heads"],
        "rms_norm_eps": t["rms_norm_eps"],
        "rope_scaling": {"mrope_interleaved": True, "mrope_section": list(t["mrope_section"]),
                         "rope_type": "default"},
        "rope_theta": t["rope_theta"], "use_cache": True, "vocab_size": t["vocab_size"],
    }
    vision = {"deepstack_visual_indexes": [5, 11, 17], "depth": 24, "hidden_act": "gelu_pytorch_tanh",
              "hidden_size": 1024, "in_channels": 3, "initializer_range": 0.02, "intermediate_size": 4096,
              "model_type": "qwen3_vl", "num_heads": 16, "num_position_embeddings": 2304,
              "out_hidden_size": t["hidden_size"], "patch_size": 16, "spatial_merge_size": 2,
              "temporal_patch_size": 2}
    return {"architectures": ["Qwen3VLForConditionalGeneration"], "image_token_id": 151655,
            "model_type": "qwen3_vl", "text_config": text, "tie_word_embeddings": True,
            "transformers_version": "4.57.0.dev0", "video_token_id": 151656,
            "vision_config": vision, "vision_end_token_id": 151653, "vision_start_token_id": 151652}


def random_weights(t, seed, tied=True):
    rng = np.random.default_rng(seed)
    H, I, V = t["hidden_size"], t["intermediate_size"], t["vocab_size"]
    hd, nh, nkv = t["head_dim"], t["num_attention_heads"], t["num_key_value_heads"]

    def mat(r, c):
        return (rng.standard_normal((r, c)) / np.sqrt(c)).astype(np.float32)

    def norm(n):
        return (1.0 + 0.2 * rng.standard_normal(n)).astype(np.float32)

    w = {PFX + "embed_tokens.weight": (0.5 * rng.standard_normal((V, H))).astype(np.float32)}
    for l in range(t["num_hidden_layers"]):
        p = f"{PFX}layers.{l}."
        w[p + "input_layernorm.weight"] = norm(H)
        w[p + "post_attention_layernorm.weight"] = norm(H)
        w[p + "self_attn.q_proj.weight"] = mat(nh * hd, H)
        w[p + "self_attn.k_proj.weight"] = mat(nkv * hd, H)
        w[p + "self_attn.v_proj.weight"] = mat(nkv * hd, H)
        w[p + "self_attn.o_proj.weight"] = mat(H, nh * hd)
        w[p + "self_attn.q_norm.weight"] = norm(hd)
        w[p + "self_attn.k_norm.weight"] = norm(hd)
        w[p + "mlp.gate_proj.weight"] = mat(I, H)
        w[p + "mlp.up_proj.weight"] = mat(I, H)
        w[p + "mlp.down_proj.weight"] = mat(H, I)
    w[PFX + "norm.weight"] = norm(H)
    if not tied:
        w["lm_head.weight"] = (0.5 * rng.standard_normal((V, H))).astype(np.float32)
    # a few vision tensors so the file has the real layout (unused by the text decoder)
    w["model.visual.merger.norm.weight"] = norm(16)
    return {k: bf16_round(v) for k, v in w.items()}


def write_checkpoint(d, t=None, seed=0, tied=True, shards=1, dtype="BF16", weights=None):
    """Writes config.json, generation_config.json and model.safetensors (or N shards with
    model.safetensors.index.json) into d. Returns the (bf16-rounded) weights."""
    t = dict(TINY if t is None else t)
    os.makedirs(d, exist_ok=True)
    w = random_weights(t, seed, tied) if weights is None else weights
    cfg = make_config(t)
    cfg["tie_word_embeddings"] = tied
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    gen = {"bos_token_id": 151643, "do_sample": True, "eos_token_id": [151645, 151643],
           "pad_token_id": 151643, "temperature": 0.7, "top_k": 20, "top_p": 0.8,
           "repetition_penalty": 1.0, "transformers_version": "4.57.0.dev0"}
    with open(os.path.join(d, "generation_config.json"), "w") as f:
        json.dump(gen, f, indent=2)
    names = list(w)
    if shards == 1:
        write_safetensors(os.path.join(d, "model.safetensors"), w, dtype)
        return w
    wm = {}
    for s in range(shards):
        fn = f"model-{s + 1:05d}-of-{shards:05d}.safetensors"
        part = {n: w[n] for n in names[s::shards]}
        write_safetensors(os.path.join(d, fn), part, dtype)
        wm.update({n: fn for n in part})
    with open(os.path.join(d, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": 0}, "weight_map": wm}, f, indent=2)
    return w


def decoder_weight_bytes(ckpt_dir, quant):
    """Bytes of a checkpoint's decoder matrices (layers and lm_head, the embedding table not counted)
    in a weight format, from its config.json and the formats' definitions (docs/model.md): as stored
    (bf16) 2 bytes a weight; q8 1 byte plus an fp16 scale per 32; q4 half a byte plus the scale per
    32 for the layer matrices and lm_head at q8. A tied lm_head counts as a matrix of its own."""
    t = json.load(open(os.path.join(ckpt_dir, "config.json")))["text_config"]
    h, i, hd = t["hidden_size"], t["intermediate_size"], t["head_dim"]
    q, kv = t["num_attention_heads"] * hd, t["num_key_value_heads"] * hd
    layer = 2 * q * h + 2 * kv * h + 3 * i * h
    per = {"none": 2, "q8": 1 + 2 / 32, "q4": 0.5 + 2 / 32}[quant]
    head = t["vocab_size"] * h * (2 if quant == "none" else 1 + 2 / 32)
    return round(t["num_hidden_layers"] * layer * per + head)


def load_checkpoint(d):
    with open(os.path.join(d, "config.json")) as f:
        cfg = json.load(f)
    t = cfg.get("text_config", cfg)
    idx = os.path.join(d, "model.safetensors.index.json")
    w = {}
    if os.path.exists(os.path.join(d, "model.safetensors")):
        w = read_safetensors(os.path.join(d, "model.safetensors"))
    else:
        with open(idx) as f:
            for fn in sorted(set(json.load(f)["weight_map"].values())):
                w.update(read_safetensors(os.path.join(d, fn)))
    return t, w


# ---- the decoder -------------------------------------------------------------------------
def rms_norm(x, w, eps):
    return w * (x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps))


def mrope_cos_sin(t, pos3):
    """pos3: (3, n) positions of the T, H, W axes. Returns cos, sin of shape (n, head_dim)."""
    hd = t["head_dim"]
    sec = t["rope_scaling"]["mrope_section"] if "rope_scaling" in t else t["mrope_section"]
    theta = t["rope_theta"]
    inv = (1.0 / (theta ** (np.arange(0, hd, 2, dtype=np.float64) / hd))).astype(np.float32)
    freqs = pos3[:, :, None].astype(np.float32) * inv[None, None, :]   # (3, n, hd/2), fp32 like torch
    f = freqs[0].copy()
    for axis in (1, 2):
        f[:, axis:sec[axis] * 3:3] = freqs[axis][:, axis:sec[axis] * 3:3]
    emb = np.concatenate([f, f], axis=-1).astype(np.float64)
    return np.cos(emb), np.sin(emb)


def rotate_half(x):
    h = x.shape[-1] // 2
    return np.concatenate([-x[..., h:], x[..., :h]], axis=-1)


def kv_cache_round(x):
    """Keys and values as zerocad's KV cache holds them: rounded to IEEE half."""
    return x.astype(np.float16).astype(np.float64)


# Logits of zerocad's exact fp32 path agree with forward() within LOGIT_TOL x max|logit|. Its fp32
# values and these float64 ones differ by about 1e-7 relative; both round keys and values to half,
# and where a value lies that close to a rounding boundary the two land one half-step (2^-11
# relative) apart: a few of the thousands of cached values per test, which moved a logit by up to
# 1.1e-4 x max|logit| in tests/model/test_model_speculate.py (1e-4 held while the cache was fp32).
LOGIT_TOL = 3e-4


def forward(t, w, tokens, pos3=None):
    """Logits (n, vocab) for every position of tokens; pos3 (3, n) defaults to arange."""
    g = lambda n: w[PFX + n].astype(np.float64)
    H, hd = t["hidden_size"], t["head_dim"]
    nh, nkv, eps = t["num_attention_heads"], t["num_key_value_heads"], t["rms_norm_eps"]
    n = len(tokens)
    if pos3 is None:
        pos3 = np.tile(np.arange(n), (3, 1))
    cos, sin = mrope_cos_sin(t, pos3)
    x = g("embed_tokens.weight")[np.asarray(tokens)]
    mask = np.triu(np.full((n, n), -np.inf), 1)
    for l in range(t["num_hidden_layers"]):
        p = f"layers.{l}."
        h = rms_norm(x, g(p + "input_layernorm.weight"), eps)
        q = (h @ g(p + "self_attn.q_proj.weight").T).reshape(n, nh, hd)
        k = (h @ g(p + "self_attn.k_proj.weight").T).reshape(n, nkv, hd)
        v = (h @ g(p + "self_attn.v_proj.weight").T).reshape(n, nkv, hd)
        q = rms_norm(q, g(p + "self_attn.q_norm.weight"), eps)
        k = rms_norm(k, g(p + "self_attn.k_norm.weight"), eps)
        q = q * cos[:, None, :] + rotate_half(q) * sin[:, None, :]
        k = k * cos[:, None, :] + rotate_half(k) * sin[:, None, :]
        k, v = kv_cache_round(k), kv_cache_round(v)
        rep = nh // nkv
        k = np.repeat(k, rep, axis=1)   # head h uses kv head h // rep
        v = np.repeat(v, rep, axis=1)
        s = np.einsum("ihd,jhd->hij", q, k) * hd ** -0.5 + mask[None]
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        o = np.einsum("hij,jhd->ihd", s, v).reshape(n, nh * hd)
        x = x + o @ g(p + "self_attn.o_proj.weight").T
        h = rms_norm(x, g(p + "post_attention_layernorm.weight"), eps)
        gt = h @ g(p + "mlp.gate_proj.weight").T
        up = h @ g(p + "mlp.up_proj.weight").T
        x = x + (gt / (1 + np.exp(-gt)) * up) @ g(p + "mlp.down_proj.weight").T
    x = rms_norm(x, g("norm.weight"), eps)
    head = w["lm_head.weight"] if "lm_head.weight" in w else w[PFX + "embed_tokens.weight"]
    return x @ head.astype(np.float64).T


def greedy(t, w, prompt, n_new, eos=()):
    toks = list(prompt)
    out = []
    for _ in range(n_new):
        nxt = int(np.argmax(forward(t, w, toks)[-1]))
        out.append(nxt)
        toks.append(nxt)
        if nxt in eos:
            break
    return out


if __name__ == "__main__":
    import sys
    d = sys.argv[1] if len(sys.argv) > 1 else "tiny-qwen3vl"
    write_checkpoint(d)
    print(d)
