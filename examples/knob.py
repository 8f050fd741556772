# A revolved control knob with a D-shaft bore.
import cadquery as cq

profile = (
    cq.Workplane("XZ")
    .moveTo(0, 0)
    .lineTo(15, 0)
    .lineTo(15, 4)
    .lineTo(12, 16)
    .lineTo(0, 16)
    .close()
)
knob = profile.revolve(360, (0, 0, 0), (0, 1, 0))
result = knob.faces("<Z").workplane().circle(3.0).cutBlind(-10.0)
