"""The web chat's kept stream on both databases, migrated: seqs only grow (also after /forget empties a session),
an edit keeps only its latest version, files belong to one session, the person's own messages ("mine") keep the
page's client_id, and forget and retention delete both sides."""
from __future__ import annotations

import threading
from datetime import timedelta

from bot.core.ports import UserRef
from config import Settings
from services.users import forget_user
from storage.db import session_factory
from storage.models import utcnow
from storage.retention import purge_expired
from storage.web_chat import (
    DOCUMENTS,
    EDIT,
    MESSAGE,
    MINE,
    RESET,
    add_file,
    append,
    events_after,
    file_of,
    purge_before,
)


def _text(words: str):
    return lambda message_id: (f'<article id="m-{message_id}">{words}</article>', words)


def test_the_stream_keeps_order_latest_edits_and_owners(migrated_database_url, data_dir):
    sessions = session_factory(migrated_database_url)
    with sessions() as session:
        asked = append(session, "alice", MINE, _text("📎 cv.pdf"), client_id="k7-x_")
        status = append(session, "alice", MESSAGE, _text("Reading…"))
        append(session, "bob", MESSAGE, _text("Hello Bob"))
        for percent in (10, 50, 90):
            append(session, "alice", EDIT, _text(f"Reading… {percent}%"), message_id=status.message_id)
        stored = add_file(session, "alice", filename="Anschreiben – Müller.pdf", mime_type="application/pdf",
                          data=b"%PDF-1.7")
        files = [{"url": f"/chat/files/{stored.id}", "filename": stored.filename, "mime_type": stored.mime_type,
                  "size": stored.size}]
        append(session, "alice", DOCUMENTS, _text("Your letter"), files=files)

        [own, *alice] = events_after(session, "alice", 0)
        assert own == {"seq": asked.id, "kind": "mine", "message_id": str(asked.id), "client_id": "k7-x_",
                       "html": f'<article id="m-{asked.id}">📎 cv.pdf</article>', "text": "📎 cv.pdf", "files": []}
        assert [(e["kind"], e["text"], e["client_id"]) for e in alice] == [
            ("message", "Reading…", ""), ("edit", "Reading… 90%", ""), ("documents", "Your letter", "")]
        assert alice[0]["message_id"] == str(alice[0]["seq"]) and alice[1]["message_id"] == alice[0]["message_id"]
        assert alice[1]["html"] == f'<article id="m-{status.message_id}">Reading… 90%</article>'
        assert alice[2]["files"] == files
        assert events_after(session, "alice", alice[1]["seq"]) == alice[2:]
        assert [e["text"] for e in events_after(session, "bob", 0)] == ["Hello Bob"]
        assert file_of(session, "alice", stored.id).data == b"%PDF-1.7"
        assert file_of(session, "bob", stored.id) is None and file_of(session, "alice", "nope") is None
        last = alice[-1]["seq"]

    settings = Settings(database_url=migrated_database_url, job_agent_data_dir=data_dir)
    with sessions() as session:
        assert forget_user(session=session, settings=settings, user=UserRef("web", "alice")) is True
        # Only the "reset" an open page clears itself by is left.
        assert [e["kind"] for e in events_after(session, "alice", 0)] == [RESET]
        assert file_of(session, "alice", stored.id) is None
        assert [e["text"] for e in events_after(session, "bob", 0)] == ["Hello Bob"]
        # A reader resuming after its last seq sees what is written after the forget: seqs are never reused.
        done = append(session, "alice", MESSAGE, _text("Done"))
        assert done.id > last and [e["text"] for e in events_after(session, "alice", last)] == ["", "Done"]
        assert forget_user(session=session, settings=settings, user=UserRef("telegram", "alice")) is False
        assert [e["text"] for e in events_after(session, "alice", 0)] == ["", "Done"]  # another platform's "alice"


def test_the_retention_pass_deletes_old_messages_and_files(migrated_database_url, data_dir):
    sessions = session_factory(migrated_database_url)
    settings = Settings(database_url=migrated_database_url, job_agent_data_dir=data_dir, retention_days=30)
    with sessions() as session:
        append(session, "alice", MINE, _text("/help"), client_id="c1")
        append(session, "alice", MESSAGE, _text("old"))
        stored = add_file(session, "alice", filename="old.pdf", mime_type="application/pdf", data=b"%PDF")
        session.commit()
        assert purge_expired(session, settings, now=utcnow() + timedelta(days=29)).web_chat == 0
        assert file_of(session, "alice", stored.id) is not None
        assert purge_expired(session, settings, now=utcnow() + timedelta(days=31)).web_chat == 3
        assert events_after(session, "alice", 0) == [] and file_of(session, "alice", stored.id) is None
        assert purge_before(session, utcnow()) == 0


def test_two_writers_of_one_session_commit_their_seqs_in_order(migrated_database_url):
    """A reader must never see a seq while a smaller one of the same session is still to come: the second writer
    waits for the first one's commit (PostgreSQL: an advisory lock; SQLite: its one writer at a time)."""
    sessions = session_factory(migrated_database_url)
    rendering, go_on, second_done = threading.Event(), threading.Event(), threading.Event()

    def slow(message_id: str) -> tuple[str, str]:
        rendering.set()  # the row is written (its seq taken), not yet committed
        assert go_on.wait(30)
        return "<p>first</p>", "first"

    def write(render, done: threading.Event | None = None) -> None:
        with sessions() as session:
            append(session, "alice", MESSAGE, render)
        if done is not None:
            done.set()

    first = threading.Thread(target=write, args=(slow,))
    first.start()
    assert rendering.wait(30)
    second = threading.Thread(target=write, args=(_text("second"), second_done))
    second.start()
    # The second writer is held while the first is open (a broken lock lets it commit within milliseconds).
    assert not second_done.wait(1.0)
    with sessions() as session:
        assert events_after(session, "alice", 0) == []
    go_on.set()
    first.join(30)
    second.join(30)
    with sessions() as session:
        assert [e["text"] for e in events_after(session, "alice", 0)] == ["first", "second"]
