"""rewrite.py: rewrites the import lines of a copy of CadQuery's tests/ so that each imported
name resolves where our `cadquery` module holds it (scripts/cadquery-suite.sh runs it).

Only import statements change; every other line stays as CadQuery wrote it, and each rewritten
statement keeps its line numbers (the replacement is one line, padded with blank lines), so
tracebacks point at CadQuery's own lines. The rules, applied to every `import`/`from ... import`
statement in tests/*.py (module level and inside functions):

 1. `from cadquery[.SUB] import NAME [as ALIAS]`: ALIAS = resolve.name("cadquery[.SUB]", "NAME"):
    the attribute of cadquery.SUB if that module imports and holds it, else the submodule
    cadquery.SUB.NAME, else the same name held by `cadquery` or any cadquery.* module, else a
    placeholder that raises resolve.MissingName when called or read (so only the tests that use a
    missing name fail, not the whole file).
 2. `from cadquery[.SUB] import *`: the public names of cadquery.SUB if it imports, else of cadquery.
 3. `import cadquery.SUB as ALIAS`: ALIAS = the module, else a placeholder module.
    (`import cadquery` and `import cadquery as cq` stay as they are.)
 4. `from OCP.X import NAME` and `import OCP`: placeholders (our module has no OCP; the tests that
    use OCP objects are left out, excluded.txt).
 5. Anything else (the standard library, pytest, numpy, ezdxf, `from tests import`, relative
    imports) stays as it is.

usage: python3 rewrite.py TESTS_DIR
"""
import ast
import sys
from pathlib import Path

R = "__import__('cq_suite_resolve')"


def is_ours(module):
    root = (module or "").split(".")[0]
    return root in ("cadquery", "OCP")


def replacement(node):
    """The one-line replacement of an import statement, or None to keep it."""
    if isinstance(node, ast.ImportFrom):
        if node.level or not is_ours(node.module):
            return None
        kind = "ocp" if node.module.split(".")[0] == "OCP" else "name"
        parts = []
        for a in node.names:
            if a.name == "*":
                parts.append(f"{R}.star({node.module!r}, globals())")
            else:
                parts.append(f"{a.asname or a.name} = {R}.{kind}({node.module!r}, {a.name!r})")
        return "; ".join(parts)
    if isinstance(node, ast.Import):
        parts = []
        changed = False
        for a in node.names:
            root = a.name.split(".")[0]
            if root == "OCP":
                changed = True
                parts.append(f"{a.asname or root} = {R}.ocp({a.name!r}, None)")
            elif root == "cadquery" and a.name != "cadquery":
                changed = True
                if a.asname:
                    parts.append(f"{a.asname} = {R}.module({a.name!r})")
                else:
                    parts.append(f"{R}.module({a.name!r}); import cadquery")
            else:
                parts.append(f"import {a.name}" + (f" as {a.asname}" if a.asname else ""))
        return "; ".join(parts) if changed else None
    return None


def rewrite_source(text):
    lines = text.splitlines(keepends=True)
    edits = []
    for node in ast.walk(ast.parse(text)):
        new = replacement(node) if isinstance(node, (ast.Import, ast.ImportFrom)) else None
        if new is not None:
            edits.append((node.lineno, node.end_lineno, node.col_offset, new))
    for start, end, col, new in sorted(edits, reverse=True):
        indent = lines[start - 1][:col]
        block = [indent + new + "\n"] + ["\n"] * (end - start)
        lines[start - 1:end] = block
    return "".join(lines), len(edits)


def main():
    tests = Path(sys.argv[1])
    for path in sorted(tests.glob("*.py")):
        text, n = rewrite_source(path.read_text())
        path.write_text(text)
        print(f"rewrite: {path.name}: {n} import statement(s)")


if __name__ == "__main__":
    main()
