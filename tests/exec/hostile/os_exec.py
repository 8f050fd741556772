# expect: denied
# Replaces the worker with another program.
import os
os.execv("/usr/bin/touch", ["touch", "@ESCAPE@-exec"])
