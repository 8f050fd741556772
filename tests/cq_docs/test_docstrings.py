"""Every public class, function, method and property of `cadquery` has a real docstring, and every
callable a text signature that inspect.signature reads (tests/cq_docs/api_walk.py says what is
walked). A new method without documentation fails here, listed by name; the documentation goes
in src/cq/doc_<area>.c (docs/cadquery.md, "Docstrings")."""
import inspect
import pydoc
import re

import cadquery as cq

from api_walk import doc_of, public_api, signature_of

MIN_SUMMARY = 12  # characters in the first line: a sentence, not a placeholder


def body_of(item):
    """The docstring without CPython's signature line (already stripped by __doc__)."""
    return doc_of(item) or ""


def test_every_doc_table_entry_names_an_object():
    assert cq._docs_unresolved == [], "doc table entries that match no object:\n" + \
        "\n".join(cq._docs_unresolved)


def test_the_walk_covers_the_api():
    # the walk itself is the test's foundation: it must see the main classes and their methods
    names = {it.qualname for it in public_api()}
    for expected in ("cadquery.Workplane.hole", "cadquery.Sketch.rect", "cadquery.Shape.Volume",
                     "cadquery.Vector.cross", "cadquery.Plane.toWorldCoords", "cadquery.func.box",
                     "cadquery.selectors.AndSelector", "cadquery.Vector.x", "cadquery.cqgi.parse"):
        assert expected in names, expected
    assert len(names) > 450


def test_every_public_object_has_a_docstring():
    missing = []
    for it in public_api():
        doc = body_of(it)
        first = doc.strip().splitlines()[0] if doc.strip() else ""
        if len(first) < MIN_SUMMARY:
            missing.append(it.qualname)
    assert not missing, f"{len(missing)} public objects without a docstring:\n" + "\n".join(missing)


def test_every_public_callable_has_a_signature():
    bad = []
    for it in public_api():
        if it.is_property:
            continue
        try:
            signature_of(it)
        except (ValueError, TypeError) as e:
            bad.append(f"{it.qualname}: {e}")
    assert not bad, f"{len(bad)} public callables without a valid signature:\n" + "\n".join(bad)


def _named_params(sig):
    return [p for p in sig.parameters.values() if p.name not in ("self", "cls")]


def test_every_argument_and_the_result_are_described():
    # each parameter's name appears in the text, and functions and methods say what they return
    bad = []
    for it in public_api():
        if it.is_property:
            continue
        try:
            sig = signature_of(it)
        except (ValueError, TypeError):
            continue  # reported by test_every_public_callable_has_a_signature
        doc = body_of(it)
        for p in _named_params(sig):
            if not re.search(r"\b" + re.escape(p.name) + r"\b", doc):
                bad.append(f"{it.qualname}: argument {p.name!r} not described")
        if not it.is_class and not re.search(r"^Returns?\b", doc, re.M):
            bad.append(f"{it.qualname}: no 'Returns' paragraph")
    assert not bad, f"{len(bad)} problems:\n" + "\n".join(bad)


def test_methods_take_self_first():
    bad = []
    for it in public_api():
        if it.owner is None or it.is_property or it.is_class:
            continue
        if isinstance(it.raw, (staticmethod, classmethod)) or type(it.raw).__name__ == "classmethod_descriptor":
            continue
        params = list(inspect.signature(it.user).parameters.values()) if _has_sig(it) else []
        if not params or params[0].name != "self":
            bad.append(it.qualname)
    assert not bad, "instance methods whose signature does not start with self:\n" + "\n".join(bad)


def _has_sig(it):
    try:
        signature_of(it)
        return True
    except (ValueError, TypeError):
        return False


def test_class_and_bound_method_signatures_drop_self():
    assert str(inspect.signature(cq.Workplane)) == "(inPlane='XY', origin=(0, 0, 0), obj=None)"
    sig = inspect.signature(cq.Workplane.hole)
    assert list(sig.parameters) == ["self", "diameter", "depth", "clean"]
    assert sig.parameters["depth"].default is None and sig.parameters["clean"].default is True
    bound = inspect.signature(cq.Workplane().hole)
    assert list(bound.parameters) == ["diameter", "depth", "clean"]
    assert list(inspect.signature(cq.Vector(1, 2, 3).cross).parameters) == ["v"]


def test_help_renders_the_docstring():
    text = pydoc.render_doc(cq.Workplane.hole, renderer=pydoc.plaintext)
    assert "hole(self, /, diameter, depth=None, clean=True)" in text
    assert "diameter" in text and "Returns" in text
    whole = pydoc.render_doc(cq.Workplane, renderer=pydoc.plaintext)
    assert "extrude(" in whole and "cboreHole(" in whole
