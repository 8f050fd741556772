"""Operation coverage of the generated corpus, read with Python's ast module: every operation
family of issue 14 in >= 1% of programs, about 20 Workplane steps per program, only the imports
CadQuery programs of the dataset use. The analyser itself is checked on hand-written snippets."""
import ast
import statistics

import synth_ops


def test_analyser_on_known_snippets():
    code = (
        "import cadquery as cq\nangle = 90.0\npts = []\nfor i in range(3):\n    pts.append((i, 0))\n"
        "path = cq.Workplane('XZ').spline([(0, 0), (1, 2)])\narc = cq.Workplane('XZ').threePointArc((1, 1), (2, 0))\n"
        "a = cq.Workplane('XY').box(1, 1, 1).faces('>Z or <Z').workplane(offset=1).pushPoints(pts).hole(1)\n"
        "b = cq.Workplane('XY').circle(1).sweep(path)\nc = cq.Workplane('XY').circle(1).sweep(arc)\n"
        "d = cq.Workplane('XZ').rect(1, 1).revolve(angle)\ne = cq.Workplane('XZ').rect(1, 1).revolve()\n"
        "result = a.union(b).extrude(2, taper=5)\n"
    )
    ops, steps = synth_ops.analyse(code)
    for op in ("compound_selector", "workplane_offset", "loop_pushPoints", "sweep_spline", "sweep_arc",
               "revolve_full", "revolve_partial", "extrude_taper", "hole", "union", "result"):
        assert op in ops, op
    assert "cskHole" not in ops and "transformed_rotate" not in ops and "shell" not in ops
    assert steps == 24
    ops2, _ = synth_ops.analyse("import cadquery as cq\nr = cq.Workplane().pushPoints([(0, 0)]).revolve(360.0)\n")
    assert "loop_pushPoints" not in ops2 and "revolve_full" in ops2 and "revolve_partial" not in ops2


def test_every_operation_in_at_least_one_percent(checked):
    folder, rows, _results = checked
    counts = {op: 0 for op in synth_ops.ALL_OPS}
    steps = []
    for idx, _fam, _cat, _key in rows:
        ops, n = synth_ops.analyse((folder / (idx + ".py")).read_text())
        steps.append(n)
        for op in ops:
            counts[op] = counts.get(op, 0) + 1
    total = len(rows)
    print("\noperation coverage over %d programs:" % total)
    for op in sorted(counts, key=lambda k: counts[k]):
        print("  %-20s %5.1f%%" % (op, 100.0 * counts[op] / total))
    print("Workplane steps: mean %.1f, median %.1f" % (statistics.mean(steps), statistics.median(steps)))
    low = [op for op, n in counts.items() if n < 0.01 * total]
    assert not low, f"operations under 1%: {low}"
    assert counts["result"] == total
    assert 15 <= statistics.mean(steps) <= 40


def test_only_dataset_imports(checked):
    folder, rows, _results = checked
    allowed = {"cadquery", "math", "types"}
    for idx, _fam, _cat, _key in rows:
        tree = ast.parse((folder / (idx + ".py")).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert {a.name for a in node.names} <= allowed, idx
            elif isinstance(node, ast.ImportFrom):
                assert node.module in allowed, idx
