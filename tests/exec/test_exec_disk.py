"""`zerocad exec`'s per-program disk budget (--disk MB, --files N): the issue's attacks (40 files
of 64 MiB, 50,000 small files, 20,000 directories, a writer that catches ENOSPC) end as
`denied: disk budget` and leave the disk as it was, with the kernel mechanism (a tmpfs per
program in a private mount namespace) and with the polling fallback; programs under the budget
run `ok` and keep exactly their files with --out-dir, programs over it keep nothing. The scratch
areas sit on a tmpfs this test mounts (it runs as root, as CI does), so its usage is exact."""
import hashlib
import json
import os
import subprocess
import time

import pytest

from exec_helpers import read_records, run_exec

ATTACKS = {
    "big_files": "data = b'x' * (64 << 20)\n"
                 "for i in range(40):\n"
                 "    with open(f'f{i}.bin', 'wb') as f:\n"
                 "        f.write(data)\n",
    "many_files": "for i in range(50000):\n"
                  "    open(f's{i}', 'w').close()\n",
    "many_dirs": "import os\n"
                 "for i in range(20000):\n"
                 "    os.mkdir(f'd{i}')\n",
    "catches_enospc": "i = 0\n"
                      "while True:\n"
                      "    try:\n"
                      "        with open(f'c{i % 100000}', 'wb') as f:\n"
                      "            f.write(b'y' * 1000000)\n"
                      "    except OSError:\n"
                      "        pass\n"
                      "    i += 1\n",
}
BOX = "import cadquery as cq\nresult = cq.Workplane().box(1, 2, 3)\n"


def blob(name, i, size):
    """The content a budget program writes: known to the test, so a kept file can be checked."""
    return (hashlib.sha256(f"{name}-{i}".encode()).hexdigest().encode() * (size // 64 + 1))[:size]


def writer(name, nfiles, size):
    return ("import hashlib\n"
            f"for i in range({nfiles}):\n"
            f"    data = (hashlib.sha256(f'{name}-{{i}}'.encode()).hexdigest().encode() * ({size} // 64 + 1))[:{size}]\n"
            f"    with open(f'w{{i}}.bin', 'wb') as f:\n"
            "        f.write(data)\n" + BOX)


@pytest.fixture
def area(tmp_path):
    """A tmpfs of our own for the scratch areas (TMPDIR) and --out-dir: its usage is ours alone."""
    mnt = tmp_path / "area"
    mnt.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1g,nr_inodes=200000", "tmpfs", str(mnt)],
                       capture_output=True, text=True)
    if p.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs for the test (it needs root, as CI runs): {p.stderr.strip()}")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=True)


def usage(path):
    st = os.statvfs(path)
    return (st.f_blocks - st.f_bfree, st.f_files - st.f_ffree)


def settled_usage(path, want):
    """The usage, once the kernel has finished freeing what the killed workers held: it frees
    some inodes a moment after their last holder is gone (seen once in the polling mode under
    heavy load). Waits up to 5 s for `want`, then returns what it sees."""
    for _ in range(50):
        if usage(path) == want:
            break
        time.sleep(0.1)
    return usage(path)


def run(zerocad_bin, area, tmp_path, progs, mechanism, *args):
    src = tmp_path / "progs.jsonl"
    src.write_text("".join(json.dumps({"id": k, "code": v}) + "\n" for k, v in progs.items()))
    tmp = area / "tmp"
    tmp.mkdir(exist_ok=True)
    env = dict(os.environ, TMPDIR=str(tmp), ZEROCAD_EXEC_DISK=mechanism)
    res = tmp_path / "results.jsonl"
    p = run_exec(zerocad_bin, src, "-o", res, "-j", "2", "--timeout", "60", *args, env=env, timeout=600)
    assert p.returncode == 0, p.stderr
    return {r["id"]: r for r in read_records(res)}


def no_scratch_mounts():
    return "zerocad-scratch" not in open("/proc/self/mountinfo").read()


@pytest.mark.parametrize("mechanism,args", [("tmpfs", ()), ("poll", ("--disk", "256"))])
def test_attacks_denied_and_disk_restored(zerocad_bin, area, tmp_path, mechanism, args):
    (area / "tmp").mkdir()
    before = usage(area)
    recs = run(zerocad_bin, area, tmp_path, dict(ATTACKS, box=BOX), mechanism, *args)
    for name in ATTACKS:
        assert recs[name]["status"] == "denied", recs[name]
        assert recs[name]["error"].startswith("denied: disk budget ("), recs[name]
    assert recs["box"]["status"] == "ok" and recs["box"]["volume"] == pytest.approx(6.0)
    left = [os.path.join(d, n) for d, ds, fs in os.walk(area) for n in ds + fs]
    assert left == [str(area / "tmp")], left[:10]
    assert settled_usage(area, before) == before
    assert no_scratch_mounts()


@pytest.mark.parametrize("mechanism", ["tmpfs", "poll"])
def test_budget_boundary_and_kept_files(zerocad_bin, area, tmp_path, mechanism):
    """--disk 8 --files 20: 6 files of 1 MiB (plus an STL export) fit, 9 do not; 18 small files
    (plus the export) fit, 25 do not. Only ok programs keep their files in --out-dir."""
    mib = 1 << 20
    progs = {"bytes_under": writer("bytes_under", 6, mib), "bytes_over": writer("bytes_over", 9, mib),
             "files_under": writer("files_under", 18, 10), "files_over": writer("files_over", 25, 10)}
    out = area / "out"
    recs = run(zerocad_bin, area, tmp_path, progs, mechanism, "--disk", "8", "--files", "20",
               "--out-dir", out, "--export", "stl")
    for name, nfiles, size in (("bytes_under", 6, mib), ("files_under", 18, 10)):
        assert recs[name]["status"] == "ok", recs[name]
        kept = sorted(os.listdir(out / name))
        assert kept == sorted([f"w{i}.bin" for i in range(nfiles)] + [f"{name}.stl"])
        for i in range(nfiles):
            assert (out / name / f"w{i}.bin").read_bytes() == blob(name, i, size)
        assert recs[name]["exports"] == {"stl": str(out.resolve() / name / f"{name}.stl")}
        assert (out / name / f"{name}.stl").stat().st_size > 0
    for name in ("bytes_over", "files_over"):
        assert recs[name]["status"] == "denied", recs[name]
        assert "disk budget (8 MB, 20 files)" in recs[name]["error"], recs[name]
        assert not (out / name).exists()
    assert no_scratch_mounts()


def test_bad_budget_options(zerocad_bin, tmp_path):
    for args, msg in ((["--disk", "0"], "--disk"), (["--files", "2.5"], "--files"), (["--files", "x"], "--files")):
        p = run_exec(zerocad_bin, tmp_path / "x.py", "-o", tmp_path / "r.jsonl", *args)
        assert p.returncode == 2 and msg in p.stderr, (args, p.stderr)
        assert len(p.stderr.strip().splitlines()) == 1
