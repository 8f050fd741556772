"""The shard layer (zd_open/zd_next, zd_writer_*, zd_scan_uuids, zd_list_shards): round trip of
generated rows, the Hugging Face Image and list layouts written by DuckDB, missing required
columns, projection (bytes read), and crash safety of the writer."""
import json
import os
import signal
import struct
import subprocess

import pytest

from parquet_testlib import BINARY, FLOATS, INTS, make_rows, write_jsonl

ZD_COL_UUID, ZD_COL_CODE = 1, 2


def shard_dump(pq_tool, path, mask=127):
    res = subprocess.run([pq_tool, "shard-dump", str(path), str(mask)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    bytes_read = int(res.stderr.split("bytes_read ")[1])
    return rows, bytes_read


def test_round_trip_every_field(write_shard, pq_tool):
    rows = make_rows(70, seed=3)
    path = write_shard(rows, rg_bytes=10000)
    got, _ = shard_dump(pq_tool, path)
    assert len(got) == len(rows)
    for want, row in zip(rows, got):
        assert bytes.fromhex(row["uuid"]).decode() == want["uuid"]
        assert row["cadquery_ops_json"] == (None if want["cadquery_ops_json"] is None else want["cadquery_ops_json"].encode().hex())
        for key in INTS:
            assert row[key] == (-1 if want[key] is None else want[key])
        for key in FLOATS:
            assert row[key] == want[key]
        for key in BINARY:
            assert row[key] == (None if want[key] is None else want[key].hex())


def layout_sql(path, images):
    return (f"COPY (SELECT 'u' || i AS uuid, ('code' || i)::BLOB AS cadquery_file, {images}, "
            f"CASE WHEN i % 3 = 0 THEN NULL ELSE ('stl' || i)::BLOB END AS stl_file "
            f"FROM range(300) r(i)) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 100)")


def image_bytes(i, k):
    return f"img{i}_{k}".encode().hex()


@pytest.mark.parametrize("layout", ["struct", "list", "list_struct"])
def test_reads_other_image_layouts(layout, duck, pq_tool, tmp_path):
    path = tmp_path / f"{layout}.parquet"
    blob = "('img' || i || '_{k}')::BLOB"
    if layout == "struct":      # Hugging Face Image feature: image_k struct<bytes, path>
        images = ", ".join("{'bytes': " + blob.format(k=k) + ", 'path': NULL::VARCHAR} AS image_" + str(k)
                           for k in range(8))
    elif layout == "list":      # one list<binary> column
        images = "[" + ", ".join(blob.format(k=k) for k in range(8)) + "] AS images"
    else:                       # list<struct<bytes, path>>
        images = "[" + ", ".join("{'bytes': " + blob.format(k=k) + ", 'path': 'v" + str(k) + ".png'}"
                                 for k in range(8)) + "] AS images"
    duck(layout_sql(path, images))
    got, _ = shard_dump(pq_tool, path)
    assert len(got) == 300
    for i, row in enumerate(got):
        assert bytes.fromhex(row["uuid"]).decode() == f"u{i}"
        assert bytes.fromhex(row["cadquery_file"]).decode() == f"code{i}"
        assert [row[f"image_{k}"] for k in range(8)] == [image_bytes(i, k) for k in range(8)]
        assert row["stl_file"] == (None if i % 3 == 0 else f"stl{i}".encode().hex())
        assert row["step_file"] is None and row["num_faces"] == -1 and row["face_latency_ms"] is None


@pytest.mark.parametrize("kind", ["text", "number"])
def test_description_column_read_when_asked(kind, duck, pq_tool, tmp_path):
    """The LLM agent's extra "description" column (a string, some rows null) is read only when
    ZD_COL_DESCRIPTION (128) is asked for; a "description" column of another type is not ours:
    ignored, not an error."""
    path = tmp_path / f"desc_{kind}.parquet"
    value = "CASE WHEN i % 4 = 0 THEN NULL ELSE 'part ' || i END" if kind == "text" else "i * 2"
    duck(f"COPY (SELECT 'u' || i AS uuid, ('code' || i)::BLOB AS cadquery_file, {value} AS description "
         f"FROM range(50) r(i)) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 20)")
    asked, _ = shard_dump(pq_tool, path, 127 | 128)
    plain, _ = shard_dump(pq_tool, path, 127)
    assert len(asked) == len(plain) == 50
    for i, (a, p) in enumerate(zip(asked, plain)):
        want = None if kind == "number" or i % 4 == 0 else f"part {i}".encode().hex()
        assert a["description"] == want
        assert p["description"] is None
        assert bytes.fromhex(a["cadquery_file"]).decode() == f"code{i}"


def test_missing_required_columns_named(duck, pq_tool, tmp_path):
    path = tmp_path / "nocode.parquet"
    duck(f"COPY (SELECT 1 AS num_faces) TO '{path}' (FORMAT parquet)")
    res = subprocess.run([pq_tool, "shard-dump", str(path)], capture_output=True, text=True)
    assert res.returncode == 1
    assert res.stderr.strip() == f"{path}: not a Zero-to-CAD shard: missing required columns uuid, cadquery_file"


def test_projection_reads_only_the_code(write_shard, pq_tool, duck):
    rows = make_rows(200, seed=5, image_bytes=(3000, 5000), null_rate=0.0)
    path = write_shard(rows, rg_bytes=1 << 20)
    got, bytes_read = shard_dump(pq_tool, path, ZD_COL_UUID | ZD_COL_CODE)
    assert [bytes.fromhex(r["cadquery_file"]) for r in got] == [r["cadquery_file"] for r in rows]
    assert all(r["image_0"] is None and r["stl_file"] is None for r in got)
    meta = duck(f"SELECT path_in_schema, total_compressed_size FROM parquet_metadata('{path}')")
    wanted = sum(int(m["total_compressed_size"]) for m in meta if m["path_in_schema"] in ("uuid", "cadquery_file"))
    with open(path, "rb") as f:
        f.seek(-8, os.SEEK_END)
        footer = struct.unpack("<I", f.read(4))[0] + 12
    size = os.path.getsize(path)
    assert bytes_read == wanted + footer       # the two chunks, the footer, magic and length
    assert bytes_read < size / 20


def test_killed_writer_leaves_no_shard(write_shard, pq_tool, tmp_path):
    rows = make_rows(50, seed=9)
    done = write_shard(rows, name="done.parquet")
    src = tmp_path / "more.jsonl"
    write_jsonl(make_rows(50, seed=10), src)
    target = tmp_path / "killed.parquet"
    res = subprocess.run([pq_tool, "write-shard", str(target), str(src), "--rg-bytes", "5000",
                          "--kill-after", "30"], capture_output=True)
    assert res.returncode == -signal.SIGKILL
    names = sorted(os.listdir(tmp_path))
    assert "killed.parquet" not in names
    assert any(n.startswith("killed.parquet.tmp-") for n in names)
    listed = subprocess.run([pq_tool, "list", str(tmp_path)], capture_output=True, text=True, check=True)
    assert listed.stdout.split() == [str(done)]
    scan = subprocess.run([pq_tool, "scan", str(done)], capture_output=True, text=True, check=True)
    assert scan.stdout.splitlines() == [r["uuid"] for r in rows]
