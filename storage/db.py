"""Engine and session factory; sessions are opened at the edge and passed in."""
from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _tune_sqlite(dbapi_connection, _record) -> None:
    # WAL lets the bot read while a worker writes; foreign keys make /forget cascade.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


_factories: dict[str, sessionmaker[Session]] = {}


def _factory(url: str) -> sessionmaker[Session]:
    if url not in _factories:
        _factories[url] = sessionmaker(make_engine(url), expire_on_commit=False)
    return _factories[url]


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    if url is None:
        from config import get_settings

        url = get_settings().resolved_database_url
    return _factory(url)


def dispose_engines() -> None:
    """Drop pooled connections (after fork, or between tests)."""
    for factory in _factories.values():
        factory.kw["bind"].dispose()
    _factories.clear()
