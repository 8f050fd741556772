# expect: denied
# Tries to kill the executor.
import os
os.kill(os.getppid(), 9)
