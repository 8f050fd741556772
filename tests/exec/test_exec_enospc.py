"""`zerocad exec` with its results file on a full filesystem (a 64 KiB tmpfs this test mounts:
it runs as root, as CI does): the executor stops with exit 1 and one line naming the file and
ENOSPC, the file holds only whole records, and after the filesystem grows a second run records
exactly the programs the first one did not, none lost, none twice."""
import json
import os
import subprocess

import pytest

from exec_helpers import run_exec

N = 400
BOX = "import cadquery as cq\nresult = cq.Workplane().box({x}, 1, 1)\n"


@pytest.fixture
def small_fs(tmp_path):
    mnt = tmp_path / "small"
    mnt.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.fail(f"cannot mount a 64 KiB tmpfs for the test (it needs root, as CI runs): {p.stderr.strip()}")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=True)


def whole_records(path):
    data = path.read_bytes()
    assert data == b"" or data.endswith(b"\n"), data[-80:]
    return [json.loads(line) for line in data.decode().splitlines()]


def test_full_disk_stops_cleanly_and_resumes(zerocad_bin, tmp_path, small_fs):
    src = tmp_path / "progs.jsonl"
    src.write_text("".join(json.dumps({"id": f"p{k:03d}", "code": BOX.format(x=k + 1)}) + "\n" for k in range(N)))
    res = small_fs / "results.jsonl"
    first = run_exec(zerocad_bin, src, "-o", res, "-j", "2", "--timeout", "60")
    assert first.returncode == 1, first.stderr
    enospc = [line for line in first.stderr.splitlines() if "No space left on device" in line]
    assert len(enospc) == 1 and str(res) in enospc[0], first.stderr
    assert "Traceback" not in first.stderr and "Segmentation" not in first.stderr
    before = res.read_bytes()
    recs = whole_records(res)
    assert 0 < len(recs) < N
    assert len({r["id"] for r in recs}) == len(recs)

    subprocess.run(["mount", "-o", "remount,size=4m", str(small_fs)], check=True)
    second = run_exec(zerocad_bin, src, "-o", res, "-j", "2", "--timeout", "60")
    assert second.returncode == 0, second.stderr
    assert f"{len(recs)} already recorded" in second.stderr
    assert res.read_bytes().startswith(before)      # the first run's records untouched
    final = whole_records(res)
    ids = [r["id"] for r in final]
    assert len(ids) == N and set(ids) == {f"p{k:03d}" for k in range(N)}
    for r in final:
        assert r["status"] == "ok", r
        assert r["volume"] == pytest.approx(int(r["id"][1:]) + 1, rel=1e-9)


def fill(path, chunk):
    """Appends chunk to path until the filesystem refuses (a short write counts as refused)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        while os.write(fd, chunk) == len(chunk):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def test_append_undoes_a_partial_line(zerocad_bin, tmp_path, small_fs):
    """A results file already nearly filling the filesystem: the record that does not fit is not
    left half written, and the file keeps every byte it had."""
    res = small_fs / "results.jsonl"
    line = json.dumps({"id": "pad", "status": "ok", "error": None, "pad": "x" * 200}).encode() + b"\n"
    fill(res, line)
    data = res.read_bytes()
    cut = data[:data.rfind(b"\n") + 1]
    os.truncate(res, len(cut))              # whole lines; the rest of its last page stays free
    fill(small_fs / "filler", b"z")         # every other free page taken
    prog = tmp_path / "box.py"
    prog.write_text(BOX.format(x=2))
    p = run_exec(zerocad_bin, prog, "-o", res)
    assert p.returncode == 1, p.stderr
    assert res.read_bytes() == cut
    subprocess.run(["mount", "-o", "remount,size=1m", str(small_fs)], check=True)
    p = run_exec(zerocad_bin, prog, "-o", res)
    assert p.returncode == 0, p.stderr
    recs = whole_records(res)
    assert recs[-1]["id"] == "box" and recs[-1]["volume"] == pytest.approx(2.0)
