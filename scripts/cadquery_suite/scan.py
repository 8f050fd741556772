"""scan.py: proposes the exclusion list for scripts/cadquery-suite.sh.

Reads a CadQuery checkout's tests/ and prints, for each test that touches OCP objects or
CadQuery's private internals (directly, through the fixtures it takes, or through helper
methods of its class and module-level helpers it calls), one line `FILE::[CLASS::]TEST<TAB>reason` in the format of
excluded.txt. The list in excluded.txt is this output, reviewed by hand.

usage: python3 scan.py CHECKOUT/tests FILE.py...
       python3 scan.py --count FILE.py excluded.txt   (tests a file defines, less excluded)
"""
import ast
import sys
from pathlib import Path

# Attributes that hand out OCP objects (or take them) in CadQuery.
OCP_ATTRS = {"wrapped", "toOCC", "_geomAdaptor", "_fromTopoDS", "_make_circle", "_make_ellipse"}
# Underscore members of CadQuery's Python implementation that are not part of its API.
PRIVATE_ATTRS = {
    "_findFromEdge", "_cutFromBase", "_combineWithBase", "_expression_grammar",
    "_solve_result", "_solve_status", "_subshape_names", "_subshape_layers",
    "_subshape_colors", "_getPln", "_dxf_line", "_dxf_circle", "_dxf_ellipse",
    "_dxf_spline", "_selected_faces", "_startPoint", "_endPoint",
}


def ocp_names(tree):
    names = {"OCP"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "OCP":
            names.update(a.asname or a.name for a in node.names)
    return names


def private_imports(tree):
    """Underscore names imported from cadquery modules (private helpers of CadQuery)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "cadquery":
            names.update(a.asname or a.name for a in node.names if a.name.startswith("_"))
    return names


def uses(node, ocp, private=frozenset()):
    """Reasons found in one function body."""
    found = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and n.id in ocp:
            found.add("OCP object " + n.id)
        elif isinstance(n, ast.Name) and n.id in private:
            found.add("private " + n.id)
        elif isinstance(n, ast.Attribute):
            if n.attr in OCP_ATTRS:
                found.add("OCP object ." + n.attr)
            elif n.attr in PRIVATE_ATTRS:
                found.add("private ." + n.attr)
        elif isinstance(n, ast.ImportFrom) and (n.module or "").split(".")[0] == "OCP":
            found.add("OCP import")
    return found


def fixture_names(fn):
    return [a.arg for a in fn.args.args if a.arg != "self"]


def self_calls(fn):
    out = set()
    for n in ast.walk(fn):
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self":
            out.add(n.attr)
    return out


def reasons_of(fn, funcs, methods, ocp, seen):
    if id(fn) in seen:
        return set()
    seen.add(id(fn))
    r = uses(fn, ocp[0], ocp[1])
    called = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)}
    for name in set(fixture_names(fn)) | called:
        if name in funcs:
            r |= reasons_of(funcs[name], funcs, methods, ocp, seen)
    for name in self_calls(fn):
        if name in methods:
            r |= reasons_of(methods[name], funcs, methods, ocp, seen)
    return r


def scan(path):
    tree = ast.parse(path.read_text())
    ocp = (ocp_names(tree), private_imports(tree))
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            yield node.name, reasons_of(node, funcs, {}, ocp, set())
        elif isinstance(node, ast.ClassDef):
            methods = {m.name: m for m in node.body if isinstance(m, ast.FunctionDef)}
            for m in methods.values():
                if m.name.startswith("test"):
                    yield node.name + "::" + m.name, reasons_of(m, funcs, methods, ocp, set())


def count(path, excluded_file):
    """Tests defined in a file (parametrizations not expanded), less the excluded ones."""
    excluded = {l.split("\t")[0].strip() for l in open(excluded_file) if not l.startswith("#")}
    return sum(f"{path.name}::{t}" not in excluded for t, _ in scan(path))


def main():
    if sys.argv[1] == "--count":
        print(count(Path(sys.argv[2]), sys.argv[3]))
        return
    root = Path(sys.argv[1])
    for name in sys.argv[2:]:
        for test, reasons in scan(root / name):
            if reasons:
                print(f"{name}::{test}\t{'; '.join(sorted(reasons))}")


if __name__ == "__main__":
    main()
