"""`zerocad data info` and `zerocad data head`, checked against DuckDB's reading of the same
files and against the rows the test generated."""
import base64
import json
import subprocess

from parquet_testlib import make_rows


def run(zerocad_bin, *args):
    return subprocess.run([zerocad_bin, "data", *args], capture_output=True, text=True, timeout=120)


def test_info_matches_duckdb_metadata(zerocad_bin, duck, tmp_path):
    path = tmp_path / "t.parquet"
    duck(f"COPY (SELECT i AS a, 'x' || i AS s, {{'p': i, 'q': [i, i]}} AS st FROM range(10000) r(i)) "
         f"TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 4000, COMPRESSION gzip)")
    res = run(zerocad_bin, "info", str(path))
    assert res.returncode == 0, res.stderr
    info = json.loads(res.stdout)
    meta = duck(f"SELECT path_in_schema, total_compressed_size, total_uncompressed_size, row_group_id, "
                f"encodings FROM parquet_metadata('{path}')")
    assert info["rows"] == 10000
    assert info["row_groups"] == len({m["row_group_id"] for m in meta})
    cols = {c["path"]: c for c in info["columns"]}
    for m in meta:
        assert m["path_in_schema"].replace(", ", ".") in cols
    for path_in_schema in {m["path_in_schema"] for m in meta}:
        c = cols[path_in_schema.replace(", ", ".")]
        same = [m for m in meta if m["path_in_schema"] == path_in_schema]
        assert c["compressed_bytes"] == sum(int(m["total_compressed_size"]) for m in same)
        assert c["uncompressed_bytes"] == sum(int(m["total_uncompressed_size"]) for m in same)
        assert c["codecs"] == ["GZIP"]
        assert set(c["encodings"]) == {e.strip() for m in same for e in m["encodings"].split(",")}
    assert cols["st.q.list.element"]["max_repetition_level"] == 1
    schema = duck(f"SELECT name, type FROM parquet_schema('{path}') WHERE type IS NOT NULL")
    assert {s["name"]: s["type"] for s in schema} == {c["path"].split(".")[-1]: c["type"] for c in info["columns"]}


def test_head_values(zerocad_bin, write_shard):
    rows = make_rows(6, seed=11, null_rate=0.0)
    rows[1]["num_faces"] = None
    path = write_shard(rows)
    res = run(zerocad_bin, "head", str(path), "-n", "4")
    assert res.returncode == 0, res.stderr
    got = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(got) == 4
    for want, row in zip(rows, got):
        assert row["uuid"] == want["uuid"]
        assert row["cadquery_ops_json"] == want["cadquery_ops_json"]
        assert row["num_faces"] == want["num_faces"]
        assert row["face_latency_ms"] == want["face_latency_ms"]
        assert row["image_0"] == {"bytes": len(want["image_0"]), "kind": "png"}
        assert row["step_file"] == {"bytes": len(want["step_file"]), "kind": "step"}
        assert row["cadquery_file"] == {"bytes": len(want["cadquery_file"]), "kind": "text"}
    res = run(zerocad_bin, "head", str(path), "-n", "2", "--columns", "uuid,stl_file", "--binary", "base64")
    got = [json.loads(line) for line in res.stdout.splitlines()]
    assert [list(r) for r in got] == [["uuid", "stl_file"]] * 2
    assert [base64.b64decode(r["stl_file"]) for r in got] == [r["stl_file"] for r in rows[:2]]


def test_head_nested_columns(zerocad_bin, duck, tmp_path):
    path = tmp_path / "n.parquet"
    duck(f"COPY (SELECT i AS a, CASE WHEN i = 1 THEN NULL WHEN i = 2 THEN [] ELSE [i, NULL] END AS l, "
         f"{{'x': (i * 0.5)::DOUBLE}} AS s FROM range(4) r(i)) TO '{path}' (FORMAT parquet)")
    res = run(zerocad_bin, "head", str(path))
    got = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["l.list.element"] for r in got] == [[0, None], None, [], [3, None]]
    assert [r["s.x"] for r in got] == [0.0, 0.5, 1.0, 1.5]


def test_usage_and_errors(zerocad_bin, tmp_path):
    assert run(zerocad_bin, "--help").returncode == 0
    assert run(zerocad_bin, "head", "--help").returncode == 0
    assert run(zerocad_bin, "info", "--help").returncode == 0
    assert run(zerocad_bin, "nosuch").returncode == 2
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"hello world, not parquet")
    res = run(zerocad_bin, "info", str(bad))
    assert res.returncode == 1
    assert res.stderr == f"zerocad data info: {bad}: not a parquet file (no PAR1 magic)\n"
