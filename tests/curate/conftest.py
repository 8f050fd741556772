"""tests/curate fixtures: DuckDB (the independent parquet reader of tests/data_parquet, installed there
by `npm ci` at test setup) re-exported from that folder's conftest."""
import importlib.util
import pathlib

_spec = importlib.util.spec_from_file_location(
    "data_parquet_conftest", pathlib.Path(__file__).resolve().parent.parent / "data_parquet" / "conftest.py")
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)

node_modules = _mod.node_modules
duck = _mod.duck
