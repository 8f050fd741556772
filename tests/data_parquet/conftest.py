"""Fixtures for the parquet tests: pq_tool (built with the tests), the independent readers
(DuckDB and hyparquet from npm, installed here by `npm ci` from the committed package-lock
at test setup), and a generator of Zero-to-CAD rows."""
import json
import os
import pathlib
import random
import shutil
import subprocess

import pytest

HERE = pathlib.Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def pq_tool(zerocad_bin):
    path = pathlib.Path(zerocad_bin).parent / "tests" / "data_parquet" / "pq_tool"
    if not path.exists():
        pytest.fail(f"{path} not built: run `make` first")
    return str(path)


from parquet_rows import BINARY, FLOATS, INTS, make_rows, write_jsonl  # noqa: E402,F401


@pytest.fixture
def write_shard(pq_tool, tmp_path):
    """write_shard(rows, name, codec=..., rg_bytes=...) -> path of the shard written by zc_data."""
    def write(rows, name="shard.parquet", codec="zstd", rg_bytes=1 << 26, extra=()):
        src = tmp_path / (name + ".jsonl")
        write_jsonl(rows, src)
        out = tmp_path / name
        res = subprocess.run([pq_tool, "write-shard", str(out), str(src), "--codec", codec,
                              "--rg-bytes", str(rg_bytes), *extra], capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        return out
    return write
