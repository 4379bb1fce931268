"""The discovery task's job source: the SerpApi quota is shared by every worker through Redis."""
from __future__ import annotations

import pytest

from config import Settings
from domain.errors import TransientError
from domain.jobs.offline_source import OfflineJobSource
from pipeline.wiring import job_source_from
from tests.support.serpapi_standin import SerpApiStandIn
from tests.support.services import REDIS_URL


def test_without_a_key_the_offline_source_is_used(tmp_path):
    assert isinstance(job_source_from(Settings(job_agent_data_dir=tmp_path)), OfflineJobSource)


@pytest.mark.redis
def test_two_workers_share_one_serpapi_quota(tmp_path, redis_prefix):
    with SerpApiStandIn(pages=1, per_page=5) as serpapi:
        settings = Settings(job_agent_data_dir=tmp_path, serpapi_api_key="test-key", serpapi_base_url=serpapi.url,
                            serpapi_searches_per_minute=1, celery_broker_url=REDIS_URL, celery_key_prefix=redis_prefix)
        first_worker, second_worker = job_source_from(settings), job_source_from(settings)
        assert len(first_worker.search("python developer", "Berlin", 5)) == 5
        with pytest.raises(TransientError) as refused:
            second_worker.search("nurse", "Munich", 5)
        assert 50 < refused.value.retry_after <= 60
        assert len(serpapi.requests) == 1  # the refused search never reached SerpApi
