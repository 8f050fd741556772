"""tests/serve: one tiny checkpoint and one server for the module (see serve_helpers.py)."""
import pytest

from serve_helpers import Server, make_checkpoint


@pytest.fixture(scope="session")
def ckpt(tmp_path_factory, test_data):
    return make_checkpoint(tmp_path_factory.mktemp("serve") / "tiny-serve", test_data / "tokenizer")


@pytest.fixture(scope="module")
def server(zerocad_bin, ckpt, tmp_path_factory):
    s = Server(zerocad_bin, ckpt, tmp_path_factory.mktemp("log") / "serve.log", "--max-batch", "4")
    yield s
    s.stop()
