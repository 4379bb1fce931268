"""Two Telegram faults the fuzzing found, kept as their minimal examples: a forged update with a lone surrogate
(400, where it once reached the Bot API call and was replayed for ever), and a button the Bot API refuses to
answer (BadRequest is a NetworkError in python-telegram-bot: the update was replayed for ever)."""
from __future__ import annotations

import json

import pytest

from tests.fuzz.conftest import TELEGRAM_SECRET, shown
from tests.fuzz.strategies import QUIET

pytestmark = [pytest.mark.fuzz, pytest.mark.redis, QUIET]


def _raw(app, method, path, body, headers):
    """Sent as they are, whatever tests/fuzz/faults.py would hold back."""
    response = app.client.request(method, path, content=body, headers=headers)
    return response


def test_telegram_lone_surrogate(app):  # bot/telegram/routes.py parse_update (requests.md 9)
    update = {"update_id": 2, "callback_query": {"id": "a\ud800b", "from": {"id": 6, "is_bot": False, "first_name": "x"},
                                                 "chat_instance": "1", "data": "x"}}
    response = _raw(app, "POST", "/telegram/webhook", json.dumps(update).encode(),
                    {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})
    assert response.status_code == 400, shown(response)


def test_telegram_callback_the_bot_api_refuses(app):  # bot/telegram/adapter.py _on_error (requests.md 11)
    update = {"update_id": 3, "callback_query": {"id": "", "from": {"id": 6, "is_bot": False, "first_name": "x"},
                                                 "chat_instance": "1", "data": "more:1"}}
    response = _raw(app, "POST", "/telegram/webhook", json.dumps(update).encode(),
                    {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})
    assert response.status_code == 200, shown(response)
    app.settle(3.0)
    assert app.unprocessed() == [], "a 400 from the Bot API left the update to be replayed"
