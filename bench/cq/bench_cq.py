"""Benchmark of the CAD environment (issue 3).

1. Every shared-corpus program executed in one process through the cadquery extension
   (median of R runs each), against the same geometric operations called directly through
   src/kernel from C (bench_kernel_corpus) for the programs that tool replays: the ratio shows
   what the Python-facing module costs over the bare kernel (goal <= 1.2x).
2. `zerocad run` whole-process time for a one-box program, against the baseline of starting
   Debian's python3 and importing the extension doing the same box, in the same invocation.
Writes <out>/cq.json and <out>/cq.md.
"""
import argparse
import contextlib
import io
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "programs"


def time_in_process(reps):
    import cadquery  # noqa: F401  (the extension, from PYTHONPATH)
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        for prog in sorted(CORPUS.glob("*.py")):
            code = compile(prog.read_text(), str(prog), "exec")
            times = []
            for _ in range(reps):
                ns = {"__name__": "__main__"}
                t0 = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(code, ns)
                times.append((time.perf_counter() - t0) * 1e3)
            out[prog.name] = statistics.median(times)
        os.chdir(ROOT)
    return out


def time_kernel(build, reps):
    exe = pathlib.Path(build) / "bench" / "kernel" / "bench_kernel_corpus"
    if not exe.exists():
        sys.exit(f"bench_cq: {exe} not built")
    res = subprocess.run([str(exe), str(reps)], capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    return {r["program"]: r["ms"] for r in rows}


def time_process(argv, reps, cwd):
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        subprocess.run(argv, cwd=cwd, check=True, capture_output=True)
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--zerocad", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--out", default="bench/results")
    ap.add_argument("--reps", type=int, default=5)
    a = ap.parse_args()

    inproc = time_in_process(a.reps)
    kernel = time_kernel(a.build, max(a.reps, 5))
    pairs = []
    for name, kms in sorted(kernel.items()):
        match = [p for p in inproc if p.startswith(name) or p.split("_")[0] == name.split("_")[0]]
        if match:
            pairs.append((match[0], inproc[match[0]], kms))
    ratio = sum(p[1] for p in pairs) / sum(p[2] for p in pairs) if pairs else float("nan")

    with tempfile.TemporaryDirectory() as tmp:
        box = pathlib.Path(tmp) / "box.py"
        box.write_text("import cadquery as cq\nresult = cq.Workplane().box(1, 2, 3)\n")
        run_ms = time_process([a.zerocad, "run", str(box)], 10, tmp)
        env_py = [sys.executable, "-c",
                  "import cadquery as cq; cq.Workplane().box(1, 2, 3).val().Volume()"]
        py_ms = time_process(env_py, 10, tmp)

    total = sum(inproc.values())
    res = {
        "corpus_programs": len(inproc),
        "corpus_total_ms_in_process": total,
        "corpus_programs_per_s_in_process": len(inproc) / (total / 1e3),
        "per_program_ms": inproc,
        "kernel_direct_ms": kernel,
        "module_over_kernel_ratio": ratio,
        "module_over_kernel_pairs": [{"program": p, "module_ms": m, "kernel_ms": k} for p, m, k in pairs],
        "zerocad_run_box_ms": run_ms,
        "python3_import_box_ms": py_ms,
        "zerocad_run_over_python3_ratio": run_ms / py_ms,
    }
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "cq.json").write_text(json.dumps(res, indent=1) + "\n")
    lines = [
        "### CAD environment (`bench/cq`)",
        "",
        "| measure | value |",
        "|---|---|",
        f"| shared corpus, {len(inproc)} programs in one process | {total:.0f} ms total, "
        f"{res['corpus_programs_per_s_in_process']:.1f} programs/s |",
        f"| module time / direct kernel calls ({len(pairs)} programs: "
        f"{', '.join(p[0].split('_')[0] for p in pairs)}) | {ratio:.2f}x (goal <= 1.2x) |",
        f"| `zerocad run` one box, whole process | {run_ms:.0f} ms |",
        f"| baseline: python3 + extension, same box | {py_ms:.0f} ms "
        f"(zerocad run = {res['zerocad_run_over_python3_ratio']:.2f}x) |",
    ]
    (out / "cq.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
