#!/usr/bin/env bash
# Demo benchmark: `make demo` on a fresh clone of this repository (the build included) on 2 cores,
# timed, and the retrieval + refinement baseline's figures on the demo's test split (before and
# after refinement, both protocols). Writes bench/results/demo.{json,md} and baseline.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/demo/bench_demo.py --repo "$PWD" --out bench/results "$@"
