"""Calls every documented callable of `cadquery` with its signature's parameter names and reports
the calls that the C argument parser rejects for a reason of names or counts (an unknown keyword,
a missing required argument, too many positional arguments). Values are a sentinel object, so most
calls then fail converting it (TypeError "must be real number"), which is expected and ignored:
what is checked is that the names and the number of arguments in the docstring's signature are
the ones the function accepts. A second call with too many positional values makes the parser
say how many arguments it takes, which must be the number the signature names (a signature that
lacks an optional parameter passes the first check, not this one). Run as a script (a crash must
not take the pytest process down); prints one JSON list of problems."""
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
        cq.CompSolid: lambda: cq.CompSolid(solid), cq.Mixin1D: lambda: edge,
        cq.Vector: lambda: cq.Vector(1, 2, 3), cq.Plane: lambda: cq.Plane.XY(),
        cq.Location: lambda: cq.Location(), cq.Matrix: lambda: cq.Matrix(),
        cq.BoundBox: lambda: solid.BoundingBox(), cq.Assembly: lambda: cq.Assembly(),
        cq.Color: lambda: cq.Color(),
        cq.utils.multidispatch: lambda: cq.utils.multidispatch(lambda x: x),
        cq.Material: lambda: cq.Material("steel"),
        cq.exporters.DxfDocument: lambda: cq.exporters.DxfDocument(),
        cq.func.History: lambda: cq.func.History(),
        cq.func.Op: lambda: cq.func.Op(),
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
        "NearestToShapeSelector": (cq.Vertex.makeVertex(0, 0, 0),),
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
        if isinstance(e, TypeError) and "doesn't apply to" in msg:
            problems.append(f"{item.qualname}: the instance factory made the wrong type: {msg}")
        elif isinstance(e, TypeError) and pattern.search(msg):
            problems.append(f"{item.qualname}{sig}: {msg}")


ARITY = re.compile(r"takes (?:at most|exactly) (\d+) (?:keyword |positional )?arguments? \(\d+ given\)|"
                   r"takes \d+ to (\d+) arguments|takes (exactly one|no) arguments?")
TOO_MANY = 40


def c_arity(func, bound_self):
    """How many arguments the C parser accepts, read from its error for TOO_MANY positional
    values (checked before any value is converted), or None when its message does not say."""
    args = [Sentinel()] * TOO_MANY
    try:
        func(bound_self, *args) if bound_self is not None else func(*args)
    except TypeError as e:
        m = ARITY.search(str(e))
        if m:
            n = m.group(1) or m.group(2)
            return int(n) if n else {"exactly one": 1, "no": 0}[m.group(3)]
    except Exception:  # noqa: BLE001 - another failure says nothing about the count
        return None
    return None


def check_arity(item, factories, problems):
    """The signature names as many parameters as the C parser accepts (catches a signature
    that lacks an optional parameter, which calling by its own names cannot)."""
    if item.is_property or item.is_class:
        return
    try:
        sig = signature_of(item)
    except (ValueError, TypeError):
        return
    params = list(sig.parameters.values())
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
        return
    bound_self = None
    if item.owner is not None and params and params[0].name == "self":
        bound_self = instance_for(item, factories)
        if bound_self is None:
            return  # reported by check()
        params = params[1:]
    n = c_arity(item.user, bound_self)
    if n is None:
        return
    allowed = {len(params)}
    if type(item.raw).__name__ == "instancemethod":
        allowed.add(len(params) + 1)  # some cqgi parsers count self in their kwlist
    if n not in allowed:
        problems.append(f"{item.qualname}{sig}: the C function accepts {n} arguments, "
                        f"the signature names {len(params)}")


def main():
    factories = instances()
    problems = []
    for item in public_api():
        check(item, factories, problems)
        check_arity(item, factories, problems)
    print(json.dumps(problems))


if __name__ == "__main__":
    main()
