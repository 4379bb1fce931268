"""The alert engine on SQLite and PostgreSQL: due alerts claimed once and grouped into one search,
digests of only what is new (reposts with new pay marked), quiet hours, deletion, pause and /forget."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, timedelta

from sqlalchemy import func, select

from pipeline.alert_digests import write_digests
from services.alert_runs import start_due_alerts
from services.alerts import delete_alert, pause_alert
from services.users import forget_user
from storage.models import (
    Alert,
    AlertRun,
    AlertSeen,
    JobPostingRecord,
    JobSearch,
    Notification,
    utcnow,
)
from storage.outbox import due_notifications
from tests.alerts.support import ANNA, BEN, make_alert, posting
from tests.support.fakes import FakeTaskQueue


def run_alerts(session, settings, postings, *, now=None) -> list[AlertRun]:
    """Start every active alert's run (as `alerts run-now`), then do each run's work as its task would,
    with ``postings`` as the shared search's result, and commit."""
    runs = start_due_alerts(session, settings, FakeTaskQueue(), now, all_active=True)
    for run in runs:
        run.jobs = [item.to_dict() for item in postings]
        write_digests(session, run, lambda *_: None)
    session.commit()
    return runs


def digests(session, alert_id: str) -> list[JobSearch]:
    return list(session.scalars(select(JobSearch).where(JobSearch.alert_id == alert_id).order_by(JobSearch.created_at)))


def matched_ids(digest: JobSearch) -> set[str]:
    return {match["job"]["job_id"] for match in digest.matches}


def utc(moment):
    """SQLite hands back naive UTC datetimes."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def notifications(session) -> int:
    return session.scalar(select(func.count()).select_from(Notification))


def test_the_first_digest_has_everything_then_only_what_is_new_and_nothing_new_sends_nothing(sessions, settings):
    with sessions() as session:
        alert = make_alert(session, settings)
        run_alerts(session, settings, [posting("a"), posting("b", title="Analytics Engineer")])
        run_alerts(session, settings, [posting("a"), posting("b", title="Analytics Engineer"),
                                       posting("c", title="Data Platform Engineer")])
        first, second = digests(session, alert.id)
        assert matched_ids(first) == {"a", "b"} and matched_ids(second) == {"c"}
        assert [row.job_id for row in session.scalars(select(JobPostingRecord).where(
            JobPostingRecord.job_search_id == second.id))] == ["c"]
        assert second.status == "completed" and second.origin_id == alert.origin_id
        assert second.chat_user_id == alert.chat_user_id and second.alert_run_id is not None
        assert notifications(session) == 2
        [run] = run_alerts(session, settings, [posting("a"), posting("c", title="Data Platform Engineer")])
        assert len(digests(session, alert.id)) == 2 and notifications(session) == 2
        assert run.digest_count == 0 and run.job_count == 0  # job_count is the search step's (not run here)


def test_a_repost_is_news_only_when_its_pay_changed_and_then_says_so(sessions, settings):
    with sessions() as session:
        alert = make_alert(session, settings)
        run_alerts(session, settings, [posting("board-1", salary="€50,000 a year")])
        run_alerts(session, settings, [posting("board-2", salary="€50,000  A YEAR")])  # new id, same job and pay
        assert len(digests(session, alert.id)) == 1
        run_alerts(session, settings, [posting("board-3", salary="€60,000 a year")])
        first, repost = digests(session, alert.id)
        [match] = repost.matches
        assert match["job"]["job_id"] == "board-3"
        assert match["repost"] == {"salary_before": "€50,000 a year", "salary_now": "€60,000 a year"}
        assert "repost" not in first.matches[0]
        # The same job on the next run, pay unchanged since the repost: nothing.
        run_alerts(session, settings, [posting("board-3", salary="€60,000 a year")])
        assert len(digests(session, alert.id)) == 2


def test_alerts_with_one_query_and_place_share_one_run_and_are_claimed_once(sessions, settings):
    with sessions() as session:
        anna = make_alert(session, settings, ANNA, "Data Engineer", "Hamburg")
        ben = make_alert(session, settings, BEN, "data  engineer", "hamburg")
        other = make_alert(session, settings, BEN, "nurse", "Hamburg")
        paused = make_alert(session, settings, ANNA, "welder", "Kiel")
        pause_alert(session=session, owner=ANNA, ref=paused.id)
        later = make_alert(session, settings, ANNA, "baker", "Kiel")
        due_at = max(utc(anna.next_run_at), utc(ben.next_run_at), utc(other.next_run_at))
        later_id = later.id
        session.query(Alert).filter(Alert.id == later_id).update({"next_run_at": due_at + timedelta(hours=1)})
        session.query(Alert).filter(Alert.id == paused.id).update({"next_run_at": due_at - timedelta(hours=1)})
        session.commit()
        queue = FakeTaskQueue()
        runs = start_due_alerts(session, settings, queue, due_at)
        assert sorted(sorted(run.alert_ids) for run in runs) == sorted([sorted([anna.id, ben.id]), [other.id]])
        assert sorted(record_id for _, record_id in queue.sent) == sorted(run.id for run in runs)
        assert start_due_alerts(session, settings, queue, due_at) == []  # moved on: nothing twice
        session.expire_all()
        assert utc(session.get(Alert, anna.id).next_run_at) > due_at and session.get(Alert, anna.id).runs == 1
        assert session.get(Alert, later_id).runs == 0 and session.get(Alert, paused.id).runs == 0


def test_running_every_alert_now_in_batches_takes_each_alert_once(sessions, settings, monkeypatch):
    """`alerts run-now` calls until nothing is left: with one claim capped, the same moment takes each
    active alert in exactly one batch, however their next runs are ordered."""
    import storage.alerts

    monkeypatch.setattr(storage.alerts, "CLAIM_BATCH", 3)
    with sessions() as session:
        ids = sorted(make_alert(session, settings, ANNA, f"role {n} developer").id for n in range(8))
        now, batches = utcnow(), []
        while runs := start_due_alerts(session, settings, FakeTaskQueue(), now, all_active=True):
            batches.append(sorted(alert_id for run in runs for alert_id in run.alert_ids))
        assert [len(batch) for batch in batches] == [3, 3, 2]
        assert sorted(alert_id for batch in batches for alert_id in batch) == ids


def test_concurrent_claimers_never_start_one_alert_twice(sessions, settings):
    due_at = utcnow()
    with sessions() as session:
        ids = [f"alert-{n:04d}" for n in range(400)]
        session.add_all(Alert(id=alert_id, api_key_id="key", query=f"job {n % 40}", location="Hamburg",
                              timezone=["UTC", "Europe/Berlin", "Asia/Tokyo"][n % 3], next_run_at=due_at)
                        for n, alert_id in enumerate(ids))
        session.commit()
    start = threading.Barrier(6)

    def claim(_):  # six beats firing at the same moment, each on its own connection
        with sessions() as session:
            start.wait()
            return [alert_id for run in start_due_alerts(session, settings, FakeTaskQueue(), due_at)
                    for alert_id in run.alert_ids]

    with ThreadPoolExecutor(6) as pool:
        claimed = [alert_id for found in pool.map(claim, range(6)) for alert_id in found]
    assert sorted(claimed) == ids  # every one exactly once


def test_quiet_hours_hold_the_digest_until_they_end(sessions, settings):
    hour = utcnow().hour
    quiet = f"{hour:02d}:00-{(hour + 2) % 24:02d}:00"
    with sessions() as session:
        alert = make_alert(session, settings, timezone="UTC")
        alert.quiet_hours = quiet
        session.commit()
        run_alerts(session, settings, [posting("a")])
        [row] = session.scalars(select(Notification)).all()
        end = utcnow().replace(minute=0, second=0, microsecond=0) + timedelta(hours=2)
        assert abs(utc(row.next_attempt_at) - end) < timedelta(minutes=1)
        assert due_notifications(session) == []


def test_a_deleted_or_paused_alert_gets_no_digest(sessions, settings):
    with sessions() as session:
        alert = make_alert(session, settings)
        runs = start_due_alerts(session, settings, FakeTaskQueue(), alert.next_run_at)
        delete_alert(session=session, owner=ANNA, ref="1")
        for run in runs:
            run.jobs = [posting("a").to_dict()]
            write_digests(session, run, lambda *_: None)
        session.commit()
        assert session.scalar(select(func.count()).select_from(JobSearch)) == 0
        paused = make_alert(session, settings, query="nurse")
        pause_alert(session=session, owner=ANNA, ref=paused.id)
        assert run_alerts(session, settings, [posting("b")]) == []


def test_forgetting_a_person_removes_their_alerts_memory_and_digests(sessions, settings):
    with sessions() as session:
        alert_id = make_alert(session, settings).id
        alone_id = make_alert(session, settings, query="nurse").id
        ben_id = make_alert(session, settings, BEN).id
        runs = run_alerts(session, settings, [posting("a")])
        shared = next(run.id for run in runs if ben_id in run.alert_ids)
        alone = next(run.id for run in runs if run.alert_ids == [alone_id])
        assert session.scalar(select(func.count()).select_from(AlertSeen)) == 6  # 2 keys for each alert
        assert notifications(session) == 3  # a digest each
        assert forget_user(session=session, settings=settings, user=ANNA)
        session.expire_all()
        assert session.get(Alert, alert_id) is None
        assert session.scalar(select(func.count()).select_from(AlertSeen).where(AlertSeen.alert_id == alert_id)) == 0
        assert digests(session, alert_id) == []
        assert session.scalar(select(func.count()).select_from(Alert)) == 1  # Ben's stays
        assert notifications(session) == 1  # Ben's digest is still to be sent; Anna's outbox rows are gone
        assert session.get(AlertRun, shared).alert_ids == [ben_id]
        assert session.get(AlertRun, alone) is None  # it searched for her alone


def test_a_digest_is_ranked_with_the_owners_refinements_and_what_they_rule_out_sends_nothing(sessions, settings):
    from domain.jobs.feedback import REASONS
    from services.feedback import pass_on_job

    with sessions() as session:
        pass_on_job(session, ANNA, {"job_id": "a", "title": "Data Engineer", "company_name": "Nordlicht GmbH",
                                    "location": "Hamburg"}, REASONS[0])
        alert = make_alert(session, settings)
        run_alerts(session, settings, [posting("a")])
        assert digests(session, alert.id) == [] and notifications(session) == 0
        run_alerts(session, settings, [posting("a"), posting("b", title="Analytics Engineer", company="Elbe AG")])
        [digest] = digests(session, alert.id)
        assert matched_ids(digest) == {"b"} and digest.preferences["left_out"] == {}


def test_refinements_and_passes_made_after_the_alert_was_saved_shape_its_next_digest(sessions, settings):
    """A person's refinements are kept for every later search: an alert saved before "no agencies"
    and before a "Not for me" ranks its next run with both."""
    from domain.jobs.feedback import REASONS
    from domain.jobs.preferences import Refinement
    from services.feedback import pass_on_job
    from services.preferences import refine

    with sessions() as session:
        alert = make_alert(session, settings)
        refine(session, ANNA, Refinement(excluded_companies=("Elbe AG",)))
        pass_on_job(session, ANNA, {"job_id": "a", "title": "Data Engineer", "company_name": "Nordlicht GmbH",
                                    "location": "Hamburg"}, REASONS[0])
        run_alerts(session, settings, [posting("a"), posting("b", title="Analytics Engineer", company="Elbe AG"),
                                       posting("c", title="Data Analyst", company="Hafen KG")])
        [digest] = digests(session, alert.id)
        assert matched_ids(digest) == {"c"}
        assert digest.preferences["left_out"] == {"passed": 1, "excluded_companies": 1}


def test_a_posting_still_listed_is_remembered_as_seen_lately(sessions, settings):
    with sessions() as session:
        alert = make_alert(session, settings)
        run_alerts(session, settings, [posting("a"), posting("b", title="Nurse")])
        long_ago = utcnow() - timedelta(days=40)
        session.query(AlertSeen).update({"last_seen_at": long_ago, "first_seen_at": long_ago})
        session.commit()
        run_alerts(session, settings, [posting("a")])
        session.expire_all()
        rows = session.scalars(select(AlertSeen).where(AlertSeen.alert_id == alert.id)).all()
        recent = {row.job_id for row in rows if utc(row.last_seen_at) > utcnow() - timedelta(hours=1)}
        assert recent == {"a"} and len(rows) == 4  # b's keys keep their old date: retention may forget them


def test_a_rest_alerts_digest_reaches_its_webhook_signed_with_where_to_read_it(sessions, settings):
    """A REST caller's alert: each digest is a signed event at its webhook_url naming the digest, which
    GET /api/v1/discovery/{id} serves to the same key."""
    import json

    from delivery.digests import deliver_digests
    from delivery.signing import verify_signature
    from services.alerts import create_alert
    from services.ports import ApiRequester
    from tests.support.receivers import start_receiver

    receiver = start_receiver()
    allowed = settings.model_copy(update={"webhook_allow_http_hosts": "127.0.0.1",
                                          "public_base_url": "https://bot.example.com"})
    try:
        with sessions() as session:
            alert = create_alert(session=session, settings=allowed, query="data engineer", location="Hamburg",
                                 requester=ApiRequester("key-1", webhook_url=receiver.url + "/digests"))
            [run] = run_alerts(session, allowed, [posting("a"), posting("b", title="Analytics Engineer")])
            [digest] = digests(session, alert.id)
            assert digest.api_key_id == "key-1" and digest.chat_user_id is None
            assert deliver_digests(session, allowed, run.id) == 1
        [received] = receiver.requests
        verify_signature(allowed.resolved_api_webhook_secret(), received.headers, received.body)
        event = json.loads(received.body)
        assert (received.path, event["record_type"], event["job_search_id"], event["event"]) == (
            "/digests", "job_search", digest.id, "completed")
        assert event["result_url"] == f"https://bot.example.com/api/v1/discovery/{digest.id}"
        with sessions() as session:
            run_alerts(session, allowed, [posting("a"), posting("b", title="Analytics Engineer")])
            assert len(digests(session, alert.id)) == 1  # nothing new: no digest, no second event
        assert len(receiver.requests) == 1
    finally:
        receiver.stop()
