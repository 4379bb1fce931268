"""The notifier's exactly-once promise, with a recording messenger standing in for a chat platform."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.core.notifications import Notifier
from bot.core.ports import Document, OriginRef
from config import Settings
from storage.db import session_factory
from storage.files import new_upload_name
from storage.migrate import upgrade_database
from domain.letters.template import summary_heading
from storage.models import Application, JobSearch, Notification, UserProfile
from storage.outbox import add_notifications, claim_chat_delivery, finish_chat_delivery
from storage.records import mark_completed
from tests.support.records import add_chat_record

JOB = {"job_id": "j1", "title": "Backend Developer", "company_name": "Acme GmbH", "location": "Berlin"}


class RecordingMessenger:
    """Records what would reach the chat; can fail the next group of files."""

    def __init__(self):
        self.sent: list = []
        self.groups: list[tuple[list[Document], str]] = []
        self.fail_next_files = False
        self.counter = 0

    async def send(self, origin: OriginRef, message) -> str:
        self.counter += 1
        self.sent.append(message)
        return str(self.counter)

    async def edit(self, origin, message_id, message) -> None:
        pass

    async def send_documents(self, origin: OriginRef, documents: list[Document], *, caption: str = "") -> None:
        if self.fail_next_files:
            self.fail_next_files = False
            raise ConnectionError("upload failed")
        self.groups.append((documents, caption))

    @property
    def titles(self) -> list[str]:
        return [message.title or message.text for message in self.sent]


FILES = {"document_file": ("pdf", b"%PDF-1.7 letter"), "docx_file": ("docx", b"PK\x03\x04 letter"),
         "tailored_cv_file": ("pdf", b"%PDF-1.7 cv"), "tailored_cv_docx_file": ("docx", b"PK\x03\x04 cv")}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def env(tmp_path):
    settings = Settings(job_agent_data_dir=tmp_path)
    settings.ensure_dirs()
    url = settings.resolved_database_url
    upgrade_database(url)
    sessions = session_factory(url)
    messenger = RecordingMessenger()
    notifier = Notifier(settings=settings, sessions=sessions, messengers={"local": messenger})
    return settings, sessions, messenger, notifier


def letter_notification(env, *, fields=tuple(FILES), language: str | None = "en", cv_languages=None) -> int:
    """A completed letter with the given files on disk, and its chat notification; returns the notification id.
    ``cv_languages``: when given, the letter belongs to a profile listing these languages."""
    settings, sessions, _, _ = env
    names = {}
    for field in fields:
        suffix, data = FILES[field]
        names[field] = new_upload_name(suffix)
        (settings.documents_dir / names[field]).write_bytes(data)
    with sessions() as session:
        profile_id = None
        if cv_languages is not None:
            profile = UserProfile(profile={"name": "Pooja", "languages": cv_languages},
                                  profile_text="Backend engineer building payment services in Python for ten years.")
            profile_id = add_chat_record(session, profile).id
        record = add_chat_record(session, Application(
            job_id="j1", job=JOB, cover_letter="Dear Acme…", cv_summary="Lena, 12 years", language=language,
            profile_id=profile_id, **names), status_message_id="1")
        mark_completed(record)
        [notification] = add_notifications(session, record, "completed")
        session.commit()
        return notification.id


@pytest.fixture
def setup(env):
    settings, sessions, messenger, notifier = env
    return notifier, messenger, letter_notification(env), sessions


async def test_a_half_failed_delivery_is_resumed_not_repeated(setup):
    """The four files are one part: an upload that failed is sent again in whole, the letter never twice."""
    notifier, messenger, notification_id, sessions = setup
    messenger.fail_next_files = True
    with pytest.raises(ConnectionError):
        await notifier.on_outcome(notification_id)
    assert messenger.titles == ["Cover letter — Backend Developer at Acme GmbH"] and messenger.groups == []

    assert await notifier.on_outcome(notification_id) == "sent"
    assert messenger.titles == ["Cover letter — Backend Developer at Acme GmbH"]
    [(documents, caption)] = messenger.groups
    assert [d.filename for d in documents] == [
        "application-acme-gmbh-backend-developer-en.pdf", "application-acme-gmbh-backend-developer-en.docx",
        "cv-acme-gmbh-backend-developer-en.pdf", "cv-acme-gmbh-backend-developer-en.docx"]
    assert [d.data for d in documents] == [data for _, data in FILES.values()]
    assert [d.mime_type for d in documents] == ["application/pdf", DOCX, "application/pdf", DOCX]
    assert "PDF to send" in caption and "Word (.docx) to edit" in caption
    assert await notifier.on_outcome(notification_id) == "duplicate"
    assert len(messenger.groups) == 1
    with sessions() as session:
        row = session.get(Notification, notification_id)
        assert (row.chat_state, row.chat_parts_sent) == ("sent", 2)


@pytest.mark.parametrize("language, label", [("de", "Kurzprofil:"), ("fr", "Synthèse du CV :"), ("en", "CV summary:"),
                                             (None, "CV summary:")])
async def test_the_cv_summary_is_labelled_in_the_letters_language(env, language, label):
    _, _, messenger, notifier = env
    await notifier.on_outcome(letter_notification(env, language=language))
    assert messenger.sent[0].footer == f"{label} Lena, 12 years"


async def test_a_letter_from_before_docx_and_tailored_cvs_sends_its_pdf_alone(env):
    _, _, messenger, notifier = env
    await notifier.on_outcome(letter_notification(env, fields=("document_file",), language=None))
    [(documents, caption)] = messenger.groups
    assert [d.filename for d in documents] == ["application-acme-gmbh-backend-developer.pdf"]
    assert caption == "Your cover letter as PDF"


async def test_a_file_gone_from_disk_is_left_out_and_the_rest_are_sent(env, caplog):
    settings, sessions, messenger, notifier = env
    notification_id = letter_notification(env)
    with sessions() as session:
        record = session.scalars(select(Application)).one()
        (settings.documents_dir / record.tailored_cv_docx_file).unlink()
    assert await notifier.on_outcome(notification_id) == "sent"
    [(documents, _)] = messenger.groups
    assert [d.filename for d in documents] == ["application-acme-gmbh-backend-developer-en.pdf",
                                               "application-acme-gmbh-backend-developer-en.docx",
                                               "cv-acme-gmbh-backend-developer-en.pdf"]
    assert "the file is gone" in caplog.text


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
    assert messenger.titles == ["Your profile is ready"]


@pytest.mark.parametrize("cv_languages, language, note", [
    (["English (C1)", "Gujarati", "Hindi"], "de", "Written in German, the posting's language — your CV lists no German."),
    (["English (C1)", "Deutsch (B2)"], "de", None),
    ([], "fr", None),  # a CV listing no languages raises no doubt
])
async def test_a_letter_in_a_language_the_cv_does_not_show_says_so(env, cv_languages, language, note):
    _, _, messenger, notifier = env
    await notifier.on_outcome(letter_notification(env, language=language, cv_languages=cv_languages))
    footer = messenger.sent[0].footer
    assert footer.startswith(f"{summary_heading(language)} Lena, 12 years")
    if note:
        assert note in footer and "/apply 1 en" in footer
    else:
        assert "posting's language" not in footer


async def test_a_redelivery_arriving_while_the_first_is_still_sending_is_told_to_come_back(setup):
    """A sender that timed out re-posts while the first delivery is still sending: answering "duplicate" would
    mark it delivered, and a first delivery that then fails would never be sent again."""
    notifier, messenger, notification_id, sessions = setup
    with sessions() as session:
        assert claim_chat_delivery(session, notification_id)  # the first delivery, still under way
    assert await notifier.on_outcome(notification_id) == "busy"
    assert messenger.titles == []
    with sessions() as session:
        finish_chat_delivery(session, notification_id, sent=False)  # ... and it failed
    assert await notifier.on_outcome(notification_id) == "sent"
    assert await notifier.on_outcome(notification_id) == "duplicate"


# --- in the language of the person who asked ------------------------------------------------------

def speaking(sessions, record, *, language=None, locale=None):
    """Store ``record`` for a chat user whose /language choice and app locale are as given."""
    from storage.models import ChatUser

    with sessions() as session:
        add_chat_record(session, record, status_message_id="1")
        user = session.get(ChatUser, record.chat_user_id)
        user.language, user.locale = language, locale
        session.commit()
        return record.id


async def test_a_failure_is_said_in_the_app_language_of_the_person_who_sent_the_cv(env):
    from domain.cv.errors import TooManyPagesError

    _, sessions, messenger, notifier = env
    error = TooManyPagesError(pages=12, limit=5, scanned=True)
    record_id = speaking(sessions, UserProfile(source_files=[]), locale="de-AT")
    with sessions() as session:
        record = session.get(UserProfile, record_id)
        from storage.records import mark_failed
        mark_failed(record, code=error.code, message=str(error.user_message))  # as tasks.runtime stores it
        record.error_phrase = error.user_message.to_dict()
        [notification] = add_notifications(session, record, "failed")
        session.commit()
        assert record.error_message.startswith("This document has 12 scanned pages")  # the REST API's English
    await notifier.on_outcome(notification.id)
    [message] = messenger.sent
    assert message.title == "Dein Lebenslauf konnte nicht gelesen werden"
    assert message.text.startswith("Dieses Dokument hat 12 gescannte Seiten; ich lese Lebensläufe mit bis zu 5")


async def test_a_job_list_and_its_notes_are_said_in_the_chosen_language(env):
    from domain.jobs.sources import FAILED_BOARDS, SAMPLE_NOTE
    from i18n import Phrase

    _, sessions, messenger, notifier = env
    notes = [Phrase("Missing from this list: {failures}.", failures=[FAILED_BOARDS["unreachable"](2, boards=["A", "B"])]),
             SAMPLE_NOTE]
    matches = [{"job": {**JOB, "posted_date": None}, "score": 70, "matched_skills": [], "missing_skills": [],
                "reason": "title matches your search"}]
    search = JobSearch(query="enfermera", rank_after_search=True, matches=matches,
                       notes=[str(note) for note in notes], note_phrases=[note.to_dict() for note in notes])
    record_id = speaking(sessions, search, language="es", locale="de")  # /language es wins over the app's German
    with sessions() as session:
        record = session.get(JobSearch, record_id)
        mark_completed(record)
        [notification] = add_notifications(session, record, "completed")
        session.commit()
    await notifier.on_outcome(notification.id)
    [listing] = messenger.sent
    assert listing.title == "Las 1 mejores de 1 ofertas para «enfermera»"
    assert listing.notes == ["Faltan en esta lista: no se pudo contactar con A y B.",
                             "Son ofertas de ejemplo incluidas con job-agent, no vacantes reales."]
    assert listing.jobs[0].button.label == "Carta de presentación"


async def test_progress_is_said_in_the_language_of_the_person_who_asked(env):
    settings, sessions, _, _ = env
    edits = []

    class EditRecorder(RecordingMessenger):
        async def edit(self, origin, message_id, message) -> None:
            edits.append(message.text)

    notifier = Notifier(settings=settings, sessions=sessions, messengers={"local": EditRecorder()})
    record_id = speaking(sessions, UserProfile(source_files=[]), locale="fr-FR")
    await notifier.on_progress("profile", record_id, 40, "scan:2/3")
    assert edits == ["Lecture du scan, page 2 sur 3… ▓▓▓▓░░░░░░ 40\u00a0%"]


async def test_a_record_failed_before_phrases_were_kept_is_still_translated_by_its_english(env):
    _, sessions, messenger, notifier = env
    record_id = speaking(sessions, UserProfile(source_files=[]), language="de")
    with sessions() as session:
        record = session.get(UserProfile, record_id)
        from storage.records import mark_failed
        mark_failed(record, code="unavailable",
                    message="A service we depend on is not answering right now. Please try again in a few minutes.")
        [notification] = add_notifications(session, record, "failed")
        session.commit()
    await notifier.on_outcome(notification.id)
    assert messenger.sent[0].text.startswith("Ein Dienst, auf den wir angewiesen sind")
