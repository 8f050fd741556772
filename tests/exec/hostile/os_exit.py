# expect: error
# Ends its process before the executor can measure anything.
import os
os._exit(0)
