"""`zerocad eval --pred` across processes (docs/scale.md, "eval --pred"): under `mpirun -n 3` the
ranks share the items (each its own sandbox and part file); the records (by id: status, success,
IoU) and the table equal a one-process run's, and the summary agrees with figures computed here
from the records; a rank killed with SIGKILL loses no finished record and a rerun completes
exactly the missing items; `--shard K/3` slices cover every item once; a one-process run and a
shared one refuse each other's records. The data: cubes as ground truth (STL files written here,
STEP files exported by `zerocad run`) against box programs whose IoU is known analytically (the
same cube: 1; half of it: 0.5; its inscribed sphere: pi/6), programs that fail, a ground truth
without a prediction and a prediction without ground truth."""
import json
import math
import os
import pathlib
import signal
import statistics
import subprocess
import time

import pytest

from scale_helpers import children, env_with_mpi, job_files, mpirun_cmd, no_fork_warning, rank_processes, run

SIDES = 15            # cubes with a prediction; one more cube has none, one prediction has no cube
ITEMS = SIDES + 2


def side(i):
    return 1 + i % 4


def expected(i):
    """(status, IoU or None) of cube i's prediction, by its kind (i % 5)."""
    return [("ok", 1.0), ("ok", 1.0), ("ok", 0.5), ("error", None), ("ok", math.pi / 6)][i % 5]


def prediction(i, sleep=0.0):
    s = side(i)
    nap = f"import time\ntime.sleep({sleep})\n" if sleep else ""
    body = [f'cq.Workplane("XY").box({s}, {s}, {s}).translate((1, 2, 3))',
            f'cq.Workplane("XY").box({s}, {s}, {s})',
            f'cq.Workplane("XY").box({s}, {s}, {s / 2}).translate((0, 0, {-s / 4}))',
            None,
            f'cq.Workplane("XY").sphere({s / 2})'][i % 5]
    if body is None:
        return f"{nap}raise ValueError('prediction {i} fails')\n"
    return f"import cadquery as cq\n{nap}result = {body}\n"


def cube_stl(path, s):
    """An ASCII STL of the cube of side s centred on the origin, triangles facing out."""
    h = s / 2
    tris = []
    for axis in range(3):
        for sign in (-1, 1):
            u, v = [a for a in range(3) if a != axis]
            quad = []
            for du, dv in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
                p = [0.0, 0.0, 0.0]
                p[axis], p[u], p[v] = sign * h, du * h, dv * h
                quad.append(p)
            for t in ((quad[0], quad[1], quad[2]), (quad[0], quad[2], quad[3])):
                e1 = [t[1][k] - t[0][k] for k in range(3)]
                e2 = [t[2][k] - t[0][k] for k in range(3)]
                n = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]]
                tris.append(t if n[axis] * sign > 0 else (t[0], t[2], t[1]))
    lines = ["solid cube"]
    for t in tris:
        lines.append("facet normal 0 0 0\nouter loop")
        lines += [f"vertex {p[0]} {p[1]} {p[2]}" for p in t]
        lines.append("endloop\nendfacet")
    lines.append("endsolid cube")
    pathlib.Path(path).write_text("\n".join(lines) + "\n")


def write_pred(path, sleep=0.0):
    rows = [{"id": f"c{i:02d}", "code": prediction(i, sleep)} for i in range(SIDES)]
    rows.append({"id": "zz-extra", "code": 'import cadquery as cq\nresult = cq.Workplane("XY").box(1, 1, 1)\n'})
    pathlib.Path(path).write_text("".join(json.dumps(r) + "\n" for r in rows))


@pytest.fixture(scope="module")
def setup(zerocad_bin, tmp_path_factory):
    d = tmp_path_factory.mktemp("scale_pred")
    gt = d / "gt"
    gt.mkdir()
    for i in range(SIDES + 1):   # c15: ground truth without a prediction
        if i % 3 == 0:           # STEP, from a program run by zerocad
            prog = d / f"cube{i}.py"
            prog.write_text(f'import cadquery as cq\nresult = cq.Workplane("XY").box({side(i)}, {side(i)}, {side(i)})\n')
            p = run([zerocad_bin, "run", prog, "-o", gt / f"c{i:02d}.step"])
            assert p.returncode == 0, p.stderr
        else:
            cube_stl(gt / f"c{i:02d}.stl", side(i))
    write_pred(d / "pred.jsonl")
    write_pred(d / "slow.jsonl", sleep=0.3)
    return dict(d=d, gt=gt, pred=d / "pred.jsonl", slow=d / "slow.jsonl")


def eval_args(setup, rep, pred="pred"):
    # a generous time limit: under a loaded machine a program must not end by timeout in one run only
    return ["eval", "--pred", setup[pred], "--gt", setup["gt"], "-o", rep, "-q", "--timeout", "120"]


def records(rep):
    """Every whole record line of every file of the job (a malformed line fails the test)."""
    recs = []
    for f in job_files(f"{rep}.jsonl"):
        recs += [json.loads(x) for x in f.read_text().splitlines(keepends=True) if x.endswith("\n")]
    return recs


def outcome(r):
    return (r["id"], r["status"], r["success"], r["scored"], r["iou"], r["cd"], r["error"])


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


def test_one_process_matches_the_analytic_values(runs):
    one = {r["id"]: r for r in records(runs["d"] / "one")}
    assert len(one) == ITEMS
    for i in range(SIDES):
        status, iou = expected(i)
        r = one[f"c{i:02d}"]
        assert r["status"] == status, r
        assert r["success"] == (status == "ok") and r["scored"] == (iou is not None), r
        if iou is not None:
            assert r["iou"] == pytest.approx(iou, abs=0.02), r
    assert one["c15"]["status"] == "missing" and not one["c15"]["success"]
    assert one["zz-extra"]["status"] == "no_gt"


def test_three_ranks_equal_one(runs):
    d = runs["d"]
    one = {r["id"]: r for r in records(d / "one")}
    three_list = records(d / "three")
    three = {r["id"]: r for r in three_list}
    assert len(three_list) == len(three), "an item recorded twice"
    assert set(three) == set(one)
    for i, r in one.items():
        assert outcome(three[i]) == outcome(r)
    # the table and the summary: the one-process run's
    assert runs["three"].stdout == runs["one"].stdout
    assert (d / "three.md").read_text() == (d / "one.md").read_text()
    s1 = json.loads((d / "one.json").read_text())
    s3 = json.loads((d / "three.json").read_text())
    assert {k: v for k, v in s3.items() if k != "seconds"} == {k: v for k, v in s1.items() if k != "seconds"}
    # ... and as computed here from the records
    counted = [r for r in three.values() if r["status"] != "no_gt"]
    ious = [r["iou"] for r in counted if r["success"] and r["scored"]]
    assert s3["items"] == len(counted) == ITEMS - 1
    assert s3["success_rate"] == pytest.approx(sum(r["success"] for r in counted) / len(counted))
    assert s3["iou_mean"] == pytest.approx(statistics.mean(ious))
    assert s3["iou_fail0_mean"] == pytest.approx(sum(ious) / len(counted))
    kinds = [expected(i) for i in range(SIDES)]
    assert s3["success"] == sum(1 for st, _ in kinds if st == "ok")
    assert s3["iou_mean"] == pytest.approx(statistics.mean(v for _, v in kinds if v is not None), abs=0.02)


def test_parts_and_manifest(runs):
    d = runs["d"]
    names = sorted(f.name for f in job_files(d / "three.jsonl"))
    assert names == [f"three.part-0000{r}.jsonl" for r in range(3)]
    assert not (d / "three.jsonl").exists()
    m = json.loads((d / "three.manifest.json").read_text())
    rows = {pathlib.Path(o["file"]).name: o["rows"] for o in m["outputs"]}
    assert rows == {n: (d / n).read_text().count("\n") for n in names}
    assert m["programs"] == ITEMS and m["rows"] == ITEMS and m["complete"] is True and m["command"] == "eval"


def test_rerun_adds_nothing(zerocad_bin, runs, setup):
    d = runs["d"]
    before = sorted(json.dumps(r, sort_keys=True) for r in records(d / "three"))
    again = run(mpirun_cmd(3, zerocad_bin, *eval_args(setup, d / "three")), timeout=600)
    assert again.returncode == 0, again.stderr
    assert again.stdout == runs["one"].stdout
    assert sorted(json.dumps(r, sort_keys=True) for r in records(d / "three")) == before


def test_shard_slices_cover_each_item_once(zerocad_bin, runs, setup, tmp_path):
    ids = []
    for k in range(3):
        p = run([zerocad_bin, *map(str, eval_args(setup, tmp_path / "s")), "--shard", f"{k}/3"], timeout=600)
        assert p.returncode == 0, p.stderr
        part = tmp_path / f"s.shard-{k}-of-3.jsonl"
        ids += [json.loads(x)["id"] for x in part.read_text().splitlines()]
    assert sorted(ids) == sorted(r["id"] for r in records(runs["d"] / "one"))
    assert p.stdout == runs["one"].stdout   # the last slice prints the table over all three
    m = json.loads((tmp_path / "s.manifest.json").read_text())
    assert m["rows"] == ITEMS and m["complete"] is True and len(m["outputs"]) == 3


def test_killed_rank_then_rerun(zerocad_bin, runs, setup, tmp_path):
    rep = tmp_path / "k"
    cmd = mpirun_cmd(3, zerocad_bin, *eval_args(setup, rep, pred="slow"), "-j", 1)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env_with_mpi())
    deadline = time.monotonic() + 300
    ranks = {}
    while time.monotonic() < deadline and proc.poll() is None:
        ranks = rank_processes(proc.pid)
        if len(ranks) == 3 and len(records(rep)) >= 1:
            break
        time.sleep(0.05)
    assert len(ranks) == 3, "mpirun did not start 3 ranks"
    for pid in [ranks[1]] + children(ranks[1]):
        os.kill(pid, signal.SIGKILL)
    at_kill = {json.dumps(r, sort_keys=True) for r in records(rep)}
    _, stderr = proc.communicate(timeout=300)
    assert no_fork_warning(stderr), stderr
    assert len(at_kill) < ITEMS, "the kill came too late to test anything"
    again = run(mpirun_cmd(3, zerocad_bin, *eval_args(setup, rep, pred="slow"), "-j", 1), timeout=600)
    assert again.returncode == 0, again.stderr
    assert no_fork_warning(again.stderr), again.stderr
    after = records(rep)
    ids = [r["id"] for r in after]
    assert len(ids) == len(set(ids)), "an item recorded twice"
    assert set(ids) == {r["id"] for r in records(runs["d"] / "one")}, "an item lost"
    assert at_kill <= {json.dumps(r, sort_keys=True) for r in after}, "a record finished before the kill was lost"
    # the same outcomes as the one-process run (the slow programs' tracebacks name other lines)
    one = {r["id"]: outcome(r)[:-1] for r in records(runs["d"] / "one")}
    assert {r["id"]: outcome(r)[:-1] for r in after} == one
    assert all(f"prediction {r['id'][1:].lstrip('0') or '0'} fails" in r["error"] for r in after if r["status"] == "error")
    assert again.stdout == runs["one"].stdout


def test_sigterm_records_no_program_it_cut_short(zerocad_bin, runs, setup, tmp_path):
    """SIGTERM (as mpirun sends when it ends a job) stops the executor mid-program: the programs
    it cut short must not be recorded (as crashed); the rerun records them as one process does."""
    rep = tmp_path / "t"
    cmd = [zerocad_bin, *map(str, eval_args(setup, rep, pred="slow")), "-j", "2", "--shard", "0/1"]
    one = {r["id"]: outcome(r)[:-1] for r in records(runs["d"] / "one")}
    cut = 0
    for attempt in range(3):   # the signal must land while programs run, not between chunks
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None and len(records(rep)) < 2 + 4 * attempt:
            time.sleep(0.02)
        if proc.poll() is None:
            time.sleep(0.15)
            proc.send_signal(signal.SIGTERM)
            cut += 1
        proc.communicate(timeout=300)
        got = records(rep)
        assert {r["id"]: outcome(r)[:-1] for r in got} == {r["id"]: one[r["id"]] for r in got}, \
            "a record differs from the one-process run's (a program cut short recorded?)"
        if len(got) == ITEMS:
            break
    assert cut >= 1, "the run ended before the signal: nothing tested"
    again = run(cmd, timeout=600)
    assert again.returncode == 0, again.stderr
    after = records(rep)
    assert sorted(r["id"] for r in after) == sorted(one)
    assert {r["id"]: outcome(r)[:-1] for r in after} == one


def test_plain_and_shared_runs_refuse_each_others_records(zerocad_bin, runs, setup):
    d = runs["d"]
    table = (d / "three.md").read_text()
    p = run([zerocad_bin, *map(str, eval_args(setup, d / "three"))])   # one process over a shared job
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "three.part-0000" in p.stderr, p.stderr
    assert not (d / "three.jsonl").exists() and (d / "three.md").read_text() == table
    p = run([zerocad_bin, *map(str, eval_args(setup, d / "one")), "--shard", "0/2"])   # a slice over one's
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "one.jsonl" in p.stderr, p.stderr
    assert not list(d.glob("one.shard-*"))


def test_shared_runs_need_an_output(zerocad_bin, setup, tmp_path):
    args = ["eval", "--pred", setup["pred"], "--gt", setup["gt"], "-q"]
    p = subprocess.run([zerocad_bin, *map(str, args), "--shard", "1/2"], capture_output=True, text=True, cwd=tmp_path,
                       timeout=300)
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "-o" in p.stderr, p.stderr
    p = subprocess.run(mpirun_cmd(2, zerocad_bin, *args), capture_output=True, text=True, cwd=tmp_path, timeout=300,
                       env=env_with_mpi())
    assert p.returncode != 0
    assert p.stderr.count("zerocad eval: -o REPORT is required under mpirun or with --shard") == 2, p.stderr
    assert not list(tmp_path.iterdir())


def test_bad_shard_is_one_line(zerocad_bin, setup, tmp_path):
    p = run([zerocad_bin, *map(str, eval_args(setup, tmp_path / "b")), "--shard", "3/3"])
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "--shard" in p.stderr, p.stderr
    assert not list(tmp_path.iterdir())


def test_torn_and_foreign_lines(zerocad_bin, runs, setup, tmp_path):
    d = runs["d"]
    for n in range(3):
        (tmp_path / f"t.part-0000{n}.jsonl").write_bytes((d / f"three.part-0000{n}.jsonl").read_bytes())
    part = tmp_path / "t.part-00001.jsonl"
    lines = part.read_text().splitlines(keepends=True)
    lost = json.loads(lines[-1])["id"]
    part.write_text("".join(lines[:-1]) + lines[-1][:25])   # its last record torn by a crash
    again = run(mpirun_cmd(3, zerocad_bin, *eval_args(setup, tmp_path / "t")), timeout=600)
    assert again.returncode == 0, again.stderr
    after = records(tmp_path / "t")
    assert sorted(r["id"] for r in after) == sorted(r["id"] for r in records(d / "one"))
    assert part.read_text().startswith("".join(lines[:-1]))
    assert lost not in [json.loads(x)["id"] for x in part.read_text().splitlines()[:len(lines) - 1]]
    assert again.stdout == runs["one"].stdout
    # a line that is not a record: refused, naming the file and the line, nothing changed
    other = tmp_path / "t.part-00002.jsonl"
    before = other.read_text()
    other.write_text(before + '{"id": "x"}\n')
    p = run([zerocad_bin, *map(str, eval_args(setup, tmp_path / "t")), "--shard", "0/1"])
    assert p.returncode == 2 and p.stderr.count("\n") == 1, p.stderr
    assert f"t.part-00002.jsonl:{before.count(chr(10)) + 1}:" in p.stderr, p.stderr
    assert other.read_text() == before + '{"id": "x"}\n'
    assert not (tmp_path / "t.shard-0-of-1.jsonl").exists()
