"""A CV that kills the worker process reading it, every time: after the attempt cap it fails with a message,
while other people's CVs, searches and letters complete, each with one result."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from storage.models import UserProfile
from tests.support.chaos import (
    TelegramPeople,
    chaos_env,
    crash_log,
    crowd,
    cv_of,
    deployment,
    tally,
    wait_quiet,
)

pytestmark = [pytest.mark.chaos, pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
MARKER = b"%CHAOS-POISON-PILL"
ATTEMPTS = 2  # each death costs the heartbeat's silence (about 30 s) before the next run may claim it
PEOPLE = 6


def test_a_pdf_that_kills_its_worker_every_time_fails_after_the_attempt_cap_and_others_are_unaffected(
        data_dir, telegram, postgres_url, redis_prefix):
    env = chaos_env(data_dir, telegram, database_url=postgres_url, redis_prefix=redis_prefix,
                    MAX_TASK_ATTEMPTS=str(ATTEMPTS))
    with deployment(env, workers=1, poison_marker=MARKER) as stack:
        people = TelegramPeople(stack, telegram)
        started = time.monotonic()
        poisoned = people.person(PEOPLE)[1]["id"]
        people.send_cv(PEOPLE, cv_of("python_dev_berlin") + b"\n" + MARKER + b"\n")
        errors = crowd(people, PEOPLE, step_timeout=180)
        people.wait_settled(240)
        wait_quiet(stack, timeout=120)
        figures = tally("a CV that kills its worker every time, among 6 people's 24 requests", people, started,
                        f"MAX_TASK_ATTEMPTS={ATTEMPTS}").report()

        assert not errors, errors[:3]
        [poison] = [r for r in people.requests if r.chat_id == poisoned]
        assert people.answers(poison) == (0, 1)  # one failure message, no profile
        failure = next(text for text in people.replies()[(poison.chat_id, poison.message_id)] if "failed" in text)
        assert "stopped our worker several times" in failure
        others = [r for r in people.requests if r.chat_id != poisoned]
        assert [people.answers(r) for r in others] == [(1, 0)] * (4 * PEOPLE)
        assert (figures.sent, figures.completed, figures.failed, figures.lost, figures.duplicated) == (
            4 * PEOPLE + 1, 4 * PEOPLE, 1, 0, 0)
        crashes = crash_log(stack).read_text().split() if crash_log(stack).exists() else []
        assert len(crashes) == ATTEMPTS  # it died on every attempt, and no attempt beyond the cap ran
        with stack.session() as session:
            record = session.scalars(select(UserProfile).where(UserProfile.error_code.is_not(None))).one()
            assert (record.status, record.error_code) == ("failed", "crashed")
