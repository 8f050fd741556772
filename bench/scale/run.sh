#!/usr/bin/env bash
# Scale-out benchmark: `zerocad exec` plain, under `mpirun -n 1` and `mpirun -n 2` on the same job
# (scaling efficiency), and the time a rank waits for the coordinator per program against the
# median program's time. Writes bench/results/scale.{json,md}. Needs ZEROCAD.
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/scale/bench_scale.py --zerocad "$ZEROCAD" --out bench/results
