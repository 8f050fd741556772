"""Scale-out benchmark of `zerocad exec` under mpirun (docs/scale.md).

The same job runs as a plain process, under `mpirun -n 1` and under `mpirun -n 2` (-j 1 per
rank), interleaved, twice each; each figure is the best of its two (the machine is shared).
A run's net time = its wall time - the wall time of the same command again when everything is
recorded (MPI and Python start-up, reading the parts, the manifest).
- scaling efficiency = throughput(2 ranks) / (2 x throughput(1 rank));
- coordination overhead per program = (net time under mpirun -n 1 - net time plain) / programs,
  against the median program's own run time (the records' `seconds`); also the time a rank
  was blocked waiting for the coordinator (its `ms waiting for the coordinator` line), and the
  CPU the rank processes used (coordinating, relaying) per program, which the machine's load
  does not inflate as it does wall times."""
import argparse
import json
import os
import pathlib
import re
import shutil
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


def timed(cmd, env):
    t0 = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    if proc.returncode != 0:
        sys.exit(f"bench_scale: {' '.join(cmd)} failed:\n{proc.stderr}")
    return time.monotonic() - t0, proc.stderr


def run(zerocad, ranks, progs, out):
    """ranks 0: plain process. Returns the figures of one run."""
    env = dict(os.environ)
    env.update(ENV)
    shutil.rmtree(out.parent, ignore_errors=True)
    out.parent.mkdir(parents=True)
    cmd = [zerocad, "exec", str(progs), "-o", str(out), "-j", "1", "--timeout", "120"]
    if ranks:
        cmd = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", str(ranks)] + cmd
    wall, stderr = timed(cmd, env)
    startup, _ = timed(cmd, env)
    waits = [float(m) for m in re.findall(r"([0-9.]+) ms waiting for the coordinator per program", stderr)]
    counts = [int(m) for m in re.findall(r"rank \d+: (\d+) programs,", stderr)]
    mpi_cpu = sum(float(m) for m in re.findall(r"the rank process used ([0-9.]+) ms of CPU", stderr))
    seconds = []
    for f in out.parent.glob(out.stem + "*.jsonl"):
        seconds += [json.loads(line)["seconds"] for line in f.read_text().splitlines()]
    return {"ranks": ranks, "programs": len(seconds), "wall_s": wall, "startup_s": startup,
            "net_s": wall - startup, "wait_ms_per_program": waits, "rank_process_cpu_ms": mpi_cpu, "programs_by_rank": counts,
            "median_program_s": statistics.median(seconds)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zerocad", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--programs", type=int, default=int(os.environ.get("SCALE_BENCH_N", "120")))
    ap.add_argument("--repeats", type=int, default=2)
    a = ap.parse_args()
    runs = {0: [], 1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        make_job(tmp / "progs.jsonl", a.programs)
        for _ in range(a.repeats):
            for ranks in (0, 1, 2):
                runs[ranks].append(run(a.zerocad, ranks, tmp / "progs.jsonl", tmp / f"r{ranks}" / "r.jsonl"))
    best = {k: min(v, key=lambda r: r["net_s"]) for k, v in runs.items()}
    thr = {k: a.programs / best[k]["net_s"] for k in best}
    eff = thr[2] / (2 * thr[1])
    median = statistics.median(r["median_program_s"] for v in runs.values() for r in v)
    per_program = (best[1]["net_s"] - best[0]["net_s"]) / a.programs
    wait = max(w for k in (1, 2) for r in runs[k] for w in r["wait_ms_per_program"])
    cpu_per_program = max(r["rank_process_cpu_ms"] for k in (1, 2) for r in runs[k]) / a.programs
    result = {"cpus": os.cpu_count(), "load_avg_1m": os.getloadavg()[0], "programs": a.programs, "runs": runs,
              "throughput": {"plain": thr[0], "mpi_1": thr[1], "mpi_2": thr[2]}, "scaling_efficiency_2": eff,
              "median_program_s": median, "overhead_s_per_program": per_program,
              "overhead_fraction": per_program / median, "blocked_wait_ms_per_program_max": wait,
              "rank_process_cpu_ms_per_program": cpu_per_program,
              "rank_process_cpu_fraction": cpu_per_program / 1e3 / median}
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.json").write_text(json.dumps(result, indent=2) + "\n")
    md = ["### Scale-out (`bench/scale`)", "",
          "`zerocad exec` plain, under `mpirun -n 1` and `mpirun -n 2`; wall-clock figures on this shared "
          "2-core machine move with the other work on it, the rank processes' CPU does not.", "",
          "| measure | value |", "|---|---|",
          f"| machine | {os.cpu_count()} CPUs shared, load {result['load_avg_1m']:.1f} at the end |",
          f"| job | {a.programs} programs (box, fillet, hole), -j 1 per rank, best of {a.repeats} |",
          f"| plain process | {thr[0]:.2f} programs/s |",
          f"| mpirun -n 1 | {thr[1]:.2f} programs/s |",
          f"| mpirun -n 2 | {thr[2]:.2f} programs/s ({', '.join(map(str, best[2]['programs_by_rank']))} by rank) |",
          f"| scaling efficiency, 2 ranks | {eff:.2f} |",
          f"| median program | {1e3 * median:.1f} ms |",
          f"| overhead of mpirun -n 1 over plain | {1e3 * per_program:.2f} ms per program "
          f"({100 * per_program / median:.1f}% of a median program) |",
          f"| a rank blocked waiting for the coordinator | {wait:.3f} ms per program (worst run) |",
          f"| CPU of the rank processes (coordinator, relays) | {cpu_per_program:.2f} ms per program "
          f"({100 * cpu_per_program / 1e3 / median:.2f}% of a median program; worst run) |"]
    (out / "scale.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
