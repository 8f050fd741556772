"""`zerocad eval --model` across processes (docs/scale.md): under `mpirun -n 3` the ranks share
the test items (each rank its own model, batch and part file); the records (by id) and the
table equal a one-process run's; a rank killed with SIGKILL loses no finished record and a
rerun completes exactly the missing items; `--shard K/3` slices cover every item once. The
tiny checkpoint and the test shard are those of tests/recon/test_eval_model.py."""
import json
import os
import pathlib
import shutil
import signal
import statistics
import subprocess
import sys
import time

import pytest

from scale_helpers import env_with_mpi, job_files, mpirun_cmd, no_fork_warning, run

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "recon"))
import test_eval_model as tem  # noqa: E402

ITEMS = 12


@pytest.fixture(scope="module")
def setup(zerocad_bin, test_data, tmp_path_factory):
    d = tmp_path_factory.mktemp("scale_eval")
    (d / "ck").mkdir()
    tem.chain_checkpoint(d / "ck", zerocad_bin, test_data)
    src = d / "src"
    src.mkdir()
    for i in range(ITEMS):   # pocketed boxes of different sizes: different shapes, different rows
        (src / f"box{i}.py").write_text(f'import cadquery as cq\nresult = cq.Workplane().box({2 + i}, 3, 1)'
                                        '.faces(">Z").workplane().rect(1, 1).cutBlind(-0.5)\n')
    p = tem.run([zerocad_bin, "data", "import", src, "-o", d / "shards", "-j", "2"])
    assert p.returncode == 0, p.stderr
    return dict(d=d, ck=d / "ck", shards=d / "shards")


def eval_args(setup, rep, batch=2):
    return ["eval", "--model", setup["ck"], "--data", setup["shards"], "-o", rep, "--batch", batch,
            "--max-new", 64, "-q"]


def all_records(rep):
    """Every whole record line of every file of the job (a malformed line fails the test)."""
    recs = []
    for f in job_files(f"{rep}.jsonl"):
        recs += [json.loads(x) for x in f.read_text().splitlines(keepends=True) if x.endswith("\n")]
    return recs


@pytest.fixture(scope="module")
def runs(zerocad_bin, setup):
    d = setup["d"]
    one = run([zerocad_bin, *map(str, eval_args(setup, d / "one"))], timeout=600)
    three = run(mpirun_cmd(3, zerocad_bin, *eval_args(setup, d / "three")), timeout=600)
    return dict(one=one, three=three, d=d)


def test_runs_succeed_without_fork_warning(runs):
    assert runs["one"].returncode == 0, runs["one"].stderr
    assert runs["three"].returncode == 0, runs["three"].stderr
    assert no_fork_warning(runs["three"].stderr), runs["three"].stderr


def test_three_ranks_equal_one(runs):
    d = runs["d"]
    one = {r["id"]: r for r in all_records(d / "one")}
    three_list = all_records(d / "three")
    three = {r["id"]: r for r in three_list}
    assert len(one) == ITEMS
    assert len(three_list) == len(three), "an item recorded twice"
    assert set(three) == set(one)
    for i, r in one.items():
        t = three[i]
        assert (t["status"], t["success"], t["scored"], t["code"]) == (r["status"], r["success"], r["scored"],
                                                                         r["code"])
        assert t["iou"] == pytest.approx(r["iou"], abs=1e-9)
    # the table: the same as the one-process run's, and as computed here from the records
    assert runs["three"].stdout == runs["one"].stdout
    s1 = json.loads((d / "one.json").read_text())
    s3 = json.loads((d / "three.json").read_text())
    for k, v in s1.items():
        if k != "seconds_this_run":
            assert s3[k] == (pytest.approx(v) if isinstance(v, float) else v), k
    ious = [r["iou"] for r in three.values() if r["success"] and r["scored"]]
    assert s3["items"] == len(three)
    assert s3["success_rate"] == pytest.approx(sum(r["success"] for r in three.values()) / len(three))
    assert s3["iou_mean"] == pytest.approx(statistics.mean(ious))


def test_parts_and_manifest(runs):
    d = runs["d"]
    names = sorted(f.name for f in job_files(d / "three.jsonl"))
    assert names == [f"three.part-0000{r}.jsonl" for r in range(3)]
    m = json.loads((d / "three.manifest.json").read_text())
    rows = {pathlib.Path(o["file"]).name: o["rows"] for o in m["outputs"]}
    assert rows == {n: (d / n).read_text().count("\n") for n in names}
    assert m["rows"] == ITEMS and m["complete"] is True and m["command"] == "eval"


def test_rerun_adds_nothing(zerocad_bin, runs, setup):
    d = runs["d"]
    before = sorted(json.dumps(r, sort_keys=True) for r in all_records(d / "three"))
    again = run(mpirun_cmd(3, zerocad_bin, *eval_args(setup, d / "three")), timeout=600)
    assert again.returncode == 0, again.stderr
    assert again.stdout == runs["one"].stdout
    assert sorted(json.dumps(r, sort_keys=True) for r in all_records(d / "three")) == before


def test_shard_slices_cover_each_item_once(zerocad_bin, runs, setup, tmp_path):
    ids = []
    for k in range(3):
        p = run([zerocad_bin, *map(str, eval_args(setup, tmp_path / "s")), "--shard", f"{k}/3"], timeout=600)
        assert p.returncode == 0, p.stderr
        part = tmp_path / f"s.shard-{k}-of-3.jsonl"
        ids += [json.loads(x)["id"] for x in part.read_text().splitlines()]
    assert sorted(ids) == sorted(r["id"] for r in all_records(runs["d"] / "one"))
    assert p.stdout == runs["one"].stdout   # the last slice prints the table over all three


def rank_pids(mpirun_pid):
    """{rank: pid} of the processes mpirun started, and their children (the command processes)."""
    ranks, kids = {}, {}
    for d in pathlib.Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            env = (d / "environ").read_bytes().split(b"\0") if ppid == mpirun_pid else []
        except OSError:
            continue
        kids.setdefault(ppid, []).append(int(d.name))
        for item in env:
            if item.startswith(b"OMPI_COMM_WORLD_RANK="):
                ranks[int(item.split(b"=", 1)[1])] = int(d.name)
    return ranks, kids


def test_killed_rank_then_rerun(zerocad_bin, runs, setup, tmp_path):
    rep = tmp_path / "k"
    cmd = mpirun_cmd(3, zerocad_bin, *eval_args(setup, rep, batch=1))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env_with_mpi())
    deadline = time.monotonic() + 300
    ranks = {}
    while time.monotonic() < deadline and proc.poll() is None:
        ranks, kids = rank_pids(proc.pid)
        if len(ranks) == 3 and len(all_records(rep)) >= 1:
            break
        time.sleep(0.05)
    assert len(ranks) == 3, "mpirun did not start 3 ranks"
    for pid in [ranks[1]] + kids.get(ranks[1], []):
        os.kill(pid, signal.SIGKILL)
    at_kill = {json.dumps(r, sort_keys=True) for r in all_records(rep)}
    _, stderr = proc.communicate(timeout=300)
    assert no_fork_warning(stderr), stderr
    assert len(at_kill) < ITEMS, "the kill came too late to test anything"
    again = run(mpirun_cmd(3, zerocad_bin, *eval_args(setup, rep, batch=1)), timeout=600)
    assert again.returncode == 0, again.stderr
    assert no_fork_warning(again.stderr), again.stderr
    after = all_records(rep)
    ids = [r["id"] for r in after]
    assert len(ids) == len(set(ids)), "an item recorded twice"
    assert set(ids) == {r["id"] for r in all_records(runs["d"] / "one")}, "an item lost"
    assert at_kill <= {json.dumps(r, sort_keys=True) for r in after}, "a record finished before the kill was lost"
    assert again.stdout == runs["one"].stdout


def test_bad_shard_is_one_line(zerocad_bin, setup, tmp_path):
    p = run([zerocad_bin, *map(str, eval_args(setup, tmp_path / "b")), "--shard", "3/3"])
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "--shard" in p.stderr, p.stderr
    assert not list(tmp_path.iterdir())
