"""Alerts end to end: a real Celery beat (checking every second), a real worker on Redis and PostgreSQL,
the bot process on the Telegram stand-in, and a SerpApi stand-in whose results change between runs.

Two people keep an alert for the same search: every run searches the board once for both; the first
digest holds everything, later ones only what is new; a repost with the same pay is not sent again, one
with new pay is sent and marked; nothing new sends nothing; quiet hours hold a digest; each digest
reaches its chat exactly once; a person who blocked the bot has their alert paused."""
from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, timedelta

import pytest
from sqlalchemy import select, update

from config import Settings
from services.alerts import create_alert, set_alert_quiet_hours
from services.ports import ChatRequester, OriginRef, UserRef
from storage.models import Alert, AlertRun, JobSearch, Notification, utcnow
from tests.alerts.support import serp_job as job
from tests.support.processes import ROOT, ManagedProcess, wait_for
from tests.support.serpapi_standin import SerpApiStandIn
from tests.support.stack import running_stack, stack_env
from tests.support.telegram_standin import TOKEN, TelegramStandIn

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.postgres]
ANNA, BEN = UserRef("telegram", "7301", display_name="Anna"), UserRef("telegram", "7302", display_name="Ben")


def utc(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class AlertRig:
    """The running stack plus what the test does to it: due alerts, the board's answers, what arrived."""

    def __init__(self, stack, board: SerpApiStandIn, api: TelegramStandIn):
        self.stack, self.board, self.api = stack, board, api
        self.settings = Settings(_env_file=None, job_agent_data_dir=stack.data_dir, alerts_quiet_hours="")

    def make_alert(self, person: UserRef, query: str, location: str) -> str:
        requester = ChatRequester(person, OriginRef("telegram", person.external_user_id))
        with self.stack.session() as session:
            return create_alert(session=session, settings=self.settings, requester=requester, query=query,
                                location=location).id

    def run(self, jobs: list[dict], *alert_ids: str, held: tuple[str, ...] = ()) -> AlertRun:
        """Make the alerts due with the board answering ``jobs``; wait until beat and the worker ran them
        and every digest but those of the ``held`` alerts (quiet hours) reached its chat. Returns the run."""
        self.board.jobs = jobs
        with self.stack.session() as session:
            before = set(session.scalars(select(AlertRun.id)))
            session.execute(update(Alert).where(Alert.id.in_(alert_ids)).values(next_run_at=utcnow()))
            session.commit()
        run = wait_for(lambda: self._finished_run(before), timeout=60, message="the alert run to complete")
        wait_for(lambda: self._delivered(run.id, held), timeout=30, message="the run's digests to be delivered")
        return run

    def _finished_run(self, before: set[str]) -> AlertRun | None:
        with self.stack.session() as session:
            runs = [r for r in session.scalars(select(AlertRun)) if r.id not in before]
            assert len(runs) <= 1, "one search for alerts with the same query and place"
            return runs[0] if runs and runs[0].status == "completed" else None

    def _delivered(self, run_id: str, held: tuple[str, ...]) -> bool:
        with self.stack.session() as session:
            rows = session.execute(select(Notification.chat_state, JobSearch.alert_id)
                                   .join(JobSearch, JobSearch.id == Notification.record_id)
                                   .where(JobSearch.alert_run_id == run_id)).all()
            return all(state == "sent" for state, alert_id in rows if alert_id not in held)

    def digests(self, run_id: str) -> dict[str, JobSearch]:
        """The run's digests by their alert's id."""
        with self.stack.session() as session:
            return {d.alert_id: d for d in session.scalars(select(JobSearch).where(JobSearch.alert_run_id == run_id))}

    def messages_to(self, person: UserRef) -> list[str]:
        return [call.params.get("text", "") for call in self.api.messages_sent()
                if str(call.params.get("chat_id")) == person.external_user_id]


def titles(digest: JobSearch) -> set[str]:
    return {match["job"]["title"] for match in digest.matches}


def test_alert_digests_with_a_real_beat_worker_and_bot(data_dir, redis_prefix, postgres_url):
    board = SerpApiStandIn(jobs=[])
    with TelegramStandIn() as api, board:
        env = stack_env(data_dir, database_url=postgres_url, redis_prefix=redis_prefix, TELEGRAM_BOT_TOKEN=TOKEN,
                        TELEGRAM_WEBHOOK_SECRET="s3cret", TELEGRAM_API_BASE_URL=api.root, TELEGRAM_MODE="webhook",
                        SERPAPI_API_KEY="test-key", SERPAPI_BASE_URL=board.url, ALERTS_CHECK_SECONDS="1",
                        ALERTS_QUIET_HOURS="")
        env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{env['API_PORT']}"
        beat = ManagedProcess("beat", [sys.executable, "-m", "celery", "-A", "tasks.celery_app", "beat", "-l", "info",
                                       "-s", str(data_dir / "beat-schedule")], env)
        with running_stack(env) as stack:
            beat.start()
            try:
                rig = AlertRig(stack, board, api)
                check_alert_runs(rig, env)
            finally:
                beat.stop()
                print(f"--- beat ---\n{beat.output()[-4000:]}")


def check_alert_runs(rig: AlertRig, env: dict) -> None:
    anna = rig.make_alert(ANNA, "Data Engineer", "Hamburg")
    ben = rig.make_alert(BEN, "data engineer", "hamburg")

    # First run: everything, for both, from one board search.
    first = rig.run([job(1), job(2)], anna, ben)
    assert len(rig.board.requests) == 1
    digests = rig.digests(first.id)
    assert [titles(d) for d in digests.values()] == [{"Data Engineer N1", "Data Engineer N2"}] * 2
    assert set(digests) == {anna, ben}
    for person in (ANNA, BEN):
        said = rig.messages_to(person)
        assert sum("Data Engineer N1" in text for text in said) == 1, said

    # Second run: only the new posting; N1 taken down and reposted under another id with the same pay is no news.
    second = rig.run([job(2), job(3), job(1, job_id="serp-1-repost")], anna, ben)
    assert len(rig.board.requests) == 2
    assert {alert: titles(d) for alert, d in rig.digests(second.id).items()} == {
        anna: {"Data Engineer N3"}, ben: {"Data Engineer N3"}}

    # Third run: N2 reposted with new pay is sent again, marked with both amounts.
    third = rig.run([job(3), job(1, job_id="serp-1-repost"), job(2, job_id="serp-2-repost", salary="70K–90K a year")],
                    anna, ben)
    [repost] = rig.digests(third.id)[anna].matches
    assert repost["job"]["job_id"] == "serp-2-repost"
    assert repost["repost"] == {"salary_before": "60K–80K a year", "salary_now": "70K–90K a year"}

    # Nothing new, run by the operator's command: no digest, no message.
    sent_before, runs_before = len(rig.api.messages_sent()), _run_ids(rig)
    command = subprocess.run([sys.executable, "-m", "bot.cli", "alerts", "run-now"], env=env, capture_output=True,
                             check=False, text=True, timeout=120, cwd=ROOT)
    assert command.returncode == 0, command.stderr[-3000:]
    assert "started 2 alerts in 1 search" in command.stdout
    quiet_run = wait_for(lambda: rig._finished_run(runs_before), timeout=60, message="the run-now run")
    assert quiet_run.digest_count == 0 and rig.digests(quiet_run.id) == {}
    time.sleep(1)  # what a wrongly sent digest would need to arrive
    assert len(rig.api.messages_sent()) == sent_before

    # Quiet hours: Ben's digest waits for their end; Anna's goes now.
    hour = utcnow().hour
    with rig.stack.session() as session:
        set_alert_quiet_hours(session=session, owner=BEN, ref=ben, quiet=f"{hour:02d}:00-{(hour + 2) % 24:02d}:00")
        session.execute(update(Alert).where(Alert.id == ben).values(timezone="UTC"))
        session.commit()
    held = rig.run([job(4)], anna, ben, held=(ben,))
    assert sum("Data Engineer N4" in text for text in rig.messages_to(ANNA)) == 1
    with rig.stack.session() as session:
        [row] = session.scalars(select(Notification).where(
            Notification.record_id == rig.digests(held.id)[ben].id)).all()
        assert row.delivered_at is None and row.chat_state == "pending"
        assert utc(row.next_attempt_at) >= utcnow().replace(minute=0, second=0, microsecond=0) + timedelta(hours=2)
    assert not any("Data Engineer N4" in text for text in rig.messages_to(BEN))
    # Every digest reached its chat once: three for each person and Anna's fourth.
    for person, count in ((ANNA, 4), (BEN, 3)):
        assert sum("Data Engineer N" in text for text in rig.messages_to(person)) == count, rig.messages_to(person)

    # Anna blocks the bot: her next digest is refused by Telegram (403), not retried, and her alert pauses.
    rig.api.block(ANNA.external_user_id)
    rig.run([job(5)], anna, held=(anna, ben))

    def paused():
        with rig.stack.session() as session:
            alert = session.get(Alert, anna)
            return (alert.status, alert.paused_reason) == ("paused", "blocked")

    wait_for(paused, timeout=30, message="Anna's alert to pause")
    assert not any("Data Engineer N5" in text for text in rig.messages_to(ANNA))


def _run_ids(rig: AlertRig) -> set[str]:
    with rig.stack.session() as session:
        return set(session.scalars(select(AlertRun.id)))
