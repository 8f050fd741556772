"""Helpers for the renderer tests: cameras, framing and Lambert levels computed from the view
spec's written rules (docs/render.md), never from the renderer's
output; PNG decoding with Debian's python3-pil."""
import math

import numpy as np
from PIL import Image

# zerocad-8v1 camera directions in view order, as docs/render.md lists them.
SPEC_DIRECTIONS = [(-1, -1, 1), (1, -1, 1), (1, -1, -1), (-1, -1, -1),
                   (1, 1, 1), (-1, 1, 1), (-1, 1, -1), (1, 1, -1)]


def camera_frame(direction, up=(0.0, 0.0, 1.0)):
    """right, up, dir of an orthographic camera looking at the centre from `direction`
    with `up` projected on the image plane (right-handed: right x up = towards the camera)."""
    d = np.asarray(direction, float)
    d /= np.linalg.norm(d)
    u = np.asarray(up, float) - np.dot(up, d) * d
    u /= np.linalg.norm(u)
    r = np.cross(u, d)
    return r, u, d


def project(points, direction, center, scale, size):
    """Pixel coordinates (x right, y down; pixel i covers [i, i+1]) of world points."""
    r, u, _ = camera_frame(direction)
    q = np.asarray(points, float) - np.asarray(center, float)
    return np.stack([size / 2 + q @ r * scale, size / 2 - q @ u * scale], axis=-1)


def framing_scale(spec, radius, size):
    """Pixels per world unit: the bounding sphere's radius fills (1 - margin) of half the frame."""
    return (1.0 - spec["framing"]["margin"]) * size / 2 / radius


def one_view(direction, size=256, name="v"):
    return {"name": name, "direction": list(direction), "up": [0, 0, 1],
            "projection": "orthographic", "width": size, "height": size}


def load_rgb(path):
    with Image.open(path) as im:
        assert im.mode == "RGB"
        return np.asarray(im, dtype=np.int32)


def gray(path):
    """The image as one channel; the renderer's default look is grey (R = G = B)."""
    rgb = load_rgb(path)
    assert (rgb[..., 0] == rgb[..., 1]).all() and (rgb[..., 1] == rgb[..., 2]).all()
    return rgb[..., 0]


def lambert_level(spec, normal_cam):
    """Expected 8-bit level of a surface with camera-frame normal under the spec's light."""
    light = np.asarray(spec["light"]["direction"], float)
    light /= np.linalg.norm(light)
    i = spec["light"]["ambient"] + spec["light"]["diffuse"] * max(0.0, float(np.dot(normal_cam, light)))
    return spec["material"][0] * min(1.0, i)


def disc_radius_from_area(area_px):
    return math.sqrt(area_px / math.pi)
