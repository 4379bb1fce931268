import pytest
from sqlalchemy.orm import sessionmaker

from storage.db import dispose_engines, make_engine
from storage.migrate import upgrade_database
from storage.models import Base
from tests.support.fakes import FakeTaskQueue
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


@pytest.fixture
def sqlite_engine(tmp_path):
    """A SQLite database (``tmp_path/db.sqlite3``) with the models' tables, created without migrations."""
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(sqlite_engine):
    """Sessions on ``sqlite_engine`` that keep their objects readable after a commit.

    tests/storage/ and tests/tasks/test_runtime.py override it with sessions on a migrated database."""
    return sessionmaker(sqlite_engine, expire_on_commit=False)


@pytest.fixture
def queue() -> FakeTaskQueue:
    """A task queue that commits the record and sends nothing (tests.support.fakes)."""
    return FakeTaskQueue()
