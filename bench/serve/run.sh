#!/usr/bin/env bash
# Server benchmark: the overhead of `zerocad serve` per request (HTTP, JSON, base64 and PNG decoding
# of 8 views) as a fraction of the model's time for it, and 16 concurrent clients (latency
# spread, FIFO admission). Needs ZEROCAD.
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/serve/bench_serve.py --zerocad "$ZEROCAD" --out bench/results "$@"
