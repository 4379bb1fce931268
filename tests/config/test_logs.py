"""Log lines carry the bound context in both formats, and contexts do not leak between threads."""
from __future__ import annotations

import io
import json
import logging
import threading

from config.logs import bind, bound, clear, current, make_handler


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
