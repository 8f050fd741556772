"""Reads a generated program with Python's ast module (never by running it) and names the
operation families it uses, as listed in issue 14: compound selectors, workplane offsets,
transformed(rotate=...), loops feeding pushPoints, the hole kinds, slot2D, rarray/polarArray,
polyline/polygon/threePointArc, mirror, tapered extrude, cutBlind/cutThruAll, full and partial
revolve, loft, sweep along a spline and along an arc, shell, union, cut, fillet, chamfer; and counts
its Workplane steps (calls of Workplane methods written in the code)."""
import ast

SELECTOR_METHODS = {"faces", "edges", "vertices", "wires", "solids", "shells"}
PLAIN_OPS = ["hole", "cboreHole", "cskHole", "slot2D", "rarray", "polarArray", "polyline", "polygon",
             "threePointArc", "mirror", "cutBlind", "cutThruAll", "loft", "shell", "union", "cut",
             "fillet", "chamfer"]
ARC_METHODS = {"threePointArc", "radiusArc", "sagittaArc", "tangentArcPoint", "ellipseArc"}
WORKPLANE_METHODS = {
    "Workplane", "workplane", "transformed", "center", "moveTo", "move", "lineTo", "line", "hLine", "vLine",
    "hLineTo", "vLineTo", "polarLine", "polyline", "close", "threePointArc", "sagittaArc", "radiusArc",
    "tangentArcPoint", "spline", "ellipse", "ellipseArc", "mirrorY", "mirrorX", "offset2D", "rect", "circle",
    "polygon", "slot2D", "box", "sphere", "cylinder", "wedge", "extrude", "cutBlind", "cutThruAll", "hole",
    "cboreHole", "cskHole", "revolve", "loft", "sweep", "twistExtrude", "fillet", "chamfer", "shell", "union",
    "cut", "intersect", "combine", "split", "mirror", "translate", "rotate", "rotateAboutCenter", "pushPoints",
    "rarray", "polarArray", "faces", "edges", "vertices", "wires", "solids", "tag", "workplaneFromTagged",
    "end", "val", "vals", "add", "each", "eachpoint", "toPending", "sketch", "placeSketch", "clean",
}


def _module_numbers(tree):
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, (int, float)):
                out[node.targets[0].id] = float(node.value.value)
    return out


def _assigned_values(tree):
    """{name: [value nodes assigned to it]} over the whole program."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for tgt in node.targets:
                if isinstance(tgt, ast.Name):
                    out.setdefault(tgt.id, []).append(node.value)
    return out


def _method_names(node):
    return {n.func.attr for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}


def _fed_by_loop(arg, tree, assigned):
    if isinstance(arg, (ast.ListComp, ast.GeneratorExp)):
        return True
    if not isinstance(arg, ast.Name):
        return False
    for value in assigned.get(arg.id, []):
        if isinstance(value, (ast.ListComp, ast.GeneratorExp)):
            return True
    for loop in ast.walk(tree):
        if isinstance(loop, ast.For):
            for n in ast.walk(loop):
                if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "append"
                        and isinstance(n.func.value, ast.Name) and n.func.value.id == arg.id):
                    return True
    return False


def _angle(node, numbers):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Name) and node.id in numbers:
        return numbers[node.id]
    return None


def analyse(code):
    """(set of operation family names, number of Workplane steps)."""
    tree = ast.parse(code)
    numbers = _module_numbers(tree)
    assigned = _assigned_values(tree)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)]
    ops = set()
    steps = 0
    for c in calls:
        name = c.func.attr
        kw = {k.arg for k in c.keywords}
        if name in WORKPLANE_METHODS:
            steps += 1
        if name in PLAIN_OPS:
            ops.add(name)
        if name in SELECTOR_METHODS and c.args and isinstance(c.args[0], ast.Constant):
            sel = str(c.args[0].value)
            if any(tok in sel for tok in (" and ", " or ", "not ", " exc ")):
                ops.add("compound_selector")
        if name == "workplane" and "offset" in kw:
            ops.add("workplane_offset")
        if name == "transformed" and "rotate" in kw:
            ops.add("transformed_rotate")
        if name == "pushPoints" and c.args and _fed_by_loop(c.args[0], tree, assigned):
            ops.add("loop_pushPoints")
        if name == "extrude" and "taper" in kw:
            ops.add("extrude_taper")
        if name == "revolve":
            angle = 360.0 if not c.args else _angle(c.args[0], numbers)
            if angle is not None:
                ops.add("revolve_full" if angle % 360 == 0 else "revolve_partial")
        if name == "sweep" and c.args and isinstance(c.args[0], ast.Name):
            for value in assigned.get(c.args[0].id, []):
                methods = _method_names(value)
                if "spline" in methods:
                    ops.add("sweep_spline")
                if methods & ARC_METHODS:
                    ops.add("sweep_arc")
    if any(isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "result" for t in n.targets)
           for n in tree.body):
        ops.add("result")
    return ops, steps


ALL_OPS = sorted(set(PLAIN_OPS) | {"compound_selector", "workplane_offset", "transformed_rotate", "loop_pushPoints",
                                    "extrude_taper", "revolve_full", "revolve_partial", "sweep_spline",
                                    "sweep_arc", "result"})
