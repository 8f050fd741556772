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


BINARY = [f"image_{k}" for k in range(8)] + ["stl_file", "step_file", "cadquery_file"]
INTS = ["cadquery_ops_count", "num_faces", "num_renders"]
FLOATS = ["face_latency_ms", "ops_latency_ms"]


def make_rows(n, seed, image_bytes=(50, 400), null_rate=0.15):
    """Rows of the Zero-to-CAD schema with nulls; binaries as bytes (PNG-like, random)."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        row = {"uuid": f"{rnd.getrandbits(128):032x}-ü{i}"}
        row["cadquery_file"] = (f"import cadquery as cq\n# row {i} é\nresult = cq.Workplane().box("
                                f"{rnd.uniform(1, 9):.3f}, 2, 3)\n").encode()
        row["cadquery_ops_json"] = json.dumps([{"op_name": "box", "function": "Workplane.box"}] * rnd.randint(0, 3))
        row["cadquery_ops_count"] = rnd.randint(0, 40)
        row["num_faces"] = rnd.randint(6, 2 ** 40)
        row["num_renders"] = 8
        row["face_latency_ms"] = rnd.uniform(0, 1000)
        row["ops_latency_ms"] = rnd.choice([0.0, 1e-300, 12.5, rnd.random() * 1e6])
        for k in range(8):
            row[f"image_{k}"] = b"\x89PNG\r\n\x1a\n" + rnd.randbytes(rnd.randint(*image_bytes))
        row["stl_file"] = b"solid x\n" + rnd.randbytes(rnd.randint(0, 300))
        row["step_file"] = b"ISO-10303-21;" + rnd.randbytes(rnd.randint(0, 300))
        for key in list(row):
            if key != "uuid" and rnd.random() < null_rate:
                row[key] = None
        rows.append(row)
    return rows


def write_jsonl(rows, path):
    with open(path, "w") as f:
        for row in rows:
            j = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in row.items()}
            f.write(json.dumps(j) + "\n")


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
