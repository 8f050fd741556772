"""The examples in the docstrings run and give the values they show.

Each ">>>" example is run with doctest (globals: cq, math); the shown values were computed by
hand from the geometry (they are noted next to the call), not copied from the module's output."""
import doctest
import math

import cadquery as cq

from api_walk import doc_of, public_api

# examples the documentation must keep: the most used entry points
REQUIRED = ("cadquery.Workplane", "cadquery.Workplane.box", "cadquery.Workplane.hole",
            "cadquery.Workplane.extrude", "cadquery.Workplane.faces", "cadquery.Workplane.fillet",
            "cadquery.Sketch", "cadquery.func.box", "cadquery.Vector")


def examples():
    parser = doctest.DocTestParser()
    out = []
    for it in public_api():
        doc = doc_of(it) or ""
        if ">>>" in doc:
            out.append(parser.get_doctest(doc, {"cq": cq, "math": math}, it.qualname, None, 0))
    return out


def test_required_examples_exist():
    names = {t.name for t in examples()}
    missing = [n for n in REQUIRED if n not in names]
    assert not missing, missing
    assert len(names) >= 40


def test_every_example_runs_and_gives_its_value():
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    failed = []
    for t in examples():
        before = runner.failures
        runner.run(t, out=lambda s: failed.append(s))
        assert runner.failures >= before
    assert runner.failures == 0, "".join(failed)


def test_a_wrong_value_is_reported():
    # the runner above can fail: an example with a wrong value does
    t = doctest.DocTestParser().get_doctest(">>> round(cq.func.box(1, 2, 3).Volume(), 6)\n7.0\n",
                                            {"cq": cq}, "wrong", None, 0)
    runner = doctest.DocTestRunner()
    runner.run(t, out=lambda s: None)
    assert runner.failures == 1
