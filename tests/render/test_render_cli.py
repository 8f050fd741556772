"""The command line: the built-in spec as JSON, single named views, sizes, the contact sheet,
the JSON record, the spec version in every PNG, and a perspective spec's framing."""
import json
import math
import subprocess

import numpy as np
from PIL import Image

from render_testlib import SPEC_DIRECTIONS, gray, load_rgb


def test_print_spec_is_the_documented_default(default_spec):
    assert default_spec["version"] == "zerocad-8v1"
    assert [tuple(v["direction"]) for v in default_spec["views"]] == SPEC_DIRECTIONS
    for v in default_spec["views"]:
        assert v["up"] == [0, 0, 1] and v["projection"] == "orthographic"
        assert v["width"] == v["height"] == 256
    assert default_spec["background"] == [255, 255, 255]


def test_default_writes_eight_rgb_pngs_with_the_spec_version(render, write_program):
    prog = write_program("box.py", "result = cq.Workplane('XY').box(3, 2, 1)")
    proc, out = render(prog, "--json")
    record = json.loads(proc.stdout)
    assert record["ok"] and record["spec"] == "zerocad-8v1"
    assert record["files"] == [str(out / f"view_{i}.png") for i in range(8)]
    assert record["triangles"] == 12
    for i in range(8):
        with Image.open(out / f"view_{i}.png") as im:
            assert im.size == (256, 256) and im.mode == "RGB"
            assert im.info.get("zerocad-view-spec") == "zerocad-8v1"


def box_extent(img):
    j, i = np.nonzero(img < 255)
    return i.max() - i.min() + 1, j.max() - j.min() + 1


def test_named_views_and_size(render, write_program):
    prog = write_program("slab.py", "result = cq.Workplane('XY').box(40, 20, 10)")
    _, top = render(prog, "--view", "top", "--size", "128")
    assert sorted(p.name for p in top.iterdir()) == ["top.png"]
    img = gray(top / "top.png")
    assert img.shape == (128, 128)
    w, h = box_extent(img)
    assert abs(w / h - 2.0) < 0.1          # X along the image's width, Y along its height
    _, front = render(prog, "--view", "front", "--size", "128")
    w, h = box_extent(gray(front / "front.png"))
    assert abs(w / h - 4.0) < 0.25         # X across, Z up
    _, right = render(prog, "--view", "right", "--size", "128")
    w, h = box_extent(gray(right / "right.png"))
    assert abs(w / h - 2.0) < 0.15         # Y across, Z up


def test_grid_is_a_labelled_sheet_of_all_views(zerocad_bin, write_program, tmp_path):
    prog = write_program("box.py", "result = cq.Workplane('XY').box(3, 2, 1)")
    sheet = tmp_path / "sheet.png"
    subprocess.run([zerocad_bin, "render", str(prog), "--grid", str(sheet)], check=True, capture_output=True)
    img = load_rgb(sheet)
    h, w, _ = img.shape
    assert w >= 4 * 256 and h >= 2 * 256 and w < 4 * 300 and h < 2 * 300
    label_band = img[: 12, : 256]
    assert (label_band < 128).any()          # label ink above the first tile


def test_perspective_sphere_fills_the_same_disc(render, write_spec, write_program):
    prog = write_program("sphere.py", "result = cq.Workplane('XY').sphere(3)")
    view = {"name": "p", "direction": [1, -2, 0.5], "up": [0, 0, 1], "projection": "perspective",
            "fov_deg": 40, "width": 200, "height": 200}
    spec_path, spec = write_spec(views=[view], lines={"edges": False, "silhouette": False},
                                 light={"ambient": 1.0, "diffuse": 0.0})
    _, out = render(prog, "--views", spec_path)
    img = gray(out / "p.png").astype(float)
    level = spec["material"][0]
    area = np.clip((255 - img) / (255 - level), 0, 1).sum()
    # A sphere seen in perspective is a disc whose edge subtends the framing's angle.
    assert abs(math.sqrt(area / math.pi) - (1 - spec["framing"]["margin"]) * 100) <= 1.0


def test_unknown_view_is_a_usage_error(zerocad_bin, write_program, tmp_path):
    prog = write_program("box.py", "result = cq.Workplane('XY').box(3, 2, 1)")
    proc = subprocess.run([zerocad_bin, "render", str(prog), "-o", str(tmp_path / "o"), "--view", "sideways"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "sideways" in proc.stderr
