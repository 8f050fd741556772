"""`zerocad exec` across processes (docs/scale.md): under `mpirun -n 3` the parts hold the
same rows as a `-n 1` run and as a plain one-process run (compared as sets, each file read on
its own, volumes checked against the boxes' analytic volumes); a rank killed with SIGKILL,
then the same command again: every id exactly once, no finished row lost; a killed
coordinator ends the job with a clear message and the rerun completes; `--shard K/N` for
N = 3 covers each position once; no OpenMPI fork warning anywhere."""
import json
import os
import pathlib
import signal
import subprocess
import time

import pytest

from scale_helpers import (box_job, check_expected, children, env_with_mpi, job_files, mpirun_cmd,
                           no_fork_warning, rank_processes, read_rows, row_key, run, write_job)

N = 24
ERRORS = ("p005", "p017")


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    root = tmp_path_factory.mktemp("job")
    rows, expect = box_job(N, errors=ERRORS)
    write_job(root / "progs.jsonl", rows)
    return root, rows, expect


def exec_args(root, out, jobs=1):
    pathlib.Path(out).parent.mkdir(parents=True, exist_ok=True)
    return ["exec", root / "progs.jsonl", "-o", out, "-j", str(jobs), "--timeout", "60", "--memory", "1024"]


@pytest.fixture(scope="module")
def runs(zerocad_bin, job):
    root, _, _ = job
    plain = run([zerocad_bin, *map(str, exec_args(root, root / "plain" / "r.jsonl"))])
    one = run(mpirun_cmd(1, zerocad_bin, *exec_args(root, root / "one" / "r.jsonl")))
    three = run(mpirun_cmd(3, zerocad_bin, *exec_args(root, root / "three" / "r.jsonl")))
    return {"plain": plain, "one": one, "three": three, "root": root}


def test_runs_succeed_without_fork_warning(runs):
    for name in ("plain", "one", "three"):
        proc = runs[name]
        assert proc.returncode == 0, (name, proc.stdout, proc.stderr)
        assert no_fork_warning(proc.stderr + proc.stdout), (name, proc.stderr)
    assert "3 ranks ran 24 programs" in runs["three"].stderr, runs["three"].stderr


def test_three_ranks_equal_one(runs, job):
    _, _, expect = job
    root = runs["root"]
    plain = read_rows(root / "plain" / "r.jsonl")
    one = read_rows(root / "one" / "r.jsonl")
    three = read_rows(root / "three" / "r.jsonl")
    for rows in (plain, one, three):
        ids = [r["id"] for r in rows]
        assert len(ids) == N and set(ids) == set(expect)
        check_expected(rows, expect)
    assert {row_key(r) for r in three} == {row_key(r) for r in one} == {row_key(r) for r in plain}


def test_parts_and_manifest(runs):
    root = runs["root"]
    names = [f.name for f in job_files(root / "three" / "r.jsonl")]
    assert names == ["r.part-00000.jsonl", "r.part-00001.jsonl", "r.part-00002.jsonl"]
    assert [f.name for f in job_files(root / "plain" / "r.jsonl")] == ["r.jsonl"]
    assert not (root / "plain" / "r.manifest.json").exists()
    for sub in ("one", "three"):
        m = json.loads((root / sub / "r.manifest.json").read_text())
        files = job_files(root / sub / "r.jsonl")
        counts = {f.name: len(f.read_text().splitlines()) for f in files}
        assert {o["file"]: o["rows"] for o in m["outputs"]} == counts
        assert m["rows"] == N and m["programs"] == N and m["complete"] is True


def test_shard_slices_cover_each_position_once(zerocad_bin, job):
    root, rows, expect = job
    out = root / "sharded" / "r.jsonl"
    for k in range(3):
        proc = run([zerocad_bin, *map(str, exec_args(root, out)), "--shard", f"{k}/3"])
        assert proc.returncode == 0, proc.stderr
        assert no_fork_warning(proc.stderr)
        part = out.parent / f"r.shard-{k}-of-3.jsonl"
        ids = {json.loads(line)["id"] for line in part.read_text().splitlines()}
        assert ids == {rows[p]["id"] for p in range(N) if p % 3 == k}
    got = [r["id"] for r in read_rows(out)]
    assert sorted(got) == sorted(expect)
    check_expected(read_rows(out), expect)
    m = json.loads((out.parent / "r.manifest.json").read_text())
    assert m["complete"] is True and m["rows"] == N
    again = run([zerocad_bin, *map(str, exec_args(root, out)), "--shard", "1/3"])
    assert again.returncode == 0 and len(read_rows(out)) == N


@pytest.mark.parametrize("bad", ["3/3", "1/0", "x/3", "1-3"])
def test_bad_shard_is_one_line(zerocad_bin, job, bad):
    root, _, _ = job
    proc = run([zerocad_bin, *map(str, exec_args(root, root / "bad" / "r.jsonl")), "--shard", bad])
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "--shard" in proc.stderr, proc.stderr
    assert not any((root / "bad").iterdir())


def mpi_mappings(pid):
    """What MPI_Init leaves in a process: its plugins (mca_*.so), shared-memory segments,
    PMIx stores. Linking libmpi alone maps none of these."""
    maps = pathlib.Path(f"/proc/{pid}/maps").read_text()
    return {line.split()[-1] for line in maps.splitlines()
            if any(k in line for k in ("/mca_", "vader_segment", "pmix"))}


def check_mpi_kept_out_of_forking_processes(ranks):
    """Each rank process initialised MPI; its command process (the supervisor that forks
    the workers) carries none of MPI's state."""
    for rank, pid in ranks.items():
        assert mpi_mappings(pid), f"rank {rank}'s rank process shows no MPI state (the check is blind)"
        commands = children(pid)
        assert len(commands) == 1, commands
        assert not mpi_mappings(commands[0]), (rank, mpi_mappings(commands[0]))


def kill_rank_midway(zerocad_bin, root, out, rank, rows_before_kill):
    """Starts mpirun -n 3, waits for some records, SIGKILLs the rank process of `rank` and its
    command process (a lost node), and waits for mpirun to end. Returns (proc result, the
    lines recorded at the kill)."""
    cmd = mpirun_cmd(3, zerocad_bin, *exec_args(root, out))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env_with_mpi())
    deadline = time.monotonic() + 240
    ranks = {}
    while time.monotonic() < deadline:
        ranks = rank_processes(proc.pid)
        if len(ranks) == 3 and len(read_lines(out)) >= rows_before_kill:
            break
        time.sleep(0.05)
    assert len(ranks) == 3, "mpirun did not start 3 ranks"
    check_mpi_kept_out_of_forking_processes(ranks)
    victims = [ranks[rank]] + children(ranks[rank])
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    at_kill = set(read_lines(out))
    stdout, stderr = proc.communicate(timeout=240)
    return proc.returncode, stderr, at_kill


def read_lines(out):
    lines = []
    for f in job_files(out):
        lines += [line for line in f.read_text().splitlines(keepends=True) if line.endswith("\n")]
    return lines


@pytest.mark.parametrize("victim", [1, 0])
def test_killed_rank_then_rerun(zerocad_bin, tmp_path, victim):
    rows, expect = box_job(30, sleep=0.4)
    write_job(tmp_path / "progs.jsonl", rows)
    out = tmp_path / "out" / "r.jsonl"
    rc, stderr, at_kill = kill_rank_midway(zerocad_bin, tmp_path, out, victim, 4)
    assert rc != 0
    assert no_fork_warning(stderr), stderr
    if victim == 0:   # the coordinator: the others say why they stop
        assert "stopped by the MPI launcher" in stderr or "exited on signal 9" in stderr, stderr
    before = [json.loads(line) for line in read_lines(out)]
    assert len(before) < 30, "the kill came too late to test anything"
    assert len({r["id"] for r in before}) == len(before), "a duplicate before the rerun"
    again = run(mpirun_cmd(3, zerocad_bin, *exec_args(tmp_path, out)), timeout=300)
    assert again.returncode == 0, again.stderr
    assert no_fork_warning(again.stderr), again.stderr
    after = read_rows(out)
    ids = [r["id"] for r in after]
    assert len(ids) == 30 and set(ids) == set(expect), "loss or duplicate after the rerun"
    check_expected(after, expect)
    assert at_kill <= set(read_lines(out)), "a row finished before the kill was lost"
    m = json.loads((out.parent / "r.manifest.json").read_text())
    assert m["complete"] is True and m["rows"] == 30


def test_commands_not_shared_yet_refuse_several_ranks(zerocad_bin, tmp_path):
    proc = run(mpirun_cmd(2, zerocad_bin, "synth", "--report", tmp_path / "ds"))
    assert proc.returncode != 0
    assert proc.stderr.count("zerocad synth --report: not shared among MPI ranks yet") == 2, proc.stderr
    assert not (tmp_path / "ds").exists()
    render = run(mpirun_cmd(2, zerocad_bin, "render", "--print-spec"))
    assert render.returncode != 0
    assert render.stderr.count("zerocad render: not shared among MPI ranks yet") == 2, render.stderr
    one = run(mpirun_cmd(1, zerocad_bin, "render", "--print-spec"))
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["views"], one.stdout


def test_shard_under_mpi(zerocad_bin, job):
    """--shard 1/2 under mpirun -n 2: the ranks share that slice only, in parts named for both."""
    root, rows, _ = job
    out = root / "mpishard" / "r.jsonl"
    proc = run(mpirun_cmd(2, zerocad_bin, *exec_args(root, out), "--shard", "1/2"))
    assert proc.returncode == 0, proc.stderr
    files = sorted(f.name for f in job_files(out))
    assert files == ["r.shard-1-of-2.part-00000.jsonl", "r.shard-1-of-2.part-00001.jsonl"]
    ids = sorted(r["id"] for r in read_rows(out))
    assert ids == sorted(rows[p]["id"] for p in range(N) if p % 2 == 1)
    m = json.loads((out.parent / "r.manifest.json").read_text())
    assert m["rows"] == N // 2 and m["programs"] == N and m["complete"] is False


def test_plain_run_after_mpi_run_adds_nothing(zerocad_bin, runs):
    """A job begun under mpirun, continued by one process: the parts count as recorded."""
    root = runs["root"]
    out = root / "three" / "r.jsonl"
    before = read_rows(out)
    proc = run([zerocad_bin, *map(str, exec_args(root, out))])
    assert proc.returncode == 0, proc.stderr
    assert sorted(map(row_key, read_rows(out))) == sorted(map(row_key, before))
    assert out.read_text() == ""
