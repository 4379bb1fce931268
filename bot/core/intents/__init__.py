"""What a person means by plain chat words ("more", "the second one", "Jobs als Buchhalter in Köln").

``understand`` reads one message that is not a slash command and returns an ``Intent``. The rules
(``rules``) are deterministic and need nothing but the lexicons and the place gazetteer; when an
OpenAI-compatible model is configured (``LLM_BASE_URL`` and ``LLM_MODEL``), it is asked first and
its answer used only when it passes strict checks (``llm``), the rules answering otherwise.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.core.intents.rules import understand_rules
from bot.core.intents.types import KINDS, Intent

if TYPE_CHECKING:
    from config import settings as config

logger = logging.getLogger(__name__)

__all__ = ["KINDS", "Intent", "reason_of", "understand"]


def understand(text: str, *, settings: config.Settings | None = None) -> Intent:
    """The intent of ``text`` (any Unicode, cut at 4,000 characters; never raises).

    With ``settings.llm_base_url`` and ``settings.llm_model`` set, an LLM is asked first (see
    ``bot.core.intents.llm``); its answer is used only when valid, else the rules decide.
    """
    if settings is not None and settings.llm_base_url and settings.llm_model:
        from bot.core.intents.llm import understand_with_llm  # noqa: PLC0415 - keeps openai off the default path

        return understand_with_llm(text, settings=settings)
    try:
        return understand_rules(text)
    except Exception:  # a bug in a rule must cost one message, not the conversation; tests call the rules bare
        logger.exception("intent rules failed on a %d-character message", len(text or ""))
        return Intent("unclear", suggestion="/help")


def reason_of(text: str) -> str | None:
    """The "not for me" reason (one of ``types.REASONS``) a short answer names — "not my field", "too
    senior", "it's an agency", "zu senior", "pas mon domaine", "es una agencia" — else None.

    For the answer to the bot's own "What makes X not for you?": a text that is nothing but a reason,
    or says "not for me" and a reason without naming another job ("not for me, too senior"), counts;
    "senior jobs", "3 is too senior" and "only remote" give None. Never raises.
    """
    try:
        intent = understand_rules(text)
    except Exception:  # a bug in a rule must cost one answer's reason, not the conversation
        logger.exception("reason rules failed on a %d-character message", len(text or ""))
        return None
    return intent.reason if intent.kind == "not_for_me" and intent.job is None else None
