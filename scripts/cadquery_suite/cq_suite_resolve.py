"""cq_suite_resolve.py: where the rewritten import lines of CadQuery's tests find each name
(see rewrite.py for the rules). Names that our module does not hold become placeholders that
raise MissingName when used; each is logged once to $CQ_SUITE_MISSING (one `module.name` a line).
"""
import importlib
import os
import sys
import types


class MissingName(Exception):
    """A name CadQuery's tests import that our cadquery module does not hold."""


def _log(what):
    path = os.environ.get("CQ_SUITE_MISSING")
    if path:
        with open(path, "a") as f:
            f.write(what + "\n")


class _MissingMeta(type):
    def __call__(cls, *args, **kw):
        raise MissingName(cls._what)

    def __getattr__(cls, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        raise MissingName(f"{cls._what}.{attr}")


def _missing(what):
    _log(what)
    return _MissingMeta(what.rsplit(".", 1)[-1], (), {"_what": what})


def _import(modname):
    try:
        return importlib.import_module(modname)
    except ImportError:
        return None


def name(modname, attr):
    mod = _import(modname)
    if mod is not None and hasattr(mod, attr):
        return getattr(mod, attr)
    sub = _import(f"{modname}.{attr}")
    if sub is not None:
        return sub
    import cadquery
    if hasattr(cadquery, attr):
        return getattr(cadquery, attr)
    for key, m in sorted(sys.modules.items()):
        if key.startswith("cadquery.") and m is not None and hasattr(m, attr):
            return getattr(m, attr)
    return _missing(f"{modname}.{attr}")


def star(modname, namespace):
    mod = _import(modname)
    if mod is None:
        _log(f"{modname}.*")
        import cadquery as mod
    names = getattr(mod, "__all__", None)
    if names is None:
        names = [n for n in dir(mod) if not n.startswith("_")]
    for n in names:
        namespace[n] = getattr(mod, n)


def module(modname):
    mod = _import(modname)
    if mod is None:
        _log(modname)
        mod = types.ModuleType(modname)
        mod.__getattr__ = lambda attr: _missing(f"{modname}.{attr}")
    return mod


def ocp(modname, attr):
    what = modname if attr is None else f"{modname}.{attr}"
    return _MissingMeta(what.rsplit(".", 1)[-1], (), {"_what": what})
