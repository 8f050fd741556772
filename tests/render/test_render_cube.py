"""A cube seen orthographically from (1,1,1): a regular hexagon with exactly 3 shade levels
(one per visible face, each the Lambert level of its normal under the spec's headlight), an
area that matches the analytic projected area at the spec's framing scale, white corners."""
import math

import numpy as np
import pytest

from render_testlib import camera_frame, framing_scale, gray, lambert_level, one_view, project

SIZE = 256
HALF = 1.0                       # the cube is [-1, 1]^3
DIRECTION = (1, 1, 1)
CORNERS = np.array([(x, y, z) for x in (-HALF, HALF) for y in (-HALF, HALF) for z in (-HALF, HALF)])
RADIUS = math.sqrt(3) * HALF     # bounding sphere about the box centre: the corners


def seg_distance(px, a, b):
    ab = b - a
    t = np.clip(((px - a) @ ab) / (ab @ ab), 0, 1)
    return np.linalg.norm(px - (a + t[:, None] * ab), axis=1)


@pytest.fixture(scope="module")
def geometry(default_spec):
    scale = framing_scale(default_spec, RADIUS, SIZE)
    pts = project(CORNERS, DIRECTION, (0, 0, 0), scale, SIZE)
    near = pts[np.argmax(CORNERS @ np.array(DIRECTION))]          # corner (1,1,1): the hexagon centre
    far = pts[np.argmin(CORNERS @ np.array(DIRECTION))]
    outer = [p for p, c in zip(pts, CORNERS) if abs(c.sum()) < 3 * HALF - 1e-9]
    centre = np.mean(outer, axis=0)
    outer.sort(key=lambda p: math.atan2(p[1] - centre[1], p[0] - centre[0]))
    inner_ends = [p for p, c in zip(pts, CORNERS) if abs(c.sum() - HALF) < 1e-9]  # one coordinate negative
    assert np.allclose(near, far)
    return scale, np.array(outer), near, inner_ends


def pixel_centres():
    j, i = np.mgrid[0:SIZE, 0:SIZE]
    return np.stack([i.ravel() + 0.5, j.ravel() + 0.5], axis=1)


def inside_hexagon(px, hexagon):
    inside = np.ones(len(px), bool)
    for k in range(6):
        a, b = hexagon[k], hexagon[(k + 1) % 6]
        cross = (b[0] - a[0]) * (px[:, 1] - a[1]) - (b[1] - a[1]) * (px[:, 0] - a[0])
        inside &= cross > 0
    if not inside.any():       # the other winding
        inside = np.ones(len(px), bool)
        for k in range(6):
            a, b = hexagon[k], hexagon[(k + 1) % 6]
            inside &= (b[0] - a[0]) * (px[:, 1] - a[1]) - (b[1] - a[1]) * (px[:, 0] - a[0]) < 0
    return inside


@pytest.fixture(scope="module")
def cube_program(tmp_path_factory):
    path = tmp_path_factory.mktemp("cube") / "cube.py"
    path.write_text("import cadquery as cq\nresult = cq.Workplane('XY').box(2, 2, 2)\n")
    return path


def test_projection_is_a_regular_hexagon(geometry):
    _, hexagon, near, _ = geometry
    sides = [np.linalg.norm(hexagon[k] - hexagon[(k + 1) % 6]) for k in range(6)]
    radii = [np.linalg.norm(p - near) for p in hexagon]
    assert max(sides) - min(sides) < 1e-9 and max(radii) - min(radii) < 1e-9


def test_three_shade_levels_inside_the_hexagon(render, write_spec, cube_program, geometry, default_spec):
    spec_path, spec = write_spec(views=[one_view(DIRECTION, SIZE)], lines={"edges": False, "silhouette": False})
    _, out = render(cube_program, "--views", spec_path)
    img = gray(out / "v.png").ravel()
    _, hexagon, near, inner_ends = geometry
    px = pixel_centres()
    dist = np.full(len(px), np.inf)
    for k in range(6):
        dist = np.minimum(dist, seg_distance(px, hexagon[k], hexagon[(k + 1) % 6]))
    for end in inner_ends:
        dist = np.minimum(dist, seg_distance(px, near, end))
    interior = inside_hexagon(px, hexagon) & (dist > 1.5)
    assert interior.sum() > 0.8 * 3 * 0.5 * 140 ** 2 * math.sqrt(3) / 2 * 0.5
    levels = sorted(set(img[interior].tolist()))
    assert len(levels) == 3, levels
    r, u, d = camera_frame(DIRECTION)
    expected = sorted(lambert_level(spec, np.array([n @ r, n @ u, n @ d])) for n in np.eye(3))
    assert np.allclose(levels, expected, atol=1.0), (levels, expected)
    assert len(set(round(e) for e in expected)) == 3


def test_area_matches_the_framing_and_corners_are_white(render, write_spec, cube_program, geometry):
    # One uniform material level (no shading, no lines): each pixel's coverage is exactly
    # (255 - v) / (255 - level) under the box filter.
    spec_path, spec = write_spec(views=[one_view(DIRECTION, SIZE)], lines={"edges": False, "silhouette": False},
                                 light={"ambient": 1.0, "diffuse": 0.0})
    _, out = render(cube_program, "--views", spec_path)
    img = gray(out / "v.png").astype(float)
    level = spec["material"][0]
    assert img.min() == level
    area = np.clip((255 - img) / (255 - level), 0, 1).sum()
    scale = geometry[0]
    analytic = math.sqrt(3) * (2 * HALF) ** 2 * scale ** 2   # a cube's shadow along a diagonal
    assert abs(area - analytic) / analytic < 0.01, (area, analytic)
    for corner in (img[:8, :8], img[:8, -8:], img[-8:, :8], img[-8:, -8:]):
        assert (corner == 255).all()


def test_default_look_area_and_corners(render, cube_program, geometry):
    # The default spec (lines on) still frames the same hexagon: the non-white area is the
    # analytic area plus at most a one-pixel line band around the outline.
    _, out = render(cube_program, "--view", "4")
    img = gray(out / "view_4.png")
    scale, hexagon = geometry[0], geometry[1]
    analytic = math.sqrt(3) * (2 * HALF) ** 2 * scale ** 2
    perimeter = sum(np.linalg.norm(hexagon[k] - hexagon[(k + 1) % 6]) for k in range(6))
    nonwhite = (img < 255).sum()
    assert analytic - perimeter < nonwhite < analytic + 1.5 * perimeter
    for corner in (img[:8, :8], img[:8, -8:], img[-8:, :8], img[-8:, -8:]):
        assert (corner == 255).all()
