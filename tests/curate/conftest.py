"""tests/curate fixtures: DuckDB (the independent parquet reader of tests/data_parquet, installed there
by `npm ci` at test setup) re-exported from that folder's conftest, loaded under its own name with its
folder on sys.path (it imports its sibling helpers)."""
import importlib.util
import pathlib
import sys

_DATA_TESTS = pathlib.Path(__file__).resolve().parent.parent / "data_parquet"
if str(_DATA_TESTS) not in sys.path:
    sys.path.insert(0, str(_DATA_TESTS))
_spec = importlib.util.spec_from_file_location("data_parquet_conftest", _DATA_TESTS / "conftest.py")
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)

node_modules = _mod.node_modules
duck = _mod.duck
