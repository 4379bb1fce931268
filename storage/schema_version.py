"""Whether the database is at the newest migration, read without Alembic; migrating in a child process.

The bot process checks its database at every start and on every readiness probe. Importing Alembic (and
Mako, which it brings) for that kept about 10 MB resident in a process whose whole budget is 150 MB, so
the heads are read from the migration files themselves (each declares ``revision`` and
``down_revision``) and the database's from Alembic's own ``alembic_version`` table; only a database
that is behind is migrated, by ``python -m storage.migrate`` in a child process.
"""
from __future__ import annotations

import ast
import functools
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from storage.db import session_factory

VERSIONS_DIR = Path(__file__).parent / "migrations" / "versions"
_ROOT = Path(__file__).resolve().parents[1]  # the folder holding the ``storage`` package, for the child


class MigrationFailed(RuntimeError):
    """The child process could not migrate the database (the message is its last line of error)."""


@functools.lru_cache(maxsize=1)
def head_revisions() -> frozenset[str]:
    """The revisions no other migration revises (one, unless the history has branches)."""
    revisions, revised = set(), set()
    for path in VERSIONS_DIR.glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name, value = node.targets[0].id, ast.literal_eval(node.value)
                if name == "revision":
                    revisions.add(value)
                elif name == "down_revision" and value:
                    revised.update([value] if isinstance(value, str) else value)
    return frozenset(revisions - revised)


def current_revisions(database_url: str) -> frozenset[str]:
    """The revisions the database says it is at (empty for a database never migrated)."""
    engine = session_factory(database_url).kw["bind"]
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return frozenset()
        return frozenset(connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars())


def ensure_migrated(database_url: str) -> bool:
    """Migrate the database to the newest revision unless it is there already; True when it migrated.

    Raises MigrationFailed when the child process fails (its last line of error says why).
    """
    if current_revisions(database_url) == head_revisions():
        return False
    # The URL goes through the environment, not the command line, where any user's `ps` would show its password.
    env = dict(os.environ, JOB_AGENT_MIGRATE_URL=database_url,
               PYTHONPATH=os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-m", "storage.migrate"], env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise MigrationFailed(lines[-1] if lines else f"the migration exited with status {done.returncode}")
    return True
