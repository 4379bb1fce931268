"""End-to-end tests that span the whole stack: the bot process, Celery workers, Redis and a database, driven
through a chat or the REST API. They test no single folder, so they sit beside the mirror of the source tree
rather than in it; tests of one folder's code live in that folder's mirror (tests/bot/, tests/tasks/, ...)."""
