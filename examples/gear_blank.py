# A gear blank made in a loop: a hub plus teeth approximated as boxes around the rim.
import math

import cadquery as cq

teeth = 16
rim_r = 30.0
tooth = (6.0, 4.0, 8.0)

result = cq.Workplane("XY").circle(rim_r).extrude(8.0)
for i in range(teeth):
    a = 2 * math.pi * i / teeth
    x, y = (rim_r + 2.0) * math.cos(a), (rim_r + 2.0) * math.sin(a)
    t = (
        cq.Workplane("XY")
        .box(*tooth, centered=(True, True, False))
        .rotate((0, 0, 0), (0, 0, 1), math.degrees(a))
        .translate((x, y, 0))
    )
    result = result.union(t)
result = result.faces(">Z").workplane().hole(10.0)
