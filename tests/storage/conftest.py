import pytest

from storage.db import session_factory
from storage.migrate import upgrade_database


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Each storage test runs on SQLite and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
    else:
        yield request.getfixturevalue("postgres_url")


@pytest.fixture
def sessions(database_url):
    upgrade_database(database_url)
    return session_factory(database_url)
