"""Part of the conversation core: plain words understood, small talk, and what to say when unclear.

A mixin of ``bot.core.conversation.Conversation`` (it uses its ``reply``, ``db``, ``handle`` and
``translator_for``); kept apart so each file has one job.
"""
from __future__ import annotations

import asyncio
import dataclasses

from bot.core import commands as c
from bot.core import texts
from bot.core.intents import understand
from bot.core.parse import command_for_intent
from bot.core.ports import Message
from i18n import N_
from services.users import find_user

GREETING = N_("Hello! Send me your CV and tell me what you are looking for, e.g. “marketing jobs in London” — "
                "I'll find jobs, rank them against your CV and write cover letters.")
THANKS = N_("You're welcome! Tell me when you want more jobs or a letter.")
PRIVACY_ANSWER = N_(
    "I keep your CV, profile, searches and letters only to serve you, and use them for nothing else. "
    "/forget deletes all of it at once, and files are removed after the retention period anyway.")


class Talk:
    """Plain words → the command they mean; greetings, thanks, privacy, what the bot can do; unclear words."""

    async def plain_words(self, command: c.PlainWords) -> None:
        """Words, not a command: understood (bot.core.intents) and handled as the command they mean.
        The bot speaks the language the platform says the person's app is in (or the one they chose);
        only when neither is known does the language the words are written in decide."""
        intent = await asyncio.to_thread(understand, command.text, settings=self.settings)
        user = command.user
        if intent.written_in and intent.kind not in ("unclear", "language") and not user.locale:
            known = await self.db(lambda session: find_user(session=session, user=user))
            if known is None or not (known.language or known.locale):
                user = dataclasses.replace(user, locale=intent.written_in)
        await self.handle(command_for_intent(intent, user, command.origin))

    async def small_talk(self, command: c.SmallTalk) -> None:
        t = await self.translator_for(command.user)
        if command.kind == "privacy":
            await self.reply(command.origin, Message(text=t(PRIVACY_ANSWER)))
            return
        if command.kind == "capabilities":
            await self.reply(command.origin, texts.help_message(t=t))
            return
        words = {"greeting": GREETING, "thanks": THANKS}[command.kind]
        await self.reply(command.origin, Message(text=t(words)))

    async def unclear(self, command: c.Unclear) -> None:
        t = await self.translator_for(command.user)
        text = t("I'm not sure what you mean.")
        if command.suggestion and command.suggestion.strip() != "/help":  # /help is what the fallback says anyway
            text += " " + t("Did you mean: {suggestion}", suggestion=command.suggestion)
        else:
            text += " " + t("Tell me the job you want, e.g. “marketing jobs in London”, or type /help.")
        await self.reply(command.origin, Message(text=text))

