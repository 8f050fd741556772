"""Start-up time of `zerocad run` on one box and of `python3 -c "import cadquery"` + a box: this
build beside a baseline build (alternating runs, medians), plus the dynamic linker's relocation
counts (LD_DEBUG=statistics) and whether libTKXCAF is mapped. Writes OUT.md and OUT.json.

usage: startup.py --zerocad BUILD/zerocad --baseline OTHER_BUILD/zerocad --out bench/results/cq_startup [-n 15]
(the extension is taken from the python/ folder beside each zerocad)."""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

BOX = "import cadquery as cq\nresult = cq.Workplane().box(1, 2, 3)\n"
IMPORT = ("import cadquery as cq\nb = cq.Workplane().box(1, 2, 3).val()\n"
          "print('libTKXCAF' in open('/proc/self/maps').read())\n")


def timed(cmd, env=None):
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    dt = (time.perf_counter() - t) * 1000
    if r.returncode != 0:
        sys.exit(f"startup: {' '.join(cmd)} failed: {r.stderr.strip()}")
    return dt, r


def relocations(cmd, env):
    e = dict(env, LD_DEBUG="statistics")
    r = subprocess.run(cmd, capture_output=True, text=True, env=e)
    m = re.findall(r"number of relocations:\s+(\d+)", r.stderr)
    t = re.findall(r"total startup time in dynamic loader:\s+([\d,.]+)", r.stderr)
    return (int(m[0]) if m else None), (t[0] if t else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zerocad", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("-n", type=int, default=15)
    a = ap.parse_args()
    builds = {"this build": a.zerocad, "baseline": a.baseline}
    with tempfile.TemporaryDirectory() as tmp:
        prog = os.path.join(tmp, "box.py")
        with open(prog, "w") as f:
            f.write(BOX)
        res = {k: {"run": [], "import": []} for k in builds}
        envs = {k: dict(os.environ, PYTHONPATH=os.path.join(os.path.dirname(os.path.abspath(z)), "python"))
                for k, z in builds.items()}
        xcaf = {}
        for _ in range(a.n):   # alternate: load drifts affect both alike
            for k, z in builds.items():
                res[k]["run"].append(timed([z, "run", prog])[0])
                dt, r = timed(["/usr/bin/python3", "-c", IMPORT], envs[k])
                res[k]["import"].append(dt)
                xcaf[k] = r.stdout.strip() == "True"
        out = {}
        for k, z in builds.items():
            rel, ld = relocations([z, "run", prog], envs[k])
            out[k] = {"zerocad_run_ms": statistics.median(res[k]["run"]),
                      "python_import_box_ms": statistics.median(res[k]["import"]),
                      "relocations": rel, "ld_startup": ld, "xcaf_mapped_after_import": xcaf[k]}
    load = os.getloadavg()
    with open(a.out + ".json", "w") as f:
        json.dump({"runs": a.n, "load": load, "results": out}, f, indent=1)
    with open(a.out + ".md", "w") as f:
        f.write("### Start-up: assembly toolkits loaded on first use (`bench/cq/startup.py`)\n\n")
        f.write(f"{a.n} alternating runs each, medians; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}.\n\n")
        f.write("| build | `zerocad run` one box | python3 import + box | relocations (zerocad run) | XCAF mapped |\n")
        f.write("|---|---:|---:|---:|---|\n")
        for k, v in out.items():
            f.write(f"| {k} | {v['zerocad_run_ms']:.0f} ms | {v['python_import_box_ms']:.0f} ms | "
                    f"{v['relocations']} | {v['xcaf_mapped_after_import']} |\n")
    print(open(a.out + ".md").read())


if __name__ == "__main__":
    main()
