#!/usr/bin/env bash
# LLM agent benchmark: our time per LLM answer (everything but waiting for the server) with 256
# requests in flight against a local instant server. Needs ZEROCAD.
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/synth_llm/bench_synth_llm.py --zerocad "$ZEROCAD" --out bench/results "$@"
