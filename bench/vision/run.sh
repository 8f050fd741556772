#!/usr/bin/env bash
# Vision/reconstruct benchmark (issue 8): random full-size Qwen3-VL-2B checkpoint (text + vision) in a
# temp folder; vision encoder, prefill and 1000-token reconstruct times vs the GEMM peak. Needs ~5 GB
# free in TMPDIR and the vision_probe target built next to $ZEROCAD. ZC_BENCH_SMALL=1: smoke test.
set -euo pipefail
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}   # libgomp busy-waiting halves decode on a shared 2-core machine
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/vision/bench_vision.py "$ZEROCAD" ${ZC_BENCH_THREADS:+--threads "$ZC_BENCH_THREADS"} \
    ${ZC_BENCH_SMALL:+--small}
