#!/usr/bin/env bash
# Model benchmark (issue 7): random full-size Qwen3-VL-2B text checkpoint in a temp folder,
# prefill/decode for bf16 and q8 against the measured bandwidth and GEMM peak. Needs ~8 GB free in TMPDIR.
set -euo pipefail
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}   # libgomp busy-waiting halves decode on a shared 2-core machine
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/model/bench_model.py "$ZEROCAD" ${ZC_BENCH_THREADS:+--threads "$ZC_BENCH_THREADS"}
