"""`zerocad curate` end to end on shards made here from planted clusters of shapes (cube, rod, plate,
ball: rendered and meshed by curate_shards): one representative per planted cluster, K distinct
rows copied byte for byte, the coverage report's counts equal to those computed here from the
planted rows, determinism for a seed, the vision-encoder descriptor against the NumPy reference,
and bad input."""
import collections
import json
import os
import pathlib
import sys

import numpy as np
import pytest

from curate_helpers import (CLUSTERS, dump, make_shards, planted_rows, report_table, run_curate, shard_files,
                            tool_path)

SIZES = [5, 6, 7, 8]


@pytest.fixture(scope="module")
def planted(tmp_path_factory, zerocad_bin):
    tool = tool_path(zerocad_bin)
    d = tmp_path_factory.mktemp("planted") / "in"
    rows = planted_rows(SIZES, seed=11)
    make_shards(tool, str(d), rows)
    return tool, str(d), rows


def expected_coverage(rows):
    ops, faces, cats = collections.Counter(), collections.Counter(), collections.Counter()
    for r in rows:
        for name in set(o["op_name"] for o in json.loads(r["ops_json"])):
            ops[name] += 1
        f = r["num_faces"]
        label = ("< 7" if f < 7 else "7-9" if f < 10 else "10-14" if f < 15 else "15-19" if f < 20 else
                 "20-29" if f < 30 else "30-49" if f < 50 else "50-99" if f < 100 else ">= 100")
        faces[label] += 1
        c = CLUSTERS[r["cluster"]]["category"]
        cats[c or "unknown"] += 1
    return ops, faces, cats


def test_one_row_per_planted_cluster_copied_byte_for_byte(planted, tmp_path, zerocad_bin):
    tool, src, rows = planted
    assert len(shard_files(src)) == 4  # 26 rows, 7 per file
    out = tmp_path / "out"
    p = run_curate(zerocad_bin, src, "-n", 4, "-o", out, "--seed", 1, "--report", tmp_path / "r.md", "--quiet")
    assert p.returncode == 0, p.stderr
    got = dump(tool, shard_files(out))
    assert [os.path.basename(f) for f in shard_files(out)] == ["part-00000.parquet"]
    uuids = [g["uuid"] for g in got]
    assert len(uuids) == 4 and len(set(uuids)) == 4
    by_uuid = {r["uuid"]: r for r in rows}
    assert sorted(by_uuid[u]["cluster"] for u in uuids) == [0, 1, 2, 3]
    # byte for byte: every column's digest equals the input row's
    inp = {g["uuid"]: g for g in dump(tool, shard_files(src))}
    for g in got:
        assert g == inp[g["uuid"]]
    # the report: counts computed here from the planted rows, before and after
    text = p.stdout
    assert (tmp_path / "r.md").read_text() == text
    chosen = [by_uuid[u] for u in uuids]
    for (heading, idx) in (("Operations", 0), ("Faces", 1), ("Categories", 2)):
        table = report_table(text, heading)
        before, after = expected_coverage(rows)[idx], expected_coverage(chosen)[idx]
        for key in set(before) | set(after):
            assert table[key] == (before[key], after[key]), (heading, key, table)
        assert all(table[k] == (0, 0) for k in table if k not in before and k not in after)
    assert "| rows | 26 | 4 |" in text


def test_deterministic_for_a_seed_and_several_output_files(planted, tmp_path, zerocad_bin):
    tool, src, rows = planted
    by_uuid = {r["uuid"]: r for r in rows}
    picks = []
    for run in range(2):
        out = tmp_path / f"out{run}"
        p = run_curate(zerocad_bin, src, "-n", 4, "-o", out, "--seed", 5, "--rows-per-shard", 3, "--quiet")
        assert p.returncode == 0, p.stderr
        assert [os.path.basename(f) for f in shard_files(out)] == ["part-00000.parquet", "part-00001.parquet"]
        picks.append([g["uuid"] for g in dump(tool, shard_files(out))])
    assert picks[0] == picks[1]
    assert sorted(by_uuid[u]["cluster"] for u in picks[0]) == [0, 1, 2, 3]
    # the descriptors do not depend on the thread count
    descs = []
    for j in (1, 3):
        p = run_curate(zerocad_bin, src, "-n", 4, "-o", tmp_path / f"j{j}", "-j", j, "--descriptors",
                       tmp_path / f"j{j}.f32", "--quiet")
        assert p.returncode == 0, p.stderr
        descs.append((tmp_path / f"j{j}.f32").read_bytes())
    assert descs[0] == descs[1] and len(descs[0]) == 26 * 611 * 4
    # other seeds find the planted clusters too
    for seed in (0, 2, 3):
        out = tmp_path / f"seed{seed}"
        p = run_curate(zerocad_bin, src, "-n", 4, "-o", out, "--seed", seed, "--quiet")
        assert p.returncode == 0, p.stderr
        assert sorted(by_uuid[g["uuid"]]["cluster"] for g in dump(tool, shard_files(out))) == [0, 1, 2, 3]


def test_pca_projection_keeps_the_planted_clusters(planted, tmp_path, zerocad_bin):
    tool, src, rows = planted
    by_uuid = {r["uuid"]: r for r in rows}
    p = run_curate(zerocad_bin, src, "-n", 4, "-o", tmp_path / "o", "--pca", 8, "--seed", 4, "--quiet")
    assert p.returncode == 0, p.stderr
    assert "PCA: 611 -> 8 dimensions" in p.stdout
    assert sorted(by_uuid[g["uuid"]]["cluster"] for g in dump(tool, shard_files(tmp_path / "o"))) == [0, 1, 2, 3]
    p = run_curate(zerocad_bin, src, "-n", 4, "-o", tmp_path / "o2", "--pca", 611)
    assert p.returncode == 1 and "PCA" in p.stderr and shard_files(tmp_path / "o2") == []


def test_more_clusters_than_planted_still_distinct_rows(planted, tmp_path, zerocad_bin):
    tool, src, rows = planted
    p = run_curate(zerocad_bin, *shard_files(src), "-n", 10, "-o", tmp_path / "o", "--quiet")
    assert p.returncode == 0, p.stderr
    uuids = [g["uuid"] for g in dump(tool, shard_files(tmp_path / "o"))]
    assert len(uuids) == 10 and len(set(uuids)) == 10
    by_uuid = {r["uuid"]: r for r in rows}
    assert {by_uuid[u]["cluster"] for u in uuids} == {0, 1, 2, 3}
    # k >= rows keeps every row
    p = run_curate(zerocad_bin, src, "-n", 100, "-o", tmp_path / "all", "--quiet")
    assert p.returncode == 0, p.stderr
    assert sorted(g["uuid"] for g in dump(tool, shard_files(tmp_path / "all"))) == sorted(by_uuid)
    assert "every row kept" in p.stdout


def test_vision_encoder_descriptor_matches_numpy_reference(planted, tmp_path, zerocad_bin):
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "reference"))
    import make_vision_checkpoint as mvc
    import vision_ref as vref
    tool, src, rows = planted
    ck = tmp_path / "ck"
    t, vc, w = mvc.write_vision_checkpoint(str(ck), seed=2)
    first = shard_files(src)[0]
    out, desc = tmp_path / "o", tmp_path / "d.f32"
    p = run_curate(zerocad_bin, first, "-n", 3, "-o", out, "-m", ck, "--descriptors", desc, "--quiet")
    assert p.returncode == 0, p.stderr
    assert "vision encoder" in p.stdout
    got = np.fromfile(desc, dtype=np.float32).reshape(-1, t["hidden_size"])
    order = [g["uuid"] for g in dump(tool, [first])]
    assert got.shape[0] == len(order) == 7
    views = tmp_path / "views"
    views.mkdir()
    import subprocess
    subprocess.run([tool, "images", first, views], check=True)
    for i in (0, 6):
        imgs = [vref.preprocess_png(str(views / f"{order[i]}_{k}.png")) for k in range(8)]
        emb, _ = vref.vision_forward(vc, w, imgs)
        ref = emb.mean(axis=0)
        ref /= np.linalg.norm(ref)
        assert np.max(np.abs(got[i] - ref)) <= 1e-4, i
    assert len({g["uuid"] for g in dump(tool, shard_files(out))}) == 3


def test_bad_input(planted, tmp_path, zerocad_bin):
    tool, src, rows = planted
    p = run_curate(zerocad_bin, tmp_path / "missing", "-n", 2, "-o", tmp_path / "o")
    assert p.returncode == 1 and "missing" in p.stderr and len(p.stderr.strip().splitlines()) == 1
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 this is not a parquet file PAR1")
    p = run_curate(zerocad_bin, bad, "-n", 2, "-o", tmp_path / "o2")
    assert p.returncode == 1 and "bad.parquet" in p.stderr
    assert not (tmp_path / "o2").exists() or shard_files(tmp_path / "o2") == []
    # an output folder that already holds shards is refused and left as it was
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "part-00000.parquet").write_bytes(b"precious")
    p = run_curate(zerocad_bin, src, "-n", 2, "-o", taken)
    assert p.returncode == 1 and "taken" in p.stderr
    assert (taken / "part-00000.parquet").read_bytes() == b"precious"
    # a shard named twice (directly and through its folder)
    p = run_curate(zerocad_bin, src, shard_files(src)[1], "-n", 2, "-o", tmp_path / "o7")
    assert p.returncode == 1 and "named twice" in p.stderr and os.path.basename(shard_files(src)[1]) in p.stderr
    # usage
    assert run_curate(zerocad_bin, src, "-n", 0, "-o", tmp_path / "o3").returncode == 2
    assert run_curate(zerocad_bin, src, "-n", 2).returncode == 2
    assert run_curate(zerocad_bin, src, "-n", 2, "-o", tmp_path / "o4", "--seed", "x").returncode == 2
    # a bad checkpoint folder
    p = run_curate(zerocad_bin, src, "-n", 2, "-o", tmp_path / "o5", "-m", tmp_path / "nock")
    assert p.returncode == 1 and "nock" in p.stderr
    # an empty folder of shards
    (tmp_path / "empty").mkdir()
    p = run_curate(zerocad_bin, tmp_path / "empty", "-n", 2, "-o", tmp_path / "o6")
    assert p.returncode == 1 and "empty" in p.stderr


def test_output_read_by_duckdb(planted, tmp_path, zerocad_bin, duck):
    """DuckDB, not our reader, reads OUT: the planted code, ops, faces and STEP text of each chosen
    row, and every binary column's md5 equal to DuckDB's reading of the same row in the input."""
    import hashlib
    tool, src, rows = planted
    out = tmp_path / "out"
    p = run_curate(zerocad_bin, src, "-n", 4, "-o", out, "--seed", 9, "--quiet")
    assert p.returncode == 0, p.stderr
    cols = ("uuid, md5(cadquery_file) AS code, cadquery_ops_json AS ops, num_faces, cadquery_ops_count AS nops, "
            "step_file::VARCHAR AS step, md5(stl_file) AS stl, "
            + ", ".join(f"md5(image_{k}) AS i{k}" for k in range(8)))
    got = duck(f"SELECT {cols} FROM read_parquet('{out}/*.parquet') ORDER BY uuid")
    assert len(got) == 4
    by_uuid = {r["uuid"]: r for r in rows}
    assert sorted(by_uuid[g["uuid"]]["cluster"] for g in got) == [0, 1, 2, 3]
    for g in got:
        r = by_uuid[g["uuid"]]
        assert g["code"] == hashlib.md5(r["code"].encode()).hexdigest()
        assert g["ops"] == r["ops_json"] and int(g["nops"]) == r["ops_count"]
        assert int(g["num_faces"]) == r["num_faces"] and g["step"] == r["step"]
    uuids = ", ".join(f"'{g['uuid']}'" for g in got)
    src_rows = duck(f"SELECT {cols} FROM read_parquet('{src}/*.parquet') WHERE uuid IN ({uuids}) ORDER BY uuid")
    assert src_rows == got
