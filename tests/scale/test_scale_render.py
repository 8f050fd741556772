"""`zerocad render --batch` across processes (docs/scale.md): under `mpirun -n 3` the ranks share
the items (each rank its own part file OUTDIR/render.part-RRRRR.jsonl); every item's PNG bytes
equal a one-process run's, each id is recorded once, a rank killed with SIGKILL loses no finished
record and a rerun completes exactly the missing items; `--shard K/3` slices cover every item
once. The items are small pocketed boxes written by the test, one of them a program that fails."""
import hashlib
import json
import os
import pathlib
import signal
import subprocess
import time

import pytest

from scale_helpers import children, env_with_mpi, mpirun_cmd, no_fork_warning, rank_processes, run

ITEMS = 12
BAD = "box07"


@pytest.fixture(scope="module")
def src(tmp_path_factory):
    d = tmp_path_factory.mktemp("scale_render") / "src"
    d.mkdir()
    for i in range(ITEMS):   # a nap so that a rank can be killed mid-run
        body = (f"import time\ntime.sleep(0.15)\nimport cadquery as cq\nresult = cq.Workplane().box({2 + i}, 3, 1)"
                ".faces('>Z').workplane().rect(1, 1).cutBlind(-0.5)\n")
        (d / f"box{i:02d}.py").write_text("raise ValueError('box 7 fails')\n" if f"box{i:02d}" == BAD else body)
    return d


def render_args(src, out):
    return ["render", "--batch", src, "-o", out, "--size", 48]


def job_records(out):
    """Every whole record line of render.jsonl and its parts, each file read on its own."""
    out = pathlib.Path(out)
    files = sorted(out.glob("render.jsonl")) + sorted(out.glob("render.part-*.jsonl")) + \
        sorted(out.glob("render.shard-*.jsonl"))
    recs = []
    for f in files:
        recs += [json.loads(x) for x in f.read_text().splitlines(keepends=True) if x.endswith("\n")]
    return recs


def png_hashes(out):
    """{id/view.png: sha256} of every PNG under OUTDIR."""
    out = pathlib.Path(out)
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*/*.png")}


def summary(recs):
    return sorted((r["id"], r["status"], tuple(r["views"])) for r in recs)


@pytest.fixture(scope="module")
def runs(zerocad_bin, src):
    d = src.parent
    one = run([zerocad_bin, *map(str, render_args(src, d / "one"))], timeout=600)
    three = run(mpirun_cmd(3, zerocad_bin, *render_args(src, d / "three")), timeout=600)
    return dict(one=one, three=three, d=d)


def test_runs_succeed_without_fork_warning(runs):
    assert runs["one"].returncode == 0, runs["one"].stderr
    assert runs["three"].returncode == 0, runs["three"].stderr
    assert no_fork_warning(runs["three"].stderr), runs["three"].stderr


def test_three_ranks_equal_one(runs):
    d = runs["d"]
    one, three = job_records(d / "one"), job_records(d / "three")
    ids = [r["id"] for r in three]
    assert len(ids) == len(set(ids)) == ITEMS, "an item recorded twice or lost"
    assert summary(three) == summary(one)
    assert {r["id"]: r["status"] for r in one}[BAD] == "error"
    hashes = png_hashes(d / "one")
    assert len(hashes) == 8 * (ITEMS - 1)
    assert png_hashes(d / "three") == hashes


def test_parts_and_manifest(runs):
    d = runs["d"] / "three"
    names = sorted(f.name for f in d.glob("render*.jsonl"))
    assert names == [f"render.part-0000{r}.jsonl" for r in range(3)]
    counts = {n: (d / n).read_text().count("\n") for n in names}
    assert all(c > 0 for c in counts.values()), counts   # every rank drew some
    m = json.loads((d / "render.manifest.json").read_text())
    assert {o["file"]: o["rows"] for o in m["outputs"]} == counts
    assert m["command"] == "render" and m["programs"] == ITEMS and m["rows"] == ITEMS and m["complete"] is True


def test_rerun_adds_nothing(zerocad_bin, runs, src):
    d = runs["d"]
    before = sorted(json.dumps(r, sort_keys=True) for r in job_records(d / "three"))
    again = run(mpirun_cmd(3, zerocad_bin, *render_args(src, d / "three")), timeout=600)
    assert again.returncode == 0, again.stderr
    assert sorted(json.dumps(r, sort_keys=True) for r in job_records(d / "three")) == before
    # and a plain run over the shared run's folder finds everything recorded too
    plain = run([zerocad_bin, *map(str, render_args(src, d / "three"))])
    assert plain.returncode == 0, plain.stderr
    assert f"{ITEMS} already recorded" in plain.stderr
    assert not (d / "three" / "render.jsonl").read_text()


def test_shard_slices_cover_each_item_once(zerocad_bin, runs, src, tmp_path):
    out = tmp_path / "s"
    for k in range(3):
        p = run([zerocad_bin, *map(str, render_args(src, out)), "--shard", f"{k}/3"])
        assert p.returncode == 0, p.stderr
        part = out / f"render.shard-{k}-of-3.jsonl"
        ids = [json.loads(x)["id"] for x in part.read_text().splitlines()]
        assert ids == [f"box{i:02d}" for i in range(k, ITEMS, 3)]   # positions p % 3 == k, in order
    assert summary(job_records(out)) == summary(job_records(runs["d"] / "one"))
    assert png_hashes(out) == png_hashes(runs["d"] / "one")
    m = json.loads((out / "render.manifest.json").read_text())
    assert m["rows"] == ITEMS and m["complete"] is True


def test_killed_rank_then_rerun(zerocad_bin, runs, src, tmp_path):
    out = tmp_path / "k"
    cmd = mpirun_cmd(3, zerocad_bin, *render_args(src, out))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env_with_mpi())
    deadline = time.monotonic() + 300
    ranks = {}
    while time.monotonic() < deadline and proc.poll() is None:
        ranks = rank_processes(proc.pid)
        if len(ranks) == 3 and len(job_records(out)) >= 1:
            break
        time.sleep(0.02)
    assert len(ranks) == 3, "mpirun did not start 3 ranks"
    for pid in [ranks[1]] + children(ranks[1]):
        os.kill(pid, signal.SIGKILL)
    at_kill = {json.dumps(r, sort_keys=True) for r in job_records(out)}
    _, stderr = proc.communicate(timeout=300)
    assert no_fork_warning(stderr), stderr
    assert len(at_kill) < ITEMS, "the kill came too late to test anything"
    again = run(cmd, timeout=600)
    assert again.returncode == 0, again.stderr
    assert no_fork_warning(again.stderr), again.stderr
    after = job_records(out)
    ids = [r["id"] for r in after]
    assert len(ids) == len(set(ids)), "an item recorded twice"
    assert summary(after) == summary(job_records(runs["d"] / "one")), "an item lost"
    assert at_kill <= {json.dumps(r, sort_keys=True) for r in after}, "a record finished before the kill was lost"
    assert png_hashes(out) == png_hashes(runs["d"] / "one")


def test_one_shape_render_refuses_several_ranks(zerocad_bin, src, tmp_path):
    p = run(mpirun_cmd(2, zerocad_bin, "render", src / "box00.py", "-o", tmp_path / "o"))
    assert p.returncode != 0
    assert p.stderr.count("zerocad render: not shared among MPI ranks yet") == 2, p.stderr
    assert not (tmp_path / "o").exists()
