"""cadquery.cqgi: parameters found in a script's top-level constant assignments, overridden at
build time, show_object/debug collected, failures reported in the result (not raised)."""
import textwrap

import pytest

import cadquery as cq
from cadquery import cqgi

SCRIPT = textwrap.dedent("""
    length = 4.0
    width = 2
    name = "plate"
    hollow = False
    (nx, ny) = (3, 1)
    size = (1, 2)
    describe_parameter(length, "the long side")
    def helper():
        inner = 5
        return inner
    plate = cq.Workplane().box(length, width, 1)
    show_object(plate, name=name, options={"color": "red"})
    debug(plate.faces(">Z"))
    show_object("%s|%s|%s|%s|%s" % (name, hollow, nx, ny, size))
""")


def test_parameters_found():
    model = cqgi.parse(SCRIPT)
    params = model.metadata.parameters
    assert set(params) == {"length", "width", "name", "hollow", "nx", "ny", "size"}
    assert params["length"].varType is cqgi.NumberParameterType
    assert params["length"].default_value == 4.0 and params["length"].desc == "the long side"
    assert params["name"].varType is cqgi.StringParameterType
    assert params["hollow"].varType is cqgi.BooleanParameterType
    assert params["size"].varType is cqgi.TupleParameterType and params["size"].default_value == (1, 2)


def test_build_defaults():
    r = cqgi.parse(SCRIPT).build()
    assert r.success and r.exception is None and r.buildTime >= 0
    assert len(r.results) == 2 and r.first_result is r.results[0]
    assert r.results[0].shape.val().Volume() == pytest.approx(4.0 * 2 * 1)
    assert r.results[0].options == {"color": "red", "name": "plate"}
    assert r.results[1].shape == "plate|False|3|1|(1, 2)"
    assert len(r.debugObjects) == 1 and r.debugObjects[0].options == {}


def test_build_with_parameters():
    r = cqgi.parse(SCRIPT).build({"length": 10, "name": 7, "hollow": 1, "nx": 2.5, "size": (4, 5, 6)})
    assert r.success
    assert r.results[0].shape.val().Volume() == pytest.approx(10 * 2 * 1)
    assert r.results[1].shape == "7|True|2.5|1|(4, 5, 6)"


def test_bad_parameters_and_script_errors_are_results():
    r = cqgi.parse(SCRIPT).build({"length": "long"})
    assert not r.success and isinstance(r.exception, cqgi.InvalidParameterError)
    r = cqgi.parse(SCRIPT).build({"missing": 1})
    assert not r.success and isinstance(r.exception, cqgi.InvalidParameterError)
    r = cqgi.parse("x = 1\nraise ValueError('boom')\n").build()
    assert not r.success and isinstance(r.exception, ValueError) and r.exception.args == ("boom",)
    with pytest.raises(SyntaxError):
        cqgi.parse("this does not even compile")


def test_environment_builder():
    env = cqgi.EnvironmentBuilder().with_cadquery_objects().add_entry("k", 3).build()
    assert env["cq"] is cq and env["cadquery"] is cq and env["k"] == 3
