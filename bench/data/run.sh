#!/usr/bin/env bash
# Data benchmark: reading the cadquery_file column of a shard full of images (bytes read against
# that column's compressed size, throughput against DuckDB on the same file), writing rows with
# zstd against DuckDB's COPY TO parquet of the same rows, and the writer's peak RSS against the
# row group size. Needs ZC_BUILD (bench_data) and node/npm (DuckDB from tests/data_parquet/node).
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 bench/data/bench_data.py --build "${ZC_BUILD:-build}" --out bench/results
