"""Job boards over real HTTP: search latency under a hanging board, and dedup across boards.

    python -m bench.job_boards [--searches 10] [--timeouts 2,5] [--volume real|sample] [--only latency|dedup]
                               [--json]

Everything goes through the product's own wiring: ``pipeline.wiring.job_boards_from(Settings(...))``
builds each board with its ``<name>_base_url`` aimed at a loopback stand-in
(``tests/support/boards``), a Redis rate limiter and a Redis cache on the local Redis
(``TEST_REDIS_URL``, default ``redis://127.0.0.1:6379/0``), and ``domain.jobs.sources.search_jobs``
runs the search. Boards are built anew for every search, as ``pipeline.discovery`` does. Every
key prefix starts with this run's id and is deleted at the end.

1. Latency. The five keyless boards (arbeitnow, remotive, jobicy, remoteok, bundesagentur),
   serving listings of realistic size (``--volume real``: Arbeitnow 500 postings over five
   pages, Remotive's whole list of 1,500, Remote OK's feed of 100, Jobicy 200, Bundesagentur 300,
   each with a ~3.5 KB HTML description) or only the stand-ins' own samples (``--volume
   sample``). Ten searches (query and place varied), each *cold* (a new key prefix: empty cache,
   fresh rate limits) and then *warm* (the same search again on that prefix), for
   JOB_SOURCE_TIMEOUT_SECONDS of each ``--timeouts``, once with one board hanging (its stand-in
   stalls 120 s, far past the deadline; search ``i`` hangs board ``i mod 5``) and once with none.
   The wall time is that of ``search_jobs`` alone (building the boards is timed apart). Before
   the figures, one untimed search per process loads the gazetteer and the relevance index, as
   a worker's first search does. Hanging searches mostly wait out their deadline, so the longest
   deadline's hanging series runs as two halves in two spawned processes (each with its own
   stand-ins) while this process runs the shorter deadlines' and the dedup; the series without
   a hang run afterwards with nothing else of this run beside them. A *shared prefix* run makes
   fourteen different searches back to back on one prefix, as one deployment sees them within a
   minute, and counts the boards a rate limit took out (``domain.jobs.rate_limit`` logs each
   refusal). The stand-ins serve from threads of the searching process.

2. Dedup. A labelled corpus (``CORPUS``): 64 true jobs, each posted to one to three boards in
   that board's wire format (the stand-ins' entry builders where they export one, else the
   shape their ``sample_jobs`` writes), with the variants real boards produce: gender tags,
   legal suffixes, place spellings ("München", "Munich, Bavaria", "80331 München", "Muenchen"),
   case and punctuation, HTML entities in Jobicy titles and Adzuna's ``<strong>`` around the
   searched words (the Adzuna stand-in adds it), mis-decoded UTF-8 on Remote OK; and jobs that
   must stay apart: a similar job at the same company, the same title at another company, the
   same job in another city. All six boards (Adzuna with the stand-in's keys, country ``de``)
   are searched with one query per group of true jobs. Each board is wrapped to record the
   postings it returned (``postings in``); each merged job is traced back to its postings by
   their links. A *pair* is two postings of one true job; it is found when both end in one
   merged job. A wrong merge is two postings of different true jobs in one merged job.
   Every wrong and missed merge is printed with both postings and the part of the identity key
   (``domain.jobs.dedup.identity_keys``: title, company, place) on which they differ.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from itertools import combinations
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import redis

from bench.job_boards_corpus import (
    CORPUS,
    DEBATABLE,
    GROUPS,
    KEYLESS,
    NOW,
    build_corpus,
    listing,
)
from config import Settings
from domain.jobs.dedup import identity_keys
from domain.jobs.enrich import enrich
from domain.jobs.query import SearchRequest
from domain.jobs.sources import search_jobs
from domain.jobs.types import JobPosting
from pipeline.wiring import job_boards_from
from tests.support.boards import adzuna as adzuna_standin
from tests.support.boards import arbeitnow as arbeitnow_standin
from tests.support.boards import bundesagentur as bundesagentur_standin
from tests.support.boards import jobicy as jobicy_standin
from tests.support.boards import remoteok as remoteok_standin
from tests.support.boards import remotive as remotive_standin

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
STANDINS = {
    "arbeitnow": arbeitnow_standin.ArbeitnowStandIn, "remotive": remotive_standin.RemotiveStandIn,
    "jobicy": jobicy_standin.JobicyStandIn, "remoteok": remoteok_standin.RemoteOkStandIn,
    "bundesagentur": bundesagentur_standin.BundesagenturStandIn, "adzuna": adzuna_standin.AdzunaStandIn,
}
HANG_SECONDS = 120.0  # far past any deadline measured here
NUM_RESULTS = 30  # what a chat search asks for (services.searches.CHAT_RESULTS)
QUERIES = [
    ("python developer", "Berlin"), ("nurse", "München"), ("data analyst", "remote"),
    ("Pflegefachkraft", "Hamburg"), ("devops engineer", "Europe"), ("Buchhalter", "Köln"),
    ("frontend developer", "Munich"), ("customer support", "remote"), ("Elektriker", "Frankfurt am Main"),
    ("product manager", "Germany"),
]
# Four more for the shared-prefix run: 14 different searches cross Jobicy's 12 requests an hour.
MORE_QUERIES = [("java developer", "Berlin"), ("Erzieher", "Leipzig"), ("ux designer", "remote"),
                ("Lagerist", "Dortmund")]
VOLUMES = {"arbeitnow": 500, "remotive": 1500, "remoteok": 100, "jobicy": 200, "bundesagentur": 300}


# -- running searches ----------------------------------------------------------------------------

@contextlib.contextmanager
def stand_ins(jobs: dict[str, list[dict] | None]):
    """Started stand-ins, one per board in ``jobs`` (None: the stand-in's own sample)."""
    started = {}
    try:
        for name, entries in jobs.items():
            started[name] = STANDINS[name](jobs=entries, hang_seconds=HANG_SECONDS).start()
        yield started
    finally:
        for board in started.values():
            board.stop()


def settings_for(boards: dict, prefix: str, timeout: float, data_dir: str) -> Settings:
    keys = {}
    if "adzuna" in boards:
        keys = {"adzuna_app_id": adzuna_standin.APP_ID, "adzuna_app_key": adzuna_standin.APP_KEY,
                "adzuna_country": "de"}
    return Settings(job_agent_data_dir=data_dir, job_sources=",".join(boards), job_source_timeout_seconds=timeout,
                    celery_broker_url=REDIS_URL, celery_key_prefix=prefix,
                    **{f"{name}_base_url": board.url for name, board in boards.items()}, **keys)


class RateLimitRefusals(logging.Handler):
    """Counts ``domain.jobs.rate_limit`` refusals by limiter key (its "rate limit ... full" record)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.keys: Counter = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("rate limit "):
            self.keys[record.args[0].rsplit(":", 1)[-1]] += 1


def quiet_logs() -> RateLimitRefusals:
    """Boards log every skipped sample entry; only rate-limit refusals and real errors matter here."""
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("domain").setLevel(logging.ERROR)
    limits = logging.getLogger("domain.jobs.rate_limit")
    limits.setLevel(logging.INFO)
    refusals = RateLimitRefusals()
    limits.addHandler(refusals)
    limits.propagate = False
    return refusals


def timed_search(boards: dict, prefix: str, timeout: float, data_dir: str, query: str, location: str | None,
                 *, wrap=None, num_results: int = NUM_RESULTS, built_in: list | None = None):
    """(seconds of ``search_jobs``, its result): boards built by the product's wiring, as for each
    search in production, closed afterwards. ``built_in`` receives the seconds the building took."""
    started = time.perf_counter()
    built = job_boards_from(settings_for(boards, prefix, timeout, data_dir))
    if built_in is not None:
        built_in.append(time.perf_counter() - started)
    if wrap is not None:
        built = [wrap(board) for board in built]
    try:
        started = time.perf_counter()
        result = search_jobs(built, SearchRequest(query=query, location=location), num_results, timeout=timeout)
        return time.perf_counter() - started, result
    finally:
        for board in built:
            close = getattr(getattr(board, "_http", None), "close", None)
            if close:
                close()


def delete_keys(run_id: str) -> int:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        keys = list(client.scan_iter(match=f"{run_id}*", count=1000))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start:start + 500])
        return len(keys)
    finally:
        client.close()


def _missing(result, hung: str | None) -> list[str]:
    """Boards that did not answer, other than the one made to hang, with their message."""
    return [f"{a.name}: {a.error}" for a in result.boards if a.error is not None and a.name != hung]


def latency_series(timeout: float, hang: bool, indices: list[int], volume: str, run_id: str) -> dict:
    """Cold then warm wall times of the searches ``QUERIES[i]`` for ``i`` in ``indices`` (module
    docstring, part 1); with ``hang``, search ``i`` hangs board ``KEYLESS[i mod 5]``."""
    refusals = quiet_logs()
    jobs = {name: (listing(name, VOLUMES[name]) if volume == "real" else None) for name in KEYLESS}
    series = {"timeout": timeout, "hang": hang, "cold": [], "warm": [], "missing": [], "hung_answered": [],
              "refused": {}, "first_search": [], "first_missing": [], "build": [],
              "board_seconds": {"cold": {}, "warm": {}}}
    with tempfile.TemporaryDirectory() as data_dir, stand_ins(jobs) as boards:
        first, result = timed_search(boards, f"{run_id}-first-{uuid.uuid4().hex[:6]}:", timeout, data_dir,
                                     "python developer", "Berlin")
        series["first_search"].append(first)
        series["first_missing"] += [f"first search in the process: {m}" for m in _missing(result, None)]
        for index in indices:
            query, location = QUERIES[index % len(QUERIES)]
            hung = KEYLESS[index % len(KEYLESS)] if hang else None
            for board in boards.values():
                board.hang = board is boards.get(hung)
            prefix = f"{run_id}-t{timeout:g}-{'hang' if hang else 'ok'}-{index}:"
            for kind in ("cold", "warm"):
                seconds, result = timed_search(boards, prefix, timeout, data_dir, query, location,
                                               built_in=series["build"])
                series[kind].append(seconds)
                series["missing"] += [f"{kind} '{query}' in {location}: {m}" for m in _missing(result, hung)]
                if hung and any(a.name == hung and a.answered for a in result.boards):
                    series["hung_answered"].append(f"{kind} '{query}': {hung}")
                for answer in result.boards:
                    if answer.answered:
                        series["board_seconds"][kind].setdefault(answer.name, []).append(answer.seconds)
        for board in boards.values():
            board.hang = False
    series["refused"] = dict(refusals.keys)
    return series


def combine(parts: list[dict]) -> dict:
    """One series from the same series run in several processes."""
    whole = {**parts[0], "refused": Counter()}
    for key in ("cold", "warm", "missing", "hung_answered", "first_search", "first_missing", "build"):
        whole[key] = [value for part in parts for value in part[key]]
    whole["board_seconds"] = {kind: defaultdict(list) for kind in ("cold", "warm")}
    for part in parts:
        whole["refused"].update(part["refused"])
        for kind, boards in part["board_seconds"].items():
            for name, values in boards.items():
                whole["board_seconds"][kind][name] += values
    return whole


def shared_prefix_series(searches: int, volume: str, run_id: str, timeout: float) -> dict:
    """``searches`` different searches back to back on one key prefix, as one deployment sees
    them within a minute (``QUERIES``, then ``MORE_QUERIES``)."""
    refusals = quiet_logs()
    jobs = {name: (listing(name, VOLUMES[name]) if volume == "real" else None) for name in KEYLESS}
    series = {"timeout": timeout, "seconds": [], "missing": [], "refused": {}}
    with tempfile.TemporaryDirectory() as data_dir, stand_ins(jobs) as boards:
        queries = QUERIES + MORE_QUERIES
        for index in range(searches):
            query, location = queries[index % len(queries)]
            seconds, result = timed_search(boards, f"{run_id}-shared:", timeout, data_dir, query, location)
            series["seconds"].append(seconds)
            series["missing"] += [f"'{query}' in {location}: {m}" for m in _missing(result, None)]
        series["requests"] = {name: len(board.requests) for name, board in boards.items()}
    series["refused"] = dict(refusals.keys)
    return series


class Recording:
    """A board that remembers the postings it returned (what dedup was given)."""

    def __init__(self, board, sink: list[JobPosting]):
        self._board, self._sink = board, sink
        self.name, self.label = board.name, board.label
        self._http = getattr(board, "_http", None)

    def search(self, query, location, num_results):
        found = self._board.search(query, location, num_results)
        self._sink.extend(found)
        return found


def _links(job: JobPosting) -> set[str]:
    return {job.apply_link} | {o.get("link") for o in job.apply_options if isinstance(o, dict)}


def _key_parts(posting: JobPosting) -> tuple | None:
    found = [k for k in identity_keys(enrich(posting, now=NOW)) if k[0] == "tcl"]
    return found[0][1:] if found else None


def _differs(a: JobPosting, b: JobPosting) -> str:
    """Which identity-key parts tell two postings apart (or that they agree)."""
    ka, kb = _key_parts(a), _key_parts(b)
    if ka is None or kb is None:
        return "no title+company key"
    parts = [f"{name} {x!r} ≠ {y!r}" for name, x, y in zip(("title", "company", "place"), ka, kb) if x != y]
    return "; ".join(parts) or f"same key {ka!r}"


def dedup_run(run_id: str) -> dict:
    """Serve the corpus from all six stand-ins, search each group, score merges (module docstring, part 2)."""
    quiet_logs()
    entries, corpus = build_corpus()
    outcome = {"searches": [], "wrong": [], "missed": [], "not_returned": [], "leaked": []}
    merged_pairs: set[frozenset] = set()
    wrong_pairs: dict[frozenset, str] = {}
    returned: dict[str, JobPosting] = {}
    output_jobs = 0
    true_pairs_seen: set[frozenset] = set()
    with tempfile.TemporaryDirectory() as data_dir, stand_ins(entries) as boards:
        for group in GROUPS:
            given: list[JobPosting] = []
            seconds, result = timed_search(boards, f"{run_id}-dedup:", 10, data_dir, group, None,
                                           wrap=lambda board, sink=given: Recording(board, sink), num_results=100)
            failed = [f"{a.name}: {a.error or a.skipped}" for a in result.boards if not a.answered]
            by_link = {p.apply_link: p for p in given}
            job_of: dict[str, int] = {}
            for index, job in enumerate(result.jobs):
                for link in _links(job):
                    if link in by_link:
                        job_of[by_link[link].job_id] = index
            untraced = [p.job_id for p in given if p.job_id not in job_of]
            outcome["searches"].append({"query": group, "postings": len(given), "jobs": len(result.jobs),
                                        "seconds": round(seconds, 3), "failed": failed, "untraced": untraced})
            output_jobs += len(result.jobs)
            for posting in given:
                label = corpus.get(posting.job_id)
                if label is None:
                    continue
                label.seen.append(group)
                if label.job.group != group:
                    outcome["leaked"].append(f"{posting.job_id} ({label.job.key}) also returned for '{group}'")
                returned.setdefault(posting.job_id, posting)
            ids = [p.job_id for p in given if p.job_id in corpus and p.job_id in job_of]
            for a, b in combinations(sorted(set(ids)), 2):
                pair = frozenset((a, b))
                together = job_of[a] == job_of[b]
                same = corpus[a].job.key == corpus[b].job.key
                if same and corpus[a].job.group == group:
                    true_pairs_seen.add(pair)
                    if together:
                        merged_pairs.add(pair)
                elif not same and together:
                    wrong_pairs[pair] = group
    for label in corpus.values():
        if not label.seen:
            outcome["not_returned"].append(f"{label.board} {label.title!r} / {label.company!r} / {label.place!r} "
                                           f"({label.job.key}) not returned for '{label.job.group}'")

    def show(job_id: str) -> str:
        label, posting = corpus[job_id], returned[job_id]
        return f"{label.board}: {posting.title!r} / {posting.company_name!r} / {posting.location!r}"

    for pair in sorted(true_pairs_seen - merged_pairs, key=sorted):
        a, b = sorted(pair)
        outcome["missed"].append({"job": corpus[a].job.key, "note": corpus[a].job.note, "a": show(a), "b": show(b),
                                  "why": _differs(returned[a], returned[b])})
    for pair, group in sorted(wrong_pairs.items(), key=lambda item: sorted(item[0])):
        a, b = sorted(pair)
        notes = " | ".join(dict.fromkeys(n for n in (corpus[a].job.note, corpus[b].job.note) if n))
        outcome["wrong"].append({"jobs": " + ".join(sorted({corpus[a].job.key, corpus[b].job.key})), "note": notes,
                                 "a": show(a), "b": show(b), "why": _differs(returned[a], returned[b])})
    true_jobs = {corpus[i].job.key for i in returned}
    outcome["summary"] = _scores(len(CORPUS), len(corpus), len(returned), output_jobs, len(true_jobs),
                                 true_pairs_seen, merged_pairs, set(wrong_pairs))
    clear = [pair for pair in wrong_pairs if not {corpus[i].job.key for i in pair} & DEBATABLE]
    outcome["summary_clear"] = _scores(len(CORPUS), len(corpus), len(returned), output_jobs, len(true_jobs),
                                       true_pairs_seen, merged_pairs, set(clear))
    return outcome


def _scores(true_jobs: int, postings: int, postings_in: int, jobs_out: int, distinct: int, pairs: set,
            merged: set, wrong: set) -> dict:
    return {"true_jobs_in_corpus": true_jobs, "postings_in_corpus": postings, "postings_in": postings_in,
            "jobs_out": jobs_out, "true_distinct_jobs": distinct, "duplicate_pairs": len(pairs),
            "pairs_merged": len(merged), "wrong_merges": len(wrong),
            "precision": len(merged) / (len(merged) + len(wrong)) if merged or wrong else 1.0,
            "recall": len(merged) / len(pairs) if pairs else 1.0}


# -- report --------------------------------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    """Nearest rank: with 10 values p95 is the largest."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _ms(values: list[float]) -> str:
    return " | ".join(f"{percentile(values, q) * 1000:,.0f}" for q in (0.5, 0.95)) + f" | {max(values) * 1000:,.0f}"


def print_latency(series: list[dict], shared: dict | None) -> None:
    print("\n## Latency: five boards through the wiring, search_jobs wall time in ms\n")
    print("| board hanging | deadline | searches | cold p50 | cold p95 | cold max | warm p50 | warm p95 | warm max |"
          " other boards left out |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in sorted(series, key=lambda s: (s["hang"], s["timeout"])):
        print(f"| {'one, in turn' if s['hang'] else 'none'} | {s['timeout']:g} s | {len(s['cold'])} | "
              f"{_ms(s['cold'])} | {_ms(s['warm'])} | "
              f"{len(s['missing'])} of {(4 if s['hang'] else 5) * 2 * len(s['cold'])} |")
    print()
    for s in sorted(series, key=lambda s: (s["hang"], s["timeout"])):
        worst = max(s["cold"] + s["warm"])
        print(f"- {'hang' if s['hang'] else 'no hang'}, deadline {s['timeout']:g} s: slowest search "
              f"{worst * 1000:,.0f} ms ({(worst - s['timeout']) * 1000:+,.0f} ms against the deadline); first search "
              f"in a process {', '.join(f'{v * 1000:,.0f}' for v in s['first_search'])} ms; building the boards "
              f"p50 {percentile(s['build'], 0.5) * 1000:,.0f} ms; rate-limit refusals {dict(s['refused']) or 0}")
        answered = [f"the hanging board answered: {h}" for h in s["hung_answered"]]
        for line in s["first_missing"] + s["missing"] + answered:
            print(f"    - {line}")
    quiet = [s for s in series if not s["hang"]]
    if quiet:
        print("\nPer board, no board hanging, seconds until each answered (p50 / max, ms):\n")
        print("| board | " + " | ".join(f"cold, {s['timeout']:g} s | warm, {s['timeout']:g} s" for s in quiet) + " |")
        print("|---|" + "---|---|" * len(quiet))
        for name in KEYLESS:
            cells = []
            for s in quiet:
                for kind in ("cold", "warm"):
                    values = s["board_seconds"][kind].get(name) or [float("nan")]
                    cells.append(f"{percentile(values, 0.5) * 1000:,.0f} / {max(values) * 1000:,.0f}")
            print(f"| {name} | " + " | ".join(cells) + " |")
    if shared:
        print(f"\nShared prefix, {len(shared['seconds'])} different searches back to back, deadline "
              f"{shared['timeout']:g} s: p50 / p95 / max {_ms(shared['seconds']).replace(' |', ' /')} ms; "
              "requests each "
              f"stand-in received {shared['requests']}; rate-limit refusals {shared['refused'] or 0}; boards left out "
              f"{len(shared['missing'])}")
        for line in shared["missing"]:
            print(f"    - {line}")


def print_dedup(outcome: dict) -> None:
    print("\n## Dedup across six boards\n")
    print("| labels | true jobs (corpus) | postings (corpus) | postings in | jobs out | true distinct jobs |"
          " duplicate pairs | pairs merged | wrong merges | precision | recall |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for label, s in (("as labelled", outcome["summary"]),
                     (f"without the debatable {', '.join(sorted(DEBATABLE))}", outcome["summary_clear"])):
        print(f"| {label} | {s['true_jobs_in_corpus']} | {s['postings_in_corpus']} | {s['postings_in']} | "
              f"{s['jobs_out']} | {s['true_distinct_jobs']} | {s['duplicate_pairs']} | {s['pairs_merged']} | "
              f"{s['wrong_merges']} | {s['precision']:.3f} | {s['recall']:.3f} |")
    print("\nPer query (postings in → jobs out): " + "; ".join(
        f"'{q['query']}' {q['postings']} → {q['jobs']} in {q['seconds'] * 1000:.0f} ms"
        + (f" (failed: {q['failed']})" if q["failed"] else "")
        + (f" (untraced: {q['untraced']})" if q["untraced"] else "")
        for q in outcome["searches"]))
    for title, rows in (("Wrong merges", outcome["wrong"]), ("Missed merges", outcome["missed"])):
        print(f"\n### {title} ({len(rows)} pairs)\n")
        for row in rows:
            print(f"- {row.get('job') or row.get('jobs')} [{row['note']}]: {row['why']}\n"
                  f"    {row['a']}\n    {row['b']}")
    for title, rows in (("Not returned by their board", outcome["not_returned"]),
                        ("Returned for another group's query", outcome["leaked"])):
        if rows:
            print(f"\n### {title} ({len(rows)})\n")
            for row in rows:
                print(f"- {row}")


def _load(values: tuple[float, float, float]) -> str:
    return " / ".join(f"{v:.1f}" for v in values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--searches", type=int, default=10)
    parser.add_argument("--timeouts", default="2,5", help="JOB_SOURCE_TIMEOUT_SECONDS values, comma-separated")
    parser.add_argument("--volume", choices=("real", "sample"), default="real")
    parser.add_argument("--only", choices=("latency", "dedup"))
    parser.add_argument("--json", action="store_true", help="also print the raw figures as JSON")
    args = parser.parse_args(argv)
    timeouts = sorted(float(t) for t in args.timeouts.split(","))
    run_id = f"bench-jb-{uuid.uuid4().hex[:10]}"
    quiet_logs()
    started = time.perf_counter()
    figures: dict = {"run_id": run_id, "started": NOW.isoformat(), "cpus": os.cpu_count(),
                     "load_before": os.getloadavg()}
    indices = list(range(args.searches))
    try:
        if args.only != "dedup":
            series = []
            # Hanging searches mostly wait out their deadline. The longest deadline's series runs
            # as two halves in two spawned processes (their own stand-ins) while this process runs
            # the shorter deadlines' and the dedup; the series without a hang follow on a quiet machine.
            halves = [indices[:len(indices) // 2], indices[len(indices) // 2:]]
            with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
                longest = [pool.submit(latency_series, timeouts[-1], True, half, args.volume, run_id)
                           for half in halves if half]
                for timeout in timeouts[:-1]:
                    series.append(latency_series(timeout, True, indices, args.volume, run_id))
                if args.only is None:
                    figures["dedup"] = dedup_run(run_id)
                series.append(combine([future.result() for future in longest]))
            for timeout in timeouts:
                series.append(latency_series(timeout, False, indices, args.volume, run_id))
            shared = shared_prefix_series(args.searches + len(MORE_QUERIES), args.volume, run_id, timeouts[-1])
            figures.update(latency=series, shared=shared)
            print_latency(series, shared)
        if args.only == "dedup":
            figures["dedup"] = dedup_run(run_id)
        if "dedup" in figures:
            print_dedup(figures["dedup"])
    finally:
        removed = delete_keys(run_id)
    figures["seconds"] = time.perf_counter() - started
    figures["load_after"] = os.getloadavg()
    print(f"\nWhole run {figures['seconds']:.0f} s on {os.cpu_count()} CPUs; load average (1, 5, 15 min) "
          f"before {_load(figures['load_before'])}, after {_load(figures['load_after'])}; "
          f"{removed} Redis keys of {run_id} removed.")
    if args.json:
        print(json.dumps(figures, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
