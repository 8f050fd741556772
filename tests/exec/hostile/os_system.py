# expect: denied
# Runs a shell command that would leave a file behind.
import os
os.system("touch @ESCAPE@-system")
