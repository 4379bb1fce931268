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
