"""Shards written by zc_data, read by independent implementations (DuckDB, hyparquet): every
value of every row must be what the test generated, bytes exactly; the file must carry the
requested codec, several row groups, statistics and the huggingface features metadata."""
import json

import pytest

from conftest import BINARY, FLOATS, INTS, make_rows

CODECS = ["zstd", "snappy", "gzip", "lz4_raw", "uncompressed"]
DUCK_CODEC = {"zstd": "ZSTD", "snappy": "SNAPPY", "gzip": "GZIP", "lz4_raw": "LZ4_RAW",
              "uncompressed": "UNCOMPRESSED"}


def duck_select(path):
    cols = ["uuid", "cadquery_ops_json"]
    cols += [f"CAST({c} AS VARCHAR) AS {c}" for c in INTS + FLOATS]
    cols += [f"hex({c}) AS {c}" for c in BINARY]
    return f"SELECT {', '.join(cols)} FROM read_parquet('{path}', file_row_number=true) ORDER BY file_row_number"


def check_rows(expected, got, ints_as_str=True):
    assert len(got) == len(expected)
    for want, row in zip(expected, got):
        for key in ["uuid", "cadquery_ops_json"]:
            assert row[key] == want[key], key
        for key in INTS:
            assert row[key] == (None if want[key] is None else str(want[key])), key
        for key in FLOATS:
            assert (row[key] is None) == (want[key] is None), key
            if want[key] is not None:
                assert float(row[key]) == want[key], key
        for key in BINARY:
            assert (row[key] or "").lower() == (want[key].hex() if want[key] is not None else ""), key
            assert (row[key] is None) == (want[key] is None), key


@pytest.mark.parametrize("codec", CODECS)
def test_duckdb_reads_every_value(codec, write_shard, duck):
    rows = make_rows(80, seed=hash(codec) % 1000)
    path = write_shard(rows, codec=codec, rg_bytes=20000)
    check_rows(rows, duck(duck_select(path)))
    meta = duck(f"SELECT row_group_id, path_in_schema, compression, encodings, stats_null_count, "
                f"stats_min_value, stats_max_value FROM parquet_metadata('{path}')")
    assert len({m["row_group_id"] for m in meta}) >= 3          # several row groups
    assert {m["compression"] for m in meta} == {DUCK_CODEC[codec]}
    # null counts written per chunk add up to the generated nulls
    nulls = {}
    for m in meta:
        nulls[m["path_in_schema"]] = nulls.get(m["path_in_schema"], 0) + int(m["stats_null_count"])
    for key in ["cadquery_file", "num_faces", "image_3"]:
        assert nulls[key] == sum(r[key] is None for r in rows)
    # min/max of the int64 column over the file equal the generated extremes
    mins = [int(m["stats_min_value"]) for m in meta if m["path_in_schema"] == "num_faces" and m["stats_min_value"]]
    maxs = [int(m["stats_max_value"]) for m in meta if m["path_in_schema"] == "num_faces" and m["stats_max_value"]]
    present = [r["num_faces"] for r in rows if r["num_faces"] is not None]
    assert min(mins) == min(present) and max(maxs) == max(present)


def test_huggingface_features_metadata(write_shard, duck):
    path = write_shard(make_rows(3, seed=1))
    kv = duck(f"SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('{path}')")
    hf = json.loads(next(k["value"] for k in kv if k["key"] == "huggingface"))
    features = hf["info"]["features"]
    assert features["uuid"] == {"dtype": "string", "_type": "Value"}
    assert features["cadquery_file"] == {"dtype": "binary", "_type": "Value"}
    assert features["num_faces"]["dtype"] == "int64"
    assert features["face_latency_ms"]["dtype"] == "float64"
    assert [f"image_{k}" for k in range(8)] == [k for k in features if k.startswith("image_")]
    schema = duck(f"SELECT name, type, converted_type, repetition_type FROM parquet_schema('{path}')")
    by_name = {s["name"]: s for s in schema}
    assert by_name["uuid"]["converted_type"] == "UTF8"
    assert by_name["cadquery_ops_json"]["converted_type"] == "UTF8"
    assert by_name["cadquery_file"]["converted_type"] is None
    assert by_name["num_faces"]["type"] == "INT64"
    assert by_name["face_latency_ms"]["type"] == "DOUBLE"
    assert by_name["step_file"]["type"] == "BYTE_ARRAY"


@pytest.mark.parametrize("codec", ["zstd", "snappy", "gzip", "uncompressed"])
def test_hyparquet_reads_every_value(codec, write_shard, hyparquet):
    rows = make_rows(40, seed=7)
    path = write_shard(rows, codec=codec, rg_bytes=15000)
    got = hyparquet(path)
    assert len(got) == len(rows)
    for want, row in zip(rows, got):
        assert row["uuid"] == want["uuid"]
        assert row["cadquery_ops_json"] == want["cadquery_ops_json"]
        for key in INTS:
            assert row[key] == (None if want[key] is None else str(want[key]))
        for key in FLOATS:
            assert row[key] == want[key]
        for key in BINARY:
            assert row[key] == (None if want[key] is None else {"hex": want[key].hex()})
