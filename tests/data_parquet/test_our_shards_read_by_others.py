"""Shards written by zc_data, read by independent implementations (DuckDB, hyparquet): every
value of every row must be what the test generated, bytes exactly; the file must carry the
requested codec, several row groups, statistics and the huggingface features metadata."""
import json
import subprocess

import pytest

from parquet_testlib import BINARY, FLOATS, INTS, make_rows

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


@pytest.mark.parametrize("codec", CODECS)
@pytest.mark.parametrize("v2", [0, 1])
def test_general_writer_every_type(codec, v2, pq_tool, duck, hyparquet, tmp_path):
    """pq_writer (not the shard layer): BOOLEAN/INT32/INT64/FLOAT/DOUBLE/BYTE_ARRAY, required and
    optional, page v1 and v2, small pages and row groups; DuckDB reads exactly the values."""
    path = tmp_path / f"table_{codec}_{v2}.parquet"
    n = 700
    res = subprocess.run([pq_tool, "write-table", str(path), str(n), codec, str(v2)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    got = duck(f"SELECT b, i32, CAST(i64 AS VARCHAR) AS i64, f, CAST(d AS VARCHAR) AS d, s, hex(bin) AS bin "
               f"FROM read_parquet('{path}', file_row_number=true) ORDER BY file_row_number")
    assert len(got) == n
    for i, row in enumerate(got):
        null = i % 5 == 0
        assert row["b"] == (i % 3 == 0)
        assert row["i32"] == (None if null else i * 7 - 100)
        assert row["i64"] == str(i * 10 ** 12)
        assert row["f"] == (None if null else i * 0.5)
        assert (row["d"] is None) == (i % 4 == 0) and (row["d"] is None or float(row["d"]) == i / 3)
        assert row["s"] == (None if null else f"s{i}")
        assert row["bin"] == bytes([i & 255, (i >> 8) & 255, 255][: i % 4]).hex().upper()
    meta = duck(f"SELECT DISTINCT row_group_id FROM parquet_metadata('{path}')")
    assert len(meta) > 3
    pages = duck(f"SELECT encodings FROM parquet_metadata('{path}') LIMIT 1")
    assert pages[0]["encodings"] == "PLAIN, RLE"
    if codec in ("zstd", "snappy", "gzip", "uncompressed"):
        rows = hyparquet(path)
        assert [r["i64"] for r in rows] == [str(i * 10 ** 12) for i in range(n)]
        assert [r["s"] for r in rows] == [None if i % 5 == 0 else f"s{i}" for i in range(n)]
