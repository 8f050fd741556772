"""`zerocad data export | stats | verify` on a synthesized dataset, each checked against DuckDB's
reading of the same shards (the independent implementation), and verify against shards that
DuckDB rewrote with broken rows."""
import hashlib
import json
import subprocess

import pytest


@pytest.fixture(scope="module")
def dataset(zerocad_bin, tmp_path_factory):
    out = tmp_path_factory.mktemp("tools") / "ds"
    res = subprocess.run([zerocad_bin, "synth", "-n", "6", "-o", str(out), "--seed", "3", "--rows-per-shard", "4"],
                         capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr
    return out


def data(zerocad_bin, *args):
    return subprocess.run([zerocad_bin, "data", *args], capture_output=True, text=True, timeout=600)


def test_export_rows_byte_for_byte(dataset, zerocad_bin, duck, tmp_path):
    rows = duck(f"SELECT uuid, md5(cadquery_file) AS code, md5(image_5) AS img, md5(step_file) AS step, "
                f"md5(stl_file) AS stl, num_faces::INTEGER AS faces FROM read_parquet('{dataset}/part-*.parquet', "
                "filename=true, file_row_number=true) ORDER BY filename, file_row_number")
    res = data(zerocad_bin, "export", str(dataset), "--rows", "3:5", "-o", str(tmp_path / "x"))
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == [str(tmp_path / "x" / r["uuid"]) for r in rows[3:5]]
    for r in rows[3:5]:
        d = tmp_path / "x" / r["uuid"]
        md5 = lambda name: hashlib.md5((d / name).read_bytes()).hexdigest()  # noqa: E731
        assert (md5("program.py"), md5("view_5.png"), md5("model.step"), md5("model.stl")) == \
            (r["code"], r["img"], r["step"], r["stl"])
        meta = json.loads((d / "meta.json").read_text())
        assert meta["uuid"] == r["uuid"] and meta["num_faces"] == r["faces"]
    one = rows[0]["uuid"]
    res = data(zerocad_bin, "export", str(dataset), "--id", one, "-o", str(tmp_path / "y"))
    assert res.returncode == 0 and (tmp_path / "y" / one / "view_0.png").exists()
    res = data(zerocad_bin, "export", str(dataset), "--id", "no-such-uuid", "-o", str(tmp_path / "z"))
    assert res.returncode == 1 and "no-such-uuid" in res.stderr
    res = data(zerocad_bin, "export", str(dataset), "--rows", "5:2", "-o", str(tmp_path / "z"))
    assert res.returncode == 2


def test_stats_match_duckdb(dataset, zerocad_bin, duck):
    res = data(zerocad_bin, "stats", str(dataset), "--json")
    assert res.returncode == 0, res.stderr
    st = json.loads(res.stdout)
    src = f"read_parquet('{dataset}/part-*.parquet')"
    assert st["rows"] == duck(f"SELECT count(*)::INTEGER AS n FROM {src}")[0]["n"] == 6
    assert st["files"] == 2
    faces = [r["f"] for r in duck(f"SELECT num_faces::INTEGER AS f FROM {src}")]
    bins = {"0-6": (0, 7), "7-9": (7, 10), "10-19": (10, 20), "20-29": (20, 30), "30-49": (30, 50),
            "50-99": (50, 100), "100-199": (100, 200)}
    for key, (lo, hi) in bins.items():
        assert st["faces_histogram"][key] == sum(lo <= f < hi for f in faces), key
    ops = duck(f"SELECT op.op_name AS name, count(DISTINCT uuid)::INTEGER AS rows, count(*)::INTEGER AS calls "
               f"FROM (SELECT uuid, unnest(from_json(cadquery_ops_json, '[{{\"op_name\": \"VARCHAR\"}}]')) AS op "
               f"FROM {src}) GROUP BY name")
    assert {o["name"]: {"rows": o["rows"], "calls": o["calls"]} for o in ops} == st["ops"]
    md = data(zerocad_bin, "stats", str(dataset))
    assert md.returncode == 0 and "| faces | rows |" in md.stdout


def test_verify_good_and_broken(dataset, zerocad_bin, duck, tmp_path):
    res = data(zerocad_bin, "verify", str(dataset))
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.strip().endswith("OK: 6 rows in 2 files, 0 with problems (0 problems)")
    bad = tmp_path / "bad.parquet"
    src = f"read_parquet('{dataset}/part-*.parquet', file_row_number=true, filename=true)"
    # row 0: image_2 not a PNG; row 1: the uuid of row 0; row 2: code not UTF-8; row 3: STEP cut short
    duck(f"COPY (SELECT CASE WHEN n = 1 THEN first_uuid ELSE uuid END AS uuid, "
         f"CASE WHEN n = 2 THEN '\\xFF\\xFEbad'::BLOB ELSE cadquery_file END AS cadquery_file, "
         f"cadquery_ops_json, cadquery_ops_count, num_faces, num_renders, face_latency_ms, ops_latency_ms, "
         f"image_0, image_1, CASE WHEN n = 0 THEN 'not a png'::BLOB ELSE image_2 END AS image_2, "
         f"image_3, image_4, image_5, image_6, image_7, stl_file, "
         f"CASE WHEN n = 3 THEN 'ISO-10303-21;'::BLOB ELSE step_file END AS step_file "
         f"FROM (SELECT *, row_number() OVER (ORDER BY filename, file_row_number) - 1 AS n, "
         f"first_value(uuid) OVER (ORDER BY filename, file_row_number) AS first_uuid FROM {src})) "
         f"TO '{bad}' (FORMAT parquet)")
    res = data(zerocad_bin, "verify", str(bad))
    assert res.returncode == 1
    lines = res.stdout.splitlines()
    assert any("row 1 " in l and "image_2" in l for l in lines), lines
    assert any("row 2 " in l and "uuid: not unique" in l for l in lines), lines
    assert any("row 3 " in l and "cadquery_file: not valid UTF-8" in l for l in lines), lines
    assert any("row 4 " in l and "step_file" in l for l in lines), lines
    assert lines[-1] == "FAILED: 6 rows in 1 files, 4 with problems (4 problems)"
    res = data(zerocad_bin, "verify", str(tmp_path / "missing.parquet"))
    assert res.returncode == 2 and "missing.parquet" in res.stderr
