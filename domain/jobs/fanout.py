"""Ask every selected job board at once; a slow or failing board never fails or stalls the search.

Each board runs in its own thread with the same deadline (``timeout`` seconds for its whole
search, all pages). Whatever has not answered by then is left out of this search and reported
as not answering; its thread is abandoned (its HTTP client's own timeout ends it soon after).
"""
from __future__ import annotations

import logging
import time
from concurrent.futures import ALL_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass
from typing import Protocol

from babel.lists import format_list

from domain.errors import OutOfArea, PermanentError, TransientError, Unreachable
from domain.jobs.rate_limit import RateLimited
from domain.jobs.types import JobPosting

logger = logging.getLogger(__name__)


class JobBoard(Protocol):
    """A job source with a name (``JOB_SOURCES``) and a label people read ("Arbeitnow")."""

    name: str
    label: str

    def search(self, query: str, location: str | None, num_results: int) -> list[JobPosting]: ...


@dataclass(frozen=True)
class BoardAnswer:
    """How one board did in one search: ``count`` postings, or ``error`` (a sentence for people),
    its ``kind`` (``FAILURE_KINDS``) and ``transient`` (a later try may work), or ``skipped`` (the
    place is outside its area: not asked). ``seconds``: time until it answered or was given up."""

    name: str
    label: str
    count: int = 0
    error: str | None = None
    transient: bool = False
    seconds: float = 0.0
    skipped: str | None = None
    kind: str | None = None
    retry_after: float | None = None  # seconds the board asked us to wait (its Retry-After), if it said

    @property
    def answered(self) -> bool:
        return self.error is None and self.skipped is None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class FanOut:
    """Postings from every board that answered, interleaved board by board (each board's best
    first), and one ``BoardAnswer`` per board in the order the boards were given."""

    postings: list[JobPosting]
    answers: list[BoardAnswer]

    @property
    def answered(self) -> list[BoardAnswer]:
        return [a for a in self.answers if a.answered]

    @property
    def failed(self) -> list[BoardAnswer]:
        return [a for a in self.answers if a.error is not None]


def fan_out(boards: list[JobBoard], query: str, location: str | None, num_results: int, *,
            timeout: float) -> FanOut:
    """Search ``boards`` concurrently, each for up to ``num_results`` postings within ``timeout`` seconds."""
    if not boards:
        return FanOut([], [])
    started = time.monotonic()
    pool = ThreadPoolExecutor(max_workers=len(boards), thread_name_prefix="job-board")
    futures: list[Future] = [pool.submit(_timed, board, query, location, num_results) for board in boards]
    try:
        wait(futures, timeout=timeout, return_when=ALL_COMPLETED)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # a hung board must not hold the search
    results: list[list[JobPosting]] = []
    answers: list[BoardAnswer] = []
    for board, future in zip(boards, futures):
        postings, answer = _collect(board, future, timeout, time.monotonic() - started)
        results.append(postings)
        answers.append(answer)
    for answer in answers:
        logger.info("board %s: %s", answer.name, f"{answer.count} postings in {answer.seconds:.2f}s"
                    if answer.answered else answer.error or answer.skipped)
    return FanOut(_interleave(results), answers)


def _timed(board: JobBoard, query: str, location: str | None, num_results: int) -> tuple[list[JobPosting], float]:
    started = time.monotonic()
    postings = board.search(query, location, num_results)
    return list(postings)[:num_results], time.monotonic() - started


# What went wrong, as the predicate of a sentence about the board ("Remotive could not be reached").
FAILURE_KINDS = {
    "unreachable": "could not be reached",
    "timeout": "did not answer within {timeout:g} s",
    "unavailable": "is not answering right now",
    "rate_limited": "was not asked: this bot has used up the requests its terms allow for now",
    "refused": "",  # the board's own sentence (PermanentError.user_message)
    "bug": "failed unexpectedly",
}


def _collect(board: JobBoard, future: Future, timeout: float, elapsed: float) -> tuple[list[JobPosting], BoardAnswer]:
    name, label = board.name, board.label

    def failed(kind: str, *, transient: bool = True, sentence: str | None = None,
               retry_after: float | None = None) -> tuple[list, BoardAnswer]:
        error = sentence or f"{label} {FAILURE_KINDS[kind].format(timeout=timeout)}"
        return [], BoardAnswer(name, label, error=error, transient=transient, seconds=elapsed, kind=kind,
                               retry_after=retry_after)

    if not future.done():
        future.cancel()
        return failed("timeout")
    try:
        postings, seconds = future.result()
    except OutOfArea as exc:
        return [], BoardAnswer(name, label, skipped=str(exc), seconds=elapsed)
    except PermanentError as exc:
        return failed("refused", transient=False, sentence=exc.user_message)
    except RateLimited as exc:
        return failed("rate_limited", retry_after=exc.retry_after)
    except Unreachable as exc:
        logger.warning("board %s: %s", name, exc)
        return failed("unreachable")
    except TransientError as exc:
        logger.warning("board %s: %s", name, exc)
        return failed("unavailable", retry_after=exc.retry_after)
    except Exception:  # a board's bug must not cost the person the other boards' jobs
        logger.exception("board %s failed unexpectedly", name)
        return failed("bug")
    return postings, BoardAnswer(name, label, count=len(postings), seconds=seconds)


def failure_summary(failed: list[BoardAnswer]) -> str:
    """The failed boards in one sentence, grouped by what went wrong: "Arbeitnow and Remotive could
    not be reached; Jobicy did not answer within 12 s" (boards' own refusals follow as written)."""
    groups: dict[str, list[str]] = {}
    sentences: list[str] = []
    for answer in failed:
        if answer.kind == "refused" or not answer.kind:
            sentences.append((answer.error or answer.label).rstrip("."))
        else:
            predicate = (answer.error or "").removeprefix(answer.label).strip()
            groups.setdefault(predicate, []).append(answer.label)
    parts = [f"{format_list(labels, locale='en')} {predicate}" for predicate, labels in groups.items()] + sentences
    return "; ".join(parts)


def _interleave(results: list[list[JobPosting]]) -> list[JobPosting]:
    """Round-robin: every board's first posting, then every board's second, ...; fair to each
    board's own ranking before place and freshness reorder the merged list."""
    merged: list[JobPosting] = []
    for rank in range(max((len(r) for r in results), default=0)):
        merged.extend(r[rank] for r in results if rank < len(r))
    return merged
