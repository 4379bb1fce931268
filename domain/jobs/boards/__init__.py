"""Job boards other than SerpApi: one module per board, each translating its wire format into
``JobPosting``. Shared plumbing (HTTP with error mapping, rate limits, caching, HTML text) lives
in ``http.py`` and ``html_text.py``; which boards run, and how their results merge, is decided in
``domain.jobs.fanout``.
"""
