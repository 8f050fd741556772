# A small electronics enclosure: rounded box, hollowed out from the top, with a cable port.
import cadquery as cq

length, width, height = 80.0, 50.0, 30.0
wall = 2.5

result = (
    cq.Workplane("XY")
    .box(length, width, height)
    .edges("|Z")
    .fillet(5.0)
    .faces(">Z")
    .shell(-wall)
    .faces("<X")
    .workplane(centerOption="CenterOfBoundBox")
    .circle(4.0)
    .cutThruAll()
)
