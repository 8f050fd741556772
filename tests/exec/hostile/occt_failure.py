# expect: error
# A fillet larger than the box: OpenCascade fails, the program gets an exception.
import cadquery as cq
result = cq.Workplane().box(2, 2, 2).edges().fillet(5)
