"""The assembly (XCAF) toolkits are loaded only when an assembly needs them: importing cadquery and
building a box maps no libTKXCAF and no zerocad_caf.so (checked in /proc/self/maps of a fresh
process), and the first Assembly save maps them and works."""
import os
import subprocess
import sys
import textwrap

ZEROCAD = os.environ.get("ZEROCAD")

PROBE = textwrap.dedent("""
    import sys
    import cadquery as cq

    def mapped(name):
        with open("/proc/self/maps") as f:
            return name in f.read()

    box = cq.Workplane().box(1, 2, 3)
    assert abs(box.val().Volume() - 6) < 1e-9
    before = (mapped("libTKXCAF"), mapped("zerocad_caf.so"), mapped("libTKVCAF"), mapped("libTKLCAF"))
    assy = cq.Assembly(box, name="part", color=cq.Color("red"))
    out = sys.argv[1]
    assy.save(out)
    after = (mapped("libTKXCAF"), mapped("zerocad_caf.so"))
    back = cq.Assembly.load(out)
    print(before, after, abs(back.toCompound().Volume() - 6) < 1e-6)
""")


def test_plain_import_maps_no_xcaf(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE)
    out = subprocess.run([sys.executable, str(probe), str(tmp_path / "a.step")], capture_output=True, text=True,
                         env=dict(os.environ), check=True)
    assert out.stdout.split("\n")[0] == "(False, False, False, False) (True, True) True"
    assert (tmp_path / "a.step").stat().st_size > 0


def test_zerocad_run_of_a_box_maps_no_xcaf(tmp_path):
    if not ZEROCAD:
        raise AssertionError("ZEROCAD (the path of build/zerocad) must be set for this test")
    prog = tmp_path / "box.py"
    prog.write_text(textwrap.dedent("""
        import cadquery as cq
        result = cq.Workplane().box(1, 2, 3)
        maps = open("/proc/self/maps").read()
        if "libTKXCAF" in maps or "zerocad_caf.so" in maps:
            raise RuntimeError("assembly toolkits mapped")
    """))
    r = subprocess.run([ZEROCAD, "run", str(prog), "--json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert '"volume"' in r.stdout
