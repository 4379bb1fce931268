"""Part of the conversation core: alerts in the chat (/alert, /alerts, the 🔔 button, plain words), and
the welcome back of a person whose alerts were paused because the chat could not be reached.

A mixin of ``bot.core.conversation.Conversation`` (it uses its ``reply``, ``db``, ``_refuse``,
``refined``, ``settings`` and ``translator_for``); the use cases are ``services.alerts``', the words
``bot.core.alert_texts``'.
"""
from __future__ import annotations

import asyncio
import re

from cachetools import TTLCache

from bot.core import alert_texts as words
from bot.core import commands as c
from bot.core.ports import Message
from domain.errors import PermanentError
from domain.jobs.query import as_written, parse_search_request
from i18n import Translator
from services.alerts import (
    alert_from_search,
    alerts_of,
    create_alert,
    delete_alert,
    find_alert,
    pause_alert,
    resume_alert,
    resume_alerts_paused_for,
    set_alert_time,
    set_quiet_hours,
    set_timezone,
)
from services.errors import NotFound, Refused
from services.ports import ChatRequester
from services.results import latest_search
from services.users import find_user, profile_of
from storage.models import JobSearch

# People whose alerts were looked at for a "blocked" pause in the last minute: one look a minute, not
# one a message (a person who blocked the bot cannot write meanwhile anyway).
BACK_CHECK_SECONDS = 60


class AlertTalk:
    """/alert, /alerts and its forms, the alert buttons, and the welcome back after a block."""

    _back_checked: TTLCache  # person key -> True, for BACK_CHECK_SECONDS (set up by the Conversation)

    async def welcome_back_if_blocked(self, command: c.Command) -> None:
        """Resume the person's alerts that were paused because the chat was gone (they blocked the bot,
        the app was removed) and say so once; costs a look-up once a minute a person."""
        if command.user.key in self._back_checked:
            return
        self._back_checked[command.user.key] = True
        resumed = await self.db(lambda session: resume_alerts_paused_for(session, command.user))
        if resumed:
            t = await self.translator_for(command.user)
            await self.reply(command.origin, words.welcome_back(resumed, t))

    async def create_alert(self, command: c.CreateAlert) -> None:
        """The 🔔 button (its list's search), "/alert python in Berlin weekly", plain words, or "/alert"
        alone (the person's last search); a refinement said with it is stored first, as with a search."""
        t = await self.translator_for(command.user)
        requester = ChatRequester(user=command.user, origin=command.origin)
        query = location = None
        text = command.text
        if text.strip().casefold().startswith("in "):  # "in Hamburg": the role from the CV's title, as a search
            profile = await self.db(lambda session: profile_of(session=session, user=command.user))
            text = f"{((profile or {}).get('title') or '').strip()[:60]} {text}".strip()
        if not command.search_id and text:
            try:
                request = await asyncio.to_thread(lambda: as_written(parse_search_request(text)))
            except PermanentError as exc:
                await self.reply(command.origin, Message(text=t(exc.user_message)))
                return
            query, location = request.query, request.location
        said = await self.refinement_said(command, t)
        if said is None:
            return

        def save(session) -> Message:
            if command.search_id:
                alert = alert_from_search(session=session, settings=self.settings, requester=requester,
                                          job_search_id=command.search_id)
                made_from = session.get(JobSearch, command.search_id)
                return words.saved_message(alert, t, from_sample=made_from is not None and made_from.from_sample)
            search, last = (query, location), None
            if query is None:
                last = latest_search(session=session, user=command.user)
                if last is None:
                    return Message(text=t(words.NOTHING_TO_ALERT))
                search = (last.query, last.location)
            alert = create_alert(session=session, settings=self.settings, requester=requester, query=search[0],
                                 location=search[1], frequency=command.frequency or "daily")
            return words.saved_message(alert, t, from_sample=last is not None and last.from_sample)

        try:
            message = await self.db(save)
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        message.text = said + message.text
        await self.reply(command.origin, message)

    async def show_alerts(self, command: c.ShowAlerts) -> None:
        t = await self.translator_for(command.user)
        message = await self.db(lambda session: self._alerts_message(session, command, t))
        message.private_to = command.user
        await self.reply(command.origin, message)

    def _alerts_message(self, session, command: c.Command, t: Translator) -> Message:
        chat_user = find_user(session=session, user=command.user)
        zone = (chat_user.timezone if chat_user else None) or self.settings.alerts_default_timezone
        quiet = chat_user.quiet_hours if chat_user is not None and chat_user.quiet_hours is not None \
            else self.settings.alerts_quiet_hours
        return words.alerts_message(alerts_of(session=session, owner=command.user), zone=zone,
                                    quiet=None if quiet in (None, "", "off") else quiet, t=t)

    async def change_alert(self, command: c.ChangeAlert) -> None:
        """Pause, resume, delete, a new time, the time zone, the quiet hours — or the forms /alerts takes."""
        t = await self.translator_for(command.user)
        if command.action == "usage":
            await self.reply(command.origin, Message(text=t("I didn't understand that. /alerts takes:") + "\n"
                                                     + t(words.USAGE)))
            return
        try:
            message = await self.db(lambda session: self._changed(session, command, t))
        except NotFound as refusal:
            if not _looks_like_id(command.reference):  # typed ("2", "two"): the services' sentence names it
                await self._refuse(command, refusal, t)
            else:  # a button's id, which means nothing to the person
                await self.reply(command.origin, Message(text=t(words.NOT_YOURS), private_to=command.user))
            return
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        message.private_to = command.user  # the answer to a button of their private list stays private too
        await self.reply(command.origin, message)

    def _changed(self, session, command: c.ChangeAlert, t: Translator) -> Message:
        owner, ref = command.user, command.reference
        if command.action == "zone":
            zone = set_timezone(session=session, user=owner, zone=command.value)
            return Message(text=t("🌍 Your time zone is now {zone}; your alerts and reminders follow it.", zone=zone))
        if command.action == "quiet":
            quiet = set_quiet_hours(session=session, user=owner, quiet=command.value)
            return Message(text=t("🌙 Quiet hours {hours}: I'll hold alerts and reminders until they end.",
                                  hours=quiet) if quiet else t("🌙 Quiet hours off: alerts come at their time."))
        if command.action == "time":
            alert = set_alert_time(session=session, owner=owner, ref=ref, send_at=command.value,
                                   frequency=command.frequency, weekday=command.weekday)
        elif command.action == "delete":  # said from the alert as it was: it is gone after the commit
            said = words.changed_message("delete", find_alert(session=session, owner=owner, ref=ref), t)
            delete_alert(session=session, owner=owner, ref=ref)
            return said
        else:
            use = {"pause": pause_alert, "resume": resume_alert}[command.action]
            alert = use(session=session, owner=owner, ref=ref)
        return words.changed_message(command.action, alert, t)


def _looks_like_id(reference: str) -> bool:
    """An alert id as buttons carry it (a UUID), not something a person typed."""
    return bool(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", reference or ""))
