"""Fixtures of the generator tests: synth_dump's path and a folder of programs checked once per
session (the checks are the slow part: every program runs through our cadquery module)."""
import os
import pathlib
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import synth_check  # noqa: E402

from synth_check import CHECK_COUNT, CHECK_SEED, dump  # noqa: E402,F401


@pytest.fixture(scope="session")
def synth_dump(repo_root):
    zerocad = os.environ.get("ZEROCAD", str(repo_root / "build" / "zerocad"))
    path = pathlib.Path(zerocad).resolve().parent / "tests" / "synth" / "synth_dump"
    if not path.exists():
        pytest.fail(f"synth_dump not found at {path}: build with `make` first")
    return str(path)


@pytest.fixture(scope="session")
def checked(synth_dump, tmp_path_factory):
    """(folder, manifest rows, {path: (reason, faces)}) for CHECK_COUNT programs of CHECK_SEED."""
    folder = dump(synth_dump, tmp_path_factory.mktemp("programs"), CHECK_SEED, CHECK_COUNT)
    paths = sorted(folder.glob("*.py"))
    results = synth_check.check_files(paths, jobs=2)
    return folder, synth_check.read_manifest(folder), results
