# expect: memory
# Allocates without end: the address-space limit turns it into MemoryError.
chunks = []
while True:
    chunks.append(bytearray(64 * 1024 * 1024))
    chunks[-1][::4096] = b"x" * len(chunks[-1][::4096])
