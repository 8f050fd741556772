"""Shared pytest fixtures: where the built binary, the extension and the shared data are."""
import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_root():
    return REPO


@pytest.fixture(scope="session")
def shared_dir():
    return SHARED


@pytest.fixture(scope="session")
def zerocad_bin():
    path = os.environ.get("ZEROCAD", str(REPO / "build" / "zerocad"))
    if not os.path.exists(path):
        pytest.fail(f"zerocad binary not found at {path}: build with `make` first")
    return os.path.abspath(path)
