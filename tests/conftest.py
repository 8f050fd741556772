"""Shared pytest fixtures: where the built binary, the extension and the test data are.

All test data lives in the repository under tests/data/ (see tests/data/README.md); a test that
needs a file that is absent fails naming it, it never skips."""
import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
TEST_DATA = REPO / "tests" / "data"


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
