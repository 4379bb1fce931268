"""Generated secrets (webhook-secret, api-webhook-secret, local-chat-token) kept in the data folder."""
from __future__ import annotations

import multiprocessing
import stat

from config.settings import Settings, _stored_secret


def _read(path: str, queue) -> None:
    from pathlib import Path

    queue.put(_stored_secret(Path(path)))


def test_the_secret_file_is_private_and_every_concurrent_starter_reads_the_same_nonempty_secret(tmp_path):
    path = tmp_path / "data" / "webhook-secret"
    queue = multiprocessing.get_context("fork").Queue()
    starters = [multiprocessing.get_context("fork").Process(target=_read, args=(str(path), queue)) for _ in range(8)]
    for process in starters:
        process.start()
    for process in starters:
        process.join(30)
    seen = {queue.get(timeout=5) for _ in starters}
    assert len(seen) == 1 and len(seen.pop()) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["webhook-secret"]  # no drafts left behind


def test_a_configured_secret_is_used_as_given_and_nothing_is_written(tmp_path):
    settings = Settings(job_agent_data_dir=tmp_path, webhook_secret="given")
    assert settings.resolved_webhook_secret() == b"given"
    assert not (tmp_path / "webhook-secret").exists()


def test_the_data_folder_is_readable_by_its_own_account_alone_even_when_it_existed(tmp_path):
    """CVs, letters and the SQLite database live in it; the default umask left them readable by everyone."""
    made = tmp_path / "fresh"
    Settings(job_agent_data_dir=made).ensure_dirs()
    existing = tmp_path / "existing"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)
    Settings(job_agent_data_dir=existing).ensure_dirs()
    for folder in (made, existing):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE((folder / "uploads").stat().st_mode) & 0o077 == 0
