"""cadquery.exporters / importers / Assembly / show_object.

Round trips are checked against analytic values: a STEP file written and re-imported keeps the
box's volume; an STL file is parsed by this test's own binary/ASCII reader and its triangle areas
summed (a box's triangulation is exact, so the sum equals the analytic surface area).
"""
import math
import struct

import numpy as np
import pytest

import cadquery as cq
from cadquery import exporters, importers


def read_stl(path):
    """Triangles (n, 3, 3) of a binary or ASCII STL file."""
    data = open(path, "rb").read()
    if data[:5] == b"solid" and b"facet" in data[:400]:
        pts = [tuple(map(float, line.split()[1:4]))
               for line in data.decode().splitlines() if line.strip().startswith("vertex")]
        return np.array(pts, dtype=float).reshape(-1, 3, 3)
    (n,) = struct.unpack_from("<I", data, 80)
    assert len(data) == 84 + 50 * n
    tris = np.empty((n, 3, 3))
    for i in range(n):
        vals = struct.unpack_from("<12f", data, 84 + 50 * i)
        tris[i] = np.array(vals[3:]).reshape(3, 3)
    return tris


def tri_area(tris):
    return float(0.5 * np.linalg.norm(np.cross(tris[:, 1] - tris[:, 0], tris[:, 2] - tris[:, 0]), axis=1).sum())


def test_step_round_trip(tmp_path):
    wp = cq.Workplane().box(2, 3, 4)
    path = tmp_path / "box.step"
    exporters.export(wp, str(path))
    assert path.read_text(errors="replace").startswith("ISO-10303-21")
    back = importers.importStep(str(path))
    assert isinstance(back, cq.Workplane)
    assert back.val().Volume() == pytest.approx(24, rel=1e-6)
    bb = back.val().BoundingBox()
    assert (bb.xmin, bb.ymax, bb.zmax) == pytest.approx((-1, 1.5, 2), abs=1e-6)


def test_step_round_trip_two_solids_and_cylinder(tmp_path):
    s = cq.Solid.makeCylinder(1.5, 2).fuse(cq.Solid.makeBox(1, 1, 1, (5, 0, 0)))
    path = tmp_path / "two.STEP"
    exporters.export(s, str(path))
    back = importers.importStep(str(path)).val()
    assert back.Volume() == pytest.approx(math.pi * 1.5 ** 2 * 2 + 1, rel=1e-6)
    assert len(back.Solids()) == 2


def test_stl_binary_and_ascii(tmp_path):
    wp = cq.Workplane().box(1, 2, 3)
    binp, ascp = tmp_path / "b.stl", tmp_path / "a.stl"
    exporters.export(wp, str(binp))
    exporters.export(wp, str(ascp), opt={"ascii": True})
    tb, ta = read_stl(binp), read_stl(ascp)
    assert open(ascp, "rb").read(5) == b"solid"
    assert len(tb) == 12 and len(ta) == 12       # a box: 2 triangles per face
    assert tri_area(tb) == pytest.approx(2 * (2 + 3 + 6), rel=1e-5)
    assert tri_area(ta) == pytest.approx(2 * (2 + 3 + 6), rel=1e-5)
    assert tb.min(axis=(0, 1)) == pytest.approx((-0.5, -1, -1.5), abs=1e-5)


def test_stl_sphere_area_converges(tmp_path):
    s = cq.Solid.makeSphere(1, angleDegrees1=-90)
    p = tmp_path / "s.stl"
    assert s.exportStl(str(p), tolerance=1e-3) is True
    tris = read_stl(p)
    assert len(tris) > 100
    assert tri_area(tris) == pytest.approx(4 * math.pi, rel=5e-3)
    r = np.linalg.norm(tris.reshape(-1, 3), axis=1)
    assert r == pytest.approx(np.ones_like(r), abs=1e-6)   # vertices lie on the sphere


def test_stl_import(tmp_path):
    p = tmp_path / "c.stl"
    exporters.export(cq.Workplane().box(1, 1, 1), str(p))
    back = importers.importStl(str(p))
    assert back.val().Area() == pytest.approx(6, rel=1e-6)


def test_stp_extension_is_rejected_like_cadquery(tmp_path):
    with pytest.raises(ValueError, match="^Unknown extensions, specify export type explicitly$"):
        exporters.export(cq.Workplane().box(1, 1, 1), str(tmp_path / "x.stp"))
    # an explicit type works with any file name
    exporters.export(cq.Workplane().box(1, 1, 1), str(tmp_path / "x.stp"), exportType="STEP")
    assert importers.importStep(str(tmp_path / "x.stp")).val().Volume() == pytest.approx(1, rel=1e-6)
    with pytest.raises(ValueError):
        exporters.export(cq.Workplane().box(1, 1, 1), str(tmp_path / "x.random"))
    assert exporters.ExportTypes.STEP == "STEP" and exporters.ExportTypes.THREEMF == "3MF"


def test_shape_export_methods(tmp_path):
    b = cq.Solid.makeBox(1, 1, 1)
    assert b.exportStep(str(tmp_path / "m.step")) == 1
    assert b.exportBrep(str(tmp_path / "m.brep")) is True
    assert (tmp_path / "m.brep").read_text().startswith("DBRep_DrawableShape")


def test_import_errors(tmp_path):
    with pytest.raises(ValueError, match="STEP File could not be loaded"):
        importers.importStep(str(tmp_path / "missing.step"))
    bad = tmp_path / "bad.step"
    bad.write_text("not a step file\n")
    with pytest.raises(ValueError):
        importers.importStep(str(bad))


def test_assembly_export(tmp_path):
    assy = cq.Assembly(cq.Workplane().box(1, 1, 1), name="base", color=cq.Color("red"))
    assy.add(cq.Solid.makeCylinder(0.5, 2), loc=cq.Location((5, 0, 0)), name="pin", color=cq.Color(0, 1, 0, 1))
    sub = cq.Assembly(cq.Solid.makeBox(1, 1, 1), loc=cq.Location((0, 10, 0)))
    assy.add(sub, loc=cq.Location((0, 0, 3)))
    comp = assy.toCompound()
    expected = 1 + math.pi * 0.25 * 2 + 1
    assert comp.Volume() == pytest.approx(expected, rel=1e-6)
    bb = comp.BoundingBox()
    assert (bb.xmax, bb.zmax) == pytest.approx((5.5, 4), abs=1e-6)   # sub uses the loc given to add()
    path = tmp_path / "assy.step"
    assy.save(str(path))
    assert importers.importStep(str(path)).val().Volume() == pytest.approx(expected, rel=1e-6)
    with pytest.raises(ValueError):
        assy.save(str(tmp_path / "assy.stp"))


def test_show_object_and_debug_are_builtins():
    import builtins
    before = len(cq._shown)
    builtins.show_object(cq.Workplane().box(1, 1, 1), name="x", options={"color": "red"})
    assert len(cq._shown) == before + 1
    assert builtins.debug(cq.Vector()) is None
