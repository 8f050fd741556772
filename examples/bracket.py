# An L-bracket with two mounting holes in each leg.
import cadquery as cq

w, t, leg = 40.0, 6.0, 50.0

profile = (
    cq.Workplane("XZ")
    .polyline([(0, 0), (leg, 0), (leg, t), (t, t), (t, leg), (0, leg)])
    .close()
    .extrude(-w)
)
result = (
    profile.faces("<Z").workplane(centerOption="CenterOfBoundBox")
    .pushPoints([(10, 0), (-10, 0)])
    .hole(6.0)
)
result = (
    result.faces("<X").workplane(centerOption="CenterOfBoundBox")
    .pushPoints([(0, 10), (0, -10)])
    .hole(6.0)
)
