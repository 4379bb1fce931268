"""The shared board client against hostile and broken answers: bounded in size and time, on its own host."""
import gzip
import logging
import threading
import time

import pytest

from config.logs import configure_logging
from domain.errors import PermanentError, TransientError
from domain.jobs.boards.http import BoardHttp
from tests.support.board_standin import BoardStandIn
from tests.support.boards.memory import MemoryCache


class Board(BoardStandIn):
    """Answers whatever the test sets in ``reply``: (status, headers, body)."""

    def __init__(self, reply=(200, {}, {"jobs": []})):
        super().__init__()
        self.reply = reply

    def answer(self, path, params, headers):
        return self.reply


def test_an_answer_above_the_size_cap_is_refused_and_so_is_a_gzip_bomb():
    with Board((200, {}, b'{"jobs": "' + b"x" * 3_000_000 + b'"}')) as board:
        with pytest.raises(TransientError, match="more than 2 MB"):
            BoardHttp("Big", board.url, max_bytes=2_000_000).get_json("/")
        bomb = gzip.compress(b"[" + b" " * 50_000_000 + b"]")  # 50 KB on the wire, 50 MB unpacked
        board.reply = (200, {"Content-Encoding": "gzip", "Content-Type": "application/json"}, bomb)
        with pytest.raises(TransientError, match="more than 2 MB"):
            BoardHttp("Bomb", board.url, max_bytes=2_000_000).get_json("/")


class Trickle(BoardStandIn):
    """Sends a valid start, then one byte a second for ever (each read is within any read timeout)."""

    def start(self):
        import socket  # noqa: PLC0415

        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _serve(self):
        connection, _ = self._listener.accept()
        connection.recv(65536)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[")
        try:
            for _ in range(60):
                time.sleep(0.5)
                connection.sendall(b" ")
        except OSError:
            pass

    def stop(self):
        self._listener.close()


def test_a_board_trickling_its_answer_is_cut_off_at_the_deadline():
    with Trickle() as board:
        started = time.monotonic()
        with pytest.raises(TransientError, match="did not answer in time"):
            BoardHttp("Slow", board.url, timeout=1.5).get_json("/")
        assert time.monotonic() - started < 3


def test_redirects_stay_on_the_boards_host_and_loops_end():
    with Board() as elsewhere, Board() as board:
        board.reply = (302, {"Location": elsewhere.url.replace("127.0.0.1", "localhost") + "/steal"}, b"")
        with pytest.raises(PermanentError, match="redirected this bot to another site"):
            BoardHttp("Hop", board.url).get_json("/")
        assert elsewhere.requests == []
        board.reply = (302, {"Location": "/again"}, b"")
        with pytest.raises(TransientError, match="redirected in a loop"):
            BoardHttp("Loop", board.url).get_json("/")
        assert len(board.requests) <= 1 + 1 + 3


def test_deeply_nested_json_is_an_unreadable_answer_not_a_crash():
    with Board((200, {}, b"[" * 200_000)) as board:
        with pytest.raises(TransientError, match="unreadable"):
            BoardHttp("Deep", board.url).get_json("/")


def test_only_answers_the_board_accepts_are_cached():
    cache = MemoryCache()
    with Board((200, {}, {"error": "maintenance"})) as board:
        http = BoardHttp("Flaky", board.url, cache=cache, cache_ttl=3600)
        assert http.get_json("/", cacheable=lambda body: "jobs" in body) == {"error": "maintenance"}
        board.reply = (200, {}, {"jobs": [1]})
        assert http.get_json("/", cacheable=lambda body: "jobs" in body) == {"jobs": [1]}
        assert http.get_json("/", cacheable=lambda body: "jobs" in body) == {"jobs": [1]}
        assert len(board.requests) == 2  # the maintenance page was not kept; the real answer was


def test_keys_in_urls_and_error_bodies_stay_out_of_the_logs(caplog):
    configure_logging("INFO")  # as the worker does: httpx's own request lines print whole URLs
    logging.getLogger().addHandler(caplog.handler)
    try:
        with Board((500, {}, "Internal error for /search?app_key=SECRET-KEY-123")) as board:
            with pytest.raises(TransientError):
                BoardHttp("Keyed", board.url).get_json("/search", {"app_key": "SECRET-KEY-123"})
    finally:
        logging.getLogger().removeHandler(caplog.handler)
    assert any("Keyed answered 500" in r.getMessage() for r in caplog.records)
    assert "SECRET-KEY-123" not in caplog.text


def test_every_board_closes_its_connections():
    from config import Settings  # noqa: PLC0415
    from pipeline.wiring import job_boards_from  # noqa: PLC0415

    boards = job_boards_from(Settings(job_sources="arbeitnow,remotive,jobicy,remoteok,bundesagentur,adzuna",
                                      adzuna_app_id="id", adzuna_app_key="key"))
    for board in boards:
        board.close()
        assert board._http._client.is_closed, board.name


def test_stacked_compression_is_refused_before_any_layer_is_unpacked():
    inner = gzip.compress(gzip.compress(b"[" + b" " * 5_000_000 + b"]"))
    with Board((200, {"Content-Encoding": "gzip, gzip", "Content-Type": "application/json"}, inner)) as board:
        with pytest.raises(TransientError, match="more than"):
            BoardHttp("Stacked", board.url).get_json("/")


def test_a_corrupt_compressed_body_is_unreadable_not_unreachable():
    from domain.errors import Unreachable  # noqa: PLC0415

    with Board((200, {"Content-Encoding": "gzip", "Content-Type": "application/json"}, b"not gzip at all")) as board:
        with pytest.raises(TransientError, match="unreadable") as failed:
            BoardHttp("Broken", board.url).get_json("/")
    assert not isinstance(failed.value, Unreachable)


def test_the_environments_proxy_is_used_for_boards(monkeypatch):
    """Deployments whose outbound traffic goes through a proxy: HTTP_PROXY applies to the boards too."""
    with Board((200, {}, {"via": "proxy"})) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", "")
        assert BoardHttp("Proxied", "http://board.invalid").get_json("/api") == {"via": "proxy"}
    assert proxy.requests and proxy.requests[0]["path"].endswith("/api")
