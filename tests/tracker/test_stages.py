"""The stages and their moves, as data: forward (skipping allowed), closing, one step back, reopening."""
from __future__ import annotations

import pytest

from domain.tracker.stages import (
    NOT_ALLOWED,
    UNKNOWN_STAGE,
    allowed_moves,
    move_refusal,
    stage_before_closing,
)


@pytest.mark.parametrize("current, target", [
    ("saved", "applied"), ("saved", "interview"), ("applied", "interview"), ("interview", "offer"),
    ("saved", "withdrawn"), ("applied", "rejected"), ("interview", "rejected"), ("interview", "withdrawn"),
    ("applied", "saved"), ("interview", "applied"), ("offer", "interview"), ("applied", "applied"),
])
def test_moves_that_make_sense(current, target):
    assert move_refusal(current, target) is None


@pytest.mark.parametrize("current, target", [
    ("interview", "saved"), ("offer", "saved"), ("offer", "rejected"), ("rejected", "offer"),
    ("withdrawn", "interview"), ("rejected", "withdrawn"),
])
def test_moves_that_do_not(current, target):
    assert move_refusal(current, target) == NOT_ALLOWED


def test_an_unknown_stage_is_named_as_such():
    assert move_refusal("saved", "hired") == UNKNOWN_STAGE


def test_a_closed_application_reopens_where_it_stood():
    reopen = stage_before_closing(applied=True, interviewed=True)
    assert reopen == "interview" and allowed_moves("rejected", reopen_to=reopen) == ("interview",)
    assert move_refusal("withdrawn", "applied", reopen_to=stage_before_closing(applied=True, interviewed=False)) is None
    assert allowed_moves("saved") == ("applied", "interview", "offer", "rejected", "withdrawn")
