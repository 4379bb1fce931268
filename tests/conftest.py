import pytest

from storage.db import dispose_engines
from storage.migrate import upgrade_database
from tests.support.services import fresh_postgres_database, redis_key_prefix


@pytest.fixture
def postgres_url():
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def redis_prefix():
    with redis_key_prefix() as prefix:
        yield prefix


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database of each kind the product supports: SQLite, and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        dispose_engines()
    else:
        yield request.getfixturevalue("postgres_url")


@pytest.fixture
def migrated_database_url(database_url):
    """``database_url`` with every migration applied."""
    upgrade_database(database_url)
    return database_url
