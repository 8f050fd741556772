# expect: timeout
# An infinite loop: the supervisor kills the worker at the wall-clock deadline.
import cadquery as cq
n = 0
while True:
    n += 1
