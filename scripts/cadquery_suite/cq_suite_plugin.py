"""cq_suite_plugin.py: pytest plugin of scripts/cadquery-suite.sh: deselects the tests listed in
$CQ_SUITE_EXCLUDED (`FILE::[CLASS::]TEST<TAB>reason` lines; every parametrization of TEST)."""
import os


def _excluded():
    out = set()
    with open(os.environ["CQ_SUITE_EXCLUDED"]) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                out.add(line.split("\t")[0].split()[0])
    return out


def pytest_collection_modifyitems(config, items):
    excluded = _excluded()
    keep, drop = [], []
    for item in items:
        nodeid = item.nodeid.split("[", 1)[0]
        short = nodeid.split("/", 1)[-1]
        (drop if short in excluded else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
