"""The text signatures match what the C argument parsers accept.

A whole-API check (kwcheck.py, in a child process) calls every documented callable with its
signature's parameter names; a sample of calls with real values checks that the documented
keywords work, give the values an independent computation expects, and that an unknown
keyword or a keyword for a positional-only parameter raises TypeError."""
import inspect
import json
import math
import os
import pathlib
import subprocess
import sys

import pytest

import cadquery as cq

from api_walk import Item
import kwcheck

HERE = pathlib.Path(__file__).resolve().parent


def test_every_signature_matches_its_parser():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE)] + [p for p in sys.path if p])
    proc = subprocess.run([sys.executable, str(HERE / "kwcheck.py")], capture_output=True, text=True,
                          env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    problems = json.loads(proc.stdout)
    assert problems == [], f"{len(problems)} signatures disagree with their functions:\n" + "\n".join(problems)


def _wrapped_with_signature(func, params):
    def call(*a, **k):
        return func(*a, **k)
    call.__signature__ = inspect.Signature(params)
    return call


def test_the_checker_reports_a_wrong_name_a_wrong_count_and_a_missing_parameter():
    P = inspect.Parameter
    factories = kwcheck.instances()
    wrong_name = _wrapped_with_signature(cq.Workplane.hole, [
        P("self", P.POSITIONAL_ONLY), P("diam", P.POSITIONAL_OR_KEYWORD)])
    too_many = _wrapped_with_signature(cq.Vector.cross, [
        P("self", P.POSITIONAL_ONLY), P("a", P.POSITIONAL_ONLY), P("b", P.POSITIONAL_ONLY)])
    too_few = _wrapped_with_signature(cq.Workplane.hole, [
        P("self", P.POSITIONAL_ONLY), P("diameter", P.POSITIONAL_OR_KEYWORD)])
    right = _wrapped_with_signature(cq.Workplane.hole, [
        P("self", P.POSITIONAL_ONLY), P("diameter", P.POSITIONAL_OR_KEYWORD),
        P("depth", P.POSITIONAL_OR_KEYWORD, default=None), P("clean", P.POSITIONAL_OR_KEYWORD, default=True)])
    problems = []
    kwcheck.check(Item("t.Workplane.hole", wrong_name, wrong_name, cq.Workplane), factories, problems)
    kwcheck.check(Item("t.Vector.cross", too_many, too_many, cq.Vector), factories, problems)
    assert len(problems) == 2, problems
    assert "diameter" in problems[0] and "takes exactly one argument" in problems[1]
    problems = []
    kwcheck.check(Item("t.Workplane.hole", too_few, too_few, cq.Workplane), factories, problems)
    assert problems == []  # its names are all accepted: only the count shows what is missing
    kwcheck.check_arity(Item("t.Workplane.hole", too_few, too_few, cq.Workplane), factories, problems)
    assert len(problems) == 1 and "accepts 3 arguments" in problems[0], problems
    problems = []
    for check in (kwcheck.check, kwcheck.check_arity):
        check(Item("t.Workplane.hole", right, right, cq.Workplane), factories, problems)
    assert problems == []


def sample_calls(tmp):
    """(callable, keyword arguments named as in its signature, check of the result)."""
    box = cq.Workplane().box(2, 2, 2)
    solid = cq.func.box(2, 2, 2)
    return [
        (cq.Workplane().box, dict(length=2, width=3, height=4, centered=True, combine=True, clean=True),
         lambda r: math.isclose(r.val().Volume(), 24, rel_tol=1e-9)),
        (box.faces(">Z").workplane().hole, dict(diameter=1, depth=None, clean=True),
         lambda r: math.isclose(r.val().Volume(), 8 - math.pi * 0.25 * 2, rel_tol=1e-6)),
        (cq.Workplane().rect, dict(xLen=2, yLen=4, centered=True, forConstruction=False),
         lambda r: math.isclose(r.extrude(3).val().Volume(), 24, rel_tol=1e-9)),
        (cq.Workplane().circle(1).extrude, dict(until=2, combine=True, clean=True, both=False, taper=None),
         lambda r: math.isclose(r.val().Volume(), 2 * math.pi, rel_tol=1e-6)),
        (cq.Workplane().polygon, dict(nSides=6, diameter=2, forConstruction=False, circumscribed=False),
         lambda r: math.isclose(r.extrude(1).val().Volume(), 3 * math.sqrt(3) / 2, rel_tol=1e-6)),
        (cq.Sketch().rect, dict(w=2, h=3, angle=0, mode="a", tag=None),
         lambda r: math.isclose(cq.Workplane().placeSketch(r).extrude(1).val().Volume(), 6, rel_tol=1e-9)),
        (cq.Solid.makeBox, dict(length=1, width=2, height=3, pnt=(0, 0, 0), dir=(0, 0, 1)),
         lambda r: math.isclose(r.Volume(), 6, rel_tol=1e-9)),
        (cq.Edge.makeCircle, dict(radius=2, pnt=(0, 0, 0), dir=(0, 0, 1), angle1=360.0, angle2=360.0,
                                  orientation=True),
         lambda r: math.isclose(r.Length(), 4 * math.pi, rel_tol=1e-9)),
        (cq.func.fillet, dict(s=solid, edges=solid.Edges()[0], r=0.5, history=None, name=None),
         lambda r: math.isclose(r.Volume(), 8 - 2 * (0.25 - math.pi * 0.25 / 4), rel_tol=1e-6)),
        (cq.Plane.named, dict(stdName="XZ", origin=(0, 0, 0)),
         lambda r: r.zDir.toTuple() == pytest.approx((0, -1, 0))),
        (cq.Location, dict(x=1, y=2, z=3, rx=0, ry=0, rz=90),
         lambda r: r.toTuple()[0] == pytest.approx((1, 2, 3)) and r.toTuple()[1][2] == pytest.approx(90)),
        (cq.DirectionMinMaxSelector, dict(vector=(0, 0, 1), directionMax=True, tolerance=1e-4),
         lambda r: len(r.filter(cq.func.box(2, 2, 2).Faces())) == 1),
        (cq.Workplane().box(2, 2, 2).val().exportStl,
         dict(fileName=str(tmp / "b.stl"), tolerance=0.01, angularTolerance=0.1, ascii=True, relative=True,
              parallel=True),
         lambda r: (tmp / "b.stl").read_text().startswith("solid")),
        (cq.exporters.export, dict(w=box, fname=str(tmp / "b.step"), exportType="STEP", tolerance=0.1,
                                   angularTolerance=0.1, opt=None),
         lambda r: "ISO-10303-21" in (tmp / "b.step").read_text()),
    ]


def _named(func):
    return {p.name for p in inspect.signature(func).parameters.values()
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}


def test_documented_keywords_are_accepted(tmp_path):
    for func, kwargs, ok in sample_calls(tmp_path):
        assert _named(func) == set(kwargs), (func, _named(func))
        assert ok(func(**kwargs)), func


def test_an_unknown_keyword_raises_type_error(tmp_path):
    # the last (optional) argument is left out so that the count of arguments stays valid
    for func, kwargs, _ in sample_calls(tmp_path):
        fewer = dict(list(kwargs.items())[:-1])
        with pytest.raises(TypeError, match="zc_no_such_argument"):
            func(**fewer, zc_no_such_argument=1)


def test_positional_only_parameters_refuse_keywords():
    for func, kwargs in ((cq.Vector(1, 0, 0).cross, dict(v=cq.Vector(0, 1, 0))),
                         (cq.func.box, dict(w=1, l=1, h=1)),
                         (cq.Workplane().add, dict(obj=[])),
                         (cq.Shape.centerOfMass, dict(obj=cq.func.box(1, 1, 1)))):
        params = inspect.signature(func).parameters.values()
        assert all(p.kind == p.POSITIONAL_ONLY for p in params if p.name in kwargs)
        with pytest.raises(TypeError):
            func(**kwargs)
        func(*kwargs.values())  # the same values by position are accepted
