"""A recipient who is gone for good (blocked the bot, removed the app) end to end: the real `job-agent
serve` with its real Notifier, python-telegram-bot and slack_sdk against the stand-ins, on PostgreSQL
and Redis; the outbox row is delivered by the real sender. The notification is retired (not retried),
says why, and the recipient's alerts pause. The bot process's own outbox sweeper delivers the rows the test writes."""
from __future__ import annotations

import httpx
import pytest

from delivery.sender import event_body, post_signed
from storage.chat import get_or_create_user
from storage.models import Alert, ChatOrigin, JobSearch, Notification, utcnow
from storage.outbox import BOT
from tests.support.processes import wait_for
from tests.support.services import fresh_postgres_database, needs, redis_key_prefix
from tests.support.slack_payloads import SIGNING_SECRET
from tests.support.slack_standin import BOT_TOKEN, SlackStandIn
from tests.support.stack import WEBHOOK_SECRET, running_stack, stack_env
from tests.support.telegram_standin import KICKED, TOKEN, TelegramStandIn

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture(scope="module")
@needs("integration", "redis", "postgres")
def gone_stack(tmp_path_factory):
    """The bot process on both platforms; no worker: its outbox sweeper delivers the rows the tests write."""
    with TelegramStandIn() as telegram, SlackStandIn() as slack, fresh_postgres_database() as database_url, \
            redis_key_prefix() as prefix:
        env = stack_env(tmp_path_factory.mktemp("gone"), database_url=database_url, redis_prefix=prefix,
                        TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=telegram.root, TELEGRAM_MODE="polling",
                        SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                        SLACK_API_BASE_URL=slack.api_url)
        env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{env['API_PORT']}"
        with running_stack(env, worker=False) as stack:
            stack.telegram, stack.slack = telegram, slack
            yield stack


def finished_search(session, *, platform: str, chat_id: str, workspace_id: str = "",
                    **notification_fields) -> tuple[Notification, Alert]:
    """A person's completed search with its outbox row to the bot, and an active alert in the same chat."""
    user = get_or_create_user(session, platform=platform, workspace_id=workspace_id, external_user_id=f"u-{chat_id}")
    origin = ChatOrigin(chat_user_id=user.id, platform=platform, workspace_id=workspace_id, chat_id=chat_id)
    session.add(origin)
    session.flush()
    search = JobSearch(query="data engineer", location="Hamburg", status="completed", completed_at=utcnow(),
                       matches=[], chat_user_id=user.id, origin_id=origin.id)
    alert = Alert(query="data engineer", location="Hamburg", chat_user_id=user.id, origin_id=origin.id)
    session.add_all([search, alert])
    session.flush()
    notification = Notification(record_type="job_search", record_id=search.id, event="completed", target=BOT,
                                **notification_fields)
    session.add(notification)
    session.commit()
    return notification, alert


def delivered_once(stack, notification: Notification) -> None:
    """Wait for the bot process's own outbox sweeper to deliver the row (the bot's 200 marks it delivered)."""
    def delivered():
        with stack.session() as session:
            return session.get(Notification, notification.id).delivered_at is not None

    wait_for(delivered, timeout=30, message=f"notification {notification.id} delivered")


def test_a_telegram_user_who_blocked_the_bot_is_tried_once_then_left_alone(gone_stack):
    gone_stack.telegram.block(91001)
    with gone_stack.session() as session:  # an earlier attempt had failed: the reason that stays is the last one
        notification, alert = finished_search(session, platform="telegram", chat_id="91001", attempts=1,
                                              last_error="HTTP 503: the bot was restarting")
    delivered_once(gone_stack, notification)
    with gone_stack.session() as session:
        row = session.get(Notification, notification.id)
        assert row.delivered_at is not None and row.chat_state == "gone"
        assert row.last_error == "recipient gone on telegram: Forbidden: bot was blocked by the user"
        assert (session.get(Alert, alert.id).status, session.get(Alert, alert.id).paused_reason) == ("paused", "blocked")
    tries = [call for call in gone_stack.telegram.calls_of("sendMessage") if call.params["chat_id"] == "91001"]
    assert [call.status for call in tries] == [403]
    # The sender's copy of our answer was lost and it posts again: still "gone", and no second try.
    answer = post_signed(f"{gone_stack.base_url}/hooks/task-events", event_body(row), WEBHOOK_SECRET.encode())
    assert (answer.status_code, answer.json()) == (200, {"status": "gone"})
    assert len([c for c in gone_stack.telegram.calls_of("sendMessage") if c.params["chat_id"] == "91001"]) == 1


def test_a_group_that_kicked_the_bot_is_gone_too(gone_stack):
    gone_stack.telegram.block(-10091002, KICKED)
    with gone_stack.session() as session:
        notification, alert = finished_search(session, platform="telegram", chat_id="-10091002")
    delivered_once(gone_stack, notification)
    with gone_stack.session() as session:
        assert "kicked" in session.get(Notification, notification.id).last_error
        assert session.get(Alert, alert.id).paused_reason == "removed"


@pytest.mark.parametrize("error", ["channel_not_found", "is_archived"])
def test_a_slack_channel_the_app_lost_is_gone(gone_stack, error):
    channel = f"C0{error.upper().replace('_', '')}"
    gone_stack.slack.refuse_channel(channel, error)
    with gone_stack.session() as session:
        notification, alert = finished_search(session, platform="slack", chat_id=channel, workspace_id="T0TEST")
    delivered_once(gone_stack, notification)
    with gone_stack.session() as session:
        row = session.get(Notification, notification.id)
        assert row.chat_state == "gone" and row.last_error == f"recipient gone on slack: {error}"
        assert (session.get(Alert, alert.id).status, session.get(Alert, alert.id).paused_reason) == ("paused", "removed")


def test_an_app_removed_from_a_workspace_pauses_every_alert_there_and_only_there(gone_stack):
    gone_stack.slack.refuse_channel("C0WS1", "token_revoked")  # the stand-in has one workspace: one channel says so
    with gone_stack.session() as session:
        notification, alert = finished_search(session, platform="slack", chat_id="C0WS1", workspace_id="T0GONE")
        _, same_workspace = finished_search(session, platform="slack", chat_id="C0WS2", workspace_id="T0GONE")
        _, elsewhere = finished_search(session, platform="slack", chat_id="C0WS3", workspace_id="T0STAYS")
    delivered_once(gone_stack, notification)
    with gone_stack.session() as session:
        assert [session.get(Alert, a.id).status for a in (alert, same_workspace, elsewhere)] == [
            "paused", "paused", "active"]


def test_a_reachable_chat_still_gets_its_message(gone_stack):
    with gone_stack.session() as session:
        notification, alert = finished_search(session, platform="telegram", chat_id="91009")
    delivered_once(gone_stack, notification)
    with gone_stack.session() as session:
        assert session.get(Notification, notification.id).chat_state == "sent"
        assert session.get(Alert, alert.id).status == "active"
    assert [c.status for c in gone_stack.telegram.calls_of("sendMessage") if c.params["chat_id"] == "91009"] == [200]


def test_the_hook_refuses_unsigned_events(gone_stack):
    assert httpx.post(f"{gone_stack.base_url}/hooks/task-events", json={"type": "outcome"}).status_code == 401
