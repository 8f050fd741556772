# expect: denied
# Plants a symlink to /tmp in its scratch directory to write through it.
import os
os.symlink("/tmp", "tmp-link")
open("tmp-link/escape", "w").write("x")
