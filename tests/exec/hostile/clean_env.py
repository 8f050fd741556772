# expect: ok
# The environment is clean (no ZEROCAD_SECRET from the test), HOME and TMPDIR are the scratch
# directory, and files written there can be read back.
import os
import tempfile
import cadquery as cq
assert "ZEROCAD_SECRET" not in os.environ, "environment leaked"
assert os.environ["HOME"] == os.getcwd(), os.environ["HOME"]
with tempfile.NamedTemporaryFile("w", delete=False) as f:
    f.write("12.5")
assert os.path.dirname(f.name) == os.getcwd()
size = float(open(f.name).read())
result = cq.Workplane().box(size, 2, 2)
