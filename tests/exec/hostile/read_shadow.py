# expect: denied
# Reads /etc/shadow and tries to leak it through the error message.
data = open("/etc/shadow").read()
raise ValueError(data)
