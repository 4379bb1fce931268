"""On the embedded default there is no Celery beat: `job-agent serve` itself starts the due alerts."""
from __future__ import annotations

import pytest
from sqlalchemy import select, update

from config import Settings
from services.alerts import create_alert
from services.ports import ChatRequester, OriginRef, UserRef
from storage.models import Alert, JobSearch, utcnow
from tests.alerts.support import serp_job as job
from tests.support.local_chat import LocalChat
from tests.support.serpapi_standin import SerpApiStandIn
from tests.support.stack import running_stack, stack_env

pytestmark = pytest.mark.integration


def test_serve_runs_due_alerts_without_a_beat(data_dir):
    with SerpApiStandIn(jobs=[job(1), job(2)]) as board:
        env = stack_env(data_dir, database_url=None, redis_prefix=None, SERPAPI_API_KEY="test-key",
                        SERPAPI_BASE_URL=board.url, ALERTS_CHECK_SECONDS="1", ALERTS_QUIET_HOURS="")
        with running_stack(env, worker=False) as stack:
            chat = LocalChat(stack.base_url, stack.data_dir, chat="alerts")
            person = UserRef("local", "alerts", display_name="alerts")
            settings = Settings(_env_file=None, job_agent_data_dir=stack.data_dir, alerts_quiet_hours="")
            with stack.session() as session:
                alert = create_alert(session=session, settings=settings, query="data engineer", location="Hamburg",
                                     requester=ChatRequester(person, OriginRef("local", "alerts")))
                session.execute(update(Alert).where(Alert.id == alert.id).values(next_run_at=utcnow()))
                session.commit()
            digest_text = chat.wait_for_message("Data Engineer N2", timeout=90)  # the first run boots the worker
            assert "Data Engineer N1" in digest_text
            with stack.session() as session:
                [digest] = session.scalars(select(JobSearch).where(JobSearch.alert_id == alert.id)).all()
                assert {m["job"]["title"] for m in digest.matches} == {"Data Engineer N1", "Data Engineer N2"}
                assert session.get(Alert, alert.id).runs == 1
    assert len(board.requests) == 1
