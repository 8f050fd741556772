"""zerocad generate with text prompts: a tiny random checkpoint with the real Qwen vocabulary size
plus the Qwen tokenizer files from tests/data/tokenizer. The streamed text must equal an
independent byte-level decoding (GPT-2 bytes_to_unicode inverse, in Python) of the ids that the
same run produces with --ids."""
import json
import shutil

import pytest

from model_test_helpers import ref, run


def bytes_to_unicode_inverse():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(bs, cs)}


@pytest.fixture(scope="module")
def ckpt(tmp_path_factory, test_data):
    src = test_data / "tokenizer"
    if not (src / "vocab.json").exists():
        pytest.fail(f"{src}/vocab.json missing")
    d = tmp_path_factory.mktemp("textgen")
    t = dict(ref.TINY, vocab_size=151936)
    ref.write_checkpoint(str(d), t=t, seed=12, tied=False)
    for f in ("vocab.json", "merges.txt", "tokenizer_config.json"):
        shutil.copy(src / f, d / f)
    return d


def test_text_stream_matches_ids(zerocad_bin, ckpt):
    args = ["generate", "-m", ckpt, "--prompt", "Generate CadQuery code for this shape.", "--system",
            "You are a CAD code assistant.", "-n", "24", "--temp", "0", "--quiet"]
    ids = [int(x) for x in run(zerocad_bin, *args, "--ids").stdout.strip().split(",")]
    text = run(zerocad_bin, *args).stdout
    vocab = {v: k for k, v in json.loads((ckpt / "vocab.json").read_text()).items()}
    inv = bytes_to_unicode_inverse()
    special = set(range(151643, 151936))
    raw = b"".join(bytes(inv[ch] for ch in vocab[i]) for i in ids if i not in special and i in vocab)
    assert text == raw.decode("utf-8", errors="replace") + "\n"


def test_prompt_file_and_raw(zerocad_bin, ckpt, tmp_path):
    f = tmp_path / "p.txt"
    f.write_text("hello world")
    a = run(zerocad_bin, "generate", "-m", ckpt, "--prompt-file", f, "-n", "8", "--temp", "0", "--ids", "--quiet")
    b = run(zerocad_bin, "generate", "-m", ckpt, "--prompt", "hello world", "-n", "8", "--temp", "0", "--ids",
            "--quiet")
    c = run(zerocad_bin, "generate", "-m", ckpt, "--prompt", "hello world", "--raw", "-n", "8", "--temp", "0",
            "--ids", "--quiet")
    assert a.stdout == b.stdout
    assert len(c.stdout.split(",")) == 8


def test_missing_prompt_file(zerocad_bin, ckpt, tmp_path):
    p = run(zerocad_bin, "generate", "-m", ckpt, "--prompt-file", tmp_path / "nope.txt", check=False)
    assert p.returncode == 1 and "nope.txt" in p.stderr and len(p.stderr.strip().split("\n")) == 1
