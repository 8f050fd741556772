"""`zerocad exec` on the hostile corpus (tests/exec/hostile, each file declaring its expected
status) mixed with the shared corpus: every program gets exactly one record with the right
status, nothing escapes (no files outside scratch, no connection to a listener the test
runs, no leaked secrets), and the valid programs' volumes still match the analytic values."""
import os
import socket
import uuid

import pytest

from exec_helpers import (EXPECTED, HOSTILE, CORPUS, check_corpus_record, expected_status,
                          hostile_sources, read_records, run_exec)

HOSTILE_NAMES = sorted(p.stem for p in HOSTILE.glob("*.py"))
CORPUS_NAMES = sorted(EXPECTED)
ESCAPE_SUFFIXES = ("", "-system", "-subprocess", "-exec", "-osopen", "-export.step")


@pytest.fixture(scope="module", params=["landlock", "no-landlock"])
def hostile_run(zerocad_bin, tmp_path_factory, request):
    """The whole corpus once with every layer, and once without Landlock (as on kernels that
    lack it): the audit hook and seccomp must hold on their own."""
    root = tmp_path_factory.mktemp("hostile")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.setblocking(False)
    escape = f"/tmp/escape-{uuid.uuid4().hex}"
    progs = root / "programs"
    progs.mkdir()
    for name, src in hostile_sources(listener.getsockname()[1], escape).items():
        (progs / f"{name}.py").write_text(src)
    outdir = root / "out"
    results = root / "results.jsonl"
    env = dict(os.environ, ZEROCAD_SECRET="do-not-leak-" + uuid.uuid4().hex,
               ZEROCAD_EXEC_LANDLOCK="1" if request.param == "landlock" else "0")
    proc = run_exec(zerocad_bin, progs, CORPUS, "-o", results, "-j", "2", "--timeout", "10",
                    "--memory", "512", "--out-dir", outdir, env=env)
    try:
        conn, _ = listener.accept()
        conn.close()
        connected = True
    except BlockingIOError:
        connected = False
    listener.close()
    yield {"proc": proc, "records": read_records(results), "root": root, "outdir": outdir,
           "escape": escape, "connected": connected, "secret": env["ZEROCAD_SECRET"]}
    for suffix in ESCAPE_SUFFIXES:
        if os.path.exists(escape + suffix):
            os.remove(escape + suffix)


def by_id(run):
    return {r["id"]: r for r in run["records"]}


def test_run_completes(hostile_run):
    p = hostile_run["proc"]
    assert p.returncode == 0, p.stderr
    assert "programs" in p.stderr and "success" in p.stderr   # the summary


def test_exactly_one_record_per_program(hostile_run):
    ids = [r["id"] for r in hostile_run["records"]]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(HOSTILE_NAMES + [n[:-3] for n in CORPUS_NAMES])


def test_record_fields(hostile_run):
    keys = {"id", "status", "error", "volume", "area", "bbox", "solids", "faces", "edges", "valid", "seconds",
            "peak_rss_mb", "exports"}
    for r in hostile_run["records"]:
        assert set(r) == keys, r
        assert r["status"] in {"ok", "error", "timeout", "memory", "crashed", "denied"}
        assert (r["error"] is None) == (r["status"] == "ok"), r
        if r["error"] is not None:
            assert "\n" not in r["error"]
        assert r["seconds"] >= 0 and r["peak_rss_mb"] > 0


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_status(hostile_run, name):
    rec = by_id(hostile_run)[name]
    assert rec["status"] == expected_status(HOSTILE / f"{name}.py"), rec


@pytest.mark.parametrize("name,attempt", [
    ("os_system", "os.system"), ("subprocess_run", "subprocess"), ("os_exec", "os.exec"),
    ("fork_bomb", "os.fork"), ("socket_connect", "socket."), ("socket_raw", "socket."),
    ("write_parent", "escape.txt"), ("write_tmp", "/tmp/escape-"), ("read_shadow", "/etc/shadow"),
    ("ctypes_segfault", "ctypes"), ("kill_parent", "os.kill"), ("raise_limits", "setrlimit"),
    ("symlink_escape", "os.symlink"), ("catches_denial", "os.system"),
    ("exporter_escape", "/tmp/escape-"), ("shape_export_escape", "../escape.stl"),
    ("import_shadow", "/etc/shadow"),
])
def test_denied_names_the_attempt(hostile_run, name, attempt):
    rec = by_id(hostile_run)[name]
    assert rec["error"].startswith("denied: "), rec
    assert attempt in rec["error"], rec


def test_timeout_and_memory_and_crash_messages(hostile_run):
    recs = by_id(hostile_run)
    assert recs["loop_forever"]["error"].startswith("Timeout")
    assert 9.9 <= recs["loop_forever"]["seconds"] < 30
    assert recs["memory_bomb"]["error"].startswith("MemoryError")
    assert "SIGSEGV" in recs["segfault"]["error"] or "Segmentation" in recs["segfault"]["error"]
    assert recs["occt_failure"]["error"].startswith("StdFail_NotDone")
    assert recs["deep_recursion"]["error"].startswith("RecursionError")


def test_no_connection_reached_the_listener(hostile_run):
    assert not hostile_run["connected"]


def test_nothing_written_outside_scratch(hostile_run):
    escape = hostile_run["escape"]
    for suffix in ESCAPE_SUFFIXES:
        assert not os.path.exists(escape + suffix), escape + suffix
    for name in ("escape.txt", "escape.stl"):
        assert not (hostile_run["outdir"] / name).exists()
        assert not (hostile_run["root"] / name).exists()


def test_no_secret_leaked(hostile_run):
    text = "\n".join(str(r["error"]) for r in hostile_run["records"])
    assert hostile_run["secret"] not in text
    assert "root:" not in text    # /etc/shadow's first field


def test_programs_after_hostile_ones_still_work(hostile_run):
    recs = by_id(hostile_run)
    for name in ("huge_stdout", "delete_scratch"):
        assert recs[name]["status"] == "ok", recs[name]
        assert abs(recs[name]["volume"] - 6.0) <= 1e-9          # a 1 x 2 x 3 box
    assert abs(recs["clean_env"]["volume"] - 12.5 * 4) <= 1e-9   # 12.5 read back from scratch, x 2 x 2
    assert abs(recs["export_in_scratch"]["volume"] - 24.0) <= 1e-6  # 2 x 3 x 4 through STEP and back
    assert abs(recs["benign_stdlib"]["volume"] - 18.0) <= 1e-9      # 3 x 3 x 2, 3 read back from a CSV
    assert abs(recs["close_all_fds"]["volume"] - 8.0) <= 1e-9       # 2 x 2 x 2 after closing every fd


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_volume_exact(hostile_run, name):
    check_corpus_record(name, by_id(hostile_run)[name[:-3]])
