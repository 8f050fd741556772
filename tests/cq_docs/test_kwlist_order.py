"""The order of the parameters in each text signature is the order of the C function's kwlist.

kwcheck.py proves the names are accepted; calling by position also needs the order. This test
reads the module's C sources (src/cq/*.c in this repository): for every PyMethodDef entry it finds
the kwlists (`static char *kwlist[] = {...}`) in the function's body or in the functions that body
calls, and where a documented signature's keyword-capable parameters are the same set of names as
one of those kwlists, their order must be the kwlist's."""
import pathlib
import re

from api_walk import public_api, signature_of

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "cq"

ENTRY = re.compile(r'\{\s*"(\w+)",\s*([^,"{}]+?),')
KWLIST = re.compile(r'char\s*\*\s*\w+\[\]\s*=\s*\{([^}]*)\}')
TABLE = re.compile(r'PyMethodDef\s+\w+\[\]\s*=\s*(?:\w+\(\w+\)|\{(.*?)\n\})', re.S)


def _bodies(text):
    """Function name -> body text, for the functions defined in text."""
    out = {}
    for m in re.finditer(r'\n[A-Za-z_][^\n;()]*?\b(\w+)\s*\([^;{)]*\)\s*\{', text):
        i, depth = m.end(), 1
        while depth and i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        out[m.group(1)] = text[m.start():i]
    return out


def c_kwlists():
    """Method name -> list of kwlists (tuples of names) of the functions that implement it."""
    text = "\n".join(p.read_text() for p in sorted(SRC.glob("*.c")))
    bodies = _bodies(text)

    def kwlists_of(fn, depth=0):
        body = bodies.get(fn, "")
        found = [tuple(re.findall(r'"(\w+)"', k)) for k in KWLIST.findall(body)]
        if depth == 0:
            for callee in set(re.findall(r'\b(\w+)\s*\(', body)) - {fn}:
                if callee in bodies:
                    found += kwlists_of(callee, 1)
        return found

    out = {}
    for table in TABLE.finditer(text):
        for name, expr in ENTRY.findall(table.group(1) or ""):
            fn = re.findall(r'\w+', expr)[-1]
            out.setdefault(name, []).extend(kwlists_of(fn))
    return out


def _keyword_params(sig):
    return tuple(p.name for p in sig.parameters.values()
                 if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY))


def test_the_reader_finds_the_kwlists():
    kw = c_kwlists()
    assert ("diameter", "depth", "clean") in kw["hole"]
    assert ("length", "width", "height", "centered", "combine", "clean") in kw["box"]
    assert len(kw) > 150


def test_signature_order_is_the_kwlist_order():
    kw = c_kwlists()
    bad, compared = [], 0
    for it in public_api():
        if it.is_property or it.is_class:
            continue
        name = it.qualname.rsplit(".", 1)[1]
        params = _keyword_params(signature_of(it))
        same_set = [k for k in kw.get(name, []) if set(k) == set(params) and params]
        if not same_set:
            continue
        compared += 1
        if params not in same_set:
            bad.append(f"{it.qualname}: signature order {params}, C kwlist {same_set[0]}")
    assert compared > 150, compared
    assert not bad, "\n".join(bad)
