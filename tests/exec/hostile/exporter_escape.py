# expect: denied
# Exports through cadquery's C code (no Python open()) to a path outside scratch.
import cadquery as cq
cq.exporters.export(cq.Workplane().box(1, 1, 1), "@ESCAPE@-export.step")
