"""Helpers for the metrics tests: write small CadQuery programs and run `zerocad iou`/`eval`."""
import json
import subprocess


def write_prog(dirpath, name, body):
    """A program file whose `result` is built by body (a CadQuery expression)."""
    p = dirpath / f"{name}.py"
    p.write_text("import cadquery as cq\nresult = " + body + "\n")
    return p


def iou(zerocad, a, b, protocol, *extra):
    """Runs `zerocad iou A B --protocol P --json` and returns the parsed object."""
    r = subprocess.run([zerocad, "iou", str(a), str(b), "--protocol", protocol, "--json", *extra],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1, r.stdout
    return json.loads(lines[0])


def run_cli(zerocad, *args, timeout=300):
    return subprocess.run([zerocad, *[str(a) for a in args]], capture_output=True, text=True, timeout=timeout)


# An asymmetric part (no rotation of the cube maps it onto itself): an L-bracket with an off-centre hole.
BRACKET = ('cq.Workplane("XY").box(30, 20, 6).faces(">Z").workplane().center(8, 3).hole(5)'
           '.union(cq.Workplane("XY").box(6, 20, 18).translate((-12, 0, 12)))')
