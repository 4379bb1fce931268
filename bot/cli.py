"""The `job-agent` command: serve, worker, chat, migrate, retry, alerts run-now."""
from __future__ import annotations

import os
import sys

import click
from pydantic import ValidationError

from config import get_settings


def _configure_logging() -> None:
    from config.logs import configure_logging

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)


@click.group()
def main() -> None:
    """job-agent: a chat-first job-search assistant."""
    try:
        get_settings()
    except ValidationError as exc:  # a typo in the environment: say which setting, not a traceback
        raise click.ClickException(settings_problems(exc)) from None


def settings_problems(exc: ValidationError) -> str:
    """"The configuration cannot be used:" and one line per problem, named by its environment variable."""
    lines = []
    for error in exc.errors():
        name = "_".join(str(part) for part in error["loc"]).upper() or "JOB_SOURCES"
        lines.append(f"  {name}: {error['msg'].removeprefix('Value error, ')}")
    return "The configuration cannot be used:\n" + "\n".join(lines)


# The Rust core of ``cryptography``, which python-telegram-bot imports at start-up only for Telegram Passport.
PASSPORT_CRYPTO = "cryptography.hazmat.bindings._rust"


def _leave_out_telegram_passport() -> None:
    """Keep ``cryptography``'s Rust core out of the bot process (about 7.5 MB of its 150 MB budget).

    This bot never asks for Telegram Passport data, the one thing python-telegram-bot needs it for (without it
    PTB marks Passport unavailable); redis only checks that the package is installed. A ``None`` in
    ``sys.modules`` makes that import fail as if it were absent (the import system's documented rule). Workers
    are separate interpreters and keep it for encrypted PDFs.
    """
    sys.modules.setdefault(PASSPORT_CRYPTO, None)


@main.command()
def serve() -> None:
    """Run the bot process (ASGI app under uvicorn); embedded Redis and worker when unconfigured."""
    _leave_out_telegram_passport()
    import uvicorn

    from bot.app import create_app

    _configure_logging()
    settings = get_settings()
    # log_config=None: uvicorn's own lines go through our context-aware root handler too. One access line
    # per request only at DEBUG: a busy Telegram webhook would write thousands a second, and /metrics
    # already counts and times every request by route and status. A web chat tab holds its event stream open
    # for minutes and a stop would wait for it: after 5 s the streams are cut (the page reconnects and the
    # messages it missed are replayed from the database).
    uvicorn.run(create_app(settings), host=settings.api_host, port=settings.api_port, log_config=None,
                access_log=settings.log_level.upper() == "DEBUG", timeout_graceful_shutdown=5)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--concurrency", "-c", type=int, default=None, help="worker processes")
@click.pass_context
def worker(ctx: click.Context, concurrency: int | None) -> None:
    """Run a Celery worker on the four queues (extra arguments go to celery)."""
    from bot.embedded import worker_command

    command = worker_command(get_settings(), concurrency=concurrency or os.cpu_count(), name="worker") + list(ctx.args)
    os.execv(sys.executable, command)


@main.command()
def chat() -> None:
    """Chat with the bot in this terminal (starts an embedded server if none is running)."""
    from bot.local.client import run_chat
    from config.logs import configure_logging

    # Only warnings in the person's terminal, through the same redaction as every other process.
    configure_logging("WARNING", "text")
    run_chat(get_settings())


@main.command()
def migrate() -> None:
    """Apply database migrations."""
    from storage.migrate import upgrade_database

    _configure_logging()
    settings = get_settings()
    settings.ensure_dirs()
    upgrade_database(settings.resolved_database_url)
    click.echo("database is up to date")


@main.command()
@click.argument("record_id")
def retry(record_id: str) -> None:
    """Reset a failed record (any type) and queue its task again."""
    from bot.ops.retry import RetryRefused, retry_record
    from storage.db import session_factory

    _configure_logging()
    settings = get_settings()
    with session_factory(settings.resolved_database_url)() as session:
        try:
            record, queued = retry_record(session, record_id)
        except RetryRefused as exc:
            raise click.ClickException(str(exc)) from None
    if queued:
        click.echo(f"{record.record_type} {record.id} queued again (task {record.celery_task_id})")
    else:
        click.echo(f"{record.record_type} {record.id} reset; the broker is down, the sweeper will queue it")


@main.group()
def alerts() -> None:
    """Saved-search alerts (Celery beat runs the due ones every ALERTS_CHECK_SECONDS)."""


@alerts.command("run-now")
def alerts_run_now() -> None:
    """Run every active alert now, whatever its time (its next run stays at its usual time)."""
    from services.alert_runs import start_due_alerts
    from storage.db import session_factory
    from storage.models import utcnow
    from tasks.dispatch import task_queue

    _configure_logging()
    settings = get_settings()
    started, runs = utcnow(), []
    with session_factory(settings.resolved_database_url)() as session:
        # One claim takes at most storage.alerts.CLAIM_BATCH alerts; the same ``now`` takes each once.
        while batch := start_due_alerts(session, settings, task_queue, started, all_active=True):
            runs += batch
    count = sum(len(run.alert_ids) for run in runs)
    click.echo(f"started {count} alert{'s' * (count != 1)} in {len(runs)} search{'es' * (len(runs) != 1)}"
               + (" (a worker runs them; digests go out past each owner's quiet hours)" if runs else ""))


if __name__ == "__main__":
    main()
