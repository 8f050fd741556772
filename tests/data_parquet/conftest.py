"""Fixtures for the parquet tests: pq_tool (built with the tests) and a writer of shards from
rows (parquet_testlib). The independent readers (DuckDB and hyparquet from npm, installed by
`npm ci` from the committed package-lock at test setup) are fixtures of tests/conftest.py."""
import pathlib
import subprocess

import pytest

from parquet_testlib import write_jsonl



@pytest.fixture(scope="session")
def pq_tool(zerocad_bin):
    path = pathlib.Path(zerocad_bin).parent / "tests" / "data_parquet" / "pq_tool"
    if not path.exists():
        pytest.fail(f"{path} not built: run `make` first")
    return str(path)


# node_modules, duck and hyparquet (the independent readers) are in tests/conftest.py.


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
