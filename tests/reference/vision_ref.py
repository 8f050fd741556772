"""NumPy reference of Qwen3-VL's image side, for testing zerocad's C implementation: the Qwen2-VL
fast image processor (PNG -> RGB with alpha composited on white, smart_resize, torch's uint8
antialiased bicubic resize, fused rescale/normalize, temporal repeat, 2x2 merge-block patch
order), the vision tower (modeling_qwen3_vl.py: Qwen3VLVisionModel), get_rope_index for images and
the multimodal decoder forward (image embeddings in the pad rows, DeepStack additions, 3-axis
positions). Written from transformers' and torch's semantics; shares no code with the C side.
Compute is float64 on bf16-rounded weights, except where transformers itself works in float32
(linspace, interpolation weights, rotary angles), which is mirrored in float32."""
import math

import numpy as np
from PIL import Image

import qwen3vl_ref as ref

VPFX = "model.visual."

TINY_VISION = dict(depth=3, hidden_size=32, num_heads=2, intermediate_size=64, in_channels=3, patch_size=16,
                   temporal_patch_size=2, spatial_merge_size=2, num_position_embeddings=36,
                   deepstack_visual_indexes=[0, 2], hidden_act="gelu_pytorch_tanh")

PROC = dict(patch_size=16, temporal_patch_size=2, merge_size=2, min_pixels=65536, max_pixels=16777216,
            image_mean=[0.5, 0.5, 0.5], image_std=[0.5, 0.5, 0.5], rescale_factor=1 / 255)


# ---- images ------------------------------------------------------------------------------
def load_rgb(path):
    """uint8 (h, w, 3). Alpha composited on white with PIL's paste blend (DIV255 rounding)."""
    im = Image.open(path)
    im.load()
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        a = np.asarray(im.convert("RGBA")).astype(np.int64)
        v = 255 * (255 - a[..., 3:4]) + a[..., :3] * a[..., 3:4] + 128
        return (((v >> 8) + v) >> 8).astype(np.uint8)
    return np.asarray(im.convert("RGB")).astype(np.uint8)


def smart_resize(h, w, factor, min_pixels, max_pixels):
    if max(h, w) / min(h, w) > 200:
        raise ValueError("aspect ratio")
    hb, wb = round(h / factor) * factor, round(w / factor) * factor
    if hb * wb > max_pixels:
        beta = math.sqrt((h * w) / max_pixels)
        hb = max(factor, math.floor(h / beta / factor) * factor)
        wb = max(factor, math.floor(w / beta / factor) * factor)
    elif hb * wb < min_pixels:
        beta = math.sqrt(min_pixels / (h * w))
        hb = math.ceil(h * beta / factor) * factor
        wb = math.ceil(w * beta / factor) * factor
    return hb, wb


def _cubic(x, a=-0.5):
    x = abs(x)
    if x < 1:
        return ((a + 2) * x - (a + 3)) * x * x + 1
    if x < 2:
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
    return 0.0


def _aa_weights(n_in, n_out):
    """torch's antialiased bicubic taps for uint8: (xmin, int16 weights list) per output, precision."""
    scale = n_in / n_out
    support = 2.0 * scale if scale >= 1 else 2.0
    inv = 1.0 / scale if scale >= 1 else 1.0
    ntaps = math.ceil(support) * 2 + 1
    rows, wmax = [], 0.0
    for i in range(n_out):
        center = scale * (i + 0.5)
        xmin = max(int(center - support + 0.5), 0)
        xsize = min(max(min(int(center + support + 0.5), n_in) - xmin, 0), ntaps)
        ws = [_cubic((j + xmin - center + 0.5) * inv) for j in range(xsize)]
        tot = sum(ws)
        if tot != 0:
            ws = [x / tot for x in ws]
            wmax = max([wmax] + ws)
        rows.append((xmin, ws))
    prec = 0
    while prec < 22 and int(0.5 + wmax * (1 << (prec + 1))) < (1 << 15):
        prec += 1
    q = []
    for xmin, ws in rows:
        q.append((xmin, [int(-0.5 + v * (1 << prec)) if v * (1 << prec) < 0 else int(0.5 + v * (1 << prec))
                         for v in ws]))
    return q, prec


def _resize_axis(img, n_out, axis):
    """img int64 (h, w, 3); resamples along axis (1: horizontal, 0: vertical), back to uint8 values."""
    n_in = img.shape[axis]
    taps, prec = _aa_weights(n_in, n_out)
    moved = np.moveaxis(img, axis, 0)
    out = np.empty((n_out,) + moved.shape[1:], dtype=np.int64)
    for i, (xmin, ws) in enumerate(taps):
        acc = np.full(moved.shape[1:], 1 << (prec - 1), dtype=np.int64)
        for j, wj in enumerate(ws):
            acc += moved[xmin + j] * wj
        out[i] = np.clip(acc >> prec, 0, 255)
    return np.moveaxis(out, 0, axis)


def resize_bicubic_u8(rgb, oh, ow):
    """torchvision F.resize(uint8 tensor, bicubic, antialias=True) on CPU: horizontal, then vertical."""
    img = rgb.astype(np.int64)
    if img.shape[1] != ow:
        img = _resize_axis(img, ow, 1)
    if img.shape[0] != oh:
        img = _resize_axis(img, oh, 0)
    return img.astype(np.uint8)


def preprocess_rgb(rgb, proc=PROC):
    """-> (pixel_values float32 (N, C*T*P*P), (grid_t, grid_h, grid_w))."""
    P, T, m = proc["patch_size"], proc["temporal_patch_size"], proc["merge_size"]
    h, w = rgb.shape[:2]
    oh, ow = smart_resize(h, w, P * m, proc["min_pixels"], proc["max_pixels"])
    if (oh, ow) != (h, w):
        rgb = resize_bicubic_u8(rgb, oh, ow)
    mean = np.array(proc["image_mean"], np.float32) * np.float32(1.0 / proc["rescale_factor"])
    std = np.array(proc["image_std"], np.float32) * np.float32(1.0 / proc["rescale_factor"])
    x = (rgb.astype(np.float32) - mean) / std                       # (h, w, C) float32
    x = np.transpose(x, (2, 0, 1))[None].repeat(T, axis=0)          # (T, C, h, w)
    gh, gw = oh // P, ow // P
    x = x.reshape(1, T, 3, gh // m, m, P, gw // m, m, P).transpose(0, 3, 6, 4, 7, 2, 1, 5, 8)
    return np.ascontiguousarray(x.reshape(gh * gw, 3 * T * P * P)), (1, gh, gw)


def preprocess_png(path, proc=PROC):
    return preprocess_rgb(load_rgb(path), proc)


# ---- vision tower ------------------------------------------------------------------------
def layer_norm(x, w, b, eps=1e-6):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def gelu_erf(x):
    return 0.5 * x * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))


def linspace_f32(end, steps):
    """torch.linspace(0, end, steps) in float32 (symmetric evaluation)."""
    if steps == 1:
        return np.zeros(1, np.float32)
    step = np.float32(end) / np.float32(steps - 1)
    i = np.arange(steps)
    lo = step * i.astype(np.float32)
    hi = np.float32(end) - step * (steps - 1 - i).astype(np.float32)
    return np.where(i < steps // 2, lo, hi).astype(np.float32)


def pos_embed(table, gh, gw, m):
    """fast_pos_embed_interpolate for one image frame, in merge-block order: (gh*gw, hidden)."""
    side = int(round(math.sqrt(table.shape[0])))
    hi, wi = linspace_f32(side - 1, gh), linspace_f32(side - 1, gw)
    hf, wf = hi.astype(np.int64), wi.astype(np.int64)
    hc, wc = np.minimum(hf + 1, side - 1), np.minimum(wf + 1, side - 1)
    dh, dw = (hi - hf).astype(np.float32), (wi - wf).astype(np.float32)
    one = np.float32(1)
    idx = [hf[:, None] * side + wf[None], hf[:, None] * side + wc[None], hc[:, None] * side + wf[None],
           hc[:, None] * side + wc[None]]
    wts = [(one - dh)[:, None] * (one - dw)[None], (one - dh)[:, None] * dw[None], dh[:, None] * (one - dw)[None],
           dh[:, None] * dw[None]]
    pe = sum(table[i.reshape(-1)] * wt.reshape(-1, 1).astype(np.float64) for i, wt in zip(idx, wts))
    H = table.shape[1]
    return pe.reshape(gh // m, m, gw // m, m, H).transpose(0, 2, 1, 3, 4).reshape(gh * gw, H)


def rotary(gh, gw, m, hd):
    """cos, sin (gh*gw, hd) of the 2D rotary embedding in merge-block order."""
    dim = hd // 2
    inv = (np.float32(1.0) / (np.float32(10000.0) ** (np.arange(0, dim, 2, dtype=np.float32) / np.float32(dim))))
    inv = inv.astype(np.float32)
    r = (np.arange(gh // m)[:, None, None, None] * m + np.arange(m)[None, None, :, None])
    c = (np.arange(gw // m)[None, :, None, None] * m + np.arange(m)[None, None, None, :])
    r = np.broadcast_to(r, (gh // m, gw // m, m, m)).reshape(-1)
    c = np.broadcast_to(c, (gh // m, gw // m, m, m)).reshape(-1)
    ang = np.concatenate([r[:, None].astype(np.float32) * inv[None], c[:, None].astype(np.float32) * inv[None]], 1)
    emb = np.concatenate([ang, ang], 1).astype(np.float64)
    return np.cos(emb), np.sin(emb)


def vision_forward(vc, w, images):
    """images: list of (pixel_values, (t, gh, gw)). Returns (embeds (ntok, out), [deepstack (ntok, out)])."""
    g = lambda n: w[VPFX + n].astype(np.float64)
    H, nh, m = vc["hidden_size"], vc["num_heads"], vc["spatial_merge_size"]
    hd = H // nh
    pw = g("patch_embed.proj.weight").reshape(H, -1)
    xs, coss, sins, segs = [], [], [], []
    for px, (t, gh, gw) in images:
        x = px.astype(np.float64) @ pw.T + g("patch_embed.proj.bias")
        x = x + np.tile(pos_embed(g("pos_embed.weight"), gh, gw, m), (t, 1))
        c, s = rotary(gh, gw, m, hd)
        xs.append(x), coss.append(np.tile(c, (t, 1))), sins.append(np.tile(s, (t, 1)))
        segs += [gh * gw] * t
    x, cos, sin = np.concatenate(xs), np.concatenate(coss), np.concatenate(sins)
    act = gelu_tanh if vc["hidden_act"] == "gelu_pytorch_tanh" else gelu_erf
    ds = []
    for l in range(vc["depth"]):
        p = f"blocks.{l}."
        h = layer_norm(x, g(p + "norm1.weight"), g(p + "norm1.bias"))
        qkv = (h @ g(p + "attn.qkv.weight").T + g(p + "attn.qkv.bias")).reshape(len(x), 3, nh, hd)
        q, k, v = qkv[:, 0], qkv[:, 1], qkv[:, 2]
        q = q * cos[:, None] + ref.rotate_half(q) * sin[:, None]
        k = k * cos[:, None] + ref.rotate_half(k) * sin[:, None]
        out, o = np.zeros((len(x), nh, hd)), 0
        for n in segs:
            s = np.einsum("ihd,jhd->hij", q[o:o + n], k[o:o + n]) * hd ** -0.5
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            out[o:o + n] = np.einsum("hij,jhd->ihd", s, v[o:o + n])
            o += n
        x = x + out.reshape(len(x), H) @ g(p + "attn.proj.weight").T + g(p + "attn.proj.bias")
        h = layer_norm(x, g(p + "norm2.weight"), g(p + "norm2.bias"))
        h = act(h @ g(p + "mlp.linear_fc1.weight").T + g(p + "mlp.linear_fc1.bias"))
        x = x + h @ g(p + "mlp.linear_fc2.weight").T + g(p + "mlp.linear_fc2.bias")
        if l in vc["deepstack_visual_indexes"]:
            ds.append(merger(g, f"deepstack_merger_list.{vc['deepstack_visual_indexes'].index(l)}.", x, m, True))
    return merger(g, "merger.", x, m, False), ds


def merger(g, p, x, m, postshuffle):
    wide = x.shape[1] * m * m
    if postshuffle:
        h = layer_norm(x.reshape(-1, wide), g(p + "norm.weight"), g(p + "norm.bias"))
    else:
        h = layer_norm(x, g(p + "norm.weight"), g(p + "norm.bias")).reshape(-1, wide)
    h = gelu_erf(h @ g(p + "linear_fc1.weight").T + g(p + "linear_fc1.bias"))
    return h @ g(p + "linear_fc2.weight").T + g(p + "linear_fc2.bias")


# ---- positions and the multimodal forward ------------------------------------------------
def rope_index(tokens, grids, merge, image_token_id):
    """get_rope_index for images: (3, n) positions and the rope delta."""
    toks = list(tokens)
    parts, st = [], 0
    for t, h, w in grids:
        ed = toks.index(image_token_id, st)
        lt, lh, lw = t, h // merge, w // merge
        text_len = ed - st
        st_idx = parts[-1].max() + 1 if parts else 0
        parts.append(np.tile(np.arange(text_len), (3, 1)) + st_idx)
        ti = np.repeat(np.arange(lt), lh * lw)
        hi = np.tile(np.repeat(np.arange(lh), lw), lt)
        wi = np.tile(np.arange(lw), lt * lh)
        parts.append(np.stack([ti, hi, wi]) + text_len + st_idx)
        st = ed + lt * lh * lw
    if st < len(toks):
        st_idx = parts[-1].max() + 1 if parts else 0
        parts.append(np.tile(np.arange(len(toks) - st), (3, 1)) + st_idx)
    pos = np.concatenate(parts, 1)
    return pos, int(pos.max() + 1 - len(toks))


def mm_forward(t, w, vc, tokens, images, image_token_id):
    """Logits (n, vocab) of tokens with images (list of (pixels, grid)) in the pad rows."""
    emb, ds = vision_forward(vc, w, images)
    pos, delta = rope_index(tokens, [gr for _, gr in images], vc["spatial_merge_size"], image_token_id)
    tokens = np.asarray(tokens)
    mask = tokens == image_token_id
    gt = lambda n: w[ref.PFX + n].astype(np.float64)
    H, hd = t["hidden_size"], t["head_dim"]
    nh, nkv, eps = t["num_attention_heads"], t["num_key_value_heads"], t["rms_norm_eps"]
    n = len(tokens)
    x = gt("embed_tokens.weight")[tokens]
    x[mask] = emb
    cos, sin = ref.mrope_cos_sin(t, pos)
    causal = np.triu(np.full((n, n), -np.inf), 1)
    for l in range(t["num_hidden_layers"]):
        p = f"layers.{l}."
        h = ref.rms_norm(x, gt(p + "input_layernorm.weight"), eps)
        q = ref.rms_norm((h @ gt(p + "self_attn.q_proj.weight").T).reshape(n, nh, hd), gt(p + "self_attn.q_norm.weight"), eps)
        k = ref.rms_norm((h @ gt(p + "self_attn.k_proj.weight").T).reshape(n, nkv, hd), gt(p + "self_attn.k_norm.weight"), eps)
        v = (h @ gt(p + "self_attn.v_proj.weight").T).reshape(n, nkv, hd)
        q = q * cos[:, None] + ref.rotate_half(q) * sin[:, None]
        k = k * cos[:, None] + ref.rotate_half(k) * sin[:, None]
        k, v = ref.kv_cache_round(k), ref.kv_cache_round(v)
        k, v = np.repeat(k, nh // nkv, 1), np.repeat(v, nh // nkv, 1)
        s = np.einsum("ihd,jhd->hij", q, k) * hd ** -0.5 + causal[None]
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        x = x + np.einsum("hij,jhd->ihd", s, v).reshape(n, nh * hd) @ gt(p + "self_attn.o_proj.weight").T
        h = ref.rms_norm(x, gt(p + "post_attention_layernorm.weight"), eps)
        gg = h @ gt(p + "mlp.gate_proj.weight").T
        x = x + (gg / (1 + np.exp(-gg)) * (h @ gt(p + "mlp.up_proj.weight").T)) @ gt(p + "mlp.down_proj.weight").T
        if l < len(ds):
            x[mask] += ds[l]
    x = ref.rms_norm(x, gt("norm.weight"), eps)
    head = w["lm_head.weight"] if "lm_head.weight" in w else w[ref.PFX + "embed_tokens.weight"]
    return x @ head.astype(np.float64).T, delta
