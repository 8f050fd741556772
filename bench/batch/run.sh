#!/usr/bin/env bash
# Batched decode benchmark (issue 18): random full-size Qwen3-VL-2B text checkpoint in a temp folder,
# `zerocad generate --batch B` decode tok/s at B = 1, 2, 4, 8 on 2 threads (alternating rounds), ratio
# B=8 / B=1. Needs ~4 GB free in TMPDIR. ZC_BENCH_KEEP=DIR reuses/keeps the checkpoint.
set -euo pipefail
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/batch/bench_batch.py "$ZEROCAD" ${ZC_BENCH_THREADS:+--threads "$ZC_BENCH_THREADS"} \
    ${ZC_BENCH_KEEP:+--keep "$ZC_BENCH_KEEP"}
