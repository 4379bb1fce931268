"""The bot's words in the user's language: gettext catalogues read with Babel, one per language.

Every sentence the bot says is written in English in the code, marked for extraction (``t("…")``,
``t.ngettext(…)``, ``N_("…")`` for module-level constants, ``Phrase(N_("…"), …)`` and
``Phrase.ngettext(…)`` for sentences said later) and translated from the catalogues in
``i18n/locales/<lang>/LC_MESSAGES/messages.po``. The ``.po`` files are the source of truth and are
compiled in memory on first use (Babel's ``read_po``/``write_mo``), so there is no build step.

Placeholders are named (``{query}``) and filled after translation with ``str.format``, so a
translation may move them and a user's text is never read as a template.

Who hears it, in which language: the bot answers a person in ``user_language(chat_user.language,
chat_user.locale)``: their ``/language`` choice, else their app's language, else English.

Sentences written by the worker (one mechanism for all of them): a failure's reason
(``domain.errors.PermanentError``, ``services.errors.Refused``) and a search's notes are
``i18n.phrase.Phrase`` values — English text (a ``str``: the REST API, logs and ``error_message``
stay English, its contract) that keeps its msgid and parameters. The worker stores the machine
form beside the English: ``record.error_phrase`` and ``JobSearch.note_phrases`` (``Phrase.to_dict``,
JSON, migration 0007), and the chat says it again in the reader's language (``t(phrase)``;
``bot.core.texts.failure_reason`` and ``notes_of``). A record stored before that has only the
English; a sentence without parameters is still translated by looking it up as a msgid.

Updating the catalogues after changing a sentence (extract, merge, then translate what is new)::

    .venv/bin/python -m i18n.update       # writes i18n/messages.pot, merges into every .po,
                                          # lists the entries still untranslated or fuzzy

which is the same as::

    pybabel extract -F i18n/babel.cfg -k t -o i18n/messages.pot .
    pybabel update -i i18n/messages.pot -d i18n/locales --no-fuzzy-matching

``tests/i18n`` fails while any msgid in the code is missing from a catalogue, untranslated or fuzzy,
or a translation drops a placeholder.

How the catalogues speak, so later entries match: German says "du" („…“ quotes), French "vous"
(« … » with no-break spaces, and a narrow no-break space before ; ? !), Spanish "tú" («…»). Job
words: Stelle/Anschreiben/Lebenslauf, offre/lettre de motivation/CV, oferta/carta de presentación/CV.
Commands (/jobsearch, /apply N …) stay as typed; a search example uses the word the query parser
splits on ("in", "à"; Spanish examples are plain words, which the intent rules read). French has
three plural forms in Babel's data (one, many, other): "many" (millions) repeats "other".
"""
from __future__ import annotations

import functools
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from i18n.phrase import CountryName, LanguageName, Phrase, Series, as_phrase, stored_phrase

__all__ = [
    "DEFAULT",
    "N_",
    "SUPPORTED",
    "CountryName",
    "LanguageName",
    "Phrase",
    "Series",
    "Translator",
    "as_phrase",
    "language_names",
    "language_of",
    "stored_phrase",
    "translator",
    "user_language",
]

SUPPORTED = ("en", "de", "fr", "es")
DEFAULT = "en"
LOCALES_DIR = Path(__file__).parent / "locales"


def N_(message: str) -> str:  # noqa: N802 (the gettext convention for "mark, translate later")
    """Marks a module-level sentence for extraction; translate it where it is used: ``t(CONSTANT)``."""
    return message


class Translator:
    """One language's gettext, with named placeholders and CLDR lists."""

    def __init__(self, language: str, translations: NullTranslations):
        self.language = language
        self._translations = translations

    def __call__(self, message: str, **params) -> str:
        """``message`` (English, a catalogue msgid, or a ``Phrase``) in this language, placeholders filled."""
        if isinstance(message, Phrase):
            return message.say(self)
        text = self._translations.gettext(message)
        return text.format(**params) if params else text

    def gettext(self, message: str, **params) -> str:
        return self(message, **params)

    def ngettext(self, singular: str, plural: str, n: int, **params) -> str:
        """The form for ``n`` by the language's plural rule; ``{n}`` is filled with ``n``."""
        return self._translations.ngettext(singular, plural, n).format(n=n, **params)

    def list(self, items: list[str], style: str = "standard") -> str:
        """"A, B and C" in this language (CLDR list patterns); "" for no items."""
        items = [item for item in items if item]
        return format_list(items, style=style, locale=self.language) if items else ""

    def number(self, value: float) -> str:
        """``value`` written the language's way ("1,234.5" / "1.234,5") by Babel's CLDR data."""
        return format_decimal(value, locale=self.language)

    def timestamp(self, moment: datetime) -> str:
        """A date and a 24-hour time in UTC the language's way ("Nov 30, 2026 15:31", "30.11.2026 15:31")."""
        moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)  # SQLite hands back naive UTC
        return (f"{format_date(moment.astimezone(timezone.utc), 'medium', locale=self.language)} "
                f"{format_skeleton('Hm', moment, tzinfo=timezone.utc, locale=self.language)}")

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"


@functools.cache
def translator(language: str | None) -> Translator:
    """The translator for a supported language code; English for None or any other code."""
    language = language if language in SUPPORTED else DEFAULT
    return Translator(language, _translations(language))


def _translations(language: str) -> NullTranslations:
    po = LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"
    if language == DEFAULT or not po.exists():
        return NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain="messages")


def language_of(locale: str | None) -> str | None:
    """The supported language a platform locale names ("de-AT", "pt_BR" → None, "fr" → "fr"); None
    when it names none we speak or cannot be read (Telegram's ``language_code`` is IETF, Slack's
    ``locale`` is "en-US")."""
    if not locale:
        return None
    try:
        language = Locale.parse(locale.replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        return None
    return language if language in SUPPORTED else None


def user_language(chosen: str | None, platform_locale: str | None) -> str:
    """What to speak to a person: their ``/language`` choice, else their app's language, else English."""
    if chosen in SUPPORTED:
        return chosen
    return language_of(platform_locale) or DEFAULT


@functools.cache
def language_names() -> dict[str, str]:
    """Each supported language in its own words ("Deutsch", "Français"), for /language.

    A function, not a constant: reading four locales' CLDR data takes about 9 MB, which a bot process that
    never shows /language's buttons (or speaks only English) need not hold.
    """
    return {code: Locale(code).get_display_name(code).capitalize() for code in SUPPORTED}
