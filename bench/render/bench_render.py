"""Benchmark of the renderer (issue 5).

bench_render (C, one process) runs every shared-corpus program once, then REPS times
tessellates a fresh mesh-less copy of its solid, draws the 8 default views on one thread and
encodes them as PNG; it reports the median thread CPU time of each phase per program. This
script sums them into shapes/s and writes <out>/render.json and <out>/render.md. It also
times `zerocad render PROG -o DIR` as a whole process (wall clock, median of 5) for one
corpus program, which includes starting Python and running the program.
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "programs"


def run_bench(build, reps):
    exe = pathlib.Path(build) / "bench" / "render" / "bench_render"
    if not exe.exists():
        sys.exit(f"bench_render: {exe} not built")
    with tempfile.TemporaryDirectory() as tmp:   # programs that export write into their cwd
        res = subprocess.run([str(exe), str(CORPUS), str(reps)], capture_output=True, text=True, check=True,
                             cwd=tmp)
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def time_process(zerocad, prog, reps=5):
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(reps):
            t0 = time.perf_counter()
            subprocess.run([zerocad, "render", str(prog), "-o", tmp], check=True, capture_output=True, cwd=tmp)
            times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zerocad", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    rows = run_bench(args.build, args.reps)
    ok = [r for r in rows if r["ok"]]
    tess = sum(r["tessellate_ms"] for r in ok)
    draw = sum(r["draw_ms"] for r in ok)
    enc = sum(r["encode_ms"] for r in ok)
    heavy = max(ok, key=lambda r: r["triangles"])
    whole = time_process(args.zerocad, CORPUS / "15_flange_polar_holes.py")
    summary = {
        "programs": len(rows), "rendered": len(ok), "views_per_shape": 8, "reps": args.reps,
        "tessellate_ms_total": tess, "draw_ms_total": draw, "encode_ms_total": enc,
        "shapes_per_s_tessellate_and_draw": len(ok) / ((tess + draw) / 1e3),
        "shapes_per_s_with_png": len(ok) / ((tess + draw + enc) / 1e3),
        "shapes_per_s_draw_only": len(ok) / (draw / 1e3),
        "draw_over_tessellate": draw / tess,
        "programs_where_draw_le_tessellate": sum(r["draw_ms"] <= r["tessellate_ms"] for r in ok),
        "zerocad_render_process_ms_15_flange": whole,
        "per_program": rows,
    }
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "render.json").write_text(json.dumps(summary, indent=2) + "\n")
    md = [
        "### Renderer (`bench/render`)",
        "",
        f"8 default views (256x256, 3x3 supersampling) of each of the {len(ok)} shared-corpus shapes, one thread, "
        f"thread CPU time (median of {args.reps}).",
        "",
        "| phase | total ms | ms / shape |",
        "|---|---:|---:|",
        f"| tessellation (kernel mesh + edge polylines + welding) | {tess:.1f} | {tess / len(ok):.2f} |",
        f"| drawing 8 views (raster + lines + downsample) | {draw:.1f} | {draw / len(ok):.2f} |",
        f"| PNG encoding (8 files) | {enc:.1f} | {enc / len(ok):.2f} |",
        "",
        f"- shapes/s, tessellation + drawing: **{summary['shapes_per_s_tessellate_and_draw']:.1f}**; "
        f"with PNG encoding: {summary['shapes_per_s_with_png']:.1f}",
        f"- drawing / tessellation: {summary['draw_over_tessellate']:.2f}x (goal <= 1); drawing costs no more than "
        f"tessellating for {summary['programs_where_draw_le_tessellate']} of {len(ok)} shapes "
        f"(largest mesh: {heavy['program']}, {heavy['triangles']} triangles: tessellate "
        f"{heavy['tessellate_ms']:.1f} ms, draw {heavy['draw_ms']:.1f} ms)",
        f"- `zerocad render 15_flange_polar_holes.py -o DIR` whole process (Python start, program, 8 PNGs): "
        f"{whole:.0f} ms wall",
        "",
    ]
    (out / "render.md").write_text("\n".join(md))
    print("\n".join(md))


if __name__ == "__main__":
    main()
