"""Data benchmark driver (see run.sh): runs bench_data (C) and DuckDB (npm @duckdb/node-api, the
independent implementation) on the same files in the same run, and writes bench/results/data.json
and data.md. Timings are best of several runs; DuckDB is measured with its default threads and
with one thread."""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
NODE_DIR = REPO / "tests" / "data_parquet" / "node"
MiB = 1 << 20


def npm_ci():
    if not (NODE_DIR / "node_modules" / "@duckdb" / "node-api").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True, capture_output=True)


def duck(*sql):
    """Runs statements in one DuckDB; returns (rows of the last, seconds of each statement)."""
    res = subprocess.run(["node", str(NODE_DIR / "duck.mjs"), *sql], capture_output=True, text=True, check=True)
    times = [float(line.split()[2]) for line in res.stderr.splitlines() if line.startswith("time ")]
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()], times


def c_bench(tool, *args):
    """The last JSON line bench_data prints (its best)."""
    res = subprocess.run([tool, *args], capture_output=True, text=True, check=True)
    return json.loads(res.stdout.splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--out", default="bench/results")
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--read-repeat", type=int, default=15)
    a = ap.parse_args()
    tool = str(pathlib.Path(a.build).resolve() / "bench" / "data" / "bench_data")
    npm_ci()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="zc-bench-data-"))
    res = {"rows": a.rows, "cpus": os.cpu_count(), "load_average_before": os.getloadavg()[0]}
    try:
        shard = tmp / "shard.parquet"
        writes = [c_bench(tool, "write", str(shard), str(a.rows), str(64 * MiB)) for _ in range(a.repeat)]
        w = min(writes, key=lambda x: x["seconds"] - x["generate_seconds"])
        # rows/s of writing: generating the synthetic rows is not counted; the final fsync is
        # (crash safety), and also reported without it since DuckDB's COPY does not fsync.
        write_s = w["seconds"] - w["generate_seconds"]
        res["write"] = {"zerocad_rows_per_s": a.rows / write_s, "zerocad_seconds": write_s,
                        "zerocad_close_seconds": w["close_seconds"],
                        "file_bytes": shard.stat().st_size}
        for threads in ("default", 1):
            setup = [] if threads == "default" else [f"SET threads={threads}"]
            stmts = setup + [f"CREATE TABLE t AS SELECT * FROM read_parquet('{shard}')"]
            stmts += [f"COPY t TO '{tmp}/duck{i}.parquet' (FORMAT parquet, COMPRESSION zstd)" for i in range(a.repeat)]
            _, times = duck(*stmts)
            best = min(times[len(setup) + 1:])
            res["write"][f"duckdb_threads_{threads}_rows_per_s"] = a.rows / best
        meta, _ = duck(f"SELECT path_in_schema, total_compressed_size FROM parquet_metadata('{shard}')")
        code_comp = sum(int(m["total_compressed_size"]) for m in meta if m["path_in_schema"] == "cadquery_file")
        uuid_comp = sum(int(m["total_compressed_size"]) for m in meta if m["path_in_schema"] == "uuid")
        r = c_bench(tool, "read", str(shard), str(a.read_repeat))
        res["read"] = {"code_compressed_bytes": code_comp, "uuid_compressed_bytes": uuid_comp,
                       "bytes_read": r["bytes_read"], "bytes_read_ratio": r["bytes_read"] / code_comp,
                       "code_bytes": r["code_bytes"], "zerocad_seconds": r["seconds"],
                       "zerocad_mb_per_s": r["code_bytes"] / r["seconds"] / 1e6}
        for threads in ("default", 1):
            setup = [] if threads == "default" else [f"SET threads={threads}"]
            q = f"SELECT sum(octet_length(cadquery_file)) AS n FROM read_parquet('{shard}')"
            rows, times = duck(*setup, *([q] * a.read_repeat))
            assert int(rows[0]["n"]) == r["code_bytes"], (rows, r)
            best = min(times[len(setup):])
            res["read"][f"duckdb_threads_{threads}_seconds"] = best
            res["read"][f"zerocad_vs_duckdb_threads_{threads}"] = best / r["seconds"]
        res["write"]["zerocad_vs_duckdb_threads_default"] = (res["write"]["zerocad_rows_per_s"]
                                                             / res["write"]["duckdb_threads_default_rows_per_s"])
        res["write"]["zerocad_vs_duckdb_threads_1"] = (res["write"]["zerocad_rows_per_s"]
                                                       / res["write"]["duckdb_threads_1_rows_per_s"])
        res["rss"] = []
        for rg in (8, 32, 128):
            out = tmp / f"rss{rg}.parquet"
            x = c_bench(tool, "write", str(out), str(a.rows), str(rg * MiB))
            extra = (x["peak_rss_kb"] - x["baseline_rss_kb"]) * 1024
            res["rss"].append({"row_group_mib": rg, "peak_rss_kb": x["peak_rss_kb"],
                               "baseline_rss_kb": x["baseline_rss_kb"], "peak_over_baseline_per_row_group": extra / (rg * MiB)})
            out.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "data.json").write_text(json.dumps(res, indent=2) + "\n")
    (out / "data.md").write_text(markdown(res))
    print(markdown(res))


def markdown(r):
    w, rd = r["write"], r["read"]
    lines = ["### Data: parquet shards (`bench/data`)", "",
             f"{r['rows']} synthetic rows (code ~2 KB of varied CadQuery, ~4.5x compressible; eight incompressible ~14 KB images, STL, STEP; "
             f"{w['file_bytes'] / 1e6:.0f} MB zstd shard); DuckDB via @duckdb/node-api in the same run, "
             f"{r['cpus']} CPUs, load average {r['load_average_before']:.1f} at the start (a shared machine).", "",
             "| measure | value |", "|---|---|",
             f"| read cadquery_file (zd_open ZD_COL_CODE): bytes read / column compressed size | "
             f"{rd['bytes_read_ratio']:.3f} (goal <= 1.1; includes the uuid column and the footer) |",
             f"| read cadquery_file: zerocad | {rd['zerocad_seconds'] * 1000:.1f} ms ({rd['zerocad_mb_per_s']:.0f} MB/s of code) |",
             f"| same, DuckDB default threads / 1 thread | {rd['duckdb_threads_default_seconds'] * 1000:.1f} ms / "
             f"{rd['duckdb_threads_1_seconds'] * 1000:.1f} ms (zerocad {rd['zerocad_vs_duckdb_threads_default']:.2f}x / "
             f"{rd['zerocad_vs_duckdb_threads_1']:.2f}x as fast; goal >= 1) |",
             f"| write, zstd: zerocad (row groups of 64 MiB, footer, fsync of file and folder) | {w['zerocad_rows_per_s']:.0f} rows/s "
             f"(of which {w['zerocad_close_seconds'] * 1000:.0f} ms in the last row group, footer and fsync) |",
             f"| same rows, DuckDB COPY TO parquet zstd, default threads / 1 thread | "
             f"{w['duckdb_threads_default_rows_per_s']:.0f} / {w['duckdb_threads_1_rows_per_s']:.0f} rows/s "
             f"(zerocad {w['zerocad_vs_duckdb_threads_default']:.2f}x / {w['zerocad_vs_duckdb_threads_1']:.2f}x; goal >= 1) |"]
    for x in r["rss"]:
        lines.append(f"| writer peak RSS, row groups of {x['row_group_mib']} MiB | {x['peak_rss_kb'] / 1024:.0f} MiB "
                     f"(baseline {x['baseline_rss_kb'] / 1024:.0f} MiB; (peak - baseline) / row group = "
                     f"{x['peak_over_baseline_per_row_group']:.2f}, goal <= 1.5) |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
