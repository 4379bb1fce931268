"""Fixtures shared by every test folder, and the check that a test using Redis, PostgreSQL or the whole stack
carries the matching markers (redis, postgres, integration) so that ``-m "not redis and not postgres and not
integration"`` runs everywhere."""
import os

import pytest
from sqlalchemy.orm import sessionmaker

from storage.db import dispose_engines, make_engine
from storage.migrate import upgrade_database
from storage.models import Base
from tests.support.fakes import FakeTaskQueue
from tests.support.services import fresh_postgres_database, needs, redis_key_prefix

# Tests never reach the internet: the default JOB_SOURCES would ask every public job board. A test
# that exercises boards sets JOB_SOURCES (and each board's *_BASE_URL) to its loopback stand-ins.
os.environ.setdefault("JOB_SOURCES", "offline")


@pytest.fixture
@needs("postgres")
def postgres_url():
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
@needs("redis")
def redis_prefix():
    with redis_key_prefix() as prefix:
        yield prefix


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
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


def _needed_markers(item: pytest.Item) -> frozenset[str]:
    """The markers the fixtures of ``item`` declare with ``needs`` (following overrides that extend a fixture)."""
    name2fixturedefs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    needed: set[str] = set()
    for name in getattr(item, "fixturenames", ()):
        for fixturedef in reversed(name2fixturedefs.get(name, ())):
            needed |= getattr(fixturedef.func, "needs_markers", frozenset())
            if name not in fixturedef.argnames:  # an override that does not build on the one it hides
                break
    return frozenset(needed)


def _missing_markers(node: pytest.Item, needed: frozenset[str]) -> list[str]:
    return sorted(needed - {mark.name for mark in node.iter_markers()})


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Refuse to run when a test uses a fixture declared with ``needs`` but lacks one of its markers."""
    unmarked = [f"{item.nodeid}: add {', '.join(missing)}"
                for item in items if (missing := _missing_markers(item, _needed_markers(item)))]
    if unmarked:
        raise pytest.UsageError("these tests use Redis, PostgreSQL or the whole stack without the marker "
                                "(see needs() in tests/support/services.py):\n  " + "\n  ".join(unmarked))


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(fixturedef, request):
    """The same check for a fixture a test asks for only at run time, through ``request.getfixturevalue``."""
    needed = getattr(fixturedef.func, "needs_markers", frozenset())
    if needed and isinstance(request.node, pytest.Item) and (missing := _missing_markers(request.node, needed)):
        pytest.fail(f"{request.node.nodeid} uses the {fixturedef.argname} fixture: add {', '.join(missing)}",
                    pytrace=False)
