# expect: denied
# Connects to a listener the test runs on 127.0.0.1.
import socket
s = socket.create_connection(("127.0.0.1", @PORT@), timeout=2)
s.sendall(b"leak")
