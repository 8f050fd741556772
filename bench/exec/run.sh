#!/usr/bin/env bash
# Executor benchmark: programs/s of `zerocad exec` on the shared corpus at -j1 and -jN against
# a fresh `zerocad run` process per program, and the scaling efficiency. Needs ZEROCAD.
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/exec/bench_exec.py --zerocad "$ZEROCAD" --out bench/results
