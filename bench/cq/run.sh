#!/usr/bin/env bash
# CAD environment benchmark: corpus programs in one process vs the same operations called
# directly through src/kernel, and `zerocad run` whole-process time. Needs ZEROCAD, ZC_BUILD.
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/cq/bench_cq.py --zerocad "$ZEROCAD" --build "$ZC_BUILD" --out bench/results
