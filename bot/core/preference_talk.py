"""Part of the conversation core: lasting refinements (/prefs) and the language the bot speaks (/language).

A mixin of ``bot.core.conversation.Conversation`` (it uses its ``reply``, ``db``, ``queue`` and
``translator_for``).
"""
from __future__ import annotations

import dataclasses

from bot.core import commands as c
from bot.core.ports import Button, Message
from domain.jobs.preferences import Preferences, Refinement
from domain.jobs.preferences_text import describe
from i18n import Translator, language_names, translator
from i18n.names import language_code
from services.errors import Refused
from services.ports import ChatRequester
from services.preferences import preferences_of, refine, reset_preferences, set_language
from services.results import latest_search
from services.searches import request_search


class PreferenceTalk:
    """/prefs, /prefs reset, refinements in plain words, /language."""

    async def refine(self, command: c.Refine) -> None:
        """A lasting refinement: stored, said back, and the last search run again with it. A place on its
        own ("something in Munich") is where to search now, not a lasting rule for every later search."""
        refinement = command.refinement
        if len(refinement.places) == 1:
            place, rest = refinement.places[0], dataclasses.replace(refinement, places=())
            last = await self.db(lambda session: latest_search(session=session, user=command.user))
            text = f"{last.query} in {place}" if last is not None else f"in {place}"
            await self.handle(c.SearchJobs(command.user, command.origin, text=text,
                                           refinement=None if rest.empty else rest))
            return
        t = await self.translator_for(command.user)
        said = await self.refined(command, refinement, t)
        if said is None:
            return
        last = await self.db(lambda session: latest_search(session=session, user=command.user))
        said += " "
        if last is None:
            await self.reply(command.origin, Message(text=said + t(
                "I'll apply this to every search from now on; /prefs shows or resets it.")))
            return
        await self._search_again(command, last, t("Searching “{query}” again with your preferences…",
                                                  query=last.query), said=said)

    async def refinement_said(self, command: c.Command, t: Translator) -> str | None:
        """The refinement a search or an alert was asked with ("remote python jobs in Berlin"), stored
        and said back to go before the answer ("Got it: Remote only. "); "" when the message has none,
        None when it was refused (the person has been answered)."""
        if command.refinement is None or command.refinement.empty:
            return ""
        said = await self.refined(command, command.refinement, t)
        return None if said is None else said + " "

    async def refined(self, command: c.Command, refinement: Refinement, t: Translator) -> str | None:
        """Store one message's refinement and say back what changed ("Got it: Remote only."), or None after
        answering why it was refused. One person's refinements are stored one at a time, so two sent at
        once both last (the database row is locked too, for several bot processes)."""
        def change(session):
            before = preferences_of(session, command.user)
            return before, refine(session, command.user, refinement)

        async with self._person_lock(command.user):
            try:
                before, after = await self.db(change)
            except Refused as refusal:
                await self._refuse(command, refusal, t)
                return None
        return said_back(before, after, t)

    async def show_prefs(self, command: c.ShowPrefs) -> None:
        t = await self.translator_for(command.user)
        prefs = await self.db(lambda session: preferences_of(session, command.user))
        lines = describe(prefs, t)
        await self.reply(command.origin, Message(
            title=t("Your preferences"), items=lines,
            text="" if lines else t("None yet. Tell me in your own words, e.g. “only remote”, “at least 60k”, "
                                    "“no agencies”, “not in London”."),
            footer=t("They apply to every search. /prefs reset clears them.") if lines else None,
            private_to=command.user))

    async def reset_prefs(self, command: c.ResetPrefs) -> None:
        """Clear every refinement, and run the last search again without them (the list on screen was
        filtered by them)."""
        t = await self.translator_for(command.user)
        async with self._person_lock(command.user):
            await self.db(lambda session: reset_preferences(session, command.user))
        last = await self.db(lambda session: latest_search(session=session, user=command.user))
        said = t("Done — your preferences are cleared.")
        if last is None:
            await self.reply(command.origin, Message(text=said, private_to=command.user))
            return
        await self._search_again(command, last, t("Searching “{query}” again without them…", query=last.query),
                                 said=said)

    async def _search_again(self, command: c.Command, last, text: str, *, said: str = "") -> None:
        """The person's last search run again (its query and place), announced by ``text``; ``said`` (what the
        refinement changed) goes first as its own message, since the announcement is edited into the progress
        and then the result, which would take the confirmation off the screen."""
        if said.strip():
            await self.reply(command.origin, Message(text=said.strip()))
        command.origin.status_message_id = await self.reply(command.origin, Message(text=text))
        await self.db(lambda session: request_search(
            session=session, queue=self.queue, requester=ChatRequester(user=command.user, origin=command.origin),
            query=last.query, location=last.location))

    async def set_language(self, command: c.SetLanguage) -> None:
        """/language de (or a language's name in any of ours), or the choice as buttons."""
        code = language_code(command.language) if command.language else None
        if code is None:
            t = await self.translator_for(command.user)
            text = t("I speak English, Deutsch, Français and Español. Which do you prefer?")
            if command.language:
                text = t("I don't speak “{language}” yet.", language=command.language[:40]) + " " + text
            await self.reply(command.origin, Message(text=text, buttons=[
                Button(name, "language", code) for code, name in language_names().items()]))
            return
        await self.db(lambda session: set_language(session, command.user, code))
        t = translator(code)
        await self.reply(command.origin, Message(text=t("From now on I'll write to you in English.")))



def said_back(before: Preferences, after: Preferences, t: Translator) -> str:
    """What one refinement changed, in words: what is new, and what no longer applies; never the whole
    list again (``/prefs`` shows that)."""
    old, new = describe(before, t), describe(after, t)
    added, gone = [line for line in new if line not in old], [line for line in old if line not in new]
    # The lines are /prefs's own (capitalised, each a phrase), so they are listed, not joined into a sentence.
    parts = [t("Got it: {preferences}.", preferences=" · ".join(added))] if added else []
    if gone:
        parts.append(t("No longer: {preferences}.", preferences=" · ".join(gone)))
    return " ".join(parts) or t("Got it — that was already so.")
