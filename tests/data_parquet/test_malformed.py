"""Malformed and truncated files: one line naming the file and what is wrong, exit status 1,
never a crash or a hang, for every truncation point class and many seeded byte corruptions."""
import random
from pathlib import Path
import subprocess

import pytest

from parquet_testlib import make_rows, write_jsonl


def check_no_crash(tool, path, args):
    cmd = [tool, *args, str(path)] if tool.endswith("pq_tool") else [tool, "data", *args, str(path)]
    res = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=30)
    assert res.returncode in (0, 1), (res.returncode, res.stderr)
    if res.returncode == 1:
        lines = res.stderr.splitlines()
        assert len(lines) == 1 and str(path) in lines[0], res.stderr
    return res.returncode


@pytest.fixture(scope="module")
def good_bytes(tmp_path_factory, pq_tool):
    d = tmp_path_factory.mktemp("good")
    write_jsonl(make_rows(30, seed=2), d / "rows.jsonl")
    subprocess.run([pq_tool, "write-shard", str(d / "g.parquet"), str(d / "rows.jsonl"), "--rg-bytes", "8000"],
                   check=True)
    return (d / "g.parquet").read_bytes()


def test_truncated(zerocad_bin, good_bytes, tmp_path):
    n = len(good_bytes)
    for cut in [0, 3, 4, 8, 11, 12, n // 3, n // 2, n - 9, n - 8, n - 5, n - 4, n - 1]:
        path = tmp_path / f"cut{cut}.parquet"
        path.write_bytes(good_bytes[:cut])
        assert check_no_crash(zerocad_bin, path, ["head", "-n", "1000"]) == 1
        assert check_no_crash(zerocad_bin, path, ["info"]) == 1


def test_corrupted_bytes(pq_tool, zerocad_bin, good_bytes, tmp_path):
    """pq_tool dump reads every column of every row group (as zerocad data head does)."""
    rnd = random.Random(1234)
    n = len(good_bytes)
    failures = 0
    for i in range(300):
        data = bytearray(good_bytes)
        for _ in range(rnd.randint(1, 4)):
            pos = rnd.randrange(n - 8) if i % 2 else rnd.randrange(max(0, n - 600), n - 8)  # data or footer
            data[pos] = rnd.randrange(256)
        path = tmp_path / f"bad{i}.parquet"
        path.write_bytes(bytes(data))
        failures += check_no_crash(pq_tool, path, ["dump"]) == 1
        if i % 20 == 0:
            check_no_crash(zerocad_bin, path, ["info"])
    assert failures > 0          # corruption is detected at least sometimes (checks ran)


def test_footer_length_lies(zerocad_bin, good_bytes, tmp_path):
    data = bytearray(good_bytes)
    data[-8:-4] = (len(data) * 2).to_bytes(4, "little")
    path = tmp_path / "lies.parquet"
    path.write_bytes(bytes(data))
    res = subprocess.run([zerocad_bin, "data", "info", str(path)], capture_output=True, text=True)
    assert res.returncode == 1
    assert "footer length" in res.stderr and str(path) in res.stderr


def test_row_group_rows_beyond_values(zerocad_bin):
    """Found by fuzz_parquet: a row group claiming 168,966,420,036 rows over column chunks of a few
    values made the row index allocate terabytes. The footer is refused at open, naming why."""
    path = Path(__file__).parent / "regress" / "rowgroup-rows-huge.parquet"
    for args in (["info"], ["head", "-n", "5"], ["verify"]):
        res = subprocess.run([zerocad_bin, "data", *args, str(path)], capture_output=True, text=True,
                             timeout=30)
        out = res.stderr + res.stdout           # verify reports each file's problem on stdout
        assert res.returncode == 1, (args, out)
        assert str(path) in out
        assert "more rows than a column chunk has values" in out, out
