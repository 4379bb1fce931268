"""The conversation core, command by command, with a fake messenger and queue (no broker, no HTTP)."""
from __future__ import annotations

import asyncio
import itertools

import pytest
from sqlalchemy import func, select

from bot.core import commands as c
from bot.core.parse import parse_text
from bot.core.ports import JobListMessage, Message, OriginRef, UserRef
from domain.errors import PermanentError
from storage.files import document_path, new_upload_name, save_upload
from storage.models import Application, ChatOrigin, JobSearch, MatchRun, UserProfile
from tests.support import cv_kinds
from tests.support.records import add_chat_record

ME = UserRef(platform="local", external_user_id="u1")
SOMEONE = UserRef(platform="local", external_user_id="u2")
JOB = {"job_id": "job-1", "title": "Python Developer", "company_name": "Acme", "location": "Berlin"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


MESSAGE_IDS = itertools.count(42)


def origin(chat_id: str = "c1") -> OriginRef:
    """Where a command came from: each call another chat message (a message is one CV, one command)."""
    return OriginRef(platform="local", chat_id=chat_id, reply_to_message_id=str(next(MESSAGE_IDS)))


def count(sessions, model) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def add_profile(sessions, *, user_id: str = "u1") -> str:
    with sessions() as session:
        record = UserProfile(source_files=[], status="completed", profile={"name": "Jo", "skills": ["Python"]},
                             completed_at=func.now())
        return add_chat_record(session, record, user_id=user_id).id


def add_ranking(sessions, *, user_id: str = "u1", jobs: int = 2) -> str:
    with sessions() as session:
        matches = [{"job": {**JOB, "job_id": f"job-{n}"}, "score": 90 - n} for n in range(1, jobs + 1)]
        search = JobSearch(query="python developer", status="completed", rank_after_search=True, matches=matches,
                           completed_at=func.now())
        return add_chat_record(session, search, user_id=user_id).id


def test_every_command_type_has_a_handler(conversation):
    commands = {cls for cls in vars(c).values() if isinstance(cls, type) and issubclass(cls, c.Command)}
    assert commands - {c.Command} == set(conversation.handlers)


async def test_help_lists_the_commands(conversation, messenger):
    await conversation.handle(c.ShowHelp(ME, origin()))
    assert "/jobsearch" in " ".join(messenger.last.items) and messenger.last.footer.startswith("Privacy")


async def test_an_unknown_command_is_named_back(conversation, messenger):
    await conversation.handle(c.UnknownCommand(ME, origin(), text="/frobnicate"))
    assert "/frobnicate" in messenger.last.text and "/help" in messenger.last.text


def build(size: int | None, data: bytes | Exception) -> c.BuildProfile:
    async def fetch() -> bytes:
        if isinstance(data, Exception):
            raise data
        return data
    return c.BuildProfile(ME, origin(), filename="my cv.pdf", size=size, fetch=fetch)


async def test_a_pdf_becomes_one_profile_request_tied_to_its_chat(conversation, messenger, queue, sessions, settings):
    await conversation.handle(build(len(PDF), PDF))
    assert messenger.texts() == ["Got your CV — reading it…"]
    [(record_type, record_id)] = queue.sent
    with sessions() as session:
        record = session.get(UserProfile, record_id)
        stored = session.get(ChatOrigin, record.origin_id)
        assert record_type == "profile" and record.original_filename == "my cv.pdf"
        assert (settings.uploads_dir / record.source_files[0]).read_bytes() == PDF
        # The status message is where progress and the result go; the reply target is the user's message.
        assert (stored.status_message_id, stored.chat_id) == ("m1", "c1") and stored.reply_to_message_id.isdigit()


async def test_a_cv_message_handled_twice_is_read_once(conversation, messenger, queue, sessions):
    """A platform's update replayed after its handler failed late (a Bot API call timing out after the record
    was stored: the chaos suite's PostgreSQL restart saw two profiles for one CV) makes no second request."""
    first = build(len(PDF), PDF)
    await conversation.handle(first)
    again = c.BuildProfile(ME, OriginRef(platform="local", chat_id="c1",
                                         reply_to_message_id=first.origin.reply_to_message_id),
                           filename="my cv.pdf", size=len(PDF), fetch=first.fetch)
    await conversation.handle(again)
    assert len(queue.sent) == 1 and count(sessions, UserProfile) == 1
    assert messenger.texts() == ["Got your CV — reading it…"]
    await conversation.handle(build(len(PDF), PDF))  # another message: another CV
    assert len(queue.sent) == 2 and count(sessions, UserProfile) == 2


@pytest.mark.parametrize("size, data, says", [
    (5 * 1048576, PDF, "I accept CVs up to 1 MB"),
    (None, b"PK\x03\x04 a word file", "looks damaged"),  # a ZIP header with no directory: cut off
    (None, b"hello, a plain note", "can't read this kind of file"),
    (None, ConnectionError("reset"), "couldn't download"),
    (None, PermanentError("Slack wouldn't give me this file (it answered 404)"), "answered 404"),
    (None, PDF + b"x" * 1048576, "too large"),
])
async def test_a_file_that_cannot_be_read_is_refused_with_the_reason(conversation, messenger, queue, sessions,
                                                                     size, data, says):
    await conversation.handle(build(size, data))
    assert len(messenger.sent) == 1 and says in messenger.last.text  # no "Got your CV" before a refusal
    assert queue.sent == [] and count(sessions, UserProfile) == 0


@pytest.mark.parametrize("make", [cv_kinds.make_pdf, cv_kinds.make_docx, cv_kinds.make_odt, cv_kinds.make_jpeg,
                                  cv_kinds.make_png])
async def test_every_readable_kind_is_stored_as_sent_and_queued(conversation, messenger, queue, sessions, settings,
                                                                make):
    data = make()
    await conversation.handle(build(len(data), data))
    assert messenger.texts() == ["Got your CV — reading it…"]
    [(record_type, record_id)] = queue.sent
    with sessions() as session:
        record = session.get(UserProfile, record_id)
        assert (settings.uploads_dir / record.source_files[0]).read_bytes() == data


@pytest.mark.parametrize("name", list(cv_kinds.REFUSED))
async def test_every_refused_kind_gets_its_own_message_and_nothing_is_queued(conversation, messenger, queue,
                                                                            sessions, settings, name):
    data, phrase = cv_kinds.REFUSED[name]
    await conversation.handle(build(len(data), data))
    [message] = messenger.texts()
    assert phrase in message
    assert queue.sent == [] and count(sessions, UserProfile) == 0
    assert not settings.uploads_dir.exists() or list(settings.uploads_dir.iterdir()) == []


async def _send(conversation, data: bytes) -> None:
    await conversation.handle(build(len(data), data))


def _files_of(sessions, record_id: str) -> list[str]:
    with sessions() as session:
        return session.get(UserProfile, record_id).source_files


async def test_photos_sent_one_after_another_are_read_as_the_pages_of_one_cv(conversation, messenger, queue, sessions):
    await _send(conversation, cv_kinds.make_jpeg())
    await _send(conversation, cv_kinds.make_png())
    assert messenger.texts()[-1] == "Got page 2 of your CV — reading all 2 pages together…"
    (_, first), (_, second) = queue.sent
    assert _files_of(sessions, second)[:1] == _files_of(sessions, first) and len(_files_of(sessions, second)) == 2


async def test_two_photos_handled_at_once_become_one_cv_of_two_pages(conversation, messenger, queue, sessions):
    """Pages sent as separate messages arrive within milliseconds and are handled concurrently: both
    downloads finish together, and the second photo must still join the first one's record."""
    both_fetching = asyncio.Barrier(2)

    def page(data: bytes) -> c.BuildProfile:
        async def fetch() -> bytes:
            await both_fetching.wait()
            return data
        return c.BuildProfile(ME, origin(), filename="photo.jpg", size=len(data), fetch=fetch)

    await asyncio.gather(conversation.handle(page(cv_kinds.make_jpeg())), conversation.handle(page(cv_kinds.make_png())))
    (_, first), (_, second) = queue.sent
    assert len(_files_of(sessions, first)) == 1 and _files_of(sessions, second)[:1] == _files_of(sessions, first)
    assert len(_files_of(sessions, second)) == 2
    assert messenger.texts() == ["Got your CV — reading it…", "Got page 2 of your CV — reading all 2 pages together…"]


def several(*files: tuple[str, bytes]) -> c.BuildProfile:
    def cv_file(name: str, data: bytes) -> c.CvFile:
        async def fetch() -> bytes:
            return data
        return c.CvFile(name, len(data), fetch)
    first, *more = [cv_file(name, data) for name, data in files]
    return c.BuildProfile(ME, origin(), filename=first.filename, size=first.size, fetch=first.fetch,
                          more_files=more)


async def test_files_sent_together_are_one_request_read_together(conversation, messenger, queue, sessions, settings):
    cv, letter = cv_kinds.make_pdf(), cv_kinds.make_docx()
    await conversation.handle(several(("cv.pdf", cv), ("cover letter.docx", letter)))
    assert messenger.texts() == ["Got your CV — reading its 2 files together…"]
    [(_, record_id)] = queue.sent
    stored = [(settings.uploads_dir / name).read_bytes() for name in _files_of(sessions, record_id)]
    assert stored == [cv, letter]


async def test_photos_sent_together_after_a_photo_continue_its_pages(conversation, messenger, queue, sessions):
    await _send(conversation, cv_kinds.make_jpeg())
    await conversation.handle(several(("photo.jpg", cv_kinds.make_jpeg()), ("photo.jpg", cv_kinds.make_png())))
    assert messenger.texts()[-1] == "Got pages 2–3 of your CV — reading all 3 pages together…"
    assert len(_files_of(sessions, queue.sent[-1][1])) == 3


async def test_a_refused_file_among_several_is_named_and_the_others_are_read(conversation, messenger, queue, sessions):
    await conversation.handle(several(("cv.pdf", cv_kinds.make_pdf()), ("budget.xlsx", cv_kinds.make_xlsx())))
    refusal, got_it = messenger.texts()
    assert refusal.startswith("“budget.xlsx”: ") and "can't read this kind of file" in refusal
    assert got_it == "Got your CV — reading it…"
    [(_, record_id)] = queue.sent
    assert len(_files_of(sessions, record_id)) == 1


async def test_more_files_than_one_cv_holds_are_read_up_to_the_limit_and_the_rest_named(conversation, messenger,
                                                                                      queue, sessions):
    pages = [(f"page{n}.jpg", cv_kinds.make_jpeg()) for n in range(1, 8)]
    await conversation.handle(several(*pages))
    told, got_it = messenger.texts()
    assert "You sent 7 files" in told and "“page6.jpg” and “page7.jpg”" in told and "“page5.jpg”" not in told
    assert got_it == "Got your CV — reading its 5 pages together…"
    assert len(_files_of(sessions, queue.sent[-1][1])) == 5


async def test_a_photo_after_a_failed_photo_or_a_document_starts_a_new_cv(conversation, messenger, queue, sessions):
    await _send(conversation, cv_kinds.make_pdf())
    await _send(conversation, cv_kinds.make_jpeg())  # a document before: this photo is a CV of its own
    with sessions() as session:
        session.get(UserProfile, queue.sent[-1][1]).status = "failed"
        session.commit()
    await _send(conversation, cv_kinds.make_jpeg())  # the photo before failed (too blurred): start afresh
    assert [len(_files_of(sessions, record_id)) for _, record_id in queue.sent] == [1, 1, 1]
    assert messenger.texts().count("Got your CV — reading it…") == 3


async def test_a_search_while_a_new_cv_is_still_read_asks_to_wait_and_queues_nothing(conversation, messenger, queue,
                                                                                    sessions):
    add_profile(sessions)
    await _send(conversation, cv_kinds.make_jpeg())
    await conversation.handle(c.SearchJobs(ME, origin(), text="nurse in Hamburg"))
    assert "still reading your new CV" in messenger.last.text and "/jobsearch nurse in Hamburg" in messenger.last.text
    assert [record_type for record_type, _ in queue.sent] == ["profile"] and count(sessions, JobSearch) == 0


async def test_a_search_is_ranked_against_the_latest_profile(conversation, messenger, queue, sessions):
    profile_id = add_profile(sessions)
    await conversation.handle(c.SearchJobs(ME, origin(), text="python developer in Berlin"))
    assert messenger.texts() == ["Searching for “python developer” in Berlin…"]
    [(record_type, search_id)] = queue.sent
    with sessions() as session:
        search = session.get(JobSearch, search_id)
        assert record_type == "job_search" and (search.query, search.location) == ("python developer", "Berlin")
        assert search.rank_after_search and search.profile_id == profile_id


async def test_a_search_without_a_cv_is_ranked_by_the_query_alone(conversation, queue, sessions):
    await conversation.handle(c.SearchJobs(ME, origin(), text="nurse"))
    with sessions() as session:
        search = session.get(JobSearch, queue.sent[0][1])
        assert search.rank_after_search and search.profile_id is None and search.location is None


async def test_a_search_without_a_role_is_refused_before_anything_is_stored(conversation, messenger, queue, sessions):
    await conversation.handle(c.SearchJobs(ME, origin(), text="in Berlin"))
    assert "which job to look for" in messenger.last.text and queue.sent == [] and count(sessions, JobSearch) == 0


async def test_apply_n_writes_a_letter_for_job_n_of_the_latest_ranking(conversation, messenger, queue, sessions):
    profile_id = add_profile(sessions)
    add_ranking(sessions)
    await conversation.handle(c.WriteLetter(ME, origin(), reference="2"))
    assert messenger.texts() == ["Writing your letter for Python Developer at Acme…"]
    with sessions() as session:
        letter = session.get(Application, queue.sent[0][1])
        assert (letter.job_id, letter.profile_id) == ("job-2", profile_id)


@pytest.mark.parametrize("asked, language, says", [
    ("de", "de", "in German…"), ("PT-br", "pt", "in Portuguese…"), ("Deutsch", "de", "in German…"),
    ("nederlands", "nl", "in Dutch…"), (None, None, "at Acme…"),
])
async def test_apply_n_with_a_language_keeps_it_on_the_letters_record(conversation, messenger, queue, sessions,
                                                                      asked, language, says):
    add_profile(sessions)
    add_ranking(sessions)
    await conversation.handle(c.WriteLetter(ME, origin(), reference="1", language=asked))
    assert messenger.texts()[-1].endswith(says)
    with sessions() as session:
        assert session.get(Application, queue.sent[0][1]).language == language


@pytest.mark.parametrize("asked", ["xx", "klingon", "english please"])
async def test_an_unknown_letter_language_is_refused_with_the_seven_codes(conversation, messenger, queue, sessions,
                                                                          asked):
    add_profile(sessions)
    add_ranking(sessions)
    await conversation.handle(c.WriteLetter(ME, origin(), reference="1", language=asked))
    answer = messenger.last.text
    assert f"“{asked}” is not one of them" in answer
    assert all(f"{code} (" in answer for code in ("en", "de", "fr", "es", "it", "nl", "pt"))
    assert queue.sent == [] and count(sessions, Application) == 0


async def test_a_button_names_its_ranking_and_an_older_match_run_still_works(conversation, queue, sessions):
    add_profile(sessions)
    with sessions() as session:  # a ranking from before chat searches ranked in one run
        search = JobSearch(query="python", status="completed")
        session.add(search)
        session.flush()
        run = add_chat_record(session, MatchRun(job_search_id=search.id, status="completed",
                                                matches=[{"job": JOB, "score": 80}]))
    await conversation.handle(c.WriteLetter(ME, origin(), reference=f"{run.id}:1"))
    assert queue.sent[0][0] == "application"


@pytest.mark.parametrize("setup, reference, says, private", [
    ("nothing", "1", "no job list of yours", False),
    ("ranking", "7", "between 1 and 2", False),
    ("long-ranking", "11", "between 1 and 10", False),  # 30 ranked, 10 shown: only shown ones can be picked
    ("ranking-no-cv", "1", "I need your CV", False),
    ("someone-else", "{other}:1", "belongs to someone else", True),
    ("in-progress", "1", "already writing the letter", False),
])
async def test_a_letter_that_cannot_be_written_is_refused_with_the_reason(conversation, messenger, queue, sessions,
                                                                          setup, reference, says, private):
    other = add_ranking(sessions, user_id="u2")
    if setup != "nothing":
        add_ranking(sessions, jobs=30 if setup == "long-ranking" else 2)
    if setup not in ("nothing", "ranking-no-cv"):
        add_profile(sessions)
    if setup == "in-progress":
        with sessions() as session:
            add_chat_record(session, Application(job_id="job-1", job=JOB, status="processing"), user_id="u1")
    await conversation.handle(c.WriteLetter(ME, origin(), reference=reference.format(other=other)))
    assert says in messenger.last.text and queue.sent == []
    assert (messenger.last.private_to == ME) is private


async def test_profile_is_shown_privately_and_asks_for_a_cv_when_missing(conversation, messenger, sessions):
    await conversation.handle(c.ShowProfile(ME, origin()))
    assert "Send me your CV" in messenger.last.text and messenger.last.private_to == ME
    add_profile(sessions)
    await conversation.handle(c.ShowProfile(ME, origin()))
    assert "Name: Jo" in messenger.last.items and messenger.last.private_to == ME


async def test_status_lists_only_the_users_own_requests(conversation, messenger, sessions):
    await conversation.handle(c.ShowStatus(ME, origin()))
    assert messenger.last.text.startswith("No requests yet")
    add_ranking(sessions)
    add_ranking(sessions, user_id="u2")
    await conversation.handle(c.ShowStatus(ME, origin()))
    assert isinstance(messenger.last, Message) and len(messenger.last.items) == 1
    assert messenger.last.items[0].startswith("Job search — completed: “python developer”")


async def test_forget_asks_first_privately_and_cancel_keeps_everything(conversation, messenger, sessions):
    add_profile(sessions)
    await conversation.handle(c.Forget(ME, origin()))
    assert [b.action for b in messenger.last.buttons] == ["forget_confirm", "forget_cancel"]
    assert messenger.last.private_to == ME
    await conversation.handle(c.CancelForget(ME, origin()))
    assert messenger.last.text == "Nothing was deleted." and count(sessions, UserProfile) == 1


async def test_confirmed_forget_deletes_the_users_records_and_files_and_nobody_elses(conversation, messenger,
                                                                                      sessions, settings):
    files = {}
    for user_id in ("u1", "u2"):
        cv = save_upload(settings, PDF)
        settings.documents_dir.mkdir(parents=True, exist_ok=True)
        letter = {field: new_upload_name(suffix) for field, suffix in zip(Application.FILE_FIELDS,
                                                                           ("pdf", "docx", "pdf", "docx"))}
        for name in letter.values():  # the letter and the tailored CV, each as PDF and DOCX
            document_path(settings, name).write_bytes(PDF)
        with sessions() as session:
            add_chat_record(session, UserProfile(source_files=[cv], status="completed"), user_id=user_id)
            add_chat_record(session, Application(job_id="j", job=JOB, **letter), user_id=user_id)
        files[user_id] = (settings.uploads_dir / cv, *(document_path(settings, name) for name in letter.values()))
    await conversation.handle(c.ConfirmForget(ME, origin()))
    assert "deleted" in messenger.last.text
    assert not any(path.exists() for path in files["u1"]) and all(path.exists() for path in files["u2"])
    assert count(sessions, UserProfile) == 1 and count(sessions, Application) == 1


async def test_a_job_list_message_is_not_sent_by_the_core_itself(conversation, messenger, sessions):
    """Results come from the completion webhook, never from the command handler (it only queues)."""
    add_profile(sessions)
    await conversation.handle(c.SearchJobs(ME, origin(), text="python developer"))
    assert not any(isinstance(message, JobListMessage) for _, message in messenger.sent)


async def test_apply_after_a_search_that_found_nothing_says_so_not_between_1_and_0(conversation, messenger, queue,
                                                                                   sessions):
    add_profile(sessions)
    add_ranking(sessions, jobs=0)
    await conversation.handle(c.WriteLetter(ME, origin(), reference="1"))
    assert "found no jobs" in messenger.last.text and "between 1 and 0" not in messenger.last.text
    assert queue.sent == [] and count(sessions, Application) == 0


@pytest.mark.parametrize("typed", ["-1", "#2", "1.5", "²"])
async def test_apply_with_a_number_that_is_no_jobs_names_the_range(conversation, messenger, queue, sessions, typed):
    add_profile(sessions)
    add_ranking(sessions)
    await conversation.handle(parse_text(ME, origin(), f"/apply {typed}"))
    assert "Pick a job number between 1 and 2" in messenger.last.text and "I write letters in" not in messenger.last.text
    assert queue.sent == []
