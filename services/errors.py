"""Why a use case refused: each carries the sentence to show (REST: the ``detail``; chat: the reply)."""


class Refused(Exception):
    """The request cannot be served as asked; ``message`` says what to do instead.

    ``private``: the answer concerns only the person asking (another user's button in a group chat).
    """

    def __init__(self, message: str, *, private: bool = False):
        super().__init__(message)
        self.message = message
        self.private = private


class NotFound(Refused):
    """A referenced record does not exist for this requester (another key's record counts as missing)."""


class NotReady(Refused):
    """A referenced record exists but is not completed (still running, or failed)."""
