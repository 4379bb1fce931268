"""The command menu Telegram shows next to the message field (setMyCommands), in each language we speak.

Telegram picks the list by the app's language (``language_code``); the English one is the default
for everyone else. The menu only helps people find the commands: every command works without it.
"""
from __future__ import annotations

import logging

from telegram import Bot, BotCommand
from telegram.error import TelegramError

from i18n import DEFAULT, N_, SUPPORTED, translator

logger = logging.getLogger(__name__)
# The commands worth offering, most used first (Telegram: a-z, 0-9 and _; descriptions up to 256 characters).
MENU = (
    ("jobsearch", N_("Find jobs and rank them against your CV")),
    ("apply", N_("A cover letter for job N of your list")),
    ("alert", N_("New jobs for a search, every morning or week")),
    ("alerts", N_("Your alerts: pause, time, delete")),
    ("tracker", N_("Your applications by stage; export")),
    ("prefs", N_("Your lasting refinements")),
    ("language", N_("The language I write to you in")),
    ("profile", N_("What I know about you")),
    ("status", N_("Your recent requests")),
    ("forget", N_("Delete everything I keep about you")),
    ("help", N_("What I do, and the privacy note")),
)


def menu_in(language: str) -> list[BotCommand]:
    """The menu with its descriptions in ``language`` (one of ``i18n.SUPPORTED``)."""
    t = translator(language)
    return [BotCommand(command, t(description)) for command, description in MENU]


async def register_menu(bot: Bot) -> bool:
    """Set the menu for every language (the English one as the default); False when Telegram refused,
    which is logged and otherwise ignored (the bot works the same without a menu)."""
    try:
        for language in SUPPORTED:
            await bot.set_my_commands(menu_in(language), language_code=None if language == DEFAULT else language)
    except TelegramError as exc:
        logger.warning("Telegram did not take the command menu: %s", exc)
        return False
    return True
