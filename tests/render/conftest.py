"""Fixtures for the renderer tests: run `zerocad render`, write programs and view specs."""
import json
import subprocess

import pytest


@pytest.fixture(scope="session")
def default_spec(zerocad_bin):
    out = subprocess.run([zerocad_bin, "render", "--print-spec"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture
def write_program(tmp_path):
    def write(name, body):
        path = tmp_path / name
        path.write_text("import cadquery as cq\n" + body + "\n")
        return path
    return write


@pytest.fixture
def write_spec(tmp_path, default_spec):
    """A spec file: the default with top-level/nested overrides and an optional view list."""
    def write(name="spec.json", views=None, **overrides):
        spec = json.loads(json.dumps(default_spec))
        for key, value in overrides.items():
            if isinstance(value, dict):
                spec[key].update(value)
            else:
                spec[key] = value
        if views is not None:
            spec["views"] = views
        path = tmp_path / name
        path.write_text(json.dumps(spec))
        return path, spec
    return write


@pytest.fixture
def render(zerocad_bin, tmp_path):
    """Runs `zerocad render INPUT -o DIR ARGS...`; returns the completed process and DIR."""
    counter = [0]

    def run(inp, *args, check=True):
        counter[0] += 1
        outdir = tmp_path / f"out{counter[0]}"
        proc = subprocess.run([zerocad_bin, "render", str(inp), "-o", str(outdir), *map(str, args)],
                              capture_output=True, text=True, timeout=120)
        if check:
            assert proc.returncode == 0, proc.stderr
        return proc, outdir
    return run
