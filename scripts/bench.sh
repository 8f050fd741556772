#!/usr/bin/env bash
# bench.sh BUILD: runs every benchmark under bench/ against the build in BUILD; each writes its
# figures to bench/results/ (JSON + a markdown table), and the tables are copied into README.md.
set -euo pipefail
build=${1:-build}
mkdir -p bench/results
export ZEROCAD="$PWD/$build/zerocad" PYTHONPATH="$PWD/$build/python" ZC_BUILD="$PWD/$build"
for b in bench/*/run.sh; do
  [ -e "$b" ] || continue
  echo "bench: $b" >&2
  bash "$b"
done
/usr/bin/python3 scripts/readme_bench.py README.md bench/results
