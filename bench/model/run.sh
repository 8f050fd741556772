#!/usr/bin/env bash
# Model benchmark (issues 7, 19): random full-size Qwen3-VL-2B text checkpoint in a temp folder;
# decode (1 and 2 threads), n-row forward cost and prefill for bf16, q8 and q4 against the measured
# bandwidth and GEMM peak. Needs ~8 GB free in TMPDIR and the bench_model_forward target built.
set -euo pipefail
# libgomp's default wait policy (brief spinning at barriers), as zerocad runs for a user; on a machine
# shared with other busy processes run with OMP_WAIT_POLICY=passive (docs/model.md, "Threads").
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/model/bench_model.py "$ZEROCAD" ${ZC_BENCH_THREADS:+--threads "$ZC_BENCH_THREADS"}
