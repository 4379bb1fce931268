"""The web chat at ``GET /chat``: an anonymous browser session talks to the same core as the other chats.

adapter (platform "web") and routes (the HTTP contract), session (signed cookie, CSRF token, access code),
messenger (outgoing messages kept in the database and streamed as server-sent events), render (the page and the
messages' HTML, with templates/ and static/).
"""
