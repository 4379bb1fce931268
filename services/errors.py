"""Why a use case refused: each carries the sentence to show (REST: the ``detail``; chat: the reply)."""


class Refused(Exception):
    """The request cannot be served as asked; ``message`` says what to do instead.

    ``message`` is an English catalogue msgid (i18n) with named placeholders filled from ``params``:
    ``str(refusal)`` and ``refusal.message`` are the English sentence (the REST ``detail``), and
    ``refusal.text(t)`` is the sentence in a chat user's language.
    ``private``: the answer concerns only the person asking (another user's button in a group chat).
    """

    def __init__(self, message: str, *, private: bool = False, params: dict | None = None):
        self.msgid = message
        self.params = dict(params or {})
        self.message = message.format(**self.params) if self.params else message
        super().__init__(self.message)
        self.private = private

    def text(self, t) -> str:
        """The sentence through ``t`` (an i18n.Translator)."""
        return t(self.msgid, **self.params)


class NotFound(Refused):
    """A referenced record does not exist for this requester (another key's record counts as missing)."""


class NotReady(Refused):
    """A referenced record exists but is not completed (still running, or failed)."""
