#!/usr/bin/env bash
# Vision encoder / time-to-first-token benchmark (issues 8, 19): random full-size Qwen3-VL-2B
# checkpoint (text + vision) in a temp folder, 8 rendered views, fp32 vs bf16 products at 1 and 2
# threads in one process. Needs ~5 GB free in TMPDIR and the bench_ttft target built next to
# $ZEROCAD. ZC_BENCH_SMALL=1: smoke test; ZC_BENCH_THREADS=1,2 / ZC_BENCH_REPS=2 / ZC_BENCH_GEN=N.
set -euo pipefail
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}   # libgomp busy-waiting halves decode on a shared 2-core machine
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/vision/bench_vision.py "$ZEROCAD" ${ZC_BENCH_THREADS:+--threads "$ZC_BENCH_THREADS"} \
    ${ZC_BENCH_REPS:+--reps "$ZC_BENCH_REPS"} ${ZC_BENCH_GEN:+--gen "$ZC_BENCH_GEN"} ${ZC_BENCH_SMALL:+--small}
