"""Files written by DuckDB (each codec; dictionary and plain; page v1 and v2 with the delta and
byte-stream-split encodings; several row groups; nulls; struct and list columns) read by our
reader (pq_tool dump, every leaf of every row) and compared with DuckDB's own reading."""
import json
import struct
import subprocess

import pytest

TABLE = """CREATE TABLE t AS SELECT
  i::INTEGER AS i32,
  (i * 1000000007 - 5000)::BIGINT AS i64,
  CASE WHEN i % 3 = 0 THEN NULL ELSE i * 0.25 - 17 END::DOUBLE AS d,
  (i / 7)::FLOAT AS f,
  i % 2 = 0 AS b,
  CASE WHEN i % 5 = 0 THEN NULL ELSE 'str' || (i % 13) || 'é' END AS s,
  ('blob' || i)::BLOB AS bl,
  repeat('z', i % 50) || i AS longs,
  {'a': i, 'b': CASE WHEN i % 4 = 0 THEN NULL ELSE 'x' || i END} AS st,
  CASE WHEN i % 6 = 0 THEN NULL WHEN i % 6 = 1 THEN [] ELSE [i, NULL, i + 1] END AS li,
  CASE WHEN i % 7 = 0 THEN NULL ELSE i % 3 END::BIGINT AS lowcard
FROM range(5000) r(i)"""

# DuckDB expressions giving each leaf column the way pq_tool dump prints it
DUCK_EXPR = {
    "i32": "CAST(i32 AS VARCHAR)", "i64": "CAST(i64 AS VARCHAR)", "d": "CAST(d AS VARCHAR)",
    "f": "CAST(f AS VARCHAR)", "b": "b", "s": "hex(s)", "bl": "hex(bl)", "longs": "hex(longs)",
    "st.a": "CAST(st.a AS VARCHAR)", "st.b": "hex(st.b)",
    "li.list.element": "list_transform(li, x -> CAST(x AS VARCHAR))", "lowcard": "CAST(lowcard AS VARCHAR)",
}


def f32(x):
    return struct.unpack("f", struct.pack("f", float(x)))[0]


def same(path, ours, theirs):
    if theirs is None or ours is None:
        return ours is None and theirs is None
    if path in ("d",):
        return float(ours) == float(theirs)
    if path == "f":
        return f32(ours) == f32(theirs)
    if isinstance(theirs, str) and isinstance(ours, str):
        return ours.lower() == theirs.lower()
    return ours == theirs


def compare(pq_tool, duck, path):
    res = subprocess.run([pq_tool, "dump", str(path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    ours = [json.loads(line) for line in res.stdout.splitlines()]
    select = ", ".join(f'{e} AS "{p}"' for p, e in DUCK_EXPR.items())
    theirs = duck(f"SELECT {select} FROM read_parquet('{path}', file_row_number=true) ORDER BY file_row_number")
    assert len(ours) == len(theirs) == 5000
    assert set(ours[0]) == set(DUCK_EXPR)
    for i, (a, b) in enumerate(zip(ours, theirs)):
        for p in DUCK_EXPR:
            assert same(p, a[p], b[p]), (i, p, a[p], b[p])


def encodings(duck, path):
    meta = duck(f"SELECT encodings, compression, row_group_id FROM parquet_metadata('{path}')")
    encs = set()
    for m in meta:
        encs |= {e.strip() for e in m["encodings"].split(",")}
    return encs, {m["compression"] for m in meta}, len({m["row_group_id"] for m in meta})


@pytest.mark.parametrize("codec", ["zstd", "snappy", "gzip", "lz4_raw", "uncompressed"])
@pytest.mark.parametrize("version", ["V1", "V2"])
def test_reads_duckdb_files(codec, version, pq_tool, duck, tmp_path):
    path = tmp_path / f"duck_{codec}_{version}.parquet"
    duck(TABLE, f"COPY t TO '{path}' (FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE 2048, "
                f"PARQUET_VERSION {version})")
    encs, codecs, groups = encodings(duck, path)
    assert codecs == {codec.upper()}
    assert groups >= 2
    assert "RLE_DICTIONARY" in encs or "PLAIN_DICTIONARY" in encs
    if version == "V2":
        assert "DELTA_BINARY_PACKED" in encs
    compare(pq_tool, duck, path)


def test_reads_plain_without_dictionary(pq_tool, duck, tmp_path):
    path = tmp_path / "plain.parquet"
    duck(TABLE, f"COPY t TO '{path}' (FORMAT parquet, COMPRESSION snappy, DICTIONARY_SIZE_LIMIT 1, "
                "STRING_DICTIONARY_PAGE_SIZE_LIMIT 1)")
    encs, _, _ = encodings(duck, path)
    assert "PLAIN" in encs
    compare(pq_tool, duck, path)


def test_reads_byte_stream_split_and_delta_length(pq_tool, duck, tmp_path):
    """High-cardinality columns in V2: DuckDB writes BYTE_STREAM_SPLIT and DELTA_LENGTH_BYTE_ARRAY."""
    path = tmp_path / "v2_hicard.parquet"
    duck(f"COPY (SELECT CASE WHEN i % 11 = 0 THEN NULL ELSE i / 3 END::DOUBLE AS x, (i * 1.5)::FLOAT AS y, "
         f"'k' || i AS s FROM range(20000) r(i)) TO '{path}' (FORMAT parquet, PARQUET_VERSION V2, COMPRESSION zstd)")
    encs, _, _ = encodings(duck, path)
    assert {"BYTE_STREAM_SPLIT", "DELTA_LENGTH_BYTE_ARRAY"} <= encs
    res = subprocess.run([pq_tool, "dump", str(path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    ours = [json.loads(line) for line in res.stdout.splitlines()]
    theirs = duck(f"SELECT CAST(x AS VARCHAR) AS x, CAST(y AS VARCHAR) AS y, hex(s) AS s "
                  f"FROM read_parquet('{path}', file_row_number=true) ORDER BY file_row_number")
    assert len(ours) == len(theirs) == 20000
    for a, b in zip(ours, theirs):
        assert same("d", a["x"], b["x"]) and same("f", a["y"], b["y"]) and a["s"].lower() == b["s"].lower()
