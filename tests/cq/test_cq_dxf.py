"""DXF (src/cq/dxf_write.c, dxf_import.c, dxf_parse.c, src/kernel/dxf_geom.cpp): our writer's
files are read by ezdxf (an independent reader); our reader is given DXF text written here by
hand and checked against areas computed by hand."""
import math

import ezdxf
import pytest

import cadquery as cq
from cadquery import exporters, importers
from cadquery.occ_impl.exporters.dxf import DxfDocument


def entities(path):
    return [(e.dxftype(), e) for e in ezdxf.readfile(str(path)).modelspace()]


def test_writer_entities_read_by_ezdxf(tmp_path):
    w = cq.Workplane().rect(4, 2).extrude(1).faces(">Z").workplane().circle(0.5).extrude(1)
    exporters.exportDXF(cq.Workplane().rect(4, 2), str(tmp_path / "r.dxf"))
    lines = [e for t, e in entities(tmp_path / "r.dxf") if t == "LINE"]
    assert len(lines) == 4
    ends = {(round(e.dxf.start.x, 9), round(e.dxf.start.y, 9)) for e in lines}
    assert ends == {(-2, -1), (2, -1), (2, 1), (-2, 1)}
    exporters.exportDXF(cq.Workplane().circle(3), str(tmp_path / "c.dxf"))
    (t, c), = entities(tmp_path / "c.dxf")
    assert t == "CIRCLE" and c.dxf.radius == pytest.approx(3)
    assert w  # the 3D object itself is not a DXF subject


def test_arc_angles_and_ellipse(tmp_path):
    exporters.exportDXF(cq.Workplane().radiusArc((1, 1), 1), str(tmp_path / "a.dxf"))
    (t, a), = entities(tmp_path / "a.dxf")
    assert t == "ARC"
    assert (a.dxf.center.x, a.dxf.center.y) == pytest.approx((1, 0))   # hand-derived, as CadQuery's test
    assert (a.dxf.start_angle, a.dxf.end_angle) == pytest.approx((90, 180))
    exporters.exportDXF(cq.Workplane().ellipse(2, 1), str(tmp_path / "e.dxf"))
    (t, e), = entities(tmp_path / "e.dxf")
    assert t == "ELLIPSE" and e.dxf.ratio == pytest.approx(0.5)
    assert tuple(e.dxf.major_axis) == pytest.approx((2, 0, 0))


def test_document_layers_units_version(tmp_path):
    d = DxfDocument(dxfversion="AC1032", doc_units=6).add_layer("cut", color=1, linetype="CENTER")
    d.add_shape(cq.Workplane().line(0, 10), "cut")
    doc = d.document
    assert doc.dxfversion == "AC1032" and doc.units == 6
    assert doc.layers.get("cut").color == 1 and doc.layers.get("cut").dxf.linetype == "CENTER"
    (line,) = list(doc.modelspace())
    assert line.dxf.layer == "cut" and tuple(line.dxf.end) == pytest.approx((0, 10, 0))


def test_workplane_local_coordinates(tmp_path):
    w = cq.Workplane("XZ", origin=(0, 5, 0)).rect(2, 6)   # drawn in the XZ plane, written in its 2D frame
    exporters.exportDXF(w, str(tmp_path / "xz.dxf"))
    pts = {(round(e.dxf.start.x, 9), round(e.dxf.start.y, 9), round(e.dxf.start.z, 9))
           for t, e in entities(tmp_path / "xz.dxf")}
    assert pts == {(-1, -3, 0), (1, -3, 0), (1, 3, 0), (-1, 3, 0)}


def test_spline_roundtrip_area(tmp_path):
    s = cq.Workplane().spline([(0, 0), (1, 2), (3, 1)]).close()
    exporters.exportDXF(s, str(tmp_path / "s.dxf"))
    types = sorted(t for t, _ in entities(tmp_path / "s.dxf"))
    assert types == ["LINE", "SPLINE"]
    face = cq.Workplane().spline([(0, 0), (1, 2), (3, 1)]).close().extrude(1).faces("<Z").val()
    back = importers.importDXF(str(tmp_path / "s.dxf")).val()
    assert back.Area() == pytest.approx(face.Area(), rel=1e-6)


HAND_WRITTEN = """  0
SECTION
  2
ENTITIES
  0
LWPOLYLINE
  8
outline
 90
4
 70
1
 10
0
 20
0
 10
10
 20
0
 42
1
 10
10
 20
4
 10
0
 20
4
  0
CIRCLE
  8
outline
 10
3
 20
2
 40
1
  0
LINE
  8
other
 10
0
 20
10
 11
1
 21
10
  0
ENDSEC
  0
EOF
"""


def test_reader_polyline_bulge_and_hole(tmp_path):
    p = tmp_path / "h.dxf"
    p.write_text(HAND_WRITTEN)
    faces = importers.importDXF(str(p), include=["OUTLINE"]).vals()
    assert len(faces) == 1
    # 10 x 4 rectangle, a half disc of radius 2 bulging out of its right side, minus a unit hole
    assert faces[0].Area() == pytest.approx(40 + math.pi * 4 / 2 - math.pi)
    assert len(faces[0].innerWires()) == 1
    with pytest.raises(ValueError):
        importers.importDXF(str(p), include=["nothing"])
    with pytest.raises(ValueError):
        importers.importDXF(str(p), include=["outline"], exclude=["other"])


def test_reader_sketch_and_bad_input(tmp_path):
    exporters.exportDXF(cq.Sketch().rect(2, 3), str(tmp_path / "k.dxf"))
    s = cq.Sketch().importDXF(str(tmp_path / "k.dxf"))
    assert s._faces.Area() == pytest.approx(6)
    bad = tmp_path / "bad.dxf"
    bad.write_text("not a dxf\nfile\n")
    with pytest.raises(ValueError, match="bad.dxf: line 1: invalid group code"):
        importers.importDXF(str(bad))


@pytest.mark.parametrize("code,value", [(70, "7" * 64), (70, "40000"), (70, "1.5"), (71, "-1e9")])
def test_reader_integer_group_out_of_range(tmp_path, code, value):
    """Group codes 70 and 71 hold 16-bit integers (flags, spline degree). A value outside that range
    (the fuzzer's flag word of 7.8e62 reached an int conversion, undefined behaviour) or not a whole
    number is an error naming the line and the code."""
    p = tmp_path / "big.dxf"
    p.write_text("  0\nSECTION\n  2\nENTITIES\n  0\nLWPOLYLINE\n  8\nL\n 90\n3\n"
                 f" {code}\n{value}\n 10\n0\n 20\n0\n 10\n2\n 20\n0\n 10\n2\n 20\n2\n"
                 "  0\nENDSEC\n  0\nEOF\n")
    with pytest.raises(ValueError, match=f"big.dxf: line 12: group code {code}: not a 16-bit integer"):
        importers.importDXF(str(p))
    if code == 70:   # the same polyline with flag 1 (closed) is read
        p.write_text(p.read_text().replace(f" {code}\n{value}\n", f" {code}\n1\n"))
        assert importers.importDXF(str(p)).val().Area() == pytest.approx(2)


def test_sketch_export_dxf_read_by_ezdxf(tmp_path):
    """Sketch.export (exporters.export of a Sketch: a compound of its faces, as CadQuery): a 2 x 3
    rectangle less a circle of radius 0.5, read back by ezdxf and by Sketch.importDXF."""
    import math
    import ezdxf
    import cadquery as cq
    path = tmp_path / "sk.dxf"
    sk = cq.Sketch().rect(2, 3).circle(0.5, mode="s")
    assert sk.export(str(path)) is sk
    msp = ezdxf.readfile(str(path)).modelspace()
    lines = [e for e in msp if e.dxftype() == "LINE"]
    circles = [e for e in msp if e.dxftype() == "CIRCLE"]
    assert len(lines) == 4 and len(circles) == 1
    assert circles[0].dxf.radius == pytest.approx(0.5)
    length = sum(math.dist(tuple(e.dxf.start)[:2], tuple(e.dxf.end)[:2]) for e in lines)
    assert length == pytest.approx(10.0)
    back = cq.Sketch().importDXF(str(path))
    assert back.val().Area() == pytest.approx(6 - math.pi * 0.25, rel=1e-6)
    with pytest.raises(TypeError, match="not a Shape"):
        cq.exporters.export([1], str(tmp_path / "x.step"))
