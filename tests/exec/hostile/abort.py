# expect: crashed
# abort(): the worker dies by SIGABRT.
import os
os.abort()
