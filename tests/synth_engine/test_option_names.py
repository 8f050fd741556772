"""A bad option value is reported with the option as the user wrote it (not the value), for the
commands that share src/cli/cli_args.c."""
import subprocess

import pytest


@pytest.mark.parametrize("args,expect", [
    (["synth", "-n", "x", "-o", "OUT"], "zerocad synth: -n needs a number >= 1, not 'x'"),
    (["synth", "--rows", "0", "-o", "OUT"], "zerocad synth: --rows needs a number >= 1, not '0'"),
    (["synth", "-o", "OUT", "-n", "5", "--timeout", "abc"],
     "zerocad synth: --timeout needs a number >= 0.001, not 'abc'"),
    (["data", "import", "-j", "0", "-o", "OUT", "p.py"], "zerocad data import: -j needs a number >= 1, not '0'"),
    (["synth", "--llm", "http://127.0.0.1:9/v1", "--model", "m", "-n", "q", "-o", "OUT"],
     "zerocad synth: -n needs a number >= 1, not 'q'"),
    (["reconstruct", "--retrieval", "A", "--data", "B", "-o", "C", "-k", "0"],
     "zerocad reconstruct: -k needs a number in 1..1000, not '0'"),
])
def test_bad_number_names_the_option(zerocad_bin, tmp_path, args, expect):
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    res = subprocess.run([zerocad_bin, *args], capture_output=True, text=True, timeout=60)
    assert res.returncode == 2
    assert expect in res.stderr.splitlines(), res.stderr
    assert not (tmp_path / "out").exists()
