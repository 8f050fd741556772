"""Metrics benchmark: every corpus program is the ground truth, the same program shifted by a fixed
offset is the prediction; `zerocad eval` scores them under each protocol. Reports pairs/s from
the per-item scoring times (one core, execution excluded), the median and P90 time per pair, the
mean IoU (1 for every normalizing protocol) and the end-to-end wall time."""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import time

PROTOCOLS = ["zerocad", "cadrille", "cadcoder", "exact"]
SHIFT = "\n\nresult = result.translate((3.25, -1.5, 2.0))\n"


def make_inputs(corpus, work):
    gt = pathlib.Path(work, "gt")
    pred = pathlib.Path(work, "pred")
    gt.mkdir()
    pred.mkdir()
    n = 0
    for p in sorted(pathlib.Path(corpus).glob("*.py")):
        src = p.read_text()
        if "result" not in src:
            continue
        (gt / p.name).write_text(src)
        (pred / p.name).write_text(src + SHIFT)
        n += 1
    return gt, pred, n


def run(zerocad, protocol, gt, pred, work):
    report = pathlib.Path(work, "rep-" + protocol)
    t0 = time.monotonic()
    subprocess.run([zerocad, "eval", "--pred", str(pred), "--gt", str(gt), "--protocol", protocol,
                    "-o", str(report), "-q"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    items = [json.loads(line) for line in open(str(report) + ".jsonl")]
    secs = [it["score_seconds"] for it in items if it["scored"]]
    ious = [it["iou"] for it in items if it["scored"]]
    secs_sorted = sorted(secs)
    p90 = secs_sorted[min(len(secs) - 1, int(0.9 * (len(secs) - 1) + 0.5))] if secs else None
    return {
        "protocol": protocol,
        "pairs": len(items),
        "scored": len(secs),
        "pairs_per_s": len(secs) / sum(secs) if secs else None,
        "median_ms": 1000 * statistics.median(secs) if secs else None,
        "p90_ms": 1000 * p90 if p90 is not None else None,
        "mean_iou": statistics.mean(ious) if ious else None,
        "min_iou": min(ious) if ious else None,
        "eval_wall_s": wall,
    }


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zerocad", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--md", required=True)
    a = ap.parse_args()
    gt, pred, n = make_inputs(a.corpus, a.work)
    rows = [run(a.zerocad, p, gt, pred, a.work) for p in PROTOCOLS]
    json.dump({"corpus_programs": n, "shift": [3.25, -1.5, 2.0], "results": rows}, open(a.json, "w"), indent=2)
    lines = ["### Metrics (`bench/metrics`)", "",
             f"{n} corpus programs scored against shifted copies of themselves (`zerocad eval`, one core; "
             "scoring time per pair, execution excluded; zerocad = 64^3 voxels x 24 rotations).", "",
             "| Protocol | Pairs scored | Pairs/s | Median ms/pair | P90 ms/pair | Mean IoU | Min IoU | eval wall s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['protocol']} | {r['scored']}/{r['pairs']} | {fmt(r['pairs_per_s'], '.1f')} | "
                     f"{fmt(r['median_ms'], '.1f')} | {fmt(r['p90_ms'], '.1f')} | {fmt(r['mean_iou'], '.4f')} | "
                     f"{fmt(r['min_iou'], '.4f')} | {r['eval_wall_s']:.1f} |")
    open(a.md, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
