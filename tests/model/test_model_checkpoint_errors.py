"""Malformed checkpoints: every case exits 1 with exactly one line on stderr naming the bad file
and what is wrong; no crash (negative return code) and no hang."""
import json
import struct

import pytest

from model_test_helpers import ref, run


@pytest.fixture
def ckpt(tmp_path):
    ref.write_checkpoint(str(tmp_path), seed=1)
    return tmp_path


def expect_error(binary, d, *needles, args=("logits", "--tokens", "1,2,3")):
    p = run(binary, args[0], "-m", d, *args[1:], check=False)
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert p.stdout == ""
    lines = p.stderr.strip().split("\n")
    assert len(lines) == 1, p.stderr
    for n in needles:
        assert n in lines[0], (n, lines[0])
    return lines[0]


def header_of(path):
    data = path.read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    return json.loads(data[8:8 + n]), data[8 + n:]


def rewrite(path, header, body):
    h = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(h)) + h + body)


def test_truncated_file(zerocad_bin, ckpt):
    f = ckpt / "model.safetensors"
    f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    expect_error(zerocad_bin, ckpt, str(f), "truncated")


def test_file_shorter_than_header(zerocad_bin, ckpt):
    f = ckpt / "model.safetensors"
    f.write_bytes(f.read_bytes()[:100])
    expect_error(zerocad_bin, ckpt, str(f), "truncated")


def test_tiny_file(zerocad_bin, ckpt):
    f = ckpt / "model.safetensors"
    f.write_bytes(b"\x01\x02")
    expect_error(zerocad_bin, ckpt, str(f), "truncated")


def test_header_length_lies(zerocad_bin, ckpt):
    f = ckpt / "model.safetensors"
    data = bytearray(f.read_bytes())
    data[:8] = struct.pack("<Q", 1 << 40)
    f.write_bytes(bytes(data))
    expect_error(zerocad_bin, ckpt, str(f), "header length")


def test_offsets_lie_about_size(zerocad_bin, ckpt):
    f = ckpt / "model.safetensors"
    h, body = header_of(f)
    name = ref.PFX + "layers.0.self_attn.q_proj.weight"
    b, e = h[name]["data_offsets"]
    h[name]["data_offsets"] = [b, e - 2]
    rewrite(f, h, body)
    expect_error(zerocad_bin, ckpt, str(f), name, "spans")


def test_offsets_past_end(zerocad_bin, ckpt):
    f = ckpt / "model.safetensors"
    h, body = header_of(f)
    name = ref.PFX + "norm.weight"
    h[name]["data_offsets"] = [len(body) - 64, len(body) + 64]
    rewrite(f, h, body)
    expect_error(zerocad_bin, ckpt, str(f), name, "truncated")


def test_malformed_header_json(zerocad_bin, ckpt):
    f = ckpt / "model.safetensors"
    h, body = header_of(f)
    raw = b'{"a": [1, 2' + b" " * 20
    f.write_bytes(struct.pack("<Q", len(raw)) + raw + body)
    expect_error(zerocad_bin, ckpt, str(f), "malformed header")


def test_bad_dtype(zerocad_bin, ckpt):
    f = ckpt / "model.safetensors"
    h, body = header_of(f)
    h[ref.PFX + "norm.weight"]["dtype"] = "Q17"
    rewrite(f, h, body)
    expect_error(zerocad_bin, ckpt, str(f), "dtype")


@pytest.mark.parametrize("key", ["hidden_size", "num_hidden_layers", "num_key_value_heads", "vocab_size",
                                 "rms_norm_eps", "rope_theta", "intermediate_size"])
def test_missing_config_key(zerocad_bin, ckpt, key):
    cfg = json.loads((ckpt / "config.json").read_text())
    del cfg["text_config"][key]
    (ckpt / "config.json").write_text(json.dumps(cfg))
    expect_error(zerocad_bin, ckpt, str(ckpt / "config.json"), key)


def test_missing_config_file(zerocad_bin, ckpt):
    (ckpt / "config.json").unlink()
    expect_error(zerocad_bin, ckpt, "config.json")


def test_config_not_json(zerocad_bin, ckpt):
    (ckpt / "config.json").write_text("{ not json")
    expect_error(zerocad_bin, ckpt, "config.json")


def test_missing_tensor(zerocad_bin, ckpt):
    t, w = ref.load_checkpoint(str(ckpt))
    name = ref.PFX + "layers.2.mlp.down_proj.weight"
    del w[name]
    ref.write_safetensors(str(ckpt / "model.safetensors"), w)
    expect_error(zerocad_bin, ckpt, str(ckpt / "model.safetensors"), "missing tensor", name)


def test_wrong_shape(zerocad_bin, ckpt):
    t, w = ref.load_checkpoint(str(ckpt))
    name = ref.PFX + "layers.1.self_attn.k_proj.weight"
    w[name] = w[name][:32]
    ref.write_safetensors(str(ckpt / "model.safetensors"), w)
    expect_error(zerocad_bin, ckpt, str(ckpt / "model.safetensors"), name, "shape [32,64]", "[64,64]")


def test_no_weights(zerocad_bin, ckpt):
    (ckpt / "model.safetensors").unlink()
    expect_error(zerocad_bin, ckpt, "model.safetensors")


def test_sharded_missing_shard(zerocad_bin, tmp_path):
    ref.write_checkpoint(str(tmp_path), seed=1, shards=2)
    (tmp_path / "model-00002-of-00002.safetensors").unlink()
    expect_error(zerocad_bin, tmp_path, "model-00002-of-00002.safetensors")


def test_sharded_index_names_wrong_file(zerocad_bin, tmp_path):
    ref.write_checkpoint(str(tmp_path), seed=1, shards=2)
    idx = json.loads((tmp_path / "model.safetensors.index.json").read_text())
    name = ref.PFX + "norm.weight"
    other = {"model-00001-of-00002.safetensors": "model-00002-of-00002.safetensors",
             "model-00002-of-00002.safetensors": "model-00001-of-00002.safetensors"}
    idx["weight_map"][name] = other[idx["weight_map"][name]]
    (tmp_path / "model.safetensors.index.json").write_text(json.dumps(idx))
    expect_error(zerocad_bin, tmp_path, "missing tensor", name)


def test_token_outside_vocab(zerocad_bin, ckpt):
    expect_error(zerocad_bin, ckpt, "vocabulary", args=("logits", "--tokens", "1,5000"))


def test_generate_reports_the_same_errors(zerocad_bin, ckpt):
    (ckpt / "config.json").write_text("[]")
    expect_error(zerocad_bin, ckpt, "config.json", args=("generate", "--tokens", "1,2", "--ids"))


def test_usage_errors(zerocad_bin, ckpt):
    for args in (["logits"], ["logits", "-m", str(ckpt), "--tokens", "1,,2"], ["logits", "--bogus"],
                 ["generate", "-m", str(ckpt)]):
        assert run(zerocad_bin, *args, check=False).returncode == 2
    assert run(zerocad_bin, "logits", "--help").returncode == 0
    assert run(zerocad_bin, "generate", "--help").returncode == 0


@pytest.mark.parametrize("eps", [1e-60, 1e39])
def test_config_eps_not_a_float(zerocad_bin, ckpt, eps):
    """fuzz_model_config regression: rms_norm_eps 1e-60 is positive as a double but 0 as the
    32-bit float the model uses (and 1e39 is infinite): refused, naming the key."""
    cfg = json.loads((ckpt / "config.json").read_text())
    cfg["text_config"]["rms_norm_eps"] = eps
    (ckpt / "config.json").write_text(json.dumps(cfg))
    expect_error(zerocad_bin, ckpt, str(ckpt / "config.json"), "rms_norm_eps")
