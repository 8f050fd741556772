#!/usr/bin/env python3
"""LLM agent benchmark (issue 15's goal: engine overhead per LLM call <= 1 ms median, 256
requests in flight on one core without the overhead growing).

A local server (tests/synth_llm/fake_llm.py, threads) answers every code request at once with a
lookup_documentation tool call, so each job makes max-tool-calls + 1 requests and no program
reaches the sandbox: what is measured is the agent's own work per answer (parse, state writes,
the tool's answer, the next request's body), as `zerocad synth` reports it (median of the time
spent in our callbacks per answer), and the whole process's CPU time per call (libcurl and
SQLite included), with 1 and 256 requests in flight.

usage: bench_synth_llm.py --zerocad BIN [--jobs N] [--out DIR]"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tests" / "synth_llm"))
from fake_llm import FakeLLM, calls_message, tool_call  # noqa: E402

TOOL_CALLS = 4


def script(req, hit):
    return ("message", calls_message(tool_call("c", "lookup_documentation", {"name": "Workplane.box"})))


def measure(zerocad, jobs, in_flight, tmp):
    server = FakeLLM(script)
    descs = pathlib.Path(tmp) / f"descs-{in_flight}.txt"
    descs.write_text("".join(f"Benchmark part number {i}\n" for i in range(jobs)))
    out = pathlib.Path(tmp) / f"out-{in_flight}"
    cmd = [zerocad, "synth", "--llm", server.url, "--model", "bench", "-n", str(jobs), "-o", str(out),
           "--descriptions", str(descs), "--in-flight", str(in_flight), "--max-tool-calls", str(TOOL_CALLS),
           "-j", "1"]
    t0 = time.time()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    _, status, ru = os.wait4(proc.pid, 0)
    err = proc.stderr.read()
    wall = time.time() - t0
    server.close()
    calls = len(server.code_requests())
    m = re.search(r"(\d+) answers and verdicts handled, median ([0-9.]+) ms", err)
    if not m:
        sys.exit(f"bench_synth_llm: no overhead line from zerocad synth:\n{err}")
    return {"in_flight": in_flight, "jobs": jobs, "calls": calls, "median_ms": float(m.group(2)),
            "cpu_s": ru.ru_utime + ru.ru_stime, "wall_s": wall, "max_rss_mb": ru.ru_maxrss / 1024.0}


def per_call(run, base):
    """Process CPU per call with the fixed cost (start-up, documentation, engine) of a one-job run taken off."""
    return 1000.0 * (run["cpu_s"] - base["cpu_s"]) / max(run["calls"] - base["calls"], 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zerocad", required=True)
    ap.add_argument("--jobs", type=int, default=512)
    ap.add_argument("--out", default="bench/results")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(tmp + "/base")
        base = measure(a.zerocad, 1, 1, tmp + "/base")
        one = measure(a.zerocad, a.jobs // 8, 1, tmp)
        many = measure(a.zerocad, a.jobs, 256, tmp)
    for r in (one, many):
        r["cpu_ms_per_call"] = per_call(r, base)
    result = {"fixed_cost_run": base, "one_in_flight": one, "in_flight_256": many}
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "synth_llm.json").write_text(json.dumps(result, indent=2) + "\n")
    md = [
        "### LLM agent (`bench/synth_llm`)", "",
        f"`zerocad synth --llm` against a local instant server: {many['jobs']} jobs x {TOOL_CALLS + 1} answers "
        "(lookup_documentation calls, no sandbox), 256 and 1 requests in flight.", "",
        "| measure | 256 in flight | 1 in flight |", "|---|---:|---:|",
        f"| our time per answer, median (goal <= 1 ms) | {many['median_ms']:.3f} ms | {one['median_ms']:.3f} ms |",
        f"| process CPU per call (libcurl, SQLite included; start-up taken off) | {many['cpu_ms_per_call']:.3f} ms | "
        f"{one['cpu_ms_per_call']:.3f} ms |",
        f"| calls | {many['calls']} | {one['calls']} |",
        f"| peak RSS | {many['max_rss_mb']:.0f} MB | {one['max_rss_mb']:.0f} MB |",
    ]
    (out / "synth_llm.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
