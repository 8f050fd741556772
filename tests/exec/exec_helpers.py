"""Helpers shared by the executor tests: the hostile corpus with its placeholders filled in,
running `zerocad exec`, reading its records, and the shared corpus's expected values."""
import json
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
HOSTILE = HERE / "hostile"
CORPUS = HERE.parent / "data" / "programs"
EXPECTED = json.loads((CORPUS / "expected.json").read_text())


def expected_status(path):
    """The status a hostile program declares on its first line: '# expect: STATUS'."""
    first = pathlib.Path(path).read_text().splitlines()[0]
    assert first.startswith("# expect:"), path
    return first.split(":", 1)[1].strip()


def hostile_sources(port, escape):
    """{name: source} of the hostile corpus, with @PORT@ and @ESCAPE@ filled in."""
    out = {}
    for p in sorted(HOSTILE.glob("*.py")):
        out[p.stem] = p.read_text().replace("@PORT@", str(port)).replace("@ESCAPE@", escape)
    return out


def run_exec(zerocad_bin, *args, env=None, timeout=300, cwd=None):
    return subprocess.run([zerocad_bin, "exec", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=cwd)


def read_records(path):
    """Every line of a results file, parsed (a torn or malformed line fails the test)."""
    lines = pathlib.Path(path).read_text().splitlines()
    return [json.loads(line) for line in lines]


def close(a, b, rel):
    return abs(a - b) <= rel * max(1.0, abs(b))


def check_corpus_record(name, rec):
    """The record of a shared-corpus program matches the analytic values of expected.json."""
    exp = EXPECTED[name]
    assert rec["status"] == "ok", rec
    assert rec["error"] is None
    tol_v = exp.get("tol_volume", 1e-6)
    assert abs(rec["volume"] - exp["volume"]) <= tol_v * abs(exp["volume"]), (name, rec["volume"], exp["volume"])
    tol_b = exp.get("tol_bbox", 1e-6)
    for got, want in zip(rec["bbox"], exp["bbox"]):
        assert close(got, want, tol_b), (name, rec["bbox"], exp["bbox"])
    if "faces" in exp:
        assert rec["faces"] == exp["faces"], (name, rec["faces"], exp["faces"])
    assert rec["valid"] is True
