"""Assemblies (src/cq/assembly*.c, src/kernel/caf.cpp): the tree, XCAF export/import, constraints.

Expected values are derived by hand (box volumes, face centres, locations) or read from the written
files by independent means (the STEP text, glTF's JSON through the json module, the GLB header)."""
import json
import math
import struct

import pytest

import cadquery as cq
from cadquery.occ_impl.assembly import imprint, toCAF
from cadquery.occ_impl.exporters.assembly import exportAssembly, exportStepMeta, exportGLTF


def nested():
    top = cq.Assembly(cq.Workplane().box(1, 1, 1), name="TOP")
    sub = cq.Assembly(cq.Workplane().box(2, 2, 2), name="SUB", loc=cq.Location((0, 5, 0)))
    sub.add(cq.Workplane().box(1, 2, 3), name="LEAF", loc=cq.Location((0, 0, 7)), color=cq.Color(1, 0, 0))
    top.add(sub, color=cq.Color("green"))
    return top


def test_tree_names_and_paths():
    a = nested()
    assert set(a.objects) == {"TOP", "SUB", "SUB/LEAF"}
    assert a.objects["SUB"].parent is a
    assert [n for n, _ in a.traverse()] == ["LEAF", "SUB", "TOP"]
    assert a["SUB"] is a.SUB
    with pytest.raises(ValueError):
        a.add(None, name="SUB")
    with pytest.raises(KeyError):
        a["nothing"]
    a.remove("SUB/LEAF")
    assert set(a.objects) == {"TOP", "SUB"} and len(a.SUB.children) == 0


def test_iteration_world_locations_and_colours():
    items = {name: (loc.toTuple()[0], col) for _, name, loc, col in nested()}
    assert items["TOP/SUB/LEAF"][0] == pytest.approx((0, 5, 7))   # (0,5,0) + (0,0,7)
    assert items["TOP/SUB/LEAF"][1].toTuple() == (1, 0, 0, 1)
    assert items["TOP/SUB"][1].toTuple() == (0, 1, 0, 1)          # inherited by nobody else
    c = nested().toCompound()
    assert c.Volume() == pytest.approx(1 + 8 + 6)


def test_subshapes_and_materials():
    wp = cq.Workplane().box(2, 2, 2)
    a = cq.Assembly(name="root").add(wp, name="cube", material="copper")
    a.cube.addSubshape(wp.faces(">Z").val(), name="top", color=cq.Color("red"))
    assert a.cube.top.Center().z == pytest.approx(1)
    assert a.cube.material.toTuple() == ("copper", "", 7.85, "g/cm^3")
    with pytest.raises(ValueError):
        a.addSubshape(cq.Workplane().box(5, 5, 5).val(), name="elsewhere")


def test_step_names_colours_locations_roundtrip(tmp_path):
    p = tmp_path / "a.step"
    nested().export(str(p))
    text = p.read_text()
    for name in ("TOP", "SUB", "LEAF"):
        assert f"'{name}'" in text
    assert "COLOUR_RGB" in text or "DRAUGHTING_PRE_DEFINED_COLOUR('red')" in text
    b = cq.Assembly.importStep(str(p))
    assert b.name == "TOP"
    assert set(b.objects) == {"TOP", "SUB", "SUB/LEAF"}
    assert b.SUB.loc.toTuple()[0] == pytest.approx((0, 5, 0))
    assert b["SUB/LEAF"].loc.toTuple()[0] == pytest.approx((0, 0, 7))
    assert b["SUB/LEAF"].color.toTuple() == pytest.approx((1, 0, 0, 1))
    assert b.toCompound().Volume() == pytest.approx(15)


def test_step_units(tmp_path):
    a = cq.Assembly().add(cq.Workplane().box(10, 10, 10), name="box")
    p = tmp_path / "m.step"
    exportAssembly(a, str(p), unit="MM", outputUnit="M")
    text = p.read_text()
    assert "MILLI" not in text and "(-5.E-03,-5.E-03,-5.E-03)" in text   # 5 mm written as metres
    assert cq.Assembly.load(str(p), unit="MM").box.obj.Volume() == pytest.approx(1000)


def test_step_meta_face_names(tmp_path):
    wp = cq.Workplane().box(1, 1, 1)
    a = cq.Assembly(name="root").add(wp, name="cube", color=cq.Color(0, 0, 1))
    a.cube.addSubshape(wp.faces(">Z").val(), name="lid", layer="lids")
    p = tmp_path / "meta.step"
    assert exportStepMeta(a, str(p))
    text = p.read_text()
    assert "ADVANCED_FACE('lid'" in text
    assert "PRESENTATION_LAYER_ASSIGNMENT('lids'" in text


@pytest.mark.parametrize("ext", ["xml", "xbf"])
def test_caf_roundtrip(tmp_path, ext):
    p = tmp_path / f"a.{ext}"
    nested().save(str(p))
    b = cq.Assembly.load(str(p))
    assert set(b.objects) == {"TOP", "SUB", "SUB/LEAF"}
    assert b.toCompound().Volume() == pytest.approx(15)


def test_gltf_json_and_glb_header(tmp_path):
    a = nested()
    exportGLTF(a, str(tmp_path / "a.gltf"))
    doc = json.loads((tmp_path / "a.gltf").read_text())
    names = {n.get("name") for n in doc["nodes"]}
    assert {"TOP", "SUB", "LEAF"} <= names
    assert len(doc["meshes"]) >= 3
    a.save(str(tmp_path / "a.glb"))
    magic, version = struct.unpack("<4sI", (tmp_path / "a.glb").read_bytes()[:8])
    assert magic == b"glTF" and version == 2
    assert a.loc.toTuple()[0] == (0, 0, 0)   # the Y-up turn is undone


def test_vrml_and_errors(tmp_path):
    nested().save(str(tmp_path / "a.wrl"), "VRML")
    assert (tmp_path / "a.wrl").read_text().startswith("#VRML V2.0")
    with pytest.raises(ValueError):
        nested().export(str(tmp_path / "a.unknown"))
    with pytest.raises(ValueError):
        nested().export(str(tmp_path / "a.step"), mode="nope")
    with pytest.raises(ValueError):
        toCAF(cq.Assembly())


def test_imprint_counts_faces():
    a = cq.Assembly(name="r").add(cq.Workplane().box(1, 1, 1), name="a").add(
        cq.Workplane(origin=(1, 0, 0)).box(1, 1, 1), name="b")
    r, origins = imprint(a)
    assert len(r.Solids()) == 2
    assert len(r.Faces()) == 11            # 6 + 6 faces, the touching pair shared
    assert sorted(origins.values()) == [("r/a",), ("r/b",)]   # names are paths, as CadQuery's


def test_solve_plane_stacks_boxes():
    a = cq.Assembly(cq.Workplane().box(1, 1, 2, centered=(True, True, False)), name="base")
    a.add(cq.Workplane().box(1, 1, 1), name="top", loc=cq.Location((3, -2, 5), (1, 0, 0), 30))
    a.constrain("base@faces@>Z", "top@faces@<Z", "Plane")
    a.solve()
    top = a.top.obj.val().moved(a.top.loc)
    assert top.Center().toTuple() == pytest.approx((0, 0, 2.5), abs=1e-6)   # base top z=2, half height 0.5
    assert top.BoundingBox().zlen == pytest.approx(1, abs=1e-6)             # upright again


def test_solve_fixed_point_and_axis():
    a = cq.Assembly()
    a.add(cq.Workplane().box(1, 1, 1), name="b1")
    a.add(cq.Workplane().box(2, 1, 1), name="b2", loc=cq.Location((0, 0, 4)))
    a.constrain("b1", "Fixed")
    a.constrain("b2", "FixedPoint", (1, 2, -3))
    a.constrain("b2@faces@>Z", "FixedAxis", (0, 1, 0))
    a.solve()
    b2 = a.b2.obj.val().moved(a.b2.loc)
    assert b2.Center().toTuple() == pytest.approx((1, 2, -3), abs=1e-6)
    top = a.b2.obj.faces(">Z").val().moved(a.b2.loc)
    assert top.normalAt().toTuple() == pytest.approx((0, 1, 0), abs=1e-6)


def test_solve_errors():
    a = cq.Assembly().add(cq.Workplane().box(1, 1, 1), name="b1")
    with pytest.raises(ValueError):
        a.solve()
    with pytest.raises(ValueError):
        a.constrain("b1", "Fixed?")
    with pytest.raises(ValueError):
        cq.assembly.Constraint((), (), (), "Nope")
