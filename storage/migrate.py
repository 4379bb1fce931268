"""Alembic, configured in code so `job-agent migrate` works from any directory.

``python -m storage.migrate`` migrates the database named by JOB_AGENT_MIGRATE_URL: the bot process runs it
as a child (``storage.schema_version.ensure_migrated``) so that Alembic never loads there.
"""
from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_database(database_url: str, revision: str = "head") -> None:
    """Apply migrations up to ``revision``; safe to run on every start."""
    command.upgrade(alembic_config(database_url), revision)


if __name__ == "__main__":
    upgrade_database(os.environ["JOB_AGENT_MIGRATE_URL"])
