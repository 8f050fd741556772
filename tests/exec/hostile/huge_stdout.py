# expect: ok
# Prints about 400 MB; the output is discarded and the program still finishes.
import cadquery as cq
line = "spam " * 200
for _ in range(400_000):
    print(line)
result = cq.Workplane().box(1, 2, 3)
