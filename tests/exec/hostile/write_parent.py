# expect: denied
# Writes next to its scratch directory.
with open("../escape.txt", "w") as f:
    f.write("escaped")
