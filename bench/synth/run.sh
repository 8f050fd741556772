#!/usr/bin/env bash
# Data engine benchmark: `zerocad synth` rows/s against `zerocad exec` + `zerocad render` on the
# same programs in the same run, and the quality figures of the rows it made. Needs ZEROCAD.
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/synth/bench_synth.py --zerocad "$ZEROCAD" --out bench/results "$@"
