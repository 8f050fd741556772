"""The generator's programs through our cadquery module: acceptance under the paper's validation
(synth_check.py), determinism of synth_dump's output, and the shape of the corpus (every family
present, face-count spread, program length)."""
import filecmp
import statistics
import subprocess

import synth_check
from synth_check import CHECK_COUNT, dump


def test_acceptance_at_least_90_percent(checked):
    folder, rows, results = checked
    table = synth_check.family_table(folder, results)
    print("\n" + synth_check.format_table(table))
    ok = sum(1 for r, _ in results.values() if r == "ok")
    assert len(results) == CHECK_COUNT
    assert ok / len(results) >= 0.90, synth_check.format_table(table)


def test_every_family_generated(checked, synth_dump):
    _folder, rows, _results = checked
    listed = subprocess.run([synth_dump, "--families"], check=True, capture_output=True, text=True).stdout
    families = {line.split("\t")[0] for line in listed.splitlines()}
    categories = {line.split("\t")[1] for line in listed.splitlines()}
    assert len(families) >= 30 and len(categories) >= 15
    seen = {fam for _i, fam, _c, _k in rows}
    assert seen == families, f"never generated: {sorted(families - seen)}"


def test_first_line_names_title_and_category(checked):
    folder, rows, _results = checked
    for idx, _fam, cat, _key in rows:
        first = (folder / (idx + ".py")).read_text().splitlines()[0]
        assert first.startswith("# ") and first.endswith(f" ({cat})"), first


def test_face_spread_and_length(checked):
    folder, _rows, results = checked
    faces = [f for r, f in results.values() if r == "ok"]
    assert min(faces) >= 7
    assert max(faces) >= 50, f"largest accepted part has {max(faces)} faces"
    lines = [len((folder / (p.split("/")[-1])).read_text().splitlines()) for p in results]
    med = statistics.median(lines)
    print(f"\nmedian program length: {med} lines; faces median {statistics.median(faces)}, max {max(faces)}")
    assert 20 <= med <= 200


def test_same_seed_same_bytes(synth_dump, tmp_path):
    a = dump(synth_dump, tmp_path / "a", 99, 60)
    b = dump(synth_dump, tmp_path / "b", 99, 60)
    names = sorted(p.name for p in a.iterdir())
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert not mismatch and not errors and len(match) == 61


def test_different_seeds_differ(synth_dump, tmp_path):
    a = dump(synth_dump, tmp_path / "a", 5, 50)
    b = dump(synth_dump, tmp_path / "b", 6, 50)
    same = [p.name for p in a.glob("*.py") if p.read_bytes() == (b / p.name).read_bytes()]
    assert len(same) <= 2, same


def test_start_offset_matches_full_run(synth_dump, tmp_path):
    """(seed, index) alone fixes a program: a run starting at 20 writes what a run from 0 wrote."""
    a = dump(synth_dump, tmp_path / "a", 11, 40)
    b = dump(synth_dump, tmp_path / "b", 11, 20, start=20)
    for p in b.glob("*.py"):
        assert p.read_bytes() == (a / p.name).read_bytes(), p.name


def test_category_filter(synth_dump, tmp_path):
    folder = dump(synth_dump, tmp_path / "c", 4, 30, categories="plates,shafts")
    cats = {c for _i, _f, c, _k in synth_check.read_manifest(folder)}
    assert cats <= {"plates", "shafts"} and cats
    bad = subprocess.run([synth_dump, "--seed", "1", "--print", "--categories", "plates,teapots"],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "teapots" in bad.stderr


def test_programs_are_distinct_under_the_code_key(checked):
    """Exact-dedup keys of the generated programs (different seeds' draws) almost never collide."""
    _folder, rows, _results = checked
    keys = [key for _i, _f, _c, key in rows]
    assert len(set(keys)) >= 0.99 * len(keys)
