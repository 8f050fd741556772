"""Runs generated programs through our cadquery module and applies the paper's validation,
computed here independently of the generator: the code executes; `result` holds exactly one
solid with one shell; BRepCheck says it is valid; it has >= 7 faces; STEP and STL export
succeed (the STEP file has its ISO-10303-21 header, the binary STL's triangle count matches
its size). Each program runs in a fresh namespace in a worker process (recycled often: OCCT
state and leaks stay contained).

As a script: synth_check.py DIR [-j N]  (DIR from synth_dump --out) prints the per-family
table and the acceptance rate."""
import subprocess
import multiprocessing
import os
import pathlib
import struct
import sys
import tempfile

MIN_FACES = 7


def _stl_triangles(path):
    data = pathlib.Path(path).read_bytes()
    if len(data) < 84:
        return -1
    (n,) = struct.unpack_from("<I", data, 80)
    return n if len(data) == 84 + 50 * n else -1


def check_code(code):
    """(reason, faces): reason is "ok" or why the program is rejected."""
    import cadquery as cq

    ns = {"__name__": "__main__"}
    try:
        exec(compile(code, "<program>", "exec"), ns)
    except Exception as e:  # the program's own failure, by type
        return "exec:" + type(e).__name__, 0
    res = ns.get("result")
    if res is None:
        return "no result", 0
    try:
        if isinstance(res, cq.Workplane):
            shape = cq.Compound.makeCompound(res.vals())
        else:
            shape = res
        solids = shape.Solids()
        if len(solids) != 1:
            return "solids=%d" % len(solids), 0
        solid = solids[0]
        if len(solid.Shells()) != 1:
            return "shells=%d" % len(solid.Shells()), 0
        faces = len(solid.Faces())
        if not solid.isValid():
            return "invalid", faces
        if faces < MIN_FACES:
            return "faces<7", faces
        with tempfile.TemporaryDirectory() as d:
            step = os.path.join(d, "p.step")
            stl = os.path.join(d, "p.stl")
            cq.exporters.export(solid, step)
            cq.exporters.export(solid, stl)
            if not pathlib.Path(step).read_bytes().startswith(b"ISO-10303-21"):
                return "step export", faces
            if _stl_triangles(stl) <= 0:
                return "stl export", faces
        return "ok", faces
    except Exception as e:
        return "check:" + type(e).__name__, 0


def _check_file(path):
    return str(path), check_code(pathlib.Path(path).read_text(encoding="utf-8"))


def check_files(paths, jobs=2, progress=False):
    """{path: (reason, faces)} for every program file."""
    # spawn, not fork: the pytest process may hold threads (OpenBLAS, OCCT) whose locks a forked
    # child would inherit held (a child then waits on them for ever)
    ctx = multiprocessing.get_context("spawn")
    out = {}
    with ctx.Pool(jobs, maxtasksperchild=8) as pool:
        for path, res in pool.imap_unordered(_check_file, [str(p) for p in paths], chunksize=1):
            out[path] = res
            if progress and len(out) % 100 == 0:
                print("checked %d/%d" % (len(out), len(paths)), file=sys.stderr, flush=True)
    return out


def read_manifest(folder):
    """[(index, family, category, key)] from synth_dump's manifest.tsv."""
    rows = []
    for line in (pathlib.Path(folder) / "manifest.tsv").read_text().splitlines():
        idx, fam, cat, key = line.split("\t")
        rows.append((idx, fam, cat, key))
    return rows


def family_table(folder, results):
    """{family: [total, accepted, {reason: count}]}"""
    table = {}
    for idx, fam, _cat, _key in read_manifest(folder):
        reason, _faces = results[str(pathlib.Path(folder) / (idx + ".py"))]
        row = table.setdefault(fam, [0, 0, {}])
        row[0] += 1
        if reason == "ok":
            row[1] += 1
        else:
            row[2][reason] = row[2].get(reason, 0) + 1
    return table


def format_table(table):
    lines = ["%-24s %6s %6s  %s" % ("family", "total", "ok%", "failures")]
    for fam in sorted(table):
        total, ok, fails = table[fam]
        why = ", ".join("%s x%d" % kv for kv in sorted(fails.items()))
        lines.append("%-24s %6d %5.1f%%  %s" % (fam, total, 100.0 * ok / total, why))
    total = sum(r[0] for r in table.values())
    ok = sum(r[1] for r in table.values())
    lines.append("%-24s %6d %5.1f%%" % ("ALL", total, 100.0 * ok / max(total, 1)))
    return "\n".join(lines)


def main(argv):
    folder = argv[1]
    jobs = int(argv[3]) if len(argv) > 3 and argv[2] == "-j" else 2
    paths = sorted(pathlib.Path(folder).glob("*.py"))
    results = check_files(paths, jobs, progress=True)
    print(format_table(family_table(folder, results)))
    faces = sorted(f for r, f in results.values() if r == "ok")
    if faces:
        print("faces of accepted parts: min %d, median %d, max %d; >= 50 faces: %d, >= 100: %d"
              % (faces[0], faces[len(faces) // 2], faces[-1], sum(f >= 50 for f in faces),
                 sum(f >= 100 for f in faces)))
    bad = [(p, r) for p, r in sorted(results.items()) if r[0] != "ok"]
    for p, r in bad[:40]:
        print("reject", p, r[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))


CHECK_SEED = 2024
CHECK_COUNT = 330


def dump(tool, folder, seed, count, start=0, categories=None):
    cmd = [tool, "--seed", str(seed), "--start", str(start), "--count", str(count), "--out", str(folder)]
    if categories:
        cmd += ["--categories", categories]
    subprocess.run(cmd, check=True)
    return folder
