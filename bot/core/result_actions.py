"""Part of the conversation core: the next page of a list, one job's details, "Not for me".

A mixin of ``bot.core.conversation.Conversation`` (it uses its ``reply``, ``db``, ``_refuse`` and
``translator_for``); the messages are built in ``bot.core.results``.
"""
from __future__ import annotations

from bot.core import commands as c
from bot.core.ports import JobListMessage, Message
from bot.core.results import details_message, passed_message, ranked_list, why_not_question
from i18n import Translator
from services.errors import Refused
from services.results import job_key, next_page, pass_on_shown_job, shown_job


class ResultActions:
    """More, Details and Not for me on a list already in the chat."""

    async def show_more(self, command: c.ShowMore) -> None:
        t = await self.translator_for(command.user)
        try:
            listing = await self.db(lambda session: _shown(
                next_page(session=session, user=command.user, reference=command.reference), t))
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        await self.reply(command.origin, listing)

    async def show_details(self, command: c.ShowDetails) -> None:
        t = await self.translator_for(command.user)
        try:
            shown = await self.db(lambda session: shown_job(session=session, user=command.user,
                                                            reference=command.reference))
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        await self.reply(command.origin, details_message(shown.match, ranking_id=shown.ranking_id,
                                                         number=shown.number, key=_key(shown), t=t))

    async def not_for_me(self, command: c.NotForMe) -> None:
        """Without a reason: ask for one (buttons). With it: remember the pass, take the job off the
        list, rank what is left again with every pass so far, and show the list as it is now."""
        t = await self.translator_for(command.user)
        reference = command.reference or self._asked_why.pop(command.user.key, "")  # "too senior" answers the question
        try:
            shown = await self.db(lambda session: shown_job(session=session, user=command.user,
                                                            reference=reference))
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        if command.reason is None:
            self._asked_why[command.user.key] = f"{shown.ranking_id}:{_key(shown)}"
            await self.reply(command.origin, why_not_question(shown.match, ranking_id=shown.ranking_id,
                                                              number=shown.number, key=_key(shown), t=t))
            return
        listing = await self.db(lambda session: _shown(pass_on_shown_job(
            session=session, user=command.user, shown=shown, reason=command.reason), t))
        await self.reply(command.origin, Message(text=passed_message(shown.match["job"].get("title", ""),
                                                                     command.reason, t)))
        if listing is not None:
            await self.reply(command.origin, listing)


def _key(shown) -> str:
    return job_key(shown.match["job"].get("job_id", ""))


def _shown(page, t: Translator) -> JobListMessage | None:
    """The page as a list message, built while its session is open (the search's notes are read)."""
    if page is None:
        return None
    return ranked_list(page.search, page.matches, ranking_id=page.ranking_id, start=page.start, count=page.count,
                       total=page.total, has_profile=page.has_profile, t=t)
