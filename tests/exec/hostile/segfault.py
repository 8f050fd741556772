# expect: crashed
# A real segmentation fault (through faulthandler's test helper): the worker dies by SIGSEGV.
import faulthandler
faulthandler._sigsegv()
