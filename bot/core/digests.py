"""An alert's digest in the chat: its new jobs as a result list with the same cards and buttons, titled
for the alert ("🔔 3 new jobs for your alert: python in Berlin"); a job sent before with other pay is
marked on its card (``texts.repost_words``). One message per digest; More pages on as after a search.
"""
from __future__ import annotations

from bot.core.ports import JobListMessage
from bot.core.results import ranked_list
from i18n import Translator
from services.searches import CHAT_LIST_LENGTH


def digest_message(digest, *, t: Translator) -> JobListMessage:
    """``digest``: a completed JobSearch with ``alert_id`` and its ranked ``matches`` (at least one; an alert
    run with nothing new stores no digest), read while its session is open."""
    matches = digest.matches or []
    listing = ranked_list(digest, matches, ranking_id=digest.id, start=0, count=min(CHAT_LIST_LENGTH, len(matches)),
                          total=len(matches), has_profile=digest.profile_id is not None, t=t)
    search = t("{query} in {place}", query=digest.query, place=digest.location) if digest.location else digest.query
    listing.title = t.ngettext("🔔 {n} new job for your alert: {search}", "🔔 {n} new jobs for your alert: {search}",
                               len(matches), search=search)
    return listing
