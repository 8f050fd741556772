# expect: denied
# Reads another process's environment.
import os
data = open("/proc/%d/environ" % os.getppid(), "rb").read()
raise ValueError(data)
