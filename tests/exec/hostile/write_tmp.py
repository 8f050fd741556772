# expect: denied
# Writes into /tmp.
with open("@ESCAPE@", "w") as f:
    f.write("escaped")
