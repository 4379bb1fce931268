"""Retention of alerts: old runs go, a remembered posting goes only once no run has found it for the
retention period, digests stay (detached from their run), and closed tracker entries go."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from storage.models import AlertRun, AlertSeen, JobSearch, TrackedApplication, utcnow
from storage.retention import purge_expired
from tests.alerts.support import make_alert

DAYS = 30


def test_old_runs_and_memory_not_seen_lately_are_purged(sessions, settings):
    settings.retention_days = DAYS
    long_ago, lately = utcnow() - timedelta(days=DAYS + 5), utcnow() - timedelta(days=2)
    with sessions() as session:
        alert = make_alert(session, settings)
        old_run = AlertRun(query="q", status="completed", created_at=long_ago, completed_at=long_ago)
        busy_run = AlertRun(query="q", status="processing", created_at=long_ago)
        new_run = AlertRun(query="q", status="completed", created_at=lately)
        session.add_all([old_run, busy_run, new_run])
        session.flush()
        digest = JobSearch(query="q", status="completed", alert_id=alert.id, alert_run_id=old_run.id,
                           chat_user_id=alert.chat_user_id)
        # First sent long ago but found again lately (a long-running ad): remembered; not found since: forgotten.
        session.add_all([digest, AlertSeen(alert_id=alert.id, key="still-listed", first_seen_at=long_ago,
                                           last_seen_at=lately),
                         AlertSeen(alert_id=alert.id, key="gone", first_seen_at=long_ago, last_seen_at=long_ago)])
        session.add_all([TrackedApplication(job_id="j1", stage="rejected", closed_at=long_ago),
                         TrackedApplication(job_id="j2", stage="rejected", closed_at=lately),
                         TrackedApplication(job_id="j3", stage="applied")])
        session.commit()
        ids = {"old": old_run.id, "busy": busy_run.id, "new": new_run.id, "digest": digest.id}
        report = purge_expired(session, settings)
        assert (report.alert_runs, report.alert_seen, report.tracked) == (1, 1, 1)
        session.expire_all()
        assert {run.id for run in session.scalars(select(AlertRun))} == {ids["busy"], ids["new"]}
        assert [row.key for row in session.scalars(select(AlertSeen))] == ["still-listed"]
        assert session.get(JobSearch, ids["digest"]).alert_run_id is None
        assert sorted(t.job_id for t in session.scalars(select(TrackedApplication))) == ["j2", "j3"]
