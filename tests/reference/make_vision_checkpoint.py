"""Writes tiny (or full-size) random Qwen3-VL checkpoints WITH the vision tower in the exact Hugging
Face layout: the text part from qwen3vl_ref.write_checkpoint plus model.visual.* tensors, the
vision_config and top-level image token ids in config.json, and preprocessor_config.json."""
import json
import os
import sys

import numpy as np

import qwen3vl_ref as ref
from vision_ref import PROC, TINY_VISION, VPFX

# token ids inside the tiny vocabulary (the real ones, 151652.., exceed it)
TINY_IDS = dict(image_token_id=900, video_token_id=901, vision_start_token_id=902, vision_end_token_id=903)


def vision_weights(vc, out_hidden, seed):
    rng = np.random.default_rng(seed + 1000)
    H, I, P, T, m = (vc["hidden_size"], vc["intermediate_size"], vc["patch_size"], vc["temporal_patch_size"],
                     vc["spatial_merge_size"])
    wide = H * m * m

    def mat(r, c, gain=1.0):
        return (gain * rng.standard_normal((r, c)) / np.sqrt(c)).astype(np.float32)

    def vec(n, scale=0.1):
        return (scale * rng.standard_normal(n)).astype(np.float32)

    def norm(n):
        return (1.0 + 0.2 * rng.standard_normal(n)).astype(np.float32)

    w = {VPFX + "patch_embed.proj.weight": mat(H, 3 * T * P * P).reshape(H, 3, T, P, P),
         VPFX + "patch_embed.proj.bias": vec(H),
         VPFX + "pos_embed.weight": (0.5 * rng.standard_normal((vc["num_position_embeddings"], H))).astype(np.float32)}
    for l in range(vc["depth"]):
        p = f"{VPFX}blocks.{l}."
        w.update({p + "norm1.weight": norm(H), p + "norm1.bias": vec(H), p + "norm2.weight": norm(H),
                  p + "norm2.bias": vec(H), p + "attn.qkv.weight": mat(3 * H, H), p + "attn.qkv.bias": vec(3 * H),
                  p + "attn.proj.weight": mat(H, H), p + "attn.proj.bias": vec(H),
                  p + "mlp.linear_fc1.weight": mat(I, H), p + "mlp.linear_fc1.bias": vec(I),
                  p + "mlp.linear_fc2.weight": mat(H, I), p + "mlp.linear_fc2.bias": vec(H)})
    mergers = [("merger.", H)] + [(f"deepstack_merger_list.{i}.", wide)
                                  for i in range(len(vc["deepstack_visual_indexes"]))]
    for p, nn in mergers:
        w.update({VPFX + p + "norm.weight": norm(nn), VPFX + p + "norm.bias": vec(nn),
                  VPFX + p + "linear_fc1.weight": mat(wide, wide), VPFX + p + "linear_fc1.bias": vec(wide),
                  VPFX + p + "linear_fc2.weight": mat(out_hidden, wide), VPFX + p + "linear_fc2.bias": vec(out_hidden)})
    return {k: ref.bf16_round(v) for k, v in w.items()}


def write_vision_checkpoint(d, t=None, vc=None, seed=0, ids=None, shards=1):
    """Returns (text config dict, vision config dict, weights)."""
    t = dict(ref.TINY if t is None else t)
    vc = dict(TINY_VISION if vc is None else vc)
    ids = dict(TINY_IDS if ids is None else ids)
    w = ref.random_weights(t, seed)
    w.pop(VPFX + "merger.norm.weight", None)
    w.update(vision_weights(vc, t["hidden_size"], seed))
    ref.write_checkpoint(d, t, seed=seed, weights=w, shards=shards)
    cfgp = os.path.join(d, "config.json")
    with open(cfgp) as f:
        cfg = json.load(f)
    cfg["vision_config"] = dict(vc, out_hidden_size=t["hidden_size"], model_type="qwen3_vl",
                                initializer_range=0.02)
    cfg.update(ids)
    with open(cfgp, "w") as f:
        json.dump(cfg, f, indent=2)
    proc = {"size": {"longest_edge": PROC["max_pixels"], "shortest_edge": PROC["min_pixels"]},
            "patch_size": vc["patch_size"], "temporal_patch_size": vc["temporal_patch_size"],
            "merge_size": vc["spatial_merge_size"], "image_mean": PROC["image_mean"],
            "image_std": PROC["image_std"], "processor_class": "Qwen3VLProcessor",
            "image_processor_type": "Qwen2VLImageProcessorFast"}
    with open(os.path.join(d, "preprocessor_config.json"), "w") as f:
        json.dump(proc, f, indent=2)
    tt = ref.load_checkpoint(d)[0]
    return tt, vc, w


if __name__ == "__main__":
    write_vision_checkpoint(sys.argv[1] if len(sys.argv) > 1 else "tiny-qwen3vl-vision")
