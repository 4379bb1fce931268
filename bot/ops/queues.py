"""Queue lengths straight from the broker: Redis LLEN over kombu's priority sub-queues."""
from __future__ import annotations

import logging

from celery import Celery

logger = logging.getLogger(__name__)


def queue_key(queue: str, priority: int, separator: str) -> str:
    """kombu's Redis naming: the plain name for priority 0, ``name + sep + step`` for the others."""
    return f"{queue}{separator}{priority}" if priority else queue


def queue_lengths(app: Celery, queues: tuple[str, ...]) -> dict[str, int | None]:
    """Messages waiting per queue (None when the broker cannot be asked).

    The channel's client applies ``global_keyprefix`` itself, and the same code serves
    ``redis://`` and the embedded ``redis+socket://`` broker.
    """
    try:
        with app.connection_for_read() as connection:
            # Fail fast: a scrape or /admin/stats must not hang while the broker is down.
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=2)
            channel = connection.default_channel
            client = channel.client
            steps = getattr(channel, "priority_steps", [0])
            separator = getattr(channel, "sep", "\x06\x16")
            return {queue: sum(int(client.llen(queue_key(queue, step, separator)) or 0) for step in steps)
                    for queue in queues}
    except Exception as exc:
        logger.warning("could not read queue lengths: %s", exc)
        return {queue: None for queue in queues}
