#!/usr/bin/env bash
# bench/metrics/run.sh: pairs/s of each metrics protocol on the shared corpus scored against shifted
# copies of itself (`zerocad eval`, per-item score_seconds: scoring only, one core), plus the whole
# eval wall time (execution included). Writes bench/results/metrics.json and metrics.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
zerocad=${ZEROCAD:-$repo/build/zerocad}
corpus=${ZC_CORPUS:-$repo/tests/data/programs}
out=$repo/bench/results
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/bench_metrics.py" --zerocad "$zerocad" --corpus "$corpus" --work "$work" \
  --json "$out/metrics.json" --md "$out/metrics.md"
