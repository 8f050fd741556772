"""failures.py: one line per failed test of a pytest log (-v, default traceback style): the test's
name and the first `E ` line of its report (the exception and message), for the suite table.

usage: python3 failures.py FILE.log
"""
import re
import sys

HEADER = re.compile(r"^_{3,} (.+?) _{3,}$")


def failures(lines):
    name, reason = None, None
    for line in lines:
        m = HEADER.match(line)
        if m:
            if name:
                yield name, reason
            name, reason = m.group(1), None
            continue
        if line.startswith("=") and name:
            yield name, reason
            name = None
            continue
        if name and reason is None and line.startswith("E "):
            reason = line[1:].strip()
    if name:
        yield name, reason


def main():
    lines = open(sys.argv[1], errors="replace").read().splitlines()
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith("=") and " FAILURES " in l)
    except StopIteration:
        return
    for name, reason in failures(lines[start + 1:]):
        reason = re.sub(r" at 0x[0-9a-f]+", "", reason or "(no message)")
        if len(reason) > 160:
            reason = reason[:157] + "..."
        print(f"- `{name}`: {reason}")


if __name__ == "__main__":
    main()
