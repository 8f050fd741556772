# expect: denied
# Even creating a socket object is refused.
import _socket
s = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
s.connect(("127.0.0.1", @PORT@))
