#!/usr/bin/env python3
"""Data engine benchmark (issue goals as ratios measured in one run):

1. Engine overhead: `zerocad synth -n N -j J` accepted rows/s, against the baseline of the same
   programs (the accepted rows' code, exported with `zerocad data export`) run by `zerocad exec -j J`
   plus `zerocad render` of each program (8 views): rows/s of exec + render. Goal: >= 0.8x.
2. Quality of the rows made: acceptance (goal >= 90%), share of accepted rows geometrically
   unique (accepted / (accepted + duplicate shape), goal >= 99%), share of rows using each
   operation family of the issue (goal >= 1% each), faces spread (min, median, max, share >= 50),
   median program length in lines (the dataset's: ~22 workplane steps; we report lines and calls).

usage: bench_synth.py --zerocad BIN [--rows N] [--jobs J] [--seed S] [--out DIR]"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

FAMILIES = {   # operation family -> op names that count for it
    "selectors": ["faces", "edges", "vertices"], "workplane offset/transformed": ["transformed"],
    "pushPoints": ["pushPoints"], "hole": ["hole"], "cboreHole": ["cboreHole"], "cskHole": ["cskHole"],
    "slot2D": ["slot2D"], "rarray": ["rarray"], "polarArray": ["polarArray"], "polyline": ["polyline"],
    "polygon": ["polygon"], "threePointArc": ["threePointArc"], "mirror": ["mirror", "mirrorX", "mirrorY"],
    "extrude": ["extrude"], "cutBlind": ["cutBlind"], "cutThruAll": ["cutThruAll"], "revolve": ["revolve"],
    "loft": ["loft"], "sweep": ["sweep"], "spline": ["spline"], "shell": ["shell"], "union": ["union"],
    "cut": ["cut"], "fillet": ["fillet"], "chamfer": ["chamfer"],
}


def run(cmd, **kw):
    t0 = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if res.returncode != 0:
        sys.exit(f"bench_synth: {' '.join(map(str, cmd))} failed:\n{res.stderr[-2000:]}")
    return time.perf_counter() - t0, res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zerocad", required=True)
    ap.add_argument("--rows", type=int, default=int(os.environ.get("ZC_BENCH_SYNTH_ROWS", "120")))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="bench/results")
    a = ap.parse_args()
    zc = a.zerocad
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        ds = tmp / "ds"
        t_synth, _ = run([zc, "synth", "-n", str(a.rows), "-o", str(ds), "--seed", str(a.seed), "-j", str(a.jobs)])
        stats = json.loads((ds / "synth-stats.json").read_text())
        _, st = run([zc, "data", "stats", str(ds), "--json"])
        dstats = json.loads(st.stdout)
        run([zc, "data", "export", str(ds), "--rows", f"0:{a.rows}", "-o", str(tmp / "rows")])
        progs = tmp / "progs"
        progs.mkdir()
        for d in sorted((tmp / "rows").iterdir()):
            (progs / f"{d.name}.py").write_text((d / "program.py").read_text())
        t_exec, _ = run([zc, "exec", str(progs), "-o", str(tmp / "r.jsonl"), "-j", str(a.jobs)])
        t_render = 0.0
        for p in sorted(progs.iterdir()):
            dt, _ = run([zc, "render", str(p), "-o", str(tmp / "views")])
            t_render += dt
        faces = []
        for d in sorted((tmp / "rows").iterdir()):
            faces.append(json.loads((d / "meta.json").read_text())["num_faces"])
    rows = stats["accepted"]
    engine_rate = rows / t_synth
    base_rate = rows / (t_exec + t_render / a.jobs)   # render spread over the same cores
    dup_shape = stats["rejected"].get("duplicate shape", 0)
    ops_rows = {k: v["rows"] for k, v in dstats["ops"].items()}
    fam = {name: max((ops_rows.get(o, 0) for o in ops), default=0) / rows for name, ops in FAMILIES.items()}
    faces.sort()
    result = {
        "rows": rows, "programs": stats["programs"], "jobs": a.jobs, "seed": a.seed,
        "synth_seconds": t_synth, "engine_rows_per_s": engine_rate,
        "exec_seconds": t_exec, "render_seconds_total": t_render, "baseline_rows_per_s": base_rate,
        "engine_over_baseline": engine_rate / base_rate,
        "acceptance": stats["acceptance"], "rejected": stats["rejected"],
        "geometrically_unique": rows / (rows + dup_shape),
        "op_family_share": fam, "faces_min": faces[0], "faces_median": faces[len(faces) // 2],
        "faces_max": faces[-1], "share_faces_ge_50": sum(f >= 50 for f in faces) / rows,
        "median_code_lines": dstats["median_code_lines"], "median_ops_count": dstats["median_ops_count"],
    }
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "synth.json").write_text(json.dumps(result, indent=2) + "\n")
    low = [k for k, v in fam.items() if v < 0.01]
    md = [
        "### Data engine (`bench/synth`)", "",
        f"`zerocad synth -n {rows} --seed {a.seed} -j {a.jobs}` ({stats['programs']} programs) against "
        f"`zerocad exec -j {a.jobs}` + `zerocad render` of the same {rows} programs, same run.", "",
        "| measure | value |", "|---|---:|",
        f"| engine: accepted rows/s | {engine_rate:.2f} |",
        f"| baseline: exec + render rows/s | {base_rate:.2f} |",
        f"| engine / baseline | {engine_rate / base_rate:.2f}x (goal >= 0.8x) |",
        f"| acceptance | {100 * stats['acceptance']:.1f}% (goal >= 90%) |",
        f"| geometrically unique accepted rows | {100 * result['geometrically_unique']:.1f}% (goal >= 99%) |",
        f"| operation families below 1% of rows | {', '.join(low) if low else 'none'} (of {len(FAMILIES)}) |",
        f"| faces min / median / max; share >= 50 | {faces[0]} / {faces[len(faces) // 2]} / {faces[-1]}; "
        f"{100 * result['share_faces_ge_50']:.0f}% |",
        f"| median program: lines / CadQuery calls | {dstats['median_code_lines']:.0f} / "
        f"{dstats['median_ops_count']:.0f} |",
    ]
    (out / "synth.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
