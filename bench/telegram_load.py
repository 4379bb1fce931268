"""What the Telegram load benches share: the stack (stand-in Bot API, `job-agent serve` in webhook mode,
Celery workers) and the traffic (group chatter with unique update ids)."""
from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.support.services import fresh_postgres_database, redis_key_prefix
from tests.support.stack import Stack, running_stack, stack_env
from tests.support.telegram_standin import (
    TOKEN,
    TelegramStandIn,
    forum_chat,
    private_chat,
    text_update,
    user,
)

SECRET = "bench-telegram-secret"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


@contextlib.contextmanager
def telegram_stack(*, sqlite: bool = False, workers: int = 1, **overrides: str) -> Iterator[tuple[TelegramStandIn, Stack]]:
    """The stand-in Bot API and a running stack on PostgreSQL (or SQLite) and Redis with ``workers`` workers."""
    with contextlib.ExitStack() as things:
        api = things.enter_context(TelegramStandIn())
        database_url = None if sqlite else things.enter_context(fresh_postgres_database())
        prefix = things.enter_context(redis_key_prefix())
        data_dir = Path(things.enter_context(tempfile.TemporaryDirectory()))
        env = stack_env(data_dir, database_url=database_url, redis_prefix=prefix, TELEGRAM_BOT_TOKEN=TOKEN,
                        TELEGRAM_WEBHOOK_SECRET=SECRET, TELEGRAM_API_BASE_URL=api.root, LOG_LEVEL="WARNING",
                        TELEGRAM_MODE="webhook", **overrides)
        env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{env['API_PORT']}"
        stack = things.enter_context(running_stack(env, worker=False))
        for _ in range(workers):
            stack.start_worker()
        yield api, stack


def chatter(api: TelegramStandIn, *, help_every: int = 0) -> Callable[[int], bytes]:
    """``body(i)``: the JSON of a new group message from one of 5,000 members (a fresh update id each call);
    with ``help_every`` n, every n-th is /help in a private chat instead (the bot answers those)."""
    group = forum_chat(-100777)
    template = text_update(api, "anyone hiring in Berlin?", sender=user(100000, "U0"), chat=group)
    first = template["update_id"] * 1000  # clear of the ids the stand-in hands out
    counter = iter(range(10**9))

    def body(_index: int) -> bytes:
        n = next(counter)
        sender = user(100000 + n % 5000, f"U{n % 5000}")
        message = dict(template["message"], message_id=n + 1, text=f"anyone hiring in Berlin? #{n}", **{"from": sender})
        if help_every and n % help_every == 0:
            message.update(text="/help", chat=private_chat(sender["id"]),
                           entities=[{"offset": 0, "length": 5, "type": "bot_command"}])
        return json.dumps({"update_id": first + n, "message": message}).encode()

    return body


def inbound_counts(stack: Stack) -> tuple[int, int]:
    """(updates stored, of which handled) in serve's database."""
    from sqlalchemy import func, select

    from storage.models import InboundEvent

    with stack.session() as session:
        stored = session.scalar(select(func.count()).select_from(InboundEvent))
        handled = session.scalar(select(func.count()).select_from(InboundEvent).where(
            InboundEvent.processed_at.is_not(None)))
    return stored, handled
