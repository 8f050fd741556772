"""Helpers of the scale-out tests: a small job of programs whose volumes are known
analytically, mpirun with the settings a root container on a small machine needs, and reading
a job's part files independently of zerocad."""
import json
import os
import pathlib
import subprocess

# OpenMPI as root, more ranks than cores, shared memory between ranks on one machine.
MPI_ENV = {
    "OMPI_ALLOW_RUN_AS_ROOT": "1",
    "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
    "OMPI_MCA_rmaps_base_oversubscribe": "1",
    "OMPI_MCA_btl": "self,vader",
    "OMPI_MCA_btl_vader_single_copy_mechanism": "none",
}
FORK_WARNINGS = ("fork()", "A process has executed an operation involving a call",
                 "system call to create a child process")


def box_job(n, sleep=0.0, errors=()):
    """n programs: box i has sides (1 + i % 5, 2 + i % 3, 0.5 + i / 10), volume their product;
    ids in `errors` raise instead. Returns (rows for the JSONL, {id: expected})."""
    rows, expect = [], {}
    for i in range(n):
        a, b, c = 1 + i % 5, 2 + i % 3, 0.5 + i / 10
        ident = f"p{i:03d}"
        nap = f"import time\ntime.sleep({sleep})\n" if sleep else ""
        if ident in errors:
            code = f"{nap}raise ValueError('program {i} fails')\n"
            expect[ident] = ("error", None)
        else:
            code = f"import cadquery as cq\n{nap}result = cq.Workplane('XY').box({a}, {b}, {c})\n"
            expect[ident] = ("ok", a * b * c)
        rows.append({"id": ident, "code": code})
    return rows, expect


def write_job(path, rows):
    pathlib.Path(path).write_text("".join(json.dumps(r) + "\n" for r in rows))


def mpirun_cmd(n, zerocad, *args):
    return ["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", str(n), zerocad, *map(str, args)]


def env_with_mpi():
    env = dict(os.environ)
    env.update(MPI_ENV)
    return env


def run(cmd, timeout=300):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env_with_mpi())


def job_files(results):
    """results.jsonl itself (if any) and every part of the job: RESULTS.part-*/shard-*."""
    p = pathlib.Path(results)
    stem = p.name[:-len(".jsonl")]
    files = [p] if p.exists() else []
    files += sorted(q for q in p.parent.iterdir()
                    if q.name.startswith(stem + ".part-") or q.name.startswith(stem + ".shard-"))
    return files


def read_rows(results):
    """Every record of every file of the job, each file read on its own (a torn or malformed
    line fails the test)."""
    rows = []
    for f in job_files(results):
        for line in f.read_text().splitlines():
            rows.append(json.loads(line))
    return rows


def row_key(rec):
    """A record as a comparable row: id, status and the measured volume (rounded)."""
    vol = rec["volume"]
    return (rec["id"], rec["status"], None if vol is None else round(vol, 6))


def check_expected(rows, expect):
    for rec in rows:
        status, volume = expect[rec["id"]]
        assert rec["status"] == status, rec
        if volume is not None:
            assert abs(rec["volume"] - volume) <= 1e-6 * volume, rec


def no_fork_warning(stderr):
    return not any(w in stderr for w in FORK_WARNINGS)


def rank_processes(mpirun_pid):
    """{rank: pid} of the processes mpirun started (the rank processes; each has the command
    process as its child)."""
    ranks = {}
    for d in pathlib.Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid != mpirun_pid:
                continue
            env = (d / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        for item in env:
            if item.startswith(b"OMPI_COMM_WORLD_RANK="):
                ranks[int(item.split(b"=", 1)[1])] = int(d.name)
    return ranks


def children(pid):
    out = []
    for d in pathlib.Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d.name))
            except OSError:
                pass
    return out
