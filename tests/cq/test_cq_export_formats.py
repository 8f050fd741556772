"""exporters.export to TJS, AMF, 3MF, VTP, VRML, BIN and STEP units (src/cq/exporters_mesh.c,
src/kernel/exchange_more.cpp), each read back by an independent reader (json, xml.etree, zipfile,
the STEP text) and checked against counts derived by hand: a box meshes to 12 triangles (two per
face) and 8 distinct corner points."""
import json
import xml.etree.ElementTree as ET
import zipfile

import pytest

import cadquery as cq
from cadquery import exporters


def box():
    return cq.Workplane().box(1, 2, 3)


def corners(points):
    return {tuple(round(c, 6) for c in p) for p in points}


EXPECTED_CORNERS = {(x, y, z) for x in (-0.5, 0.5) for y in (-1, 1) for z in (-1.5, 1.5)}


def test_tjs(tmp_path):
    exporters.export(box(), str(tmp_path / "b.tjs"))
    doc = json.loads((tmp_path / "b.tjs").read_text())
    assert doc["metadata"]["formatVersion"] == 3
    v = doc["vertices"]
    assert corners(zip(v[0::3], v[1::3], v[2::3])) == EXPECTED_CORNERS
    assert len(doc["faces"]) == 12 * 4 and doc["metadata"]["faces"] == 12


def test_amf(tmp_path):
    exporters.export(box(), str(tmp_path / "b.amf"))
    root = ET.parse(tmp_path / "b.amf").getroot()
    assert root.tag == "amf" and root.get("units") == "mm"
    pts = [tuple(float(c.find(k).text) for k in "xyz") for c in root.iter("coordinates")]
    assert corners(pts) == EXPECTED_CORNERS
    assert len(list(root.iter("triangle"))) == 12


@pytest.mark.parametrize("deflate", [True, False])
def test_3mf(tmp_path, deflate, monkeypatch):
    import sys
    if not deflate:
        monkeypatch.setitem(sys.modules, "zlib", None)
    exporters.export(box(), str(tmp_path / "b.3mf"))
    with zipfile.ZipFile(tmp_path / "b.3mf") as z:
        assert set(z.namelist()) == {"_rels/.rels", "[Content_Types].xml", "3D/3dmodel.model"}
        kinds = {i.compress_type for i in z.infolist()}
        assert kinds == ({zipfile.ZIP_DEFLATED} if deflate else {zipfile.ZIP_STORED})
        model = ET.fromstring(z.read("3D/3dmodel.model"))
    ns = "{http://schemas.microsoft.com/3dmanufacturing/core/2015/02}"
    pts = [(float(v.get("x")), float(v.get("y")), float(v.get("z"))) for v in model.iter(ns + "vertex")]
    assert corners(pts) == EXPECTED_CORNERS
    assert len(list(model.iter(ns + "triangle"))) == 12


def test_vtp(tmp_path):
    exporters.export(box(), str(tmp_path / "b.vtp"))
    text = (tmp_path / "b.vtp").read_text()
    assert text.startswith('<?xml version="1.0"?>\n<VTKFile')
    piece = ET.fromstring(text).find("PolyData/Piece")
    assert piece.get("NumberOfPolys") == "12"


def test_vrml_and_bin(tmp_path):
    exporters.export(box(), str(tmp_path / "b.vrml"))
    assert (tmp_path / "b.vrml").read_text().startswith("#VRML V2.0")
    exporters.export(box(), str(tmp_path / "b.bin"))
    s = cq.Shape.importBin(str(tmp_path / "b.bin"))
    assert s.isValid() and s.Volume() == pytest.approx(6)


def test_step_units(tmp_path):
    s = cq.Workplane().box(10, 10, 10).val()
    s.exportStep(str(tmp_path / "in.step"), unit="INCH")
    assert "INCH" in (tmp_path / "in.step").read_text()
    s.exportStep(str(tmp_path / "m.step"), unit="MM", outputUnit="M")
    text = (tmp_path / "m.step").read_text()
    assert "MILLI" not in text and "(-5.E-03,-5.E-03,-5.E-03)" in text   # 5 mm as metres
    s.exportStep(str(tmp_path / "plain.step"))
    assert "MILLI" in (tmp_path / "plain.step").read_text()
