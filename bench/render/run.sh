#!/usr/bin/env bash
# Renderer benchmark: the 8 default views of every shared-corpus program in one process,
# split into tessellation and drawing (plus PNG encoding), and `zerocad render` whole-process
# time for one program. Needs ZEROCAD and ZC_BUILD (set by scripts/bench.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/render/bench_render.py --zerocad "$ZEROCAD" --build "$ZC_BUILD" --out bench/results
