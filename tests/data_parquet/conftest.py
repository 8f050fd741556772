"""Fixtures for the parquet tests: pq_tool (built with the tests), the independent readers
(DuckDB and hyparquet from npm, installed here by `npm ci` from the committed package-lock
at test setup), and a generator of Zero-to-CAD rows."""
import json
import pathlib
import shutil
import subprocess

import pytest

from parquet_testlib import write_jsonl

HERE = pathlib.Path(__file__).resolve().parent
NODE_DIR = HERE / "node"


@pytest.fixture(scope="session")
def pq_tool(zerocad_bin):
    path = pathlib.Path(zerocad_bin).parent / "tests" / "data_parquet" / "pq_tool"
    if not path.exists():
        pytest.fail(f"{path} not built: run `make` first")
    return str(path)


@pytest.fixture(scope="session")
def node_modules():
    """npm ci (from the npm registry, at setup time) when node_modules is missing or stale."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    if not node or not npm:
        pytest.fail("node and npm are needed (scripts/install-deps.sh installs them)")
    stamp = NODE_DIR / "node_modules" / ".package-lock.json"
    lock = NODE_DIR / "package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True,
                       capture_output=True, timeout=600)
    return node


@pytest.fixture(scope="session")
def duck(node_modules):
    """duck(*sql) -> rows (dicts) of the last statement, as DuckDB reads/computes them."""
    def run(*sql):
        out = subprocess.run([node_modules, str(NODE_DIR / "duck.mjs"), *sql], capture_output=True,
                             text=True, timeout=600)
        assert out.returncode == 0, out.stderr
        return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return run


@pytest.fixture(scope="session")
def hyparquet(node_modules):
    def run(path):
        out = subprocess.run([node_modules, str(NODE_DIR / "hyp.mjs"), str(path)], capture_output=True,
                             text=True, timeout=600)
        assert out.returncode == 0, out.stderr
        return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return run


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
