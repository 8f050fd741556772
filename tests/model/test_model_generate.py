"""zerocad generate on tiny random checkpoints: greedy tokens equal the NumPy reference's for 64
steps, EOS stops generation, and seeded sampling (repetition penalty, temperature, top-k, top-p in
transformers' order) equals an independent Python re-implementation drawing from the same
xoshiro256** stream."""
import numpy as np
import pytest

from model_test_helpers import c_generate_ids, prompt, ref


@pytest.fixture(scope="module")
def ckpt(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("gen"))
    ref.write_checkpoint(d, seed=3, tied=False)
    return d


@pytest.mark.parametrize("seed", [0, 1])
def test_greedy_64_tokens_match_reference(zerocad_bin, ckpt, seed):
    toks = prompt(40, seed=seed)
    t, w = ref.load_checkpoint(ckpt)
    want = ref.greedy(t, w, toks, 64)
    got = c_generate_ids(zerocad_bin, ckpt, toks, 64, "--temp", "0", "--ignore-eos")
    assert got == want
    assert len(set(want)) > 10  # a non-degenerate sequence


@pytest.mark.parametrize("seed", [0, 1])
def test_greedy_q8_picks_are_near_best(zerocad_bin, ckpt, seed):
    """q8 products quantize the activations too, so where the reference's two best logits lie within
    q8's error a pick may differ (then the sequences part). So each of q8's 16 greedy picks is
    checked against the reference's logits for q8's own sequence so far: within 3% of max|logit| of
    the best, and most of them the best itself."""
    toks = prompt(40, seed=seed)
    t, w = ref.load_checkpoint(ckpt)
    got = c_generate_ids(zerocad_bin, ckpt, toks, 16, "--temp", "0", "--quant", "q8", "--ignore-eos")
    assert len(got) == 16
    best = 0
    for i, g in enumerate(got):
        r = ref.forward(t, w, toks + got[:i])[-1]
        assert r.max() - r[g] <= 0.03 * np.abs(r).max(), (i, g, int(np.argmax(r)))
        best += g == int(np.argmax(r))
    assert best >= 12, best


def test_stops_at_eos(zerocad_bin, tmp_path):
    """generation_config.json's eos ids end generation before the EOS token is emitted."""
    import json
    w = ref.random_weights(ref.TINY, seed=3, tied=False)
    ref.write_checkpoint(str(tmp_path), weights=w, tied=False)
    toks = prompt(40, seed=1)
    t, _ = ref.load_checkpoint(str(tmp_path))
    want = ref.greedy(t, w, toks, 64)
    eos = want[10]
    first = want.index(eos)
    g = json.loads((tmp_path / "generation_config.json").read_text())
    g["eos_token_id"] = [999999, eos]
    (tmp_path / "generation_config.json").write_text(json.dumps(g))
    got = c_generate_ids(zerocad_bin, str(tmp_path), toks, 64, "--temp", "0")
    assert got == want[:first]


# ---- an independent implementation of the sampling rules --------------------------------
M64 = (1 << 64) - 1


class Xoshiro:
    def __init__(self, seed):
        x = seed
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M64
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
            self.s.append(z ^ (z >> 31))

    def uniform(self):
        s = self.s
        rotl = lambda v, k: ((v << k) | (v >> (64 - k))) & M64
        out = (rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return (out >> 11) * 2.0 ** -53


def sample_step(logits, history, temp, top_k, top_p, penalty, rng):
    l = logits.astype(np.float64).copy()
    for tok in set(history):           # RepetitionPenaltyLogitsProcessor
        l[tok] = l[tok] * penalty if l[tok] < 0 else l[tok] / penalty
    l = l / temp                       # TemperatureLogitsWarper
    if top_k > 0:                      # TopKLogitsWarper
        kth = np.sort(l)[-top_k]
        l[l < kth] = -np.inf
    if top_p < 1:                      # TopPLogitsWarper
        order = np.argsort(l, kind="stable")
        finite = order[np.isfinite(l[order])]
        p = np.exp(l[finite] - l[finite].max())
        cum = np.cumsum(p / p.sum())
        drop = cum <= 1 - top_p
        drop[-1] = False
        l[finite[drop]] = -np.inf
    p = np.where(np.isfinite(l), np.exp(l - l.max()), 0.0)
    u = rng.uniform() * p.sum()
    return int(np.searchsorted(np.cumsum(p), u, side="right"))


@pytest.mark.parametrize("temp,top_k,top_p,penalty,seed", [
    (0.7, 20, 0.8, 1.0, 1),
    (1.0, 0, 1.0, 1.0, 2),
    (1.3, 50, 0.95, 1.2, 3),
    (0.5, 0, 0.6, 1.5, 4),
])
def test_sampling_matches_independent_implementation(zerocad_bin, ckpt, temp, top_k, top_p, penalty, seed):
    toks = prompt(20, seed=seed)
    t, w = ref.load_checkpoint(ckpt)
    rng = Xoshiro(seed)
    seq = list(toks)
    want = []
    for _ in range(12):
        nxt = sample_step(ref.forward(t, w, seq)[-1], seq, temp, top_k, top_p, penalty, rng)
        want.append(nxt)
        seq.append(nxt)
    got = c_generate_ids(zerocad_bin, ckpt, toks, 12, "--temp", temp, "--top-k", top_k, "--top-p", top_p,
                         "--repeat-penalty", penalty, "--seed", seed, "--ignore-eos")
    assert got == want


def test_greedy_with_repetition_penalty(zerocad_bin, ckpt):
    toks = prompt(30, seed=8)
    t, w = ref.load_checkpoint(ckpt)
    seq, want = list(toks), []
    for _ in range(24):
        l = ref.forward(t, w, seq)[-1]
        for tok in set(seq):
            l[tok] = l[tok] * 1.3 if l[tok] < 0 else l[tok] / 1.3
        want.append(int(np.argmax(l)))
        seq.append(want[-1])
    got = c_generate_ids(zerocad_bin, ckpt, toks, 24, "--temp", "0", "--repeat-penalty", "1.3")
    assert got == want


def test_same_seed_same_output_different_seed_differs(zerocad_bin, ckpt):
    toks = prompt(10, seed=2)
    a = c_generate_ids(zerocad_bin, ckpt, toks, 20, "--temp", "1.5", "--top-k", "0", "--top-p", "1", "--seed", 7)
    b = c_generate_ids(zerocad_bin, ckpt, toks, 20, "--temp", "1.5", "--top-k", "0", "--top-p", "1", "--seed", 7)
    c = c_generate_ids(zerocad_bin, ckpt, toks, 20, "--temp", "1.5", "--top-k", "0", "--top-p", "1", "--seed", 8)
    assert a == b and a != c
