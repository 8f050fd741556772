"""The public API of the `cadquery` module, as the docstring tests see it.

Every module named cadquery or cadquery.* in sys.modules is walked; each public (no leading
underscore) class, function, method, classmethod, staticmethod, property and attribute
descriptor found in it (or in a public class's own __dict__) is one item. Plain data (strings,
numbers, tuples stored on a module or class, such as ExportTypes.STL) is not documented per item."""
import inspect
import sys
import types

METHOD_KINDS = (types.MethodDescriptorType, types.ClassMethodDescriptorType)
PROPERTY_KINDS = (types.GetSetDescriptorType, types.MemberDescriptorType, property)


class Item:
    def __init__(self, qualname, raw, user, owner):
        self.qualname = qualname  # "cadquery.Workplane.hole"
        self.raw = raw            # as stored (a descriptor for class members)
        self.user = user          # what users reach: getattr(owner, name)
        self.owner = owner        # the class for members, else None

    @property
    def is_property(self):
        return isinstance(self.raw, PROPERTY_KINDS)

    @property
    def is_class(self):
        return isinstance(self.raw, type)

    def __repr__(self):
        return self.qualname


def _member_item(cls, clsname, name, raw):
    if isinstance(raw, PROPERTY_KINDS):
        return Item(f"{clsname}.{name}", raw, raw, cls)
    if isinstance(raw, (staticmethod, classmethod, types.BuiltinFunctionType)) or \
            isinstance(raw, METHOD_KINDS) or type(raw).__name__ == "instancemethod" or callable(raw):
        return Item(f"{clsname}.{name}", raw, getattr(cls, name), cls)
    return None  # plain data


def public_api():
    import cadquery  # noqa: F401  (registers the submodules)
    items, seen = [], set()
    names = sorted(n for n in sys.modules if n == "cadquery" or n.startswith("cadquery."))
    for modname in names:
        mod = sys.modules[modname]
        for name in sorted(dir(mod)):
            if name.startswith("_"):
                continue
            obj = getattr(mod, name)
            real = getattr(obj, "__name__", name)
            if real != name and getattr(mod, real, None) is obj:
                continue  # an alias (CQ for Workplane): walked under its own name
            if isinstance(obj, types.ModuleType) or id(obj) in seen:
                continue
            if not (isinstance(obj, type) or callable(obj)):
                continue
            seen.add(id(obj))
            qual = f"{modname}.{name}"
            items.append(Item(qual, obj, obj, None))
            if not isinstance(obj, type):
                continue
            for mname, raw in sorted(vars(obj).items()):
                if mname.startswith("_") or id(raw) in seen:
                    continue
                it = _member_item(obj, qual, mname, raw)
                if it:
                    seen.add(id(raw))
                    items.append(it)
    return items


def signature_of(item):
    """inspect.signature of what users call (raises ValueError/TypeError when there is none)."""
    return inspect.signature(item.user)


def doc_of(item):
    return item.raw.__doc__ if item.is_property else item.user.__doc__
