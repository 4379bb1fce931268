"""A person's lasting refinements and the language the bot speaks to them.

Writes that are the person's own action (a refinement, /prefs reset, /language) commit once,
as every use case does; reads never write. ``remember_locale`` commits only when the
platform's locale changed, so calling it on every message costs one query.
"""
from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from domain.jobs.preferences import MAX_ITEMS, MAX_SALARY, Preferences, Refinement
from i18n import N_, SUPPORTED, user_language
from services.errors import Refused
from services.ports import UserRef
from services.users import ensure_user, find_user, locale_tag
from storage.models import ChatUser

logger = logging.getLogger(__name__)



def preferences_of(session: Session, user: UserRef) -> Preferences:
    """The person's stored preferences; ``Preferences()`` (none) for someone never stored."""
    chat_user = find_user(session=session, user=user)
    return Preferences.from_dict(chat_user.preferences if chat_user else None)


def refine(session: Session, user: UserRef, refinement: Refinement) -> Preferences:
    """Apply one message's refinement to the stored preferences (``Preferences.changed``), store
    the result (creating the person on first contact) with one commit, and return it.

    The person's row is locked for the change (PostgreSQL ``FOR UPDATE``), so two refinements sent at
    once both last. Raises ``Refused`` past the bounds of ``domain.jobs.preferences`` (a minimum over
    MAX_SALARY, more than MAX_ITEMS places or companies), storing nothing."""
    chat_user = ensure_user(session=session, user=user)
    session.flush()
    session.refresh(chat_user, with_for_update=True)
    updated = Preferences.from_dict(chat_user.preferences).changed(refinement)
    beyond = updated.beyond_bounds()
    if beyond == "min_salary":
        session.rollback()
        raise Refused(N_("A minimum salary of {amount} a year is more than any posting offers; "
                         "tell me an amount up to {most}."), params={"amount": updated.min_salary, "most": MAX_SALARY})
    if beyond is not None:
        session.rollback()
        raise Refused(N_("That would make more than {most} entries in one preference. "
                         "/prefs shows them; /prefs reset clears them."), params={"most": MAX_ITEMS})
    chat_user.preferences = None if updated.empty else updated.to_dict()
    session.commit()
    logger.info("preferences of chat user %s changed", chat_user.id)
    return updated


def reset_preferences(session: Session, user: UserRef) -> None:
    """Forget every refinement (/prefs reset); one commit, none for someone never stored."""
    chat_user = find_user(session=session, user=user)
    if chat_user is not None and chat_user.preferences is not None:
        chat_user.preferences = None
        session.commit()


def set_language(session: Session, user: UserRef, code: str | None) -> None:
    """Store the language chosen with /language (a code of ``i18n.SUPPORTED``), or None to go
    back to the app's language; one commit. Raises ValueError for any other code."""
    if code is not None and code not in SUPPORTED:
        raise ValueError(f"unsupported language {code!r}; one of {', '.join(SUPPORTED)}")
    chat_user = ensure_user(session=session, user=user)
    chat_user.language = code
    session.commit()


def remember_locale(session: Session, user: UserRef, locale: str | None) -> None:
    """Keep the platform's locale (Telegram ``language_code``, Slack ``locale``), so that results
    and alerts sent later, without a message to read it from, speak the person's language.

    Commits only when it changed. Someone never stored is not stored for it (a "hello" leaves
    no record): their first request stores them with the locale its ``UserRef`` carries
    (services.users.ensure_user)."""
    _remember(session, find_user(session=session, user=user), locale)


def spoken_language(session: Session, user: UserRef) -> str:
    """``remember_locale`` of this message's locale and ``language_for``, on one look-up of the
    person: what every chat message asks first."""
    chat_user = find_user(session=session, user=user)
    _remember(session, chat_user, user.locale)
    return _spoken(chat_user, user.locale)


def _spoken(chat_user: ChatUser | None, locale: str | None) -> str:
    chosen, stored_locale = (chat_user.language, chat_user.locale) if chat_user else (None, None)
    return user_language(chosen, locale or stored_locale)


def _remember(session: Session, chat_user: ChatUser | None, locale: str | None) -> None:
    if chat_user is not None and locale_tag(locale) and chat_user.locale != locale:
        chat_user.locale = locale
        session.commit()


def language_for(session: Session, user: UserRef) -> str:
    """The language code to speak (``i18n.user_language``): the /language choice, else the app's
    locale — the one this message carries (``user.locale``) before the stored one — else English."""
    return _spoken(find_user(session=session, user=user), user.locale)


def language_of_chat_user(session: Session, chat_user_id: int | None) -> str:
    """The same for a stored person known only by id (a finished search, an alert): the choice,
    else the stored locale, else English."""
    chat_user = session.get(ChatUser, chat_user_id) if chat_user_id is not None else None
    return user_language(chat_user.language, chat_user.locale) if chat_user else user_language(None, None)
