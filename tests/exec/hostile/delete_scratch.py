# expect: ok
# Deletes its own scratch directory, then makes a 1x2x3 box.
import os
import shutil
import cadquery as cq
shutil.rmtree(os.getcwd(), ignore_errors=True)
result = cq.Workplane().box(1, 2, 3)
