"""Error kinds every task understands: permanent ones fail at once, transient ones retry."""
from __future__ import annotations

from i18n import Phrase


class PermanentError(Exception):
    """Bad input or a refusal that retrying cannot fix.

    ``user_message`` is shown to the person in the chat (and returned by the API), so it
    says in plain words what went wrong and what to do; ``code`` is a stable machine tag.
    It is an English msgid marked ``N_("…{limit}…")`` with its placeholders filled from
    ``params``, and stays a ``Phrase`` (English text with its msgid and params) so the chat
    can say it in the reader's language (see i18n's docstring).
    """

    code = "permanent"

    def __init__(self, user_message: str, *, code: str | None = None, params: dict | None = None):
        phrase = user_message if isinstance(user_message, Phrase) else Phrase(user_message, **(params or {}))
        super().__init__(str(phrase))
        self.user_message = phrase
        if code:
            self.code = code


class TransientError(Exception):
    """A timeout, rate limit, 5xx or broken connection: worth retrying with backoff."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class OutOfArea(Exception):
    """A job board that does not cover the searched place (the Bundesagentur outside Germany,
    Adzuna outside its 19 countries): it was not asked, which is neither an answer nor a failure."""


class Unreachable(TransientError):
    """The service could not be reached at all (no route, no such host, connection refused): often
    this machine has no network, which a person should be told in those words."""
