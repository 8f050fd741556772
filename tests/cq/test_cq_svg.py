"""SVG export (getSVG / toSvg / exportSvg / export(..., "svg")): hidden-line removal checked
against the box's own geometry: seen from a generic direction a box shows 9 edges and hides 3,
and the drawn points span the box's projected diameter (the largest distance between the box's
corners projected onto the view plane, a rotation-invariant number computed here)."""
import itertools
import math
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import cadquery as cq
from cadquery import exporters
from cadquery.occ_impl.exporters.svg import getSVG

NS = "{http://www.w3.org/2000/svg}"


def paths(svg_text):
    """(visible, hidden) lists of point arrays of the drawing's <path> elements."""
    root = ET.fromstring(svg_text)
    assert root.tag == NS + "svg"
    out = {}
    for g in root.iter(NS + "g"):
        if "stroke-dasharray" in g.attrib:
            key = "hidden"
        elif g.attrib.get("stroke", "").startswith("rgb(") and g.find(NS + "path") is not None:
            key = "visible"
        else:
            continue
        out[key] = [np.array([[float(v) for v in p.split(",")] for p in re.findall(r"[-0-9.e]+,[-0-9.e]+",
                                                                                      e.attrib["d"])])
                    for e in g.findall(NS + "path")]
    return out.get("visible", []), out.get("hidden", [])


def projected_diameter(corners, direction):
    n = np.asarray(direction, float)
    n /= np.linalg.norm(n)
    p = np.array([c - np.dot(c, n) * n for c in corners])
    return max(np.linalg.norm(a - b) for a, b in itertools.combinations(p, 2))


def box_corners(a, b, c):
    return [np.array(v, float) for v in itertools.product((-a / 2, a / 2), (-b / 2, b / 2), (-c / 2, c / 2))]


def test_box_default_view_visible_and_hidden_edges():
    box = cq.Workplane().box(10, 20, 30)
    vis, hid = paths(box.toSvg())
    assert len(vis) == 9 and len(hid) == 3
    pts = np.vstack(vis + hid)
    diam = max(np.linalg.norm(a - b) for a, b in itertools.combinations(pts, 2))
    assert diam == pytest.approx(projected_diameter(box_corners(10, 20, 30), (-1.75, 1.1, 5)), rel=1e-6)


def test_projection_direction_and_hidden_off():
    box = cq.Solid.makeBox(4, 6, 8)
    vis, hid = paths(getSVG(box, {"projectionDir": (0, 0, 1), "showHidden": False}))
    assert hid == []
    # seen along Z only the 4 x 6 outline shows: its drawn points span the rectangle's diagonal
    pts = np.vstack(vis)
    diam = max(np.linalg.norm(a - b) for a, b in itertools.combinations(pts, 2))
    assert diam == pytest.approx(math.hypot(4, 6), rel=1e-9)


def test_axes_only_in_default_view_and_size_options():
    box = cq.Workplane().box(1, 1, 1)
    assert "<line" in box.toSvg()
    text = box.toSvg({"projectionDir": (1, 1, 1), "width": 300, "height": 200})
    root = ET.fromstring(text)
    assert root.find(NS + "line") is None and not list(root.iter(NS + "line"))
    assert float(root.attrib["width"]) == 300 and float(root.attrib["height"]) == 200


def test_fitted_height_keeps_aspect():
    # seen along Z a 10 x 5 plate: width fixed, height None -> (w - 2*ml) * 5/10 + 2*mt
    plate = cq.Workplane().box(10, 5, 1)
    root = ET.fromstring(plate.toSvg({"projectionDir": (0, 0, 1), "width": 600, "height": None,
                                      "marginLeft": 50, "marginTop": 10}))
    assert float(root.attrib["height"]) == pytest.approx((600 - 100) * 0.5 + 20, rel=1e-6)


def test_bad_options():
    box = cq.Solid.makeBox(1, 1, 1)
    with pytest.raises(ValueError):
        getSVG(box, {"projectionDir": (0, 0, 0)})
    with pytest.raises(ValueError):
        getSVG(box, {"projectionDir": (0, 0, 1), "up": (0, 0, 2)})


def test_export_and_export_svg_write_files(tmp_path):
    w = cq.Workplane().box(2, 2, 2)
    exporters.export(w, str(tmp_path / "a.svg"))
    w.exportSvg(str(tmp_path / "b.svg"))
    for name in ("a.svg", "b.svg"):
        vis, hid = paths((tmp_path / name).read_text())
        assert len(vis) == 9 and len(hid) == 3
