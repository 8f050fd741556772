"""`zerocad exec` at scale and under interruption: 1,000 mixed programs (the shared corpus and
the hostile corpus, repeated under distinct ids) yield exactly 1,000 records with the right
statuses and exact volumes; an executor stopped by SIGTERM midway leaves a valid file, no
worker behind, and a resumed run ends with the same set of records as one uninterrupted
run, none duplicated."""
import json
import os
import signal
import socket
import subprocess
import time
import uuid

import pytest

from exec_helpers import (EXPECTED, HOSTILE, CORPUS, check_corpus_record, expected_status,
                          hostile_sources, read_records, run_exec)

SLOW = {"loop_forever", "deep_recursion_c", "huge_stdout", "memory_bomb"}


@pytest.fixture(scope="module")
def mixed_run(zerocad_bin, tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    escape = f"/tmp/escape-{uuid.uuid4().hex}"
    hostile = hostile_sources(listener.getsockname()[1], escape)
    fast = [n for n in sorted(hostile) if n not in SLOW]
    corpus = sorted(EXPECTED)
    rows, expect = [], {}
    for k in range(996):
        if k % 8 == 7:
            name = fast[(k // 8) % len(fast)]
            rows.append({"id": f"h{k:04d}-{name}", "code": hostile[name]})
            expect[rows[-1]["id"]] = ("hostile", name)
        else:
            name = corpus[k % len(corpus)]
            rows.append({"id": f"c{k:04d}-{name[:-3]}", "code": (CORPUS / name).read_text()})
            expect[rows[-1]["id"]] = ("corpus", name)
    for k, name in enumerate(["loop_forever", "memory_bomb", "loop_forever", "memory_bomb"]):
        rows.insert(250 * k + 100, {"id": f"s{k}-{name}", "code": hostile[name]})
        expect[f"s{k}-{name}"] = ("hostile", name)
    src = root / "mixed.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = root / "results.jsonl"
    t0 = time.monotonic()
    proc = run_exec(zerocad_bin, src, "-o", res, "-j", "2", "--timeout", "5", "--memory", "512", timeout=600)
    elapsed = time.monotonic() - t0
    listener.setblocking(False)
    try:
        listener.accept()[0].close()
        connected = True
    except BlockingIOError:
        connected = False
    listener.close()
    yield {"proc": proc, "records": read_records(res), "expect": expect, "elapsed": elapsed,
           "connected": connected, "escape": escape}


def test_thousand_records_exactly(mixed_run):
    assert mixed_run["proc"].returncode == 0, mixed_run["proc"].stderr
    ids = [r["id"] for r in mixed_run["records"]]
    assert len(ids) == 1000 and len(set(ids)) == 1000
    assert set(ids) == set(mixed_run["expect"])


def test_thousand_statuses_and_volumes(mixed_run):
    wrong = []
    for rec in mixed_run["records"]:
        kind, name = mixed_run["expect"][rec["id"]]
        if kind == "corpus":
            check_corpus_record(name, rec)
        elif rec["status"] != expected_status(HOSTILE / f"{name}.py"):
            wrong.append((rec["id"], rec["status"], rec["error"]))
    assert not wrong, wrong[:5]


def test_thousand_nothing_escaped(mixed_run):
    assert not mixed_run["connected"]
    for suffix in ("", "-system", "-subprocess", "-exec", "-osopen", "-export.step"):
        assert not os.path.exists(mixed_run["escape"] + suffix)


def test_thousand_summary(mixed_run):
    err = mixed_run["proc"].stderr
    assert "1000 of 1000 programs" in err
    n_ok = sum(r["status"] == "ok" for r in mixed_run["records"])
    assert f"ok {n_ok}," in err and f"success {100.0 * n_ok / 1000:.1f}%" in err


def slow_boxes(path, n):
    """n programs that each sleep a little and make a box of volume i (i = 1..n)."""
    rows = [{"id": f"p{i:03d}", "code": f"import time\nimport cadquery as cq\ntime.sleep(0.03)\n"
                                         f"result = cq.Workplane().box({i}, 1, 1)\n"} for i in range(1, n + 1)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def workers_of(results_path):
    """Processes still running whose command line names this results file (workers are forks)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
        except OSError:
            continue
        if str(results_path).encode() in cmd:
            found.append(int(pid))
    return found


def test_sigterm_then_resume(zerocad_bin, tmp_path):
    n = 120
    src = tmp_path / "boxes.jsonl"
    slow_boxes(src, n)
    res = tmp_path / "resumed.jsonl"
    proc = subprocess.Popen([zerocad_bin, "exec", str(src), "-o", str(res), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if res.exists() and res.read_text().count("\n") >= 15:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert "resume" in err
    partial = read_records(res)        # every line whole and valid
    assert 15 <= len(partial) < n
    assert not workers_of(res)

    p2 = run_exec(zerocad_bin, src, "-o", res, "-j", "2")
    assert p2.returncode == 0, p2.stderr
    assert f"{len(partial)} already recorded" in p2.stderr
    resumed = read_records(res)
    assert resumed[:len(partial)] == partial
    ids = [r["id"] for r in resumed]
    assert len(ids) == n and len(set(ids)) == n

    single = tmp_path / "single.jsonl"
    p3 = run_exec(zerocad_bin, src, "-o", single, "-j", "2")
    assert p3.returncode == 0, p3.stderr

    def key_set(recs):
        return {(r["id"], r["status"], r["volume"], tuple(r["bbox"])) for r in recs}

    assert key_set(resumed) == key_set(read_records(single))
    for r in resumed:
        assert r["status"] == "ok"
        assert r["volume"] == pytest.approx(float(int(r["id"][1:])), rel=1e-12)


def test_second_run_skips_everything(zerocad_bin, tmp_path):
    src = tmp_path / "boxes.jsonl"
    slow_boxes(src, 5)
    res = tmp_path / "r.jsonl"
    assert run_exec(zerocad_bin, src, "-o", res).returncode == 0
    before = res.read_text()
    p = run_exec(zerocad_bin, src, "-o", res)
    assert p.returncode == 0
    assert "0 of 0 programs" in p.stderr and "5 already recorded" in p.stderr
    assert res.read_text() == before
