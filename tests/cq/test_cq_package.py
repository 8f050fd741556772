"""The `cadquery` package layout (CadQuery's submodules, each holding the same objects as the top
level), cadquery.hull, cadquery.utils and plugins on Workplane/Sketch. Values are computed
independently: a hull's length and area from its circles, dispatch results by hand."""
import importlib
import math

import pytest

import cadquery as cq

SUBMODULES = {
    "cadquery.occ_impl.shapes": ["Shape", "Solid", "Compound", "Face", "Wire", "Edge", "Vertex"],
    "cadquery.occ_impl.geom": ["Vector", "Plane", "Location", "Matrix", "BoundBox"],
    "cadquery.occ_impl.exporters": ["export"],
    "cadquery.occ_impl.importers": ["importStep"],
    "cadquery.occ_impl.assembly": ["Color"],
    "cadquery.occ_impl.sketch_solver": [],
    "cadquery.occ_impl.exporters.dxf": [],
    "cadquery.occ_impl.exporters.svg": ["getSVG", "exportSVG"],
    "cadquery.occ_impl.exporters.assembly": [],
    "cadquery.func": ["Vector", "Solid"],
    "cadquery.sketch": ["Sketch", "Vector", "Location"],
    "cadquery.selectors": ["NearestToPointSelector", "StringSyntaxSelector"],
    "cadquery.cq": ["Workplane", "CQ"],
    "cadquery.assembly": ["Assembly", "Color"],
    "cadquery.cqgi": [],
    "cadquery.utils": ["multidispatch", "instance_of"],
    "cadquery.hull": ["find_hull"],
}


@pytest.mark.parametrize("name", sorted(SUBMODULES))
def test_submodule_imports(name):
    m = importlib.import_module(name)
    assert m.__name__.startswith("cadquery.")
    parent, _, leaf = name.rpartition(".")
    assert getattr(importlib.import_module(parent), leaf) is m
    for attr in SUBMODULES[name]:
        assert hasattr(m, attr), f"{name}.{attr}"
        if hasattr(cq, attr):
            assert getattr(m, attr) is getattr(cq, attr), f"{name}.{attr} is not cadquery.{attr}"


def test_from_import_forms():
    from cadquery.occ_impl.shapes import Solid
    from cadquery.sketch import Sketch
    import cadquery.occ_impl.exporters.svg as svg
    assert Solid is cq.Solid and Sketch is cq.Sketch
    assert svg.getSVG is cq.occ_impl.exporters.svg.getSVG
    assert cq.occ_impl.exporters is cq.exporters


def test_packages_have_path_and_missing_names_fail_cleanly():
    assert cq.__path__ == [] and cq.occ_impl.__path__ == []
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("cadquery.no_such_module")


def test_find_hull_of_two_circles():
    # two unit circles 4 apart: a stadium of length 2*4 + 2*pi, area 4*2 + pi
    c1 = cq.Edge.makeCircle(1, cq.Vector(0, 0, 0))
    c2 = cq.Edge.makeCircle(1, cq.Vector(4, 0, 0))
    h = cq.hull.find_hull([c1, c2])
    assert h.IsClosed()
    assert h.Length() == pytest.approx(8 + 2 * math.pi, rel=1e-6)
    assert cq.Face.makeFromWires(h).Area() == pytest.approx(8 + math.pi, rel=1e-6)


def test_find_hull_of_segments_is_their_convex_hull():
    # the triangle (0,0) (4,0) (0,3) plus an inner segment: perimeter 3 + 4 + 5
    V = cq.Vector
    edges = [cq.Edge.makeLine(V(0, 0, 0), V(4, 0, 0)), cq.Edge.makeLine(V(4, 0, 0), V(0, 3, 0)),
             cq.Edge.makeLine(V(1, 1, 0), V(0, 3, 0))]
    h = cq.hull.find_hull(edges)
    assert h.Length() == pytest.approx(12, rel=1e-9)


def test_find_hull_rejects_other_curves():
    with pytest.raises(ValueError):
        cq.hull.find_hull([cq.Edge.makeCircle(0.5), cq.Edge.makeEllipse(2, 1)])


def test_multidispatch_by_arity_and_type():
    from cadquery.utils import multidispatch

    class A:
        @multidispatch
        def f(self, a: int, tag: str = "one"):
            return ("one", a, tag)

        @multidispatch
        def f(self, a: int, b: int, tag: str = "two"):
            return ("two", a + b, tag)

        @multidispatch
        def f(self, a: str):
            return ("str", a)

    a = A()
    assert a.f(1) == ("one", 1, "one")
    assert a.f(1, "x") == ("one", 1, "x")
    assert a.f(1, 2) == ("two", 3, "two")
    assert a.f(a=1, b=5, tag="t") == ("two", 6, "t")
    assert a.f("s") == ("str", "s")
    with pytest.raises(TypeError):
        a.f(1.5, 2.5, 3.5, 4.5)


def test_instance_of():
    from cadquery.utils import instance_of
    assert instance_of(cq.Vector(), cq.Location, cq.Vector)
    assert not instance_of(1, cq.Location, cq.Vector)


def test_workplane_plugin():
    def twoBoxes(self, size):
        return self.box(size, size, size).translate((2 * size, 0, 0)).union(self.box(size, size, size))

    cq.Workplane.twoBoxes = twoBoxes
    try:
        assert cq.Workplane().twoBoxes(1).val().Volume() == pytest.approx(2.0)
    finally:
        del cq.Workplane.twoBoxes
    assert not hasattr(cq.Workplane, "twoBoxes")


def test_sketch_plugin():
    cq.Sketch.square = lambda self, s: self.rect(s, s)
    try:
        assert cq.Sketch().square(3)._faces.Area() == pytest.approx(9.0)
    finally:
        del cq.Sketch.square
