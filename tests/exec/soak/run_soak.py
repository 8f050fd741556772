"""`make soak`: N programs (default 10,000) generated from the hostile corpus by combining and
mutating its attacks (loops and threads around denied calls, nested try/except, memory + time +
disk at once, OCCT failures and crashes, output floods, disk floods) mixed with valid programs
of known volume (tests/data/programs with expected.json, and boxes of random size), run through
one `zerocad exec`. Checks, each against values this script knows independently: exactly N
records, one per id; every valid program ok with its exact volume; every hostile one with a
status it may end with; no file outside the scratch areas; no connection received by a
listener; no process left behind; the supervisor's RSS flat (sampled while it runs); the disk
usage of the scratch filesystem (a tmpfs mounted here: root needed) back where it started.
Prints the figures and exits 1 when a check fails. Not part of `make test` (minutes)."""
import argparse
import json
import os
import pathlib
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid

HERE = pathlib.Path(__file__).resolve().parent
HOSTILE = HERE.parent / "hostile"
CORPUS = HERE.parent.parent / "data" / "programs"
EXPECTED = json.loads((CORPUS / "expected.json").read_text())
SLOW = {"loop_forever", "deep_recursion_c", "huge_stdout", "memory_bomb"}

DENIED_CALLS = [
    "os.system('true')", "subprocess.run(['true'])", "os.execv('/bin/true', ['true'])",
    "socket.create_connection(('127.0.0.1', PORT), timeout=1)", "open('ESCAPE-w', 'w').write('x')",
    "open('/etc/shadow').read()", "os.kill(os.getppid(), 9)", "os.symlink('/etc', 'link')",
    "__import__('ctypes')", "resource.setrlimit(resource.RLIMIT_AS, (-1, -1))", "os.fork()",
    "open('../ESCAPE-parent', 'w')", "os.listdir('/root')",
]
IMPORTS = "import os, socket, subprocess, resource, threading\nimport cadquery as cq\n"


def expected_status(path):
    first = path.read_text().splitlines()[0]
    return first.split(":", 1)[1].strip()


def indent(code, n):
    return "".join(" " * n + line + "\n" for line in code.splitlines())


def box_program(rng):
    x, y, z = (rng.randint(1, 40) / 4 for _ in range(3))
    prefix = rng.choice(["", "import math\n", "print('x' * 1000)\n", "v = [i * i for i in range(1000)]\n"])
    return (f"import cadquery as cq\n{prefix}result = cq.Workplane().box({x}, {y}, {z})\n",
            {"ok"}, x * y * z)


def corpus_program(rng, names):
    name = rng.choice(names)
    return (CORPUS / name).read_text(), {"ok"}, name


def denied_in_loop(rng):
    call = rng.choice(DENIED_CALLS)
    body = f"try:\n    {call}\nexcept BaseException:\n    pass\n"
    for _ in range(rng.randint(0, 3)):    # nested try/except
        body = "try:\n" + indent(body, 4) + "except Exception:\n    pass\n"
    code = IMPORTS + f"for i in range({rng.randint(1, 50)}):\n" + indent(body, 4)
    code += "result = cq.Workplane().box(1, 1, 1)\n"
    return code, {"denied"}, None


def denied_in_threads(rng):
    call = rng.choice(DENIED_CALLS)
    n = rng.randint(1, 8)
    code = IMPORTS + (f"def work():\n    try:\n        {call}\n    except Exception:\n        pass\n"
                      f"ts = [threading.Thread(target=work) for _ in range({n})]\n"
                      "for t in ts:\n    t.start()\nfor t in ts:\n    t.join()\n"
                      "result = cq.Workplane().box(1, 1, 1)\n")
    return code, {"denied"}, None


def everything_at_once(rng):
    """Memory, time and disk at once: whichever limit comes first ends it."""
    code = ("import threading\n"
            "def eat():\n    chunks = []\n    while True:\n        chunks.append(bytearray(32 << 20))\n"
            "def fill():\n    i = 0\n    while True:\n        with open(f'f{i}', 'wb') as f:\n"
            "            f.write(b'x' * (8 << 20))\n        i += 1\n"
            "for fn in (eat, fill):\n    threading.Thread(target=fn, daemon=True).start()\n"
            "while True:\n    pass\n")
    return code, {"memory", "timeout", "denied"}, None


def disk_flood(rng):
    kind = rng.choice(["big", "many", "dirs", "catch"])
    if kind == "big":
        code = "data = b'x' * (16 << 20)\nfor i in range(40):\n    open(f'f{i}', 'wb').write(data)\n"
    elif kind == "many":
        code = "for i in range(50000):\n    open(f's{i}', 'w').close()\n"
    elif kind == "dirs":
        code = "import os\nfor i in range(20000):\n    os.mkdir(f'd{i}')\n"
    else:
        code = ("i = 0\nwhile True:\n    try:\n        open(f'c{i}', 'wb').write(b'y' * (1 << 20))\n"
                "    except OSError:\n        pass\n    i += 1\n")
    return code, {"denied"}, None


def occt_trouble(rng):
    kind = rng.choice(["fillet", "segv", "abort", "raise"])
    if kind == "fillet":
        return ("import cadquery as cq\nresult = cq.Workplane().box(2, 2, 2).edges()"
                f".fillet({rng.randint(5, 50)})\n", {"error"}, None)
    if kind == "segv":
        return "import faulthandler\nfaulthandler._sigsegv()\n", {"crashed"}, None
    if kind == "abort":
        return "import os\nos.abort()\n", {"crashed"}, None
    return f"raise ValueError('bad {rng.random()}')\n", {"error"}, None


def output_flood(rng):
    n = rng.randint(1000, 10000)
    return (f"import cadquery as cq, sys\nfor i in range({n}):\n    print('spam' * 50)\n"
            f"    sys.stderr.write('eggs' * 50)\nresult = cq.Workplane().box(1, 2, 3)\n", {"ok"}, 6.0)


def hostile_file(rng, names, slow_ok):
    pool = names if slow_ok else [n for n in names if n not in SLOW]
    name = rng.choice(pool)
    statuses = {expected_status(HOSTILE / f"{name}.py")}
    if name in SLOW:   # seconds of work even alone (400 MB of output, a 200,000-deep repr): may time out
        statuses.add("timeout")
    return (HOSTILE / f"{name}.py").read_text(), statuses, None


def generate(n, seed, port, escape):
    rng = random.Random(seed)
    names = sorted(p.stem for p in HOSTILE.glob("*.py"))
    corpus = sorted(EXPECTED)
    rows, expect = [], {}
    for k in range(n):
        r = rng.random()
        if r < 0.35:
            code, st, vol = corpus_program(rng, corpus)
        elif r < 0.65:
            code, st, vol = box_program(rng)
        elif r < 0.75:
            code, st, vol = denied_in_loop(rng)
        elif r < 0.81:
            code, st, vol = denied_in_threads(rng)
        elif r < 0.88:
            code, st, vol = hostile_file(rng, names, rng.random() < 0.03)
        elif r < 0.92:
            code, st, vol = occt_trouble(rng)
        elif r < 0.95:
            code, st, vol = output_flood(rng)
        elif r < 0.995:
            code, st, vol = disk_flood(rng)
        else:
            code, st, vol = everything_at_once(rng)
        code = code.replace("@PORT@", str(port)).replace("PORT", str(port))
        code = code.replace("@ESCAPE@", escape).replace("ESCAPE", escape)
        pid = f"s{k:05d}"
        rows.append({"id": pid, "code": code})
        expect[pid] = (st, vol)
    return rows, expect


class Listener(threading.Thread):
    """Counts connections to 127.0.0.1:port while the run goes on."""

    def __init__(self):
        super().__init__(daemon=True)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False

    def run(self):
        while not self.stop:
            try:
                self.sock.accept()[0].close()
                self.connections += 1
            except socket.timeout:
                pass


def rss_kb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def count_lines(path):
    try:
        with open(path, "rb") as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    except OSError:
        return 0


def processes_mentioning(text):
    found = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if text.encode() in open(f"/proc/{d}/cmdline", "rb").read():
                    found.append(int(d))
            except OSError:
                pass
    return found


def usage(path):
    st = os.statvfs(path)
    return st.f_blocks - st.f_bfree, st.f_files - st.f_ffree


def slope(points):
    """Least-squares slope of (x, y) points."""
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    return sum((p[0] - mx) * (p[1] - my) for p in points) / sxx if sxx else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--timeout", default="5")
    ap.add_argument("--disk", default="64")
    args = ap.parse_args()
    binary = os.environ.get("ZEROCAD", str(HERE.parents[2] / "build" / "zerocad"))
    work = pathlib.Path(tempfile.mkdtemp(prefix="zerocad-soak-"))
    area = work / "area"
    area.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2g", "tmpfs", str(area)]).returncode != 0:
        sys.exit("soak: cannot mount a tmpfs for the scratch areas (run as root)")
    listener = Listener()
    listener.start()
    escape = f"/tmp/zerocad-soak-escape-{uuid.uuid4().hex}"
    rows, expect = generate(args.n, args.seed, listener.port, escape)
    src = work / "programs.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = work / f"results-{uuid.uuid4().hex}.jsonl"
    before = usage(area)
    env = dict(os.environ, TMPDIR=str(area), ZEROCAD_EXEC_DISK="tmpfs")
    t0 = time.monotonic()
    proc = subprocess.Popen([binary, "exec", str(src), "-o", str(res), "-j", str(args.jobs), "--timeout",
                             args.timeout, "--memory", "512", "--disk", args.disk, "--files", "5000"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples = []
    while proc.poll() is None:
        kb = rss_kb(proc.pid)
        if kb:
            samples.append((count_lines(res), kb))
        time.sleep(0.5)
    out, err = proc.communicate()
    elapsed = time.monotonic() - t0
    time.sleep(0.5)
    listener.stop = True
    listener.join()
    left = processes_mentioning(res.name)
    after = usage(area)
    leftovers = os.listdir(area)
    subprocess.run(["umount", "-l", str(area)])
    escaped = sorted(str(p) for p in pathlib.Path("/tmp").glob(pathlib.Path(escape).name + "*"))
    escaped += sorted(str(p) for p in work.glob("ESCAPE*")) + sorted(str(p) for p in work.glob("*escape*"))

    failures = []
    recs = [json.loads(line) for line in res.read_text().splitlines()]
    ids = [r["id"] for r in recs]
    if proc.returncode != 0:
        failures.append(f"exit status {proc.returncode}: {err.strip()[-300:]}")
    if len(ids) != args.n or set(ids) != set(expect):
        failures.append(f"{len(ids)} records, {len(set(ids))} distinct ids, want {args.n}")
    wrong, counts, valid = [], {}, 0
    for r in recs:
        statuses, vol = expect[r["id"]]
        counts[r["status"]] = counts.get(r["status"], 0) + 1
        if r["status"] not in statuses:
            wrong.append((r["id"], r["status"], (r["error"] or "")[:100], sorted(statuses)))
            continue
        if vol is None:
            continue
        valid += 1
        want = EXPECTED[vol]["volume"] if isinstance(vol, str) else vol
        tol = EXPECTED[vol].get("tol_volume", 1e-6) if isinstance(vol, str) else 1e-9
        if abs(r["volume"] - want) > tol * max(1.0, abs(want)):
            wrong.append((r["id"], "volume", r["volume"], want))
    if wrong:
        failures.append(f"{len(wrong)} records not as expected, e.g. {wrong[:5]}")
    if escaped:
        failures.append(f"files outside the scratch areas: {escaped[:5]}")
    if listener.connections:
        failures.append(f"{listener.connections} connections reached the listener")
    if left:
        failures.append(f"processes left behind: {left}")
    if after != before or leftovers:
        failures.append(f"scratch filesystem usage {before} -> {after} (blocks, inodes), left: {leftovers[:5]}")
    tail = [s for s in samples if s[0] >= args.n * 0.2]
    growth = slope(tail) if len(tail) >= 3 else 0.0
    rss_first = tail[0][1] if tail else 0
    rss_last = tail[-1][1] if tail else 0
    if growth * args.n > 16 * 1024:          # more than 16 MB over the whole run: not flat
        failures.append(f"supervisor RSS grows {growth * 1024:.1f} bytes per program")
    print(f"soak: {args.n} programs, -j {args.jobs}, --timeout {args.timeout}, --disk {args.disk} "
          f"in {elapsed:.0f} s ({args.n / elapsed:.1f} programs/s)")
    print(f"soak: statuses {dict(sorted(counts.items()))}; {valid} valid programs with exact volume checked")
    print(f"soak: supervisor RSS {rss_first / 1024:.1f} MB at 20% -> {rss_last / 1024:.1f} MB at the end, "
          f"slope {growth * 1024:.1f} bytes/program over {len(tail)} samples")
    print(f"soak: listener connections {listener.connections}, files escaped {len(escaped)}, "
          f"processes left {len(left)}, scratch usage {before} -> {after}")
    print(f"soak: executor summary: {err.strip().splitlines()[-1] if err.strip() else ''}")
    for f in failures:
        print(f"soak: FAIL {f}")
    if not failures:
        print("soak: all checks passed")
        subprocess.run(["rm", "-rf", str(work)])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
