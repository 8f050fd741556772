#!/usr/bin/env python3
"""Demo benchmark (issue 17's goal: `make demo` on a fresh clone within 10 minutes on 2 cores,
the build included).

1. `git clone` of the repository's committed HEAD into a temporary folder;
2. `make demo JOBS=2` there (deps, the build from nothing, scripts/demo.sh), timed: wall clock and
   the CPU time (user + system) of everything it ran; the demo's own step times from its log;
3. the retrieval + refinement baseline's figures from the demo's eval summaries (zerocad and
   cadrille protocols): success rate and IoU mean / median / P90, after and before refinement.

The wall time depends on what else the machine runs; the CPU time does not, and CPU / 2 is what
two idle cores would need at best. Both are written, with the machine's load average.

usage: bench_demo.py --repo DIR [--out DIR] [--jobs 2] [--keep DIR]"""
import argparse
import json
import os
import pathlib
import re
import resource
import subprocess
import sys
import tempfile
import time

GOAL_S = 600


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def steps(log):
    """[(command, seconds)] from demo.sh's `demo: $ CMD` / `demo: (N s)` lines."""
    out, cmd = [], None
    for line in log.splitlines():
        m = re.match(r"demo: \$ (.*)", line)
        if m:
            cmd = m.group(1)
        m = re.match(r"demo: \((\d+) s\)", line)
        if m and cmd:
            parts = cmd.split()
            name = " ".join(parts[1:3]) if parts[1] in ("data",) else parts[1] if len(parts) > 1 else cmd
            if name == "eval":
                name += " " + ("cadrille" if "cadrille" in cmd else "zerocad")
            out.append((name, int(m.group(1))))
            cmd = None
    return out


def figures(s):
    keys = ("items", "success_rate", "iou_mean", "iou_median", "iou_p90")
    return {k: s.get(k) for k in keys}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", required=True)
    ap.add_argument("--out", default="bench/results")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="run in this folder and keep it (default: a temporary folder)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(a.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        clone = work / "clone"
        subprocess.run(["git", "clone", "--quiet", a.repo, str(clone)], check=True)
        head = subprocess.run(["git", "-C", str(clone), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        env = dict(os.environ, JOBS=str(a.jobs))
        env.pop("MODEL", None)
        cpu0, t0 = cpu_children(), time.perf_counter()
        res = subprocess.run(["make", "-C", str(clone), "demo", f"JOBS={a.jobs}"], capture_output=True, text=True,
                             env=env)
        wall, cpu = time.perf_counter() - t0, cpu_children() - cpu0
        if res.returncode != 0:
            sys.exit(f"bench_demo: make demo failed:\n{res.stderr[-3000:]}")
        m = re.search(r"demo: done in (\d+) s", res.stderr)
        pipeline = int(m.group(1)) if m else None
        demo_out = clone / "demo-out"
        evals = {p: json.loads((demo_out / f"eval-{p}.json").read_text()) for p in ("zerocad", "cadrille")}
        preds = [json.loads(x) for x in (demo_out / "pred.jsonl").read_text().splitlines()]
    load = os.getloadavg()
    evals_per_row = [p.get("refine_evals", 0) for p in preds]
    result = {
        "commit": head, "jobs": a.jobs, "cores": os.cpu_count(), "load_average_1m": round(load[0], 2),
        "make_demo_wall_s": round(wall, 1), "make_demo_cpu_s": round(cpu, 1),
        "build_and_deps_wall_s": round(wall - pipeline, 1) if pipeline is not None else None,
        "pipeline_wall_s": pipeline, "two_idle_cores_estimate_s": round(cpu / a.jobs, 1), "goal_s": GOAL_S,
        "steps": steps(res.stderr), "test_rows": len(preds),
        "refine_runs_total": sum(evals_per_row), "refine_runs_max": max(evals_per_row) if preds else 0,
        "baseline": {p: {"refined": figures(s), "before_refinement": figures(s.get("before", {}))}
                     for p, s in evals.items()},
    }
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "demo.json").write_text(json.dumps(result, indent=2) + "\n")
    md = ["### Demo (`bench/demo`)", "",
          f"`make demo JOBS={a.jobs}` on a fresh clone (commit {head}; deps check, build from nothing, "
          f"then scripts/demo.sh), {os.cpu_count()} cores, load average {load[0]:.1f} at the end.", "",
          "| measure | value |", "|---|---:|",
          f"| `make demo`, wall clock | {wall:.0f} s (goal <= {GOAL_S} s) |",
          f"| of which the build (and deps check) | {result['build_and_deps_wall_s']} s |",
          f"| of which the pipeline (scripts/demo.sh) | {pipeline} s |",
          f"| CPU time (user + system), all of it | {cpu:.0f} s |",
          f"| CPU time / {a.jobs} (two idle cores at best) | {cpu / a.jobs:.0f} s |",
          f"| refinement runs (test rows; most per row) | {sum(evals_per_row)} ({len(preds)}; "
          f"{result['refine_runs_max']}) |"]
    md += [f"| step: {name} | {sec} s |" for name, sec in result["steps"]]
    (out / "demo.md").write_text("\n".join(md) + "\n")
    (out / "baseline.json").write_text(json.dumps(result["baseline"], indent=2) + "\n")
    rows = ["### Embedded reconstructor baseline (retrieval + refinement, no weights)", "",
            f"`make demo` test split: {len(preds)} rows (`zerocad synth --seed 2`), training library 200 rows "
            "(`--seed 1`), `-k 4`, refinement budget as in scripts/demo.sh; `zerocad eval` (commit "
            f"{head}).", "",
            "| Reconstructor | Protocol | Items | Success rate | Mean IoU | Median IoU | P90 IoU |",
            "|---|---|---:|---:|---:|---:|---:|"]
    for p in ("zerocad", "cadrille"):
        for label, key in (("retrieval", "before_refinement"), ("retrieval + refinement", "refined")):
            f = result["baseline"][p][key]
            cell = lambda v, pct=False: "-" if v is None else (f"{100 * v:.1f}%" if pct else f"{v:.3f}")
            rows.append(f"| {label} | {p} | {f['items']} | {cell(f['success_rate'], True)} | {cell(f['iou_mean'])} | "
                        f"{cell(f['iou_median'])} | {cell(f['iou_p90'])} |")
    (out / "baseline.md").write_text("\n".join(rows) + "\n")
    print((out / "demo.md").read_text())
    print((out / "baseline.md").read_text())


if __name__ == "__main__":
    main()
