"""Per-owner limits in the use cases, on a real SQLite database and a task queue that sends nothing (records
stay pending, as behind a busy worker): requests still running per owner, the upload quota, and the files
of a CV that could not be read, deleted when its profile fails."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from config import Settings, get_settings
from domain.errors import PermanentError
from pipeline.profiling import read_cv_files
from services.errors import OverLimit
from services.ports import ApiRequester, ChatRequester, OriginRef, UserRef
from services.profiles import request_profile
from services.searches import request_search
from services.upload_quota import check_upload_quota, stored_bytes
from storage.files import save_upload
from storage.models import COMPLETED, JobSearch
from tests.support import cv_kinds

FLOODER, OTHER = ApiRequester("key-flood"), ApiRequester("key-other")
LENA = ChatRequester(UserRef("telegram", "1"), OriginRef("telegram", "1"))
OMAR = ChatRequester(UserRef("telegram", "2"), OriginRef("telegram", "2"))


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """The process's settings (read by services.submit and the pipeline) with a data folder of the test's."""
    monkeypatch.setenv("JOB_AGENT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MAX_OPEN_REQUESTS_PER_OWNER", "5")
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def search(session, queue, requester):
    return request_search(session=session, queue=queue, requester=requester, query="python developer",
                          location="Berlin")


def test_one_key_flooding_cannot_get_more_than_its_share_ahead_of_another_key(settings, sessions, queue):
    """200 searches from one key: 5 are queued and 195 refused at once, so another key's search is the 6th
    task in the queue, not the 201st: its wait is bounded by 5 searches whatever the flooder sends."""
    started = time.perf_counter()
    refused = 0
    with sessions() as session:
        for _ in range(200):
            try:
                search(session, queue, FLOODER)
            except OverLimit as over:
                refused += 1
                assert over.status_code == 429 and over.retry_after == 30
                assert "You have 5 requests still running" in over.message
        flood_seconds = time.perf_counter() - started
        other = search(session, queue, OTHER)
        assert session.scalar(select(func.count()).select_from(JobSearch)) == 6
    assert refused == 195 and len(queue.sent) == 6
    assert queue.sent.index(("job_search", other.id)) == 5
    print(f"\n200 searches from one key: 5 queued, 195 refused in {flood_seconds:.2f} s; "
          f"the other key's search is task 6 of 6")


def test_a_chat_user_with_five_requests_running_is_refused_until_one_finishes(settings, sessions, queue):
    with sessions() as session:
        first = search(session, queue, LENA)
        for _ in range(4):
            search(session, queue, LENA)
        with pytest.raises(OverLimit, match="5 requests still running"):
            search(session, queue, LENA)
        search(session, queue, OMAR)  # someone else is unaffected
        first.status = COMPLETED
        session.commit()
        search(session, queue, LENA)
        assert session.scalar(select(func.count()).select_from(JobSearch)) == 7


def test_the_quota_counts_what_the_owners_profiles_hold_on_disk(settings, sessions, queue):
    data = b"x" * 4000
    with sessions() as session:
        names = [save_upload(settings, data, "pdf") for _ in range(2)]
        request_profile(session=session, queue=queue, requester=LENA, file_names=names, original_filename="a")
        request_profile(session=session, queue=queue, requester=LENA, file_names=names[:1],  # a page shared
                        original_filename="b")
        assert stored_bytes(session=session, settings=settings, requester=LENA) == 8000
        assert stored_bytes(session=session, settings=settings, requester=OMAR) == 0
        small = Settings(_env_file=None, job_agent_data_dir=settings.job_agent_data_dir,
                         upload_quota_mb=10000 / 1048576)
        check_upload_quota(session=session, settings=small, requester=LENA, adding=2000)
        with pytest.raises(OverLimit, match=r"more than 0.01 MB.*you have 0.008 MB stored") as refusal:
            check_upload_quota(session=session, settings=small, requester=LENA, adding=2001)
        assert refusal.value.status_code == 413 and "/forget deletes all of yours now" in refusal.value.message
        check_upload_quota(session=session, settings=small, requester=OMAR, adding=10000)


def test_the_files_of_a_cv_that_cannot_be_read_are_deleted_when_its_profile_fails(settings, sessions, queue):
    with sessions() as session:
        shared = save_upload(settings, cv_kinds.make_jpeg(), "jpeg")  # a page another profile still reads
        bad = save_upload(settings, b"%PDF-1.7\n" + b"\x00" * 20000, "pdf")  # a PDF header, then nothing
        request_profile(session=session, queue=queue, requester=LENA, file_names=[shared], original_filename="p1")
        failing = request_profile(session=session, queue=queue, requester=LENA, file_names=[bad, shared],
                                  original_filename="p2")
        with pytest.raises(PermanentError):
            read_cv_files(session, failing, lambda *args: None)
        with pytest.raises(PermanentError) as again:  # an operator's retry: told plainly, not an internal error
            read_cv_files(session, failing, lambda *args: None)
        assert again.value.code == "file_gone" and "send it again" in str(again.value.user_message)
    assert not (settings.uploads_dir / bad).exists()
    assert (settings.uploads_dir / shared).exists()
