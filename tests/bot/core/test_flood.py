"""The flood gate on its own, in memory (the embedded broker's case): counts per person, told once a minute,
and an album larger than the minute's file allowance is taken once rather than refused for ever."""
from __future__ import annotations

from bot.core.flood import TOO_MANY_FILES, TOO_MANY_MESSAGES, FloodGate, limits_storage_uri
from config import Settings

LENA, OMAR = ("telegram", "", "1"), ("telegram", "", "2")


def gate(**limits) -> FloodGate:
    return FloodGate(Settings(_env_file=None, **limits))


async def test_beyond_the_limit_a_person_is_slowed_and_told_once_and_another_is_not():
    flood = gate(user_messages_per_minute=2)
    verdicts = [await flood.admit(LENA) for _ in range(6)]
    assert verdicts[:2] == [None, None]
    slowed = verdicts[2:]
    assert {v.message for v in slowed} == {TOO_MANY_MESSAGES}
    assert [v.tell for v in slowed] == [True, False, False, False]
    assert all(v.limit == 2 and 1 <= v.seconds <= 60 for v in slowed)
    assert await flood.admit(OMAR) is None


async def test_an_album_larger_than_the_file_allowance_is_taken_once_then_files_wait():
    flood = gate(user_files_per_minute=2)
    assert await flood.admit(LENA, files=5) is None
    refused = await flood.admit(LENA, files=1)
    assert refused.message == TOO_MANY_FILES and refused.tell
    assert await flood.admit(OMAR, files=2) is None


def test_counts_are_shared_through_a_redis_broker_and_kept_in_memory_otherwise():
    assert limits_storage_uri(Settings(_env_file=None), asynchronous=True) == "async+memory://"
    redis = Settings(_env_file=None, celery_broker_url="redis://10.0.0.5:6379/2")
    assert limits_storage_uri(redis, asynchronous=True) == "async+redis://10.0.0.5:6379/2"
    assert limits_storage_uri(redis, asynchronous=False) == "redis://10.0.0.5:6379/2"
    amqp = Settings(_env_file=None, celery_broker_url="amqp://guest@rabbit//")
    assert limits_storage_uri(amqp, asynchronous=True) == "async+memory://"
