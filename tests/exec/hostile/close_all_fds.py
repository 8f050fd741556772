# expect: ok
# Closes every file descriptor it can, leaves a thread spinning forever, then makes a
# 2 x 2 x 2 box: the outcome still reaches the executor (shared memory, not a descriptor) and
# the worker still ends.
import os
import threading
import cadquery as cq
os.closerange(0, 4096)
threading.Thread(target=lambda: [None for _ in iter(int, 1)], daemon=False).start()
result = cq.Workplane().box(2, 2, 2)
