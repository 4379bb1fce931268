"""The outbox sender against a loopback bot: one client per process, and a sweep that delivers a backlog
(a morning's digests held through quiet hours) several rows at once, batch after batch."""
from __future__ import annotations

import multiprocessing
import threading
from http.server import BaseHTTPRequestHandler

import pytest
from sqlalchemy import func, select

from config import Settings
from delivery.sender import HOOK_PATH, bot_client, deliver_due, deliver_each
from storage.db import session_factory
from storage.migrate import upgrade_database
from storage.models import Notification, utcnow
from tests.support.http_server import StandInServer


class CountingBot:
    """Answers the completion hook after ``delay`` seconds, counting posts and the most at once."""

    def __init__(self, delay: float = 0.0):
        self.posts: list[str] = []
        self.in_flight = self.most_in_flight = 0
        self.lock = threading.Lock()
        self.release = threading.Event()
        bot = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with bot.lock:
                    bot.posts.append(self.path)
                    bot.in_flight += 1
                    bot.most_in_flight = max(bot.most_in_flight, bot.in_flight)
                bot.release.wait(delay)  # overlap is seen without depending on the machine's speed
                with bot.lock:
                    bot.in_flight -= 1
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args) -> None:
                pass

        self.server = StandInServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def bot():
    server = CountingBot(delay=0.3)
    yield server
    server.stop()


def due_rows(sessions, count: int) -> list[int]:
    with sessions() as session:
        rows = [Notification(record_type="job_search", record_id=f"digest-{n}", event="completed", target="bot",
                             next_attempt_at=utcnow()) for n in range(count)]
        session.add_all(rows)
        session.commit()
        return [row.id for row in rows]


def undelivered(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(Notification).where(Notification.delivered_at.is_(None)))


def settings_for(tmp_path, bot: CountingBot, database_url: str) -> Settings:
    return Settings(job_agent_data_dir=tmp_path, webhook_secret="s3cret", public_base_url=bot.url,
                    database_url=database_url)


def _child_has_its_own_client(inherited_id: int, answer) -> None:
    answer.send(id(bot_client()) != inherited_id and id(bot_client()) == id(bot_client()))


def test_one_client_per_process_for_posts_to_the_bot():
    parent = bot_client()
    assert bot_client() is parent
    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_child_has_its_own_client, args=(id(parent), sending))
    child.start()
    child.join(30)
    assert receiving.recv() is True  # a prefork child never shares its parent's sockets


@pytest.mark.postgres
def test_a_sweep_delivers_a_backlog_beyond_one_batch_several_at_once(tmp_path, postgres_url, bot):
    upgrade_database(postgres_url)
    sessions = session_factory(postgres_url)
    due_rows(sessions, 40)
    with sessions() as session:
        delivered = deliver_due(session, settings_for(tmp_path, bot, postgres_url), limit=10, threads=8)
    assert delivered == 40 and undelivered(sessions) == 0
    assert len(bot.posts) == 40 and set(bot.posts) == {HOOK_PATH}
    assert bot.most_in_flight > 1


@pytest.mark.postgres
def test_rows_delivered_meanwhile_are_not_posted_again(tmp_path, postgres_url, bot):
    upgrade_database(postgres_url)
    sessions = session_factory(postgres_url)
    ids = due_rows(sessions, 4)
    with sessions() as session:
        session.get(Notification, ids[0]).delivered_at = utcnow()  # another sender was quicker
        session.commit()
        assert deliver_each(session, ids, settings_for(tmp_path, bot, postgres_url)) == 3
    assert len(bot.posts) == 3


def test_on_sqlite_the_sweep_sends_one_at_a_time(tmp_path, bot):
    database_url = f"sqlite:///{tmp_path / 'outbox.sqlite3'}"
    upgrade_database(database_url)
    sessions = session_factory(database_url)
    due_rows(sessions, 5)
    with sessions() as session:
        assert deliver_due(session, settings_for(tmp_path, bot, database_url), limit=2) == 5
    assert undelivered(sessions) == 0 and bot.most_in_flight == 1


@pytest.mark.postgres
def test_a_row_being_posted_is_not_posted_again_by_another_sender(tmp_path, postgres_url, bot):
    """A worker and the sweeper both see a fresh digest due: only one posts it (the other used to get a 503)."""
    from delivery.sender import deliver

    upgrade_database(postgres_url)
    sessions = session_factory(postgres_url)
    [row_id] = due_rows(sessions, 1)
    settings = settings_for(tmp_path, bot, postgres_url)

    def send() -> None:
        with sessions() as session:
            deliver(session, session.get(Notification, row_id), settings)
            session.commit()

    senders = [threading.Thread(target=send) for _ in range(4)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert len(bot.posts) == 1 and undelivered(sessions) == 0
