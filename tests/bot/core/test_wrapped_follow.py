"""Every sentence the chat says about alerts and the tracker is marked for translation (the check of
tests/i18n/test_wrapped.py, run on the modules that hold those words)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.i18n.test_wrapped import unwrapped

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("path", ["bot/core/alert_texts.py", "bot/core/alert_talk.py", "bot/core/tracker_texts.py",
                                  "bot/core/digests.py"])
def test_every_sentence_about_alerts_and_the_tracker_is_marked(path):
    assert unwrapped((ROOT / path).read_text()) == []
