from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from storage.models import Notification, UserProfile, utcnow
from storage.outbox import (
    add_notifications, claim_chat_delivery, due_notifications, finish_chat_delivery, mark_delivered, schedule_retry,
)
from tests.support.records import add_chat_record


def make_profile(session, *, webhook_url=None) -> UserProfile:
    return add_chat_record(session, UserProfile(source_files=[], webhook_url=webhook_url))


def test_an_outcome_is_queued_once_per_target(sessions):
    with sessions() as session:
        record = make_profile(session, webhook_url="https://example.org/hook")
        assert {n.target for n in add_notifications(session, record, "completed")} == {"bot", "webhook"}
        session.commit()
        assert add_notifications(session, record, "completed") == []
        session.commit()
        assert len(due_notifications(session)) == 2


def test_only_one_claimant_may_send_a_notification_to_the_chat(sessions):
    with sessions() as session:
        record = make_profile(session)
        [notification] = add_notifications(session, record, "completed")
        session.commit()
        notification_id = notification.id

    def claim(_):
        with sessions() as session:
            return claim_chat_delivery(session, notification_id)

    with ThreadPoolExecutor(8) as pool:
        assert sorted(pool.map(claim, range(8))) == [False] * 7 + [True]
    with sessions() as session:
        finish_chat_delivery(session, notification_id, sent=True)
        assert claim_chat_delivery(session, notification_id) is False


def test_a_failed_send_releases_the_claim_for_a_retry(sessions):
    with sessions() as session:
        [notification] = add_notifications(session, make_profile(session), "failed")
        session.commit()
        assert claim_chat_delivery(session, notification.id)
        finish_chat_delivery(session, notification.id, sent=False)
        assert claim_chat_delivery(session, notification.id)


def test_undelivered_rows_back_off_and_delivered_rows_leave_the_queue(sessions):
    with sessions() as session:
        [notification] = add_notifications(session, make_profile(session), "completed")
        session.commit()
        schedule_retry(notification, "connection refused")
        session.commit()
        assert notification.next_attempt_at > utcnow()
        assert due_notifications(session) == []
        notification.next_attempt_at = utcnow() - timedelta(seconds=1)
        session.commit()
        assert [n.id for n in due_notifications(session)] == [notification.id]
        mark_delivered(notification)
        session.commit()
        assert due_notifications(session) == []
        assert session.get(Notification, notification.id).last_error is None
