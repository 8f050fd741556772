"""View order and handedness: an L-bracket (a long base plate with an upright at -X) with a
through hole near +X. In each of the 8 default views the only enclosed see-through region is
the hole, and it must sit where an orthographic camera at the spec's direction for that view
(up = +Z projected, right = up x towards-camera) puts the hole's mid-point. A mirrored image
or a swapped view would put it elsewhere (checked to be far away for every view)."""
import math
from collections import deque

import numpy as np
import pytest

from render_testlib import SPEC_DIRECTIONS, camera_frame, framing_scale, lambert_level, load_rgb, project

SIZE = 256
PROGRAM = """import cadquery as cq
base = cq.Workplane("XY").box(60, 20, 5, centered=False)
upright = cq.Workplane("XY").box(5, 20, 30, centered=False)
hole = cq.Workplane("XY").center(48, 10).circle(8).extrude(5)
result = base.union(upright).cut(hole)
"""
HOLE_MID = (48.0, 10.0, 2.5)
# Box corners of the plate and the upright: the bounding box and bounding sphere of the shape.
CORNERS = np.array([(x, y, z) for x in (0, 60) for y in (0, 20) for z in (0, 5)] +
                   [(x, y, z) for x in (0, 5) for y in (0, 20) for z in (0, 30)], float)


def enclosed_white(img):
    """Pixels that are white and not connected (4-neighbourhood) to the image border."""
    white = (img >= 250).all(axis=2)
    seen = np.zeros_like(white)
    q = deque()
    h, w = white.shape
    for j in range(h):
        for i in (0, w - 1):
            if white[j, i] and not seen[j, i]:
                seen[j, i] = True
                q.append((j, i))
    for i in range(w):
        for j in (0, h - 1):
            if white[j, i] and not seen[j, i]:
                seen[j, i] = True
                q.append((j, i))
    while q:
        j, i = q.popleft()
        for dj, di in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            a, b = j + dj, i + di
            if 0 <= a < h and 0 <= b < w and white[a, b] and not seen[a, b]:
                seen[a, b] = True
                q.append((a, b))
    return white & ~seen


@pytest.fixture(scope="module")
def views(zerocad_bin, tmp_path_factory):
    import subprocess
    d = tmp_path_factory.mktemp("lbracket")
    (d / "l.py").write_text(PROGRAM)
    subprocess.run([zerocad_bin, "render", str(d / "l.py"), "-o", str(d / "out")], check=True,
                   capture_output=True, timeout=120)
    return [load_rgb(d / "out" / f"view_{i}.png") for i in range(8)]


def expected_hole(spec, direction):
    lo, hi = CORNERS.min(axis=0), CORNERS.max(axis=0)
    centre = (lo + hi) / 2
    radius = np.linalg.norm(CORNERS - centre, axis=1).max()
    scale = framing_scale(spec, radius, SIZE)
    return project(np.array([HOLE_MID]), direction, centre, scale, SIZE)[0]


def convex_hull(pts):
    pts = sorted(map(tuple, pts))
    def half(seq):
        out = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1]) -
                                     (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out
    lower, upper = half(pts), half(reversed(pts))
    return np.array(lower[:-1] + upper[:-1])


def predicted_mask(spec, direction):
    """Pixels whose centres fall in the shadow of the plate or the upright (each a box, so its
    shadow is the convex hull of its projected corners)."""
    lo, hi = CORNERS.min(axis=0), CORNERS.max(axis=0)
    centre = (lo + hi) / 2
    scale = framing_scale(spec, np.linalg.norm(CORNERS - centre, axis=1).max(), SIZE)
    j, i = np.mgrid[0:SIZE, 0:SIZE]
    px, py = i + 0.5, j + 0.5
    mask = np.zeros((SIZE, SIZE), bool)
    for box in (CORNERS[:8], CORNERS[8:]):
        hull = convex_hull(project(box, direction, centre, scale, SIZE))
        inside = np.ones_like(mask)
        for k in range(len(hull)):
            a, b = hull[k], hull[(k + 1) % len(hull)]
            inside &= (b[0] - a[0]) * (py - a[1]) - (b[1] - a[1]) * (px - a[0]) >= 0
        mask |= inside
    return mask


@pytest.mark.parametrize("index", range(8))
def test_hole_where_the_camera_list_says(views, default_spec, index):
    direction = SPEC_DIRECTIONS[index]
    assert default_spec["views"][index]["direction"] == list(direction)
    hole = enclosed_white(views[index])
    j, i = np.nonzero(hole)
    assert len(i) > 30, "no see-through hole"
    got = np.array([i.mean() + 0.5, j.mean() + 0.5])
    want = expected_hole(default_spec, direction)
    assert np.linalg.norm(got - want) < 2.0, (got, want)
    assert abs((SIZE - want[0]) - want[0]) > 10   # a mirrored image would put it elsewhere


@pytest.mark.parametrize("index", range(8))
def test_silhouette_matches_the_camera_list(views, default_spec, index):
    shape = (views[index] < 250).any(axis=2) | enclosed_white(views[index])
    want = predicted_mask(default_spec, SPEC_DIRECTIONS[index])
    assert (shape != want).mean() < 0.02


# A point in the middle of a face for each sign of each axis, and its outward normal; none
# is hidden by the rest of the bracket from the cameras that face it.
FACE_POINTS = {
    (2, +1): ((30.0, 10.0, 5.0), (0, 0, 1)),     # plate top
    (2, -1): ((30.0, 10.0, 0.0), (0, 0, -1)),    # plate bottom
    (1, -1): ((30.0, 0.0, 2.5), (0, -1, 0)),     # plate front
    (1, +1): ((30.0, 20.0, 2.5), (0, 1, 0)),     # plate back
    (0, +1): ((60.0, 10.0, 2.5), (1, 0, 0)),     # plate end at +X
    (0, -1): ((0.0, 10.0, 15.0), (-1, 0, 0)),    # upright's outer face at -X
}


@pytest.mark.parametrize("index", range(8))
def test_faces_facing_the_camera_have_their_lambert_level(views, default_spec, index):
    """The face towards each camera axis sign shows up at its projected place with the level
    its camera-frame normal gets from the headlight. The three levels differ, so a view from
    the wrong corner, or a mirrored image, fails here."""
    direction = SPEC_DIRECTIONS[index]
    r, u, d = camera_frame(direction)
    lo, hi = CORNERS.min(axis=0), CORNERS.max(axis=0)
    centre = (lo + hi) / 2
    scale = framing_scale(default_spec, np.linalg.norm(CORNERS - centre, axis=1).max(), SIZE)
    levels = []
    for axis in range(3):
        point, normal = FACE_POINTS[(axis, 1 if direction[axis] > 0 else -1)]
        x, y = project(np.array([point]), direction, centre, scale, SIZE)[0]
        n = np.asarray(normal, float)
        want = lambert_level(default_spec, np.array([n @ r, n @ u, n @ d]))
        got = views[index][int(y), int(x)]
        assert (abs(got - want) <= 1.5).all(), (axis, got, want)
        levels.append(round(want))
    assert len(set(levels)) == 3
