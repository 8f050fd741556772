# expect: denied
# Shape.exportStl, a C method, aimed outside scratch.
import cadquery as cq
cq.Workplane().box(1, 1, 1).val().exportStl("../escape.stl")
