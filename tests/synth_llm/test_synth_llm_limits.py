"""`zerocad synth --llm`: budgets, rate caps and bad usage, against the scripted server of
fake_llm.py: a job ends when its token or tool-call budget is spent (recorded with the reason,
the server asked no more than the budget allows), --rpm holds a request back until the minute
has passed, and bad options or a missing state are one-line errors with exit status 2."""
import os
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from fake_llm import FakeLLM, calls_message, tool_call  # noqa: E402
from test_synth_llm import program, run_synth  # noqa: E402


def lookup_forever(req, hit):
    return ("message", calls_message(tool_call(f"c{hit}", "lookup_documentation", {"name": "Workplane.box"})))


def job_rows(out):
    db = sqlite3.connect(out / "llm-state.sqlite")
    return db.execute("SELECT status, reason, tool_calls, tokens_in, tokens_out FROM jobs").fetchall()


def test_token_budget(zerocad_bin, tmp_path):
    server = FakeLLM(lookup_forever)
    descs = tmp_path / "d.txt"
    descs.write_text("A bracket that never gets written\n")
    out = tmp_path / "tok"
    # each answer reports 100 + 7 tokens: after two answers (214) the budget of 150 is spent
    res = run_synth(zerocad_bin, server.url, out, "-n", "1", "--descriptions", str(descs), "--max-tokens", "150")
    server.close()
    assert res.returncode == 1 and "holds 0 of 1 rows" in res.stderr
    assert len(server.requests) == 2
    assert job_rows(out) == [("failed", "token budget spent", 2, 200, 14)]


def test_tool_call_budget(zerocad_bin, tmp_path):
    server = FakeLLM(lookup_forever)
    descs = tmp_path / "d.txt"
    descs.write_text("A bracket that never gets written\n")
    out = tmp_path / "tools"
    res = run_synth(zerocad_bin, server.url, out, "-n", "1", "--descriptions", str(descs), "--max-tool-calls", "3")
    server.close()
    assert res.returncode == 1
    # three calls answered, the fourth answer's call is over budget
    assert len(server.requests) == 4
    status, reason, calls, _, _ = job_rows(out)[0]
    assert (status, reason, calls) == ("failed", "tool-call budget spent", 3)


def test_requests_per_minute_cap(zerocad_bin, tmp_path):
    def script(req, hit):
        n = int(req["messages"][1]["content"].rsplit(" ", 1)[1])
        return ("message", calls_message(tool_call("c", "execute_and_validate", {"code": program(30 + n)})))
    server = FakeLLM(script)
    descs = tmp_path / "d.txt"
    descs.write_text("Plate number 1\nPlate number 2\nPlate number 3\n")
    out = tmp_path / "rpm"
    proc = run_synth(zerocad_bin, server.url, out, "-n", "3", "--descriptions", str(descs), "--rpm", "2",
                     "--in-flight", "3", wait=False)
    deadline = time.time() + 120
    while len(server.requests) < 2 and time.time() < deadline:
        time.sleep(0.1)
    assert len(server.requests) == 2
    time.sleep(3)   # the third may only start a minute after the first
    assert len(server.requests) == 2
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    server.close()
    assert proc.returncode == 1 and "run the same command again" in err


def test_bad_usage(zerocad_bin, tmp_path):
    cases = [
        (["synth", "--llm", "http://127.0.0.1:9/v1", "-n", "1", "-o", str(tmp_path / "x")], "--model NAME"),
        (["synth", "--llm", "ftp://x/v1", "--model", "m", "-n", "1", "-o", str(tmp_path / "x")], "http://"),
        (["synth", "--llm", "http://127.0.0.1:9/v1", "--model", "m", "-n", "1", "-o", str(tmp_path / "x"),
          "--descriptions", str(tmp_path / "missing.txt")], "missing.txt"),
        (["synth", "--report", str(tmp_path / "nothing")], "llm-state.sqlite"),
        (["synth", "--llm", "http://127.0.0.1:9/v1", "--model", "m", "-n", "0", "-o", str(tmp_path / "x")], "-n"),
    ]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"A plate\n\xff\xfe not text\n")
    cases.append((["synth", "--llm", "http://127.0.0.1:9/v1", "--model", "m", "-n", "1", "-o", str(tmp_path / "y"),
                   "--descriptions", str(bad)], "bad.txt:2: not UTF-8"))
    for args, needle in cases:
        res = subprocess.run([zerocad_bin, *args], capture_output=True, text=True, timeout=60)
        assert res.returncode == 2, (args, res.stderr)
        assert needle in res.stderr and len(res.stderr.strip().splitlines()) == 1, res.stderr


def test_help(zerocad_bin):
    res = subprocess.run([zerocad_bin, "synth", "--llm", "x", "--help"], capture_output=True, text=True)
    assert res.returncode == 0
    for opt in ("--model", "--descriptions", "--api-key-env", "--rpm", "--tpm", "--max-attempts", "--report",
                "--price-in"):
        assert opt in res.stdout
