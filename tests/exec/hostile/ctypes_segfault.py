# expect: denied
# ctypes is refused by the audit hook before it can dereference NULL.
import ctypes
ctypes.string_at(0)
