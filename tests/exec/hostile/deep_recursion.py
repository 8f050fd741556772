# expect: error
# Unbounded recursion under the default limit: RecursionError.
def down(n):
    return down(n + 1)
down(0)
