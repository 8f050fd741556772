"""`zerocad synth` across processes (docs/scale.md): under `mpirun -n 3` the dataset holds
the same rows (uuid and program code, read back by DuckDB, the independent parquet reader)
as a plain one-process run with the same seed and count; every rank's files carry its rank;
the manifest's row counts are DuckDB's; a rank killed with SIGKILL, then the same command
again: no finished row lost, no program recorded twice, the same dataset; `--shard K/N` for
N = 3 covers each program id once and gives the same dataset; no OpenMPI fork warning anywhere
(`synth --llm` shared: test_scale_synth_llm.py)."""
import json
import os
import pathlib
import re
import signal
import subprocess
import time

import pytest

from scale_helpers import children, env_with_mpi, mpirun_cmd, no_fork_warning, rank_processes, run

N, SEED = 8, 11


def synth_args(out, *extra):
    return ["synth", "-n", str(N), "--seed", str(SEED), "-o", str(out), "-j", "1", "--timeout", "60",
            "--memory", "1024", *map(str, extra)]


def dataset_rows(duck, folder):
    """{uuid: md5 of the code} of the dataset's shards (not work/), read by DuckDB."""
    rows = duck(f"SELECT uuid, md5(cadquery_file) AS code FROM read_parquet('{folder}/part-*.parquet')")
    out = {}
    for r in rows:
        assert r["uuid"] not in out, f"row {r['uuid']} twice in {folder}"
        out[r["uuid"]] = r["code"]
    return out


def per_file_counts(duck, pattern):
    rows = duck(f"SELECT filename, count(*)::INTEGER AS n FROM read_parquet('{pattern}', filename=true) "
                "GROUP BY filename")
    return {pathlib.Path(r["filename"]).name: r["n"] for r in rows}


def log_lines(folder):
    """(log file name, record) for every whole line of every process's log."""
    out = []
    for f in sorted((pathlib.Path(folder) / "work").glob("synth-log.part-*.jsonl")):
        for line in f.read_text().splitlines(keepends=True):
            if line.endswith("\n"):
                out.append((f.name, json.loads(line)))
    return out


@pytest.fixture(scope="module")
def reference(zerocad_bin, tmp_path_factory, duck):
    """A plain one-process run (no mpirun): the engine as it always ran."""
    out = tmp_path_factory.mktemp("synth") / "plain"
    res = subprocess.run([zerocad_bin, *synth_args(out)], capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr
    rows = dataset_rows(duck, out)
    assert len(rows) == N
    return rows


@pytest.fixture(scope="module")
def mpi_run(zerocad_bin, tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "mpi3"
    res = run(mpirun_cmd(3, zerocad_bin, *synth_args(out, "--rows-per-shard", 2)), timeout=900)
    return out, res


def test_three_ranks_make_the_one_process_rows(mpi_run, reference, duck):
    out, res = mpi_run
    assert res.returncode == 0, res.stderr
    assert no_fork_warning(res.stderr), res.stderr
    assert dataset_rows(duck, out) == reference


def test_files_carry_the_rank_and_the_manifest_counts_rows(mpi_run, duck):
    out, res = mpi_run
    assert res.returncode == 0, res.stderr
    finals = sorted(p.name for p in out.glob("part-*.parquet"))
    assert finals and all(re.fullmatch(r"part-0000[012]-\d{5}\.parquet", n) for n in finals), finals
    logs = sorted(p.name for p in (out / "work").glob("synth-log.part-*.jsonl"))
    assert logs == [f"synth-log.part-0000{r}.jsonl" for r in range(3)]
    manifest = json.loads((out / "synth.manifest.json").read_text())
    counts = per_file_counts(duck, f"{out}/part-*.parquet")
    assert {o["file"]: o["rows"] for o in manifest["outputs"]} == counts
    assert manifest["rows"] == sum(counts.values()) == N
    assert manifest["complete"] is True and manifest["command"] == "synth"
    # every rank ran some programs (3 logs), and no program id was recorded twice
    ids = [rec["i"] for _, rec in log_lines(out)]
    assert len(ids) == len(set(ids)) and set(ids) == set(range(manifest["programs"]))


def test_one_kind_of_dataset_per_folder(mpi_run, zerocad_bin, tmp_path):
    """A plain run into a shared job's folder, or a shared run into a plain run's, is refused
    with one line and changes nothing."""
    out, res = mpi_run
    assert res.returncode == 0, res.stderr
    before = sorted((p.name, p.stat().st_size) for p in out.rglob("*"))
    plain = subprocess.run([zerocad_bin, *synth_args(out)], capture_output=True, text=True, timeout=120)
    assert plain.returncode == 2 and plain.stderr.count("\n") == 1 and "work/" in plain.stderr, plain.stderr
    assert sorted((p.name, p.stat().st_size) for p in out.rglob("*")) == before
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "synth-log.jsonl").write_text("")
    sliced = run([zerocad_bin, *synth_args(tmp_path / "p", "--shard", "0/2")], timeout=120)
    assert sliced.returncode == 2 and sliced.stderr.count("\n") == 1, sliced.stderr
    assert "synth-log.jsonl" in sliced.stderr and not (tmp_path / "p" / "work").exists()
    # under mpirun every rank stops at once with the command's status (not a broken pipe)
    ranks = run(mpirun_cmd(3, zerocad_bin, *synth_args(tmp_path / "p")), timeout=120)
    assert ranks.returncode == 2, ranks.stderr
    assert ranks.stderr.count("a job shared among processes needs its own folder") == 3, ranks.stderr
    assert "Broken pipe" not in ranks.stderr and not (tmp_path / "p" / "work").exists()


def finished_work_rows(duck, out):
    """{uuid: md5 code} of the rows in the processes' finished shards (work/), duplicates kept
    as a list of (uuid, code) pairs."""
    if not list((out / "work").glob("part-*.parquet")):
        return []
    parts = out / "work" / "part-*.parquet"
    rows = duck(f"SELECT uuid, md5(cadquery_file) AS code FROM read_parquet('{parts}')")
    return [(r["uuid"], r["code"]) for r in rows]


def test_killed_rank_then_rerun(zerocad_bin, tmp_path, reference, duck):
    out = tmp_path / "killed"
    cmd = mpirun_cmd(3, zerocad_bin, *synth_args(out, "--rows-per-shard", 1))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env_with_mpi())
    deadline = time.monotonic() + 600
    ranks = {}
    while time.monotonic() < deadline:
        ranks = rank_processes(proc.pid)
        done = list((out / "work").glob("part-*.parquet")) if (out / "work").exists() else []
        if len(ranks) == 3 and len(done) >= 2:
            break
        time.sleep(0.05)
    assert len(ranks) == 3, "mpirun did not start 3 ranks"
    for pid in [ranks[1]] + children(ranks[1]):
        os.kill(pid, signal.SIGKILL)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode != 0
    assert no_fork_warning(stderr), stderr
    at_kill = finished_work_rows(duck, out)
    assert len(at_kill) < N + N // 10 + 4, "the kill came too late to test anything"
    again = run(cmd, timeout=900)
    assert again.returncode == 0, again.stderr
    assert no_fork_warning(again.stderr), again.stderr
    after = finished_work_rows(duck, out)
    assert len(after) == len(set(after)), "a program's row written twice"
    assert set(at_kill) <= set(after), "a row finished before the kill was lost"
    valid = [rec["i"] for _, rec in log_lines(out) if rec["status"] == "valid"]
    assert len(after) <= len(valid)
    assert dataset_rows(duck, out) == reference


def test_shard_slices_cover_each_program_once(zerocad_bin, tmp_path, reference, duck):
    out = tmp_path / "sliced"
    for k in range(3):
        res = run([zerocad_bin, *synth_args(out, "--shard", f"{k}/3")], timeout=900)
        assert res.returncode == 0, res.stderr
        assert no_fork_warning(res.stderr), res.stderr
        manifest = out / "synth.manifest.json"
        assert manifest.exists() == (k == 2), "the dataset is written when the last slice ends"
    programs = json.loads((out / "synth.manifest.json").read_text())["programs"]
    seen = {}
    for name, rec in log_lines(out):
        k = int(re.fullmatch(r"synth-log\.part-shard-(\d)-of-3\.jsonl", name).group(1))
        assert rec["i"] % 3 == k, (name, rec["i"])
        assert rec["i"] not in seen, f"program {rec['i']} run twice"
        seen[rec["i"]] = name
    assert set(seen) == set(range(programs))
    assert dataset_rows(duck, out) == reference


def test_bad_shard_is_one_line(zerocad_bin, tmp_path):
    res = run([zerocad_bin, *synth_args(tmp_path / "bad", "--shard", "3/3")])
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and "--shard" in res.stderr, res.stderr
    assert not (tmp_path / "bad").exists()

