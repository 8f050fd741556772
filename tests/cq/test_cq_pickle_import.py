"""Pickling (shapes as BRep text, Location, Matrix, Color), named colours, the single
sub-shape accessors, importStep(unit=) and BREP import. Values are the objects' own analytic
geometry (volumes, corner points) compared across the round trip."""
import pickle

import pytest
from pytest import approx

import cadquery as cq
from cadquery import importers
from cadquery.func import box


def test_pickle_shapes_keep_geometry_and_type():
    b = box(1, 2, 3).moved(x=5)
    r = pickle.loads(pickle.dumps(b))
    assert isinstance(r, cq.Solid) and r.Volume() == approx(6)
    assert r.BoundingBox().xmin == approx(4.5) and r.BoundingBox().zmax == approx(3)
    e = cq.Edge.makeLine(cq.Vector(0, 0, 0), cq.Vector(3, 4, 0))
    e.forConstruction = True
    re = pickle.loads(pickle.dumps(e))
    assert isinstance(re, cq.Edge) and re.Length() == approx(5) and re.forConstruction is True


def test_pickle_geometry_objects():
    loc = cq.Location(1, 2, 3, 10, 20, 30)
    p = cq.Vector(0.3, -0.2, 0.9)
    moved = cq.Vertex.makeVertex(*p.toTuple()).moved(loc).toTuple()
    moved2 = cq.Vertex.makeVertex(*p.toTuple()).moved(pickle.loads(pickle.dumps(loc))).toTuple()
    assert moved2 == approx(moved, abs=1e-12)
    m = cq.Matrix([[0, -1, 0, 1], [1, 0, 0, 2], [0, 0, 1, 3]])
    assert pickle.loads(pickle.dumps(m)).transposed_list() == approx(m.transposed_list())
    assert pickle.loads(pickle.dumps(cq.Color(0.1, 0.2, 0.3, 0.4))).toTuple() == approx((0.1, 0.2, 0.3, 0.4))


def test_named_colours():
    assert cq.Color("red").toTuple() == approx((1, 0, 0, 1))
    assert cq.Color("BLUE").toTuple() == approx((0, 0, 1, 1))
    assert cq.Color("green").toTuple()[3] == 1 and cq.Color("white").toTuple() == approx((1, 1, 1, 1))
    with pytest.raises(ValueError):
        cq.Color("no-such-colour")


def test_single_subshape_accessors():
    b = box(2, 2, 2)
    assert b.face(">Z").Center().z == approx(2)
    assert b.edge().Length() == approx(2)
    assert b.vertex("<X and <Y and <Z").toTuple() == approx((-1, -1, 0))
    assert b.solid().Volume() == approx(8)
    with pytest.raises(ValueError):
        cq.Edge.makeLine(cq.Vector(), cq.Vector(1, 0, 0)).face()


def test_import_step_units_and_brep(tmp_path):
    path = str(tmp_path / "b.step")
    cq.Workplane().box(1000, 1000, 1000).val().exportStep(path)
    assert importers.importStep(path).val().Volume() == approx(1e9, rel=1e-6)
    assert importers.importStep(path, unit="M").val().Volume() == approx(1.0, rel=1e-6)
    assert importers.importShape("STEP", path, unit="CM").val().Volume() == approx(1e6, rel=1e-6)
    with pytest.raises(ValueError):
        importers.importStep(path, unit="parsec")
    brep = str(tmp_path / "b.brep")
    cq.Workplane().box(1, 2, 3).val().exportBrep(brep)
    assert importers.importShape(importers.ImportTypes.BREP, brep).val().Volume() == approx(6)
