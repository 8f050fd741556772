"""Scale-out benchmark of `zerocad exec` under mpirun (docs/scale.md).

The same job runs as a plain process, under `mpirun -n 1` and under `mpirun -n 2` (-j 1 per
rank), interleaved, twice each; each figure is the best of its two (the machine is shared).
Twice over: unbound (each command may use every core: one rank's supervisor, worker and rank
process then spread over more than one core) and bound (`--bind-to core` with
ZEROCAD_MPI_KEEP_BINDING=1: each rank and all its processes on one core), which is the
per-core scaling efficiency: does a rank on a second core add what the first one does?
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
import resource
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
    """Wall seconds, stderr and CPU seconds (user + system) of the whole process tree."""
    t0 = time.monotonic()
    c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"bench_scale: {' '.join(cmd)} failed:\n{proc.stderr}")
    cpu = (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime)
    return time.monotonic() - t0, proc.stderr, cpu


def run(zerocad, ranks, progs, out, bound):
    """ranks 0: plain process (bound: on CPU 0). Returns the figures of one run."""
    env = dict(os.environ)
    env.update(ENV)
    shutil.rmtree(out.parent, ignore_errors=True)
    out.parent.mkdir(parents=True)
    cmd = [zerocad, "exec", str(progs), "-o", str(out), "-j", "1", "--timeout", "120"]
    if ranks:
        mpi = ["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", str(ranks)]
        if bound:
            env["ZEROCAD_MPI_KEEP_BINDING"] = "1"
            mpi += ["--bind-to", "core", "--map-by", "core"]
        cmd = mpi + cmd
    elif bound:
        cmd = ["taskset", "-c", "0"] + cmd
    wall, stderr, cpu = timed(cmd, env)
    startup, _, _ = timed(cmd, env)
    waits = [float(m) for m in re.findall(r"([0-9.]+) ms waiting for the coordinator per program", stderr)]
    counts = [int(m) for m in re.findall(r"rank \d+: (\d+) programs,", stderr)]
    mpi_cpu = sum(float(m) for m in re.findall(r"the rank process used ([0-9.]+) ms of CPU", stderr))
    seconds = []
    for f in out.parent.glob(out.stem + "*.jsonl"):
        seconds += [json.loads(line)["seconds"] for line in f.read_text().splitlines()]
    return {"ranks": ranks, "bound": bound, "programs": len(seconds), "wall_s": wall, "startup_s": startup,
            "cpu_s": cpu,
            "net_s": wall - startup, "wait_ms_per_program": waits, "rank_process_cpu_ms": mpi_cpu, "programs_by_rank": counts,
            "median_program_s": statistics.median(seconds)}


def figures(runs, programs):
    """Throughputs, efficiency and overheads of one mode's runs {0: [...], 1: [...], 2: [...]}."""
    best = {k: min(v, key=lambda r: r["net_s"]) for k, v in runs.items()}
    thr = {k: programs / best[k]["net_s"] for k in best}
    median = statistics.median(r["median_program_s"] for v in runs.values() for r in v)
    per_program = (best[1]["net_s"] - best[0]["net_s"]) / programs
    cpu_per_program = max(r["rank_process_cpu_ms"] for k in (1, 2) for r in runs[k]) / programs
    return {"throughput": {"plain": thr[0], "mpi_1": thr[1], "mpi_2": thr[2]},
            "scaling_efficiency_2": thr[2] / (2 * thr[1]),
            "cores_used_by_one_rank": best[1]["cpu_s"] / best[1]["wall_s"],
            "median_program_s": median, "overhead_s_per_program": per_program,
            "overhead_fraction": per_program / median,
            "blocked_wait_ms_per_program_max": max(w for k in (1, 2) for r in runs[k] for w in r["wait_ms_per_program"]),
            "rank_process_cpu_ms_per_program": cpu_per_program,
            "rank_process_cpu_fraction": cpu_per_program / 1e3 / median,
            "programs_by_rank_2": best[2]["programs_by_rank"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zerocad", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--programs", type=int, default=int(os.environ.get("SCALE_BENCH_N", "120")))
    ap.add_argument("--repeats", type=int, default=2)
    a = ap.parse_args()
    modes = {"bound": True, "unbound": False}
    runs = {m: {0: [], 1: [], 2: []} for m in modes}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        make_job(tmp / "progs.jsonl", a.programs)
        for _ in range(a.repeats):
            for m, bound in modes.items():
                for ranks in (0, 1, 2):
                    runs[m][ranks].append(run(a.zerocad, ranks, tmp / "progs.jsonl", tmp / f"{m}{ranks}" / "r.jsonl", bound))
    fig = {m: figures(runs[m], a.programs) for m in modes}
    b, u = fig["bound"], fig["unbound"]
    result = {"cpus": os.cpu_count(), "load_avg_1m": os.getloadavg()[0], "programs": a.programs, "runs": runs,
              "bound": b, "unbound": u,
              # the headline figures: per core (bound)
              "scaling_efficiency_2": b["scaling_efficiency_2"], "median_program_s": b["median_program_s"],
              "rank_process_cpu_fraction": max(b["rank_process_cpu_fraction"], u["rank_process_cpu_fraction"])}
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.json").write_text(json.dumps(result, indent=2) + "\n")

    def row(name, fmt):
        return f"| {name} | {fmt(b)} | {fmt(u)} |"
    md = ["### Scale-out (`bench/scale`)", "",
          "`zerocad exec` plain, under `mpirun -n 1` and `mpirun -n 2`, -j 1 per rank. *Bound*: each rank "
          "and all its processes on one core (`--bind-to core`, `ZEROCAD_MPI_KEEP_BINDING=1`; plain: "
          "`taskset -c 0`), the per-core scaling efficiency. *Unbound*: a rank's supervisor, worker and "
          "rank process spread over every core, so one rank already uses more than one core and two ranks "
          "on two cores cannot double it. Wall-clock figures on this shared machine move with the other "
          "work on it; the rank processes' CPU does not.", "",
          f"Machine: {os.cpu_count()} CPUs shared, load {result['load_avg_1m']:.1f} at the end; "
          f"{a.programs} programs (box, fillet, hole), best of {a.repeats}.", "",
          "| measure | bound | unbound |", "|---|---|---|",
          row("plain process", lambda f: f"{f['throughput']['plain']:.2f} programs/s"),
          row("mpirun -n 1", lambda f: f"{f['throughput']['mpi_1']:.2f} programs/s"),
          row("mpirun -n 2", lambda f: f"{f['throughput']['mpi_2']:.2f} programs/s "
              f"({', '.join(map(str, f['programs_by_rank_2']))} by rank)"),
          row("**scaling efficiency, 2 ranks**", lambda f: f"**{f['scaling_efficiency_2']:.2f}**"),
          row("cores busy under one rank (CPU / wall)", lambda f: f"{f['cores_used_by_one_rank']:.2f}"),
          row("median program", lambda f: f"{1e3 * f['median_program_s']:.1f} ms"),
          row("overhead of mpirun -n 1 over plain", lambda f: f"{1e3 * f['overhead_s_per_program']:.2f} ms per "
              f"program ({100 * f['overhead_fraction']:.1f}% of a median program)"),
          row("a rank blocked waiting for the coordinator", lambda f: f"{f['blocked_wait_ms_per_program_max']:.3f} "
              "ms per program (worst run)"),
          row("**CPU of the rank processes** (coordinator, relays)", lambda f: f"**{f['rank_process_cpu_ms_per_program']:.2f}"
              f" ms per program ({100 * f['rank_process_cpu_fraction']:.2f}% of a median program)**; worst run")]
    (out / "scale.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
