"""`zerocad synth --llm` against a scripted OpenAI-compatible server on 127.0.0.1 (real HTTP and
JSON): the catalog stage, a tool-using conversation (lookup_documentation, a wrong program and its
error, the fixed one), 429 with Retry-After, 500, a malformed answer, an unknown tool, arguments
that do not parse, an answer slower than the timeout, a server without tool calling, and a run
killed with SIGKILL and resumed. The test checks what the server received (messages, tools,
tool_call_ids, the Authorization header), the rows (read with DuckDB), lookup_documentation's
answer against Debian's python3 reading the module, and `--report` against the server's own count."""
import base64
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from fake_llm import (COMPLETION_TOKENS, PROMPT_TOKENS, FakeLLM, calls_message, description_of,  # noqa: E402
                      tool_call, turn_of)

KEY = "sk-test-9f8e7d6c5b4a"
TOOLS = {"execute_and_validate": "code", "lookup_documentation": "name", "grep_documentation": "pattern"}


def program(length):
    return ("import cadquery as cq\n\nlength = %.1f\nwidth = 20.0\nheight = 10.0\n"
            "result = (cq.Workplane(\"XY\").box(length, width, height)\n"
            "          .faces(\">Z\").workplane().hole(5.0))\n" % length)


WRONG = "import cadquery as cq\nresult = cq.Workplane(\"XY\").box(10, 10, 10)\n"


def run_synth(zerocad_bin, url, out, *extra, env_key=KEY, timeout=600, wait=True):
    env = dict(os.environ, OPENAI_API_KEY=env_key)
    cmd = [zerocad_bin, "synth", "--llm", url, "--model", "fake-model", "-o", str(out), "-j", "2",
           "--timeout", "60", *extra]
    if not wait:
        return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)


def rows(duck, out):
    got = duck(f"SELECT uuid, description, to_base64(cadquery_file) AS code, num_faces::INTEGER AS faces "
               f"FROM read_parquet('{out}/part-*.parquet') ORDER BY description")
    for r in got:
        r["code"] = base64.b64decode(r["code"]).decode()
    return got


# ---- the main scripted run: catalog + conversations with every kind of trouble ----

DESCS = {
    "hole": "A plate 40 mm long with a central hole",
    "retry": "A plate 50 mm long with a hole, served after 429 and 500",
    "bad": "A plate 60 mm long with a hole, after a malformed answer",
    "slow": "A plate 70 mm long with a hole, after an answer slower than the timeout",
    "grep": "A plate 80 mm long with a hole, after a documentation search",
    "escape": "A plate 90 mm long with a hole, after a program that tries to leave the sandbox",
}
ESCAPE = "import os\nos.system(\"echo escaped\")\n" + program(1)


def main_script(req, hit):
    if "tools" not in req:   # the catalog stage
        # duplicates up to case, spacing and a final full stop are stored once
        dups = [DESCS["hole"].upper(), "  " + DESCS["retry"].replace(" ", "   ") + "."]
        return ("message", {"role": "assistant",
                            "content": json.dumps({"descriptions": list(DESCS.values()) + dups})})
    desc, turn = description_of(req), turn_of(req)
    if desc == DESCS["hole"]:
        if turn == 0:
            return ("message", calls_message(tool_call("call_doc", "lookup_documentation", {"name": "Workplane.hole"})))
        if turn == 1:
            return ("message", calls_message(tool_call("call_bad", "execute_and_validate", {"code": WRONG})))
        return ("message", calls_message(tool_call("call_fix", "execute_and_validate", {"code": program(40)})))
    if desc == DESCS["retry"]:
        if hit == 0:
            return ("status", 429, {"Retry-After": "1"})
        if hit == 1:
            return ("status", 500, {})
        return ("message", calls_message(tool_call("call_r", "execute_and_validate", {"code": program(50)})))
    if desc == DESCS["bad"]:   # the malformed answer adds no assistant message: still turn 0
        if turn == 0 and hit == 0:
            return ("raw", '{"choices": [{"message": {"role": "assistant", "content": nul')
        if turn == 0:
            return ("message", calls_message(tool_call("call_u", "make_part", {"code": "x"}),
                                             tool_call("call_p", "execute_and_validate", '{"code": ')))
        return ("message", calls_message(tool_call("call_ok", "execute_and_validate", {"code": program(60)})))
    if desc == DESCS["slow"]:
        if hit == 0:
            return ("sleep", 4, ("message", calls_message(tool_call("call_late", "execute_and_validate",
                                                                      {"code": program(1)}))))
        return ("message", calls_message(tool_call("call_s", "execute_and_validate", {"code": program(70)})))
    if desc in (DESCS["grep"], DESCS["escape"]) and turn == 0:
        first = (tool_call("call_g", "grep_documentation", {"pattern": "fillet"}) if desc == DESCS["grep"] else
                 tool_call("call_e", "execute_and_validate", {"code": ESCAPE}))
        return ("message", calls_message(first))
    if desc in (DESCS["grep"], DESCS["escape"]):
        length = 80 if desc == DESCS["grep"] else 90
        return ("message", calls_message(tool_call("call_2", "execute_and_validate", {"code": program(length)})))
    return ("status", 404, {})


@pytest.fixture(scope="module")
def main_run(zerocad_bin, tmp_path_factory):
    server = FakeLLM(main_script)
    out = tmp_path_factory.mktemp("llm") / "main"
    res = run_synth(zerocad_bin, server.url, out, "-n", "6", "--per-call", "6", "--request-timeout", "2",
                    "--in-flight", "8")
    server.close()
    assert res.returncode == 0, res.stderr
    return server, out, res


def test_catalog_request_and_auth(main_run):
    server, out, _ = main_run
    assert server.requests, "the server got no request"
    for path, headers, body, _ in server.requests:
        assert path == "/v1/chat/completions"
        assert headers.get("Authorization") == f"Bearer {KEY}"
        assert body["model"] == "fake-model"
    catalog = [r for r in server.requests if "tools" not in r[2]]
    assert len(catalog) == 1
    ask = catalog[0][2]["messages"][-1]["content"]
    assert "6 distinct descriptions" in ask
    db = sqlite3.connect(out / "llm-state.sqlite")
    stored = sorted(d for (d,) in db.execute("SELECT description FROM jobs"))
    assert stored == sorted(DESCS.values())


def test_system_prompt_holds_the_documented_principles(main_run, repo_root):
    server, _, _ = main_run
    doc = (repo_root / "docs" / "synth-prompts.md").read_text()
    section = doc.split("## Design principles", 1)[1].split("\n## ", 1)[0]
    principles = [line.split(". ", 1)[1] for line in section.splitlines() if line[:1].isdigit()]
    assert 15 <= len(principles) <= 20
    snippet = doc.split("```python\n", 1)[1].split("```", 1)[0]
    system = server.code_requests()[0][2]["messages"][0]["content"]
    for p in principles:
        assert p in system
    assert snippet in system


def test_tools_sent_with_the_right_names(main_run):
    server, _, _ = main_run
    for _, _, body, _ in server.code_requests():
        tools = {t["function"]["name"]: t["function"]["parameters"] for t in body["tools"]}
        assert set(tools) == set(TOOLS)
        for name, param in TOOLS.items():
            assert list(tools[name]["properties"]) == [param] and tools[name]["required"] == [param]


def test_conversation_lookup_wrong_then_fixed(main_run, repo_root):
    server, _, _ = main_run
    reqs = [r[2] for r in server.code_requests(DESCS["hole"])]
    assert [turn_of(r) for r in reqs] == [0, 1, 2]
    assert reqs[0]["messages"][0]["role"] == "system"
    assert "import cadquery as cq" in reqs[0]["messages"][0]["content"]
    # turn 1 carries the answer to lookup_documentation, matched by its tool_call_id
    m1 = reqs[1]["messages"]
    assert m1[-2]["role"] == "assistant" and m1[-2]["tool_calls"][0]["id"] == "call_doc"
    assert "reasoning_content" not in m1[-2]
    tool = m1[-1]
    assert tool["role"] == "tool" and tool["tool_call_id"] == "call_doc"
    # the documentation as Debian's python3 reads it from the built module
    # (no signature while the module's methods carry no __text_signature__)
    probe = ("import cadquery, inspect, json\nf = cadquery.Workplane.hole\n"
             "try:\n    s = str(inspect.signature(f))\nexcept (TypeError, ValueError):\n    s = ''\n"
             "print(json.dumps([s, f.__doc__ or '']))")
    env = dict(os.environ, PYTHONPATH=str(repo_root / "build" / "python"))
    sig, doc = json.loads(subprocess.run(["/usr/bin/python3", "-c", probe], env=env, capture_output=True,
                                         text=True, check=True).stdout)
    assert tool["content"] == f"cadquery.Workplane.hole{sig}\n\n{doc or '(no docstring)'}"
    # turn 2 carries the wrong program's error: the rule that failed
    last = reqs[2]["messages"][-1]
    assert last["role"] == "tool" and last["tool_call_id"] == "call_bad"
    assert "fewer than 7 faces" in last["content"] and last["content"].startswith("FAILED")


def test_retries_after_429_and_500(main_run):
    server, _, _ = main_run
    reqs = server.code_requests(DESCS["retry"])
    assert len(reqs) == 3
    # Retry-After: 1 was honoured: the second try came at least a second after the first
    assert reqs[1][3] - reqs[0][3] >= 0.9
    assert reqs[0][2] == reqs[1][2] == reqs[2][2]


def test_malformed_answer_unknown_tool_bad_arguments(main_run):
    server, _, _ = main_run
    reqs = [r[2] for r in server.code_requests(DESCS["bad"])]
    assert len(reqs) == 3
    fed = reqs[1]["messages"][-1]
    assert fed["role"] == "user" and "not JSON" in fed["content"]
    tools = reqs[2]["messages"][-2:]
    assert [t["tool_call_id"] for t in tools] == ["call_u", "call_p"]
    assert "no tool \"make_part\"" in tools[0]["content"]
    assert "not JSON" in tools[1]["content"]


def test_slow_answer_is_retried(main_run):
    server, _, _ = main_run
    reqs = server.code_requests(DESCS["slow"])
    assert len(reqs) == 2 and reqs[0][2] == reqs[1][2]


def test_rows_hold_the_accepted_programs_and_descriptions(main_run, duck, zerocad_bin):
    _, out, _ = main_run
    got = rows(duck, out)
    want = {DESCS["hole"]: program(40), DESCS["retry"]: program(50), DESCS["bad"]: program(60),
            DESCS["slow"]: program(70), DESCS["grep"]: program(80), DESCS["escape"]: program(90)}
    assert {r["description"]: r["code"] for r in got} == want
    assert all(r["faces"] == 7 for r in got)
    cols = [r["column_name"] for r in duck(f"DESCRIBE SELECT * FROM read_parquet('{out}/part-00000.parquet')")]
    assert cols[-1] == "description" and cols[:2] == ["uuid", "cadquery_file"]
    shard = str(out / "part-00000.parquet")
    for sub in (["data", "stats", str(out)], ["data", "verify", str(out)], ["data", "head", shard],
                ["data", "info", shard]):
        res = subprocess.run([zerocad_bin, *sub], capture_output=True, text=True, timeout=600)
        assert res.returncode == 0, res.stderr
        if sub[1] == "info":
            assert "description" in res.stdout


def test_key_never_written(main_run):
    _, out, res = main_run
    assert KEY not in res.stderr and KEY not in res.stdout
    for root, _, files in os.walk(out):
        for f in files:
            with open(os.path.join(root, f), "rb") as fh:
                assert KEY.encode() not in fh.read(), f


def test_report_matches_the_server(main_run, zerocad_bin):
    server, out, _ = main_run
    res = subprocess.run([zerocad_bin, "synth", "--report", str(out), "--price-in", "2", "--price-out", "8",
                          "--json"], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    rep = json.loads(res.stdout)
    assert rep["accepted"] == 6 and rep["failed"] == 0
    # every answer with a message carried usage (100 in, 7 out), but the slow one never arrived
    answered = server.usage_sent[0] // PROMPT_TOKENS - 1
    assert rep["tokens_in"] == answered * PROMPT_TOKENS and rep["tokens_out"] == answered * COMPLETION_TOKENS
    assert rep["cost"] == pytest.approx(answered * (PROMPT_TOKENS / 1e6 * 2 + COMPLETION_TOKENS / 1e6 * 8))
    # first attempts: hole (wrong), retry, bad (call_p never ran), slow, grep (ok), escape (denied) -> 4 of 6
    assert rep["first_attempt_success_rate"] == pytest.approx(4 / 6)
    # attempts: hole 2, retry 1, bad 1, slow 1, grep 1, escape 2; tool calls: 3, 1, 3, 1, 2, 2
    assert rep["attempts_per_accepted"] == pytest.approx(8 / 6)
    assert rep["tool_calls_per_accepted"] == pytest.approx(12 / 6)
    assert rep["attempt_rejects"] == {"fewer than 7 faces": 1, "denied": 1}


def test_escape_is_fed_back(main_run):
    server, _, _ = main_run
    reqs = [r[2] for r in server.code_requests(DESCS["escape"])]
    assert len(reqs) == 2
    fed = reqs[1]["messages"][-1]
    assert fed["role"] == "tool" and fed["tool_call_id"] == "call_e"
    assert fed["content"].startswith("FAILED (denied)") and "os.system" in fed["content"]


GREP_PROBE = """import cadquery, inspect, json, re
def words(t):
    return set(re.findall(r"[^\\W_]+", (t or "").lower()))
out = {}
for n in dir(cadquery):
    o = getattr(cadquery, n)
    if n.startswith("_") or inspect.ismodule(o) or not (callable(o) or inspect.isclass(o)):
        continue
    out[n] = o.__doc__
    if inspect.isclass(o):
        for m in dir(o):
            if m.startswith("_"):
                continue
            raw = inspect.getattr_static(o, m, None)
            a = getattr(o, m, None)
            if isinstance(raw, property) or (callable(a) and not inspect.isclass(a)):
                out[n + "." + m] = raw.__doc__ if isinstance(raw, property) else a.__doc__
print(json.dumps(sorted(k for k, d in out.items() if "fillet" in words(k) | words(d))))
"""


def test_grep_documentation(main_run, repo_root):
    server, _, _ = main_run
    reqs = [r[2] for r in server.code_requests(DESCS["grep"])]
    fed = reqs[1]["messages"][-1]
    assert fed["role"] == "tool" and fed["tool_call_id"] == "call_g"
    env = dict(os.environ, PYTHONPATH=str(repo_root / "build" / "python"))
    want = json.loads(subprocess.run(["/usr/bin/python3", "-c", GREP_PROBE], env=env, capture_output=True,
                                     text=True, check=True).stdout)
    assert 0 < len(want) <= 20
    got = sorted(line.split(":", 1)[0].split("(", 1)[0].removeprefix("cadquery.")
                 for line in fed["content"].splitlines())
    assert got == want


# ---- a server without tool calling ----

NO_TOOLS_DESCS = {"A small plate with one hole": 33, "A second small plate with one hole": 34}


def no_tools_script(req, hit):
    if "tools" in req:
        return ("status", 400, {}, "this server does not support tools")
    turn = turn_of(req)
    if turn == 0:
        return ("message", {"role": "assistant", "content": "Here it is:\n```python\n" + WRONG + "```\n"})
    length = NO_TOOLS_DESCS[description_of(req)]
    return ("message", {"role": "assistant", "reasoning": "fix the faces",
                        "content": "Fixed:\n```python\n" + program(length) + "```\nDone."})


def test_server_without_tool_calling(zerocad_bin, tmp_path, duck):
    server = FakeLLM(no_tools_script)
    descs = tmp_path / "descs.txt"
    descs.write_text("# my catalog\n" + "\n".join(NO_TOOLS_DESCS) + "\n")
    out = tmp_path / "notools"
    res = run_synth(zerocad_bin, server.url, out, "-n", "2", "--descriptions", str(descs))
    server.close()
    assert res.returncode == 0, res.stderr
    assert "tools" in server.requests[0][2]
    for desc in NO_TOOLS_DESCS:
        bodies = [r[2] for r in server.code_requests(desc)]
        # at most the first was sent with tools (refused); then two turns without
        with_tools = ["tools" in b for b in bodies]
        assert with_tools in ([True, False, False], [False, False])
        fed = bodies[-1]["messages"][-1]
        assert fed["role"] == "user" and "fewer than 7 faces" in fed["content"]
        assert "execute_and_validate(code)" not in bodies[-1]["messages"][0]["content"]
    got = rows(duck, out)
    assert sorted((r["description"], r["code"]) for r in got) == sorted(
        (d, program(n)) for d, n in NO_TOOLS_DESCS.items())


# ---- killed and resumed ----

KILL_DESCS = ["Plate A, 21 mm", "Plate B, 22 mm", "Plate C, 23 mm"]


def kill_script(block):
    def script(req, hit):
        desc = description_of(req)
        i = KILL_DESCS.index(desc)
        if i == 2 and block.is_set():
            return ("sleep", 60, ("status", 503, {}))
        return ("message", calls_message(tool_call(f"call_{i}", "execute_and_validate", {"code": program(21 + i)})))
    return script


def test_killed_and_resumed(zerocad_bin, tmp_path, duck):
    import threading
    block = threading.Event()
    block.set()
    server = FakeLLM(kill_script(block))
    descs = tmp_path / "descs.txt"
    descs.write_text("\n".join(KILL_DESCS) + "\n")
    out = tmp_path / "kill"
    proc = run_synth(zerocad_bin, server.url, out, "-n", "3", "--descriptions", str(descs), wait=False)
    deadline = time.time() + 300
    done = 0
    while time.time() < deadline:
        if (out / "llm-state.sqlite").exists():
            try:
                db = sqlite3.connect(f"file:{out}/llm-state.sqlite?mode=ro", uri=True)
                done = db.execute("SELECT count(*) FROM jobs WHERE status='accepted'").fetchone()[0]
                db.close()
            except sqlite3.Error:
                done = 0
        if done == 2 and server.code_requests(KILL_DESCS[2]):
            break
        time.sleep(0.2)
    assert done == 2, "the first run never got two jobs accepted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    first = len(server.requests)
    block.clear()
    res = run_synth(zerocad_bin, server.url, out, "-n", "3", "--descriptions", str(descs))
    server.close()
    assert res.returncode == 0, res.stderr
    again = [description_of(r[2]) for r in server.requests[first:]]
    assert again == [KILL_DESCS[2]]   # finished jobs were never asked again
    got = rows(duck, out)
    assert sorted(r["description"] for r in got) == KILL_DESCS
    assert len({r["uuid"] for r in got}) == 3
