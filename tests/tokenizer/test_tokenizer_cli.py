"""`zerocad tokenize` end to end on the real Qwen vocabulary (tests/data/tokenizer):
ids against the golden ids of llama.cpp and transformers, --json, --decode, reading a file or
stdin, and the errors for bad usage and malformed tokenizer files."""
import json
import subprocess

import pytest


@pytest.fixture(scope="module")
def qwen_dir(test_data):
    return test_data / "tokenizer"


def tokenize(zerocad_bin, *args, stdin=None):
    return subprocess.run([zerocad_bin, "tokenize", *args], input=stdin, capture_output=True,
                          timeout=60)


def test_help(zerocad_bin):
    p = tokenize(zerocad_bin, "--help")
    assert p.returncode == 0
    assert b"separated by single spaces" in p.stdout


def test_special_tokens_golden(zerocad_bin, qwen_dir):
    p = tokenize(zerocad_bin, "-m", str(qwen_dir), "<|im_start|>hello<|im_end|>")
    assert p.returncode == 0, p.stderr
    assert p.stdout == b"151644 14990 151645\n"


def test_file_input_matches_llamacpp(zerocad_bin, qwen_dir, tmp_path):
    cases = (qwen_dir / "ggml-vocab-qwen2.gguf.inp").read_text(encoding="utf-8").split("\n__ggml_vocab_test__\n")
    outs = (qwen_dir / "ggml-vocab-qwen2.gguf.out").read_text().split("\n")
    # A multi-line case with tabs and CJK, and a long one.
    for k in (10, len(cases) - 2):
        f = tmp_path / "in.txt"
        f.write_bytes(cases[k].encode("utf-8"))
        p = tokenize(zerocad_bin, "-m", str(qwen_dir), "-f", str(f))
        assert p.returncode == 0, p.stderr
        assert p.stdout.decode().split() == outs[k].split()


def test_stdin_and_json(zerocad_bin, qwen_dir):
    extra = json.loads((qwen_dir / "qwen2-golden-extra.json").read_text(encoding="utf-8"))
    case = extra["cases"][1]  # emoji and Chinese
    p = tokenize(zerocad_bin, "-m", str(qwen_dir), "--json", "-f", "-", stdin=case["text"].encode())
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["ids"] == case["ids"]
    assert len(out["tokens"]) == len(case["ids"])


def test_decode(zerocad_bin, qwen_dir):
    p = tokenize(zerocad_bin, "-m", str(qwen_dir), "--decode", "151644,14990,151645")
    assert p.returncode == 0 and p.stdout == b"<|im_start|>hello<|im_end|>"
    p = tokenize(zerocad_bin, "-m", str(qwen_dir), "--decode", "--skip-special", "151644 14990 151645")
    assert p.returncode == 0 and p.stdout == b"hello"
    p = tokenize(zerocad_bin, "-m", str(qwen_dir), "--decode", "--json", "108386")
    assert json.loads(p.stdout) == {"text": "你好"}


def test_tokenizer_json_file(zerocad_bin, qwen_dir, repo_root, tmp_path):
    out = tmp_path / "ckpt" / "tokenizer.json"
    subprocess.run(["/usr/bin/python3", str(repo_root / "tests" / "tokenizer" / "make_tokenizer_json.py"),
                    str(qwen_dir), str(out), "array"], check=True)
    for model in (out, out.parent):
        p = tokenize(zerocad_bin, "-m", str(model), "Hello world")
        assert p.returncode == 0, p.stderr
        assert p.stdout == b"9707 1879\n"


@pytest.mark.parametrize("content, needle", [
    ('{"model": {"vocab": {"a": 0}', "invalid JSON"),
    ('{"model": {"vocab": {"a": 0, "b": 1}, "merges": ["a b"]}}', "not in the vocabulary"),
    ('{"model": {"type": "Unigram", "vocab": []}}', "not supported"),
])
def test_malformed_tokenizer_json(zerocad_bin, tmp_path, content, needle):
    f = tmp_path / "tokenizer.json"
    f.write_text(content)
    p = tokenize(zerocad_bin, "-m", str(tmp_path), "x")
    assert p.returncode == 1
    err = p.stderr.decode()
    assert err.count("\n") == 1 and str(f) in err and needle in err, err


def test_usage_errors(zerocad_bin, qwen_dir, tmp_path):
    assert tokenize(zerocad_bin, "hello").returncode == 2
    assert tokenize(zerocad_bin, "-m", str(qwen_dir)).returncode == 2
    assert tokenize(zerocad_bin, "-m", str(qwen_dir), "a", "b").returncode == 2
    p = tokenize(zerocad_bin, "-m", str(tmp_path / "nope"), "x")
    assert p.returncode == 1 and b"nope" in p.stderr
    p = tokenize(zerocad_bin, "-m", str(tmp_path), "x")
    assert p.returncode == 1 and b"no tokenizer.json" in p.stderr
