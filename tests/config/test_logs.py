"""Log lines carry the bound context in both formats, and contexts do not leak between threads."""
from __future__ import annotations

import io
import json
import logging
import sys
import threading
from urllib.parse import quote_plus

import pytest

from config.logs import (
    MAX_LINE_CHARS, RedactionFilter, bind, bound, clear, configure_logging, configured_secrets, current, make_handler,
)


def _logger(fmt: str) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    logger = logging.getLogger(f"tests.config.logs.{fmt}")
    logger.handlers = [make_handler(fmt, stream)]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger, stream


def test_json_lines_carry_task_and_record_ids():
    logger, stream = _logger("json")
    with bound(task_id="t-1", record_id="r-1"):
        logger.info("profile %s completed", "r-1")
    logger.info("outside")
    first, second = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert first["message"] == "profile r-1 completed"
    assert (first["task_id"], first["record_id"], first["level"]) == ("t-1", "r-1", "INFO")
    assert "task_id" not in second


def test_text_lines_end_in_key_value_pairs_and_keep_tracebacks_below():
    logger, stream = _logger("text")
    with bound(record_id="r-2"):
        try:
            raise ValueError("boom")
        except ValueError:
            logger.exception("failed")
    head, *rest = stream.getvalue().splitlines()
    assert head.endswith("failed record_id=r-2")
    assert any("ValueError: boom" in line for line in rest)


def test_context_is_per_thread():
    clear()
    bind(task_id="main")
    seen = {}
    thread = threading.Thread(target=lambda: seen.update(current()))
    thread.start()
    thread.join()
    assert seen == {} and current() == {"task_id": "main"}
    clear()


# -- secrets never reach a log line (issue 15) --------------------------------------------------------

SECRET = "s3cr3t-Signing-Value/+:"
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"  # the shape of a Telegram bot token


def _secret_logger(fmt: str) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    logger = logging.getLogger(f"tests.config.logs.secrets.{fmt}")
    logger.handlers = [make_handler(fmt, stream, secrets=[SECRET, "short"])]  # "short": too short to hide
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger, stream


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_secrets_and_bot_tokens_are_redacted_in_message_args_traceback_extras_and_context(fmt):
    logger, stream = _secret_logger(fmt)
    with bound(request_id=f"req-{SECRET}"):
        logger.info("HTTP Request: POST %s %s", f"https://api.telegram.org/bot{TOKEN}/sendMessage", "200 OK")
        logger.info("file at /file/bot%s/documents/file_1.pdf, key %s", TOKEN, SECRET, extra={"url": f"?k={SECRET}"})
        logger.info("GET /file/bot%s/photos/file_2.jpg", TOKEN.replace(":", "%3A"))  # as PTB writes file URLs
        try:
            raise RuntimeError(f"refused with {SECRET}")
        except RuntimeError:
            logger.exception("upload %s failed", "cv.pdf")
        logger.info("GET /search?api_key=%s", quote_plus(SECRET))
    text = stream.getvalue()
    assert SECRET not in text and quote_plus(SECRET) not in text and "api_key=[redacted]" in text
    assert TOKEN not in text and "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in text
    assert "https://api.telegram.org/bot[redacted]/sendMessage 200 OK" in text
    assert "/file/bot[redacted]/documents/file_1.pdf, key [redacted]" in text and "GET /file/bot[redacted]/photos" in text
    assert "upload cv.pdf failed" in text and "RuntimeError: refused with [redacted]" in text
    assert "req-[redacted]" in text


def test_extra_fields_are_redacted_on_the_record_every_handler_sees():
    logger, _stream = _secret_logger("json")
    seen = []
    logger.addHandler(type("Keep", (logging.Handler,), {"emit": lambda self, record: seen.append(record)})())
    logger.info("hello", extra={"payload": {"token": SECRET, "list": [SECRET]}})
    assert seen[0].payload == {"token": "[redacted]", "list": ["[redacted]"]}


def test_a_huge_message_is_cut_to_one_bounded_line_and_a_secret_at_the_cut_is_not_left_whole():
    logger, stream = _secret_logger("json")
    body = "x" * (MAX_LINE_CHARS - 11) + SECRET + "y" * 10_000_000  # the secret starts 5 characters before the cut
    logger.info("body: %s", body)
    [line] = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert len(line) < MAX_LINE_CHARS + 400
    assert entry["message"].startswith("body: xxx") and entry["message"].endswith("characters cut]")
    assert SECRET[:5] not in line and entry["message"].partition("…")[0].endswith("x[reda")


def test_a_long_run_of_digits_is_searched_in_linear_time():
    """The bot-token shape starts with digits: a search tried from every digit took 1.4 s for 8,000 of them."""
    import time

    logger, stream = _secret_logger("text")
    started = time.perf_counter()
    logger.info("id %s and token %s", "1234567890" * 800, TOKEN)
    assert time.perf_counter() - started < 0.1
    assert stream.getvalue().rstrip().endswith("token [redacted]")


def test_a_record_two_handlers_see_is_cut_once():
    logger, stream = _secret_logger("text")
    second = io.StringIO()
    logger.addHandler(make_handler("text", second, secrets=[SECRET]))
    logger.info("%s", "z" * 3 * MAX_LINE_CHARS)
    assert stream.getvalue() == second.getvalue() and stream.getvalue().count("characters cut]") == 1


def test_a_long_traceback_keeps_its_end():
    logger, stream = _secret_logger("text")
    try:
        raise ValueError("the reason" + " " * 20_000 + "at the end")
    except ValueError:
        logger.exception("failed")
    text = stream.getvalue()
    assert len(text) < 2 * MAX_LINE_CHARS + 400 and text.rstrip().endswith("at the end")


def test_short_values_are_not_taken_for_secrets():
    logger, stream = _secret_logger("text")
    logger.info("a short word")
    assert "a short word" in stream.getvalue()


def test_a_record_whose_arguments_do_not_fit_is_still_logged_and_does_not_raise():
    logger, stream = _secret_logger("text")
    logger.info("two %s %s", SECRET)  # noqa: PLE1206 (the mistake under test)
    assert "two %s %s" in stream.getvalue() and SECRET not in stream.getvalue()


def test_configured_secrets_are_every_token_key_and_url_password(tmp_path):
    from config import Settings

    settings = Settings(job_agent_data_dir=tmp_path, telegram_bot_token=TOKEN, slack_signing_secret="sl-signing",
                        api_keys="key-one, key-two", admin_api_keys="admin-key", metrics_token="metrics-tok",
                        database_url="postgresql://app:p%40ss-word@db/app", celery_broker_url="redis://:broker-pw@r:6379/0")
    values = configured_secrets(settings)
    stored = (tmp_path / "webhook-secret").read_text().strip()
    for expected in (TOKEN, "sl-signing", "key-one", "key-two", "admin-key", "metrics-tok", "p%40ss-word", "p@ss-word",
                     "broker-pw", stored):
        assert expected in values


@pytest.fixture
def root_logging():
    """configure_logging rebuilds the root logger: put pytest's handlers back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    hooks = sys.excepthook, threading.excepthook
    yield root
    sys.excepthook, threading.excepthook = hooks
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, value in levels.items():
        logging.getLogger(name).setLevel(value)


def test_configure_logging_redacts_on_every_handler_and_quiets_http_clients_below_debug(root_logging, monkeypatch,
                                                                                        tmp_path):
    from config import get_settings

    monkeypatch.setenv("JOB_AGENT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SERPAPI_API_KEY", "serp-key-123456")
    get_settings.cache_clear()
    library = logging.getLogger("tests.config.logs.library")
    stream = io.StringIO()
    library.addHandler(logging.StreamHandler(stream))  # a library's own handler, there before
    try:
        configure_logging("INFO", "json")
        assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING
        library.warning("GET https://serpapi.com/search?api_key=serp-key-123456")
        assert stream.getvalue() == "GET https://serpapi.com/search?api_key=[redacted]\n"
        assert any(isinstance(f, RedactionFilter) for f in root_logging.handlers[0].filters)
        configure_logging("DEBUG", "text")
        assert logging.getLogger("httpx").getEffectiveLevel() == logging.DEBUG
        assert sum(isinstance(f, RedactionFilter) for f in library.handlers[0].filters) == 1
        root_logging.handlers[0].stream = stream = io.StringIO()

        def crash() -> None:
            raise RuntimeError("GET https://serpapi.com/search?api_key=serp-key-123456")

        thread = threading.Thread(target=crash, name="crasher")
        thread.start()
        thread.join()
        assert "uncaught exception in thread crasher" in stream.getvalue()
        assert "RuntimeError: GET https://serpapi.com/search?api_key=[redacted]" in stream.getvalue()
        assert "serp-key-123456" not in stream.getvalue()
    finally:
        library.handlers.clear()
        get_settings.cache_clear()


async def test_slack_bolts_refusal_of_a_bad_signature_says_the_body_size_not_the_body():
    """Anyone may post to /slack/events: slack-bolt logged a refused request's whole body at INFO."""
    import time

    from slack_bolt.request.async_request import AsyncBoltRequest
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.slack.adapter import build_bolt_app
    from config import Settings

    seen: list[logging.LogRecord] = []
    keep = type("Keep", (logging.Handler,), {"emit": lambda self, record: seen.append(record)})(logging.INFO)
    bolt = logging.getLogger("slack_bolt")
    bolt.addHandler(keep)
    bolt.setLevel(logging.INFO)  # as under serve's root level (its middleware copies this level when built)
    try:
        app = build_bolt_app(Settings(slack_signing_secret="signing-secret-for-tests", slack_bot_token="xoxb-t"),
                             AsyncWebClient(token="xoxb-t"))
        body = '{"type": "event_callback", "event": {"text": "' + "FORGED " * 50_000 + '"}}'
        request = AsyncBoltRequest(body=body, headers={"x-slack-signature": "v0=00",
                                                       "x-slack-request-timestamp": str(int(time.time()))})
        assert (await app.async_dispatch(request)).status == 401
    finally:
        bolt.removeHandler(keep)
        bolt.setLevel(logging.NOTSET)
    # One line (seen twice here: bolt gives its middleware's logger the handlers "slack_bolt" has, this one too).
    [refusal] = {record.getMessage() for record in seen if "signature" in record.getMessage()}
    assert "FORGED" not in refusal and f"({len(body)} characters) not logged" in refusal
