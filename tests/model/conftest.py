"""tests/model: makes the zerocad binary reachable as request.config.zerocad_bin too."""
import pytest


@pytest.fixture(autouse=True)
def _expose_bin(request, zerocad_bin):
    request.config.zerocad_bin = zerocad_bin
