"""Part of the conversation core: the next page of a list, one job's details, "Not for me".

A mixin of ``bot.core.conversation.Conversation`` (it uses its ``reply``, ``db``, ``_refuse`` and
``translator_for``); the messages are built in ``bot.core.results``.
"""
from __future__ import annotations

from bot.core import commands as c
from bot.core import texts
from bot.core.ports import JobListMessage, Message
from bot.core.results import details_message, page_title, passed_message, why_not_question, with_result_buttons
from domain.jobs.places import local_currency
from i18n import Translator
from services.errors import Refused
from services.results import next_page, pass_on_shown_job, shown_job


class ResultActions:
    """More, Details and Not for me on a list already in the chat."""

    async def show_more(self, command: c.ShowMore) -> None:
        t = await self.translator_for(command.user)
        try:
            page = await self.db(lambda session: next_page(session=session, user=command.user,
                                                           reference=command.reference))
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        await self.reply(command.origin, self._list_page(page, t))

    def _list_page(self, page, t: Translator) -> JobListMessage:
        message = texts.job_list_message(page.query, page.matches, ranking_id=page.ranking_id,
                                         has_profile=page.has_profile, currency=local_currency(page.location or ""),
                                         t=t)
        message = with_result_buttons(message, ranking_id=page.ranking_id, start=page.start, total=page.total, t=t)
        if page.start:
            message.title = page_title(page.query, page.start, len(page.matches), page.total, t)
        return message

    async def show_details(self, command: c.ShowDetails) -> None:
        t = await self.translator_for(command.user)
        try:
            shown = await self.db(lambda session: shown_job(session=session, user=command.user,
                                                            reference=command.reference))
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        await self.reply(command.origin, details_message(shown.match, ranking_id=shown.ranking_id,
                                                         number=shown.number, t=t))

    async def not_for_me(self, command: c.NotForMe) -> None:
        """Without a reason: ask for one (buttons). With it: remember the pass, take the job off the
        list, rank what is left again with every pass so far, and show the list as it is now."""
        t = await self.translator_for(command.user)
        try:
            shown = await self.db(lambda session: shown_job(session=session, user=command.user,
                                                            reference=command.reference))
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        if command.reason is None:
            await self.reply(command.origin, why_not_question(shown.match, ranking_id=shown.ranking_id,
                                                              number=shown.number, t=t))
            return
        page = await self.db(lambda session: pass_on_shown_job(session=session, user=command.user, shown=shown,
                                                               reason=command.reason))
        await self.reply(command.origin, Message(text=passed_message(shown.match["job"].get("title", ""),
                                                                     command.reason, t)))
        if page is not None:
            await self.reply(command.origin, self._list_page(page, t))
