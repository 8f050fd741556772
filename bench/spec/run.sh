#!/usr/bin/env bash
# Speculative decoding benchmark (issue 19, item 3): random full-size Qwen3-VL-2B text checkpoint in a
# temp folder; the cost of verifying k drafted ids against one decode step (bf16, q8, q4), decode speed and
# acceptance with and without --speculate on the random model, and the prompt-lookup drafter replayed
# on the CadQuery programs of tests/data/programs. Needs ~4 GB free in TMPDIR and spec_bench built next
# to $ZEROCAD (build/bench/spec/spec_bench). ZC_BENCH_SMALL=1: the tiny test shape (smoke test).
set -euo pipefail
# libgomp's default wait policy (brief spinning at barriers), as zerocad runs for a user; on a machine
# shared with other busy processes run with OMP_WAIT_POLICY=passive (docs/model.md, "Threads").
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/spec/bench_spec.py "$ZEROCAD" ${ZC_BENCH_THREADS:+--threads "$ZC_BENCH_THREADS"} \
    ${ZC_BENCH_SMALL:+--small}
