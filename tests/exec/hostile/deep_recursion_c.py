# expect: crashed
# Recursion in C (repr of a deeply nested list) with the limit lifted: the C stack overflows.
import sys
sys.setrecursionlimit(10 ** 8)
nested = []
for _ in range(200_000):
    nested = [nested]
repr(nested)
