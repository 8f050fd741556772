# expect: ok
# Exports into its own directory and imports the file back: allowed.
import cadquery as cq
cq.exporters.export(cq.Workplane().box(2, 3, 4), "part.step")
result = cq.importers.importStep("part.step")
