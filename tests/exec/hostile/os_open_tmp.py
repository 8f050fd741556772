# expect: denied
# Writes into /tmp through os.open.
import os
fd = os.open("@ESCAPE@-osopen", os.O_WRONLY | os.O_CREAT, 0o644)
os.write(fd, b"escaped")
