"""Scale-out benchmark of `zerocad exec` under mpirun (docs/scale.md).

Throughput at N ranks = programs / (the job's wall time - the wall time of the same command
run again, when everything is recorded: MPI and Python start-up, reading the parts, the
manifest); scaling efficiency = throughput(N) / (N x throughput(1)). Coordination overhead =
the time a rank waited for the coordinator per program (its `ms waiting for the coordinator
per program` line) / the median program's own run time (the records' `seconds`)."""
import argparse
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

ENV = {"OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
       "OMPI_MCA_rmaps_base_oversubscribe": "1", "OMPI_MCA_btl": "self,vader",
       "OMPI_MCA_btl_vader_single_copy_mechanism": "none"}

PROGRAM = """import cadquery as cq
r = (cq.Workplane('XY').box({a}, {b}, {c}).edges('|Z').fillet(0.2)
     .faces('>Z').workplane().hole(0.5))
result = r
"""


def make_job(path, n):
    with open(path, "w") as f:
        for i in range(n):
            code = PROGRAM.format(a=2 + i % 7, b=3 + i % 5, c=1 + i % 3)
            f.write(json.dumps({"id": f"b{i:04d}", "code": code}) + "\n")


def run(zerocad, ranks, jobs, progs, out):
    env = dict(os.environ)
    env.update(ENV)
    cmd = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", str(ranks), zerocad, "exec", str(progs),
           "-o", str(out), "-j", str(jobs), "--timeout", "120"]
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    wall = time.monotonic() - t0
    t0 = time.monotonic()
    again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    startup = time.monotonic() - t0
    for p in (proc, again):
        if p.returncode != 0:
            sys.exit(f"bench_scale: {' '.join(cmd)} failed:\n{p.stderr}")
    times = [float(m) for m in re.findall(r"zerocad exec: \d+ of \d+ programs in ([0-9.]+) s", proc.stderr)]
    waits = [float(m) for m in re.findall(r"([0-9.]+) ms waiting for the coordinator per program", proc.stderr)]
    counts = [int(m) for m in re.findall(r"rank \d+: (\d+) programs,", proc.stderr)]
    seconds = []
    for f in out.parent.glob(out.stem + ".part-*.jsonl"):
        seconds += [json.loads(line)["seconds"] for line in f.read_text().splitlines()]
    return {"ranks": ranks, "jobs_per_rank": jobs, "programs": len(seconds), "rank_seconds": times,
            "wall_s": wall, "startup_s": startup, "throughput": len(seconds) / (wall - startup), "wait_ms_per_program": waits, "programs_by_rank": counts,
            "median_program_s": statistics.median(seconds)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zerocad", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--programs", type=int, default=int(os.environ.get("SCALE_BENCH_N", "200")))
    ap.add_argument("--ranks", type=int, default=2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        make_job(tmp / "progs.jsonl", a.programs)
        one = run(a.zerocad, 1, 1, tmp / "progs.jsonl", tmp / "one" / "r.jsonl")
        many = run(a.zerocad, a.ranks, 1, tmp / "progs.jsonl", tmp / "many" / "r.jsonl")
    eff = many["throughput"] / (a.ranks * one["throughput"])
    waits = one["wait_ms_per_program"] + many["wait_ms_per_program"]
    overhead = max(waits) / 1e3 / many["median_program_s"]
    result = {"cpus": os.cpu_count(), "load_avg_1m": os.getloadavg()[0], "one_rank": one, "n_ranks": many,
              "scaling_efficiency": eff, "coordination_ms_per_program_max": max(waits),
              "coordination_overhead_fraction": overhead}
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.json").write_text(json.dumps(result, indent=2) + "\n")
    md = ["| measure | value |", "|---|---|",
          f"| machine | {os.cpu_count()} CPUs, load {result['load_avg_1m']:.1f} at the end |",
          f"| job | {a.programs} programs (box, fillet, hole), -j 1 per rank |",
          f"| 1 rank | {one['throughput']:.2f} programs/s ({one['wall_s']:.1f} s, start-up {one['startup_s']:.1f} s) |",
          f"| {a.ranks} ranks | {many['throughput']:.2f} programs/s ({many['wall_s']:.1f} s, start-up {many['startup_s']:.1f} s; "
          f"{', '.join(map(str, many['programs_by_rank']))} programs by rank) |",
          f"| scaling efficiency at {a.ranks} ranks | {eff:.2f} |",
          f"| median program | {1e3 * many['median_program_s']:.1f} ms |",
          f"| waiting for the coordinator | {max(waits):.3f} ms per program (worst rank) |",
          f"| coordination overhead | {100 * overhead:.2f}% of a median program |"]
    (out / "scale.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
