"""Shared pytest fixtures: where the built binary, the extension and the test data are.

All test data lives in the repository under tests/data/ (see tests/data/README.md); a test that
needs a file that is absent fails naming it, it never skips."""
import json
import os
import pathlib
import shutil
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
TEST_DATA = REPO / "tests" / "data"
# The independent parquet implementations (DuckDB, hyparquet) from npm: tests/data_parquet/node.
NODE_DIR = REPO / "tests" / "data_parquet" / "node"

# Model tests compare logits and ids with float64 references at fp32 tolerances: every zerocad
# process the tests start computes its long products in fp32 (ZC_GEMM=f32) unless a test says
# otherwise. The default bf16 products (AVX512-BF16 CPUs) are tested against the reference at bf16
# tolerances by tests/vision/test_vision_bf16.py, which takes ZC_GEMM out of its environment.
os.environ.setdefault("ZC_GEMM", "f32")


@pytest.fixture(scope="session")
def repo_root():
    return REPO


@pytest.fixture(scope="session")
def test_data():
    for sub in ("programs/expected.json", "tokenizer/vocab.json", "tokenizer/merges.txt"):
        if not (TEST_DATA / sub).exists():
            pytest.fail(f"test data missing: {TEST_DATA / sub} (it is part of the repository)")
    return TEST_DATA


@pytest.fixture(scope="session")
def zerocad_bin():
    path = os.environ.get("ZEROCAD", str(REPO / "build" / "zerocad"))
    if not os.path.exists(path):
        pytest.fail(f"zerocad binary not found at {path}: build with `make` first")
    return os.path.abspath(path)


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
