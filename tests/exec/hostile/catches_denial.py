# expect: denied
# Catching the refusal does not help: the attempt itself ends the program.
import os
import cadquery as cq
try:
    os.system("true")
except Exception:
    pass
result = cq.Workplane().box(1, 1, 1)
