"""Every CV kind a person has, end to end: local chat → real server → real Celery worker on Redis.

The inputs are made here from the same invented person: a Word file written by python-docx,
a scanned PDF and a phone photo made from her text PDF (tests.support.scans), and a PDF that
holds no CV at all.
"""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from storage.models import UserProfile
from tests.support.local_chat import LocalChat
from tests.support.pdf_factory import PERSONAS, make_cv_pdf
from tests.support.scans import photo_jpeg, scanned_pdf
from tests.support.stack import running_stack, stack_env

pytestmark = [pytest.mark.integration, pytest.mark.redis]
NURSE = PERSONAS["german_nurse"]


@pytest.fixture
def env(data_dir, redis_prefix):
    return stack_env(data_dir, database_url=None, redis_prefix=redis_prefix)


def _docx(persona: dict) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(persona["name"], level=0)
    document.add_paragraph(persona["title"])
    document.add_paragraph(f"{persona['email']} · {persona['phone']}")
    document.add_heading("Skills", level=1)
    document.add_paragraph(", ".join(persona["skills"]))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _record(stack) -> UserProfile:
    with stack.session() as session:
        return session.scalars(select(UserProfile)).one()


def test_a_word_file_becomes_a_profile(env):
    with running_stack(env) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.send_cv(_docx(NURSE), filename="Lebenslauf")  # no extension: the bytes decide
        profile = chat.wait_for_message("Your profile is ready", timeout=60)
        assert NURSE["name"] in profile and NURSE["email"] in profile
        record = _record(stack)
        assert record.profile["source"] == "docx" and record.source_files[0].endswith(".docx")


def test_a_scanned_pdf_is_read_page_by_page_and_says_it_came_from_a_scan(env):
    with running_stack(env) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.send_cv(scanned_pdf(make_cv_pdf(NURSE)), filename="scan.pdf")
        profile = chat.wait_for_message("Your profile is ready", timeout=120)
        assert NURSE["email"] in profile and "Read from a scan" in profile
        assert _record(stack).profile["source"] == "scan"


def test_a_phone_photo_becomes_a_profile(env):
    with running_stack(env) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.send_cv(photo_jpeg(make_cv_pdf(NURSE)), filename="IMG_2041.JPG")
        profile = chat.wait_for_message("Your profile is ready", timeout=120)
        assert NURSE["name"] in profile and "Read from a photo" in profile


def test_a_file_that_holds_no_cv_fails_and_says_what_to_send(env):
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    page = canvas.Canvas(buf)
    page.drawString(72, 770, "Minutes of the garden club. The roses did well this year.")
    page.save()
    with running_stack(env) as stack:
        chat = LocalChat(stack.base_url, stack.data_dir)
        chat.send_cv(buf.getvalue(), filename="minutes.pdf")
        failure = chat.wait_for_message("failed", timeout=60)
        assert "no name, e-mail address, phone number or skills" in failure
        assert not any("profile is ready" in text for text in chat.messages())
        record = _record(stack)
        assert (record.status, record.error_code) == ("failed", "no_cv_content")
