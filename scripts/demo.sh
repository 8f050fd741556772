#!/usr/bin/env bash
# demo.sh ZEROCAD OUTDIR: the whole Zero-to-CAD pipeline offline, on the embedded defaults (no
# model weights, no network). Each step is a zerocad command, shown before it runs:
#   1. synth a train split (seed 1) and a test split (seed 2) as shards of the released schema;
#   2. data stats of the train split; 3. curate the train split (coverage report);
#   4. reconstruct every test row from its 8 views with the retrieval reconstructor;
#   5. eval the reconstructions against the test split (zerocad protocol, cadrille beside it);
#   6. report.html, one self-contained page of all of it.
# Sizes: TRAIN_ROWS (default 200), TEST_ROWS (30), K (candidates per test row, 4), JOBS (nproc).
set -euo pipefail
zerocad=${1:-build/zerocad}
out=${2:-demo-out}
train_rows=${TRAIN_ROWS:-200}
test_rows=${TEST_ROWS:-30}
k=${K:-4}
jobs=${JOBS:-$(nproc)}

step() {
  echo >&2
  echo "demo: \$ $*" >&2
  local t0=$SECONDS
  "$@"
  echo "demo: ($((SECONDS - t0)) s)" >&2
}

rm -rf "$out"    # a fresh run, not a resume of the last one
mkdir -p "$out"
start=$SECONDS
step "$zerocad" synth -n "$train_rows" -o "$out/train" --seed 1 -j "$jobs"
step "$zerocad" synth -n "$test_rows" -o "$out/test" --seed 2 -j "$jobs"
step "$zerocad" data stats "$out/train"
step "$zerocad" curate "$out/train" -n $((train_rows / 4)) -o "$out/curated" --report "$out/curate-report.md"
step "$zerocad" reconstruct --retrieval "$out/train" --data "$out/test" -k "$k" -j "$jobs" \
  -o "$out/pred.jsonl" --views-out "$out/recon-views.parquet"
step "$zerocad" eval --pred "$out/pred.jsonl" --gt "$out/test" -j "$jobs" -o "$out/eval-zerocad" --chamfer -q
step "$zerocad" eval --pred "$out/pred.jsonl" --gt "$out/test" -j "$jobs" -o "$out/eval-cadrille" -p cadrille -q
step "$zerocad" report "$out" -o "$out/report.html"
echo >&2
echo "demo: done in $((SECONDS - start)) s; open $out/report.html" >&2
