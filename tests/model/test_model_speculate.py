"""Speculative decoding (zc_decode, src/model/speculate.c) on tiny random checkpoints: the ids equal
one-at-a-time greedy decoding and the NumPy reference over many prompts and lengths, with the
prompt-lookup drafter and with forced drafts (all right, all wrong, mixed), at EOS, at the max-tokens
limit, at the end of the cache, with the repetition penalty, q8 weights and image prompts (M-RoPE
delta); the step and acceptance counts equal their analytic values for forced drafts;
zc_kv_truncate then forward equals a forward from scratch; and the CLI flags."""
import json
import math
import os
import subprocess

import numpy as np
import pytest

from model_test_helpers import REF_TOL, c_generate_ids, prompt, ref, run

pytestmark = pytest.mark.timeout(1200)


def probe_bin(zerocad_bin):
    p = os.path.join(os.path.dirname(zerocad_bin), "tests", "model", "spec_probe")
    if not os.path.exists(p):
        raise AssertionError(f"spec_probe not found at {p} (build the spec_probe target)")
    return p


def ids_arg(ids):
    return ",".join(map(str, ids))


def probe(zerocad_bin, *args, quant=None):
    cmd = [probe_bin(zerocad_bin)] + (["--q8"] if quant == "q8" else []) + [str(a) for a in args]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError(f"spec_probe {args[0]} failed: {p.stderr}")
    return json.loads(p.stdout)


def gen(zerocad_bin, ckpt, toks, n, *extra, quant=None):
    return probe(zerocad_bin, "gen", ckpt, ids_arg(toks), n, *extra, quant=quant)


def repeating_prompt(n, seed, alphabet=12):
    """Ids from a small alphabet, so n-grams recur and the lookup drafter has matches."""
    return [int(x) * 7 + 3 for x in np.random.default_rng(seed).integers(0, alphabet, n)]


@pytest.fixture(scope="module")
def ckpt(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("spec"))
    ref.write_checkpoint(d, seed=3, tied=False)
    t, w = ref.load_checkpoint(d)
    return dict(dir=d, t=t, w=w)


@pytest.fixture(scope="module")
def reference(ckpt):
    """NumPy greedy continuations, computed once per prompt."""
    cache = {}

    def get(toks, n):
        key = tuple(toks)
        if key not in cache or len(cache[key]) < n:
            cache[key] = ref.greedy(ckpt["t"], ckpt["w"], toks, n)
        return cache[key][:n]
    return get


PROMPTS = [("random", 0, 40), ("random", 1, 9), ("repeating", 2, 30), ("repeating", 3, 64), ("random", 4, 1)]


def make_prompt(kind, seed, n):
    return prompt(n, seed=seed) if kind == "random" else repeating_prompt(n, seed)


@pytest.mark.parametrize("kind,seed,n_prompt", PROMPTS)
def test_lookup_speculation_equals_plain_and_reference(zerocad_bin, ckpt, reference, kind, seed, n_prompt):
    toks = make_prompt(kind, seed, n_prompt)
    want = reference(toks, 48)
    plain = gen(zerocad_bin, ckpt["dir"], toks, 48, "--ignore-eos")
    assert plain["ids"] == want and plain["drafted"] == 0 and plain["steps"] == 47
    for k in (1, 2, 3, 8, 16):
        got = gen(zerocad_bin, ckpt["dir"], toks, 48, "--ignore-eos", "--spec", k)
        assert got["ids"] == want, f"k={k}"
        assert got["steps"] + got["accepted"] == 47  # every step emits its accepted drafts + 1
        assert got["kv_len"] == n_prompt + 47        # rejected positions rolled back


def test_lookup_drafts_get_accepted_on_repetitive_output(zerocad_bin, ckpt, reference):
    """Random tiny models fall into cycles; prompt lookup then drafts the cycle."""
    toks = repeating_prompt(64, 3)
    want = reference(toks, 48)
    got = gen(zerocad_bin, ckpt["dir"], toks, 48, "--ignore-eos", "--spec", 8)
    assert got["ids"] == want
    assert got["accepted"] > 0 and got["steps"] < 47


@pytest.mark.parametrize("n", [1, 2, 3, 9, 10, 31, 48])
@pytest.mark.parametrize("k", [1, 3, 8, 16])
def test_oracle_drafts_all_accepted(zerocad_bin, ckpt, reference, n, k):
    toks = prompt(24, seed=11)
    want = reference(toks, n)
    got = gen(zerocad_bin, ckpt["dir"], toks, n, "--ignore-eos", "--spec", k, "--oracle", ids_arg(want))
    assert got["ids"] == want
    steps = math.ceil((n - 1) / (k + 1))  # each step: the pending id and k right drafts -> k + 1 ids
    assert got["steps"] == steps
    assert got["accepted"] == got["drafted"] == n - 1 - steps


@pytest.mark.parametrize("k", [1, 4, 8])
def test_wrong_drafts_all_rejected(zerocad_bin, ckpt, reference, k):
    n = 20
    toks = prompt(24, seed=12)
    want = reference(toks, n)
    got = gen(zerocad_bin, ckpt["dir"], toks, n, "--ignore-eos", "--spec", k, "--oracle", ids_arg(want),
              "--wrong", 1)
    assert got["ids"] == want
    assert got["accepted"] == 0 and got["steps"] == n - 1
    assert got["drafted"] == sum(min(k, n - 1 - g) for g in range(1, n))


@pytest.mark.parametrize("wrong", [2, 3, 5, 7])
@pytest.mark.parametrize("k", [2, 4, 8])
def test_mixed_drafts(zerocad_bin, ckpt, reference, wrong, k):
    n = 40
    toks = prompt(30, seed=13)
    want = reference(toks, n)
    got = gen(zerocad_bin, ckpt["dir"], toks, n, "--ignore-eos", "--spec", k, "--oracle", ids_arg(want),
              "--wrong", wrong)
    assert got["ids"] == want
    assert (got["steps"], got["drafted"], got["accepted"]) == expected_counts(n, k, wrong)
    assert got["steps"] + got["accepted"] == n - 1


def expected_counts(n, k, wrong):
    """The protocol replayed: after g ids, a step drafts ids g..g+kk-1 (kk = min(k, n - g - 1)), keeps
    them up to the first wrong one (position % wrong == 0) and emits one id more."""
    g, steps, drafted, accepted = 1, 0, 0, 0
    while g < n:
        kk = min(k, n - g - 1)
        a = next((j for j in range(kk) if (g + j) % wrong == 0), kk)
        steps, drafted, accepted, g = steps + 1, drafted + kk, accepted + a, g + a + 1
    return steps, drafted, accepted


def test_mixed_drafts_reject_some():
    assert expected_counts(40, 4, 3)[2] < expected_counts(40, 4, 3)[1]  # the parameters above do reject


@pytest.fixture(scope="module")
def eos_case(tmp_path_factory):
    """A checkpoint whose EOS id is the 11th greedy id of a prompt (first occurrence at `first`)."""
    d = tmp_path_factory.mktemp("spec_eos")
    w = ref.random_weights(ref.TINY, seed=3, tied=False)
    ref.write_checkpoint(str(d), weights=w, tied=False)
    t, _ = ref.load_checkpoint(str(d))
    toks = prompt(40, seed=1)
    want = ref.greedy(t, w, toks, 40)
    eos = want[10]
    g = json.loads((d / "generation_config.json").read_text())
    g["eos_token_id"] = [999999, eos]
    (d / "generation_config.json").write_text(json.dumps(g))
    return dict(dir=str(d), toks=toks, want=want, first=want.index(eos))


@pytest.mark.parametrize("k", [1, 3, 8])
def test_eos_stops_at_the_same_id(zerocad_bin, eos_case, k):
    c = eos_case
    stop = c["want"][:c["first"]]
    assert gen(zerocad_bin, c["dir"], c["toks"], 40)["ids"] == stop
    for extra in ([], ["--oracle", ids_arg(c["want"])], ["--oracle", ids_arg(c["want"]), "--wrong", 3]):
        got = gen(zerocad_bin, c["dir"], c["toks"], 40, "--spec", k, *extra)
        assert got["ids"] == stop, extra
        assert got["rc"] == 0
    # --ignore-eos: the EOS id is emitted and decoding goes on, with and without speculation
    got = gen(zerocad_bin, c["dir"], c["toks"], 40, "--ignore-eos", "--spec", k, "--oracle", ids_arg(c["want"]))
    assert got["ids"] == c["want"]


@pytest.mark.parametrize("cap", [1, 2, 5, 9])
@pytest.mark.parametrize("k", [2, 8])
def test_cache_end_fails_at_the_same_id(zerocad_bin, ckpt, reference, cap, k):
    """A cache of prompt + cap positions: cap + 1 ids come out (the last one is never run through the
    decoder), then the next forward pass fails, with and without speculation."""
    toks = prompt(20, seed=14)
    want = reference(toks, 30)
    plain = gen(zerocad_bin, ckpt["dir"], toks, 30, "--ignore-eos", "--cap", cap)
    assert plain["ids"] == want[:cap + 1] and plain["rc"] == -1
    for extra in ([], ["--oracle", ids_arg(want)], ["--oracle", ids_arg(want), "--wrong", 2]):
        got = gen(zerocad_bin, ckpt["dir"], toks, 30, "--ignore-eos", "--cap", cap, "--spec", k, *extra)
        assert got["ids"] == want[:cap + 1] and got["rc"] == -1, extra


def penalized_greedy(t, w, toks, n, pen):
    seq, out = list(toks), []
    for _ in range(n):
        l = ref.forward(t, w, seq)[-1]
        for tok in set(seq):
            l[tok] = l[tok] * pen if l[tok] < 0 else l[tok] / pen
        out.append(int(np.argmax(l)))
        seq.append(out[-1])
    return out


def test_repetition_penalty(zerocad_bin, ckpt):
    toks = repeating_prompt(30, 5)
    want = penalized_greedy(ckpt["t"], ckpt["w"], toks, 24, 1.3)
    assert gen(zerocad_bin, ckpt["dir"], toks, 24, "--ignore-eos", "--rep", 1.3)["ids"] == want
    for extra in ([], ["--oracle", ids_arg(want)], ["--oracle", ids_arg(want), "--wrong", 3]):
        got = gen(zerocad_bin, ckpt["dir"], toks, 24, "--ignore-eos", "--rep", 1.3, "--spec", 8, *extra)
        assert got["ids"] == want, extra
    got = gen(zerocad_bin, ckpt["dir"], toks, 24, "--ignore-eos", "--rep", 1.3, "--spec", 8, "--oracle", ids_arg(want))
    assert got["accepted"] == 23 - got["steps"] and got["steps"] == math.ceil(23 / 9)


@pytest.mark.parametrize("seed", [0, 6])
def test_q8_speculation_equals_plain_q8(zerocad_bin, ckpt, seed):
    toks = repeating_prompt(40, seed)
    plain = gen(zerocad_bin, ckpt["dir"], toks, 40, "--ignore-eos", quant="q8")["ids"]
    for extra in ([], ["--oracle", ids_arg(plain)], ["--oracle", ids_arg(plain), "--wrong", 4]):
        got = gen(zerocad_bin, ckpt["dir"], toks, 40, "--ignore-eos", "--spec", 8, *extra, quant="q8")
        assert got["ids"] == plain, extra


# ---- zc_kv_truncate --------------------------------------------------------------------------
def test_truncate_then_forward_equals_forward_from_scratch(zerocad_bin, ckpt):
    p, a, b = prompt(17, seed=20), prompt(3, seed=21), prompt(5, seed=22)
    out = probe(zerocad_bin, "truncate", ckpt["dir"], ids_arg(p), ids_arg(a), 2, ids_arg(b))
    t, s = np.array(out["truncated"]), np.array(out["scratch"])
    # A (3 ids) and A[:2] both run row by row: the kept positions hold the same bits
    assert np.array_equal(t, s)
    want = ref.forward(ckpt["t"], ckpt["w"], p + a[:2] + b)[-5:]
    assert np.abs(t - want).max() <= REF_TOL * np.abs(want).max()


@pytest.mark.parametrize("np_", [3, 20])
def test_clone_continues_like_the_original(zerocad_bin, ckpt, np_):
    """zc_kv_clone into a larger cache (each KV head's rows start elsewhere) continues with the bits
    of the cache it copied (a prompt of 3 runs row by row, one of 20 through prefill attention)."""
    p, b = prompt(np_, seed=30 + np_), prompt(5, seed=31)
    out = probe(zerocad_bin, "clone", ckpt["dir"], ids_arg(p), ids_arg(b))
    c, d = np.array(out["cloned"]), np.array(out["direct"])
    assert c.shape == (5, ckpt["t"]["vocab_size"])
    assert np.array_equal(c, d)
    want = ref.forward(ckpt["t"], ckpt["w"], p + b)[-5:]
    assert np.abs(c - want).max() <= REF_TOL * np.abs(want).max()


@pytest.mark.parametrize("na,keep", [(6, 4), (9, 1), (12, 12)])
def test_truncate_after_a_batch(zerocad_bin, ckpt, na, keep):
    p, a, b = prompt(11, seed=23), prompt(na, seed=24), prompt(4, seed=25)
    out = probe(zerocad_bin, "truncate", ckpt["dir"], ids_arg(p), ids_arg(a), keep, ids_arg(b))
    want = ref.forward(ckpt["t"], ckpt["w"], p + a[:keep] + b)[-4:]
    for key in ("truncated", "scratch"):
        got = np.array(out[key])
        assert np.abs(got - want).max() <= REF_TOL * np.abs(want).max(), key
        assert (got.argmax(-1) == want.argmax(-1)).all()


def test_exact_batches_have_the_decode_numerics(zerocad_bin, ckpt):
    """A pass of up to zc_model_exact_batch positions gives each row the bits of one-at-a-time
    decoding (what makes default speculation exactly lossless; docs/model.md, "Speculative decoding")."""
    exact = gen(zerocad_bin, ckpt["dir"], prompt(5, seed=1), 1)["exact_batch"]
    assert exact >= 2
    for n in range(1, exact + 1):
        out = probe(zerocad_bin, "rows", ckpt["dir"], ids_arg(prompt(15, seed=30)), ids_arg(prompt(n, seed=31)))
        assert out["equal"] == 1 and out["max_abs_diff"] == 0, n


@pytest.mark.parametrize("k", [1, 8])
def test_exact_mode_caps_the_pass(zerocad_bin, ckpt, reference, k):
    n = 31
    toks = prompt(24, seed=11)
    want = reference(toks, n)
    got = gen(zerocad_bin, ckpt["dir"], toks, n, "--ignore-eos", "--exact", "--spec", k, "--oracle", ids_arg(want))
    assert got["ids"] == want
    per_step = min(k + 1, got["exact_batch"])
    assert got["steps"] == math.ceil((n - 1) / per_step)


# ---- images: the M-RoPE delta after the vision tokens ---------------------------------------
@pytest.fixture(scope="module")
def vision_case(tmp_path_factory):
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reference"))
    import make_vision_checkpoint as mvc
    import vision_ref as vref
    from PIL import Image
    d = tmp_path_factory.mktemp("spec_vision")
    t, vc, w = mvc.write_vision_checkpoint(str(d / "ck"), seed=2)
    rng = np.random.default_rng(5)
    pngs = []
    for i, (wd, ht) in enumerate([(64, 64), (48, 80)]):
        path = str(d / f"v{i}.png")
        Image.fromarray(rng.integers(0, 256, (ht, wd, 3), dtype=np.uint8), "RGB").save(path)
        pngs.append(path)
    pad, vs, ve = 900, 902, 903
    toks = [5, 17, vs, pad, ve, 8, vs, pad, ve, 44, 2, 9, 5, 17]
    imgs = [vref.preprocess_png(p) for p in pngs]
    counts = [g[0] * g[1] * g[2] // 4 for _, g in imgs]
    full = []
    k = 0
    for x in toks:
        full += [pad] * counts[k] if x == pad else [x]
        k += x == pad
    seq, want = list(full), []
    for _ in range(6):
        logits, _ = vref.mm_forward(t, w, vc, seq, imgs, pad)
        want.append(int(np.argmax(logits[-1])))
        seq.append(want[-1])
    return dict(dir=str(d / "ck"), pngs=pngs, toks=toks, want=want)


def test_image_prompt(zerocad_bin, vision_case):
    c = vision_case
    images = [a for p in c["pngs"] for a in ("--image", p)]
    plain = gen(zerocad_bin, c["dir"], c["toks"], 40, "--ignore-eos", *images)
    assert plain["ids"][:6] == c["want"]
    for extra in (["--spec", 8], ["--spec", 3, "--oracle", ids_arg(plain["ids"])],
                  ["--spec", 8, "--oracle", ids_arg(plain["ids"]), "--wrong", 3]):
        got = gen(zerocad_bin, c["dir"], c["toks"], 40, "--ignore-eos", *images, *extra)
        assert got["ids"] == plain["ids"], extra
    got = gen(zerocad_bin, c["dir"], c["toks"], 40, "--ignore-eos", *images, "--spec", 8, "--oracle",
              ids_arg(plain["ids"]))
    assert got["steps"] == math.ceil(39 / 9)


def test_image_prompt_cli(zerocad_bin, vision_case):
    c = vision_case
    images = [a for p in c["pngs"] for a in ("--image", p)]
    a = c_generate_ids(zerocad_bin, c["dir"], c["toks"], 30, "--temp", "0", "--ignore-eos", *images)
    b = c_generate_ids(zerocad_bin, c["dir"], c["toks"], 30, "--temp", "0", "--ignore-eos", "--no-speculate", *images)
    assert a == b and a[:6] == c["want"]


# ---- the command line ------------------------------------------------------------------------
def test_cli_speculate_flags_and_stats(zerocad_bin, ckpt, reference):
    toks = repeating_prompt(64, 3)
    want = reference(toks, 48)
    base = ["generate", "-m", ckpt["dir"], "--tokens", ids_arg(toks), "--ids", "-n", 48, "--temp", 0, "--ignore-eos"]
    on = run(zerocad_bin, *base)
    off = run(zerocad_bin, *base, "--no-speculate")
    k2 = run(zerocad_bin, *base, "--speculate", "--draft", 2)
    inexact = run(zerocad_bin, *base, "--inexact-verify", "--draft", 8)
    for p in (on, off, k2, inexact):
        assert [int(x) for x in p.stdout.strip().split(",")] == want
    assert "speculation:" in on.stderr and "accepted" in on.stderr
    assert "speculation:" not in off.stderr
    assert "speculation:" in k2.stderr
    bad = run(zerocad_bin, *base, "--draft", 17, check=False)
    assert bad.returncode == 2 and "--draft" in bad.stderr
    assert "--no-speculate" in run(zerocad_bin, "generate", "--help").stdout


def test_cli_sampling_ignores_speculate(zerocad_bin, ckpt):
    toks = repeating_prompt(30, 4)
    args = ["--temp", "0.8", "--top-k", "0", "--top-p", "1", "--seed", 5, "--ignore-eos"]
    a = run(zerocad_bin, "generate", "-m", ckpt["dir"], "--tokens", ids_arg(toks), "--ids", "-n", 20, *args)
    b = run(zerocad_bin, "generate", "-m", ckpt["dir"], "--tokens", ids_arg(toks), "--ids", "-n", 20, *args,
            "--no-speculate")
    assert a.stdout == b.stdout and "speculation:" not in a.stderr


# ---- the drafter ------------------------------------------------------------------------------
def lookup(zerocad_bin, hist, corpus, ngram, kmax):
    p = subprocess.run([probe_bin(zerocad_bin), "lookup", ids_arg(hist), ids_arg(corpus) if corpus else "-",
                        str(ngram), str(kmax)], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)["draft"]


def lookup_py(hist, corpus, ngram, kmax):
    """The rule of docs/model.md written out: for g = ngram..1, the last g ids searched in hist before
    its end, then in corpus; of the occurrences, the most recent followed by kmax ids, else the one
    followed by the most ids; what follows it (up to kmax) is the draft."""
    n = len(hist)
    for g in range(min(ngram, n), 0, -1):
        pat = hist[n - g:]
        for src in (hist, corpus or []):
            occ = [j for j in range(len(src) - g) if src[j:j + g] == pat]
            if occ:
                full = [j for j in occ if len(src) - (j + g) >= kmax]
                j = max(full) if full else min(occ)
                return src[j + g:j + g + kmax]
    return []


def test_lookup_examples(zerocad_bin):
    # 5 6 7 occurred twice; the most recent occurrence is followed by 4 ids, the earlier one by more
    h = [5, 6, 7, 1, 2, 3, 4, 9, 5, 6, 7, 8, 5, 6, 7]
    assert lookup(zerocad_bin, h, None, 3, 5) == [1, 2, 3, 4, 9]
    assert lookup(zerocad_bin, h, None, 3, 4) == [8, 5, 6, 7]
    assert lookup(zerocad_bin, h, None, 3, 2) == [8, 5]
    # no trigram/bigram match: the unigram 7 -> the ids after its most recent occurrence with 3 more
    assert lookup(zerocad_bin, [7, 1, 2, 3, 9, 7], None, 3, 3) == [1, 2, 3]
    # nothing in hist: the corpus
    assert lookup(zerocad_bin, [40, 41], [1, 40, 41, 42, 43, 44], 3, 8) == [42, 43, 44]
    # the history wins over the corpus at the same n-gram length; a longer n-gram in the corpus wins over
    # a shorter one in the history
    assert lookup(zerocad_bin, [2, 9, 1, 2], [1, 2, 5, 5], 3, 2) == [5, 5]
    assert lookup(zerocad_bin, [2, 9, 3, 2], [1, 2, 5, 5], 3, 2) == [9, 3]
    assert lookup(zerocad_bin, [1, 2, 3], None, 3, 4) == []


def test_lookup_matches_written_rule(zerocad_bin):
    rng = np.random.default_rng(40)
    for _ in range(60):
        hist = [int(x) for x in rng.integers(0, 6, int(rng.integers(1, 40)))]
        corpus = [int(x) for x in rng.integers(0, 6, int(rng.integers(0, 30)))]
        ngram, kmax = int(rng.integers(1, 5)), int(rng.integers(1, 10))
        assert lookup(zerocad_bin, hist, corpus, ngram, kmax) == lookup_py(hist, corpus, ngram, kmax), \
            (hist, corpus, ngram, kmax)


@pytest.fixture(scope="module")
def qwen_ckpt(tmp_path_factory, test_data):
    """Tiny decoder with the full Qwen vocabulary and the real tokenizer files (drafting corpus in ids)."""
    import shutil
    d = tmp_path_factory.mktemp("spec_qwen")
    ref.write_checkpoint(str(d), t=dict(ref.TINY, vocab_size=151936), seed=7, tied=False)
    for f in ("vocab.json", "merges.txt", "tokenizer_config.json"):
        shutil.copy(test_data / "tokenizer" / f, d / f)
    return d


def test_cli_draft_corpus(zerocad_bin, qwen_ckpt, tmp_path):
    corpus = tmp_path / "corpus.py"
    corpus.write_text('result = cq.Workplane("XY").box(1, 2, 3).faces(">Z").workplane().hole(1)\n' * 3)
    base = ["generate", "-m", qwen_ckpt, "--prompt", 'cq.Workplane("XY").box(', "--ids", "-n", 40, "--temp", 0,
            "--ignore-eos"]
    outs = [run(zerocad_bin, *base, *extra) for extra in
            ([], ["--no-speculate"], ["--no-draft-corpus"], ["--draft-corpus", corpus], ["--draft", 3])]
    assert len({p.stdout for p in outs}) == 1 and len(outs[0].stdout.split(",")) == 40
    bad = run(zerocad_bin, *base, "--draft-corpus", tmp_path / "missing.txt", check=False)
    assert bad.returncode == 1 and "missing.txt" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_builtin_corpus_drafts_cadquery(zerocad_bin, qwen_ckpt):
    """With the prompt tokens of a typical CadQuery line, the built-in corpus proposes what follows."""
    toks = run(zerocad_bin, "tokenize", "-m", qwen_ckpt, 'result = (\n    cq.Workplane("XY")\n    .box(').stdout.split()
    p = run(zerocad_bin, "generate", "-m", qwen_ckpt, "--tokens", ",".join(toks), "--raw", "-n", 12, "--temp", 0,
            "--ignore-eos", "--draft", 8)
    assert "speculation:" in p.stderr
