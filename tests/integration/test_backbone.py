"""The backbone end to end: real server, real Celery worker, real Redis, SQLite and PostgreSQL."""
from __future__ import annotations

import json
import time

import httpx
import pytest
from celery import Celery
from PIL import Image
from sqlalchemy import select

from storage.models import Notification, UserProfile
from delivery.signing import signature_headers
from storage.files import save_upload
from tests.support.scans import as_pdf
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.local_chat import LocalChat
from tests.support.processes import wait_for
from tests.support.records import add_chat_record
from tests.support.services import REDIS_URL
from tests.support.stack import WEBHOOK_SECRET, running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]
PERSONA = PERSONAS["python_dev_berlin"]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def redis_env(request, data_dir, redis_prefix):
    database_url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    return stack_env(data_dir, database_url=database_url, redis_prefix=redis_prefix)


def hook(stack, body: bytes, headers: dict) -> httpx.Response:
    return httpx.post(stack.base_url + "/hooks/task-events", content=body,
                      headers={"Content-Type": "application/json", **headers}, timeout=10)


def test_a_cv_comes_back_as_a_profile_in_the_same_chat(redis_env):
    with running_stack(redis_env) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.send_cv(make_cv_pdf(PERSONA, layout="two_column"), filename="../../etc/passwd.pdf")
        profile = chat.wait_for_message("Your profile is ready")
        assert "Lena Fischer" in profile and "Kubernetes" in profile and "PostgreSQL" in profile
        assert [u["text"] for u in chat.updates() if u["kind"] == "message"][0].startswith("Got your CV")
        with stack.session() as session:
            record = session.scalars(select(UserProfile)).one()
            assert record.status == "completed" and record.progress_percent == 100
            assert record.profile["email"] == PERSONA["email"]
            assert record.started_at <= record.completed_at and record.celery_task_id
            # The uploaded name never reaches the filesystem: only a generated name is stored.
            assert record.original_filename == "../../etc/passwd.pdf"
            assert [p.name for p in (stack.data_dir / "uploads").iterdir()] == record.source_files
            assert record.source_files[0].endswith(".pdf") and "passwd" not in record.source_files[0]


def test_a_scan_without_text_fails_with_a_plain_explanation(redis_env):
    """A scanned page of nothing but speckle: OCR runs in the worker and finds no text at all."""
    speckle = Image.effect_noise((1240, 1754), 24).point(lambda value: 255 if value > 40 else 0).convert("RGB")
    with running_stack(redis_env) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.send_cv(as_pdf([speckle], dpi=150))
        failure = chat.wait_for_message("failed", timeout=60)
        assert "found no text in this picture" in failure and "Is it your CV?" in failure
        with stack.session() as session:
            record = session.scalars(select(UserProfile)).one()
            assert (record.status, record.error_code) == ("failed", "no_text_in_image") and record.failed_at


def test_a_completion_webhook_delivered_twice_sends_one_message(redis_env):
    with running_stack(redis_env) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.send_cv(make_cv_pdf(PERSONA))
        chat.wait_for_message("Your profile is ready")
        def delivered():
            with stack.session() as session:
                row = session.scalars(select(Notification)).one()
                return row if row.delivered_at else None

        notification = wait_for(delivered, timeout=10, message="the worker to record the delivery")
        assert notification.chat_state == "sent"
        body = json.dumps({"type": "outcome", "notification_id": notification.id, "record_type": "profile",
                           "record_id": notification.record_id, "event": "completed"}).encode()
        replies = [hook(stack, body, signature_headers(WEBHOOK_SECRET.encode(), body)) for _ in range(3)]
        assert [(r.status_code, r.json()["status"]) for r in replies] == [(200, "duplicate")] * 3
        time.sleep(0.5)
        assert sum("Your profile is ready" in text for text in chat.messages()) == 1


def test_forged_unsigned_and_replayed_webhooks_are_refused(redis_env):
    with running_stack(redis_env, worker=False) as stack:
        body = json.dumps({"type": "outcome", "notification_id": 1}).encode()
        stale = signature_headers(WEBHOOK_SECRET.encode(), body, now=time.time() - 301)
        forged = signature_headers(b"not-the-secret", body)
        tampered = signature_headers(WEBHOOK_SECRET.encode(), body)
        for headers, sent in ((({}), body), (forged, body), (stale, body), (tampered, body + b" ")):
            assert hook(stack, sent, headers).status_code == 401
        good = signature_headers(WEBHOOK_SECRET.encode(), body)
        assert hook(stack, body, good).status_code == 404  # signed, but no such notification
        assert hook(stack, b"not json", signature_headers(WEBHOOK_SECRET.encode(), b"not json")).status_code == 400


def _submit_without_the_bot(stack, redis_prefix: str) -> str:
    """Create a chat request directly and enqueue it, as the bot would have before it went down."""
    from config import Settings

    settings = Settings(job_agent_data_dir=stack.data_dir)
    name = save_upload(settings, make_cv_pdf(PERSONA))
    with stack.session() as session:
        record_id = add_chat_record(session, UserProfile(source_files=[name]), user_id="tester", chat_id="tester").id
    options = {"global_keyprefix": redis_prefix, "visibility_timeout": 6}
    sender = Celery(broker=REDIS_URL, broker_transport_options=options)
    sender.send_task("tasks.profiling.build_profile_task", args=[record_id], queue="profiling", routing_key="profiling")
    return record_id


@pytest.mark.postgres
def test_a_result_finished_while_the_bot_is_down_arrives_when_it_is_back(data_dir, redis_prefix, postgres_url):
    env = stack_env(data_dir, database_url=postgres_url, redis_prefix=redis_prefix)
    with running_stack(env) as stack:
        stack.stop_server()
        record_id = _submit_without_the_bot(stack, redis_prefix)

        def undelivered():
            with stack.session() as session:
                row = session.scalars(select(Notification).where(Notification.record_id == record_id)).first()
                return row if row is not None and row.attempts >= 1 and row.delivered_at is None else None

        wait_for(undelivered, timeout=30, message="a failed delivery attempt while the bot is down")
        stack.start_server()
        chat = LocalChat(stack.base_url, stack.data_dir)
        assert "Lena Fischer" in chat.wait_for_message("Your profile is ready", timeout=30)
        time.sleep(1.5)
        assert sum("Your profile is ready" in text for text in chat.messages()) == 1
