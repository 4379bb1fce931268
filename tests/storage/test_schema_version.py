"""The bot process checks and migrates its database without loading Alembic."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from storage.migrate import alembic_config, upgrade_database
from storage.schema_version import (
    MigrationFailed,
    current_revisions,
    ensure_migrated,
    head_revisions,
)

ROOT = Path(__file__).resolve().parents[2]


def test_the_heads_read_from_the_migration_files_are_alembics():
    assert head_revisions() == frozenset(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def test_a_new_database_is_migrated_by_a_child_once_then_left_alone(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert current_revisions(url) == frozenset()
    assert ensure_migrated(url) is True
    assert current_revisions(url) == head_revisions()
    assert ensure_migrated(url) is False


def test_a_database_one_revision_behind_is_brought_to_the_head(tmp_path):
    url = f"sqlite:///{tmp_path / 'behind.sqlite3'}"
    upgrade_database(url, "0009")
    assert current_revisions(url) == frozenset({"0009"}) != head_revisions()
    assert ensure_migrated(url) is True and current_revisions(url) == head_revisions()


def test_a_failing_migration_says_why(tmp_path):
    # A database written by a newer release: at a revision this one does not know.
    url = f"sqlite:///{tmp_path / 'newer.sqlite3'}"
    upgrade_database(url)
    with sqlite3.connect(tmp_path / "newer.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(MigrationFailed, match="Can't locate revision identified by '0099'"):
        ensure_migrated(url)


def test_serving_migrates_its_database_and_never_loads_alembic(tmp_path):
    script = textwrap.dedent("""
        import json, sys
        from fastapi.testclient import TestClient
        from bot.app import create_app

        with TestClient(create_app()) as client:
            ready = client.get("/health/ready").json()
        print(json.dumps({"ready": ready, "loaded": sorted(m for m in sys.modules if m.split(".")[0] in
                                                           ("alembic", "mako"))}))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          check=False, env={"JOB_AGENT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin",
                                            "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ready"]["database"] == "ok"
    assert report["loaded"] == []
