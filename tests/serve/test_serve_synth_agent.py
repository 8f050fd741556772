"""End to end: the synthesis agent (`zerocad synth --llm`) with `zerocad serve` as its LLM. The tiny
random model writes no valid program; the test checks that the loop runs against the server and
records every call: as many calls in the agent's state as chat requests in the server's log, each
with the server's usage, and the truncated answers (finish_reason "length") named as such."""
import sqlite3
import subprocess

from serve_helpers import Server

KEY = "sk-agent-serve"


def test_synth_agent_against_serve(zerocad_bin, ckpt, tmp_path):
    s = Server(zerocad_bin, ckpt, tmp_path / "serve.log", "--api-key", KEY)
    try:
        (tmp_path / "desc.txt").write_text("A plate with a central hole\n")
        out = tmp_path / "out"
        p = subprocess.run([zerocad_bin, "synth", "--llm", f"http://127.0.0.1:{s.port}/v1", "--model", "tiny-serve",
                            "-n", "1", "-o", str(out), "--descriptions", str(tmp_path / "desc.txt"),
                            "--max-completion-tokens", "8", "--max-tokens", "2500", "--retries", "0", "-j", "1"],
                           capture_output=True, text=True, timeout=900, env={"OPENAI_API_KEY": KEY, "PATH": "/usr/bin"})
    finally:
        s.stop()
    assert "0 programs accepted" in p.stderr, p.stderr
    db = sqlite3.connect(out / "llm-state.sqlite")
    calls = db.execute("SELECT http_status, tokens_in, tokens_out, error FROM calls WHERE stage = 'code' "
                       "ORDER BY id").fetchall()
    (status, reason), = db.execute("SELECT status, reason FROM jobs").fetchall()
    assert status == "failed" and reason
    served = [ln for ln in open(s.log).read().splitlines() if ln.startswith("serve: POST /v1/chat/completions 200")]
    assert len(calls) >= 2 and len(calls) == len(served)
    for (http, tin, tout, err), line in zip(calls, served):
        assert http == 200 and tout == 8 and f"prompt={tin} completion=8 " in line
        assert "truncated" in err
    assert sum(c[1] + c[2] for c in calls) >= 2500  # the job's token budget is what ended it
