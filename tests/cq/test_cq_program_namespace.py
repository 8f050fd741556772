"""Programs run by `zerocad run` see show_object, debug and log in their globals (as under
CQ-editor and cq-cli), and the cadquery package layout inside the embedded interpreter."""
import json
import subprocess
import textwrap


def run_json(zerocad_bin, tmp_path, source):
    prog = tmp_path / "prog.py"
    prog.write_text(textwrap.dedent(source))
    p = subprocess.run([zerocad_bin, "run", "--json", str(prog)], capture_output=True, text=True,
                       timeout=120, cwd=tmp_path)
    return p, json.loads(p.stdout.strip().splitlines()[-1])


def test_guarded_show_object(zerocad_bin, tmp_path):
    p, r = run_json(zerocad_bin, tmp_path, """
        import cadquery as cq
        part = cq.Workplane().box(2, 3, 4)
        if "show_object" in locals():
            show_object(part, name="part", options={"color": "red"})
        assert all(k in globals() for k in ("show_object", "debug", "log"))
    """)
    assert r["ok"], r
    assert abs(r["volume"] - 24.0) < 1e-9


def test_log_and_debug(zerocad_bin, tmp_path):
    p, r = run_json(zerocad_bin, tmp_path, """
        import cadquery as cq
        result = cq.Workplane().sphere(1)
        debug(result)
        log("radius", 1)
    """)
    assert r["ok"], r
    assert abs(r["volume"] - 4.0 / 3.0 * 3.141592653589793) < 1e-6
    assert "radius 1" in p.stderr


def test_submodules_in_embedded_interpreter(zerocad_bin, tmp_path):
    p, r = run_json(zerocad_bin, tmp_path, """
        import cadquery as cq
        import cadquery.func
        from cadquery.occ_impl.shapes import Solid
        from cadquery.occ_impl.exporters.svg import getSVG
        from cadquery.hull import find_hull
        assert Solid is cq.Solid
        assert "<svg" in getSVG(Solid.makeBox(1, 1, 1))
        result = Solid.makeBox(1, 2, 5)
    """)
    assert r["ok"], r
    assert abs(r["volume"] - 10.0) < 1e-9
