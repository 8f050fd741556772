# A pipe flange: disc with a raised hub, a bore and six bolt holes on a circle.
import cadquery as cq

outer_d = 120.0
thickness = 12.0
hub_d = 60.0
hub_h = 18.0
bore_d = 32.0
bolt_circle = 90.0
bolt_d = 11.0

result = (
    cq.Workplane("XY")
    .circle(outer_d / 2)
    .extrude(thickness)
    .faces(">Z")
    .workplane()
    .circle(hub_d / 2)
    .extrude(hub_h)
    .faces(">Z")
    .workplane()
    .hole(bore_d)
    .faces("<Z")
    .workplane()
    .polarArray(bolt_circle / 2, 0, 360, 6)
    .hole(bolt_d)
)
