"""Which job boards a search asks, built from the settings; quotas shared by every worker through Redis."""
from __future__ import annotations

import pytest

from pydantic import ValidationError

from config import Settings
from domain.errors import TransientError
from pipeline.wiring import BOARDS, job_boards_from
from tests.support.serpapi_standin import SerpApiStandIn
from tests.support.services import REDIS_URL

KEYLESS = ["arbeitnow", "remotive", "jobicy", "remoteok", "bundesagentur"]


def names(settings: Settings) -> list[str]:
    return [board.name for board in job_boards_from(settings)]


def test_by_default_every_keyless_board_and_those_whose_keys_are_set(tmp_path):
    assert names(Settings(job_agent_data_dir=tmp_path, job_sources="")) == KEYLESS
    keyed = Settings(job_agent_data_dir=tmp_path, job_sources="", serpapi_api_key="k", adzuna_app_id="id",
                     adzuna_app_key="key")
    assert names(keyed) == ["serpapi", "adzuna", *KEYLESS]
    half = Settings(job_agent_data_dir=tmp_path, job_sources="", adzuna_app_id="id")  # a key alone is not enough
    assert "adzuna" not in names(half)


def test_job_sources_picks_boards_in_its_order_and_offline_means_the_sample_alone(tmp_path):
    assert names(Settings(job_agent_data_dir=tmp_path, job_sources="Remotive, arbeitnow")) == ["remotive", "arbeitnow"]
    assert names(Settings(job_agent_data_dir=tmp_path, job_sources="offline")) == []


@pytest.mark.parametrize("settings, message", [
    ({"job_sources": "remotive,indeed"}, "unknown sources indeed; known: serpapi, adzuna"),
    ({"job_sources": "adzuna,remotive", "adzuna_app_id": None}, "adzuna needs ADZUNA_APP_ID and ADZUNA_APP_KEY"),
    ({"job_sources": "serpapi"}, "serpapi needs SERPAPI_API_KEY"),
    ({"remotive_base_url": "remotive.com"}, "not an http(s) URL with a host"),
    ({"jobicy_base_url": "ftp://mirror.example"}, "not an http(s) URL with a host"),
    ({"remotive_base_url": "https://remotive.com:abc"}, "not an http(s) URL with a host"),
    ({"remoteok_base_url": "http://a b"}, "not an http(s) URL with a host"),
    ({"job_source_timeout_seconds": 1e10}, "less than or equal to 600"),
])
def test_settings_a_board_cannot_run_with_fail_at_start_in_plain_words_and_hide_the_keys(tmp_path, settings, message):
    with pytest.raises(ValidationError) as refused:
        Settings(job_agent_data_dir=tmp_path, **{"adzuna_app_key": "very-secret-adzuna-key", **settings})
    assert message in str(refused.value) and "very-secret-adzuna-key" not in str(refused.value)


@pytest.mark.parametrize("name", [name for name in BOARDS if name != "serpapi"])
def test_every_board_takes_its_base_url_setting(tmp_path, name):
    settings = Settings(job_agent_data_dir=tmp_path, job_sources=name, adzuna_app_id="id", adzuna_app_key="key",
                        **{f"{name}_base_url": f"http://127.0.0.1:9/{name}-mirror"})
    [board] = job_boards_from(settings)
    assert any(f"{name}-mirror" in repr(value) for value in vars(board).values()), vars(board)


@pytest.mark.redis
def test_two_workers_share_one_serpapi_quota(tmp_path, redis_prefix):
    with SerpApiStandIn(pages=1, per_page=5) as serpapi:
        settings = Settings(job_agent_data_dir=tmp_path, job_sources="serpapi", serpapi_api_key="test-key",
                            serpapi_base_url=serpapi.url, serpapi_searches_per_minute=1, celery_broker_url=REDIS_URL,
                            celery_key_prefix=redis_prefix)
        [first_worker], [second_worker] = job_boards_from(settings), job_boards_from(settings)
        assert len(first_worker.search("python developer", "Berlin", 5)) == 5
        with pytest.raises(TransientError) as refused:
            second_worker.search("nurse", "Munich", 5)
        assert 50 < refused.value.retry_after <= 60
        assert len(serpapi.requests) == 1  # the refused search never reached SerpApi


@pytest.mark.redis
def test_a_boards_answers_are_shared_by_every_worker_through_the_cache_and_its_quota_too(tmp_path, redis_prefix):
    import redis  # noqa: PLC0415

    from tests.support.boards.remotive import RemotiveStandIn  # noqa: PLC0415

    with RemotiveStandIn() as remotive:
        settings = Settings(job_agent_data_dir=tmp_path, job_sources="remotive", remotive_base_url=remotive.url,
                            celery_broker_url=REDIS_URL, celery_key_prefix=redis_prefix)
        [first_worker], [second_worker] = job_boards_from(settings), job_boards_from(settings)
        assert first_worker.search("python developer", None, 10)
        assert second_worker.search("designer", None, 10) is not None
        assert len(remotive.requests) == 1  # Remotive asks for at most four requests a day: one list, shared
    client = redis.Redis.from_url(REDIS_URL)
    assert client.zcard(f"{redis_prefix}job-agent:board:remotive") == 1  # the request counted against its quota
    assert list(client.scan_iter(match=f"{redis_prefix}job-agent:board-cache:*"))
