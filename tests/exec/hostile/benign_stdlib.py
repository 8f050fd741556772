# expect: ok
# Ordinary things a program may do must not be mistaken for attacks: tracebacks and warnings
# (which look up source lines), writing next to its own __file__, temporary files, and
# importing standard modules the executor did not import beforehand.
import csv
import io
import math
import os
import textwrap
import traceback
import warnings
import cadquery as cq
stack = traceback.format_stack()
warnings.warn("just a warning")
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "notes.csv"), "w", newline="") as f:
    csv.writer(f).writerow(["side", 3])
with open(os.path.join(here, "notes.csv")) as f:
    side = float(next(csv.reader(f))[1])
assert textwrap.dedent("  a") == "a" and io.StringIO("x").read() == "x"
result = cq.Workplane().box(side, side, math.sqrt(4.0))
