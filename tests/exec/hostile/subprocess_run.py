# expect: denied
# Runs a program through subprocess.
import subprocess
subprocess.run(["touch", "@ESCAPE@-subprocess"])
