"""Every board at once: a slow or failing board never fails or stalls the search."""
import threading
import time

from domain.errors import PermanentError, TransientError
from domain.jobs.fanout import fan_out
from domain.jobs.types import JobPosting


class Board:
    def __init__(self, name, postings=(), *, delay=0.0, error=None):
        self.name, self.label = name, name.title()
        self.postings, self.delay, self.error = list(postings), delay, error
        self.calls = []
        self.release = threading.Event()

    def search(self, query, location, num_results):
        self.calls.append((query, location, num_results))
        if self.delay:
            self.release.wait(self.delay)
        if self.error:
            raise self.error
        return self.postings


def jobs(prefix, n):
    return [JobPosting(job_id=f"{prefix}{i}", title=f"{prefix} job {i}", company_name=prefix) for i in range(n)]


def test_results_are_interleaved_board_by_board_and_every_board_gets_the_same_request():
    a, b = Board("a", jobs("a", 3)), Board("b", jobs("b", 1))
    found = fan_out([a, b], "nurse", "Berlin", 10, timeout=5)
    assert [p.job_id for p in found.postings] == ["a0", "b0", "a1", "a2"]
    assert a.calls == b.calls == [("nurse", "Berlin", 10)]
    assert [(x.name, x.count, x.error) for x in found.answers] == [("a", 3, None), ("b", 1, None)]


def test_a_board_returning_more_than_asked_is_cut():
    found = fan_out([Board("a", jobs("a", 50))], "x", None, 5, timeout=5)
    assert len(found.postings) == 5


def test_a_hanging_board_is_left_out_after_the_timeout_and_named():
    slow = Board("slow", jobs("s", 2), delay=30)
    fast = Board("fast", jobs("f", 2))
    started = time.monotonic()
    found = fan_out([slow, fast], "x", None, 10, timeout=0.5)
    elapsed = time.monotonic() - started
    slow.release.set()
    assert elapsed < 2  # bounded by the timeout, not by the slow board
    assert [p.job_id for p in found.postings] == ["f0", "f1"]
    assert found.failed[0].name == "slow" and "did not answer within 0.5 s" in found.failed[0].error
    assert found.failed[0].transient


def test_failures_are_kept_apart_by_kind():
    boards = [Board("auth", error=PermanentError("Auth refused our key.", code="search_auth")),
              Board("busy", error=TransientError("status 503")),
              Board("bug", error=KeyError("oops")),
              Board("ok", jobs("o", 1))]
    found = fan_out(boards, "x", None, 10, timeout=5)
    by_name = {a.name: a for a in found.answers}
    assert by_name["auth"].error == "Auth refused our key." and not by_name["auth"].transient
    assert by_name["busy"].error == "Busy is not answering right now" and by_name["busy"].transient
    assert by_name["bug"].error == "Bug failed unexpectedly"
    assert [p.job_id for p in found.postings] == ["o0"] and [a.name for a in found.answered] == ["ok"]


def test_no_boards_no_postings():
    found = fan_out([], "x", None, 10, timeout=1)
    assert found.postings == [] and found.answers == []


def test_a_board_whose_allowance_is_used_up_is_named_for_that_not_as_failing():
    from domain.jobs.rate_limit import RateLimited  # noqa: PLC0415

    found = fan_out([Board("jobicy", error=RateLimited("Rate limit 12/3600s reached", retry_after=900))], "x", None,
                    10, timeout=5)
    assert found.failed[0].error == "Jobicy was not asked: this bot has used up the requests its terms allow for now"
