"""Why a use case refused: each carries the sentence to show (REST: the ``detail``; chat: the reply)."""
from __future__ import annotations

from i18n import Phrase


class Refused(Exception):
    """The request cannot be served as asked; ``message`` says what to do instead.

    ``message``: an English msgid, marked ``N_("…{count}…")``, its placeholders filled from
    ``params``. ``phrase`` keeps both, so ``text(t)`` says it in a chat user's language while
    ``message`` stays the English the REST API answers with.
    ``private``: the answer concerns only the person asking (another user's button in a group chat).
    """

    def __init__(self, message: str, *, params: dict | None = None, private: bool = False):
        self.phrase = message if isinstance(message, Phrase) else Phrase(message, **(params or {}))
        super().__init__(str(self.phrase))
        self.message = str(self.phrase)
        self.private = private

    def text(self, t) -> str:
        """The sentence in ``t``'s language (``t``: an ``i18n.Translator``)."""
        return t(self.phrase)


class NotFound(Refused):
    """A referenced record does not exist for this requester (another key's record counts as missing)."""


class NotReady(Refused):
    """A referenced record exists but is not completed (still running, or failed)."""


class OverLimit(Exception):
    """The requester is over one of its limits (too many requests still running, upload quota full).

    Not a ``Refused``: routes turn a ``Refused`` into 404/409, and this must be a 429 or 413 with
    ``Retry-After`` wherever it is raised (bot.api.deps answers it for every REST route;
    bot.core.conversation for every chat command). ``message``/``phrase``/``text(t)`` as ``Refused``;
    ``status_code``: 429 (try again later) or 413 (too much stored); ``retry_after``: whole seconds
    worth waiting before trying again, or None when waiting does not help.
    """

    def __init__(self, message: str, *, params: dict | None = None, status_code: int = 429,
                 retry_after: int | None = None):
        self.phrase = message if isinstance(message, Phrase) else Phrase(message, **(params or {}))
        super().__init__(str(self.phrase))
        self.message = str(self.phrase)
        self.status_code, self.retry_after = status_code, retry_after

    def text(self, t) -> str:
        """The sentence in ``t``'s language (``t``: an ``i18n.Translator``)."""
        return t(self.phrase)
