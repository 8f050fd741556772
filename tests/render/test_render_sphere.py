"""A sphere: a disc whose radius in pixels is the framing's (the bounding sphere fills
(1 - margin) of half the frame), and Lambert shading that falls off monotonically from the
disc centre under an on-axis headlight and matches the analytic n.L profile; under the
default (offset) headlight the brightest point is where the normal meets the light."""
import math

import numpy as np
import pytest

from render_testlib import gray, lambert_level, one_view

SIZE = 256
RADIUS = 5.0


@pytest.fixture(scope="module")
def sphere_program(tmp_path_factory):
    path = tmp_path_factory.mktemp("sphere") / "sphere.py"
    path.write_text(f"import cadquery as cq\nresult = cq.Workplane('XY').sphere({RADIUS})\n")
    return path


def expected_radius_px(spec):
    return (1.0 - spec["framing"]["margin"]) * SIZE / 2


def disc_centre_and_radius(img, level_lo):
    """Disc from the pixels closer to the surface than to white (threshold half-way to the
    darkest surface level): radius from the area, centre from the centroid."""
    mask = img < (255 + level_lo) / 2
    j, i = np.nonzero(mask)
    return (i.mean() + 0.5, j.mean() + 0.5), math.sqrt(mask.sum() / math.pi)


@pytest.mark.parametrize("direction", [(1, 1, 1), (0, -1, 0.3)])
def test_disc_radius_matches_framing(render, write_spec, sphere_program, direction):
    spec_path, spec = write_spec(views=[one_view(direction, SIZE)], lines={"edges": False, "silhouette": False},
                                 light={"ambient": 1.0, "diffuse": 0.0})
    _, out = render(sphere_program, "--views", spec_path)
    img = gray(out / "v.png")
    (cx, cy), r = disc_centre_and_radius(img, spec["material"][0])
    assert abs(r - expected_radius_px(spec)) <= 1.0, (r, expected_radius_px(spec))
    assert abs(cx - SIZE / 2) < 0.5 and abs(cy - SIZE / 2) < 0.5


def test_shading_monotone_from_centre_with_on_axis_headlight(render, write_spec, sphere_program):
    spec_path, spec = write_spec(views=[one_view((1, -1, 1), SIZE)], lines={"edges": False, "silhouette": False},
                                 light={"direction": [0, 0, 1]})
    _, out = render(sphere_program, "--views", spec_path)
    img = gray(out / "v.png").astype(float)
    R = expected_radius_px(spec)
    c = SIZE / 2
    for k in range(24):
        a = 2 * math.pi * k / 24
        prev = None
        for rho in np.arange(0, R - 3, 1.0):
            x, y = c + rho * math.cos(a), c + rho * math.sin(a)
            v = img[int(y), int(x)]
            # Pixel (i, j) is centred at (i + .5, j + .5): its normal from its own position.
            px, py = (int(x) + 0.5 - c) / R, (int(y) + 0.5 - c) / R
            nz = math.sqrt(max(0.0, 1 - px * px - py * py))
            # Gouraud shading over the spec's 11.5 degree tessellation: within 4 levels of
            # the exact n.L out to 0.9 R (the error grows with the slope towards the rim).
            if rho <= 0.9 * R:
                assert abs(v - lambert_level(spec, np.array([px, -py, nz]))) <= 4.0, (k, rho, v)
            if prev is not None:
                assert v <= prev + 1, (k, rho, v, prev)
            prev = v
    assert img[int(c), int(c)] == pytest.approx(lambert_level(spec, np.array([0, 0, 1.0])), abs=1.0)


def test_default_headlight_brightest_where_normal_meets_light(render, write_spec, sphere_program):
    spec_path, spec = write_spec(views=[one_view((1, 1, 1), SIZE)], lines={"edges": False, "silhouette": False})
    _, out = render(sphere_program, "--views", spec_path)
    img = gray(out / "v.png")
    light = np.asarray(spec["light"]["direction"], float)
    light /= np.linalg.norm(light)
    R = expected_radius_px(spec)
    # The point of the sphere whose normal is the light, in pixels (x right, y down).
    hx, hy = SIZE / 2 + light[0] * R, SIZE / 2 - light[1] * R
    j, i = np.mgrid[0:SIZE, 0:SIZE]
    inner = np.hypot(i + 0.5 - SIZE / 2, j + 0.5 - SIZE / 2) < R - 3   # no anti-aliased rim pixels
    surface = np.where(inner, img, 0)
    j, i = np.nonzero(surface == surface.max())
    assert math.hypot(i.mean() + 0.5 - hx, j.mean() + 0.5 - hy) < 4.0
    assert surface.max() == pytest.approx(lambert_level(spec, light), abs=1.0)
