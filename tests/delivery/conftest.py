import pytest

from tests.support.receivers import start_receiver


@pytest.fixture
def receiver():
    """A webhook receiver on a random loopback port."""
    server = start_receiver()
    yield server
    server.stop()
