#!/usr/bin/env python3
"""Builds a Hugging Face tokenizer.json (the layout of a Qwen2/Qwen3 checkpoint) from the slow
files vocab.json + merges.txt + tokenizer_config.json, so that the tokenizer.json loader is tested
on the real vocabulary. Usage: make_tokenizer_json.py SRC_DIR OUT_FILE [string|array]
(the form of the merges: "a b" strings, older files, or ["a", "b"] pairs, newer files)."""
import json
import os
import sys

QWEN2_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}|"
                 r" ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")


def main():
    src, out = sys.argv[1], sys.argv[2]
    form = sys.argv[3] if len(sys.argv) > 3 else "string"
    with open(f"{src}/vocab.json", encoding="utf-8") as f:
        vocab = json.load(f)
    merges = []
    with open(f"{src}/merges.txt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            line = line.rstrip("\r\n")
            if (i == 0 and line.startswith("#version")) or not line:
                continue
            a, b = line.split(" ")
            merges.append(f"{a} {b}" if form == "string" else [a, b])
    with open(f"{src}/tokenizer_config.json", encoding="utf-8") as f:
        config = json.load(f)
    added = []
    for key, tok in sorted(config.get("added_tokens_decoder", {}).items(), key=lambda kv: int(kv[0])):
        added.append({"id": int(key), "content": tok["content"],
                      "single_word": tok.get("single_word", False), "lstrip": tok.get("lstrip", False),
                      "rstrip": tok.get("rstrip", False), "normalized": tok.get("normalized", False),
                      "special": tok.get("special", False)})
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}
    doc = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "NFC"},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": QWEN2_PATTERN}, "behavior": "Isolated", "invert": False},
            byte_level]},
        "post_processor": dict(byte_level),
        "decoder": dict(byte_level),
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
                  "ignore_merges": False, "vocab": vocab, "merges": merges},
    }
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
