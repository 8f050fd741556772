"""Calls every documented callable of `cadquery` with its signature's parameter names and reports
the calls that the C argument parser rejects for a reason of names or counts (an unknown keyword,
a missing required argument, too many positional arguments). Values are a sentinel object, so most
calls then fail converting it (TypeError "must be real number"), which is expected and ignored:
what is checked is that the names and the number of arguments in the docstring's signature are
the ones the function accepts. Run as a script (a crash must not take the pytest process down);
prints one JSON list of problems."""
import inspect
import json
import re
import sys

import cadquery as cq

from api_walk import public_api, signature_of

NAME_ERRORS = re.compile(
    r"keyword argument|missing required argument|required positional argument|"
    r"takes no keyword|given by name and position|takes (at most|at least|exactly|no arguments)|takes \d+ to \d+ arguments|"
    r"expected (at most|at least|\d+) arguments?|positional arguments? but|takes \d+ positional")
# With *args in the signature the call passes no positional values, so only keyword problems count.
KEYWORD_ERRORS = re.compile(r"keyword argument|takes no keyword|given by name and position")


class Sentinel:
    """A value no parser accepts as a number, string or shape."""

    def __repr__(self):
        return "<sentinel>"


def instances():
    """One instance per class whose methods are checked."""
    box = cq.Workplane().box(2, 2, 2)
    solid = box.val()
    face = solid.Faces()[0]
    wire = face.outerWire()
    edge = wire.Edges()[0]
    out = {
        cq.Workplane: lambda: cq.Workplane().box(2, 2, 2),
        cq.CQContext: lambda: cq.Workplane().ctx,
        cq.Sketch: lambda: cq.Sketch().rect(2, 2),
        cq.Shape: lambda: solid, cq.Solid: lambda: solid, cq.Face: lambda: face,
        cq.Wire: lambda: wire, cq.Edge: lambda: edge, cq.Vertex: lambda: solid.Vertices()[0],
        cq.Shell: lambda: solid.Shells()[0], cq.Compound: lambda: cq.Compound.makeCompound([solid]),
        cq.CompSolid: lambda: solid, cq.Mixin1D: lambda: edge,
        cq.Vector: lambda: cq.Vector(1, 2, 3), cq.Plane: lambda: cq.Plane.XY(),
        cq.Location: lambda: cq.Location(), cq.Matrix: lambda: cq.Matrix(),
        cq.BoundBox: lambda: solid.BoundingBox(), cq.Assembly: lambda: cq.Assembly(),
        cq.Color: lambda: cq.Color(),
        cq.utils.multidispatch: lambda: cq.utils.multidispatch(lambda x: x),
    }
    gi = cq.cqgi
    for name in ("BuildResult", "ScriptMetadata", "InputParameter", "ScriptCallback", "EnvironmentBuilder"):
        out[getattr(gi, name)] = getattr(gi, name)
    out[gi.CQModel] = lambda: gi.CQModel("size = 2\nshow_object(cq.Workplane().box(size, 1, 1))\n")
    return out


def selector_args():
    """Constructor arguments of each selector class, by name."""
    z = cq.selectors.StringSyntaxSelector(">Z")
    d = (0, 0, 1)
    return {
        "Selector": (), "NearestToPointSelector": ((0, 0, 0),), "BoxSelector": ((0, 0, 0), (1, 1, 1)),
        "BaseDirSelector": (d,), "ParallelDirSelector": (d,), "DirectionSelector": (d,),
        "PerpendicularDirSelector": (d,), "TypeSelector": ("PLANE",), "RadiusNthSelector": (0,),
        "CenterNthSelector": (d, 0), "DirectionMinMaxSelector": (d,), "DirectionNthSelector": (d, 0),
        "LengthNthSelector": (0,), "AreaNthSelector": (0,), "BinarySelector": (z, z),
        "AndSelector": (z, z), "SumSelector": (z, z), "SubtractSelector": (z, z),
        "InverseSelector": (z,), "StringSyntaxSelector": (">Z",),
    }


def instance_for(item, factories):
    """An instance of the item's class to call the method on, or None when none is known."""
    if issubclass(item.owner, cq.Selector):
        args = selector_args().get(item.owner.__name__)
        return None if args is None else item.owner(*args)
    for cls in item.owner.__mro__:
        if cls in factories:
            return factories[cls]()
    return None


def call_args(sig, skip_first):
    pos, kw = [], {}
    params = list(sig.parameters.values())[1 if skip_first else 0:]
    for p in params:
        if p.kind == p.POSITIONAL_ONLY:
            pos.append(Sentinel())
        elif p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
            kw[p.name] = Sentinel()
    return pos, kw


def check(item, factories, problems):
    if item.is_property or item.is_class and issubclass(item.raw, BaseException):
        return
    try:
        sig = signature_of(item)
    except (ValueError, TypeError):
        return  # reported by test_docstrings
    func = item.user
    bound_self = None
    is_instance_method = (item.owner is not None and not item.is_class and
                          next(iter(sig.parameters), None) == "self")
    if is_instance_method:
        bound_self = instance_for(item, factories)
        if bound_self is None:
            problems.append(f"{item.qualname}: no instance to call it on (add one to kwcheck.instances)")
            return
    pos, kw = call_args(sig, is_instance_method)
    try:
        if is_instance_method:
            func(bound_self, *pos, **kw)
        else:
            func(*pos, **kw)
    except Exception as e:  # noqa: BLE001 - only the argument parser's errors matter
        msg = str(e)
        varargs = any(p.kind == p.VAR_POSITIONAL for p in sig.parameters.values())
        pattern = KEYWORD_ERRORS if varargs else NAME_ERRORS
        if isinstance(e, TypeError) and pattern.search(msg):
            problems.append(f"{item.qualname}{sig}: {msg}")


def main():
    factories = instances()
    problems = []
    for item in public_api():
        check(item, factories, problems)
    print(json.dumps(problems))


if __name__ == "__main__":
    main()
