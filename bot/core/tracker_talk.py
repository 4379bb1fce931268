"""Part of the conversation core: the application tracker in the chat (/tracker, its buttons, plain words).

A mixin of ``bot.core.conversation.Conversation`` (it uses its ``reply``, ``db``, ``_refuse``,
``messengers``, ``settings`` and ``translator_for``); the use cases are ``services.tracker``'s, the
words ``bot.core.tracker_texts``'. Entries are named by their number, which stays theirs
(``services.tracker.numbers_of``: the order they were tracked) or, from a button, by their id.
"""
from __future__ import annotations

from datetime import UTC, datetime

from bot.core import commands as c
from bot.core import tracker_texts as words
from bot.core.ports import Document, Message
from bot.core.when import local_moment, read_when
from domain.tracker.export import to_csv, to_ics
from i18n import N_, Translator
from services.errors import NotFound, Refused
from services.tracker import add_note, board_of, move_to, numbers_of, set_follow_up_days
from services.users import find_user

BAD_DATE = N_("I couldn't read “{when}” as a date and time. Write it like 2026-12-04 14:00, or “Friday at 10”.")
PAST_DATE = N_("{when} has already passed. Give the interview's date and time ahead, e.g. 2026-12-04 14:00.")
NO_DAYS = N_("Tell me after how many days to remind you, e.g. /tracker followup 7.")
INTERVIEW_SUMMARY = N_("Interview: {title} at {company}")
NOT_YOURS = N_("That button belongs to an application that is not on your tracker (someone else's, or deleted). "
               "/tracker shows yours.")


class TrackerTalk:
    """/tracker and its forms, the stage buttons, "I applied to 2", the export."""

    def zone_of(self, session, user) -> str:
        """The person's time zone (/alerts zone), else ALERTS_DEFAULT_TIMEZONE."""
        chat_user = find_user(session=session, user=user)
        return (chat_user.timezone if chat_user is not None else None) or self.settings.alerts_default_timezone

    async def show_tracker(self, command: c.ShowTracker) -> None:
        t = await self.translator_for(command.user)

        def board(session):
            entries = board_of(session=session, owner=command.user)
            return words.board_message(entries, zone=self.zone_of(session, command.user), now=datetime.now(UTC),
                                       t=t)

        message = await self.db(board)
        message.private_to = command.user  # someone's job hunt is not for the whole channel
        await self.reply(command.origin, message)

    async def move_tracked(self, command: c.MoveTracked) -> None:
        """Entry N (or a button's id) to a stage; an interview's date read in the person's language and zone."""
        t = await self.translator_for(command.user)

        def move(session):
            zone = self.zone_of(session, command.user)
            when = None
            if command.when and command.stage == "interview":
                when = _interview_time(command.when, language=t.language, zone=zone, t=t)
            entry = move_to(session=session, owner=command.user, ref=command.reference, stage=command.stage,
                            when=when)
            number = _number_of(session, command.user, entry.id)
            return words.moved_message(entry, number, zone=zone, t=t)

        try:
            message = await self.db(move)
        except NotFound as refusal:
            if command.reference.isdigit():  # a number typed: the services' sentence names it
                await self._refuse(command, refusal, t)
            else:  # a button's id, which means nothing to the person
                await self.reply(command.origin, Message(text=t(NOT_YOURS), private_to=command.user))
            return
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        message.private_to = command.user  # where an application stands is theirs, as the board is
        await self.reply(command.origin, message)

    async def note_tracked(self, command: c.NoteTracked) -> None:
        t = await self.translator_for(command.user)
        try:
            entry_title = await self.db(lambda session: add_note(
                session=session, owner=command.user, ref=command.reference, text=command.text).title)
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        await self.reply(command.origin, Message(text=t("📝 Noted on “{title}”.", title=entry_title),
                                                 private_to=command.user))

    async def set_follow_up(self, command: c.SetFollowUp) -> None:
        t = await self.translator_for(command.user)
        days = command.days.strip()
        if not days.isascii() or not days.isdigit():
            await self.reply(command.origin, Message(text=t(NO_DAYS)))
            return
        try:
            await self.db(lambda session: set_follow_up_days(session=session, user=command.user, days=int(days)))
        except Refused as refusal:
            await self._refuse(command, refusal, t)
            return
        await self.reply(command.origin, Message(text=t.ngettext(
            "I'll remind you to follow up when an application has waited {n} day in “Applied”.",
            "I'll remind you to follow up when an application has waited {n} days in “Applied”.", int(days))))

    async def export_tracker(self, command: c.ExportTracker) -> None:
        """The board as two files: a spreadsheet (CSV) and the interviews as a calendar (.ics)."""
        t = await self.translator_for(command.user)

        def files(session):
            entries = board_of(session=session, owner=command.user)
            if not entries:
                return None
            name = command.user.display_name or ""
            return [Document("applications.csv", to_csv(entries), "text/csv"),
                    Document("interviews.ics", to_ics(entries, owner_name=name, summary=t(INTERVIEW_SUMMARY)),
                             "text/calendar")]

        documents = await self.db(files)
        if documents is None:
            await self.reply(command.origin, Message(text=t(words.EMPTY)))
            return
        await self.messengers[command.origin.platform].send_documents(
            command.origin, documents,
            caption=t("Your applications as a spreadsheet (CSV) and your interviews as a calendar file (.ics)."))

    async def tracker_usage(self, command: c.TrackerUsage) -> None:
        t = await self.translator_for(command.user)
        await self.reply(command.origin, Message(text=t("I didn't understand that. /tracker takes:") + "\n"
                                                 + t(words.USAGE)))


def _interview_time(text: str, *, language: str, zone: str, t: Translator) -> datetime:
    """The interview's moment (UTC); ``Refused`` for words that name no date or a moment already past."""
    now = datetime.now(UTC)
    when = read_when(text, language=language, zone=zone, now=now)
    if when is None:
        raise Refused(BAD_DATE, params={"when": text[:60]})
    if when <= now:
        raise Refused(PAST_DATE, params={"when": local_moment(when, zone, t)})
    return when


def _number_of(session, user, entry_id: str) -> int | None:
    """The entry's number in the chat (services.tracker.numbers_of)."""
    return numbers_of(board_of(session=session, owner=user)).get(entry_id)
