"""pixel_values of PNG views: the C preprocessing against the NumPy reference of the Qwen2-VL fast
image processor (exact resize arithmetic, so equality to 1e-6), for a 256x256 view (no resize), a
size that needs a bicubic resize, RGBA on white, grey and palette images; and smart_resize sizes."""
import numpy as np
import pytest

from vision_test_helpers import make_png, probe, probe_path, vref


@pytest.mark.parametrize("w,h,mode", [(256, 256, "RGB"), (300, 200, "RGB"), (200, 300, "RGBA"), (100, 70, "L"),
                                      (520, 390, "P"), (1100, 40, "RGB")])
def test_pixel_values_match_reference(tmp_path, zerocad_bin, w, h, mode):
    png = make_png(tmp_path / "v.png", w, h, seed=w + h, mode=mode)
    out = probe(probe_path(zerocad_bin), "pixels", png)
    want, grid = vref.preprocess_png(png)
    assert out["grid"] == list(grid)
    got = np.array(out["pixels"], dtype=np.float64).reshape(want.shape)
    assert np.max(np.abs(got - want)) <= 1e-6


def test_256_view_gives_256_patches_and_64_tokens(tmp_path, zerocad_bin):
    out = probe(probe_path(zerocad_bin), "pixels", make_png(tmp_path / "v.png", 256, 256, 1))
    assert out["grid"] == [1, 16, 16] and out["row"] == 3 * 2 * 16 * 16
    assert len(out["pixels"]) == 256 * 1536


def test_smart_resize_sizes():
    # independent hand-computed values: rounding half to even, the min-pixels branch (ceil) and max (floor)
    assert vref.smart_resize(256, 256, 32, 65536, 16777216) == (256, 256)
    assert vref.smart_resize(200, 300, 32, 65536, 16777216) == (224, 320)
    assert vref.smart_resize(80, 80, 32, 0, 10 ** 9) == (64, 64)       # 2.5 rounds to 2
    assert vref.smart_resize(5000, 5000, 32, 65536, 16777216) == (4096, 4096)


def test_bad_png_is_one_line_error(tmp_path, zerocad_bin):
    import subprocess
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    p = subprocess.run([probe_path(zerocad_bin), "pixels", str(bad)], capture_output=True, text=True)
    assert p.returncode == 1 and str(bad) in p.stderr and len(p.stderr.strip().splitlines()) == 1
