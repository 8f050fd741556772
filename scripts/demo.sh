#!/usr/bin/env bash
# demo.sh ZEROCAD OUTDIR: the whole Zero-to-CAD pipeline offline, on the embedded defaults (no
# model weights, no network). Each step is a zerocad command, shown before it runs:
#   1. synth a train split (seed 1) and a test split (seed 2) as shards of the released schema;
#   2. data stats of the train split; 3. curate the train split (coverage report);
#   4. reconstruct every test row from its 8 views: without MODEL the default reconstructor,
#      retrieval + refinement (`reconstruct --retrieval`); with MODEL=DIR (a Qwen3-VL checkpoint)
#      `reconstruct -m DIR --row SHARD#UUID --refine` per test row;
#   5. eval the reconstructions against the test split (zerocad protocol, cadrille beside it),
#      IoU before and after refinement;
#   6. report.html, one self-contained page of all of it.
# Sizes: TRAIN_ROWS (default 200), TEST_ROWS (30), K (candidates per test row, 4), JOBS (nproc),
# REFINE_EVALS (runs per refined program, 12: sized so that the demo with its build stays within
# 10 minutes on 2 cores; see docs/refine.md). MODEL: a checkpoint folder (default: none).
set -euo pipefail
zerocad=${1:-build/zerocad}
out=${2:-demo-out}
train_rows=${TRAIN_ROWS:-200}
test_rows=${TEST_ROWS:-30}
k=${K:-4}
jobs=${JOBS:-$(nproc)}
refine_evals=${REFINE_EVALS:-12}
model=${MODEL:-}

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
# The model's reconstruction of every test row (one `reconstruct -m` per row, each appending its
# record to pred.jsonl; a row whose candidates all fail still gets one, scored as a failure).
model_reconstruct() {
  mkdir -p "$out/model"
  : > "$out/pred.jsonl"
  local shard uuid n=0
  for shard in "$out"/test/*.parquet; do
    for uuid in $("$zerocad" data head "$shard" -n 1000000 -c uuid |
                  /usr/bin/python3 -c 'import json, sys; [print(json.loads(l)["uuid"]) for l in sys.stdin]'); do
      n=$((n + 1))
      echo "demo: model: row $n ($uuid)" >&2
      "$zerocad" reconstruct -m "$model" --row "$shard#$uuid" -o "$out/model/$uuid.py" -t "$jobs" --quiet \
        --refine --refine-evals "$refine_evals" --record "$out/pred.jsonl" || true
    done
  done
}

if [ -n "$model" ]; then
  echo "demo: reconstructor: the model in $model (+ refinement, $refine_evals runs per row)" >&2
  step model_reconstruct
else
  step "$zerocad" reconstruct --retrieval "$out/train" --data "$out/test" -k "$k" -j "$jobs" \
    --refine-evals "$refine_evals" -o "$out/pred.jsonl" --views-out "$out/recon-views.parquet"
fi
step "$zerocad" eval --pred "$out/pred.jsonl" --gt "$out/test" -j "$jobs" -o "$out/eval-zerocad" --chamfer -q
step "$zerocad" eval --pred "$out/pred.jsonl" --gt "$out/test" -j "$jobs" -o "$out/eval-cadrille" -p cadrille -q
step "$zerocad" report "$out" -o "$out/report.html"
echo >&2
echo "demo: done in $((SECONDS - start)) s; open $out/report.html" >&2
