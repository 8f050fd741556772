"""The shared corpus through python3 + the cadquery extension.

Every program in tests/data/programs/ runs with exec() in a fresh namespace (in a temporary
directory, so exports land there) and its `result` (or the last object given to show_object)
must have the analytic volume of expected.json within 1e-6 relative, and its bounding box and
face count where given. Every program in errors/ must fail with the exception type named on its
first line ("# expect: <Type>: ...").
"""
import json
import os
import pathlib

import pytest

import cadquery as cq

PROGRAMS = pathlib.Path(__file__).resolve().parents[1] / "data" / "programs"
EXPECTED = json.loads((PROGRAMS / "expected.json").read_text())
ERRORS = sorted((PROGRAMS / "errors").glob("*.py"))


def run_program(path, workdir):
    """exec() the program as __main__ in a fresh namespace; returns the result object."""
    shown = []
    namespace = {
        "__name__": "__main__",
        "__file__": str(path),
        "show_object": lambda obj, *args, **kwargs: shown.append(obj),
    }
    code = compile(path.read_text(), str(path), "exec")
    old = os.getcwd()
    os.chdir(workdir)
    try:
        exec(code, namespace)
    finally:
        os.chdir(old)
    if "result" in namespace:
        return namespace["result"]
    assert shown, f"{path.name} left no result and showed nothing"
    return shown[-1]


def as_shape(obj):
    """The solid a result stands for: a Shape, or the Shapes on a Workplane's stack."""
    if isinstance(obj, cq.Shape):
        return obj
    shapes = [v for v in obj.vals() if isinstance(v, cq.Shape)]
    assert shapes, "the result holds no shape"
    if len(shapes) == 1:
        return shapes[0]
    return cq.Compound.makeCompound(shapes)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_program(name, tmp_path):
    exp = EXPECTED[name]
    shape = as_shape(run_program(PROGRAMS / name, tmp_path))
    tol_v = exp.get("tol_volume", 1e-6)
    assert shape.Volume() == pytest.approx(exp["volume"], rel=tol_v)
    if "bbox" in exp:
        bb = shape.BoundingBox()
        got = [bb.xmin, bb.ymin, bb.zmin, bb.xmax, bb.ymax, bb.zmax]
        tol_b = exp.get("tol_bbox", 1e-6)
        for g, e in zip(got, exp["bbox"]):
            assert abs(g - e) <= tol_b * max(1.0, abs(e)), (got, exp["bbox"])
    if "faces" in exp:
        assert len(shape.Faces()) == exp["faces"]


def expected_error(path):
    first = path.read_text().splitlines()[0]
    assert first.startswith("# expect:"), first
    return first[len("# expect:"):].split(":")[0].strip()


@pytest.mark.parametrize("path", ERRORS, ids=[p.name for p in ERRORS])
def test_corpus_error_program(path, tmp_path):
    want = expected_error(path)
    with pytest.raises(Exception) as info:
        run_program(path, tmp_path)
    assert type(info.value).__name__ == want, repr(info.value)


def test_corpus_is_complete():
    assert len(EXPECTED) == 45
    assert len(ERRORS) == 6
