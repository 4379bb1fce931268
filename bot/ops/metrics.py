"""Prometheus metrics of the serve process.

Request latency and chat notification counters live in this process; record, queue and
outbox gauges are read from the database and the broker at scrape time, so they are right
whatever number of workers (or bot replicas) run.
"""
from __future__ import annotations

import logging

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy.orm import Session, sessionmaker

from bot.ops.queues import queue_lengths
from bot.ops.stats import STATUSES, counts_by_status, oldest_pending_seconds, outbox_backlog

logger = logging.getLogger(__name__)
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


class StateCollector:
    """Gauges computed on every scrape: records by type and status, queue lengths, outbox backlog."""

    def __init__(self, sessions: sessionmaker[Session], celery_app, queues: tuple[str, ...]):
        self.sessions = sessions
        self.celery_app = celery_app
        self.queues = queues

    def collect(self):
        yield from self._database_gauges()
        lengths = GaugeMetricFamily("job_agent_queue_length", "Messages waiting in a Celery queue", labels=["queue"])
        for queue, length in queue_lengths(self.celery_app, self.queues).items():
            if length is not None:
                lengths.add_metric([queue], length)
        yield lengths

    def _database_gauges(self):
        try:
            with self.sessions() as session:
                counts, backlog, oldest = counts_by_status(session), outbox_backlog(session), oldest_pending_seconds(session)
        except Exception as exc:
            logger.warning("metrics: database not readable: %s", exc)
            return
        records = GaugeMetricFamily("job_agent_records", "Pipeline records by type and status", labels=["type", "status"])
        for record_type, by_status in counts.items():
            for status in STATUSES:
                records.add_metric([record_type, status], by_status[status])
        yield records
        yield GaugeMetricFamily("job_agent_outbox_backlog", "Notifications not yet delivered", value=backlog)
        yield GaugeMetricFamily("job_agent_oldest_pending_seconds", "Age of the oldest pending record",
                                value=oldest or 0)


class Metrics:
    """One registry per app, so several apps (tests) never clash over global metric names."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.request_latency = Histogram(
            "job_agent_http_request_duration_seconds", "HTTP request latency by route template and status",
            ["method", "route", "status"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.notifications_sent = Counter(
            "job_agent_notifications_sent", "Outcomes delivered to a chat by this bot process",
            registry=self.registry)
        self.notifications_failed = Counter(
            "job_agent_notifications_failed", "Outcomes this bot process could not deliver to the chat (retried)",
            registry=self.registry)

    def watch_state(self, sessions: sessionmaker[Session], celery_app, queues: tuple[str, ...]) -> None:
        self.registry.register(StateCollector(sessions, celery_app, queues))
