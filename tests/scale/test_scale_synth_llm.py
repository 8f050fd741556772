"""`zerocad synth --llm` across processes (docs/scale.md) against the scripted OpenAI-compatible
server of tests/synth_llm (real HTTP on 127.0.0.1): under `mpirun -n 3` the dataset holds the
same rows (uuid, program, description, read back by DuckDB) as a plain one-process run with the
same descriptions; every rank holds its own conversations in its own state file, each
description's conversation held once (the server's own record of requests says so too); a
rank killed with SIGKILL, then the same command again: no finished conversation asked again,
none lost, no row twice; `--shard K/3` for K = 0, 1, 2 covers each description once and gives
the same dataset; the catalog made by rank 0 (no --descriptions); `synth --report` over a shared
job's folder counts every rank's calls as the server counted them; no OpenMPI fork warning."""
import json
import os
import pathlib
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from scale_helpers import children, env_with_mpi, mpirun_cmd, no_fork_warning, rank_processes, run

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "synth_llm"))
from fake_llm import (COMPLETION_TOKENS, PROMPT_TOKENS, FakeLLM, calls_message, description_of,  # noqa: E402
                      tool_call)

# Seven descriptions: six get a valid program (a box with a hole, its length the description's),
# "Plate C" only ever gets a program with too few faces and fails after --max-attempts 2.
LENGTHS = {"Plate A, 21 mm": 21, "Plate B, 22 mm": 22, "Plate C, never valid": None, "Plate D, 24 mm": 24,
           "Plate E, 25 mm": 25, "Plate F, 26 mm": 26, "Plate G, 27 mm": 27}
DESCS = list(LENGTHS)
ROWS = 6
WRONG = "import cadquery as cq\nresult = cq.Workplane(\"XY\").box(10, 10, 10)\n"


def program(length):
    return ("import cadquery as cq\n\nlength = %.1f\nresult = (cq.Workplane(\"XY\").box(length, 20.0, 10.0)\n"
            "          .faces(\">Z\").workplane().hole(5.0))\n" % length)


def script(block=None):
    def answer(req, hit):
        if "tools" not in req:   # a catalog call
            return ("message", {"role": "assistant", "content": json.dumps({"descriptions": DESCS})})
        desc = description_of(req)
        if block is not None and block.is_set() and desc == block.desc:
            return ("sleep", 60, ("status", 503, {}))
        length = LENGTHS[desc]
        code = WRONG if length is None else program(length)
        return ("message", calls_message(tool_call(f"call_{hit}", "execute_and_validate", {"code": code})))
    return answer


def llm_args(url, out, descs, *extra):
    args = ["synth", "--llm", url, "--model", "fake-model", "-n", str(ROWS), "-o", str(out), "-j", "1",
            "--timeout", "60", "--memory", "1024", "--max-attempts", "2", "--rows-per-shard", "2"]
    if descs is not None:
        args += ["--descriptions", str(descs)]
    return args + [str(e) for e in extra]


def write_descs(folder):
    path = pathlib.Path(folder) / "descs.txt"
    path.write_text("# the catalog of the test\n" + "\n".join(DESCS) + "\n")
    return path


def dataset(duck, folder):
    """{uuid: (description, md5 of the code)} of the dataset (not work/), read by DuckDB."""
    rows = duck(f"SELECT uuid, description, md5(cadquery_file) AS code FROM read_parquet('{folder}/part-*.parquet')")
    out = {}
    for r in rows:
        assert r["uuid"] not in out, f"row {r['uuid']} twice in {folder}"
        out[r["uuid"]] = (r["description"], r["code"])
    return out


def finished_jobs(folder):
    """[(state file, job id, description, status)] of every finished job in every state file."""
    out = []
    for f in sorted(pathlib.Path(folder).glob("llm-state.part-*.sqlite")):
        db = sqlite3.connect(f"file:{f}?mode=ro", uri=True)
        try:
            out += [(f.name, i, d, s) for i, d, s in
                    db.execute("SELECT id, description, status FROM jobs WHERE status IN ('accepted','failed')")]
        except sqlite3.Error:
            pass
        finally:
            db.close()
    return out


def code_requests_by_description(server, since=0):
    counts = {}
    for r in server.requests[since:]:
        d = description_of(r[2] or {})
        if d is not None:
            counts[d] = counts.get(d, 0) + 1
    return counts


@pytest.fixture(scope="module")
def reference(zerocad_bin, tmp_path_factory, duck):
    """A plain one-process run (no mpirun) with the same descriptions."""
    folder = tmp_path_factory.mktemp("llm")
    server = FakeLLM(script())
    res = subprocess.run([zerocad_bin, *llm_args(server.url, folder / "plain", write_descs(folder))],
                         capture_output=True, text=True, timeout=900)
    server.close()
    assert res.returncode == 0, res.stderr
    rows = dataset(duck, folder / "plain")
    assert sorted(d for d, _ in rows.values()) == [d for d in DESCS if LENGTHS[d] is not None]
    return rows


@pytest.fixture(scope="module")
def mpi_run(zerocad_bin, tmp_path_factory):
    folder = tmp_path_factory.mktemp("llm")
    server = FakeLLM(script())
    res = run(mpirun_cmd(3, zerocad_bin, *llm_args(server.url, folder / "mpi3", write_descs(folder))), timeout=900)
    server.close()
    return server, folder / "mpi3", res


def test_three_ranks_make_the_one_process_rows(mpi_run, reference, duck):
    _, out, res = mpi_run
    assert res.returncode == 0, res.stderr
    assert no_fork_warning(res.stderr), res.stderr
    assert dataset(duck, out) == reference
    manifest = json.loads((out / "synth.manifest.json").read_text())
    assert manifest["rows"] == ROWS and manifest["complete"] is True and manifest["programs"] == len(DESCS)


def test_each_conversation_held_once(mpi_run):
    server, out, res = mpi_run
    assert res.returncode == 0, res.stderr
    states = sorted(p.name for p in out.glob("llm-state.part-*.sqlite"))
    assert set(states) <= {f"llm-state.part-0000{r}.sqlite" for r in range(3)}, states
    jobs = finished_jobs(out)
    # conversations were held by more than one rank (batches are handed out as ranks ask)
    assert len({name for name, _, _, _ in jobs}) >= 2, jobs
    assert sorted(d for _, _, d, _ in jobs) == sorted(DESCS), "a conversation finished twice, or never"
    assert {d: s for _, _, d, s in jobs} == {d: "accepted" if n else "failed" for d, n in LENGTHS.items()}
    # job ids are the descriptions' positions in the file (1-based), whichever rank held them
    assert {d: i for _, i, d, _ in jobs} == {d: k + 1 for k, d in enumerate(DESCS)}
    # the server saw one request per valid description and two (--max-attempts 2) for Plate C
    assert code_requests_by_description(server) == {d: 1 if n else 2 for d, n in LENGTHS.items()}
    # every position recorded once in the engine's logs; Plate C rejected with the agent's reason
    lines = [json.loads(line) for f in sorted((out / "work").glob("synth-log.part-*.jsonl"))
             for line in f.read_text().splitlines()]
    assert sorted(rec["i"] for rec in lines) == list(range(len(DESCS)))
    bad = DESCS.index("Plate C, never valid")
    assert {rec["i"]: (rec["status"], rec.get("reason")) for rec in lines if rec["status"] != "valid"} == {
        bad: ("rejected", "agent: attempt budget spent")}


def test_report_counts_every_rank(mpi_run, zerocad_bin):
    server, out, res = mpi_run
    assert res.returncode == 0, res.stderr
    rep = subprocess.run([zerocad_bin, "synth", "--report", str(out), "--json"], capture_output=True, text=True,
                         timeout=60)
    assert rep.returncode == 0, rep.stderr
    got = json.loads(rep.stdout)
    answered = len(server.requests)
    assert got["calls"] == answered
    assert got["tokens_in"] == answered * PROMPT_TOKENS and got["tokens_out"] == answered * COMPLETION_TOKENS
    assert got["accepted"] == ROWS and got["failed"] == 1 and got["jobs"] == len(DESCS)
    assert got["attempt_rejects"] == {"fewer than 7 faces": 2}


def test_one_kind_of_run_per_folder(mpi_run, zerocad_bin, reference, tmp_path):
    """A plain run into a shared job's folder is refused with one line and changes nothing."""
    server, out, res = mpi_run
    before = sorted((p.name, p.stat().st_size) for p in out.rglob("*"))
    plain = subprocess.run([zerocad_bin, *llm_args("http://127.0.0.1:9/v1", out, write_descs(tmp_path))],
                           capture_output=True, text=True, timeout=120)
    assert plain.returncode == 2 and plain.stderr.count("\n") == 1 and "work/" in plain.stderr, plain.stderr
    # the generator's shared synth into it, or a shared --llm job into the generator's shared folder
    gen = run([zerocad_bin, "synth", "-n", "2", "-o", str(out), "--shard", "0/2", "-j", "1"], timeout=120)
    assert gen.returncode == 2 and gen.stderr.count("\n") == 1 and "synth --llm" in gen.stderr, gen.stderr
    assert sorted((p.name, p.stat().st_size) for p in out.rglob("*")) == before
    other = tmp_path / "generator"
    assert run([zerocad_bin, "synth", "-n", "1", "-o", str(other), "--shard", "0/1", "-j", "1"],
               timeout=300).returncode == 0
    llm = run([zerocad_bin, *llm_args("http://127.0.0.1:9/v1", other, write_descs(tmp_path), "--shard", "0/3")])
    assert llm.returncode == 2 and llm.stderr.count("\n") == 1 and "generator" in llm.stderr, llm.stderr
    assert not list(other.glob("llm-*")) and not list((other / "work").glob("llm-*"))
    # a shared job into a one-process run's folder
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "llm-state.sqlite").write_bytes(b"")
    one = run([zerocad_bin, *llm_args("http://127.0.0.1:9/v1", tmp_path / "one", write_descs(tmp_path),
                                      "--shard", "0/3")])
    assert one.returncode == 2 and one.stderr.count("\n") == 1 and "one-process" in one.stderr, one.stderr
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["llm-state.sqlite"]


def test_killed_rank_then_rerun(zerocad_bin, tmp_path, reference, duck):
    block = threading.Event()
    block.desc = "Plate G, 27 mm"
    block.set()
    server = FakeLLM(script(block))
    out = tmp_path / "killed"
    cmd = mpirun_cmd(3, zerocad_bin, *llm_args(server.url, out, write_descs(tmp_path)))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env_with_mpi())
    deadline = time.monotonic() + 600
    ranks, done = {}, []
    while time.monotonic() < deadline:
        ranks = rank_processes(proc.pid)
        done = finished_jobs(out) if out.exists() else []
        if len(ranks) == 3 and len(done) >= 3 and code_requests_by_description(server).get(block.desc):
            break
        time.sleep(0.1)
    assert len(ranks) == 3, "mpirun did not start 3 ranks"
    for pid in [ranks[1]] + children(ranks[1]):
        os.kill(pid, signal.SIGKILL)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode != 0
    assert no_fork_warning(stderr), stderr
    at_kill = {d for _, _, d, _ in finished_jobs(out)}
    assert len(at_kill) >= 3 and block.desc not in at_kill
    first = len(server.requests)
    block.clear()
    again = run(cmd, timeout=900)
    server.close()
    assert again.returncode == 0, again.stderr
    assert no_fork_warning(again.stderr), again.stderr
    asked_again = set(code_requests_by_description(server, first))
    assert block.desc in asked_again
    assert not asked_again & at_kill, "a finished conversation was asked again"
    jobs = finished_jobs(out)
    assert sorted(d for _, _, d, _ in jobs) == sorted(DESCS), "a conversation finished twice, or never"
    parts = out / "work" / "part-*.parquet"
    work = duck(f"SELECT uuid FROM read_parquet('{parts}')")
    assert len(work) == len({r["uuid"] for r in work}), "a row written twice"
    assert dataset(duck, out) == reference


def test_shard_slices_cover_each_description_once(zerocad_bin, tmp_path, reference, duck):
    server = FakeLLM(script())
    out = tmp_path / "sliced"
    descs = write_descs(tmp_path)
    for k in range(3):
        res = run([zerocad_bin, *llm_args(server.url, out, descs, "--shard", f"{k}/3")], timeout=900)
        assert res.returncode == 0, res.stderr
        assert no_fork_warning(res.stderr), res.stderr
        assert (out / "synth.manifest.json").exists() == (k == 2), "the dataset is written when the last slice ends"
    server.close()
    jobs = finished_jobs(out)
    for name, i, d, _ in jobs:
        k = int(name.split("shard-")[1].split("-of-")[0])
        assert (i - 1) % 3 == k, (name, i, d)
    assert sorted(d for _, _, d, _ in jobs) == sorted(DESCS)
    assert code_requests_by_description(server) == {d: 1 if n else 2 for d, n in LENGTHS.items()}
    assert dataset(duck, out) == reference


def test_one_slice_in_rounds(zerocad_bin, tmp_path, reference, duck):
    """--shard 0/1 with --in-flight 1: rounds of 4 descriptions (conversations, then their
    rows), the last one short; the same rows, each conversation once."""
    server = FakeLLM(script())
    out = tmp_path / "rounds"
    res = run([zerocad_bin, *llm_args(server.url, out, write_descs(tmp_path), "--shard", "0/1", "--in-flight", 1)],
              timeout=900)
    server.close()
    assert res.returncode == 0, res.stderr
    assert res.stderr.count("part shard-0-of-1: 4 programs run") == 1, res.stderr
    assert res.stderr.count("part shard-0-of-1: 3 programs run") == 1, res.stderr
    assert code_requests_by_description(server) == {d: 1 if n else 2 for d, n in LENGTHS.items()}
    assert dataset(duck, out) == reference


def test_shard_without_descriptions_or_catalog_is_one_line(zerocad_bin, tmp_path):
    res = run([zerocad_bin, *llm_args("http://127.0.0.1:9/v1", tmp_path / "nocat", None, "--shard", "0/2")])
    assert res.returncode == 2, res.stderr
    assert res.stderr.count("\n") == 1 and "--descriptions" in res.stderr, res.stderr


def test_rank0_makes_the_catalog(zerocad_bin, tmp_path, reference, duck):
    """Without --descriptions rank 0 makes the catalog (one call brings every description: the
    server answers each catalog call with the same list, so later calls add nothing) before any
    rank starts a conversation; the rows are the one-process run's."""
    server = FakeLLM(script())
    out = tmp_path / "catalog"
    res = run(mpirun_cmd(3, zerocad_bin, *llm_args(server.url, out, None, "--programs", len(DESCS), "--per-call",
                                                   len(DESCS))), timeout=900)
    server.close()
    assert res.returncode == 0, res.stderr
    assert no_fork_warning(res.stderr), res.stderr
    catalog = [i for i, r in enumerate(server.requests) if "tools" not in r[2]]
    conversations = [i for i, r in enumerate(server.requests) if "tools" in r[2]]
    assert len(catalog) == 1 and catalog[0] < min(conversations)
    assert code_requests_by_description(server) == {d: 1 if n else 2 for d, n in LENGTHS.items()}
    assert dataset(duck, out) == reference
