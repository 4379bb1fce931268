"""Use cases shared by every entry point: the chat core and the REST API call these, nothing else.

Each is a keyword-only function taking an open session and a task queue (``ports.TaskQueue``),
so a test can run it against a real database and a fake queue. New records are stored with one
commit and their task is sent after it (``TaskQueue.dispatch``). Refusals are the exceptions in
``services.errors``, each carrying the sentence to show the person.
"""
