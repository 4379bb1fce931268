"""The notifier's exactly-once promise, with a recording messenger standing in for a chat platform."""
from __future__ import annotations

import pytest

from bot.core.notifications import Notifier
from bot.core.ports import Document, OriginRef
from config import Settings
from storage.db import session_factory
from storage.migrate import upgrade_database
from storage.models import Application, Notification
from storage.outbox import add_notifications
from storage.records import mark_completed
from storage.files import new_upload_name
from tests.support.records import add_chat_record

JOB = {"job_id": "j1", "title": "Backend Developer", "company_name": "Acme GmbH", "location": "Berlin"}


class RecordingMessenger:
    """Records what would reach the chat; can fail the next document upload."""

    def __init__(self):
        self.sent: list[str] = []
        self.documents: list[str] = []
        self.fail_next_document = False
        self.counter = 0

    async def send(self, origin: OriginRef, message) -> str:
        self.counter += 1
        self.sent.append(message.title or message.text)
        return str(self.counter)

    async def edit(self, origin, message_id, message) -> None:
        pass

    async def send_document(self, origin: OriginRef, document: Document) -> None:
        if self.fail_next_document:
            self.fail_next_document = False
            raise ConnectionError("upload failed")
        self.documents.append(document.filename)


@pytest.fixture
def setup(tmp_path):
    settings = Settings(job_agent_data_dir=tmp_path)
    settings.ensure_dirs()
    url = settings.resolved_database_url
    upgrade_database(url)
    sessions = session_factory(url)
    messenger = RecordingMessenger()
    notifier = Notifier(settings=settings, sessions=sessions, messengers={"local": messenger})
    document = new_upload_name("pdf")
    (settings.documents_dir / document).write_bytes(b"%PDF-1.7 letter")
    with sessions() as session:
        record = add_chat_record(session, Application(
            job_id="j1", job=JOB, cover_letter="Dear Acme…", cv_summary="Lena, 12 years", document_file=document),
            status_message_id="1")
        mark_completed(record)
        [notification] = add_notifications(session, record, "completed")
        session.commit()
        return notifier, messenger, notification.id, sessions


async def test_a_half_failed_delivery_is_resumed_not_repeated(setup):
    notifier, messenger, notification_id, sessions = setup
    messenger.fail_next_document = True
    with pytest.raises(ConnectionError):
        await notifier.on_outcome(notification_id)
    assert messenger.sent == ["Cover letter — Backend Developer at Acme GmbH"] and messenger.documents == []

    assert await notifier.on_outcome(notification_id) == "sent"
    assert messenger.sent == ["Cover letter — Backend Developer at Acme GmbH"]
    assert messenger.documents == ["application-acme-gmbh-backend-developer.pdf"]
    assert await notifier.on_outcome(notification_id) == "duplicate"
    with sessions() as session:
        row = session.get(Notification, notification_id)
        assert (row.chat_state, row.chat_parts_sent) == ("sent", 2)


async def test_an_unknown_notification_is_reported_as_such(setup):
    notifier, messenger, _, _ = setup
    assert await notifier.on_outcome(987654) == "unknown"
    assert messenger.sent == []


async def test_a_cv_result_overtaken_by_a_later_cv_of_the_same_person_sends_no_profile(setup):
    """Page 1 of a photographed CV finishes after page 2 was sent: only the 2-page result speaks."""
    from datetime import timedelta

    from storage.chat import latest_completed_profile
    from storage.models import UserProfile

    notifier, messenger, _, sessions = setup
    with sessions() as session:
        first = add_chat_record(session, UserProfile(source_files=[], profile={"name": "Ana"}), status_message_id="7")
        later = add_chat_record(session, UserProfile(source_files=[], profile={"name": "Ana Costa"}),
                                status_message_id="8")
        later.created_at = first.created_at + timedelta(seconds=5)
        mark_completed(later)
        session.flush()
        mark_completed(first)  # the older, slower read finishes last
        [stale] = add_notifications(session, first, "completed")
        [fresh] = add_notifications(session, later, "completed")
        session.commit()
        assert latest_completed_profile(session, first.chat_user_id).id == later.id  # request order, not finish order
        stale_id, fresh_id = stale.id, fresh.id
    await notifier.on_outcome(stale_id)
    assert messenger.sent == []
    await notifier.on_outcome(fresh_id)
    assert messenger.sent == ["Your profile is ready"]
