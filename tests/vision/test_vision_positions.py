"""3-axis M-RoPE position ids and the rope delta for text-image-text layouts against the
reference's get_rope_index, plus one layout checked by hand."""
import numpy as np
import pytest

from vision_test_helpers import probe, probe_path, vref

PAD = 900


def layout(parts):
    """parts: ints (text lengths) and (t, h, w) grids; returns tokens and grids."""
    toks, grids = [], []
    for p in parts:
        if isinstance(p, tuple):
            toks += [902] + [PAD] * (p[0] * p[1] * p[2] // 4) + [903]
            grids.append(p)
        else:
            toks += list(range(1, p + 1))
    return toks, grids


@pytest.mark.parametrize("parts", [[3, (1, 4, 4), 5], [0, (1, 16, 16), 2], [4, (1, 4, 6), (1, 8, 4), 3],
                                   [5, (1, 16, 16), (1, 16, 16), 1, (1, 2, 2), 7], [6]])
def test_positions_match_reference(zerocad_bin, parts):
    toks, grids = layout(parts)
    out = probe(probe_path(zerocad_bin), "positions", 2, PAD, ";".join(",".join(map(str, g)) for g in grids) or "-",
                ",".join(map(str, toks)))
    if grids:
        want, delta = vref.rope_index(toks, grids, 2, PAD)
    else:
        want, delta = np.tile(np.arange(len(toks)), (3, 1)), 0
    assert out["delta"] == delta
    assert np.array_equal(np.array(out["pos"]).reshape(-1, 3).T, want)


def test_hand_checked_layout(zerocad_bin):
    # 2 text tokens, vision_start, a 4x4-patch image (2x2 LLM grid), vision_end, 1 text token
    toks = [1, 2, 902, PAD, PAD, PAD, PAD, 903, 3]
    out = probe(probe_path(zerocad_bin), "positions", 2, PAD, "1,4,4", ",".join(map(str, toks)))
    pos = np.array(out["pos"]).reshape(-1, 3)
    assert pos.tolist() == [[0, 0, 0], [1, 1, 1], [2, 2, 2], [3, 3, 3], [3, 3, 4], [3, 4, 3], [3, 4, 4],
                            [5, 5, 5], [6, 6, 6]]
    assert out["delta"] == 7 - 9
