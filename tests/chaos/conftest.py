"""The chaos suite's shared fixtures, and its figures printed at the end of every run that includes it."""
from __future__ import annotations

import pytest

from tests.bot.telegram.albums import AlbumTelegramStandIn
from tests.support.chaos import REPORTED


@pytest.fixture
def telegram():
    """The Bot API stand-in (with albums, for the letters' files)."""
    with AlbumTelegramStandIn() as api:
        yield api


def pytest_terminal_summary(terminalreporter):
    """One line per scenario run: requests sent, completed, failed, lost, duplicated, seconds (bench/README.md)."""
    if not REPORTED:
        return
    terminalreporter.section("chaos figures")
    for figures in REPORTED:
        terminalreporter.write_line(
            f"{figures.scenario}: sent {figures.sent}, completed {figures.completed}, failed {figures.failed}, "
            f"lost {figures.lost}, duplicated {figures.duplicated}, {figures.seconds:.1f} s ({figures.fault})")
