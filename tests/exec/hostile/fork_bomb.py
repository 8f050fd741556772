# expect: denied
# A fork bomb: no process may be created.
import os
while True:
    os.fork()
