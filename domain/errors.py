"""Error kinds every task understands: permanent ones fail at once, transient ones retry."""


class PermanentError(Exception):
    """Bad input or a refusal that retrying cannot fix.

    ``user_message`` is shown to the person in the chat (and returned by the API), so it
    says in plain words what went wrong and what to do; ``code`` is a stable machine tag.
    """

    code = "permanent"

    def __init__(self, user_message: str, *, code: str | None = None):
        super().__init__(user_message)
        self.user_message = user_message
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
